/*
 * rational_sum — an exact sum of many rationals kept over a common denominator, reduced
 * once when read (issue 13). mpq_add reduces every partial sum by a gcd of numbers that
 * grow with the sum; here a term whose denominator divides the common one costs a
 * division and a multiply-add, and the common denominator grows only to the least
 * common multiple of the terms' denominators. The bonus's amounts (SPEC §5.6) all have
 * denominators dividing one fixed number (decimal inputs times fixed weights, caps and
 * rates), so after the first few terms every addition takes the cheap path. Should the
 * common denominator grow past COMMON_LIMBS limbs anyway, the sum carries on as a plain
 * mpq. The result is the same canonical rational mpq_add would give.
 *
 * money_sum.h stays for the many short sums of whole cents of §5.1–5.2 (a month's lines,
 * reset per month): it adds cents as integers without any division or gcd at all, and
 * a trial with rational_sum there made the salo-2021 sweep 1.29 × slower.
 *
 *     rational_sum sum;
 *     rational_sum_init(&sum);
 *     for (...) rational_sum_add(&sum, basis[p]);
 *     rational_sum_get(total, &sum);      // total = Σ, canonical
 *     rational_sum_clear(&sum);
 */
#ifndef TKK_RATIONAL_SUM_H
#define TKK_RATIONAL_SUM_H

#include <stdbool.h>
#include <gmp.h>

typedef struct {
    mpz_t num, den;       /* the sum so far is num ÷ den, den > 0, not reduced */
    mpz_t scratch, gcd;
    mpq_t plain;          /* the sum, once the common denominator grew too wide */
    bool is_plain;
} rational_sum;

void rational_sum_init(rational_sum *sum);     /* 0 */
void rational_sum_clear(rational_sum *sum);
void rational_sum_add(rational_sum *sum, const mpq_t term);
/* out = the sum so far (canonical). */
void rational_sum_get(mpq_t out, const rational_sum *sum);

#endif
