/*
 * diag — problems found in user input, collected rather than thrown.
 *
 * Loading and validation add every problem they find to a diag_list; the caller
 * prints them all at once, like a compiler, and decides the exit status:
 *
 *     diag_list diags = {0};
 *     diag_error(&diags, "salo.ini", 12, "staff.coaches.fte", "'abc' is not a number");
 *     diag_print(&diags, stderr);          // salo.ini:12: staff.coaches.fte: 'abc' is ...
 *     if (diag_error_count(&diags)) ...
 *     diag_list_clear(&diags);
 */
#ifndef TKK_DIAG_H
#define TKK_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>

typedef enum { DIAG_ERROR, DIAG_WARNING } diag_severity;

typedef struct {
    diag_severity severity;
    char *file;     /* as the user named it; "--set" for command-line overrides */
    int line;       /* 1-based; 0 when there is no line (e.g. a missing file) */
    int column;     /* 1-based CSV column, 0 when not applicable */
    char *path;     /* section.key, or the section, or "" */
    char *message;
    bool io;        /* an input file could not be read: exit 3, not 1 (SPEC §7.3) */
} diag;

typedef struct {
    diag *items;
    size_t count;
    size_t capacity;
} diag_list;

#if defined(__GNUC__)
#define TKK_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define TKK_PRINTF(a, b)
#endif

void diag_error(diag_list *list, const char *file, int line, const char *path,
                const char *fmt, ...) TKK_PRINTF(5, 6);
void diag_warning(diag_list *list, const char *file, int line, const char *path,
                  const char *fmt, ...) TKK_PRINTF(5, 6);
/* CSV cells: FILE.csv:LINE:COLUMN: PATH: message */
void diag_error_at(diag_list *list, const char *file, int line, int column,
                   const char *path, const char *fmt, ...) TKK_PRINTF(6, 7);

/* For reporters with printf-style arguments of their own (column 0 = no column). */
void diag_vadd(diag_list *list, diag_severity severity, const char *file, int line, int column,
               const char *path, const char *fmt, va_list ap) TKK_PRINTF(7, 0);

/* SPEC §7.3 `--strict`: from now on every warning is recorded as an error (exit 1),
 * for every command. Set once by main() before any input is read. */
void diag_set_strict(bool strict);
bool diag_strict(void);

/* An input file that is missing or cannot be read (SPEC §7.3): an error of class I/O. */
void diag_io_error(diag_list *list, const char *file, int line, const char *path,
                   const char *fmt, ...) TKK_PRINTF(5, 6);

/* text as a message quotes it: itself when at most 64 bytes, else its first 40 bytes
 * (whole UTF-8 characters), "…" and its length, so a 10 000-digit value is not echoed
 * whole. The caller frees. */
char *diag_excerpt(const char *text);

size_t diag_error_count(const diag_list *list);
/* SPEC §2: EXIT_IO when any error is an I/O error, else EXIT_INVALID when there is any
 * error, else EXIT_OK. */
int diag_exit_status(const diag_list *list);
/* Prints in the order found, "FILE:LINE: PATH: message" ("warning: " before warnings). */
void diag_print(const diag_list *list, FILE *out);
/* True when list holds a problem equal to d (same severity, place, path and message): a
 * variant of a scenario (sweep, solve) reports only what its base did not. */
bool diag_list_has(const diag_list *list, const diag *d);
void diag_list_clear(diag_list *list);

#endif
