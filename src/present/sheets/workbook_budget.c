/*
 * workbook_budget — the Budget sheet (SPEC §5.3, §6): table `Budget`, four rows per
 * calendar year (personnel, premises, other, total).
 *
 * Plan is a SUMPRODUCT over MonthlyDetail (year, category, payer "municipality"), the
 * total row's Plan the SUM of the three category rows; Budget and Actual are the
 * file's values (a total may be given without categories, so never a formula);
 * Actual - Budget, Actual - Plan and Use % are formulas on the row's own cells.
 */
#include "workbook_internal.h"

#include "common.h"
#include "vocab.h"

/* Σ MonthlyDetail amounts of municipality-paid lines of the category in the year: what
 * the Plan formula computes from the cells, done exactly. */
static void detail_plan(mpq_t out, const wb_context *ctx, int year, cost_category category)
{
    const results *r = ctx->r;
    mpq_set_ui(out, 0, 1);
    for (size_t i = 0; i < ctx->layout.n_detail; i++) {
        const line_result *line = &r->lines[ctx->layout.detail[i].line];
        int m = ctx->layout.detail[i].month;
        if (line->category == category && line->payer == PAYER_MUNICIPALITY &&
            month_year(ctx->s->start + m) == year)
            mpq_add(out, out, line->monthly[m]);
    }
}

/* The cent-rounded value the Budget or Actual cell holds (wb_money_input). */
static void cell_value(mpq_t out, const wb_context *ctx, const mpq_t value)
{
    money_round(out, value, ctx->s->rounding);
}

static int write_plan(wb_context *ctx, lxw_worksheet *ws, size_t i, lxw_row_t row)
{
    const budget_row *b = &ctx->r->budget[i];
    /* $A5 and $B5: the column fixed, the row relative, as one would type it. */
    char cell[32], year[40], category[40];
    wb_cell(cell, row, WB_BUDGET_COL_YEAR);
    snprintf(year, sizeof year, "$%s", cell);
    wb_cell(cell, row, WB_BUDGET_COL_CATEGORY);
    snprintf(category, sizeof category, "$%s", cell);

    mpq_t check;
    mpq_init(check);
    int rc;
    if (b->category == CAT_COUNT) {
        /* The total row: the sum of the three category rows above it. */
        for (size_t c = 1; c <= CAT_COUNT; c++)
            mpq_add(check, check, ctx->r->budget[i - c].plan);
        char first[32], last[32];
        wb_cell(first, row - CAT_COUNT, WB_BUDGET_COL_PLAN);
        wb_cell(last, row - 1, WB_BUDGET_COL_PLAN);
        if (mpq_equal(check, b->plan))
            rc = wb_formula(ctx, ws, row, WB_BUDGET_COL_PLAN, ctx->fmt.money, b->plan,
                            "=SUM(%s:%s)", first, last);
        else
            rc = wb_number(ctx, ws, row, WB_BUDGET_COL_PLAN, b->plan, ctx->fmt.money);
    } else {
        detail_plan(check, ctx, b->year, b->category);
        if (ctx->layout.n_detail > 0 && mpq_equal(check, b->plan)) {
            char months[WB_REF_SIZE], categories[WB_REF_SIZE], payers[WB_REF_SIZE],
                amounts[WB_REF_SIZE];
            wb_detail_range(ctx, months, WB_DETAIL_COL_MONTH);
            wb_detail_range(ctx, categories, WB_DETAIL_COL_CATEGORY);
            wb_detail_range(ctx, payers, WB_DETAIL_COL_PAYER);
            wb_detail_range(ctx, amounts, WB_DETAIL_COL_AMOUNT);
            rc = wb_formula(ctx, ws, row, WB_BUDGET_COL_PLAN, ctx->fmt.money, b->plan,
                            "=SUMPRODUCT((YEAR(%s)=%s)*(%s=%s)*(%s=\"%s\")*%s)",
                            months, year, categories, category, payers,
                            vocab_payer(PAYER_MUNICIPALITY, ctx->out.lang), amounts);
        } else {
            rc = wb_number(ctx, ws, row, WB_BUDGET_COL_PLAN, b->plan, ctx->fmt.money);
        }
    }
    mpq_clear(check);
    return rc;
}

/* Actual - Budget, Actual - Plan and Use %, blank as SPEC §6 says. */
static int write_variances(wb_context *ctx, lxw_worksheet *ws, const budget_row *b,
                           lxw_row_t row)
{
    char budget[32], plan[32], actual[32];
    wb_cell(budget, row, WB_BUDGET_COL_BUDGET);
    wb_cell(plan, row, WB_BUDGET_COL_PLAN);
    wb_cell(actual, row, WB_BUDGET_COL_ACTUAL);

    mpq_t budget_cell, actual_cell, value;
    mpq_inits(budget_cell, actual_cell, value, NULL);
    cell_value(budget_cell, ctx, b->budget);
    cell_value(actual_cell, ctx, b->actual);
    int rc = 0;
    if (b->has_actual && b->has_budget) {
        mpq_sub(value, actual_cell, budget_cell);
        rc = wb_formula(ctx, ws, row, WB_BUDGET_COL_ACTUAL_BUDGET, ctx->fmt.money, value,
                        "=%s-%s", actual, budget);
    }
    if (rc == 0 && b->has_actual) {
        mpq_sub(value, actual_cell, b->plan);
        rc = wb_formula(ctx, ws, row, WB_BUDGET_COL_ACTUAL_PLAN, ctx->fmt.money, value,
                        "=%s-%s", actual, plan);
    }
    if (rc == 0 && b->has_actual && b->has_budget && mpq_sgn(budget_cell) != 0) {
        mpq_div(value, actual_cell, budget_cell);
        rc = wb_formula(ctx, ws, row, WB_BUDGET_COL_USE, ctx->fmt.percent, value,
                        "=%s/%s", actual, budget);
    }
    mpq_clears(budget_cell, actual_cell, value, NULL);
    return rc;
}

int workbook_budget_sheet(wb_context *ctx, lxw_worksheet *ws)
{
    const results *r = ctx->r;
    if (wb_sheet_title(ctx, ws, WB_L_TITLE_BUDGET) != 0)
        return -1;
    wb_track_columns(ctx, ws, WB_TABLE_ROW);

    for (size_t i = 0; i < r->n_budget; i++) {
        const budget_row *b = &r->budget[i];
        lxw_row_t row = (lxw_row_t)(WB_TABLE_ROW + 1 + i);
        if (wb_integer(ctx, ws, row, WB_BUDGET_COL_YEAR, b->year, ctx->fmt.integer) != 0 ||
            wb_string(ctx, ws, row, WB_BUDGET_COL_CATEGORY, vocab_category(b->category, ctx->out.lang),
                      b->category == CAT_COUNT ? ctx->fmt.bold : NULL) != 0)
            return -1;
        if (b->has_budget && wb_money_input(ctx, ws, row, WB_BUDGET_COL_BUDGET, b->budget) != 0)
            return -1;
        if (write_plan(ctx, ws, i, row) != 0)
            return -1;
        if (b->has_actual && wb_money_input(ctx, ws, row, WB_BUDGET_COL_ACTUAL, b->actual) != 0)
            return -1;
        if (write_variances(ctx, ws, b, row) != 0)
            return -1;
    }

    static const wb_label headers[] = {
        WB_L_BUDGET_YEAR, WB_L_BUDGET_CATEGORY, WB_L_BUDGET_BUDGET, WB_L_BUDGET_PLAN,
        WB_L_BUDGET_ACTUAL, WB_L_BUDGET_ACTUAL_BUDGET, WB_L_BUDGET_ACTUAL_PLAN, WB_L_BUDGET_USE,
    };
    static const double widths[] = {7, 9, 12, 12, 12, 12, 12, 9};
    if (wb_table_labels(ctx, ws, "Budget", WB_TABLE_ROW, 0,
                        (lxw_row_t)(WB_TABLE_ROW + r->n_budget), headers,
                        ARRAY_SIZE(headers)) != 0 ||
        wb_column_widths(ctx, ws, 0, widths, ARRAY_SIZE(widths)) != 0)
        return -1;
    return wb_print_setup(ctx, ws, true, WB_TABLE_ROW);
}
