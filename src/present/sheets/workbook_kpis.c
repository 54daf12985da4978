/*
 * workbook_kpis — the KPIs sheet (SPEC §5.5, §6, §7.2): table `KPIs`, one row per KPI and
 * year (Year blank for a whole-period row), and the Summary's KPI block.
 *
 * Operator is the target's operator as text ("<="), Target its number, so Met is a
 * formula (=IF(D6<=F6,"yes","no")) and Difference = Actual − Target. A `computed =
 * caseload` actual is clients (written above the table, the plain figure and one per
 * clients.YYYY) ÷ the Coach FTE of the row's month (the year's last month within the
 * period, or the period's last) in the Monthly table. Without a target, Met and
 * Difference are blank.
 */
#include "workbook_internal.h"

#include "common.h"
#include "vocab.h"

enum {
    COL_ID, COL_LABEL, COL_YEAR, COL_ACTUAL, COL_OPERATOR, COL_TARGET, COL_MET, COL_DIFFERENCE
};

/* The clients lines above the table: the plain figure, then one per clients.YYYY. */
static size_t clients_lines(const scenario *s)
{
    return (s->has_clients ? 1 : 0) + s->n_clients_years;
}

/* The header row of table KPIs: below the clients lines and a blank row. */
static lxw_row_t kpis_table_row(const scenario *s)
{
    size_t lines = clients_lines(s);
    return (lxw_row_t)(WB_TABLE_ROW + (lines ? lines + 1 : 0));
}

/* The clients cell of year (0: the plain figure), "" when there is none. */
static void clients_cell(const scenario *s, int year, char *cell)
{
    cell[0] = '\0';
    lxw_row_t row = WB_TABLE_ROW;
    if (year == 0) {
        if (s->has_clients)
            wb_cell_abs(cell, row, COL_ACTUAL);
        return;
    }
    row += s->has_clients ? 1 : 0;
    for (size_t i = 0; i < s->n_clients_years; i++)
        if (s->clients_years[i].year == year)
            wb_cell_abs(cell, (lxw_row_t)(row + i), COL_ACTUAL);
}

static int write_clients(wb_context *ctx, lxw_worksheet *ws)
{
    const scenario *s = ctx->s;
    lxw_row_t row = WB_TABLE_ROW;
    const char *label = wb_text(ctx, WB_L_KPI_CLIENTS);
    if (s->has_clients) {
        mpq_t clients;
        mpq_init(clients);
        mpq_set_z(clients, s->clients);
        int rc = wb_string(ctx, ws, row, COL_ID, label, NULL);
        if (rc == 0)
            rc = wb_number(ctx, ws, row, COL_ACTUAL, clients, ctx->fmt.count);
        mpq_clear(clients);
        if (rc != 0)
            return -1;
        row++;
    }
    for (size_t i = 0; i < s->n_clients_years; i++, row++)
        if (wb_string(ctx, ws, row, COL_ID, label, NULL) != 0 ||
            wb_integer(ctx, ws, row, COL_YEAR, s->clients_years[i].year, ctx->fmt.integer) != 0 ||
            wb_number(ctx, ws, row, COL_ACTUAL, s->clients_years[i].value, ctx->fmt.count) != 0)
            return -1;
    return 0;
}

static int write_caseload(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, const kpi_row *k)
{
    const results *r = ctx->r;
    const scenario *s = ctx->s;
    int index = k->month - s->start;
    char clients[32];
    clients_cell(s, k->year, clients);
    mpq_t check;
    mpq_init(check);
    bool agrees = clients[0] && ctx->sheets[WB_SHEET_MONTHLY] && k->has_clients &&
                  index >= 0 && index < r->n_months && mpq_sgn(r->coach_fte[index]) != 0;
    if (agrees) {
        mpq_div(check, k->clients, r->coach_fte[index]);
        agrees = mpq_equal(check, k->result.actual);
    }
    mpq_clear(check);
    if (!agrees)
        return wb_number(ctx, ws, row, COL_ACTUAL, k->result.actual, ctx->fmt.number);
    char fte[WB_REF_SIZE];
    wb_ref_abs(ctx, fte, WB_SHEET_MONTHLY, (lxw_row_t)(WB_TABLE_ROW + 1 + index),
               WB_MONTHLY_COL_COACH_FTE);
    return wb_formula(ctx, ws, row, COL_ACTUAL, ctx->fmt.number, k->result.actual, "=%s/%s",
                      clients, fte);
}

static int write_kpi_row(wb_context *ctx, lxw_worksheet *ws, const kpi_row *k, lxw_row_t row)
{
    const kpi *in = &ctx->s->kpis[k->kpi];
    const kpi_result *res = &k->result;
    if (wb_string(ctx, ws, row, COL_ID, in->id, NULL) != 0 ||
        wb_string(ctx, ws, row, COL_LABEL, in->label ? in->label : in->id, NULL) != 0)
        return -1;
    if (k->year && wb_integer(ctx, ws, row, COL_YEAR, k->year, ctx->fmt.integer) != 0)
        return -1;
    if (res->has_actual) {
        int rc = in->computed_caseload
                     ? write_caseload(ctx, ws, row, k)
                     : wb_number(ctx, ws, row, COL_ACTUAL, res->actual, ctx->fmt.number);
        if (rc != 0)
            return -1;
    }
    if (!k->has_target)
        return 0;
    if (wb_string(ctx, ws, row, COL_OPERATOR, kpi_operator_text(k->op), NULL) != 0 ||
        wb_number(ctx, ws, row, COL_TARGET, k->target, ctx->fmt.number) != 0)
        return -1;
    if (!res->has_actual)
        return 0;

    /* Actual and Target hold the exact inputs (no rounding), so the formulas on them give
     * the program's Met and Difference. */
    char actual[32], target[32];
    wb_cell(actual, row, COL_ACTUAL);
    wb_cell(target, row, COL_TARGET);
    const char *yes = vocab_yes_no(true, ctx->out.lang), *no = vocab_yes_no(false, ctx->out.lang);
    if (wb_formula_text(ctx, ws, row, COL_MET, ctx->fmt.word, res->met ? yes : no,
                        "=IF(%s%s%s,\"%s\",\"%s\")", actual, kpi_operator_text(k->op), target,
                        yes, no) != 0)
        return -1;
    return wb_formula(ctx, ws, row, COL_DIFFERENCE, ctx->fmt.number, res->difference, "=%s-%s",
                      actual, target);
}

int workbook_kpis_sheet(wb_context *ctx, lxw_worksheet *ws)
{
    const scenario *s = ctx->s;
    const results *r = ctx->r;
    if (wb_sheet_title(ctx, ws, WB_L_TITLE_KPIS) != 0 || write_clients(ctx, ws) != 0)
        return -1;
    lxw_row_t table_row = kpis_table_row(s);
    wb_track_columns(ctx, ws, table_row);
    for (size_t i = 0; i < r->n_kpi_rows; i++)
        if (write_kpi_row(ctx, ws, &r->kpi_rows[i], (lxw_row_t)(table_row + 1 + i)) != 0)
            return -1;

    static const wb_label headers[] = {
        WB_L_KPI_ID, WB_L_KPI_LABEL, WB_L_KPI_YEAR, WB_L_KPI_ACTUAL, WB_L_KPI_OPERATOR,
        WB_L_KPI_TARGET, WB_L_KPI_MET, WB_L_KPI_DIFFERENCE,
    };
    static const double widths[] = {10, 24, 8, 12, 9, 12, 10, 12};
    /* A table needs a data row: a KPI with only targets for years has none of its own. */
    size_t n_rows = r->n_kpi_rows ? r->n_kpi_rows : 1;
    if (wb_table_labels(ctx, ws, "KPIs", table_row, 0, (lxw_row_t)(table_row + n_rows),
                        headers, ARRAY_SIZE(headers)) != 0 ||
        wb_column_widths(ctx, ws, 0, widths, ARRAY_SIZE(widths)) != 0)
        return -1;
    return wb_print_setup(ctx, ws, true, (int)table_row);
}

/* ---- The Summary's KPI block (§7.1, §7.2) ------------------------------------------ */

/* One line per row of table KPIs: Label, Year, Actual, Target (with its operator) and
 * Met, each a formula on the KPIs sheet's cell. *row is the next free Summary row. */
int workbook_summary_kpis(wb_context *ctx, lxw_worksheet *ws, lxw_row_t *row)
{
    const scenario *s = ctx->s;
    const results *r = ctx->r;
    if (r->n_kpi_rows == 0 || !ctx->sheets[WB_SHEET_KPIS])
        return 0;
    enum { S_LABEL, S_YEAR, S_ACTUAL, S_TARGET, S_MET };
    if (wb_string(ctx, ws, *row, S_LABEL, wb_text(ctx, WB_L_SUM_KPIS), ctx->fmt.bold) != 0)
        return -1;
    lxw_row_t header = *row + 1;
    static const wb_label headers[] = {
        WB_L_KPI_LABEL, WB_L_KPI_YEAR, WB_L_KPI_ACTUAL, WB_L_KPI_TARGET, WB_L_KPI_MET,
    };
    for (size_t i = 0; i < ARRAY_SIZE(headers); i++)
        if (wb_string(ctx, ws, header, (lxw_col_t)i, wb_text(ctx, headers[i]),
                      i < 2 ? ctx->fmt.bold : ctx->fmt.bold_right) != 0)
            return -1;
    lxw_row_t table_row = kpis_table_row(s);
    for (size_t i = 0; i < r->n_kpi_rows; i++) {
        const kpi_row *k = &r->kpi_rows[i];
        const kpi *in = &s->kpis[k->kpi];
        lxw_row_t out = header + 1 + (lxw_row_t)i, src = table_row + 1 + (lxw_row_t)i;
        char ref[WB_REF_SIZE];
        wb_ref_abs(ctx, ref, WB_SHEET_KPIS, src, COL_LABEL);
        if (wb_formula_text(ctx, ws, out, S_LABEL, NULL, in->label ? in->label : in->id,
                            "=%s", ref) != 0)
            return -1;
        if (k->year) {
            mpq_t year;
            mpq_init(year);
            mpq_set_si(year, k->year, 1);
            wb_ref_abs(ctx, ref, WB_SHEET_KPIS, src, COL_YEAR);
            int rc = wb_formula(ctx, ws, out, S_YEAR, ctx->fmt.integer, year, "=%s", ref);
            mpq_clear(year);
            if (rc != 0)
                return -1;
        }
        if (k->result.has_actual) {
            wb_ref_abs(ctx, ref, WB_SHEET_KPIS, src, COL_ACTUAL);
            if (wb_formula(ctx, ws, out, S_ACTUAL, ctx->fmt.number, k->result.actual, "=%s",
                           ref) != 0)
                return -1;
        }
        if (k->has_target) {
            /* The number with its operator ("< 140,00"), as one cell reads. */
            wb_ref_abs(ctx, ref, WB_SHEET_KPIS, src, COL_TARGET);
            if (wb_formula(ctx, ws, out, S_TARGET, ctx->fmt.kpi_target[k->op], k->target,
                           "=%s", ref) != 0)
                return -1;
        }
        if (k->has_target && k->result.has_actual) {
            wb_ref_abs(ctx, ref, WB_SHEET_KPIS, src, COL_MET);
            if (wb_formula_text(ctx, ws, out, S_MET, ctx->fmt.word,
                                vocab_yes_no(k->result.met, ctx->out.lang), "=%s", ref) != 0)
                return -1;
        }
    }
    *row = header + 1 + (lxw_row_t)r->n_kpi_rows + 1;
    static const double met_width[] = {11};   /* the Summary sets columns A..D itself */
    return wb_column_widths(ctx, ws, S_MET, met_width, 1);
}
