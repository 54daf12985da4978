/*
 * bench_raw_xlsx — the peer of `tkk run` on a large bonus round (issue 13): raw
 * libxlsxwriter in constant_memory mode writing the cells tkk's workbook holds for the
 * round, with no computation, so `tkk run` ÷ this is what tkk adds to writing.
 *
 *     ./build/bench/bench_raw_xlsx PROJECTS.csv OUT.xlsx    # prints "SECONDS"
 *     ./build/bench/bench_raw_xlsx                          # 10 000 made-up rows
 *
 * Like for like with tkk's big-round workbook (src/present/sheets/workbook_bonus.c), per
 * project of a projects CSV (tests/bench/gen_projects.py: three indicators, max, share
 * and rank, grant-rate with a cap and min_score) a Bonus row of the same 17 cells with
 * the same number formats: id and name as text, the grant, each indicator's value; the
 * normalised values as tkk writes them — `IF($G$15=0,0,D18/$G$15)` for a max or share
 * indicator (every one but the last here), a value for the rank one (the last) —; Score
 * `SUMPRODUCT($G$16:$I$16,G18:I18)`; Eligible and Reason as text; Basis `$C$6*C18*J18`,
 * Cap `$C$7*C18`; Exact and Bonus as values; Bonus % of grant `P18/C18`. Every formula is
 * a string built per row with snprintf and written with its cached value, as tkk does.
 * The Inputs sheet: above tkk's big-round threshold (WORKBOOK_BIG_ROUND_PROJECTS,
 * workbook_limits.h) the CSV's name, line count and a SHA-256 line, as tkk writes then
 * (the digest itself is tkk's work, not the peer's: a fixed text here); at or below it
 * every CSV line, as tkk writes then.
 *
 * The numbers written are the CSV's (decimal commas read as points) and made-up
 * multiples of them: a benchmark's cells, not tkk's arithmetic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "raw_rows.h"
#include "workbook_limits.h"

/* The formats tkk gives these cells (locale-pinned number codes). */
typedef struct {
    lxw_format *money, *general, *ratio, *percent, *exact, *word;
} formats;

static lxw_format *number_format(lxw_workbook *wb, const char *code)
{
    lxw_format *f = workbook_add_format(wb);
    char pinned[160];
    snprintf(pinned, sizeof pinned, "[$-40B]%s", code);
    format_set_num_format(f, pinned);
    return f;
}

/* The rows above the table in tkk's Bonus sheet: title, note, parameters (pool in C4,
 * rate C6, cap C7), indicator denominators in row 15 and weights in row 16, the header
 * in row 17; data from row 18 (1-based), i.e. row index 17. */
enum { FIRST_DATA_ROW = 17 };

static void row_cells(lxw_worksheet *bonus, const formats *f, lxw_row_t row, char **fields,
                      int n_fields)
{
    char formula[160], cell[16], grant_cell[16], score_cell[16], first[16], last[16];
    worksheet_write_string(bonus, row, 0, fields[0], NULL);
    worksheet_write_string(bonus, row, 1, n_fields > 1 ? fields[1] : "", NULL);
    double grant = n_fields > 2 ? number(fields[2]) : 0;
    worksheet_write_number(bonus, row, 2, grant, f->money);
    int k = n_fields > 3 ? n_fields - 3 : 0;
    double score = 0;
    for (int i = 0; i < k; i++) {
        double v = number(fields[3 + i]);
        lxw_col_t raw = (lxw_col_t)(3 + i), norm = (lxw_col_t)(3 + k + i);
        worksheet_write_number(bonus, row, raw, v, f->general);
        if (i + 1 < k) {
            char den[16];
            lxw_rowcol_to_cell(cell, row, raw);
            lxw_rowcol_to_cell_abs(den, 14, norm, 1, 1);
            snprintf(formula, sizeof formula, "=IF(%s=0,0,%s/%s)", den, cell, den);
            worksheet_write_formula_num(bonus, row, norm, formula, f->ratio, v / 2);
        } else {
            worksheet_write_number(bonus, row, norm, v / 2, f->ratio);
        }
        score += v / 6;
    }
    lxw_col_t col = (lxw_col_t)(3 + 2 * k);
    char w_first[16], w_last[16];
    lxw_rowcol_to_cell_abs(w_first, 15, (lxw_col_t)(3 + k), 1, 1);
    lxw_rowcol_to_cell_abs(w_last, 15, (lxw_col_t)(3 + 2 * k - 1), 1, 1);
    lxw_rowcol_to_cell(first, row, (lxw_col_t)(3 + k));
    lxw_rowcol_to_cell(last, row, (lxw_col_t)(3 + 2 * k - 1));
    snprintf(formula, sizeof formula, "=SUMPRODUCT(%s:%s,%s:%s)", w_first, w_last, first, last);
    worksheet_write_formula_num(bonus, row, col, formula, f->ratio, score);
    lxw_rowcol_to_cell(score_cell, row, col);
    lxw_rowcol_to_cell(grant_cell, row, 2);
    col++;
    int eligible = score > 0.3;
    worksheet_write_string(bonus, row, col++, eligible ? "kyllä" : "ei", f->word);
    if (!eligible)
        worksheet_write_string(bonus, row, col, "alle vähimmäispisteiden", f->word);
    col++;
    snprintf(formula, sizeof formula, "=$C$6*%s*%s", grant_cell, score_cell);
    worksheet_write_formula_num(bonus, row, col++, formula, f->exact, grant * score * 0.15);
    snprintf(formula, sizeof formula, "=$C$7*%s", grant_cell);
    worksheet_write_formula_num(bonus, row, col++, formula, f->money, grant * 0.2);
    worksheet_write_number(bonus, row, col++, grant * score * 0.01, f->exact);
    lxw_rowcol_to_cell(cell, row, col);
    worksheet_write_number(bonus, row, col++, 500, f->money);
    if (grant != 0) {
        snprintf(formula, sizeof formula, "=%s/%s", cell, grant_cell);
        worksheet_write_formula_num(bonus, row, col, formula, f->percent, 500 / grant);
    }
}

/* The whole file in memory, as tkk reads it. */
static char *slurp(const char *path, size_t *length)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return NULL;
    fseek(in, 0, SEEK_END);
    long size = ftell(in);
    rewind(in);
    char *text = malloc((size_t)size + 1);
    if (!text || fread(text, 1, (size_t)size, in) != (size_t)size) {
        fclose(in);
        free(text);
        return NULL;
    }
    fclose(in);
    text[size] = '\0';
    *length = (size_t)size;
    return text;
}

int main(int argc, char **argv)
{
    const char *csv = argc > 2 ? argv[1] : NULL;
    const char *out = argc > 2 ? argv[2] : "bench_raw_xlsx.xlsx";
    double start = seconds();
    size_t length = 0;
    char *text = NULL;
    if (csv && !(text = slurp(csv, &length))) {
        perror(csv);
        return 3;
    }
    size_t lines = 0;
    for (const char *p = text; p && (p = memchr(p, '\n', length - (size_t)(p - text))); p++)
        lines++;
    int summary = csv && lines > 1 && lines - 1 > workbook_big_round_threshold();

    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(out, &options);
    if (!wb)
        return 3;
    formats f = {
        .money = number_format(wb, "#,##0.00 \"€\""), .general = number_format(wb, "General"),
        .ratio = number_format(wb, "0.0000"), .percent = number_format(wb, "0.00 %"),
        .exact = number_format(wb, "#,##0.00######## \"€\""), .word = workbook_add_format(wb),
    };
    format_set_indent(f.word, 1);
    lxw_worksheet *bonus = workbook_add_worksheet(wb, "Bonus");
    lxw_worksheet *inputs = workbook_add_worksheet(wb, "Inputs");
    char line[4096], copy[4096];
    char *fields[32];
    lxw_row_t row = FIRST_DATA_ROW, input_row = 0;
    unsigned long made_up = 0;
    const char *next = text;
    int header = 1;
    for (;;) {
        if (text) {
            if (next >= text + length)
                break;
            const char *nl = memchr(next, '\n', (size_t)(text + length - next));
            size_t n = nl ? (size_t)(nl - next) : (size_t)(text + length - next);
            if (n >= sizeof line)
                n = sizeof line - 1;
            memcpy(line, next, n);
            line[n] = '\0';
            line[strcspn(line, "\r")] = '\0';
            next = nl ? nl + 1 : text + length;
            if (!summary)
                worksheet_write_string(inputs, input_row++, 1, line, NULL);
        } else {
            if (made_up == 10000)
                break;
            snprintf(line, sizeof line, "p%06lu;Hanke %lu;%lu;%lu,%lu %%;%lu,%lu %%;%lu", made_up + 1,
                     made_up + 1, 100000 + made_up * 37 % 1000000, made_up % 50, made_up % 10,
                     made_up % 30, made_up % 7, made_up % 60);
            made_up++;
        }
        memcpy(copy, line, sizeof line);
        int n = 0;
        for (char *p = copy, *fld = copy; n < 32; p++)
            if (*p == ';' || *p == '\0') {
                int end = *p == '\0';
                *p = '\0';
                fields[n++] = fld;
                fld = p + 1;
                if (end)
                    break;
            }
        if (text && header) {   /* the CSV's header: tkk's header row has as many texts */
            for (int i = 0; i < n; i++)
                worksheet_write_string(bonus, FIRST_DATA_ROW - 1, (lxw_col_t)i, fields[i], NULL);
            header = 0;
            continue;
        }
        row_cells(bonus, &f, row++, fields, n);
    }
    if (summary) {
        char text_line[160];
        worksheet_write_string(inputs, 0, 0, csv, NULL);
        snprintf(text_line, sizeof text_line, "Rivejä: %zu", lines);
        worksheet_write_string(inputs, 1, 1, text_line, NULL);
        worksheet_write_string(inputs, 2, 1, "SHA-256: "
                               "0000000000000000000000000000000000000000000000000000000000000000",
                               NULL);
        worksheet_write_string(inputs, 3, 1, "Rivejä ei kopioida tähän.", NULL);
    }
    free(text);
    lxw_error err = workbook_close(wb);
    double elapsed = seconds() - start;
    if (err != LXW_NO_ERROR) {
        fprintf(stderr, "bench_raw_xlsx: %s\n", lxw_strerror(err));
        return 3;
    }
    if (csv)
        printf("%.3f\n", elapsed);
    else {
        printf("raw libxlsxwriter, constant_memory, 10000 made-up rows: %.3f s\n", elapsed);
        remove(out);
    }
    return 0;
}
