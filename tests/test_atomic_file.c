/*
 * Unit tests of atomic_file (SPEC §6, §7.5): a plain output file appears whole or not at
 * all. While it is written only "OUT.tmp-XXXXXX" exists beside it; commit renames it into
 * place (or, with no_replace, links it and refuses an existing file, which stays as it
 * was); abandon and a failed commit leave no temporary file.
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

#include "atomic_file.h"
#include "test_files.h"
#include "tkk_error.h"

typedef test_dir_state fixture;

static int setup(void **state)
{
    return test_dir_setup(state, "atomic-file", "out.json");
}

/* The file's whole text must be expected. */
static void assert_file_text(const char *path, const char *expected)
{
    size_t length;
    char *text = slurp(path, &length);
    text[length] = '\0';
    assert_string_equal(text, expected);
    free(text);
}

/* While open, only the temporary name exists, beside the output; commit moves it into
 * place with the usual permissions (0666 & ~umask, not mkstemp's 0600). */
static void test_commit_moves_the_whole_file_into_place(void **state)
{
    fixture *f = *state;
    char error[256] = "unchanged";
    atomic_file af;
    mode_t mask = umask(022);   /* a known umask: the output gets 0666 & ~022 = 0644 */
    tkk_err opened = atomic_file_open(&af, f->path, error, sizeof error);
    umask(mask);
    assert_int_equal(opened, TKK_OK);
    assert_non_null(af.f);
    /* "out.json.tmp-" + 6 random characters, in the same folder as the output. */
    assert_int_equal(strncmp(af.tmp_path, f->path, strlen(f->path)), 0);
    assert_int_equal(strlen(af.tmp_path), strlen(f->path) + strlen(".tmp-XXXXXX"));
    assert_int_equal(strncmp(af.tmp_path + strlen(f->path), ".tmp-", 5), 0);

    fputs("{\"a\": 1}\n", af.f);
    char names[256];
    list_dir(f->dir, names, sizeof names);
    assert_string_equal(names, strrchr(af.tmp_path, '/') + 1);   /* no out.json yet */
    assert_int_equal(access(f->path, F_OK), -1);

    assert_int_equal(atomic_file_commit(&af, false, error, sizeof error), TKK_OK);
    list_dir(f->dir, names, sizeof names);
    assert_string_equal(names, "out.json");
    assert_file_text(f->path, "{\"a\": 1}\n");
    struct stat st;
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);   /* not mkstemp's private 0600 */
    assert_string_equal(error, "unchanged");   /* success writes no message */
}

/* Without no_replace an existing file is replaced whole; with it the existing file is
 * refused (EEXIST: "already exists", an I/O error) and stays byte-identical, and the
 * temporary file is gone either way. */
static void test_replace_and_no_replace(void **state)
{
    fixture *f = *state;
    char error[256];
    atomic_file af;
    spill(f->path, "old\n", 4);

    assert_int_equal(atomic_file_open(&af, f->path, error, sizeof error), TKK_OK);
    fputs("new\n", af.f);
    assert_int_equal(atomic_file_commit(&af, true, error, sizeof error), TKK_ERR_IO);
    char expected[256];
    snprintf(expected, sizeof expected, "%s already exists", f->path);
    assert_string_equal(error, expected);
    assert_file_text(f->path, "old\n");
    char names[256];
    list_dir(f->dir, names, sizeof names);
    assert_string_equal(names, "out.json");

    assert_int_equal(atomic_file_open(&af, f->path, error, sizeof error), TKK_OK);
    fputs("newer\n", af.f);
    assert_int_equal(atomic_file_commit(&af, false, error, sizeof error), TKK_OK);
    assert_file_text(f->path, "newer\n");
    list_dir(f->dir, names, sizeof names);
    assert_string_equal(names, "out.json");
}

/* no_replace on a new name links the file into place and removes the temporary name. */
static void test_no_replace_creates_a_new_file(void **state)
{
    fixture *f = *state;
    char error[256];
    atomic_file af;
    assert_int_equal(atomic_file_open(&af, f->path, error, sizeof error), TKK_OK);
    fputs("first\n", af.f);
    assert_int_equal(atomic_file_commit(&af, true, error, sizeof error), TKK_OK);
    assert_file_text(f->path, "first\n");
    char names[256];
    list_dir(f->dir, names, sizeof names);
    assert_string_equal(names, "out.json");
    assert_null(af.tmp_path);
}

/* Abandon removes the temporary file and leaves an existing output as it was; a second
 * abandon (or one after a commit) does nothing. */
static void test_abandon_leaves_nothing(void **state)
{
    fixture *f = *state;
    char error[256];
    atomic_file af;
    spill(f->path, "kept\n", 5);
    assert_int_equal(atomic_file_open(&af, f->path, error, sizeof error), TKK_OK);
    fputs("half a fi", af.f);
    atomic_file_abandon(&af);
    atomic_file_abandon(&af);
    assert_null(af.f);
    assert_null(af.tmp_path);
    char names[256];
    list_dir(f->dir, names, sizeof names);
    assert_string_equal(names, "out.json");
    assert_file_text(f->path, "kept\n");
}

/* A folder that does not exist: open fails at once as an I/O error naming the output,
 * and leaves nothing to clean up. */
static void test_open_in_a_missing_folder(void **state)
{
    fixture *f = *state;
    char path[192], error[256] = "";
    snprintf(path, sizeof path, "%s/missing/out.json", f->dir);
    atomic_file af;
    assert_int_equal(atomic_file_open(&af, path, error, sizeof error), TKK_ERR_IO);
    char expected[256];
    snprintf(expected, sizeof expected, "cannot write %s: No such file or directory", path);
    assert_string_equal(error, expected);
    assert_null(af.tmp_path);
    assert_null(af.f);
    char names[256];
    list_dir(f->dir, names, sizeof names);
    assert_string_equal(names, "");
}

/* Renaming onto a folder fails (EISDIR): an I/O error, the folder untouched, no
 * temporary file left. */
static void test_commit_failure_leaves_no_temporary(void **state)
{
    fixture *f = *state;
    assert_int_equal(mkdir(f->path, 0777), 0);   /* out.json is a folder */
    char error[256];
    atomic_file af;
    assert_int_equal(atomic_file_open(&af, f->path, error, sizeof error), TKK_OK);
    fputs("x\n", af.f);
    assert_int_equal(atomic_file_commit(&af, false, error, sizeof error), TKK_ERR_IO);
    char expected[256];
    snprintf(expected, sizeof expected, "cannot write %s: Is a directory", f->path);
    assert_string_equal(error, expected);
    char names[256];
    list_dir(f->dir, names, sizeof names);
    assert_string_equal(names, "out.json");
    struct stat st;
    assert_int_equal(stat(f->path, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_commit_moves_the_whole_file_into_place, setup, test_dir_teardown),
        cmocka_unit_test_setup_teardown(test_replace_and_no_replace, setup, test_dir_teardown),
        cmocka_unit_test_setup_teardown(test_no_replace_creates_a_new_file, setup, test_dir_teardown),
        cmocka_unit_test_setup_teardown(test_abandon_leaves_nothing, setup, test_dir_teardown),
        cmocka_unit_test_setup_teardown(test_open_in_a_missing_folder, setup, test_dir_teardown),
        cmocka_unit_test_setup_teardown(test_commit_failure_leaves_no_temporary, setup, test_dir_teardown),
    };
    return cmocka_run_group_tests_name("atomic_file", tests, NULL, NULL);
}
