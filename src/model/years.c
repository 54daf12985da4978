/* years — per-year inputs of SPEC §7.2 and the month that stands for a year. */
#include "years.h"

#include <stdlib.h>

const year_value *year_value_find(const year_value *list, size_t n, int year)
{
    for (size_t i = 0; i < n; i++)
        if (list[i].year == year)
            return &list[i];
    return NULL;
}

const kpi_year *kpi_year_find(const kpi *k, int year)
{
    for (size_t i = 0; i < k->n_years; i++)
        if (k->years[i].year == year)
            return &k->years[i];
    return NULL;
}

static int compare_years(int x, int y)
{
    return (x > y) - (x < y);
}

static int year_value_order(const void *a, const void *b)
{
    return compare_years(((const year_value *)a)->year, ((const year_value *)b)->year);
}

static int kpi_year_order(const void *a, const void *b)
{
    return compare_years(((const kpi_year *)a)->year, ((const kpi_year *)b)->year);
}

void year_values_sort(year_value *list, size_t n)
{
    if (n > 1)
        qsort(list, n, sizeof *list, year_value_order);
}

void kpi_years_sort(kpi_year *list, size_t n)
{
    if (n > 1)
        qsort(list, n, sizeof *list, kpi_year_order);
}

void year_values_free(year_value *list, size_t n)
{
    if (!list)
        return;
    for (size_t i = 0; i < n; i++)
        mpq_clear(list[i].value);
    free(list);
}

void kpi_years_free(kpi_year *list, size_t n)
{
    if (!list)
        return;
    for (size_t i = 0; i < n; i++)
        mpq_clears(list[i].actual, list[i].target, NULL);
    free(list);
}

bool scenario_year_last_month(const scenario *s, int year, month_t *m)
{
    if (year == 0) {
        *m = s->end;
        return true;
    }
    if (year < s->first_year || year > s->first_year + s->n_years - 1)
        return false;
    month_t december = month_make(year, 12);
    *m = december < s->end ? december : s->end;
    return true;
}

bool scenario_clients_of_year(const scenario *s, int year, mpq_t clients)
{
    if (year == 0) {
        if (s->has_clients)
            mpq_set_z(clients, s->clients);
        return s->has_clients;
    }
    const year_value *v = year_value_find(s->clients_years, s->n_clients_years, year);
    if (v)
        mpq_set(clients, v->value);
    return v != NULL;
}
