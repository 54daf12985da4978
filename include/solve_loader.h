/*
 * solve_loader — the loader's side of `tkk solve`'s probes (SPEC §7.4, issue 13): the
 * scenario at a value of PATH from the files read once, with the --set overrides and
 * PATH=VALUE last (what `tkk run --set` reads), and, for a key scenario_patch takes, the
 * value written into a loaded scenario instead (as `tkk sweep` does). It hands
 * solve_probe.h a solve_variants, so the compute side includes no loader header.
 *
 *     solve_loader loader = { .src = src, .sets = sets, .n_sets = n,
 *                             .path = "staff.coaches.fte", .percent = false };
 *     solve_loader_prepare_patch(&loader, base);       // false: every probe builds
 *     solve_probe probe = { .variants = solve_loader_variants(&loader), .metric = m,
 *                           .work = loader.patch ? base : NULL };
 *     ...
 *     solve_loader_clear(&loader);
 */
#ifndef TKK_SOLVE_LOADER_H
#define TKK_SOLVE_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <gmp.h>
#include "diag.h"
#include "scenario.h"
#include "scenario_load.h"
#include "scenario_patch.h"
#include "solve_probe.h"

typedef struct {
    const scenario_source *src;
    const char **sets;           /* the --set overrides, then one free slot for PATH=VALUE */
    size_t n_sets;               /* the --set overrides alone */
    const char *path;            /* PATH as the user wrote it */
    bool percent;                /* a ratio key: values go to the loader as "55 %" */
    scenario_patch *patch;       /* set by solve_loader_prepare_patch; NULL: build */
} solve_loader;

/* "PATH=VALUE" for a value of PATH, as the loader reads it; caller frees. */
char *solve_loader_assignment(const solve_loader *loader, const mpq_t value);
/* The scenario at value, built from the files (NULL when invalid: diags says why). */
scenario *solve_loader_build(const solve_loader *loader, const mpq_t value, diag_list *diags);
/* Probes patch from now on when PATH is a key scenario_patch takes in base (a scenario
 * of the same files and --set overrides) and TKK_SWEEP_REBUILD is not set. */
bool solve_loader_prepare_patch(solve_loader *loader, const scenario *base);
/* The interface solve_probe asks; valid while loader is. */
solve_variants solve_loader_variants(solve_loader *loader);
void solve_loader_clear(solve_loader *loader);

#endif
