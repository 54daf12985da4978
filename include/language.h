/*
 * language — the language a workbook, a message or the terminal is written in.
 *
 * A model-level value (the scenario's `language` key, SPEC §4) that the number
 * formatter, the vocabulary and every presenter take:
 *
 *     char *text = money_format(cost, LANG_FI);   // "1 234,57 €"
 */
#ifndef TKK_LANGUAGE_H
#define TKK_LANGUAGE_H

typedef enum { LANG_FI, LANG_EN } language;

#endif
