/* Unit tests of funding: state grant, municipal net cost and the required own
 * contribution per year and in total (SPEC §5.4), and results_compute() end to end on a
 * small Salo-like scenario. */
#include "funding.h"
#include "fixture_scenario.h"

static void funding_set(scenario *s, const char *state_share, const char *state_cap,
                        const char *reference_tmt, const char *own_min_share)
{
    q(s->funding.state_share, state_share);
    if ((s->funding.has_state_cap = state_cap != NULL))
        q(s->funding.state_cap, state_cap);
    if ((s->funding.has_reference_tmt = reference_tmt != NULL))
        q(s->funding.reference_tmt, reference_tmt);
    if ((s->funding.has_own_min_share = own_min_share != NULL))
        q(s->funding.own_min_share, own_min_share);
}

/* Checks the money columns of a row in table order. */
static void assert_funding(const funding_row *row, int year, int months, const char *total,
                           const char *state_paid, const char *municipal,
                           const char *eligible, const char *grant, const char *net)
{
    assert_int_equal(row->year, year);
    assert_int_equal(row->months, months);
    assert_true(q_eq(row->total_cost, total));
    assert_true(q_eq(row->state_paid, state_paid));
    assert_true(q_eq(row->municipal_cost, municipal));
    assert_true(q_eq(row->eligible, eligible));
    assert_true(q_eq(row->state_grant, grant));
    assert_true(q_eq(row->municipal_net, net));
}

static void assert_status(const funding_row *row, const char *required, bool met,
                          const char *shortfall)
{
    assert_int_equal(row->has_required, required != NULL);
    if (required)
        assert_true(q_eq(row->required, required));
    assert_int_equal(row->met, met);
    assert_true(q_eq(row->shortfall, shortfall));
}

/* 75 % × 1 000,01 = 750,0075 → 750,01. 50 % × 100,01 = 50,005: half-up 50,01,
 * half-even 50,00. Cap 600: 75 % × 1 000 = 750 → 600; a cap above the grant changes
 * nothing. */
static void test_state_grant(void **state)
{
    (void)state;
    funding_params params;
    mpq_inits(params.state_share, params.state_cap, params.reference_tmt,
              params.own_min_share, NULL);
    params.has_state_cap = params.has_reference_tmt = params.has_own_min_share = false;
    mpq_t eligible, grant;
    mpq_inits(eligible, grant, NULL);

    q(params.state_share, "0.75");
    q(eligible, "1000.01");
    funding_state_grant(grant, &params, eligible, ROUND_HALF_UP);
    assert_true(q_eq(grant, "750.01"));

    q(params.state_share, "0.5");
    q(eligible, "100.01");
    funding_state_grant(grant, &params, eligible, ROUND_HALF_UP);
    assert_true(q_eq(grant, "50.01"));
    funding_state_grant(grant, &params, eligible, ROUND_HALF_EVEN);
    assert_true(q_eq(grant, "50.00"));

    q(params.state_share, "0.75");
    q(eligible, "1000");
    params.has_state_cap = true;
    q(params.state_cap, "600");
    funding_state_grant(grant, &params, eligible, ROUND_HALF_UP);
    assert_true(q_eq(grant, "600"));
    q(params.state_cap, "800");
    funding_state_grant(grant, &params, eligible, ROUND_HALF_UP);
    assert_true(q_eq(grant, "750"));

    mpq_clears(eligible, grant, NULL);
    mpq_clears(params.state_share, params.state_cap, params.reference_tmt,
               params.own_min_share, NULL);
}

/* SPEC example: 15 % × 4 000 000 × 10 ÷ 12 = 500 000,00. A basis of 500 000 meets it
 * exactly (≥); 499 999,99 falls 0,01 short. Rounding: 50 % × 100,01 × 12 ÷ 12 = 50,005 →
 * 50,01 (half-up) / 50,00 (half-even). Without own_min_share nothing is required. */
static void test_required_own_contribution(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-03", "2021-12");
    funding_set(s, "0", NULL, "4000000", "0.15");
    funding_row row;
    memset(&row, 0, sizeof row);
    mpq_inits(row.total_cost, row.state_paid, row.municipal_cost, row.eligible,
              row.state_grant, row.municipal_net, row.actual, row.actual_net, row.basis,
              row.required, row.shortfall, NULL);
    row.months = 10;

    q(row.basis, "500000");
    funding_required(&row, &s->funding, ROUND_HALF_UP);
    assert_status(&row, "500000.00", true, "0");

    q(row.basis, "499999.99");
    funding_required(&row, &s->funding, ROUND_HALF_UP);
    assert_status(&row, "500000.00", false, "0.01");

    q(s->funding.reference_tmt, "100.01");
    q(s->funding.own_min_share, "0.5");
    row.months = 12;
    q(row.basis, "60");
    funding_required(&row, &s->funding, ROUND_HALF_UP);
    assert_status(&row, "50.01", true, "0");
    funding_required(&row, &s->funding, ROUND_HALF_EVEN);
    assert_status(&row, "50.00", true, "0");

    s->funding.has_own_min_share = false;
    funding_required(&row, &s->funding, ROUND_HALF_UP);
    assert_status(&row, NULL, false, "0");

    mpq_clears(row.total_cost, row.state_paid, row.municipal_cost, row.eligible,
               row.state_grant, row.municipal_net, row.actual, row.actual_net, row.basis,
              row.required, row.shortfall, NULL);
    scenario_free(s);
}

/* 2021-11..2022-02 (2 months in each year), state share 75 %, reference 600 000, own
 * share 15 % → required 600 000 × 0,15 × 2 ÷ 12 = 15 000 a year. Lines:
 *   A personnel, municipality, eligible: 80 000, 80 000, 10 000, 10 000
 *   B personnel, state:                   5 000,  5 000,  5 000,  5 000
 *   C premises, eligible:                 2 400,  2 400,  2 400,  2 400
 *   D other, not eligible:                1 000,      0,      0,      0
 * 2021: total 160 000 + 10 000 + 4 800 + 1 000 = 175 800; state 10 000; municipal
 *   165 800; eligible 164 800; grant 123 600; net 42 200 ≥ 15 000: met.
 * 2022: total 20 000 + 10 000 + 4 800 = 34 800; state 10 000; municipal 24 800;
 *   eligible 24 800; grant 18 600; net 6 200 < 15 000: shortfall 8 800.
 * total: 210 600; 20 000; 190 600; 189 600; grant 142 200; net 48 400; required 30 000;
 *   judged on these sums: met, shortfall 0 (not the 8 800 of 2022). */
static void test_funding_years_and_total(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-11", "2022-02");
    funding_set(s, "0.75", NULL, "600000", "0.15");
    line_result lines[4];
    size_t n = 0;
    line_add(lines, &n, s, CAT_PERSONNEL, PAYER_MUNICIPALITY, true,
             (const char *const[]){ "80000", "80000", "10000", "10000" });
    line_add(lines, &n, s, CAT_PERSONNEL, PAYER_STATE, true,
             (const char *const[]){ "5000", "5000", "5000", "5000" });
    line_add(lines, &n, s, CAT_PREMISES, PAYER_MUNICIPALITY, true,
             (const char *const[]){ "2400", "2400", "2400", "2400" });
    line_add(lines, &n, s, CAT_OTHER, PAYER_MUNICIPALITY, false,
             (const char *const[]){ "1000", "0", "0", "0" });

    funding_row *rows;
    size_t n_rows;
    funding_compute(&rows, &n_rows, s, lines, n);
    assert_int_equal(n_rows, 3);
    assert_funding(&rows[0], 2021, 2, "175800", "10000", "165800", "164800", "123600", "42200");
    assert_status(&rows[0], "15000", true, "0");
    assert_funding(&rows[1], 2022, 2, "34800", "10000", "24800", "24800", "18600", "6200");
    assert_status(&rows[1], "15000", false, "8800");
    assert_funding(&rows[2], 0, 4, "210600", "20000", "190600", "189600", "142200", "48400");
    assert_status(&rows[2], "30000", true, "0");
    funding_rows_free(rows, n_rows);

    /* Cap 100 000 a year: 2021 grant 100 000, net 65 800; 2022 below the cap (18 600).
     * Total grant 118 600, net 190 600 − 118 600 = 72 000. Without own_min_share the
     * status columns are blank on every row. */
    funding_set(s, "0.75", "100000", "600000", NULL);
    funding_compute(&rows, &n_rows, s, lines, n);
    assert_funding(&rows[0], 2021, 2, "175800", "10000", "165800", "164800", "100000", "65800");
    assert_status(&rows[0], NULL, false, "0");
    assert_funding(&rows[1], 2022, 2, "34800", "10000", "24800", "24800", "18600", "6200");
    assert_funding(&rows[2], 0, 4, "210600", "20000", "190600", "189600", "118600", "72000");
    assert_status(&rows[2], NULL, false, "0");
    funding_rows_free(rows, n_rows);

    lines_clear(lines, n, s);
    scenario_free(s);
}

/* The total row judges its own sums, not the years' statuses: 2021-12..2022-01 (one
 * month in each year), required 1 200 000 × 10 % × 1 ÷ 12 = 10 000 a year; one municipal
 * line of 12 000 and 3 000, no grant. 2021 met (12 000 ≥ 10 000), 2022 short by 7 000;
 * total required 20 000 − net 15 000 = shortfall 5 000 (not 7 000). */
static void test_funding_total_shortfall(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-12", "2022-01");
    funding_set(s, "0", NULL, "1200000", "0.1");
    line_result lines[1];
    size_t n = 0;
    line_add(lines, &n, s, CAT_OTHER, PAYER_MUNICIPALITY, true,
             (const char *const[]){ "12000", "3000" });

    funding_row *rows;
    size_t n_rows;
    funding_compute(&rows, &n_rows, s, lines, n);
    assert_status(&rows[0], "10000", true, "0");
    assert_status(&rows[1], "10000", false, "7000");
    assert_funding(&rows[2], 0, 2, "15000", "0", "15000", "15000", "0", "15000");
    assert_status(&rows[2], "20000", false, "5000");
    funding_rows_free(rows, n_rows);

    lines_clear(lines, n, s);
    scenario_free(s);
}

/* SPEC §5.4 judged on the Actual (the case): 2021-11..2023-02, two months in
 * 2021 and 2023, twelve in 2022; required 1 200 000 × 10 % × months ÷ 12 = 20 000,
 * 120 000, 20 000. One municipal line of 1 000 a month, 50 % grant: plan net 500 a
 * month (1 000, 6 000, 1 000), far below every requirement.
 *   2021: [actual] total 50 000 → Actual net 50 000 − 1 000 = 49 000 ≥ 20 000: met,
 *         judged on actual (the plan alone would have been 19 000 short).
 *   2022: only personnel given (partial: no basis) → judged on plan, 6 000 < 120 000:
 *         shortfall 114 000; Actual blank.
 *   2023: all three categories 10 000 + 5 000 + 1 000 = 16 000, no total → Actual
 *         16 000, net 15 000 < 20 000: shortfall 5 000.
 *   total: not every year has an Actual → Actual blank, judged on mixed; basis
 *         49 000 + 6 000 + 15 000 = 70 000 < 160 000: shortfall 90 000. */
static void test_funding_judged_on_actual(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-11", "2023-02");
    funding_set(s, "0.5", NULL, "1200000", "0.1");
    s->has_actual = true;
    s->actual = years_new(s);
    s->actual[0].has_total = true;
    q(s->actual[0].total, "50000");
    s->actual[1].has_category[CAT_PERSONNEL] = true;
    q(s->actual[1].category[CAT_PERSONNEL], "99999");
    for (int c = 0; c < CAT_COUNT; c++)
        s->actual[2].has_category[c] = true;
    q(s->actual[2].category[CAT_PERSONNEL], "10000");
    q(s->actual[2].category[CAT_PREMISES], "5000");
    q(s->actual[2].category[CAT_OTHER], "1000");
    line_result lines[1];
    size_t n = 0;
    const char *monthly[16];
    for (int m = 0; m < 16; m++)
        monthly[m] = "1000";
    line_add(lines, &n, s, CAT_OTHER, PAYER_MUNICIPALITY, true, monthly);

    funding_row *rows;
    size_t n_rows;
    funding_compute(&rows, &n_rows, s, lines, n);
    assert_int_equal(n_rows, 4);
    assert_true(rows[0].has_actual);
    assert_true(q_eq(rows[0].actual, "50000"));
    assert_true(q_eq(rows[0].actual_net, "49000"));
    assert_int_equal(rows[0].judged_on, FUNDING_ON_ACTUAL);
    assert_true(q_eq(rows[0].municipal_net, "1000"));
    assert_status(&rows[0], "20000", true, "0");

    assert_false(rows[1].has_actual);
    assert_int_equal(rows[1].judged_on, FUNDING_ON_PLAN);
    assert_true(q_eq(rows[1].basis, "6000"));
    assert_status(&rows[1], "120000", false, "114000");

    assert_true(rows[2].has_actual);
    assert_true(q_eq(rows[2].actual, "16000"));
    assert_true(q_eq(rows[2].actual_net, "15000"));
    assert_status(&rows[2], "20000", false, "5000");

    assert_false(rows[3].has_actual);
    assert_int_equal(rows[3].judged_on, FUNDING_ON_MIXED);
    assert_true(q_eq(rows[3].basis, "70000"));
    assert_status(&rows[3], "160000", false, "90000");
    funding_rows_free(rows, n_rows);

    /* Every year with a whole Actual: the total sums them and is judged on actual:
     * 50 000 + 40 000 + 16 000 = 106 000, net 106 000 − 8 000 = 98 000 < 160 000. */
    s->actual[1].has_total = true;
    q(s->actual[1].total, "40000");
    funding_compute(&rows, &n_rows, s, lines, n);
    assert_true(rows[3].has_actual);
    assert_int_equal(rows[3].judged_on, FUNDING_ON_ACTUAL);
    assert_true(q_eq(rows[3].actual, "106000"));
    assert_true(q_eq(rows[3].actual_net, "98000"));
    assert_status(&rows[3], "160000", false, "62000");
    funding_rows_free(rows, n_rows);

    lines_clear(lines, n, s);
    scenario_free(s);
}

/* results_compute() end to end, 2021-03..2021-12 (10 months):
 *   staff.state    13,7 FTE × 3 000 × 1            = 41 100,00 a month, state → 411 000
 *   staff.coaches  6 FTE × 3 100 × 1,234           = 22 952,40 a month     → 229 524
 *   premises.module 26 000 in 2021-03 + 2 400 a month                      →  50 000
 *   cost.renovation premises, 17 000 in 2021-03, not eligible              →  17 000
 *   cost.other     other, 7 498 in 2021-12                                 →   7 498
 * Total 715 022; state 411 000; municipal 304 022; eligible 229 524 + 50 000 + 7 498 =
 * 287 022; grant 75 % = 215 266,50; net 304 022 − 215 266,50 = 88 755,50; required
 * 15 % × 4 000 000 × 10 ÷ 12 = 500 000 → shortfall 411 244,50. */
static void test_results_compute(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-03", "2021-12");
    funding_set(s, "0.75", NULL, "4000000", "0.15");
    fixture_staff(s, "staff.state", "13.7", "3000", "0")->payer = PAYER_STATE;
    fixture_staff(s, "staff.coaches", "6", "3100", "0.234")->coach = true;
    fixture_premises(s, "premises.module", "26000", "2400");
    cost_line *renovation = fixture_cost(s, "cost.renovation");
    renovation->category = CAT_PREMISES;
    renovation->has_amount = true;
    q(renovation->amount, "17000");
    renovation->eligible = false;
    cost_line *other = fixture_cost(s, "cost.other");
    other->has_amount = true;
    q(other->amount, "7498");
    other->month = mon("2021-12");

    results *r = results_compute(s);
    assert_non_null(r);
    assert_int_equal(r->n_months, 10);
    assert_int_equal(r->n_lines, 5);
    const char *ids[5] = { "staff.state", "staff.coaches", "premises.module",
                           "cost.renovation", "cost.other" };
    const line_kind kinds[5] = { LINE_STAFF, LINE_STAFF, LINE_PREMISES, LINE_COST, LINE_COST };
    const size_t indexes[5] = { 0, 1, 0, 0, 1 };
    const cost_category categories[5] = { CAT_PERSONNEL, CAT_PERSONNEL, CAT_PREMISES,
                                          CAT_PREMISES, CAT_OTHER };
    const char *totals[5] = { "411000", "229524", "50000", "17000", "7498" };
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(r->lines[i].id, ids[i]);
        assert_int_equal(r->lines[i].kind, kinds[i]);
        assert_int_equal(r->lines[i].index, indexes[i]);
        assert_int_equal(r->lines[i].category, categories[i]);
        assert_true(q_eq(r->lines[i].total, totals[i]));
    }
    assert_int_equal(r->lines[0].payer, PAYER_STATE);
    assert_int_equal(r->lines[2].payer, PAYER_MUNICIPALITY);
    assert_false(r->lines[3].eligible);

    /* 2021-03: personnel 41 100 + 22 952,40 = 64 052,40; premises 28 400 + 17 000 =
     * 45 400; other 0; total 109 452,40; state-paid 41 100; coach FTE 6.
     * 2021-12: 64 052,40; 2 400; 7 498; total 73 950,40. */
    assert_true(q_eq(r->by_category[CAT_PERSONNEL][0], "64052.40"));
    assert_true(q_eq(r->by_category[CAT_PREMISES][0], "45400"));
    assert_true(q_eq(r->by_category[CAT_OTHER][0], "0"));
    assert_true(q_eq(r->month_total[0], "109452.40"));
    assert_true(q_eq(r->state_paid[0], "41100"));
    assert_true(q_eq(r->coach_fte[0], "6"));
    assert_true(q_eq(r->by_category[CAT_PREMISES][9], "2400"));
    assert_true(q_eq(r->by_category[CAT_OTHER][9], "7498"));
    assert_true(q_eq(r->month_total[9], "73950.40"));

    /* Budget plan 2021: personnel 229 524 (state staff left out), premises 50 000 +
     * 17 000 = 67 000, other 7 498, total 304 022 = the municipal cost. */
    assert_int_equal(r->n_budget, 4);
    assert_true(q_eq(r->budget[0].plan, "229524"));
    assert_true(q_eq(r->budget[1].plan, "67000"));
    assert_true(q_eq(r->budget[2].plan, "7498"));
    assert_true(q_eq(r->budget[3].plan, "304022"));
    assert_false(r->budget[3].has_budget);

    assert_int_equal(r->n_funding, 2);
    assert_funding(&r->funding[0], 2021, 10, "715022", "411000", "304022", "287022",
                   "215266.50", "88755.50");
    assert_status(&r->funding[0], "500000", false, "411244.50");
    assert_funding(&r->funding[1], 0, 10, "715022", "411000", "304022", "287022",
                   "215266.50", "88755.50");
    assert_status(&r->funding[1], "500000", false, "411244.50");

    assert_false(r->has_caseload);
    assert_false(r->has_rewards);
    assert_false(r->has_bonus);

    results_free(r);
    results_free(NULL);
    scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_state_grant),
        cmocka_unit_test(test_required_own_contribution),
        cmocka_unit_test(test_funding_years_and_total),
        cmocka_unit_test(test_funding_total_shortfall),
        cmocka_unit_test(test_funding_judged_on_actual),
        cmocka_unit_test(test_results_compute),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
