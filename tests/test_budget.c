/* Unit tests of budget: Budget, Plan and Actual rows per year and category (SPEC §5.3).
 * The lines are built by hand, month by month, so Plan is checked on its own. */
#include "budget.h"
#include "fixture_scenario.h"

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
    budget_compute(&rows, &n_rows, s, lines, n_lines);
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
    lines_clear(lines, n_lines, s);
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
    budget_compute(&rows, &n_rows, s, lines, n_lines);
    assert_int_equal(n_rows, 8);
    assert_row(&rows[0], 2021, CAT_PERSONNEL, NULL, "2000", NULL);
    assert_row(&rows[3], 2021, CAT_COUNT, NULL, "2650", NULL);
    assert_row(&rows[7], 2022, CAT_COUNT, NULL, "2870", NULL);

    budget_rows_free(rows, n_rows);
    lines_clear(lines, n_lines, s);
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
