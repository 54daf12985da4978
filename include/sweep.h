/*
 * sweep — the --vary arguments of `tkk sweep` (SPEC §6) and the Cartesian product of
 * their values. Pure computation: knows nothing of scenarios or workbooks.
 *
 *     sweep_axis axes[2];
 *     char error[512];
 *     if (sweep_axis_parse(&axes[0], "staff.coaches.fte=4..10:1", error, sizeof error) != 0)
 *         ...                                  // error names the --vary argument
 *     // axes[0].n_values == 7: 4, 5, ..., 10
 *     unsigned long long n = sweep_count(axes, n_axes);     // saturates at ULLONG_MAX
 *     sweep_iter it;
 *     sweep_iter_init(&it, axes, n_axes);
 *     while (sweep_iter_next(&it) == 1)
 *         ... it.assignments[0] is "staff.coaches.fte=4", a --set argument ...
 *     sweep_iter_clear(&it);
 *
 * A range FROM..TO:STEP is held as FROM and STEP, never as a list, so a long range
 * costs no memory: value i is FROM + i × STEP, exact. Values are handed to the loader
 * as text it accepts (SPEC §3): a decimal when the value has a finite decimal
 * expansion, else a fraction a/b, with `%` when the range was written in percent.
 */
#ifndef TKK_SWEEP_H
#define TKK_SWEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <gmp.h>

typedef enum { SWEEP_RANGE, SWEEP_LIST } sweep_form;

typedef struct {
    char *arg;                    /* the --vary argument as given, for messages */
    char *path;                   /* "staff.coaches.fte", blanks trimmed */
    sweep_form form;
    unsigned long long n_values;  /* ≥ 1; a range too long to count saturates */
    /* SWEEP_RANGE */
    mpq_t from, to, step;         /* exact; step ≠ 0 and moves from toward to */
    bool percent;                 /* written with %: the loader gets "50 %", not "1/2" */
    /* SWEEP_LIST */
    char **list;                  /* n_values texts, passed to the loader as written */
    bool live;                    /* set by a successful parse; reset by sweep_axis_clear */
} sweep_axis;

/* Parses "PATH=FROM..TO:STEP" or "PATH=v1;v2;v3" (one value is a list of one).
 * Numbers use the syntax of SPEC §3 (with € or % allowed). Returns 0, or -1 with a
 * message naming the argument in error (then the axis holds nothing to free).
 * The count of a range is ⌊(TO − FROM) ÷ STEP⌋ + 1. */
int sweep_axis_parse(sweep_axis *axis, const char *arg, char *error, size_t error_size);
/* Tolerates NULL, a zeroed axis and a second call. */
void sweep_axis_clear(sweep_axis *axis);

/* Value i of an axis as the loader reads it ("6", "2.5", "1/3", "55 %"); caller frees. */
char *sweep_axis_text(const sweep_axis *axis, unsigned long long i);
/* Value i as a number for the workbook: always for a range (the ratio for a percent
 * range), for a list when the text parses as a §3 number. False leaves out untouched. */
bool sweep_axis_number(mpq_t out, const sweep_axis *axis, unsigned long long i);

/* The exact text of a rational in §3 syntax: "-2.5", "1/3", "0". Caller frees. */
char *sweep_rational_text(const mpq_t value);
/* The same, or with percent the value × 100 followed by " %" ("55 %" for 0,55), as a
 * --set value; also used by `tkk solve`. Caller frees. */
char *sweep_value_text(const mpq_t value, bool percent);

/* The number of variants: the product of the axes' counts, ULLONG_MAX on overflow. */
unsigned long long sweep_count(const sweep_axis *axes, size_t n_axes);

/* Rows of one worksheet less the header row: a sweep cannot have more variants. */
#define SWEEP_MAX_ROWS 1048575ULL

/* SPEC §6: more than max variants (the --max option, default 1 000 000) are refused,
 * and never more than SWEEP_MAX_ROWS. Returns 0, or -1 with a message saying how many
 * there are and how to allow them. */
int sweep_check_count(unsigned long long count, unsigned long long max, char *error,
                      size_t error_size);

/* The variants one by one, the first axis varying slowest (an odometer). */
typedef struct {
    const sweep_axis *axes;
    size_t n_axes;
    unsigned long long *index;    /* the current value of each axis */
    char **assignments;           /* "PATH=VALUE" of the current variant, per axis */
    unsigned long long position;  /* 0-based number of the current variant */
    bool started, finished;
} sweep_iter;

void sweep_iter_init(sweep_iter *it, const sweep_axis *axes, size_t n_axes);
/* Moves to the next variant (the first one on the first call). Returns 1 on a variant,
 * 0 when every variant has been visited. Only the axes whose value changed get a new
 * assignment text. */
int sweep_iter_next(sweep_iter *it);
void sweep_iter_clear(sweep_iter *it);

#endif
