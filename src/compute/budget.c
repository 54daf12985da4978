/* budget — Budget, Plan and Actual per year and category (SPEC §5.3). */
#include "budget.h"
#include "alloc.h"
#include "money_sum.h"

#include <stdlib.h>

bool budget_year_value(mpq_t out, const year_amounts *year, cost_category category)
{
    if (!year)
        return false;
    if (category != CAT_COUNT) {
        if (year->has_category[category])
            mpq_set(out, year->category[category]);
        return year->has_category[category];
    }
    if (year->has_total) {
        mpq_set(out, year->total);
        return true;
    }
    /* SPEC §4: with fewer than all parts, the total row shows the given total, or the
     * sum of the given categories when there is no total. */
    bool any = false;
    mpq_set_ui(out, 0, 1);
    for (int c = 0; c < CAT_COUNT; c++) {
        if (year->has_category[c]) {
            mpq_add(out, out, year->category[c]);
            any = true;
        }
    }
    return any;
}

bool budget_whole_actual(mpq_t out, const year_amounts *year)
{
    if (!year)
        return false;
    for (int c = 0; c < CAT_COUNT && !year->has_total; c++)
        if (!year->has_category[c])
            return false;   /* a partial actual is no basis */
    return budget_year_value(out, year, CAT_COUNT);
}

/* Σ of municipality-paid lines' cents in calendar year `year` and the category
 * (CAT_COUNT: every category). */
static void budget_plan(mpq_t plan, const scenario *s, const line_result *lines,
                        size_t n_lines, int year, cost_category category)
{
    month_t first = month_make(year, 1), last = month_make(year, 12);
    if (first < s->start)
        first = s->start;
    if (last > s->end)
        last = s->end;
    money_sum sum;   /* in cents: no gcd per addition */
    money_sum_init(&sum);
    for (size_t l = 0; l < n_lines; l++) {
        const line_result *line = &lines[l];
        if (line->payer != PAYER_MUNICIPALITY)
            continue;
        if (category != CAT_COUNT && line->category != category)
            continue;
        for (int i = first - s->start; i <= last - s->start; i++)
            money_sum_add(&sum, line->monthly[i]);
    }
    money_sum_get(plan, &sum);
    money_sum_clear(&sum);
}

void budget_compute(budget_row **rows, size_t *n_rows, const scenario *s,
                    const line_result *lines, size_t n_lines)
{
    size_t n = (size_t)s->n_years * (CAT_COUNT + 1);
    budget_row *out = xcalloc(n, sizeof *out);

    for (int y = 0; y < s->n_years; y++) {
        int year = s->first_year + y;
        const year_amounts *budget = s->has_budget && s->budget ? &s->budget[y] : NULL;
        const year_amounts *actual = s->has_actual && s->actual ? &s->actual[y] : NULL;
        for (int c = 0; c <= CAT_COUNT; c++) {
            budget_row *row = &out[(size_t)y * (CAT_COUNT + 1) + (size_t)c];
            mpq_inits(row->budget, row->plan, row->actual, NULL);
            row->year = year;
            row->category = (cost_category)c;
            row->has_budget = budget_year_value(row->budget, budget, row->category);
            row->has_actual = budget_year_value(row->actual, actual, row->category);
            budget_plan(row->plan, s, lines, n_lines, year, row->category);
        }
    }
    *rows = out;
    *n_rows = n;
}

void budget_rows_free(budget_row *rows, size_t n_rows)
{
    if (!rows)
        return;
    for (size_t i = 0; i < n_rows; i++)
        mpq_clears(rows[i].budget, rows[i].plan, rows[i].actual, NULL);
    free(rows);
}
