/*
 * test_files — the file helpers the unit tests of the output share: a scratch folder,
 * its listing, and whole files in and out. Header-only like fixture_scenario.h: every
 * helper is `static` and marked unused; failures go through cmocka's assert_*.
 *
 *     char dir[64];
 *     test_dir_make(dir, sizeof dir, "xlsx-out");   // /tmp/tkk-test-xlsx-out-XXXXXX
 *     ...
 *     char names[256];
 *     list_dir(dir, names, sizeof names);           // "a.xlsx b.xlsx": no temporaries
 *     test_dir_remove(dir);
 */
#ifndef TKK_TESTS_TEST_FILES_H
#define TKK_TESTS_TEST_FILES_H

/* cmocka.h needs these first (it does not include them itself). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEST_FILES_FN static __attribute__((unused))

/* A fresh folder /tmp/tkk-test-NAME-XXXXXX into dir. 0, or -1 (for a setup). */
TEST_FILES_FN int test_dir_make(char *dir, size_t size, const char *name)
{
    if (snprintf(dir, size, "/tmp/tkk-test-%s-XXXXXX", name) >= (int)size)
        return -1;
    return mkdtemp(dir) ? 0 : -1;
}

/* Removes the folder and all in it. 0, or -1 (for a teardown). */
TEST_FILES_FN int test_dir_remove(const char *dir)
{
    char command[160];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    return system(command) == 0 ? 0 : -1;
}

/* A cmocka state of a fresh scratch folder and one path in it, for tests that need no
 * more: test_dir_setup(state, "atomic-file", "out.json") as a group's setup (dir
 * /tmp/tkk-test-atomic-file-XXXXXX, path dir/out.json), test_dir_teardown as its
 * teardown (removes the folder and all in it). */
typedef struct {
    char dir[64];
    char path[128];
} test_dir_state;

TEST_FILES_FN int test_dir_setup(void **state, const char *name, const char *file)
{
    test_dir_state *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    if (test_dir_make(f->dir, sizeof f->dir, name) != 0 ||
        snprintf(f->path, sizeof f->path, "%s/%s", f->dir, file) >= (int)sizeof f->path) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

TEST_FILES_FN int test_dir_teardown(void **state)
{
    test_dir_state *f = *state;
    int rc = test_dir_remove(f->dir);
    free(f);
    return rc;
}

/* The names in dir, sorted and joined by spaces ("" when empty). */
TEST_FILES_FN void list_dir(const char *dir, char *out, size_t size)
{
    struct dirent **entries;
    int n = scandir(dir, &entries, NULL, alphasort);
    assert_true(n >= 0);
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        const char *name = entries[i]->d_name;
        if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0) {
            if (out[0])
                strncat(out, " ", size - strlen(out) - 1);
            strncat(out, name, size - strlen(out) - 1);
        }
        free(entries[i]);
    }
    free(entries);
}

/* The whole file (malloc'd); *length its size. */
TEST_FILES_FN char *slurp(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    assert_non_null(file);
    assert_int_equal(fseek(file, 0, SEEK_END), 0);
    long size = ftell(file);
    assert_true(size >= 0);
    rewind(file);
    char *data = malloc((size_t)size + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)size, file), (size_t)size);
    fclose(file);
    *length = (size_t)size;
    return data;
}

/* Writes length bytes of data as the whole file at path. */
TEST_FILES_FN void spill(const char *path, const void *data, size_t length)
{
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    assert_int_equal(fwrite(data, 1, length, file), length);
    assert_int_equal(fclose(file), 0);
}

#endif
