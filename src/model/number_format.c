/*
 * number_format — exact values as text for people (fi/en separators, thousands groups,
 * `€`, `%`), rounded half-up for display only: the rounding that SPEC §3 and §5 apply
 * to payments is money.c's, and the digits come from its money_scaled_round.
 */
#include "number_format.h"
#include "alloc.h"
#include "money.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Writes |value| rounded half-up to `decimals` decimals as text: integer digits grouped
 * by `group` (0 for none), `separator` before the decimals, trailing zeros dropped when
 * `trim`, `suffix` at the end. Returns a malloc'd string. */
static char *format_fixed(const mpq_t value, unsigned decimals, char separator, const char *group,
                          bool trim, const char *suffix)
{
    mpz_t rounded;
    mpz_init(rounded);
    int sign = money_scaled_round(rounded, value, decimals, ROUND_HALF_UP);
    char *digits = xmpz_get_str(rounded);
    mpz_clear(rounded);

    size_t digit_count = strlen(digits);
    size_t int_count = digit_count > decimals ? digit_count - decimals : 1;
    size_t frac_count = decimals;
    /* Leading zeros when |value| < 1: "5" cents with 2 decimals is 0,05. */
    size_t leading_zeros = digit_count < (size_t)decimals + 1 ? decimals + 1 - digit_count : 0;
    const char *frac_start;
    char *padded = NULL;
    if (leading_zeros > 0) {
        padded = xmalloc(decimals + 2);
        memset(padded, '0', leading_zeros);
        memcpy(padded + leading_zeros, digits, digit_count + 1);
    }
    const char *all = padded ? padded : digits;
    frac_start = all + int_count;
    if (trim)
        while (frac_count > 0 && frac_start[frac_count - 1] == '0')
            frac_count--;

    size_t group_len = group ? strlen(group) : 0;
    size_t suffix_len = suffix ? strlen(suffix) : 0;
    size_t size = 1 + int_count + (int_count / 3) * group_len + 1 + frac_count + suffix_len + 1;
    char *text = xmalloc(size);
    char *w = text;
    if (sign < 0)
        *w++ = '-';
    for (size_t i = 0; i < int_count; i++) {
        if (i > 0 && group_len > 0 && (int_count - i) % 3 == 0) {
            memcpy(w, group, group_len);
            w += group_len;
        }
        *w++ = all[i];
    }
    if (frac_count > 0) {
        *w++ = separator;
        memcpy(w, frac_start, frac_count);
        w += frac_count;
    }
    if (suffix_len > 0) {
        memcpy(w, suffix, suffix_len);
        w += suffix_len;
    }
    *w = '\0';
    free(padded);
    free(digits);  /* GMP allocates with malloc underneath: ours, or its default */
    return text;
}

char *money_format(const mpq_t amount, language lang)
{
    /* A plain ASCII space groups thousands in Finnish (terminal-friendly and still
     * parseable by SPEC §3); English uses a comma. */
    if (lang == LANG_EN)
        return format_fixed(amount, 2, '.', ",", false, " €");
    return format_fixed(amount, 2, ',', " ", false, " €");
}

char *percent_format(const mpq_t ratio, unsigned decimals, language lang)
{
    mpq_t percent;
    mpq_init(percent);
    mpq_set_ui(percent, 100, 1);
    mpq_mul(percent, percent, ratio);
    /* No thousands grouping: "6000 %" can be pasted back into a scenario in either
     * language, where "6,000 %" would read as six percent. */
    char *text = format_fixed(percent, decimals, lang == LANG_EN ? '.' : ',', NULL, true, " %");
    mpq_clear(percent);
    return text;
}

char *decimal_format(const mpq_t value, unsigned decimals, language lang)
{
    return format_fixed(value, decimals, lang == LANG_EN ? '.' : ',', NULL, true, NULL);
}

char *amount_format(const mpq_t value, unsigned decimals, language lang)
{
    if (lang == LANG_EN)
        return format_fixed(value, decimals, '.', ",", true, NULL);
    return format_fixed(value, decimals, ',', " ", true, NULL);
}
