/*
 * workbook_limits — what the scenario workbook cannot hold, found before it is written,
 * so that `tkk check` refuses every input `tkk run` would (SPEC §7.5): input files with
 * more lines than the Inputs sheet has rows (1 048 576 less the title rows; it copies
 * every line), more projects or indicators than the Bonus sheet has rows or columns, more
 * line-months with a cost than MonthlyDetail has rows.
 *
 *     if (workbook_limits_check(s, r, &diags) > 0) ... invalid input: exit 1
 */
#ifndef TKK_WORKBOOK_LIMITS_H
#define TKK_WORKBOOK_LIMITS_H

#include <stddef.h>
#include "diag.h"
#include "results.h"
#include "scenario.h"

/* Adds an error per limit passed; returns the number added. */
size_t workbook_limits_check(const scenario *s, const results *r, diag_list *diags);

#endif
