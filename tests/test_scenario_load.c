/* Tests of scenario_load: line numbers, extends/remove, --set, case and comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "scenario_load.h"

#define DATA "tests/data/load/"

static void assert_q(mpq_srcptr value, const char *expected)
{
    mpq_t e;
    mpq_init(e);
    mpq_set_str(e, expected, 10);
    mpq_canonicalize(e);
    if (!mpq_equal(value, e)) {
        gmp_fprintf(stderr, "expected %s, got %Qd\n", expected, value);
        fail();
    }
    mpq_clear(e);
}

static const staff_line *staff(const scenario *s, const char *id)
{
    for (size_t i = 0; i < s->n_staff; i++)
        if (strcmp(s->staff[i].id, id) == 0)
            return &s->staff[i];
    return NULL;
}

static void test_extends_replaces_keys_and_removes_sections(void **state)
{
    (void)state;
    diag_list diags = { 0 };
    scenario *s = scenario_load(DATA "child.ini", NULL, 0, &diags);
    diag_print(&diags, stderr);
    assert_non_null(s);
    assert_string_equal(s->id, "load-child");
    assert_string_equal(s->name, "Child");
    /* the period is inherited */
    assert_int_equal(s->start, 2021 * 12 + 2);
    assert_int_equal(s->n_months, 10);
    /* coaches: fte from the child, the rest from the parent */
    const staff_line *coaches = staff(s, "staff.coaches");
    if (!coaches)
        fail_msg("staff.coaches missing");
    assert_q(coaches->fte, "8");
    assert_q(coaches->monthly_salary, "3000");
    assert_q(coaches->side_costs, "1/5");
    assert_true(coaches->coach);
    /* planners removed by `remove = yes` */
    assert_null(staff(s, "staff.planners"));
    assert_int_equal(s->n_staff, 1);
    assert_int_equal(s->n_premises, 1);
    /* sources: the child first, then its parent */
    assert_int_equal(s->n_sources, 2);
    assert_string_equal(s->sources[0].path, DATA "child.ini");
    assert_string_equal(s->sources[1].path, DATA "base.ini");
    /* the inputs are resolved: no planners, coaches.fte = 8, sorted by path */
    int saw_fte = 0;
    for (size_t i = 0; i < s->n_inputs; i++) {
        assert_null(strstr(s->inputs[i].path, "planners"));
        if (strcmp(s->inputs[i].path, "staff.coaches.fte") == 0) {
            assert_string_equal(s->inputs[i].value, "8");
            saw_fte = 1;
        }
        if (i)
            assert_true(strcmp(s->inputs[i - 1].path, s->inputs[i].path) < 0);
    }
    assert_true(saw_fte);
    scenario_free(s);
    diag_list_clear(&diags);
}

static void test_set_overrides_and_reports_by_position(void **state)
{
    (void)state;
    diag_list diags = { 0 };
    const char *sets[] = { "staff.coaches.fte=7,5", "premises.module.monthly_rent = 3 000" };
    scenario *s = scenario_load(DATA "base.ini", sets, 2, &diags);
    assert_non_null(s);
    assert_q(staff(s, "staff.coaches")->fte, "15/2");
    assert_q(s->premises[0].monthly_rent, "3000");
    assert_non_null(s->overrides_text);
    scenario_free(s);
    diag_list_clear(&diags);

    /* A misspelt key given with --set is named by the --set's position. */
    const char *bad[] = { "staff.coaches.fte=7", "staff.coaches.fet=7" };
    s = scenario_load(DATA "base.ini", bad, 2, &diags);
    assert_null(s);
    assert_int_equal(diag_error_count(&diags), 1);
    assert_string_equal(diags.items[0].file, "--set");
    assert_int_equal(diags.items[0].line, 2);
    assert_string_equal(diags.items[0].path, "staff.coaches.fet");
    assert_non_null(strstr(diags.items[0].message, "did you mean 'fte'"));
    diag_list_clear(&diags);
}

static void test_case_quotes_and_comments(void **state)
{
    (void)state;
    diag_list diags = { 0 };
    scenario *s = scenario_load(DATA "Mixed.ini", NULL, 0, &diags);
    diag_print(&diags, stderr);
    assert_non_null(s);
    assert_string_equal(s->id, "mixed-case");
    assert_string_equal(s->name, "Name; with a semicolon");
    assert_int_equal(s->n_months, 2);
    assert_q(staff(s, "staff.coaches")->monthly_salary, "1000");
    scenario_free(s);
    diag_list_clear(&diags);
}

static void test_missing_file_is_one_error(void **state)
{
    (void)state;
    diag_list diags = { 0 };
    scenario *s = scenario_load(DATA "no-such-file.ini", NULL, 0, &diags);
    assert_null(s);
    assert_int_equal(diag_error_count(&diags), 1);
    assert_non_null(strstr(diags.items[0].message, "cannot read"));
    diag_list_clear(&diags);
}

/* The same source builds many variants (sweeps) without re-reading the files. */
static void test_source_builds_variants(void **state)
{
    (void)state;
    diag_list diags = { 0 };
    scenario_source *src = scenario_source_read(DATA "base.ini", &diags);
    assert_non_null(src);
    for (int fte = 1; fte <= 3; fte++) {
        char set[64];
        snprintf(set, sizeof set, "staff.coaches.fte=%d", fte);
        const char *sets[] = { set };
        scenario *s = scenario_source_build(src, sets, 1, &diags);
        assert_non_null(s);
        char expected[8];
        snprintf(expected, sizeof expected, "%d", fte);
        assert_q(staff(s, "staff.coaches")->fte, expected);
        /* the base is untouched: planners still 2 */
        assert_q(staff(s, "staff.planners")->fte, "2");
        scenario_free(s);
    }
    scenario_source_free(src);
    assert_int_equal(diag_error_count(&diags), 0);
    diag_list_clear(&diags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_extends_replaces_keys_and_removes_sections),
        cmocka_unit_test(test_set_overrides_and_reports_by_position),
        cmocka_unit_test(test_case_quotes_and_comments),
        cmocka_unit_test(test_missing_file_is_one_error),
        cmocka_unit_test(test_source_builds_variants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
