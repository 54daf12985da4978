/*
 * workbook_staff — the Staff sheet (SPEC §5.1, §6): table `Staff`, one row per staff
 * line, ID being the section name. Total is a SUMIF over MonthlyDetail by Line, where
 * the month-by-month cents are; a sum row under the table adds the totals.
 */
#include "workbook_internal.h"

#include "common.h"
#include "vocab.h"

enum {
    COL_ID, COL_ROLE, COL_PAYER, COL_COACH, COL_FTE, COL_SALARY, COL_SIDE_COSTS,
    COL_START, COL_END, COL_TOTAL
};

/* Total = SUMIF(MonthlyDetail[Line], id, MonthlyDetail[Amount]) with the line's exact
 * total cached, or the value when the detail rows do not add up to it. Shared with the
 * Costs sheet through wb_line_total. */
int wb_line_total(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                  lxw_col_t id_col, size_t line_index)
{
    const line_result *line = &ctx->r->lines[line_index];
    mpq_t check;
    mpq_init(check);
    for (int m = 0; m < ctx->r->n_months; m++)
        mpq_add(check, check, line->monthly[m]);
    bool agrees = mpq_equal(check, line->total) && ctx->layout.n_detail > 0;
    mpq_clear(check);
    if (!agrees)
        return wb_number(ctx, ws, row, col, line->total, ctx->fmt.money);

    char lines[WB_REF_SIZE], amounts[WB_REF_SIZE], cell[32];
    wb_detail_range(ctx, lines, WB_DETAIL_COL_LINE);
    wb_detail_range(ctx, amounts, WB_DETAIL_COL_AMOUNT);
    wb_cell(cell, row, id_col);
    return wb_formula(ctx, ws, row, col, ctx->fmt.money, line->total, "=SUMIF(%s,$%s,%s)",
                      lines, cell, amounts);
}

/* The sum row under a table: "Total" and =SUM over the column's data rows. */
int wb_sum_row(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t label_col,
               lxw_col_t col, lxw_row_t first_row, lxw_row_t last_row, const mpq_t sum)
{
    char first[32], last[32];
    wb_cell(first, first_row, col);
    wb_cell(last, last_row, col);
    if (wb_string(ctx, ws, row, label_col, wb_text(ctx, WB_L_TOTAL), ctx->fmt.bold) != 0)
        return -1;
    return wb_formula(ctx, ws, row, col, ctx->fmt.money_bold, sum, "=SUM(%s:%s)", first, last);
}

int workbook_staff_sheet(wb_context *ctx, lxw_worksheet *ws)
{
    const scenario *s = ctx->s;
    const results *r = ctx->r;
    if (wb_sheet_title(ctx, ws, WB_L_TITLE_STAFF) != 0)
        return -1;
    wb_track_columns(ctx, ws, WB_TABLE_ROW);

    mpq_t sum;
    mpq_init(sum);
    int rc = 0;
    for (size_t i = 0; i < s->n_staff && rc == 0; i++) {
        const staff_line *l = &s->staff[i];
        lxw_row_t row = (lxw_row_t)(WB_TABLE_ROW + 1 + i);
        /* results.h: staff lines come first in r->lines, in scenario order. */
        size_t line_index = i;
        if (wb_string(ctx, ws, row, COL_ID, l->id, NULL) != 0 ||
            wb_string(ctx, ws, row, COL_ROLE, l->role, NULL) != 0 ||
            wb_string(ctx, ws, row, COL_PAYER, vocab_payer(l->payer, ctx->out.lang), NULL) != 0 ||
            wb_string(ctx, ws, row, COL_COACH, vocab_yes_no(l->coach, ctx->out.lang), NULL) != 0 ||
            wb_number(ctx, ws, row, COL_FTE, l->fte, ctx->fmt.number) != 0 ||
            wb_money_input(ctx, ws, row, COL_SALARY, l->monthly_salary) != 0 ||
            wb_number(ctx, ws, row, COL_SIDE_COSTS, l->side_costs, ctx->fmt.percent) != 0 ||
            wb_month(ctx, ws, row, COL_START, l->start) != 0 ||
            wb_month(ctx, ws, row, COL_END, l->end) != 0 ||
            wb_line_total(ctx, ws, row, COL_TOTAL, COL_ID, line_index) != 0)
            rc = -1;
        else
            mpq_add(sum, sum, r->lines[line_index].total);
    }
    lxw_row_t last = (lxw_row_t)(WB_TABLE_ROW + s->n_staff);
    if (rc == 0)
        rc = wb_sum_row(ctx, ws, last + 1, COL_ID, COL_TOTAL, WB_TABLE_ROW + 1, last, sum);
    mpq_clear(sum);
    if (rc != 0)
        return -1;

    static const wb_label headers[] = {
        WB_L_STAFF_ID, WB_L_STAFF_ROLE, WB_L_STAFF_PAYER, WB_L_STAFF_COACH, WB_L_STAFF_FTE,
        WB_L_STAFF_SALARY, WB_L_STAFF_SIDE_COSTS, WB_L_STAFF_START, WB_L_STAFF_END,
        WB_L_STAFF_TOTAL,
    };
    static const double widths[] = {10, 12, 8, 8, 7, 12, 9, 9, 9, 12};
    if (wb_table_labels(ctx, ws, "Staff", WB_TABLE_ROW, 0, last, headers,
                        ARRAY_SIZE(headers)) != 0 ||
        wb_column_widths(ctx, ws, 0, widths, ARRAY_SIZE(widths)) != 0)
        return -1;
    return wb_print_setup(ctx, ws, true, WB_TABLE_ROW);
}
