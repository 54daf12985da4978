/*
 * compare_show — `tkk compare --show` (SPEC §7.2): the Comparison table on the terminal,
 * the same rows and columns as the workbook's (Key, Metric, Year, one column per
 * scenario, then Δ and Δ% against the first), blank where the workbook is blank.
 */
#include "compare.h"
#include "vocab.h"

#include <stdlib.h>

#include "alloc.h"
#include "number_format.h"
#include "text_table.h"

/* A value of a metric as text (allocated). */
static char *value_text(const mpq_t value, compare_unit unit, language lang)
{
    switch (unit) {
    case COMPARE_MONEY: return money_format(value, lang);
    case COMPARE_FTE:
    case COMPARE_CASELOAD: return amount_format(value, 2, lang);
    case COMPARE_COUNT: return decimal_format(value, 0, lang);
    }
    return NULL;
}

void compare_show(FILE *out, const compare_table *t, const scenario *const *s, language lang)
{
    size_t n = t->n_scenarios, columns = 3 + n + 2 * (n - 1);
    char **cells = xcalloc(columns, sizeof *cells);
    text_table *table = text_table_new(columns);
    for (size_t i = 0; i < n; i++) {
        char start[8], end[8];
        month_format(s[i]->start, start);
        month_format(s[i]->end, end);
        fprintf(out, "%s: %s · %s – %s\n", s[i]->id, s[i]->name ? s[i]->name : "", start, end);
    }
    if (t->pilot_year)
        fprintf(out, "%s\n", lang == LANG_EN ? "Year is the pilot's own year: 1 = the year it started."
                                             : "Vuosi on kokeilun oma vuosi: 1 = aloitusvuosi.");
    fputc('\n', out);

    /* Header: Key, Metric, Year, ids, Δ id, Δ% id. */
    cells[0] = xstrdup("Key");
    cells[1] = xstrdup(lang == LANG_EN ? "Metric" : "Mittari");
    cells[2] = xstrdup(lang == LANG_EN ? "Year" : "Vuosi");
    for (size_t i = 0; i < n; i++)
        cells[3 + i] = xstrdup(s[i]->id);
    for (size_t i = 1; i < n; i++) {
        cells[3 + n + 2 * (i - 1)] = xasprintf("Δ %s", s[i]->id);
        cells[3 + n + 2 * (i - 1) + 1] = xasprintf("Δ%% %s", s[i]->id);
    }
    text_table_add(table, (const char *const *)cells);

    mpq_t delta, ratio;
    mpq_inits(delta, ratio, NULL);
    for (size_t k = 0; k < t->n_rows; k++) {
        const compare_row *row = &t->rows[k];
        for (size_t c = 0; c < columns; c++) {
            free(cells[c]);
            cells[c] = NULL;
        }
        cells[0] = xstrdup(row->metric);
        cells[1] = xstrdup(vocab_metric(row->metric, lang));
        if (row->year == 0)
            cells[2] = xstrdup(lang == LANG_EN ? "total" : "yhteensä");
        else
            cells[2] = xasprintf("%d", row->year);
        for (size_t i = 0; i < n; i++)
            if (row->has[i])
                cells[3 + i] = value_text(row->value[i], row->unit, lang);
        /* Δ blank where either value is; Δ% also where the first is 0 (as the workbook). */
        for (size_t i = 1; i < n; i++) {
            if (!row->has[0] || !row->has[i])
                continue;
            mpq_sub(delta, row->value[i], row->value[0]);
            cells[3 + n + 2 * (i - 1)] = value_text(delta, row->unit, lang);
            if (mpq_sgn(row->value[0]) != 0) {
                mpq_div(ratio, delta, row->value[0]);
                cells[3 + n + 2 * (i - 1) + 1] = percent_format(ratio, 2, lang);
            }
        }
        text_table_add(table, (const char *const *)cells);
    }
    mpq_clears(delta, ratio, NULL);
    char alignment[256] = "lll";
    for (size_t c = 3; c < columns && c < sizeof alignment - 1; c++)
        alignment[c] = 'r';
    alignment[columns < sizeof alignment - 1 ? columns : sizeof alignment - 1] = '\0';
    text_table_align(table, alignment);
    text_table_print(table, out);
    text_table_free(table);
    for (size_t c = 0; c < columns; c++)
        free(cells[c]);
    free(cells);
}
