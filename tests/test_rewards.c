/* Unit tests of rewards: totals per criterion, claimed, paid within the allocation and
 * over the allocation (SPEC §5.7); and results_compute() with rewards and a bonus. */
#include "rewards.h"
#include "fixture_scenario.h"

/* The 2014 trial in Satakunta: 1 500 × 12 = 18 000; 1 000 × 10 = 10 000;
 * 500 × 20 = 10 000; 500 × 14 = 7 000. */
static scenario *fixture_satakunta(void)
{
    scenario *s = fixture_new("2014-01", "2014-12");
    fixture_reward(s, "permanent-open", NULL, "1500", 12);
    fixture_reward(s, "permanent-subsidy", NULL, "1000", 10);
    fixture_reward(s, "fixed-3-months", NULL, "500", 20);
    fixture_reward(s, "fixed-6-months", NULL, "500", 14);
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
    rewards_compute(&r, s);
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
    rewards_compute(&r, s);
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
    rewards_compute(&r, s);
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
    fixture_reward(s, "odd", NULL, "333.345", 3);
    fixture_reward(s, "nobody", NULL, "1500", 0);

    reward_result r;
    rewards_compute(&r, s);
    assert_true(q_eq(r.totals[0], "1000.05"));
    assert_true(q_eq(r.totals[1], "0"));
    assert_true(q_eq(r.claimed, "1000.05"));
    rewards_result_clear(&r, s->n_rewards);

    s->rounding = ROUND_HALF_EVEN;
    rewards_compute(&r, s);
    assert_true(q_eq(r.totals[0], "1000.02"));
    rewards_result_clear(&r, s->n_rewards);
    scenario_free(s);
}

/* A bonus with one indicator (weight 100 %, max) and two projects with values 3 and 1:
 * scores 1 and 1/3; method share, pool 1 000: λ × (1 + 1/3) = 1 000 → 750 and 250. */
static void fixture_bonus_two_projects(scenario *s)
{
    fixture_bonus(s, "1000", "activation");
    fixture_bonus_project(s, "a", "100000", "3");
    fixture_bonus_project(s, "b", "100000", "1");
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

    fixture_bonus_two_projects(s);
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
