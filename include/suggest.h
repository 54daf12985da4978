/*
 * suggest — "did you mean" for misspelt section and key names.
 *
 *     const char *known[] = { "fte", "role", NULL };
 *     suggest_closest("fet", known)   // "fte"; NULL when nothing is close
 */
#ifndef TKK_SUGGEST_H
#define TKK_SUGGEST_H

#include <stddef.h>

/* The closest of the NULL-terminated candidates, or NULL when none is close enough. */
const char *suggest_closest(const char *word, const char *const *candidates);
/* Edit distance (insert, delete, substitute, swap of neighbours). */
size_t suggest_distance(const char *a, const char *b);

#endif
