/* sweep_workbook — the sweep workbook of SPEC §6 in constant_memory mode. */
#include "sweep_workbook.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "common.h"
#include "output_file.h"
#include "workbook_internal.h"

/* The sheet and the defined name; the same in both languages, for the tools that read
 * the name. */
#define SWEEP_SHEET "Sweep"

typedef enum {
    SC_TOTAL_COST, SC_MUNICIPAL_COST, SC_STATE_GRANT, SC_MUNICIPAL_NET, SC_COACH_FTE,
    SC_CASELOAD, SC_BONUS_ALLOCATED, SC_COUNT
} sweep_column;

struct sweep_workbook {
    wb_context ctx;
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
    case SC_COUNT: break;
    }
    return "?";
}

static int header_row(sweep_workbook *wb)
{
    wb_context *ctx = &wb->ctx;
    lxw_format *bold = workbook_add_format(ctx->workbook);
    if (!bold)
        return wb_fail_msg(ctx, "out of memory");
    format_set_bold(bold);
    for (size_t k = 0; k < wb->n_axes; k++)
        if (wb_string(ctx, wb->ws, 0, (lxw_col_t)k, wb->axes[k].path, bold) != 0)
            return -1;
    for (int c = 0; c < SC_COUNT; c++)
        if (wb->present[c] &&
            wb_string(ctx, wb->ws, 0, wb->col[c], column_header((sweep_column)c, ctx->lang),
                      bold) != 0)
            return -1;
    for (lxw_col_t c = 0; c <= wb->last_col; c++)
        WB_CHECK(ctx, worksheet_set_column(wb->ws, c, c, c < wb->n_axes ? 24 : 20, NULL));
    return 0;
}

static void page_header_footer(wb_context *ctx, const scenario *s)
{
    /* '&' starts a header code: double it in the scenario name. */
    char *o = ctx->page_header;
    char *end = ctx->page_header + sizeof ctx->page_header - 12;
    o += sprintf(o, "&C");
    for (const char *p = s->name ? s->name : s->id; *p && o < end; p++) {
        if (*p == '&')
            *o++ = '&';
        *o++ = *p;
    }
    /* Cut back to a whole UTF-8 character. */
    while (o > ctx->page_header + 2 && ((unsigned char)o[-1] & 0xC0) == 0x80)
        o--;
    if (o > ctx->page_header + 2 && ((unsigned char)o[-1] & 0xC0) == 0xC0)
        o--;
    sprintf(o, " – sweep");
    snprintf(ctx->page_footer, sizeof ctx->page_footer,
             "&Ltkk %s · SHA-256 %.12s&R&P / &N", TKK_VERSION, s->sha256_hex);
}

sweep_workbook *sweep_workbook_open(const char *path, const char *out_path,
                                    const scenario *base, const sweep_axis *axes,
                                    size_t n_axes, sweep_columns columns, language lang,
                                    char *error, size_t error_size)
{
    sweep_workbook *wb = calloc(1, sizeof *wb);
    if (!wb) {
        snprintf(error, error_size, "cannot write %s: out of memory", out_path);
        return NULL;
    }
    mpq_init(wb->value);
    wb->ctx = (wb_context){
        .s = base, .lang = lang, .out_path = out_path, .error = error,
        .error_size = error_size,
    };
    wb->base = base;
    wb->axes = axes;
    wb->n_axes = n_axes;
    bool present[SC_COUNT] = {
        [SC_TOTAL_COST] = true, [SC_MUNICIPAL_COST] = true, [SC_STATE_GRANT] = true,
        [SC_MUNICIPAL_NET] = true, [SC_COACH_FTE] = columns.coach_fte,
        [SC_CASELOAD] = columns.caseload, [SC_BONUS_ALLOCATED] = columns.bonus,
    };
    lxw_col_t col = (lxw_col_t)n_axes;
    for (int c = 0; c < SC_COUNT; c++) {
        wb->present[c] = present[c];
        if (present[c])
            wb->col[c] = col++;
    }
    wb->last_col = (lxw_col_t)(col - 1);

    /* SPEC §6: constant_memory, so the rows stream to disk in order. */
    lxw_workbook_options options = {.constant_memory = LXW_TRUE};
    wb->ctx.workbook = workbook_new_opt(path, &options);
    if (!wb->ctx.workbook) {
        wb_fail_msg(&wb->ctx, "cannot create the workbook");
        sweep_workbook_discard(wb);
        return NULL;
    }
    page_header_footer(&wb->ctx, base);
    wb->money = wb_number_format(wb->ctx.workbook, "#,##0.00 \"€\"", false);
    wb->number = wb_number_format(wb->ctx.workbook, "#,##0.00", false);
    wb->percent = wb_number_format(wb->ctx.workbook, "0.00 %", false);
    wb->ws = workbook_add_worksheet(wb->ctx.workbook, SWEEP_SHEET);
    if (!wb->money || !wb->number || !wb->percent || !wb->ws) {
        wb_fail_msg(&wb->ctx, "out of memory");
        sweep_workbook_discard(wb);
        return NULL;
    }
    /* Print setup before the rows: A4 landscape, fit to width, header row repeated
     * and frozen (freeze_panes(1, 0)). */
    if (wb_print_setup(&wb->ctx, wb->ws, true, 0) != 0 || header_row(wb) != 0) {
        sweep_workbook_discard(wb);
        return NULL;
    }
    return wb;
}

int sweep_workbook_row(sweep_workbook *wb, const sweep_iter *it, const results *r)
{
    wb_context *ctx = &wb->ctx;
    lxw_row_t row = wb->last_row + 1;
    for (size_t k = 0; k < wb->n_axes; k++) {
        const sweep_axis *axis = &wb->axes[k];
        int rc;
        if (sweep_axis_number(wb->value, axis, it->index[k]))
            rc = wb_number(ctx, wb->ws, row, (lxw_col_t)k, wb->value,
                           axis->form == SWEEP_RANGE && axis->percent ? wb->percent : NULL);
        else
            rc = wb_string(ctx, wb->ws, row, (lxw_col_t)k, axis->list[it->index[k]], NULL);
        if (rc != 0)
            return -1;
    }
    const funding_row *total = &r->funding[r->n_funding - 1];
    if (wb_number(ctx, wb->ws, row, wb->col[SC_TOTAL_COST], total->total_cost, wb->money) != 0 ||
        wb_number(ctx, wb->ws, row, wb->col[SC_MUNICIPAL_COST], total->municipal_cost,
                  wb->money) != 0 ||
        wb_number(ctx, wb->ws, row, wb->col[SC_STATE_GRANT], total->state_grant, wb->money) != 0)
        return -1;
    /* SPEC §5.4 and §6: net = municipal cost − state grant, a formula on the row. */
    char cost[16], grant[16];
    wb_cell(cost, row, wb->col[SC_MUNICIPAL_COST]);
    wb_cell(grant, row, wb->col[SC_STATE_GRANT]);
    if (wb_formula(ctx, wb->ws, row, wb->col[SC_MUNICIPAL_NET], wb->money, total->municipal_net,
                   "=%s-%s", cost, grant) != 0)
        return -1;
    if (wb->present[SC_COACH_FTE] &&
        wb_number(ctx, wb->ws, row, wb->col[SC_COACH_FTE], r->coach_fte[r->n_months - 1],
                  wb->number) != 0)
        return -1;
    if (wb->present[SC_CASELOAD] && r->has_caseload &&
        wb_number(ctx, wb->ws, row, wb->col[SC_CASELOAD], r->caseload, wb->number) != 0)
        return -1;
    if (wb->present[SC_BONUS_ALLOCATED] && r->has_bonus &&
        wb_number(ctx, wb->ws, row, wb->col[SC_BONUS_ALLOCATED], r->bonus.allocated,
                  wb->money) != 0)
        return -1;
    wb->last_row = row;
    return 0;
}

/* A line chart of the total and net cost against the one varied value. */
static int sweep_chart(sweep_workbook *wb)
{
    wb_context *ctx = &wb->ctx;
    lxw_chart *chart = workbook_add_chart(ctx->workbook, LXW_CHART_LINE);
    if (!chart)
        return wb_fail_msg(ctx, "cannot add a chart");
    static const sweep_column shown[] = {SC_TOTAL_COST, SC_MUNICIPAL_NET};
    for (size_t i = 0; i < ARRAY_SIZE(shown); i++) {
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        if (!series)
            return wb_fail_msg(ctx, "cannot add a chart series");
        chart_series_set_categories(series, SWEEP_SHEET, 1, 0, wb->last_row, 0);
        chart_series_set_values(series, SWEEP_SHEET, 1, wb->col[shown[i]], wb->last_row,
                                wb->col[shown[i]]);
        chart_series_set_name(series, column_header(shown[i], ctx->lang));
    }
    chart_title_set_name(chart, wb->axes[0].path);
    chart_axis_set_name(chart->x_axis, wb->axes[0].path);
    chart_axis_set_num_format(chart->y_axis, "#,##0 \"€\"");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options options = {.x_scale = 1.5, .y_scale = 1.3};
    WB_CHECK(ctx, worksheet_insert_chart_opt(wb->ws, 1, (lxw_col_t)(wb->last_col + 2), chart,
                                             &options));
    return 0;
}

static int properties(sweep_workbook *wb)
{
    wb_context *ctx = &wb->ctx;
    const scenario *s = wb->base;
    char title[512];
    snprintf(title, sizeof title, "%s – sweep", s->name ? s->name : s->id);
    lxw_doc_properties props = {
        .title = title,
        .author = s->prepared_by,
        .created = output_file_time(s, true),   /* as the scenario's own workbook */
    };
    WB_CHECK(ctx, workbook_set_properties(ctx->workbook, &props));
    WB_CHECK(ctx, workbook_set_custom_property_string(ctx->workbook, "tkk version", TKK_VERSION));
    if (s->sha256_hex[0])
        WB_CHECK(ctx, workbook_set_custom_property_string(ctx->workbook, "Input SHA-256",
                                                          s->sha256_hex));
    for (size_t k = 0; k < wb->n_axes; k++) {
        char name[32];
        snprintf(name, sizeof name, "Vary %zu", k + 1);
        WB_CHECK(ctx, workbook_set_custom_property_string(ctx->workbook, name, wb->axes[k].arg));
    }
    return 0;
}

int sweep_workbook_close(sweep_workbook *wb)
{
    wb_context *ctx = &wb->ctx;
    int rc = 0;
    /* SPEC §6: an autofilter and the name `Sweep` over header and rows. */
    char first[16], last[16], range[80];
    wb_cell_abs(first, 0, 0);
    wb_cell_abs(last, wb->last_row, wb->last_col);
    snprintf(range, sizeof range, "=%s!%s:%s", SWEEP_SHEET, first, last);
    lxw_error err = worksheet_autofilter(wb->ws, 0, 0, wb->last_row, wb->last_col);
    if (err != LXW_NO_ERROR)
        rc = wb_fail(ctx, "worksheet_autofilter", err);
    if (rc == 0 && (err = workbook_define_name(ctx->workbook, "Sweep", range)) != LXW_NO_ERROR)
        rc = wb_fail(ctx, "workbook_define_name", err);
    if (rc == 0 && wb->n_axes == 1 && wb->last_row > 0)
        rc = sweep_chart(wb);
    if (rc == 0)
        rc = properties(wb);
    if (rc != 0) {
        sweep_workbook_discard(wb);
        return -1;
    }
    /* workbook_close() is where the file is really written: check it (STYLE.md). */
    errno = 0;
    err = workbook_close(ctx->workbook);
    ctx->workbook = NULL;
    if (err != LXW_NO_ERROR) {
        char message[300];
        snprintf(message, sizeof message, "%s",
                 err == LXW_ERROR_CREATING_XLSX_FILE && errno != 0 ? strerror(errno)
                                                                   : lxw_strerror(err));
        rc = wb_fail_msg(ctx, message);
    }
    sweep_workbook_discard(wb);
    return rc;
}

void sweep_workbook_discard(sweep_workbook *wb)
{
    if (!wb)
        return;
    if (wb->ctx.workbook)
        lxw_workbook_free(wb->ctx.workbook);
    mpq_clear(wb->value);
    free(wb);
}
