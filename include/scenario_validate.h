/*
 * scenario_validate — from INI sections (with file and line) to a typed scenario,
 * checking every rule of SPEC §4 and reporting every problem found.
 *
 *     scenario *s = scenario_validate(&doc, "scenarios/salo-2021.ini", &diags);
 *     // NULL when any error was found; warnings (e.g. a plain ratio above 1) alone do not stop it
 */
#ifndef TKK_SCENARIO_VALIDATE_H
#define TKK_SCENARIO_VALIDATE_H

#include "diag.h"
#include "ini_source.h"
#include "scenario.h"

/* main_path: the scenario file as opened, for resolving `[bonus] projects` relative to the
 * file that wrote it. */
scenario *scenario_validate(const ini_doc *doc, diag_list *diags);

#endif
