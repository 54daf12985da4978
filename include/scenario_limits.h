/*
 * scenario_limits — inputs valid one by one that tkk still cannot compute or write
 * (SPEC §7.5), found while validating so that `tkk check` refuses what `tkk run` would:
 *
 *   - an id longer than SCENARIO_ID_MAX characters: the workbook's file name
 *     (`<id>-sweep.xlsx` and its temporary `.tmp-XXXXXX` name) would pass the 255 bytes
 *     a file name may have;
 *   - [indexation] raises that take a salary beyond ±10^15 € (each raise alone is within
 *     number.h's bounds, but 600 of them compound).
 *
 *     scenario_limits_check(s, doc, diags);   // after the scenario is typed, before use
 */
#ifndef TKK_SCENARIO_LIMITS_H
#define TKK_SCENARIO_LIMITS_H

#include "diag.h"
#include "ini_source.h"
#include "scenario.h"

/* 255 bytes of a file name, less room for "-sweep.xlsx.tmp-XXXXXX" and the names of
 * other outputs made from the id. */
#define SCENARIO_ID_MAX 200

/* Adds an error for every limit s passes. */
void scenario_limits_check(const scenario *s, const ini_doc *doc, diag_list *diags);

#endif
