/*
 * raw_rows — what the raw libxlsxwriter peers of `tkk run` share (bench_raw_xlsx.c,
 * bench_raw_table.c): a clock, the CSV's numbers as doubles, and the rows of a projects
 * CSV (tests/bench/gen_projects.py) or, without one, 10 000 made-up rows of its shape.
 *
 *     char line[4096], copy[4096], *fields[32];
 *     unsigned long made_up = 0;
 *     while (raw_next_line(in, line, sizeof line, &made_up)) {
 *         int n = raw_split(line, copy, fields, 32);   // fields point into copy
 *         ...
 *     }
 * (static inline: each peer is its own program and uses what it needs.)
 */
#ifndef TKK_BENCH_RAW_ROWS_H
#define TKK_BENCH_RAW_ROWS_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* "21,8 %" → 0.218; "1071300" → 1071300. */
static inline double number(const char *text)
{
    char buf[64];
    size_t o = 0;
    int percent = 0;
    for (const char *p = text; *p && o + 1 < sizeof buf; p++) {
        if (*p == ',')
            buf[o++] = '.';
        else if (*p == '%')
            percent = 1;
        else if (*p != ' ')
            buf[o++] = *p;
    }
    buf[o] = '\0';
    double v = strtod(buf, NULL);
    return percent ? v / 100 : v;
}

/* The next line of in (without its line end), or with in NULL the next of 10 000
 * made-up rows; false at the end. */
static inline bool raw_next_line(FILE *in, char *line, size_t size, unsigned long *made_up)
{
    if (in) {
        if (!fgets(line, (int)size, in))
            return false;
        line[strcspn(line, "\r\n")] = '\0';
        return true;
    }
    if (*made_up == 10000)
        return false;
    unsigned long m = (*made_up)++;
    snprintf(line, size, "p%06lu;Hanke %lu;%lu;%lu,%lu %%;%lu,%lu %%;%lu", m + 1, m + 1,
             100000 + m * 37 % 1000000, m % 50, m % 10, m % 30, m % 7, m % 60);
    return true;
}

/* The ';'-separated fields of line, copied into copy (as large as line); their count. */
static inline int raw_split(const char *line, char *copy, char **fields, int max)
{
    strcpy(copy, line);
    int n = 0;
    for (char *p = copy, *f = copy; n < max; p++)
        if (*p == ';' || *p == '\0') {
            int end = *p == '\0';
            *p = '\0';
            fields[n++] = f;
            f = p + 1;
            if (end)
                break;
        }
    return n;
}

#endif
