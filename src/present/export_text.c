/* export_text — JSON and CSV of a recorded workbook, every number exact (SPEC §7.3). */
#include "export_text.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "common.h"
#include "month.h"

/* value = n / 10^k exactly when the denominator has no prime factor other than 2 and 5;
 * then *decimals = k (the least such k) and true. */
static bool terminating(const mpq_t value, unsigned long *decimals)
{
    mpz_t d, two, five;
    mpz_init_set(d, mpq_denref(value));
    mpz_init_set_ui(two, 2);
    mpz_init_set_ui(five, 5);
    unsigned long k2 = mpz_remove(d, d, two), k5 = mpz_remove(d, d, five);
    bool ok = mpz_cmp_ui(d, 1) == 0;
    *decimals = k2 > k5 ? k2 : k5;
    mpz_clears(d, two, five, NULL);
    return ok;
}

/* The decimal text of value with exactly `decimals` decimals (value × 10^decimals must
 * be whole): "-59000.00", "0.15", "0.005". */
static char *decimal_text(const mpq_t value, unsigned long decimals)
{
    mpz_t scaled;
    mpz_init(scaled);
    mpz_ui_pow_ui(scaled, 10, decimals);
    mpz_mul(scaled, scaled, mpq_numref(value));
    mpz_divexact(scaled, scaled, mpq_denref(value));
    bool negative = mpz_sgn(scaled) < 0;
    mpz_abs(scaled, scaled);
    char *digits = xmpz_get_str(scaled);   /* malloc'd: GMP's own blocks go back to GMP */
    mpz_clear(scaled);
    size_t n = strlen(digits);
    size_t width = n > decimals ? n : decimals + 1;   /* "5" with 2 decimals: "005" */
    char *out = xmalloc(width + 3);
    char *p = out;
    if (negative)
        *p++ = '-';
    for (size_t i = n; i < width; i++)
        *p++ = '0';
    memcpy(p, digits, n);
    p += n;
    *p = '\0';
    free(digits);
    if (decimals > 0) {   /* the point before the last `decimals` digits */
        memmove(p - decimals + 1, p - decimals, decimals + 1);
        p[-(long)decimals] = '.';
    }
    return out;
}

char *export_exact(const mpq_t value, bool money)
{
    unsigned long decimals;
    if (terminating(value, &decimals)) {
        if (money && decimals < 2)
            decimals = 2;
        return decimal_text(value, decimals);
    }
    /* canonical "1421/9" (a whole number terminates, so the denominator is above 1) */
    char *num = xmpz_get_str(mpq_numref(value));
    char *den = xmpz_get_str(mpq_denref(value));
    char *text = xasprintf("%s/%s", num, den);
    free(num);
    free(den);
    return text;
}

/* CSV numbers must open as numbers in a spreadsheet, which a fraction would not: a value
 * that does not terminate is written to 12 decimals (half away from zero), trailing zeros
 * dropped. JSON keeps the exact fraction. */
static char *csv_number(const mpq_t value, bool money, language lang)
{
    unsigned long decimals;
    char *text;
    if (terminating(value, &decimals)) {
        text = export_exact(value, money);
    } else {
        /* round(x × 10^12), halves away from zero: trunc((2·|n|·10^12 + d) ÷ 2d) */
        mpz_t q, den2;
        mpz_inits(q, den2, NULL);
        mpz_ui_pow_ui(q, 10, 12);
        mpz_mul(q, q, mpq_numref(value));
        bool negative = mpz_sgn(q) < 0;
        mpz_abs(q, q);
        mpz_mul_ui(q, q, 2);
        mpz_add(q, q, mpq_denref(value));
        mpz_mul_ui(den2, mpq_denref(value), 2);
        mpz_tdiv_q(q, q, den2);
        if (negative)
            mpz_neg(q, q);
        mpq_t rounded;
        mpq_init(rounded);
        mpq_set_num(rounded, q);
        mpz_ui_pow_ui(den2, 10, 12);
        mpq_set_den(rounded, den2);
        mpq_canonicalize(rounded);
        terminating(rounded, &decimals);
        text = decimal_text(rounded, decimals);
        mpq_clear(rounded);
        mpz_clears(q, den2, NULL);
    }
    if (lang == LANG_FI)
        for (char *p = text; *p; p++)
            if (*p == '.')
                *p = ',';
    return text;
}

static int json_string(FILE *f, const char *text)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\r')
            fputs("\\r", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    return fputc('"', f) == EOF ? -1 : 0;
}

/* A cell as JSON: every number a string of its exact value; a blank null. */
static void json_cell(FILE *f, const wb_rec_cell *c)
{
    if (!c) {
        fputs("null", f);
        return;
    }
    char *text = NULL;
    char month[8];
    switch (c->kind) {
    case WB_REC_TEXT:
        json_string(f, c->text);
        return;
    case WB_REC_MONTH:
        month_format(c->month, month);
        json_string(f, month);
        return;
    default:
        text = export_exact(c->value, c->kind == WB_REC_MONEY);
        json_string(f, text);
        free(text);
    }
}

static void json_row(FILE *f, wb_recorder *rec, const wb_rec_table *t, unsigned row)
{
    fputc('{', f);
    for (size_t h = 0; h < t->n_headers; h++) {
        if (h)
            fputs(", ", f);
        json_string(f, t->headers[h]);
        fputs(": ", f);
        json_cell(f, wb_recorder_cell(rec, t->sheet, row, t->first_col + (unsigned)h));
    }
    fputc('}', f);
}

static void json_field(FILE *f, const char *key, const char *value, bool *first)
{
    if (!value)
        return;
    fputs(*first ? "\n    " : ",\n    ", f);
    *first = false;
    json_string(f, key);
    fputs(": ", f);
    json_string(f, value);
}

int export_json(FILE *f, const scenario *s, wb_recorder *rec)
{
    char start[8], end[8], date[16];
    month_format(s->start, start);
    month_format(s->end, end);
    if (s->has_date)
        snprintf(date, sizeof date, "%04d-%02d-%02d", s->date_year, s->date_month, s->date_day);
    bool first = true;
    fputs("{\n  \"scenario\": {", f);
    json_field(f, "id", s->id, &first);
    json_field(f, "name", s->name, &first);
    json_field(f, "description", s->description, &first);
    json_field(f, "area", s->area, &first);
    json_field(f, "start", start, &first);
    json_field(f, "end", end, &first);
    json_field(f, "date", s->has_date ? date : NULL, &first);
    json_field(f, "prepared_by", s->prepared_by, &first);
    json_field(f, "rounding", s->rounding == ROUND_HALF_EVEN ? "half-even" : "half-up", &first);
    json_field(f, "input_sha256", s->sha256_hex, &first);
    json_field(f, "tkk_version", TKK_VERSION, &first);
    fputs("\n  },\n  \"names\": {", f);
    for (size_t i = 0; i < wb_recorder_n_names(rec); i++) {
        const wb_rec_cell *c;
        const char *name = wb_recorder_name_at(rec, i, &c);
        fputs(i ? ",\n    " : "\n    ", f);
        json_string(f, name);
        fputs(": ", f);
        json_cell(f, c);
    }
    fputs("\n  },\n  \"tables\": {", f);
    size_t n_totals = 0;
    for (size_t t = 0; t < wb_recorder_n_tables(rec); t++) {
        const wb_rec_table *table = wb_recorder_table(rec, t);
        n_totals += table->totals;
        fputs(t ? ",\n    " : "\n    ", f);
        json_string(f, table->name);
        fputs(": [", f);
        unsigned last_data = table->last_row - (table->totals ? 1 : 0);
        for (unsigned row = table->first_row + 1; row <= last_data; row++) {
            fputs(row > table->first_row + 1 ? ",\n      " : "\n      ", f);
            json_row(f, rec, table, row);
        }
        fputs("\n    ]", f);
    }
    fputs("\n  },\n  \"totals\": {", f);
    size_t written = 0;
    for (size_t t = 0; t < wb_recorder_n_tables(rec); t++) {
        const wb_rec_table *table = wb_recorder_table(rec, t);
        if (!table->totals)
            continue;
        fputs(written++ ? ",\n    " : "\n    ", f);
        json_string(f, table->name);
        fputs(": ", f);
        json_row(f, rec, table, table->last_row);
    }
    (void)n_totals;
    fputs("\n  }\n}\n", f);
    return ferror(f) ? -1 : 0;
}

/* RFC 4180: a field with the delimiter, a quote or a line break is quoted, quotes doubled. */
static void csv_field(FILE *f, const char *text, char delimiter)
{
    if (!strchr(text, delimiter) && !strpbrk(text, "\"\r\n")) {
        fputs(text, f);
        return;
    }
    fputc('"', f);
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

static void csv_row(FILE *f, wb_recorder *rec, const wb_rec_table *t, unsigned row,
                    language lang, char delimiter)
{
    for (size_t h = 0; h < t->n_headers; h++) {
        if (h)
            fputc(delimiter, f);
        const wb_rec_cell *c = wb_recorder_cell(rec, t->sheet, row, t->first_col + (unsigned)h);
        if (!c)
            continue;
        char month[16];
        char *text;
        switch (c->kind) {
        case WB_REC_TEXT:
            csv_field(f, c->text, delimiter);
            break;
        case WB_REC_MONTH:
            /* ISO date, the first of the month: a date in either locale. */
            month_format(c->month, month);
            strcat(month, "-01");
            csv_field(f, month, delimiter);
            break;
        default:
            text = csv_number(c->value, c->kind == WB_REC_MONEY, lang);
            csv_field(f, text, delimiter);
            free(text);
        }
    }
    fputs("\r\n", f);
}

int export_csv_table(FILE *f, wb_recorder *rec, const wb_rec_table *table, language lang,
                     bool totals_only)
{
    char delimiter = lang == LANG_FI ? ';' : ',';
    fputs("\xEF\xBB\xBF", f);   /* UTF-8 BOM: Excel then reads the file as UTF-8 */
    for (size_t h = 0; h < table->n_headers; h++) {
        if (h)
            fputc(delimiter, f);
        csv_field(f, table->headers[h], delimiter);
    }
    fputs("\r\n", f);
    if (totals_only) {
        csv_row(f, rec, table, table->last_row, lang, delimiter);
    } else {
        unsigned last_data = table->last_row - (table->totals ? 1 : 0);
        for (unsigned row = table->first_row + 1; row <= last_data; row++)
            csv_row(f, rec, table, row, lang, delimiter);
    }
    return ferror(f) ? -1 : 0;
}
