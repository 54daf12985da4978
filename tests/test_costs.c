/* Unit tests of costs: staff, premises and other cost lines month by month (SPEC §5.1,
 * §5.2) and the coach FTE per month. Every expectation is computed by hand below. */
#include "costs.h"
#include "fixture_scenario.h"

static mpq_t *months_new(const scenario *s)
{
    mpq_t *months = calloc((size_t)s->n_months, sizeof *months);
    assert_non_null(months);
    for (int i = 0; i < s->n_months; i++)
        mpq_init(months[i]);
    return months;
}

static void months_free(mpq_t *months, const scenario *s)
{
    for (int i = 0; i < s->n_months; i++)
        mpq_clear(months[i]);
    free(months);
}

/* ---- §5.1 salary and indexation ---- */

/* 3 100 × 1,02 = 3 162,00 from 2022-01; then 3 162,00 × 1,015 = 3 209,43 from 2022-06. */
static void test_salary_indexation_steps(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-03", "2022-12");
    fixture_step(s, "2022-01", "0.02");
    fixture_step(s, "2022-06", "0.015");
    mpq_t base, salary;
    mpq_inits(base, salary, NULL);
    q(base, "3100");

    costs_salary(salary, base, s->indexation, s->n_indexation, mon("2021-12"), ROUND_HALF_UP);
    assert_true(q_eq(salary, "3100"));
    costs_salary(salary, base, s->indexation, s->n_indexation, mon("2022-01"), ROUND_HALF_UP);
    assert_true(q_eq(salary, "3162.00"));
    costs_salary(salary, base, s->indexation, s->n_indexation, mon("2022-05"), ROUND_HALF_UP);
    assert_true(q_eq(salary, "3162.00"));
    costs_salary(salary, base, s->indexation, s->n_indexation, mon("2022-06"), ROUND_HALF_UP);
    assert_true(q_eq(salary, "3209.43"));
    costs_salary(salary, base, s->indexation, s->n_indexation, mon("2022-12"), ROUND_HALF_UP);
    assert_true(q_eq(salary, "3209.43"));

    mpq_clears(base, salary, NULL);
    scenario_free(s);
}

/* Each raise is rounded before the next: 2 555,55 × 1,017 = 2 598,99435 → 2 598,99;
 * × 1,017 = 2 643,17283 → 2 643,17. Without the intermediate rounding it would be
 * 2 555,55 × 1,034289 = 2 643,1772… → 2 643,18. */
static void test_salary_rounding_chain(void **state)
{
    (void)state;
    scenario *s = fixture_new("2022-01", "2022-12");
    fixture_step(s, "2022-02", "0.017");
    fixture_step(s, "2022-03", "0.017");
    mpq_t base, salary;
    mpq_inits(base, salary, NULL);
    q(base, "2555.55");

    costs_salary(salary, base, s->indexation, s->n_indexation, mon("2022-02"), ROUND_HALF_UP);
    assert_true(q_eq(salary, "2598.99"));
    costs_salary(salary, base, s->indexation, s->n_indexation, mon("2022-03"), ROUND_HALF_UP);
    assert_true(q_eq(salary, "2643.17"));

    /* The staff line takes the same chain month by month (fte 1, no side costs). */
    fixture_staff(s, "staff.a", "1", "2555.55", "0");
    mpq_t *monthly = months_new(s);
    costs_staff_monthly(monthly, s, &s->staff[0]);
    assert_true(q_eq(monthly[0], "2555.55"));
    assert_true(q_eq(monthly[1], "2598.99"));
    assert_true(q_eq(monthly[2], "2643.17"));
    assert_true(q_eq(monthly[11], "2643.17"));

    months_free(monthly, s);
    mpq_clears(base, salary, NULL);
    scenario_free(s);
}

/* ---- §5.1 cost = ROUND(fte × salary × (1 + side_costs), 2) ---- */

/* 1 × 1 000,03 × 1,5 = 1 500,045 exactly: half-up → 1 500,05, half-even → 1 500,04
 * (4 is even). One rounding only: ROUND(1 000,03 × 1,5) is not taken in steps. */
static void test_staff_cost_half_cent(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-01", "2021-02");
    fixture_staff(s, "staff.a", "1", "1000.03", "0.5");
    mpq_t *monthly = months_new(s);

    costs_staff_monthly(monthly, s, &s->staff[0]);
    assert_true(q_eq(monthly[0], "1500.05"));
    assert_true(q_eq(monthly[1], "1500.05"));

    s->rounding = ROUND_HALF_EVEN;
    costs_staff_monthly(monthly, s, &s->staff[0]);
    assert_true(q_eq(monthly[0], "1500.04"));

    /* 0,5 × 2 000,01 × 1 = 1 000,005: half-up 1 000,01, half-even 1 000,00. */
    fixture_staff(s, "staff.b", "0.5", "2000.01", "0");
    costs_staff_monthly(monthly, s, &s->staff[1]);
    assert_true(q_eq(monthly[0], "1000.00"));
    s->rounding = ROUND_HALF_UP;
    costs_staff_monthly(monthly, s, &s->staff[1]);
    assert_true(q_eq(monthly[0], "1000.01"));

    months_free(monthly, s);
    scenario_free(s);
}

/* Scenario 2021-03..2021-12, line 2021-06..2021-09 with 2 FTE × 3 000 × 1,2 = 7 200,00,
 * a 2 % raise on 2021-08: 3 060,00 → 2 × 3 060 × 1,2 = 7 344,00. Indices 0..2 and 7..9
 * (months outside the line) are 0. */
static void test_staff_part_of_period(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-03", "2021-12");
    fixture_step(s, "2021-08", "2/100");
    staff_line *line = fixture_staff(s, "staff.a", "2", "3000", "0.2");
    line->start = mon("2021-06");
    line->end = mon("2021-09");
    mpq_t *monthly = months_new(s);
    for (int i = 0; i < s->n_months; i++)
        mpq_set_ui(monthly[i], 99, 1);   /* must be overwritten with 0 outside the line */

    costs_staff_monthly(monthly, s, line);
    const char *expected[10] = { "0", "0", "0", "7200", "7200", "7344", "7344", "0", "0", "0" };
    for (int i = 0; i < 10; i++)
        assert_true(q_eq(monthly[i], expected[i]));

    months_free(monthly, s);
    scenario_free(s);
}

/* A raise before the line's own start still applies (the salary is the level at the
 * scenario's start): raise 10 % on 2021-02, line from 2021-04: 1 × 2 000 × 1,1 = 2 200. */
static void test_staff_raise_before_line_start(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-01", "2021-06");
    fixture_step(s, "2021-02", "0.1");
    staff_line *line = fixture_staff(s, "staff.a", "1", "2000", "0");
    line->start = mon("2021-04");
    mpq_t *monthly = months_new(s);

    costs_staff_monthly(monthly, s, line);
    assert_true(q_eq(monthly[2], "0"));
    assert_true(q_eq(monthly[3], "2200"));
    assert_true(q_eq(monthly[5], "2200"));

    months_free(monthly, s);
    scenario_free(s);
}

/* ---- §5.2 premises and other costs ---- */

/* Set-up 26 000 and rent 2 400 both in 2021-03: 28 400; then 2 400 a month.
 * Σ = 26 000 + 10 × 2 400 = 50 000. */
static void test_premises_setup_and_rent(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-03", "2021-12");
    premises_line *line = fixture_premises(s, "premises.module", "26000", "2400");
    mpq_t *monthly = months_new(s);
    mpq_t sum;
    mpq_init(sum);

    costs_premises_monthly(monthly, s, line);
    assert_true(q_eq(monthly[0], "28400"));
    for (int i = 1; i < 10; i++)
        assert_true(q_eq(monthly[i], "2400"));
    for (int i = 0; i < 10; i++)
        mpq_add(sum, sum, monthly[i]);
    assert_true(q_eq(sum, "50000"));

    mpq_clear(sum);
    months_free(monthly, s);
    scenario_free(s);
}

/* Set-up and rent are rounded separately, then added: setup 100,005 → 100,01 and rent
 * 0,005 → 0,01 (half-up): 100,02, not ROUND(100,01) = 100,01. Set-up in 2021-05 with
 * the rent running 2021-04..2021-05 only. */
static void test_premises_rounded_separately(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-03", "2021-07");
    premises_line *line = fixture_premises(s, "premises.module", "100.005", "0.005");
    line->setup_month = mon("2021-05");
    line->start = mon("2021-04");
    line->end = mon("2021-05");
    mpq_t *monthly = months_new(s);

    costs_premises_monthly(monthly, s, line);
    const char *expected[5] = { "0", "0.01", "100.02", "0", "0" };
    for (int i = 0; i < 5; i++)
        assert_true(q_eq(monthly[i], expected[i]));

    months_free(monthly, s);
    scenario_free(s);
}

/* amount 17 000 in 2021-05 and monthly 150,004 (→ 150,00) in 2021-04..2021-06:
 * [0, 150, 17 150, 150, 0]. Amount only: 17 000 in its month and nothing else. */
static void test_cost_amount_and_monthly(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-03", "2021-07");
    cost_line *line = fixture_cost(s, "cost.renovation");
    line->has_amount = true;
    q(line->amount, "17000");
    line->month = mon("2021-05");
    line->has_monthly = true;
    q(line->monthly, "150.004");
    line->start = mon("2021-04");
    line->end = mon("2021-06");
    mpq_t *monthly = months_new(s);

    costs_cost_monthly(monthly, s, line);
    const char *both[5] = { "0", "150", "17150", "150", "0" };
    for (int i = 0; i < 5; i++)
        assert_true(q_eq(monthly[i], both[i]));

    line->has_monthly = false;
    costs_cost_monthly(monthly, s, line);
    const char *amount_only[5] = { "0", "0", "17000", "0", "0" };
    for (int i = 0; i < 5; i++)
        assert_true(q_eq(monthly[i], amount_only[i]));

    months_free(monthly, s);
    scenario_free(s);
}

/* Coach FTE per month: 12 coaches all year, 6 from 2021-05, 0,7 non-coach (ignored),
 * 2 coaches until 2021-04: [14, 14, 18, 18] for 2021-03..2021-06. */
static void test_coach_fte(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-03", "2021-06");
    fixture_staff(s, "staff.state", "12", "3000", "0")->coach = true;
    staff_line *own = fixture_staff(s, "staff.own", "6", "3000", "0");
    own->coach = true;
    own->start = mon("2021-05");
    fixture_staff(s, "staff.decisions", "0.7", "3000", "0");
    staff_line *early = fixture_staff(s, "staff.early", "2", "3000", "0");
    early->coach = true;
    early->end = mon("2021-04");
    mpq_t *coach_fte = months_new(s);

    costs_coach_fte(coach_fte, s);
    assert_true(q_eq(coach_fte[0], "14"));
    assert_true(q_eq(coach_fte[1], "14"));
    assert_true(q_eq(coach_fte[2], "18"));
    assert_true(q_eq(coach_fte[3], "18"));

    months_free(coach_fte, s);
    scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_salary_indexation_steps),
        cmocka_unit_test(test_salary_rounding_chain),
        cmocka_unit_test(test_staff_cost_half_cent),
        cmocka_unit_test(test_staff_part_of_period),
        cmocka_unit_test(test_staff_raise_before_line_start),
        cmocka_unit_test(test_premises_setup_and_rent),
        cmocka_unit_test(test_premises_rounded_separately),
        cmocka_unit_test(test_cost_amount_and_monthly),
        cmocka_unit_test(test_coach_fte),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
