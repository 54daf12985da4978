/*
 * show — the terminal presenter of `tkk show` (src/cli/command_show.c): the scenario's
 * summary tables on the terminal, in the workbook's
 * words (the labels of workbook_labels.c and the values of vocab.h, SPEC §7.1): under
 * `fi` every word on it is Finnish.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "common.h"
#include "number_format.h"
#include "results.h"
#include "show.h"
#include "show_tmt.h"
#include "text_table.h"
#include "vocab.h"
#include "workbook_internal.h"

typedef struct {
    const char *fi, *en;
} label;

#define L(lang, l) ((lang) == LANG_EN ? (l).en : (l).fi)
/* A text the workbook also shows: the same words on the terminal (SPEC §7.1). */
#define W(lang, l) wb_label_text((l), (lang))

static const label
    T_PERIOD = { "Ajanjakso", "Period" },
    T_BONUS = { "Tulospalkkio", "Performance bonus" },
    H_NAME = { "Nimi", "Name" },
    H_PROJECT = { "Hanke", "Project" },
    H_GRANT = { "Avustus", "Grant" },
    H_SCORE = { "Pisteet", "Score" },
    H_REASON = { "Palkkiokelpoinen / syy", "Eligible / reason" },
    H_EXACT = { "Tarkka", "Exact" },
    H_BONUS = { "Palkkio", "Bonus" },
    H_PCT_GRANT = { "Palkkio % avustuksesta", "Bonus % of grant" },
    S_POOL = { "Palkkiovaraus", "Pool" },
    S_ALLOCATED = { "Jaettu", "Allocated" },
    S_UNALLOCATED = { "Jakamatta", "Unallocated" },
    S_LAMBDA = { "λ (kerroin)", "λ (multiplier)" };

/* Formatting helpers return text owned by a small ring, so a row can be built inline. */
static char *ring[64];
static size_t ring_next;

static const char *keep(char *text)
{
    free(ring[ring_next]);
    ring[ring_next] = text;
    ring_next = (ring_next + 1) % ARRAY_SIZE(ring);
    return text;
}

static void ring_clear(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(ring); i++) {
        free(ring[i]);
        ring[i] = NULL;
    }
}

static const char *eur(const mpq_t v, language lang) { return keep(money_format(v, lang)); }
static const char *pct(const mpq_t v, language lang) { return keep(percent_format(v, 2, lang)); }
static const char *num(const mpq_t v, language lang) { return keep(amount_format(v, 4, lang)); }

static const char *reason_text(bonus_reason reason, unsigned long top, language lang)
{
    if (reason == BONUS_REASON_ELIGIBLE)
        return vocab_yes_no(true, lang);
    char buf[80];
    char *text = xstrdup(vocab_reason(reason, top, lang, buf, sizeof buf));
    return keep(text);
}

static const char *year_text(int year)
{
    return keep(xasprintf("%d", year));
}

static void heading(const char *title)
{
    printf("\n%s\n", title);
}

static void show_budget(const results *r, language lang)
{
    heading(W(lang, WB_L_SHEET_BUDGET));
    text_table *t = text_table_new(7);
    text_table_align(t, "llrrrrr");
    text_table_row(t, W(lang, WB_L_BUDGET_YEAR), W(lang, WB_L_BUDGET_CATEGORY),
                   W(lang, WB_L_BUDGET_BUDGET), W(lang, WB_L_BUDGET_PLAN),
                   W(lang, WB_L_BUDGET_ACTUAL), W(lang, WB_L_BUDGET_ACTUAL_BUDGET),
                   W(lang, WB_L_BUDGET_USE));
    for (size_t i = 0; i < r->n_budget; i++) {
        const budget_row *b = &r->budget[i];
        const char *variance = "", *use = "";
        mpq_t v;
        mpq_init(v);
        if (b->has_budget && b->has_actual) {
            mpq_sub(v, b->actual, b->budget);
            variance = eur(v, lang);
            if (mpq_sgn(b->budget) != 0) {
                mpq_div(v, b->actual, b->budget);
                use = pct(v, lang);
            }
        }
        mpq_clear(v);
        text_table_row(t, year_text(b->year), vocab_category(b->category, lang),
                       b->has_budget ? eur(b->budget, lang) : "", eur(b->plan, lang),
                       b->has_actual ? eur(b->actual, lang) : "", variance, use);
    }
    text_table_print(t, stdout);
    text_table_free(t);
}

/* SPEC §5.4 and §6: the Funding table's columns in its order. */
static void show_funding(const results *r, language lang)
{
    heading(W(lang, WB_L_SHEET_FUNDING));
    text_table *t = text_table_new(13);
    text_table_align(t, "lrrrrrrrrlrlr");
    text_table_row(t, W(lang, WB_L_FUNDING_YEAR), W(lang, WB_L_FUNDING_TOTAL_COST),
                   W(lang, WB_L_FUNDING_STATE_PAID), W(lang, WB_L_FUNDING_MUNICIPAL_COST),
                   W(lang, WB_L_FUNDING_ELIGIBLE), W(lang, WB_L_FUNDING_STATE_GRANT),
                   W(lang, WB_L_FUNDING_MUNICIPAL_NET), W(lang, WB_L_FUNDING_ACTUAL),
                   W(lang, WB_L_FUNDING_ACTUAL_NET), W(lang, WB_L_FUNDING_JUDGED_ON),
                   W(lang, WB_L_FUNDING_REQUIRED), W(lang, WB_L_FUNDING_STATUS),
                   W(lang, WB_L_FUNDING_SHORTFALL));
    for (size_t i = 0; i < r->n_funding; i++) {
        const funding_row *f = &r->funding[i];
        text_table_row(t, f->year ? year_text(f->year) : vocab_category(CAT_COUNT, lang),
                       eur(f->total_cost, lang), eur(f->state_paid, lang),
                       eur(f->municipal_cost, lang), eur(f->eligible, lang),
                       eur(f->state_grant, lang), eur(f->municipal_net, lang),
                       f->has_actual ? eur(f->actual, lang) : "",
                       f->has_actual ? eur(f->actual_net, lang) : "",
                       vocab_judged_on(f->judged_on, lang),
                       f->has_required ? eur(f->required, lang) : "",
                       f->has_required ? vocab_status(f->met, lang) : "",
                       f->has_required ? eur(f->shortfall, lang) : "");
    }
    text_table_print(t, stdout);
    text_table_free(t);
}

/* §7.2: one line per KPI and year (Year blank for the whole period). */
static void show_kpis(const scenario *s, const results *r, language lang)
{
    heading(W(lang, WB_L_SHEET_KPIS));
    text_table *t = text_table_new(7);
    text_table_align(t, "llrrrlr");
    text_table_row(t, W(lang, WB_L_KPI_ID), W(lang, WB_L_KPI_LABEL), W(lang, WB_L_KPI_YEAR),
                   W(lang, WB_L_KPI_ACTUAL), W(lang, WB_L_KPI_TARGET), W(lang, WB_L_KPI_MET),
                   W(lang, WB_L_KPI_DIFFERENCE));
    for (size_t i = 0; i < r->n_kpi_rows; i++) {
        const kpi_row *row = &r->kpi_rows[i];
        const kpi *k = &s->kpis[row->kpi];
        const kpi_result *kr = &row->result;
        char *target = NULL, *year = NULL;
        if (row->has_target) {
            char *number = amount_format(row->target, 4, lang);
            target = xasprintf("%s %s", kpi_operator_text(row->op), number);
            free(number);
            keep(target);
        }
        if (row->year) {
            year = xasprintf("%d", row->year);
            keep(year);
        }
        bool judged = row->has_target && kr->has_actual;
        text_table_row(t, k->id, k->label ? k->label : k->id, year ? year : "",
                       kr->has_actual ? num(kr->actual, lang) : "", target ? target : "",
                       judged ? vocab_yes_no(kr->met, lang) : "",
                       judged ? num(kr->difference, lang) : "");
    }
    text_table_print(t, stdout);
    text_table_free(t);
}

static void show_rewards(const scenario *s, const results *r, language lang)
{
    heading(W(lang, WB_L_SHEET_REWARDS));
    text_table *t = text_table_new(5);
    text_table_align(t, "llrrr");
    text_table_row(t, W(lang, WB_L_REWARD_CRITERION), W(lang, WB_L_REWARD_LABEL),
                   W(lang, WB_L_REWARD_AMOUNT), W(lang, WB_L_REWARD_PERSONS),
                   W(lang, WB_L_REWARD_TOTAL));
    for (size_t i = 0; i < s->n_rewards; i++) {
        char *persons = xasprintf("%lu", s->rewards[i].persons);
        text_table_row(t, s->rewards[i].id, s->rewards[i].label, eur(s->rewards[i].amount, lang),
                       keep(persons), eur(r->rewards.totals[i], lang));
    }
    text_table_print(t, stdout);
    text_table_free(t);
    printf("%s: %s   %s: %s   %s: %s\n", W(lang, WB_L_REWARD_CLAIMED),
           eur(r->rewards.claimed, lang), W(lang, WB_L_REWARD_PAID), eur(r->rewards.paid, lang),
           W(lang, WB_L_REWARD_OVER), eur(r->rewards.over_allocation, lang));
}

static void show_bonus(const scenario *s, const results *r, language lang)
{
    const bonus_input *in = &s->bonus;
    const bonus_result *b = &r->bonus;
    heading(L(lang, T_BONUS));
    text_table *t = text_table_new(8);
    text_table_align(t, "llrrlrrr");
    text_table_row(t, L(lang, H_PROJECT), L(lang, H_NAME), L(lang, H_GRANT), L(lang, H_SCORE),
                   L(lang, H_REASON), L(lang, H_EXACT), L(lang, H_BONUS), L(lang, H_PCT_GRANT));
    for (size_t i = 0; i < in->n_projects; i++) {
        const bonus_project *p = &in->projects[i];
        const bonus_project_result *pr = &b->projects[i];
        const char *share = "";
        if (mpq_sgn(p->grant) > 0) {
            mpq_t v;
            mpq_init(v);
            mpq_div(v, pr->bonus, p->grant);
            share = pct(v, lang);
            mpq_clear(v);
        }
        text_table_row(t, p->id, p->name, eur(p->grant, lang), keep(decimal_format(pr->score, 6, lang)),
                       reason_text(pr->reason, in->top, lang),
                       keep(amount_format(pr->exact, 4, lang)), eur(pr->bonus, lang), share);
    }
    text_table_print(t, stdout);
    text_table_free(t);
    printf("%s: %s   %s: %s   %s: %s", L(lang, S_POOL), eur(in->pool, lang), L(lang, S_ALLOCATED),
           eur(b->allocated, lang), L(lang, S_UNALLOCATED), eur(b->unallocated, lang));
    if (b->has_lambda)
        printf("   %s: %s", L(lang, S_LAMBDA), keep(decimal_format(b->lambda, 9, lang)));
    putchar('\n');
}

void show_print(const scenario *s, const results *r, language lang)
{
    char from[8], to[8];
    month_format(s->start, from);
    month_format(s->end, to);
    printf("%s (%s)\n%s: %s..%s\n", s->name, s->id, L(lang, T_PERIOD), from, to);
    if (r->n_lines > 0 || s->has_budget || s->has_actual) {
        show_budget(r, lang);
        show_funding(r, lang);
    }
    if (s->n_kpis)
        show_kpis(s, r, lang);
    if (r->has_rewards)
        show_rewards(s, r, lang);
    if (r->has_bonus)
        show_bonus(s, r, lang);
    if (r->tmt.present)
        show_tmt(r, lang, stdout);   /* SPEC §7.6 */
    ring_clear();
}
