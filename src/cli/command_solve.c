/*
 * command_solve — `tkk solve FILE.ini --find PATH --goal 'NAME OP VALUE'` (SPEC §7.4):
 * the largest (--max) or smallest (--min) value of PATH on the grid A, A+S, …, B at
 * which the goal holds.
 *
 * The files are read and validated once; every probe is the scenario with the --set
 * overrides and PATH=VALUE, computed exactly (solve_probe.c): for a key scenario_patch
 * takes, the value is written into the loaded scenario, as `tkk sweep` does; any other
 * key or value is built from the files (solve_loader.c; all of them under
 * TKK_SWEEP_REBUILD=1). The search is bisection over the grid (solve.c). The answer and its neighbour are then loaded once more from the file, as
 * `tkk run --set PATH=VALUE` loads them, and the goal checked on them: a warning says so
 * when the goal does not hold at the answer or also holds at the neighbour, or when the
 * figure was not monotone over the probed values (bisection is exact only then).
 * Output: a small table on stdout (fi/en); with -o, the scenario at the answer as a
 * workbook, OUTDIR/<id>-solved.xlsx, whose Summary states the question and the answer.
 * Exit status: 0 with an answer, 1 when no value of the grid meets the goal or the
 * scenario is invalid, 2 for a usage error (unknown PATH or NAME, a bad grid), 3 I/O.
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
#include "number.h"
#include "results.h"
#include "scenario_load.h"
#include "solve.h"
#include "solve_loader.h"
#include "solve_probe.h"
#include "solve_report.h"
#include "suggest.h"

/* ---- The run -------------------------------------------------------------------------- */

typedef struct {
    const cli_options *opts;
    const char *file;
    language lang;
    solve_goal goal;
    solve_key_kind kind;
    solve_grid grid;
    bool maximise;
    scenario_source *src;
    scenario *base;               /* NULL once handed to probe.work */
    diag_list base_diags;
    const char **sets;            /* --set overrides and one slot */
    solve_loader loader;
    solve_probe probe;
    solve_result res;
    /* The answer loaded again from the file (tkk run --set), for -o. */
    scenario *solved;
    results *solved_results;
    solve_report report;
    char *question;
    /* SPEC §2: long work shows progress on a terminal (a 10 000-project round takes
     * some 75 ms a probe). */
    bool progress;
    struct timespec last_progress;
} solve_run;

/* A solve_probe_fn: the probe, then "\rN values computed" at most ten times a second. */
static int probe_with_progress(void *context, unsigned long long i, const mpq_t value,
                               solve_point *point)
{
    solve_run *run = context;
    int rc = solve_probe_eval(&run->probe, i, value, point);
    if (run->progress) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        double since = (double)(now.tv_sec - run->last_progress.tv_sec) +
                       (double)(now.tv_nsec - run->last_progress.tv_nsec) / 1e9;
        if (since >= 0.1) {
            run->last_progress = now;
            fprintf(stderr, "\r%llu %s", run->probe.evaluations,
                    run->lang == LANG_EN ? "values computed" : "arvoa laskettu");
        }
    }
    return rc;
}

/* The loader names PATH=VALUE "--set:N" (N = the --set overrides + 1): say "--find". */
static void name_find(diag_list *diags, size_t n_sets)
{
    for (size_t i = 0; i < diags->count; i++) {
        diag *d = &diags->items[i];
        if (strcmp(d->file, "--set") != 0 || d->line != (int)n_sets + 1)
            continue;
        free(d->file);
        d->file = xstrdup("--find");
        d->line = 0;
    }
}

/* PATH must be an input of the scenario or a key it accepts; its current value a number.
 * Returns an exit status; current gets the value (0 when the file does not write it). */
static int check_path(solve_run *run, mpq_t current)
{
    const scenario *base = run->base;
    const char *path = run->opts->find;
    const char *written = NULL;
    for (size_t i = 0; i < base->n_inputs; i++)
        if (strcasecmp(base->inputs[i].path, path) == 0)
            written = base->inputs[i].value;
    if (!written) {
        /* A key the file does not write (e.g. funding.state_cap, cost.other.monthly) is
         * fine when the loader accepts it (at 0, its value then); else a misspelling. */
        diag_list diags = {0};
        mpq_set_ui(current, 0, 1);
        scenario *s = solve_loader_build(&run->loader, current, &diags);
        bool accepted = s != NULL;
        scenario_free(s);
        const char **paths = xcalloc(base->n_inputs + 1, sizeof *paths);
        for (size_t i = 0; i < base->n_inputs; i++)
            paths[i] = base->inputs[i].path;
        const char *guess = accepted ? NULL : suggest_closest(path, paths);
        if (guess) {
            fprintf(stderr, "tkk: --find %s: not an input of %s; did you mean %s?\n", path,
                    run->file, guess);
        } else if (!accepted) {
            name_find(&diags, run->opts->n_sets);
            diag_print(&diags, stderr);
            fprintf(stderr, "tkk: --find %s: not an input %s accepts\n", path, run->file);
        }
        free(paths);
        diag_list_clear(&diags);
        return accepted ? EXIT_OK : EXIT_USAGE;
    }
    if (number_parse(current, written, NUMBER_MEASURE, NULL) != NULL) {
        fprintf(stderr, "tkk: --find %s: its value '%s' is not a number; solve varies a number\n",
                path, written);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* --from, --to or --step as written, or the default. Returns an exit status. */
static int grid_bound(mpq_t out, const char *option, const char *text, solve_key_kind kind)
{
    number_info info;
    const char *why = number_parse(out, text, NUMBER_MEASURE, &info);
    if (why) {
        fprintf(stderr, "tkk: %s '%s': %s\n", option, text, why);
        return EXIT_USAGE;
    }
    bool ratio = kind == SOLVE_KEY_RATIO || kind == SOLVE_KEY_UNIT_RATIO;
    if (info.percent && !ratio) {
        fprintf(stderr, "tkk: %s '%s': '%%' is for ratio keys (side_costs, state_share, "
                        "own_min_share, weight, rate, cap, min_score, indexation)\n",
                option, text);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

static int build_grid(solve_run *run, const mpq_t current)
{
    const cli_options *opts = run->opts;
    mpq_t from, to, step;
    mpq_inits(from, to, step, NULL);
    int status = EXIT_OK;
    if (opts->from)
        status = grid_bound(from, "--from", opts->from, run->kind);
    if (status == EXIT_OK && opts->step)
        status = grid_bound(step, "--step", opts->step, run->kind);
    else if (status == EXIT_OK)
        solve_default_step(step, run->kind);
    if (status == EXIT_OK && mpq_sgn(step) <= 0) {
        fprintf(stderr, "tkk: --step %s: the step must be above 0\n", opts->step);
        status = EXIT_USAGE;
    }
    if (status == EXIT_OK && opts->to)
        status = grid_bound(to, "--to", opts->to, run->kind);
    else if (status == EXIT_OK)
        solve_default_to(to, run->kind, current, from, step);
    char error[512];
    if (status == EXIT_OK && solve_grid_init(&run->grid, from, to, step, error, sizeof error) != 0) {
        fprintf(stderr, "tkk: %s%s\n", error,
                opts->to ? "" : " (--to defaults to 1 000 x the current value: give --to)");
        status = EXIT_USAGE;
    }
    mpq_clears(from, to, step, NULL);
    return status;
}

/* Loads the scenario at value as `tkk run --set ... --set PATH=VALUE` does and takes the
 * figure; prints warnings the base did not have. NULL scenario when invalid. */
static scenario *load_again(solve_run *run, const mpq_t value, results **r, bool *defined,
                            mpq_t metric)
{
    *r = NULL;
    *defined = false;
    char *assignment = solve_loader_assignment(&run->loader, value);
    run->sets[run->opts->n_sets] = assignment;
    diag_list diags = {0};
    scenario *s = scenario_load(run->file, run->sets, run->opts->n_sets + 1, &diags);
    run->sets[run->opts->n_sets] = NULL;
    name_find(&diags, run->opts->n_sets);
    for (size_t i = 0; i < diags.count; i++)
        if (!diag_list_has(&run->base_diags, &diags.items[i])) {
            diag_print(&diags, stderr);
            break;
        }
    diag_list_clear(&diags);
    free(assignment);
    if (s) {
        *r = results_compute(s);
        *defined = solve_metric_value(metric, run->goal.metric, s, *r);
    }
    return s;
}

/* The answer and the neighbour computed again; keeps the answer's scenario for -o, and
 * reports the check (solve_report_check). */
static void verify(solve_run *run)
{
    const solve_result *res = &run->res;
    solve_report *rep = &run->report;
    mpq_t value, metric;
    mpq_inits(value, metric, NULL);
    bool defined;
    solve_grid_value(value, &run->grid, res->answer->index);
    run->solved = load_again(run, value, &run->solved_results, &defined, metric);
    if (run->solved)
        cli_result_warnings(run->file, run->solved, run->solved_results);   /* as tkk run */
    bool answer_holds = run->solved && defined && solve_goal_holds(&run->goal, metric);
    rep->agrees = run->solved && defined == res->answer->defined &&
                  (!defined || mpq_equal(metric, res->answer->metric));
    bool neighbour_fails = true;
    if (res->neighbour) {
        solve_grid_value(value, &run->grid, res->neighbour->index);
        results *r;
        scenario *s = load_again(run, value, &r, &defined, metric);
        neighbour_fails = s && !(defined && solve_goal_holds(&run->goal, metric));
        rep->agrees = rep->agrees && s && defined == res->neighbour->defined &&
                      (!defined || mpq_equal(metric, res->neighbour->metric));
        results_free(r);
        scenario_free(s);
    }
    mpq_clears(value, metric, NULL);
    rep->verified = answer_holds && neighbour_fails;
    solve_report_check(rep, run->solved != NULL, answer_holds);
}

/* Checks the arguments; exit status 2 with the message when one is missing or wrong. */
static int check_arguments(const cli_options *opts)
{
    const char *missing = opts->n_files != 1 ? "one scenario file"
                          : !opts->find      ? "--find PATH"
                          : !opts->goal      ? "--goal 'NAME OP VALUE'"
                                             : NULL;
    if (missing) {
        fprintf(stderr, "tkk: solve needs %s\nTry 'tkk solve --help'.\n", missing);
        return EXIT_USAGE;
    }
    if (opts->minimise && opts->maximise) {
        fprintf(stderr, "tkk: solve takes --min or --max, not both\n");
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

static int solve_scenario(solve_run *run)
{
    const cli_options *opts = run->opts;
    run->src = scenario_source_read(run->file, &run->base_diags);
    if (run->src)
        run->base = scenario_source_build(run->src, opts->sets, opts->n_sets, &run->base_diags);
    diag_print(&run->base_diags, stderr);
    if (!run->base)
        return EXIT_INVALID;
    run->lang = cli_language(opts, run->base);
    /* A figure of a section the scenario does not have cannot come from one PATH. */
    solve_metric m = run->goal.metric;
    if (((m == SOLVE_BONUS_POOL || m == SOLVE_BONUS_ALLOCATED || m == SOLVE_BONUS_UNALLOCATED) &&
         !run->base->has_bonus) ||
        ((m == SOLVE_REWARD_CLAIMED || m == SOLVE_REWARD_PAID) && !run->base->has_rewards)) {
        fprintf(stderr, "tkk: --goal '%s': %s\n", opts->goal,
                solve_metric_missing(m, run->lang));
        return EXIT_USAGE;
    }
    run->kind = solve_key_kind_of(opts->find);
    run->loader = (solve_loader){
        .src = run->src, .sets = run->sets, .n_sets = opts->n_sets, .path = opts->find,
        .percent = run->kind == SOLVE_KEY_RATIO || run->kind == SOLVE_KEY_UNIT_RATIO,
    };
    run->probe = (solve_probe){.variants = solve_loader_variants(&run->loader), .metric = m};
    mpq_t current;
    mpq_init(current);
    int status = check_path(run, current);
    if (status == EXIT_OK)
        status = build_grid(run, current);
    mpq_clear(current);
    if (status != EXIT_OK)
        return status;
    /* The base (the files with the --set overrides) becomes the scenario the probes
     * patch: nothing reads it after this point (the answer is loaded again from the
     * file), so it needs no second build, unlike the sweep's, whose Inputs sheet reads
     * its base. */
    if (solve_loader_prepare_patch(&run->loader, run->base)) {
        run->probe.work = run->base;
        run->base = NULL;
    }

    run->progress = !opts->quiet && isatty(STDERR_FILENO);
    clock_gettime(CLOCK_MONOTONIC, &run->last_progress);
    solve_search(&run->res, &run->grid, &run->goal, run->maximise, probe_with_progress, run);
    if (run->progress)
        fputs("\r\033[K", stderr);   /* the progress line is gone before the answer */
    if (run->res.outcome == SOLVE_STOPPED) {
        name_find(&run->probe.problems, opts->n_sets);
        diag_print(&run->probe.problems, stderr);
        fprintf(stderr, "tkk: %s: the scenario is invalid at %s (a value of the grid): "
                        "narrow --from and --to\n", run->file,
                run->probe.stopped_at ? run->probe.stopped_at : opts->find);
        return EXIT_INVALID;
    }
    run->report = (solve_report){
        .file = run->file, .path = opts->find, .goal_text = opts->goal, .lang = run->lang,
        .goal = &run->goal, .kind = run->kind, .grid = &run->grid, .maximise = run->maximise,
        .res = &run->res, .quiet = opts->quiet,
    };
    if (run->res.outcome == SOLVE_NONE)
        return solve_report_none(&run->report);
    verify(run);
    run->question = solve_report_question(&run->report);
    solve_report_table(&run->report, run->question);
    if (opts->output && !run->solved) {
        fprintf(stderr, "tkk: %s: no workbook written: the scenario at the answer is invalid\n",
                run->file);
        return EXIT_INVALID;
    }
    if (opts->output)
        status = solve_report_workbook(&run->report, run->question, opts->output, run->solved,
                                       run->solved_results);
    return status;
}

int command_solve(const cli_options *opts)
{
    int status = check_arguments(opts);
    if (status != EXIT_OK)
        return status;
    solve_run run = {.opts = opts, .file = opts->files[0], .maximise = !opts->minimise};
    char error[512];
    if (solve_goal_parse(&run.goal, opts->goal, error, sizeof error) != 0) {
        fprintf(stderr, "tkk: %s\n", error);
        return EXIT_USAGE;
    }
    run.sets = xcalloc(opts->n_sets + 1, sizeof *run.sets);
    for (size_t i = 0; i < opts->n_sets; i++)
        run.sets[i] = opts->sets[i];
    status = solve_scenario(&run);
    free(run.question);
    results_free(run.solved_results);
    scenario_free(run.solved);
    solve_result_clear(&run.res);
    solve_probe_clear(&run.probe);
    solve_loader_clear(&run.loader);
    solve_grid_clear(&run.grid);
    scenario_free(run.base);
    scenario_source_free(run.src);
    diag_list_clear(&run.base_diags);
    free(run.sets);
    solve_goal_clear(&run.goal);
    return status;
}
