/*
 * funding — the funding split of SPEC §5.4 per calendar year and in total: total cost,
 * state-paid staff, municipal cost, eligible cost, state grant, municipal net cost and
 * the required own contribution.
 *
 *     funding_row *rows; size_t n_rows;
 *     funding_compute(&rows, &n_rows, s, lines, n_lines);
 *     ... rows[n_rows - 1] is the total row (year 0) ...
 *     funding_rows_free(rows, n_rows);
 */
#ifndef TKK_FUNDING_H
#define TKK_FUNDING_H

#include <stddef.h>
#include "results.h"
#include "scenario.h"

/* One row per year of the period, then the total row (year 0, months = n_months) that
 * sums the years and judges met/shortfall on its own sums. */
void funding_compute(funding_row **rows, size_t *n_rows, const scenario *s,
                    const line_result *lines, size_t n_lines);

/* The grant of one year: min(ROUND(state_share × eligible, 2), state_cap), the cap only
 * when given. */
void funding_state_grant(mpq_t grant, const funding_params *params, const mpq_t eligible,
                         rounding_mode mode);

/* The reference spending of a year (0: the whole period): reference_tmt.YYYY, else the
 * plain reference_tmt (SPEC §7.2); NULL when neither is given. */
const mpq_t *funding_reference_tmt(const funding_params *params, int year);

/* Sets has_required, required, met and shortfall of a row from its municipal_net:
 * required = ROUND(own_min_share × reference_tmt × months ÷ 12, 2) (per-year rows; the
 * year's reference_tmt.YYYY where given);
 * met = net ≥ required; shortfall = required − net when not met, else 0. Without both
 * reference_tmt and own_min_share: has_required false, met false, shortfall 0. */
void funding_required(funding_row *row, const funding_params *params, rounding_mode mode);

/* Tolerates NULL. */
void funding_rows_free(funding_row *rows, size_t n_rows);

#endif
