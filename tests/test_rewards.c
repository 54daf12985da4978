/* Unit tests of rewards: totals per criterion, claimed, paid within the allocation and
 * over the allocation (SPEC §5.7); and results_compute() with rewards and a bonus. */
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

#include "results.h"
#include "rewards.h"
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

static void fixture_reward(scenario *s, const char *id, const char *amount,
                           unsigned long persons)
{
    reward_criterion *criterion = GROW(s->rewards, s->n_rewards);
    criterion->id = dup(id);
    criterion->label = dup(id);
    mpq_init(criterion->amount);
    q(criterion->amount, amount);
    criterion->persons = persons;
    s->has_rewards = true;
}

/* The 2014 trial in Satakunta: 1 500 × 12 = 18 000; 1 000 × 10 = 10 000;
 * 500 × 20 = 10 000; 500 × 14 = 7 000. */
static scenario *fixture_satakunta(void)
{
    scenario *s = fixture_new("2014-01", "2014-12");
    fixture_reward(s, "permanent-open", "1500", 12);
    fixture_reward(s, "permanent-subsidy", "1000", 10);
    fixture_reward(s, "fixed-3-months", "500", 20);
    fixture_reward(s, "fixed-6-months", "500", 14);
    return s;
}

/* Claimed 18 000 + 10 000 + 10 000 + 7 000 = 45 000; allocation 40 000 → paid 40 000,
 * over 45 000 − 40 000 = 5 000. */
static void test_rewards_with_allocation(void **state)
{
    (void)state;
    scenario *s = fixture_satakunta();
    s->has_allocation = true;
    q(s->allocation, "40000");

    reward_result r;
    assert_int_equal(rewards_compute(&r, s), 0);
    assert_true(q_eq(r.totals[0], "18000"));
    assert_true(q_eq(r.totals[1], "10000"));
    assert_true(q_eq(r.totals[2], "10000"));
    assert_true(q_eq(r.totals[3], "7000"));
    assert_true(q_eq(r.claimed, "45000"));
    assert_true(q_eq(r.paid, "40000"));
    assert_true(q_eq(r.over_allocation, "5000"));
    rewards_result_clear(&r, s->n_rewards);

    /* An allocation above the claim pays the claim: 50 000 → paid 45 000, over 0. */
    q(s->allocation, "50000");
    assert_int_equal(rewards_compute(&r, s), 0);
    assert_true(q_eq(r.paid, "45000"));
    assert_true(q_eq(r.over_allocation, "0"));
    rewards_result_clear(&r, s->n_rewards);
    scenario_free(s);
}

/* Without an allocation everything claimed is paid: 45 000, over 0. */
static void test_rewards_without_allocation(void **state)
{
    (void)state;
    scenario *s = fixture_satakunta();

    reward_result r;
    assert_int_equal(rewards_compute(&r, s), 0);
    assert_true(q_eq(r.claimed, "45000"));
    assert_true(q_eq(r.paid, "45000"));
    assert_true(q_eq(r.over_allocation, "0"));
    rewards_result_clear(&r, s->n_rewards);
    scenario_free(s);
}

/* The amount is rounded before it is multiplied: 333,345 → 333,35 (half-up) × 3 =
 * 1 000,05, or 333,34 (half-even) × 3 = 1 000,02; never ROUND(1 000,035). Zero persons
 * give 0. */
static void test_rewards_rounding(void **state)
{
    (void)state;
    scenario *s = fixture_new("2014-01", "2014-12");
    fixture_reward(s, "odd", "333.345", 3);
    fixture_reward(s, "nobody", "1500", 0);

    reward_result r;
    assert_int_equal(rewards_compute(&r, s), 0);
    assert_true(q_eq(r.totals[0], "1000.05"));
    assert_true(q_eq(r.totals[1], "0"));
    assert_true(q_eq(r.claimed, "1000.05"));
    rewards_result_clear(&r, s->n_rewards);

    s->rounding = ROUND_HALF_EVEN;
    assert_int_equal(rewards_compute(&r, s), 0);
    assert_true(q_eq(r.totals[0], "1000.02"));
    rewards_result_clear(&r, s->n_rewards);
    scenario_free(s);
}

/* A bonus with one indicator (weight 100 %, max) and two projects with values 3 and 1:
 * scores 1 and 1/3; method share, pool 1 000: λ × (1 + 1/3) = 1 000 → 750 and 250. */
static void fixture_bonus(scenario *s)
{
    bonus_input *in = &s->bonus;
    s->has_bonus = true;
    q(in->pool, "1000");
    in->method = BONUS_SHARE;
    in->indicators = calloc(1, sizeof *in->indicators);
    assert_non_null(in->indicators);
    in->n_indicators = 1;
    in->indicators[0].id = dup("activation");
    mpq_init(in->indicators[0].weight);
    q(in->indicators[0].weight, "1");
    in->indicators[0].normalize = NORMALIZE_MAX;

    const char *ids[2] = { "a", "b" }, *values[2] = { "3", "1" };
    in->projects = calloc(2, sizeof *in->projects);
    assert_non_null(in->projects);
    in->n_projects = 2;
    for (size_t p = 0; p < 2; p++) {
        bonus_project *project = &in->projects[p];
        project->id = dup(ids[p]);
        project->name = dup(ids[p]);
        mpq_init(project->grant);
        q(project->grant, "100000");
        project->values = calloc(1, sizeof *project->values);
        assert_non_null(project->values);
        mpq_init(project->values[0]);
        q(project->values[0], values[p]);
    }
}

/* results_compute() carries the rewards (45 000 claimed, 40 000 paid) and runs the
 * bonus when the scenario has one (750 + 250 = 1 000 allocated). */
static void test_results_rewards_and_bonus(void **state)
{
    (void)state;
    scenario *s = fixture_satakunta();
    s->has_allocation = true;
    q(s->allocation, "40000");

    results *r = results_compute(s);
    assert_non_null(r);
    assert_true(r->has_rewards);
    assert_true(q_eq(r->rewards.totals[3], "7000"));
    assert_true(q_eq(r->rewards.claimed, "45000"));
    assert_true(q_eq(r->rewards.paid, "40000"));
    assert_true(q_eq(r->rewards.over_allocation, "5000"));
    assert_false(r->has_bonus);
    results_free(r);

    fixture_bonus(s);
    r = results_compute(s);
    assert_non_null(r);
    assert_true(r->has_bonus);
    assert_int_equal(r->bonus.n_projects, 2);
    assert_true(q_eq(r->bonus.projects[0].bonus, "750"));
    assert_true(q_eq(r->bonus.projects[1].bonus, "250"));
    assert_true(q_eq(r->bonus.allocated, "1000"));
    results_free(r);
    scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rewards_with_allocation),
        cmocka_unit_test(test_rewards_without_allocation),
        cmocka_unit_test(test_rewards_rounding),
        cmocka_unit_test(test_results_rewards_and_bonus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
