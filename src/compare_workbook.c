/*
 * compare_workbook — writes the `tkk compare` workbook of SPEC §6 from a compare_table:
 * the `Comparison` table (values per scenario, Δ and Δ% formulas against the first
 * scenario), a clustered column chart, and the `InputDiff` table. Print-ready like the
 * scenario workbooks, written atomically, byte-identical for the same inputs.
 *
 * It uses the cell helpers of workbook_internal.h (wb_formula, wb_table, wb_print_setup,
 * ...) with a wb_context of its own; the formats and the atomic write of workbook.c
 * are private there, so they are made here (formats) and in output_file.c.
 */
#include "compare.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "common.h"
#include "output_file.h"
#include "workbook_internal.h"

/* ---- Labels --------------------------------------------------------------------------- */

typedef enum {
    CL_SHEET_COMPARISON, CL_SHEET_INPUTS, CL_TITLE, CL_INPUTS_TITLE, CL_INPUTS_NOTE,
    CL_NOTE, CL_METRIC, CL_YEAR, CL_PATH, CL_CHART_TITLE, CL_COUNT
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
                 "henkilötyövuodet (total: ajanjakson viimeinen kuukausi); caseload samana "
                 "kuukautena. Kunkin skenaarion total kattaa sen oman ajanjakson.",
                 "Δ and Δ%% against the scenario %s. FTE: in the last month of the year "
                 "(total: the period's last month); caseload in that same month. Each "
                 "scenario's total covers its own period."},
    [CL_METRIC] = {"Mittari", "Metric"},
    [CL_YEAR] = {"Vuosi", "Year"},
    [CL_PATH] = {"Polku", "Path"},
    [CL_CHART_TITLE] = {"Kokonaiskustannus ja kunnan nettokustannus koko ajanjaksolta",
                        "Total cost and municipal net cost for the whole period"},
};

static const char *label(const wb_context *ctx, compare_label l)
{
    return labels[l][ctx->lang == LANG_EN ? 1 : 0];
}

/* ---- Layout ---------------------------------------------------------------------------- */

enum { COL_METRIC, COL_YEAR, COL_FIRST_VALUE };

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

typedef struct {
    lxw_format *title, *wrap, *money, *number, *integer, *percent;
} compare_formats;

static lxw_format *number_format(lxw_workbook *wb, const char *code)
{
    lxw_format *f = workbook_add_format(wb);
    if (f)
        format_set_num_format(f, code);
    return f;
}

static int formats_create(wb_context *ctx, compare_formats *f)
{
    lxw_workbook *wb = ctx->workbook;
    f->title = workbook_add_format(wb);
    f->wrap = workbook_add_format(wb);
    /* SPEC §6: euro format for money, a percent format for ratios. */
    f->money = number_format(wb, "#,##0.00 \"€\"");
    f->number = number_format(wb, "#,##0.00");
    f->integer = number_format(wb, "0");
    f->percent = number_format(wb, "0.00 %");
    if (!f->title || !f->wrap || !f->money || !f->number || !f->integer || !f->percent)
        return wb_fail_msg(ctx, "out of memory");
    format_set_bold(f->title);
    format_set_font_size(f->title, 14);
    format_set_text_wrap(f->wrap);
    format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
    return 0;
}

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
static int scenario_line(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, const scenario *s)
{
    char start[8], end[8];
    month_format(s->start, start);
    month_format(s->end, end);
    char *line = NULL;
    if (asprintf(&line, "%s: %s · %s – %s", s->id, s->name ? s->name : "", start, end) < 0)
        return wb_fail_msg(ctx, "out of memory");
    int rc = wb_string(ctx, ws, row, 0, line, NULL);
    free(line);
    return rc;
}

/* The headers of the Comparison table: Metric, Year, ids, then Δ id and Δ% id. */
static char **comparison_headers(wb_context *ctx, const scenario *const *s, size_t n,
                                 size_t *n_headers)
{
    size_t count = 2 + n + 2 * (n - 1);
    char **headers = calloc(count, sizeof *headers);
    if (!headers)
        return NULL;
    *n_headers = count;
    bool ok = (headers[COL_METRIC] = strdup(label(ctx, CL_METRIC))) &&
              (headers[COL_YEAR] = strdup(label(ctx, CL_YEAR)));
    for (size_t i = 0; ok && i < n; i++)
        ok = (headers[value_col(i)] = strdup(s[i]->id)) != NULL;
    for (size_t i = 1; ok && i < n; i++)
        ok = asprintf(&headers[delta_col(n, i)], "Δ %s", s[i]->id) >= 0 &&
             asprintf(&headers[delta_col(n, i) + 1], "Δ%% %s", s[i]->id) >= 0;
    if (!ok) {
        for (size_t i = 0; i < count; i++)
            free(headers[i]);
        free(headers);
        return NULL;
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
static int delta_cells(wb_context *ctx, lxw_worksheet *ws, const compare_formats *f,
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
        rc = wb_formula(ctx, ws, xl_row, delta_col(n, i), unit_format(f, row->unit), delta,
                        "=%s-%s", other, first);
        if (rc == 0 && mpq_sgn(row->value[0]) != 0) {
            mpq_div(ratio, delta, row->value[0]);
            rc = wb_formula(ctx, ws, xl_row, delta_col(n, i) + 1, f->percent, ratio,
                            "=(%s-%s)/%s", other, first, first);
        }
    }
    mpq_clears(delta, ratio, NULL);
    return rc;
}

static int comparison_row(wb_context *ctx, lxw_worksheet *ws, const compare_formats *f,
                          const compare_table *t, size_t k)
{
    const compare_row *row = &t->rows[k];
    size_t n = t->n_scenarios;
    lxw_row_t xl_row = header_row(n) + 1 + (lxw_row_t)k;
    if (wb_string(ctx, ws, xl_row, COL_METRIC, row->metric, NULL) != 0)
        return -1;
    if (row->year == 0) {
        if (wb_string(ctx, ws, xl_row, COL_YEAR, "total", NULL) != 0)
            return -1;
    } else if (wb_integer(ctx, ws, xl_row, COL_YEAR, row->year, f->integer) != 0) {
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
            rc = wb_formula(ctx, ws, xl_row, value_col(i), format, row->value[i],
                            "=SUM(%s:%s)", top, bottom);
        } else {
            rc = wb_number(ctx, ws, xl_row, value_col(i), row->value[i], format);
        }
        if (rc != 0)
            return -1;
    }
    return delta_cells(ctx, ws, f, row, xl_row, n);
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
static int comparison_chart(wb_context *ctx, lxw_worksheet *ws, const compare_table *t,
                            const char *sheet_name, lxw_row_t below)
{
    size_t n = t->n_scenarios;
    lxw_chart *chart = workbook_add_chart(ctx->workbook, LXW_CHART_COLUMN);
    if (!chart)
        return wb_fail_msg(ctx, "cannot add a chart");
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
            return wb_fail_msg(ctx, "cannot add a chart series");
        chart_series_set_categories(series, sheet_name, header_row(n), value_col(0),
                                    header_row(n), value_col(n - 1));
        chart_series_set_values(series, sheet_name, row, value_col(0), row, value_col(n - 1));
        chart_series_set_name(series, wb_label_text(series_of[s].name, ctx->lang));
    }
    chart_title_set_name(chart, label(ctx, CL_CHART_TITLE));
    chart_axis_set_num_format(chart->y_axis, "#,##0 \"€\"");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options options = {.x_scale = 1.5, .y_scale = 1.2};
    WB_CHECK(ctx, worksheet_insert_chart_opt(ws, below, 0, chart, &options));
    return 0;
}

static int comparison_sheet(wb_context *ctx, lxw_worksheet *ws, const compare_formats *f,
                            const compare_table *t, const scenario *const *s)
{
    size_t n = t->n_scenarios;
    if (wb_string(ctx, ws, 0, 0, label(ctx, CL_TITLE), f->title) != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (scenario_line(ctx, ws, (lxw_row_t)(1 + i), s[i]) != 0)
            return -1;
    char note[1024];
    snprintf(note, sizeof note, label(ctx, CL_NOTE), s[0]->id);
    if (wb_string(ctx, ws, (lxw_row_t)(1 + n), 0, note, NULL) != 0)
        return -1;

    for (size_t k = 0; k < t->n_rows; k++)
        if (comparison_row(ctx, ws, f, t, k) != 0)
            return -1;
    size_t n_headers = 0;
    char **headers = comparison_headers(ctx, s, n, &n_headers);
    if (!headers)
        return wb_fail_msg(ctx, "out of memory");
    /* Wide enough for the header (ids can be long) and for 1 234 567,89 €, at most 40. */
    double widths[64];
    size_t n_widths = n_headers < ARRAY_SIZE(widths) ? n_headers : ARRAY_SIZE(widths);
    for (size_t i = 0; i < n_widths; i++) {
        size_t chars = 0;
        for (const char *p = headers[i]; *p; p++)
            chars += ((unsigned char)*p & 0xC0) != 0x80;
        double width = i == COL_METRIC ? 20 : i == COL_YEAR ? 8 : 16;
        widths[i] = chars + 3 > width ? (chars + 3 < 40 ? chars + 3 : 40) : width;
    }
    lxw_row_t last = header_row(n) + (lxw_row_t)t->n_rows;
    int rc = wb_table(ctx, ws, "Comparison", header_row(n), COL_METRIC, last,
                      (const char *const *)headers, n_headers);
    headers_free(headers, n_headers);
    if (rc != 0)
        return -1;
    if (wb_column_widths(ctx, ws, 0, widths, n_widths) != 0 ||
        wb_print_setup(ctx, ws, true, (int)header_row(n)) != 0)
        return -1;
    return comparison_chart(ctx, ws, t, label(ctx, CL_SHEET_COMPARISON), last + 2);
}

/* ---- The InputDiff sheet ------------------------------------------------------------------ */

enum { PATH_WIDTH = 34, VALUE_WIDTH = 40 };

/* About how many lines text takes wrapped in a column of `width` characters. */
static size_t text_lines(const char *text, size_t width)
{
    if (!text)
        return 1;
    size_t lines = 1, column = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '\n') {
            lines++;
            column = 0;
        } else if (((unsigned char)*p & 0xC0) != 0x80 && ++column > width - 2) {
            lines++;
            column = 1;
        }
    }
    return lines;
}

static int inputs_sheet(wb_context *ctx, lxw_worksheet *ws, const compare_formats *f,
                        const compare_table *t, const scenario *const *s)
{
    size_t n = t->n_scenarios;
    enum { INPUTS_HEADER = 3 };
    if (wb_string(ctx, ws, 0, 0, label(ctx, CL_INPUTS_TITLE), f->title) != 0 ||
        wb_string(ctx, ws, 1, 0, label(ctx, CL_INPUTS_NOTE), NULL) != 0)
        return -1;
    for (size_t k = 0; k < t->n_inputs; k++) {
        lxw_row_t row = INPUTS_HEADER + 1 + (lxw_row_t)k;
        if (wb_string(ctx, ws, row, 0, t->inputs[k].path, f->wrap) != 0)
            return -1;
        size_t lines = text_lines(t->inputs[k].path, PATH_WIDTH);
        for (size_t i = 0; i < n; i++) {
            if (wb_string(ctx, ws, row, (lxw_col_t)(1 + i), t->inputs[k].values[i], f->wrap) != 0)
                return -1;
            size_t l = text_lines(t->inputs[k].values[i], VALUE_WIDTH);
            lines = l > lines ? l : lines;
        }
        /* libxlsxwriter does not fit row heights to wrapped text: set them here. */
        if (lines > 1)
            WB_CHECK(ctx, worksheet_set_row(ws, row, 15.0 * (double)(lines < 20 ? lines : 20),
                                            NULL));
    }
    const char **headers = calloc(n + 1, sizeof *headers);
    if (!headers)
        return wb_fail_msg(ctx, "out of memory");
    headers[0] = label(ctx, CL_PATH);
    for (size_t i = 0; i < n; i++)
        headers[1 + i] = s[i]->id;
    /* A table needs a data row; the ids differ, so scenario.id always does. */
    lxw_row_t last = INPUTS_HEADER + (lxw_row_t)(t->n_inputs ? t->n_inputs : 1);
    int rc = wb_table(ctx, ws, "InputDiff", INPUTS_HEADER, 0, last, headers, n + 1);
    free(headers);
    if (rc != 0)
        return -1;
    double widths[64];
    size_t n_widths = n + 1 < ARRAY_SIZE(widths) ? n + 1 : ARRAY_SIZE(widths);
    for (size_t i = 0; i < n_widths; i++)
        widths[i] = i == 0 ? PATH_WIDTH : VALUE_WIDTH;
    if (wb_column_widths(ctx, ws, 0, widths, n_widths) != 0)
        return -1;
    return wb_print_setup(ctx, ws, true, INPUTS_HEADER);
}

/* ---- Page furniture and properties ------------------------------------------------------ */

static void page_header_footer(wb_context *ctx, const scenario *const *s, size_t n)
{
    /* Ids are [a-z0-9_-]: nothing in them is a header code ('&'). */
    size_t size = sizeof ctx->page_header;
    int o = snprintf(ctx->page_header, size, "&C%s: ", label(ctx, CL_TITLE));
    for (size_t i = 0; i < n && o > 0 && (size_t)o + strlen(s[i]->id) + 3 < size; i++)
        o += snprintf(ctx->page_header + o, size - (size_t)o, "%s%s", i ? ", " : "", s[i]->id);
    size = sizeof ctx->page_footer;
    o = snprintf(ctx->page_footer, size, "&Ltkk %s · SHA-256", TKK_VERSION);
    for (size_t i = 0; i < n && o > 0 && (size_t)o + 24 < size; i++)
        o += snprintf(ctx->page_footer + o, size - (size_t)o, "%s %.8s", i ? "," : "",
                      s[i]->sha256_hex);
    if (o > 0 && (size_t)o + 12 < size)
        snprintf(ctx->page_footer + o, size - (size_t)o, "&R&P / &N");
}

static int document_properties(wb_context *ctx, const scenario *const *s, size_t n)
{
    char title[512];
    int o = snprintf(title, sizeof title, "%s:", label(ctx, CL_TITLE));
    for (size_t i = 0; i < n && o > 0 && (size_t)o < sizeof title; i++)
        o += snprintf(title + o, sizeof title - (size_t)o, "%s %s", i ? "," : "", s[i]->id);
    lxw_doc_properties properties = {
        .title = title,
        .author = s[0]->prepared_by,
        /* SOURCE_DATE_EPOCH, else the first scenario's date or file time: same bytes
         * for the same inputs. */
        .created = output_file_time(s[0], false),
    };
    WB_CHECK(ctx, workbook_set_properties(ctx->workbook, &properties));
    WB_CHECK(ctx, workbook_set_custom_property_string(ctx->workbook, "tkk version", TKK_VERSION));
    for (size_t i = 0; i < n; i++) {
        char name[300];
        snprintf(name, sizeof name, "Input SHA-256 %s", s[i]->id);
        if (s[i]->sha256_hex[0])
            WB_CHECK(ctx, workbook_set_custom_property_string(ctx->workbook, name,
                                                              s[i]->sha256_hex));
    }
    return 0;
}

/* ---- The workbook -------------------------------------------------------------------------- */

static int write_file(const char *tmp_path, const char *out_path, const compare_table *t,
                      const scenario *const *s, language lang, char *error, size_t error_size)
{
    size_t n = t->n_scenarios;
    wb_context ctx = {
        .s = s[0], .lang = lang, .out_path = out_path, .error = error,
        .error_size = error_size,
    };
    ctx.workbook = workbook_new(tmp_path);
    if (!ctx.workbook)
        return wb_fail_msg(&ctx, "cannot create the workbook");
    page_header_footer(&ctx, s, n);
    compare_formats f;
    lxw_worksheet *comparison = NULL, *inputs = NULL;
    int rc = formats_create(&ctx, &f);
    if (rc == 0) {
        comparison = workbook_add_worksheet(ctx.workbook, label(&ctx, CL_SHEET_COMPARISON));
        inputs = workbook_add_worksheet(ctx.workbook, label(&ctx, CL_SHEET_INPUTS));
        if (!comparison || !inputs)
            rc = wb_fail_msg(&ctx, "cannot add a worksheet");
    }
    if (rc == 0)
        rc = comparison_sheet(&ctx, comparison, &f, t, s);
    if (rc == 0)
        rc = inputs_sheet(&ctx, inputs, &f, t, s);
    if (rc == 0)
        rc = document_properties(&ctx, s, n);
    if (rc != 0) {
        lxw_workbook_free(ctx.workbook);
        return -1;
    }
    /* workbook_close() is where the file is really written: check it (STYLE.md). */
    errno = 0;
    lxw_error err = workbook_close(ctx.workbook);
    if (err != LXW_NO_ERROR) {
        char message[300];
        snprintf(message, sizeof message, "%s",
                 err == LXW_ERROR_CREATING_XLSX_FILE && errno != 0 ? strerror(errno)
                                                                   : lxw_strerror(err));
        return wb_fail_msg(&ctx, message);
    }
    return 0;
}

int compare_workbook_write(const char *out_path, const compare_table *t,
                           const scenario *const *s, language lang, char *error,
                           size_t error_size)
{
    if (error && error_size > 0)
        error[0] = '\0';
    char *tmp = output_file_begin(out_path, error, error_size);
    if (!tmp)
        return -1;
    if (write_file(tmp, out_path, t, s, lang, error, error_size) != 0) {
        output_file_abandon(tmp);
        return -1;
    }
    return output_file_commit(tmp, out_path, error, error_size);
}
