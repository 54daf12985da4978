/* Tests for sweep.c: --vary parsing (SPEC §6 with the numbers of §3), exact range
 * values, the loader texts, the product count and the odometer order. Expected values
 * are worked out by hand in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>

#include <cmocka.h>

#include "sweep.h"

/* Parses arg, expecting success. */
static void parse_ok(sweep_axis *axis, const char *arg)
{
    char error[512] = "";
    int rc = sweep_axis_parse(axis, arg, error, sizeof error);
    if (rc != 0)
        fail_msg("%s: %s", arg, error);
}

/* Parses arg, expecting failure with a message that names the argument and contains
 * `needle`. */
static void parse_fails(const char *arg, const char *needle)
{
    sweep_axis axis;
    char error[512] = "";
    assert_int_equal(sweep_axis_parse(&axis, arg, error, sizeof error), -1);
    char quoted[300];
    snprintf(quoted, sizeof quoted, "--vary '%s'", arg);
    if (!strstr(error, quoted))
        fail_msg("message does not name the argument: %s", error);
    if (!strstr(error, needle))
        fail_msg("message '%s' does not contain '%s'", error, needle);
    sweep_axis_clear(&axis);   /* a failed parse leaves nothing; a clear is harmless */
}

static void assert_text(const sweep_axis *axis, unsigned long long i, const char *expected)
{
    char *text = sweep_axis_text(axis, i);
    assert_non_null(text);
    assert_string_equal(text, expected);
    free(text);
}

static void assert_number(const sweep_axis *axis, unsigned long long i, const char *expected)
{
    mpq_t value, want;
    mpq_inits(value, want, NULL);
    assert_true(sweep_axis_number(value, axis, i));
    assert_int_equal(mpq_set_str(want, expected, 10), 0);
    mpq_canonicalize(want);
    if (!mpq_equal(value, want))
        fail_msg("value %llu: got %s, want %s", i, mpq_get_str(NULL, 10, value), expected);
    mpq_clears(value, want, NULL);
}

static void test_range_up(void **state)
{
    (void)state;
    sweep_axis axis;
    parse_ok(&axis, "staff.coaches.fte=4..10:1");
    /* ⌊(10 − 4) ÷ 1⌋ + 1 = 7 values: 4, 5, ..., 10 */
    assert_int_equal(axis.form, SWEEP_RANGE);
    assert_string_equal(axis.path, "staff.coaches.fte");
    assert_int_equal(axis.n_values, 7);
    assert_text(&axis, 0, "4");
    assert_text(&axis, 6, "10");
    assert_number(&axis, 3, "7");
    sweep_axis_clear(&axis);
    sweep_axis_clear(&axis);   /* a second clear does nothing */
}

static void test_range_down_and_not_reaching(void **state)
{
    (void)state;
    sweep_axis axis;
    /* From 10 down to 3 by −2: ⌊(3 − 10) ÷ −2⌋ + 1 = ⌊3,5⌋ + 1 = 4 values 10, 8, 6, 4
     * (TO itself is not reached). */
    parse_ok(&axis, "staff.coaches.fte = 10..3:-2");
    assert_string_equal(axis.path, "staff.coaches.fte");
    assert_int_equal(axis.n_values, 4);
    assert_text(&axis, 0, "10");
    assert_text(&axis, 3, "4");
    sweep_axis_clear(&axis);
}

static void test_range_fraction_step_exact(void **state)
{
    (void)state;
    sweep_axis axis;
    /* 0..1:1/3 — ⌊1 ÷ (1/3)⌋ + 1 = 4 values 0, 1/3, 2/3, 1 exactly (with doubles,
     * 3 × 0.333… may fall short of 1 and give 3 values). */
    parse_ok(&axis, "funding.state_share=0..1:1/3");
    assert_int_equal(axis.n_values, 4);
    assert_text(&axis, 0, "0");
    assert_text(&axis, 1, "1/3");
    assert_text(&axis, 2, "2/3");
    assert_text(&axis, 3, "1");
    assert_number(&axis, 2, "2/3");
    sweep_axis_clear(&axis);

    /* 0,1 steps from 0 to 0,3: 0,1 is not a double, but 3 × 1/10 = 3/10 exactly, so
     * ⌊0,3 ÷ 0,1⌋ + 1 = 4. */
    parse_ok(&axis, "x.y=0..0,3:0,1");
    assert_int_equal(axis.n_values, 4);
    assert_text(&axis, 3, "0.3");
    sweep_axis_clear(&axis);
}

static void test_range_section3_numbers(void **state)
{
    (void)state;
    sweep_axis axis;
    /* Money with group separators and €: 2 400 € .. 3 000 € step 150,5 €:
     * ⌊600 ÷ 150,5⌋ + 1 = 3 + 1 = 4: 2400, 2550.5, 2701, 2851.5 */
    parse_ok(&axis, "premises.module.monthly_rent=2 400 €..3 000 €:150,5 €");
    assert_int_equal(axis.n_values, 4);
    assert_text(&axis, 1, "2550.5");
    assert_text(&axis, 3, "2851.5");
    sweep_axis_clear(&axis);

    /* Percent: 50 % .. 80 % step 5 % = 0,5 .. 0,8 step 0,05: 7 values. The loader gets
     * "55 %" (so a non-ratio key still rejects the %), the workbook the ratio 0,55. */
    parse_ok(&axis, "funding.state_share=50 %..80 %:5 %");
    assert_true(axis.percent);
    assert_int_equal(axis.n_values, 7);
    assert_text(&axis, 1, "55 %");
    assert_text(&axis, 6, "80 %");
    assert_number(&axis, 1, "11/20");
    sweep_axis_clear(&axis);

    /* Negative values and a 1/8 step: −1/4 + 1/8 = −1/8 → "-0.125". */
    parse_ok(&axis, "a.b=-1/4..0:1/8");
    assert_int_equal(axis.n_values, 3);
    assert_text(&axis, 0, "-0.25");
    assert_text(&axis, 1, "-0.125");
    assert_text(&axis, 2, "0");
    sweep_axis_clear(&axis);
}

static void test_rational_text(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"0", "0"},          {"5", "5"},         {"-7", "-7"},
        {"1/2", "0.5"},      {"1/40", "0.025"},  /* 40 = 2³ × 5: three decimals */
        {"-3/8", "-0.375"},  {"137/10", "13.7"}, {"1/3", "1/3"},
        {"-2/3", "-2/3"},    {"7/6", "7/6"},     /* 6 = 2 × 3: no finite decimal */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mpq_t q;
        mpq_init(q);
        assert_int_equal(mpq_set_str(q, cases[i].in, 10), 0);
        mpq_canonicalize(q);
        char *text = sweep_rational_text(q);
        assert_non_null(text);
        assert_string_equal(text, cases[i].out);
        free(text);
        mpq_clear(q);
    }
}

static void test_from_equals_to(void **state)
{
    (void)state;
    sweep_axis axis;
    /* FROM = TO: one value whatever the step's sign. */
    parse_ok(&axis, "a.b=5..5:-1");
    assert_int_equal(axis.n_values, 1);
    assert_text(&axis, 0, "5");
    sweep_axis_clear(&axis);
}

static void test_range_errors(void **state)
{
    (void)state;
    parse_fails("staff.coaches.fte=4..10:0", "must not be 0");
    parse_fails("staff.coaches.fte=4..10:0,00", "must not be 0");
    parse_fails("staff.coaches.fte=4..10:-1", "needs a positive step");
    parse_fails("staff.coaches.fte=10..4:1", "needs a negative step");
    parse_fails("staff.coaches.fte=4..10", "needs a step");
    parse_fails("staff.coaches.fte=4..abc:1", "TO 'abc'");
    parse_fails("staff.coaches.fte=1e5..10:1", "FROM '1e5'");
    parse_fails("staff.coaches.fte=4..10:1/0", "STEP '1/0'");
    parse_fails("staff.coaches.fte=,5..10:1", "FROM ',5'");
    parse_fails("staff.coaches.fte", "expected PATH=");
    parse_fails("=4..10:1", "PATH before '=' is missing");
}

static void test_list(void **state)
{
    (void)state;
    sweep_axis axis;
    parse_ok(&axis, "premises.module.monthly_rent=2 400;3 000 ; 3 600 €");
    assert_int_equal(axis.form, SWEEP_LIST);
    assert_int_equal(axis.n_values, 3);
    /* Texts go to the loader as written, blanks around them trimmed. */
    assert_text(&axis, 0, "2 400");
    assert_text(&axis, 1, "3 000");
    assert_text(&axis, 2, "3 600 €");
    assert_number(&axis, 2, "3600");
    sweep_axis_clear(&axis);

    parse_ok(&axis, "scenario.rounding=half-up;half-even");
    mpq_t q;
    mpq_init(q);
    assert_false(sweep_axis_number(q, &axis, 0));   /* a word: a text cell */
    mpq_clear(q);
    sweep_axis_clear(&axis);

    parse_ok(&axis, "staff.coaches.fte=7");          /* one value: a list of one */
    assert_int_equal(axis.n_values, 1);
    sweep_axis_clear(&axis);

    parse_fails("staff.coaches.fte=1;;3", "value 2 of the list is empty");
    parse_fails("staff.coaches.fte=", "no value");
}

static void test_count_and_refusal_size(void **state)
{
    (void)state;
    sweep_axis axes[3];
    /* 1..100:1 → 100; 1..1000:1 → 1000; 1..10:1 → 10: 100 × 1000 × 10 = 1 000 000 */
    parse_ok(&axes[0], "a.b=1..100:1");
    parse_ok(&axes[1], "c.d=1..1000:1");
    parse_ok(&axes[2], "e.f=1..10:1");
    assert_int_equal(sweep_count(axes, 2), 100000);
    assert_int_equal(sweep_count(axes, 3), 1000000);
    sweep_axis_clear(&axes[2]);
    /* One more value on the last axis: 100 × 1000 × 11 = 1 100 000, above the default
     * limit of 1 000 000 that command_sweep refuses without --max. */
    parse_ok(&axes[2], "e.f=0..10:1");
    unsigned long long n = sweep_count(axes, 3);
    assert_int_equal(n, 1100000);
    assert_true(n > 1000000ULL);
    /* 1 100 000 is also more than the 1 048 575 data rows of a worksheet: no --max helps. */
    char error[512] = "";
    assert_int_equal(sweep_check_count(n, 2000000, error, sizeof error), -1);
    assert_non_null(strstr(error, "1 100 000 variants"));
    assert_non_null(strstr(error, "1 048 575 rows"));
    assert_int_equal(sweep_check_count(1048575, 2000000, error, sizeof error), 0);

    /* 1000 × 1040 = 1 040 000: over the default limit, refused with the way to allow it. */
    sweep_axis big[2];
    parse_ok(&big[0], "a.b=1..1000:1");
    parse_ok(&big[1], "c.d=1..1040:1");
    n = sweep_count(big, 2);
    assert_int_equal(n, 1040000);
    assert_int_equal(sweep_check_count(n, 1000000, error, sizeof error), -1);
    assert_non_null(strstr(error, "1 040 000 variants"));
    assert_non_null(strstr(error, "limit of 1 000 000"));
    assert_non_null(strstr(error, "--max 1040000"));
    /* --max 1040000 allows exactly that many; the default allows exactly 1 000 000. */
    assert_int_equal(sweep_check_count(n, 1040000, error, sizeof error), 0);
    assert_int_equal(sweep_check_count(1000000, 1000000, error, sizeof error), 0);
    sweep_axis_clear(&big[0]);
    sweep_axis_clear(&big[1]);
    for (int i = 0; i < 3; i++)
        sweep_axis_clear(&axes[i]);

    /* A range far too long to list is only counted: 0..10^15:10^-10 (10^25 values)
     * saturates, and two such axes multiply to the saturated count without overflow. */
    parse_ok(&axes[0], "a.b=0..1000000000000000:0,0000000001");
    parse_ok(&axes[1], "c.d=0..1000000000:1");
    assert_true(axes[0].n_values == ULLONG_MAX);
    assert_true(sweep_count(axes, 2) == ULLONG_MAX);
    /* 10^9 + 1 values × 10^9 + 1 values ≈ 10^18 + 2×10^9 + 1, below 2^64 ≈ 1,8×10^19. */
    sweep_axis_clear(&axes[0]);
    parse_ok(&axes[0], "a.b=0..1000000000:1");
    assert_true(sweep_count(axes, 2) == 1000000002000000001ULL);
    sweep_axis_clear(&axes[0]);
    sweep_axis_clear(&axes[1]);
}

static void test_product_order(void **state)
{
    (void)state;
    sweep_axis axes[2];
    parse_ok(&axes[0], "staff.coaches.fte=5..7:1");
    parse_ok(&axes[1], "premises.module.monthly_rent=2 400;3 000");
    sweep_iter it;
    sweep_iter_init(&it, axes, 2);
    /* The first --vary varies slowest: (5, 2400), (5, 3000), (6, 2400), ... */
    static const char *const expected[6][2] = {
        {"staff.coaches.fte=5", "premises.module.monthly_rent=2 400"},
        {"staff.coaches.fte=5", "premises.module.monthly_rent=3 000"},
        {"staff.coaches.fte=6", "premises.module.monthly_rent=2 400"},
        {"staff.coaches.fte=6", "premises.module.monthly_rent=3 000"},
        {"staff.coaches.fte=7", "premises.module.monthly_rent=2 400"},
        {"staff.coaches.fte=7", "premises.module.monthly_rent=3 000"},
    };
    for (int i = 0; i < 6; i++) {
        assert_int_equal(sweep_iter_next(&it), 1);
        assert_int_equal(it.position, i);
        assert_string_equal(it.assignments[0], expected[i][0]);
        assert_string_equal(it.assignments[1], expected[i][1]);
    }
    assert_int_equal(sweep_iter_next(&it), 0);
    assert_int_equal(sweep_iter_next(&it), 0);   /* stays finished */
    sweep_iter_clear(&it);
    sweep_iter_clear(&it);
    sweep_axis_clear(&axes[0]);
    sweep_axis_clear(&axes[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_range_up),
        cmocka_unit_test(test_range_down_and_not_reaching),
        cmocka_unit_test(test_range_fraction_step_exact),
        cmocka_unit_test(test_range_section3_numbers),
        cmocka_unit_test(test_rational_text),
        cmocka_unit_test(test_from_equals_to),
        cmocka_unit_test(test_range_errors),
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_count_and_refusal_size),
        cmocka_unit_test(test_product_order),
    };
    return cmocka_run_group_tests_name("sweep", tests, NULL, NULL);
}
