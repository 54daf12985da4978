/*
 * workbook — the per-scenario Excel workbook of SPEC §6, written atomically.
 *
 *     char error[512];
 *     tkk_err err = workbook_write(out_path, s, r, LANG_FI, error, sizeof error);
 *     if (err != TKK_OK)
 *         fprintf(stderr, "tkk: %s\n", error);   // exit tkk_err_exit_status(err): 3
 *
 * The file is written to a temporary file in the same folder, read back and renamed
 * into place (xlsx_out.h), so a failure never leaves a half-written workbook and
 * never touches an existing one.
 */
#ifndef TKK_WORKBOOK_H
#define TKK_WORKBOOK_H

#include <stddef.h>
#include "language.h"
#include "results.h"
#include "scenario.h"
#include "tkk_error.h"

/* TKK_OK, or the class of the failure with its message in error. */
tkk_err workbook_write(const char *out_path, const scenario *s, const results *r,
                       language lang, char *error, size_t error_size);

/* The same workbook with only the sheets named in `sheets` shown ("Yhteenveto,Rahoitus":
 * sheet names in either language or table names, comma-separated; NULL: all), the
 * others hidden, for printing (SPEC §7.1 --sheets). -2 with a message when a name
 * matches no sheet or none of them is in this workbook; -1 on an I/O error. */
int workbook_write_sheets(const char *out_path, const scenario *s, const results *r,
                          language lang, const char *sheets, char *error, size_t error_size);

/* An extra block on the Summary sheet, under the scenario's details: a heading and
 * label/value lines, e.g. `tkk solve`'s question and answer (SPEC §7.4). The texts come
 * in the workbook's language; a value is a number cell in the line's format. */
typedef enum {
    WORKBOOK_NOTE_TEXT, WORKBOOK_NOTE_MONEY, WORKBOOK_NOTE_NUMBER, WORKBOOK_NOTE_PERCENT
} workbook_note_kind;

typedef struct {
    const char *label;
    workbook_note_kind kind;
    const char *text;            /* WORKBOOK_NOTE_TEXT */
    mpq_srcptr value;            /* the others */
} workbook_note_line;

typedef struct {
    const char *heading;
    const workbook_note_line *lines;
    size_t n_lines;
} workbook_note;

/* workbook_write with a note on the Summary (note NULL: the same bytes as workbook_write). */
tkk_err workbook_write_note(const char *out_path, const scenario *s, const results *r,
                            language lang, const workbook_note *note, char *error,
                            size_t error_size);

#endif
