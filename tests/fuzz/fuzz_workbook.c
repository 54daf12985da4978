/*
 * fuzz_workbook — loading, computing and writing the workbook (SPEC §5–§6) end to end.
 *
 * Input: as fuzz_scenario (up to three files split at "--8<--" lines). A scenario that
 * loads is computed and written, as `tkk run -o DIR` names it (<id>.xlsx), to the
 * memory-backed folder, in Finnish or English by the input's length; the workbook is
 * removed afterwards. A scenario that
 * loads must also be written (what `tkk check` accepts, `tkk run` must write).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "diag.h"
#include "fuzz_files.h"
#include "output_path.h"
#include "results.h"
#include "scenario_load.h"
#include "workbook.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *path = fuzz_write_scenario(data, size);
    diag_list diags = { 0 };
    scenario *s = scenario_load(path, NULL, 0, &diags);
    diag_list_clear(&diags);
    free(path);
    if (!s)
        return 0;
    results *r = results_compute(s);
    if (!r) {
        fprintf(stderr, "fuzz_workbook: results_compute failed\n");
        abort();
    }
    char error[512] = "";
    char name[300];   /* as command_run.c names it */
    snprintf(name, sizeof name, "%s.xlsx", s->id);
    char *out = output_path(fuzz_dir(), name, false, error, sizeof error);
    if (!out) {
        fprintf(stderr, "fuzz_workbook: no output path: %s\n", error);
        abort();
    }
    language lang = size % 2 ? LANG_EN : LANG_FI;
    if (workbook_write(out, s, r, lang, error, sizeof error) != 0) {
        /* Valid input that cannot be written is `check` = ok but `run` failing. */
        fprintf(stderr, "fuzz_workbook: workbook_write failed: %s\n", error);
        abort();
    }
    unlink(out);
    free(out);
    results_free(r);
    scenario_free(s);
    return 0;
}
