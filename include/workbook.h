/*
 * workbook — the per-scenario Excel workbook of SPEC §6, written atomically.
 *
 *     char error[256];
 *     if (workbook_write(out_path, s, r, LANG_FI, error, sizeof error) != 0)
 *         fprintf(stderr, "tkk: %s\n", error);            // an I/O error: exit 3
 *
 * The file is written to a temporary file in the same folder and renamed into place,
 * so a failure never leaves a half-written workbook and never touches an existing one.
 */
#ifndef TKK_WORKBOOK_H
#define TKK_WORKBOOK_H

#include <stddef.h>
#include "money.h"
#include "results.h"
#include "scenario.h"

/* Returns 0 on success, -1 on failure with a message in error. */
int workbook_write(const char *out_path, const scenario *s, const results *r, language lang,
                   char *error, size_t error_size);

#endif
