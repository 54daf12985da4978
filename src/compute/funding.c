/* funding — state grant and own contribution per year and in total (SPEC §5.4). */
#include "funding.h"
#include "alloc.h"
#include "money_sum.h"

#include <stdlib.h>

#include "years.h"
#include "budget.h"

void funding_grant(mpq_t grant, const mpq_t state_share, const mpq_t eligible,
                   mpq_srcptr cap, rounding_mode mode)
{
    mpq_mul(grant, state_share, eligible);
    money_round(grant, grant, mode);
    /* The cap is per calendar year, not pro-rated to the year's months (§5.4). */
    if (cap && mpq_cmp(grant, cap) > 0)
        mpq_set(grant, cap);
}

void funding_state_grant(mpq_t grant, const funding_params *params, const mpq_t eligible,
                         rounding_mode mode)
{
    funding_grant(grant, params->state_share, eligible,
                  params->has_state_cap ? params->state_cap : NULL, mode);
}

void funding_required_amount(mpq_t required, const mpq_t own_min_share,
                             const mpq_t reference_tmt, int months, rounding_mode mode)
{
    mpq_t months_share;
    mpq_init(months_share);
    mpq_set_si(months_share, months, 12);
    mpq_canonicalize(months_share);
    mpq_mul(required, own_min_share, reference_tmt);
    mpq_mul(required, required, months_share);
    money_round(required, required, mode);
    mpq_clear(months_share);
}

bool funding_judge(mpq_t shortfall, const mpq_t basis, const mpq_t required)
{
    bool met = mpq_cmp(basis, required) >= 0;
    if (met)
        mpq_set_ui(shortfall, 0, 1);
    else
        mpq_sub(shortfall, required, basis);
    return met;
}

/* Status on the row's own basis and required (§5.4); blank without a requirement. */
static void funding_row_judge(funding_row *row)
{
    mpq_set_ui(row->shortfall, 0, 1);
    row->met = row->has_required && funding_judge(row->shortfall, row->basis, row->required);
}

const mpq_t *funding_reference_tmt(const funding_params *params, int year)
{
    /* §7.2: reference_tmt.YYYY overrides reference_tmt for its year. */
    const year_value *v = year ? year_value_find(params->reference_tmt_years,
                                                 params->n_reference_tmt_years, year)
                               : NULL;
    if (v)
        return &v->value;
    return params->has_reference_tmt ? &params->reference_tmt : NULL;
}

void funding_required(funding_row *row, const funding_params *params, rounding_mode mode)
{
    const mpq_t *reference = funding_reference_tmt(params, row->year);
    row->has_required = reference && params->has_own_min_share;
    mpq_set_ui(row->required, 0, 1);
    if (row->has_required)
        funding_required_amount(row->required, params->own_min_share, *reference,
                                row->months, mode);
    funding_row_judge(row);
}

static void funding_row_init(funding_row *row)
{
    mpq_inits(row->total_cost, row->state_paid, row->municipal_cost, row->eligible,
              row->state_grant, row->municipal_net, row->actual, row->actual_net, row->basis,
              row->required, row->shortfall, NULL);
}

/* SPEC §5.4: judged on the year's whole Actual where it has one, else on the plan. */
static void funding_year_basis(funding_row *row, const scenario *s, int year_index)
{
    const year_amounts *actual = s->has_actual && s->actual ? &s->actual[year_index] : NULL;
    row->has_actual = budget_whole_actual(row->actual, actual);
    if (row->has_actual) {
        mpq_sub(row->actual_net, row->actual, row->state_grant);
        mpq_set(row->basis, row->actual_net);
        row->judged_on = FUNDING_ON_ACTUAL;
    } else {
        mpq_set(row->basis, row->municipal_net);
        row->judged_on = FUNDING_ON_PLAN;
    }
}

/* The cost columns of one calendar year from the lines' monthly cents. */
static void funding_year(funding_row *row, const scenario *s, const line_result *lines,
                         size_t n_lines, int year_index)
{
    /* The scenario's months in this calendar year, as indices into the lines. */
    month_t first = month_make(row->year, 1), last = month_make(row->year, 12);
    if (first < s->start)
        first = s->start;
    if (last > s->end)
        last = s->end;
    row->months = first <= last ? last - first + 1 : 0;
    money_sum total, state, eligible;   /* in cents: no gcd per addition */
    money_sum_init(&total);
    money_sum_init(&state);
    money_sum_init(&eligible);
    for (int i = first - s->start; i <= last - s->start; i++) {
        for (size_t l = 0; l < n_lines; l++) {
            const line_result *line = &lines[l];
            money_sum_add(&total, line->monthly[i]);
            if (line->payer == PAYER_STATE)
                money_sum_add(&state, line->monthly[i]);
            else if (line->eligible)
                money_sum_add(&eligible, line->monthly[i]);
        }
    }
    /* The row's sums start at 0 (funding_row_init). */
    money_sum_get(row->total_cost, &total);
    money_sum_get(row->state_paid, &state);
    money_sum_get(row->eligible, &eligible);
    money_sum_clear(&total);
    money_sum_clear(&state);
    money_sum_clear(&eligible);
    mpq_sub(row->municipal_cost, row->total_cost, row->state_paid);
    funding_state_grant(row->state_grant, &s->funding, row->eligible, s->rounding);
    mpq_sub(row->municipal_net, row->municipal_cost, row->state_grant);
    funding_year_basis(row, s, year_index);
    funding_required(row, &s->funding, s->rounding);
}

/* The total row sums the years' figures, then judges Status on those sums (§5.4). */
static void funding_add(funding_row *total, const funding_row *year)
{
    total->months += year->months;
    mpq_add(total->total_cost, total->total_cost, year->total_cost);
    mpq_add(total->state_paid, total->state_paid, year->state_paid);
    mpq_add(total->municipal_cost, total->municipal_cost, year->municipal_cost);
    mpq_add(total->eligible, total->eligible, year->eligible);
    mpq_add(total->state_grant, total->state_grant, year->state_grant);
    mpq_add(total->municipal_net, total->municipal_net, year->municipal_net);
    mpq_add(total->actual, total->actual, year->actual);
    mpq_add(total->actual_net, total->actual_net, year->actual_net);
    mpq_add(total->basis, total->basis, year->basis);
    mpq_add(total->required, total->required, year->required);
}

void funding_compute(funding_row **rows, size_t *n_rows, const scenario *s,
                     const line_result *lines, size_t n_lines)
{
    size_t n = (size_t)s->n_years + 1;
    funding_row *out = xcalloc(n, sizeof *out);
    for (size_t i = 0; i < n; i++)
        funding_row_init(&out[i]);

    funding_row *total = &out[n - 1];
    total->year = 0;
    total->has_required = s->funding.has_reference_tmt && s->funding.has_own_min_share;
    int with_actual = 0;
    for (int y = 0; y < s->n_years; y++) {
        out[y].year = s->first_year + y;
        funding_year(&out[y], s, lines, n_lines, y);
        funding_add(total, &out[y]);
        with_actual += out[y].has_actual;
    }
    /* §5.4: the total's Actual only when every year has one; Judged on actual, plan or
     * mixed; its basis is the sum of the years' bases. */
    total->has_actual = s->n_years > 0 && with_actual == s->n_years;
    total->judged_on = total->has_actual ? FUNDING_ON_ACTUAL
                       : with_actual == 0 ? FUNDING_ON_PLAN
                                          : FUNDING_ON_MIXED;
    if (!total->has_actual) {
        mpq_set_ui(total->actual, 0, 1);
        mpq_set_ui(total->actual_net, 0, 1);
    }
    funding_row_judge(total);
    *rows = out;
    *n_rows = n;
}

void funding_rows_free(funding_row *rows, size_t n_rows)
{
    if (!rows)
        return;
    for (size_t i = 0; i < n_rows; i++)
        mpq_clears(rows[i].total_cost, rows[i].state_paid, rows[i].municipal_cost,
                   rows[i].eligible, rows[i].state_grant, rows[i].municipal_net,
                   rows[i].actual, rows[i].actual_net, rows[i].basis,
                   rows[i].required, rows[i].shortfall, NULL);
    free(rows);
}
