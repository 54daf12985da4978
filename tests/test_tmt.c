/* Unit tests of the TMT payments (SPEC §7.6): every derived column by hand, the sum rule
 * over [tmt.ID] rows, the Net effect against the pilot's municipal net cost, --set paths
 * into [tmt], and each validation rule at its FILE:LINE. The scenarios are INI text
 * written to a temporary file and loaded the way `tkk run` loads them. */
#include "fixture_scenario.h"

#include <unistd.h>

#include "scenario_load.h"
#include "scenario_validate_tmt.h"
#include "tmt.h"

static char ini_path[64];

/* Writes text to a fresh temporary .ini file (its name in ini_path). */
static void write_ini(const char *text)
{
    snprintf(ini_path, sizeof ini_path, "/tmp/tkk-test-tmt-XXXXXX");
    int fd = mkstemp(ini_path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static scenario *load(const char *text, const char *const *sets, size_t n_sets,
                      diag_list *diags)
{
    write_ini(text);
    scenario *s = scenario_load(ini_path, sets, n_sets, diags);
    unlink(ini_path);
    return s;
}

static const char *const PILOT =
    "[scenario]\n"                          /* 1 */
    "id = t\n"                              /* 2 */
    "name = TMT\n"                          /* 3 */
    "area = Alue\n"                         /* 4 */
    "start = 2021-01\n"                     /* 5 */
    "end = 2021-12\n"                       /* 6 */
    "[staff.x]\n"                           /* 7 */
    "role = x\n"                            /* 8 */
    "fte = 1\n"                             /* 9 */
    "monthly_salary = 1 000\n"              /* 10: 12 × 1 000 = 12 000 net cost in 2021 */
    "[tmt]\n"                               /* 11 */
    "baseline = 2018\n"                     /* 12 */
    "actual.2018 = 1 000 000\n"             /* 13 */
    "estimate.2021 = 900 000\n"             /* 14 */
    "target.2021 = 950 000\n"               /* 15 */
    "actual.2021 = 456 789,01\n"            /* 16 */
    "months.2021 = 6\n"                     /* 17 */
    "persons.2021 = 7\n"                    /* 18 */
    "estimate.2022 = 1 250 000\n"           /* 19 */
    "target.2022 = 1 100 000\n"             /* 20 */
    "actual.2022 = 1 200 000,04\n"          /* 21 */
    "persons.2022 = 8\n"                    /* 22 */
    "actual.2023 = 0,03\n"                  /* 23 */
    "months.2023 = 8\n";                    /* 24 */

static results *compute(const char *text, rounding_mode mode, scenario **out)
{
    diag_list diags = {0};
    scenario *s = load(text, NULL, 0, &diags);
    if (!s)
        diag_print(&diags, stderr);
    assert_non_null(s);
    diag_list_clear(&diags);
    s->rounding = mode;
    results *r = results_compute(s);
    assert_non_null(r);
    *out = s;
    return r;
}

static const tmt_row *row_of(const results *r, size_t area, int year)
{
    assert_true(area < r->tmt.n_areas);
    const tmt_row *row = tmt_area_row(&r->tmt.areas[area], year);
    assert_non_null(row);
    return row;
}

/* 2021, a half year: Actual − Estimate = 456 789,01 − 900 000 = −443 210,99; Met:
 * 456 789,01 ≤ 950 000; Per person 456 789,01 ÷ 7 = 65 255,5728… → 65 255,57;
 * Annualised 456 789,01 × 12 ÷ 6 = 913 578,02; Change 913 578,02 − 1 000 000 =
 * −86 421,98 (a saving against the baseline); Net effect 12 000 − 86 421,98 = −74 421,98. */
static void test_half_year_saving_met(void **state)
{
    (void)state;
    scenario *s;
    results *r = compute(PILOT, ROUND_HALF_UP, &s);
    const tmt_row *y = row_of(r, 0, 2021);
    assert_int_equal(y->months, 6);
    assert_true(y->has_difference && q_eq(y->difference, "-443210.99"));
    assert_true(y->has_met && y->met);
    assert_true(y->has_per_person && q_eq(y->per_person, "65255.57"));
    assert_true(y->has_annualised && q_eq(y->annualised, "913578.02"));
    assert_true(y->has_change && q_eq(y->change, "-86421.98"));
    assert_true(y->has_net_effect && q_eq(y->basis, "12000"));
    assert_true(q_eq(y->net_effect, "-74421.98"));
    /* The baseline row's own Change is 0; it is outside the period: no Net effect. */
    const tmt_row *base = row_of(r, 0, 2018);
    assert_true(base->has_change && q_eq(base->change, "0"));
    assert_false(base->has_net_effect);
    assert_false(base->has_difference || base->has_met || base->has_per_person);
    /* The period's Net effect is 2021's alone. */
    assert_true(r->tmt.has_net_effect);
    assert_true(q_eq(r->tmt.net_effect, "-74421.98"));
    assert_int_equal(r->tmt.net_first_year, 2021);
    assert_int_equal(r->tmt.net_last_year, 2021);
    assert_string_equal(r->tmt.areas[0].label, "Alue");   /* the scenario's area */
    results_free(r);
    scenario_free(s);
}

/* 2022, outside the period: Actual − Estimate = 1 200 000,04 − 1 250 000 = −49 999,96;
 * Met: 1 200 000,04 > 1 100 000, missed; Per person 1 200 000,04 ÷ 8 = 150 000,005 →
 * 150 000,01 half-up, 150 000,00 half-even; Annualised (12 months) 1 200 000,04;
 * Change +200 000,04; no Net effect. 2023: 0,03 × 12 ÷ 8 = 0,045 → 0,05 half-up,
 * 0,04 half-even; Change 0,05 − 1 000 000 = −999 999,95 (half-up). */
static void test_missed_target_and_rounding_modes(void **state)
{
    (void)state;
    scenario *s;
    results *r = compute(PILOT, ROUND_HALF_UP, &s);
    const tmt_row *y = row_of(r, 0, 2022);
    assert_true(q_eq(y->difference, "-49999.96"));
    assert_true(y->has_met && !y->met);
    assert_true(q_eq(y->per_person, "150000.01"));
    assert_true(q_eq(y->annualised, "1200000.04"));
    assert_true(q_eq(y->change, "200000.04"));
    assert_false(y->has_net_effect);
    const tmt_row *z = row_of(r, 0, 2023);
    assert_true(q_eq(z->annualised, "0.05"));
    assert_true(q_eq(z->change, "-999999.95"));
    assert_false(z->has_met || z->has_per_person || z->has_difference);
    results_free(r);
    scenario_free(s);

    r = compute(PILOT, ROUND_HALF_EVEN, &s);
    assert_true(q_eq(row_of(r, 0, 2022)->per_person, "150000"));
    assert_true(q_eq(row_of(r, 0, 2023)->annualised, "0.04"));
    assert_true(q_eq(row_of(r, 0, 2023)->change, "-999999.96"));
    results_free(r);
    scenario_free(s);
}

/* The sum rule: [tmt] gives only its own target 400 and baseline 2019; a and b give the
 * rest. 2019: Actual 100,50 + 200,25 = 300,75; persons 3 + 2 = 5; Per person 300,75 ÷ 5
 * = 60,15; Estimate only from b: 250 → Actual − Estimate 50,75; Target the row's own
 * 400 (not 400 + 10): met. 2020: a alone, 45 over a's own 6 months; the [tmt] row keeps
 * its own 12 months (SPEC §7.6), so its Annualised is 45 and Change 45 − 300,75 =
 * −255,75, while a's Annualised is 45 × 12 ÷ 6 = 90. Municipality rows: a 2019 Per person
 * 100,50 ÷ 3 = 33,50, no Change (no baseline of their own), never a Net effect. */
static void test_municipality_sum(void **state)
{
    (void)state;
    static const char text[] =
        "[scenario]\nid = t\nname = t\nstart = 2020-01\nend = 2020-12\n"
        "[tmt]\nbaseline = 2019\ntarget.2019 = 400\n"
        "[tmt.a]\nlabel = Kunta A\nactual.2019 = 100,5\npersons.2019 = 3\ntarget.2019 = 10\n"
        "actual.2020 = 45\nmonths.2020 = 6\n"
        "[tmt.b]\nactual.2019 = 200,25\npersons.2019 = 2\nestimate.2019 = 250\n";
    scenario *s;
    results *r = compute(text, ROUND_HALF_UP, &s);
    assert_int_equal(r->tmt.n_areas, 3);
    const tmt_row *t19 = row_of(r, 0, 2019);
    assert_true(q_eq(t19->value[TMT_ACTUAL], "300.75"));
    assert_true(q_eq(t19->value[TMT_PERSONS], "5"));
    assert_true(q_eq(t19->per_person, "60.15"));
    assert_true(q_eq(t19->difference, "50.75"));
    assert_true(q_eq(t19->value[TMT_TARGET], "400"));
    assert_true(t19->met);
    const tmt_row *t20 = row_of(r, 0, 2020);
    assert_int_equal(t20->months, 12);
    assert_true(q_eq(t20->annualised, "45"));
    assert_true(q_eq(t20->change, "-255.75"));
    /* No cost lines: a basis of 0, so the Net effect is the Change. */
    assert_true(t20->has_net_effect && q_eq(t20->net_effect, "-255.75"));

    const tmt_row *a19 = row_of(r, 1, 2019);
    assert_string_equal(r->tmt.areas[1].label, "Kunta A");
    assert_string_equal(r->tmt.areas[2].label, "b");          /* the ID by default */
    assert_null(r->tmt.areas[0].label);                       /* no area, no label */
    assert_true(q_eq(a19->per_person, "33.5"));
    assert_false(a19->has_change || a19->has_net_effect);
    const tmt_row *a20 = row_of(r, 1, 2020);
    assert_int_equal(a20->months, 6);
    assert_true(q_eq(a20->annualised, "90"));                 /* 45 × 12 ÷ 6 */
    results_free(r);
    scenario_free(s);
}

/* --set reaches [tmt] and [tmt.ID] (which need not exist yet): actual.2021 = 500 000
 * → Annualised 1 000 000 (6 months), Change 0, Net effect 12 000. */
static void test_set_paths(void **state)
{
    (void)state;
    const char *sets[] = { "tmt.actual.2021=500 000", "tmt.uusi.actual.2019=5",
                           "tmt.uusi.label=Uusi" };
    diag_list diags = {0};
    scenario *s = load(PILOT, sets, 3, &diags);
    assert_non_null(s);
    diag_list_clear(&diags);
    results *r = results_compute(s);
    assert_non_null(r);
    assert_true(q_eq(row_of(r, 0, 2021)->change, "0"));
    assert_true(q_eq(row_of(r, 0, 2021)->net_effect, "12000"));
    assert_int_equal(r->tmt.n_areas, 2);
    assert_string_equal(r->tmt.areas[1].label, "Uusi");
    assert_true(q_eq(row_of(r, 1, 2019)->value[TMT_ACTUAL], "5"));
    results_free(r);
    scenario_free(s);

    assert_int_equal(tmt_set_section_length("tmt.actual.2021"), 3);
    assert_int_equal(tmt_set_section_length("tmt.label"), 3);
    assert_int_equal(tmt_set_section_length("tmt.pori.actual.2013"), 8);
    assert_int_equal(tmt_set_section_length("tmt.pori.label"), 8);
    assert_int_equal(tmt_set_section_length("tmt.actaul.2021"), 3);   /* a misspelt key */
    assert_int_equal(tmt_set_section_length("tmtx.actual.2021"), 0);
    assert_int_equal(tmt_set_section_length("funding.state_share"), 0);
}

/* True when diags has an error at line `line` with this path whose message contains
 * `text`. */
static bool has_error(const diag_list *diags, int line, const char *path, const char *text)
{
    for (size_t i = 0; i < diags->count; i++) {
        const diag *d = &diags->items[i];
        if (d->severity == DIAG_ERROR && d->line == line && strcmp(d->path, path) == 0 &&
            strstr(d->message, text))
            return true;
    }
    return false;
}

/* Every rule of SPEC §7.6 at its line: a baseline without actual (after the sum rule),
 * months outside 1..12 or not whole, persons 0 where the actual is above 0 (also a
 * summed actual), an unknown key with a suggestion, a key without its year. */
static void test_errors_at_their_lines(void **state)
{
    (void)state;
    static const char text[] =
        "[scenario]\nid = t\nname = t\nstart = 2021-01\nend = 2021-12\n"   /* 1-5 */
        "[tmt]\n"                       /* 6 */
        "baseline = 2015\n"             /* 7: no actual.2015 in [tmt] or its rows */
        "months.2021 = 13\n"            /* 8 */
        "months.2020 = 2,5\n"           /* 9 */
        "months.2019 = 0\n"             /* 10 */
        "persons.2021 = 0\n"            /* 11: [tmt.a] gives actual.2021 = 5 */
        "actaul.2021 = 5\n"             /* 12 */
        "actual = 5\n"                  /* 13 */
        "persons.2018 = 1,5\n"          /* 14 */
        "actual.2018 = -1\n"            /* 15 */
        "[tmt.a]\n"                     /* 16 */
        "actual.2021 = 5\n"             /* 17 */
        "baseline = 2020\n"             /* 18: a has no actual.2020 */
        "persons.2017 = 0\n"            /* 19: no actual in 2017: allowed */
        "actual.2017 = 0\n"             /* 20 */
        "lable = A\n"                   /* 21 */
        "actual.0999 = 1\n";            /* 22: a year of four digits from 1000 */
    diag_list diags = {0};
    scenario *s = load(text, NULL, 0, &diags);
    assert_null(s);
    assert_true(has_error(&diags, 7, "tmt.baseline", "2015 has no actual"));
    assert_true(has_error(&diags, 8, "tmt.months.2021", "1..12"));
    assert_true(has_error(&diags, 9, "tmt.months.2020", "1..12"));
    assert_true(has_error(&diags, 10, "tmt.months.2019", "1..12"));
    assert_true(has_error(&diags, 11, "tmt.persons.2021", "persons is 0"));
    assert_true(has_error(&diags, 12, "tmt.actaul.2021", "did you mean 'actual.2021'"));
    assert_true(has_error(&diags, 13, "tmt.actual", "needs a year"));
    assert_true(has_error(&diags, 14, "tmt.persons.2018", "whole number"));
    assert_true(has_error(&diags, 15, "tmt.actual.2018", "negative"));
    assert_true(has_error(&diags, 18, "tmt.a.baseline", "2020 has no actual"));
    assert_true(has_error(&diags, 21, "tmt.a.lable", "did you mean 'label'"));
    assert_true(has_error(&diags, 22, "tmt.a.actual.0999", "four digits"));
    assert_int_equal(diag_error_count(&diags), 12);   /* and nothing about lines 19-20 */
    diag_list_clear(&diags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_half_year_saving_met),
        cmocka_unit_test(test_missed_target_and_rounding_modes),
        cmocka_unit_test(test_municipality_sum),
        cmocka_unit_test(test_set_paths),
        cmocka_unit_test(test_errors_at_their_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
