/*
 * money — rounding to cents and formatting amounts for people.
 *
 * Rounding is where a real payment is rounded (SPEC §3, §5); GMP-style, destination first:
 *
 *     money_round(cost, exact_cost, ROUND_HALF_UP);       // 1234.565 -> 1234.57
 *     char *text = money_format(cost, LANG_FI);           // "1 234,57 €"
 *     free(text);
 */
#ifndef TKK_MONEY_H
#define TKK_MONEY_H

#include <gmp.h>

typedef enum { ROUND_HALF_UP, ROUND_HALF_EVEN } rounding_mode;
typedef enum { LANG_FI, LANG_EN } language;

/* out = in rounded to a multiple of 1/10^decimals; half-up rounds halves away from zero
 * (Excel's ROUND), half-even to the even neighbour. out may alias in. */
void money_round_places(mpq_t out, const mpq_t in, unsigned decimals, rounding_mode mode);
/* out = in rounded to cents. */
void money_round(mpq_t out, const mpq_t in, rounding_mode mode);
/* out = unit × ⌊in ÷ unit⌋ (unit > 0). */
void money_floor_to(mpq_t out, const mpq_t in, const mpq_t unit);
/* The same, with the number of units ⌊in ÷ unit⌋ in whole. out must not alias in or
 * unit. */
void money_floor_units(mpq_t out, mpz_t whole, const mpq_t in, const mpq_t unit);

/* "1 234,56 €" (fi) or "1,234.56 €" (en), value rounded half-up to cents for display.
 * Caller frees. */
char *money_format(const mpq_t amount, language lang);
/* "23,4 %" (fi) / "23.4 %" (en): ratio × 100 with up to `decimals` decimals, trailing
 * zeros dropped. Caller frees. */
char *percent_format(const mpq_t ratio, unsigned decimals, language lang);
/* A plain decimal with up to `decimals` decimals, trailing zeros dropped ("13,7"). */
char *decimal_format(const mpq_t value, unsigned decimals, language lang);
/* Like decimal_format, with thousands grouped as money_format groups them
 * ("51 000,3333" / "51,000.3333"), for exact amounts that are not yet cents. */
char *amount_format(const mpq_t value, unsigned decimals, language lang);

/* The one place an exact value becomes a double: for libxlsxwriter and the terminal. */
double money_to_double(const mpq_t value);

#endif
