/*
 * bench_solve_probe — the CPU cost of one `tkk solve` probe (SPEC §7.4, issue 13), timed
 * inside one process: the whole bisection of a question, repeated, with each probe's
 * value patched into the loaded scenario (as tkk does) and with every probe built from
 * the files (as under TKK_SWEEP_REBUILD=1), side by side. A process-level timing cannot
 * resolve this: on salo-2021 a patched probe costs tens of µs beside a 10 ms process.
 *
 *     ./build/bench/bench_solve_probe FILE.ini PATH 'GOAL' FROM TO STEP [min|max] [percent]
 *     ./build/bench/bench_solve_probe        # salo-2021: largest staff.coaches.fte,
 *                                            # Municipal_Cost <= 600 000, 0 … 6 000 by 0,1
 * prints
 *     probe: 18 a search, 21 µs CPU patched (17 of 18), 245 µs rebuilt: rebuilt ÷ patched 11.7
 * (FROM, TO, STEP in §3 syntax, as --from, --to, --step; "percent" for a ratio key, whose
 * values go to the loader as "55 %"). Exit status 1 on a bad argument or a failed search.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "number.h"
#include "scenario_load.h"
#include "solve.h"
#include "solve_loader.h"
#include "solve_probe.h"

static double cpu_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

typedef struct {
    const char *file, *path;
    solve_goal goal;
    solve_grid grid;
    bool maximise, percent;
} question;

/* Repeats the search for at least half a second of CPU; the CPU µs a probe. probes and
 * patched get the counts of one search. Negative when a search did not find an answer. */
static double time_searches(const question *q, bool patch, unsigned long long *probes,
                            unsigned long long *patched)
{
    diag_list diags = {0};
    scenario_source *src = scenario_source_read(q->file, &diags);
    diag_list_clear(&diags);
    if (!src)
        return -1;
    const char *sets[1] = {NULL};
    unsigned long long evaluations = 0;
    double start = cpu_seconds(), spent = 0;
    bool found = true;
    do {
        /* As command_solve: the base built once, then handed to the probe to patch. */
        scenario *base = scenario_source_build(src, NULL, 0, &diags);
        diag_list_clear(&diags);
        if (!base) {
            found = false;
            break;
        }
        solve_loader loader = {.src = src, .sets = sets, .path = q->path, .percent = q->percent};
        solve_probe probe = {.variants = solve_loader_variants(&loader), .metric = q->goal.metric};
        if (patch && solve_loader_prepare_patch(&loader, base))
            probe.work = base;
        else
            scenario_free(base);
        solve_result res;
        solve_search(&res, &q->grid, &q->goal, q->maximise, solve_probe_eval, &probe);
        found = found && res.outcome == SOLVE_FOUND;
        *probes = probe.evaluations;
        *patched = probe.patched;
        evaluations += probe.evaluations;
        solve_result_clear(&res);
        solve_probe_clear(&probe);
        solve_loader_clear(&loader);
        spent = cpu_seconds() - start;
    } while (found && spent < 0.5);
    scenario_source_free(src);
    return found && evaluations ? spent * 1e6 / (double)evaluations : -1;
}

static bool parse(mpq_t out, const char *text)
{
    const char *why = number_parse(out, text, NUMBER_MEASURE, NULL);
    if (why)
        fprintf(stderr, "bench_solve_probe: '%s': %s\n", text, why);
    return why == NULL;
}

int main(int argc, char **argv)
{
    const char *dflt[] = {argv[0], "scenarios/salo-2021.ini", "staff.coaches.fte",
                          "Municipal_Cost <= 600 000", "0", "6000", "0,1", "max"};
    if (argc == 1) {
        argv = (char **)dflt;
        argc = 8;
    }
    if (argc < 7) {
        fprintf(stderr, "usage: bench_solve_probe FILE.ini PATH 'GOAL' FROM TO STEP "
                        "[min|max] [percent]\n");
        return 1;
    }
    question q = {.file = argv[1], .path = argv[2], .maximise = true};
    for (int i = 7; i < argc; i++) {
        if (strcmp(argv[i], "min") == 0)
            q.maximise = false;
        else if (strcmp(argv[i], "percent") == 0)
            q.percent = true;
    }
    char error[512];
    if (solve_goal_parse(&q.goal, argv[3], error, sizeof error) != 0) {
        fprintf(stderr, "bench_solve_probe: %s\n", error);
        return 1;
    }
    mpq_t from, to, step;
    mpq_inits(from, to, step, NULL);
    int status = 1;
    if (parse(from, argv[4]) && parse(to, argv[5]) && parse(step, argv[6])) {
        if (solve_grid_init(&q.grid, from, to, step, error, sizeof error) != 0) {
            fprintf(stderr, "bench_solve_probe: %s\n", error);
        } else {
            unsigned long long probes = 0, patched = 0, probes_rebuilt = 0, none = 0;
            double p = time_searches(&q, true, &probes, &patched);
            double r = time_searches(&q, false, &probes_rebuilt, &none);
            if (p > 0 && r > 0) {
                printf("probe: %llu a search, %.0f µs CPU patched (%llu of %llu), %.0f µs "
                       "rebuilt: rebuilt ÷ patched %.1f\n",
                       probes, p, patched, probes, r, r / p);
                status = 0;
            } else {
                fprintf(stderr, "bench_solve_probe: %s: the search found no answer\n", q.file);
            }
            solve_grid_clear(&q.grid);
        }
    }
    mpq_clears(from, to, step, NULL);
    solve_goal_clear(&q.goal);
    return status;
}
