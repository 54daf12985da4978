/*
 * money — exact rounding where a real payment is rounded (SPEC §3, §5), flooring to a
 * bonus unit, and the one exact → double edge. Text for people is number_format's.
 *
 * GMP-style, destination first:
 *
 *     money_round(cost, exact_cost, ROUND_HALF_UP);       // 1234.565 -> 1234.57
 */
#ifndef TKK_MONEY_H
#define TKK_MONEY_H

#include <gmp.h>

typedef enum { ROUND_HALF_UP, ROUND_HALF_EVEN } rounding_mode;

/* out = in rounded to a multiple of 1/10^decimals; half-up rounds halves away from zero
 * (Excel's ROUND), half-even to the even neighbour. out may alias in. */
void money_round_places(mpq_t out, const mpq_t in, unsigned decimals, rounding_mode mode);
/* out = in rounded to cents. */
void money_round(mpq_t out, const mpq_t in, rounding_mode mode);
/* rounded = |in| × 10^decimals rounded to a whole number by mode; returns the sign of
 * the rounded value (-1, 0, 1; 0 when it rounds to zero), which half-up rounds away
 * from zero. The digits a formatter prints (number_format.c). */
int money_scaled_round(mpz_t rounded, const mpq_t in, unsigned decimals, rounding_mode mode);
/* out = unit × ⌊in ÷ unit⌋ (unit > 0). */
void money_floor_to(mpq_t out, const mpq_t in, const mpq_t unit);
/* The same, with the number of units ⌊in ÷ unit⌋ in whole. out must not alias in or
 * unit. */
void money_floor_units(mpq_t out, mpz_t whole, const mpq_t in, const mpq_t unit);

/* The one place an exact value becomes a double: for libxlsxwriter and the terminal.
 * The nearest double, ties to even. */
double money_to_double(const mpq_t value);
/* The same for num ÷ den (den ≠ 0), a fraction not necessarily in lowest terms: a value
 * that is only shown needs no gcd (fraction.h). */
double money_fraction_to_double(mpz_srcptr num, mpz_srcptr den);

#endif
