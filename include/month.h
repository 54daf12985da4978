/*
 * month — calendar months as one integer, year × 12 + (month − 1).
 *
 *     month_t m;
 *     if (month_parse("2021-03", &m)) ...   // m == 2021*12 + 2
 *     month_year(m) == 2021, month_number(m) == 3
 */
#ifndef TKK_MONTH_H
#define TKK_MONTH_H

#include <stdbool.h>

typedef int month_t;

/* "YYYY-MM" exactly (year 1900..9999, month 01..12). */
bool month_parse(const char *text, month_t *out);
/* "YYYY-MM-DD", a real calendar date. */
bool date_parse(const char *text, int *year, int *month, int *day);
static inline int month_year(month_t m) { return m / 12; }
static inline int month_number(month_t m) { return m % 12 + 1; }
static inline month_t month_make(int year, int month) { return year * 12 + month - 1; }
/* True for a Gregorian leap year (divisible by 4, not by 100 unless by 400). */
bool month_is_leap_year(int year);
/* Days in the given month (1..12) of year: 28..31. */
int month_days_in(int year, int month);
/* Writes "YYYY-MM" into buf (at least 8 bytes). */
void month_format(month_t m, char buf[static 8]);

#endif
