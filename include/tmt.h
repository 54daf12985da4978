/*
 * tmt — the municipality's labour market subsidy payments (SPEC §7.6): the inputs of
 * [tmt] and [tmt.ID], and per area and year Actual − Estimate, Met, Per person,
 * Annualised, Change against the baseline and, on the [tmt] row for the years of the
 * period, the Net effect (the pilot's municipal net cost basis + Change).
 *
 *     tmt_result t;
 *     tmt_result_init(&t);
 *     tmt_compute(&t, s, r);                     // after the funding rows of r exist
 *     ... t.areas[0] is the [tmt] row, t.areas[0].rows[i].net_effect ...
 *     tmt_result_clear(&t);
 *
 * Amounts are exact; Per person and Annualised are rounded to cents with the scenario's
 * rounding, Change is the difference of the rounded Annualised values (SPEC §7.6).
 */
#ifndef TKK_TMT_H
#define TKK_TMT_H

#include <stdbool.h>
#include <stddef.h>
#include <gmp.h>
#include "tmt_input.h"

struct scenario;
struct results;

/* SPEC §7.6 sum rule: the [tmt] row's value of a field in a year is its own, else the
 * sum over the [tmt.ID] rows that give it (months are never summed). False: no value. */
bool tmt_total_value(mpq_t out, const tmt_input *in, int year, tmt_field field);

/* One row of the TMT table. */
typedef struct {
    int year;
    int months;                     /* the row's own months.YYYY, default 12 */
    bool has[TMT_FIELD_COUNT];      /* estimate, actual, target, persons as shown */
    mpq_t value[TMT_FIELD_COUNT];
    bool has_difference;            /* Actual − Estimate */
    mpq_t difference;
    bool has_met;                   /* Actual ≤ Target */
    bool met;
    bool has_per_person;            /* ROUND(Actual ÷ persons, 2); persons > 0 */
    mpq_t per_person;
    bool has_annualised;            /* ROUND(Actual × 12 ÷ months, 2) */
    mpq_t annualised;
    bool has_change;                /* Annualised − Annualised(baseline) */
    mpq_t change;
    bool has_net_effect;            /* [tmt] row, year of the period, with a Change */
    mpq_t basis;                    /* the pilot's municipal net cost basis of the year */
    mpq_t net_effect;               /* basis + Change */
} tmt_row;

typedef struct {
    const char *id;                 /* NULL for the [tmt] row (owned by the scenario) */
    const char *label;              /* Area: label, else the scenario's area ([tmt]) or
                                     * the ID; NULL for a [tmt] row with neither */
    bool has_baseline;
    int baseline;
    tmt_row *rows;                  /* ascending by year */
    size_t n_rows;
} tmt_area_result;

typedef struct {
    bool present;
    tmt_area_result *areas;         /* [0] the [tmt] row, then [tmt.ID] in file order */
    size_t n_areas;
    bool has_net_effect;            /* some year of the period has a Net effect */
    mpq_t net_effect;               /* Σ Net effect over those years */
    int net_first_year, net_last_year;   /* the first and last of those years */
    size_t net_years;               /* how many of them */
} tmt_result;

void tmt_result_init(tmt_result *t);
void tmt_result_clear(tmt_result *t);

/* The year's basis for the Net effect: the pilot's municipal net cost of that year of
 * the period (SPEC §7.6, §5.4). False when the year is not in the period. The one
 * place that decides the basis. */
bool tmt_year_basis(mpq_t basis, const struct results *r, int year);

/* Fills an initialised result from the scenario's [tmt] inputs and r's funding rows. */
void tmt_compute(tmt_result *out, const struct scenario *s, const struct results *r);

/* The row of an area for a year, or NULL. */
const tmt_row *tmt_area_row(const tmt_area_result *area, int year);

#endif
