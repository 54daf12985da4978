/*
 * solve_probe — one exact evaluation of a scenario at a value of PATH, for `tkk solve`
 * (SPEC §7.4): the scenario's files are read once, and each probe builds the variant
 * with the --set overrides followed by PATH=VALUE (exactly what `tkk run --set` reads),
 * computes it and takes the goal's figure, as `tkk sweep` builds its variants.
 *
 *     solve_probe probe = { .src = src, .sets = sets, .n_sets = n, .path = "staff.coaches.fte",
 *                           .percent = false, .metric = SOLVE_MUNICIPAL_COST };
 *     solve_search(&res, &grid, &goal, true, solve_probe_eval, &probe);
 *     // res.outcome == SOLVE_STOPPED: probe.problems says why the variant was invalid
 *     solve_probe_clear(&probe);
 */
#ifndef TKK_SOLVE_PROBE_H
#define TKK_SOLVE_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <gmp.h>
#include "diag.h"
#include "scenario_load.h"
#include "solve.h"

typedef struct {
    const scenario_source *src;
    const char **sets;           /* the --set overrides, then one free slot for PATH=VALUE */
    size_t n_sets;               /* the --set overrides alone */
    const char *path;            /* PATH as the user wrote it */
    bool percent;                /* a ratio key: values go to the loader as "55 %" */
    solve_metric metric;
    unsigned long long evaluations;
    /* Set when a variant was invalid (the search then stops). */
    diag_list problems;          /* the invalid variant's messages */
    char *stopped_at;            /* PATH=VALUE of that variant */
} solve_probe;

/* "PATH=VALUE" for a value of PATH, as the loader reads it; caller frees. */
char *solve_probe_assignment(const solve_probe *probe, const mpq_t value);
/* The variant at value (NULL when invalid: diags says why). */
scenario *solve_probe_build(const solve_probe *probe, const mpq_t value, diag_list *diags);
/* A solve_probe_fn (solve.h): context is a solve_probe. */
int solve_probe_eval(void *context, unsigned long long i, const mpq_t value, solve_point *point);
void solve_probe_clear(solve_probe *probe);

#endif
