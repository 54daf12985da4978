/*
 * bench_raw_xlsx — the peer of `tkk run` on a large bonus round (issue 13): raw
 * libxlsxwriter in constant_memory mode writing the cells tkk's workbook holds for the
 * round — per project of a projects CSV (tests/bench/gen_projects.py) a Bonus row of 17
 * cells (id, name, grant, each indicator's value and normalised value, score, eligible,
 * reason, basis, cap, exact, bonus, bonus % of grant) and an Inputs row with the CSV
 * line — with no computation, so `tkk run` ÷ this is what tkk adds to writing.
 *
 *     ./build/bench/bench_raw_xlsx PROJECTS.csv OUT.xlsx    # prints "SECONDS"
 *     ./build/bench/bench_raw_xlsx                          # 10 000 made-up rows
 *
 * The numbers written are the CSV's (decimal commas read as points) and made-up
 * multiples of them: a benchmark's cells, not tkk's arithmetic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* "21,8 %" → 0.218; "1071300" → 1071300. */
static double number(const char *text)
{
    char buf[64];
    size_t o = 0;
    int percent = 0;
    for (const char *p = text; *p && o + 1 < sizeof buf; p++) {
        if (*p == ',')
            buf[o++] = '.';
        else if (*p == '%')
            percent = 1;
        else if (*p != ' ')
            buf[o++] = *p;
    }
    buf[o] = '\0';
    double v = strtod(buf, NULL);
    return percent ? v / 100 : v;
}

static void row_cells(lxw_worksheet *bonus, lxw_worksheet *inputs, lxw_row_t row,
                      const char *line, char **fields, int n_fields)
{
    worksheet_write_string(inputs, row, 0, line, NULL);
    worksheet_write_string(bonus, row, 0, fields[0], NULL);
    worksheet_write_string(bonus, row, 1, n_fields > 1 ? fields[1] : "", NULL);
    double grant = n_fields > 2 ? number(fields[2]) : 0;
    worksheet_write_number(bonus, row, 2, grant, NULL);
    lxw_col_t col = 3;
    double score = 0;
    for (int k = 3; k < n_fields; k++) {
        double v = number(fields[k]);
        worksheet_write_number(bonus, row, col++, v, NULL);
        worksheet_write_number(bonus, row, col++, v / 2, NULL);
        score += v / 6;
    }
    worksheet_write_number(bonus, row, col++, score, NULL);
    worksheet_write_string(bonus, row, col++, score > 0.3 ? "yes" : "no", NULL);
    worksheet_write_string(bonus, row, col++, score > 0.3 ? "" : "below min_score", NULL);
    worksheet_write_number(bonus, row, col++, grant * score * 0.15, NULL);
    worksheet_write_number(bonus, row, col++, grant * 0.2, NULL);
    worksheet_write_number(bonus, row, col++, grant * score * 0.01, NULL);
    worksheet_write_number(bonus, row, col++, 500, NULL);
    worksheet_write_number(bonus, row, col++, grant > 0 ? 500 / grant : 0, NULL);
}

int main(int argc, char **argv)
{
    const char *csv = argc > 2 ? argv[1] : NULL;
    const char *out = argc > 2 ? argv[2] : "bench_raw_xlsx.xlsx";
    FILE *in = csv ? fopen(csv, "r") : NULL;
    if (csv && !in) {
        perror(csv);
        return 3;
    }
    double start = seconds();
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(out, &options);
    if (!wb)
        return 3;
    lxw_worksheet *bonus = workbook_add_worksheet(wb, "Bonus");
    lxw_worksheet *inputs = workbook_add_worksheet(wb, "Inputs");
    char line[4096], copy[4096];
    char *fields[32];
    lxw_row_t row = 0;
    unsigned long made_up = 0;
    for (;;) {
        if (in) {
            if (!fgets(line, sizeof line, in))
                break;
            line[strcspn(line, "\r\n")] = '\0';
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
        for (char *p = copy, *f = copy; n < 32; p++)
            if (*p == ';' || *p == '\0') {
                int end = *p == '\0';
                *p = '\0';
                fields[n++] = f;
                f = p + 1;
                if (end)
                    break;
            }
        row_cells(bonus, inputs, row++, line, fields, n);
    }
    if (in)
        fclose(in);
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
