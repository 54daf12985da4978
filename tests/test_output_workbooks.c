/*
 * Unit tests of the compare and sweep workbooks through the output layer (SPEC §6,
 * §7.5): each writes one complete file that reads back as a zip, leaves no temporary
 * file, and on a failure leaves an existing workbook as it was with the failure's
 * class (an I/O error: exit 3).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compare.h"
#include "results.h"
#include "scenario_load.h"
#include "sweep.h"
#include "sweep_workbook.h"
#include "test_files.h"
#include "tkk_error.h"
#include "zip_check.h"

/* Two one-year scenarios; the second's name carries a control character (U+0001),
 * which the workbook must carry as U+FFFD, not as a byte that breaks the XML. */
static const char scenario_a[] =
    "[scenario]\n"
    "id = a\n"
    "name = Alpha\n"
    "prepared_by = Tester\n"
    "date = 2021-06-17\n"
    "start = 2021-01\n"
    "end = 2021-12\n"
    "[staff.x]\n"
    "role = Coach\n"
    "fte = 2\n"
    "monthly_salary = 1 000\n"
    "coach = yes\n";

static const char scenario_b[] =
    "[scenario]\n"
    "id = b\n"
    "name = Be\x01ta\n"
    "start = 2021-01\n"
    "end = 2021-12\n"
    "[staff.x]\n"
    "role = Coach\n"
    "fte = 3\n"
    "monthly_salary = 1 000\n";

typedef struct {
    char dir[64];
    scenario *s[2];
    results *r[2];
} fixture;

static scenario *load_text(fixture *f, const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    assert_true(fputs(text, out) >= 0);
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
    assert_int_equal(test_dir_make(f->dir, sizeof f->dir, "outwb"), 0);
    f->s[0] = load_text(f, "a.ini", scenario_a);
    f->s[1] = load_text(f, "b.ini", scenario_b);
    for (int i = 0; i < 2; i++)
        f->r[i] = results_compute(f->s[i]);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    for (int i = 0; i < 2; i++) {
        results_free(f->r[i]);
        scenario_free(f->s[i]);
    }
    int rc = test_dir_remove(f->dir);
    free(f);
    return rc;
}

static void assert_complete_zip(const char *path)
{
    char why[256] = "";
    if (zip_check_file(path, why, sizeof why) != 0)
        fail_msg("%s: %s", path, why);
}

/* ---- compare --------------------------------------------------------------------------- */

static tkk_err write_compare(fixture *f, const char *path, char *error, size_t error_size)
{
    compare_table t;
    compare_build(&t, (const scenario *const *)f->s, (const results *const *)f->r, 2,
                  COMPARE_ALIGN_CALENDAR);
    tkk_err err = compare_workbook_write(path, &t, (const scenario *const *)f->s, LANG_EN,
                                         error, error_size);
    compare_table_clear(&t);
    return err;
}

static void test_compare_writes_one_complete_file(void **state)
{
    fixture *f = *state;
    char path[128], error[512] = "unchanged";
    snprintf(path, sizeof path, "%s/compare.xlsx", f->dir);
    assert_int_equal(write_compare(f, path, error, sizeof error), TKK_OK);
    assert_string_equal(error, "");
    char names[256];
    list_dir(f->dir, names, sizeof names);
    assert_string_equal(names, "compare.xlsx");
    assert_complete_zip(path);
}

/* The output is a folder: the rename fails late, after the whole workbook was written.
 * An I/O error, the folder untouched, no temporary left. */
static void test_compare_failure_leaves_nothing(void **state)
{
    fixture *f = *state;
    char path[128], error[512] = "";
    snprintf(path, sizeof path, "%s/taken.xlsx", f->dir);
    assert_int_equal(mkdir(path, 0755), 0);
    assert_int_equal(write_compare(f, path, error, sizeof error), TKK_ERR_IO);
    assert_non_null(strstr(error, "cannot write "));
    char names[256];
    list_dir(f->dir, names, sizeof names);
    assert_string_equal(names, "taken.xlsx");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
}

/* ---- sweep ------------------------------------------------------------------------------ */

/* staff.x.fte = 1, 2, 3: three rows, each with the base's results (the rows' numbers
 * are test_sweep's business; here the file is). */
static tkk_err write_sweep(fixture *f, const char *path, bool discard, char *error,
                           size_t error_size)
{
    sweep_axis axis;
    char axis_error[256];
    assert_int_equal(sweep_axis_parse(&axis, "staff.x.fte=1..3:1", axis_error,
                                      sizeof axis_error), 0);
    tkk_err err = TKK_OK;
    sweep_workbook *wb = sweep_workbook_open(path, f->s[1], &axis, 1, sweep_columns_of(f->s[1]),
                                             LANG_FI, error, error_size, &err);
    assert_non_null(wb);
    assert_int_equal(err, TKK_OK);
    sweep_iter it;
    sweep_iter_init(&it, &axis, 1);
    int rows = 0;
    while (sweep_iter_next(&it) == 1) {
        assert_int_equal(sweep_workbook_row(wb, &it, f->r[1]), 0);
        rows++;
    }
    assert_int_equal(rows, 3);
    sweep_iter_clear(&it);
    if (discard)
        sweep_workbook_discard(wb);
    else
        err = sweep_workbook_close(wb);
    sweep_axis_clear(&axis);
    return err;
}

static void test_sweep_writes_one_complete_file(void **state)
{
    fixture *f = *state;
    char path[128], error[512] = "unchanged";
    snprintf(path, sizeof path, "%s/b-sweep.xlsx", f->dir);
    assert_int_equal(write_sweep(f, path, false, error, sizeof error), TKK_OK);
    assert_string_equal(error, "");
    char names[256];
    list_dir(f->dir, names, sizeof names);
    assert_string_equal(names, "b-sweep.xlsx");
    assert_complete_zip(path);
}

/* A sweep given up half-way (a later variant invalid): the old workbook stays, byte for
 * byte, and the constant_memory temporaries are gone with the rest. */
static void test_sweep_discard_keeps_the_old_file(void **state)
{
    fixture *f = *state;
    char path[128], error[512] = "";
    snprintf(path, sizeof path, "%s/b-sweep.xlsx", f->dir);
    FILE *old = fopen(path, "w");
    assert_non_null(old);
    fputs("old workbook", old);
    assert_int_equal(fclose(old), 0);
    write_sweep(f, path, true, error, sizeof error);
    char names[256];
    list_dir(f->dir, names, sizeof names);
    assert_string_equal(names, "b-sweep.xlsx");
    char buf[32] = "";
    old = fopen(path, "r");
    assert_non_null(old);
    assert_non_null(fgets(buf, sizeof buf, old));
    fclose(old);
    assert_string_equal(buf, "old workbook");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_compare_writes_one_complete_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compare_failure_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sweep_writes_one_complete_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sweep_discard_keeps_the_old_file, setup, teardown),
    };
    return cmocka_run_group_tests_name("output_workbooks", tests, NULL, NULL);
}
