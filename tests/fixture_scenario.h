/*
 * fixture_scenario — a hand-built scenario for the unit tests: what scenario_load() would
 * produce, without an INI file, so each test states its inputs next to its arithmetic.
 * Shared by test_costs, test_funding, test_kpi, test_rewards, test_budget and
 * test_workbook.
 *
 *     scenario *s = fixture_new("2021-03", "2021-12");
 *     fixture_staff(s, "staff.coaches", "6", "3100", "0.234")->coach = true;
 *     results *r = results_compute(s);
 *     assert_true(q_eq(r->coach_fte[0], "6"));
 *     results_free(r);
 *     scenario_free(s);     // frees everything the fixture_* builders allocated
 *
 * Header-only: every helper is `static` and marked unused, so a test that needs only
 * some of them still compiles clean under -Wall -Wextra. Each test includes it once.
 * Failures go through cmocka's assert_* (the test stops there), so no helper returns
 * an error. A builder that appends to an array (GROW) may move that array: take
 * pointers to its elements only after the last append.
 */
#ifndef TKK_TESTS_FIXTURE_SCENARIO_H
#define TKK_TESTS_FIXTURE_SCENARIO_H

/* cmocka.h needs these first (it does not include them itself). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gmp.h>

#include "results.h"
#include "scenario.h"

#define FIXTURE_FN static __attribute__((unused))

/* ---- exact values from text ---- */

/* "3162.00", "-0.5", "2/3": an exact rational from a plain decimal or a fraction. */
FIXTURE_FN void q(mpq_t out, const char *text)
{
    const char *dot = strchr(text, '.');
    if (!dot) {
        assert_int_equal(mpq_set_str(out, text, 10), 0);
        mpq_canonicalize(out);
        return;
    }
    char digits[64];
    size_t whole = (size_t)(dot - text), decimals = strlen(dot + 1);
    assert_true(whole + decimals < sizeof digits);
    memcpy(digits, text, whole);
    memcpy(digits + whole, dot + 1, decimals + 1);
    assert_int_equal(mpz_set_str(mpq_numref(out), digits, 10), 0);
    mpz_ui_pow_ui(mpq_denref(out), 10, decimals);
    mpq_canonicalize(out);
}

/* True when value equals the decimal text exactly; prints both when it does not. */
FIXTURE_FN bool q_eq(const mpq_t value, const char *text)
{
    mpq_t expected;
    mpq_init(expected);
    q(expected, text);
    bool equal = mpq_equal(value, expected) != 0;
    if (!equal)
        gmp_fprintf(stderr, "expected %s, got %Qd\n", text, value);
    mpq_clear(expected);
    return equal;
}

/* "2021-03" as a month_t. */
FIXTURE_FN month_t mon(const char *text)
{
    month_t m;
    assert_true(month_parse(text, &m));
    return m;
}

/* A checked strdup. Not named dup(): <unistd.h> declares int dup(int). */
FIXTURE_FN char *text_dup(const char *text)
{
    char *copy = strdup(text);
    assert_non_null(copy);
    return copy;
}

/* ---- the scenario and its arrays ---- */

/* An empty scenario from start to end (inclusive), half-up, every mpq initialised as
 * the loader leaves them, so scenario_free() can free it. */
FIXTURE_FN scenario *fixture_new(const char *start, const char *end)
{
    scenario *s = calloc(1, sizeof *s);
    assert_non_null(s);
    mpz_init(s->clients);
    mpq_inits(s->funding.state_share, s->funding.state_cap, s->funding.reference_tmt,
              s->funding.own_min_share, s->allocation, NULL);
    bonus_input_init(&s->bonus);
    s->start = mon(start);
    s->end = mon(end);
    s->n_months = s->end - s->start + 1;
    s->first_year = month_year(s->start);
    s->n_years = month_year(s->end) - s->first_year + 1;
    s->rounding = ROUND_HALF_UP;
    return s;
}

/* Appends one zeroed element to a fixture array and returns it. */
FIXTURE_FN void *grow_array(void *items, size_t *n, size_t size)
{
    char *bigger = realloc(items, (*n + 1) * size);
    assert_non_null(bigger);
    memset(bigger + *n * size, 0, size);
    (*n)++;
    return bigger;
}
#define GROW(array, n) ((array) = grow_array((array), &(n), sizeof *(array)), &(array)[(n) - 1])

/* s->n_years zeroed year_amounts with every mpq initialised, as the loader keeps them
 * for [budget] and [actual]. */
FIXTURE_FN year_amounts *years_new(const scenario *s)
{
    year_amounts *years = calloc((size_t)s->n_years, sizeof *years);
    assert_non_null(years);
    for (int y = 0; y < s->n_years; y++) {
        mpq_init(years[y].total);
        for (int c = 0; c < CAT_COUNT; c++)
            mpq_init(years[y].category[c]);
    }
    return years;
}

/* ---- lines (SPEC §5.1, §5.2) ---- */

/* A staff line over the whole scenario: an eligible, non-coach "Omavalmentaja" paid by
 * the municipality; callers change what their test needs through the returned line. */
FIXTURE_FN staff_line *fixture_staff(scenario *s, const char *id, const char *fte,
                                     const char *salary, const char *side_costs)
{
    staff_line *line = GROW(s->staff, s->n_staff);
    line->id = text_dup(id);
    line->role = text_dup("Omavalmentaja");
    mpq_inits(line->fte, line->monthly_salary, line->side_costs, NULL);
    q(line->fte, fte);
    q(line->monthly_salary, salary);
    q(line->side_costs, side_costs);
    line->payer = PAYER_MUNICIPALITY;
    line->eligible = true;
    line->start = s->start;
    line->end = s->end;
    return line;
}

/* An indexation step: salaries rise by `raise` from `month` on. */
FIXTURE_FN void fixture_step(scenario *s, const char *month, const char *raise)
{
    indexation_step *step = GROW(s->indexation, s->n_indexation);
    step->month = mon(month);
    mpq_init(step->raise);
    q(step->raise, raise);
}

/* An eligible premises line over the whole scenario, set up in its first month. */
FIXTURE_FN premises_line *fixture_premises(scenario *s, const char *id, const char *setup,
                                           const char *rent)
{
    premises_line *line = GROW(s->premises, s->n_premises);
    line->id = text_dup(id);
    mpq_inits(line->setup, line->monthly_rent, NULL);
    q(line->setup, setup);
    q(line->monthly_rent, rent);
    line->start = line->setup_month = s->start;
    line->end = s->end;
    line->eligible = true;
    return line;
}

/* An eligible "other" cost line over the whole scenario with neither amount nor monthly
 * set: the caller sets has_amount/amount/month or has_monthly/monthly. */
FIXTURE_FN cost_line *fixture_cost(scenario *s, const char *id)
{
    cost_line *line = GROW(s->costs, s->n_costs);
    line->id = text_dup(id);
    mpq_inits(line->amount, line->monthly, NULL);
    line->category = CAT_OTHER;
    line->month = line->start = s->start;
    line->end = s->end;
    line->eligible = true;
    return line;
}

/* A line_result as results_compute() would build it, from its monthly cents (one text
 * per month of s); appended at lines[*n_lines]. Release with lines_clear(). */
FIXTURE_FN void line_add(line_result *lines, size_t *n_lines, const scenario *s,
                         cost_category category, payer who, bool eligible,
                         const char *const amounts[])
{
    line_result *line = &lines[(*n_lines)++];
    memset(line, 0, sizeof *line);
    line->id = "line";
    line->category = category;
    line->payer = who;
    line->eligible = eligible;
    line->monthly = calloc((size_t)s->n_months, sizeof *line->monthly);
    assert_non_null(line->monthly);
    mpq_init(line->total);
    for (int i = 0; i < s->n_months; i++) {
        mpq_init(line->monthly[i]);
        q(line->monthly[i], amounts[i]);
        mpq_add(line->total, line->total, line->monthly[i]);
    }
}

FIXTURE_FN void lines_clear(line_result *lines, size_t n_lines, const scenario *s)
{
    for (size_t l = 0; l < n_lines; l++) {
        for (int i = 0; i < s->n_months; i++)
            mpq_clear(lines[l].monthly[i]);
        free(lines[l].monthly);
        mpq_clear(lines[l].total);
    }
}

/* ---- KPIs, rewards, bonus (SPEC §5.5 – §5.7) ---- */

/* A KPI with the given actual, or the computed caseload when actual is NULL; with
 * `op target`, or no target (op ignored) when target is NULL. */
FIXTURE_FN kpi *fixture_kpi(scenario *s, const char *id, const char *actual,
                            kpi_operator op, const char *target)
{
    kpi *k = GROW(s->kpis, s->n_kpis);
    k->id = text_dup(id);
    mpq_inits(k->actual, k->target, NULL);
    if ((k->has_actual = actual != NULL))
        q(k->actual, actual);
    else
        k->computed_caseload = true;
    if ((k->has_target = target != NULL)) {
        k->op = op;
        q(k->target, target);
    }
    return k;
}

/* A reward criterion: `amount` a person for `persons` persons; label NULL is the id. */
FIXTURE_FN reward_criterion *fixture_reward(scenario *s, const char *id, const char *label,
                                            const char *amount, unsigned long persons)
{
    reward_criterion *criterion = GROW(s->rewards, s->n_rewards);
    criterion->id = text_dup(id);
    criterion->label = text_dup(label ? label : id);
    mpq_init(criterion->amount);
    q(criterion->amount, amount);
    criterion->persons = persons;
    s->has_rewards = true;
    return criterion;
}

/* A bonus of `pool`, method share, with one indicator `indicator` (weight 1, max) and
 * no projects yet; the unit stays bonus_input_init()'s 0,01 unless the caller sets it. */
FIXTURE_FN void fixture_bonus(scenario *s, const char *pool, const char *indicator)
{
    bonus_input *in = &s->bonus;
    s->has_bonus = true;
    q(in->pool, pool);
    in->method = BONUS_SHARE;
    bonus_indicator *only = GROW(in->indicators, in->n_indicators);
    only->id = text_dup(indicator);
    mpq_init(only->weight);
    q(only->weight, "1");
    only->normalize = NORMALIZE_MAX;
}

/* A bonus project (name = id) with its grant and its value of fixture_bonus()'s one
 * indicator. */
FIXTURE_FN bonus_project *fixture_bonus_project(scenario *s, const char *id,
                                                const char *grant, const char *value)
{
    bonus_project *project = GROW(s->bonus.projects, s->bonus.n_projects);
    project->id = text_dup(id);
    project->name = text_dup(id);
    mpq_init(project->grant);
    q(project->grant, grant);
    project->values = calloc(1, sizeof *project->values);
    assert_non_null(project->values);
    mpq_init(project->values[0]);
    q(project->values[0], value);
    return project;
}

#endif
