/*
 * scenario_patch — one number key of a loaded scenario set in place, for `tkk sweep`
 * (issue 13): the files are validated once and each variant only writes its varied
 * values into the scenario, instead of rebuilding it from text (INI copy, validation of
 * every key, CSV re-read, SHA-256).
 *
 *     scenario_patch *p = scenario_patch_new(base, "staff.coaches.fte");   // NULL: rebuild
 *     if (p && scenario_patch_apply(p, work, "7"))
 *         ...  work now holds what scenario_load(... --set staff.coaches.fte=7) would
 *     else
 *         ...  the value needs the full loader (an error, a warning, a cross-key rule)
 *     scenario_patch_free(p);
 *
 * Patchable are the number keys whose whole rule of SPEC §4 is the value itself
 * (≥ 0, or 0..100 %), that the base scenario already has (so no has_… flag changes):
 *   staff.ID.fte | monthly_salary | side_costs; premises.ID.setup | monthly_rent;
 *   cost.ID.amount | monthly; funding.state_share | state_cap | own_min_share; reward.allocation; reward.ID.amount; bonus.pool | rate | cap |
 *   min_score | unit; project.ID.grant (a project of the INI file).
 * Everything else (months, words, counts, indicator weights that must add up to 100 %,
 * reference_tmt with its per-year overrides of SPEC §7.2, keys the base lacks) returns
 * NULL and the caller rebuilds. A key added here must have no rule beyond its own value:
 * tests/e2e_sweep_patch.py compares every key of this list against the rebuild. scenario_patch_apply
 * accepts only a value the loader would accept without any message: a value the loader
 * rejects or warns about (a ratio above 1 written without %, side_costs above 100 %),
 * an FTE of 0 (the caseload rule of SPEC §5.5 looks at every coach line), or a salary
 * that raises could take near the ±10^15 € limit (scenario_limits.h), returns false so
 * that the caller's rebuild reports it exactly as before.
 */
#ifndef TKK_SCENARIO_PATCH_H
#define TKK_SCENARIO_PATCH_H

#include <stdbool.h>
#include "scenario.h"

typedef struct scenario_patch scenario_patch;

/* path as the user wrote it after --vary/--set (case and blanks as apply_set allows). */
scenario_patch *scenario_patch_new(const scenario *base, const char *path);
/* Sets the key in s (a scenario built from the same files as base) to value, the text
 * after '='. Returns false, leaving s unchanged, when the value needs the loader. */
bool scenario_patch_apply(const scenario_patch *p, scenario *s, const char *value);
void scenario_patch_free(scenario_patch *p);
/* False under TKK_SWEEP_REBUILD=1 (any value but empty or 0): `tkk sweep` and `tkk solve`
 * then build every variant from the files, the reference the tests and benchmarks
 * compare the patched variants with. */
bool scenario_patch_enabled(void);

#endif
