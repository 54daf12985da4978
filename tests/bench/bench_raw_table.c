/*
 * bench_raw_table — the honest floor of `tkk run` on a bonus round below the
 * constant-memory threshold (issue 13): raw libxlsxwriter in its NORMAL mode (every cell
 * kept in memory, shared strings), since a sheet with an Excel table cannot be written
 * in constant_memory mode and tkk's workbooks must stay byte-identical. Per project of a
 * projects CSV (tests/bench/gen_projects.py) it writes the Bonus row tkk writes — id and
 * name (strings), grant, the three indicator values (numbers), two normalised values as
 * formulas IF($G$15=0,0,D18/$G$15) with a cached number and one as a number, the score
 * SUMPRODUCT formula, eligible and (when not) the reason (strings), basis and cap
 * formulas, exact and bonus (numbers), the share-of-grant formula — under an Excel table
 * over the rows, and the Inputs row (line number and the CSV line as a string). Formula
 * texts are built with a few memcpy, not printf, so the figure is libxlsxwriter's alone.
 *
 *     ./build/bench/bench_raw_table PROJECTS.csv OUT.xlsx    # prints "SECONDS"
 *     ./build/bench/bench_raw_table                          # 10 000 made-up rows
 *
 * The numbers are the CSV's and made-up multiples of them: a benchmark's cells, not
 * tkk's arithmetic. tests/bench/bench_run.sh prints tkk ÷ this beside tkk's figures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "raw_rows.h"

enum { FIRST_ROW = 17, COLUMNS = 17 };   /* the table's header row (0-based), A..Q */

/* A formula text from pieces: text, then a 1-based row number, then text, ... */
typedef struct {
    char text[160];
    size_t n;
} formula;

static formula *put(formula *f, const char *s)
{
    size_t k = strlen(s);
    memcpy(f->text + f->n, s, k + 1);
    f->n += k;
    return f;
}

static formula *put_row(formula *f, lxw_row_t row)
{
    char digits[12];
    size_t k = 0;
    unsigned long v = (unsigned long)row + 1;
    do
        digits[k++] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    while (k > 0)
        f->text[f->n++] = digits[--k];
    f->text[f->n] = '\0';
    return f;
}

typedef struct {
    lxw_worksheet *bonus, *inputs;
    lxw_format *money, *ratio, *general, *exact, *share, *word, *line_number;
} sheets;

static void row_cells(const sheets *sh, lxw_row_t index, const char *line, char **fields,
                      int n_fields)
{
    lxw_row_t row = FIRST_ROW + 1 + index;
    worksheet_write_number(sh->inputs, index + 4, 0, (double)index + 1, sh->line_number);
    worksheet_write_string(sh->inputs, index + 4, 1, line, NULL);

    lxw_worksheet *ws = sh->bonus;
    worksheet_write_string(ws, row, 0, fields[0], NULL);
    worksheet_write_string(ws, row, 1, n_fields > 1 ? fields[1] : "", NULL);
    double grant = n_fields > 2 ? number(fields[2]) : 0;
    worksheet_write_number(ws, row, 2, grant, sh->money);
    double v[3] = {0, 0, 0};
    for (int k = 0; k < 3; k++) {
        v[k] = n_fields > 3 + k ? number(fields[3 + k]) : 0;
        worksheet_write_number(ws, row, (lxw_col_t)(3 + k), v[k], sh->general);
    }
    formula f = {.n = 0};
    put(put_row(put(&f, "IF($G$15=0,0,D"), row), "/$G$15)");
    worksheet_write_formula_num(ws, row, 6, f.text, sh->ratio, v[0] * 2);
    f.n = 0;
    put(put_row(put(&f, "IF($H$15=0,0,E"), row), "/$H$15)");
    worksheet_write_formula_num(ws, row, 7, f.text, sh->ratio, v[1] / 2000);
    worksheet_write_number(ws, row, 8, v[2] / 60, sh->ratio);
    f.n = 0;
    put(put_row(put(put_row(put(&f, "SUMPRODUCT($G$16:$I$16,G"), row), ":I"), row), ")");
    double score = 0.6 * v[0] * 2 + 0.3 * v[1] / 2000 + 0.1 * v[2] / 60;
    worksheet_write_formula_num(ws, row, 9, f.text, sh->ratio, score);
    int eligible = score >= 0.3;
    worksheet_write_string(ws, row, 10, eligible ? "kyllä" : "ei", sh->word);
    if (!eligible)
        worksheet_write_string(ws, row, 11, "pistemäärä alle vähimmäisen", sh->word);
    f.n = 0;
    put_row(put(put_row(put(&f, "$C$6*C"), row), "*J"), row);
    worksheet_write_formula_num(ws, row, 12, f.text, sh->exact, 0.15 * grant * score);
    f.n = 0;
    put_row(put(&f, "$C$7*C"), row);
    worksheet_write_formula_num(ws, row, 13, f.text, sh->money, 0.2 * grant);
    worksheet_write_number(ws, row, 14, eligible ? 0.001 * grant * score : 0, sh->exact);
    double bonus = eligible ? 500 : 0;
    worksheet_write_number(ws, row, 15, bonus, sh->money);
    f.n = 0;
    put_row(put(put_row(put(&f, "P"), row), "/C"), row);
    worksheet_write_formula_num(ws, row, 16, f.text, sh->share, grant > 0 ? bonus / grant : 0);
}

static lxw_format *format(lxw_workbook *wb, const char *code)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_num_format(f, code);
    return f;
}

int main(int argc, char **argv)
{
    const char *csv = argc > 2 ? argv[1] : NULL;
    const char *out = argc > 2 ? argv[2] : "bench_raw_table.xlsx";
    FILE *in = csv ? fopen(csv, "r") : NULL;
    if (csv && !in) {
        perror(csv);
        return 3;
    }
    double start = seconds();
    lxw_workbook_options options = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(out, &options);
    if (!wb)
        return 3;
    sheets sh = {
        .bonus = workbook_add_worksheet(wb, "Bonus"),
        .inputs = workbook_add_worksheet(wb, "Inputs"),
        .money = format(wb, "#,##0.00 \"€\""), .ratio = format(wb, "0.0000"),
        .general = format(wb, "General"), .exact = format(wb, "#,##0.000000"),
        .share = format(wb, "0.00 %"), .word = workbook_add_format(wb),
        .line_number = format(wb, "0"),
    };
    format_set_align(sh.word, LXW_ALIGN_LEFT);
    char line[4096], copy[4096];
    char *fields[32];
    lxw_row_t rows = 0;
    unsigned long made_up = 0;
    bool header = in != NULL;
    while (raw_next_line(in, line, sizeof line, &made_up)) {
        if (header) {
            header = false;   /* the CSV's header line */
            continue;
        }
        int n = raw_split(line, copy, fields, 32);
        row_cells(&sh, rows++, line, fields, n);
    }
    if (in)
        fclose(in);
    if (rows > 0) {
        /* The table over the header row and the project rows, as tkk's Bonus table. */
        static const char *const names[COLUMNS] = {
            "Hanke", "Nimi", "Avustus", "activation", "transitions", "wage_subsidy",
            "activation (norm.)", "transitions (norm.)", "wage_subsidy (norm.)", "Pisteet",
            "Kelpoinen", "Syy", "Peruste", "Katto", "Tarkka", "Bonus", "Bonus % avustuksesta",
        };
        lxw_table_column columns[COLUMNS], *pointers[COLUMNS + 1];
        for (int c = 0; c < COLUMNS; c++) {
            columns[c] = (lxw_table_column){.header = (char *)names[c]};
            pointers[c] = &columns[c];
        }
        pointers[COLUMNS] = NULL;
        lxw_table_options table = {.name = (char *)"Bonus", .columns = pointers};
        worksheet_add_table(sh.bonus, FIRST_ROW, 0, FIRST_ROW + rows, COLUMNS - 1, &table);
    }
    lxw_error err = workbook_close(wb);
    double elapsed = seconds() - start;
    if (err != LXW_NO_ERROR) {
        fprintf(stderr, "bench_raw_table: %s\n", lxw_strerror(err));
        return 3;
    }
    if (csv)
        printf("%.3f\n", elapsed);
    else {
        printf("raw libxlsxwriter, normal mode with a table, 10000 made-up rows: %.3f s\n",
               elapsed);
        remove(out);
    }
    return 0;
}
