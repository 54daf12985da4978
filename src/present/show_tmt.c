/* show_tmt — `tkk show`: the TMT table of SPEC §7.6 on the terminal. */
#include "show_tmt.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "common.h"
#include "number_format.h"
#include "text_table.h"

typedef struct {
    const char *fi, *en;
} show_label;

static const show_label
    TITLE = {"TMT-maksut (työmarkkinatuen kuntaosuus)", "TMT payments (labour market subsidy)"},
    AREA_TOTAL = {"Alue yhteensä", "Area total"},
    BASELINE = {"vertailuvuosi", "baseline"},
    NET_PERIOD = {"Nettovaikutus TMT-maksut huomioiden", "Net effect with TMT payments"},
    YES = {"kyllä", "yes"},
    NO = {"ei", "no"};

static const show_label HEADERS[] = {
    {"Alue", "Area"}, {"Vuosi", "Year"}, {"Kk", "Months"}, {"Arvio", "Estimate"},
    {"Tavoite", "Target"}, {"Toteuma", "Actual"}, {"Toteuma - Arvio", "Actual - Estimate"},
    {"Saavutettu", "Met"}, {"Henkilöitä", "Persons"}, {"Per henkilö", "Per person"},
    {"Vuositasolla", "Annualised"}, {"Muutos", "Change"}, {"Nettovaikutus", "Net effect"},
};
enum { N_COLUMNS = sizeof HEADERS / sizeof HEADERS[0] };

static const char *word(const show_label *l, language lang)
{
    return lang == LANG_EN ? l->en : l->fi;
}

/* The cells of one row are freshly allocated (NULL: blank); cells_free frees them. */
static char *money_or_blank(bool has, const mpq_t value, language lang)
{
    return has ? money_format(value, lang) : NULL;
}

static char *integer_text(long value)
{
    return xasprintf("%ld", value);
}

static void add_row(text_table *t, const tmt_area_result *area, const tmt_row *row,
                    language lang)
{
    char *cells[N_COLUMNS] = {0};
    const char *area_label = area->label ? area->label : word(&AREA_TOTAL, lang);
    if (area->has_baseline && area->baseline == row->year)
        cells[0] = xasprintf("%s (%s)", area_label, word(&BASELINE, lang));
    else
        cells[0] = xstrdup(area_label);
    cells[1] = integer_text(row->year);
    cells[2] = integer_text(row->months);
    cells[3] = money_or_blank(row->has[TMT_ESTIMATE], row->value[TMT_ESTIMATE], lang);
    cells[4] = money_or_blank(row->has[TMT_TARGET], row->value[TMT_TARGET], lang);
    cells[5] = money_or_blank(row->has[TMT_ACTUAL], row->value[TMT_ACTUAL], lang);
    cells[6] = money_or_blank(row->has_difference, row->difference, lang);
    if (row->has_met)
        cells[7] = xstrdup(word(row->met ? &YES : &NO, lang));
    if (row->has[TMT_PERSONS])
        cells[8] = decimal_format(row->value[TMT_PERSONS], 0, lang);
    cells[9] = money_or_blank(row->has_per_person, row->per_person, lang);
    cells[10] = money_or_blank(row->has_annualised, row->annualised, lang);
    cells[11] = money_or_blank(row->has_change, row->change, lang);
    cells[12] = money_or_blank(row->has_net_effect, row->net_effect, lang);
    text_table_add(t, (const char *const *)cells);
    for (int c = 0; c < N_COLUMNS; c++)
        free(cells[c]);
}

void show_tmt(const results *r, language lang, FILE *out)
{
    const tmt_result *tmt = &r->tmt;
    size_t n_rows = 0;
    for (size_t a = 0; a < tmt->n_areas; a++)
        n_rows += tmt->areas[a].n_rows;
    if (n_rows == 0)
        return;   /* [tmt] with a label only: nothing to show, as the workbook has no sheet */
    fprintf(out, "\n%s\n", word(&TITLE, lang));
    text_table *t = text_table_new(N_COLUMNS);
    text_table_align(t, "lrrrrrrlrrrrr");
    const char *header[N_COLUMNS];
    for (int c = 0; c < N_COLUMNS; c++)
        header[c] = word(&HEADERS[c], lang);
    text_table_add(t, header);
    for (size_t a = 0; a < tmt->n_areas; a++)
        for (size_t i = 0; i < tmt->areas[a].n_rows; i++)
            add_row(t, &tmt->areas[a], &tmt->areas[a].rows[i], lang);
    text_table_print(t, out);
    text_table_free(t);
    if (tmt->has_net_effect) {
        char *net = money_format(tmt->net_effect, lang);
        if (tmt->net_first_year == tmt->net_last_year)
            fprintf(out, "%s %d: %s\n", word(&NET_PERIOD, lang), tmt->net_first_year, net);
        else
            fprintf(out, "%s %d–%d: %s\n", word(&NET_PERIOD, lang), tmt->net_first_year,
                    tmt->net_last_year, net);
        free(net);
    }
}
