/*
 * month — strict "YYYY-MM" months and "YYYY-MM-DD" dates (SPEC §3: months are
 * YYYY-MM; SPEC §4: `date` is a report date). No sscanf: it would accept "2021-3",
 * " 2021-03" and "2021-03x".
 */
#include "month.h"

#include <stddef.h>

enum { YEAR_MIN = 1900, YEAR_MAX = 9999 };

/* Reads exactly `count` ASCII digits at text into *value; false if any is not a digit. */
static bool read_fixed_digits(const char *text, int count, int *value)
{
    int result = 0;
    for (int i = 0; i < count; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        result = result * 10 + (text[i] - '0');
    }
    *value = result;
    return true;
}

/* Year and month of "YYYY-MM" at the start of text; the caller checks what follows. */
static bool read_year_month(const char *text, int *year, int *month)
{
    return read_fixed_digits(text, 4, year) && text[4] == '-' &&
           read_fixed_digits(text + 5, 2, month) && *year >= YEAR_MIN && *year <= YEAR_MAX &&
           *month >= 1 && *month <= 12;
}

bool month_is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int month_days_in(int year, int month)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return month == 2 && month_is_leap_year(year) ? 29 : days[month - 1];
}

bool month_parse(const char *text, month_t *out)
{
    int year, month;
    if (!text || !read_year_month(text, &year, &month) || text[7] != '\0')
        return false;
    *out = month_make(year, month);
    return true;
}

bool date_parse(const char *text, int *year, int *month, int *day)
{
    int y, m, d;
    if (!text || !read_year_month(text, &y, &m) || text[7] != '-' ||
        !read_fixed_digits(text + 8, 2, &d) || text[10] != '\0')
        return false;
    if (d < 1 || d > month_days_in(y, m))
        return false;
    *year = y;
    *month = m;
    *day = d;
    return true;
}

void month_format(month_t m, char buf[static 8])
{
    int year = month_year(m);
    int month = month_number(m);
    /* Written digit by digit: the year is 1900..9999 for any parsed month, and this
     * keeps the output within 8 bytes even for a value that was not parsed. */
    if (year < 0 || year > 9999 || m < 0) {
        buf[0] = '?';
        buf[1] = '\0';
        return;
    }
    buf[0] = (char)('0' + year / 1000);
    buf[1] = (char)('0' + year / 100 % 10);
    buf[2] = (char)('0' + year / 10 % 10);
    buf[3] = (char)('0' + year % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + month / 10);
    buf[6] = (char)('0' + month % 10);
    buf[7] = '\0';
}
