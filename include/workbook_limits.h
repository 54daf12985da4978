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

#include <stdbool.h>
#include <stddef.h>
#include "diag.h"
#include "results.h"
#include "scenario.h"

/* Adds an error per limit passed; returns the number added. */
size_t workbook_limits_check(const scenario *s, const results *r, diag_list *diags);

/* Big rounds (issue 13): above this many bonus projects `tkk run` writes the workbook in
 * bounded memory: the Bonus sheet in libxlsxwriter's constant_memory mode, its rows a
 * plain range with the defined name `Bonus` instead of an Excel table, and the Inputs
 * sheet gives the projects CSV's name, line count and SHA-256 instead of its lines.
 * The hidden environment variable TKK_BIG_ROUND_PROJECTS=N (a whole number ≥ 0) lowers
 * or raises it, so that tests exercise the mode with a few dozen projects. */
#define WORKBOOK_BIG_ROUND_PROJECTS 100000
size_t workbook_big_round_threshold(void);
/* True when s has a bonus with more projects than the threshold. */
bool workbook_big_round(const scenario *s);
/* The warning of a big round on stderr, "tkk: OUT: warning: ..." in lang. */
void workbook_big_round_warn(const char *out_path, const scenario *s, language lang);

#endif
