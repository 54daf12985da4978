/*
 * fuzz_projects_csv — the CSV project table reader (SPEC §4 "Project tables as CSV").
 *
 * Input: the CSV file's bytes. The bonus it is read into has the indicators of the
 * shipped bonus scenarios (activation, transitions, wage_subsidy) and one project from
 * an INI section (pori), so duplicate ids across INI and CSV are reached too. Every
 * project read must have an id, a name and non-negative values.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bonus.h"
#include "diag.h"
#include "fuzz_files.h"
#include "projects_csv.h"

static void require(int condition, const char *what)
{
    if (!condition) {
        fprintf(stderr, "fuzz_projects_csv: broken contract: %s\n", what);
        abort();
    }
}

static char *copy(const char *s)
{
    char *c = strdup(s);
    if (!c)
        abort();
    return c;
}

static void bonus_setup(bonus_input *b)
{
    static const char *const ids[] = { "activation", "transitions", "wage_subsidy" };
    bonus_input_init(b);
    b->n_indicators = 3;
    b->indicators = calloc(3, sizeof *b->indicators);
    b->projects = calloc(1, sizeof *b->projects);
    if (!b->indicators || !b->projects)
        abort();
    for (size_t k = 0; k < 3; k++) {
        b->indicators[k].id = copy(ids[k]);
        mpq_init(b->indicators[k].weight);
        mpq_set_ui(b->indicators[k].weight, 1, 3);
    }
    bonus_project *p = &b->projects[b->n_projects++];
    p->id = copy("pori");
    p->name = copy("Porin seutu");
    mpq_init(p->grant);
    p->values = calloc(3, sizeof *p->values);
    if (!p->values)
        abort();
    for (size_t k = 0; k < 3; k++)
        mpq_init(p->values[k]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char *path;
    if (!path)
        path = fuzz_path("projects.csv");
    fuzz_write(path, data, size);

    bonus_input bonus;
    bonus_setup(&bonus);
    diag_list diags = { 0 };
    source_file source;
    size_t errors = projects_csv_load(&bonus, path, "projects.csv", &diags, &source);
    require(errors == diag_error_count(&diags), "errors returned differ from errors reported");
    require(source.text && source.length == size && memcmp(source.text, data, size) == 0,
            "the source text is not the file's bytes");
    for (size_t p = 0; p < bonus.n_projects; p++) {
        const bonus_project *pr = &bonus.projects[p];
        require(pr->id && pr->id[0] && pr->name && pr->name[0], "a project without id or name");
        require(mpq_sgn(pr->grant) >= 0, "a negative grant");
        for (size_t k = 0; k < bonus.n_indicators; k++)
            require(mpq_sgn(pr->values[k]) >= 0, "a negative indicator value");
    }
    free(source.path);
    free(source.text);
    diag_list_clear(&diags);
    bonus_input_clear(&bonus);
    return 0;
}
