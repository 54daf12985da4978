/* tmt — labour market subsidy payments per area and year, and the Net effect (SPEC §7.6). */
#include "tmt.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "results.h"
#include "scenario.h"

static const tmt_year_input *find_year(const tmt_area_input *area, int year)
{
    for (size_t i = 0; i < area->n_years; i++)
        if (area->years[i].year == year)
            return &area->years[i];
    return NULL;
}

bool tmt_total_value(mpq_t out, const tmt_input *in, int year, tmt_field field)
{
    const tmt_year_input *own = find_year(&in->total, year);
    if (own && own->has[field]) {
        mpq_set(out, own->value[field]);
        return true;
    }
    if (field == TMT_MONTHS)
        return false;   /* months and baseline are the [tmt] row's own (SPEC §7.6) */
    bool any = false;
    mpq_set_ui(out, 0, 1);
    for (size_t i = 0; i < in->n_areas; i++) {
        const tmt_year_input *y = find_year(&in->areas[i], year);
        if (y && y->has[field]) {
            mpq_add(out, out, y->value[field]);
            any = true;
        }
    }
    return any;
}

/* ---- results --------------------------------------------------------------------------- */

static void row_init(tmt_row *row, int year)
{
    memset(row, 0, sizeof *row);
    row->year = year;
    row->months = 12;
    for (int f = 0; f < TMT_FIELD_COUNT; f++)
        mpq_init(row->value[f]);
    mpq_inits(row->difference, row->per_person, row->annualised, row->change, row->basis,
              row->net_effect, NULL);
}

static void row_clear(tmt_row *row)
{
    for (int f = 0; f < TMT_FIELD_COUNT; f++)
        mpq_clear(row->value[f]);
    mpq_clears(row->difference, row->per_person, row->annualised, row->change, row->basis,
               row->net_effect, NULL);
}

void tmt_result_init(tmt_result *t)
{
    memset(t, 0, sizeof *t);
    mpq_init(t->net_effect);
}

void tmt_result_clear(tmt_result *t)
{
    for (size_t a = 0; a < t->n_areas; a++) {
        for (size_t i = 0; i < t->areas[a].n_rows; i++)
            row_clear(&t->areas[a].rows[i]);
        free(t->areas[a].rows);
    }
    free(t->areas);
    mpq_clear(t->net_effect);
    t->areas = NULL;
    t->n_areas = 0;
}

const tmt_row *tmt_area_row(const tmt_area_result *area, int year)
{
    for (size_t i = 0; i < area->n_rows; i++)
        if (area->rows[i].year == year)
            return &area->rows[i];
    return NULL;
}

/* SPEC §7.6 via §5.4: the pilot's municipal net cost of the year — its Actual net cost
 * where the year is judged on its actual, else the planned Municipal net cost: the
 * Funding row's basis. */
bool tmt_year_basis(mpq_t basis, const results *r, int year)
{
    for (size_t i = 0; i < r->n_funding; i++) {
        if (r->funding[i].year == year && year != 0) {
            mpq_set(basis, r->funding[i].basis);
            return true;
        }
    }
    return false;
}

/* Adds year to a sorted set of years (no duplicates). */
static void add_year(int **years, size_t *n, int year)
{
    size_t at = 0;
    while (at < *n && (*years)[at] < year)
        at++;
    if (at < *n && (*years)[at] == year)
        return;
    int *grown = xreallocarray(*years, *n + 1, sizeof *grown);
    memmove(&grown[at + 1], &grown[at], (*n - at) * sizeof *grown);
    grown[at] = year;
    *years = grown;
    (*n)++;
}

/* The derived columns of a row whose inputs are set (SPEC §7.6). */
static void derive(tmt_row *row, rounding_mode mode)
{
    const bool has_actual = row->has[TMT_ACTUAL];
    if (has_actual && row->has[TMT_ESTIMATE]) {
        row->has_difference = true;
        mpq_sub(row->difference, row->value[TMT_ACTUAL], row->value[TMT_ESTIMATE]);
    }
    if (has_actual && row->has[TMT_TARGET]) {
        row->has_met = true;
        row->met = mpq_cmp(row->value[TMT_ACTUAL], row->value[TMT_TARGET]) <= 0;
    }
    if (has_actual && row->has[TMT_PERSONS] && mpq_sgn(row->value[TMT_PERSONS]) > 0) {
        row->has_per_person = true;
        mpq_div(row->per_person, row->value[TMT_ACTUAL], row->value[TMT_PERSONS]);
        money_round(row->per_person, row->per_person, mode);
    }
    if (has_actual) {
        mpq_t factor;
        mpq_init(factor);
        mpq_set_si(factor, 12, (unsigned long)row->months);
        mpq_canonicalize(factor);
        row->has_annualised = true;
        mpq_mul(row->annualised, row->value[TMT_ACTUAL], factor);
        money_round(row->annualised, row->annualised, mode);
        mpq_clear(factor);
    }
}

/* Change against the area's baseline row: the difference of the rounded Annualised. */
static void change(tmt_area_result *area)
{
    if (!area->has_baseline)
        return;
    const tmt_row *base = tmt_area_row(area, area->baseline);
    if (!base || !base->has_annualised)
        return;   /* validation refuses a baseline without actual */
    for (size_t i = 0; i < area->n_rows; i++) {
        tmt_row *row = &area->rows[i];
        if (!row->has_annualised)
            continue;
        row->has_change = true;
        mpq_sub(row->change, row->annualised, base->annualised);
    }
}

/* Fills one area's rows: from its own inputs, or for [tmt] by the sum rule. */
static void fill_area(tmt_area_result *out, const tmt_input *in, const tmt_area_input *area,
                     bool is_total, rounding_mode mode)
{
    int *years = NULL;
    size_t n = 0;
    for (size_t i = 0; i < area->n_years; i++)
        add_year(&years, &n, area->years[i].year);
    if (is_total)
        for (size_t a = 0; a < in->n_areas; a++)
            for (size_t i = 0; i < in->areas[a].n_years; i++) {
                const tmt_year_input *y = &in->areas[a].years[i];
                bool summed = false;
                for (int f = 0; f < TMT_MONTHS; f++)
                    summed |= y->has[f];
                if (summed)
                    add_year(&years, &n, y->year);
            }

    out->rows = xcalloc(n, sizeof *out->rows);
    for (size_t i = 0; i < n; i++) {
        tmt_row *row = &out->rows[i];
        row_init(row, years[i]);
        out->n_rows++;
        const tmt_year_input *own = find_year(area, years[i]);
        if (own && own->has[TMT_MONTHS])
            row->months = (int)mpz_get_si(mpq_numref(own->value[TMT_MONTHS]));
        for (int f = 0; f < TMT_MONTHS; f++) {
            if (is_total)
                row->has[f] = tmt_total_value(row->value[f], in, years[i], (tmt_field)f);
            else if (own && own->has[f]) {
                row->has[f] = true;
                mpq_set(row->value[f], own->value[f]);
            }
        }
        derive(row, mode);
    }
    free(years);
    change(out);
}

void tmt_compute(tmt_result *out, const scenario *s, const results *r)
{
    const tmt_input *in = &s->tmt;
    out->present = in->present;
    if (!in->present)
        return;
    out->areas = xcalloc(in->n_areas + 1, sizeof *out->areas);
    out->n_areas = in->n_areas + 1;
    for (size_t a = 0; a < out->n_areas; a++) {
        const tmt_area_input *area = a == 0 ? &in->total : &in->areas[a - 1];
        tmt_area_result *res = &out->areas[a];
        res->id = area->id;
        res->label = area->label ? area->label : a == 0 ? s->area : area->id;
        res->has_baseline = area->has_baseline;
        res->baseline = area->baseline;
        fill_area(res, in, area, a == 0, s->rounding);
    }

    /* Net effect: the [tmt] row only, the years of the period, with a Change. */
    tmt_area_result *total = &out->areas[0];
    for (size_t i = 0; i < total->n_rows; i++) {
        tmt_row *row = &total->rows[i];
        if (!row->has_change || !tmt_year_basis(row->basis, r, row->year))
            continue;
        row->has_net_effect = true;
        mpq_add(row->net_effect, row->basis, row->change);
        mpq_add(out->net_effect, out->net_effect, row->net_effect);
        if (!out->has_net_effect)
            out->net_first_year = row->year;
        out->net_last_year = row->year;
        out->has_net_effect = true;
        out->net_years++;
    }
}
