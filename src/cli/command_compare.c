/* command_compare — `tkk compare A.ini B.ini...`: load every scenario, compute, align by
 * calendar or pilot year and write OUTDIR/compare.xlsx (or -o FILE.xlsx), or print the
 * Comparison with --show; SPEC §2, §6 and §7.2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "common.h"
#include "compare.h"
#include "output_path.h"
#include "results.h"
#include "scenario_load.h"

typedef struct {
    size_t n;
    scenario **s;
    results **r;
} loaded;

static void loaded_clear(loaded *l)
{
    for (size_t i = 0; i < l->n; i++) {
        results_free(l->r ? l->r[i] : NULL);
        scenario_free(l->s ? l->s[i] : NULL);
    }
    free(l->s);
    free(l->r);
}

/* Every file is loaded and its problems printed, so one run reports them all (§2). */
static int load_all(loaded *l, const cli_options *opts)
{
    l->n = opts->n_files;
    l->s = xcalloc(l->n, sizeof *l->s);
    l->r = xcalloc(l->n, sizeof *l->r);
    int status = EXIT_OK;
    for (size_t i = 0; i < l->n; i++) {
        diag_list diags = {0};
        l->s[i] = scenario_load(opts->files[i], opts->sets, opts->n_sets, &diags);
        diag_print(&diags, stderr);
        if (!l->s[i]) {
            /* SPEC §7.3: an unreadable file is an I/O error, the worse status. */
            int failed = diag_exit_status(&diags) == EXIT_IO ? EXIT_IO : EXIT_INVALID;
            status = failed > status ? failed : status;
        }
        diag_list_clear(&diags);
    }
    if (status != EXIT_OK)
        return status;
    /* One column per scenario id: the ids must tell the columns apart. */
    for (size_t i = 0; i < l->n; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(l->s[i]->id, l->s[j]->id) == 0) {
                fprintf(stderr,
                        "tkk: %s and %s have the same scenario id '%s': compare needs one "
                        "column per id, so give the scenarios different ids\n",
                        opts->files[j], opts->files[i], l->s[i]->id);
                return EXIT_USAGE;
            }
    for (size_t i = 0; i < l->n; i++) {
        l->r[i] = results_compute(l->s[i]);
        if (cli_result_warnings(opts->files[i], l->s[i], l->r[i]) > 0 && diag_strict())
            return EXIT_INVALID;
    }
    return EXIT_OK;
}

int command_compare(const cli_options *opts)
{
    if (opts->n_files < 2) {
        fprintf(stderr, "tkk: compare needs at least two scenario files\n"
                        "Try 'tkk compare --help'.\n");
        return EXIT_USAGE;
    }
    char error[512];
    char *out = NULL;
    loaded l = {0};
    compare_table table = {0};
    /* Invalid input writes nothing, not even the output folder (SPEC §2, exit 1). */
    int status = load_all(&l, opts);
    /* §7.2: --show prints the Comparison instead of writing a workbook. */
    if (status == EXIT_OK && !opts->show &&
        !(out = output_path(opts->output, "compare.xlsx", true, error, sizeof error))) {
        fprintf(stderr, "tkk: %s\n", error);
        status = EXIT_IO;
    }
    if (status == EXIT_OK)
        compare_build(&table, (const scenario *const *)l.s, (const results *const *)l.r, l.n,
                      opts->align_pilot_year ? COMPARE_ALIGN_PILOT_YEAR : COMPARE_ALIGN_CALENDAR);
    if (status == EXIT_OK && opts->show) {
        compare_show(stdout, &table, (const scenario *const *)l.s, cli_language(opts, l.s[0]));
    } else if (status == EXIT_OK) {
        tkk_err err = compare_workbook_write(out, &table, (const scenario *const *)l.s,
                                             cli_language(opts, l.s[0]), error, sizeof error);
        if (err != TKK_OK) {
            fprintf(stderr, "tkk: %s\n", error);
            status = tkk_err_exit_status(err);
        } else if (!opts->quiet) {
            printf("compare of %zu scenarios -> %s\n", l.n, out);
        }
    }
    compare_table_clear(&table);
    loaded_clear(&l);
    free(out);
    return status;
}
