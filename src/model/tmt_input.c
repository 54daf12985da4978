/* tmt_input — the [tmt] sections as written (SPEC §7.6): init, clear, a year's entry. */
#include "tmt_input.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

const char *tmt_field_key(tmt_field field)
{
    static const char *const keys[TMT_FIELD_COUNT] = {
        "estimate", "actual", "target", "persons", "months",
    };
    return (unsigned)field < TMT_FIELD_COUNT ? keys[field] : "?";
}

/* ---- inputs ---------------------------------------------------------------------------- */

static void area_input_clear(tmt_area_input *area)
{
    free(area->id);
    free(area->label);
    for (size_t i = 0; i < area->n_years; i++)
        for (int f = 0; f < TMT_FIELD_COUNT; f++)
            mpq_clear(area->years[i].value[f]);
    free(area->years);
    memset(area, 0, sizeof *area);
}

void tmt_input_init(tmt_input *in)
{
    memset(in, 0, sizeof *in);
}

void tmt_input_clear(tmt_input *in)
{
    area_input_clear(&in->total);
    for (size_t i = 0; i < in->n_areas; i++)
        area_input_clear(&in->areas[i]);
    free(in->areas);
    memset(in, 0, sizeof *in);
}

tmt_year_input *tmt_area_year(tmt_area_input *area, int year)
{
    size_t at = 0;
    while (at < area->n_years && area->years[at].year < year)
        at++;
    if (at < area->n_years && area->years[at].year == year)
        return &area->years[at];
    tmt_year_input *grown = xreallocarray(area->years, area->n_years + 1, sizeof *grown);
    area->years = grown;
    memmove(&grown[at + 1], &grown[at], (area->n_years - at) * sizeof *grown);
    area->n_years++;
    tmt_year_input *entry = &grown[at];
    memset(entry, 0, sizeof *entry);
    entry->year = year;
    for (int f = 0; f < TMT_FIELD_COUNT; f++)
        mpq_init(entry->value[f]);
    return entry;
}
