/* Tests for compare.c: the metric rows of the Comparison table aligned by year, blanks
 * for missing years, the totals, FTE by payer in the last month, caseload, KPIs met,
 * the input differences, scenarios with no year in common and pilot years (SPEC §6, §7.2). The scenarios are small
 * files written to a temporary folder; expected values are worked out in comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "compare.h"
#include "vocab.h"
#include "results.h"
#include "scenario_load.h"

/* A: 2021-11 .. 2022-02, two municipal coaches at 1 000 €/month, no side costs:
 * 2 × 1 000 = 2 000 € a month, 4 000 € in each of 2021 (Nov, Dec) and 2022 (Jan, Feb).
 * state_share 50 %: grant ROUND(0,5 × 4 000) = 2 000 a year, net 2 000 a year.
 * Caseload 10 clients ÷ 2 coach FTE = 5 < 6: the KPI is met. */
static const char scenario_a[] =
    "[scenario]\n"
    "id = a\n"
    "name = Same name\n"
    "start = 2021-11\n"
    "end = 2022-02\n"
    "clients = 10\n"
    "[staff.x]\n"
    "role = Coach\n"
    "fte = 2\n"
    "monthly_salary = 1 000\n"
    "coach = yes\n"
    "[funding]\n"
    "state_share = 50 %\n"
    "[kpi.load]\n"
    "computed = caseload\n"
    "target = < 6\n";

/* B: 2022-01 .. 2023-06.
 *   staff.y: 1,5 FTE × 1 000, paid by the state, 2022 only: 1 500 a month, 18 000 in 2022.
 *   staff.z: 1 FTE × 500, municipal: 6 000 in 2022 (12 months), 3 000 in 2023 (6 months).
 *   premises.p: rent 100: 1 200 in 2022, 600 in 2023.
 * Total 2022 = 18 000 + 6 000 + 1 200 = 25 200; 2023 = 3 000 + 600 = 3 600; Σ 28 800.
 * Municipal 2022 = 7 200, 2023 = 3 600. No grant. FTE municipality 1 in Dec 2022 and
 * Jun 2023; FTE state 1,5 in Dec 2022, 0 in Jun 2023. No clients, no KPIs. */
static const char scenario_b[] =
    "[scenario]\n"
    "id = b\n"
    "name = Same name\n"
    "start = 2022-01\n"
    "end = 2023-06\n"
    "[staff.y]\n"
    "role = State coach\n"
    "fte = 1,5\n"
    "monthly_salary = 1 000\n"
    "payer = state\n"
    "coach = yes\n"
    "end = 2022-12\n"
    "[staff.z]\n"
    "role = Planner\n"
    "fte = 1\n"
    "monthly_salary = 500\n"
    "[premises.p]\n"
    "monthly_rent = 100\n";

/* C: 2024 only — no year in common with A. */
static const char scenario_c[] =
    "[scenario]\n"
    "id = c\n"
    "name = C\n"
    "start = 2024-01\n"
    "end = 2024-03\n"
    "[staff.x]\n"
    "role = Coach\n"
    "fte = 1\n"
    "monthly_salary = 1 000\n";

typedef struct {
    char dir[64];
    scenario *s[3];
    results *r[3];
} fixture;

static scenario *load_text(fixture *f, const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    assert_int_equal(fputs(text, out) >= 0, 1);
    assert_int_equal(fclose(out), 0);
    diag_list diags = {0};
    scenario *s = scenario_load(path, NULL, 0, &diags);
    if (!s) {
        diag_print(&diags, stderr);
        fail_msg("%s does not load", name);
    }
    diag_list_clear(&diags);
    unlink(path);
    return s;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    strcpy(f->dir, "/tmp/tkk-test-compare.XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    f->s[0] = load_text(f, "a.ini", scenario_a);
    f->s[1] = load_text(f, "b.ini", scenario_b);
    f->s[2] = load_text(f, "c.ini", scenario_c);
    for (int i = 0; i < 3; i++)
        assert_non_null(f->r[i] = results_compute(f->s[i]));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    for (int i = 0; i < 3; i++) {
        results_free(f->r[i]);
        scenario_free(f->s[i]);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

static const compare_row *find_row(const compare_table *t, const char *metric, int year)
{
    for (size_t k = 0; k < t->n_rows; k++)
        if (strcmp(t->rows[k].metric, metric) == 0 && t->rows[k].year == year)
            return &t->rows[k];
    fail_msg("no row %s %d", metric, year);
    return NULL;
}

/* Scenario i's value in the row is the rational `expected` ("n/d"), or blank for NULL. */
static void assert_cell(const compare_table *t, const char *metric, int year, size_t i,
                        const char *expected)
{
    const compare_row *row = find_row(t, metric, year);
    if (!expected) {
        if (row->has[i])
            fail_msg("%s %d scenario %zu: expected blank", metric, year, i);
        return;
    }
    if (!row->has[i])
        fail_msg("%s %d scenario %zu: blank, expected %s", metric, year, i, expected);
    mpq_t want;
    mpq_init(want);
    assert_int_equal(mpq_set_str(want, expected, 10), 0);
    mpq_canonicalize(want);
    if (!mpq_equal(want, row->value[i]))
        fail_msg("%s %d scenario %zu: got %s, expected %s", metric, year, i,
                 mpq_get_str(NULL, 10, row->value[i]), expected);
    mpq_clear(want);
}

static void test_aligned_by_year(void **state)
{
    fixture *f = *state;
    compare_table t;
    compare_build(&t, (const scenario *const *)f->s,
                                   (const results *const *)f->r, 2, COMPARE_ALIGN_CALENDAR);
    /* Union 2021..2023; every metric by year has 3 year rows and a total:
     * 7 money + 2 FTE + caseload (A has clients) = 10 × 4 = 40, + kpis_met = 41. No
     * bonus_allocated: neither has a [bonus]. */
    assert_int_equal(t.first_year, 2021);
    assert_int_equal(t.last_year, 2023);
    assert_int_equal(t.n_rows, 41);
    assert_string_equal(t.rows[0].metric, "total_cost");
    assert_int_equal(t.rows[0].year, 2021);
    assert_int_equal(t.rows[3].year, 0);
    assert_string_equal(t.rows[40].metric, "kpis_met");
    for (size_t k = 0; k < t.n_rows; k++)
        assert_true(strcmp(t.rows[k].metric, "bonus_allocated") != 0);

    assert_cell(&t, "total_cost", 2021, 0, "4000");
    assert_cell(&t, "total_cost", 2021, 1, NULL);     /* B starts in 2022 */
    assert_cell(&t, "total_cost", 2022, 0, "4000");
    assert_cell(&t, "total_cost", 2022, 1, "25200");
    assert_cell(&t, "total_cost", 2023, 0, NULL);     /* A ends in 2022 */
    assert_cell(&t, "total_cost", 2023, 1, "3600");
    assert_cell(&t, "total_cost", 0, 0, "8000");
    assert_cell(&t, "total_cost", 0, 1, "28800");

    assert_cell(&t, "municipal_cost", 2022, 1, "7200");
    assert_cell(&t, "state_grant", 2022, 0, "2000");
    assert_cell(&t, "state_grant", 0, 0, "4000");
    assert_cell(&t, "state_grant", 0, 1, "0");
    assert_cell(&t, "municipal_net_cost", 2021, 0, "2000");
    assert_cell(&t, "municipal_net_cost", 0, 1, "10800");   /* 7 200 + 3 600 */

    assert_cell(&t, "personnel", 2022, 1, "24000");          /* 18 000 + 6 000 */
    assert_cell(&t, "premises", 2023, 1, "600");
    assert_cell(&t, "other", 0, 1, "0");

    /* Money totals are the sum of the year rows: a SUM formula in the workbook. */
    assert_true(find_row(&t, "total_cost", 0)->sum_of_years);
    assert_int_equal(find_row(&t, "total_cost", 0)->first_year_row, 0);
    assert_true(find_row(&t, "premises", 0)->sum_of_years);
    assert_false(find_row(&t, "fte_state", 0)->sum_of_years);

    /* FTE in the last month of the year within the period; total: the last month. */
    assert_cell(&t, "fte_municipality", 2021, 0, "2");
    assert_cell(&t, "fte_municipality", 2021, 1, NULL);
    assert_cell(&t, "fte_state", 2022, 1, "3/2");
    assert_cell(&t, "fte_state", 2023, 1, "0");
    assert_cell(&t, "fte_state", 0, 1, "0");
    assert_cell(&t, "fte_municipality", 0, 1, "1");

    /* Caseload 10 ÷ 2 = 5 for A; B has no clients: blank. */
    assert_cell(&t, "caseload", 2022, 0, "5");
    assert_cell(&t, "caseload", 0, 0, "5");
    assert_cell(&t, "caseload", 2022, 1, NULL);
    assert_cell(&t, "kpis_met", 0, 0, "1");
    assert_cell(&t, "kpis_met", 0, 1, NULL);                  /* no KPI with a target */
    assert_int_equal(find_row(&t, "kpis_met", 0)->unit, COMPARE_COUNT);
    compare_table_clear(&t);
}

static const compare_input_row *find_input(const compare_table *t, const char *path)
{
    for (size_t k = 0; k < t->n_inputs; k++)
        if (strcmp(t->inputs[k].path, path) == 0)
            return &t->inputs[k];
    return NULL;
}

static void test_input_diff(void **state)
{
    fixture *f = *state;
    compare_table t;
    compare_build(&t, (const scenario *const *)f->s,
                                   (const results *const *)f->r, 2, COMPARE_ALIGN_CALENDAR);
    /* Same name: not a difference. */
    assert_null(find_input(&t, "scenario.name"));
    const compare_input_row *id = find_input(&t, "scenario.id");
    assert_non_null(id);
    assert_string_equal(id->values[0], "a");
    assert_string_equal(id->values[1], "b");
    /* Only in A: blank (NULL) for B; only in B: blank for A. */
    const compare_input_row *fte = find_input(&t, "staff.x.fte");
    assert_non_null(fte);
    assert_string_equal(fte->values[0], "2");
    assert_null(fte->values[1]);
    const compare_input_row *rent = find_input(&t, "premises.p.monthly_rent");
    assert_non_null(rent);
    assert_null(rent->values[0]);
    assert_string_equal(rent->values[1], "100");
    /* Sorted by path, every one differing. */
    for (size_t k = 1; k < t.n_inputs; k++)
        assert_true(strcmp(t.inputs[k - 1].path, t.inputs[k].path) < 0);
    compare_table_clear(&t);
}

/* SPEC §7.2: no year in common is no error. A (2021–2022) and C (2024-01..03, one coach
 * at 1 000: 3 000 €): rows 2021, 2022 and 2024 (2023 is nobody's: no row), blanks where
 * a scenario has no such year. */
static void test_no_common_year(void **state)
{
    fixture *f = *state;
    const scenario *s[2] = {f->s[0], f->s[2]};
    const results *r[2] = {f->r[0], f->r[2]};
    compare_table t;
    compare_build(&t, s, r, 2, COMPARE_ALIGN_CALENDAR);
    assert_int_equal(t.first_year, 2021);
    assert_int_equal(t.last_year, 2024);
    assert_string_equal(t.rows[0].metric, "total_cost");
    assert_int_equal(t.rows[0].year, 2021);
    assert_int_equal(t.rows[1].year, 2022);
    assert_int_equal(t.rows[2].year, 2024);
    assert_int_equal(t.rows[3].year, 0);
    assert_cell(&t, "total_cost", 2021, 0, "4000");
    assert_cell(&t, "total_cost", 2021, 1, NULL);
    assert_cell(&t, "total_cost", 2024, 0, NULL);
    assert_cell(&t, "total_cost", 2024, 1, "3000");
    assert_cell(&t, "total_cost", 0, 0, "8000");
    assert_cell(&t, "total_cost", 0, 1, "3000");
    compare_table_clear(&t);
}

/* SPEC §7.2 --align pilot-year: year 1 is each pilot's first calendar year. A: 1 = 2021
 * (4 000), 2 = 2022 (4 000); C: 1 = 2024 (3 000), no year 2 (blank). */
static void test_pilot_year(void **state)
{
    fixture *f = *state;
    const scenario *s[2] = {f->s[0], f->s[2]};
    const results *r[2] = {f->r[0], f->r[2]};
    compare_table t;
    compare_build(&t, s, r, 2, COMPARE_ALIGN_PILOT_YEAR);
    assert_true(t.pilot_year);
    assert_int_equal(t.first_year, 1);
    assert_int_equal(t.last_year, 2);
    assert_int_equal(t.rows[0].year, 1);
    assert_int_equal(t.rows[1].year, 2);
    assert_int_equal(t.rows[2].year, 0);
    assert_cell(&t, "total_cost", 1, 0, "4000");
    assert_cell(&t, "total_cost", 1, 1, "3000");
    assert_cell(&t, "total_cost", 2, 0, "4000");
    assert_cell(&t, "total_cost", 2, 1, NULL);
    assert_cell(&t, "caseload", 2, 0, "5");          /* 10 ÷ 2 in Feb 2022 */
    compare_table_clear(&t);
    compare_align align;
    assert_true(compare_align_parse("pilot-year", &align) && align == COMPARE_ALIGN_PILOT_YEAR);
    assert_true(compare_align_parse("calendar-year", &align) && align == COMPARE_ALIGN_CALENDAR);
    assert_false(compare_align_parse("pilot", &align));
    assert_string_equal(vocab_metric("total_cost", LANG_FI),
                        "Kokonaiskustannus (ml. valtion maksama henkilöstö)");
    assert_string_equal(vocab_metric("total_cost", LANG_EN),
                        "Total cost (incl. state-paid staff)");
}

static void test_fte_in_month(void **state)
{
    fixture *f = *state;
    mpq_t fte;
    mpq_init(fte);
    /* B: staff.y (state, 1,5) ends 2022-12: 1,5 then, 0 in 2023-01. */
    compare_fte_in_month(fte, f->s[1], PAYER_STATE, month_make(2022, 12));
    assert_true(mpq_cmp_ui(fte, 3, 2) == 0);
    compare_fte_in_month(fte, f->s[1], PAYER_STATE, month_make(2023, 1));
    assert_int_equal(mpq_sgn(fte), 0);
    compare_fte_in_month(fte, f->s[1], PAYER_MUNICIPALITY, month_make(2023, 1));
    assert_true(mpq_cmp_ui(fte, 1, 1) == 0);
    mpq_clear(fte);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_aligned_by_year),
        cmocka_unit_test(test_input_diff),
        cmocka_unit_test(test_no_common_year),
        cmocka_unit_test(test_pilot_year),
        cmocka_unit_test(test_fte_in_month),
    };
    return cmocka_run_group_tests_name("compare", tests, setup, teardown);
}
