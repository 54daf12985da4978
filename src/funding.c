/* funding — state grant and own contribution per year and in total (SPEC §5.4). */
#include "funding.h"
#include "alloc.h"

#include <stdlib.h>

#include "years.h"

void funding_state_grant(mpq_t grant, const funding_params *params, const mpq_t eligible,
                         rounding_mode mode)
{
    mpq_mul(grant, params->state_share, eligible);
    money_round(grant, grant, mode);
    /* The cap is per calendar year, not pro-rated to the year's months (§5.4). */
    if (params->has_state_cap && mpq_cmp(grant, params->state_cap) > 0)
        mpq_set(grant, params->state_cap);
}

/* Judges Status on the row's own figures: met when net ≥ required (§5.4). */
static void funding_judge(funding_row *row)
{
    mpq_set_ui(row->shortfall, 0, 1);
    if (!row->has_required) {
        row->met = false;
        return;
    }
    row->met = mpq_cmp(row->municipal_net, row->required) >= 0;
    if (!row->met)
        mpq_sub(row->shortfall, row->required, row->municipal_net);
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
    if (row->has_required) {
        mpq_t months_share;
        mpq_init(months_share);
        mpq_set_si(months_share, row->months, 12);
        mpq_canonicalize(months_share);
        mpq_mul(row->required, params->own_min_share, *reference);
        mpq_mul(row->required, row->required, months_share);
        money_round(row->required, row->required, mode);
        mpq_clear(months_share);
    }
    funding_judge(row);
}

static void funding_row_init(funding_row *row)
{
    mpq_inits(row->total_cost, row->state_paid, row->municipal_cost, row->eligible,
              row->state_grant, row->municipal_net, row->required, row->shortfall, NULL);
}

/* The cost columns of one calendar year from the lines' monthly cents. */
static void funding_year(funding_row *row, const scenario *s, const line_result *lines,
                         size_t n_lines)
{
    /* The scenario's months in this calendar year, as indices into the lines. */
    month_t first = month_make(row->year, 1), last = month_make(row->year, 12);
    if (first < s->start)
        first = s->start;
    if (last > s->end)
        last = s->end;
    row->months = first <= last ? last - first + 1 : 0;
    for (int i = first - s->start; i <= last - s->start; i++) {
        for (size_t l = 0; l < n_lines; l++) {
            const line_result *line = &lines[l];
            mpq_add(row->total_cost, row->total_cost, line->monthly[i]);
            if (line->payer == PAYER_STATE)
                mpq_add(row->state_paid, row->state_paid, line->monthly[i]);
            else if (line->eligible)
                mpq_add(row->eligible, row->eligible, line->monthly[i]);
        }
    }
    mpq_sub(row->municipal_cost, row->total_cost, row->state_paid);
    funding_state_grant(row->state_grant, &s->funding, row->eligible, s->rounding);
    mpq_sub(row->municipal_net, row->municipal_cost, row->state_grant);
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
    for (int y = 0; y < s->n_years; y++) {
        out[y].year = s->first_year + y;
        funding_year(&out[y], s, lines, n_lines);
        funding_add(total, &out[y]);
    }
    funding_judge(total);
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
                   rows[i].required, rows[i].shortfall, NULL);
    free(rows);
}
