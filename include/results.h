/*
 * results — everything SPEC §5 computes for one scenario, exact and rounded where
 * the SPEC rounds. Built by results_compute(); the presenters only read it.
 *
 *     results *r = results_compute(scenario);
 *     ... r->funding[r->n_funding - 1] is the total row ...
 *     results_free(r);
 */
#ifndef TKK_RESULTS_H
#define TKK_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <gmp.h>
#include "bonus.h"
#include "budget.h"
#include "costs.h"
#include "funding.h"
#include "kpi.h"
#include "rewards.h"
#include "scenario.h"
#include "tmt.h"

typedef struct results {
    int n_months;
    line_result *lines;      /* staff, then premises, then costs, in scenario order */
    size_t n_lines;

    /* Month by month, n_months each. */
    mpq_t *by_category[CAT_COUNT];
    mpq_t *month_total;
    mpq_t *state_paid;
    mpq_t *coach_fte;

    budget_row *budget;      /* 4 rows per year: personnel, premises, other, total */
    size_t n_budget;
    funding_row *funding;    /* one row per year, then the total row */
    size_t n_funding;

    kpi_result *kpis;        /* n_kpis: each KPI's whole-period row (no actual without one) */
    kpi_row *kpi_rows;       /* §7.2: per KPI its years ascending, then the whole period */
    size_t n_kpi_rows;
    bool has_caseload;
    mpq_t caseload;          /* clients ÷ coach FTE in the last month, when defined */

    bool has_rewards;
    reward_result rewards;

    bool has_bonus;
    bonus_result bonus;

    tmt_result tmt;          /* SPEC §7.6; tmt.present false without [tmt] */
} results;

/* Never NULL: memory comes from xmalloc (alloc.h). */
results *results_compute(const scenario *s);
/* results_compute(s) for a scenario that differs from the one previous was computed for
 * only in values scenario_patch writes (no indicator value or weight): the bonus result
 * is kept and only its steps 3–6 run again (bonus_recompute); previous is consumed. */
results *results_compute_again(results *previous, const scenario *s);
void results_free(results *r);

#endif
