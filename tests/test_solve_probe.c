/* Tests for solve_probe.c (SPEC §7.4): one probe builds the scenario from its file with
 * the --set overrides and PATH=VALUE last, computes it and takes the goal's figure; an
 * invalid value stops the search with the loader's messages. Expected figures by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "solve_loader.h"
#include "solve_probe.h"

/* One municipal line, 12 months, 3 000 € a month per FTE, no side costs; a 50 % grant. */
static const char scenario_text[] =
    "[scenario]\n"
    "id = probe\n"
    "name = Probe\n"
    "start = 2022-01\n"
    "end = 2022-12\n"
    "[staff.c]\n"
    "role = Omavalmentaja\n"
    "fte = 1\n"
    "monthly_salary = 3000\n"
    "[funding]\n"
    "state_share = 50 %\n";

static char path[64];

static int setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "/tmp/tkk-test-solve-probe-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, scenario_text, sizeof scenario_text - 1),
                     (ssize_t)(sizeof scenario_text - 1));
    close(fd);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    return 0;
}

static solve_loader loader;

/* The figure at value (a text for mpq_set_str) with the given overrides; every probe
 * builds the scenario from the file. */
static int probe_at(const char *find, bool percent, solve_metric metric, const char *value,
                    const char *const *overrides, size_t n_overrides, solve_point *point,
                    solve_probe *probe, scenario_source **src)
{
    diag_list diags = {0};
    *src = scenario_source_read(path, &diags);
    assert_non_null(*src);
    diag_list_clear(&diags);
    const char **sets = calloc(n_overrides + 1, sizeof *sets);
    assert_non_null(sets);
    for (size_t i = 0; i < n_overrides; i++)
        sets[i] = overrides[i];
    loader = (solve_loader){.src = *src, .sets = sets, .n_sets = n_overrides, .path = find,
                            .percent = percent};
    *probe = (solve_probe){.variants = solve_loader_variants(&loader), .metric = metric};
    mpq_t v;
    mpq_init(v);
    assert_int_equal(mpq_set_str(v, value, 10), 0);
    mpq_canonicalize(v);
    memset(point, 0, sizeof *point);
    mpq_init(point->metric);
    int rc = solve_probe_eval(probe, 0, v, point);
    mpq_clear(v);
    return rc;
}

static void done(solve_probe *probe, scenario_source *src, solve_point *point)
{
    free(loader.sets);
    solve_loader_clear(&loader);
    solve_probe_clear(probe);
    scenario_source_free(src);
    mpq_clear(point->metric);
}

/* Probes find at each of values (texts for mpq_set_str) in turn on one patched probe
 * (the base, the file alone, as its working scenario); figures[k] gets the figure at
 * values[k] (initialised here, cleared by the caller). Returns how many were patched. */
static unsigned long long probe_patched(const char *find, bool percent, solve_metric metric,
                                        const char *const *values, size_t n, mpq_t *figures)
{
    diag_list diags = {0};
    scenario_source *src = scenario_source_read(path, &diags);
    assert_non_null(src);
    const char *sets[1] = {NULL};
    scenario *base = scenario_source_build(src, NULL, 0, &diags);
    assert_non_null(base);
    diag_list_clear(&diags);
    solve_loader l = {.src = src, .sets = sets, .n_sets = 0, .path = find, .percent = percent};
    assert_true(solve_loader_prepare_patch(&l, base));
    solve_probe probe = {.variants = solve_loader_variants(&l), .metric = metric, .work = base};
    for (size_t k = 0; k < n; k++) {
        mpq_t v;
        mpq_init(v);
        assert_int_equal(mpq_set_str(v, values[k], 10), 0);
        mpq_canonicalize(v);
        solve_point point = {0};
        mpq_init(point.metric);
        assert_int_equal(solve_probe_eval(&probe, k, v, &point), 0);
        assert_true(point.defined);
        mpq_init(figures[k]);
        mpq_set(figures[k], point.metric);
        mpq_clear(point.metric);
        mpq_clear(v);
    }
    unsigned long long patched = probe.patched;
    assert_int_equal(probe.evaluations, n);
    solve_probe_clear(&probe);   /* frees base, the working scenario */
    solve_loader_clear(&l);
    scenario_source_free(src);
    return patched;
}

static void test_probe_figures(void **state)
{
    (void)state;
    solve_probe probe;
    scenario_source *src;
    solve_point point;
    /* fte 5/2: ROUND(2,5 × 3 000; 2) = 7 500 a month × 12 = 90 000. */
    assert_int_equal(probe_at("staff.c.fte", false, SOLVE_TOTAL_COST, "5/2", NULL, 0, &point,
                              &probe, &src), 0);
    assert_true(point.defined);
    assert_int_equal(mpq_cmp_ui(point.metric, 90000, 1), 0);
    assert_int_equal(probe.evaluations, 1);
    done(&probe, src, &point);

    /* state_share 1/4 (sent as "25 %"), fte 2,5 by --set: ROUND(0,25 × 90 000) = 22 500. */
    const char *fte[] = {"staff.c.fte=2,5"};
    assert_int_equal(probe_at("funding.state_share", true, SOLVE_STATE_GRANT, "1/4", fte, 1,
                              &point, &probe, &src), 0);
    assert_int_equal(mpq_cmp_ui(point.metric, 22500, 1), 0);
    done(&probe, src, &point);

    /* PATH=VALUE goes after the overrides, so it wins over a --set of the same PATH:
     * fte 1 (the probe) not 2,5: 3 000 × 12 = 36 000. */
    assert_int_equal(probe_at("staff.c.fte", false, SOLVE_TOTAL_COST, "1", fte, 1, &point,
                              &probe, &src), 0);
    assert_int_equal(mpq_cmp_ui(point.metric, 36000, 1), 0);
    done(&probe, src, &point);

    /* No [bonus]: Bonus_Allocated is not defined, and the probe still succeeds. */
    assert_int_equal(probe_at("staff.c.fte", false, SOLVE_BONUS_ALLOCATED, "1", NULL, 0, &point,
                              &probe, &src), 0);
    assert_false(point.defined);
    done(&probe, src, &point);
}

static void test_probe_invalid_value(void **state)
{
    (void)state;
    solve_probe probe;
    scenario_source *src;
    solve_point point;
    /* fte −1 is refused by the loader: the search stops, the messages are kept. */
    assert_int_equal(probe_at("staff.c.fte", false, SOLVE_TOTAL_COST, "-1", NULL, 0, &point,
                              &probe, &src), -1);
    assert_non_null(probe.stopped_at);
    assert_string_equal(probe.stopped_at, "staff.c.fte=-1");
    assert_true(diag_error_count(&probe.problems) > 0);
    done(&probe, src, &point);

    /* A share of 150 % is refused as well (state_share is in 0..1, SPEC §4). */
    assert_int_equal(probe_at("funding.state_share", true, SOLVE_STATE_GRANT, "3/2", NULL, 0,
                              &point, &probe, &src), -1);
    assert_string_equal(probe.stopped_at, "funding.state_share=150 %");
    done(&probe, src, &point);
}

/* Patched probes (issue 13) give the figures a build gives, one after the other on the
 * same working scenario; a value the patch leaves to the loader is built, and the probe
 * after it patches again from the right value. */
static void test_probe_patched(void **state)
{
    (void)state;
    /* Total cost = ROUND(fte × 3 000; 2) × 12: fte 5/2 → 90 000; 1 → 36 000;
     * 0 (the loader's: the caseload rule looks at every coach line) → 0; 1/3 → 1 000 × 12
     * = 12 000; 7 → 252 000. */
    const char *ftes[] = {"5/2", "1", "0", "1/3", "7"};
    const unsigned long totals[] = {90000, 36000, 0, 12000, 252000};
    mpq_t figures[5];
    assert_int_equal(probe_patched("staff.c.fte", false, SOLVE_TOTAL_COST, ftes, 5, figures),
                     4);
    for (size_t k = 0; k < 5; k++) {
        assert_int_equal(mpq_cmp_ui(figures[k], totals[k], 1), 0);
        mpq_clear(figures[k]);
    }

    /* State grant = ROUND(share × 36 000; 2): 1/4 → 9 000; 1/3 → 12 000; 1 → 36 000. A
     * ratio goes to the patch as "25 %", as to the loader. */
    const char *shares[] = {"1/4", "1/3", "1"};
    const unsigned long grants[] = {9000, 12000, 36000};
    assert_int_equal(probe_patched("funding.state_share", true, SOLVE_STATE_GRANT, shares, 3,
                                   figures), 3);
    for (size_t k = 0; k < 3; k++) {
        assert_int_equal(mpq_cmp_ui(figures[k], grants[k], 1), 0);
        mpq_clear(figures[k]);
    }
}

/* A key the patch does not take (a month) or a path the base does not write: no patch. */
static void test_probe_not_patched(void **state)
{
    (void)state;
    diag_list diags = {0};
    scenario_source *src = scenario_source_read(path, &diags);
    scenario *base = scenario_source_build(src, NULL, 0, &diags);
    assert_non_null(base);
    diag_list_clear(&diags);
    const char *sets[1] = {NULL};
    solve_loader l = {.src = src, .sets = sets, .path = "scenario.start"};
    assert_false(solve_loader_prepare_patch(&l, base));
    l.path = "funding.state_cap";   /* accepted by the loader, but not in the file */
    assert_false(solve_loader_prepare_patch(&l, base));
    l.path = "staff.c.fte";
    assert_true(solve_loader_prepare_patch(&l, base));
    /* TKK_SWEEP_REBUILD=1: every probe builds (the reference of tests/e2e_solve_patch.py). */
    setenv("TKK_SWEEP_REBUILD", "1", 1);
    assert_false(solve_loader_prepare_patch(&l, base));
    unsetenv("TKK_SWEEP_REBUILD");
    solve_loader_clear(&l);
    scenario_free(base);
    scenario_source_free(src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_probe_figures),
        cmocka_unit_test(test_probe_invalid_value),
        cmocka_unit_test(test_probe_patched),
        cmocka_unit_test(test_probe_not_patched),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
