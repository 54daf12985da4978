/*
 * ledger_csv — actuals from the accounting system (SPEC §7.3, `[actual] ledger = FILE.csv`).
 *
 * Rows `month;category;amount` (header names case-insensitive, also kuukausi;luokka;summa;
 * `;` or `,`; month YYYY-MM, YYYY-MM-DD or D.M.YYYY; category a category word in English
 * or Finnish or an account number that an `[accounts]` range maps, e.g.
 * `4000-4999 = personnel`). Each amount is rounded to cents (a booked payment); the rows
 * are summed per year and category into s->actual and per month into s->ledger_monthly.
 * A key of [actual] for a year and category the ledger also gives is a duplicate, reported
 * at both places. Errors name FILE.csv:LINE:COLUMN.
 *
 *     // after [actual] itself was read into s->actual:
 *     ledger_load(s, doc, &diags);
 */
#ifndef TKK_LEDGER_CSV_H
#define TKK_LEDGER_CSV_H

#include "diag.h"
#include "ini_source.h"
#include "scenario.h"

/* Reads [accounts] and the ledger named by [actual] ledger, when there is one; s's period
 * must be valid. Returns the number of errors added. */
size_t ledger_load(scenario *s, const ini_doc *doc, diag_list *diags);

#endif
