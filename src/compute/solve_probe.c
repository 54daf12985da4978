/* solve_probe — compute and measure one variant of a scenario (SPEC §7.4, issue 13). */
#include "solve_probe.h"

#include <stdlib.h>

/* The figure at value from the working scenario, when the variants can patch it there.
 * The patched keys never touch indicator values or weights (scenario_patch.h), so the
 * previous probe's bonus steps 1–2 stand, as in `tkk sweep`. */
static bool eval_patched(solve_probe *probe, const mpq_t value, solve_point *point)
{
    const solve_variants *v = &probe->variants;
    if (!probe->work || !v->patch || !v->patch(v->context, probe->work, value))
        return false;
    probe->patched++;
    probe->work_results = results_compute_again(probe->work_results, probe->work);
    point->defined = solve_metric_value(point->metric, probe->metric, probe->work,
                                        probe->work_results);
    return true;
}

int solve_probe_eval(void *context, unsigned long long i, const mpq_t value, solve_point *point)
{
    (void)i;
    solve_probe *probe = context;
    const solve_variants *v = &probe->variants;
    probe->evaluations++;
    if (eval_patched(probe, value, point))
        return 0;
    diag_list diags = {0};
    scenario *s = v->build(v->context, value, &diags);
    if (!s) {
        /* Keep the first invalid variant's messages for the caller to print. */
        if (!probe->stopped_at) {
            probe->problems = diags;
            probe->stopped_at = v->assignment(v->context, value);
        } else {
            diag_list_clear(&diags);
        }
        return -1;
    }
    diag_list_clear(&diags);
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
    diag_list_clear(&probe->problems);
    free(probe->stopped_at);
    probe->stopped_at = NULL;
    results_free(probe->work_results);
    probe->work_results = NULL;
    scenario_free(probe->work);
    probe->work = NULL;
}
