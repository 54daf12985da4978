/*
 * workbook_summary — the Summary sheet (SPEC §6), written last.
 *
 * The scenario's name, period, area, author and date; the key figures as formulas
 * pointing at the Funding table's total row (and at the Bonus and Rewards sheets),
 * each a defined name (Total_Cost, Municipal_Cost, State_Grant, Municipal_Net_Cost;
 * Bonus_Pool, Bonus_Allocated, Bonus_Unallocated; Reward_Claimed, Reward_Paid); then
 * Budget, Plan and Actual per year from the Budget table's total rows with a column
 * chart of them.
 */
#include "workbook_internal.h"

#include <stdio.h>
#include <string.h>

#include "common.h"

enum { COL_LABEL, COL_VALUE };
enum { COL_YEAR, COL_BUDGET, COL_PLAN, COL_ACTUAL };

typedef struct {
    wb_context *ctx;
    lxw_worksheet *ws;
    lxw_row_t row;   /* the next free row */
} summary_sheet;

static int info_text(summary_sheet *sum, wb_label label, const char *text, lxw_format *format)
{
    if (!text || !text[0])
        return 0;
    wb_context *ctx = sum->ctx;
    if (wb_string(ctx, sum->ws, sum->row, COL_LABEL, wb_text(ctx, label), ctx->fmt.bold) != 0 ||
        wb_string(ctx, sum->ws, sum->row, COL_VALUE, text, format) != 0)
        return -1;
    sum->row++;
    return 0;
}

static int write_info(summary_sheet *sum)
{
    wb_context *ctx = sum->ctx;
    const scenario *s = ctx->s;
    char start[8], end[8], period[40];
    month_format(s->start, start);
    month_format(s->end, end);
    snprintf(period, sizeof period, "%s – %s", start, end);
    if (info_text(sum, WB_L_SUM_SCENARIO, s->name, NULL) != 0 ||
        info_text(sum, WB_L_SUM_ID, s->id, NULL) != 0)
        return -1;
    if (s->description && s->description[0]) {
        /* Wrapped in column B (46 characters): room for every line, within Excel's 409 pt. */
        size_t characters = 0;
        for (const char *c = s->description; *c; c++)
            characters += ((unsigned char)*c & 0xC0) != 0x80;   /* UTF-8: count characters */
        size_t lines = characters / 44 + 1;
        double height = lines * 13.0 > 409 ? 409 : lines * 13.0;
        WB_CHECK(ctx, worksheet_set_row(sum->ws, sum->row, height, NULL));
    }
    if (info_text(sum, WB_L_SUM_DESCRIPTION, s->description, ctx->fmt.wrap) != 0 ||
        info_text(sum, WB_L_SUM_AREA, s->area, NULL) != 0 ||
        info_text(sum, WB_L_SUM_PERIOD, period, NULL) != 0 ||
        info_text(sum, WB_L_SUM_PREPARED_BY, s->prepared_by, NULL) != 0)
        return -1;
    if (s->has_date) {
        lxw_datetime date = {s->date_year, s->date_month, s->date_day, 0, 0, 0};
        if (wb_string(ctx, sum->ws, sum->row, COL_LABEL, wb_text(ctx, WB_L_SUM_DATE),
                      ctx->fmt.bold) != 0)
            return -1;
        WB_CHECK(ctx, worksheet_write_datetime(sum->ws, sum->row, COL_VALUE, &date, ctx->fmt.date));
        sum->row++;
    }
    if (info_text(sum, WB_L_SUM_ROUNDING,
                  s->rounding == ROUND_HALF_EVEN ? "half-even" : "half-up", NULL) != 0 ||
        info_text(sum, WB_L_SUM_VERSION, "tkk " TKK_VERSION, NULL) != 0 ||
        info_text(sum, WB_L_SUM_SHA256, s->sha256_hex, NULL) != 0)
        return -1;
    return 0;
}

/* One key figure: a label, a formula "=<ref>" (or the value when ref is empty), and a
 * defined name (may be NULL) pointing at the cell. */
static int key_figure(summary_sheet *sum, wb_label label, const char *ref, const mpq_t value,
                      lxw_format *format, const char *defined_name)
{
    wb_context *ctx = sum->ctx;
    if (wb_string(ctx, sum->ws, sum->row, COL_LABEL, wb_text(ctx, label), NULL) != 0)
        return -1;
    int rc = ref && ref[0]
                 ? wb_formula(ctx, sum->ws, sum->row, COL_VALUE, format, value, "=%s", ref)
                 : wb_number(ctx, sum->ws, sum->row, COL_VALUE, value, format);
    if (rc != 0)
        return -1;
    if (defined_name) {
        char target[WB_REF_SIZE + 1], cell[WB_REF_SIZE];
        wb_ref_abs(ctx, cell, WB_SHEET_SUMMARY, sum->row, COL_VALUE);
        snprintf(target, sizeof target, "=%s", cell);
        WB_CHECK(ctx, workbook_define_name(ctx->out.workbook, defined_name, target));
    }
    sum->row++;
    return 0;
}

static int write_funding_figures(summary_sheet *sum)
{
    wb_context *ctx = sum->ctx;
    const results *r = ctx->r;
    mpq_t zero;
    mpq_init(zero);
    /* Without cost lines there is no Funding sheet; the figures are then plain values. */
    const funding_row *total = r->n_funding > 0 ? &r->funding[r->n_funding - 1] : NULL;
    bool linked = total && ctx->sheets[WB_SHEET_FUNDING];
    lxw_row_t total_row = (lxw_row_t)(WB_FUNDING_TABLE_ROW + r->n_funding);
    static const struct {
        wb_label label;
        lxw_col_t col;
        const char *name;
    } figures[] = {
        {WB_L_SUM_TOTAL_COST, WB_FUNDING_COL_TOTAL_COST, "Total_Cost"},
        {WB_L_SUM_MUNICIPAL_COST, WB_FUNDING_COL_MUNICIPAL_COST, "Municipal_Cost"},
        {WB_L_SUM_STATE_GRANT, WB_FUNDING_COL_STATE_GRANT, "State_Grant"},
        {WB_L_SUM_MUNICIPAL_NET, WB_FUNDING_COL_MUNICIPAL_NET, "Municipal_Net_Cost"},
    };
    int rc = 0;
    for (size_t i = 0; i < ARRAY_SIZE(figures) && rc == 0; i++) {
        char ref[WB_REF_SIZE] = "";
        if (linked)
            wb_ref_abs(ctx, ref, WB_SHEET_FUNDING, total_row, figures[i].col);
        mpq_srcptr value = zero;
        if (total) {
            switch (figures[i].col) {
            case WB_FUNDING_COL_TOTAL_COST: value = total->total_cost; break;
            case WB_FUNDING_COL_MUNICIPAL_COST: value = total->municipal_cost; break;
            case WB_FUNDING_COL_STATE_GRANT: value = total->state_grant; break;
            default: value = total->municipal_net; break;
            }
        }
        rc = key_figure(sum, figures[i].label, ref, value, ctx->fmt.money, figures[i].name);
    }
    if (rc == 0 && total && total->has_required) {
        char ref[WB_REF_SIZE] = "";
        if (linked)
            wb_ref_abs(ctx, ref, WB_SHEET_FUNDING, total_row, WB_FUNDING_COL_REQUIRED);
        rc = key_figure(sum, WB_L_SUM_REQUIRED, ref, total->required, ctx->fmt.money, NULL);
        const char *status = total->met ? "met" : "shortfall";
        if (rc == 0)
            rc = wb_string(ctx, sum->ws, sum->row, COL_LABEL, wb_text(ctx, WB_L_SUM_STATUS), NULL);
        if (rc == 0 && linked) {
            wb_ref_abs(ctx, ref, WB_SHEET_FUNDING, total_row, WB_FUNDING_COL_STATUS);
            rc = wb_formula_text(ctx, sum->ws, sum->row, COL_VALUE, NULL, status, "=%s", ref);
        } else if (rc == 0) {
            rc = wb_string(ctx, sum->ws, sum->row, COL_VALUE, status, NULL);
        }
        sum->row++;
    }
    mpq_clear(zero);
    return rc;
}

static int write_bonus_figures(summary_sheet *sum)
{
    wb_context *ctx = sum->ctx;
    const scenario *s = ctx->s;
    const bonus_result *b = &ctx->r->bonus;
    mpq_t pool, check;
    mpq_inits(pool, check, NULL);
    money_round(pool, s->bonus.pool, s->rounding);   /* the value the pool cell holds */
    lxw_row_t pool_row = sum->row, allocated_row = sum->row + 1;
    int rc = key_figure(sum, WB_L_SUM_BONUS_POOL, ctx->bonus_pool_ref, pool, ctx->fmt.money,
                        "Bonus_Pool");
    if (rc == 0)
        rc = key_figure(sum, WB_L_SUM_BONUS_ALLOCATED, ctx->bonus_allocated_ref, b->allocated,
                        ctx->fmt.money, "Bonus_Allocated");
    if (rc == 0) {
        mpq_sub(check, pool, b->allocated);
        char pool_cell[32], allocated_cell[32], formula[80] = "";
        wb_cell(pool_cell, pool_row, COL_VALUE);
        wb_cell(allocated_cell, allocated_row, COL_VALUE);
        /* key_figure writes "=<ref>": the ref here is the difference of the two cells. */
        if (mpq_equal(check, b->unallocated))
            snprintf(formula, sizeof formula, "%s-%s", pool_cell, allocated_cell);
        rc = key_figure(sum, WB_L_SUM_BONUS_UNALLOCATED, formula, b->unallocated,
                        ctx->fmt.money, "Bonus_Unallocated");
    }
    mpq_clears(pool, check, NULL);
    return rc;
}

static int write_reward_figures(summary_sheet *sum)
{
    wb_context *ctx = sum->ctx;
    const reward_result *rr = &ctx->r->rewards;
    if (key_figure(sum, WB_L_SUM_REWARD_CLAIMED, ctx->reward_claimed_ref, rr->claimed,
                   ctx->fmt.money, "Reward_Claimed") != 0 ||
        key_figure(sum, WB_L_SUM_REWARD_PAID, ctx->reward_paid_ref, rr->paid, ctx->fmt.money,
                   "Reward_Paid") != 0)
        return -1;
    return 0;
}

/* Budget, Plan and Actual per year from the Budget table's total rows, and the chart. */
static int write_by_year(summary_sheet *sum)
{
    wb_context *ctx = sum->ctx;
    const results *r = ctx->r;
    lxw_worksheet *ws = sum->ws;
    if (wb_string(ctx, ws, sum->row, COL_LABEL, wb_text(ctx, WB_L_SUM_BY_YEAR), ctx->fmt.bold) != 0)
        return -1;
    lxw_row_t header = sum->row + 1;
    static const wb_label headers[] = {
        WB_L_BUDGET_YEAR, WB_L_BUDGET_BUDGET, WB_L_BUDGET_PLAN, WB_L_BUDGET_ACTUAL,
    };
    for (size_t i = 0; i < ARRAY_SIZE(headers); i++)
        if (wb_string(ctx, ws, header, (lxw_col_t)i, wb_text(ctx, headers[i]),
                      i == 0 ? ctx->fmt.bold : ctx->fmt.bold_right) != 0)
            return -1;

    lxw_row_t row = header + 1;
    for (size_t i = 0; i < r->n_budget; i++) {
        const budget_row *b = &r->budget[i];
        if (b->category != CAT_COUNT)
            continue;
        lxw_row_t budget_row_num = (lxw_row_t)(WB_TABLE_ROW + 1 + i);
        char ref[WB_REF_SIZE];
        mpq_t cell;
        mpq_init(cell);
        int rc = wb_integer(ctx, ws, row, COL_YEAR, b->year, ctx->fmt.integer);
        if (rc == 0 && b->has_budget) {
            money_round(cell, b->budget, ctx->s->rounding);
            wb_ref_abs(ctx, ref, WB_SHEET_BUDGET, budget_row_num, WB_BUDGET_COL_BUDGET);
            rc = wb_formula(ctx, ws, row, COL_BUDGET, ctx->fmt.money, cell, "=%s", ref);
        }
        if (rc == 0) {
            wb_ref_abs(ctx, ref, WB_SHEET_BUDGET, budget_row_num, WB_BUDGET_COL_PLAN);
            rc = wb_formula(ctx, ws, row, COL_PLAN, ctx->fmt.money, b->plan, "=%s", ref);
        }
        if (rc == 0 && b->has_actual) {
            money_round(cell, b->actual, ctx->s->rounding);
            wb_ref_abs(ctx, ref, WB_SHEET_BUDGET, budget_row_num, WB_BUDGET_COL_ACTUAL);
            rc = wb_formula(ctx, ws, row, COL_ACTUAL, ctx->fmt.money, cell, "=%s", ref);
        }
        mpq_clear(cell);
        if (rc != 0)
            return -1;
        row++;
    }
    lxw_row_t last = row - 1;
    sum->row = row + 1;
    if (last <= header)
        return 0;

    /* SPEC §6: a chart of budget vs plan vs actual per year. */
    lxw_chart *chart = workbook_add_chart(ctx->out.workbook, LXW_CHART_COLUMN);
    if (!chart)
        return wb_fail_msg(ctx, "cannot add a chart");
    const char *sheet_name = wb_text(ctx, WB_L_SHEET_SUMMARY);
    char categories[WB_REF_SIZE + 1], values[WB_REF_SIZE + 1], range[WB_REF_SIZE];
    wb_range_abs(ctx, range, WB_SHEET_SUMMARY, header + 1, COL_YEAR, last);
    snprintf(categories, sizeof categories, "=%s", range);
    for (lxw_col_t col = COL_BUDGET; col <= COL_ACTUAL; col++) {
        wb_range_abs(ctx, range, WB_SHEET_SUMMARY, header + 1, col, last);
        snprintf(values, sizeof values, "=%s", range);
        lxw_chart_series *series = chart_add_series(chart, categories, values);
        if (!series)
            return wb_fail_msg(ctx, "cannot add a chart series");
        chart_series_set_name_range(series, sheet_name, header, col);
    }
    chart_title_set_name(chart, wb_text(ctx, WB_L_SUM_CHART_TITLE));
    chart_axis_set_num_format(chart->y_axis, "#,##0 \"€\"");
    chart_axis_set_min(chart->y_axis, 0);   /* bars that do not start at 0 exaggerate differences */
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options options = {.x_scale = 1.4, .y_scale = 1.2};
    WB_CHECK(ctx, worksheet_insert_chart_opt(ws, sum->row, COL_LABEL, chart, &options));
    return 0;
}

int workbook_summary_sheet(wb_context *ctx, lxw_worksheet *ws)
{
    summary_sheet sum = {.ctx = ctx, .ws = ws, .row = WB_TABLE_ROW};
    if (wb_sheet_title(ctx, ws, WB_L_TITLE_SUMMARY) != 0 || write_info(&sum) != 0)
        return -1;

    sum.row++;
    if (wb_string(ctx, ws, sum.row++, COL_LABEL, wb_text(ctx, WB_L_SUM_KEY_FIGURES),
                  ctx->fmt.bold) != 0 ||
        write_funding_figures(&sum) != 0)
        return -1;
    /* SPEC §7.6: the period's Net effect once the change in TMT payments is counted. */
    if (ctx->r->tmt.has_net_effect &&
        workbook_tmt_summary_figure(ctx, ws, sum.row++, COL_LABEL, COL_VALUE) != 0)
        return -1;
    if (ctx->s->has_bonus && ctx->r->has_bonus && write_bonus_figures(&sum) != 0)
        return -1;
    if (ctx->s->has_rewards && ctx->r->has_rewards && write_reward_figures(&sum) != 0)
        return -1;
    sum.row++;
    if (ctx->sheets[WB_SHEET_BUDGET] && write_by_year(&sum) != 0)
        return -1;

    static const double widths[] = {34, 46, 16, 16};
    if (wb_column_widths(ctx, ws, 0, widths, ARRAY_SIZE(widths)) != 0)
        return -1;
    return wb_print_setup(ctx, ws, false, -1);
}
