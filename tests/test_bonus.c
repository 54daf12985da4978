/* Tests for bonus.c: the performance bonus of SPEC §5.6, step by step with values worked
 * out by hand in the comments, then properties over many random inputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bonus.h"
#include "vocab.h"

/* ---- helpers -------------------------------------------------------------------------- */

/* Sets q from "n/d" text and canonicalises (test input only; the program never uses
 * mpq_set_str, see STYLE.md). */
static void set_q(mpq_t q, const char *text)
{
    assert_int_equal(mpq_set_str(q, text, 10), 0);
    mpq_canonicalize(q);
}

/* Fails at the caller's line, showing both values, unless actual == expected exactly. */
#define assert_q(actual, text) check_q((actual), (text), __FILE__, __LINE__)
static void check_q(const mpq_t actual, const char *text, const char *file, int line)
{
    mpq_t expected;
    mpq_init(expected);
    set_q(expected, text);
    int differ = mpq_cmp(actual, expected) != 0;
    if (differ)
        gmp_fprintf(stderr, "%s:%d: got %Qd, expected %Qd\n", file, line, actual, expected);
    mpq_clear(expected);
    if (differ)
        _fail(file, line);
}

static char *copy_text(const char *text)
{
    char *copy = strdup(text);
    assert_non_null(copy);
    return copy;
}

/* The input's indicators: weights as text, one normalisation each. */
static void set_indicators(bonus_input *in, size_t n, const char *const weights[],
                           const normalize_method normalize[])
{
    in->indicators = calloc(n, sizeof *in->indicators);
    assert_non_null(in->indicators);
    in->n_indicators = n;
    for (size_t k = 0; k < n; k++) {
        char id[24];
        snprintf(id, sizeof id, "k%zu", k);
        in->indicators[k].id = copy_text(id);
        mpq_init(in->indicators[k].weight);
        set_q(in->indicators[k].weight, weights[k]);
        in->indicators[k].normalize = normalize[k];
    }
}

/* One indicator of weight 1. */
static void set_one_indicator(bonus_input *in, normalize_method normalize)
{
    static const char *const weight[] = { "1" };
    set_indicators(in, 1, weight, &normalize);
}

static void add_project(bonus_input *in, const char *id, const char *grant,
                        const char *const values[])
{
    bonus_project *grown = realloc(in->projects, (in->n_projects + 1) * sizeof *grown);
    assert_non_null(grown);
    in->projects = grown;
    bonus_project *p = &in->projects[in->n_projects++];
    p->id = copy_text(id);
    p->name = copy_text(id);
    mpq_init(p->grant);
    set_q(p->grant, grant);
    p->values = malloc(in->n_indicators * sizeof *p->values);
    assert_non_null(p->values);
    for (size_t k = 0; k < in->n_indicators; k++) {
        mpq_init(p->values[k]);
        set_q(p->values[k], values[k]);
    }
}

/* A project with a single indicator value. */
static void add_project1(bonus_input *in, const char *id, const char *grant, const char *value)
{
    const char *values[] = { value };
    add_project(in, id, grant, values);
}

static void compute(bonus_result *r, const bonus_input *in)
{
    bonus_compute(r, in);
}

/* What the result no longer keeps per project, through bonus.h's accessors, into a small
 * ring of scratch rationals (static, so still reachable at exit: no leak report). */
static mpq_ptr scratch_q(void)
{
    static mpq_t ring[8];
    static size_t next, initialised;
    if (initialised < 8)
        mpq_init(ring[initialised++]);
    mpq_ptr q = ring[next];
    next = (next + 1) % 8;
    return q;
}

static mpq_srcptr normalized_of(const bonus_result *r, const bonus_input *in, size_t p, size_t k)
{
    mpq_ptr q = scratch_q();
    bonus_normalized(q, r, in, p, k);
    return q;
}

static mpq_srcptr cap_of(const bonus_input *in, size_t p)
{
    mpq_ptr q = scratch_q();
    bonus_cap(q, in, p);
    return q;
}

static bool has_cap_of(const bonus_input *in, size_t p)
{
    return bonus_cap(scratch_q(), in, p);
}

static mpq_srcptr floor_of(const bonus_result *r, const bonus_input *in, size_t p)
{
    mpq_ptr q = scratch_q();
    bonus_floor(q, r, in, p);
    return q;
}

static mpq_srcptr remainder_of(const bonus_result *r, const bonus_input *in, size_t p)
{
    mpq_ptr q = scratch_q();
    bonus_remainder(q, r, in, p);
    return q;
}

/* ---- step 1: normalisation ------------------------------------------------------------ */

/* Values 10, 20, 20, 5 under each method, weights 1/4 each.
 *   max 20:        1/2, 1, 1, 1/4
 *   share Σ=55:    10/55=2/11, 4/11, 4/11, 1/11
 *   minmax 5..20:  (x−5)/15 → 5/15=1/3, 1, 1, 0
 *   rank desc:     20,20 share ranks 1 and 2 → 1.5; 10 → 3; 5 → 4;
 *                  n = (4 − r)/3 → 10: 1/3; 20: 2.5/3 = 5/6; 5: 0
 * Scores (Σ/4):
 *   p1: (1/2 + 2/11 + 1/3 + 1/3)/4 = ((33 + 12 + 22 + 22)/66)/4 = 89/264
 *   p2, p3: (1 + 4/11 + 1 + 5/6)/4 = ((66 + 24 + 66 + 55)/66)/4 = 211/264
 *   p4: (1/4 + 1/11 + 0 + 0)/4 = ((11 + 4)/44)/4 = 15/176 */
static void test_normalize_each_method(void **state)
{
    (void)state;
    static const char *const weights[] = { "1/4", "1/4", "1/4", "1/4" };
    static const normalize_method methods[] = { NORMALIZE_MAX, NORMALIZE_SHARE,
                                                NORMALIZE_MINMAX, NORMALIZE_RANK };
    bonus_input in;
    bonus_input_init(&in);
    set_indicators(&in, 4, weights, methods);
    add_project(&in, "p1", "0", (const char *[]){ "10", "10", "10", "10" });
    add_project(&in, "p2", "0", (const char *[]){ "20", "20", "20", "20" });
    add_project(&in, "p3", "0", (const char *[]){ "20", "20", "20", "20" });
    add_project(&in, "p4", "0", (const char *[]){ "5", "5", "5", "5" });
    bonus_result r;
    compute(&r, &in);
    static const char *const expected[4][4] = {
        { "1/2", "2/11", "1/3", "1/3" },
        { "1", "4/11", "1", "5/6" },
        { "1", "4/11", "1", "5/6" },
        { "1/4", "1/11", "0", "0" },
    };
    for (size_t p = 0; p < 4; p++)
        for (size_t k = 0; k < 4; k++)
            assert_q(normalized_of(&r, &in, p, k), expected[p][k]);
    assert_q(r.projects[0].score, "89/264");
    assert_q(r.projects[1].score, "211/264");
    assert_q(r.projects[2].score, "211/264");
    assert_q(r.projects[3].score, "15/176");
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* Rank with a three-way tie and fractions: values 3, 1, 3, 0, 3 (N = 5).
 * Descending 3,3,3 take ranks 1..3 → mean 2; 1 → 4; 0 → 5. n = (5 − r)/4:
 *   3 → 3/4; 1 → 1/4; 0 → 0.
 * Values 1/3 and 2/7 (N = 2): 1/3 > 2/7 → ranks 1, 2 → n = 1, 0. */
static void test_normalize_rank_ties(void **state)
{
    (void)state;
    bonus_input in;
    bonus_input_init(&in);
    set_one_indicator(&in, NORMALIZE_RANK);
    add_project1(&in, "a", "0", "3");
    add_project1(&in, "b", "0", "1");
    add_project1(&in, "c", "0", "3");
    add_project1(&in, "d", "0", "0");
    add_project1(&in, "e", "0", "3");
    bonus_result r;
    compute(&r, &in);
    assert_q(normalized_of(&r, &in, 0, 0), "3/4");
    assert_q(normalized_of(&r, &in, 1, 0), "1/4");
    assert_q(normalized_of(&r, &in, 2, 0), "3/4");
    assert_q(normalized_of(&r, &in, 3, 0), "0");
    assert_q(normalized_of(&r, &in, 4, 0), "3/4");
    bonus_result_clear(&r);
    bonus_input_clear(&in);

    bonus_input_init(&in);
    set_one_indicator(&in, NORMALIZE_RANK);
    add_project1(&in, "a", "0", "2/7");
    add_project1(&in, "b", "0", "1/3");
    compute(&r, &in);
    assert_q(normalized_of(&r, &in, 0, 0), "0");
    assert_q(normalized_of(&r, &in, 1, 0), "1");
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* Every value 0 (N = 3): max 0 → 0 (zero denominator); share Σ 0 → 0; minmax all equal
 * and not above 0 → 0; rank all tied at ranks 1..3, mean 2 → (3 − 2)/2 = 1/2. */
static void test_normalize_all_zero(void **state)
{
    (void)state;
    static const char *const weights[] = { "1/4", "1/4", "1/4", "1/4" };
    static const normalize_method methods[] = { NORMALIZE_MAX, NORMALIZE_SHARE,
                                                NORMALIZE_MINMAX, NORMALIZE_RANK };
    bonus_input in;
    bonus_input_init(&in);
    set_indicators(&in, 4, weights, methods);
    for (int p = 0; p < 3; p++)
        add_project(&in, p == 0 ? "a" : p == 1 ? "b" : "c", "0",
                    (const char *[]){ "0", "0", "0", "0" });
    bonus_result r;
    compute(&r, &in);
    for (size_t p = 0; p < 3; p++) {
        assert_q(normalized_of(&r, &in, p, 0), "0");
        assert_q(normalized_of(&r, &in, p, 1), "0");
        assert_q(normalized_of(&r, &in, p, 2), "0");
        assert_q(normalized_of(&r, &in, p, 3), "1/2");
        assert_q(r.projects[p].score, "1/8");   /* 1/4 × 1/2 */
    }
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* minmax with every value equal and above 0: 7/2, 7/2, 7/2 → 1 each. */
static void test_normalize_minmax_all_equal_positive(void **state)
{
    (void)state;
    bonus_input in;
    bonus_input_init(&in);
    set_one_indicator(&in, NORMALIZE_MINMAX);
    add_project1(&in, "a", "0", "7/2");
    add_project1(&in, "b", "0", "7/2");
    add_project1(&in, "c", "0", "7/2");
    bonus_result r;
    compute(&r, &in);
    for (size_t p = 0; p < 3; p++)
        assert_q(normalized_of(&r, &in, p, 0), "1");
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* N = 1: rank gives 1 even for the value 0 (SPEC: "1 when N = 1"); max of 0 → 0;
 * share 0/0 → 0; minmax of a single 0 → 0. A single value 3: max 1, share 1,
 * minmax (all equal, above 0) 1, rank 1. */
static void test_normalize_single_project(void **state)
{
    (void)state;
    static const char *const weights[] = { "1/4", "1/4", "1/4", "1/4" };
    static const normalize_method methods[] = { NORMALIZE_MAX, NORMALIZE_SHARE,
                                                NORMALIZE_MINMAX, NORMALIZE_RANK };
    for (int variant = 0; variant < 2; variant++) {
        const char *v = variant == 0 ? "0" : "3";
        bonus_input in;
        bonus_input_init(&in);
        set_indicators(&in, 4, weights, methods);
        add_project(&in, "only", "0", (const char *[]){ v, v, v, v });
        bonus_result r;
        compute(&r, &in);
        for (size_t k = 0; k < 3; k++)
            assert_q(normalized_of(&r, &in, 0, k), variant == 0 ? "0" : "1");
        assert_q(normalized_of(&r, &in, 0, 3), "1");
        assert_q(r.projects[0].score, variant == 0 ? "1/4" : "1");
        bonus_result_clear(&r);
        bonus_input_clear(&in);
    }
}

/* ---- steps 3–5: methods, caps and λ --------------------------------------------------- */

/* Three projects with scores 1, 1/2, 1/4 (max over values 4, 2, 1) and grants
 * 2 000, 5 000, 10 000. */
static void three_projects(bonus_input *in, bonus_method method, const char *pool)
{
    bonus_input_init(in);
    set_one_indicator(in, NORMALIZE_MAX);
    add_project1(in, "p1", "2000", "4");
    add_project1(in, "p2", "5000", "2");
    add_project1(in, "p3", "10000", "1");
    in->method = method;
    set_q(in->pool, pool);
}

/* share, no cap, pool 1 000: Σw = 1 + 1/2 + 1/4 = 7/4, λ = 1000/(7/4) = 4000/7;
 * a = 4000/7 ≈ 571.4286, 2000/7 ≈ 285.7143, 1000/7 ≈ 142.8571.
 * Floors to 0.01: 571.42, 285.71, 142.85 (Σ 999.98); Σa = 1000 → A = 1000: 2 units.
 * Remainders ≈ 0.00857, 0.00429, 0.00714 → p1 and p3: 571.43, 285.71, 142.86. */
static void test_share_no_cap(void **state)
{
    (void)state;
    bonus_input in;
    three_projects(&in, BONUS_SHARE, "1000");
    bonus_result r;
    compute(&r, &in);
    assert_true(r.has_lambda);
    assert_q(r.lambda, "4000/7");
    assert_q(r.projects[0].basis, "1");
    assert_q(r.projects[1].basis, "1/2");
    assert_q(r.projects[2].basis, "1/4");
    assert_q(r.projects[0].exact, "4000/7");
    assert_q(r.projects[1].exact, "2000/7");
    assert_q(r.projects[2].exact, "1000/7");
    assert_q(floor_of(&r, &in, 0), "57142/100");
    assert_q(remainder_of(&r, &in, 0), "6/700");     /* 4000/7 − 57142/100 = (400000 − 399994)/700 */
    assert_q(r.exact_total, "1000");
    assert_q(r.rounded_total, "1000");
    assert_q(r.projects[0].bonus, "57143/100");
    assert_q(r.projects[1].bonus, "28571/100");
    assert_q(r.projects[2].bonus, "14286/100");
    assert_true(r.projects[0].got_extra_unit);
    assert_false(r.projects[1].got_extra_unit);
    assert_true(r.projects[2].got_extra_unit);
    assert_q(r.allocated, "1000");
    assert_q(r.unallocated, "0");
    assert_int_equal(r.eligible_count, 3);
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* share, cap 10 % → c = 200, 500, 1000 (Σc 1700), pool 1 000 < Σc.
 * Ratios c/w: 200/1 = 200, 500/(1/2) = 1000, 1000/(1/4) = 4000.
 * Walk: R 1000, W 7/4 → 4000/7 ≈ 571 > 200: cap p1; R 800, W 3/4 → 3200/3 ≈ 1067 > 1000:
 * cap p2; R 300, W 1/4 → 1200 ≤ 4000: λ = 1200. a = 200, 500, min(300, 1000) = 300. */
static void test_share_cap_water_filling(void **state)
{
    (void)state;
    bonus_input in;
    three_projects(&in, BONUS_SHARE, "1000");
    in.has_cap = true;
    set_q(in.cap, "1/10");
    bonus_result r;
    compute(&r, &in);
    assert_true(r.has_lambda);
    assert_q(r.lambda, "1200");
    assert_true(has_cap_of(&in, 0));
    assert_q(cap_of(&in, 0), "200");
    assert_q(cap_of(&in, 1), "500");
    assert_q(cap_of(&in, 2), "1000");
    assert_q(r.projects[0].exact, "200");
    assert_q(r.projects[1].exact, "500");
    assert_q(r.projects[2].exact, "300");
    assert_q(r.allocated, "1000");
    assert_q(r.unallocated, "0");
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* share, cap 10 %, pool 2 000 ≥ Σc 1 700: everyone gets the cap, λ shown = max c/w = 4000;
 * 300 stays unallocated. */
static void test_share_pool_covers_caps(void **state)
{
    (void)state;
    bonus_input in;
    three_projects(&in, BONUS_SHARE, "2000");
    in.has_cap = true;
    set_q(in.cap, "1/10");
    bonus_result r;
    compute(&r, &in);
    assert_q(r.lambda, "4000");
    assert_q(r.projects[0].exact, "200");
    assert_q(r.projects[1].exact, "500");
    assert_q(r.projects[2].exact, "1000");
    assert_q(r.exact_total, "1700");
    assert_q(r.allocated, "1700");
    assert_q(r.unallocated, "300");
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* grant-weighted, no cap: w = s × grant = 2000, 2500, 2500 (Σ 7000); pool 1 400 →
 * λ = 1400/7000 = 1/5; a = 400, 500, 500. */
static void test_grant_weighted_no_cap(void **state)
{
    (void)state;
    bonus_input in;
    three_projects(&in, BONUS_GRANT_WEIGHTED, "1400");
    bonus_result r;
    compute(&r, &in);
    assert_q(r.lambda, "1/5");
    assert_q(r.projects[0].basis, "2000");
    assert_q(r.projects[1].basis, "2500");
    assert_q(r.projects[2].basis, "2500");
    assert_q(r.projects[0].exact, "400");
    assert_q(r.projects[1].exact, "500");
    assert_q(r.projects[2].exact, "500");
    assert_q(r.allocated, "1400");
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* grant-weighted, cap 20 %: c = 400, 1000, 2000; ratios c/w = 1/5, 2/5, 4/5.
 * pool 1 400: λ = 1400/7000 = 1/5 ≤ 1/5 at once (p1 exactly at its cap): a = 400, 500, 500.
 * pool 2 000: 2000/7000 = 2/7 > 1/5 → cap p1; R 1600, W 5000 → 8/25 ≤ 2/5: λ = 8/25;
 *   a = 400, 2500 × 8/25 = 800, 800 (Σ 2000). */
static void test_grant_weighted_cap(void **state)
{
    (void)state;
    bonus_input in;
    three_projects(&in, BONUS_GRANT_WEIGHTED, "1400");
    in.has_cap = true;
    set_q(in.cap, "1/5");
    bonus_result r;
    compute(&r, &in);
    assert_q(r.lambda, "1/5");
    assert_q(r.projects[0].exact, "400");
    assert_q(r.projects[1].exact, "500");
    assert_q(r.projects[2].exact, "500");
    bonus_result_clear(&r);

    set_q(in.pool, "2000");
    compute(&r, &in);
    assert_q(r.lambda, "8/25");
    assert_q(r.projects[0].exact, "400");
    assert_q(r.projects[1].exact, "800");
    assert_q(r.projects[2].exact, "800");
    assert_q(r.allocated, "2000");
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* grant-rate 15 %: w = 0.15 × grant × s = 300, 375, 375 (Σ 1050).
 * Fits (pool 2 000 ≥ 1050): λ = 1, a = w, 950 unallocated.
 * Cap 3 %: c = 60, 150, 300; Σ min(w, c) = 510 ≤ 2000 → λ = 1, a = 60, 150, 300. */
static void test_grant_rate_fits(void **state)
{
    (void)state;
    bonus_input in;
    three_projects(&in, BONUS_GRANT_RATE, "2000");
    set_q(in.rate, "15/100");
    bonus_result r;
    compute(&r, &in);
    assert_true(r.has_lambda);
    assert_q(r.lambda, "1");
    assert_q(r.projects[0].basis, "300");
    assert_q(r.projects[1].basis, "375");
    assert_q(r.projects[2].basis, "375");
    assert_q(r.projects[0].exact, "300");
    assert_q(r.projects[2].exact, "375");
    assert_q(r.allocated, "1050");
    assert_q(r.unallocated, "950");
    bonus_result_clear(&r);

    in.has_cap = true;
    set_q(in.cap, "3/100");
    compute(&r, &in);
    assert_q(r.lambda, "1");
    assert_q(r.projects[0].exact, "60");
    assert_q(r.projects[1].exact, "150");
    assert_q(r.projects[2].exact, "300");
    assert_q(r.allocated, "510");
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* grant-rate 15 %, pool 700 < Σw 1050, no cap: λ = 700/1050 = 2/3; a = 200, 250, 250.
 * Cap 5 %: c = 100, 250, 500; Σ min(w, c) = 100 + 250 + 375 = 725 > 700 → water-fill:
 * ratios 100/300 = 1/3, 250/375 = 2/3, 500/375 = 4/3.
 * R 700, W 1050 → 2/3 > 1/3: cap p1; R 600, W 750 → 4/5 > 2/3: cap p2;
 * R 350, W 375 → 14/15 ≤ 4/3: λ = 14/15 < 1; a = 100, 250, 375 × 14/15 = 350 (Σ 700). */
static void test_grant_rate_exceeds_pool(void **state)
{
    (void)state;
    bonus_input in;
    three_projects(&in, BONUS_GRANT_RATE, "700");
    set_q(in.rate, "15/100");
    bonus_result r;
    compute(&r, &in);
    assert_q(r.lambda, "2/3");
    assert_q(r.projects[0].exact, "200");
    assert_q(r.projects[1].exact, "250");
    assert_q(r.projects[2].exact, "250");
    bonus_result_clear(&r);

    in.has_cap = true;
    set_q(in.cap, "5/100");
    compute(&r, &in);
    assert_q(r.lambda, "14/15");
    assert_q(r.projects[0].exact, "100");
    assert_q(r.projects[1].exact, "250");
    assert_q(r.projects[2].exact, "350");
    assert_q(r.exact_total, "700");
    assert_q(r.allocated, "700");
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* No λ when no eligible project has a basis above 0: grant-weighted with every grant 0
 * (eligible, basis 0, bonus 0), and a scenario where every score is 0. Under grant-rate
 * λ = 1 all the same: Σ min(w, c) = 0 does not exceed the pool. */
static void test_no_lambda(void **state)
{
    (void)state;
    bonus_input in;
    bonus_input_init(&in);
    set_one_indicator(&in, NORMALIZE_MAX);
    add_project1(&in, "a", "0", "1");
    add_project1(&in, "b", "0", "2");
    in.method = BONUS_GRANT_WEIGHTED;
    set_q(in.pool, "1000");
    bonus_result r;
    compute(&r, &in);
    assert_false(r.has_lambda);
    assert_int_equal(r.eligible_count, 2);
    assert_int_equal(r.projects[0].reason, BONUS_REASON_ELIGIBLE);
    assert_q(r.projects[0].basis, "0");
    assert_q(r.projects[0].bonus, "0");
    assert_q(r.allocated, "0");
    assert_q(r.unallocated, "1000");
    bonus_result_clear(&r);
    bonus_input_clear(&in);

    bonus_input_init(&in);
    set_one_indicator(&in, NORMALIZE_MAX);
    add_project1(&in, "a", "100", "0");
    set_q(in.pool, "1000");
    compute(&r, &in);
    assert_false(r.has_lambda);
    assert_int_equal(r.eligible_count, 0);
    assert_int_equal(r.projects[0].reason, BONUS_REASON_SCORE_ZERO);
    assert_q(r.unallocated, "1000");
    bonus_result_clear(&r);
    bonus_input_clear(&in);

    bonus_input_init(&in);
    set_one_indicator(&in, NORMALIZE_MAX);
    add_project1(&in, "a", "0", "1");
    in.method = BONUS_GRANT_RATE;
    set_q(in.rate, "1/10");
    set_q(in.pool, "1000");
    compute(&r, &in);
    assert_true(r.has_lambda);
    assert_q(r.lambda, "1");
    assert_int_equal(r.eligible_count, 1);
    assert_q(r.projects[0].basis, "0");
    assert_q(r.projects[0].bonus, "0");
    assert_q(r.unallocated, "1000");
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* Step 4 holds for projects left out too: grant-rate 10 %, cap 20 %, min_score 0,6;
 * a (grant 1000, x 10) scores 1, b (grant 1000, x 5) scores 1/2 and is below min_score:
 * w(b) = 1/10 × 1000 × 1/2 = 50, c(b) = 200, but a(b) = 0. */
static void test_basis_of_ineligible_project(void **state)
{
    (void)state;
    bonus_input in;
    bonus_input_init(&in);
    set_one_indicator(&in, NORMALIZE_MAX);
    add_project1(&in, "a", "1000", "10");
    add_project1(&in, "b", "1000", "5");
    in.method = BONUS_GRANT_RATE;
    set_q(in.rate, "1/10");
    in.has_cap = true;
    set_q(in.cap, "1/5");
    in.has_min_score = true;
    set_q(in.min_score, "3/5");
    set_q(in.pool, "1000");
    bonus_result r;
    compute(&r, &in);
    assert_int_equal(r.projects[1].reason, BONUS_REASON_BELOW_MIN_SCORE);
    assert_q(r.projects[0].basis, "100");
    assert_q(r.projects[1].basis, "50");
    assert_q(cap_of(&in, 1), "200");
    assert_q(r.projects[1].exact, "0");
    assert_q(r.projects[0].exact, "100");      /* λ = 1: Σ min(w, c) = 100 ≤ 1000 */
    assert_q(r.lambda, "1");
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* ---- step 3: eligibility -------------------------------------------------------------- */

/* Values 10, 8, 8, 6, 0 under max → scores 1, 4/5, 4/5, 3/5, 0. */
static void five_scores(bonus_input *in)
{
    bonus_input_init(in);
    set_one_indicator(in, NORMALIZE_MAX);
    add_project1(in, "a", "100", "10");
    add_project1(in, "b", "100", "8");
    add_project1(in, "c", "100", "8");
    add_project1(in, "d", "100", "6");
    add_project1(in, "e", "100", "0");
    set_q(in->pool, "1000");
}

/* top 2: a, then b and c tied at 4/5 for the second slot → both admitted (3 > 2, extended);
 * d outside top; e has score 0 (its own reason, even though it is also outside the top). */
static void test_top_tie_at_boundary(void **state)
{
    (void)state;
    bonus_input in;
    five_scores(&in);
    in.top = 2;
    bonus_result r;
    compute(&r, &in);
    assert_int_equal(r.projects[0].reason, BONUS_REASON_ELIGIBLE);
    assert_int_equal(r.projects[1].reason, BONUS_REASON_ELIGIBLE);
    assert_int_equal(r.projects[2].reason, BONUS_REASON_ELIGIBLE);
    assert_int_equal(r.projects[3].reason, BONUS_REASON_OUTSIDE_TOP);
    assert_int_equal(r.projects[4].reason, BONUS_REASON_SCORE_ZERO);
    assert_int_equal(r.eligible_count, 3);
    assert_true(r.top_tie_extended);
    /* share of 1000 over 1 + 4/5 + 4/5 = 13/5: λ = 5000/13; d gets nothing. */
    assert_q(r.lambda, "5000/13");
    assert_q(r.projects[3].basis, "3/5");     /* w = s under share, eligible or not */
    assert_q(r.projects[3].exact, "0");
    assert_q(r.projects[3].bonus, "0");
    bonus_result_clear(&r);

    /* top 3: a, b, c exactly fill it: no extension. top 1: a alone. */
    in.top = 3;
    compute(&r, &in);
    assert_int_equal(r.eligible_count, 3);
    assert_false(r.top_tie_extended);
    assert_int_equal(r.projects[3].reason, BONUS_REASON_OUTSIDE_TOP);
    bonus_result_clear(&r);
    in.top = 1;
    compute(&r, &in);
    assert_int_equal(r.eligible_count, 1);
    assert_false(r.top_tie_extended);
    assert_int_equal(r.projects[1].reason, BONUS_REASON_OUTSIDE_TOP);
    assert_int_equal(r.projects[2].reason, BONUS_REASON_OUTSIDE_TOP);
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* min_score 7/10: d (3/5) below; e score 0 → "score 0" first. min_score 3/5: d admitted
 * (s ≥ min_score). With min 4/5 and top 1: a, b, c pass min_score, then top 1 keeps a. */
static void test_min_score(void **state)
{
    (void)state;
    bonus_input in;
    five_scores(&in);
    in.has_min_score = true;
    set_q(in.min_score, "7/10");
    bonus_result r;
    compute(&r, &in);
    assert_int_equal(r.projects[2].reason, BONUS_REASON_ELIGIBLE);
    assert_int_equal(r.projects[3].reason, BONUS_REASON_BELOW_MIN_SCORE);
    assert_int_equal(r.projects[4].reason, BONUS_REASON_SCORE_ZERO);
    assert_int_equal(r.eligible_count, 3);
    bonus_result_clear(&r);

    set_q(in.min_score, "3/5");
    compute(&r, &in);
    assert_int_equal(r.projects[3].reason, BONUS_REASON_ELIGIBLE);
    assert_int_equal(r.eligible_count, 4);
    bonus_result_clear(&r);

    set_q(in.min_score, "4/5");
    in.top = 1;
    compute(&r, &in);
    assert_int_equal(r.projects[0].reason, BONUS_REASON_ELIGIBLE);
    assert_int_equal(r.projects[1].reason, BONUS_REASON_OUTSIDE_TOP);
    assert_int_equal(r.projects[3].reason, BONUS_REASON_BELOW_MIN_SCORE);
    assert_int_equal(r.eligible_count, 1);
    bonus_result_clear(&r);

    /* min_score 0 does not make a score of 0 eligible. */
    set_q(in.min_score, "0");
    in.top = 0;
    compute(&r, &in);
    assert_int_equal(r.projects[4].reason, BONUS_REASON_SCORE_ZERO);
    assert_int_equal(r.eligible_count, 4);
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* Score-0 projects take no top slots: values 10, 0, 0 with top 2 → only the first is
 * eligible, the others have "score 0", not "outside top". */
static void test_score_zero_takes_no_top_slot(void **state)
{
    (void)state;
    bonus_input in;
    bonus_input_init(&in);
    set_one_indicator(&in, NORMALIZE_MAX);
    add_project1(&in, "a", "0", "0");
    add_project1(&in, "b", "0", "10");
    add_project1(&in, "c", "0", "0");
    set_q(in.pool, "100");
    in.top = 2;
    bonus_result r;
    compute(&r, &in);
    assert_int_equal(r.projects[0].reason, BONUS_REASON_SCORE_ZERO);
    assert_int_equal(r.projects[1].reason, BONUS_REASON_ELIGIBLE);
    assert_int_equal(r.projects[2].reason, BONUS_REASON_SCORE_ZERO);
    assert_int_equal(r.eligible_count, 1);
    assert_false(r.top_tie_extended);
    assert_q(r.projects[1].bonus, "100");
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

static void test_reason_text(void **state)
{
    (void)state;
    char buf[32];
    assert_string_equal(vocab_reason(BONUS_REASON_ELIGIBLE, 8, LANG_EN, buf, sizeof buf), "");
    assert_string_equal(vocab_reason(BONUS_REASON_BELOW_MIN_SCORE, 8, LANG_EN, buf, sizeof buf),
                        "below min_score");
    assert_string_equal(vocab_reason(BONUS_REASON_OUTSIDE_TOP, 8, LANG_EN, buf, sizeof buf),
                        "outside top 8");
    assert_string_equal(vocab_reason(BONUS_REASON_OUTSIDE_TOP, 12, LANG_EN, buf, sizeof buf),
                        "outside top 12");
    assert_string_equal(vocab_reason(BONUS_REASON_SCORE_ZERO, 8, LANG_EN, buf, sizeof buf),
                        "score 0");
    /* Truncated, still terminated. */
    char small[8];
    assert_string_equal(vocab_reason(BONUS_REASON_OUTSIDE_TOP, 8, LANG_EN, small, sizeof small),
                        "outside");
}

/* ---- step 6: rounding ----------------------------------------------------------------- */

/* Three equal scores share 100 to 0.01: a = 100/3 each, floors 33.33 (Σ 99.99), A = 100:
 * one unit; equal remainders and scores → the id first in byte order. Ids "a", "B", "c":
 * 'B' (0x42) < 'a' (0x61), so B gets it. */
static void test_round_cent_tie_to_id(void **state)
{
    (void)state;
    bonus_input in;
    bonus_input_init(&in);
    set_one_indicator(&in, NORMALIZE_MAX);
    add_project1(&in, "a", "0", "5");
    add_project1(&in, "B", "0", "5");
    add_project1(&in, "c", "0", "5");
    set_q(in.pool, "100");
    bonus_result r;
    compute(&r, &in);
    assert_q(r.projects[0].exact, "100/3");
    assert_q(floor_of(&r, &in, 0), "3333/100");
    assert_q(remainder_of(&r, &in, 0), "1/300");   /* 100/3 − 3333/100 = (10000 − 9999)/300 */
    assert_q(r.projects[0].bonus, "3333/100");
    assert_q(r.projects[1].bonus, "3334/100");
    assert_q(r.projects[2].bonus, "3333/100");
    assert_true(r.projects[1].got_extra_unit);
    assert_q(r.rounded_total, "100");
    assert_q(r.allocated, "100");
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* Byte order of UTF-8 ids: "ä" is 0xC3 0xA4, above "x" and "z", so "x" comes first
 * (a signed-char comparison would put "ä" first). Unit 1, pool 100 over three equal
 * scores: 33 each, one unit left. */
static void test_round_unit_one_id_bytes(void **state)
{
    (void)state;
    bonus_input in;
    bonus_input_init(&in);
    set_one_indicator(&in, NORMALIZE_SHARE);
    add_project1(&in, "\xC3\xA4", "0", "1");
    add_project1(&in, "z", "0", "1");
    add_project1(&in, "x", "0", "1");
    set_q(in.pool, "100");
    set_q(in.unit, "1");
    bonus_result r;
    compute(&r, &in);
    assert_q(r.projects[0].bonus, "33");
    assert_q(r.projects[1].bonus, "33");
    assert_q(r.projects[2].bonus, "34");
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* Equal remainders, different scores: "zz" has score 1 and grant 10, "aa" score 1/2 and
 * grant 20; grant-weighted gives both w = 10, so a = 101/2 = 50.5 each; unit 1: floors
 * 50, 50, A = 101, one unit → the higher score ("zz") despite its later id. */
static void test_round_tie_to_higher_score(void **state)
{
    (void)state;
    bonus_input in;
    bonus_input_init(&in);
    set_one_indicator(&in, NORMALIZE_MAX);
    add_project1(&in, "aa", "20", "1");
    add_project1(&in, "zz", "10", "2");
    in.method = BONUS_GRANT_WEIGHTED;
    set_q(in.pool, "101");
    set_q(in.unit, "1");
    bonus_result r;
    compute(&r, &in);
    assert_q(r.projects[0].exact, "101/2");
    assert_q(r.projects[1].exact, "101/2");
    assert_q(r.projects[0].bonus, "50");
    assert_q(r.projects[1].bonus, "51");
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* Unit 500, share, pool 2 000 over scores 1, 1/2, 1/4: a = 8000/7 ≈ 1142.86,
 * 4000/7 ≈ 571.43, 2000/7 ≈ 285.71; floors 1000, 500, 0 (Σ 1500); A = 2000: one unit.
 * Remainders ≈ 142.86, 71.43, 285.71 → p3: bonuses 1000, 500, 500.
 * Then a cap that blocks it: p3 grant 4 000 at cap 10 % → c = 400 (others 100 000 → 10 000).
 * Σc = 20 400 > pool; ratios 10 000, 20 000, 1 600; λ = 2000/(7/4) = 8000/7 ≤ 1 600 at once,
 * so a is unchanged; p3's 0 + 500 > 400 → skipped; the unit goes to p1 → 1500, 500, 0. */
static void test_round_unit_500_and_cap_block(void **state)
{
    (void)state;
    bonus_input in;
    bonus_input_init(&in);
    set_one_indicator(&in, NORMALIZE_MAX);
    add_project1(&in, "p1", "100000", "4");
    add_project1(&in, "p2", "100000", "2");
    add_project1(&in, "p3", "4000", "1");
    set_q(in.pool, "2000");
    set_q(in.unit, "500");
    bonus_result r;
    compute(&r, &in);
    assert_q(floor_of(&r, &in, 0), "1000");
    assert_q(remainder_of(&r, &in, 2), "2000/7");
    assert_q(r.rounded_total, "2000");
    assert_q(r.projects[0].bonus, "1000");
    assert_q(r.projects[1].bonus, "500");
    assert_q(r.projects[2].bonus, "500");
    assert_true(r.projects[2].got_extra_unit);
    bonus_result_clear(&r);

    in.has_cap = true;
    set_q(in.cap, "1/10");
    compute(&r, &in);
    assert_q(r.lambda, "8000/7");
    assert_q(cap_of(&in, 2), "400");
    assert_q(r.projects[2].exact, "2000/7");
    assert_q(r.projects[0].bonus, "1500");
    assert_q(r.projects[1].bonus, "500");
    assert_q(r.projects[2].bonus, "0");
    assert_false(r.projects[2].got_extra_unit);
    assert_true(r.projects[0].got_extra_unit);
    assert_q(r.allocated, "2000");
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* A unit no one may take: two equal projects capped at 250 each (cap 25 % of 1 000),
 * pool 500 ≥ Σc = 500 → a = 250 each; unit 500: floors 0, A = 500, one unit, but
 * 0 + 500 > 250 for both → it stays unallocated: allocated 0, unallocated 500. */
static void test_round_unit_nobody_may_take(void **state)
{
    (void)state;
    bonus_input in;
    bonus_input_init(&in);
    set_one_indicator(&in, NORMALIZE_MAX);
    add_project1(&in, "a", "1000", "1");
    add_project1(&in, "b", "1000", "1");
    set_q(in.pool, "500");
    set_q(in.unit, "500");
    in.has_cap = true;
    set_q(in.cap, "1/4");
    bonus_result r;
    compute(&r, &in);
    assert_q(r.lambda, "250");   /* max c/w = 250/1 */
    assert_q(r.projects[0].exact, "250");
    assert_q(r.rounded_total, "500");
    assert_q(r.projects[0].bonus, "0");
    assert_q(r.projects[1].bonus, "0");
    assert_q(r.allocated, "0");
    assert_q(r.unallocated, "500");
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* ---- input init/free ------------------------------------------------------------------ */

static void test_input_init_clear(void **state)
{
    (void)state;
    bonus_input in;
    bonus_input_init(&in);
    assert_q(in.unit, "1/100");
    assert_q(in.pool, "0");
    assert_int_equal(in.method, BONUS_SHARE);
    assert_false(in.has_cap);
    assert_false(in.has_min_score);
    assert_int_equal(in.top, 0);
    assert_null(in.projects);
    assert_null(in.indicators);
    bonus_input_clear(&in);
    bonus_input_clear(NULL);
    bonus_input_init(NULL);
    bonus_result_clear(NULL);

    /* No projects at all: nothing eligible, nothing allocated. */
    bonus_input_init(&in);
    set_one_indicator(&in, NORMALIZE_RANK);
    set_q(in.pool, "10");
    bonus_result r;
    compute(&r, &in);
    assert_int_equal(r.n_projects, 0);
    assert_false(r.has_lambda);
    assert_q(r.unallocated, "10");
    bonus_result_clear(&r);
    bonus_input_clear(&in);
}

/* ---- properties over random inputs ---------------------------------------------------- */

/* splitmix64: a fixed seed makes every run check the same inputs. */
static uint64_t rng_state;
static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
static unsigned long rng_below(unsigned long n)
{
    return (unsigned long)(rng_next() % n);
}

/* A small random rational num/den with num in 0..max_num, den from dens[]. */
static void random_q(mpq_t q, unsigned long max_num, const unsigned long *dens, size_t n_dens)
{
    mpq_set_ui(q, rng_below(max_num + 1), dens[rng_below(n_dens)]);
    mpq_canonicalize(q);
}

static void random_input(bonus_input *in)
{
    static const unsigned long value_dens[] = { 1, 2, 3, 4, 10 };
    static const unsigned long money_dens[] = { 1, 1, 100, 3 };
    static const char *const units[] = { "1/100", "1", "500", "7/3", "10" };
    bonus_input_init(in);
    size_t n_ind = 1 + rng_below(4);
    size_t n_proj = 1 + rng_below(30);

    in->indicators = calloc(n_ind, sizeof *in->indicators);
    assert_non_null(in->indicators);
    in->n_indicators = n_ind;
    unsigned long parts[4], total = 0;
    for (size_t k = 0; k < n_ind; k++) {
        parts[k] = rng_below(10);
        total += parts[k];
    }
    if (total == 0) {
        parts[0] = 1;
        total = 1;
    }
    for (size_t k = 0; k < n_ind; k++) {
        char id[24];
        snprintf(id, sizeof id, "k%zu", k);
        in->indicators[k].id = copy_text(id);
        mpq_init(in->indicators[k].weight);
        mpq_set_ui(in->indicators[k].weight, parts[k], total);   /* Σ = 1 exactly */
        mpq_canonicalize(in->indicators[k].weight);
        in->indicators[k].normalize = (normalize_method)rng_below(4);
    }

    in->projects = calloc(n_proj, sizeof *in->projects);
    assert_non_null(in->projects);
    in->n_projects = n_proj;
    for (size_t p = 0; p < n_proj; p++) {
        bonus_project *project = &in->projects[p];
        char id[24];
        /* 7 is invertible mod 31, so the ids are distinct and not in index order. */
        snprintf(id, sizeof id, "p%02zu", (p * 7) % 31);
        project->id = copy_text(id);
        project->name = copy_text(id);
        mpq_init(project->grant);
        random_q(project->grant, 50000, money_dens, 4);
        project->values = malloc(n_ind * sizeof *project->values);
        assert_non_null(project->values);
        for (size_t k = 0; k < n_ind; k++) {
            mpq_init(project->values[k]);
            /* Few distinct values, so that ties are common. */
            random_q(project->values[k], rng_below(3) == 0 ? 2 : 20, value_dens, 5);
        }
    }

    in->method = (bonus_method)rng_below(3);
    random_q(in->pool, 200000, money_dens, 4);
    random_q(in->rate, 30, (const unsigned long[]){ 100 }, 1);
    in->has_cap = rng_below(2) == 0;
    random_q(in->cap, 50, (const unsigned long[]){ 100 }, 1);
    in->has_min_score = rng_below(3) == 0;
    random_q(in->min_score, 10, (const unsigned long[]){ 10 }, 1);
    in->top = rng_below(3) == 0 ? 1 + rng_below(n_proj) : 0;
    set_q(in->unit, units[rng_below(5)]);
}

/* A deep copy of src with its projects in the order perm gives (perm[i] = source index),
 * grants multiplied by grant_factor. */
static void clone_input(bonus_input *dst, const bonus_input *src, const size_t *perm,
                        const mpq_t grant_factor)
{
    bonus_input_init(dst);
    mpq_set(dst->pool, src->pool);
    mpq_set(dst->rate, src->rate);
    mpq_set(dst->cap, src->cap);
    mpq_set(dst->min_score, src->min_score);
    mpq_set(dst->unit, src->unit);
    dst->method = src->method;
    dst->has_cap = src->has_cap;
    dst->has_min_score = src->has_min_score;
    dst->top = src->top;
    dst->indicators = calloc(src->n_indicators, sizeof *dst->indicators);
    assert_non_null(dst->indicators);
    dst->n_indicators = src->n_indicators;
    for (size_t k = 0; k < src->n_indicators; k++) {
        dst->indicators[k].id = copy_text(src->indicators[k].id);
        mpq_init(dst->indicators[k].weight);
        mpq_set(dst->indicators[k].weight, src->indicators[k].weight);
        dst->indicators[k].normalize = src->indicators[k].normalize;
    }
    dst->projects = calloc(src->n_projects, sizeof *dst->projects);
    assert_non_null(dst->projects);
    dst->n_projects = src->n_projects;
    for (size_t i = 0; i < src->n_projects; i++) {
        const bonus_project *from = &src->projects[perm[i]];
        bonus_project *to = &dst->projects[i];
        to->id = copy_text(from->id);
        to->name = copy_text(from->name);
        mpq_init(to->grant);
        mpq_mul(to->grant, from->grant, grant_factor);
        to->values = malloc(src->n_indicators * sizeof *to->values);
        assert_non_null(to->values);
        for (size_t k = 0; k < src->n_indicators; k++) {
            mpq_init(to->values[k]);
            mpq_set(to->values[k], from->values[k]);
        }
    }
}

/* The invariants of §5.6 that hold for any input. */
static void check_invariants(const bonus_result *r, const bonus_input *in)
{
    mpq_t sum_bonus, sum_exact, sum_cap, sum_target, lambda_w, quotient;
    mpq_init(sum_bonus);
    mpq_init(sum_exact);
    mpq_init(sum_cap);
    mpq_init(sum_target);
    mpq_init(lambda_w);
    mpq_init(quotient);
    size_t eligible = 0;
    for (size_t p = 0; p < r->n_projects; p++) {
        const bonus_project_result *pr = &r->projects[p];
        mpq_add(sum_bonus, sum_bonus, pr->bonus);
        mpq_add(sum_exact, sum_exact, pr->exact);
        assert_true(mpq_sgn(pr->bonus) >= 0);
        /* every bonus a multiple of the unit */
        mpq_div(quotient, pr->bonus, in->unit);
        assert_int_equal(mpz_cmp_ui(mpq_denref(quotient), 1), 0);
        /* no bonus above its cap */
        mpq_srcptr cap = cap_of(in, p);
        if (in->has_cap)
            assert_true(mpq_cmp(pr->bonus, cap) <= 0);
        /* a = floor + remainder with 0 ≤ remainder < u; bonus = floor (+ u with a unit) */
        mpq_srcptr floor = floor_of(r, in, p), remainder = remainder_of(r, in, p);
        mpq_add(quotient, floor, remainder);
        assert_int_equal(mpq_cmp(quotient, pr->exact), 0);
        assert_true(mpq_sgn(remainder) >= 0);
        assert_true(mpq_cmp(remainder, in->unit) < 0);
        mpq_sub(quotient, pr->bonus, floor);
        if (pr->got_extra_unit)
            assert_int_equal(mpq_cmp(quotient, in->unit), 0);
        else
            assert_int_equal(mpq_sgn(quotient), 0);
        /* step 4: w(p) for every project, by the method's formula */
        if (in->method == BONUS_SHARE) {
            mpq_set(quotient, pr->score);
        } else {
            mpq_mul(quotient, pr->score, in->projects[p].grant);
            if (in->method == BONUS_GRANT_RATE)
                mpq_mul(quotient, quotient, in->rate);
        }
        assert_int_equal(mpq_cmp(quotient, pr->basis), 0);
        if (pr->reason != BONUS_REASON_ELIGIBLE) {
            assert_int_equal(mpq_sgn(pr->bonus), 0);
            assert_int_equal(mpq_sgn(pr->exact), 0);
            continue;
        }
        eligible++;
        assert_true(mpq_sgn(pr->score) > 0);
        if (in->has_min_score)
            assert_true(mpq_cmp(pr->score, in->min_score) >= 0);
        if (mpq_sgn(pr->basis) > 0) {
            /* a = min(λ·w, c) */
            assert_true(r->has_lambda);
            mpq_mul(lambda_w, r->lambda, pr->basis);
            if (in->has_cap && mpq_cmp(cap, lambda_w) < 0)
                mpq_set(lambda_w, cap);
            assert_int_equal(mpq_cmp(pr->exact, lambda_w), 0);
            if (in->has_cap)
                mpq_add(sum_cap, sum_cap, cap);
            if (in->method == BONUS_GRANT_RATE) {
                mpq_set(lambda_w, pr->basis);   /* min(w, c) */
                if (in->has_cap && mpq_cmp(cap, lambda_w) < 0)
                    mpq_set(lambda_w, cap);
                mpq_add(sum_target, sum_target, lambda_w);
            }
        } else
            assert_int_equal(mpq_sgn(pr->exact), 0);
    }
    assert_int_equal(eligible, r->eligible_count);
    if (in->top > 0 && !r->top_tie_extended)
        assert_true(eligible <= in->top);
    if (r->top_tie_extended)
        assert_true(eligible > in->top);
    /* Σ a is what step 5 promises. */
    assert_int_equal(mpq_cmp(sum_exact, r->exact_total), 0);
    if (r->has_lambda) {
        if (in->method == BONUS_GRANT_RATE) {
            if (mpq_cmp(sum_target, in->pool) > 0)
                mpq_set(sum_target, in->pool);
            assert_int_equal(mpq_cmp(sum_exact, sum_target), 0);
            assert_true(mpq_cmp_ui(r->lambda, 1, 1) <= 0);
        } else if (in->has_cap && mpq_cmp(sum_cap, in->pool) < 0)
            assert_int_equal(mpq_cmp(sum_exact, sum_cap), 0);
        else
            assert_int_equal(mpq_cmp(sum_exact, in->pool), 0);
    } else
        assert_int_equal(mpq_sgn(sum_exact), 0);
    /* Σ bonuses = allocated ≤ A ≤ Σ a ≤ pool; without caps every unit of A is placed. */
    assert_int_equal(mpq_cmp(sum_bonus, r->allocated), 0);
    assert_true(mpq_cmp(r->allocated, r->rounded_total) <= 0);
    assert_true(mpq_cmp(r->rounded_total, r->exact_total) <= 0);
    assert_true(mpq_cmp(r->exact_total, in->pool) <= 0);
    if (!in->has_cap)
        assert_int_equal(mpq_cmp(r->allocated, r->rounded_total), 0);
    mpq_sub(quotient, in->pool, r->allocated);
    assert_int_equal(mpq_cmp(quotient, r->unallocated), 0);

    mpq_clear(sum_bonus);
    mpq_clear(sum_exact);
    mpq_clear(sum_cap);
    mpq_clear(sum_target);
    mpq_clear(lambda_w);
    mpq_clear(quotient);
}

static size_t find_by_id(const bonus_input *in, const char *id)
{
    for (size_t p = 0; p < in->n_projects; p++)
        if (strcmp(in->projects[p].id, id) == 0)
            return p;
    fail_msg("id %s not found", id);
    return 0;
}

/* The same answer for every project, looked up by id. */
static void assert_same_results(const bonus_result *a, const bonus_input *in_a,
                                const bonus_result *b, const bonus_input *in_b, bool grants_same)
{
    assert_int_equal(a->eligible_count, b->eligible_count);
    assert_int_equal(a->top_tie_extended, b->top_tie_extended);
    assert_int_equal(a->has_lambda, b->has_lambda);
    assert_int_equal(mpq_cmp(a->allocated, b->allocated), 0);
    if (grants_same)
        assert_true(!a->has_lambda || mpq_cmp(a->lambda, b->lambda) == 0);
    for (size_t p = 0; p < in_a->n_projects; p++) {
        size_t q = find_by_id(in_b, in_a->projects[p].id);
        const bonus_project_result *x = &a->projects[p], *y = &b->projects[q];
        for (size_t k = 0; k < in_a->n_indicators; k++)
            assert_int_equal(mpq_cmp(normalized_of(a, in_a, p, k), normalized_of(b, in_b, q, k)), 0);
        assert_int_equal(mpq_cmp(x->score, y->score), 0);
        assert_int_equal(x->reason, y->reason);
        if (grants_same)
            assert_int_equal(mpq_cmp(x->exact, y->exact), 0);
        assert_int_equal(mpq_cmp(x->bonus, y->bonus), 0);
        assert_int_equal(x->got_extra_unit, y->got_extra_unit);
    }
}

static void test_properties_random(void **state)
{
    (void)state;
    rng_state = 20130601;
    mpq_t one, factor;
    mpq_init(one);
    mpq_init(factor);
    mpq_set_ui(one, 1, 1);
    size_t perm[30];
    for (int round = 0; round < 500; round++) {
        bonus_input in;
        random_input(&in);
        bonus_result r;
        compute(&r, &in);
        check_invariants(&r, &in);

        /* Independent of project order: shuffle (Fisher–Yates) and compare per id. */
        for (size_t i = 0; i < in.n_projects; i++)
            perm[i] = i;
        for (size_t i = in.n_projects; i > 1; i--) {
            size_t j = rng_below(i), t = perm[i - 1];
            perm[i - 1] = perm[j];
            perm[j] = t;
        }
        bonus_input shuffled;
        clone_input(&shuffled, &in, perm, one);
        bonus_result rs;
        compute(&rs, &shuffled);
        check_invariants(&rs, &shuffled);
        assert_same_results(&r, &in, &rs, &shuffled, true);
        bonus_result_clear(&rs);
        bonus_input_clear(&shuffled);

        /* grant-weighted without caps: scaling every grant by k leaves the bonuses as they
         * are (λ scales by 1/k, λ·w does not change). */
        if (in.method == BONUS_GRANT_WEIGHTED && !in.has_cap) {
            for (size_t i = 0; i < in.n_projects; i++)
                perm[i] = i;
            mpq_set_ui(factor, 2 + rng_below(5), 1 + rng_below(3));
            mpq_canonicalize(factor);
            bonus_input scaled;
            clone_input(&scaled, &in, perm, factor);
            bonus_result rk;
            compute(&rk, &scaled);
            check_invariants(&rk, &scaled);
            assert_same_results(&r, &in, &rk, &scaled, false);
            for (size_t p = 0; p < in.n_projects; p++)
                assert_int_equal(mpq_cmp(r.projects[p].exact, rk.projects[p].exact), 0);
            bonus_result_clear(&rk);
            bonus_input_clear(&scaled);
        }

        /* share without caps: a higher score never gets less. */
        if (in.method == BONUS_SHARE && !in.has_cap)
            for (size_t p = 0; p < in.n_projects; p++)
                for (size_t q = 0; q < in.n_projects; q++)
                    if (mpq_cmp(r.projects[p].score, r.projects[q].score) > 0)
                        assert_true(mpq_cmp(r.projects[p].bonus, r.projects[q].bonus) >= 0);

        bonus_result_clear(&r);
        bonus_input_clear(&in);
    }
    mpq_clear(one);
    mpq_clear(factor);
}

/* Every field of two results, exactly. */
static void assert_identical(const bonus_result *a, const bonus_result *b, const bonus_input *in)
{
    assert_int_equal(a->n_projects, b->n_projects);
    assert_int_equal(a->eligible_count, b->eligible_count);
    assert_int_equal(a->top_tie_extended, b->top_tie_extended);
    assert_int_equal(a->has_lambda, b->has_lambda);
    assert_true(mpq_equal(a->lambda, b->lambda));
    assert_true(mpq_equal(a->exact_total, b->exact_total));
    assert_true(mpq_equal(a->rounded_total, b->rounded_total));
    assert_true(mpq_equal(a->allocated, b->allocated));
    assert_true(mpq_equal(a->unallocated, b->unallocated));
    for (size_t p = 0; p < a->n_projects; p++) {
        const bonus_project_result *x = &a->projects[p], *y = &b->projects[p];
        for (size_t k = 0; k < a->n_indicators; k++)
            assert_true(mpq_equal(normalized_of(a, in, p, k), normalized_of(b, in, p, k)));
        assert_true(mpq_equal(x->score, y->score));
        assert_int_equal(x->reason, y->reason);
        assert_true(mpq_equal(x->basis, y->basis));
        assert_true(mpq_equal(x->exact, y->exact));
        assert_true(mpq_equal(floor_of(a, in, p), floor_of(b, in, p)));
        assert_true(mpq_equal(remainder_of(a, in, p), remainder_of(b, in, p)));
        assert_int_equal(x->got_extra_unit, y->got_extra_unit);
        assert_true(mpq_equal(x->bonus, y->bonus));
    }
}

/* bonus_recompute (steps 3–6 again, `tkk sweep`): on a result of one input, for the same
 * projects with another pool, method, rate, cap, min_score, top, unit and grants, it
 * must give field for field what bonus_compute gives from scratch — also twice in a
 * row, and back to the first input. */
static void test_recompute_random(void **state)
{
    (void)state;
    rng_state = 20140617;
    static const unsigned long money_dens[] = { 1, 1, 100, 3 };
    static const char *const units[] = { "1/100", "1", "500", "7/3", "10" };
    mpq_t one;
    mpq_init(one);
    mpq_set_ui(one, 1, 1);
    size_t perm[30];
    for (int round = 0; round < 300; round++) {
        bonus_input in;
        random_input(&in);
        for (size_t i = 0; i < in.n_projects; i++)
            perm[i] = i;
        bonus_result kept;
        compute(&kept, &in);
        for (int step = 0; step < 3; step++) {
            bonus_input varied;
            clone_input(&varied, &in, perm, one);
            if (step < 2) {
                varied.method = (bonus_method)rng_below(3);
                random_q(varied.pool, 200000, money_dens, 4);
                random_q(varied.rate, 30, (const unsigned long[]){ 100 }, 1);
                varied.has_cap = rng_below(2) == 0;
                random_q(varied.cap, 50, (const unsigned long[]){ 100 }, 1);
                varied.has_min_score = rng_below(3) == 0;
                random_q(varied.min_score, 10, (const unsigned long[]){ 10 }, 1);
                varied.top = rng_below(3) == 0 ? 1 + rng_below(varied.n_projects) : 0;
                set_q(varied.unit, units[rng_below(5)]);
                random_q(varied.projects[rng_below(varied.n_projects)].grant, 50000,
                         money_dens, 4);
            }   /* step 2: the first input again */
            bonus_recompute(&kept, &varied);
            bonus_result fresh;
            compute(&fresh, &varied);
            assert_identical(&kept, &fresh, &varied);
            bonus_result_clear(&fresh);
            bonus_input_clear(&varied);
        }
        bonus_result_clear(&kept);
        bonus_input_clear(&in);
    }
    mpq_clear(one);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_each_method),
        cmocka_unit_test(test_normalize_rank_ties),
        cmocka_unit_test(test_normalize_all_zero),
        cmocka_unit_test(test_normalize_minmax_all_equal_positive),
        cmocka_unit_test(test_normalize_single_project),
        cmocka_unit_test(test_share_no_cap),
        cmocka_unit_test(test_share_cap_water_filling),
        cmocka_unit_test(test_share_pool_covers_caps),
        cmocka_unit_test(test_grant_weighted_no_cap),
        cmocka_unit_test(test_grant_weighted_cap),
        cmocka_unit_test(test_grant_rate_fits),
        cmocka_unit_test(test_grant_rate_exceeds_pool),
        cmocka_unit_test(test_no_lambda),
        cmocka_unit_test(test_basis_of_ineligible_project),
        cmocka_unit_test(test_top_tie_at_boundary),
        cmocka_unit_test(test_min_score),
        cmocka_unit_test(test_score_zero_takes_no_top_slot),
        cmocka_unit_test(test_reason_text),
        cmocka_unit_test(test_round_cent_tie_to_id),
        cmocka_unit_test(test_round_unit_one_id_bytes),
        cmocka_unit_test(test_round_tie_to_higher_score),
        cmocka_unit_test(test_round_unit_500_and_cap_block),
        cmocka_unit_test(test_round_unit_nobody_may_take),
        cmocka_unit_test(test_input_init_clear),
        cmocka_unit_test(test_properties_random),
        cmocka_unit_test(test_recompute_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
