/*
 * workbook_funding — the Funding sheet (SPEC §5.4, §6).
 *
 * The parameters (state share, cap, reference TMT, own minimum share) stand labelled
 * above table `Funding`, so the formulas can name them: per year, Total cost and
 * State-paid staff are SUMPRODUCTs over the Monthly table by year; Municipal cost and
 * Municipal net cost differences; State grant = MIN(ROUND(share × Eligible, 2), cap)
 * and Required = ROUND(own share × TMT × months ÷ 12, 2) when the scenario rounds
 * half-up as Excel's ROUND does (values under half-even); Actual points at the Budget
 * table's total row, Actual net cost = Actual − State grant; Status and Shortfall
 * compare the basis the row is judged on (Actual net cost or Municipal net cost) with
 * Required. Eligible and Judged on are values: eligibility is in no table. The `total`
 * row sums the years and judges Status on its own totals.
 *
 * Every check here uses the compute module's primitives (funding.h) on the values the
 * cells hold, so each formula of §5.4 is written once, in funding.c.
 */
#include "workbook_internal.h"

#include <stdio.h>
#include <string.h>

#include "common.h"
#include "funding.h"
#include "vocab.h"

enum { PARAM_STATE_SHARE, PARAM_STATE_CAP, PARAM_REFERENCE_TMT, PARAM_OWN_MIN_SHARE };

typedef struct {
    wb_context *ctx;
    lxw_worksheet *ws;
    lxw_row_t first_row, total_row;   /* first year row, the total row */
    char param[4][32];                /* "$D$4" ... */
} funding_sheet;

static lxw_row_t row_of(const funding_sheet *f, size_t i)
{
    return (lxw_row_t)(f->first_row + i);
}

static int write_parameters(funding_sheet *f)
{
    wb_context *ctx = f->ctx;
    const funding_params *p = &ctx->s->funding;
    static const wb_label labels[4] = {
        WB_L_PARAM_STATE_SHARE, WB_L_PARAM_STATE_CAP, WB_L_PARAM_REFERENCE_TMT,
        WB_L_PARAM_OWN_MIN_SHARE,
    };
    for (int i = 0; i < 4; i++) {
        lxw_row_t row = (lxw_row_t)(WB_FUNDING_PARAM_ROW + i);
        wb_cell_abs(f->param[i], row, WB_FUNDING_PARAM_COL);
        if (wb_string(ctx, f->ws, row, 0, wb_text(ctx, labels[i]), NULL) != 0)
            return -1;
    }
    lxw_row_t row = WB_FUNDING_PARAM_ROW;
    if (wb_number(ctx, f->ws, row + PARAM_STATE_SHARE, WB_FUNDING_PARAM_COL, p->state_share,
                  ctx->fmt.percent) != 0)
        return -1;
    if (p->has_state_cap &&
        wb_money_input(ctx, f->ws, row + PARAM_STATE_CAP, WB_FUNDING_PARAM_COL, p->state_cap) != 0)
        return -1;
    if (p->has_reference_tmt &&
        wb_money_input(ctx, f->ws, row + PARAM_REFERENCE_TMT, WB_FUNDING_PARAM_COL,
                       p->reference_tmt) != 0)
        return -1;
    if (p->has_own_min_share &&
        wb_number(ctx, f->ws, row + PARAM_OWN_MIN_SHARE, WB_FUNDING_PARAM_COL, p->own_min_share,
                  ctx->fmt.percent) != 0)
        return -1;
    return 0;
}

/* A formula when agrees, else the value: the cached value is always r's number. */
static int write_checked(funding_sheet *f, lxw_row_t row, lxw_col_t col, const mpq_t value,
                         bool agrees, const char *formula, lxw_format *format)
{
    if (agrees)
        return wb_formula(f->ctx, f->ws, row, col, format, value, "%s", formula);
    return wb_number(f->ctx, f->ws, row, col, value, format);
}

/* Σ over the year's months of a Monthly column (month_total or state_paid). */
static void monthly_year_sum(mpq_t out, const wb_context *ctx, const mpq_t *column, int year)
{
    mpq_set_ui(out, 0, 1);
    for (int m = 0; m < ctx->r->n_months; m++)
        if (month_year(ctx->s->start + m) == year)
            mpq_add(out, out, column[m]);
}

/* Total cost or State-paid staff of a year: SUMPRODUCT over the Monthly table. */
static int write_by_year(funding_sheet *f, size_t i, lxw_col_t col, lxw_col_t monthly_col,
                         const mpq_t *column, const mpq_t value)
{
    wb_context *ctx = f->ctx;
    const funding_row *fr = &ctx->r->funding[i];
    mpq_t check;
    mpq_init(check);
    monthly_year_sum(check, ctx, column, fr->year);
    bool agrees = mpq_equal(check, value);
    mpq_clear(check);

    char months[WB_REF_SIZE], amounts[WB_REF_SIZE], year[32], formula[3 * WB_REF_SIZE];
    wb_monthly_range(ctx, months, WB_MONTHLY_COL_MONTH);
    wb_monthly_range(ctx, amounts, monthly_col);
    wb_cell(year, row_of(f, i), WB_FUNDING_COL_YEAR);
    snprintf(formula, sizeof formula, "=SUMPRODUCT((YEAR(%s)=$%s)*%s)", months, year, amounts);
    return write_checked(f, row_of(f, i), col, value, agrees, formula, ctx->fmt.money);
}

/* a − b, both cells of the same row. */
static int write_difference(funding_sheet *f, lxw_row_t row, lxw_col_t col, lxw_col_t a_col,
                            const mpq_t a, lxw_col_t b_col, const mpq_t b, const mpq_t value,
                            lxw_format *format)
{
    mpq_t check;
    mpq_init(check);
    mpq_sub(check, a, b);
    bool agrees = mpq_equal(check, value);
    mpq_clear(check);
    char a_cell[32], b_cell[32], formula[80];
    wb_cell(a_cell, row, a_col);
    wb_cell(b_cell, row, b_col);
    snprintf(formula, sizeof formula, "=%s-%s", a_cell, b_cell);
    return write_checked(f, row, col, value, agrees, formula, format);
}

/* State grant = MIN(ROUND(share × Eligible, 2), cap) under half-up (SPEC §5.4): the
 * formula is written when funding_grant on the cells' values gives the program's grant. */
static int write_grant(funding_sheet *f, size_t i)
{
    wb_context *ctx = f->ctx;
    const funding_params *p = &ctx->s->funding;
    const funding_row *fr = &ctx->r->funding[i];
    mpq_t check, cap;
    mpq_inits(check, cap, NULL);
    money_round(cap, p->state_cap, ctx->s->rounding);   /* the value the cap cell holds */
    funding_grant(check, p->state_share, fr->eligible, p->has_state_cap ? cap : NULL,
                  ROUND_HALF_UP);
    bool agrees = ctx->s->rounding == ROUND_HALF_UP && mpq_equal(check, fr->state_grant);
    mpq_clears(check, cap, NULL);

    char eligible[32], formula[160];
    wb_cell(eligible, row_of(f, i), WB_FUNDING_COL_ELIGIBLE);
    if (p->has_state_cap)
        snprintf(formula, sizeof formula, "=MIN(ROUND(%s*%s,2),%s)", f->param[PARAM_STATE_SHARE],
                 eligible, f->param[PARAM_STATE_CAP]);
    else
        snprintf(formula, sizeof formula, "=ROUND(%s*%s,2)", f->param[PARAM_STATE_SHARE], eligible);
    return write_checked(f, row_of(f, i), WB_FUNDING_COL_STATE_GRANT, fr->state_grant, agrees,
                         formula, ctx->fmt.money);
}

/* SPEC §7.2: each reference_tmt.YYYY stands labelled below the table, so the year's
 * Required can name it; its cell is in `cell` (else the parameter's). */
static lxw_row_t year_reference_row(const funding_sheet *f, size_t k)
{
    return f->total_row + 2 + (lxw_row_t)k;
}

static int write_year_references(funding_sheet *f)
{
    wb_context *ctx = f->ctx;
    const funding_params *p = &ctx->s->funding;
    for (size_t k = 0; k < p->n_reference_tmt_years; k++) {
        char text[160];
        snprintf(text, sizeof text, "%s %d", wb_text(ctx, WB_L_PARAM_REFERENCE_TMT),
                 p->reference_tmt_years[k].year);
        lxw_row_t row = year_reference_row(f, k);
        if (wb_string(ctx, f->ws, row, 0, text, NULL) != 0 ||
            wb_money_input(ctx, f->ws, row, WB_FUNDING_PARAM_COL,
                           p->reference_tmt_years[k].value) != 0)
            return -1;
    }
    return 0;
}

/* The cell holding the reference of year (the parameter's when no override). */
static void reference_cell(const funding_sheet *f, int year, char *cell)
{
    const funding_params *p = &f->ctx->s->funding;
    for (size_t k = 0; k < p->n_reference_tmt_years; k++)
        if (p->reference_tmt_years[k].year == year) {
            wb_cell_abs(cell, year_reference_row(f, k), WB_FUNDING_PARAM_COL);
            return;
        }
    snprintf(cell, 32, "%s", f->param[PARAM_REFERENCE_TMT]);
}

/* Required = ROUND(own_min_share × reference_tmt × months ÷ 12, 2) under half-up, checked
 * with funding_required_amount on the cells' values. */
static int write_required(funding_sheet *f, size_t i)
{
    wb_context *ctx = f->ctx;
    const funding_params *p = &ctx->s->funding;
    const funding_row *fr = &ctx->r->funding[i];
    mpq_t check, tmt;
    mpq_inits(check, tmt, NULL);
    /* the value the TMT cell holds */
    money_round(tmt, *funding_reference_tmt(p, fr->year), ctx->s->rounding);
    funding_required_amount(check, p->own_min_share, tmt, fr->months, ROUND_HALF_UP);
    bool agrees = ctx->s->rounding == ROUND_HALF_UP && mpq_equal(check, fr->required);
    mpq_clears(check, tmt, NULL);

    char months_cell[32], reference[32], formula[160];
    wb_cell(months_cell, row_of(f, i), WB_FUNDING_COL_MONTHS);
    reference_cell(f, fr->year, reference);
    snprintf(formula, sizeof formula, "=ROUND(%s*%s*%s/12,2)", f->param[PARAM_OWN_MIN_SHARE],
             reference, months_cell);
    return write_checked(f, row_of(f, i), WB_FUNDING_COL_REQUIRED, fr->required, agrees, formula,
                         ctx->fmt.money);
}

/* The basis of a row as a formula term: its Actual net cost or Municipal net cost cell;
 * the total row of a mixed judgement: the sum of the years' basis cells. */
static int basis_term(const funding_sheet *f, size_t i, char *buf, size_t size)
{
    const results *r = f->ctx->r;
    const funding_row *fr = &r->funding[i];
    lxw_row_t row = row_of(f, i);
    char cell[32];
    if (fr->judged_on != FUNDING_ON_MIXED) {
        wb_cell(cell, row, fr->judged_on == FUNDING_ON_ACTUAL ? WB_FUNDING_COL_ACTUAL_NET
                                                              : WB_FUNDING_COL_MUNICIPAL_NET);
        snprintf(buf, size, "%s", cell);
        return 0;
    }
    size_t o = (size_t)snprintf(buf, size, "(");
    for (size_t y = 0; y + 1 < r->n_funding; y++) {
        wb_cell(cell, row_of(f, y), r->funding[y].judged_on == FUNDING_ON_ACTUAL
                                        ? WB_FUNDING_COL_ACTUAL_NET
                                        : WB_FUNDING_COL_MUNICIPAL_NET);
        int n = snprintf(buf + o, size - o, "%s%s", y ? "+" : "", cell);
        if (n < 0 || (size_t)n >= size - o)
            return -1;
        o += (size_t)n;
    }
    if (o + 2 > size)
        return -1;
    strcpy(buf + o, ")");
    return 0;
}

/* Status and Shortfall on the row's basis and Required (funding_judge on the values). */
static int write_status(funding_sheet *f, size_t i)
{
    wb_context *ctx = f->ctx;
    const funding_row *fr = &ctx->r->funding[i];
    lxw_row_t row = row_of(f, i);
    char basis[1024], required[32];
    bool have_term = basis_term(f, i, basis, sizeof basis) == 0;
    wb_cell(required, row, WB_FUNDING_COL_REQUIRED);

    mpq_t shortfall;
    mpq_init(shortfall);
    bool agrees = have_term && funding_judge(shortfall, fr->basis, fr->required) == fr->met &&
                  mpq_equal(shortfall, fr->shortfall);
    mpq_clear(shortfall);

    const char *status = vocab_status(fr->met, ctx->out.lang);
    bool total = i + 1 == ctx->r->n_funding;
    lxw_format *bold = total ? ctx->fmt.word_bold : ctx->fmt.word;
    int rc;
    if (agrees)
        rc = wb_formula_text(ctx, f->ws, row, WB_FUNDING_COL_STATUS, bold, status,
                             "=IF(%s>=%s,\"%s\",\"%s\")", basis, required,
                             vocab_status(true, ctx->out.lang), vocab_status(false, ctx->out.lang));
    else
        rc = wb_string(ctx, f->ws, row, WB_FUNDING_COL_STATUS, status, bold);
    if (rc != 0)
        return -1;
    char formula[1100];
    snprintf(formula, sizeof formula, "=MAX(%s-%s,0)", required, basis);
    return write_checked(f, row, WB_FUNDING_COL_SHORTFALL, fr->shortfall, agrees, formula,
                         total ? ctx->fmt.money_bold : ctx->fmt.money);
}

/* Actual: the Budget table's total row of the year (the same cent-rounded value); Actual
 * net cost = Actual − State grant; Judged on. */
static int write_actual(funding_sheet *f, size_t i)
{
    wb_context *ctx = f->ctx;
    const funding_row *fr = &ctx->r->funding[i];
    lxw_row_t row = row_of(f, i);
    if (fr->has_actual) {
        /* results.h: four Budget rows per year, the total last. */
        size_t budget_index = i * (CAT_COUNT + 1) + CAT_COUNT;
        bool linked = ctx->sheets[WB_SHEET_BUDGET] && budget_index < ctx->r->n_budget;
        if (linked) {
            mpq_t cell;
            mpq_init(cell);
            money_round(cell, ctx->r->budget[budget_index].actual, ctx->s->rounding);
            linked = ctx->r->budget[budget_index].has_actual && mpq_equal(cell, fr->actual);
            mpq_clear(cell);
        }
        char ref[WB_REF_SIZE], formula[WB_REF_SIZE + 2];
        wb_ref_abs(ctx, ref, WB_SHEET_BUDGET, (lxw_row_t)(WB_TABLE_ROW + 1 + budget_index),
                   WB_BUDGET_COL_ACTUAL);
        snprintf(formula, sizeof formula, "=%s", ref);
        if (write_checked(f, row, WB_FUNDING_COL_ACTUAL, fr->actual, linked, formula,
                          ctx->fmt.money) != 0 ||
            write_difference(f, row, WB_FUNDING_COL_ACTUAL_NET, WB_FUNDING_COL_ACTUAL,
                             fr->actual, WB_FUNDING_COL_STATE_GRANT, fr->state_grant,
                             fr->actual_net, ctx->fmt.money) != 0)
            return -1;
    }
    return wb_string(ctx, f->ws, row, WB_FUNDING_COL_JUDGED_ON,
                     vocab_judged_on(fr->judged_on, ctx->out.lang), ctx->fmt.word);
}

/* The money value of a Funding column in one row. */
static mpq_srcptr column_value(const funding_row *row, lxw_col_t col)
{
    switch (col) {
    case WB_FUNDING_COL_TOTAL_COST: return row->total_cost;
    case WB_FUNDING_COL_STATE_PAID: return row->state_paid;
    case WB_FUNDING_COL_MUNICIPAL_COST: return row->municipal_cost;
    case WB_FUNDING_COL_ELIGIBLE: return row->eligible;
    case WB_FUNDING_COL_STATE_GRANT: return row->state_grant;
    case WB_FUNDING_COL_MUNICIPAL_NET: return row->municipal_net;
    case WB_FUNDING_COL_ACTUAL: return row->actual;
    case WB_FUNDING_COL_ACTUAL_NET: return row->actual_net;
    default: return row->required;
    }
}

/* The total row's cell of a column: =SUM of the year rows when they add up to it. */
static int write_total_sum(funding_sheet *f, lxw_col_t col)
{
    wb_context *ctx = f->ctx;
    size_t n_years = ctx->r->n_funding - 1;
    mpq_srcptr value = column_value(&ctx->r->funding[n_years], col);
    mpq_t check;
    mpq_init(check);
    for (size_t i = 0; i < n_years; i++)
        mpq_add(check, check, column_value(&ctx->r->funding[i], col));
    bool agrees = n_years > 0 && mpq_equal(check, value);
    mpq_clear(check);
    char first[32], last[32], formula[80];
    wb_cell(first, f->first_row, col);
    wb_cell(last, f->total_row - 1, col);
    snprintf(formula, sizeof formula, "=SUM(%s:%s)", first, last);
    return write_checked(f, f->total_row, col, value, agrees, formula, ctx->fmt.money_bold);
}

static int write_year_row(funding_sheet *f, size_t i)
{
    wb_context *ctx = f->ctx;
    const results *r = ctx->r;
    const funding_row *fr = &r->funding[i];
    lxw_row_t row = row_of(f, i);
    if (wb_integer(ctx, f->ws, row, WB_FUNDING_COL_YEAR, fr->year, ctx->fmt.year_left) != 0 ||
        wb_integer(ctx, f->ws, row, WB_FUNDING_COL_MONTHS, fr->months, ctx->fmt.integer) != 0 ||
        write_by_year(f, i, WB_FUNDING_COL_TOTAL_COST, WB_MONTHLY_COL_TOTAL, r->month_total,
                      fr->total_cost) != 0 ||
        write_by_year(f, i, WB_FUNDING_COL_STATE_PAID, WB_MONTHLY_COL_STATE_PAID, r->state_paid,
                      fr->state_paid) != 0 ||
        write_difference(f, row, WB_FUNDING_COL_MUNICIPAL_COST, WB_FUNDING_COL_TOTAL_COST,
                         fr->total_cost, WB_FUNDING_COL_STATE_PAID, fr->state_paid,
                         fr->municipal_cost, ctx->fmt.money) != 0 ||
        wb_number(ctx, f->ws, row, WB_FUNDING_COL_ELIGIBLE, fr->eligible, ctx->fmt.money) != 0 ||
        write_grant(f, i) != 0 ||
        write_difference(f, row, WB_FUNDING_COL_MUNICIPAL_NET, WB_FUNDING_COL_MUNICIPAL_COST,
                         fr->municipal_cost, WB_FUNDING_COL_STATE_GRANT, fr->state_grant,
                         fr->municipal_net, ctx->fmt.money) != 0 ||
        write_actual(f, i) != 0)
        return -1;
    if (fr->has_required && (write_required(f, i) != 0 || write_status(f, i) != 0))
        return -1;
    return 0;
}

static int write_total_row(funding_sheet *f)
{
    wb_context *ctx = f->ctx;
    size_t n_years = ctx->r->n_funding - 1;
    const funding_row *total = &ctx->r->funding[n_years];
    lxw_row_t row = f->total_row;

    if (wb_string(ctx, f->ws, row, WB_FUNDING_COL_YEAR, vocab_category(CAT_COUNT, ctx->out.lang),
                  ctx->fmt.bold) != 0)
        return -1;
    char first[32], last[32];
    wb_cell(first, f->first_row, WB_FUNDING_COL_MONTHS);
    wb_cell(last, row - 1, WB_FUNDING_COL_MONTHS);
    mpq_t months;
    mpq_init(months);
    mpq_set_si(months, total->months, 1);
    int rc = wb_formula(ctx, f->ws, row, WB_FUNDING_COL_MONTHS, ctx->fmt.integer, months,
                        "=SUM(%s:%s)", first, last);
    mpq_clear(months);
    if (rc != 0 ||
        write_total_sum(f, WB_FUNDING_COL_TOTAL_COST) != 0 ||
        write_total_sum(f, WB_FUNDING_COL_STATE_PAID) != 0 ||
        write_total_sum(f, WB_FUNDING_COL_MUNICIPAL_COST) != 0 ||
        write_total_sum(f, WB_FUNDING_COL_ELIGIBLE) != 0 ||
        write_total_sum(f, WB_FUNDING_COL_STATE_GRANT) != 0 ||
        write_total_sum(f, WB_FUNDING_COL_MUNICIPAL_NET) != 0)
        return -1;
    /* §5.4: Actual and Actual net cost only when every year has an Actual. */
    if (total->has_actual &&
        (write_total_sum(f, WB_FUNDING_COL_ACTUAL) != 0 ||
         write_total_sum(f, WB_FUNDING_COL_ACTUAL_NET) != 0))
        return -1;
    if (wb_string(ctx, f->ws, row, WB_FUNDING_COL_JUDGED_ON,
                  vocab_judged_on(total->judged_on, ctx->out.lang), ctx->fmt.word_bold) != 0)
        return -1;
    if (total->has_required &&
        (write_total_sum(f, WB_FUNDING_COL_REQUIRED) != 0 ||
         write_status(f, n_years) != 0))
        return -1;
    return 0;
}

int workbook_funding_sheet(wb_context *ctx, lxw_worksheet *ws)
{
    const results *r = ctx->r;
    if (r->n_funding == 0)
        return wb_fail_msg(ctx, "no funding rows");
    funding_sheet f = {
        .ctx = ctx, .ws = ws, .first_row = WB_FUNDING_TABLE_ROW + 1,
        .total_row = (lxw_row_t)(WB_FUNDING_TABLE_ROW + r->n_funding),
    };
    if (wb_sheet_title(ctx, ws, WB_L_TITLE_FUNDING) != 0 || write_parameters(&f) != 0 ||
        write_year_references(&f) != 0)
        return -1;
    wb_track_columns(ctx, ws, WB_FUNDING_TABLE_ROW);
    for (size_t i = 0; i + 1 < r->n_funding; i++)
        if (write_year_row(&f, i) != 0)
            return -1;
    if (write_total_row(&f) != 0)
        return -1;

    static const wb_label headers[] = {
        WB_L_FUNDING_YEAR, WB_L_FUNDING_MONTHS, WB_L_FUNDING_TOTAL_COST,
        WB_L_FUNDING_STATE_PAID, WB_L_FUNDING_MUNICIPAL_COST, WB_L_FUNDING_ELIGIBLE,
        WB_L_FUNDING_STATE_GRANT, WB_L_FUNDING_MUNICIPAL_NET, WB_L_FUNDING_ACTUAL,
        WB_L_FUNDING_ACTUAL_NET, WB_L_FUNDING_JUDGED_ON, WB_L_FUNDING_REQUIRED,
        WB_L_FUNDING_STATUS, WB_L_FUNDING_SHORTFALL,
    };
    static const double widths[] = {7, 9, 15, 15, 15, 15, 15, 15, 15, 15, 12, 15, 9, 14};
    /* SPEC §7.3: the `total` row is the table's totals row, so table readers (pandas,
     * Power Query) do not count it as a year. */
    const char *texts[ARRAY_SIZE(headers)];
    for (size_t i = 0; i < ARRAY_SIZE(headers); i++)
        texts[i] = wb_text(ctx, headers[i]);
    if (wb_table_totals(ctx, ws, "Funding", WB_FUNDING_TABLE_ROW, 0, f.total_row, texts,
                        ARRAY_SIZE(headers)) != 0 ||
        wb_column_widths(ctx, ws, 0, widths, ARRAY_SIZE(widths)) != 0)
        return -1;
    /* Which totals include the state-paid staff, and what the test is judged on. */
    if (wb_note(ctx, ws, WB_FUNDING_PARAM_ROW + 4, 0, WB_FUNDING_COL_MUNICIPAL_NET,
                wb_text(ctx, WB_L_FUNDING_NOTE)) != 0)
        return -1;
    /* Two pages side by side: costs and the grant, then the own-contribution test from
     * Actual on, each with the Year (SPEC §7.1: no shrinking below 7 pt). */
    return wb_print_split(ctx, ws, WB_FUNDING_TABLE_ROW, WB_FUNDING_COL_ACTUAL, 1);
}
