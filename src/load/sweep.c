/* sweep — --vary PATH=FROM..TO:STEP | v1;v2;v3 and the Cartesian product (SPEC §6). */
#include "sweep.h"
#include "alloc.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "number.h"

/* Records "--vary 'ARG': message" in error; returns -1. */
static int vary_error(char *error, size_t error_size, const char *arg, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int vary_error(char *error, size_t error_size, const char *arg, const char *fmt, ...)
{
    if (!error || error_size == 0)
        return -1;
    int n = snprintf(error, error_size, "--vary '%s': ", arg);
    if (n >= 0 && (size_t)n < error_size) {
        va_list args;
        va_start(args, fmt);
        vsnprintf(error + n, error_size - (size_t)n, fmt, args);
        va_end(args);
    }
    return -1;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* A copy of text[0..length) without blanks at either end. */
static char *trimmed_copy(const char *text, size_t length)
{
    while (length > 0 && is_blank(*text)) {
        text++;
        length--;
    }
    while (length > 0 && is_blank(text[length - 1]))
        length--;
    return xstrndup(text, length);
}

char *sweep_rational_text(const mpq_t value)
{
    /* A finite decimal exists when the canonical denominator is 2^a × 5^b; it needs
     * max(a, b) decimals. Otherwise the fraction a/b of SPEC §3, the sign before a. */
    mpz_t rest, two, five, scaled;
    mpz_inits(rest, two, five, scaled, NULL);
    mpz_set_ui(two, 2);
    mpz_set_ui(five, 5);
    mpz_set(rest, mpq_denref(value));
    unsigned long twos = (unsigned long)mpz_remove(rest, rest, two);
    unsigned long fives = (unsigned long)mpz_remove(rest, rest, five);
    char *text = NULL;
    if (mpz_cmp_ui(rest, 1) == 0) {
        unsigned long decimals = twos > fives ? twos : fives;
        /* |value| × 10^decimals is a whole number. */
        mpz_ui_pow_ui(scaled, 10, decimals);
        mpz_mul(scaled, scaled, mpq_numref(value));
        mpz_divexact(scaled, scaled, mpq_denref(value));
        mpz_abs(scaled, scaled);
        char *digits = xmpz_get_str(scaled);
        size_t n_digits = strlen(digits);
        /* At least one digit before the point: pad with zeros. */
        size_t width = n_digits > decimals ? n_digits : (size_t)decimals + 1;
        text = xmalloc(width + 3);
        char *o = text;
        if (mpq_sgn(value) < 0)
            *o++ = '-';
        size_t pad = width - n_digits;
        for (size_t i = 0; i < width; i++) {
            if (decimals > 0 && i == width - decimals)
                *o++ = '.';
            *o++ = i < pad ? '0' : digits[i - pad];
        }
        *o = '\0';
        free(digits);
    } else {
        char *num = xmpz_get_str(mpq_numref(value));
        char *den = xmpz_get_str(mpq_denref(value));
        text = xasprintf("%s/%s", num, den);
        free(num);
        free(den);
    }
    mpz_clears(rest, two, five, scaled, NULL);
    return text;
}

/* One of FROM, TO, STEP of a range into out; -1 with the message when it does not parse. */
static int parse_bound(mpq_t out, bool *percent, const char *text, size_t length,
                       const char *role, const char *arg, char *error, size_t error_size)
{
    char *copy = xstrndup(text, length);
    number_info info;
    const char *why = number_parse(out, copy, NUMBER_MEASURE, &info);
    int rc = 0;
    if (why)
        rc = vary_error(error, error_size, arg, "%s '%s': %s", role, copy, why);
    else if (info.percent)
        *percent = true;
    free(copy);
    return rc;
}

/* FROM..TO:STEP, spec pointing at FROM and dots at the "..". */
static int parse_range(sweep_axis *axis, const char *spec, const char *dots, char *error,
                       size_t error_size)
{
    const char *arg = axis->arg;
    const char *to_text = dots + 2;
    const char *colon = strrchr(to_text, ':');
    if (!colon)
        return vary_error(error, error_size, arg,
                          "a range needs a step: write FROM..TO:STEP, e.g. 4..10:1");
    if (parse_bound(axis->from, &axis->percent, spec, (size_t)(dots - spec), "FROM", arg, error,
                    error_size) != 0 ||
        parse_bound(axis->to, &axis->percent, to_text, (size_t)(colon - to_text), "TO", arg,
                    error, error_size) != 0 ||
        parse_bound(axis->step, &axis->percent, colon + 1, strlen(colon + 1), "STEP", arg, error,
                    error_size) != 0)
        return -1;
    if (mpq_sgn(axis->step) == 0)
        return vary_error(error, error_size, arg, "the STEP must not be 0");

    /* count = ⌊(TO − FROM) ÷ STEP⌋ + 1; a negative quotient means the step moves away. */
    mpq_t quotient;
    mpz_t count;
    mpq_init(quotient);
    mpz_init(count);
    mpq_sub(quotient, axis->to, axis->from);
    mpq_div(quotient, quotient, axis->step);
    int rc = 0;
    if (mpq_sgn(quotient) < 0) {
        rc = vary_error(error, error_size, arg,
                        "the STEP goes away from TO: a range from %s to %s needs a %s step",
                        mpq_cmp(axis->from, axis->to) < 0 ? "a lower" : "a higher",
                        mpq_cmp(axis->from, axis->to) < 0 ? "a higher" : "a lower",
                        mpq_cmp(axis->from, axis->to) < 0 ? "positive" : "negative");
    } else {
        mpz_fdiv_q(count, mpq_numref(quotient), mpq_denref(quotient));
        mpz_add_ui(count, count, 1);
        axis->n_values = mpz_fits_ulong_p(count) ? (unsigned long long)mpz_get_ui(count)
                                                 : ULLONG_MAX;
    }
    mpq_clear(quotient);
    mpz_clear(count);
    return rc;
}

/* v1;v2;v3 — each value trimmed, none empty. */
static int parse_list(sweep_axis *axis, const char *spec, char *error, size_t error_size)
{
    size_t n = 1;
    for (const char *p = spec; *p; p++)
        n += *p == ';';
    axis->list = xcalloc(n, sizeof *axis->list);
    const char *start = spec;
    for (size_t i = 0; i < n; i++) {
        const char *end = strchr(start, ';');
        size_t length = end ? (size_t)(end - start) : strlen(start);
        axis->list[i] = trimmed_copy(start, length);
        axis->n_values = i + 1;   /* what sweep_axis_clear releases */
        if (axis->list[i][0] == '\0')
            return vary_error(error, error_size, axis->arg,
                              n == 1 ? "no value: write PATH=FROM..TO:STEP or PATH=v1;v2;v3"
                                     : "value %zu of the list is empty", i + 1);
        start = end ? end + 1 : start + length;
    }
    return 0;
}

int sweep_axis_parse(sweep_axis *axis, const char *arg, char *error, size_t error_size)
{
    memset(axis, 0, sizeof *axis);
    mpq_inits(axis->from, axis->to, axis->step, NULL);
    axis->live = true;
    axis->arg = xstrdup(arg);
    const char *eq = strchr(arg, '=');
    int rc = 0;
    if (!eq) {
        rc = vary_error(error, error_size, arg,
                        "expected PATH=FROM..TO:STEP or PATH=v1;v2;v3, e.g. staff.coaches.fte=4..10:1");
    } else if ((axis->path = trimmed_copy(arg, (size_t)(eq - arg)))[0] == '\0') {
        rc = vary_error(error, error_size, arg, "the PATH before '=' is missing, e.g. staff.coaches.fte");
    } else {
        const char *spec = eq + 1;
        const char *dots = strstr(spec, "..");
        axis->form = dots ? SWEEP_RANGE : SWEEP_LIST;
        rc = dots ? parse_range(axis, spec, dots, error, error_size)
                  : parse_list(axis, spec, error, error_size);
    }
    if (rc != 0)
        sweep_axis_clear(axis);
    return rc;
}

void sweep_axis_clear(sweep_axis *axis)
{
    if (!axis || !axis->live)
        return;
    if (axis->list)
        for (unsigned long long i = 0; i < axis->n_values; i++)
            free(axis->list[i]);
    free(axis->list);
    free(axis->arg);
    free(axis->path);
    if (axis->live)
        mpq_clears(axis->from, axis->to, axis->step, NULL);
    /* Zeroed, so a second clear does nothing. */
    memset(axis, 0, sizeof *axis);
}

/* value = FROM + i × STEP */
static void range_value(mpq_t value, const sweep_axis *axis, unsigned long long i)
{
    mpq_t offset;
    mpq_init(offset);
    mpz_set_ui(mpq_numref(offset), (unsigned long)i);
    mpz_set_ui(mpq_denref(offset), 1);
    mpq_mul(offset, offset, axis->step);
    mpq_add(value, axis->from, offset);
    mpq_clear(offset);
}

char *sweep_value_text(const mpq_t value, bool percent)
{
    if (!percent)
        return sweep_rational_text(value);
    /* SPEC §3: "55 %" is 0,55 on a ratio key; a non-ratio key rejects the % as it would
     * in the file, rather than silently taking 0,55. */
    mpq_t hundredfold;
    mpq_init(hundredfold);
    mpq_set_ui(hundredfold, 100, 1);
    mpq_mul(hundredfold, hundredfold, value);
    char *number = sweep_rational_text(hundredfold);
    char *text = xasprintf("%s %%", number);
    free(number);
    mpq_clear(hundredfold);
    return text;
}

char *sweep_axis_text(const sweep_axis *axis, unsigned long long i)
{
    if (axis->form == SWEEP_LIST)
        return xstrdup(axis->list[i]);
    mpq_t value;
    mpq_init(value);
    range_value(value, axis, i);
    char *text = sweep_value_text(value, axis->percent);
    mpq_clear(value);
    return text;
}

bool sweep_axis_number(mpq_t out, const sweep_axis *axis, unsigned long long i)
{
    if (axis->form == SWEEP_RANGE) {
        range_value(out, axis, i);
        return true;
    }
    mpq_t value;
    mpq_init(value);
    bool ok = number_parse(value, axis->list[i], NUMBER_MEASURE, NULL) == NULL;
    if (ok)
        mpq_set(out, value);
    mpq_clear(value);
    return ok;
}

unsigned long long sweep_count(const sweep_axis *axes, size_t n_axes)
{
    unsigned long long count = 1;
    for (size_t i = 0; i < n_axes; i++) {
        unsigned long long n = axes[i].n_values;
        if (n != 0 && count > ULLONG_MAX / n)
            return ULLONG_MAX;
        count *= n;
    }
    return count;
}

/* "1 100 000": digit groups of three, as the SPEC writes counts. */
static void grouped(char *buf, size_t size, unsigned long long n)
{
    char digits[32];
    int length = snprintf(digits, sizeof digits, "%llu", n);
    size_t o = 0;
    for (int i = 0; i < length && o + 2 < size; i++) {
        if (i > 0 && (length - i) % 3 == 0)
            buf[o++] = ' ';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

int sweep_check_count(unsigned long long count, unsigned long long max, char *error,
                      size_t error_size)
{
    char n[40], limit[40];
    grouped(n, sizeof n, count);
    if (count == ULLONG_MAX)
        snprintf(n, sizeof n, "more than %llu", ULLONG_MAX - 1);
    if (count > SWEEP_MAX_ROWS) {
        /* No --max helps: the rows would not fit in the worksheet. */
        grouped(limit, sizeof limit, SWEEP_MAX_ROWS);
        snprintf(error, error_size,
                 "the sweep has %s variants, more than the %s rows a worksheet holds: "
                 "vary fewer values", n, limit);
        return -1;
    }
    if (count > max) {
        grouped(limit, sizeof limit, max);
        snprintf(error, error_size,
                 "the sweep has %s variants, more than the limit of %s: allow them with --max %llu",
                 n, limit, count);
        return -1;
    }
    return 0;
}

void sweep_iter_init(sweep_iter *it, const sweep_axis *axes, size_t n_axes)
{
    memset(it, 0, sizeof *it);
    it->axes = axes;
    it->n_axes = n_axes;
    it->index = xcalloc(n_axes, sizeof *it->index);
    it->assignments = xcalloc(n_axes, sizeof *it->assignments);
}

/* assignments[k] = "PATH=VALUE" for the axis's current value. */
static void update_assignment(sweep_iter *it, size_t k)
{
    const sweep_axis *axis = &it->axes[k];
    char *value = sweep_axis_text(axis, it->index[k]);
    char *assignment = xasprintf("%s=%s", axis->path, value);
    free(value);
    free(it->assignments[k]);
    it->assignments[k] = assignment;
}

int sweep_iter_next(sweep_iter *it)
{
    if (it->finished)
        return 0;
    for (size_t k = 0; k < it->n_axes; k++)
        if (it->axes[k].n_values == 0) {
            it->finished = true;
            return 0;
        }
    if (!it->started) {
        it->started = true;
        for (size_t k = 0; k < it->n_axes; k++)
            update_assignment(it, k);
        return 1;
    }
    /* The last axis varies fastest: SPEC's first --vary is the slowest. */
    size_t k = it->n_axes;
    while (k > 0) {
        k--;
        if (++it->index[k] < it->axes[k].n_values) {
            update_assignment(it, k);
            it->position++;
            return 1;
        }
        it->index[k] = 0;
        update_assignment(it, k);
    }
    it->finished = true;
    return 0;
}

void sweep_iter_clear(sweep_iter *it)
{
    if (!it)
        return;
    if (it->assignments)
        for (size_t k = 0; k < it->n_axes; k++)
            free(it->assignments[k]);
    free(it->assignments);
    free(it->index);
    memset(it, 0, sizeof *it);
}
