/*
 * budget — the Budget table of SPEC §5.3: per calendar year and category, the budgeted
 * amount (from [budget]), the plan (computed) and the actual (from [actual]).
 *
 *     budget_row *rows; size_t n_rows;
 *     if (budget_compute(&rows, &n_rows, s, lines, n_lines) == 0) {
 *         ... rows[4 * y + CAT_PERSONNEL].plan, rows[4 * y + 3] is year y's total ...
 *         budget_rows_free(rows, n_rows);
 *     }
 */
#ifndef TKK_BUDGET_H
#define TKK_BUDGET_H

#include <gmp.h>
#include <stdbool.h>
#include <stddef.h>
#include "costs.h"
#include "scenario.h"

/* One row of the Budget table; category == CAT_COUNT is the year's total row. */
typedef struct {
    int year;
    cost_category category;
    bool has_budget;
    mpq_t budget;
    mpq_t plan;
    bool has_actual;
    mpq_t actual;
} budget_row;

/* Four rows per year of the period (personnel, premises, other, then total with
 * category CAT_COUNT). Plan = Σ monthly cents of municipality-paid lines of that year
 * and category. */
void budget_compute(budget_row **rows, size_t *n_rows, const scenario *s,
                    const line_result *lines, size_t n_lines);

/* The given amounts of one year as a budget/actual cell pair: a category's own value,
 * or for the total row (category == CAT_COUNT) the total when given, else the sum of the
 * given categories, else none. Returns whether there is a value (out set only then). */
bool budget_year_value(mpq_t out, const year_amounts *year, cost_category category);

/* SPEC §5.4: the year's whole actual — its total when given, else the sum of its three
 * categories when all three are given; a partial actual is none. Returns whether there
 * is one (out set only then). year may be NULL. */
bool budget_whole_actual(mpq_t out, const year_amounts *year);

/* Tolerates NULL. */
void budget_rows_free(budget_row *rows, size_t n_rows);

#endif
