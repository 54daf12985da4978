/*
 * Unit tests of output_path: where a command writes (SPEC §7). `-o DIR` is a folder,
 * made with its parents when missing, and the workbook's name goes in it; `-o FILE.xlsx`
 * (any case of the suffix) is the file itself where the command allows one, its folder
 * made; no -o is the folder "output".
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output_path.h"
#include "test_files.h"

typedef test_dir_state fixture;

static int setup(void **state)
{
    return test_dir_setup(state, "output-path", "unused");
}

static bool is_folder(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* ".xlsx" in any case after at least one character names a file; anything else, NULL
 * included, a folder. */
static void test_output_is_file(void **state)
{
    (void)state;
    assert_true(output_is_file("salo.xlsx"));
    assert_true(output_is_file("out/SALO.XLSX"));
    assert_true(output_is_file("a.Xlsx"));
    assert_false(output_is_file(".xlsx"));        /* 5 characters: no name before it */
    assert_false(output_is_file("salo.xls"));
    assert_false(output_is_file("salo.xlsx/"));
    assert_false(output_is_file("output"));
    assert_false(output_is_file(""));
    assert_false(output_is_file(NULL));
}

/* A folder two levels deep that does not exist yet is made; a trailing '/' does not
 * double. */
static void test_folder_made_with_parents(void **state)
{
    fixture *f = *state;
    char out[128], expected[192], error[256] = "";
    snprintf(out, sizeof out, "%s/a/b", f->dir);
    char *path = output_path(out, "salo-2021.xlsx", true, error, sizeof error);
    snprintf(expected, sizeof expected, "%s/a/b/salo-2021.xlsx", f->dir);
    assert_non_null(path);
    assert_string_equal(path, expected);
    assert_true(is_folder(out));
    assert_string_equal(error, "");
    free(path);

    snprintf(out, sizeof out, "%s/a/b/", f->dir);   /* exists now; trailing slash */
    path = output_path(out, "x.xlsx", true, error, sizeof error);
    snprintf(expected, sizeof expected, "%s/a/b/x.xlsx", f->dir);
    assert_string_equal(path, expected);
    free(path);
}

/* -o FILE.xlsx: the file itself, its folder made; where a file is not allowed (`run` of
 * several scenarios, `export`), the same text is a folder named so. */
static void test_file_or_folder(void **state)
{
    fixture *f = *state;
    char out[128], expected[192], error[256] = "";
    snprintf(out, sizeof out, "%s/c/mine.xlsx", f->dir);
    char *path = output_path(out, "salo-2021.xlsx", true, error, sizeof error);
    assert_string_equal(path, out);
    free(path);
    snprintf(expected, sizeof expected, "%s/c", f->dir);
    assert_true(is_folder(expected));
    snprintf(expected, sizeof expected, "%s/c/mine.xlsx", f->dir);
    assert_false(is_folder(expected));           /* the file is the caller's to write */

    path = output_path(out, "compare.xlsx", false, error, sizeof error);
    snprintf(expected, sizeof expected, "%s/c/mine.xlsx/compare.xlsx", f->dir);
    assert_string_equal(path, expected);
    free(path);
    snprintf(expected, sizeof expected, "%s/c/mine.xlsx", f->dir);
    assert_true(is_folder(expected));
}

/* No -o: "output" in the current folder. */
static void test_default_folder(void **state)
{
    fixture *f = *state;
    char here[512], error[256] = "";
    assert_non_null(getcwd(here, sizeof here));
    assert_int_equal(chdir(f->dir), 0);
    char *path = output_path(NULL, "salo.xlsx", true, error, sizeof error);
    int moved_back = chdir(here);
    assert_string_equal(path, "output/salo.xlsx");
    free(path);
    assert_int_equal(moved_back, 0);
    char expected[128];
    snprintf(expected, sizeof expected, "%s/output", f->dir);
    assert_true(is_folder(expected));
}

/* A plain file where a folder is wanted, or in the way of a parent: NULL with the
 * message naming it. */
static void test_file_in_the_way(void **state)
{
    fixture *f = *state;
    char out[128], expected[256], error[256] = "";
    snprintf(out, sizeof out, "%s/plain", f->dir);
    spill(out, "x", 1);
    assert_null(output_path(out, "salo.xlsx", true, error, sizeof error));
    snprintf(expected, sizeof expected, "%s is not a folder", out);
    assert_string_equal(error, expected);

    snprintf(out, sizeof out, "%s/plain/sub", f->dir);
    assert_null(output_path(out, "salo.xlsx", true, error, sizeof error));
    snprintf(expected, sizeof expected, "cannot create the folder %s: Not a directory", out);
    assert_string_equal(error, expected);

    snprintf(out, sizeof out, "%s/plain/sub/f.xlsx", f->dir);
    assert_null(output_path(out, "salo.xlsx", true, error, sizeof error));
    snprintf(expected, sizeof expected, "cannot create the folder %s/plain/sub: Not a directory",
             f->dir);
    assert_string_equal(error, expected);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_output_is_file),
        cmocka_unit_test_setup_teardown(test_folder_made_with_parents, setup, test_dir_teardown),
        cmocka_unit_test_setup_teardown(test_file_or_folder, setup, test_dir_teardown),
        cmocka_unit_test_setup_teardown(test_default_folder, setup, test_dir_teardown),
        cmocka_unit_test_setup_teardown(test_file_in_the_way, setup, test_dir_teardown),
    };
    return cmocka_run_group_tests_name("output_path", tests, NULL, NULL);
}
