/* kpi_rows — the KPIs table's rows per KPI and year (SPEC §5.5, §7.2). */
#include "kpi.h"

#include <stdlib.h>

#include "alloc.h"
#include "years.h"

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The years of KPI k's per-year rows, ascending and distinct; returns the count. */
static size_t kpi_row_years(int *years, const scenario *s, const kpi *k)
{
    size_t n = 0;
    if (k->computed_caseload)
        for (size_t i = 0; i < s->n_clients_years; i++)
            years[n++] = s->clients_years[i].year;
    for (size_t i = 0; i < k->n_years; i++)
        if (k->years[i].has_target || (!k->computed_caseload && k->years[i].has_actual))
            years[n++] = k->years[i].year;
    if (n > 1)
        qsort(years, n, sizeof *years, compare_ints);
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++)
        if (distinct == 0 || years[distinct - 1] != years[i])
            years[distinct++] = years[i];
    return distinct;
}

/* Fills row (initialised) for KPI k and year (0: the whole period). */
static void kpi_row_fill(kpi_row *row, const scenario *s, const kpi *k, int year,
                         mpq_t *const coach_fte)
{
    row->year = year;
    scenario_year_last_month(s, year, &row->month);
    const kpi_year *y = year ? kpi_year_find(k, year) : NULL;
    kpi_result *out = &row->result;
    if (k->computed_caseload) {
        row->has_clients = scenario_clients_of_year(s, year, row->clients);
        const mpq_t *fte = &coach_fte[row->month - s->start];
        out->has_actual = row->has_clients && mpq_sgn(*fte) != 0;
        if (out->has_actual)
            mpq_div(out->actual, row->clients, *fte);
    } else if (year) {
        out->has_actual = y && y->has_actual;
        if (out->has_actual)
            mpq_set(out->actual, y->actual);
    } else {
        out->has_actual = k->has_actual;
        mpq_set(out->actual, k->actual);
    }
    if (y && y->has_target) {
        row->has_target = true;
        row->op = y->op;
        mpq_set(row->target, y->target);
    } else if (k->has_target) {
        row->has_target = true;
        row->op = k->op;
        mpq_set(row->target, k->target);
    }
    if (row->has_target && out->has_actual) {
        out->met = kpi_target_met(out->actual, row->op, row->target);
        mpq_sub(out->difference, out->actual, row->target);
    }
}

void kpi_rows_compute(kpi_row **rows, size_t *n_rows, const scenario *s, mpq_t *const coach_fte)
{
    size_t capacity = 0;
    for (size_t i = 0; i < s->n_kpis; i++)
        capacity += s->n_clients_years + s->kpis[i].n_years + 1;
    kpi_row *out = xcalloc(capacity, sizeof *out);
    int *years = xcalloc(capacity, sizeof *years);
    size_t n = 0;
    for (size_t i = 0; i < s->n_kpis; i++) {
        const kpi *k = &s->kpis[i];
        size_t n_years = kpi_row_years(years, s, k);
        bool whole = k->computed_caseload ? s->has_clients : k->has_actual;
        for (size_t j = 0; j < n_years + (whole ? 1 : 0); j++) {
            kpi_row *row = &out[n++];
            row->kpi = i;
            mpq_inits(row->clients, row->target, NULL);
            kpi_result_init(&row->result);
            kpi_row_fill(row, s, k, j < n_years ? years[j] : 0, coach_fte);
        }
    }
    free(years);
    *rows = out;
    *n_rows = n;
}

void kpi_rows_free(kpi_row *rows, size_t n_rows)
{
    if (!rows)
        return;
    for (size_t i = 0; i < n_rows; i++) {
        mpq_clears(rows[i].clients, rows[i].target, NULL);
        kpi_result_clear(&rows[i].result);
    }
    free(rows);
}
