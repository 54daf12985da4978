/*
 * money — exact rounding (SPEC §3: half-up as Excel's ROUND, or half-even), flooring to
 * a bonus unit (SPEC §5.6 step 6), and the one exact → double edge. Text for people is
 * number_format.c's.
 */
#include "money.h"

#include "common.h"

#include <float.h>
#include <math.h>
#include <stdbool.h>

/* 10^decimals, computed once per number of decimals: rounding to cents runs for every
 * cost line and month, so the power is cached rather than recomputed per call. The
 * cache lives as long as the program (reachable, so not a leak). */
#define MONEY_POW10_CACHED 19
static const mpz_t *power_of_ten(unsigned decimals)
{
    static mpz_t cache[MONEY_POW10_CACHED];
    static bool ready[MONEY_POW10_CACHED];
    static mpz_t other;       /* beyond the cache: recomputed, one slot */
    static bool other_ready;
    if (decimals < MONEY_POW10_CACHED) {
        if (!ready[decimals]) {
            mpz_init(cache[decimals]);
            mpz_ui_pow_ui(cache[decimals], 10, decimals);
            ready[decimals] = true;
        }
        return (const mpz_t *)&cache[decimals];
    }
    if (!other_ready) {
        mpz_init(other);
        other_ready = true;
    }
    mpz_ui_pow_ui(other, 10, decimals);
    return (const mpz_t *)&other;
}

/* Scratch integers reused by every rounding: GMP keeps their limbs between calls, so a
 * rounding allocates nothing once the scratch has grown to the operands' size. */
static mpz_t scratch_scaled, scratch_remainder;
static bool scratch_ready;

static void scratch_init(void)
{
    if (!scratch_ready) {
        mpz_init(scratch_scaled);
        mpz_init(scratch_remainder);
        scratch_ready = true;
    }
}

/* |in| × 10^decimals rounded to a whole number by mode; the sign is returned apart
 * (-1, 0, 1) so that half-up can round halves away from zero. rounded must not be one
 * of the scratch integers (they are static here, so no caller can pass one). */
int money_scaled_round(mpz_t rounded, const mpq_t in, unsigned decimals, rounding_mode mode)
{
    int sign = mpq_sgn(in);
    scratch_init();
    mpz_mul(scratch_scaled, *power_of_ten(decimals), mpq_numref(in));
    mpz_abs(scratch_scaled, scratch_scaled);
    /* |in| × 10^d = q + r/den with 0 ≤ r < den; compare 2r with den in integers. */
    mpz_tdiv_qr(rounded, scratch_remainder, scratch_scaled, mpq_denref(in));
    mpz_mul_2exp(scratch_remainder, scratch_remainder, 1);
    int half = mpz_cmp(scratch_remainder, mpq_denref(in));
    if (half > 0 || (half == 0 && (mode == ROUND_HALF_UP || mpz_odd_p(rounded))))
        mpz_add_ui(rounded, rounded, 1);
    return mpz_sgn(rounded) == 0 ? 0 : sign;
}

void money_round_places(mpq_t out, const mpq_t in, unsigned decimals, rounding_mode mode)
{
    static mpz_t rounded;
    static bool rounded_ready;
    if (!rounded_ready) {
        mpz_init(rounded);
        rounded_ready = true;
    }
    /* Already a multiple of 1/10^decimals (a grant in cents rounded to cents: every
     * project's Bonus row, issue 13): the value itself, without the division. */
    if (mpz_divisible_p(*power_of_ten(decimals), mpq_denref(in))) {
        mpq_set(out, in);
        return;
    }
    int sign = money_scaled_round(rounded, in, decimals, mode);
    /* in is fully read before out is written, so out may alias in. */
    if (sign < 0)
        mpz_neg(rounded, rounded);
    mpz_set(mpq_numref(out), rounded);
    mpz_set(mpq_denref(out), *power_of_ten(decimals));
    mpq_canonicalize(out);
}

void money_round(mpq_t out, const mpq_t in, rounding_mode mode)
{
    money_round_places(out, in, 2, mode);
}

void money_floor_units(mpq_t out, mpz_t whole, const mpq_t in, const mpq_t unit)
{
    /* ⌊in ÷ unit⌋ = ⌊(a·d) ÷ (b·c)⌋ for in = a/b, unit = c/d (c, b, d > 0), toward −∞
     * (SPEC §5.6 step 6), also for a negative in; no gcd needed for a floor. */
    static mpz_t top, bottom;
    static bool ready;
    if (!ready) {
        mpz_inits(top, bottom, NULL);
        ready = true;
    }
    mpz_mul(top, mpq_numref(in), mpq_denref(unit));
    mpz_mul(bottom, mpq_denref(in), mpq_numref(unit));
    mpz_fdiv_q(whole, top, bottom);
    mpq_set_z(out, whole);
    mpq_mul(out, out, unit);
}

void money_floor_to(mpq_t out, const mpq_t in, const mpq_t unit)
{
    mpz_t whole;
    mpz_init(whole);
    money_floor_units(out, whole, in, unit);
    mpz_clear(whole);
}

/* The nearest double to n/d (ties to even), computed exactly with integers.
 * mpq_get_d truncates, which would put 0.1 € one ulp low in the workbook; this is the
 * only place an exact value becomes a double (SPEC §3). With |n/d| > 0 we choose a power
 * of two 2^s so that q = ⌊|n|·2^s / |d|⌋ has 53 bits, round q by the remainder, and scale
 * back with ldexp, which is exact for a 53-bit integer. n/d need not be in lowest terms.
 * The integers are scratch kept between calls (issue 13: every cell of a big round
 * whose fraction is wider than 53 bits comes here). */
static double fraction_to_double_by_integers(mpz_srcptr num, mpz_srcptr den)
{
    int sign = mpz_sgn(num) * mpz_sgn(den);
    if (sign == 0)
        return 0.0;

    static mpz_t n, d, q, r, divisor;
    static bool ready;
    if (!ready) {
        mpz_inits(n, d, q, r, divisor, NULL);
        ready = true;
    }
    mpz_abs(n, num);
    mpz_abs(d, den);

    /* n/d lies in [2^(L-1), 2^(L+1)) with L = bits(n) − bits(d). */
    long bit_diff = (long)mpz_sizeinbase(n, 2) - (long)mpz_sizeinbase(d, 2);
    long s = 53 - bit_diff;
    for (int attempt = 0; attempt < 2; attempt++) {
        /* Below 2^-1022 the quantum stops shrinking at 2^-1074 (subnormals): never
         * scale by more than 2^1074, so q is rounded once, at the right place. */
        if (s > 1074)
            s = 1074;
        mpz_set(q, n);
        mpz_set(r, d);
        if (s >= 0)
            mpz_mul_2exp(q, q, (mp_bitcnt_t)s);
        else
            mpz_mul_2exp(r, r, (mp_bitcnt_t)-s);
        mpz_tdiv_qr(q, r, q, r);
        if (mpz_sizeinbase(q, 2) <= 53)
            break;
        s--;  /* q had 54 bits: one bit less of scale gives 53 */
    }
    /* Remainder against half the divisor: the divisor was d·2^max(0, −s). */
    mpz_set(divisor, d);
    if (s < 0)
        mpz_mul_2exp(divisor, divisor, (mp_bitcnt_t)-s);
    mpz_mul_2exp(r, r, 1);
    int half = mpz_cmp(r, divisor);
    if (half > 0 || (half == 0 && mpz_odd_p(q)))
        mpz_add_ui(q, q, 1);
    /* q ≤ 2^53 now, so mpz_get_d is exact, and ldexp is exact unless it overflows to ∞
     * (s ≤ 1074 here; a very negative s means far beyond DBL_MAX). ldexp lives in
     * glibc's libc, so no -lm is needed. */
    double magnitude = s < -2000 ? HUGE_VAL : ldexp(mpz_get_d(q), (int)-s);
    return sign < 0 ? -magnitude : magnitude;
}

#ifdef TESTING
/* The integer method alone, for the test that the fast paths agree with it. */
double money_to_double_by_integers(const mpq_t value);
double money_to_double_by_integers(const mpq_t value)
{
    return fraction_to_double_by_integers(mpq_numref(value), mpq_denref(value));
}
#endif

/* The fast path needs doubles that are IEEE binary64 evaluated without excess precision. */
#if FLT_EVAL_METHOD != 0 || DBL_MANT_DIG != 53
#error "money_to_double's fast path assumes IEEE double arithmetic (FLT_EVAL_METHOD 0)"
#endif

double money_fraction_to_double(mpz_srcptr num, mpz_srcptr den)
{
    /* When numerator and denominator are exact doubles (below 2^53), IEEE 754 division
     * rounds their quotient correctly to nearest, ties to even: the same double that
     * the integer method finds, without its GMP work. Cents (n/100, n/50, ...) of
     * amounts below 90 billion € always land here. */
#if GMP_LIMB_BITS >= 53
    /* One limb each, read directly (every cell of a workbook comes here, issue 13): the
     * same two exact doubles as mpz_get_d gives, without its calls. */
    if (mpz_size(num) <= 1 && mpz_size(den) == 1) {
        mp_limb_t n = mpz_getlimbn(num, 0), d = mpz_getlimbn(den, 0);
        const mp_limb_t exact = (mp_limb_t)1 << 53;
        if (n < exact && d < exact) {
            double q = (double)n / (double)d;   /* −(n/d) = (−n)/d in IEEE 754 */
            return mpz_sgn(num) * mpz_sgn(den) < 0 ? -q : q;
        }
    }
#endif
    if (mpz_sizeinbase(num, 2) <= 53 && mpz_sizeinbase(den, 2) <= 53)
        return mpz_get_d(num) / mpz_get_d(den);
    return fraction_to_double_by_integers(num, den);
}

double money_to_double(const mpq_t value)
{
    return money_fraction_to_double(mpq_numref(value), mpq_denref(value));
}
