/* ledger_csv — monthly actuals from an accounting export, summed into Actual (SPEC §7.3). */
#include "ledger_csv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "common.h"
#include "csv_reader.h"
#include "input_file.h"
#include "input_words.h"
#include "money.h"
#include "number_format.h"
#include "month.h"
#include "number.h"

#define PATH "actual.ledger"

/* An [accounts] key: the account numbers lo..hi map to category. */
typedef struct {
    unsigned long long lo, hi;
    int category;
} account_range;

/* Where a year's category first came from in the ledger, for the duplicate message. */
typedef struct {
    int line, column;    /* 0: the ledger has no row for it */
} first_row;

typedef struct {
    scenario *s;
    diag_list *diags;
    const char *file;
    size_t errors;
    const account_range *accounts;
    size_t n_accounts;
    bool header_done;
    size_t col_month, col_category, col_amount;   /* SIZE_MAX: missing */
    size_t n_columns;
    mpq_t *sums;             /* n_years × CAT_COUNT */
    first_row *first;        /* n_years × CAT_COUNT */
} ledger;

static void cell_error(ledger *ld, int line, size_t column, const char *fmt, ...)
    TKK_PRINTF(4, 5);
static void cell_error(ledger *ld, int line, size_t column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(ld->diags, DIAG_ERROR, ld->file, line, (int)column + 1, PATH, fmt, ap);
    va_end(ap);
    ld->errors++;
}

static bool all_digits(const char *s)
{
    if (!*s || strlen(s) > 18)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

static int days_in_month(int year, int month)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* YYYY-MM, YYYY-MM-DD or D.M.YYYY (what Finnish Excel writes for a date). */
STATIC bool ledger_month_parse(const char *text, month_t *out);
STATIC bool ledger_month_parse(const char *text, month_t *out)
{
    int year, month, day;
    if (month_parse(text, out))
        return true;
    if (date_parse(text, &year, &month, &day)) {
        *out = year * 12 + month - 1;
        return true;
    }
    int n = 0;
    if (sscanf(text, "%2d.%2d.%4d%n", &day, &month, &year, &n) == 3 && text[n] == '\0' &&
        strlen(text) >= 8 && text[0] != '+' && text[0] != '-' && text[0] != ' ' &&
        year >= 1000 && month >= 1 && month <= 12 && day >= 1 &&
        day <= days_in_month(year, month) && text[strlen(text) - 5] == '.') {
        *out = year * 12 + month - 1;
        return true;
    }
    return false;
}

static bool header_is(const char *name, const char *english, const char *finnish)
{
    return input_word_equal(name, strlen(name), english) ||
           input_word_equal(name, strlen(name), finnish);
}

static void header_row(ledger *ld, int line, char **fields, size_t n)
{
    ld->header_done = true;
    ld->n_columns = n;
    ld->col_month = ld->col_category = ld->col_amount = SIZE_MAX;
    for (size_t j = 0; j < n; j++) {
        const char *name = csv_trim(fields[j]);
        size_t *slot = header_is(name, "month", "kuukausi")     ? &ld->col_month
                       : header_is(name, "category", "luokka") ||
                         header_is(name, "account", "tili")     ? &ld->col_category
                       : header_is(name, "amount", "summa")     ? &ld->col_amount
                                                                : NULL;
        if (!slot)
            continue;   /* an export's other columns (text, voucher number) are left alone */
        if (*slot != SIZE_MAX)
            cell_error(ld, line, j, "column '%s' is given twice (also column %zu)", name, *slot + 1);
        else
            *slot = j;
    }
    if (ld->col_month == SIZE_MAX || ld->col_category == SIZE_MAX || ld->col_amount == SIZE_MAX) {
        diag_error_at(ld->diags, ld->file, line, 1, PATH,
                      "the header row needs the columns month, category and amount "
                      "(or kuukausi, luokka, summa), e.g. month;category;amount");
        ld->errors++;
    }
}

static int row_category(ledger *ld, int line, const char *text)
{
    int category = input_category(text, strlen(text));
    if (category >= 0)
        return category;
    if (all_digits(text)) {
        unsigned long long account = strtoull(text, NULL, 10);
        for (size_t i = 0; i < ld->n_accounts; i++)
            if (account >= ld->accounts[i].lo && account <= ld->accounts[i].hi)
                return ld->accounts[i].category;
        cell_error(ld, line, ld->col_category,
                   "account %s is in no range of [accounts]: add one, e.g. %s = personnel", text,
                   text);
        return -1;
    }
    cell_error(ld, line, ld->col_category,
               "'%s' is neither a category (personnel | premises | other, henkilöstö | "
               "toimitilat | muut) nor an account number", text);
    return -1;
}

static void data_row(ledger *ld, int line, char **fields, size_t n)
{
    bool empty = true;
    for (size_t j = 0; j < n; j++)
        empty = empty && csv_trim(fields[j])[0] == '\0';
    if (empty || ld->col_month == SIZE_MAX || ld->col_category == SIZE_MAX ||
        ld->col_amount == SIZE_MAX)
        return;   /* ";;" rows of Excel; without the columns nothing can be read */
    if (n != ld->n_columns) {
        cell_error(ld, line, n < ld->n_columns ? n : ld->n_columns,
                   "%zu fields, but the header has %zu", n, ld->n_columns);
        return;
    }
    scenario *s = ld->s;
    const char *month_text = csv_trim(fields[ld->col_month]);
    month_t month;
    bool ok = true;
    if (!ledger_month_parse(month_text, &month)) {
        cell_error(ld, line, ld->col_month,
                   "'%s' is not a month: write YYYY-MM, YYYY-MM-DD or D.M.YYYY", month_text);
        ok = false;
    } else if (month < s->start || month > s->end) {
        char a[8], b[8];
        month_format(s->start, a);
        month_format(s->end, b);
        cell_error(ld, line, ld->col_month, "%s is outside the scenario's period %s..%s",
                   month_text, a, b);
        ok = false;
    }
    int category = row_category(ld, line, csv_trim(fields[ld->col_category]));
    mpq_t amount;
    mpq_init(amount);
    const char *amount_text = csv_trim(fields[ld->col_amount]);
    const char *err = number_parse(amount, amount_text, NUMBER_MONEY, NULL);
    if (err)
        cell_error(ld, line, ld->col_amount, "'%s' is not a valid amount: %s", amount_text, err);
    if (ok && category >= 0 && !err) {
        /* A booked payment: rounded to cents, so every sum is exact cents (SPEC §3). */
        money_round(amount, amount, s->rounding);
        size_t at = (size_t)(month_year(month) - s->first_year) * CAT_COUNT + (size_t)category;
        mpq_add(ld->sums[at], ld->sums[at], amount);
        if (ld->first[at].line == 0)
            ld->first[at] = (first_row){ line, (int)ld->col_category + 1 };
        mpq_add(s->ledger_monthly[month - s->start], s->ledger_monthly[month - s->start], amount);
    }
    mpq_clear(amount);
}

static void on_record(void *data, int line, char **fields, size_t n)
{
    ledger *ld = data;
    if (!ld->header_done)
        header_row(ld, line, fields, n);
    else
        data_row(ld, line, fields, n);
}

static bool on_parse_error(void *data, int line, char **fields, size_t n, const char *what)
{
    (void)fields;
    ledger *ld = data;
    cell_error(ld, line, n, "%s", what);
    return ld->header_done;
}

/* [accounts]: "4000-4999 = personnel" or "4100 = premises". */
static account_range *read_accounts(const ini_doc *doc, size_t *n, ledger *ld)
{
    const ini_section *sec = ini_doc_find(doc, "accounts");
    *n = 0;
    if (!sec || sec->removed)
        return NULL;
    account_range *ranges = xcalloc(sec->n_keys + 1, sizeof *ranges);
    for (size_t i = 0; i < sec->n_keys; i++) {
        const ini_key *k = &sec->keys[i];
        if (strcmp(k->key, "remove") == 0)
            continue;
        char path[300];
        snprintf(path, sizeof path, "accounts.%s", k->key);
        char lo_text[32] = "", hi_text[32] = "";
        const char *dash = strchr(k->key, '-');
        if (dash && (size_t)(dash - k->key) < sizeof lo_text && strlen(dash + 1) < sizeof hi_text) {
            memcpy(lo_text, k->key, (size_t)(dash - k->key));
            strcpy(hi_text, dash + 1);
        } else if (!dash && strlen(k->key) < sizeof lo_text) {
            strcpy(lo_text, k->key);
            strcpy(hi_text, k->key);
        }
        int category = input_category(k->value, strlen(k->value));
        if (!all_digits(lo_text) || !all_digits(hi_text)) {
            diag_error(ld->diags, k->file, k->line, path,
                       "'%s' is not an account number or a range such as 4000-4999", k->key);
            ld->errors++;
            continue;
        }
        account_range r = { strtoull(lo_text, NULL, 10), strtoull(hi_text, NULL, 10), category };
        if (r.lo > r.hi) {
            diag_error(ld->diags, k->file, k->line, path, "the range %s ends before it starts",
                       k->key);
            ld->errors++;
            continue;
        }
        if (category < 0) {
            diag_error(ld->diags, k->file, k->line, path,
                       "'%s' is not one of: personnel | premises | other (henkilöstö | "
                       "toimitilat | muut)", k->value);
            ld->errors++;
            continue;
        }
        bool overlaps = false;
        for (size_t j = 0; j < *n; j++)
            overlaps = overlaps || (r.lo <= ranges[j].hi && ranges[j].lo <= r.hi);
        if (overlaps) {
            diag_error(ld->diags, k->file, k->line, path,
                       "the range %s overlaps another range of [accounts]: an account "
                       "must map to one category", k->key);
            ld->errors++;
            continue;
        }
        ranges[(*n)++] = r;
    }
    return ranges;
}

/* The [actual] key that gives year's category (any spelling), or NULL. */
static const ini_key *actual_key(const ini_section *sec, int year, int category)
{
    for (size_t i = 0; sec && i < sec->n_keys; i++) {
        const char *key = sec->keys[i].key;
        const char *dot = strchr(key, '.');
        if (dot && atoi(dot + 1) == year && input_category(key, (size_t)(dot - key)) == category)
            return &sec->keys[i];
    }
    return NULL;
}

static void add_source(scenario *s, const char *path, char *text, size_t length)
{
    s->sources = xreallocarray(s->sources, s->n_sources + 1, sizeof *s->sources);
    s->sources[s->n_sources] = (source_file){.path = xstrdup(path), .text = text,
                                             .length = length};
    s->n_sources++;
}

/* Moves the sums into s->actual: a category [actual] already gives is a duplicate, at
 * both places; with a total and all three categories given they must add up (SPEC §4). */
static void merge_sums(ledger *ld, const ini_section *actual_sec)
{
    scenario *s = ld->s;
    for (int y = 0; y < s->n_years; y++) {
        year_amounts *ya = &s->actual[y];
        bool touched = false;
        for (int cat = 0; cat < CAT_COUNT; cat++) {
            size_t at = (size_t)y * CAT_COUNT + (size_t)cat;
            if (ld->first[at].line == 0)
                continue;
            touched = true;
            int year = s->first_year + y;
            if (ya->has_category[cat]) {
                const ini_key *k = actual_key(actual_sec, year, cat);
                char path[64];
                snprintf(path, sizeof path, "actual.%s", k ? k->key : "");
                if (k)
                    diag_error(ld->diags, k->file, k->line, path,
                               "%s %d is also summed from the ledger %s (line %d): give it in "
                               "one place only", category_name((cost_category)cat), year, ld->file,
                               ld->first[at].line);
                diag_error_at(ld->diags, ld->file, ld->first[at].line, ld->first[at].column, PATH,
                              "%s %d is also given in [actual]%s%s%s%d: give it in one place only",
                              category_name((cost_category)cat), year, k ? " at " : "",
                              k ? k->file : "", k ? ":" : "", k ? k->line : 0);
                ld->errors += 1 + (k != NULL);
                continue;
            }
            if (mpq_sgn(ld->sums[at]) < 0) {   /* credit notes beyond the costs: as [actual] */
                char *shown = money_format(ld->sums[at], LANG_FI);
                diag_error_at(ld->diags, ld->file, ld->first[at].line, ld->first[at].column, PATH,
                              "%s %d sums to %s: a year's actual must be 0 or more",
                              category_name((cost_category)cat), year, shown);
                ld->errors++;
                free(shown);
                continue;
            }
            ya->has_category[cat] = true;
            mpq_set(ya->category[cat], ld->sums[at]);
        }
        if (!touched || !ya->has_total || !ya->has_category[0] || !ya->has_category[1] ||
            !ya->has_category[2])
            continue;
        mpq_t sum;
        mpq_init(sum);
        for (int cat = 0; cat < CAT_COUNT; cat++)
            mpq_add(sum, sum, ya->category[cat]);
        if (!mpq_equal(sum, ya->total)) {
            char key[16];
            snprintf(key, sizeof key, "%d", s->first_year + y);
            const ini_key *k = actual_sec ? ini_section_find(actual_sec, key) : NULL;
            char *total = money_format(ya->total, LANG_FI), *parts = money_format(sum, LANG_FI);
            diag_error(ld->diags, k ? k->file : ld->file, k ? k->line : 0, k ? "actual" : PATH,
                       "the categories of %s (with the ledger's) add up to %s, not the total %s",
                       key, parts, total);
            ld->errors++;
            free(total);
            free(parts);
        }
        mpq_clear(sum);
    }
}

size_t ledger_load(scenario *s, const ini_doc *doc, diag_list *diags)
{
    const ini_section *actual_sec = ini_doc_find(doc, "actual");
    if (actual_sec && actual_sec->removed)
        actual_sec = NULL;
    const ini_key *key = actual_sec ? ini_section_find(actual_sec, "ledger") : NULL;
    ledger ld = { .s = s, .diags = diags };
    size_t n_accounts;
    account_range *accounts = read_accounts(doc, &n_accounts, &ld);
    ld.accounts = accounts;
    ld.n_accounts = n_accounts;
    if (!key) {
        free(accounts);
        return ld.errors;
    }
    /* Relative to the file that wrote the key, like [bonus] projects. */
    const char *slash = strrchr(key->file, '/');
    char *path = key->value[0] == '/' || !slash
                     ? xstrdup(key->value)
                     : xasprintf("%.*s/%s", (int)(slash - key->file), key->file, key->value);
    ld.file = path;
    char *text = NULL;
    size_t length = 0;
    input_status status = input_file_read(path, &text, &length);
    if (status != INPUT_OK) {
        /* SPEC §7.3 and §7.5: a missing or unreadable file is an I/O error (exit 3); one
         * that is not a regular file or is too large is invalid input. */
        if (status == INPUT_CANNOT_READ)
            diag_io_error(diags, key->file, key->line, PATH, "cannot read the ledger %s: %s",
                          path, strerror(errno));
        else
            diag_error(diags, key->file, key->line, PATH, "the ledger %s: %s", path,
                       input_status_message(status));
        free(path);
        free(accounts);
        return ld.errors + 1;
    }
    s->has_ledger = true;
    s->has_actual = true;
    s->ledger_monthly = xcalloc((size_t)s->n_months, sizeof *s->ledger_monthly);
    ld.sums = xcalloc((size_t)s->n_years * CAT_COUNT, sizeof *ld.sums);
    ld.first = xcalloc((size_t)s->n_years * CAT_COUNT, sizeof *ld.first);
    for (int m = 0; m < s->n_months; m++)
        mpq_init(s->ledger_monthly[m]);
    for (size_t i = 0; i < (size_t)s->n_years * CAT_COUNT; i++)
        mpq_init(ld.sums[i]);

    size_t valid = input_utf8_valid_prefix((const unsigned char *)text, length);
    static const csv_callbacks callbacks = { on_record, on_parse_error };
    if (valid < length) {
        int line, column;
        csv_position(text, valid, &line, &column);
        diag_error_at(diags, path, line, column, PATH,
                      "byte 0x%02X is not UTF-8 text: save the file as \"CSV UTF-8\"",
                      (unsigned char)text[valid]);
        ld.errors++;
    } else if (!csv_parse_records(text, length, &callbacks, &ld)) {
        diag_error_at(diags, path, 1, 1, PATH,
                      "the file is empty: it needs a header row month;category;amount");
        ld.errors++;
    } else {
        merge_sums(&ld, actual_sec);
    }
    add_source(s, path, text, length);

    for (size_t i = 0; i < (size_t)s->n_years * CAT_COUNT; i++)
        mpq_clear(ld.sums[i]);
    free(ld.sums);
    free(ld.first);
    free(accounts);
    free(path);
    return ld.errors;
}
