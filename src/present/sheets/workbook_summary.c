/*
 * workbook_summary — the Summary sheet (SPEC §6, §7.1 "Summary carries the verdicts"),
 * written last.
 *
 * The scenario's name, period, area, author and date; the key figures as formulas
 * pointing at the Funding table's total row (and at the Bonus and Rewards sheets),
 * each a defined name (Total_Cost, Municipal_Cost, State_Grant, Municipal_Net_Cost;
 * Bonus_Pool, Bonus_Allocated, Bonus_Unallocated; Reward_Claimed, Reward_Paid); the
 * own-contribution test (Judged on, Required, Status, Shortfall); Budget, Plan, Actual
 * and Actual − Budget per year from the Budget table's total rows, the plan's share of
 * the budget, and a column chart; each KPI's Met.
 */
#include "workbook_internal.h"
#include "workbook_record.h"

#include <stdio.h>
#include <string.h>

#include "common.h"
#include "vocab.h"
#include "vocab.h"

enum { COL_LABEL, COL_VALUE };
enum { COL_YEAR, COL_BUDGET, COL_PLAN, COL_ACTUAL, COL_VARIANCE };
/* The description wraps over columns B..E. */
#define COL_LAST COL_VARIANCE
/* Column widths: A from label_column_width, B..E for amounts. */
enum { SUMMARY_COLUMNS = COL_LAST + 1 };

/* Column A as wide as the longest label that has a value beside it (SPEC §7.1: no
 * cut text), within 24..60 units; longer texts there (KPI labels) wrap. */
static double label_column_width(language lang)
{
    static const wb_label labels[] = {
        WB_L_SUM_SCENARIO, WB_L_SUM_ID, WB_L_SUM_DESCRIPTION, WB_L_SUM_AREA, WB_L_SUM_PERIOD,
        WB_L_SUM_PREPARED_BY, WB_L_SUM_DATE, WB_L_SUM_ROUNDING, WB_L_SUM_VERSION,
        WB_L_SUM_SHA256, WB_L_SUM_TOTAL_COST, WB_L_SUM_MUNICIPAL_COST, WB_L_SUM_STATE_GRANT,
        WB_L_SUM_MUNICIPAL_NET, WB_L_SUM_REQUIRED, WB_L_FUNDING_JUDGED_ON, WB_L_FUNDING_STATUS,
        WB_L_FUNDING_SHORTFALL, WB_L_SUM_BONUS_POOL, WB_L_SUM_BONUS_ALLOCATED,
        WB_L_SUM_BONUS_UNALLOCATED, WB_L_SUM_REWARD_CLAIMED, WB_L_SUM_REWARD_PAID,
    };
    double width = 24;
    for (size_t i = 0; i < ARRAY_SIZE(labels); i++) {
        double w = wb_text_width(wb_label_text(labels[i], lang), false) + 1.5;
        if (w > width)
            width = w;
    }
    return width > 60 ? 60 : width;
}

typedef struct {
    wb_context *ctx;
    lxw_worksheet *ws;
    lxw_row_t row;   /* the next free row */
    double widths[SUMMARY_COLUMNS];
    double extra_height;   /* points of the rows set higher than the default 15 */
} summary_sheet;

/* Sets a row's height and remembers the extra, for the page estimate of write_by_year. */
static int summary_row_height(summary_sheet *sum, lxw_row_t row, double height)
{
    WB_CHECK(sum->ctx, worksheet_set_row(sum->ws, row, height, NULL));
    sum->extra_height += height - 15;
    return 0;
}

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

/* The input's SHA-256 in two lines of 32 hex digits: whole within the page. */
static int sha256_info(summary_sheet *sum)
{
    const char *hex = sum->ctx->s->sha256_hex;
    if (strlen(hex) != 64)
        return info_text(sum, WB_L_SUM_SHA256, hex, NULL);
    char two_lines[66];
    snprintf(two_lines, sizeof two_lines, "%.32s\n%.32s", hex, hex + 32);
    if (summary_row_height(sum, sum->row, 29) != 0)
        return -1;
    WB_CHECK(sum->ctx, worksheet_merge_range(sum->ws, sum->row, COL_VALUE, sum->row, COL_LAST, "",
                                             sum->ctx->fmt.wrap));
    return info_text(sum, WB_L_SUM_SHA256, two_lines, sum->ctx->fmt.wrap);
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
        /* Wrapped over B..E, the row as high as its lines (within Excel's 409 pt). */
        double width = 0;
        for (int c = COL_VALUE; c <= COL_LAST; c++)
            width += sum->widths[c];
        double lines = (double)(int)(wb_text_width(s->description, false) / (width - 3) + 1);
        double height = lines * 14.5 > 409 ? 409 : lines * 14.5;
        if (summary_row_height(sum, sum->row, height) != 0)
            return -1;
        WB_CHECK(ctx, worksheet_merge_range(sum->ws, sum->row, COL_VALUE, sum->row, COL_LAST, "",
                                            ctx->fmt.wrap));
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
                  vocab_rounding(s->rounding, ctx->out.lang), NULL) != 0 ||
        info_text(sum, WB_L_SUM_VERSION, "tkk " TKK_VERSION, NULL) != 0 ||
        sha256_info(sum) != 0)
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
    if (defined_name &&
        wb_define_name(ctx, defined_name, WB_SHEET_SUMMARY, sum->ws, sum->row, COL_VALUE) != 0)
        return -1;
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
    mpq_clear(zero);
    return rc;
}

/* A text verdict: a formula pointing at the Funding cell when linked, else the value. */
static int verdict_text(summary_sheet *sum, wb_label label, bool linked, lxw_col_t col,
                        const char *text, lxw_format *format)
{
    wb_context *ctx = sum->ctx;
    if (wb_string(ctx, sum->ws, sum->row, COL_LABEL, wb_text(ctx, label), NULL) != 0)
        return -1;
    int rc;
    if (linked) {
        char ref[WB_REF_SIZE];
        wb_ref_abs(ctx, ref, WB_SHEET_FUNDING,
                   (lxw_row_t)(WB_FUNDING_TABLE_ROW + ctx->r->n_funding), col);
        rc = wb_formula_text(ctx, sum->ws, sum->row, COL_VALUE, format, text, "=%s", ref);
    } else {
        rc = wb_string(ctx, sum->ws, sum->row, COL_VALUE, text, format);
    }
    sum->row++;
    return rc;
}

/* SPEC §7.1: the own-contribution test of the whole period — Judged on, Required,
 * Status, Shortfall — from the Funding table's total row. */
static int write_own_test(summary_sheet *sum)
{
    wb_context *ctx = sum->ctx;
    const results *r = ctx->r;
    const funding_row *total = r->n_funding > 0 ? &r->funding[r->n_funding - 1] : NULL;
    if (!total || !total->has_required)
        return 0;
    bool linked = ctx->sheets[WB_SHEET_FUNDING] != NULL;
    lxw_row_t total_row = (lxw_row_t)(WB_FUNDING_TABLE_ROW + r->n_funding);
    char ref[WB_REF_SIZE] = "";
    sum->row++;
    if (wb_string(ctx, sum->ws, sum->row++, COL_LABEL, wb_text(ctx, WB_L_SUM_OWN_TEST),
                  ctx->fmt.bold) != 0 ||
        verdict_text(sum, WB_L_FUNDING_JUDGED_ON, linked, WB_FUNDING_COL_JUDGED_ON,
                     vocab_judged_on(total->judged_on, ctx->out.lang), NULL) != 0)
        return -1;
    if (linked)
        wb_ref_abs(ctx, ref, WB_SHEET_FUNDING, total_row, WB_FUNDING_COL_REQUIRED);
    if (key_figure(sum, WB_L_SUM_REQUIRED, ref, total->required, ctx->fmt.money, NULL) != 0 ||
        verdict_text(sum, WB_L_FUNDING_STATUS, linked, WB_FUNDING_COL_STATUS,
                     vocab_status(total->met, ctx->out.lang), ctx->fmt.bold) != 0)
        return -1;
    if (linked)
        wb_ref_abs(ctx, ref, WB_SHEET_FUNDING, total_row, WB_FUNDING_COL_SHORTFALL);
    return key_figure(sum, WB_L_FUNDING_SHORTFALL, ref, total->shortfall, ctx->fmt.money, NULL);
}

/* SPEC §7.1: each KPI's Met (the KPIs sheet has the figures). */
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
        WB_L_BUDGET_ACTUAL_BUDGET,
    };
    /* Two lines, so "Actual - Budget" fits its column. */
    if (summary_row_height(sum, header, 30) != 0)
        return -1;
    for (size_t i = 0; i < ARRAY_SIZE(headers); i++)
        if (wb_string(ctx, ws, header, (lxw_col_t)i, wb_text(ctx, headers[i]),
                      ctx->fmt.header) != 0)
            return -1;

    lxw_row_t row = header + 1;
    mpq_t plan_with_budget, budget_sum;
    mpq_inits(plan_with_budget, budget_sum, NULL);
    for (size_t i = 0; i < r->n_budget; i++) {
        const budget_row *b = &r->budget[i];
        if (b->category != CAT_COUNT)
            continue;
        lxw_row_t budget_row_num = (lxw_row_t)(WB_TABLE_ROW + 1 + i);
        char ref[WB_REF_SIZE];
        mpq_t cell;
        mpq_init(cell);
        int rc = wb_integer(ctx, ws, row, COL_YEAR, b->year, ctx->fmt.year_left);
        if (rc == 0 && b->has_budget) {
            money_round(cell, b->budget, ctx->s->rounding);
            wb_ref_abs(ctx, ref, WB_SHEET_BUDGET, budget_row_num, WB_BUDGET_COL_BUDGET);
            rc = wb_formula(ctx, ws, row, COL_BUDGET, ctx->fmt.money, cell, "=%s", ref);
        }
        if (rc == 0) {
            wb_ref_abs(ctx, ref, WB_SHEET_BUDGET, budget_row_num, WB_BUDGET_COL_PLAN);
            rc = wb_formula(ctx, ws, row, COL_PLAN, ctx->fmt.money, b->plan, "=%s", ref);
        }
        if (rc == 0 && b->has_budget) {
            mpq_t budget_cell;
            mpq_init(budget_cell);
            money_round(budget_cell, b->budget, ctx->s->rounding);
            mpq_add(budget_sum, budget_sum, budget_cell);
            mpq_add(plan_with_budget, plan_with_budget, b->plan);
            mpq_set(cell, budget_cell);
            mpq_clear(budget_cell);
        }
        if (rc == 0 && b->has_actual) {
            mpq_t actual_cell;
            mpq_init(actual_cell);
            money_round(actual_cell, b->actual, ctx->s->rounding);
            wb_ref_abs(ctx, ref, WB_SHEET_BUDGET, budget_row_num, WB_BUDGET_COL_ACTUAL);
            rc = wb_formula(ctx, ws, row, COL_ACTUAL, ctx->fmt.money, actual_cell, "=%s", ref);
            /* SPEC §7.1: Actual − Budget per year, on the two cells of the row. */
            if (rc == 0 && b->has_budget) {
                char actual_ref[16], budget_ref[16];
                wb_cell(actual_ref, row, COL_ACTUAL);
                wb_cell(budget_ref, row, COL_BUDGET);
                mpq_sub(actual_cell, actual_cell, cell);
                rc = wb_formula(ctx, ws, row, COL_VARIANCE, ctx->fmt.money, actual_cell,
                                "=%s-%s", actual_ref, budget_ref);
            }
            mpq_clear(actual_cell);
        }
        mpq_clear(cell);
        if (rc != 0) {
            mpq_clears(plan_with_budget, budget_sum, NULL);
            return -1;
        }
        row++;
    }
    lxw_row_t last = row - 1;
    /* SPEC §7.1: how much of the budget the plan covers (years with a budget). */
    int rc = 0;
    if (last > header && mpq_sgn(budget_sum) > 0) {
        mpq_t share;
        mpq_init(share);
        mpq_div(share, plan_with_budget, budget_sum);
        char budgets[WB_REF_SIZE], plans[WB_REF_SIZE];
        wb_range_abs(ctx, budgets, WB_SHEET_SUMMARY, header + 1, COL_BUDGET, last);
        wb_range_abs(ctx, plans, WB_SHEET_SUMMARY, header + 1, COL_PLAN, last);
        rc = wb_string(ctx, ws, row, COL_YEAR, wb_text(ctx, WB_L_SUM_PLAN_SHARE), NULL);
        if (rc == 0)
            rc = wb_formula(ctx, ws, row, COL_PLAN, ctx->fmt.percent, share,
                            "=SUMIF(%s,\"<>\",%s)/SUM(%s)", budgets, plans, budgets);
        mpq_clear(share);
        row++;
    }
    mpq_clears(plan_with_budget, budget_sum, NULL);
    if (rc != 0)
        return -1;
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
    char axis_code[64];
    wb_locale_code(ctx, axis_code, sizeof axis_code, "#,##0 \"€\"");
    chart_axis_set_num_format(chart->y_axis, axis_code);
    chart_axis_set_min(chart->y_axis, 0);   /* bars that do not start at 0 exaggerate differences */
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options options = {.x_scale = 1.4, .y_scale = 1.2};
    WB_CHECK(ctx, worksheet_insert_chart_opt(ws, sum->row, COL_LABEL, chart, &options));
    return 0;
}

int workbook_summary_sheet(wb_context *ctx, lxw_worksheet *ws)
{
    summary_sheet sum = {.ctx = ctx, .ws = ws, .row = WB_TABLE_ROW,
                         .widths = {label_column_width(ctx->out.lang), 14, 14, 14, 14}};
    if (wb_sheet_title(ctx, ws, WB_L_TITLE_SUMMARY) != 0 || write_info(&sum) != 0)
        return -1;
    if (ctx->note && workbook_note_block(ctx, ws, &sum.row) != 0)
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
    if (write_own_test(&sum) != 0)
        return -1;
    if (ctx->s->has_bonus && ctx->r->has_bonus) {
        sum.row++;
        if (wb_string(ctx, ws, sum.row++, COL_LABEL, wb_text(ctx, WB_L_SUM_BONUS),
                      ctx->fmt.bold) != 0 ||
            write_bonus_figures(&sum) != 0)
            return -1;
    }
    if (ctx->s->has_rewards && ctx->r->has_rewards) {
        sum.row++;
        if (wb_string(ctx, ws, sum.row++, COL_LABEL, wb_text(ctx, WB_L_SUM_REWARDS),
                      ctx->fmt.bold) != 0 ||
            write_reward_figures(&sum) != 0)
            return -1;
    }
    sum.row++;
    if (workbook_summary_kpis(ctx, ws, &sum.row) != 0)   /* §7.2: KPIs per year */
        return -1;
    if (ctx->sheets[WB_SHEET_BUDGET]) {
        /* The by-year table and its chart start a new page when they would not fit on
         * this one: a chart is never cut between pages (SPEC §7.1 readable print). */
        double width = 0;
        for (size_t i = 0; i < SUMMARY_COLUMNS; i++)
            width += sum.widths[i] + 0.72;
        double scale = width > 69.5 ? 69.5 / width : 1;
        scale = scale < 0.70 ? 0.70 : scale;
        double page = (842 - 108) / scale - 30;           /* A4 portrait, 0,75 in margins */
        double used = 15.0 * sum.row + sum.extra_height;
        double needed = 15.0 * (double)(ctx->s->n_years + 4) + 15 + 262;   /* chart: 1,2 × 288 px */
        if (used + needed > page) {
            lxw_row_t breaks[] = {sum.row, 0};
            WB_CHECK(ctx, worksheet_set_h_pagebreaks(ws, breaks));
        }
        if (write_by_year(&sum) != 0)
            return -1;
    }

    if (wb_column_widths(ctx, ws, 0, sum.widths, SUMMARY_COLUMNS) != 0)
        return -1;
    return wb_print_layout(ctx, ws, false, -1, 0);
}
