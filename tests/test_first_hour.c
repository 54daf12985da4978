/* Tests for the pieces of SPEC §7.3: input_words.c (Finnish spellings), number.c's
 * per-unit message, export_text.c (exact values as text), ledger_csv.c's months and
 * csv_reader.c's positions, diag.c under --strict. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv_reader.h"
#include "diag.h"
#include "export_text.h"
#include "input_file.h"
#include "input_words.h"
#include "month.h"
#include "number.h"

/* STATIC helper of ledger_csv.c (visible under -DTESTING). */
bool ledger_month_parse(const char *text, month_t *out);

static void test_words(void **state)
{
    (void)state;
    bool b = false;
    assert_true(input_bool("kyllä", &b) && b);
    assert_true(input_bool("KYLLÄ", &b) && b);     /* Ä folds to ä */
    assert_true(input_bool("Yes", &b) && b);
    assert_true(input_bool("EI", &b) && !b);
    assert_false(input_bool("joo", &b));
    assert_false(input_bool("kyll", &b));
    payer p = PAYER_MUNICIPALITY;
    assert_true(input_payer("Valtio", &p) && p == PAYER_STATE);
    assert_true(input_payer("KUNTA", &p) && p == PAYER_MUNICIPALITY);
    assert_false(input_payer("kaupunki", &p));
    assert_int_equal(input_category("HENKILÖSTÖ", strlen("HENKILÖSTÖ")), CAT_PERSONNEL);
    assert_int_equal(input_category("Toimitilat", 10), CAT_PREMISES);
    assert_int_equal(input_category("muut.2021", 4), CAT_OTHER);   /* the prefix only */
    assert_int_equal(input_category("other", 5), CAT_OTHER);
    assert_int_equal(input_category("muu", 3), -1);
    kpi_operator op;
    size_t len;
    assert_true(input_kpi_operator("≤ 150", &op, &len) && op == KPI_LE && len == 3);
    assert_true(input_kpi_operator("≥150", &op, &len) && op == KPI_GE && len == 3);
    assert_true(input_kpi_operator("<= 1", &op, &len) && op == KPI_LE && len == 2);
    assert_true(input_kpi_operator("< 1", &op, &len) && op == KPI_LT && len == 1);
    assert_false(input_kpi_operator("150", &op, &len));
}

static void test_per_unit_message(void **state)
{
    (void)state;
    mpq_t v;
    mpq_init(v);
    const char *err = number_parse(v, "3 300 €/kk", NUMBER_MONEY, NULL);
    assert_non_null(err);
    assert_non_null(strstr(err, "already says it"));
    err = number_parse(v, "3300/kk", NUMBER_MONEY, NULL);
    assert_non_null(err);
    assert_non_null(strstr(err, "already says it"));
    err = number_parse(v, "3 300/kk", NUMBER_MONEY, NULL);   /* not "1 2/3 is ambiguous" */
    assert_non_null(strstr(err, "already says it"));
    err = number_parse(v, "2/3/4", NUMBER_RATIO, NULL);      /* a real second '/' */
    assert_non_null(strstr(err, "only one '/'"));
    assert_null(number_parse(v, "2/3", NUMBER_RATIO, NULL));
    mpq_clear(v);
}

static void expect_exact(const char *input, bool money, const char *want)
{
    mpq_t v;
    mpq_init(v);
    assert_int_equal(mpq_set_str(v, input, 10), 0);
    mpq_canonicalize(v);
    char *got = export_exact(v, money);
    assert_string_equal(got, want);
    free(got);
    mpq_clear(v);
}

static void test_export_exact(void **state)
{
    (void)state;
    expect_exact("-5900000/100", true, "-59000.00");   /* money: two decimals */
    expect_exact("1421/9", false, "1421/9");           /* 157,888… does not terminate */
    expect_exact("3/20", false, "0.15");               /* 15 % */
    expect_exact("1/200", true, "0.005");              /* an exact money below a cent */
    expect_exact("0", true, "0.00");
    expect_exact("-1/8", false, "-0.125");
    expect_exact("2021", false, "2021");
    expect_exact("71/9", false, "71/9");
    expect_exact("5/1", true, "5.00");
}

static void test_ledger_months(void **state)
{
    (void)state;
    month_t m;
    assert_true(ledger_month_parse("2021-03", &m) && m == 2021 * 12 + 2);
    assert_true(ledger_month_parse("2021-03-31", &m) && m == 2021 * 12 + 2);
    assert_true(ledger_month_parse("31.3.2021", &m) && m == 2021 * 12 + 2);
    assert_true(ledger_month_parse("01.12.2021", &m) && m == 2021 * 12 + 11);
    assert_true(ledger_month_parse("29.2.2024", &m) && m == 2024 * 12 + 1);   /* leap year */
    assert_false(ledger_month_parse("29.2.2023", &m));
    assert_false(ledger_month_parse("31.11.2021", &m));
    assert_false(ledger_month_parse("1.13.2021", &m));
    assert_false(ledger_month_parse("2021-13", &m));
    assert_false(ledger_month_parse("3/2021", &m));
    assert_false(ledger_month_parse("1.3.21", &m));
    assert_false(ledger_month_parse("", &m));
}

static void test_csv_position(void **state)
{
    (void)state;
    const char text[] = "a;b\nhenkilöstö;\xf6";
    int line, column;
    size_t bad = input_utf8_valid_prefix((const unsigned char *)text, strlen(text));
    assert_int_equal(bad, strlen(text) - 1);
    csv_position(text, bad, &line, &column);
    /* line 2: "henkilöstö;" is 11 characters (13 bytes), so the bad byte is column 12 */
    assert_int_equal(line, 2);
    assert_int_equal(column, 12);
}

static void test_strict(void **state)
{
    (void)state;
    diag_list list = { 0 };
    diag_warning(&list, "a.ini", 3, "x.y", "a ratio above 1");
    assert_int_equal(diag_error_count(&list), 0);
    diag_set_strict(true);
    diag_warning(&list, "a.ini", 4, "x.y", "a ratio above 1");
    diag_set_strict(false);
    assert_int_equal(diag_error_count(&list), 1);
    assert_non_null(strstr(list.items[1].message, "error under --strict"));
    diag_list_clear(&list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_per_unit_message),
        cmocka_unit_test(test_export_exact),
        cmocka_unit_test(test_ledger_months),
        cmocka_unit_test(test_csv_position),
        cmocka_unit_test(test_strict),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
