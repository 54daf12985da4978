/*
 * show — the scenario's summary tables on the terminal (`tkk show`), in the workbook's
 * words (SPEC §7.1): under `fi` every word on it is Finnish. A presenter: it reads a
 * loaded scenario and its results and prints; loading is the command's (cli).
 *
 *     show_print(s, r, LANG_FI);          // to stdout
 */
#ifndef TKK_SHOW_H
#define TKK_SHOW_H

#include "language.h"
#include "results.h"
#include "scenario.h"

void show_print(const scenario *s, const results *r, language lang);

#endif
