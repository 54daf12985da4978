/* scenario_limits — what is valid key by key but beyond what tkk computes or writes. */
#include "scenario_limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"
#include "number.h"

/* SPEC §4: the id names the output file. */
static void check_id_length(const scenario *s, const ini_doc *doc, diag_list *diags)
{
    const ini_section *sec = ini_doc_find(doc, "scenario");
    const ini_key *id = sec ? ini_section_find(sec, "id") : NULL;
    if (!s->id || !id || strlen(s->id) <= SCENARIO_ID_MAX)
        return;
    diag_error(diags, id->file, id->line, "scenario.id",
               "the id has %zu characters, more than %d: it names the output files, and a "
               "file name has at most 255 bytes",
               strlen(s->id), SCENARIO_ID_MAX);
}

/* The [indexation] key of a step (keys are months as written, e.g. 2022-06). */
static const ini_key *step_key(const ini_doc *doc, month_t month)
{
    const ini_section *sec = ini_doc_find(doc, "indexation");
    for (size_t i = 0; sec && i < sec->n_keys; i++) {
        month_t m;
        if (month_parse(sec->keys[i].key, &m) && m == month)
            return &sec->keys[i];
    }
    return NULL;
}

/* SPEC §5.1: salary ← ROUND(salary × (1 + raise), 2) step by step. Walked here as the
 * compute does it, for each line up to its last month, so the first raise that takes a
 * salary beyond ±10^15 € is named; a salary that grows without bound would otherwise
 * reach the workbook as INF. */
static void check_indexation(const scenario *s, const ini_doc *doc, diag_list *diags)
{
    if (s->n_indexation == 0)
        return;
    mpq_t salary, factor;
    mpq_inits(salary, factor, NULL);
    size_t first_bad = s->n_indexation;
    const staff_line *bad_line = NULL;
    for (size_t l = 0; l < s->n_staff; l++) {
        const staff_line *line = &s->staff[l];
        mpq_set(salary, line->monthly_salary);
        for (size_t i = 0; i < first_bad && s->indexation[i].month <= line->end; i++) {
            mpq_set_ui(factor, 1, 1);
            mpq_add(factor, factor, s->indexation[i].raise);
            mpq_mul(salary, salary, factor);
            money_round(salary, salary, s->rounding);
            if (mpq_sgn(salary) != 0 && number_check_size(salary) != NULL) {
                first_bad = i;
                bad_line = line;
                break;
            }
        }
    }
    if (bad_line) {
        const ini_key *k = step_key(doc, s->indexation[first_bad].month);
        char path[64];
        snprintf(path, sizeof path, "indexation.%s", k ? k->key : "");
        diag_error(diags, k ? k->file : "", k ? k->line : 0, path,
                   "after this raise the monthly salary of [%s] is beyond ±10^15 €: "
                   "the raises together grow salaries too far", bad_line->id);
    }
    mpq_clears(salary, factor, NULL);
}

void scenario_limits_check(const scenario *s, const ini_doc *doc, diag_list *diags)
{
    check_id_length(s, doc, diags);
    check_indexation(s, doc, diags);
}
