/*
 * show_tmt — the TMT table of SPEC §7.6 on the terminal, for `tkk show`.
 *
 *     if (r->tmt.present)
 *         show_tmt(r, LANG_FI, stdout);
 */
#ifndef TKK_SHOW_TMT_H
#define TKK_SHOW_TMT_H

#include <stdio.h>
#include "language.h"
#include "results.h"

/* The table (one row per area and year, the workbook's columns) and the period's Net
 * effect; every word Finnish under fi. Nothing without a TMT row. */
void show_tmt(const results *r, language lang, FILE *out);

#endif
