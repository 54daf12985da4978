/* Unit tests of kpi: the computed caseload and target checks (SPEC §5.5), and the KPI
 * results of results_compute(). */
#include "kpi.h"
#include "fixture_scenario.h"

static void assert_kpi(const kpi_result *result, const char *actual, bool met,
                       const char *difference)
{
    assert_true(result->has_actual);
    assert_true(q_eq(result->actual, actual));
    assert_int_equal(result->met, met);
    assert_true(q_eq(result->difference, difference));
}

/* 2 842 clients ÷ 25 coach FTE = 113,68 exactly. No clients, or no coach FTE: none. */
static void test_caseload(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-03", "2021-12");
    mpq_t coach_fte, caseload;
    mpq_inits(coach_fte, caseload, NULL);
    q(coach_fte, "25");

    assert_false(kpi_caseload(caseload, s, coach_fte));
    s->has_clients = true;
    mpz_set_ui(s->clients, 2842);
    assert_true(kpi_caseload(caseload, s, coach_fte));
    assert_true(q_eq(caseload, "113.68"));

    /* 2 842 ÷ 18,7 = 28 420 ÷ 187 = 151,97… stays exact: 28420/187. */
    q(coach_fte, "18.7");
    assert_true(kpi_caseload(caseload, s, coach_fte));
    assert_true(q_eq(caseload, "28420/187"));

    q(coach_fte, "0");
    assert_false(kpi_caseload(caseload, s, coach_fte));

    mpq_clears(coach_fte, caseload, NULL);
    scenario_free(s);
}

/* Every operator against a smaller, an equal and a larger target: 140 vs 139 / 140 / 141. */
static void test_target_operators(void **state)
{
    (void)state;
    mpq_t actual, below, equal, above;
    mpq_inits(actual, below, equal, above, NULL);
    q(actual, "140");
    q(below, "139");
    q(equal, "140");
    q(above, "141");
    const struct {
        kpi_operator op;
        bool vs_below, vs_equal, vs_above;
    } cases[] = {
        { KPI_LT, false, false, true },
        { KPI_LE, false, true, true },
        { KPI_GT, true, false, false },
        { KPI_GE, true, true, false },
        { KPI_EQ, false, true, false },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(kpi_target_met(actual, cases[i].op, below), cases[i].vs_below);
        assert_int_equal(kpi_target_met(actual, cases[i].op, equal), cases[i].vs_equal);
        assert_int_equal(kpi_target_met(actual, cases[i].op, above), cases[i].vs_above);
    }
    mpq_clears(actual, below, equal, above, NULL);
}

/* actual 148, target < 140: not met, difference 148 − 140 = 8.
 * computed caseload 113,68 vs < 140: met, difference 113,68 − 140 = −26,32.
 * No target: met no, difference 0. Computed without a caseload: no actual. */
static void test_kpi_evaluate(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-03", "2021-12");
    fixture_kpi(s, "caseload-reported", "148", KPI_LT, "140");
    fixture_kpi(s, "caseload", NULL, KPI_LT, "140");
    fixture_kpi(s, "clients", "2842", KPI_LT, NULL);
    /* Taken after the last fixture_kpi(): each call may move the array. */
    const kpi *given = &s->kpis[0], *computed = &s->kpis[1], *untargeted = &s->kpis[2];
    mpq_t caseload;
    mpq_init(caseload);
    q(caseload, "113.68");
    kpi_result result;
    kpi_result_init(&result);

    kpi_evaluate(&result, given, true, caseload);
    assert_kpi(&result, "148", false, "8");
    kpi_evaluate(&result, computed, true, caseload);
    assert_kpi(&result, "113.68", true, "-26.32");
    kpi_evaluate(&result, untargeted, true, caseload);
    assert_kpi(&result, "2842", false, "0");
    kpi_evaluate(&result, computed, false, caseload);
    assert_false(result.has_actual);
    assert_false(result.met);
    assert_true(q_eq(result.difference, "0"));

    kpi_result_clear(&result);
    mpq_clear(caseload);
    scenario_free(s);
}

/* results_compute(): coach FTE in the last month (2021-12) = 12 (state coaches) + 6
 * (own) + 7 (from 2021-06) = 25; the 5 coaches who left in 2021-11 and the 0,7 FTE
 * non-coach do not count. 2 842 ÷ 25 = 113,68.
 *   caseload <= 113,68: met, difference 0
 *   clients 2 842 < 2 900: met, difference −58
 *   activation 38 % > 40 %: not met, difference 0,38 − 0,40 = −0,02 */
static void test_results_kpis(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-03", "2021-12");
    s->has_clients = true;
    mpz_set_ui(s->clients, 2842);
    fixture_staff(s, "staff.state-coaches", "12", "3000", "0")->coach = true;
    fixture_staff(s, "staff.coaches", "6", "3100", "0.234")->coach = true;
    staff_line *later = fixture_staff(s, "staff.more", "7", "3100", "0.234");
    later->coach = true;
    later->start = mon("2021-06");
    staff_line *left = fixture_staff(s, "staff.left", "5", "3100", "0.234");
    left->coach = true;
    left->end = mon("2021-11");
    fixture_staff(s, "staff.decisions", "0.7", "3300", "0");
    fixture_kpi(s, "caseload", NULL, KPI_LE, "113.68");
    fixture_kpi(s, "clients", "2842", KPI_LT, "2900");
    fixture_kpi(s, "activation", "0.38", KPI_GT, "0.40");

    results *r = results_compute(s);
    assert_non_null(r);
    /* 2021-03: 12 + 6 + 5 = 23 coaches; 2021-12: 25. */
    assert_true(q_eq(r->coach_fte[0], "23"));
    assert_true(q_eq(r->coach_fte[9], "25"));
    assert_true(r->has_caseload);
    assert_true(q_eq(r->caseload, "113.68"));
    assert_kpi(&r->kpis[0], "113.68", true, "0");
    assert_kpi(&r->kpis[1], "2842", true, "-58");
    assert_kpi(&r->kpis[2], "0.38", false, "-0.02");
    results_free(r);

    /* The caseload is there without any KPI asking for it. */
    for (size_t i = 0; i < s->n_kpis; i++) {
        free(s->kpis[i].id);
        mpq_clears(s->kpis[i].actual, s->kpis[i].target, NULL);
    }
    s->n_kpis = 0;
    r = results_compute(s);
    assert_non_null(r);
    assert_true(r->has_caseload);
    assert_true(q_eq(r->caseload, "113.68"));
    results_free(r);

    scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_caseload),
        cmocka_unit_test(test_target_operators),
        cmocka_unit_test(test_kpi_evaluate),
        cmocka_unit_test(test_results_kpis),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
