/*
 * projects_csv — bonus projects from a CSV export (SPEC §4, `[bonus] projects = FILE.csv`).
 *
 * Header row `id,name,grant,<indicator ids…>` in any order, case-insensitive; delimiter
 * `;` or `,` taken from the header line; RFC 4180 quoting; UTF-8 with or without BOM.
 * Parsed with libcsv. Problems are reported as FILE.csv:LINE:COLUMN.
 *
 *     // bonus->indicators are already known; projects are appended
 *     size_t errors = projects_csv_load(&s->bonus, "scenarios/projects-2013.csv",
 *                                       "projects-2013.csv", &diags, &source);
 */
#ifndef TKK_PROJECTS_CSV_H
#define TKK_PROJECTS_CSV_H

#include <stddef.h>
#include "bonus.h"
#include "diag.h"
#include "scenario.h"

/* path: where to open the file; display_path: how messages name it.
 * Appends one bonus_project per data row to bonus->projects (values in the order of
 * bonus->indicators). When source is not NULL it receives the file's text (for the Inputs
 * sheet; caller frees source->path and source->text). Returns the number of errors added. */
size_t projects_csv_load(bonus_input *bonus, const char *path, const char *display_path,
                         diag_list *diags, source_file *source);

#endif
