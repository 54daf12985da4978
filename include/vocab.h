/*
 * vocab — the one fi/en vocabulary of SPEC §7.1, shared by the workbooks (cells and
 * the formulas that compare with them), `tkk show` and messages: categories, payers,
 * yes/no, met/shortfall, Judged on, rounding, bonus methods, normalisations and
 * Reasons, compare metric labels. Under `fi` no English code word reaches the reader;
 * under `en` the words are the English ones of SPEC §6.
 *
 *     vocab_category(CAT_PERSONNEL, LANG_FI)          // "henkilöstö"
 *     vocab_reason(BONUS_REASON_OUTSIDE_TOP, 8, LANG_FI, buf, sizeof buf)
 *                                                     // "ei parhaan 8 joukossa"
 */
#ifndef TKK_VOCAB_H
#define TKK_VOCAB_H

#include <stdbool.h>
#include <stddef.h>
#include "bonus.h"
#include "language.h"
#include "money.h"
#include "results.h"
#include "scenario.h"

/* personnel / premises / other, and total for CAT_COUNT. */
const char *vocab_category(cost_category category, language lang);
const char *vocab_payer(payer who, language lang);
const char *vocab_yes_no(bool yes, language lang);
const char *vocab_status(bool met, language lang);             /* met / shortfall */
const char *vocab_judged_on(funding_basis basis, language lang); /* actual / plan / mixed */
const char *vocab_rounding(rounding_mode mode, language lang);
const char *vocab_bonus_method(bonus_method method, language lang);
const char *vocab_normalize(normalize_method method, language lang);
/* The Reason of a project left out ("" when eligible), with N filled in; into buf. */
const char *vocab_reason(bonus_reason reason, unsigned long top, language lang, char *buf,
                         size_t size);
/* The label of a compare metric key ("total_cost" → "Kokonaiskustannus"); the key
 * itself when unknown. */
const char *vocab_metric(const char *key, language lang);

#endif
