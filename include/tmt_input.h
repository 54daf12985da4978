/*
 * tmt_input — the [tmt] and [tmt.ID] sections of a scenario (SPEC §7.6) as written,
 * typed and exact. A model type: built by the loader, read by tmt.c and the presenters.
 *
 *     tmt_input in;
 *     tmt_input_init(&in);
 *     tmt_year_input *y = tmt_area_year(&in.total, 2021);   // created in year order
 *     ... y->has[TMT_ACTUAL] = true; mpq_set(y->value[TMT_ACTUAL], ...) ...
 *     tmt_input_clear(&in);
 */
#ifndef TKK_TMT_INPUT_H
#define TKK_TMT_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <gmp.h>

/* The per-year keys of a [tmt] section, in the order the rows show them. */
typedef enum {
    TMT_ESTIMATE, TMT_ACTUAL, TMT_TARGET, TMT_PERSONS, TMT_MONTHS, TMT_FIELD_COUNT
} tmt_field;

/* "estimate", "actual", "target", "persons", "months": the key before ".YYYY". */
const char *tmt_field_key(tmt_field field);

/* What one section gives for one calendar year. */
typedef struct {
    int year;
    bool has[TMT_FIELD_COUNT];
    mpq_t value[TMT_FIELD_COUNT];   /* persons and months are whole numbers */
} tmt_year_input;

/* One [tmt] or [tmt.ID] section as written. */
typedef struct {
    char *id;                       /* NULL for [tmt]; "merikarvia" for [tmt.merikarvia] */
    char *label;                    /* NULL: not given */
    bool has_baseline;
    int baseline;
    tmt_year_input *years;          /* ascending by year */
    size_t n_years;
} tmt_area_input;

typedef struct {
    bool present;                   /* some [tmt] or [tmt.ID] section exists */
    tmt_area_input total;           /* [tmt] (empty when only [tmt.ID] sections exist) */
    tmt_area_input *areas;          /* [tmt.ID] in file order */
    size_t n_areas;
} tmt_input;

void tmt_input_init(tmt_input *in);
void tmt_input_clear(tmt_input *in);
/* The year's entry of an area, created in year order when missing. */
tmt_year_input *tmt_area_year(tmt_area_input *area, int year);

#endif
