/*
 * number — the number syntax of SPEC §3, parsed by hand into exact rationals.
 *
 * Grammar (blank = space, tab, U+00A0, U+202F):
 *
 *     blank* sign? decimal [blank* '/' blank* decimal] [blank* suffix] blank*
 *     sign    = '-' | '+' | U+2212
 *     decimal = digits (groupsep digits)* [(',' | '.') digits]
 *     groupsep = one of space, U+00A0, U+202F, '_', alone between two digits
 *     suffix  = '€' | 'EUR' (any case) | '%'
 *
 * GMP's mpq_set_str is not used: it accepts "1/0", leaves "2/4" uncanonical and
 * rejects "1,5" (STYLE.md, "sharp edges of GMP's parsers"). Digits go into an mpz,
 * the scale is a power of ten, and the result is canonicalised once at the end.
 */
#include "number.h"

#include <limits.h>
#include <string.h>

/* The messages are static so callers need not free them; the caller names the key
 * and quotes the text (SPEC §2: FILE:LINE: PATH: message). */
#define MSG_EMPTY "empty value: write a number such as 2 400,00"
#define MSG_NOT_NUMBER \
    "not a number: write digits such as 2 400,00 or 13,7 (optionally with a sign, a/b, € or %)"
#define MSG_SIGN_ALONE "a sign needs a number right after it, e.g. -5"
#define MSG_SIGN_TWICE "more than one sign: write at most one -, + or − before the digits"
#define MSG_SIGN_BLANK "no blank is allowed between the sign and the digits: write -5, not - 5"
#define MSG_SIGN_AFTER "a sign goes before the number, e.g. -5"
#define MSG_DECIMAL_SIDES \
    "a decimal separator needs digits on both sides: write 0,5 rather than ,5 and 5 rather than 5,"
#define MSG_DECIMAL_TWICE \
    "more than one ',' or '.': use one decimal separator and no thousands separator other than a space, e.g. 1 234,5"
#define MSG_GROUP_AFTER_DECIMAL "digit groups are not allowed after the decimal separator: write 0,12345"
#define MSG_GROUP_ALONE \
    "a digit group separator (space, '_') must stand alone between two digits, e.g. 1 000 or 1_000"
#define MSG_EXPONENT "exponent notation such as 1e5 is not accepted: write the digits out, e.g. 100 000"
#define MSG_SUFFIX_ALONE "a number is missing before the suffix, e.g. 2 400 € or 23,4 %"
#define MSG_SUFFIX_TWICE "at most one suffix: write either € (or EUR) or %, not both"
#define MSG_PERCENT_NOT_ALLOWED \
    "'%' is only allowed on ratio keys (side_costs, state_share, weight, ...) and on indicator and KPI values"
#define MSG_MONEY_NOT_ALLOWED "a money suffix (€, EUR) is not allowed here: write a plain number or a ratio such as 23,4 %"
#define MSG_SUFFIX_NOT_ALLOWED "no suffix is allowed here: write a plain number such as 12"
#define MSG_FRACTION_DIGITS "a fraction a/b needs digits on both sides of '/', e.g. 2/3"
#define MSG_FRACTION_SIGN "the denominator of a/b takes no sign: put the sign before a, e.g. -2/3"
#define MSG_FRACTION_TWICE "only one '/' is allowed, e.g. 2/3"
#define MSG_FRACTION_MIXED \
    "a fraction's numerator may not contain blanks: 1 2/3 is ambiguous, write 5/3 (or 1_000/3 for a grouped numerator)"
#define MSG_PER_UNIT \
    "a unit such as '€/kk' or '/month' is not needed: the key already says it (monthly_salary, " \
    "monthly_rent and monthly are per month); write just the amount, e.g. 3 300 €"
#define MSG_DIVISION_BY_ZERO "division by zero: the denominator of a/b must not be 0"
#define MSG_TRAILING "unexpected text after the number: write a number, then optionally € or %"
#define MSG_TOO_MANY_DIGITS "more than 1 000 digits: no input needs that many"
#define MSG_TOO_LARGE \
    "beyond ±10^15 (1 000 000 000 000 000): tkk accepts numbers up to a thousand million million"
#define MSG_TOO_SMALL \
    "too close to 0: a number other than 0 must be at least 10^-15 (0,000 000 000 000 001) in size"

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Bytes taken by a blank at p: space, tab, U+00A0 or U+202F; 0 when none. */
static size_t number_blank_len(const char *p)
{
    if (p[0] == ' ' || p[0] == '\t')
        return 1;
    if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
        return 2;
    if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0xAF)
        return 3;
    return 0;
}

/* Bytes taken by a digit group separator at p (SPEC §3): space, U+00A0, U+202F, '_'.
 * A tab is a blank but not a group separator. */
static size_t group_sep_len(const char *p)
{
    if (p[0] == '_')
        return 1;
    if (p[0] == '\t')
        return 0;
    return number_blank_len(p);
}

static const char *skip_blanks(const char *p)
{
    size_t n;
    while ((n = number_blank_len(p)) > 0)
        p += n;
    return p;
}

/* Bytes taken by a sign at p: '-', '+' or U+2212 (E2 88 92); 0 when none. */
static size_t sign_len(const char *p, bool *negative)
{
    if (p[0] == '-' || p[0] == '+') {
        *negative = p[0] == '-';
        return 1;
    }
    if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x88 && (unsigned char)p[2] == 0x92) {
        *negative = true;
        return 3;
    }
    return 0;
}

typedef enum { SUFFIX_NONE, SUFFIX_MONEY, SUFFIX_PERCENT } suffix_kind;

/* Recognises a suffix at p and stores its length in *len. */
static suffix_kind suffix_at(const char *p, size_t *len)
{
    if (p[0] == '%') {
        *len = 1;
        return SUFFIX_PERCENT;
    }
    if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x82 && (unsigned char)p[2] == 0xAC) {
        *len = 3;
        return SUFFIX_MONEY;
    }
    if ((p[0] == 'E' || p[0] == 'e') && (p[1] == 'U' || p[1] == 'u') && (p[2] == 'R' || p[2] == 'r')) {
        *len = 3;
        return SUFFIX_MONEY;
    }
    *len = 0;
    return SUFFIX_NONE;
}

/* 10^0 .. 10^19: every power of ten an unsigned long holds. */
static const unsigned long pow10[] = {
    1UL, 10UL, 100UL, 1000UL, 10000UL, 100000UL, 1000000UL, 10000000UL, 100000000UL,
    1000000000UL, 10000000000UL, 100000000000UL, 1000000000000UL, 10000000000000UL,
    100000000000000UL, 1000000000000000UL, 10000000000000000UL, 100000000000000000UL,
    1000000000000000000UL, 10000000000000000000UL
};
_Static_assert(sizeof(unsigned long) >= 8, "10^19 fits an unsigned long");

/* mantissa = mantissa × 10^count + chunk: digits are taken nine at a time so that a
 * long number costs few multiplications. */
static void append_digits(mpz_t mantissa, unsigned long chunk, unsigned count)
{
    mpz_mul_ui(mantissa, mantissa, pow10[count]);
    mpz_add_ui(mantissa, mantissa, chunk);
}

/* out = 10^exponent. Small powers from a table: mpz_ui_pow_ui allocates for its own
 * estimate of the size, which the value then keeps (a million CSV cells, issue 13). */
static void power_of_ten(mpz_t out, unsigned long exponent)
{
    if (exponent < sizeof pow10 / sizeof pow10[0])
        mpz_set_ui(out, pow10[exponent]);
    else
        mpz_ui_pow_ui(out, 10, exponent);
}

/* Reads one run of ASCII digits into mantissa and returns the position after it. Digits
 * past NUMBER_MAX_DIGITS are only counted (the caller refuses the number): a number of
 * millions of digits would cost quadratic time to build. */
static const char *read_digits(const char *p, mpz_t mantissa, unsigned long *count)
{
    unsigned long chunk = 0;
    unsigned in_chunk = 0;
    while (is_digit(*p) && *count >= NUMBER_MAX_DIGITS) {
        ++*count;
        ++p;
    }
    while (is_digit(*p)) {
        chunk = chunk * 10 + (unsigned long)(*p - '0');
        if (++in_chunk == 9) {
            append_digits(mantissa, chunk, in_chunk);
            chunk = 0;
            in_chunk = 0;
        }
        ++*count;
        ++p;
        if (*count >= NUMBER_MAX_DIGITS) {
            while (is_digit(*p)) {
                ++*count;
                ++p;
            }
        }
    }
    if (in_chunk > 0)
        append_digits(mantissa, chunk, in_chunk);
    return p;
}

/* An unsigned decimal of SPEC §3 at *pp, which starts with a digit. On success the
 * value is mantissa ÷ 10^*decimals, *pp is moved past it and *blank_group tells whether
 * a blank (not '_') separated digit groups. Returns NULL or an error message. */
static const char *number_read_decimal(const char **pp, mpz_t mantissa, unsigned long *decimals,
                                       bool *blank_group)
{
    const char *p = *pp;
    unsigned long digit_count = 0;
    mpz_set_ui(mantissa, 0);
    *decimals = 0;
    *blank_group = false;

    /* Integer part: digit groups, each separator alone between two digits. */
    for (;;) {
        p = read_digits(p, mantissa, &digit_count);
        size_t sep = group_sep_len(p);
        if (sep == 0)
            break;
        if (is_digit(p[sep])) {
            if (p[0] != '_')
                *blank_group = true;
            p += sep;
            continue;
        }
        /* '_' is never a blank, so one that is not followed by a digit is misplaced;
         * a blank may end the number (before a suffix or '/'). */
        if (p[0] == '_')
            return MSG_GROUP_ALONE;
        break;
    }
    if (*p == '_')
        return MSG_GROUP_ALONE;

    if (*p == ',' || *p == '.') {
        if (!is_digit(p[1]))
            return MSG_DECIMAL_SIDES;
        p = read_digits(p + 1, mantissa, decimals);
        if (*p == ',' || *p == '.')
            return MSG_DECIMAL_TWICE;
        size_t sep = group_sep_len(p);
        if (sep > 0 && is_digit(p[sep]))
            return MSG_GROUP_AFTER_DECIMAL;
        if (*p == '_')
            return MSG_GROUP_AFTER_DECIMAL;
    }
    if (digit_count + *decimals > NUMBER_MAX_DIGITS)
        return MSG_TOO_MANY_DIGITS;
    *pp = p;
    return NULL;
}

/* Explains what is wrong with the text that remains at p after a complete number. */
/* SPEC §7.3: "3 300 €/kk", "3 300/kk": a '/' followed by a unit word rather than digits. */
static bool per_unit(const char *slash)
{
    const char *p = skip_blanks(slash + 1);
    return (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
}

static const char *explain_trailing(const char *number_end, const char *p)
{
    bool negative;
    if ((number_end[0] == 'e' || number_end[0] == 'E') && p == number_end &&
        (is_digit(number_end[1]) || sign_len(number_end + 1, &negative) > 0))
        return MSG_EXPONENT;
    if (sign_len(p, &negative) > 0)
        return MSG_SIGN_AFTER;
    if (is_digit(*p) || *p == '_' || group_sep_len(p) > 0)
        return MSG_GROUP_ALONE;
    if (*p == '/')
        return per_unit(p) ? MSG_PER_UNIT : MSG_FRACTION_TWICE;
    if (*p == ',' || *p == '.')
        return MSG_DECIMAL_TWICE;
    return MSG_TRAILING;
}

static const char *check_suffix(suffix_kind suffix, number_kind kind)
{
    if (suffix == SUFFIX_PERCENT && kind != NUMBER_RATIO && kind != NUMBER_MEASURE)
        return kind == NUMBER_PLAIN ? MSG_SUFFIX_NOT_ALLOWED : MSG_PERCENT_NOT_ALLOWED;
    if (suffix == SUFFIX_MONEY && kind != NUMBER_MONEY && kind != NUMBER_MEASURE)
        return kind == NUMBER_PLAIN ? MSG_SUFFIX_NOT_ALLOWED : MSG_MONEY_NOT_ALLOWED;
    return NULL;
}

/* Explains a text that does not start with a digit where the number should begin. */
static const char *explain_no_digits(const char *p)
{
    size_t len;
    bool negative;
    if (*p == '\0')
        return MSG_EMPTY;
    if (*p == '_')
        return MSG_GROUP_ALONE;
    if ((*p == ',' || *p == '.') && is_digit(p[1]))
        return MSG_DECIMAL_SIDES;
    if (suffix_at(p, &len) != SUFFIX_NONE)
        return MSG_SUFFIX_ALONE;
    if (sign_len(p, &negative) > 0)
        return MSG_SIGN_TWICE;
    if (*p == '/')
        return MSG_FRACTION_DIGITS;
    return MSG_NOT_NUMBER;
}

/* The end of every parse: the size limit, then what the suffix said. */
static const char *parsed(const mpq_t out, suffix_kind suffix, number_info *info)
{
    const char *err = number_check_size(out);
    if (err)
        return err;
    if (info) {
        info->percent = suffix == SUFFIX_PERCENT;
        info->money = suffix == SUFFIX_MONEY;
    }
    return NULL;
}

/* The parse proper; number_parse wraps it so that every failure leaves out = 0. */
static const char *parse(mpq_t out, const char *text, number_kind kind, number_info *info,
                         mpz_t numerator_digits, mpz_t denominator_digits)
{
    const char *p = skip_blanks(text);
    if (*p == '\0')
        return MSG_EMPTY;

    bool negative = false;
    size_t sign = sign_len(p, &negative);
    if (sign > 0) {
        p += sign;
        if (*p == '\0')
            return MSG_SIGN_ALONE;
        if (number_blank_len(p) > 0)
            return skip_blanks(p)[0] == '\0' ? MSG_SIGN_ALONE : MSG_SIGN_BLANK;
    }
    if (!is_digit(*p))
        return explain_no_digits(p);

    unsigned long numerator_decimals = 0, denominator_decimals = 0;
    bool blank_group = false;
    const char *err = number_read_decimal(&p, numerator_digits, &numerator_decimals, &blank_group);
    if (err)
        return err;

    /* Optional fraction a/b (SPEC §3): the sign, if any, was before a. */
    bool fraction = false;
    const char *after = skip_blanks(p);
    if (*after == '/') {
        fraction = true;
        if (per_unit(after))
            return MSG_PER_UNIT;
        if (blank_group)
            return MSG_FRACTION_MIXED;
        p = skip_blanks(after + 1);
        bool denominator_negative;
        if (sign_len(p, &denominator_negative) > 0)
            return MSG_FRACTION_SIGN;
        if (!is_digit(*p))
            return MSG_FRACTION_DIGITS;
        bool denominator_blank_group;
        err = number_read_decimal(&p, denominator_digits, &denominator_decimals,
                                  &denominator_blank_group);
        if (err)
            return err;
        if (mpz_sgn(denominator_digits) == 0)
            return MSG_DIVISION_BY_ZERO;
    }

    /* Optional suffix, at most one, optionally after a blank. */
    const char *number_end = p;
    p = skip_blanks(p);
    size_t suffix_len;
    suffix_kind suffix = suffix_at(p, &suffix_len);
    if (suffix != SUFFIX_NONE) {
        p = skip_blanks(p + suffix_len);
        size_t second_len;
        if (suffix_at(p, &second_len) != SUFFIX_NONE)
            return MSG_SUFFIX_TWICE;
        err = check_suffix(suffix, kind);
        if (err)
            return err;
    }
    if (*p != '\0')
        return explain_trailing(number_end, p);

    /* value = ± (a ÷ 10^da) ÷ (b ÷ 10^db) [÷ 100] = ± a × 10^db ÷ (b × 10^da [× 100]) */
    unsigned long numerator_scale = fraction ? denominator_decimals : 0;
    unsigned long denominator_scale = numerator_decimals + (suffix == SUFFIX_PERCENT ? 2 : 0);
    mpz_ptr num = mpq_numref(out);
    mpz_ptr den = mpq_denref(out);
    if (!fraction && denominator_scale < sizeof pow10 / sizeof pow10[0] &&
        mpz_fits_ulong_p(numerator_digits)) {
        /* The common case (a CSV cell such as 1071300 or 21,8 %): digits ÷ 10^d in
         * machine words, reduced by their gcd, so canonical without GMP's general path. */
        unsigned long n = mpz_get_ui(numerator_digits), d = pow10[denominator_scale];
        unsigned long a = n, b = d;
        while (b != 0) {
            unsigned long t = a % b;
            a = b;
            b = t;
        }
        /* a = gcd(n, d) ≥ 1, as d ≥ 1 */
        mpz_set_ui(num, n / a);
        mpz_set_ui(den, d / a);
        if (negative)
            mpz_neg(num, num);
        return parsed(out, suffix, info);
    }
    if (numerator_scale == 0) {
        mpz_set(num, numerator_digits);
    } else {
        power_of_ten(num, numerator_scale);
        mpz_mul(num, num, numerator_digits);
    }
    power_of_ten(den, denominator_scale);
    if (fraction)
        mpz_mul(den, den, denominator_digits);
    if (negative)
        mpz_neg(num, num);
    mpq_canonicalize(out);
    return parsed(out, suffix, info);
}

const char *number_parse(mpq_t out, const char *text, number_kind kind, number_info *info)
{
    if (info) {
        info->percent = false;
        info->money = false;
    }
    if (!text) {
        mpq_set_ui(out, 0, 1);
        return MSG_EMPTY;
    }
    mpz_t numerator_digits, denominator_digits;
    mpz_init(numerator_digits);
    mpz_init(denominator_digits);
    const char *err = parse(out, text, kind, info, numerator_digits, denominator_digits);
    mpz_clear(numerator_digits);
    mpz_clear(denominator_digits);
    if (err) {
        mpq_set_ui(out, 0, 1);
        if (info) {
            info->percent = false;
            info->money = false;
        }
    }
    return err;
}

const char *number_check_size(const mpq_t value)
{
    if (mpq_sgn(value) == 0)
        return NULL;
    const unsigned long bound = pow10[NUMBER_MAX_EXPONENT];
    if (mpz_fits_ulong_p(mpq_denref(value)) && mpz_cmpabs_ui(mpq_numref(value), ULONG_MAX) <= 0) {
        /* Both in a machine word: n × 10^e or d × 10^e overflow only where the answer is
         * plain (an n above 2^64 ÷ 10^e is never below d ÷ 10^e, and so on). */
        unsigned long n = mpz_getlimbn(mpq_numref(value), 0), d = mpz_get_ui(mpq_denref(value));
        if (d <= ULONG_MAX / bound && n > d * bound)
            return MSG_TOO_LARGE;
        if (n <= ULONG_MAX / bound && n * bound < d)
            return MSG_TOO_SMALL;
        return NULL;
    }
    /* |x| > 10^e ⟺ |num| > 10^e × den; |x| < 10^−e ⟺ |num| × 10^e < den. Integers, so a
     * CSV of a million cells costs no allocation here (issue 13). */
    mpz_t scaled;
    mpz_init(scaled);
    power_of_ten(scaled, NUMBER_MAX_EXPONENT);
    mpz_mul(scaled, scaled, mpq_denref(value));
    const char *err = mpz_cmpabs(mpq_numref(value), scaled) > 0 ? MSG_TOO_LARGE : NULL;
    if (!err) {
        power_of_ten(scaled, NUMBER_MAX_EXPONENT);
        mpz_mul(scaled, scaled, mpq_numref(value));
        if (mpz_cmpabs(scaled, mpq_denref(value)) < 0)
            err = MSG_TOO_SMALL;
    }
    mpz_clear(scaled);
    return err;
}

bool number_is_whole(const mpq_t value)
{
    return mpz_cmp_ui(mpq_denref(value), 1) == 0;
}
