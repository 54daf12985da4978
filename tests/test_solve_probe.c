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

/* The figure at value (a text for mpq_set_str) with the given overrides. */
static int probe_at(const char *find, bool percent, solve_metric metric, const char *value,
                    const char *const *overrides, size_t n_overrides, solve_point *point,
                    solve_probe *probe, scenario_source **src)
{
    diag_list diags = {0};
    *src = scenario_source_read(path, &diags);
    assert_non_null(*src);
    diag_list_free(&diags);
    const char **sets = calloc(n_overrides + 1, sizeof *sets);
    assert_non_null(sets);
    for (size_t i = 0; i < n_overrides; i++)
        sets[i] = overrides[i];
    *probe = (solve_probe){.src = *src, .sets = sets, .n_sets = n_overrides, .path = find,
                           .percent = percent, .metric = metric};
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
    free(probe->sets);
    solve_probe_clear(probe);
    scenario_source_free(src);
    mpq_clear(point->metric);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_probe_figures),
        cmocka_unit_test(test_probe_invalid_value),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
