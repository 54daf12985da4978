/*
 * command_sweep — `tkk sweep FILE.ini --vary PATH=SPEC...` (SPEC §2, §6): every
 * combination of the varied inputs, one row each, into OUTDIR/<id>-sweep.xlsx.
 *
 * The files are read and validated once; each variant writes its varied values into
 * one working scenario (scenario_patch: no INI copy, re-validation, CSV re-read or
 * SHA-256 per variant), is computed, written as one row and its results freed before
 * the next, so memory does not grow with the number of variants. A variant whose
 * values the patch cannot take alone (a key outside scenario_patch's list, a value the
 * loader would reject or warn about) is built from the files with the --set overrides
 * followed by its PATH=VALUE assignments, as every variant was before; so are all of
 * them under TKK_SWEEP_REBUILD=1 (the tests' and benchmark's reference). A variant that fails validation stops the sweep with exit 1:
 * its problems are printed and nothing is written (an existing workbook stays as it
 * was), like `tkk run` with an invalid scenario.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "cli.h"
#include "common.h"
#include "output_path.h"
#include "results.h"
#include "scenario_load.h"
#include "scenario_patch.h"
#include "suggest.h"
#include "sweep.h"
#include "sweep_workbook.h"

/* Progress on a terminal (SPEC §2): "\r12 000 / 100 000 variants", at most ten times a
 * second. */
typedef struct {
    bool on;
    unsigned long long total;
    struct timespec last;
} progress;

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* "1 variant" / "2 variants"; Finnish "1 muunnelma" / "2 muunnelmaa" (partitive after a
 * numeral above one). The issue quoted "1 variants". */
static const char *variants_word(unsigned long long n, language lang)
{
    if (lang == LANG_FI)
        return n == 1 ? "muunnelma" : "muunnelmaa";
    return n == 1 ? "variant" : "variants";
}

static void progress_show(progress *p, unsigned long long done, bool final)
{
    if (!p->on || (!final && seconds_since(&p->last) < 0.1))
        return;
    clock_gettime(CLOCK_MONOTONIC, &p->last);
    fprintf(stderr, "\r%llu / %llu variants%s", done, p->total, final ? "\n" : "");
}

/* Why --vary argument k is at fault, after the loader's own messages: a PATH that is
 * not an input of the base scenario gets a "did you mean" over its inputs (a section
 * the file does not have is otherwise reported as a new section missing its keys). */
static void explain_axis(const sweep_axis *axis, const char *assignment, const scenario *base)
{
    bool known = false;
    const char **paths = xcalloc(base->n_inputs + 1, sizeof *paths);
    for (size_t i = 0; i < base->n_inputs; i++) {
        if (strcasecmp(base->inputs[i].path, axis->path) == 0)
            known = true;
        paths[i] = base->inputs[i].path;
    }
    const char *guess = !known ? suggest_closest(axis->path, paths) : NULL;
    if (guess)
        fprintf(stderr, "tkk: --vary '%s': %s is not an input of the scenario; did you mean "
                        "%s?\n", axis->arg, axis->path, guess);
    else
        fprintf(stderr, "tkk: --vary '%s': the scenario does not accept %s (see above)\n",
                axis->arg, assignment);
    free(paths);
}

/* The loader names the variant's assignments "--set:N" (N counts every --set first);
 * say "--vary:K" instead, K being the --vary argument, print them, and explain the
 * arguments at fault. */
static void print_variant_diags(diag_list *diags, size_t n_sets, const sweep_axis *axes,
                                const sweep_iter *it, const scenario *base)
{
    size_t n_axes = it->n_axes;
    bool *at_fault = xcalloc(n_axes, sizeof *at_fault);
    for (size_t i = 0; i < diags->count; i++) {
        diag *d = &diags->items[i];
        if (strcmp(d->file, "--set") != 0 || d->line <= (int)n_sets ||
            d->line > (int)(n_sets + n_axes))
            continue;
        size_t k = (size_t)d->line - n_sets - 1;
        free(d->file);
        d->file = xstrdup("--vary");
        d->line = (int)k + 1;
        if (d->severity == DIAG_ERROR)
            at_fault[k] = true;
    }
    diag_print(diags, stderr);
    for (size_t k = 0; k < n_axes; k++)
        if (at_fault[k])
            explain_axis(&axes[k], it->assignments[k], base);
    free(at_fault);
}

typedef struct {
    const cli_options *opts;
    const scenario_source *src;
    const sweep_axis *axes;
    size_t n_axes;
    const char **sets;             /* the --set arguments, then one slot per axis */
    const scenario *base;          /* the file with the --set overrides alone */
    const diag_list *base_diags;
    scenario *work;                /* built like base, patched per variant; NULL: rebuild */
    scenario_patch **patches;      /* one per axis */
    results *work_results;         /* of the last patched variant, reused by the next */
    bool warnings_shown;
    bool result_warning_shown;     /* cli_result_warnings, for the first variant only */
    unsigned long long variants_with_warnings;
} sweep_run;

/* Writes every axis's value into run->work; false when one needs the loader. Every axis
 * is written, not only those that moved, so a variant that fell back leaves nothing
 * stale behind. */
static bool patch_variant(sweep_run *run, const sweep_iter *it)
{
    if (!run->work)
        return false;
    for (size_t k = 0; k < run->n_axes; k++) {
        const char *value = strchr(it->assignments[k], '=') + 1;
        if (!scenario_patch_apply(run->patches[k], run->work, value))
            return false;
    }
    return true;
}

/* Builds, computes and writes one variant. Returns an exit status. */
static int sweep_variant(sweep_run *run, const sweep_iter *it, sweep_workbook *wb)
{
    if (patch_variant(run, it)) {
        /* The patched keys never touch indicator values or weights: the bonus steps 1–2
         * of the previous patched variant stand. */
        results *r = run->work_results = results_compute_again(run->work_results, run->work);
        if (!run->result_warning_shown && r->has_bonus && r->bonus.top_tie_extended) {
            run->result_warning_shown = true;
            cli_result_warnings(run->opts->files[0], run->work, r);
        }
        return sweep_workbook_row(wb, it, r) != 0 ? EXIT_IO : EXIT_OK;
    }
    size_t n_sets = run->opts->n_sets;
    for (size_t k = 0; k < run->n_axes; k++)
        run->sets[n_sets + k] = it->assignments[k];
    diag_list diags = {0};
    scenario *s = scenario_source_build(run->src, run->sets, n_sets + run->n_axes, &diags);
    if (!s) {
        print_variant_diags(&diags, n_sets, run->axes, it, run->base);
        fprintf(stderr, "tkk: %s: variant %llu (", run->opts->files[0], it->position + 1);
        for (size_t k = 0; k < run->n_axes; k++)
            fprintf(stderr, "%s%s", k ? ", " : "", it->assignments[k]);
        fprintf(stderr, ") is invalid; nothing was written\n");
        int status = diag_exit_status(&diags) == EXIT_IO ? EXIT_IO : EXIT_INVALID;
        diag_list_clear(&diags);
        return status;
    }
    /* Warnings the base scenario did not have: shown for the first such variant only. */
    bool new_warning = false;
    for (size_t i = 0; i < diags.count; i++)
        if (!diag_list_has(run->base_diags, &diags.items[i]))
            new_warning = true;
    if (new_warning) {
        run->variants_with_warnings++;
        if (!run->warnings_shown) {
            run->warnings_shown = true;
            fprintf(stderr, "tkk: warnings in variant %llu:\n", it->position + 1);
            print_variant_diags(&diags, n_sets, run->axes, it, run->base);
        }
    }
    diag_list_clear(&diags);
    results *r = results_compute(s);
    int status = EXIT_OK;
    if (!run->result_warning_shown && r->has_bonus && r->bonus.top_tie_extended) {
        run->result_warning_shown = true;
        if (cli_result_warnings(run->opts->files[0], s, r) > 0 && diag_strict())
            status = EXIT_INVALID;
    }
    if (status == EXIT_OK && sweep_workbook_row(wb, it, r) != 0)
        status = EXIT_IO;   /* the message is in the workbook's error buffer */
    results_free(r);
    scenario_free(s);
    return status;
}

/* Runs every variant into the workbook for out. Returns an exit status. */
static int sweep_all(sweep_run *run, const scenario *base, const char *out,
                     unsigned long long count, char *error, size_t error_size)
{
    const cli_options *opts = run->opts;
    tkk_err err;
    sweep_workbook *wb = sweep_workbook_open(out, base, run->axes, run->n_axes,
                                             sweep_columns_of(base), cli_language(opts, base),
                                             error, error_size, &err);
    if (!wb) {
        fprintf(stderr, "tkk: %s\n", error);
        return tkk_err_exit_status(err);
    }
    sweep_iter it;
    sweep_iter_init(&it, run->axes, run->n_axes);
    progress p = {.on = !opts->quiet && isatty(STDERR_FILENO), .total = count};
    clock_gettime(CLOCK_MONOTONIC, &p.last);
    int status = EXIT_OK;
    while (status == EXIT_OK && sweep_iter_next(&it) != 0) {
        status = sweep_variant(run, &it, wb);
        if (status == EXIT_IO && error[0])
            fprintf(stderr, "tkk: %s\n", error);
        progress_show(&p, it.position + 1, false);
    }
    if (p.on && status == EXIT_OK)
        progress_show(&p, count, true);
    else if (p.on)
        fputc('\n', stderr);
    sweep_iter_clear(&it);
    if (status != EXIT_OK) {
        sweep_workbook_discard(wb);
        return status;
    }
    if (run->variants_with_warnings > 1)
        fprintf(stderr, "tkk: %llu variants had warnings; those of the first are shown above\n",
                run->variants_with_warnings);
    err = sweep_workbook_close(wb);
    if (err != TKK_OK) {
        fprintf(stderr, "tkk: %s\n", error);
        return tkk_err_exit_status(err);
    }
    return EXIT_OK;
}

/* The working scenario and one patch per axis, when every axis can be patched (else
 * every variant is rebuilt). The working copy is a second build of the base: the base
 * stays as the workbook's Inputs and properties read it. */
static void prepare_patches(sweep_run *run)
{
    if (!scenario_patch_enabled())
        return;
    run->patches = xcalloc(run->n_axes, sizeof *run->patches);
    for (size_t k = 0; k < run->n_axes; k++)
        if (!(run->patches[k] = scenario_patch_new(run->base, run->axes[k].path)))
            return;
    diag_list diags = {0};
    run->work = scenario_source_build(run->src, run->opts->sets, run->opts->n_sets, &diags);
    diag_list_clear(&diags);   /* the base's own, printed once already */
}

/* Parses every --vary; exit status 2 with the message on the first bad one. */
static int parse_axes(sweep_axis *axes, const cli_options *opts)
{
    char error[512];
    for (size_t k = 0; k < opts->n_varies; k++)
        if (sweep_axis_parse(&axes[k], opts->varies[k], error, sizeof error) != 0) {
            fprintf(stderr, "tkk: %s\n", error);
            return EXIT_USAGE;
        }
    /* A PATH varied twice would give two columns of which only the last counts. */
    for (size_t k = 0; k < opts->n_varies; k++)
        for (size_t j = 0; j < k; j++)
            if (strcasecmp(axes[j].path, axes[k].path) == 0) {
                fprintf(stderr, "tkk: --vary '%s': %s is already varied by --vary '%s'\n",
                        axes[k].arg, axes[k].path, axes[j].arg);
                return EXIT_USAGE;
            }
    unsigned long long count = sweep_count(axes, opts->n_varies);
    if (sweep_check_count(count, opts->max_variants, error, sizeof error) != 0) {
        fprintf(stderr, "tkk: %s\n", error);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

int command_sweep(const cli_options *opts)
{
    if (opts->n_files != 1) {
        fprintf(stderr, "tkk: sweep takes one scenario file, not %zu\n"
                        "Try 'tkk sweep --help'.\n", opts->n_files);
        return EXIT_USAGE;
    }
    if (opts->n_varies == 0) {
        fprintf(stderr, "tkk: sweep needs at least one --vary PATH=FROM..TO:STEP or "
                        "--vary PATH=v1;v2;v3\nTry 'tkk sweep --help'.\n");
        return EXIT_USAGE;
    }
    sweep_axis *axes = xcalloc(opts->n_varies, sizeof *axes);
    const char **sets = xcalloc(opts->n_sets + opts->n_varies, sizeof *sets);
    int status = parse_axes(axes, opts);
    unsigned long long count = sweep_count(axes, opts->n_varies);

    diag_list base_diags = {0};
    scenario_source *src = NULL;
    scenario *base = NULL;
    char *out = NULL;
    char error[512] = "";
    if (status == EXIT_OK) {
        /* The base (the file with the --set overrides) gives the id, the language and
         * the columns; its problems are printed once. */
        src = scenario_source_read(opts->files[0], &base_diags);
        if (src)
            base = scenario_source_build(src, opts->sets, opts->n_sets, &base_diags);
        diag_print(&base_diags, stderr);
        if (!base)
            status = diag_exit_status(&base_diags) == EXIT_IO ? EXIT_IO : EXIT_INVALID;
    }
    if (status == EXIT_OK) {
        char name[300];
        snprintf(name, sizeof name, "%s-sweep.xlsx", base->id);
        if (!(out = output_path(opts->output, name, true, error, sizeof error))) {
            fprintf(stderr, "tkk: %s\n", error);
            status = EXIT_IO;
        }
    }
    if (status == EXIT_OK) {
        for (size_t i = 0; i < opts->n_sets; i++)
            sets[i] = opts->sets[i];
        sweep_run run = {
            .opts = opts, .src = src, .axes = axes, .n_axes = opts->n_varies, .sets = sets,
            .base = base, .base_diags = &base_diags,
        };
        prepare_patches(&run);
        status = sweep_all(&run, base, out, count, error, sizeof error);
        for (size_t k = 0; run.patches && k < run.n_axes; k++)
            scenario_patch_free(run.patches[k]);
        free(run.patches);
        results_free(run.work_results);
        scenario_free(run.work);
        if (status == EXIT_OK && !opts->quiet)
            printf("%s: %llu %s -> %s\n", opts->files[0], count,
                   variants_word(count, cli_language(opts, base)), out);
    }
    free(out);
    scenario_free(base);
    scenario_source_free(src);
    diag_list_clear(&base_diags);
    for (size_t k = 0; k < opts->n_varies; k++)
        sweep_axis_clear(&axes[k]);
    free(axes);
    free(sets);
    return status;
}
