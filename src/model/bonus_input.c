/* bonus_input — init and clear of the bonus part of a scenario (SPEC §4 defaults). */
#include "bonus_input.h"

#include <stdbool.h>
#include <stdint.h>
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

/* Whether a piece lies in a block (compared as addresses: the piece may be any
 * allocation). */
static bool in_text_block(const bonus_input *in, const char *text)
{
    uintptr_t at = (uintptr_t)text, from = (uintptr_t)in->text_block;
    return in->text_block != NULL && at >= from && at < from + in->text_block_capacity;
}

static bool in_value_block(const bonus_input *in, const mpq_t *values)
{
    uintptr_t at = (uintptr_t)values, from = (uintptr_t)in->value_block;
    return in->value_block != NULL && at >= from &&
           at < from + in->value_block_capacity * sizeof *in->value_block;
}

mpq_t *bonus_input_block_values(bonus_input *in, size_t n_values)
{
    if (in->value_block == NULL || n_values == 0 ||
        in->value_block_capacity - in->value_block_used < n_values)
        return NULL;
    mpq_t *values = in->value_block + in->value_block_used;
    in->value_block_used += n_values;
    for (size_t k = 0; k < n_values; k++)
        mpq_init(values[k]);
    return values;
}

void bonus_input_release_values(bonus_input *in, mpq_t *values, size_t n_values)
{
    for (size_t k = 0; k < n_values; k++)
        mpq_clear(values[k]);
    /* The last slots taken from the block go back to it for the next row. */
    if (n_values > 0 && in_value_block(in, values)) {
        if (values == in->value_block + (in->value_block_used - n_values))
            in->value_block_used -= n_values;
    } else
        free(values);
}

char *bonus_input_block_text(bonus_input *in, const char *text)
{
    size_t length = strlen(text) + 1;
    if (in->text_block == NULL || in->text_block_capacity - in->text_block_used < length)
        return NULL;
    char *copy = in->text_block + in->text_block_used;
    memcpy(copy, text, length);
    in->text_block_used += length;
    return copy;
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
            if (!in_text_block(in, project->id))
                free(project->id);
            if (!in_text_block(in, project->name))
                free(project->name);
            mpq_clear(project->grant);
            if (project->values != NULL) {
                for (size_t k = 0; k < in->n_indicators; k++)
                    mpq_clear(project->values[k]);
                if (!in_value_block(in, project->values))
                    free(project->values);
            }
        }
        free(in->projects);
    }
    free(in->value_block);
    free(in->text_block);
    in->value_block = NULL;
    in->value_block_used = in->value_block_capacity = 0;
    in->text_block = NULL;
    in->text_block_used = in->text_block_capacity = 0;
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
