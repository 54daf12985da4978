/*
 * rewards — the placement rewards of SPEC §5.7: a sum per person placed, by criterion,
 * within the region's allocation.
 *
 *     reward_result r;
 *     rewards_compute(&r, s);
 *     ... r.totals[i], r.claimed, r.paid, r.over_allocation ...
 *     rewards_result_clear(&r, s->n_rewards);
 */
#ifndef TKK_REWARDS_H
#define TKK_REWARDS_H

#include <gmp.h>
#include <stddef.h>
#include "scenario.h"

typedef struct {
    mpq_t *totals;           /* per criterion: ROUND(amount, 2) × persons */
    mpq_t claimed, paid, over_allocation;
} reward_result;

/* totals[i] = ROUND(amount, 2) × persons; claimed = Σ totals; paid = min(claimed,
 * allocation), = claimed without an allocation; over_allocation = claimed − paid.
 * Fills out (not initialised before). */
void rewards_compute(reward_result *out, const scenario *s);

/* n_criteria: the count rewards_compute() was given (s->n_rewards). */
void rewards_result_clear(reward_result *result, size_t n_criteria);

#endif
