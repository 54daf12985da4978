/*
 * workbook_kpis — the KPIs sheet (SPEC §5.5, §6): table `KPIs`.
 *
 * Target is a number shown with its operator ("< 140,00"), so Met is a formula
 * (=IF(C6<D6,"yes","no")) and Difference = Actual − Target. A `computed = caseload`
 * actual is clients (written above the table) ÷ the Coach FTE of the period's last
 * month in the Monthly table. Without a target, Met and Difference are blank.
 */
#include "workbook_internal.h"

#include "common.h"
#include "vocab.h"

enum { COL_ID, COL_LABEL, COL_ACTUAL, COL_TARGET, COL_MET, COL_DIFFERENCE };

static int write_caseload(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row,
                          const kpi_result *k, const char *clients_cell)
{
    const results *r = ctx->r;
    int last = r->n_months - 1;
    mpq_t clients, check;
    mpq_inits(clients, check, NULL);
    mpq_set_z(clients, ctx->s->clients);
    bool agrees = clients_cell && ctx->sheets[WB_SHEET_MONTHLY] && last >= 0 &&
                  mpq_sgn(r->coach_fte[last]) != 0;
    if (agrees) {
        mpq_div(check, clients, r->coach_fte[last]);
        agrees = mpq_equal(check, k->actual);
    }
    mpq_clears(clients, check, NULL);
    if (!agrees)
        return wb_number(ctx, ws, row, COL_ACTUAL, k->actual, ctx->fmt.number);
    char fte[WB_REF_SIZE];
    wb_ref_abs(ctx, fte, WB_SHEET_MONTHLY, (lxw_row_t)(WB_TABLE_ROW + 1 + last),
               WB_MONTHLY_COL_COACH_FTE);
    return wb_formula(ctx, ws, row, COL_ACTUAL, ctx->fmt.number, k->actual, "=%s/%s",
                      clients_cell, fte);
}

static int write_kpi(wb_context *ctx, lxw_worksheet *ws, size_t i, lxw_row_t row,
                     const char *clients_cell)
{
    const kpi *in = &ctx->s->kpis[i];
    const kpi_result *k = &ctx->r->kpis[i];
    if (wb_string(ctx, ws, row, COL_ID, in->id, NULL) != 0 ||
        wb_string(ctx, ws, row, COL_LABEL, in->label ? in->label : in->id, NULL) != 0)
        return -1;
    if (k->has_actual) {
        int rc = in->computed_caseload
                     ? write_caseload(ctx, ws, row, k, clients_cell)
                     : wb_number(ctx, ws, row, COL_ACTUAL, k->actual, ctx->fmt.number);
        if (rc != 0)
            return -1;
    }
    if (!in->has_target)
        return 0;
    if (wb_number(ctx, ws, row, COL_TARGET, in->target, ctx->fmt.kpi_target[in->op]) != 0)
        return -1;
    if (!k->has_actual)
        return 0;

    /* Actual and Target hold the exact inputs (no rounding), so the formulas on them give
     * the program's Met and Difference. */
    char actual[32], target[32];
    wb_cell(actual, row, COL_ACTUAL);
    wb_cell(target, row, COL_TARGET);
    if (wb_formula_text(ctx, ws, row, COL_MET, ctx->fmt.word, vocab_yes_no(k->met, ctx->out.lang),
                        "=IF(%s%s%s,\"%s\",\"%s\")", actual, kpi_operator_text(in->op),
                        target, vocab_yes_no(true, ctx->out.lang),
                        vocab_yes_no(false, ctx->out.lang)) != 0)
        return -1;
    return wb_formula(ctx, ws, row, COL_DIFFERENCE, ctx->fmt.number, k->difference, "=%s-%s",
                      actual, target);
}

int workbook_kpis_sheet(wb_context *ctx, lxw_worksheet *ws)
{
    const scenario *s = ctx->s;
    if (wb_sheet_title(ctx, ws, WB_L_TITLE_KPIS) != 0)
        return -1;

    /* Clients above the table, for the caseload formula. */
    lxw_row_t table_row = WB_TABLE_ROW;
    char clients_cell[32] = "";
    if (s->has_clients) {
        mpq_t clients;
        mpq_init(clients);
        mpq_set_z(clients, s->clients);
        int rc = wb_string(ctx, ws, WB_TABLE_ROW, COL_ID, wb_text(ctx, WB_L_KPI_CLIENTS), NULL);
        if (rc == 0)
            rc = wb_number(ctx, ws, WB_TABLE_ROW, COL_ACTUAL, clients, ctx->fmt.count);
        mpq_clear(clients);
        if (rc != 0)
            return -1;
        wb_cell_abs(clients_cell, WB_TABLE_ROW, COL_ACTUAL);
        table_row = WB_TABLE_ROW + 2;
    }

    wb_track_columns(ctx, ws, table_row);
    for (size_t i = 0; i < s->n_kpis; i++)
        if (write_kpi(ctx, ws, i, (lxw_row_t)(table_row + 1 + i),
                      clients_cell[0] ? clients_cell : NULL) != 0)
            return -1;

    static const wb_label headers[] = {
        WB_L_KPI_ID, WB_L_KPI_LABEL, WB_L_KPI_ACTUAL, WB_L_KPI_TARGET, WB_L_KPI_MET,
        WB_L_KPI_DIFFERENCE,
    };
    static const double widths[] = {10, 24, 12, 12, 10, 12};
    if (wb_table_labels(ctx, ws, "KPIs", table_row, 0, (lxw_row_t)(table_row + s->n_kpis),
                        headers, ARRAY_SIZE(headers)) != 0 ||
        wb_column_widths(ctx, ws, 0, widths, ARRAY_SIZE(widths)) != 0)
        return -1;
    return wb_print_setup(ctx, ws, true, (int)table_row);
}
