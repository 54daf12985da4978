/* Tests for solve.c (SPEC §7.4): grid arithmetic, the defaults per kind of key, goal
 * parsing, and the bisection against an exhaustive scan on synthetic figures whose
 * every value is known by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "solve.h"

static void set_q(mpq_t out, const char *text)
{
    assert_int_equal(mpq_set_str(out, text, 10), 0);
    mpq_canonicalize(out);
}

static void assert_q(const mpq_t value, const char *expected)
{
    mpq_t want;
    mpq_init(want);
    set_q(want, expected);
    if (!mpq_equal(value, want)) {
        char *got = mpq_get_str(NULL, 10, value);
        fail_msg("got %s, want %s", got, expected);
    }
    mpq_clear(want);
}

/* A grid from texts ("1/10" etc.): returns init's status, error in error. */
static int grid(solve_grid *g, const char *from, const char *to, const char *step, char *error,
                size_t size)
{
    mpq_t a, b, s;
    mpq_inits(a, b, s, NULL);
    set_q(a, from);
    set_q(b, to);
    set_q(s, step);
    int rc = solve_grid_init(g, a, b, s, error, size);
    mpq_clears(a, b, s, NULL);
    return rc;
}

static void test_grid_count_and_values(void **state)
{
    (void)state;
    char error[512];
    solve_grid g;
    /* 0 .. 20 by 0,1: (20 − 0) ÷ 1/10 = 200 steps, 201 values. */
    assert_int_equal(grid(&g, "0", "20", "1/10", error, sizeof error), 0);
    assert_int_equal(g.count, 201);
    mpq_t v;
    mpq_init(v);
    solve_grid_value(v, &g, 77);            /* 77 × 1/10 = 77/10 = 7,7 exactly */
    assert_q(v, "77/10");
    solve_grid_value(v, &g, 200);           /* the last value is B itself */
    assert_q(v, "20");
    solve_grid_clear(&g);
    /* 1/3 .. 2 by 1/6: (2 − 1/3) ÷ 1/6 = (5/3) × 6 = 10 steps, 11 values; value 4 = 1/3 + 4/6 = 1. */
    assert_int_equal(grid(&g, "1/3", "2", "1/6", error, sizeof error), 0);
    assert_int_equal(g.count, 11);
    solve_grid_value(v, &g, 4);
    assert_q(v, "1");
    solve_grid_clear(&g);
    /* A = B: one value. */
    assert_int_equal(grid(&g, "5", "5", "1", error, sizeof error), 0);
    assert_int_equal(g.count, 1);
    solve_grid_clear(&g);
    /* Negative A: −1 .. 1 by 1/2 = 4 steps, 5 values; value 1 = −1/2. */
    assert_int_equal(grid(&g, "-1", "1", "1/2", error, sizeof error), 0);
    assert_int_equal(g.count, 5);
    solve_grid_value(v, &g, 1);
    assert_q(v, "-1/2");
    solve_grid_clear(&g);
    mpq_clear(v);
}

static void test_grid_errors(void **state)
{
    (void)state;
    char error[512];
    solve_grid g;
    /* 0 .. 10 by 0,3: 10 ÷ 0,3 = 33,3…: the grid ends at 33 × 0,3 = 9,9 or 34 × 0,3 = 10,2. */
    assert_int_equal(grid(&g, "0", "10", "3/10", error, sizeof error), -1);
    assert_non_null(strstr(error, "does not divide"));
    assert_non_null(strstr(error, "9.9 or 10.2"));
    assert_int_equal(grid(&g, "5", "1", "1", error, sizeof error), -1);
    assert_non_null(strstr(error, "--from 5 is above --to 1"));
    assert_int_equal(grid(&g, "0", "1", "0", error, sizeof error), -1);
    assert_non_null(strstr(error, "above 0"));
    assert_int_equal(grid(&g, "0", "1", "-1/10", error, sizeof error), -1);
    assert_non_null(strstr(error, "above 0"));
    /* 2^62 steps of 1: refused (an index must fit with room for index + 1). */
    assert_int_equal(grid(&g, "0", "4611686018427387904", "1", error, sizeof error), -1);
    assert_non_null(strstr(error, "2^62"));
    solve_grid_clear(&g);   /* a failed init leaves nothing to clear: harmless */
}

static void test_defaults(void **state)
{
    (void)state;
    assert_int_equal(solve_key_kind_of("staff.coaches.fte"), SOLVE_KEY_FTE);
    assert_int_equal(solve_key_kind_of("staff.amount.fte"), SOLVE_KEY_FTE);   /* id "amount" */
    assert_int_equal(solve_key_kind_of("staff.coaches.monthly_salary"), SOLVE_KEY_MONEY);
    assert_int_equal(solve_key_kind_of("premises.module.monthly_rent"), SOLVE_KEY_MONEY);
    assert_int_equal(solve_key_kind_of("budget.personnel.2021"), SOLVE_KEY_MONEY);
    assert_int_equal(solve_key_kind_of("funding.reference_tmt.2022"), SOLVE_KEY_MONEY);
    assert_int_equal(solve_key_kind_of("bonus.pool"), SOLVE_KEY_MONEY);
    assert_int_equal(solve_key_kind_of("project.pori.grant"), SOLVE_KEY_MONEY);
    assert_int_equal(solve_key_kind_of("project.pori.activation"), SOLVE_KEY_OTHER);
    assert_int_equal(solve_key_kind_of("funding.state_share"), SOLVE_KEY_UNIT_RATIO);
    assert_int_equal(solve_key_kind_of("staff.coaches.side_costs"), SOLVE_KEY_UNIT_RATIO);
    assert_int_equal(solve_key_kind_of("bonus.rate"), SOLVE_KEY_RATIO);
    assert_int_equal(solve_key_kind_of("indexation.2022-06"), SOLVE_KEY_RATIO);
    assert_int_equal(solve_key_kind_of("scenario.clients"), SOLVE_KEY_WHOLE);
    assert_int_equal(solve_key_kind_of("scenario.clients.2022"), SOLVE_KEY_WHOLE);
    assert_int_equal(solve_key_kind_of("reward.permanent.persons"), SOLVE_KEY_WHOLE);
    assert_int_equal(solve_key_kind_of("kpi.caseload.actual"), SOLVE_KEY_OTHER);
    assert_int_equal(solve_key_kind_of("tmt.actual.2021"), SOLVE_KEY_MONEY);

    mpq_t step, to, current, from;
    mpq_inits(step, to, current, from, NULL);
    solve_default_step(step, SOLVE_KEY_FTE);
    assert_q(step, "1/10");
    solve_default_step(step, SOLVE_KEY_MONEY);
    assert_q(step, "1/100");
    solve_default_step(step, SOLVE_KEY_UNIT_RATIO);
    assert_q(step, "1/1000");
    solve_default_step(step, SOLVE_KEY_WHOLE);
    assert_q(step, "1");
    /* FTE 6 from 0 by 0,1: 1 000 × 6 = 6 000, on the grid. */
    set_q(current, "6");
    solve_default_step(step, SOLVE_KEY_FTE);
    solve_default_to(to, SOLVE_KEY_FTE, current, from, step);
    assert_q(to, "6000");
    /* Current 0: 1 000. */
    mpq_set_ui(current, 0, 1);
    solve_default_to(to, SOLVE_KEY_FTE, current, from, step);
    assert_q(to, "1000");
    /* Money 2 400,0055 from 0 by 0,01: 1 000 × 2 400,0055 = 2 400 005,5, down to the grid
     * 2 400 005,50 (a multiple of 0,01 already) — and from 0,003: 0,003 + 0,01 × ⌊(2 400 005,5
     * − 0,003) ÷ 0,01⌋ = 0,003 + 0,01 × 240 000 549 = 2 400 005,493. */
    set_q(current, "4800011/2000");
    solve_default_step(step, SOLVE_KEY_MONEY);
    solve_default_to(to, SOLVE_KEY_MONEY, current, from, step);
    assert_q(to, "4800011/2");
    set_q(from, "3/1000");
    solve_default_to(to, SOLVE_KEY_MONEY, current, from, step);
    assert_q(to, "2400005493/1000");
    /* A share: 100 % whatever its current value. */
    mpq_set_ui(from, 0, 1);
    set_q(current, "3/4");
    solve_default_step(step, SOLVE_KEY_UNIT_RATIO);
    solve_default_to(to, SOLVE_KEY_UNIT_RATIO, current, from, step);
    assert_q(to, "1");
    mpq_clears(step, to, current, from, NULL);
}

static void test_goal_parse(void **state)
{
    (void)state;
    char error[512];
    solve_goal goal;
    assert_int_equal(solve_goal_parse(&goal, "Municipal_Cost <= 600 000 €", error, sizeof error), 0);
    assert_int_equal(goal.metric, SOLVE_MUNICIPAL_COST);
    assert_int_equal(goal.op, KPI_LE);
    assert_q(goal.value, "600000");
    solve_goal_clear(&goal);
    assert_int_equal(solve_goal_parse(&goal, "caseload<150,5", error, sizeof error), 0);
    assert_int_equal(goal.metric, SOLVE_CASELOAD);
    assert_int_equal(goal.op, KPI_LT);
    assert_q(goal.value, "301/2");
    /* holds: 150 < 150,5; 150,5 < 150,5 is false. */
    mpq_t v;
    mpq_init(v);
    set_q(v, "150");
    assert_true(solve_goal_holds(&goal, v));
    set_q(v, "301/2");
    assert_false(solve_goal_holds(&goal, v));
    solve_goal_clear(&goal);
    assert_int_equal(solve_goal_parse(&goal, "Shortfall >= 1/3", error, sizeof error), 0);
    assert_true(solve_goal_holds(&goal, v));
    solve_goal_clear(&goal);
    mpq_clear(v);

    assert_int_equal(solve_goal_parse(&goal, "Municpal_Cost <= 1", error, sizeof error), -1);
    assert_non_null(strstr(error, "did you mean Municipal_Cost?"));
    assert_int_equal(solve_goal_parse(&goal, "Total_Cost = 1", error, sizeof error), -1);
    assert_non_null(strstr(error, "OP one of"));
    assert_int_equal(solve_goal_parse(&goal, "Total_Cost <= 1,2,3", error, sizeof error), -1);
    assert_non_null(strstr(error, "not a number"));
    assert_int_equal(solve_goal_parse(&goal, "Caseload <= 150 €", error, sizeof error), -1);
    assert_int_equal(solve_goal_parse(&goal, "Xyzzy < 1", error, sizeof error), -1);
    assert_non_null(strstr(error, "the names are"));
}

/* ---- Bisection on synthetic figures --------------------------------------------------- */

/* figure(i) from a table of n values (numerators over 1); undefined where defined[i] is 0. */
typedef struct {
    const long *values;
    const int *defined;          /* NULL: all defined */
    unsigned long long n;
    unsigned long long calls;
} table_probe;

static int table_eval(void *context, unsigned long long i, const mpq_t value, solve_point *point)
{
    (void)value;
    table_probe *t = context;
    assert_true(i < t->n);
    t->calls++;
    point->defined = !t->defined || t->defined[i];
    if (point->defined)
        mpq_set_si(point->metric, t->values[i], 1);
    return 0;
}

/* The answer by looking at every value: the largest (or smallest) i where the goal holds;
 * -1 when none. */
static long long exhaustive(const table_probe *t, const solve_goal *goal, bool maximise)
{
    long long answer = -1;
    mpq_t v;
    mpq_init(v);
    for (unsigned long long i = 0; i < t->n; i++) {
        if (t->defined && !t->defined[i])
            continue;
        mpq_set_si(v, t->values[i], 1);
        if (solve_goal_holds(goal, v) && (maximise || answer < 0))
            answer = (long long)i;
    }
    mpq_clear(v);
    return answer;
}

static void search_table(solve_result *res, table_probe *t, const solve_goal *goal, bool maximise)
{
    solve_grid g;
    char error[256], to[32];
    snprintf(to, sizeof to, "%llu", t->n - 1);
    assert_int_equal(grid(&g, "0", to, "1", error, sizeof error), 0);
    solve_search(res, &g, goal, maximise, table_eval, t);
    solve_grid_clear(&g);
}

static void make_goal(solve_goal *goal, solve_metric metric, kpi_operator op, long value)
{
    memset(goal, 0, sizeof *goal);
    mpq_init(goal->value);
    mpq_set_si(goal->value, value, 1);
    goal->metric = metric;
    goal->op = op;
    goal->live = true;
}

static void test_search_by_hand(void **state)
{
    (void)state;
    /* A cost rising by 100 a step: 1 000, 1 100, …, 2 000 (11 values). */
    long cost[11];
    for (int i = 0; i < 11; i++)
        cost[i] = 1000 + 100 * i;
    table_probe t = {cost, NULL, 11, 0};
    solve_goal goal;
    solve_result res;

    /* Largest i with cost <= 1 450: cost(4) = 1 400 holds, cost(5) = 1 500 fails. */
    make_goal(&goal, SOLVE_TOTAL_COST, KPI_LE, 1450);
    search_table(&res, &t, &goal, true);
    assert_int_equal(res.outcome, SOLVE_FOUND);
    assert_int_equal(res.answer->index, 4);
    assert_true(res.answer->holds);
    assert_non_null(res.neighbour);
    assert_int_equal(res.neighbour->index, 5);
    assert_false(res.neighbour->holds);
    assert_true(res.monotone);
    /* Bisection: ends 10 and 0, then ⌈log2 10⌉ = 4 halvings at most: ≤ 6 probes. */
    assert_true(res.n_probes <= 6);
    assert_int_equal(t.calls, res.n_probes);   /* no value is evaluated twice */
    solve_result_clear(&res);

    /* Smallest i with cost >= 1 450: i = 5 (1 500), neighbour 4 (1 400). */
    goal.op = KPI_GE;
    search_table(&res, &t, &goal, false);
    assert_int_equal(res.outcome, SOLVE_FOUND);
    assert_int_equal(res.answer->index, 5);
    assert_int_equal(res.neighbour->index, 4);
    solve_result_clear(&res);

    /* Largest with cost >= 1 450: the end of the grid, no neighbour, one probe. */
    search_table(&res, &t, &goal, true);
    assert_int_equal(res.answer->index, 10);
    assert_null(res.neighbour);
    assert_int_equal(res.n_probes, 1);
    solve_result_clear(&res);

    /* Cost < 900: nowhere; the range reported is 1 000 (at 0) .. 2 000 (at 10). */
    goal.op = KPI_LT;
    mpq_set_si(goal.value, 900, 1);
    search_table(&res, &t, &goal, true);
    assert_int_equal(res.outcome, SOLVE_NONE);
    assert_int_equal(res.least->index, 0);
    assert_q(res.least->metric, "1000");
    assert_int_equal(res.greatest->index, 10);
    assert_q(res.greatest->metric, "2000");
    solve_result_clear(&res);
    solve_goal_clear(&goal);
}

static void test_search_not_monotone(void **state)
{
    (void)state;
    solve_goal goal;
    solve_result res;
    /* A sawtooth (an unallocated remainder): 0 50 0 50 0 50 0 50 0. Smallest i with value
     * >= 50: 0 fails, 8 fails → none found although 1, 3, 5, 7 meet it; bisection cannot
     * see inside, and the range it reports is over its 2 probes. */
    long saw[9] = {0, 50, 0, 50, 0, 50, 0, 50, 0};
    table_probe t = {saw, NULL, 9, 0};
    make_goal(&goal, SOLVE_BONUS_UNALLOCATED, KPI_GE, 50);
    search_table(&res, &t, &goal, false);
    assert_int_equal(res.outcome, SOLVE_NONE);
    assert_int_equal(res.n_probes, 2);
    solve_result_clear(&res);

    /* 0 0 10 0 10 10 10, largest i with value <= 0: 6 fails, 0 holds, mid 3 holds, mid 4
     * fails → answer 3, neighbour 4. The probes 0, 3, 4, 6 read 0, 0, 10, 10: monotone,
     * so the bump at 2 goes unseen — the check claims only what the probes show. */
    long bump[7] = {0, 0, 10, 0, 10, 10, 10};
    table_probe b = {bump, NULL, 7, 0};
    mpq_set_si(goal.value, 0, 1);
    goal.op = KPI_LE;
    search_table(&res, &b, &goal, true);
    assert_int_equal(res.outcome, SOLVE_FOUND);
    assert_int_equal(res.answer->index, 3);
    assert_int_equal(res.neighbour->index, 4);
    assert_true(res.monotone);
    solve_result_clear(&res);

    /* 0 1 2 3 100 5 6 7 200, smallest i with value >= 50: 0 fails, 8 holds, mid 4 holds
     * (100), mid 2 fails, mid 3 fails → answer 4, neighbour 3; probes 0, 2, 3, 4, 8 read
     * 0, 2, 3, 100, 200: monotone. */
    long rise[9] = {0, 1, 2, 3, 100, 5, 6, 7, 200};
    table_probe r = {rise, NULL, 9, 0};
    mpq_set_si(goal.value, 50, 1);
    goal.op = KPI_GE;
    search_table(&res, &r, &goal, false);
    assert_int_equal(res.answer->index, 4);
    assert_int_equal(res.neighbour->index, 3);
    assert_true(res.monotone);
    solve_result_clear(&res);
    /* The same with 60 at the end: the same probes read 0, 2, 3, 100, 60 — up, then
     * down: not monotone, and the search says so. */
    long dip[9] = {0, 1, 2, 3, 100, 5, 6, 7, 60};
    table_probe d = {dip, NULL, 9, 0};
    search_table(&res, &d, &goal, false);
    assert_int_equal(res.answer->index, 4);
    assert_false(res.monotone);
    solve_result_clear(&res);
    solve_goal_clear(&goal);
}

static void test_search_undefined(void **state)
{
    (void)state;
    /* A caseload with no coach at i = 0 (undefined), then 300, 150, 100, 75 (clients 300 ÷
     * i coaches). Smallest i with caseload <= 150: 0 undefined (fails), 4 holds, mid 2
     * holds (150), mid 1 fails (300) → 2, neighbour 1. */
    long caseload[5] = {0, 300, 150, 100, 75};
    int defined[5] = {0, 1, 1, 1, 1};
    table_probe t = {caseload, defined, 5, 0};
    solve_goal goal;
    solve_result res;
    make_goal(&goal, SOLVE_CASELOAD, KPI_LE, 150);
    search_table(&res, &t, &goal, false);
    assert_int_equal(res.outcome, SOLVE_FOUND);
    assert_int_equal(res.answer->index, 2);
    assert_int_equal(res.neighbour->index, 1);
    assert_false(res.probes[0].defined);
    assert_false(res.probes[0].holds);
    assert_true(res.monotone);   /* undefined values do not count */
    solve_result_clear(&res);
    solve_goal_clear(&goal);
}

/* Every monotone table of small size and every threshold and operator: bisection gives
 * the exhaustive answer; its neighbour fails. Tables: steps of 0..2 (rising) or their
 * negation (falling), so plateaus are covered. */
static void test_search_matches_exhaustive(void **state)
{
    (void)state;
    unsigned long seed = 12345;
    unsigned long long cases = 0;
    for (int round = 0; round < 3000; round++) {
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        unsigned long long n = 1 + (seed >> 33) % 40;
        long values[40];
        long level = (long)((seed >> 20) % 7) - 3;
        bool rising = (seed >> 40) & 1;
        for (unsigned long long i = 0; i < n; i++) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            level += (long)((seed >> 35) % 3);
            values[i] = rising ? level : -level;
        }
        static const kpi_operator ops[] = {KPI_LT, KPI_LE, KPI_GT, KPI_GE};
        for (size_t o = 0; o < 4; o++)
            for (long threshold = -90; threshold <= 90; threshold += 7)
                for (int maximise = 0; maximise < 2; maximise++) {
                    table_probe t = {values, NULL, n, 0};
                    solve_goal goal;
                    solve_result res;
                    make_goal(&goal, SOLVE_TOTAL_COST, ops[o], threshold);
                    search_table(&res, &t, &goal, maximise);
                    long long want = exhaustive(&t, &goal, maximise);
                    if (want < 0) {
                        assert_int_equal(res.outcome, SOLVE_NONE);
                    } else {
                        assert_int_equal(res.outcome, SOLVE_FOUND);
                        if ((long long)res.answer->index != want)
                            fail_msg("n %llu op %zu threshold %ld max %d: got %llu, want %lld",
                                     n, o, threshold, maximise, res.answer->index, want);
                        assert_true(res.answer->holds);
                        if (res.neighbour) {
                            assert_false(res.neighbour->holds);
                            assert_int_equal(res.neighbour->index,
                                             maximise ? res.answer->index + 1
                                                      : res.answer->index - 1);
                        } else {
                            assert_int_equal(res.answer->index, maximise ? n - 1 : 0);
                        }
                    }
                    assert_true(res.monotone);
                    solve_result_clear(&res);
                    solve_goal_clear(&goal);
                    cases++;
                }
    }
    assert_true(cases > 100000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grid_count_and_values),
        cmocka_unit_test(test_grid_errors),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_goal_parse),
        cmocka_unit_test(test_search_by_hand),
        cmocka_unit_test(test_search_not_monotone),
        cmocka_unit_test(test_search_undefined),
        cmocka_unit_test(test_search_matches_exhaustive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
