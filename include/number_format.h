/*
 * number_format — exact values as text for people, in Finnish or English: digit
 * grouping, the decimal separator, `€` and `%`. A model-level formatter that every
 * layer may use: the loader's messages (src/load) and the presenters (src/present).
 *
 *     char *text = money_format(cost, LANG_FI);           // "1 234,57 €"
 *     free(text);
 *
 * Every function rounds half-up for display (money.h's money_scaled_round) and returns
 * a malloc'd string the caller frees.
 */
#ifndef TKK_NUMBER_FORMAT_H
#define TKK_NUMBER_FORMAT_H

#include <gmp.h>
#include "language.h"

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

#endif
