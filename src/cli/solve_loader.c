/* solve_loader — build or patch the scenario at a value of PATH for `tkk solve`
 * (SPEC §7.4, issue 13). */
#include "solve_loader.h"

#include <stdlib.h>

#include "alloc.h"
#include "sweep.h"

char *solve_loader_assignment(const solve_loader *loader, const mpq_t value)
{
    char *text = sweep_value_text(value, loader->percent);
    char *assignment = xasprintf("%s=%s", loader->path, text);
    free(text);
    return assignment;
}

scenario *solve_loader_build(const solve_loader *loader, const mpq_t value, diag_list *diags)
{
    char *assignment = solve_loader_assignment(loader, value);
    /* The last --set wins (scenario_load applies them in order), so PATH=VALUE goes last. */
    loader->sets[loader->n_sets] = assignment;
    scenario *s = scenario_source_build(loader->src, loader->sets, loader->n_sets + 1, diags);
    loader->sets[loader->n_sets] = NULL;
    free(assignment);
    return s;
}

bool solve_loader_prepare_patch(solve_loader *loader, const scenario *base)
{
    scenario_patch_free(loader->patch);
    loader->patch = scenario_patch_enabled() ? scenario_patch_new(base, loader->path) : NULL;
    return loader->patch != NULL;
}

static scenario *variants_build(void *context, const mpq_t value, diag_list *diags)
{
    return solve_loader_build(context, value, diags);
}

/* The value goes to the patch as the same text the loader would read, so the patch
 * parses and checks exactly what a build would (scenario_patch_apply). */
static bool variants_patch(void *context, scenario *work, const mpq_t value)
{
    const solve_loader *loader = context;
    if (!loader->patch)
        return false;
    char *text = sweep_value_text(value, loader->percent);
    bool patched = scenario_patch_apply(loader->patch, work, text);
    free(text);
    return patched;
}

static char *variants_assignment(void *context, const mpq_t value)
{
    return solve_loader_assignment(context, value);
}

solve_variants solve_loader_variants(solve_loader *loader)
{
    return (solve_variants){.build = variants_build, .patch = variants_patch,
                            .assignment = variants_assignment, .context = loader};
}

void solve_loader_clear(solve_loader *loader)
{
    if (!loader)
        return;
    scenario_patch_free(loader->patch);
    loader->patch = NULL;
}
