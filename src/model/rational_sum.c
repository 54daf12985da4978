/*
 * rational_sum — exact sums over a common denominator (rational_sum.h).
 */
#include "rational_sum.h"

/* Beyond this the terms have no small common multiple: mpq_add's reduced sums are then
 * the smaller numbers to work with. */
enum { COMMON_LIMBS = 64 };

void rational_sum_init(rational_sum *sum)
{
    mpz_inits(sum->num, sum->scratch, sum->gcd, NULL);
    mpz_init_set_ui(sum->den, 1);
    mpq_init(sum->plain);
    sum->is_plain = false;
}

void rational_sum_clear(rational_sum *sum)
{
    mpz_clears(sum->num, sum->den, sum->scratch, sum->gcd, NULL);
    mpq_clear(sum->plain);
}

void rational_sum_add(rational_sum *sum, const mpq_t term)
{
    if (sum->is_plain) {
        mpq_add(sum->plain, sum->plain, term);
        return;
    }
    mpz_srcptr p = mpq_numref(term), q = mpq_denref(term);
    if (mpz_sgn(p) == 0)
        return;
    /* num/den + p/q with q | den: num + p·(den/q) over den. */
    if (mpz_cmp(q, sum->den) == 0) {
        mpz_add(sum->num, sum->num, p);
        return;
    }
    if (mpz_divisible_p(sum->den, q)) {
        mpz_divexact(sum->scratch, sum->den, q);
        mpz_addmul(sum->num, p, sum->scratch);
        return;
    }
    /* Otherwise over lcm(den, q) = den · (q/g), g = gcd(den, q). */
    mpz_gcd(sum->gcd, sum->den, q);
    mpz_divexact(sum->scratch, q, sum->gcd);
    mpz_mul(sum->num, sum->num, sum->scratch);
    mpz_mul(sum->den, sum->den, sum->scratch);
    mpz_divexact(sum->scratch, sum->den, q);
    mpz_addmul(sum->num, p, sum->scratch);
    if (mpz_size(sum->den) > COMMON_LIMBS) {
        mpz_set(mpq_numref(sum->plain), sum->num);
        mpz_set(mpq_denref(sum->plain), sum->den);
        mpq_canonicalize(sum->plain);
        sum->is_plain = true;
    }
}

void rational_sum_get(mpq_t out, const rational_sum *sum)
{
    if (sum->is_plain) {
        mpq_set(out, sum->plain);
        return;
    }
    mpz_set(mpq_numref(out), sum->num);
    mpz_set(mpq_denref(out), sum->den);
    mpq_canonicalize(out);
}
