/*
 * output_file — writing a workbook of `tkk compare` / `tkk sweep` safely and
 * reproducibly (SPEC §6): a temporary file next to the output, renamed into place only
 * when complete, and a creation time that does not depend on the clock.
 *
 *     char error[512];
 *     char *tmp = output_file_begin("output/compare.xlsx", error, sizeof error);
 *     if (!tmp) ...                                  // error: "cannot write ...: why"
 *     ... write the workbook into tmp ...
 *     if (ok) rc = output_file_commit(tmp, "output/compare.xlsx", error, sizeof error);
 *     else    output_file_abandon(tmp);             // an existing output stays untouched
 *
 * (The per-scenario workbook has the same logic private to workbook.c.)
 */
#ifndef TKK_OUTPUT_FILE_H
#define TKK_OUTPUT_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "scenario.h"

/* Creates an empty "OUT.tmp-XXXXXX" in the output's folder (mode 0666 & ~umask).
 * Returns its malloc'd path, or NULL with a message in error. */
char *output_file_begin(const char *out_path, char *error, size_t error_size);
/* Renames tmp to out_path and frees tmp. Returns 0, or -1 with a message (then tmp is
 * removed). */
int output_file_commit(char *tmp_path, const char *out_path, char *error, size_t error_size);
/* Removes tmp and frees it. Tolerates NULL. */
void output_file_abandon(char *tmp_path);

/* The workbook's creation time. date_first (the per-scenario rule of SPEC §6): the
 * scenario's `date`, else SOURCE_DATE_EPOCH, else the file's modification time.
 * Otherwise (a workbook of several scenarios) SOURCE_DATE_EPOCH comes first. Never 0,
 * which libxlsxwriter takes for "now". */
time_t output_file_time(const scenario *s, bool date_first);

#endif
