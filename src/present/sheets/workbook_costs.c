/*
 * workbook_costs — the Costs sheet (SPEC §5.2, §6): table `Costs`, one row per
 * premises line and per other cost line, ID being the section name. A premises line's
 * set-up is its One-time amount and its rent the Monthly one. Total is a SUMIF over
 * MonthlyDetail by Line (wb_line_total); a sum row under the table adds the totals.
 */
#include "workbook_internal.h"

#include "common.h"
#include "vocab.h"

enum { COL_ID, COL_CATEGORY, COL_ONE_TIME, COL_ONE_TIME_MONTH, COL_MONTHLY, COL_START, COL_END,
       COL_TOTAL };

static int write_premises(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row,
                          const premises_line *l)
{
    if (wb_string(ctx, ws, row, COL_ID, l->id, NULL) != 0 ||
        wb_string(ctx, ws, row, COL_CATEGORY, vocab_category(CAT_PREMISES, ctx->out.lang), NULL) != 0)
        return -1;
    /* scenario.h: an absent set-up or rent is 0; it shows as blank. */
    if (mpq_sgn(l->setup) != 0 &&
        (wb_money_input(ctx, ws, row, COL_ONE_TIME, l->setup) != 0 ||
         wb_month(ctx, ws, row, COL_ONE_TIME_MONTH, l->setup_month) != 0))
        return -1;
    if (mpq_sgn(l->monthly_rent) != 0 &&
        wb_money_input(ctx, ws, row, COL_MONTHLY, l->monthly_rent) != 0)
        return -1;
    if (wb_month(ctx, ws, row, COL_START, l->start) != 0 ||
        wb_month(ctx, ws, row, COL_END, l->end) != 0)
        return -1;
    return 0;
}

static int write_cost(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, const cost_line *l)
{
    if (wb_string(ctx, ws, row, COL_ID, l->id, NULL) != 0 ||
        wb_string(ctx, ws, row, COL_CATEGORY, vocab_category(l->category, ctx->out.lang), NULL) != 0)
        return -1;
    if (l->has_amount && (wb_money_input(ctx, ws, row, COL_ONE_TIME, l->amount) != 0 ||
                          wb_month(ctx, ws, row, COL_ONE_TIME_MONTH, l->month) != 0))
        return -1;
    /* The period matters only for a recurring amount. */
    if (l->has_monthly && (wb_money_input(ctx, ws, row, COL_MONTHLY, l->monthly) != 0 ||
                           wb_month(ctx, ws, row, COL_START, l->start) != 0 ||
                           wb_month(ctx, ws, row, COL_END, l->end) != 0))
        return -1;
    return 0;
}

int workbook_costs_sheet(wb_context *ctx, lxw_worksheet *ws)
{
    const scenario *s = ctx->s;
    const results *r = ctx->r;
    if (wb_sheet_title(ctx, ws, WB_L_TITLE_COSTS) != 0)
        return -1;
    wb_track_columns(ctx, ws, WB_TABLE_ROW);

    size_t n = s->n_premises + s->n_costs;
    mpq_t sum;
    mpq_init(sum);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        lxw_row_t row = (lxw_row_t)(WB_TABLE_ROW + 1 + i);
        /* results.h: r->lines holds staff, then premises, then costs. */
        size_t line_index = s->n_staff + i;
        if (i < s->n_premises)
            rc = write_premises(ctx, ws, row, &s->premises[i]);
        else
            rc = write_cost(ctx, ws, row, &s->costs[i - s->n_premises]);
        if (rc == 0)
            rc = wb_line_total(ctx, ws, row, COL_TOTAL, COL_ID, line_index);
        if (rc == 0)
            mpq_add(sum, sum, r->lines[line_index].total);
    }
    lxw_row_t last = (lxw_row_t)(WB_TABLE_ROW + n);
    if (rc == 0)
        rc = wb_sum_row(ctx, ws, last + 1, COL_ID, COL_TOTAL, WB_TABLE_ROW + 1, last, sum);
    mpq_clear(sum);
    if (rc != 0)
        return -1;

    static const wb_label headers[] = {
        WB_L_COSTS_ID, WB_L_COSTS_CATEGORY, WB_L_COSTS_ONE_TIME, WB_L_COSTS_ONE_TIME_MONTH,
        WB_L_COSTS_MONTHLY, WB_L_COSTS_START, WB_L_COSTS_END, WB_L_COSTS_TOTAL,
    };
    static const double widths[] = {10, 9, 12, 10, 12, 9, 9, 12};
    if (wb_table_labels(ctx, ws, "Costs", WB_TABLE_ROW, 0, last, headers,
                        ARRAY_SIZE(headers)) != 0 ||
        wb_column_widths(ctx, ws, 0, widths, ARRAY_SIZE(widths)) != 0)
        return -1;
    return wb_print_setup(ctx, ws, true, WB_TABLE_ROW);
}
