/* scenario — names of the enumerations and freeing a scenario. */
#include "scenario.h"

#include <stdlib.h>

#include "years.h"

const char *category_name(cost_category category)
{
    static const char *const names[] = { "personnel", "premises", "other", "total" };
    return category <= CAT_COUNT ? names[category] : "?";
}

const char *payer_name(payer p)
{
    return p == PAYER_STATE ? "state" : "municipality";
}

const char *kpi_operator_text(kpi_operator op)
{
    static const char *const texts[] = { "<", "<=", ">", ">=", "=" };
    return (unsigned)op < 5 ? texts[op] : "?";
}

static void year_amounts_free(year_amounts *years, int n_years)
{
    if (!years)
        return;
    for (int y = 0; y < n_years; y++) {
        mpq_clear(years[y].total);
        for (int c = 0; c < CAT_COUNT; c++)
            mpq_clear(years[y].category[c]);
    }
    free(years);
}

void scenario_free(scenario *s)
{
    if (!s)
        return;
    free(s->id);
    free(s->name);
    free(s->description);
    free(s->area);
    free(s->prepared_by);
    free(s->appendix);
    mpz_clear(s->clients);

    for (size_t i = 0; i < s->n_indexation; i++)
        mpq_clear(s->indexation[i].raise);
    free(s->indexation);

    for (size_t i = 0; i < s->n_staff; i++) {
        staff_line *l = &s->staff[i];
        free(l->id);
        free(l->role);
        mpq_clears(l->fte, l->monthly_salary, l->side_costs, NULL);
    }
    free(s->staff);

    for (size_t i = 0; i < s->n_premises; i++) {
        premises_line *l = &s->premises[i];
        free(l->id);
        mpq_clears(l->setup, l->monthly_rent, NULL);
    }
    free(s->premises);

    for (size_t i = 0; i < s->n_costs; i++) {
        cost_line *l = &s->costs[i];
        free(l->id);
        mpq_clears(l->amount, l->monthly, NULL);
    }
    free(s->costs);

    year_amounts_free(s->budget, s->n_years);
    year_amounts_free(s->actual, s->n_years);
    if (s->ledger_monthly) {
        for (int m = 0; m < s->n_months; m++)
            mpq_clear(s->ledger_monthly[m]);
        free(s->ledger_monthly);
    }
    mpq_clears(s->funding.state_share, s->funding.state_cap, s->funding.reference_tmt,
               s->funding.own_min_share, NULL);
    year_values_free(s->funding.reference_tmt_years, s->funding.n_reference_tmt_years);
    year_values_free(s->clients_years, s->n_clients_years);

    for (size_t i = 0; i < s->n_kpis; i++) {
        free(s->kpis[i].id);
        free(s->kpis[i].label);
        mpq_clears(s->kpis[i].actual, s->kpis[i].target, NULL);
        kpi_years_free(s->kpis[i].years, s->kpis[i].n_years);
    }
    free(s->kpis);

    mpq_clear(s->allocation);
    for (size_t i = 0; i < s->n_rewards; i++) {
        free(s->rewards[i].id);
        free(s->rewards[i].label);
        mpq_clear(s->rewards[i].amount);
    }
    free(s->rewards);

    bonus_input_clear(&s->bonus);
    tmt_input_clear(&s->tmt);

    for (size_t i = 0; i < s->n_inputs; i++) {
        free(s->inputs[i].path);
        free(s->inputs[i].value);
    }
    free(s->inputs);
    for (size_t i = 0; i < s->n_sources; i++) {
        free(s->sources[i].path);
        free(s->sources[i].text);
    }
    free(s->sources);
    free(s->overrides_text);
    free(s);
}
