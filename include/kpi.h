/*
 * kpi — targets of SPEC §5.5: the computed caseload (clients per coach FTE in the
 * scenario's last month) and each KPI's Met and Difference.
 *
 *     mpq_t caseload; mpq_init(caseload);
 *     bool has_caseload = kpi_caseload(caseload, s, coach_fte_in_last_month);
 *     kpi_result k; kpi_result_init(&k);
 *     kpi_evaluate(&k, &s->kpis[0], has_caseload, caseload);
 *     ... k.met, k.difference ...
 *     kpi_result_clear(&k);
 */
#ifndef TKK_KPI_H
#define TKK_KPI_H

#include <stdbool.h>
#include <gmp.h>
#include "results.h"
#include "scenario.h"

/* caseload = clients ÷ coach FTE; false (caseload untouched) without clients or when
 * the coach FTE is 0. */
bool kpi_caseload(mpq_t caseload, const scenario *s, const mpq_t last_month_coach_fte);

/* True when actual `op` target holds. */
bool kpi_target_met(const mpq_t actual, kpi_operator op, const mpq_t target);

/* Fills an initialised result: actual (the KPI's own, or the caseload for
 * computed = caseload; has_actual false when that is undefined), and with a target and
 * an actual, met and difference = actual − target (else met false, difference 0). */
void kpi_evaluate(kpi_result *out, const kpi *k, bool has_caseload, const mpq_t caseload);

void kpi_result_init(kpi_result *result);
void kpi_result_clear(kpi_result *result);

#endif
