/*
 * years — SPEC §7.2: values given per calendar year (clients.YYYY, reference_tmt.YYYY,
 * a KPI's actual.YYYY / target.YYYY) and the month that stands for a year.
 *
 *     const year_value *c = year_value_find(s->clients_years, s->n_clients_years, 2023);
 *     month_t m;
 *     if (c && scenario_year_last_month(s, 2023, &m)) ... coach FTE of month m ...
 */
#ifndef TKK_YEARS_H
#define TKK_YEARS_H

#include <stdbool.h>
#include <stddef.h>
#include "scenario.h"

/* The entry for `year`, or NULL. */
const year_value *year_value_find(const year_value *list, size_t n, int year);
const kpi_year *kpi_year_find(const kpi *k, int year);

/* Sorts a list by year (the validator appends in file order). */
void year_values_sort(year_value *list, size_t n);
void kpi_years_sort(kpi_year *list, size_t n);

/* Tolerate NULL. */
void year_values_free(year_value *list, size_t n);
void kpi_years_free(kpi_year *list, size_t n);

/* The month whose figures stand for `year` (0: the whole period): the last month of the
 * year within the period, or the period's last month. False when the year is outside. */
bool scenario_year_last_month(const scenario *s, int year, month_t *m);

/* The clients of `year` (0: the plain `clients`): clients.YYYY; false when not given. */
bool scenario_clients_of_year(const scenario *s, int year, mpq_t clients);

#endif
