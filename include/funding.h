/*
 * funding — the funding split of SPEC §5.4 per calendar year and in total: total cost,
 * state-paid staff, municipal cost, eligible cost, state grant, municipal net cost, the
 * year's whole Actual and Actual net cost, and the own-contribution test judged on the
 * Actual where the year has one (else on the plan's municipal net cost).
 *
 *     funding_row *rows; size_t n_rows;
 *     funding_compute(&rows, &n_rows, s, lines, n_lines);
 *     ... rows[n_rows - 1] is the total row (year 0) ...
 *     funding_rows_free(rows, n_rows);
 *
 * The formulas live here once: funding_grant(), funding_required_amount() and
 * funding_judge() are also what the Funding sheet checks its cell formulas with.
 */
#ifndef TKK_FUNDING_H
#define TKK_FUNDING_H

#include <stdbool.h>
#include <stddef.h>
#include "costs.h"
#include "scenario.h"

/* SPEC §5.4 "Judged on": what the own-contribution test compares with Required. */
typedef enum {
    FUNDING_ON_PLAN,         /* Municipal net cost (the year has no whole Actual) */
    FUNDING_ON_ACTUAL,       /* Actual net cost */
    FUNDING_ON_MIXED         /* the total row when some years have an Actual, some not */
} funding_basis;

/* One row of the Funding table; year == 0 is the total row. */
typedef struct {
    int year;
    int months;
    mpq_t total_cost, state_paid, municipal_cost, eligible, state_grant, municipal_net;
    bool has_actual;         /* the year's whole actual; total row: every year has one */
    mpq_t actual;            /* Actual (municipal costs, from [actual]) */
    mpq_t actual_net;        /* Actual − State grant */
    funding_basis judged_on;
    mpq_t basis;             /* what Status compares: actual_net or municipal_net; the
                              * total row: the sum of the years' bases */
    bool has_required;
    mpq_t required;
    bool met;
    mpq_t shortfall;         /* required − basis when not met, else 0 */
} funding_row;

/* One row per year of the period, then the total row (year 0, months = n_months) that
 * sums the years and judges met/shortfall on its own sums. */
void funding_compute(funding_row **rows, size_t *n_rows, const scenario *s,
                    const line_result *lines, size_t n_lines);

/* SPEC §5.4: grant = min(ROUND(state_share × eligible, 2), cap); cap NULL: no cap. */
void funding_grant(mpq_t grant, const mpq_t state_share, const mpq_t eligible,
                   mpq_srcptr cap, rounding_mode mode);

/* The grant of one year from the scenario's parameters (funding_grant). */
void funding_state_grant(mpq_t grant, const funding_params *params, const mpq_t eligible,
                         rounding_mode mode);

/* The reference spending of a year (0: the whole period): reference_tmt.YYYY, else the
 * plain reference_tmt (SPEC §7.2); NULL when neither is given. */
const mpq_t *funding_reference_tmt(const funding_params *params, int year);

/* SPEC §5.4: ROUND(own_min_share × reference_tmt × months ÷ 12, 2). */
void funding_required_amount(mpq_t required, const mpq_t own_min_share,
                             const mpq_t reference_tmt, int months, rounding_mode mode);

/* SPEC §5.4 Status: met when basis ≥ required; shortfall = required − basis when not
 * met, else 0. Returns met. */
bool funding_judge(mpq_t shortfall, const mpq_t basis, const mpq_t required);

/* Sets has_required, required, met and shortfall of a per-year row from its basis:
 * required = funding_required_amount(…, row->months, mode) with the year's
 * reference_tmt.YYYY where given (§7.2), then funding_judge. Without
 * both reference_tmt and own_min_share: has_required false, met false, shortfall 0. */
void funding_required(funding_row *row, const funding_params *params, rounding_mode mode);

/* Tolerates NULL. */
void funding_rows_free(funding_row *rows, size_t n_rows);

#endif
