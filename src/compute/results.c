/*
 * results — runs the computations of SPEC §5 in order for one scenario: the cost lines
 * month by month, the monthly totals, then budget, funding, KPIs, rewards and bonus,
 * each in its own module. Owns the memory of the results.
 */
#include "results.h"

#include <stdlib.h>

#include "alloc.h"
#include "budget.h"
#include "costs.h"
#include "funding.h"
#include "kpi.h"
#include "money_sum.h"
#include "rewards.h"
#include "tmt.h"

/* results.h keeps no count of KPI results or reward criteria, which results_free()
 * needs; they live next to the public struct. `pub` is the first member, so a
 * results * converts back to the owner. */
typedef struct {
    results pub;
    size_t n_kpis;
    size_t n_rewards;
} results_owner;

/* n initialised zeros. */
static mpq_t *results_mpq_array_new(size_t n)
{
    mpq_t *values = xcalloc(n, sizeof *values);
    for (size_t i = 0; i < n; i++)
        mpq_init(values[i]);
    return values;
}

static void results_mpq_array_free(mpq_t *values, size_t n)
{
    if (!values)
        return;
    for (size_t i = 0; i < n; i++)
        mpq_clear(values[i]);
    free(values);
}

/* §6: staff lines in scenario order, then premises, then costs. */
static void results_lines(results *r, const scenario *s)
{
    size_t n = s->n_staff + s->n_premises + s->n_costs;
    r->lines = xcalloc(n, sizeof *r->lines);
    r->n_lines = n;
    money_sum sum;
    money_sum_init(&sum);

    for (size_t i = 0; i < n; i++) {
        line_result *line = &r->lines[i];
        mpq_t *monthly = results_mpq_array_new((size_t)s->n_months);
        mpq_init(line->total);
        line->monthly = monthly;

        if (i < s->n_staff) {
            const staff_line *staff = &s->staff[i];
            line->id = staff->id;
            line->kind = LINE_STAFF;
            line->index = i;
            line->category = CAT_PERSONNEL;
            line->payer = staff->payer;
            line->eligible = staff->eligible;
            costs_staff_monthly(monthly, s, staff);
        } else if (i < s->n_staff + s->n_premises) {
            const premises_line *premises = &s->premises[i - s->n_staff];
            line->id = premises->id;
            line->kind = LINE_PREMISES;
            line->index = i - s->n_staff;
            line->category = CAT_PREMISES;
            line->payer = PAYER_MUNICIPALITY;
            line->eligible = premises->eligible;
            costs_premises_monthly(monthly, s, premises);
        } else {
            const cost_line *cost = &s->costs[i - s->n_staff - s->n_premises];
            line->id = cost->id;
            line->kind = LINE_COST;
            line->index = i - s->n_staff - s->n_premises;
            line->category = cost->category;
            line->payer = PAYER_MUNICIPALITY;
            line->eligible = cost->eligible;
            costs_cost_monthly(monthly, s, cost);
        }
        /* §3: every total is the exact sum of the rounded amounts below it. */
        money_sum_reset(&sum);
        for (int m = 0; m < s->n_months; m++)
            money_sum_add(&sum, monthly[m]);
        money_sum_get(line->total, &sum);
    }
    money_sum_clear(&sum);
}

/* The Monthly table: per category, total and state-paid (all lines), and coach FTE. */
static void results_months(results *r, const scenario *s)
{
    size_t n = (size_t)s->n_months;
    for (int c = 0; c < CAT_COUNT; c++)
        r->by_category[c] = results_mpq_array_new(n);
    r->month_total = results_mpq_array_new(n);
    r->state_paid = results_mpq_array_new(n);
    r->coach_fte = results_mpq_array_new(n);

    /* Month by month over the lines, each sum in cents (money_sum). */
    money_sum category[CAT_COUNT], total, state;
    for (int c = 0; c < CAT_COUNT; c++)
        money_sum_init(&category[c]);
    money_sum_init(&total);
    money_sum_init(&state);
    for (size_t m = 0; m < n; m++) {
        for (int c = 0; c < CAT_COUNT; c++)
            money_sum_reset(&category[c]);
        money_sum_reset(&total);
        money_sum_reset(&state);
        for (size_t l = 0; l < r->n_lines; l++) {
            const line_result *line = &r->lines[l];
            money_sum_add(&category[line->category], line->monthly[m]);
            money_sum_add(&total, line->monthly[m]);
            if (line->payer == PAYER_STATE)
                money_sum_add(&state, line->monthly[m]);
        }
        for (int c = 0; c < CAT_COUNT; c++)
            money_sum_get(r->by_category[c][m], &category[c]);
        money_sum_get(r->month_total[m], &total);
        money_sum_get(r->state_paid[m], &state);
    }
    for (int c = 0; c < CAT_COUNT; c++)
        money_sum_clear(&category[c]);
    money_sum_clear(&total);
    money_sum_clear(&state);
    costs_coach_fte(r->coach_fte, s);
}

/* §5.5: the caseload in the last month, then every KPI. */
static void results_kpis(results_owner *owner, const scenario *s)
{
    results *r = &owner->pub;
    r->has_caseload = kpi_caseload(r->caseload, s, r->coach_fte[s->n_months - 1]);

    r->kpis = xcalloc(s->n_kpis, sizeof *r->kpis);
    for (size_t i = 0; i < s->n_kpis; i++)
        kpi_result_init(&r->kpis[i]);
    owner->n_kpis = s->n_kpis;
    for (size_t i = 0; i < s->n_kpis; i++)
        kpi_evaluate(&r->kpis[i], &s->kpis[i], r->has_caseload, r->caseload);
    kpi_rows_compute(&r->kpi_rows, &r->n_kpi_rows, s, r->coach_fte);
}

static results *results_compute_keeping(const scenario *s, bonus_result *kept);

results *results_compute(const scenario *s)
{
    return results_compute_keeping(s, NULL);
}

results *results_compute_again(results *previous, const scenario *s)
{
    if (!previous || !previous->has_bonus || !s->has_bonus) {
        results_free(previous);
        return results_compute(s);
    }
    bonus_result kept = previous->bonus;
    previous->has_bonus = false;   /* results_free leaves it alone */
    results_free(previous);
    return results_compute_keeping(s, &kept);
}

/* kept: a bonus result of the same projects, indicator values and weights, or NULL. */
static results *results_compute_keeping(const scenario *s, bonus_result *kept)
{
    results_owner *owner = xcalloc(1, sizeof *owner);
    results *r = &owner->pub;
    r->n_months = s->n_months;
    mpq_init(r->caseload);
    tmt_result_init(&r->tmt);

    results_lines(r, s);
    results_months(r, s);
    budget_compute(&r->budget, &r->n_budget, s, r->lines, r->n_lines);
    funding_compute(&r->funding, &r->n_funding, s, r->lines, r->n_lines);
    results_kpis(owner, s);

    /* Computed even without [reward]: zeros, so readers never meet uninitialised sums. */
    rewards_compute(&r->rewards, s);
    owner->n_rewards = s->n_rewards;
    r->has_rewards = s->has_rewards;

    if (s->has_bonus && kept) {
        r->bonus = *kept;
        bonus_recompute(&r->bonus, &s->bonus);
        r->has_bonus = true;
    } else if (s->has_bonus) {
        bonus_compute(&r->bonus, &s->bonus);
        r->has_bonus = true;
    }
    /* SPEC §7.6: after funding, whose net cost is the Net effect's basis. */
    tmt_compute(&r->tmt, s, r);
    return r;
}

void results_free(results *r)
{
    if (!r)
        return;
    results_owner *owner = (results_owner *)r;
    size_t n_months = (size_t)r->n_months;

    if (r->lines) {
        for (size_t i = 0; i < r->n_lines; i++) {
            results_mpq_array_free(r->lines[i].monthly, n_months);
            mpq_clear(r->lines[i].total);
        }
        free(r->lines);
    }
    for (int c = 0; c < CAT_COUNT; c++)
        results_mpq_array_free(r->by_category[c], n_months);
    results_mpq_array_free(r->month_total, n_months);
    results_mpq_array_free(r->state_paid, n_months);
    results_mpq_array_free(r->coach_fte, n_months);

    budget_rows_free(r->budget, r->n_budget);
    funding_rows_free(r->funding, r->n_funding);

    if (r->kpis) {
        for (size_t i = 0; i < owner->n_kpis; i++)
            kpi_result_clear(&r->kpis[i]);
        free(r->kpis);
    }
    kpi_rows_free(r->kpi_rows, r->n_kpi_rows);
    mpq_clear(r->caseload);
    rewards_result_clear(&r->rewards, owner->n_rewards);
    if (r->has_bonus)
        bonus_result_clear(&r->bonus);
    tmt_result_clear(&r->tmt);
    free(owner);
}
