/* command_run — `tkk run` and `tkk check`: load, compute, write, scenario by scenario. */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "common.h"
#include "output_path.h"
#include "results.h"
#include "scenario_load.h"
#include "workbook.h"
#include "workbook_limits.h"

language cli_language(const cli_options *opts, const struct scenario *s)
{
    if (opts->has_lang)
        return opts->lang;
    return s && s->has_language ? s->lang : LANG_FI;
}

int cli_result_warnings(const char *file, const scenario *s, const results *r)
{
    if (!(r->has_bonus && r->bonus.top_tie_extended))
        return 0;
    fprintf(stderr, "%s: bonus.top: %s%zu projects are admitted, not %lu: the scores "
                    "tied with the last admitted project are admitted too%s\n",
            file, diag_strict() ? "" : "warning: ", r->bonus.eligible_count, s->bonus.top,
            diag_strict() ? " (a warning, an error under --strict)" : "");
    return 1;
}

static int worse(int a, int b)
{
    return a > b ? a : b;
}

/* The files named, or every scenarios/NAME.ini in name order. */
static int scenario_files(const cli_options *opts, glob_t *found, const char *const **files,
                          size_t *n_files)
{
    if (opts->n_files > 0) {
        *files = opts->files;
        *n_files = opts->n_files;
        return 0;
    }
    memset(found, 0, sizeof *found);
    if (glob("scenarios/*.ini", 0, NULL, found) != 0 || found->gl_pathc == 0) {
        fprintf(stderr, "tkk: no scenario files given and none in scenarios/*.ini\n");
        return -1;
    }
    *files = (const char *const *)found->gl_pathv;
    *n_files = found->gl_pathc;
    return 0;
}

/* Loads and computes one scenario and prints its problems. Returns EXIT_OK with *s and
 * *r set, else EXIT_IO when a file could not be read (SPEC §7.3) or EXIT_INVALID. run
 * and check both come through here, so check refuses whatever run could not write
 * (SPEC §7.5: workbook_limits_check). */
static int load_reported(const char *file, const cli_options *opts, scenario **s_out,
                         results **r_out)
{
    diag_list diags = { 0 };
    scenario *s = scenario_load(file, opts->sets, opts->n_sets, &diags);
    results *r = s ? results_compute(s) : NULL;
    if (s && workbook_limits_check(s, r, &diags) > 0) {
        results_free(r);
        r = NULL;
        scenario_free(s);
        s = NULL;
    }
    diag_print(&diags, stderr);
    int status = s ? EXIT_OK : diag_exit_status(&diags) == EXIT_IO ? EXIT_IO : EXIT_INVALID;
    diag_list_clear(&diags);
    *s_out = s;
    *r_out = r;
    return status;
}

static int run_one(const char *file, const cli_options *opts, bool single)
{
    scenario *s;
    results *r;
    int status = load_reported(file, opts, &s, &r);
    if (status != EXIT_OK)
        return status;
    char error[512];
    char name[300];
    snprintf(name, sizeof name, "%s.xlsx", s->id);
    char *out = output_path(opts->output, name, single, error, sizeof error);
    if (!out) {
        fprintf(stderr, "tkk: %s\n", error);
        status = EXIT_IO;
    } else {
        tkk_err err = TKK_OK;
        if (cli_result_warnings(file, s, r) > 0 && diag_strict())
            status = EXIT_INVALID;
        else if ((err = workbook_write(out, s, r, cli_language(opts, s), error, sizeof error)) != TKK_OK) {
            fprintf(stderr, "tkk: %s\n", error);
            status = tkk_err_exit_status(err);
        } else {
            if (!opts->quiet)
                printf("%s -> %s\n", file, out);
            if (opts->pdf)
                status = command_run_pdf(out, s, r, cli_language(opts, s), opts);
        }
    }
    results_free(r);
    free(out);
    scenario_free(s);
    return status;
}

int command_run(const cli_options *opts)
{
    glob_t found;
    const char *const *files;
    size_t n_files;
    if (scenario_files(opts, &found, &files, &n_files) != 0)
        return EXIT_USAGE;
    if (output_is_file(opts->output) && n_files > 1) {
        fprintf(stderr, "tkk: -o %s names one workbook, but %zu scenarios were given: name a folder\n",
                opts->output, n_files);
        if (opts->n_files == 0)
            globfree(&found);
        return EXIT_USAGE;
    }
    bool progress = !opts->quiet && n_files > 1 && isatty(STDERR_FILENO);
    int status = EXIT_OK;
    /* SPEC §2: a run over many scenarios goes on past a bad one. */
    for (size_t i = 0; i < n_files; i++) {
        if (progress)
            fprintf(stderr, "[%zu/%zu] %s\n", i + 1, n_files, files[i]);
        status = worse(status, run_one(files[i], opts, n_files == 1));
    }
    if (opts->n_files == 0)
        globfree(&found);
    return status;
}

int command_check(const cli_options *opts)
{
    if (opts->n_files == 0) {
        fprintf(stderr, "tkk: check needs at least one FILE.ini\nTry 'tkk check --help'.\n");
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    for (size_t i = 0; i < opts->n_files; i++) {
        scenario *s;
        results *r;
        int load_status = load_reported(opts->files[i], opts, &s, &r);
        if (load_status != EXIT_OK)
            status = worse(status, load_status);
        /* The same warnings as run (e.g. a tie at the bonus top), so that check finds
         * what run --strict would refuse (SPEC §7.3, §7.5). */
        else if (cli_result_warnings(opts->files[i], s, r) > 0 && diag_strict())
            status = worse(status, EXIT_INVALID);
        else if (!opts->quiet)
            printf("%s: ok\n", opts->files[i]);
        results_free(r);
        scenario_free(s);
    }
    return status;
}
