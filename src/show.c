/*
 * show — `tkk show`: the scenario's summary tables on the terminal.
 *
 * Unlike the workbook, whose category, yes/no, status and reason values are the fixed
 * English words of SPEC §6 (other tools read them), the terminal is for people only:
 * under `fi` every word on it is Finnish.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "alloc.h"
#include "common.h"
#include "money.h"
#include "results.h"
#include "scenario_load.h"
#include "show_tmt.h"
#include "text_table.h"

typedef struct {
    const char *fi, *en;
} label;

#define L(lang, l) ((lang) == LANG_EN ? (l).en : (l).fi)

static const label
    T_PERIOD = { "Kausi", "Period" },
    T_BUDGET = { "Talousarvio", "Budget" },
    T_FUNDING = { "Rahoitus", "Funding" },
    T_KPIS = { "Mittarit", "KPIs" },
    T_REWARDS = { "Palkkiot", "Rewards" },
    T_BONUS = { "Tulospalkkio", "Performance bonus" },
    H_YEAR = { "Vuosi", "Year" },
    H_CATEGORY = { "Luokka", "Category" },
    H_PLAN = { "Suunnitelma", "Plan" },
    H_ACTUAL = { "Toteuma", "Actual" },
    H_ACT_BUD = { "Toteuma - Talousarvio", "Actual - Budget" },
    H_USE = { "Käyttö %", "Use %" },
    H_TOTAL_COST = { "Kustannukset", "Total cost" },
    H_STATE_PAID = { "Valtion maksama", "State-paid staff" },
    H_MUNICIPAL = { "Kunnan kustannus", "Municipal cost" },
    H_ELIGIBLE = { "Tukikelpoinen", "Eligible" },
    H_GRANT = { "Valtionavustus", "State grant" },
    H_NET = { "Kunnan nettokustannus", "Municipal net cost" },
    H_REQUIRED = { "Vaadittu omarahoitus", "Required own contribution" },
    H_STATUS = { "Tila", "Status" },
    H_SHORTFALL = { "Vaje", "Shortfall" },
    H_ID = { "Tunnus", "ID" },
    H_LABEL = { "Nimike", "Label" },
    H_NAME = { "Nimi", "Name" },
    H_TARGET = { "Tavoite", "Target" },
    H_MET = { "Toteutui", "Met" },
    H_DIFFERENCE = { "Erotus", "Difference" },
    H_CRITERION = { "Kriteeri", "Criterion" },
    H_AMOUNT = { "Summa", "Amount" },
    H_PERSONS = { "Henkilöitä", "Persons" },
    H_TOTAL = { "Yhteensä", "Total" },
    H_PROJECT = { "Hanke", "Project" },
    H_SCORE = { "Pisteet", "Score" },
    H_REASON = { "Kelpoinen / syy", "Eligible / reason" },
    H_EXACT = { "Tarkka", "Exact" },
    H_BONUS = { "Palkkio", "Bonus" },
    H_PCT_GRANT = { "% avustuksesta", "% of grant" },
    S_CLAIMED = { "Haettu", "Claimed" },
    S_PAID = { "Maksettu", "Paid" },
    S_OVER = { "Yli määrärahan", "Over allocation" },
    S_POOL = { "Palkkiopotti", "Pool" },
    S_ALLOCATED = { "Jaettu", "Allocated" },
    S_UNALLOCATED = { "Jakamatta", "Unallocated" },
    S_LAMBDA = { "λ (kerroin)", "λ (multiplier)" },
    V_YES = { "kyllä", "yes" },
    V_NO = { "ei", "no" },
    V_MET = { "täyttyy", "met" },
    V_SHORTFALL = { "vaje", "shortfall" },
    V_TOTAL = { "yhteensä", "total" };

/* Finnish for the words the workbook keeps in English (category_name, bonus_reason_text). */
static const char *const CATEGORY_FI[] = { "henkilöstö", "tilat", "muut", "yhteensä" };

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

static void ring_free(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(ring); i++) {
        free(ring[i]);
        ring[i] = NULL;
    }
}

static const char *eur(const mpq_t v, language lang) { return keep(money_format(v, lang)); }
static const char *pct(const mpq_t v, language lang) { return keep(percent_format(v, 2, lang)); }
static const char *num(const mpq_t v, language lang) { return keep(amount_format(v, 4, lang)); }

static const char *category_text(cost_category category, language lang)
{
    if (lang == LANG_EN || category >= ARRAY_SIZE(CATEGORY_FI))
        return category_name(category);
    return CATEGORY_FI[category];
}

static const char *reason_text(bonus_reason reason, unsigned long top, language lang)
{
    if (reason == BONUS_REASON_ELIGIBLE)
        return L(lang, V_YES);
    char english[64], *text = NULL;
    if (lang == LANG_EN)
        text = xstrdup(bonus_reason_text(reason, top, english, sizeof english));
    else if (reason == BONUS_REASON_OUTSIDE_TOP)
        text = xasprintf("ei %lu parhaan joukossa", top);
    else
        text = xstrdup(reason == BONUS_REASON_SCORE_ZERO ? "pisteet 0" : "alle min_score");
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
    heading(L(lang, T_BUDGET));
    text_table *t = text_table_new(7);
    text_table_align(t, "llrrrrr");
    text_table_row(t, L(lang, H_YEAR), L(lang, H_CATEGORY), L(lang, T_BUDGET), L(lang, H_PLAN),
                   L(lang, H_ACTUAL), L(lang, H_ACT_BUD), L(lang, H_USE));
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
        text_table_row(t, year_text(b->year), category_text(b->category, lang),
                       b->has_budget ? eur(b->budget, lang) : "", eur(b->plan, lang),
                       b->has_actual ? eur(b->actual, lang) : "", variance, use);
    }
    text_table_print(t, stdout);
    text_table_free(t);
}

static void show_funding(const results *r, language lang)
{
    heading(L(lang, T_FUNDING));
    text_table *t = text_table_new(10);
    text_table_align(t, "lrrrrrrrlr");
    text_table_row(t, L(lang, H_YEAR), L(lang, H_TOTAL_COST), L(lang, H_STATE_PAID),
                   L(lang, H_MUNICIPAL), L(lang, H_ELIGIBLE), L(lang, H_GRANT), L(lang, H_NET),
                   L(lang, H_REQUIRED), L(lang, H_STATUS), L(lang, H_SHORTFALL));
    for (size_t i = 0; i < r->n_funding; i++) {
        const funding_row *f = &r->funding[i];
        text_table_row(t, f->year ? year_text(f->year) : L(lang, V_TOTAL), eur(f->total_cost, lang),
                       eur(f->state_paid, lang), eur(f->municipal_cost, lang),
                       eur(f->eligible, lang), eur(f->state_grant, lang), eur(f->municipal_net, lang),
                       f->has_required ? eur(f->required, lang) : "",
                       f->has_required ? (f->met ? L(lang, V_MET) : L(lang, V_SHORTFALL)) : "",
                       f->has_required ? eur(f->shortfall, lang) : "");
    }
    text_table_print(t, stdout);
    text_table_free(t);
}

static void show_kpis(const scenario *s, const results *r, language lang)
{
    heading(L(lang, T_KPIS));
    text_table *t = text_table_new(6);
    text_table_align(t, "llrrlr");
    text_table_row(t, L(lang, H_ID), L(lang, H_LABEL), L(lang, H_ACTUAL), L(lang, H_TARGET),
                   L(lang, H_MET), L(lang, H_DIFFERENCE));
    for (size_t i = 0; i < s->n_kpis; i++) {
        const kpi *k = &s->kpis[i];
        const kpi_result *kr = &r->kpis[i];
        char *target = NULL;
        if (k->has_target) {
            char *number = amount_format(k->target, 4, lang);
            target = xasprintf("%s %s", kpi_operator_text(k->op), number);
            free(number);
            keep(target);
        }
        text_table_row(t, k->id, k->label ? k->label : k->id,
                       kr->has_actual ? num(kr->actual, lang) : "", target ? target : "",
                       k->has_target && kr->has_actual ? (kr->met ? L(lang, V_YES) : L(lang, V_NO)) : "",
                       k->has_target && kr->has_actual ? num(kr->difference, lang) : "");
    }
    text_table_print(t, stdout);
    text_table_free(t);
}

static void show_rewards(const scenario *s, const results *r, language lang)
{
    heading(L(lang, T_REWARDS));
    text_table *t = text_table_new(5);
    text_table_align(t, "llrrr");
    text_table_row(t, L(lang, H_CRITERION), L(lang, H_LABEL), L(lang, H_AMOUNT),
                   L(lang, H_PERSONS), L(lang, H_TOTAL));
    for (size_t i = 0; i < s->n_rewards; i++) {
        char *persons = xasprintf("%lu", s->rewards[i].persons);
        text_table_row(t, s->rewards[i].id, s->rewards[i].label, eur(s->rewards[i].amount, lang),
                       keep(persons), eur(r->rewards.totals[i], lang));
    }
    text_table_print(t, stdout);
    text_table_free(t);
    printf("%s: %s   %s: %s   %s: %s\n", L(lang, S_CLAIMED), eur(r->rewards.claimed, lang),
           L(lang, S_PAID), eur(r->rewards.paid, lang), L(lang, S_OVER),
           eur(r->rewards.over_allocation, lang));
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

int command_show(const cli_options *opts)
{
    if (opts->n_files != 1) {
        fprintf(stderr, "tkk: show takes exactly one FILE.ini\nTry 'tkk show --help'.\n");
        return EXIT_USAGE;
    }
    diag_list diags = { 0 };
    scenario *s = scenario_load(opts->files[0], opts->sets, opts->n_sets, &diags);
    diag_print(&diags, stderr);
    diag_list_free(&diags);
    if (!s)
        return EXIT_INVALID;
    results *r = results_compute(s);
    cli_result_warnings(opts->files[0], s, r);
    language lang = cli_language(opts, s);
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
    ring_free();
    results_free(r);
    scenario_free(s);
    return EXIT_OK;
}
