/* Tests for number_format.c: exact values as text for people in Finnish and English
 * (grouping, separators, `€`, `%`, half-up display rounding). Expected texts are worked
 * out by hand in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "number_format.h"

/* Sets q from "n/d" text and canonicalises (test input only; the program never uses
 * mpq_set_str, see STYLE.md). */
static void set_q(mpq_t q, const char *text)
{
    assert_int_equal(mpq_set_str(q, text, 10), 0);
    mpq_canonicalize(q);
}

typedef struct {
    const char *in;
    const char *fi;
    const char *en;
} format_case;

static const format_case money_cases[] = {
    { "123456/100", "1 234,56 \xE2\x82\xAC", "1,234.56 \xE2\x82\xAC" },
    { "0", "0,00 \xE2\x82\xAC", "0.00 \xE2\x82\xAC" },
    { "-59000", "-59 000,00 \xE2\x82\xAC", "-59,000.00 \xE2\x82\xAC" },
    /* 1 234 567.891 → half-up to cents 1 234 567.89 */
    { "1234567891/1000", "1 234 567,89 \xE2\x82\xAC", "1,234,567.89 \xE2\x82\xAC" },
    /* 0.05 → leading zeros kept */
    { "1/20", "0,05 \xE2\x82\xAC", "0.05 \xE2\x82\xAC" },
    /* -0.005 → half away from zero → -0.01 */
    { "-1/200", "-0,01 \xE2\x82\xAC", "-0.01 \xE2\x82\xAC" },
    /* -0.004 → 0.00, not -0.00 */
    { "-1/250", "0,00 \xE2\x82\xAC", "0.00 \xE2\x82\xAC" },
    /* 999.995 → 1 000.00: the carry adds a group */
    { "199999/200", "1 000,00 \xE2\x82\xAC", "1,000.00 \xE2\x82\xAC" },
    /* 100 000 and 1/3 */
    { "100000", "100 000,00 \xE2\x82\xAC", "100,000.00 \xE2\x82\xAC" },
    { "1/3", "0,33 \xE2\x82\xAC", "0.33 \xE2\x82\xAC" },
    { "531000", "531 000,00 \xE2\x82\xAC", "531,000.00 \xE2\x82\xAC" },
};

static void check_text(char *got, const char *expected, const char *what)
{
    assert_non_null(got);
    if (strcmp(got, expected) != 0) {
        print_error("%s: got '%s', expected '%s'\n", what, got, expected);
        free(got);
        fail();
    }
    free(got);
}

static void test_money_format(void **state)
{
    (void)state;
    mpq_t amount;
    mpq_init(amount);
    for (size_t i = 0; i < sizeof money_cases / sizeof money_cases[0]; i++) {
        set_q(amount, money_cases[i].in);
        check_text(money_format(amount, LANG_FI), money_cases[i].fi, money_cases[i].in);
        check_text(money_format(amount, LANG_EN), money_cases[i].en, money_cases[i].in);
    }
    mpq_clear(amount);
}

static void test_percent_format(void **state)
{
    (void)state;
    mpq_t ratio;
    mpq_init(ratio);
    set_q(ratio, "117/500");                      /* 0.234 → 23.4 % */
    check_text(percent_format(ratio, 2, LANG_FI), "23,4 %", "23,4 fi");
    check_text(percent_format(ratio, 2, LANG_EN), "23.4 %", "23.4 en");
    check_text(percent_format(ratio, 0, LANG_FI), "23 %", "23 %");  /* 23.4 → 23 */
    set_q(ratio, "3/4");                          /* 75 %, trailing zeros and separator dropped */
    check_text(percent_format(ratio, 2, LANG_FI), "75 %", "75 %");
    set_q(ratio, "1/3");                          /* 33.333… → 33.33 */
    check_text(percent_format(ratio, 2, LANG_FI), "33,33 %", "1/3");
    set_q(ratio, "2/3");                          /* 66.666… → 66.67, and 66.7 with 1 */
    check_text(percent_format(ratio, 2, LANG_EN), "66.67 %", "2/3 en");
    check_text(percent_format(ratio, 1, LANG_FI), "66,7 %", "2/3 1 dec");
    set_q(ratio, "-1/50");                        /* -2 % */
    check_text(percent_format(ratio, 1, LANG_FI), "-2 %", "-2 %");
    mpq_set_ui(ratio, 60, 1);                     /* weight = 60 → 6000 %, no grouping */
    check_text(percent_format(ratio, 2, LANG_EN), "6000 %", "6000 %");
    mpq_set_ui(ratio, 0, 1);
    check_text(percent_format(ratio, 2, LANG_FI), "0 %", "0 %");
    set_q(ratio, "1/200000");                     /* 0.0005 % → 0.001 with 3 decimals, half-up */
    check_text(percent_format(ratio, 3, LANG_FI), "0,001 %", "0,001 %");
    mpq_clear(ratio);
}

static void test_decimal_format(void **state)
{
    (void)state;
    mpq_t value;
    mpq_init(value);
    set_q(value, "137/10");
    check_text(decimal_format(value, 2, LANG_FI), "13,7", "13,7");
    check_text(decimal_format(value, 2, LANG_EN), "13.7", "13.7");
    set_q(value, "277/10");
    check_text(decimal_format(value, 3, LANG_FI), "27,7", "27,7");
    mpq_set_ui(value, 2842, 1);                   /* no grouping for plain decimals */
    check_text(decimal_format(value, 2, LANG_FI), "2842", "2842");
    set_q(value, "2842/19");                      /* 149.578947… → 149.58 */
    check_text(decimal_format(value, 2, LANG_FI), "149,58", "caseload");
    set_q(value, "-1/8");                         /* -0.125 → -0.13 (half away from zero) */
    check_text(decimal_format(value, 2, LANG_EN), "-0.13", "-0.125");
    mpq_clear(value);
}

static void test_amount_format(void **state)
{
    (void)state;
    mpq_t value;
    mpq_init(value);
    set_q(value, "153001/3");                     /* 51 000,333… → 4 decimals, grouped */
    check_text(amount_format(value, 4, LANG_FI), "51 000,3333", "51000 1/3 fi");
    check_text(amount_format(value, 4, LANG_EN), "51,000.3333", "51000 1/3 en");
    mpq_set_ui(value, 180000, 1);                 /* whole amounts lose their decimals */
    check_text(amount_format(value, 4, LANG_FI), "180 000", "180000");
    set_q(value, "-2500001/2");                   /* -1 250 000,5 */
    check_text(amount_format(value, 4, LANG_EN), "-1,250,000.5", "-1250000.5");
    mpq_clear(value);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_money_format),
        cmocka_unit_test(test_percent_format),
        cmocka_unit_test(test_decimal_format),
        cmocka_unit_test(test_amount_format),
    };
    return cmocka_run_group_tests_name("number_format", tests, NULL, NULL);
}
