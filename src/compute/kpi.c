/* kpi — computed caseload and target checks (SPEC §5.5). */
#include "kpi.h"

bool kpi_caseload(mpq_t caseload, const scenario *s, const mpq_t last_month_coach_fte)
{
    if (!s->has_clients || mpq_sgn(last_month_coach_fte) == 0)
        return false;
    mpq_set_z(caseload, s->clients);
    mpq_div(caseload, caseload, last_month_coach_fte);
    return true;
}

bool kpi_target_met(const mpq_t actual, kpi_operator op, const mpq_t target)
{
    int cmp = mpq_cmp(actual, target);
    switch (op) {
    case KPI_LT: return cmp < 0;
    case KPI_LE: return cmp <= 0;
    case KPI_GT: return cmp > 0;
    case KPI_GE: return cmp >= 0;
    case KPI_EQ: return cmp == 0;
    }
    return false;
}

void kpi_evaluate(kpi_result *out, const kpi *k, bool has_caseload, const mpq_t caseload)
{
    out->met = false;
    mpq_set_ui(out->difference, 0, 1);
    if (k->computed_caseload) {
        out->has_actual = has_caseload;
        if (has_caseload)
            mpq_set(out->actual, caseload);
        else
            mpq_set_ui(out->actual, 0, 1);
    } else {
        out->has_actual = k->has_actual;
        mpq_set(out->actual, k->actual);
    }
    if (!k->has_target || !out->has_actual)
        return;
    out->met = kpi_target_met(out->actual, k->op, k->target);
    mpq_sub(out->difference, out->actual, k->target);
}

void kpi_result_init(kpi_result *result)
{
    result->has_actual = false;
    result->met = false;
    mpq_inits(result->actual, result->difference, NULL);
}

void kpi_result_clear(kpi_result *result)
{
    mpq_clears(result->actual, result->difference, NULL);
}
