/* costs — cost lines month by month (SPEC §5.1, §5.2). */
#include "costs.h"

#include <stdbool.h>

/* Index of month m in the scenario's arrays, or -1 outside the period. */
static int costs_month_index(const scenario *s, month_t m)
{
    if (m < s->start || m > s->end)
        return -1;
    return m - s->start;
}

static void costs_zero(mpq_t *monthly, const scenario *s)
{
    for (int i = 0; i < s->n_months; i++)
        mpq_set_ui(monthly[i], 0, 1);
}

/* salary ← ROUND(salary × (1 + raise), 2): one indexation step of SPEC §5.1. */
static void costs_raise(mpq_t salary, const mpq_t raise, mpq_t factor, rounding_mode mode)
{
    mpq_set_ui(factor, 1, 1);
    mpq_add(factor, factor, raise);
    mpq_mul(salary, salary, factor);
    money_round(salary, salary, mode);
}

void costs_salary(mpq_t salary, const mpq_t monthly_salary, const indexation_step *steps,
                  size_t n_steps, month_t month, rounding_mode mode)
{
    mpq_t factor;
    mpq_init(factor);
    mpq_set(salary, monthly_salary);
    for (size_t i = 0; i < n_steps && steps[i].month <= month; i++)
        costs_raise(salary, steps[i].raise, factor, mode);
    mpq_clear(factor);
}

void costs_staff_monthly(mpq_t *monthly, const scenario *s, const staff_line *line)
{
    costs_zero(monthly, s);
    month_t first = line->start > s->start ? line->start : s->start;
    month_t last = line->end < s->end ? line->end : s->end;
    if (first > last)
        return;

    mpq_t salary, factor, cost;
    mpq_inits(salary, factor, cost, NULL);
    /* The level in the first month, then raised step by step as months pass: the same
     * chain of roundings as costs_salary() for every month, without repeating it. */
    costs_salary(salary, line->monthly_salary, s->indexation, s->n_indexation, first,
                 s->rounding);
    size_t next_step = 0;
    while (next_step < s->n_indexation && s->indexation[next_step].month <= first)
        next_step++;

    mpq_t side;
    mpq_init(side);
    mpq_set_ui(side, 1, 1);
    mpq_add(side, side, line->side_costs);
    /* The cost changes only where the salary is raised: computed once per stretch of
     * months between indexation steps and copied to the other months of the stretch. */
    bool fresh = true;
    for (month_t m = first; m <= last; m++) {
        while (next_step < s->n_indexation && s->indexation[next_step].month <= m) {
            costs_raise(salary, s->indexation[next_step++].raise, factor, s->rounding);
            fresh = true;
        }
        if (!fresh) {
            mpq_set(monthly[m - s->start], monthly[m - 1 - s->start]);
            continue;
        }
        fresh = false;
        /* cost = ROUND(fte × salary × (1 + side_costs), 2), one rounding (§5.1). */
        mpq_mul(cost, line->fte, salary);
        mpq_mul(cost, cost, side);
        money_round(monthly[m - s->start], cost, s->rounding);
    }
    mpq_clears(salary, factor, cost, side, NULL);
}

/* Adds ROUND(amount) in every month of [start, end] clipped to the period. */
static void costs_add_recurring(mpq_t *monthly, const scenario *s, const mpq_t amount,
                                month_t start, month_t end)
{
    mpq_t rounded;
    mpq_init(rounded);
    money_round(rounded, amount, s->rounding);
    for (month_t m = start; m <= end; m++) {
        int i = costs_month_index(s, m);
        if (i >= 0)
            mpq_add(monthly[i], monthly[i], rounded);
    }
    mpq_clear(rounded);
}

void costs_premises_monthly(mpq_t *monthly, const scenario *s, const premises_line *line)
{
    costs_zero(monthly, s);
    /* Set-up and rent are rounded separately, then added (§5.2, §6 MonthlyDetail). */
    costs_add_recurring(monthly, s, line->setup, line->setup_month, line->setup_month);
    costs_add_recurring(monthly, s, line->monthly_rent, line->start, line->end);
}

void costs_cost_monthly(mpq_t *monthly, const scenario *s, const cost_line *line)
{
    costs_zero(monthly, s);
    if (line->has_amount)
        costs_add_recurring(monthly, s, line->amount, line->month, line->month);
    if (line->has_monthly)
        costs_add_recurring(monthly, s, line->monthly, line->start, line->end);
}

void costs_coach_fte(mpq_t *coach_fte, const scenario *s)
{
    costs_zero(coach_fte, s);
    for (size_t l = 0; l < s->n_staff; l++) {
        const staff_line *line = &s->staff[l];
        if (!line->coach)
            continue;
        for (month_t m = line->start; m <= line->end; m++) {
            int i = costs_month_index(s, m);
            if (i >= 0)
                mpq_add(coach_fte[i], coach_fte[i], line->fte);
        }
    }
}
