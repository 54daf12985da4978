/* Unit tests of SPEC §7.2's per-year inputs: the KPI rows per year (caseload of each
 * year at its last month within the period, target.YYYY over the plain target) and the
 * required own contribution with reference_tmt.YYYY. Expected values by hand below. */
#include "funding.h"
#include "kpi.h"
#include "scenario_load.h"
#include "years.h"
#include "fixture_scenario.h"

/* A list of year values "YEAR=VALUE", n of them. */
static year_value *year_values(size_t n, const int *years, const char *const *values)
{
    year_value *list = calloc(n, sizeof *list);
    assert_non_null(list);
    for (size_t i = 0; i < n; i++) {
        list[i].year = years[i];
        mpq_init(list[i].value);
        q(list[i].value, values[i]);
    }
    return list;
}

static kpi_year *kpi_year_add(kpi *k, int year)
{
    kpi_year *y = GROW(k->years, k->n_years);
    y->year = year;
    mpq_inits(y->actual, y->target, NULL);
    return y;
}

static void assert_row(const kpi_row *row, size_t index, int year, const char *actual,
                       kpi_operator op, const char *target, bool met, const char *difference)
{
    assert_int_equal(row->kpi, index);
    assert_int_equal(row->year, year);
    assert_int_equal(row->result.has_actual, actual != NULL);
    if (actual)
        assert_true(q_eq(row->result.actual, actual));
    assert_int_equal(row->has_target, target != NULL);
    if (target) {
        assert_int_equal(row->op, op);
        assert_true(q_eq(row->target, target));
    }
    assert_int_equal(row->result.met, met);
    if (difference)
        assert_true(q_eq(row->result.difference, difference));
}

/* Period 2021-03 .. 2022-06. Coaches: 6 FTE all along, 2 more from 2022-01, 1 more who
 * leaves in 2022-05 (a coach in 2021-12, not in 2022-06). Coach FTE: 2021-12 = 6 + 1
 * = 7, 2022-06 = 6 + 2 = 8.
 * clients 1 000 (whole period), clients.2021 = 1 050, clients.2022 = 1 600:
 *   2021: 1 050 ÷ 7 = 150 < 160 (plain target): met, 150 − 160 = −10
 *   2022: 1 600 ÷ 8 = 200 >= 200 (target.2022): met, 0
 *   whole period: 1 000 ÷ 8 (2022-06) = 125 < 160: met, −35
 * KPI activation: no plain actual; actual.2022 = 0,45 > 0,4: met, 0,05; target.2021 =
 * > 0,5 alone: a 2021 row with a target and no actual (Met blank); no whole-period row. */
static void test_kpi_rows_per_year(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-03", "2022-06");
    s->has_clients = true;
    mpz_set_ui(s->clients, 1000);
    static const int years[] = {2021, 2022};
    static const char *const clients[] = {"1050", "1600"};
    s->clients_years = year_values(2, years, clients);
    s->n_clients_years = 2;
    fixture_staff(s, "staff.coaches", "6", "3000", "0")->coach = true;
    staff_line *more = fixture_staff(s, "staff.more", "2", "3000", "0");
    more->coach = true;
    more->start = mon("2022-01");
    staff_line *left = fixture_staff(s, "staff.left", "1", "3000", "0");
    left->coach = true;
    left->end = mon("2022-05");

    kpi *caseload = fixture_kpi(s, "caseload", NULL, KPI_LT, "160");
    kpi_year *y = kpi_year_add(caseload, 2022);
    y->has_target = true;
    y->op = KPI_GE;
    q(y->target, "200");
    kpi *activation = fixture_kpi(s, "activation", NULL, KPI_GT, "0.4");
    activation->computed_caseload = false;   /* fixture_kpi: NULL actual means computed */
    y = kpi_year_add(activation, 2021);
    y->has_target = true;
    y->op = KPI_GT;
    q(y->target, "0.5");
    y = kpi_year_add(activation, 2022);
    y->has_actual = true;
    q(y->actual, "0.45");

    results *r = results_compute(s);
    assert_non_null(r);
    assert_int_equal(r->n_kpi_rows, 5);
    assert_row(&r->kpi_rows[0], 0, 2021, "150", KPI_LT, "160", true, "-10");
    assert_int_equal(r->kpi_rows[0].month, mon("2021-12"));
    assert_row(&r->kpi_rows[1], 0, 2022, "200", KPI_GE, "200", true, "0");
    assert_int_equal(r->kpi_rows[1].month, mon("2022-06"));
    assert_row(&r->kpi_rows[2], 0, 0, "125", KPI_LT, "160", true, "-35");
    assert_row(&r->kpi_rows[3], 1, 2021, NULL, KPI_GT, "0.5", false, NULL);
    assert_row(&r->kpi_rows[4], 1, 2022, "0.45", KPI_GT, "0.4", true, "0.05");
    /* The whole-period result of each KPI: the caseload's; none for activation. */
    assert_true(r->kpis[0].has_actual && q_eq(r->kpis[0].actual, "125"));
    assert_false(r->kpis[1].has_actual);
    results_free(r);
    scenario_free(s);
}

/* A year whose last month has no coach FTE: the row is there, its actual blank.
 * 2021-03 .. 2022-12, the only coach (4 FTE) starts 2022-01: clients.2021 = 100 has
 * 0 FTE in 2021-12; clients.2022 = 100 ÷ 4 = 25. */
static void test_caseload_without_coaches(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-03", "2022-12");
    static const int years[] = {2021, 2022};
    static const char *const clients[] = {"100", "100"};
    s->clients_years = year_values(2, years, clients);
    s->n_clients_years = 2;
    staff_line *coach = fixture_staff(s, "staff.coaches", "4", "3000", "0");
    coach->coach = true;
    coach->start = mon("2022-01");
    fixture_kpi(s, "caseload", NULL, KPI_LT, "30");
    results *r = results_compute(s);
    assert_non_null(r);
    assert_int_equal(r->n_kpi_rows, 2);   /* no plain clients: no whole-period row */
    assert_row(&r->kpi_rows[0], 0, 2021, NULL, KPI_LT, "30", false, NULL);
    assert_row(&r->kpi_rows[1], 0, 2022, "25", KPI_LT, "30", true, "-5");
    results_free(r);
    scenario_free(s);
}

/* reference_tmt 600 000, reference_tmt.2022 = 1 200 000, own_min_share 10 %:
 *   2021 (6 months): ROUND(0,1 × 600 000 × 6/12) = 30 000
 *   2022 (12 months): ROUND(0,1 × 1 200 000 × 12/12) = 120 000
 * Without the plain reference: 2021 has no requirement, 2022 still 120 000. The
 * override with a fraction of a cent: 0,1 × 1 000 000,05 × 1/12 = 8 333,33375 → 8 333,33. */
static void test_required_per_year(void **state)
{
    (void)state;
    funding_params p;
    memset(&p, 0, sizeof p);
    mpq_inits(p.state_share, p.state_cap, p.reference_tmt, p.own_min_share, NULL);
    p.has_own_min_share = true;
    q(p.own_min_share, "0.1");
    p.has_reference_tmt = true;
    q(p.reference_tmt, "600000");
    static const int years[] = {2022};
    static const char *const values[] = {"1200000"};
    p.reference_tmt_years = year_values(1, years, values);
    p.n_reference_tmt_years = 1;

    funding_row row;
    memset(&row, 0, sizeof row);
    mpq_inits(row.total_cost, row.state_paid, row.municipal_cost, row.eligible,
              row.state_grant, row.municipal_net, row.required, row.shortfall, row.basis,
              NULL);
    row.year = 2021;
    row.months = 6;
    funding_required(&row, &p, ROUND_HALF_UP);
    assert_true(row.has_required && q_eq(row.required, "30000"));
    row.year = 2022;
    row.months = 12;
    funding_required(&row, &p, ROUND_HALF_UP);
    assert_true(row.has_required && q_eq(row.required, "120000"));
    assert_true(q_eq(*funding_reference_tmt(&p, 2022), "1200000"));
    assert_true(q_eq(*funding_reference_tmt(&p, 0), "600000"));

    p.has_reference_tmt = false;
    row.year = 2021;
    row.months = 6;
    funding_required(&row, &p, ROUND_HALF_UP);
    assert_false(row.has_required);
    assert_null(funding_reference_tmt(&p, 2021));
    row.year = 2022;
    row.months = 1;
    q(p.reference_tmt_years[0].value, "1000000.05");
    funding_required(&row, &p, ROUND_HALF_UP);
    assert_true(row.has_required && q_eq(row.required, "8333.33"));

    mpq_clears(row.total_cost, row.state_paid, row.municipal_cost, row.eligible,
               row.state_grant, row.municipal_net, row.required, row.shortfall, row.basis,
               NULL);
    year_values_free(p.reference_tmt_years, p.n_reference_tmt_years);
    mpq_clears(p.state_share, p.state_cap, p.reference_tmt, p.own_min_share, NULL);
}

/* funding_compute: 2021-07 .. 2023-06 with only reference_tmt.2022 = 1 200 000 and 10 %:
 * 2022 requires 120 000, 2021 and 2023 nothing, and the total row nothing (§7.2). */
static void test_total_without_plain_reference(void **state)
{
    (void)state;
    scenario *s = fixture_new("2021-07", "2023-06");
    s->funding.has_own_min_share = true;
    q(s->funding.own_min_share, "0.1");
    static const int years[] = {2022};
    static const char *const values[] = {"1200000"};
    s->funding.reference_tmt_years = year_values(1, years, values);
    s->funding.n_reference_tmt_years = 1;
    fixture_staff(s, "staff.coaches", "1", "1000", "0");
    results *r = results_compute(s);
    assert_non_null(r);
    assert_int_equal(r->n_funding, 4);
    assert_false(r->funding[0].has_required);
    assert_true(r->funding[1].has_required && q_eq(r->funding[1].required, "120000"));
    /* net 12 000 < 120 000: shortfall 108 000 */
    assert_false(r->funding[1].met);
    assert_true(q_eq(r->funding[1].shortfall, "108000"));
    assert_false(r->funding[2].has_required);
    assert_false(r->funding[3].has_required);
    results_free(r);
    scenario_free(s);
}

/* tests/data/load/years.ini, its per-year keys written out of order, loads sorted by
 * year: clients 2021 = 1 000, 2023 = 300; reference 2021 = 1 000 000, 2022 = 2 000 000;
 * caseload target.2023 = <= 70 besides the plain < 250; activation without a plain
 * actual: 2021 (38,5 %, no target of its own) and 2022 (41 %, > 40 %). Computed: the
 * caseload 2021 = 1 000 ÷ 5 = 200 < 250 met; 2023 = 300 ÷ 5 = 60 <= 70 met. */
static void test_load_per_year_keys(void **state)
{
    (void)state;
    diag_list diags = {0};
    scenario *s = scenario_load("tests/data/load/years.ini", NULL, 0, &diags);
    diag_print(&diags, stderr);
    diag_list_clear(&diags);
    assert_non_null(s);
    assert_false(s->has_clients);
    assert_int_equal(s->n_clients_years, 2);
    assert_int_equal(s->clients_years[0].year, 2021);
    assert_true(q_eq(s->clients_years[0].value, "1000"));
    assert_int_equal(s->clients_years[1].year, 2023);
    assert_true(q_eq(s->clients_years[1].value, "300"));
    assert_false(s->funding.has_reference_tmt);
    assert_int_equal(s->funding.n_reference_tmt_years, 2);
    assert_int_equal(s->funding.reference_tmt_years[0].year, 2021);
    assert_true(q_eq(s->funding.reference_tmt_years[1].value, "2000000"));
    const kpi *caseload = &s->kpis[0], *activation = &s->kpis[1];
    assert_true(caseload->computed_caseload);
    assert_int_equal(caseload->n_years, 1);
    assert_int_equal(caseload->years[0].op, KPI_LE);
    assert_false(activation->has_actual);
    assert_int_equal(activation->n_years, 2);
    assert_int_equal(activation->years[0].year, 2021);
    assert_true(activation->years[0].has_actual && !activation->years[0].has_target);
    assert_true(q_eq(activation->years[0].actual, "0.385"));
    assert_true(activation->years[1].has_actual && activation->years[1].has_target);

    results *r = results_compute(s);
    assert_non_null(r);
    assert_int_equal(r->n_kpi_rows, 4);   /* caseload 2021, 2023; activation 2021, 2022 */
    assert_row(&r->kpi_rows[0], 0, 2021, "200", KPI_LT, "250", true, "-50");
    assert_row(&r->kpi_rows[1], 0, 2023, "60", KPI_LE, "70", true, "-10");
    assert_row(&r->kpi_rows[2], 1, 2021, "0.385", KPI_LT, NULL, false, NULL);
    assert_row(&r->kpi_rows[3], 1, 2022, "0.41", KPI_GT, "0.4", true, "0.01");
    results_free(r);
    scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kpi_rows_per_year),
        cmocka_unit_test(test_caseload_without_coaches),
        cmocka_unit_test(test_required_per_year),
        cmocka_unit_test(test_total_without_plain_reference),
        cmocka_unit_test(test_load_per_year_keys),
    };
    return cmocka_run_group_tests_name("years", tests, NULL, NULL);
}
