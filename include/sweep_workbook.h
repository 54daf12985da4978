/*
 * sweep_workbook — the `tkk sweep` workbook of SPEC §6, written row by row in
 * libxlsxwriter's constant_memory mode: a row goes to disk as soon as the next one
 * starts, so memory does not grow with the number of variants. Excel tables are not
 * available in that mode: the rows are a plain range with a header row, an autofilter,
 * frozen panes and the defined name `Sweep` over header and rows.
 *
 *     tkk_err err;
 *     sweep_workbook *wb = sweep_workbook_open(out_path, base, axes, n_axes, columns,
 *                                              LANG_EN, error, sizeof error, &err);
 *     while (...) sweep_workbook_row(wb, &iter, results);    // in variant order
 *     err = sweep_workbook_close(wb);  // or sweep_workbook_discard(wb) on a failure
 *
 * The file is written atomically by the output layer (xlsx_out.h): out_path is
 * replaced only by a complete, read-back workbook.
 *
 * Columns: one per varied PATH (the header is the PATH, the value a number cell), then
 * Total cost, Municipal cost, State grant, Municipal net cost (= Municipal cost − State
 * grant, a formula), and where they apply Coach FTE (in the last month), Caseload,
 * Bonus allocated and TMT net effect (SPEC §7.6, blank where a variant has none). A one-dimensional sweep gets a line chart of the total cost and the
 * municipal net cost against the varied value.
 */
#ifndef TKK_SWEEP_WORKBOOK_H
#define TKK_SWEEP_WORKBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include "language.h"
#include "results.h"
#include "scenario.h"
#include "sweep.h"
#include "tkk_error.h"

typedef struct {
    bool coach_fte;    /* the scenario has coach lines */
    bool caseload;     /* ... and clients */
    bool bonus;        /* the scenario has a [bonus] */
    bool tmt;          /* the scenario has [tmt] (SPEC §7.6): the period's Net effect */
} sweep_columns;

/* The columns that apply to the (base) scenario. */
sweep_columns sweep_columns_of(const scenario *s);

typedef struct sweep_workbook sweep_workbook;

/* Starts the workbook for out_path (in temporaries beside it) and writes the header
 * row. base gives the document properties and page header. NULL with the failure's
 * class in *err and its message in error (of error_size bytes, kept for the later
 * calls). */
sweep_workbook *sweep_workbook_open(const char *out_path, const scenario *base,
                                    const sweep_axis *axes, size_t n_axes,
                                    sweep_columns columns, language lang, char *error,
                                    size_t error_size, tkk_err *err);
/* The next row: the iterator's current values and that variant's results. 0 or -1. */
int sweep_workbook_row(sweep_workbook *wb, const sweep_iter *it, const results *r);
/* Autofilter, the defined name, the chart and the properties; writes the file,
 * renames it over out_path and frees wb. TKK_OK, or the class with the message in
 * error (the temporaries are removed, an old workbook stays). */
tkk_err sweep_workbook_close(sweep_workbook *wb);
/* Frees wb without finishing the file. Tolerates NULL. */
void sweep_workbook_discard(sweep_workbook *wb);

#endif
