/*
 * compare_workbook — writes the `tkk compare` workbook of SPEC §6 from a compare_table:
 * the `Comparison` table (values per scenario, Δ and Δ% formulas against the first
 * scenario), a clustered column chart, and the `InputDiff` table. Print-ready like the
 * scenario workbooks, written atomically, byte-identical for the same inputs.
 *
 * Everything but the layout comes from the output layer (xlsx_out.h): the atomic
 * write, the formats, the properties and the cell helpers.
 */
#include "compare.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "common.h"
#include "alloc.h"
#include "xlsx_out.h"
#include "vocab.h"
#include "workbook_internal.h"

/* ---- Labels --------------------------------------------------------------------------- */

typedef enum {
    CL_SHEET_COMPARISON, CL_SHEET_INPUTS, CL_TITLE, CL_INPUTS_TITLE, CL_INPUTS_NOTE,
    CL_NOTE, CL_KEY, CL_METRIC, CL_YEAR, CL_PATH, CL_CHART_TITLE, CL_PILOT_NOTE,
    CL_COUNT
} compare_label;

static const char *const labels[CL_COUNT][2] = {
    /*                      fi                                 en */
    [CL_SHEET_COMPARISON] = {"Vertailu", "Comparison"},
    [CL_SHEET_INPUTS] = {"Lähtötietoerot", "Input differences"},
    [CL_TITLE] = {"Skenaarioiden vertailu", "Scenario comparison"},
    [CL_INPUTS_TITLE] = {"Lähtötiedot, jotka eroavat skenaarioiden välillä",
                         "Inputs that differ between the scenarios"},
    [CL_INPUTS_NOTE] = {"Arvot sellaisinaan, kun extends ja --set on otettu huomioon; tyhjä: "
                        "avainta ei ole annettu.",
                        "Values as written, after extends and --set; blank: the key is not "
                        "given."},
    [CL_NOTE] = {"Δ ja Δ%% verrattuna skenaarioon %s. HTV: vuoden viimeisen kuukauden "
                 "henkilötyövuodet (yhteensä-rivillä ajanjakson viimeinen kuukausi); asiakkaita "
                 "per omavalmentaja samana kuukautena. Kunkin skenaarion yhteensä-rivi kattaa "
                 "sen oman ajanjakson.",
                 "Δ and Δ%% against the scenario %s. FTE: in the last month of the year "
                 "(total: the period's last month); caseload in that same month. Each "
                 "scenario's total covers its own period."},
    [CL_KEY] = {"Key", "Key"},   /* §7.1: a machine key by design, in both languages */
    [CL_METRIC] = {"Mittari", "Metric"},
    [CL_PILOT_NOTE] = {"Vuosi on kokeilun oma vuosi: 1 = aloitusvuosi.",
                       "Year is the pilot's own year: 1 = the year it started."},
    [CL_YEAR] = {"Vuosi", "Year"},
    [CL_PATH] = {"Polku", "Path"},
    [CL_CHART_TITLE] = {"Kokonaiskustannus ja kunnan nettokustannus koko ajanjaksolta",
                        "Total cost and municipal net cost for the whole period"},
};

static const char *label(const xlsx_out *out, compare_label l)
{
    return labels[l][out->lang == LANG_EN ? 1 : 0];
}

/* ---- Layout ---------------------------------------------------------------------------- */

/* SPEC §7.2: Key (the stable metric code) before Metric (its label in the language). */
enum { COL_KEY, COL_METRIC, COL_YEAR, COL_FIRST_VALUE };

/* Column of scenario i's value, of its Δ and of its Δ% (i ≥ 1). */
static lxw_col_t value_col(size_t i)
{
    return (lxw_col_t)(COL_FIRST_VALUE + i);
}

static lxw_col_t delta_col(size_t n, size_t i)
{
    return (lxw_col_t)(COL_FIRST_VALUE + n + 2 * (i - 1));
}

/* Title in row 0, one line per scenario, a note, a blank row, then the header. */
static lxw_row_t header_row(size_t n)
{
    return (lxw_row_t)(n + 3);
}

/* The shared formats; the Comparison and InputDiff sheets use title, wrap, money,
 * number, integer and percent. */
typedef xlsx_formats compare_formats;

static lxw_format *unit_format(const compare_formats *f, compare_unit unit)
{
    switch (unit) {
    case COMPARE_MONEY: return f->money;
    case COMPARE_FTE:
    case COMPARE_CASELOAD: return f->number;
    case COMPARE_COUNT: return f->integer;
    }
    return NULL;
}

/* ---- The Comparison sheet ---------------------------------------------------------------- */

/* "id: name · 2021-03 – 2021-12" for scenario i. */
static int scenario_line(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, const scenario *s)
{
    char start[8], end[8];
    month_format(s->start, start);
    month_format(s->end, end);
    char *line = xasprintf("%s: %s · %s – %s", s->id, s->name ? s->name : "", start, end);
    int rc = xlsx_string(out, ws, row, 0, line, NULL);
    free(line);
    return rc;
}

/* The headers of the Comparison table: Metric, Year, ids, then Δ id and Δ% id. */
static char **comparison_headers(xlsx_out *out, const scenario *const *s, size_t n,
                                 size_t *n_headers)
{
    size_t count = COL_FIRST_VALUE + n + 2 * (n - 1);
    char **headers = xcalloc(count, sizeof *headers);
    *n_headers = count;
    headers[COL_KEY] = xstrdup(label(out, CL_KEY));
    headers[COL_METRIC] = xstrdup(label(out, CL_METRIC));
    headers[COL_YEAR] = xstrdup(label(out, CL_YEAR));
    for (size_t i = 0; i < n; i++)
        headers[value_col(i)] = xstrdup(s[i]->id);
    for (size_t i = 1; i < n; i++) {
        headers[delta_col(n, i)] = xasprintf("Δ %s", s[i]->id);
        headers[delta_col(n, i) + 1] = xasprintf("Δ%% %s", s[i]->id);
    }
    return headers;
}

static void headers_free(char **headers, size_t n)
{
    if (!headers)
        return;
    for (size_t i = 0; i < n; i++)
        free(headers[i]);
    free(headers);
}

/* Δ = this − first and Δ% = (this − first) ÷ first, as formulas with the exact result
 * cached; blank when either value is blank, Δ% also when the first is 0. */
static int delta_cells(xlsx_out *out, lxw_worksheet *ws, const compare_formats *f,
                       const compare_row *row, lxw_row_t xl_row, size_t n)
{
    char first[16], other[16];
    wb_cell(first, xl_row, value_col(0));
    mpq_t delta, ratio;
    mpq_inits(delta, ratio, NULL);
    int rc = 0;
    for (size_t i = 1; i < n && rc == 0; i++) {
        if (!row->has[0] || !row->has[i])
            continue;
        wb_cell(other, xl_row, value_col(i));
        mpq_sub(delta, row->value[i], row->value[0]);
        rc = xlsx_formula(out, ws, xl_row, delta_col(n, i), unit_format(f, row->unit), delta,
                        "=%s-%s", other, first);
        if (rc == 0 && mpq_sgn(row->value[0]) != 0) {
            mpq_div(ratio, delta, row->value[0]);
            rc = xlsx_formula(out, ws, xl_row, delta_col(n, i) + 1, f->percent, ratio,
                            "=(%s-%s)/%s", other, first, first);
        }
    }
    mpq_clears(delta, ratio, NULL);
    return rc;
}

static int comparison_row(xlsx_out *out, lxw_worksheet *ws, const compare_formats *f,
                          const compare_table *t, size_t k)
{
    const compare_row *row = &t->rows[k];
    size_t n = t->n_scenarios;
    lxw_row_t xl_row = header_row(n) + 1 + (lxw_row_t)k;
    if (xlsx_string(out, ws, xl_row, COL_KEY, row->metric, NULL) != 0 ||
        xlsx_string(out, ws, xl_row, COL_METRIC, vocab_metric(row->metric, out->lang),
                    NULL) != 0)
        return -1;
    if (row->year == 0) {
        if (xlsx_string(out, ws, xl_row, COL_YEAR, vocab_category(CAT_COUNT, out->lang), NULL) != 0)
            return -1;
    } else if (xlsx_integer(out, ws, xl_row, COL_YEAR, row->year, f->integer) != 0) {
        return -1;
    }
    lxw_format *format = unit_format(f, row->unit);
    for (size_t i = 0; i < n; i++) {
        if (!row->has[i])
            continue;
        int rc;
        if (row->sum_of_years) {
            /* SPEC §6: a sum of other cells is a formula with the exact cached value. */
            char top[16], bottom[16];
            wb_cell(top, header_row(n) + 1 + (lxw_row_t)row->first_year_row, value_col(i));
            wb_cell(bottom, xl_row - 1, value_col(i));
            rc = xlsx_formula(out, ws, xl_row, value_col(i), format, row->value[i],
                            "=SUM(%s:%s)", top, bottom);
        } else {
            rc = xlsx_number(out, ws, xl_row, value_col(i), row->value[i], format);
        }
        if (rc != 0)
            return -1;
    }
    return delta_cells(out, ws, f, row, xl_row, n);
}

/* Row index of a metric's total row, or −1. */
static long total_row_of(const compare_table *t, const char *metric)
{
    for (size_t k = 0; k < t->n_rows; k++)
        if (t->rows[k].year == 0 && strcmp(t->rows[k].metric, metric) == 0)
            return (long)k;
    return -1;
}

/* A clustered column chart: total cost and municipal net cost per scenario. */
static int comparison_chart(xlsx_out *out, lxw_worksheet *ws, const compare_table *t,
                            const char *sheet_name, lxw_row_t below)
{
    size_t n = t->n_scenarios;
    lxw_chart *chart = xlsx_add_chart(out, LXW_CHART_COLUMN);
    if (!chart)
        return -1;
    static const struct {
        const char *metric;
        wb_label name;
    } series_of[] = {
        {"total_cost", WB_L_FUNDING_TOTAL_COST},
        {"municipal_net_cost", WB_L_FUNDING_MUNICIPAL_NET},
    };
    for (size_t s = 0; s < ARRAY_SIZE(series_of); s++) {
        long k = total_row_of(t, series_of[s].metric);
        if (k < 0)
            continue;
        lxw_row_t row = header_row(n) + 1 + (lxw_row_t)k;
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        if (!series)
            return xlsx_fail_msg(out, TKK_ERR_LIBRARY, "cannot add a chart series");
        chart_series_set_categories(series, sheet_name, header_row(n), value_col(0),
                                    header_row(n), value_col(n - 1));
        chart_series_set_values(series, sheet_name, row, value_col(0), row, value_col(n - 1));
        chart_series_set_name(series, wb_label_text(series_of[s].name, out->lang));
    }
    chart_title_set_name(chart, label(out, CL_CHART_TITLE));
    char axis_code[64];
    xlsx_locale_code(out, axis_code, sizeof axis_code, "#,##0 \"€\"");
    chart_axis_set_num_format(chart->y_axis, axis_code);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options options = {.x_scale = 1.5, .y_scale = 1.2};
    XLSX_CHECK(out, worksheet_insert_chart_opt(ws, below, 0, chart, &options));
    /* The rows above (15 pt each, the wrapped note and header about 45 pt more) and the
     * chart (288 px × 1,2 = 259 pt). */
    return xlsx_keep_chart_whole(out, ws, 15.0 * (double)below + 45 + 259, below - 1);
}

static int comparison_sheet(xlsx_out *out, lxw_worksheet *ws, const compare_formats *f,
                            const compare_table *t, const scenario *const *s)
{
    size_t n = t->n_scenarios;
    if (xlsx_string(out, ws, 0, 0, label(out, CL_TITLE), f->title) != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (scenario_line(out, ws, (lxw_row_t)(1 + i), s[i]) != 0)
            return -1;
    for (size_t k = 0; k < t->n_rows; k++)
        if (comparison_row(out, ws, f, t, k) != 0)
            return -1;
    size_t n_headers = 0;
    char **headers = comparison_headers(out, s, n, &n_headers);
    /* Wide enough for the header (ids can be long) and for 1 234 567,89 €, at most 40. */
    double widths[64];
    size_t n_widths = n_headers < ARRAY_SIZE(widths) ? n_headers : ARRAY_SIZE(widths);
    for (size_t i = 0; i < n_widths; i++) {
        size_t chars = 0;
        for (const char *p = headers[i]; *p; p++)
            chars += ((unsigned char)*p & 0xC0) != 0x80;
        double width = i == COL_KEY ? 20 : i == COL_METRIC ? 46 : i == COL_YEAR ? 10 : 17;
        widths[i] = chars + 3 > width ? (chars + 3 < 40 ? chars + 3 : 40) : width;
    }
    lxw_row_t last = header_row(n) + (lxw_row_t)t->n_rows;
    int rc = xlsx_table(out, ws, "Comparison", header_row(n), COL_KEY, last,
                        (const char *const *)headers, n_headers, f->header);
    headers_free(headers, n_headers);
    if (rc != 0)
        return -1;
    if (xlsx_column_widths(out, ws, 0, widths, n_widths) != 0)
        return -1;
    /* The note wrapped over the key columns and the first scenario's (SPEC §7.1). */
    char note[1024];
    int length = snprintf(note, sizeof note, label(out, CL_NOTE), s[0]->id);
    if (t->pilot_year && length > 0 && (size_t)length < sizeof note)
        snprintf(note + length, sizeof note - (size_t)length, " %s", label(out, CL_PILOT_NOTE));
    if (xlsx_note(out, ws, (lxw_row_t)(1 + n), 0, value_col(0), note, f->note) != 0 ||
        xlsx_print_layout(out, ws, true, (int)header_row(n), COL_YEAR + 1) != 0)
        return -1;
    return comparison_chart(out, ws, t, label(out, CL_SHEET_COMPARISON), last + 2);
}

/* ---- The InputDiff sheet ------------------------------------------------------------------ */

enum { PATH_WIDTH = 34, VALUE_WIDTH = 40 };

/* About how many lines text takes wrapped in a column of `width` characters. */
static size_t text_lines(const char *text, size_t width)
{
    /* Greedy word wrap as the spreadsheet does it, counted in characters with a margin
     * of three (proportional fonts set some lines wider than their count). */
    if (!text)
        return 1;
    size_t room = width > 4 ? width - 3 : 1;
    size_t lines = 1, column = 0, word = 0;
    for (const char *p = text;; p++) {
        bool end = *p == '\0' || *p == '\n' || *p == ' ';
        if (!end) {
            if (((unsigned char)*p & 0xC0) != 0x80)
                word++;
            continue;
        }
        /* The word just ended: on this line after a blank, or on the next ones. */
        size_t needed = column ? column + 1 + word : word;
        if (needed <= room) {
            column = needed;
        } else {
            lines++;
            while (word > room) {   /* a word longer than a line is cut into lines */
                lines++;
                word -= room;
            }
            column = word;
        }
        word = 0;
        if (*p == '\0')
            break;
        if (*p == '\n') {
            lines++;
            column = 0;
        }
    }
    return lines;
}

static int inputs_sheet(xlsx_out *out, lxw_worksheet *ws, const compare_formats *f,
                        const compare_table *t, const scenario *const *s)
{
    size_t n = t->n_scenarios;
    enum { INPUTS_HEADER = 3 };
    if (xlsx_string(out, ws, 0, 0, label(out, CL_INPUTS_TITLE), f->title) != 0 ||
        xlsx_string(out, ws, 1, 0, label(out, CL_INPUTS_NOTE), NULL) != 0)
        return -1;
    for (size_t k = 0; k < t->n_inputs; k++) {
        lxw_row_t row = INPUTS_HEADER + 1 + (lxw_row_t)k;
        if (xlsx_string(out, ws, row, 0, t->inputs[k].path, f->wrap) != 0)
            return -1;
        size_t lines = text_lines(t->inputs[k].path, PATH_WIDTH);
        for (size_t i = 0; i < n; i++) {
            if (xlsx_string(out, ws, row, (lxw_col_t)(1 + i), t->inputs[k].values[i], f->wrap) != 0)
                return -1;
            size_t l = text_lines(t->inputs[k].values[i], VALUE_WIDTH);
            lines = l > lines ? l : lines;
        }
        /* libxlsxwriter does not fit row heights to wrapped text: set them here. */
        if (lines > 1)
            /* 409 pt is the highest row a spreadsheet keeps (27 lines). */
            XLSX_CHECK(out, worksheet_set_row(ws, row, 15.0 * (double)(lines < 27 ? lines : 27),
                                            NULL));
    }
    const char **headers = xcalloc(n + 1, sizeof *headers);
    headers[0] = label(out, CL_PATH);
    for (size_t i = 0; i < n; i++)
        headers[1 + i] = s[i]->id;
    /* A table needs a data row; the ids differ, so scenario.id always does. */
    lxw_row_t last = INPUTS_HEADER + (lxw_row_t)(t->n_inputs ? t->n_inputs : 1);
    int rc = xlsx_table(out, ws, "InputDiff", INPUTS_HEADER, 0, last, headers, n + 1, f->header);
    free(headers);
    if (rc != 0)
        return -1;
    double widths[64];
    size_t n_widths = n + 1 < ARRAY_SIZE(widths) ? n + 1 : ARRAY_SIZE(widths);
    for (size_t i = 0; i < n_widths; i++)
        widths[i] = i == 0 ? PATH_WIDTH : VALUE_WIDTH;
    if (xlsx_column_widths(out, ws, 0, widths, n_widths) != 0)
        return -1;
    return xlsx_print_setup(out, ws, true, INPUTS_HEADER);
}

/* ---- Page furniture and properties ------------------------------------------------------ */

static void page_header_footer(xlsx_out *out, const scenario *const *s, size_t n)
{
    /* Ids are [a-z0-9_-]: nothing in them is a header code ('&'). */
    size_t size = sizeof out->page_header;
    int o = snprintf(out->page_header, size, "&C%s: ", label(out, CL_TITLE));
    for (size_t i = 0; i < n && o > 0 && (size_t)o + strlen(s[i]->id) + 3 < size; i++)
        o += snprintf(out->page_header + o, size - (size_t)o, "%s%s", i ? ", " : "", s[i]->id);
    size = sizeof out->page_footer;
    o = snprintf(out->page_footer, size, "&Ltkk %s · SHA-256", TKK_VERSION);
    for (size_t i = 0; i < n && o > 0 && (size_t)o + 24 < size; i++)
        o += snprintf(out->page_footer + o, size - (size_t)o, "%s %.8s", i ? "," : "",
                      s[i]->sha256_hex);
    if (o > 0 && (size_t)o + 12 < size)
        snprintf(out->page_footer + o, size - (size_t)o, "&R&P / &N");
}

static int document_properties(xlsx_out *out, const scenario *const *s, size_t n)
{
    char title[512];
    int o = snprintf(title, sizeof title, "%s:", label(out, CL_TITLE));
    for (size_t i = 0; i < n && o > 0 && (size_t)o < sizeof title; i++)
        o += snprintf(title + o, sizeof title - (size_t)o, "%s %s", i ? "," : "", s[i]->id);
    /* SOURCE_DATE_EPOCH, else the first scenario's date or file time: same bytes for the
     * same inputs. */
    xlsx_time_source when = {
        .has_date = s[0]->has_date, .year = s[0]->date_year, .month = s[0]->date_month,
        .day = s[0]->date_day, .file_mtime = (long long)s[0]->source_mtime,
        .date_first = false,
    };
    if (xlsx_properties(out, title, s[0]->prepared_by, NULL, xlsx_creation_time(&when)) != 0 ||
        xlsx_custom_property(out, "tkk version", TKK_VERSION) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char name[300];
        snprintf(name, sizeof name, "Input SHA-256 %s", s[i]->id);
        if (s[i]->sha256_hex[0] && xlsx_custom_property(out, name, s[i]->sha256_hex) != 0)
            return -1;
    }
    return 0;
}

/* ---- The workbook -------------------------------------------------------------------------- */

tkk_err compare_workbook_write(const char *out_path, const compare_table *t,
                               const scenario *const *s, language lang, char *error,
                               size_t error_size)
{
    size_t n = t->n_scenarios;
    xlsx_out out;
    tkk_err err = xlsx_out_open(&out, out_path, lang, false, error, error_size);
    if (err != TKK_OK)
        return err;
    page_header_footer(&out, s, n);
    compare_formats f;
    xlsx_formats_create(&out, &f);
    lxw_worksheet *comparison = xlsx_add_worksheet(&out, label(&out, CL_SHEET_COMPARISON));
    lxw_worksheet *inputs = comparison ? xlsx_add_worksheet(&out, label(&out, CL_SHEET_INPUTS))
                                       : NULL;
    if (!comparison || !inputs || comparison_sheet(&out, comparison, &f, t, s) != 0 ||
        inputs_sheet(&out, inputs, &f, t, s) != 0 || document_properties(&out, s, n) != 0)
        xlsx_out_abandon(&out);
    return xlsx_out_commit(&out);   /* after an abandon: its recorded error */
}
