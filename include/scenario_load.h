/*
 * scenario_load — from INI file(s) to a validated scenario.
 *
 * Reads the file (ini_source: every key with its file and line), resolves
 * `extends` (at most 32 files in a chain) and `remove = yes`, applies --set overrides, then validates every rule of
 * SPEC §4 and reports every problem found, not just the first:
 *
 *     diag_list diags = {0};
 *     const char *sets[] = { "staff.coaches.fte=7" };
 *     scenario *s = scenario_load("scenarios/salo-2021.ini", sets, 1, &diags);
 *     diag_print(&diags, stderr);
 *     if (!s) return EXIT_INVALID;            // diags holds at least one error
 *     ...
 *     scenario_free(s);
 */
#ifndef TKK_SCENARIO_LOAD_H
#define TKK_SCENARIO_LOAD_H

#include <stddef.h>
#include "diag.h"
#include "scenario.h"

/* sets: "PATH=VALUE" strings (PATH is section.key). Returns NULL when any error was
 * found (then diags has it); warnings alone do not stop loading. */
scenario *scenario_load(const char *path, const char *const *sets, size_t n_sets,
                        diag_list *diags);

/* The files of a scenario read once, for building many variants of it (`tkk sweep`):
 *
 *     scenario_source *src = scenario_source_read("salo.ini", &diags);   // NULL on errors
 *     scenario *v = scenario_source_build(src, sets, n_sets, &diags);    // per variant
 *     scenario_free(v);
 *     scenario_source_free(src);
 */
typedef struct scenario_source scenario_source;

scenario_source *scenario_source_read(const char *path, diag_list *diags);
scenario *scenario_source_build(const scenario_source *src, const char *const *sets,
                                size_t n_sets, diag_list *diags);
void scenario_source_free(scenario_source *src);

#endif
