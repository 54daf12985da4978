/*
 * atomic_file — a plain file (JSON, CSV, a template) written the way the output layer
 * writes a workbook (SPEC §6, §7.5): into "OUT.tmp-XXXXXX" beside it, registered with
 * fatal.h so out-of-memory or a signal removes it, and renamed (or, to never replace a
 * file, linked) into place only when complete.
 *
 *     atomic_file af;
 *     char error[512];
 *     if (atomic_file_open(&af, "out/salo.json", error, sizeof error) != TKK_OK) ...
 *     fputs(text, af.f);
 *     tkk_err err = atomic_file_commit(&af, false, error, sizeof error);  // or _abandon
 */
#ifndef TKK_ATOMIC_FILE_H
#define TKK_ATOMIC_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "tkk_error.h"

typedef struct {
    FILE *f;              /* write here */
    char *tmp_path;
    const char *out_path; /* not copied */
    int slot;             /* fatal.h registration */
} atomic_file;

tkk_err atomic_file_open(atomic_file *af, const char *out_path, char *error, size_t error_size);
/* Closes and moves the file into place: rename(), or with no_replace link() (then an
 * existing file is EEXIST, TKK_ERR_IO, and stays). The temporary file is gone either way. */
tkk_err atomic_file_commit(atomic_file *af, bool no_replace, char *error, size_t error_size);
/* Closes and removes the temporary file. Tolerates a committed or failed one. */
void atomic_file_abandon(atomic_file *af);

#endif
