/*
 * fraction — an exact product or quotient of rationals kept as numerator and
 * denominator, not reduced to lowest terms. For a value that is only shown or compared
 * (a cell's cached value, the check that a formula gives the value bonus.c computed):
 * mpq_mul and mpq_div spend two gcds on every result to keep it canonical, which such a
 * value never needs (issue 13: a million Bonus rows). The value is exact all the same.
 *
 *     fraction f;
 *     fraction_init(&f);
 *     fraction_set_q(&f, rate);
 *     fraction_mul_q(&f, grant);
 *     fraction_mul_q(&f, score);
 *     if (fraction_equal_q(&f, basis)) ...       // rate × grant × score = basis?
 *     double shown = fraction_to_double(&f);     // money_fraction_to_double
 *     fraction_clear(&f);
 */
#ifndef TKK_FRACTION_H
#define TKK_FRACTION_H

#include <stdbool.h>
#include <gmp.h>

typedef struct {
    mpz_t num, den;     /* den ≠ 0 */
    mpz_t left, right;  /* scratch of fraction_equal_q */
} fraction;

void fraction_init(fraction *f);         /* 0/1 */
void fraction_clear(fraction *f);

void fraction_set_q(fraction *f, const mpq_t a);
void fraction_set_z(fraction *f, const mpz_t num, const mpz_t den);   /* den ≠ 0 */
void fraction_mul_q(fraction *f, const mpq_t a);
void fraction_div_q(fraction *f, const mpq_t a);   /* a ≠ 0 */
/* True when f and a are the same rational (cross-multiplied). */
bool fraction_equal_q(fraction *f, const mpq_t a);
double fraction_to_double(const fraction *f);

#endif
