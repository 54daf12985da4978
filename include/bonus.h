/*
 * bonus — the performance bonus of SPEC §5.6: normalise, score, admit, allocate
 * exactly by water-filling, round to `unit` by largest remainder.
 *
 * Pure computation on exact rationals; knows nothing of files or workbooks.
 *
 *     bonus_result r;
 *     bonus_compute(&r, &scenario->bonus);      // memory: xmalloc (alloc.h)
 *     ... r.projects[i].bonus, r.lambda, r.allocated ...
 *     bonus_result_free(&r);
 */
#ifndef TKK_BONUS_H
#define TKK_BONUS_H

#include <stdbool.h>
#include <stddef.h>
#include <gmp.h>
#include "bonus_input.h"

typedef enum {
    BONUS_REASON_ELIGIBLE,
    BONUS_REASON_BELOW_MIN_SCORE,   /* "below min_score" */
    BONUS_REASON_OUTSIDE_TOP,       /* "outside top N" */
    BONUS_REASON_SCORE_ZERO         /* "score 0" */
} bonus_reason;

typedef struct {
    mpq_t *normalized;          /* n(p,k), one per indicator */
    mpq_t score;                /* s(p) = Σ weight × n */
    bonus_reason reason;
    mpq_t basis;                /* w(p) of step 4, eligible or not */
    bool has_cap;
    mpq_t cap;                  /* c(p) = cap × grant */
    mpq_t exact;                /* a(p) */
    mpq_t floor;                /* unit × ⌊a ÷ unit⌋ */
    mpq_t remainder;            /* a − floor */
    bool got_extra_unit;        /* received one of the remaining units in step 6 */
    mpq_t bonus;                /* the rounded bonus */
} bonus_project_result;

typedef struct {
    size_t n_projects, n_indicators;
    bonus_project_result *projects;   /* same order as bonus_input.projects */
    bool has_lambda;            /* share, grant-weighted: false when no eligible basis > 0 */
    mpq_t lambda;               /* λ of step 5 (max c/w when every project is capped) */
    mpq_t exact_total;          /* Σ a */
    mpq_t rounded_total;        /* A = unit × ⌊Σa ÷ unit⌋ */
    mpq_t allocated;            /* Σ bonuses */
    mpq_t unallocated;          /* pool − allocated */
    size_t eligible_count;
    bool top_tie_extended;      /* more than `top` admitted because of a tie at the boundary */
} bonus_result;

/* Fills out (which must not be initialised). */
void bonus_compute(bonus_result *out, const bonus_input *in);
/* Steps 3–6 again on a result of bonus_compute, for an input that differs only in pool,
 * method, rate, cap, min_score, top, unit or grants — not in projects, indicator values
 * or weights, whose steps 1–2 are kept (`tkk sweep`, issue 13). Gives exactly what
 * bonus_compute would, without allocating. */
void bonus_recompute(bonus_result *out, const bonus_input *in);
void bonus_result_free(bonus_result *result);



#endif
