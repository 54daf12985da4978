/* Tests for fraction.c, rational_sum.c and money_fraction_to_double (issue 13): exact
 * values kept without gcds must be the same rationals, and show as the same doubles, as
 * the canonical ones. Expected values are worked out by hand in the comments; property
 * tests compare with mpq_mul, mpq_div, mpq_add and money_to_double on top. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "fraction.h"
#include "money.h"
#include "rational_sum.h"

static void set_q(mpq_t q, const char *text)
{
    assert_int_equal(mpq_set_str(q, text, 10), 0);
    mpq_canonicalize(q);
}

/* The fraction's num and den as "n/d" text. */
static void assert_fraction(const fraction *f, const char *num, const char *den)
{
    char buf[64];
    gmp_snprintf(buf, sizeof buf, "%Zd", f->num);
    assert_string_equal(buf, num);
    gmp_snprintf(buf, sizeof buf, "%Zd", f->den);
    assert_string_equal(buf, den);
}

static void test_fraction_keeps_terms_unreduced(void **state)
{
    (void)state;
    fraction f;
    fraction_init(&f);
    assert_fraction(&f, "0", "1");
    mpq_t a, b;
    mpq_inits(a, b, NULL);
    /* 3/4 × 2/3 = 6/12 kept as it is (mpq_mul would give 1/2). */
    set_q(a, "3/4");
    set_q(b, "2/3");
    fraction_set_q(&f, a);
    fraction_mul_q(&f, b);
    assert_fraction(&f, "6", "12");
    set_q(a, "1/2");
    assert_true(fraction_equal_q(&f, a));
    set_q(a, "1/3");
    assert_false(fraction_equal_q(&f, a));
    /* ÷ (−5/7): 6·7 / (12·(−5)) = 42/−60 = −7/10, a negative denominator. */
    set_q(b, "-5/7");
    fraction_div_q(&f, b);
    assert_fraction(&f, "42", "-60");
    set_q(a, "-7/10");
    assert_true(fraction_equal_q(&f, a));
    set_q(a, "7/10");
    assert_false(fraction_equal_q(&f, a));
    assert_true(fraction_to_double(&f) == -0.7);
    mpq_clears(a, b, NULL);
    fraction_clear(&f);
}

static void test_fraction_to_double_by_value(void **state)
{
    (void)state;
    mpz_t n, d;
    mpz_inits(n, d, NULL);
    /* 1/10 written as 3/30 and as −4/−40: the same double as 0.1. */
    mpz_set_si(n, 3);
    mpz_set_si(d, 30);
    assert_true(money_fraction_to_double(n, d) == 0.1);
    mpz_set_si(n, -4);
    mpz_set_si(d, -40);
    assert_true(money_fraction_to_double(n, d) == 0.1);
    mpz_set_si(d, 40);
    assert_true(money_fraction_to_double(n, d) == -0.1);
    /* Wider than 53 bits: (1/3) · 10^30 / 10^30, by integers, = 1.0/3.0. */
    mpz_ui_pow_ui(d, 10, 30);
    mpz_set(n, d);
    mpz_mul_ui(d, d, 3);
    assert_true(money_fraction_to_double(n, d) == 1.0 / 3.0);
    mpz_neg(d, d);
    assert_true(money_fraction_to_double(n, d) == -1.0 / 3.0);
    mpz_set_ui(n, 0);
    assert_true(money_fraction_to_double(n, d) == 0.0);
    mpz_clears(n, d, NULL);
}

/* Property: k·n / k·d shows as n/d does, for random n/d and k of every size. */
static void test_fraction_to_double_agrees_with_canonical(void **state)
{
    (void)state;
    gmp_randstate_t random;
    gmp_randinit_default(random);
    gmp_randseed_ui(random, 20261202);
    mpq_t value;
    mpz_t k, n, d;
    mpq_init(value);
    mpz_inits(k, n, d, NULL);
    for (int i = 0; i < 50000; i++) {
        mpz_urandomb(mpq_numref(value), random, 1 + (mp_bitcnt_t)(i % 90));
        mpz_urandomb(mpq_denref(value), random, 1 + (mp_bitcnt_t)((i / 90) % 90));
        if (mpz_sgn(mpq_denref(value)) == 0)
            mpz_set_ui(mpq_denref(value), 7);
        if (i & 1)
            mpz_neg(mpq_numref(value), mpq_numref(value));
        mpq_canonicalize(value);
        mpz_urandomb(k, random, 1 + (mp_bitcnt_t)(i % 70));
        mpz_add_ui(k, k, 1);
        if (i & 2)
            mpz_neg(k, k);
        mpz_mul(n, mpq_numref(value), k);
        mpz_mul(d, mpq_denref(value), k);
        if (money_fraction_to_double(n, d) != money_to_double(value)) {
            gmp_printf("differs at %Qd × %Zd\n", value, k);
            fail();
        }
    }
    mpz_clears(k, n, d, NULL);
    mpq_clear(value);
    gmp_randclear(random);
}

static void test_rational_sum_by_hand(void **state)
{
    (void)state;
    rational_sum sum;
    rational_sum_init(&sum);
    mpq_t term, total;
    mpq_inits(term, total, NULL);
    rational_sum_get(total, &sum);
    assert_int_equal(mpq_sgn(total), 0);
    /* 1/4 + 1/6 + 5/12 + 1/6 = 3/12 + 2/12 + 5/12 + 2/12 = 12/12 = 1, over the common
     * denominator 12 (lcm 4, 6, 12). */
    const char *terms[] = {"1/4", "1/6", "5/12", "1/6"};
    for (size_t i = 0; i < 4; i++) {
        set_q(term, terms[i]);
        rational_sum_add(&sum, term);
    }
    char buf[64];
    gmp_snprintf(buf, sizeof buf, "%Zd/%Zd", sum.num, sum.den);
    assert_string_equal(buf, "12/12");
    rational_sum_get(total, &sum);
    gmp_snprintf(buf, sizeof buf, "%Qd", total);
    assert_string_equal(buf, "1");
    /* − 7/5: 1 − 7/5 = −2/5. */
    set_q(term, "-7/5");
    rational_sum_add(&sum, term);
    rational_sum_get(total, &sum);
    gmp_snprintf(buf, sizeof buf, "%Qd", total);
    assert_string_equal(buf, "-2/5");
    mpq_clears(term, total, NULL);
    rational_sum_clear(&sum);
}

/* Property: the same canonical sum as mpq_add, for decimal-like terms (the common
 * denominator stays small) and for terms with random large denominators (it grows past
 * its limit and the sum goes on as a plain mpq). */
static void test_rational_sum_agrees_with_mpq_add(void **state)
{
    (void)state;
    gmp_randstate_t random;
    gmp_randinit_default(random);
    gmp_randseed_ui(random, 7);
    mpq_t term, expected, got;
    mpq_inits(term, expected, got, NULL);
    for (int round = 0; round < 2; round++) {
        rational_sum sum;
        rational_sum_init(&sum);
        mpq_set_ui(expected, 0, 1);
        for (int i = 0; i < 3000; i++) {
            mpz_urandomb(mpq_numref(term), random, 40);
            if (i % 3 == 0)
                mpz_neg(mpq_numref(term), mpq_numref(term));
            if (round == 0)
                mpz_ui_pow_ui(mpq_denref(term), 10, (unsigned long)(i % 5));   /* decimals */
            else {
                mpz_urandomb(mpq_denref(term), random, 60);
                mpz_add_ui(mpq_denref(term), mpq_denref(term), 1);
            }
            mpq_canonicalize(term);
            rational_sum_add(&sum, term);
            mpq_add(expected, expected, term);
            if (i % 500 == 0) {
                rational_sum_get(got, &sum);
                assert_true(mpq_equal(got, expected));
            }
        }
        rational_sum_get(got, &sum);
        assert_true(mpq_equal(got, expected));
        assert_int_equal(sum.is_plain, round == 1);
        rational_sum_clear(&sum);
    }
    mpq_clears(term, expected, got, NULL);
    gmp_randclear(random);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fraction_keeps_terms_unreduced),
        cmocka_unit_test(test_fraction_to_double_by_value),
        cmocka_unit_test(test_fraction_to_double_agrees_with_canonical),
        cmocka_unit_test(test_rational_sum_by_hand),
        cmocka_unit_test(test_rational_sum_agrees_with_mpq_add),
    };
    return cmocka_run_group_tests_name("fraction", tests, NULL, NULL);
}
