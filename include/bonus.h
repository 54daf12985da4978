/*
 * bonus — the performance bonus of SPEC §5.6: normalise, score, admit, allocate
 * exactly by water-filling, round to `unit` by largest remainder.
 *
 * Pure computation on exact rationals; knows nothing of files or workbooks.
 *
 *     bonus_result r;
 *     bonus_compute(&r, &scenario->bonus);      // memory: xmalloc (alloc.h)
 *     ... r.projects[i].bonus, r.lambda, r.allocated, r.indicators[k].denominator ...
 *     bonus_normalized(n, &r, &scenario->bonus, i, k);   // and bonus_cap, _floor, _remainder
 *     bonus_result_clear(&r);
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

/* What a project keeps of §5.6 (issue 13: a compact layout). Everything else a presenter
 * shows is derived on demand by the accessors below from these, the input and the
 * per-indicator values of step 1, giving exactly the rationals the steps used. */
typedef struct {
    mpq_t score;                /* s(p) = Σ weight × n */
    mpq_t basis;                /* w(p) of step 4, eligible or not */
    mpq_t exact;                /* a(p) */
    mpq_t bonus;                /* the rounded bonus */
    bonus_reason reason;
    bool got_extra_unit;        /* received one of the remaining units in step 6 */
} bonus_project_result;

/* Step 1 of one indicator, computed once over all projects (issue 8: each formula once;
 * the Bonus sheet reads the denominator from here). */
typedef struct {
    normalize_method method;
    mpq_t low, high;            /* smallest and largest x (max, share, minmax) */
    mpq_t denominator;          /* max: high; share: Σx; minmax: high − low; rank: 0 */
    /* rank only: per project, i + j where i..j are the 1-based ranks of its group of tied
     * values (descending), so n = (2N − (i + j)) ÷ (2(N − 1)); NULL for other methods. */
    unsigned long long *rank_sum;
} bonus_normalization;

typedef struct {
    size_t n_projects, n_indicators;
    bonus_project_result *projects;   /* same order as bonus_input.projects */
    bonus_normalization *indicators;  /* same order as bonus_input.indicators */
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
 * bonus_compute would, without allocating any part of the result (steps 5 and 6 use
 * scratch arrays for their heaps, freed before returning). */
void bonus_recompute(bonus_result *out, const bonus_input *in);
void bonus_result_clear(bonus_result *result);

/* ---- derived per project (p) and indicator (k): result and the input it was computed
 * with; out must be initialised ---------------------------------------------------------- */

/* n(p,k) of step 1. */
void bonus_normalized(mpq_t out, const bonus_result *result, const bonus_input *in, size_t p,
                      size_t k);
/* n(p,k) as num ÷ den, not reduced to lowest terms (den ≠ 0; fraction.h): for a value
 * that is only shown. num and den must be initialised. */
void bonus_normalized_fraction(mpz_t num, mpz_t den, const bonus_result *result,
                               const bonus_input *in, size_t p, size_t k);
/* c(p) = cap × grant of step 4; false (out set to 0) when the input has no cap. */
bool bonus_cap(mpq_t out, const bonus_input *in, size_t p);
/* unit × ⌊a ÷ unit⌋ of step 6 (0 for a project not eligible, whose a is 0). */
void bonus_floor(mpq_t out, const bonus_result *result, const bonus_input *in, size_t p);
/* a − floor of step 6. */
void bonus_remainder(mpq_t out, const bonus_result *result, const bonus_input *in, size_t p);

#endif
