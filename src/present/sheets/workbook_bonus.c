/*
 * workbook_bonus — the Bonus sheet (SPEC §5.6, §6).
 *
 * From the top: the inputs of the allocation (pool, method, rate, cap, min_score, top,
 * unit) on the left and its results (λ as a number and as an exact fraction, Σ exact,
 * the rounded total A, Allocated, Unallocated, the eligible count) on the right; then
 * one row per indicator attribute over the indicator columns (label, normalisation,
 * denominator, weight); then table `Bonus`, a total row under it, and a bar chart of
 * the eligible projects' bonuses.
 *
 * SPEC §6 "formulas where the step is plain arithmetic": the denominators of `max` and
 * `share` (MAX, SUM of the raw column) and the normalised values x ÷ denominator; Score
 * = SUMPRODUCT(weights, normalised values of the row); Basis and Cap from the grant and
 * the parameter cells; Bonus % of grant; the sums; Allocated, Unallocated and the
 * eligible count. Values where no formula expresses the step: `minmax` and `rank`
 * normalisation, eligibility (top N), λ, Exact and the rounded Bonus. Every formula
 * caches the program's exact number; a formula is written only when exact arithmetic on
 * the cells it reads gives that number (a cell holds a cent-rounded grant, for one), and
 * the value alone otherwise.
 *
 * Sets ctx->bonus_pool_ref and ctx->bonus_allocated_ref for the Summary, which defines
 * Bonus_Pool, Bonus_Allocated and Bonus_Unallocated there.
 *
 * A big round (issue 13, workbook_limits.h) is the same sheet, cell for cell, written
 * in libxlsxwriter's constant_memory mode: no Excel table but a plain range with the
 * same header row, an autofilter and the defined name `Bonus`; a note in row 2 says so;
 * and every row is written whole, top-down (the blocks above the table row by row,
 * the header before the rows), which constant_memory requires.
 */
#include "workbook_internal.h"
#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "vocab.h"
#include "workbook_limits.h"

/* ---- Texts of this sheet (both languages) -------------------------------------------- */

typedef enum {
    T_POOL, T_METHOD, T_RATE, T_CAP, T_MIN_SCORE, T_TOP, T_UNIT,
    T_LAMBDA, T_LAMBDA_EXACT, T_EXACT_TOTAL, T_ROUNDED_TOTAL, T_ALLOCATED, T_UNALLOCATED,
    T_ELIGIBLE_COUNT, T_TIE_NOTE, T_INDICATOR, T_NORMALIZE, T_DENOMINATOR, T_WEIGHT,
    T_CHART_BLOCK, T_CHART_TITLE, T_BIG_ROUND,
    /* Table headers (SPEC §6: the English ones exactly as written there). */
    T_H_PROJECT, T_H_NAME, T_H_GRANT, T_H_SCORE, T_H_ELIGIBLE, T_H_REASON, T_H_BASIS,
    T_H_CAP, T_H_EXACT, T_H_BONUS, T_H_SHARE_OF_GRANT,
    T_COUNT
} bonus_text;

static const char *const texts[T_COUNT][2] = {
    /*                  fi                                  en */
    [T_POOL] = {"Palkkiovaraus", "Pool"},
    [T_METHOD] = {"Jakotapa", "Method"},
    [T_RATE] = {"Osuus avustuksesta", "Rate"},
    [T_CAP] = {"Katto, osuus avustuksesta", "Cap (share of grant)"},
    [T_MIN_SCORE] = {"Vähimmäispisteet", "Min score"},
    [T_TOP] = {"Parhaat N", "Top"},
    [T_UNIT] = {"Pyöristysyksikkö", "Unit"},
    [T_LAMBDA] = {"λ", "λ"},
    [T_LAMBDA_EXACT] = {"λ tarkkana murtolukuna", "λ as an exact fraction"},
    [T_EXACT_TOTAL] = {"Σ tarkat summat", "Σ exact"},
    [T_ROUNDED_TOTAL] = {"Pyöristetty summa A", "Rounded total A"},
    [T_ALLOCATED] = {"Jaettu", "Allocated"},
    [T_UNALLOCATED] = {"Jakamatta", "Unallocated"},
    [T_ELIGIBLE_COUNT] = {"Palkkiokelpoisia hankkeita", "Eligible projects"},
    [T_TIE_NOTE] = {"Tasapisteet rajalla: %zu hanketta mukana, vaikka parhaita on %lu",
                    "Tie at the boundary: %zu projects admitted with top = %lu"},
    [T_INDICATOR] = {"Mittari", "Indicator"},
    [T_NORMALIZE] = {"Normitus", "Normalisation"},
    [T_DENOMINATOR] = {"Jakaja (suurin tai Σ)", "Denominator (max or Σ)"},
    [T_WEIGHT] = {"Paino", "Weight"},
    [T_CHART_BLOCK] = {"Palkkiokelpoiset hankkeet", "Eligible projects"},
    [T_CHART_TITLE] = {"Tulospalkkio hankkeittain", "Bonus by project"},
    [T_BIG_ROUND] = {"Yli %zu hanketta: rivit ovat tavallinen alue nimeltä Bonus, "
                     "ei Excel-taulukko (rajattu muisti).",
                     "More than %zu projects: the rows are a plain range named Bonus, "
                     "not an Excel table (bounded memory)."},
    [T_H_PROJECT] = {"Hanke", "Project"},
    [T_H_NAME] = {"Nimi", "Name"},
    [T_H_GRANT] = {"Avustus", "Grant"},
    [T_H_SCORE] = {"Pisteet", "Score"},
    [T_H_ELIGIBLE] = {"Palkkiokelpoinen", "Eligible"},
    [T_H_REASON] = {"Syy", "Reason"},
    [T_H_BASIS] = {"Peruste", "Basis"},
    [T_H_CAP] = {"Katto", "Cap"},
    [T_H_EXACT] = {"Tarkka", "Exact"},
    [T_H_BONUS] = {"Palkkio", "Bonus"},
    [T_H_SHARE_OF_GRANT] = {"Palkkio % avustuksesta", "Bonus % of grant"},
};

/* SPEC §6: `<id> (norm.)` in both languages. */
static const char norm_suffix[] = " (norm.)";

/* Width of an indicator's raw-value column, over which its label wraps. */
#define RAW_WIDTH 16

/* Only a chart a reader can read: one bar per eligible project, at most this many. */
#define CHART_MAX_BARS 50

/* ---- The sheet's layout ------------------------------------------------------------- */

enum { COL_PROJECT, COL_NAME, COL_GRANT, COL_FIRST_INDICATOR };

/* Input parameters: label in A (spilling into B), value in C. */
enum { PARAM_ROW = WB_TABLE_ROW, PARAM_LABEL_COL = COL_PROJECT, PARAM_VALUE_COL = COL_GRANT };
enum { P_POOL, P_METHOD, P_RATE, P_CAP, P_MIN_SCORE, P_TOP, P_UNIT, P_COUNT };
/* Results: label in the Score column (spilling over Eligible and Reason), value in Basis. */
enum { R_LAMBDA, R_LAMBDA_EXACT, R_EXACT_TOTAL, R_ROUNDED_TOTAL, R_ALLOCATED, R_UNALLOCATED,
       R_ELIGIBLE_COUNT, R_TIE_NOTE, R_COUNT };
/* Indicator rows over the indicator columns, one blank row under the two blocks. */
enum { I_LABEL, I_NORMALIZE, I_DENOMINATOR, I_WEIGHT, I_COUNT };
#define BLOCK_ROWS ((int)P_COUNT > (int)R_COUNT ? (int)P_COUNT : (int)R_COUNT)
#define INDICATOR_ROW (PARAM_ROW + BLOCK_ROWS + 1)
#define HEADER_ROW (INDICATOR_ROW + I_COUNT)
/* A big round's note, in the blank row under the title. */
#define BIG_ROUND_NOTE_ROW (PARAM_ROW - 1)
/* Every row of a block, or only the one of this index (a big round: row by row). */
#define ALL_ROWS (-1)

typedef struct {
    wb_context *ctx;
    lxw_worksheet *ws;
    const bonus_input *in;
    const bonus_result *b;
    bool big;                              /* a big round: constant_memory, no table */
    size_t k;                              /* indicators */
    lxw_row_t first_row, last_row;         /* the table's data rows */
    lxw_col_t col_score, col_eligible, col_reason, col_basis, col_cap, col_exact,
              col_bonus, col_share, last_col;
    char param[P_COUNT][16];               /* "$C$4" ... */
    char weights[48];                      /* "$G$15:$I$15" */
    char allocated_cell[16];
    bool *norm_formula;                    /* per indicator: denominator and x ÷ it */
    lxw_format *ratio, *exact, *exact_bold, *lambda, *unit, *general;
} bonus_sheet;

static const char *text(const bonus_sheet *sh, bonus_text t)
{
    return texts[t][sh->ctx->out.lang == LANG_EN ? 1 : 0];
}

static lxw_col_t raw_col(size_t i)
{
    return (lxw_col_t)(COL_FIRST_INDICATOR + i);
}

static lxw_col_t norm_col(const bonus_sheet *sh, size_t i)
{
    return (lxw_col_t)(COL_FIRST_INDICATOR + sh->k + i);
}

/* Whether a block writes its row of this index now (only: ALL_ROWS or one index). */
static bool wanted(int only, int index)
{
    return only == ALL_ROWS || only == index;
}

/* A formula when the exact check agrees, else the value; the cached number is always
 * value (SPEC §6). */
static int formula_or_value(bonus_sheet *sh, lxw_row_t row, lxw_col_t col, lxw_format *format,
                            const mpq_t value, bool agrees, const char *formula)
{
    if (agrees)
        return wb_formula(sh->ctx, sh->ws, row, col, format, value, "%s", formula);
    return wb_number(sh->ctx, sh->ws, row, col, value, format);
}

/* The exact fraction "p/q" (or "p"), malloc'd. */
static char *fraction_text(const mpq_t value)
{
    size_t size = mpz_sizeinbase(mpq_numref(value), 10) +
                  mpz_sizeinbase(mpq_denref(value), 10) + 3;
    char *buf = xmalloc(size);
    mpz_get_str(buf, 10, mpq_numref(value));
    if (mpz_cmp_ui(mpq_denref(value), 1) != 0) {
        size_t n = strlen(buf);
        buf[n] = '/';
        mpz_get_str(buf + n + 1, 10, mpq_denref(value));
    }
    return buf;
}

/* ---- Parameters and results above the table ------------------------------------------ */

static int write_parameters(bonus_sheet *sh, int only)
{
    wb_context *ctx = sh->ctx;
    const bonus_input *in = sh->in;
    static const bonus_text labels[P_COUNT] = {
        T_POOL, T_METHOD, T_RATE, T_CAP, T_MIN_SCORE, T_TOP, T_UNIT,
    };
    for (int i = 0; i < P_COUNT; i++) {
        lxw_row_t row = (lxw_row_t)(PARAM_ROW + i);
        wb_cell_abs(sh->param[i], row, PARAM_VALUE_COL);
        if (wanted(only, i) &&
            wb_string(ctx, sh->ws, row, PARAM_LABEL_COL, text(sh, labels[i]), ctx->fmt.bold) != 0)
            return -1;
    }
    const lxw_col_t c = PARAM_VALUE_COL;
    /* The pool as a money cell holds the cent-rounded value: the Summary expects it. */
    if ((wanted(only, P_POOL) &&
         wb_money_input(ctx, sh->ws, PARAM_ROW + P_POOL, c, in->pool) != 0) ||
        (wanted(only, P_METHOD) &&
         wb_string(ctx, sh->ws, PARAM_ROW + P_METHOD, c,
                   vocab_bonus_method(in->method, ctx->out.lang), NULL) != 0))
        return -1;
    if (in->method == BONUS_GRANT_RATE && wanted(only, P_RATE) &&
        wb_number(ctx, sh->ws, PARAM_ROW + P_RATE, c, in->rate, ctx->fmt.percent) != 0)
        return -1;
    if (in->has_cap && wanted(only, P_CAP) &&
        wb_number(ctx, sh->ws, PARAM_ROW + P_CAP, c, in->cap, ctx->fmt.percent) != 0)
        return -1;
    if (in->has_min_score && wanted(only, P_MIN_SCORE) &&
        wb_number(ctx, sh->ws, PARAM_ROW + P_MIN_SCORE, c, in->min_score, sh->ratio) != 0)
        return -1;
    if (in->top > 0 && wanted(only, P_TOP) &&
        wb_integer(ctx, sh->ws, PARAM_ROW + P_TOP, c, (long)in->top, ctx->fmt.integer) != 0)
        return -1;
    /* The unit is a rounding step, not a payment: shown exactly (it may be below a cent). */
    if (wanted(only, P_UNIT) &&
        wb_number(ctx, sh->ws, PARAM_ROW + P_UNIT, c, in->unit, sh->unit) != 0)
        return -1;
    wb_ref_abs(ctx, ctx->bonus_pool_ref, WB_SHEET_BONUS, PARAM_ROW + P_POOL, c);
    return 0;
}

/* The results block; runs after the table so its sums can name the table's columns (in
 * a big round before the rows, row by row: the columns are known beforehand). */
static int write_results(bonus_sheet *sh, int only)
{
    wb_context *ctx = sh->ctx;
    const bonus_result *b = sh->b;
    const lxw_col_t label_col = sh->col_score, value_col = sh->col_basis;
    static const bonus_text labels[R_TIE_NOTE] = {
        T_LAMBDA, T_LAMBDA_EXACT, T_EXACT_TOTAL, T_ROUNDED_TOTAL, T_ALLOCATED,
        T_UNALLOCATED, T_ELIGIBLE_COUNT,
    };
    for (int i = 0; i < R_TIE_NOTE; i++)
        if (wanted(only, i) &&
            wb_string(ctx, sh->ws, (lxw_row_t)(PARAM_ROW + i), label_col, text(sh, labels[i]),
                      ctx->fmt.bold) != 0)
            return -1;

    /* λ: not a formula (water-filling, SPEC §5.6 step 5), blank when there is none. */
    if (b->has_lambda && (wanted(only, R_LAMBDA) || wanted(only, R_LAMBDA_EXACT))) {
        char *exact_text = fraction_text(b->lambda);
        int rc = 0;
        if (wanted(only, R_LAMBDA))
            rc = wb_number(ctx, sh->ws, PARAM_ROW + R_LAMBDA, value_col, b->lambda, sh->lambda);
        if (rc == 0 && wanted(only, R_LAMBDA_EXACT))
            rc = wb_string(ctx, sh->ws, PARAM_ROW + R_LAMBDA_EXACT, value_col, exact_text, NULL);
        free(exact_text);
        if (rc != 0)
            return -1;
    }

    char first[16], last[16], formula[128];
    wb_cell(first, sh->first_row, sh->col_exact);
    wb_cell(last, sh->last_row, sh->col_exact);
    snprintf(formula, sizeof formula, "=SUM(%s:%s)", first, last);
    if ((wanted(only, R_EXACT_TOTAL) &&
         wb_formula(ctx, sh->ws, PARAM_ROW + R_EXACT_TOTAL, value_col, sh->exact, b->exact_total,
                    "%s", formula) != 0) ||
        (wanted(only, R_ROUNDED_TOTAL) &&
         wb_number(ctx, sh->ws, PARAM_ROW + R_ROUNDED_TOTAL, value_col, b->rounded_total,
                   ctx->fmt.money) != 0))
        return -1;

    wb_cell(first, sh->first_row, sh->col_bonus);
    wb_cell(last, sh->last_row, sh->col_bonus);
    if (wanted(only, R_ALLOCATED) &&
        wb_formula(ctx, sh->ws, PARAM_ROW + R_ALLOCATED, value_col, ctx->fmt.money_bold,
                   b->allocated, "=SUM(%s:%s)", first, last) != 0)
        return -1;
    wb_cell(sh->allocated_cell, PARAM_ROW + R_ALLOCATED, value_col);
    wb_ref_abs(ctx, ctx->bonus_allocated_ref, WB_SHEET_BONUS, PARAM_ROW + R_ALLOCATED, value_col);

    /* Unallocated = pool − allocated (SPEC §5.6 step 6), on the cent-rounded pool cell. */
    mpq_t check;
    mpq_init(check);
    money_round(check, sh->in->pool, ctx->s->rounding);
    mpq_sub(check, check, b->allocated);
    bool agrees = mpq_equal(check, b->unallocated);
    mpq_clear(check);
    snprintf(formula, sizeof formula, "=%s-%s", sh->param[P_POOL], sh->allocated_cell);
    if (wanted(only, R_UNALLOCATED) &&
        formula_or_value(sh, PARAM_ROW + R_UNALLOCATED, value_col, ctx->fmt.money,
                         b->unallocated, agrees, formula) != 0)
        return -1;

    wb_cell(first, sh->first_row, sh->col_eligible);
    wb_cell(last, sh->last_row, sh->col_eligible);
    mpq_t count;
    mpq_init(count);
    mpq_set_ui(count, (unsigned long)b->eligible_count, 1);
    int rc = !wanted(only, R_ELIGIBLE_COUNT) ? 0 :
             wb_formula(ctx, sh->ws, PARAM_ROW + R_ELIGIBLE_COUNT, value_col, ctx->fmt.integer,
                        count, "=COUNTIF(%s:%s,\"%s\")", first, last,
                        vocab_yes_no(true, ctx->out.lang));
    mpq_clear(count);
    if (rc != 0)
        return -1;

    /* SPEC §5.6 step 3: more than `top` admitted because of a tie says so. */
    if (b->top_tie_extended && wanted(only, R_TIE_NOTE)) {
        char note[160];
        snprintf(note, sizeof note, text(sh, T_TIE_NOTE), b->eligible_count, sh->in->top);
        if (wb_string(ctx, sh->ws, PARAM_ROW + R_TIE_NOTE, label_col, note, ctx->fmt.bold) != 0)
            return -1;
    }
    return 0;
}

/* Label, normalisation, denominator and weight of each indicator, over its columns. */
static int write_indicators(bonus_sheet *sh, int only)
{
    wb_context *ctx = sh->ctx;
    const bonus_input *in = sh->in;
    static const bonus_text labels[I_COUNT] = {T_INDICATOR, T_NORMALIZE, T_DENOMINATOR, T_WEIGHT};
    for (int i = 0; i < I_COUNT; i++)
        if (wanted(only, i) &&
            wb_string(ctx, sh->ws, (lxw_row_t)(INDICATOR_ROW + i), COL_PROJECT,
                      text(sh, labels[i]), ctx->fmt.bold) != 0)
            return -1;

    char first[16], last[16];
    size_t longest = 0;
    int rc = 0;
    for (size_t i = 0; i < sh->k && rc == 0; i++) {
        const bonus_indicator *ind = &in->indicators[i];
        const char *label = ind->label && ind->label[0] ? ind->label : ind->id;
        size_t chars = 0;
        for (const char *c = label; *c; c++)
            chars += ((unsigned char)*c & 0xC0) != 0x80;   /* UTF-8: count characters */
        if (chars > longest)
            longest = chars;
        if (wanted(only, I_LABEL))
            rc = wb_string(ctx, sh->ws, INDICATOR_ROW + I_LABEL, raw_col(i), label, ctx->fmt.wrap);
        if (rc == 0 && wanted(only, I_NORMALIZE))
            rc = wb_string(ctx, sh->ws, INDICATOR_ROW + I_NORMALIZE, norm_col(sh, i),
                           vocab_normalize(ind->normalize, ctx->out.lang), ctx->fmt.wrap);
        if (rc == 0 && wanted(only, I_WEIGHT))
            rc = wb_number(ctx, sh->ws, INDICATOR_ROW + I_WEIGHT, norm_col(sh, i), ind->weight,
                           ctx->fmt.percent);
        if (rc != 0 || !sh->norm_formula[i] || !wanted(only, I_DENOMINATOR))
            continue;

        /* SPEC §5.6 step 1: max → x ÷ max, share → x ÷ Σx, over all projects; the
         * denominator is the one bonus.c computed (issue 8: each formula once). */
        bool is_max = ind->normalize == NORMALIZE_MAX;
        wb_cell(first, sh->first_row, raw_col(i));
        wb_cell(last, sh->last_row, raw_col(i));
        rc = wb_formula(ctx, sh->ws, INDICATOR_ROW + I_DENOMINATOR, norm_col(sh, i), ctx->fmt.number,
                        sh->b->indicators[i].denominator, "=%s(%s:%s)", is_max ? "MAX" : "SUM",
                        first, last);
    }
    if (rc != 0)
        return -1;

    /* Wrapped labels: enough lines for the longest at the width of an indicator column
     * (RAW_WIDTH), the normalisation in two lines (SPEC §7.1: no cut text). */
    (void)longest;
    double lines = 1;
    for (size_t i = 0; i < sh->k; i++) {
        const bonus_indicator *ind = &in->indicators[i];
        const char *label = ind->label && ind->label[0] ? ind->label : ind->id;
        /* Word wrapping leaves each line part empty: count a line more than the width. */
        double l = (double)(int)(wb_text_width(label, false) / (RAW_WIDTH - 3) + 2);
        lines = l > lines ? l : lines;
    }
    double height = lines * 14.5 > 409 ? 409 : lines * 14.5;
    if (wanted(only, I_LABEL))
        WB_CHECK(ctx, worksheet_set_row(sh->ws, INDICATOR_ROW + I_LABEL, height, NULL));
    if (wanted(only, I_NORMALIZE))
        WB_CHECK(ctx, worksheet_set_row(sh->ws, INDICATOR_ROW + I_NORMALIZE, 29, NULL));

    char w_first[16], w_last[16];
    wb_cell_abs(w_first, INDICATOR_ROW + I_WEIGHT, norm_col(sh, 0));
    wb_cell_abs(w_last, INDICATOR_ROW + I_WEIGHT, norm_col(sh, sh->k - 1));
    snprintf(sh->weights, sizeof sh->weights, "%s:%s", w_first, w_last);
    return 0;
}

/* Which normalisations get formulas: max and share, whose n(p,k) bonus.c defines as
 * x ÷ the stored denominator (0 for a zero denominator), exactly what the formula says. */
static void choose_norm_formulas(bonus_sheet *sh)
{
    for (size_t i = 0; i < sh->k; i++) {
        normalize_method method = sh->b->indicators[i].method;
        sh->norm_formula[i] = method == NORMALIZE_MAX || method == NORMALIZE_SHARE;
    }
}

/* ---- The table ---------------------------------------------------------------------- */

/* A row's exact scratch: the grant cell's value, the cap, and a fraction for values that
 * are only shown or compared (fraction.h: no gcd per cell, issue 13). */
typedef struct {
    mpq_t grant_cell, cap;
    fraction value;
} row_scratch;

static int write_project(bonus_sheet *sh, size_t p, row_scratch *x)
{
    wb_context *ctx = sh->ctx;
    lxw_worksheet *ws = sh->ws;
    const bonus_input *in = sh->in;
    const bonus_project *project = &in->projects[p];
    const bonus_project_result *res = &sh->b->projects[p];
    lxw_row_t row = (lxw_row_t)(sh->first_row + p);
    fraction *value = &x->value;
    char grant[16], score[16], formula[160];
    wb_cell(grant, row, COL_GRANT);
    wb_cell(score, row, sh->col_score);
    /* What the grant cell holds (SPEC §6: money cells are cent-rounded). */
    money_round(x->grant_cell, project->grant, ctx->s->rounding);

    if (wb_string(ctx, ws, row, COL_PROJECT, project->id, NULL) != 0 ||
        wb_string(ctx, ws, row, COL_NAME, project->name, NULL) != 0 ||
        wb_number(ctx, ws, row, COL_GRANT, x->grant_cell, ctx->fmt.money) != 0)
        return -1;
    for (size_t i = 0; i < sh->k; i++) {
        /* General format: an indicator value shows all its decimals (in the locale's
         * decimal separator, SPEC §7.1). */
        if (wb_number(ctx, ws, row, raw_col(i), project->values[i], sh->general) != 0)
            return -1;
        bonus_normalized_fraction(value->num, value->den, sh->b, in, p, i);
        if (!sh->norm_formula[i]) {
            if (wb_number_fraction(ctx, ws, row, norm_col(sh, i), value, sh->ratio) != 0)
                return -1;
            continue;
        }
        char xc[16], den[16];
        wb_cell(xc, row, raw_col(i));
        wb_cell_abs(den, INDICATOR_ROW + I_DENOMINATOR, norm_col(sh, i));
        if (wb_formula_fraction(ctx, ws, row, norm_col(sh, i), sh->ratio, value,
                                "=IF(%s=0,0,%s/%s)", den, xc, den) != 0)
            return -1;
    }

    /* SPEC §5.6 step 2: s = Σ weight × n, over the weight row above the table. */
    char n_first[16], n_last[16];
    wb_cell(n_first, row, norm_col(sh, 0));
    wb_cell(n_last, row, norm_col(sh, sh->k - 1));
    if (wb_formula(ctx, ws, row, sh->col_score, sh->ratio, res->score, "=SUMPRODUCT(%s,%s:%s)",
                   sh->weights, n_first, n_last) != 0)
        return -1;

    bool eligible = res->reason == BONUS_REASON_ELIGIBLE;
    char reason[64];
    vocab_reason(res->reason, in->top, ctx->out.lang, reason, sizeof reason);
    if (wb_string(ctx, ws, row, sh->col_eligible, vocab_yes_no(eligible, ctx->out.lang),
                  ctx->fmt.word) != 0 ||
        (reason[0] && wb_string(ctx, ws, row, sh->col_reason, reason, ctx->fmt.word) != 0))
        return -1;

    /* SPEC §5.6 step 4: the basis of every project from its score and grant; the
     * formula's value computed from the cells it names must be bonus.c's. */
    bool basis_in_money = in->method != BONUS_SHARE;
    lxw_format *basis_format = basis_in_money ? sh->exact : sh->ratio;
    switch (in->method) {
    case BONUS_SHARE:
        fraction_set_q(value, res->score);
        snprintf(formula, sizeof formula, "=%s", score);
        break;
    case BONUS_GRANT_WEIGHTED:
        fraction_set_q(value, res->score);
        fraction_mul_q(value, x->grant_cell);
        snprintf(formula, sizeof formula, "=%s*%s", score, grant);
        break;
    case BONUS_GRANT_RATE:
        fraction_set_q(value, in->rate);
        fraction_mul_q(value, x->grant_cell);
        fraction_mul_q(value, res->score);
        snprintf(formula, sizeof formula, "=%s*%s*%s", sh->param[P_RATE], grant, score);
        break;
    }
    if (formula_or_value(sh, row, sh->col_basis, basis_format, res->basis,
                         fraction_equal_q(value, res->basis), formula) != 0)
        return -1;

    if (in->has_cap) {
        bonus_cap(x->cap, in, p);
        fraction_set_q(value, in->cap);
        fraction_mul_q(value, x->grant_cell);
        snprintf(formula, sizeof formula, "=%s*%s", sh->param[P_CAP], grant);
        if (formula_or_value(sh, row, sh->col_cap, ctx->fmt.money, x->cap,
                             fraction_equal_q(value, x->cap), formula) != 0)
            return -1;
    }

    /* Steps 5 and 6 are no formula: values, Exact to full double precision. */
    if (wb_number(ctx, ws, row, sh->col_exact, res->exact, sh->exact) != 0 ||
        wb_number(ctx, ws, row, sh->col_bonus, res->bonus, ctx->fmt.money) != 0)
        return -1;

    if (mpq_sgn(x->grant_cell) != 0) {
        char bonus[16];
        wb_cell(bonus, row, sh->col_bonus);
        fraction_set_q(value, res->bonus);
        fraction_div_q(value, x->grant_cell);
        if (wb_formula_fraction(ctx, ws, row, sh->col_share, ctx->fmt.percent, value, "=%s/%s",
                                bonus, grant) != 0)
            return -1;
    }
    return 0;
}

static int write_rows(bonus_sheet *sh)
{
    row_scratch x;
    mpq_t grant_sum;
    mpq_inits(x.grant_cell, x.cap, grant_sum, NULL);
    fraction_init(&x.value);
    int rc = 0;
    for (size_t p = 0; p < sh->in->n_projects && rc == 0; p++) {
        rc = write_project(sh, p, &x);
        mpq_add(grant_sum, grant_sum, x.grant_cell);
    }

    /* The total row: sums of Grant, Exact and Bonus (plain A1 SUMs: LibreOffice cannot
     * evaluate the SUBTOTAL of a table's own total row). */
    lxw_row_t total = sh->last_row + 1;
    if (rc == 0)
        rc = wb_sum_row(sh->ctx, sh->ws, total, COL_PROJECT, COL_GRANT, sh->first_row,
                        sh->last_row, grant_sum);
    if (rc == 0)
        rc = wb_sum_row(sh->ctx, sh->ws, total, COL_PROJECT, sh->col_bonus, sh->first_row,
                        sh->last_row, sh->b->allocated);
    if (rc == 0) {
        char first[16], last[16];
        wb_cell(first, sh->first_row, sh->col_exact);
        wb_cell(last, sh->last_row, sh->col_exact);
        rc = wb_formula(sh->ctx, sh->ws, total, sh->col_exact, sh->exact_bold, sh->b->exact_total,
                        "=SUM(%s:%s)", first, last);
    }
    fraction_clear(&x.value);
    mpq_clears(x.grant_cell, x.cap, grant_sum, NULL);
    return rc;
}

static int write_table(bonus_sheet *sh)
{
    wb_context *ctx = sh->ctx;
    size_t k = sh->k;
    size_t n = (size_t)sh->last_col + 1;
    const char **headers = xcalloc(n, sizeof *headers);
    /* All "<id> (norm.)" headers in one buffer: one allocation, no quadratic building. */
    size_t norm_size = 0;
    for (size_t i = 0; i < k; i++)
        norm_size += strlen(sh->in->indicators[i].id) + sizeof norm_suffix;
    char *norm = xmalloc(norm_size ? norm_size : 1);
    headers[COL_PROJECT] = text(sh, T_H_PROJECT);
    headers[COL_NAME] = text(sh, T_H_NAME);
    headers[COL_GRANT] = text(sh, T_H_GRANT);
    char *next = norm;
    for (size_t i = 0; i < k; i++) {
        const char *id = sh->in->indicators[i].id;
        headers[raw_col(i)] = id;
        headers[norm_col(sh, i)] = next;
        next += sprintf(next, "%s%s", id, norm_suffix) + 1;
    }
    headers[sh->col_score] = text(sh, T_H_SCORE);
    headers[sh->col_eligible] = text(sh, T_H_ELIGIBLE);
    headers[sh->col_reason] = text(sh, T_H_REASON);
    headers[sh->col_basis] = text(sh, T_H_BASIS);
    headers[sh->col_cap] = text(sh, T_H_CAP);
    headers[sh->col_exact] = text(sh, T_H_EXACT);
    headers[sh->col_bonus] = text(sh, T_H_BONUS);
    headers[sh->col_share] = text(sh, T_H_SHARE_OF_GRANT);
    int rc = sh->big ? wb_range(ctx, sh->ws, "Bonus", HEADER_ROW, 0, sh->last_row, headers, n)
                     : wb_table(ctx, sh->ws, "Bonus", HEADER_ROW, 0, sh->last_row, headers, n);
    free(headers);
    free(norm);
    return rc;
}

/* ---- The chart ---------------------------------------------------------------------- */

/* SPEC §6 "Bonus: a bar chart per project": the eligible projects (the others get 0),
 * listed under the table with formulas pointing at their rows, and a bar chart of them.
 * No chart when none is eligible or more than CHART_MAX_BARS are (bars unreadable). */
static int write_chart(bonus_sheet *sh)
{
    wb_context *ctx = sh->ctx;
    const bonus_result *b = sh->b;
    if (b->eligible_count == 0 || b->eligible_count > CHART_MAX_BARS)
        return 0;
    lxw_worksheet *ws = sh->ws;
    lxw_row_t title = sh->last_row + 3, header = title + 1, row = header + 1;
    if (wb_string(ctx, ws, title, COL_PROJECT, text(sh, T_CHART_BLOCK), ctx->fmt.bold) != 0 ||
        wb_string(ctx, ws, header, COL_PROJECT, text(sh, T_H_PROJECT), ctx->fmt.bold) != 0 ||
        wb_string(ctx, ws, header, COL_NAME, text(sh, T_H_NAME), ctx->fmt.bold) != 0 ||
        wb_string(ctx, ws, header, COL_GRANT, text(sh, T_H_BONUS), ctx->fmt.bold_right) != 0)
        return -1;
    for (size_t p = 0; p < sh->in->n_projects; p++) {
        if (b->projects[p].reason != BONUS_REASON_ELIGIBLE)
            continue;
        const bonus_project *project = &sh->in->projects[p];
        lxw_row_t source = (lxw_row_t)(sh->first_row + p);
        char id[16], name[16], bonus[16];
        wb_cell(id, source, COL_PROJECT);
        wb_cell(name, source, COL_NAME);
        wb_cell(bonus, source, sh->col_bonus);
        if (wb_formula_text(ctx, ws, row, COL_PROJECT, NULL, project->id, "=%s", id) != 0 ||
            wb_formula_text(ctx, ws, row, COL_NAME, NULL, project->name ? project->name : "",
                            "=%s", name) != 0 ||
            wb_formula(ctx, ws, row, COL_GRANT, ctx->fmt.money, b->projects[p].bonus, "=%s",
                       bonus) != 0)
            return -1;
        row++;
    }
    lxw_row_t last = row - 1;

    lxw_chart *chart = workbook_add_chart(ctx->out.workbook, LXW_CHART_BAR);
    if (!chart)
        return wb_fail_msg(ctx, "cannot add a chart");
    char range[WB_REF_SIZE], categories[WB_REF_SIZE + 1], values[WB_REF_SIZE + 1];
    wb_range_abs(ctx, range, WB_SHEET_BONUS, header + 1, COL_NAME, last);
    snprintf(categories, sizeof categories, "=%s", range);
    wb_range_abs(ctx, range, WB_SHEET_BONUS, header + 1, COL_GRANT, last);
    snprintf(values, sizeof values, "=%s", range);
    lxw_chart_series *series = chart_add_series(chart, categories, values);
    if (!series)
        return wb_fail_msg(ctx, "cannot add a chart series");
    chart_series_set_name(series, text(sh, T_H_BONUS));
    chart_title_set_name(chart, text(sh, T_CHART_TITLE));
    char axis_code[64];
    wb_locale_code(ctx, axis_code, sizeof axis_code, "#,##0 \"€\"");
    chart_axis_set_num_format(chart->x_axis, axis_code);   /* bars: x is the value axis */
    chart_axis_set_min(chart->x_axis, 0);
    chart_axis_set_reverse(chart->y_axis);   /* projects top-down in the table's order */
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    /* About 20 px per bar, at least the default 288 px. */
    double height = 80.0 + 20.0 * (double)b->eligible_count;
    lxw_chart_options options = {.x_scale = 1.6, .y_scale = height > 288 ? height / 288 : 1};
    WB_CHECK(ctx, worksheet_insert_chart_opt(ws, last + 2, COL_PROJECT, chart, &options));
    return 0;
}

/* Widths from contents (SPEC §7.1): these minimums, widened by wb_column_widths to the
 * widest text and header written into each column. */
static int column_widths(bonus_sheet *sh)
{
    size_t n = (size_t)sh->last_col + 1;
    double *widths = xcalloc(n, sizeof *widths);
    widths[COL_PROJECT] = 12;
    widths[COL_NAME] = 16;
    widths[COL_GRANT] = 15;
    for (size_t i = 0; i < sh->k; i++) {
        widths[raw_col(i)] = RAW_WIDTH;
        widths[norm_col(sh, i)] = 12;
    }
    static const double tail[] = {9, 9, 12, 16, 14, 18, 14, 12};
    for (size_t i = 0; i < ARRAY_SIZE(tail); i++)
        widths[sh->col_score + i] = tail[i];
    int rc = wb_column_widths(sh->ctx, sh->ws, 0, widths, n);
    free(widths);
    return rc;
}

/* A big round (constant_memory): the note, the blocks above the table row by row and
 * the header row, each row whole before the next; write_rows follows. */
static int write_big_round_top(bonus_sheet *sh)
{
    wb_context *ctx = sh->ctx;
    char note[200];
    snprintf(note, sizeof note, text(sh, T_BIG_ROUND), workbook_big_round_threshold());
    if (wb_string(ctx, sh->ws, BIG_ROUND_NOTE_ROW, COL_PROJECT, note, ctx->fmt.subtitle) != 0)
        return -1;
    for (int i = 0; i < BLOCK_ROWS; i++)
        if (write_parameters(sh, i) != 0 || write_results(sh, i) != 0)
            return -1;
    for (int i = 0; i < I_COUNT; i++)
        if (write_indicators(sh, i) != 0)
            return -1;
    return write_table(sh);
}

/* The last row and column the sheet can use for n projects and k indicators: the table
 * and its total row, then (when at most CHART_MAX_BARS projects are eligible) a title,
 * a header and a row per bar, two rows below; columns as in workbook_bonus_sheet. */
void wb_bonus_extent(size_t n_projects, size_t n_indicators, unsigned long long *last_row,
                     unsigned long long *last_col)
{
    unsigned long long rows = n_projects > 0 ? n_projects : 1;
    unsigned long long bars = n_projects < CHART_MAX_BARS ? n_projects : CHART_MAX_BARS;
    *last_row = HEADER_ROW + rows + 1 + (bars > 0 ? 3 + 1 + bars : 0);
    *last_col = COL_FIRST_INDICATOR + 2ULL * n_indicators + 7;
}

/* ---- The sheet ---------------------------------------------------------------------- */

int workbook_bonus_sheet(wb_context *ctx, lxw_worksheet *ws)
{
    const bonus_input *in = &ctx->s->bonus;
    bonus_sheet sh = {.ctx = ctx, .ws = ws, .in = in, .b = &ctx->r->bonus, .k = in->n_indicators,
                      .big = workbook_big_round(ctx->s)};
    if (sh.k == 0 || sh.b->n_indicators != sh.k || sh.b->n_projects != in->n_projects)
        return wb_fail_msg(ctx, "bonus results do not match the scenario");
    sh.first_row = HEADER_ROW + 1;
    /* A table needs one data row (wb_table); a bonus always has projects (SPEC §4). */
    sh.last_row = (lxw_row_t)(HEADER_ROW + (in->n_projects > 0 ? in->n_projects : 1));
    sh.col_score = (lxw_col_t)(COL_FIRST_INDICATOR + 2 * sh.k);
    sh.col_eligible = sh.col_score + 1;
    sh.col_reason = sh.col_score + 2;
    sh.col_basis = sh.col_score + 3;
    sh.col_cap = sh.col_score + 4;
    sh.col_exact = sh.col_score + 5;
    sh.col_bonus = sh.col_score + 6;
    sh.col_share = sh.col_score + 7;
    sh.last_col = sh.col_share;

    /* Scores and normalised values with four decimals, aligned (SPEC §7.1); every code
     * pinned to the workbook's locale by the output layer. */
    sh.ratio = wb_number_format(ctx, "0.0000", false);
    sh.exact = wb_number_format(ctx, "#,##0.00######## \"€\"", false);
    sh.exact_bold = wb_number_format(ctx, "#,##0.00######## \"€\"", true);
    sh.lambda = wb_number_format(ctx, "#,##0.0#########", false);
    sh.general = wb_number_format(ctx, "General", false);
    sh.unit = wb_number_format(ctx, "#,##0.00###### \"€\"", false);
    sh.norm_formula = xcalloc(sh.k, sizeof *sh.norm_formula);
    choose_norm_formulas(&sh);

    int rc = wb_sheet_title(ctx, ws, WB_L_TITLE_BONUS);
    wb_track_columns(ctx, ws, HEADER_ROW);
    if (rc == 0 && sh.big)
        rc = write_big_round_top(&sh);
    if (rc == 0 && !sh.big)
        rc = write_parameters(&sh, ALL_ROWS);
    if (rc == 0 && !sh.big)
        rc = write_indicators(&sh, ALL_ROWS);
    if (rc == 0)
        rc = write_rows(&sh);
    if (rc == 0 && !sh.big)
        rc = write_table(&sh);
    if (rc == 0 && !sh.big)
        rc = write_results(&sh, ALL_ROWS);
    if (rc == 0)
        rc = write_chart(&sh);
    if (rc == 0)
        rc = column_widths(&sh);
    if (rc == 0)
        rc = wb_print_layout(ctx, ws, true, HEADER_ROW, COL_NAME + 1);
    free(sh.norm_formula);
    return rc;
}
