/* Tests for money.c: exact rounding (SPEC §3), unit floors (§5.6) and the exact →
 * double edge (display text is test_number_format.c's). Expected values are worked out
 * by hand in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "money.h"

/* Sets q from "n/d" text and canonicalises (test input only; the program never uses
 * mpq_set_str, see STYLE.md). */
static void set_q(mpq_t q, const char *text)
{
    assert_int_equal(mpq_set_str(q, text, 10), 0);
    mpq_canonicalize(q);
}

typedef struct {
    const char *in;
    unsigned decimals;
    const char *half_up;
    const char *half_even;
} round_case;

static const round_case round_cases[] = {
    /* 1234.565 → 1234.57 either way?  ×100 = 123456.5: a tie; up → 123457, even → 123456. */
    { "246913/200", 2, "123457/100", "123456/100" },
    /* 0.25 and −12.5 are already whole cents (4 and 2 divide 100): unchanged. */
    { "1/4", 2, "1/4", "1/4" },
    { "-25/2", 2, "-25/2", "-25/2" },
    /* 0.125 ×100 = 12.5: tie; up 13 → 0.13, even 12 → 0.12 */
    { "1/8", 2, "13/100", "12/100" },
    /* 0.135 ×100 = 13.5: tie; up 14, even 14 → 0.14 both */
    { "27/200", 2, "14/100", "14/100" },
    /* -0.025 ×100 = -2.5: up (away from zero) -3, even -2 */
    { "-1/40", 2, "-3/100", "-2/100" },
    /* -0.015 ×100 = -1.5: up -2, even -2 */
    { "-3/200", 2, "-2/100", "-2/100" },
    /* 1/3 ×100 = 33.33…: not a tie → 33 → 0.33 */
    { "1/3", 2, "33/100", "33/100" },
    /* -2/3 ×100 = -66.66… → -67 → -0.67 */
    { "-2/3", 2, "-67/100", "-67/100" },
    /* whole and exact values stay as they are */
    { "2400", 2, "2400", "2400" },
    { "0", 2, "0", "0" },
    { "-59000", 2, "-59000", "-59000" },
    /* -0.004 → -0.4 cents → 0 (no negative zero in a rational) */
    { "-1/250", 2, "0", "0" },
    /* 0 decimals: 2.5 → up 3, even 2; 3.5 → 4 both; -0.5 → up -1, even 0 */
    { "5/2", 0, "3", "2" },
    { "7/2", 0, "4", "4" },
    { "-1/2", 0, "-1", "0" },
    /* 3 decimals: 1.0005 ×1000 = 1000.5: tie; up 1001, even 1000 */
    { "2001/2000", 3, "1001/1000", "1" },
    /* large: 123456789012345678.905 ×100 = 12345678901234567890.5: tie;
     * up …891, even …890 (…890 is even) */
    { "24691357802469135781/200", 2, "12345678901234567891/100", "12345678901234567890/100" },
    /* just above a half is never a tie: 0.12500001 → 0.13 both */
    { "12500001/100000000", 2, "13/100", "13/100" },
    /* salary raise of SPEC §4: ROUND(3100 × 1.02, 2) = 3162 exactly */
    { "3162", 2, "3162", "3162" },
};

static void test_round_places(void **state)
{
    (void)state;
    mpq_t in, out, expected;
    mpq_init(in);
    mpq_init(out);
    mpq_init(expected);
    for (size_t i = 0; i < sizeof round_cases / sizeof round_cases[0]; i++) {
        const round_case *c = &round_cases[i];
        set_q(in, c->in);
        for (int mode = 0; mode < 2; mode++) {
            set_q(expected, mode == 0 ? c->half_up : c->half_even);
            money_round_places(out, in, c->decimals, mode == 0 ? ROUND_HALF_UP : ROUND_HALF_EVEN);
            if (mpq_cmp(out, expected) != 0) {
                gmp_fprintf(stderr, "case %zu %s mode %d: got %Qd, expected %Qd\n", i, c->in, mode,
                            out, expected);
                fail();
            }
        }
    }
    mpq_clear(in);
    mpq_clear(out);
    mpq_clear(expected);
}

/* money_round is money_round_places with 2 decimals, and out may alias in. */
static void test_round_cents_in_place(void **state)
{
    (void)state;
    mpq_t amount;
    mpq_init(amount);
    set_q(amount, "246913/200");                 /* 1234.565 */
    money_round(amount, amount, ROUND_HALF_UP);
    assert_int_equal(mpq_cmp_ui(amount, 123457, 100), 0);  /* 1234.57 */
    set_q(amount, "246913/200");
    money_round(amount, amount, ROUND_HALF_EVEN);
    assert_int_equal(mpq_cmp_ui(amount, 123456, 100), 0);  /* 1234.56 */
    mpq_clear(amount);
}

static void test_floor_to(void **state)
{
    (void)state;
    mpq_t in, unit, out;
    mpq_init(in);
    mpq_init(unit);
    mpq_init(out);

    /* 51 234.56 to units of 500: ⌊102.46912⌋ = 102 → 51 000 */
    set_q(in, "5123456/100");
    mpq_set_ui(unit, 500, 1);
    money_floor_to(out, in, unit);
    assert_int_equal(mpq_cmp_ui(out, 51000, 1), 0);

    /* exactly on a unit stays: 1 000 / 500 = 2 → 1 000 */
    mpq_set_ui(in, 1000, 1);
    money_floor_to(out, in, unit);
    assert_int_equal(mpq_cmp_ui(out, 1000, 1), 0);

    /* unit 0.01: 2/3 = 0.666… → 0.66 */
    set_q(in, "2/3");
    mpq_set_ui(unit, 1, 100);
    money_floor_to(out, in, unit);
    assert_int_equal(mpq_cmp_ui(out, 66, 100), 0);

    /* toward −∞: -2/3 → ⌊-66.67⌋ = -67 → -0.67 */
    set_q(in, "-2/3");
    money_floor_to(out, in, unit);
    set_q(in, "-67/100");
    assert_int_equal(mpq_cmp(out, in), 0);

    /* fractional unit 2/3: 5 ÷ 2/3 = 7.5 → 7 × 2/3 = 14/3; in place */
    mpq_set_ui(out, 5, 1);
    set_q(unit, "2/3");
    money_floor_to(out, out, unit);
    assert_int_equal(mpq_cmp_ui(out, 14, 3), 0);

    mpq_clear(in);
    mpq_clear(unit);
    mpq_clear(out);
}

/* money_scaled_round gives the digits a formatter prints: |in| × 10^decimals rounded,
 * the sign apart. */
static void test_scaled_round(void **state)
{
    (void)state;
    mpq_t in;
    mpz_t rounded;
    mpq_init(in);
    mpz_init(rounded);
    set_q(in, "-1/8");     /* |-0.125| × 100 = 12.5: tie; up → 13, even → 12; sign -1 */
    assert_int_equal(money_scaled_round(rounded, in, 2, ROUND_HALF_UP), -1);
    assert_int_equal(mpz_cmp_ui(rounded, 13), 0);
    assert_int_equal(money_scaled_round(rounded, in, 2, ROUND_HALF_EVEN), -1);
    assert_int_equal(mpz_cmp_ui(rounded, 12), 0);
    set_q(in, "-1/250");   /* |-0.004| × 100 = 0.4 → 0: the sign is 0, never -0 */
    assert_int_equal(money_scaled_round(rounded, in, 2, ROUND_HALF_UP), 0);
    assert_int_equal(mpz_sgn(rounded), 0);
    set_q(in, "153001/3"); /* 51000.333… × 10^4 = 510003333.3… → 510003333 */
    assert_int_equal(money_scaled_round(rounded, in, 4, ROUND_HALF_UP), 1);
    assert_int_equal(mpz_cmp_ui(rounded, 510003333), 0);
    mpz_clear(rounded);
    mpq_clear(in);
}

static void test_to_double(void **state)
{
    (void)state;
    mpq_t value;
    mpq_init(value);

    /* Each expected double is the correctly rounded literal or an IEEE operation,
     * which C guarantees to round to nearest. */
    set_q(value, "1/10");
    assert_true(money_to_double(value) == 0.1);
    set_q(value, "1/3");
    assert_true(money_to_double(value) == 1.0 / 3.0);
    set_q(value, "2/3");
    assert_true(money_to_double(value) == 2.0 / 3.0);
    set_q(value, "-2/3");
    assert_true(money_to_double(value) == -2.0 / 3.0);
    set_q(value, "123456/100");
    assert_true(money_to_double(value) == 1234.56);
    set_q(value, "-5900000/100");
    assert_true(money_to_double(value) == -59000.0);
    mpq_set_ui(value, 0, 1);
    assert_true(money_to_double(value) == 0.0);
    set_q(value, "123456789012345678901/100");
    assert_true(money_to_double(value) == 1234567890123456789.01);

    /* Ties to even at 2^53: 2^53 + 1 lies halfway between 2^53 and 2^53 + 2 → 2^53;
     * 2^53 + 3 halfway between 2^53 + 2 and 2^53 + 4 → 2^53 + 4. */
    set_q(value, "9007199254740993");
    assert_true(money_to_double(value) == 9007199254740992.0);
    set_q(value, "9007199254740995");
    assert_true(money_to_double(value) == 9007199254740996.0);
    /* A hair above the tie rounds up: (2^54 + 2 + 1/3) / 2 = 2^53 + 1 + 1/6 → 2^53 + 2 */
    set_q(value, "54043195528445959/6");   /* (2^53 + 1)·6 + 1 = 54043195528445959 */
    assert_true(money_to_double(value) == 9007199254740994.0);

    /* Where mpq_get_d truncates, ours rounds: 0.1 truncated is one ulp below 0.1.
     * Checked here so the test shows why money_to_double exists. */
    set_q(value, "1/10");
    assert_true(mpq_get_d(value) < 0.1);
    assert_true(money_to_double(value) == 0.1);

    /* Subnormal range: 1/2^1074 is the smallest positive double, 3/2^1075 = 1.5 of it
     * rounds to even → 2 of it. 1/2^1076 = 0.25 of it → 0. */
    mpq_set_ui(value, 1, 1);
    mpq_div_2exp(value, value, 1074);
    assert_true(money_to_double(value) == 0x1p-1074);
    mpq_set_ui(value, 3, 1);
    mpq_div_2exp(value, value, 1075);
    assert_true(money_to_double(value) == 0x1p-1073);
    mpq_set_ui(value, 1, 1);
    mpq_div_2exp(value, value, 1076);
    assert_true(money_to_double(value) == 0.0);
    /* Beyond DBL_MAX: 2^1024 → infinity. */
    mpq_set_ui(value, 1, 1);
    mpq_mul_2exp(value, value, 1024);
    assert_true(money_to_double(value) > 1.7976931348623157e308);

    mpq_clear(value);
}

/* The fast path (numerator and denominator below 2^53, one IEEE division) must give the
 * same double as the integer method for every value it takes: a property test over
 * pseudo-random fractions of every size up to 53 bits, including exact cents and ties
 * near 2^53 (the integer method is checked against hand-computed values above). */
double money_to_double_by_integers(const mpq_t value);

static void test_to_double_fast_path_agrees(void **state)
{
    (void)state;
    gmp_randstate_t random;
    gmp_randinit_default(random);
    gmp_randseed_ui(random, 20261201);
    mpq_t value;
    mpq_init(value);
    for (int i = 0; i < 200000; i++) {
        mp_bitcnt_t n_bits = 1 + (mp_bitcnt_t)(i % 53), d_bits = 1 + (mp_bitcnt_t)((i / 53) % 53);
        mpz_urandomb(mpq_numref(value), random, n_bits);
        mpz_urandomb(mpq_denref(value), random, d_bits);
        if (mpz_sgn(mpq_denref(value)) == 0)
            mpz_set_ui(mpq_denref(value), 100);   /* cents */
        if (i & 1)
            mpz_neg(mpq_numref(value), mpq_numref(value));
        mpq_canonicalize(value);
        double fast = money_to_double(value);
        double slow = money_to_double_by_integers(value);
        if (fast != slow) {
            gmp_printf("fast path differs at %Qd: %.17g vs %.17g\n", value, fast, slow);
            fail();
        }
    }
    mpq_clear(value);
    gmp_randclear(random);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_places),
        cmocka_unit_test(test_round_cents_in_place),
        cmocka_unit_test(test_floor_to),
        cmocka_unit_test(test_scaled_round),
        cmocka_unit_test(test_to_double),
        cmocka_unit_test(test_to_double_fast_path_agrees),
    };
    return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
