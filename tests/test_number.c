/* Tests for number.c: the number syntax of SPEC §3, every example it gives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "number.h"

typedef struct {
    const char *text;
    number_kind kind;
    const char *expected;   /* canonical "n" or "n/d" for mpq_set_str */
    bool percent;
    bool money;
} valid_case;

typedef struct {
    const char *text;
    number_kind kind;
    const char *message_part;  /* a piece of the message that says what is wrong */
} invalid_case;

/* U+2212 MINUS SIGN, U+00A0 NO-BREAK SPACE, U+202F NARROW NO-BREAK SPACE, € in UTF-8. */
#define MINUS "\xE2\x88\x92"
#define NBSP "\xC2\xA0"
#define NNBSP "\xE2\x80\xAF"
#define EURO "\xE2\x82\xAC"

static const valid_case valid_cases[] = {
    /* SPEC §3's own examples. */
    { "2 400", NUMBER_MONEY, "2400", false, false },
    { "2400,00 " EURO, NUMBER_MONEY, "2400", false, true },         /* 240000/100 */
    { "13,7", NUMBER_PLAIN, "137/10", false, false },
    { "13.7", NUMBER_PLAIN, "137/10", false, false },
    { "23,4 %", NUMBER_RATIO, "117/500", true, false },             /* 234/10/100 = 234/1000 */
    { "2/3", NUMBER_PLAIN, "2/3", false, false },
    { "2/3 %", NUMBER_RATIO, "1/150", true, false },                /* 2/300 */
    { "12 34", NUMBER_PLAIN, "1234", false, false },
    { "0,234", NUMBER_RATIO, "117/500", false, false },             /* side_costs = 0,234 */
    { "60", NUMBER_RATIO, "60", false, false },                     /* weight = 60 is 6 000 % */
    /* Signs. */
    { MINUS "5", NUMBER_PLAIN, "-5", false, false },
    { "+5", NUMBER_PLAIN, "5", false, false },
    { "-59 000,00 " EURO, NUMBER_MONEY, "-59000", false, true },
    { "-2/3", NUMBER_PLAIN, "-2/3", false, false },
    { "-0", NUMBER_PLAIN, "0", false, false },
    /* Groups: space, NBSP, NNBSP, '_', any size. */
    { "1 234 567,89 EUR", NUMBER_MONEY, "123456789/100", false, true },
    { "1" NBSP "234" NBSP "567", NUMBER_MONEY, "1234567", false, false },
    { "1" NNBSP "234,5" NNBSP EURO, NUMBER_MONEY, "2469/2", false, true },  /* 12345/10 */
    { "1_000", NUMBER_PLAIN, "1000", false, false },
    { "1_0_0", NUMBER_PLAIN, "100", false, false },
    { "1 000_000", NUMBER_PLAIN, "1000000", false, false },
    /* Suffixes: no blank, several blanks, EUR in any case, % on a measure. */
    { "5" EURO, NUMBER_MONEY, "5", false, true },
    { "5EUR", NUMBER_MONEY, "5", false, true },
    { "5 eur", NUMBER_MONEY, "5", false, true },
    { "5  " EURO, NUMBER_MONEY, "5", false, true },
    { "31,5 %", NUMBER_MEASURE, "63/200", true, false },            /* 315/1000 */
    { "148 " EURO, NUMBER_MEASURE, "148", false, true },
    { "-2,0 %", NUMBER_RATIO, "-1/50", true, false },               /* -20/1000 */
    { "100%", NUMBER_RATIO, "1", true, false },
    /* Fractions with decimals and blanks around '/'; a suffix after b. */
    { "2,5/0,5", NUMBER_PLAIN, "5", false, false },                 /* 25/10 ÷ 5/10 */
    { "1/3 " EURO, NUMBER_MONEY, "1/3", false, true },
    { "2 / 3", NUMBER_PLAIN, "2/3", false, false },
    { "1_000/3", NUMBER_PLAIN, "1000/3", false, false },
    { "1/3 000", NUMBER_PLAIN, "1/3000", false, false },
    { "2/4", NUMBER_PLAIN, "1/2", false, false },                   /* canonicalised */
    /* Blanks around the whole value; leading zeros; more than two decimals. */
    { " \t 42 \t", NUMBER_PLAIN, "42", false, false },
    { NBSP "42" NBSP, NUMBER_PLAIN, "42", false, false },
    { "007", NUMBER_PLAIN, "7", false, false },
    { "0,125", NUMBER_MONEY, "1/8", false, false },
    { "1.234", NUMBER_PLAIN, "617/500", false, false },             /* '.' is a decimal point */
    /* Longer than one 9-digit chunk, within ±10^15: 123456789012345,12345678901234567
     * = 12345678901234512345678901234567 / 10^17 (odd and not a multiple of 5). */
    { "123456789012345,12345678901234567", NUMBER_PLAIN,
      "12345678901234512345678901234567/100000000000000000", false, false },
    /* SPEC §7.5: the bounds themselves are accepted: ±10^15, 10^-15, and 10^17 % = 10^15. */
    { "1 000 000 000 000 000 " EURO, NUMBER_MONEY, "1000000000000000", false, true },
    { "-1 000 000 000 000 000", NUMBER_MONEY, "-1000000000000000", false, false },
    { "0,000000000000001", NUMBER_PLAIN, "1/1000000000000000", false, false },
    { "100 000 000 000 000 000 %", NUMBER_RATIO, "1000000000000000", true, false },
    { "1/1000000000000000", NUMBER_PLAIN, "1/1000000000000000", false, false },
    /* Either side of 2^49 = 562 949 953 421 312, where number_check_size stops taking
     * its fast path (both parts below 2^49) and compares with 10^±15. */
    { "562 949 953 421 311", NUMBER_PLAIN, "562949953421311", false, false },
    { "562 949 953 421 312", NUMBER_PLAIN, "562949953421312", false, false },
    { "1/562949953421312", NUMBER_PLAIN, "1/562949953421312", false, false },
    { "999 999 999 999 999,5", NUMBER_PLAIN, "1999999999999999/2", false, false },
};

static const invalid_case invalid_cases[] = {
    /* SPEC §3's own examples. */
    { "1,234.5", NUMBER_PLAIN, "more than one ',' or '.'" },
    { "1.234,5", NUMBER_PLAIN, "more than one ',' or '.'" },
    { "1e5", NUMBER_PLAIN, "exponent" },
    { "12,,3", NUMBER_PLAIN, "digits on both sides" },
    { ",5", NUMBER_PLAIN, "digits on both sides" },
    { "5,", NUMBER_PLAIN, "digits on both sides" },
    { "1/0", NUMBER_PLAIN, "division by zero" },
    { "abc", NUMBER_PLAIN, "not a number" },
    { "", NUMBER_PLAIN, "empty value" },
    { "   ", NUMBER_MONEY, "empty value" },
    { "5 %", NUMBER_MONEY, "'%' is only allowed on ratio keys" },
    { "5 " EURO, NUMBER_RATIO, "money suffix" },
    { "1  000", NUMBER_PLAIN, "stand alone between two digits" },
    { "1 000 %", NUMBER_PLAIN, "no suffix" },
    { "5 " EURO " %", NUMBER_MEASURE, "at most one suffix" },
    { "5 " EURO " EUR", NUMBER_MONEY, "at most one suffix" },
    /* More of the same family. */
    { EURO, NUMBER_MONEY, "missing before the suffix" },
    { "%", NUMBER_RATIO, "missing before the suffix" },
    { "-", NUMBER_PLAIN, "a sign needs a number" },
    { MINUS, NUMBER_PLAIN, "a sign needs a number" },
    { "--5", NUMBER_PLAIN, "more than one sign" },
    { "+-5", NUMBER_PLAIN, "more than one sign" },
    { "- 5", NUMBER_PLAIN, "between the sign and the digits" },
    { "5-", NUMBER_PLAIN, "a sign goes before" },
    { "_1", NUMBER_PLAIN, "stand alone" },
    { "1_", NUMBER_PLAIN, "stand alone" },
    { "1__000", NUMBER_PLAIN, "stand alone" },
    { "1 _000", NUMBER_PLAIN, "stand alone" },
    { "1\t000", NUMBER_PLAIN, "stand alone" },                       /* a tab does not group */
    { "1,5 6", NUMBER_PLAIN, "after the decimal separator" },
    { "1,234_5", NUMBER_PLAIN, "after the decimal separator" },
    { "1,2,3", NUMBER_PLAIN, "more than one ',' or '.'" },
    { "1.5e3", NUMBER_PLAIN, "exponent" },
    { "1E-5", NUMBER_PLAIN, "exponent" },
    { "1/0,00", NUMBER_PLAIN, "division by zero" },
    { "2/-3", NUMBER_PLAIN, "takes no sign" },
    { "2/", NUMBER_PLAIN, "digits on both sides of '/'" },
    { "/3", NUMBER_PLAIN, "digits on both sides of '/'" },
    { "2/3/4", NUMBER_PLAIN, "only one '/'" },
    { "1 2/3", NUMBER_PLAIN, "ambiguous" },                          /* not 12/3, not 5/3 */
    { EURO " 5", NUMBER_MONEY, "missing before the suffix" },
    { "5 euros", NUMBER_MONEY, "unexpected text" },
    { "5 " EURO " x", NUMBER_MONEY, "unexpected text" },
    { "0x10", NUMBER_PLAIN, "unexpected text" },
    { "5 " EURO, NUMBER_PLAIN, "no suffix" },
    { "5 %", NUMBER_PLAIN, "no suffix" },
    /* SPEC §7.5: beyond ±10^15, or nearer 0 than 10^-15 (10^15 + 0,01; 10^-16; 2/10^16). */
    { "1 000 000 000 000 000,01", NUMBER_MONEY, "beyond ±10^15" },
    { "-1 000 000 000 000 001 " EURO, NUMBER_MONEY, "beyond ±10^15" },
    { "100 000 000 000 000 001 %", NUMBER_RATIO, "beyond ±10^15" },
    { "2000000000000000/1,5", NUMBER_PLAIN, "beyond ±10^15" },     /* 1,33… × 10^15 */
    { "0,0000000000000001", NUMBER_PLAIN, "too close to 0" },
    { "2/10000000000000001", NUMBER_PLAIN, "too close to 0" },      /* 2/(10^16 + 1) < 10^-15 */
};

static void test_valid_examples(void **state)
{
    (void)state;
    mpq_t value, expected;
    mpq_init(value);
    mpq_init(expected);
    for (size_t i = 0; i < sizeof valid_cases / sizeof valid_cases[0]; i++) {
        const valid_case *c = &valid_cases[i];
        number_info info = { !c->percent, !c->money };  /* wrong on purpose: must be set */
        const char *err = number_parse(value, c->text, c->kind, &info);
        assert_int_equal(mpq_set_str(expected, c->expected, 10), 0);
        mpq_canonicalize(expected);
        if (err || mpq_cmp(value, expected) != 0 || info.percent != c->percent ||
            info.money != c->money) {
            print_error("case %zu '%s': err=%s value=", i, c->text, err ? err : "(none)");
            gmp_fprintf(stderr, "%Qd expected %Qd percent=%d money=%d\n", value, expected,
                        info.percent, info.money);
            fail();
        }
        /* The result is canonical: the parser canonicalised it itself. */
        assert_int_equal(mpz_sgn(mpq_denref(value)), 1);
    }
    mpq_clear(value);
    mpq_clear(expected);
}

static void test_invalid_examples(void **state)
{
    (void)state;
    mpq_t value;
    mpq_init(value);
    for (size_t i = 0; i < sizeof invalid_cases / sizeof invalid_cases[0]; i++) {
        const invalid_case *c = &invalid_cases[i];
        mpq_set_ui(value, 7, 1);
        number_info info = { true, true };
        const char *err = number_parse(value, c->text, c->kind, &info);
        if (!err || !strstr(err, c->message_part)) {
            print_error("case %zu '%s': got %s, wanted a message with \"%s\"\n", i, c->text,
                        err ? err : "success", c->message_part);
            fail();
        }
        /* On failure out is 0 and info says nothing was recognised. */
        assert_int_equal(mpq_sgn(value), 0);
        assert_int_equal(mpz_cmp_ui(mpq_denref(value), 1), 0);
        assert_false(info.percent);
        assert_false(info.money);
    }
    mpq_clear(value);
}

/* info may be NULL; NULL text is an empty value. */
static void test_null_info_and_text(void **state)
{
    (void)state;
    mpq_t value;
    mpq_init(value);
    assert_null(number_parse(value, "1 234,5 %", NUMBER_RATIO, NULL));
    assert_int_equal(mpq_cmp_ui(value, 12345, 1000), 0);  /* 1234,5 % = 12345/10 ÷ 100 */
    assert_non_null(number_parse(value, NULL, NUMBER_PLAIN, NULL));
    assert_int_equal(mpq_sgn(value), 0);
    mpq_clear(value);
}

/* The same value however it is written: 2 400 € = 2400,00 = 240000 % = 4800/2. */
static void test_spellings_agree(void **state)
{
    (void)state;
    static const char *const spellings[] = {
        "2 400", "2400,00 " EURO, "2_400.0", "4800/2", "4_800/2,0", "240000 %", "2" NBSP "400EUR",
    };
    mpq_t value, expected;
    mpq_init(value);
    mpq_init(expected);
    mpq_set_ui(expected, 2400, 1);
    for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
        const char *err = number_parse(value, spellings[i], NUMBER_MEASURE, NULL);
        if (err || mpq_cmp(value, expected) != 0) {
            print_error("spelling '%s': %s\n", spellings[i], err ? err : "wrong value");
            fail();
        }
    }
    mpq_clear(value);
    mpq_clear(expected);
}

/* NUMBER_MAX_DIGITS: "0," and 999 more digits (1 000 in all, value 10^-15) is accepted,
 * one digit more is refused; 5 000 000 digits are refused without building the number
 * (10^400 and a 10 000-digit amount were INF cells before, issue 8). */
static void test_digit_limit(void **state)
{
    (void)state;
    size_t big = 5000000;
    char *text = malloc(big + 3);
    assert_non_null(text);
    memcpy(text, "0,", 2);
    memset(text + 2, '0', 999);
    text[2 + 14] = '1';                     /* 0,000000000000001 then zeros */
    text[2 + 999] = '\0';
    mpq_t value;
    mpq_init(value);
    assert_null(number_parse(value, text, NUMBER_PLAIN, NULL));
    assert_int_equal(mpq_cmp_ui(value, 1, 1000000000000000UL), 0);
    text[2 + 999] = '0';
    text[2 + 1000] = '\0';
    assert_non_null(strstr(number_parse(value, text, NUMBER_PLAIN, NULL), "1 000 digits"));
    memset(text, '9', big);
    text[big] = '\0';
    assert_non_null(strstr(number_parse(value, text, NUMBER_MONEY, NULL), "1 000 digits"));
    assert_int_equal(mpq_sgn(value), 0);
    mpq_clear(value);
    free(text);
}

static void test_is_whole(void **state)
{
    (void)state;
    mpq_t value;
    mpq_init(value);
    assert_null(number_parse(value, "2 400,00", NUMBER_MONEY, NULL));
    assert_true(number_is_whole(value));          /* 240000/100 = 2400/1 */
    assert_null(number_parse(value, "13,7", NUMBER_PLAIN, NULL));
    assert_false(number_is_whole(value));         /* 137/10 */
    assert_null(number_parse(value, "-6/3", NUMBER_PLAIN, NULL));
    assert_true(number_is_whole(value));          /* -2 */
    assert_null(number_parse(value, "50 %", NUMBER_RATIO, NULL));
    assert_false(number_is_whole(value));         /* 1/2 */
    mpq_clear(value);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_examples),
        cmocka_unit_test(test_invalid_examples),
        cmocka_unit_test(test_null_info_and_text),
        cmocka_unit_test(test_spellings_agree),
        cmocka_unit_test(test_is_whole),
        cmocka_unit_test(test_digit_limit),
    };
    return cmocka_run_group_tests_name("number", tests, NULL, NULL);
}
