/* bonus_input — init and clear of the bonus part of a scenario (SPEC §4 defaults). */
#include "bonus_input.h"

#include <stdlib.h>
#include <string.h>

void bonus_input_init(bonus_input *in)
{
    if (in == NULL)
        return;
    memset(in, 0, sizeof *in);
    in->method = BONUS_SHARE;      /* SPEC §4: `method` defaults to share */
    mpq_init(in->pool);
    mpq_init(in->rate);
    mpq_init(in->cap);
    mpq_init(in->min_score);
    mpq_init(in->unit);
    mpq_set_ui(in->unit, 1, 100);  /* SPEC §4: `unit` defaults to 0,01 */
}

void bonus_input_clear(bonus_input *in)
{
    if (in == NULL)
        return;
    if (in->indicators != NULL) {
        for (size_t k = 0; k < in->n_indicators; k++) {
            free(in->indicators[k].id);
            free(in->indicators[k].label);
            mpq_clear(in->indicators[k].weight);
        }
        free(in->indicators);
    }
    if (in->projects != NULL) {
        for (size_t p = 0; p < in->n_projects; p++) {
            bonus_project *project = &in->projects[p];
            free(project->id);
            free(project->name);
            mpq_clear(project->grant);
            if (project->values != NULL) {
                for (size_t k = 0; k < in->n_indicators; k++)
                    mpq_clear(project->values[k]);
                free(project->values);
            }
        }
        free(in->projects);
    }
    mpq_clear(in->pool);
    mpq_clear(in->rate);
    mpq_clear(in->cap);
    mpq_clear(in->min_score);
    mpq_clear(in->unit);
    in->indicators = NULL;
    in->n_indicators = 0;
    in->projects = NULL;
    in->n_projects = 0;
}
