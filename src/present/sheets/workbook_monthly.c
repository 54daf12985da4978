/*
 * workbook_monthly — the Monthly sheet (SPEC §5.1–§5.2, §6).
 *
 * Two tables side by side with their header in the same row (workbook_internal.h):
 * `Monthly` in A..G, one row per month of the period, and `MonthlyDetail` in I..M, one
 * row per cost line and month it costs something. The detail rows hold the cents; the
 * Monthly columns are SUMIFS over them by Category (or Payer "state") and Month, Total
 * the sum of the three categories. Coach FTE is a value. A stacked column chart by
 * category sits under the Monthly table.
 */
#include "workbook_internal.h"

#include "common.h"
#include "vocab.h"

/* Σ detail cents of the month, of one category (category < CAT_COUNT) or of state-paid
 * lines (category == CAT_COUNT): what the SUMIFS computes from the cells, exactly. */
static void detail_sum(mpq_t out, const wb_context *ctx, int month, cost_category category)
{
    mpq_set_ui(out, 0, 1);
    for (size_t i = 0; i < ctx->layout.n_detail; i++) {
        const wb_detail_row *d = &ctx->layout.detail[i];
        const line_result *line = &ctx->r->lines[d->line];
        bool counts = category == CAT_COUNT ? line->payer == PAYER_STATE
                                            : line->category == category;
        if (d->month == month && counts)
            mpq_add(out, out, line->monthly[d->month]);
    }
}

/* One SUMIFS cell: by category, or by payer "state" when category == CAT_COUNT. */
static int write_sumifs(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                        int month, cost_category category, const mpq_t value)
{
    mpq_t check;
    mpq_init(check);
    detail_sum(check, ctx, month, category);
    bool agrees = ctx->layout.n_detail > 0 && mpq_equal(check, value);
    mpq_clear(check);
    if (!agrees)
        return wb_number(ctx, ws, row, col, value, ctx->fmt.money);

    char amounts[WB_REF_SIZE], keys[WB_REF_SIZE], months[WB_REF_SIZE], month_cell[32];
    wb_detail_range(ctx, amounts, WB_DETAIL_COL_AMOUNT);
    wb_detail_range(ctx, keys, category == CAT_COUNT ? WB_DETAIL_COL_PAYER
                                                     : WB_DETAIL_COL_CATEGORY);
    wb_detail_range(ctx, months, WB_DETAIL_COL_MONTH);
    wb_cell(month_cell, row, WB_MONTHLY_COL_MONTH);
    const char *key = category == CAT_COUNT ? vocab_payer(PAYER_STATE, ctx->out.lang)
                                             : vocab_category(category, ctx->out.lang);
    return wb_formula(ctx, ws, row, col, ctx->fmt.money, value,
                      "=SUMIFS(%s,%s,\"%s\",%s,$%s)", amounts, keys, key, months, month_cell);
}

static int write_monthly_row(wb_context *ctx, lxw_worksheet *ws, int m)
{
    const results *r = ctx->r;
    lxw_row_t row = (lxw_row_t)(WB_TABLE_ROW + 1 + m);
    if (wb_month(ctx, ws, row, WB_MONTHLY_COL_MONTH, ctx->s->start + m) != 0)
        return -1;
    for (int c = 0; c < CAT_COUNT; c++)
        if (write_sumifs(ctx, ws, row, (lxw_col_t)(WB_MONTHLY_COL_PERSONNEL + c), m,
                         (cost_category)c, r->by_category[c][m]) != 0)
            return -1;

    /* Total = Personnel + Premises + Other. */
    mpq_t check;
    mpq_init(check);
    for (int c = 0; c < CAT_COUNT; c++)
        mpq_add(check, check, r->by_category[c][m]);
    bool agrees = mpq_equal(check, r->month_total[m]);
    mpq_clear(check);
    char personnel[32], premises[32], other[32];
    wb_cell(personnel, row, WB_MONTHLY_COL_PERSONNEL);
    wb_cell(premises, row, WB_MONTHLY_COL_PREMISES);
    wb_cell(other, row, WB_MONTHLY_COL_OTHER);
    int rc = agrees ? wb_formula(ctx, ws, row, WB_MONTHLY_COL_TOTAL, ctx->fmt.money,
                                 r->month_total[m], "=%s+%s+%s", personnel, premises, other)
                    : wb_number(ctx, ws, row, WB_MONTHLY_COL_TOTAL, r->month_total[m],
                                ctx->fmt.money);
    if (rc != 0 ||
        write_sumifs(ctx, ws, row, WB_MONTHLY_COL_STATE_PAID, m, CAT_COUNT, r->state_paid[m]) != 0 ||
        wb_number(ctx, ws, row, WB_MONTHLY_COL_COACH_FTE, r->coach_fte[m], ctx->fmt.number) != 0)
        return -1;
    /* SPEC §7.3: the ledger's municipal costs of the month, beside the plan. */
    if (ctx->s->has_ledger &&
        wb_number(ctx, ws, row, WB_MONTHLY_COL_ACTUAL, ctx->s->ledger_monthly[m], ctx->fmt.money) != 0)
        return -1;
    return 0;
}

static int write_detail(wb_context *ctx, lxw_worksheet *ws)
{
    for (size_t i = 0; i < ctx->layout.n_detail; i++) {
        const wb_detail_row *d = &ctx->layout.detail[i];
        const line_result *line = &ctx->r->lines[d->line];
        lxw_row_t row = (lxw_row_t)(WB_TABLE_ROW + 1 + i);
        if (wb_string(ctx, ws, row, WB_DETAIL_COL_LINE, line->id, NULL) != 0 ||
            wb_string(ctx, ws, row, WB_DETAIL_COL_CATEGORY, vocab_category(line->category, ctx->out.lang),
                      NULL) != 0 ||
            wb_string(ctx, ws, row, WB_DETAIL_COL_PAYER, vocab_payer(line->payer, ctx->out.lang), NULL) != 0 ||
            wb_month(ctx, ws, row, WB_DETAIL_COL_MONTH, ctx->s->start + d->month) != 0 ||
            wb_number(ctx, ws, row, WB_DETAIL_COL_AMOUNT, line->monthly[d->month],
                      ctx->fmt.money) != 0)
            return -1;
    }
    return 0;
}

/* SPEC §6: "Monthly: a stacked chart by category", under the Monthly table. */
static int insert_chart(wb_context *ctx, lxw_worksheet *ws, double width_px)
{
    lxw_chart *chart = workbook_add_chart(ctx->out.workbook, LXW_CHART_COLUMN_STACKED);
    if (!chart)
        return wb_fail_msg(ctx, "cannot add a chart");
    const char *sheet_name = wb_text(ctx, WB_L_SHEET_MONTHLY);
    char categories[WB_REF_SIZE + 1], values[WB_REF_SIZE + 1], range[WB_REF_SIZE];
    wb_monthly_range(ctx, range, WB_MONTHLY_COL_MONTH);
    snprintf(categories, sizeof categories, "=%s", range);
    for (int c = 0; c < CAT_COUNT; c++) {
        lxw_col_t col = (lxw_col_t)(WB_MONTHLY_COL_PERSONNEL + c);
        wb_monthly_range(ctx, range, col);
        snprintf(values, sizeof values, "=%s", range);
        lxw_chart_series *series = chart_add_series(chart, categories, values);
        if (!series)
            return wb_fail_msg(ctx, "cannot add a chart series");
        chart_series_set_name_range(series, sheet_name, WB_TABLE_ROW, col);
    }
    chart_title_set_name(chart, wb_text(ctx, WB_L_MONTHLY_CHART_TITLE));
    char axis_code[64];
    wb_locale_code(ctx, axis_code, sizeof axis_code, "yyyy-mm");
    chart_axis_set_num_format(chart->x_axis, axis_code);
    wb_locale_code(ctx, axis_code, sizeof axis_code, "#,##0 \"€\"");
    chart_axis_set_num_format(chart->y_axis, axis_code);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);

    lxw_chart_options options = {.x_scale = width_px / 480.0, .y_scale = 1.0};
    lxw_row_t row = (lxw_row_t)(WB_TABLE_ROW + ctx->r->n_months + 2);
    WB_CHECK(ctx, worksheet_insert_chart_opt(ws, row, 0, chart, &options));
    return 0;
}

int workbook_monthly_sheet(wb_context *ctx, lxw_worksheet *ws)
{
    const results *r = ctx->r;
    if (wb_sheet_title(ctx, ws, WB_L_TITLE_MONTHLY) != 0 ||
        wb_string(ctx, ws, WB_TABLE_ROW - 1, WB_DETAIL_COL_LINE, wb_text(ctx, WB_L_TITLE_DETAIL),
                  ctx->fmt.bold) != 0)
        return -1;
    wb_track_columns(ctx, ws, WB_TABLE_ROW);
    for (int m = 0; m < r->n_months; m++)
        if (write_monthly_row(ctx, ws, m) != 0)
            return -1;
    if (write_detail(ctx, ws) != 0)
        return -1;

    static const wb_label monthly_headers[] = {
        WB_L_MONTHLY_MONTH, WB_L_MONTHLY_PERSONNEL, WB_L_MONTHLY_PREMISES, WB_L_MONTHLY_OTHER,
        WB_L_MONTHLY_TOTAL, WB_L_MONTHLY_STATE_PAID, WB_L_MONTHLY_COACH_FTE,
        WB_L_MONTHLY_ACTUAL,   /* last, with a ledger: the other columns keep their place */
    };
    static const wb_label detail_headers[] = {
        WB_L_DETAIL_LINE, WB_L_DETAIL_CATEGORY, WB_L_DETAIL_PAYER, WB_L_DETAIL_MONTH,
        WB_L_DETAIL_AMOUNT,
    };
    /* A table needs a data row: with no cost at all, MonthlyDetail keeps one empty row. */
    size_t detail_rows = ctx->layout.n_detail > 0 ? ctx->layout.n_detail : 1;
    static const double widths[] = {9, 12, 12, 12, 12, 12, 12, 3, 12, 9, 9, 9, 12};
    static const double ledger_widths[] = {9, 12, 12, 12, 12, 12, 12, 12, 12, 9, 9, 9, 12};
    if (wb_table_labels(ctx, ws, "Monthly", WB_TABLE_ROW, WB_MONTHLY_COL_MONTH,
                        (lxw_row_t)(WB_TABLE_ROW + r->n_months), monthly_headers,
                        ARRAY_SIZE(monthly_headers) - (ctx->s->has_ledger ? 0 : 1)) != 0 ||
        wb_table_labels(ctx, ws, "MonthlyDetail", WB_TABLE_ROW, WB_DETAIL_COL_LINE,
                        (lxw_row_t)(WB_TABLE_ROW + detail_rows), detail_headers,
                        ARRAY_SIZE(detail_headers)) != 0 ||
        wb_column_widths(ctx, ws, 0, ctx->s->has_ledger ? ledger_widths : widths,
                         ARRAY_SIZE(widths)) != 0)
        return -1;

    /* Columns A..G in pixels (Excel: width × 7 + 5 for the default font). */
    double width_px = 0;
    for (size_t i = 0; i <= WB_MONTHLY_COL_COACH_FTE; i++)
        width_px += widths[i] * 7 + 5;
    if (insert_chart(ctx, ws, width_px) != 0)
        return -1;
    /* Which totals include the state-paid staff (SPEC §7.1), in the blank row above. */
    if (wb_note(ctx, ws, WB_TABLE_ROW - 1, WB_MONTHLY_COL_MONTH, WB_MONTHLY_COL_COACH_FTE,
                wb_text(ctx, WB_L_MONTHLY_NOTE)) != 0)
        return -1;
    if (wb_print_split(ctx, ws, WB_TABLE_ROW, WB_DETAIL_COL_LINE, 0) != 0)
        return -1;
    /* The title rows, the note, the table (15 pt a row) and the chart (288 px = 216 pt). */
    double height = 15.0 * (WB_TABLE_ROW + 1) + 30 + 30 + 15.0 * (r->n_months + 2) + 216;
    return xlsx_keep_chart_whole(&ctx->out, ws, height,
                                 (lxw_row_t)(WB_TABLE_ROW + r->n_months + 2));
}
