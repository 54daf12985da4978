/* Unit tests of budget: Budget, Plan and Actual rows per year and category (SPEC §5.3).
 * The lines are built by hand, month by month, so Plan is checked on its own. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gmp.h>

#include "budget.h"
#include "results.h"
#include "scenario.h"

/* ---- fixture: a hand-built scenario (what scenario_load() would produce) ---- */

/* "3162.00", "-0.5", "2/3": an exact rational from a plain decimal or a fraction. */
static void q(mpq_t out, const char *text)
{
    const char *dot = strchr(text, '.');
    if (!dot) {
        assert_int_equal(mpq_set_str(out, text, 10), 0);
        mpq_canonicalize(out);
        return;
    }
    char digits[64];
    size_t whole = (size_t)(dot - text), decimals = strlen(dot + 1);
    assert_true(whole + decimals < sizeof digits);
    memcpy(digits, text, whole);
    memcpy(digits + whole, dot + 1, decimals + 1);
    assert_int_equal(mpz_set_str(mpq_numref(out), digits, 10), 0);
    mpz_ui_pow_ui(mpq_denref(out), 10, decimals);
    mpq_canonicalize(out);
}

/* True when value equals the decimal text exactly. */
static bool q_eq(const mpq_t value, const char *text)
{
    mpq_t expected;
    mpq_init(expected);
    q(expected, text);
    bool equal = mpq_equal(value, expected) != 0;
    if (!equal)
        gmp_fprintf(stderr, "expected %s, got %Qd\n", text, value);
    mpq_clear(expected);
    return equal;
}

static month_t mon(const char *text)
{
    month_t m;
    assert_true(month_parse(text, &m));
    return m;
}

static scenario *fixture_new(const char *start, const char *end)
{
    scenario *s = calloc(1, sizeof *s);
    assert_non_null(s);
    mpz_init(s->clients);
    mpq_inits(s->funding.state_share, s->funding.state_cap, s->funding.reference_tmt,
              s->funding.own_min_share, s->allocation, NULL);
    bonus_input_init(&s->bonus);
    s->start = mon(start);
    s->end = mon(end);
    s->n_months = s->end - s->start + 1;
    s->first_year = month_year(s->start);
    s->n_years = month_year(s->end) - s->first_year + 1;
    s->rounding = ROUND_HALF_UP;
    return s;
}

/* A line_result as results_compute() would build it, from its monthly cents. */
static void line_add(line_result *lines, size_t *n_lines, const scenario *s,
                     cost_category category, payer who, bool eligible,
                     const char *const amounts[])
{
    line_result *line = &lines[(*n_lines)++];
    memset(line, 0, sizeof *line);
    line->id = "line";
    line->category = category;
    line->payer = who;
    line->eligible = eligible;
    line->monthly = calloc((size_t)s->n_months, sizeof *line->monthly);
    assert_non_null(line->monthly);
    mpq_init(line->total);
    for (int i = 0; i < s->n_months; i++) {
        mpq_init(line->monthly[i]);
        q(line->monthly[i], amounts[i]);
        mpq_add(line->total, line->total, line->monthly[i]);
    }
}

static void lines_free(line_result *lines, size_t n_lines, const scenario *s)
{
    for (size_t l = 0; l < n_lines; l++) {
        for (int i = 0; i < s->n_months; i++)
            mpq_clear(lines[l].monthly[i]);
        free(lines[l].monthly);
        mpq_clear(lines[l].total);
    }
}

/* n_years zeroed year_amounts with every mpq initialised, as the loader keeps them. */
static year_amounts *years_new(const scenario *s)
{
    year_amounts *years = calloc((size_t)s->n_years, sizeof *years);
    assert_non_null(years);
    for (int y = 0; y < s->n_years; y++) {
        mpq_init(years[y].total);
        for (int c = 0; c < CAT_COUNT; c++)
            mpq_init(years[y].category[c]);
    }
    return years;
}

static void year_set(year_amounts *year, cost_category category, const char *amount)
{
    if (category == CAT_COUNT) {
        year->has_total = true;
        q(year->total, amount);
    } else {
        year->has_category[category] = true;
        q(year->category[category], amount);
    }
}

/* 2021-11..2022-02, four lines:
 *   personnel, municipality: 1 000, 1 000, 1 100, 1 100
 *   personnel, state:          500,   500,   500,   500   (never in Plan)
 *   premises:                  300,   300,   300,   300
 *   other:                       0,    50,     0,    70
 * Plan 2021: personnel 1 000 + 1 000 = 2 000, premises 600, other 50, total 2 650.
 * Plan 2022: personnel 1 100 + 1 100 = 2 200, premises 600, other 70, total 2 870. */
static size_t fixture_lines(line_result *lines, const scenario *s)
{
    size_t n = 0;
    line_add(lines, &n, s, CAT_PERSONNEL, PAYER_MUNICIPALITY, true,
             (const char *const[]){ "1000", "1000", "1100", "1100" });
    line_add(lines, &n, s, CAT_PERSONNEL, PAYER_STATE, true,
             (const char *const[]){ "500", "500", "500", "500" });
    line_add(lines, &n, s, CAT_PREMISES, PAYER_MUNICIPALITY, true,
             (const char *const[]){ "300", "300", "300", "300" });
    line_add(lines, &n, s, CAT_OTHER, PAYER_MUNICIPALITY, false,
             (const char *const[]){ "0", "50", "0", "70" });
    return n;
}

static void assert_row(const budget_row *row, int year, cost_category category,
                       const char *budget, const char *plan, const char *actual)
{
    assert_int_equal(row->year, year);
    assert_int_equal(row->category, category);
    assert_true(q_eq(row->plan, plan));
    assert_int_equal(row->has_budget, budget != NULL);
    if (budget)
        assert_true(q_eq(row->budget, budget));
    assert_int_equal(row->has_actual, actual != NULL);
    if (actual)
        assert_true(q_eq(row->actual, actual));
}

/* Budget 2021: total 3 000 and personnel 2 100 → total row 3 000 (the given total).
 * Budget 2022: personnel 2 300 and other 100, no total → total row 2 300 + 100 = 2 400.
 * Actual 2021: total 2 700 and all three categories 2 000 + 650 + 50 = 2 700.
 * Actual 2022: nothing → blank everywhere. */
static void test_budget_rows(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-11", "2022-02");
    s->has_budget = s->has_actual = true;
    s->budget = years_new(s);
    s->actual = years_new(s);
    year_set(&s->budget[0], CAT_COUNT, "3000");
    year_set(&s->budget[0], CAT_PERSONNEL, "2100");
    year_set(&s->budget[1], CAT_PERSONNEL, "2300");
    year_set(&s->budget[1], CAT_OTHER, "100");
    year_set(&s->actual[0], CAT_COUNT, "2700");
    year_set(&s->actual[0], CAT_PERSONNEL, "2000");
    year_set(&s->actual[0], CAT_PREMISES, "650");
    year_set(&s->actual[0], CAT_OTHER, "50");
    line_result lines[4];
    size_t n_lines = fixture_lines(lines, s);

    budget_row *rows;
    size_t n_rows;
    assert_int_equal(budget_compute(&rows, &n_rows, s, lines, n_lines), 0);
    assert_int_equal(n_rows, 8);
    assert_row(&rows[0], 2021, CAT_PERSONNEL, "2100", "2000", "2000");
    assert_row(&rows[1], 2021, CAT_PREMISES, NULL, "600", "650");
    assert_row(&rows[2], 2021, CAT_OTHER, NULL, "50", "50");
    assert_row(&rows[3], 2021, CAT_COUNT, "3000", "2650", "2700");
    assert_row(&rows[4], 2022, CAT_PERSONNEL, "2300", "2200", NULL);
    assert_row(&rows[5], 2022, CAT_PREMISES, NULL, "600", NULL);
    assert_row(&rows[6], 2022, CAT_OTHER, "100", "70", NULL);
    assert_row(&rows[7], 2022, CAT_COUNT, "2400", "2870", NULL);

    budget_rows_free(rows, n_rows);
    lines_free(lines, n_lines, s);
    scenario_free(s);
}

/* Without [budget] and [actual] (arrays NULL) every Budget/Actual is blank, Plan stays. */
static void test_budget_without_amounts(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-11", "2022-02");
    line_result lines[4];
    size_t n_lines = fixture_lines(lines, s);

    budget_row *rows;
    size_t n_rows;
    assert_int_equal(budget_compute(&rows, &n_rows, s, lines, n_lines), 0);
    assert_int_equal(n_rows, 8);
    assert_row(&rows[0], 2021, CAT_PERSONNEL, NULL, "2000", NULL);
    assert_row(&rows[3], 2021, CAT_COUNT, NULL, "2650", NULL);
    assert_row(&rows[7], 2022, CAT_COUNT, NULL, "2870", NULL);

    budget_rows_free(rows, n_rows);
    lines_free(lines, n_lines, s);
    scenario_free(s);
}

/* The total cell: the given total wins over the categories (3 000, not 1 000 + 200);
 * without a total, the sum of the given categories (1 000 + 200 = 1 200); with nothing,
 * no value. A category cell is only its own value. */
static void test_budget_year_value(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-01", "2021-12");
    year_amounts *year = years_new(s);
    mpq_t value;
    mpq_init(value);

    assert_false(budget_year_value(value, year, CAT_COUNT));
    assert_false(budget_year_value(value, year, CAT_OTHER));
    assert_false(budget_year_value(value, NULL, CAT_COUNT));

    year_set(year, CAT_PERSONNEL, "1000");
    year_set(year, CAT_OTHER, "200");
    assert_true(budget_year_value(value, year, CAT_COUNT));
    assert_true(q_eq(value, "1200"));
    assert_true(budget_year_value(value, year, CAT_OTHER));
    assert_true(q_eq(value, "200"));
    assert_false(budget_year_value(value, year, CAT_PREMISES));

    year_set(year, CAT_COUNT, "3000");
    assert_true(budget_year_value(value, year, CAT_COUNT));
    assert_true(q_eq(value, "3000"));

    mpq_clear(value);
    s->budget = year;   /* scenario_free() frees it with the scenario */
    scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_budget_rows),
        cmocka_unit_test(test_budget_without_amounts),
        cmocka_unit_test(test_budget_year_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
