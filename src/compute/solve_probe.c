/* solve_probe — build, compute and measure one variant of a scenario (SPEC §7.4). */
#include "solve_probe.h"

#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "results.h"
#include "sweep.h"

char *solve_probe_assignment(const solve_probe *probe, const mpq_t value)
{
    char *text = sweep_value_text(value, probe->percent);
    char *assignment = xasprintf("%s=%s", probe->path, text);
    free(text);
    return assignment;
}

scenario *solve_probe_build(const solve_probe *probe, const mpq_t value, diag_list *diags)
{
    char *assignment = solve_probe_assignment(probe, value);
    /* The last --set wins (scenario_load applies them in order), so PATH=VALUE goes last. */
    probe->sets[probe->n_sets] = assignment;
    scenario *s = scenario_source_build(probe->src, probe->sets, probe->n_sets + 1, diags);
    probe->sets[probe->n_sets] = NULL;
    free(assignment);
    return s;
}

int solve_probe_eval(void *context, unsigned long long i, const mpq_t value, solve_point *point)
{
    (void)i;
    solve_probe *probe = context;
    probe->evaluations++;
    diag_list diags = {0};
    scenario *s = solve_probe_build(probe, value, &diags);
    if (!s) {
        /* Keep the first invalid variant's messages for the caller to print. */
        if (!probe->stopped_at) {
            probe->problems = diags;
            probe->stopped_at = solve_probe_assignment(probe, value);
        } else {
            diag_list_free(&diags);
        }
        return -1;
    }
    diag_list_free(&diags);
    results *r = results_compute(s);
    point->defined = solve_metric_value(point->metric, probe->metric, s, r);
    results_free(r);
    scenario_free(s);
    return 0;
}

void solve_probe_clear(solve_probe *probe)
{
    if (!probe)
        return;
    diag_list_free(&probe->problems);
    free(probe->stopped_at);
    probe->stopped_at = NULL;
}
