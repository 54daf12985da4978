/*
 * workbook_record — the cells of a scenario workbook as exact values, for `tkk export`
 * (SPEC §7.3).
 *
 * The sheet writers decide every table cell once; rather than derive the tables a second
 * time, export runs the same writers with a recorder attached, which keeps each cell's
 * exact value (the mpq_t the writer handed to libxlsxwriter as a double), each Excel
 * table's name, place and headers, and each defined name's cell:
 *
 *     wb_recorder *rec = wb_recorder_new();
 *     if (workbook_record(scratch, s, r, LANG_EN, rec, error, sizeof error) == 0)
 *         for (size_t t = 0; t < wb_recorder_n_tables(rec); t++) {
 *             const wb_rec_table *table = wb_recorder_table(rec, t);
 *             const wb_rec_cell *c = wb_recorder_cell(rec, table->sheet, row, col);
 *             ...
 *         }
 *     wb_recorder_free(rec);
 */
#ifndef TKK_WORKBOOK_RECORD_H
#define TKK_WORKBOOK_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <gmp.h>
#include "language.h"
#include "month.h"
#include "results.h"
#include "scenario.h"
#include "tkk_error.h"

typedef enum {
    WB_REC_NUMBER,    /* a plain number (FTE, caseload, score) */
    WB_REC_MONEY,     /* a money cell (euro format) */
    WB_REC_RATIO,     /* a percent-formatted ratio */
    WB_REC_INTEGER,   /* a whole number (year, months, persons) */
    WB_REC_TEXT,
    WB_REC_MONTH,
} wb_rec_kind;

typedef struct {
    wb_rec_kind kind;
    mpq_t value;          /* numbers */
    char *text;           /* text */
    month_t month;        /* months */
} wb_rec_cell;

typedef struct {
    const void *sheet;    /* the worksheet, as an identity */
    char *name;           /* "Budget", "Funding", ... */
    unsigned first_row;   /* the header row */
    unsigned first_col;
    unsigned last_row;    /* the last row, the totals row when totals */
    bool totals;          /* the last row is the table's totals row */
    char **headers;
    size_t n_headers;
} wb_rec_table;

typedef struct wb_recorder wb_recorder;

wb_recorder *wb_recorder_new(void);
void wb_recorder_free(wb_recorder *rec);   /* tolerates NULL */

/* Called by the workbook helpers (workbook.c) for every cell, table and name. A cell
 * written twice keeps its last value. */
void wb_recorder_number(wb_recorder *rec, const void *sheet, unsigned row, unsigned col,
                        wb_rec_kind kind, const mpq_t value);
void wb_recorder_text(wb_recorder *rec, const void *sheet, unsigned row, unsigned col,
                      const char *text);
void wb_recorder_month(wb_recorder *rec, const void *sheet, unsigned row, unsigned col,
                       month_t month);
void wb_recorder_add_table(wb_recorder *rec, const void *sheet, const char *name,
                           unsigned first_row, unsigned first_col, unsigned last_row,
                           const char *const *headers, size_t n_headers, bool totals);
void wb_recorder_name(wb_recorder *rec, const char *name, const void *sheet, unsigned row,
                      unsigned col);

/* Queries, once the workbook is written. */
size_t wb_recorder_n_tables(const wb_recorder *rec);
const wb_rec_table *wb_recorder_table(const wb_recorder *rec, size_t i);
size_t wb_recorder_n_names(const wb_recorder *rec);
/* The i-th defined name and its cell (NULL when the cell is blank). */
const char *wb_recorder_name_at(wb_recorder *rec, size_t i, const wb_rec_cell **cell);
/* The cell, or NULL when nothing was written there. */
const wb_rec_cell *wb_recorder_cell(wb_recorder *rec, const void *sheet, unsigned row,
                                    unsigned col);

/* Writes the scenario's workbook to a temporary file next to scratch_path with rec
 * attached, then removes the file: the recorder holds the cells. TKK_OK, or the failure's
 * class with a message in error. */
tkk_err workbook_record(const char *scratch_path, const scenario *s, const results *r,
                        language lang, wb_recorder *rec, char *error, size_t error_size);

#endif
