/* Unit tests of costs: staff, premises and other cost lines month by month (SPEC §5.1,
 * §5.2) and the coach FTE per month. Every expectation is computed by hand below. */
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

#include "costs.h"
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

static char *dup(const char *text)
{
    char *copy = strdup(text);
    assert_non_null(copy);
    return copy;
}

/* Appends one zeroed element to a fixture array and returns it. */
static void *grow_array(void *items, size_t *n, size_t size)
{
    char *bigger = realloc(items, (*n + 1) * size);
    assert_non_null(bigger);
    memset(bigger + *n * size, 0, size);
    (*n)++;
    return bigger;
}
#define GROW(array, n) ((array) = grow_array((array), &(n), sizeof *(array)), &(array)[(n) - 1])

static staff_line *fixture_staff(scenario *s, const char *id, const char *fte,
                                 const char *salary, const char *side_costs)
{
    staff_line *line = GROW(s->staff, s->n_staff);
    line->id = dup(id);
    line->role = dup("Omavalmentaja");
    mpq_inits(line->fte, line->monthly_salary, line->side_costs, NULL);
    q(line->fte, fte);
    q(line->monthly_salary, salary);
    q(line->side_costs, side_costs);
    line->payer = PAYER_MUNICIPALITY;
    line->eligible = true;
    line->start = s->start;
    line->end = s->end;
    return line;
}

static void fixture_step(scenario *s, const char *month, const char *raise)
{
    indexation_step *step = GROW(s->indexation, s->n_indexation);
    step->month = mon(month);
    mpq_init(step->raise);
    q(step->raise, raise);
}

static premises_line *fixture_premises(scenario *s, const char *id, const char *setup,
                                       const char *rent)
{
    premises_line *line = GROW(s->premises, s->n_premises);
    line->id = dup(id);
    mpq_inits(line->setup, line->monthly_rent, NULL);
    q(line->setup, setup);
    q(line->monthly_rent, rent);
    line->start = line->setup_month = s->start;
    line->end = s->end;
    line->eligible = true;
    return line;
}

static cost_line *fixture_cost(scenario *s, const char *id)
{
    cost_line *line = GROW(s->costs, s->n_costs);
    line->id = dup(id);
    mpq_inits(line->amount, line->monthly, NULL);
    line->category = CAT_OTHER;
    line->month = line->start = s->start;
    line->end = s->end;
    line->eligible = true;
    return line;
}

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
