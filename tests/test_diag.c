/* Tests of diag: the print format and order (files as first found, then line, column). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "diag.h"

static char *printed(const diag_list *list)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    diag_print(list, out);
    assert_int_equal(fclose(out), 0);
    return text;
}

static void test_format_and_order(void **state)
{
    (void)state;
    diag_list list = { 0 };
    diag_error(&list, "child.ini", 5, "staff.a.fte", "'x' is not a number");
    diag_error_at(&list, "p.csv", 3, 2, "project.a.grant", "negative");
    diag_warning(&list, "child.ini", 2, "staff.a.side_costs", "a ratio of %d %%", 2340);
    diag_error(&list, "parent.ini", 0, "", "cannot read the file");
    diag_error_at(&list, "p.csv", 3, 1, "id", "empty");
    diag_error(&list, "child.ini", 5, "staff.a.role", "missing");
    assert_int_equal(diag_error_count(&list), 5);

    char *text = printed(&list);
    assert_string_equal(text,
        "child.ini:2: staff.a.side_costs: warning: a ratio of 2340 %\n"
        "child.ini:5: staff.a.fte: 'x' is not a number\n"
        "child.ini:5: staff.a.role: missing\n"
        "p.csv:3:1: id: empty\n"
        "p.csv:3:2: project.a.grant: negative\n"
        "parent.ini: cannot read the file\n");
    free(text);
    diag_list_clear(&list);
}

static void test_empty_list_prints_nothing(void **state)
{
    (void)state;
    diag_list list = { 0 };
    char *text = printed(&list);
    assert_string_equal(text, "");
    free(text);
    diag_list_clear(&list);
}

/* diag_list_has: a variant's problem counts as the base's only when severity, file,
 * line, column, path and message are all the same (sweep and solve print the others). */
static void test_list_has(void **state)
{
    (void)state;
    diag_list base = {0}, variant = {0};
    diag_warning(&base, "a.ini", 3, "bonus.rate", "'20' is a ratio of 2 000 %%");
    diag_error_at(&base, "p.csv", 4, 2, "project.x.grant", "bad");
    diag_warning(&variant, "a.ini", 3, "bonus.rate", "'20' is a ratio of 2 000 %%");   /* same */
    diag_error(&variant, "a.ini", 3, "bonus.rate", "'20' is a ratio of 2 000 %%");     /* severity */
    diag_warning(&variant, "a.ini", 4, "bonus.rate", "'20' is a ratio of 2 000 %%");   /* line */
    diag_error_at(&variant, "p.csv", 4, 3, "project.x.grant", "bad");                 /* column */
    diag_warning(&variant, "--set", 3, "bonus.rate", "'20' is a ratio of 2 000 %%");   /* file */
    diag_warning(&variant, "a.ini", 3, "bonus.cap", "'20' is a ratio of 2 000 %%");    /* path */
    diag_warning(&variant, "a.ini", 3, "bonus.rate", "'30' is a ratio of 3 000 %%");   /* message */
    assert_true(diag_list_has(&base, &variant.items[0]));
    for (size_t i = 1; i < variant.count; i++)
        assert_false(diag_list_has(&base, &variant.items[i]));
    diag_list empty = {0};
    assert_false(diag_list_has(&empty, &variant.items[0]));
    diag_list_clear(&base);
    diag_list_clear(&variant);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_and_order),
        cmocka_unit_test(test_empty_list_prints_nothing),
        cmocka_unit_test(test_list_has),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
