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

/* True when value is a whole number (denominator 1). */
bool number_is_whole(const mpq_t value);

#endif
