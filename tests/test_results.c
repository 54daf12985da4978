/*
 * Unit tests of results.c: the order of SPEC §5 for one scenario, and
 * results_compute_again, which `tkk sweep` uses to keep a bonus's steps 1–2 between
 * variants (issue 13) — it must give what a fresh results_compute gives. (The lines,
 * monthly totals, budget and funding of results_compute are checked end to end in
 * test_funding.c's test_results_compute.) Expected values are worked out by hand in the
 * comments.
 */
#include "fixture_scenario.h"

#include "results.h"

/* 2021-01..2021-12; one coach line: 2 FTE × 3 000 × (1 + 0,2) = 7 200,00 a month,
 * 86 400,00 in the year. A bonus of 1 000 €, method share, one indicator `placements`
 * normalised by max, unit 0,01:
 *   A grant 10 000, 3 placements → n = 3/3 = 1
 *   B grant 20 000, 1 placement  → n = 1/3
 *   C grant  5 000, 2 placements → n = 2/3
 * Basis w = score; Σw = 2, no cap → λ = 1 000 ÷ 2 = 500: a = 500, 166,666…, 333,333…;
 * Σa = 1 000 = A; floors 500 + 166,66 + 333,33 = 999,99, so one unit of 0,01 remains and
 * goes to the largest remainder, B's 0,00666… (C's is 0,00333…): 500, 166,67, 333,33. */
static scenario *bonus_scenario(void)
{
    scenario *s = fixture_new("2021-01", "2021-12");
    fixture_staff(s, "staff.coaches", "2", "3000", "0.2")->coach = true;
    fixture_bonus(s, "1000", "placements");
    fixture_bonus_project(s, "A", "10000", "3");
    fixture_bonus_project(s, "B", "20000", "1");
    fixture_bonus_project(s, "C", "5000", "2");
    return s;
}

static void assert_bonus(const results *r, const char *lambda, const char *a, const char *b,
                         const char *c, const char *allocated, const char *unallocated)
{
    assert_true(r->has_bonus);
    assert_int_equal(r->bonus.n_projects, 3);
    assert_true(r->bonus.has_lambda);
    assert_true(q_eq(r->bonus.lambda, lambda));
    assert_true(q_eq(r->bonus.projects[0].bonus, a));
    assert_true(q_eq(r->bonus.projects[1].bonus, b));
    assert_true(q_eq(r->bonus.projects[2].bonus, c));
    assert_true(q_eq(r->bonus.allocated, allocated));
    assert_true(q_eq(r->bonus.unallocated, unallocated));
}

/* Field by field, what results_compute_again gave equals a fresh results_compute. */
static void assert_same_results(const results *again, const results *fresh)
{
    assert_int_equal(again->n_months, fresh->n_months);
    assert_int_equal(again->n_lines, fresh->n_lines);
    for (size_t i = 0; i < fresh->n_lines; i++)
        assert_true(mpq_equal(again->lines[i].total, fresh->lines[i].total));
    for (int m = 0; m < fresh->n_months; m++)
        assert_true(mpq_equal(again->month_total[m], fresh->month_total[m]));
    assert_int_equal(again->n_funding, fresh->n_funding);
    for (size_t i = 0; i < fresh->n_funding; i++)
        assert_true(mpq_equal(again->funding[i].municipal_net, fresh->funding[i].municipal_net));
    assert_int_equal(again->has_bonus, fresh->has_bonus);
    assert_true(mpq_equal(again->bonus.lambda, fresh->bonus.lambda));
    assert_true(mpq_equal(again->bonus.allocated, fresh->bonus.allocated));
    assert_true(mpq_equal(again->bonus.unallocated, fresh->bonus.unallocated));
    for (size_t p = 0; p < fresh->bonus.n_projects; p++) {
        assert_int_equal(again->bonus.projects[p].reason, fresh->bonus.projects[p].reason);
        assert_true(mpq_equal(again->bonus.projects[p].bonus, fresh->bonus.projects[p].bonus));
    }
}

static void test_compute_with_bonus(void **state)
{
    (void)state;
    scenario *s = bonus_scenario();
    results *r = results_compute(s);
    assert_int_equal(r->n_lines, 1);
    assert_true(q_eq(r->lines[0].total, "86400"));
    assert_true(q_eq(r->month_total[11], "7200"));
    assert_true(q_eq(r->coach_fte[11], "2"));
    assert_bonus(r, "500", "500", "166.67", "333.33", "1000", "0");
    /* Without [reward] the rewards are still computed, as zeros (results.c), so a
     * presenter never reads an uninitialised sum. */
    assert_false(r->has_rewards);
    assert_true(q_eq(r->rewards.claimed, "0"));
    assert_true(q_eq(r->rewards.paid, "0"));
    assert_true(q_eq(r->rewards.over_allocation, "0"));
    results_free(r);
    scenario_free(s);
}

/* A sweep variant: pool 600 and cap 2 % of the grant (A 200, B 400, C 100; Σc = 700 >
 * 600, so water-filling). C's ratio c/w = 100 ÷ 2/3 = 150 and A's 200 ÷ 1 = 200 are
 * below λ, B's 400 ÷ 1/3 = 1 200 above: 200 + λ/3 + 100 = 600 → λ = 900 (150, 200 <
 * 900 < 1 200 holds). a = 200, 300, 100, all whole cents: bonuses 200, 300, 100,
 * allocated 600, unallocated 0. The salary rises to 3 100 too: 2 × 3 100 × 1,2 =
 * 7 440,00 a month, 89 280,00 in the year — the lines are computed again, not kept. */
static void test_compute_again_equals_fresh(void **state)
{
    (void)state;
    scenario *s = bonus_scenario();
    results *r = results_compute(s);

    q(s->bonus.pool, "600");
    s->bonus.has_cap = true;
    q(s->bonus.cap, "0.02");
    q(s->staff[0].monthly_salary, "3100");
    r = results_compute_again(r, s);
    assert_bonus(r, "900", "200", "300", "100", "600", "0");
    assert_true(q_eq(r->lines[0].total, "89280"));
    assert_true(q_eq(r->month_total[0], "7440"));

    results *fresh = results_compute(s);
    assert_same_results(r, fresh);
    results_free(fresh);

    /* And back: pool 1 000 without a cap gives the first result again (λ 500). The
     * salary stays 3 100. */
    q(s->bonus.pool, "1000");
    s->bonus.has_cap = false;
    r = results_compute_again(r, s);
    assert_bonus(r, "500", "500", "166.67", "333.33", "1000", "0");
    results_free(r);
    scenario_free(s);
}

/* Without a previous result, or without a bonus in it, results_compute_again is
 * results_compute. */
static void test_compute_again_without_a_kept_bonus(void **state)
{
    (void)state;
    scenario *s = bonus_scenario();
    results *r = results_compute_again(NULL, s);
    assert_bonus(r, "500", "500", "166.67", "333.33", "1000", "0");
    results_free(r);

    scenario *plain = fixture_new("2021-01", "2021-12");
    fixture_staff(plain, "staff.coaches", "2", "3000", "0.2");
    r = results_compute(plain);
    assert_false(r->has_bonus);
    r = results_compute_again(r, s);          /* the previous result had no bonus */
    assert_bonus(r, "500", "500", "166.67", "333.33", "1000", "0");
    r = results_compute_again(r, plain);      /* the new scenario has none */
    assert_false(r->has_bonus);
    assert_true(q_eq(r->lines[0].total, "86400"));
    results_free(r);
    results_free(NULL);                       /* tolerated, like free() */
    scenario_free(plain);
    scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compute_with_bonus),
        cmocka_unit_test(test_compute_again_equals_fresh),
        cmocka_unit_test(test_compute_again_without_a_kept_bonus),
    };
    return cmocka_run_group_tests_name("results", tests, NULL, NULL);
}
