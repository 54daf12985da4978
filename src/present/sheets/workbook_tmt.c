/*
 * workbook_tmt — the TMT sheet (SPEC §7.6): the municipality's labour market subsidy
 * payments per area and year beside the pilot's own cost.
 *
 * Above the table the baseline year and the Net effect over the years of the period
 * (a SUM of the table's Net effect column; the Summary points at it); then table `TMT`,
 * the [tmt] row's years first, then each [tmt.ID] area; then a line chart of the [tmt]
 * row's Actual, Estimate and Target over the years.
 *
 * Estimate, Target, Actual and Persons are inputs (money cells hold cents, SPEC §6). The
 * derived columns are formulas on the row's cells with the program's exact result as
 * the cached value: Actual - Estimate (=F−D), Met (=IF(F<=E,…)), Per person
 * (=ROUND(F/I,2)) and Annualised (=ROUND(F*12/C,2)) under half-up as Excel's ROUND
 * does, Change (=K−K of the baseline row), Net effect (= the Funding table's municipal
 * net cost of the year + L). A formula is written only where exact arithmetic on the
 * cells it reads gives that result; the value otherwise (half-even, an input with more
 * than two decimals).
 */
#include "workbook_internal.h"

#include <stdio.h>
#include <string.h>

#include "common.h"

/* ---- Texts of this sheet (both languages) -------------------------------------------- */

typedef enum {
    T_BASELINE, T_NET_PERIOD, T_NOTE, T_AREA_TOTAL, T_CHART_TITLE, T_YES, T_NO,
    T_SUMMARY_NET,
    /* Table headers (SPEC §7.6: the English ones exactly as written there). */
    T_H_AREA, T_H_YEAR, T_H_MONTHS, T_H_ESTIMATE, T_H_TARGET, T_H_ACTUAL, T_H_DIFFERENCE,
    T_H_MET, T_H_PERSONS, T_H_PER_PERSON, T_H_ANNUALISED, T_H_CHANGE, T_H_NET_EFFECT,
    T_COUNT
} tmt_text;

static const char *const texts[T_COUNT][2] = {
    /*                  fi                                  en */
    [T_BASELINE] = {"Vertailuvuosi", "Baseline year"},
    [T_NET_PERIOD] = {"Nettovaikutus kokeilun vuosina", "Net effect over the years"},
    [T_NOTE] = {"Nettovaikutus = kokeilun kunnan nettokustannus (Rahoitus) + TMT-maksujen "
                "muutos vertailuvuodesta vuositasolla; negatiivinen muutos on säästöä.",
                "Net effect = the pilot's municipal net cost (Funding) + the change in TMT "
                "payments from the baseline year, annualised; a negative change is a saving."},
    [T_AREA_TOTAL] = {"Alue yhteensä", "Area total"},
    [T_CHART_TITLE] = {"TMT-maksut vuosittain", "TMT payments by year"},
    [T_YES] = {"kyllä", "yes"},
    [T_NO] = {"ei", "no"},
    [T_SUMMARY_NET] = {"Nettovaikutus TMT-muutoksin",
                       "Net effect with the TMT change"},
    [T_H_AREA] = {"Alue", "Area"},
    [T_H_YEAR] = {"Vuosi", "Year"},
    [T_H_MONTHS] = {"Kuukausia", "Months"},
    [T_H_ESTIMATE] = {"Arvio", "Estimate"},
    [T_H_TARGET] = {"Tavoite", "Target"},
    [T_H_ACTUAL] = {"Toteuma", "Actual"},
    [T_H_DIFFERENCE] = {"Toteuma - Arvio", "Actual - Estimate"},
    [T_H_MET] = {"Tavoite saavutettu", "Met"},
    [T_H_PERSONS] = {"Henkilöitä", "Persons"},
    [T_H_PER_PERSON] = {"Per henkilö", "Per person"},
    [T_H_ANNUALISED] = {"Vuositasolla", "Annualised"},
    [T_H_CHANGE] = {"Muutos", "Change"},
    [T_H_NET_EFFECT] = {"Nettovaikutus", "Net effect"},
};

static const char *text(const wb_context *ctx, tmt_text t)
{
    return texts[t][ctx->out.lang == LANG_EN ? 1 : 0];
}

/* "TEXT 2021" or "TEXT 2021–2023": the years of the period that have a Net effect. */
static void label_with_years(char *buf, size_t size, const char *label, const tmt_result *t)
{
    if (t->net_first_year == t->net_last_year)
        snprintf(buf, size, "%s %d", label, t->net_first_year);
    else
        snprintf(buf, size, "%s %d–%d", label, t->net_first_year, t->net_last_year);
}

/* ---- Layout ---------------------------------------------------------------------------- */

enum {
    COL_AREA, COL_YEAR, COL_MONTHS, COL_ESTIMATE, COL_TARGET, COL_ACTUAL, COL_DIFFERENCE,
    COL_MET, COL_PERSONS, COL_PER_PERSON, COL_ANNUALISED, COL_CHANGE, COL_NET_EFFECT,
    COL_COUNT
};
/* Baseline and the period's Net effect in rows 3 and 4 (value in D), a note in row 5. */
enum { ROW_BASELINE = 3, ROW_NET = 4, ROW_NOTE = 5, VALUE_COL = 3, TABLE_ROW = 7 };

typedef struct {
    wb_context *ctx;
    lxw_worksheet *ws;
    size_t n_rows;                 /* data rows of the table */
} tmt_sheet;

/* The money cell an input is shown in: cents with the scenario's rounding (SPEC §6). */
static void cell_cents(mpq_t out, const wb_context *ctx, const mpq_t value)
{
    money_round(out, value, ctx->s->rounding);
}

/* A formula when agrees, else the value; the cached value is always the program's. */
static int write_checked(tmt_sheet *sh, lxw_row_t row, lxw_col_t col, const mpq_t value,
                         bool agrees, const char *formula)
{
    if (agrees)
        return wb_formula(sh->ctx, sh->ws, row, col, sh->ctx->fmt.money, value, "%s", formula);
    return wb_number(sh->ctx, sh->ws, row, col, value, sh->ctx->fmt.money);
}

/* SPEC §7.6 Net effect basis on the Funding sheet: the year's Actual net cost cell where
 * the year is judged on its actual (§5.4), else its Municipal net cost cell, as
 * tmt_year_basis() takes it. False when there is no Funding sheet or the year is not one
 * of its rows. */
static bool basis_ref(const wb_context *ctx, char *buf, int year)
{
    const results *r = ctx->r;
    if (!ctx->sheets[WB_SHEET_FUNDING])
        return false;
    for (size_t i = 0; i + 1 < r->n_funding; i++)
        if (r->funding[i].year == year) {
            wb_ref_abs(ctx, buf, WB_SHEET_FUNDING, (lxw_row_t)(WB_FUNDING_TABLE_ROW + 1 + i),
                       r->funding[i].judged_on == FUNDING_ON_ACTUAL ? WB_FUNDING_COL_ACTUAL_NET
                                                                    : WB_FUNDING_COL_MUNICIPAL_NET);
            return true;
        }
    return false;
}

static int write_net_effect(tmt_sheet *sh, const tmt_row *tr, lxw_row_t row)
{
    wb_context *ctx = sh->ctx;
    char change[32], basis[WB_REF_SIZE], formula[WB_REF_SIZE + 48];
    wb_cell(change, row, COL_CHANGE);
    bool agrees = true;
    if (basis_ref(ctx, basis, tr->year))
        snprintf(formula, sizeof formula, "=%s+%s", basis, change);
    else if (mpq_sgn(tr->basis) == 0)
        snprintf(formula, sizeof formula, "=%s", change);   /* no cost lines: a basis of 0 */
    else
        agrees = false;
    return write_checked(sh, row, COL_NET_EFFECT, tr->net_effect, agrees, formula);
}

/* Per person = ROUND(F/I, 2) and Annualised = ROUND(F*12/C, 2) from the cells, when
 * Excel's ROUND (half-up) on the cent-rounded Actual gives the program's value. */
static int write_rounded_ratio(tmt_sheet *sh, lxw_row_t row, lxw_col_t col, const mpq_t value,
                               const mpq_t actual_cell, const mpq_t numerator_factor,
                               const mpq_t denominator, const char *formula)
{
    mpq_t check;
    mpq_init(check);
    mpq_mul(check, actual_cell, numerator_factor);
    mpq_div(check, check, denominator);
    money_round(check, check, ROUND_HALF_UP);
    bool agrees = sh->ctx->s->rounding == ROUND_HALF_UP && mpq_equal(check, value);
    mpq_clear(check);
    return write_checked(sh, row, col, value, agrees, formula);
}

static int write_row(tmt_sheet *sh, const tmt_area_result *area, const tmt_row *tr,
                     lxw_row_t row, lxw_row_t baseline_row, bool is_total)
{
    wb_context *ctx = sh->ctx;
    lxw_worksheet *ws = sh->ws;
    const char *label = area->label ? area->label : text(ctx, T_AREA_TOTAL);
    if (wb_string(ctx, ws, row, COL_AREA, label, is_total ? ctx->fmt.bold : NULL) != 0 ||
        wb_integer(ctx, ws, row, COL_YEAR, tr->year, ctx->fmt.integer) != 0 ||
        wb_integer(ctx, ws, row, COL_MONTHS, tr->months, ctx->fmt.integer) != 0)
        return -1;
    static const struct { tmt_field field; lxw_col_t col; } money_inputs[] = {
        {TMT_ESTIMATE, COL_ESTIMATE}, {TMT_TARGET, COL_TARGET}, {TMT_ACTUAL, COL_ACTUAL},
    };
    for (size_t i = 0; i < ARRAY_SIZE(money_inputs); i++)
        if (tr->has[money_inputs[i].field] &&
            wb_money_input(ctx, ws, row, money_inputs[i].col, tr->value[money_inputs[i].field]) != 0)
            return -1;
    if (tr->has[TMT_PERSONS] &&
        wb_number(ctx, ws, row, COL_PERSONS, tr->value[TMT_PERSONS], ctx->fmt.integer) != 0)
        return -1;

    char c_est[32], c_tgt[32], c_act[32], c_months[32], c_persons[32], c_ann[32],
        c_base[32], formula[160];
    wb_cell(c_est, row, COL_ESTIMATE);
    wb_cell(c_tgt, row, COL_TARGET);
    wb_cell(c_act, row, COL_ACTUAL);
    wb_cell(c_months, row, COL_MONTHS);
    wb_cell(c_persons, row, COL_PERSONS);
    wb_cell(c_ann, row, COL_ANNUALISED);
    wb_cell_abs(c_base, baseline_row, COL_ANNUALISED);

    mpq_t actual, other, check, twelve, one;
    mpq_inits(actual, other, check, twelve, one, NULL);
    mpq_set_ui(twelve, 12, 1);
    mpq_set_ui(one, 1, 1);
    cell_cents(actual, ctx, tr->value[TMT_ACTUAL]);
    int rc = 0;
    if (tr->has_difference) {
        cell_cents(other, ctx, tr->value[TMT_ESTIMATE]);
        mpq_sub(check, actual, other);
        snprintf(formula, sizeof formula, "=%s-%s", c_act, c_est);
        rc = write_checked(sh, row, COL_DIFFERENCE, tr->difference,
                           mpq_equal(check, tr->difference), formula);
    }
    if (rc == 0 && tr->has_met) {
        cell_cents(other, ctx, tr->value[TMT_TARGET]);
        const char *yes = text(ctx, T_YES), *no = text(ctx, T_NO);
        const char *met = tr->met ? yes : no;
        if ((mpq_cmp(actual, other) <= 0) == tr->met)
            rc = wb_formula_text(ctx, ws, row, COL_MET, NULL, met, "=IF(%s<=%s,\"%s\",\"%s\")",
                                 c_act, c_tgt, yes, no);
        else
            rc = wb_string(ctx, ws, row, COL_MET, met, NULL);
    }
    if (rc == 0 && tr->has_per_person) {
        snprintf(formula, sizeof formula, "=ROUND(%s/%s,2)", c_act, c_persons);
        rc = write_rounded_ratio(sh, row, COL_PER_PERSON, tr->per_person, actual, one,
                                 tr->value[TMT_PERSONS], formula);
    }
    if (rc == 0 && tr->has_annualised) {
        mpq_set_si(other, tr->months, 1);
        snprintf(formula, sizeof formula, "=ROUND(%s*12/%s,2)", c_act, c_months);
        rc = write_rounded_ratio(sh, row, COL_ANNUALISED, tr->annualised, actual, twelve, other,
                                 formula);
    }
    if (rc == 0 && tr->has_change) {
        /* Both Annualised cells cache the program's rounded values: their difference is
         * exactly Change. */
        rc = wb_formula(ctx, ws, row, COL_CHANGE, ctx->fmt.money, tr->change, "=%s-%s", c_ann,
                        c_base);
    }
    if (rc == 0 && tr->has_net_effect)
        rc = write_net_effect(sh, tr, row);
    mpq_clears(actual, other, check, twelve, one, NULL);
    return rc;
}

/* Baseline and the period's Net effect above the table, and the note. */
static int write_header_block(tmt_sheet *sh, lxw_row_t first_row, lxw_row_t last_row)
{
    wb_context *ctx = sh->ctx;
    const tmt_result *t = &ctx->r->tmt;
    const tmt_area_result *total = &t->areas[0];
    if (total->has_baseline &&
        (wb_string(ctx, sh->ws, ROW_BASELINE, 0, text(ctx, T_BASELINE), ctx->fmt.bold) != 0 ||
         wb_integer(ctx, sh->ws, ROW_BASELINE, VALUE_COL, total->baseline, ctx->fmt.integer) != 0))
        return -1;
    if (t->has_net_effect) {
        char label[160], first[32], last[32];
        label_with_years(label, sizeof label, text(ctx, T_NET_PERIOD), t);
        wb_cell(first, first_row, COL_NET_EFFECT);
        wb_cell(last, last_row, COL_NET_EFFECT);
        if (wb_string(ctx, sh->ws, ROW_NET, 0, label, ctx->fmt.bold) != 0 ||
            wb_formula(ctx, sh->ws, ROW_NET, VALUE_COL, ctx->fmt.money_bold, t->net_effect,
                       "=SUM(%s:%s)", first, last) != 0)
            return -1;
        wb_ref_abs(ctx, ctx->tmt_net_effect_ref, WB_SHEET_TMT, ROW_NET, VALUE_COL);
    }
    if (total->has_baseline || t->has_net_effect)
        return wb_string(ctx, sh->ws, ROW_NOTE, 0, text(ctx, T_NOTE), ctx->fmt.subtitle);
    return 0;
}

/* SPEC §7.6: a line chart of the [tmt] row's Actual (and Estimate, Target) by year. */
static int write_chart(tmt_sheet *sh, lxw_row_t below)
{
    wb_context *ctx = sh->ctx;
    const tmt_area_result *total = &ctx->r->tmt.areas[0];
    static const struct { tmt_field field; lxw_col_t col; } series_of[] = {
        {TMT_ACTUAL, COL_ACTUAL}, {TMT_ESTIMATE, COL_ESTIMATE}, {TMT_TARGET, COL_TARGET},
    };
    bool has_series[ARRAY_SIZE(series_of)] = {false}, any_series = false;
    for (size_t s = 0; s < ARRAY_SIZE(series_of); s++) {
        for (size_t i = 0; i < total->n_rows; i++)
            has_series[s] |= total->rows[i].has[series_of[s].field];
        any_series |= has_series[s];
    }
    /* A [tmt] row with no Actual, Estimate or Target (only persons, say) has nothing to
     * draw: no chart rather than an empty one (libxlsxwriter refuses it). */
    if (!any_series)
        return 0;
    lxw_chart *chart = workbook_add_chart(ctx->out.workbook, LXW_CHART_LINE);
    if (!chart)
        return wb_fail_msg(ctx, "cannot add a chart");
    const char *sheet_name = wb_text(ctx, WB_L_SHEET_TMT);
    lxw_row_t first = TABLE_ROW + 1, last = (lxw_row_t)(TABLE_ROW + total->n_rows);
    for (size_t s = 0; s < ARRAY_SIZE(series_of); s++) {
        if (!has_series[s])
            continue;
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        if (!series)
            return wb_fail_msg(ctx, "cannot add a chart series");
        chart_series_set_categories(series, sheet_name, first, COL_YEAR, last, COL_YEAR);
        chart_series_set_values(series, sheet_name, first, series_of[s].col, last,
                                series_of[s].col);
        chart_series_set_name_range(series, sheet_name, TABLE_ROW, series_of[s].col);
        chart_series_set_marker_type(series, LXW_CHART_MARKER_AUTOMATIC);
    }
    char title[200];
    snprintf(title, sizeof title, "%s%s%s", text(ctx, T_CHART_TITLE), total->label ? ": " : "",
             total->label ? total->label : "");
    chart_title_set_name(chart, title);
    chart_axis_set_num_format(chart->y_axis, "#,##0 \"€\"");
    chart_axis_set_min(chart->y_axis, 0);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
    lxw_chart_options options = {.x_scale = 1.8, .y_scale = 1.3};
    WB_CHECK(ctx, worksheet_insert_chart_opt(sh->ws, below, COL_AREA, chart, &options));
    /* Printed, a chart cut between two pages is unreadable: below a long table it starts
     * a page of its own (the title block, a table of up to 24 rows and the chart fit on
     * one landscape page). */
    if (below > TABLE_ROW + 26) {
        lxw_row_t breaks[] = {below - 1, 0};
        WB_CHECK(ctx, worksheet_set_h_pagebreaks(sh->ws, breaks));
    }
    return 0;
}

int workbook_tmt_sheet(wb_context *ctx, lxw_worksheet *ws)
{
    const tmt_result *t = &ctx->r->tmt;
    tmt_sheet sh = {.ctx = ctx, .ws = ws};
    for (size_t a = 0; a < t->n_areas; a++)
        sh.n_rows += t->areas[a].n_rows;
    if (t->n_areas == 0 || sh.n_rows == 0)
        return wb_fail_msg(ctx, "no TMT rows");
    if (wb_sheet_title(ctx, ws, WB_L_TITLE_TMT) != 0)
        return -1;

    lxw_row_t row = TABLE_ROW + 1;
    for (size_t a = 0; a < t->n_areas; a++) {
        const tmt_area_result *area = &t->areas[a];
        lxw_row_t first = row, baseline_row = row;
        for (size_t i = 0; i < area->n_rows; i++)
            if (area->has_baseline && area->rows[i].year == area->baseline)
                baseline_row = (lxw_row_t)(first + i);
        for (size_t i = 0; i < area->n_rows; i++, row++)
            if (write_row(&sh, area, &area->rows[i], row, baseline_row, a == 0) != 0)
                return -1;
    }
    lxw_row_t last = row - 1;
    if (write_header_block(&sh, TABLE_ROW + 1, last) != 0)
        return -1;

    const char *headers[COL_COUNT];
    for (int c = 0; c < COL_COUNT; c++)
        headers[c] = text(ctx, (tmt_text)(T_H_AREA + c));
    static const double widths[COL_COUNT] = {22, 7, 10, 15, 15, 15, 15, 11, 11, 13, 15, 15, 16};
    if (wb_table(ctx, ws, "TMT", TABLE_ROW, 0, last, headers, COL_COUNT) != 0 ||
        wb_column_widths(ctx, ws, 0, widths, COL_COUNT) != 0 ||
        write_chart(&sh, last + 2) != 0)
        return -1;
    return wb_print_setup(ctx, ws, true, TABLE_ROW);
}

int workbook_tmt_summary_figure(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row,
                                lxw_col_t label_col, lxw_col_t value_col)
{
    const tmt_result *t = &ctx->r->tmt;
    char label[160];
    label_with_years(label, sizeof label, text(ctx, T_SUMMARY_NET), t);
    if (wb_string(ctx, ws, row, label_col, label, NULL) != 0)
        return -1;
    int rc = ctx->tmt_net_effect_ref[0]
                 ? wb_formula(ctx, ws, row, value_col, ctx->fmt.money, t->net_effect, "=%s",
                              ctx->tmt_net_effect_ref)
                 : wb_number(ctx, ws, row, value_col, t->net_effect, ctx->fmt.money);
    if (rc != 0)
        return -1;
    return wb_define_name(ctx, "TMT_Net_Effect", WB_SHEET_SUMMARY, ws, row, value_col);
}
