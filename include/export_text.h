/*
 * export_text — a recorded workbook as JSON or CSV for programs (SPEC §7.3).
 *
 *     export_json(f, s, rec);                       // {"scenario":…,"names":…,"tables":…}
 *     export_csv_table(f, rec, table, LANG_FI);     // one table: header row, ';' and ','
 *     char *v = export_exact(value, true);          // "-59000.00", "1421/9", "0.15"
 */
#ifndef TKK_EXPORT_TEXT_H
#define TKK_EXPORT_TEXT_H

#include <stdbool.h>
#include <stdio.h>
#include <gmp.h>
#include "language.h"
#include "scenario.h"
#include "workbook_record.h"

/* The exact value as text: a terminating decimal (money with at least two decimals), else
 * a fraction "a/b". malloc'd. */
char *export_exact(const mpq_t value, bool money);

/* The JSON document of one scenario (UTF-8, one object). Tables are keyed by their
 * table name; a table's totals row (Funding's `total`) is under "totals", not among the
 * rows, so a program summing a column does not count it twice. Returns 0 or -1 (write). */
int export_json(FILE *f, const scenario *s, wb_recorder *rec);

/* One table as CSV: UTF-8 BOM, header row, the data rows; `,` and `.` under en, `;` and
 * `,` under fi. totals_only: the table's totals row alone (under the same header). */
int export_csv_table(FILE *f, wb_recorder *rec, const wb_rec_table *table, language lang,
                     bool totals_only);

#endif
