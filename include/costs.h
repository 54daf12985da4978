/*
 * costs — every cost line month by month: staff (SPEC §5.1), premises and other
 * costs (§5.2), and the coach FTE of each month.
 *
 * Each function fills an array of s->n_months initialised mpq_t (index month − s->start)
 * with the line's cents in that month, 0 outside the line's months:
 *
 *     mpq_t *monthly = ...;                         // n_months, each mpq_init'ed
 *     costs_staff_monthly(monthly, s, &s->staff[0]);
 *     // monthly[0] == ROUND(fte × salary(start) × (1 + side_costs), 2)
 */
#ifndef TKK_COSTS_H
#define TKK_COSTS_H

#include <stddef.h>
#include <gmp.h>
#include "money.h"
#include "month.h"
#include "scenario.h"

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

/* SPEC §5.1: salary = monthly_salary raised at every step with step.month ≤ month, in
 * the steps' order (sorted by month): salary ← ROUND(salary × (1 + raise), 2). */
void costs_salary(mpq_t salary, const mpq_t monthly_salary, const indexation_step *steps,
                  size_t n_steps, month_t month, rounding_mode mode);

/* SPEC §5.1: ROUND(fte × salary(m) × (1 + side_costs), 2) for m in [start, end]. */
void costs_staff_monthly(mpq_t *monthly, const scenario *s, const staff_line *line);

/* SPEC §5.2: ROUND(setup) in setup_month plus ROUND(monthly_rent) in [start, end]. */
void costs_premises_monthly(mpq_t *monthly, const scenario *s, const premises_line *line);

/* SPEC §5.2: ROUND(amount) in `month` plus ROUND(monthly) in [start, end]. */
void costs_cost_monthly(mpq_t *monthly, const scenario *s, const cost_line *line);

/* SPEC §5.1: coach FTE of month m = Σ fte of staff lines with coach = yes active in m. */
void costs_coach_fte(mpq_t *coach_fte, const scenario *s);

#endif
