/*
 * scenario_validate_tmt — the [tmt] and [tmt.ID] sections of SPEC §7.6, from INI
 * sections to tmt_input, every problem at its FILE:LINE.
 *
 *     tmt_validate(&doc, &diags, &s->tmt);       // called by scenario_validate()
 *     tmt_set_section_length("tmt.pori.actual.2013")   // 8: the section is "tmt.pori"
 */
#ifndef TKK_SCENARIO_VALIDATE_TMT_H
#define TKK_SCENARIO_VALIDATE_TMT_H

#include <stddef.h>
#include "diag.h"
#include "ini_source.h"
#include "tmt.h"

/* Reads every [tmt] and [tmt.ID] section of doc into out (initialised, empty), adding
 * each problem to diags: unknown keys (with "did you mean"), values that do not parse,
 * negative amounts, months not a whole number in 1..12, persons not a whole number,
 * persons 0 in a year whose actual is above 0, and a baseline year without actual (for
 * [tmt] after the sum rule over the [tmt.ID] rows). */
void tmt_validate(const ini_doc *doc, diag_list *diags, tmt_input *out);

/* --set and --vary: for a PATH under [tmt] ("tmt.actual.2021", "tmt.pori.persons.2013",
 * "tmt.label") the length of its section part (3 for "tmt", 8 for "tmt.pori"); 0 when
 * the path is not under [tmt]. A [tmt] key word after "tmt." means the [tmt] section
 * itself, anything else names a [tmt.ID]. */
size_t tmt_set_section_length(const char *path);

#endif
