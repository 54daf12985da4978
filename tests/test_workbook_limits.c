/* Unit tests of the big-round threshold and the limits check = run rule (issue 13,
 * workbook_limits.h, SPEC §7.5): `tkk check` and `tkk run` both call
 * workbook_limits_check, so what it counts must be what the Inputs sheet writes.
 *
 * The scenario is hand-built: a main INI of 2 lines and a projects CSV of
 * LXW_ROW_MAX = 1 048 576 lines, 60 projects. Inputs rows: 3 title rows, heading + 2
 * lines + blank for the INI = row 7, then the CSV's heading at row 7 and its lines from
 * row 8: 1 048 576 lines do not fit below row 8 of a 1 048 576-row sheet → one error.
 * In a big round (threshold 50 < 60) the CSV takes 3 summary rows → no error. A CSV
 * that is not the projects CSV (a ledger) is copied in a big round too → one error.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "workbook_limits.h"
#include <xlsxwriter.h>

static char *newlines(size_t n)
{
    char *text = malloc(n + 1);
    assert_non_null(text);
    memset(text, '\n', n);
    text[n] = '\0';
    return text;
}

/* s holds two sources: "main.ini" (2 lines) and the CSV of LXW_ROW_MAX lines. */
static void make(scenario *s, source_file sources[2], bool projects_csv)
{
    memset(s, 0, sizeof *s);
    sources[0] = (source_file){.path = "main.ini", .text = "a\nb\n", .length = 4};
    sources[1] = (source_file){.path = "projects.csv", .text = newlines(LXW_ROW_MAX),
                               .length = LXW_ROW_MAX, .bonus_projects = projects_csv};
    s->sources = sources;
    s->n_sources = 2;
    s->has_bonus = true;
    s->bonus.n_projects = 60;
    s->bonus.n_indicators = 1;
}

static size_t errors(const scenario *s)
{
    diag_list diags = {0};
    size_t n = workbook_limits_check(s, NULL, &diags);
    assert_int_equal(n, diag_error_count(&diags));
    diag_list_clear(&diags);
    return n;
}

static void test_threshold_and_knob(void **state)
{
    (void)state;
    unsetenv("TKK_BIG_ROUND_PROJECTS");
    assert_int_equal(workbook_big_round_threshold(), 100000);
    scenario s;
    memset(&s, 0, sizeof s);
    s.has_bonus = true;
    s.bonus.n_projects = 100000;
    assert_false(workbook_big_round(&s));          /* at the threshold: not above */
    s.bonus.n_projects = 100001;
    assert_true(workbook_big_round(&s));
    setenv("TKK_BIG_ROUND_PROJECTS", "50", 1);
    assert_int_equal(workbook_big_round_threshold(), 50);
    s.bonus.n_projects = 50;
    assert_false(workbook_big_round(&s));
    s.bonus.n_projects = 51;
    assert_true(workbook_big_round(&s));
    s.has_bonus = false;
    assert_false(workbook_big_round(&s));          /* no bonus, no big round */
    setenv("TKK_BIG_ROUND_PROJECTS", "-5", 1);     /* not a whole number ≥ 0: ignored */
    assert_int_equal(workbook_big_round_threshold(), 100000);
    setenv("TKK_BIG_ROUND_PROJECTS", "12x", 1);
    assert_int_equal(workbook_big_round_threshold(), 100000);
    unsetenv("TKK_BIG_ROUND_PROJECTS");
}

static void test_inputs_limit_follows_the_summary(void **state)
{
    (void)state;
    scenario s;
    source_file sources[2];
    make(&s, sources, true);
    unsetenv("TKK_BIG_ROUND_PROJECTS");
    assert_int_equal(errors(&s), 1);               /* 60 projects: lines copied, too many */
    setenv("TKK_BIG_ROUND_PROJECTS", "50", 1);
    assert_int_equal(errors(&s), 0);               /* big: 3 summary rows fit */
    free(sources[1].text);

    make(&s, sources, false);                      /* a ledger CSV is still copied */
    assert_int_equal(errors(&s), 1);
    free(sources[1].text);
    unsetenv("TKK_BIG_ROUND_PROJECTS");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threshold_and_knob),
        cmocka_unit_test(test_inputs_limit_follows_the_summary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
