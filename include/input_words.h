/*
 * input_words — the enumerated words of a scenario, in English or Finnish (SPEC §7.3).
 *
 * A Finnish user writes `payer = valtio`, `coach = kyllä`, `henkilöstö.2021 = …` and
 * `target = ≤ 150`; these are the same inputs as `state`, `yes`, `personnel.2021` and
 * `<= 150`, in any letter case (ä, ö and å folded as well as A–Z):
 *
 *     bool b;      input_bool("KYLLÄ", &b)                  // true, b = true
 *     int cat = input_category("Toimitilat", 10);           // CAT_PREMISES
 *     size_t n;    input_kpi_operator("≤ 150", &op, &n)      // op = KPI_LE, n = 3 bytes
 */
#ifndef TKK_INPUT_WORDS_H
#define TKK_INPUT_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include "scenario.h"

/* Compares two UTF-8 words ignoring the case of A–Z, Ä, Ö and Å; n bytes of a. */
bool input_word_equal(const char *a, size_t a_len, const char *b);

/* yes/no, kyllä/ei. False when the word is neither. */
bool input_bool(const char *text, bool *out);
/* municipality/kunta, state/valtio. False when neither. */
bool input_payer(const char *text, payer *out);
/* personnel/henkilöstö, premises/toimitilat, other/muut: the cost_category, or -1. */
int input_category(const char *text, size_t len);
/* The comparison operator at the start of text (<=, >=, <, >, =, ≤, ≥); false when
 * none. *len is the bytes it takes. */
bool input_kpi_operator(const char *text, kpi_operator *out, size_t *len);

#endif
