/* Tests for month.c: strict YYYY-MM months and YYYY-MM-DD dates (SPEC §3, §4). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "month.h"

static void test_month_parse_valid(void **state)
{
    (void)state;
    month_t m = -1;
    assert_true(month_parse("2021-03", &m));
    assert_int_equal(m, 2021 * 12 + 2);          /* 24254 */
    assert_int_equal(month_year(m), 2021);
    assert_int_equal(month_number(m), 3);
    assert_true(month_parse("2021-12", &m));
    assert_int_equal(m, 2021 * 12 + 11);
    assert_int_equal(month_number(m), 12);
    assert_true(month_parse("2022-01", &m));
    assert_int_equal(m, 2021 * 12 + 12);         /* the month after 2021-12 */
    assert_true(month_parse("1900-01", &m));
    assert_int_equal(m, 1900 * 12);
    assert_true(month_parse("9999-12", &m));
    assert_int_equal(m, 9999 * 12 + 11);
    assert_int_equal(month_make(2021, 3), 2021 * 12 + 2);
}

static void test_month_parse_invalid(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", "2021", "2021-3", "2021-003", "21-03", "2021-00", "2021-13", "2021/03",
        "2021-03 ", " 2021-03", "2021-03-01", "2021-1a", "1899-12", "10000-01", "+021-03",
        "-2021-03", "2021--3", "2021-0", "abcd-ef",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        month_t m = 12345;
        if (month_parse(bad[i], &m)) {
            print_error("'%s' was accepted\n", bad[i]);
            fail();
        }
        assert_int_equal(m, 12345);              /* untouched on failure */
    }
    month_t m;
    assert_false(month_parse(NULL, &m));
}

static void test_month_format(void **state)
{
    (void)state;
    char buf[8];
    month_format(month_make(2021, 3), buf);
    assert_string_equal(buf, "2021-03");
    month_format(month_make(2021, 12), buf);
    assert_string_equal(buf, "2021-12");
    month_format(month_make(2021, 12) + 1, buf);  /* 2021-12 + 1 month */
    assert_string_equal(buf, "2022-01");
    month_format(month_make(1900, 1), buf);
    assert_string_equal(buf, "1900-01");
    /* Round trip over every month of a few years. */
    for (int year = 1999; year <= 2001; year++)
        for (int month = 1; month <= 12; month++) {
            month_t m = month_make(year, month), back = -1;
            month_format(m, buf);
            assert_true(month_parse(buf, &back));
            assert_int_equal(back, m);
        }
}

static void test_date_parse(void **state)
{
    (void)state;
    int y = 0, m = 0, d = 0;
    assert_true(date_parse("2022-03-31", &y, &m, &d));
    assert_int_equal(y, 2022);
    assert_int_equal(m, 3);
    assert_int_equal(d, 31);
    /* Leap years: 2024 (÷4), 2000 (÷400) have 29 February; 2023, 1900 (÷100) do not. */
    assert_true(date_parse("2024-02-29", &y, &m, &d));
    assert_int_equal(d, 29);
    assert_true(date_parse("2000-02-29", &y, &m, &d));
    assert_true(date_parse("2021-12-31", &y, &m, &d));
    assert_true(date_parse("2021-03-01", &y, &m, &d));

    static const char *const bad[] = {
        "2023-02-29", "1900-02-29", "2021-04-31", "2021-06-31", "2021-09-31", "2021-11-31",
        "2021-01-32", "2021-01-00", "2021-00-10", "2021-13-01", "2021-3-1", "2021-03-1",
        "2021-03-01 ", "2021-03-01T00", "2021-03", "20210301", "2021/03/01", "",
        "1899-12-31",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        y = m = d = 7;
        if (date_parse(bad[i], &y, &m, &d)) {
            print_error("'%s' was accepted\n", bad[i]);
            fail();
        }
        assert_int_equal(y, 7);                  /* untouched on failure */
        assert_int_equal(m, 7);
        assert_int_equal(d, 7);
    }
    assert_false(date_parse(NULL, &y, &m, &d));
}

static void test_calendar(void **state)
{
    (void)state;
    assert_true(month_is_leap_year(2024));
    assert_true(month_is_leap_year(2000));
    assert_false(month_is_leap_year(1900));
    assert_false(month_is_leap_year(2023));
    assert_int_equal(month_days_in(2024, 2), 29);
    assert_int_equal(month_days_in(2023, 2), 28);
    assert_int_equal(month_days_in(2021, 4), 30);
    assert_int_equal(month_days_in(2021, 12), 31);
    /* A year has 365 or 366 days. */
    int total = 0;
    for (int month = 1; month <= 12; month++)
        total += month_days_in(2021, month);
    assert_int_equal(total, 365);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_month_parse_valid),
        cmocka_unit_test(test_month_parse_invalid),
        cmocka_unit_test(test_month_format),
        cmocka_unit_test(test_date_parse),
        cmocka_unit_test(test_calendar),
    };
    return cmocka_run_group_tests_name("month", tests, NULL, NULL);
}
