/*
 * solve_probe — one exact evaluation of a scenario at a value of PATH, for `tkk solve`
 * (SPEC §7.4). Where the scenario at a value comes from is the caller's (the CLI's
 * solve_loader.h, which owns the files and the loader): this module only asks a
 * solve_variants for it, computes it and takes the goal's figure, so compute includes no
 * loader header.
 *
 * As `tkk sweep` does (issue 13), a probe whose value the variants can patch into a
 * working scenario (probe.work, validated once) only recomputes it
 * (results_compute_again); any other value is built from the files with the --set
 * overrides and PATH=VALUE last, exactly what `tkk run --set` reads.
 *
 *     solve_probe probe = { .variants = solve_loader_variants(&loader),
 *                           .metric = SOLVE_MUNICIPAL_COST, .work = base };   // or NULL
 *     solve_search(&res, &grid, &goal, true, solve_probe_eval, &probe);
 *     // res.outcome == SOLVE_STOPPED: probe.problems says why the variant was invalid
 *     solve_probe_clear(&probe);                  // frees work too
 */
#ifndef TKK_SOLVE_PROBE_H
#define TKK_SOLVE_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <gmp.h>
#include "diag.h"
#include "results.h"
#include "scenario.h"
#include "solve.h"

/* The scenarios at values of PATH, from whoever holds the files. */
typedef struct {
    /* The scenario at value, built from the files (NULL when invalid: diags says why). */
    scenario *(*build)(void *context, const mpq_t value, diag_list *diags);
    /* Writes value into work (a scenario of the same files); false, work unchanged, when
     * the value needs build. NULL: every value is built. */
    bool (*patch)(void *context, scenario *work, const mpq_t value);
    /* "PATH=VALUE" as the loader reads it, for messages; caller frees. */
    char *(*assignment)(void *context, const mpq_t value);
    void *context;
} solve_variants;

typedef struct {
    solve_variants variants;
    solve_metric metric;
    /* Owned (solve_probe_clear frees them): the scenario the probes patch, built like
     * every variant but without PATH=VALUE (NULL: every probe builds), and the results
     * of its last patched probe, which the next one recomputes. */
    scenario *work;
    results *work_results;
    unsigned long long evaluations;
    unsigned long long patched;  /* of the evaluations, those patched into work */
    /* Set when a variant was invalid (the search then stops). */
    diag_list problems;          /* the invalid variant's messages */
    char *stopped_at;            /* PATH=VALUE of that variant */
} solve_probe;

/* A solve_probe_fn (solve.h): context is a solve_probe. */
int solve_probe_eval(void *context, unsigned long long i, const mpq_t value, solve_point *point);
void solve_probe_clear(solve_probe *probe);

#endif
