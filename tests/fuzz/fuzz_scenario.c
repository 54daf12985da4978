/*
 * fuzz_scenario — scenario loading and validation (SPEC §3–§4) from INI text.
 *
 * Input: up to three files split at "--8<--" lines (fuzz_files.h): the scenario, a
 * parent it may `extends = parent.ini`, a table it may `projects = projects.csv`. The
 * files go to a memory-backed folder; scenario_load reads, merges and validates them,
 * the problems are printed (as tkk does, to /dev/null here) and everything is freed, so
 * LeakSanitizer sees any path that forgets an allocation.
 */
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "fuzz_files.h"
#include "scenario_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!sink && !(sink = fopen("/dev/null", "w")))
        abort();
    char *path = fuzz_write_scenario(data, size);
    diag_list diags = { 0 };
    /* One --set too, so overrides are merged into what was read. */
    const char *const sets[] = { "scenario.prepared_by=fuzz" };
    scenario *s = scenario_load(path, sets, 1, &diags);
    if (!s && diag_error_count(&diags) == 0) {
        fprintf(stderr, "fuzz_scenario: rejected without an error message\n");
        abort();
    }
    diag_print(&diags, sink);
    diag_list_clear(&diags);
    scenario_free(s);
    free(path);
    return 0;
}
