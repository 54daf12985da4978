/*
 * text_table — aligned columns for the terminal (`tkk show`).
 *
 *     text_table *t = text_table_new(3);
 *     text_table_row(t, "Year", "Budget", "Actual");
 *     text_table_row(t, "2021", "590 000,00 €", "531 000,00 €");
 *     text_table_print(t, stdout);       // first column left, the others right-aligned
 *     text_table_free(t);
 */
#ifndef TKK_TEXT_TABLE_H
#define TKK_TEXT_TABLE_H

#include <stddef.h>
#include <stdio.h>

typedef struct text_table text_table;

text_table *text_table_new(size_t columns);
/* Adds a row of `columns` strings (copied; NULL prints as empty). */
void text_table_add(text_table *t, const char *const *cells);
/* The same with the cells as arguments. */
void text_table_row(text_table *t, ...);
/* Columns given in left_aligned (a string of 'l'/'r' per column) override the default. */
void text_table_align(text_table *t, const char *alignment);
void text_table_print(const text_table *t, FILE *out);
void text_table_free(text_table *t);

#endif
