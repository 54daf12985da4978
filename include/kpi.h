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

#include <gmp.h>
#include <stdbool.h>
#include "month.h"
#include "scenario.h"

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

/* caseload = clients ÷ coach FTE; false (caseload untouched) without clients or when
 * the coach FTE is 0. */
bool kpi_caseload(mpq_t caseload, const scenario *s, const mpq_t last_month_coach_fte);

/* True when actual `op` target holds. */
bool kpi_target_met(const mpq_t actual, kpi_operator op, const mpq_t target);

/* Fills an initialised result: actual (the KPI's own, or the caseload for
 * computed = caseload; has_actual false when that is undefined), and with a target and
 * an actual, met and difference = actual − target (else met false, difference 0). */
void kpi_evaluate(kpi_result *out, const kpi *k, bool has_caseload, const mpq_t caseload);

/* SPEC §7.2: the rows of the KPIs table. Per KPI, one row per year that has clients.YYYY
 * (computed caseload) or actual.YYYY, or target.YYYY, ascending; then the whole-period
 * row when plain `clients` (computed) or plain `actual` is given. A computed row's actual
 * is its clients ÷ coach_fte of its month (the year's last month within the period), blank
 * without clients or when that FTE is 0. target.YYYY overrides the plain target. Memory
 * comes from xmalloc (alloc.h). */
void kpi_rows_compute(kpi_row **rows, size_t *n_rows, const scenario *s, mpq_t *const coach_fte);
void kpi_rows_free(kpi_row *rows, size_t n_rows);

void kpi_result_init(kpi_result *result);
void kpi_result_clear(kpi_result *result);

#endif
