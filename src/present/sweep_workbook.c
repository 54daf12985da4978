/* sweep_workbook — the sweep workbook of SPEC §6 in constant_memory mode, written
 * through the output layer (xlsx_out.h). */
#include "sweep_workbook.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "common.h"
#include "alloc.h"
#include "xlsx_out.h"
#include "workbook_internal.h"

/* The sheet and the defined name; the same in both languages, for the tools that read
 * the name. */
#define SWEEP_SHEET "Sweep"

typedef enum {
    SC_TOTAL_COST, SC_MUNICIPAL_COST, SC_STATE_GRANT, SC_MUNICIPAL_NET, SC_COACH_FTE,
    SC_CASELOAD, SC_BONUS_ALLOCATED, SC_TMT_NET_EFFECT, SC_COUNT
} sweep_column;

struct sweep_workbook {
    xlsx_out out;
    lxw_worksheet *ws;
    const scenario *base;
    const sweep_axis *axes;
    size_t n_axes;
    bool present[SC_COUNT];
    lxw_col_t col[SC_COUNT];       /* where each present column is */
    lxw_col_t last_col;
    lxw_row_t last_row;            /* the last row written (0: the header only) */
    lxw_format *money, *number, *percent;
    mpq_t value;                   /* scratch for the varied values */
};

sweep_columns sweep_columns_of(const scenario *s)
{
    sweep_columns c = {0};
    for (size_t i = 0; i < s->n_staff; i++)
        if (s->staff[i].coach)
            c.coach_fte = true;
    c.caseload = c.coach_fte && s->has_clients;
    c.bonus = s->has_bonus;
    c.tmt = s->tmt.present;
    return c;
}

static const char *column_header(sweep_column c, language lang)
{
    switch (c) {
    case SC_TOTAL_COST: return wb_label_text(WB_L_FUNDING_TOTAL_COST, lang);
    case SC_MUNICIPAL_COST: return wb_label_text(WB_L_FUNDING_MUNICIPAL_COST, lang);
    case SC_STATE_GRANT: return wb_label_text(WB_L_FUNDING_STATE_GRANT, lang);
    case SC_MUNICIPAL_NET: return wb_label_text(WB_L_FUNDING_MUNICIPAL_NET, lang);
    case SC_COACH_FTE: return wb_label_text(WB_L_MONTHLY_COACH_FTE, lang);
    case SC_CASELOAD: return lang == LANG_EN ? "Caseload" : "Asiakkaita per omavalmentaja";
    case SC_BONUS_ALLOCATED: return wb_label_text(WB_L_SUM_BONUS_ALLOCATED, lang);
    case SC_TMT_NET_EFFECT: return lang == LANG_EN ? "TMT net effect" : "TMT-nettovaikutus";
    case SC_COUNT: break;
    }
    return "?";
}

static int header_row(sweep_workbook *wb)
{
    xlsx_out *out = &wb->out;
    lxw_format *bold = xlsx_add_format(out);
    format_set_bold(bold);
    for (size_t k = 0; k < wb->n_axes; k++)
        if (xlsx_string(out, wb->ws, 0, (lxw_col_t)k, wb->axes[k].path, bold) != 0)
            return -1;
    for (int c = 0; c < SC_COUNT; c++)
        if (wb->present[c] &&
            xlsx_string(out, wb->ws, 0, wb->col[c], column_header((sweep_column)c, out->lang),
                      bold) != 0)
            return -1;
    for (lxw_col_t c = 0; c <= wb->last_col; c++)
        XLSX_CHECK(out, worksheet_set_column(wb->ws, c, c, c < wb->n_axes ? 24 : 20, NULL));
    return 0;
}

static void page_header_footer(xlsx_out *out, const scenario *s)
{
    /* '&' starts a header code: xlsx_header_append doubles it in the scenario name,
     * leaving room for the suffix. */
    const char *suffix = out->lang == LANG_EN ? " – sweep" : " – herkkyystarkastelu";
    strcpy(out->page_header, "&C");
    xlsx_header_append(out->page_header, strlen(suffix), s->name ? s->name : s->id);
    strcat(out->page_header, suffix);
    snprintf(out->page_footer, sizeof out->page_footer,
             "&Ltkk %s · SHA-256 %.12s&R&P / &N", TKK_VERSION, s->sha256_hex);
}

sweep_workbook *sweep_workbook_open(const char *out_path, const scenario *base,
                                    const sweep_axis *axes, size_t n_axes,
                                    sweep_columns columns, language lang, char *error,
                                    size_t error_size, tkk_err *err)
{
    sweep_workbook *wb = xcalloc(1, sizeof *wb);
    /* SPEC §6: constant_memory, so the rows stream to disk in order. */
    *err = xlsx_out_open(&wb->out, out_path, lang, true, error, error_size);
    if (*err != TKK_OK) {
        free(wb);
        return NULL;
    }
    mpq_init(wb->value);
    wb->base = base;
    wb->axes = axes;
    wb->n_axes = n_axes;
    bool present[SC_COUNT] = {
        [SC_TOTAL_COST] = true, [SC_MUNICIPAL_COST] = true, [SC_STATE_GRANT] = true,
        [SC_MUNICIPAL_NET] = true, [SC_COACH_FTE] = columns.coach_fte,
        [SC_CASELOAD] = columns.caseload, [SC_BONUS_ALLOCATED] = columns.bonus,
        [SC_TMT_NET_EFFECT] = columns.tmt,
    };
    lxw_col_t col = (lxw_col_t)n_axes;
    for (int c = 0; c < SC_COUNT; c++) {
        wb->present[c] = present[c];
        if (present[c])
            wb->col[c] = col++;
    }
    wb->last_col = (lxw_col_t)(col - 1);

    page_header_footer(&wb->out, base);
    wb->money = xlsx_number_format(&wb->out, "#,##0.00 \"€\"", false);
    wb->number = xlsx_number_format(&wb->out, "#,##0.00", false);
    wb->percent = xlsx_number_format(&wb->out, "0.00 %", false);
    wb->ws = xlsx_add_worksheet(&wb->out, SWEEP_SHEET);
    /* The header row, then the print setup (it measures the columns): A4 landscape,
     * header row repeated and frozen, the varied PATHs repeated across pages. */
    if (!wb->ws || header_row(wb) != 0 ||
        xlsx_print_layout(&wb->out, wb->ws, true, 0, (int)n_axes) != 0) {
        *err = wb->out.err;
        sweep_workbook_discard(wb);
        return NULL;
    }
    return wb;
}

int sweep_workbook_row(sweep_workbook *wb, const sweep_iter *it, const results *r)
{
    xlsx_out *out = &wb->out;
    lxw_row_t row = wb->last_row + 1;
    for (size_t k = 0; k < wb->n_axes; k++) {
        const sweep_axis *axis = &wb->axes[k];
        int rc;
        if (sweep_axis_number(wb->value, axis, it->index[k]))
            rc = xlsx_number(out, wb->ws, row, (lxw_col_t)k, wb->value,
                           axis->form == SWEEP_RANGE && axis->percent ? wb->percent : NULL);
        else
            rc = xlsx_string(out, wb->ws, row, (lxw_col_t)k, axis->list[it->index[k]], NULL);
        if (rc != 0)
            return -1;
    }
    const funding_row *total = &r->funding[r->n_funding - 1];
    if (xlsx_number(out, wb->ws, row, wb->col[SC_TOTAL_COST], total->total_cost, wb->money) != 0 ||
        xlsx_number(out, wb->ws, row, wb->col[SC_MUNICIPAL_COST], total->municipal_cost,
                  wb->money) != 0 ||
        xlsx_number(out, wb->ws, row, wb->col[SC_STATE_GRANT], total->state_grant, wb->money) != 0)
        return -1;
    /* SPEC §5.4 and §6: net = municipal cost − state grant, a formula on the row. */
    char cost[16], grant[16];
    wb_cell(cost, row, wb->col[SC_MUNICIPAL_COST]);
    wb_cell(grant, row, wb->col[SC_STATE_GRANT]);
    if (xlsx_formula(out, wb->ws, row, wb->col[SC_MUNICIPAL_NET], wb->money, total->municipal_net,
                   "=%s-%s", cost, grant) != 0)
        return -1;
    if (wb->present[SC_COACH_FTE] &&
        xlsx_number(out, wb->ws, row, wb->col[SC_COACH_FTE], r->coach_fte[r->n_months - 1],
                  wb->number) != 0)
        return -1;
    if (wb->present[SC_CASELOAD] && r->has_caseload &&
        xlsx_number(out, wb->ws, row, wb->col[SC_CASELOAD], r->caseload, wb->number) != 0)
        return -1;
    if (wb->present[SC_BONUS_ALLOCATED] && r->has_bonus &&
        xlsx_number(out, wb->ws, row, wb->col[SC_BONUS_ALLOCATED], r->bonus.allocated,
                  wb->money) != 0)
        return -1;
    /* SPEC §7.6: the period's Net effect, so that a sweep of a [tmt] path shows it. */
    if (wb->present[SC_TMT_NET_EFFECT] && r->tmt.has_net_effect &&
        xlsx_number(out, wb->ws, row, wb->col[SC_TMT_NET_EFFECT], r->tmt.net_effect,
                  wb->money) != 0)
        return -1;
    wb->last_row = row;
    return 0;
}

/* A line chart of the total and net cost against the one varied value. */
static int sweep_chart(sweep_workbook *wb)
{
    xlsx_out *out = &wb->out;
    lxw_chart *chart = xlsx_add_chart(out, LXW_CHART_LINE);
    if (!chart)
        return -1;
    static const sweep_column shown[] = {SC_TOTAL_COST, SC_MUNICIPAL_NET};
    for (size_t i = 0; i < ARRAY_SIZE(shown); i++) {
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        if (!series)
            return xlsx_fail_msg(out, TKK_ERR_LIBRARY, "cannot add a chart series");
        chart_series_set_categories(series, SWEEP_SHEET, 1, 0, wb->last_row, 0);
        chart_series_set_values(series, SWEEP_SHEET, 1, wb->col[shown[i]], wb->last_row,
                                wb->col[shown[i]]);
        chart_series_set_name(series, column_header(shown[i], out->lang));
    }
    chart_title_set_name(chart, wb->axes[0].path);
    chart_axis_set_name(chart->x_axis, wb->axes[0].path);
    char axis_code[64];
    xlsx_locale_code(&wb->out, axis_code, sizeof axis_code, "#,##0 \"€\"");
    chart_axis_set_num_format(chart->y_axis, axis_code);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options options = {.x_scale = 1.5, .y_scale = 1.3};
    XLSX_CHECK(out, worksheet_insert_chart_opt(wb->ws, 1, (lxw_col_t)(wb->last_col + 2), chart,
                                             &options));
    return 0;
}

static int properties(sweep_workbook *wb)
{
    xlsx_out *out = &wb->out;
    const scenario *s = wb->base;
    char title[512];
    snprintf(title, sizeof title, "%s – sweep", s->name ? s->name : s->id);
    xlsx_time_source when = {   /* as the scenario's own workbook */
        .has_date = s->has_date, .year = s->date_year, .month = s->date_month,
        .day = s->date_day, .file_mtime = (long long)s->source_mtime, .date_first = true,
    };
    if (xlsx_properties(out, title, s->prepared_by, NULL, xlsx_creation_time(&when)) != 0 ||
        xlsx_custom_property(out, "tkk version", TKK_VERSION) != 0)
        return -1;
    if (s->sha256_hex[0] && xlsx_custom_property(out, "Input SHA-256", s->sha256_hex) != 0)
        return -1;
    for (size_t k = 0; k < wb->n_axes; k++) {
        char name[32];
        snprintf(name, sizeof name, "Vary %zu", k + 1);
        if (xlsx_custom_property(out, name, wb->axes[k].arg) != 0)
            return -1;
    }
    return 0;
}

tkk_err sweep_workbook_close(sweep_workbook *wb)
{
    xlsx_out *out = &wb->out;
    /* SPEC §6: an autofilter and the name `Sweep` over header and rows. */
    char first[16], last[16], range[80];
    wb_cell_abs(first, 0, 0);
    wb_cell_abs(last, wb->last_row, wb->last_col);
    snprintf(range, sizeof range, "=%s!%s:%s", SWEEP_SHEET, first, last);
    lxw_error lxw_err = worksheet_autofilter(wb->ws, 0, 0, wb->last_row, wb->last_col);
    int rc = 0;
    if (lxw_err != LXW_NO_ERROR)
        rc = xlsx_fail(out, "worksheet_autofilter", lxw_err);
    if (rc == 0 &&
        (lxw_err = workbook_define_name(out->workbook, "Sweep", range)) != LXW_NO_ERROR)
        rc = xlsx_fail(out, "workbook_define_name", lxw_err);
    if (rc == 0 && wb->n_axes == 1 && wb->last_row > 0)
        rc = sweep_chart(wb);
    if (rc == 0)
        rc = properties(wb);
    if (rc != 0)
        xlsx_out_abandon(out);
    tkk_err err = xlsx_out_commit(out);   /* after an abandon: its recorded error */
    mpq_clear(wb->value);
    free(wb);
    return err;
}

void sweep_workbook_discard(sweep_workbook *wb)
{
    if (!wb)
        return;
    xlsx_out_abandon(&wb->out);
    mpq_clear(wb->value);
    free(wb);
}
