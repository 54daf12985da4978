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
#include "scenario.h"
#include "tmt.h"

typedef enum { LINE_STAFF, LINE_PREMISES, LINE_COST } line_kind;

/* One cost line (staff, premises or other) month by month. */
typedef struct {
    const char *id;          /* the section name, owned by the scenario */
    line_kind kind;
    size_t index;            /* into scenario->staff / premises / costs */
    cost_category category;
    payer payer;
    bool eligible;
    mpq_t *monthly;          /* n_months amounts in cents, index month − start */
    mpq_t total;
} line_result;

/* One row of the Budget table; category == CAT_COUNT is the year's total row. */
typedef struct {
    int year;
    cost_category category;
    bool has_budget;
    mpq_t budget;
    mpq_t plan;
    bool has_actual;
    mpq_t actual;
} budget_row;

/* SPEC §5.4 "Judged on": what the own-contribution test compares with Required. */
typedef enum {
    FUNDING_ON_PLAN,         /* Municipal net cost (the year has no whole Actual) */
    FUNDING_ON_ACTUAL,       /* Actual net cost */
    FUNDING_ON_MIXED         /* the total row when some years have an Actual, some not */
} funding_basis;

/* One row of the Funding table; year == 0 is the total row. */
typedef struct {
    int year;
    int months;
    mpq_t total_cost, state_paid, municipal_cost, eligible, state_grant, municipal_net;
    bool has_actual;         /* the year's whole actual; total row: every year has one */
    mpq_t actual;            /* Actual (municipal costs, from [actual]) */
    mpq_t actual_net;        /* Actual − State grant */
    funding_basis judged_on;
    mpq_t basis;             /* what Status compares: actual_net or municipal_net; the
                              * total row: the sum of the years' bases */
    bool has_required;
    mpq_t required;
    bool met;
    mpq_t shortfall;         /* required − basis when not met, else 0 */
} funding_row;

typedef struct {
    bool has_actual;         /* false only for a caseload with no coach FTE */
    mpq_t actual;
    bool met;                /* with a target */
    mpq_t difference;        /* actual − target, with a target */
} kpi_result;

/* SPEC §7.2: one row of the KPIs table, a KPI for one year or the whole period. */
typedef struct {
    size_t kpi;              /* index into scenario->kpis */
    int year;                /* 0: the whole period (Year blank) */
    month_t month;           /* the year's last month within the period (the period's last) */
    bool has_clients;        /* computed caseload: the clients divided by the month's coach FTE */
    mpq_t clients;
    bool has_target;         /* target.YYYY, else the plain target */
    kpi_operator op;
    mpq_t target;
    kpi_result result;       /* actual (blank: has_actual false), met, difference */
} kpi_row;

typedef struct {
    mpq_t *totals;           /* per criterion: ROUND(amount, 2) × persons */
    mpq_t claimed, paid, over_allocation;
} reward_result;

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
