/* Tests for the compact bonus result (issue 13) and the step-1 values it keeps once per
 * indicator (issue 8): bonus_normalized, bonus_cap, bonus_floor and bonus_remainder give
 * the rationals of SPEC §5.6 worked out by hand below, and the stored low / high /
 * denominator / rank sums are the ones the Bonus sheet reads. */
#include "fixture_scenario.h"

#include "bonus.h"

/* An input of n indicators with the given methods, weight 1/n each. */
static void input_init(bonus_input *in, size_t n, const normalize_method methods[])
{
    bonus_input_init(in);
    in->indicators = calloc(n, sizeof *in->indicators);
    assert_non_null(in->indicators);
    in->n_indicators = n;
    for (size_t k = 0; k < n; k++) {
        char id[24];
        snprintf(id, sizeof id, "k%zu", k);
        in->indicators[k].id = strdup(id);
        in->indicators[k].normalize = methods[k];
        mpq_init(in->indicators[k].weight);
        mpq_set_ui(in->indicators[k].weight, 1, (unsigned long)n);
    }
}

static void project_add(bonus_input *in, const char *id, const char *grant,
                        const char *const values[])
{
    bonus_project *grown = realloc(in->projects, (in->n_projects + 1) * sizeof *grown);
    assert_non_null(grown);
    in->projects = grown;
    bonus_project *p = &in->projects[in->n_projects++];
    p->id = strdup(id);
    p->name = strdup(id);
    mpq_init(p->grant);
    q(p->grant, grant);
    p->values = calloc(in->n_indicators, sizeof *p->values);
    assert_non_null(p->values);
    for (size_t k = 0; k < in->n_indicators; k++) {
        mpq_init(p->values[k]);
        q(p->values[k], values[k]);
    }
}

/* Three projects, four indicators of weight 1/4:
 *        max   share  minmax  rank
 *   a     2     1/2     10     3/2
 *   b     6     1/4     30     3/2
 *   c     3     1/4     20     1/3
 * Stored step 1:
 *   max:    low 2, high 6, denominator 6            → n = 1/3, 1, 1/2
 *   share:  low 1/4, high 1/2, denominator Σ = 1    → n = 1/2, 1/4, 1/4
 *   minmax: low 10, high 30, denominator 20         → n = 0, 1, 1/2
 *   rank:   a and b tie at ranks 1 and 2 (sum 3), c rank 3 (sum 6), N = 3:
 *           n = (2N − sum) ÷ (2(N − 1)) = (6 − 3)/4 = 3/4 for a and b, (6 − 6)/4 = 0 for c
 *           (SPEC: (N − 1,5)/(N − 1) = 1,5/2 = 3/4; (3 − 3)/2 = 0)
 * Scores: a (1/3 + 1/2 + 0 + 3/4)/4 = (19/12)/4 = 19/48; b (1 + 1/4 + 1 + 3/4)/4 = 3/4;
 *         c (1/2 + 1/4 + 1/2 + 0)/4 = (5/4)/4 = 5/16.
 * Share, pool 1000, cap 1/2, unit 1; grants 1000, 400, 2000 → caps 500, 200, 1000.
 * Σ w = 19/48 + 36/48 + 15/48 = 35/24; ratios c/w: b 200 ÷ 3/4 = 800/3, a 500 ÷ 19/48 =
 * 24000/19, c 1000 ÷ 5/16 = 3200. 1000 ÷ 35/24 = 4800/7 > 800/3: b capped at 200; then
 * 800 ÷ (35/24 − 18/24) = 19200/17 ≤ 24000/19: λ = 19200/17.
 * a = 19200/17 × 19/48 = 7600/17 (floor 447, remainder 1/17); c = 19200/17 × 5/16 =
 * 6000/17 (floor 352, remainder 16/17); b = 200 (floor 200, remainder 0).
 * Σ floors 999, A = 1000: the one unit goes to c (largest remainder): 447, 200, 353. */
static void test_layout_hand_computed(void **state)
{
    (void)state;
    static const normalize_method methods[] = { NORMALIZE_MAX, NORMALIZE_SHARE,
                                                NORMALIZE_MINMAX, NORMALIZE_RANK };
    bonus_input in;
    input_init(&in, 4, methods);
    mpq_set_ui(in.pool, 1000, 1);
    in.has_cap = true;
    mpq_set_ui(in.cap, 1, 2);
    mpq_set_ui(in.unit, 1, 1);
    project_add(&in, "a", "1000", (const char *const[]){ "2", "1/2", "10", "3/2" });
    project_add(&in, "b", "400", (const char *const[]){ "6", "1/4", "30", "3/2" });
    project_add(&in, "c", "2000", (const char *const[]){ "3", "1/4", "20", "1/3" });
    bonus_result r;
    bonus_compute(&r, &in);

    /* the values step 1 keeps per indicator */
    assert_int_equal(r.indicators[0].method, NORMALIZE_MAX);
    assert_true(q_eq(r.indicators[0].low, "2"));
    assert_true(q_eq(r.indicators[0].high, "6"));
    assert_true(q_eq(r.indicators[0].denominator, "6"));
    assert_true(q_eq(r.indicators[1].low, "1/4"));
    assert_true(q_eq(r.indicators[1].high, "1/2"));
    assert_true(q_eq(r.indicators[1].denominator, "1"));
    assert_true(q_eq(r.indicators[2].low, "10"));
    assert_true(q_eq(r.indicators[2].high, "30"));
    assert_true(q_eq(r.indicators[2].denominator, "20"));
    assert_null(r.indicators[0].rank_sum);
    assert_non_null(r.indicators[3].rank_sum);
    assert_int_equal(r.indicators[3].rank_sum[0], 3);
    assert_int_equal(r.indicators[3].rank_sum[1], 3);
    assert_int_equal(r.indicators[3].rank_sum[2], 6);

    static const char *const normalized[3][4] = {
        { "1/3", "1/2", "0", "3/4" },
        { "1", "1/4", "1", "3/4" },
        { "1/2", "1/4", "1/2", "0" },
    };
    mpq_t v;
    mpq_init(v);
    for (size_t p = 0; p < 3; p++)
        for (size_t k = 0; k < 4; k++) {
            bonus_normalized(v, &r, &in, p, k);
            assert_true(q_eq(v, normalized[p][k]));
        }
    assert_true(q_eq(r.projects[0].score, "19/48"));
    assert_true(q_eq(r.projects[1].score, "3/4"));
    assert_true(q_eq(r.projects[2].score, "5/16"));

    assert_true(q_eq(r.lambda, "19200/17"));
    static const char *const caps[] = { "500", "200", "1000" };
    static const char *const exact[] = { "7600/17", "200", "6000/17" };
    static const char *const floors[] = { "447", "200", "352" };
    static const char *const remainders[] = { "1/17", "0", "16/17" };
    static const char *const bonuses[] = { "447", "200", "353" };
    for (size_t p = 0; p < 3; p++) {
        assert_true(bonus_cap(v, &in, p));
        assert_true(q_eq(v, caps[p]));
        assert_true(q_eq(r.projects[p].exact, exact[p]));
        bonus_floor(v, &r, &in, p);
        assert_true(q_eq(v, floors[p]));
        bonus_remainder(v, &r, &in, p);
        assert_true(q_eq(v, remainders[p]));
        assert_true(q_eq(r.projects[p].bonus, bonuses[p]));
    }
    assert_false(r.projects[0].got_extra_unit);
    assert_false(r.projects[1].got_extra_unit);
    assert_true(r.projects[2].got_extra_unit);
    assert_true(q_eq(r.allocated, "1000"));

    /* Without a cap there is none to derive. */
    in.has_cap = false;
    assert_false(bonus_cap(v, &in, 0));
    assert_true(q_eq(v, "0"));
    mpq_clear(v);
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* Rank over values closer than 2^-32, where the integer pre-filter (⌊x × 2^32⌋) cannot
 * tell them apart and the rationals decide: p = 1, q = 1 + 2^-40, s = 1, t = 1/3.
 * Descending: q rank 1 (sum 1 + 1 = 2); p and s tie at ranks 2 and 3 (sum 5); t rank 4
 * (sum 8). N = 4: n = (8 − sum) ÷ 6 → q 1, p and s 1/2, t 0. */
static void test_rank_below_prefilter(void **state)
{
    (void)state;
    static const normalize_method methods[] = { NORMALIZE_RANK };
    bonus_input in;
    input_init(&in, 1, methods);
    mpq_set_ui(in.pool, 100, 1);
    project_add(&in, "p", "1", (const char *const[]){ "1" });
    project_add(&in, "q", "1", (const char *const[]){ "1099511627777/1099511627776" });
    project_add(&in, "s", "1", (const char *const[]){ "1" });
    project_add(&in, "t", "1", (const char *const[]){ "1/3" });
    bonus_result r;
    bonus_compute(&r, &in);
    static const unsigned long long sums[] = { 5, 2, 5, 8 };
    static const char *const expected[] = { "1/2", "1", "1/2", "0" };
    mpq_t v;
    mpq_init(v);
    for (size_t p = 0; p < 4; p++) {
        assert_int_equal(r.indicators[0].rank_sum[p], sums[p]);
        bonus_normalized(v, &r, &in, p, 0);
        assert_true(q_eq(v, expected[p]));
        assert_true(q_eq(r.projects[p].score, expected[p]));   /* weight 1 */
    }
    mpq_clear(v);
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* Fractional values that do tie, under the pre-filter's equal runs: 2/3, 2/3, 4/6 are
 * one value at ranks 1..3, so every project has the sum 1 + 3 = 4; N = 3 → n =
 * (6 − 4)/4 = 1/2 each; SPEC: mean rank 2, (3 − 2)/2 = 1/2. */
static void test_rank_fraction_ties(void **state)
{
    (void)state;
    static const normalize_method methods[] = { NORMALIZE_RANK };
    bonus_input in;
    input_init(&in, 1, methods);
    mpq_set_ui(in.pool, 100, 1);
    project_add(&in, "a", "1", (const char *const[]){ "2/3" });
    project_add(&in, "b", "1", (const char *const[]){ "2/3" });
    project_add(&in, "c", "1", (const char *const[]){ "4/6" });
    bonus_result r;
    bonus_compute(&r, &in);
    mpq_t v;
    mpq_init(v);
    for (size_t p = 0; p < 3; p++) {
        assert_int_equal(r.indicators[0].rank_sum[p], 4);
        bonus_normalized(v, &r, &in, p, 0);
        assert_true(q_eq(v, "1/2"));
    }
    mpq_clear(v);
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_hand_computed),
        cmocka_unit_test(test_rank_below_prefilter),
        cmocka_unit_test(test_rank_fraction_ties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
