/* rewards — rewards for placements within an allocation (SPEC §5.7). */
#include "rewards.h"
#include "alloc.h"

#include <stdlib.h>

void rewards_compute(reward_result *out, const scenario *s)
{
    out->totals = xcalloc(s->n_rewards, sizeof *out->totals);
    mpq_inits(out->claimed, out->paid, out->over_allocation, NULL);

    mpq_t persons;
    mpq_init(persons);
    for (size_t i = 0; i < s->n_rewards; i++) {
        const reward_criterion *criterion = &s->rewards[i];
        mpq_init(out->totals[i]);
        /* The amount per person is a payment, rounded before it is multiplied. */
        money_round(out->totals[i], criterion->amount, s->rounding);
        mpq_set_ui(persons, criterion->persons, 1);
        mpq_mul(out->totals[i], out->totals[i], persons);
        mpq_add(out->claimed, out->claimed, out->totals[i]);
    }
    mpq_clear(persons);

    mpq_set(out->paid, out->claimed);
    if (s->has_allocation && mpq_cmp(out->paid, s->allocation) > 0)
        mpq_set(out->paid, s->allocation);
    mpq_sub(out->over_allocation, out->claimed, out->paid);
}

void rewards_result_clear(reward_result *result, size_t n_criteria)
{
    if (!result || !result->totals)
        return;
    for (size_t i = 0; i < n_criteria; i++)
        mpq_clear(result->totals[i]);
    free(result->totals);
    result->totals = NULL;
    mpq_clears(result->claimed, result->paid, result->over_allocation, NULL);
}
