/*
 * number — the number syntax of SPEC §3, parsed straight into exact rationals.
 *
 * GMP's own mpq_set_str accepts "1/0" and rejects "1,5", so the text is parsed here
 * digit by digit into mpz numerator/denominator and canonicalised:
 *
 *     mpq_t v; mpq_init(v);
 *     number_info info;
 *     const char *err = number_parse(v, "2 400,00 €", NUMBER_MONEY, &info);
 *     if (err) ... err says what is wrong, e.g. "a decimal separator needs digits on both sides"
 */
#ifndef TKK_NUMBER_H
#define TKK_NUMBER_H

#include <stdbool.h>
#include <gmp.h>

/* Which suffixes a key accepts (SPEC §3). */
typedef enum {
    NUMBER_PLAIN,   /* no suffix at all (counts such as clients, persons, top) */
    NUMBER_MONEY,   /* optional € or EUR */
    NUMBER_RATIO,   /* optional %, value ÷ 100 */
    NUMBER_MEASURE  /* indicator values, KPI actual/target: € or EUR, or % (÷ 100) */
} number_kind;

typedef struct {
    bool percent;   /* written with % */
    bool money;     /* written with € or EUR */
} number_info;

/* Parses text (UTF-8, leading/trailing blanks allowed) into out.
 * Returns NULL on success, or a static message that says what is wrong; out is then 0.
 * info may be NULL. */
const char *number_parse(mpq_t out, const char *text, number_kind kind, number_info *info);

/* SPEC §7.5: money beyond ±10^15 € is an error. Every number of the input is held to the
 * same bound, and one other than 0 must be at least 10^-15 in size: products of inputs
 * (FTE × salary × months) and quotients (clients ÷ coach FTE, the bonus λ) then stay far
 * inside what a workbook cell (a double) holds, so no cell is ever INF. A decimal has at
 * most NUMBER_MAX_DIGITS digits. number_parse applies both. */
#define NUMBER_MAX_EXPONENT 15
#define NUMBER_MAX_DIGITS 1000

/* NULL when 0 or 10^-15 ≤ |value| ≤ 10^15, else a static message. */
const char *number_check_size(const mpq_t value);

/* True when value is a whole number (denominator 1). */
bool number_is_whole(const mpq_t value);

#endif
