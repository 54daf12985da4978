/*
 * replay — a fuzz harness without libFuzzer: every saved input through its entry point.
 *
 * Built with the ordinary compiler against the test library, once per harness
 * (FUZZ_HARNESS names it), as build/tests/test_fuzz_<harness>; `make test` and
 * `make sanitize` run it. Without arguments it replays tests/fuzz/regressions/<harness>/
 * (the inputs that once crashed, hung or leaked, plus a few hand-picked ones); with
 * arguments, the files and folders named. Each input is one cmocka test: it passes when
 * the entry point returns (the harnesses abort on a broken contract, the sanitizers on
 * memory errors, leaks and undefined behaviour).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "fuzz_files.h"

#ifndef FUZZ_HARNESS
#error "FUZZ_HARNESS must name the harness, e.g. -DFUZZ_HARNESS='\"number\"'"
#endif

typedef struct {
    char **paths;
    size_t n, cap;
} path_list;

static void add_path(path_list *list, const char *path)
{
    if (list->n == list->cap) {
        list->cap = list->cap ? 2 * list->cap : 16;
        list->paths = realloc(list->paths, list->cap * sizeof *list->paths);
        if (!list->paths)
            abort();
    }
    if (!(list->paths[list->n++] = strdup(path)))
        abort();
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A file, or the regular files of a folder (not hidden ones: README.md is read, .keep not). */
static void collect(path_list *list, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: %s: no such file or folder\n", path);
        exit(1);
    }
    if (!S_ISDIR(st.st_mode)) {
        add_path(list, path);
        return;
    }
    DIR *d = opendir(path);
    if (!d)
        exit(1);
    size_t first = list->n;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *child = NULL;
        if (asprintf(&child, "%s/%s", path, e->d_name) < 0)
            abort();
        if (stat(child, &st) == 0 && S_ISREG(st.st_mode))
            add_path(list, child);
        free(child);
    }
    closedir(d);
    qsort(list->paths + first, list->n - first, sizeof *list->paths, by_name);
}

static void replay_one(void **state)
{
    const char *path = *state;
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    uint8_t *data = NULL;
    size_t size = 0, cap = 0;
    for (;;) {
        if (size == cap) {
            cap = cap ? 2 * cap : 4096;
            data = realloc(data, cap);
            assert_non_null(data);
        }
        size_t got = fread(data + size, 1, cap - size, f);
        if (got == 0)
            break;
        size += got;
    }
    assert_int_equal(ferror(f), 0);
    fclose(f);
    assert_int_equal(LLVMFuzzerTestOneInput(data, size), 0);
    free(data);
}

int main(int argc, char **argv)
{
    path_list list = { 0 };
    if (argc > 1)
        for (int i = 1; i < argc; i++)
            collect(&list, argv[i]);
    else
        collect(&list, "tests/fuzz/regressions/" FUZZ_HARNESS);
    if (list.n == 0) {
        fprintf(stderr, "replay: no inputs for the %s harness\n", FUZZ_HARNESS);
        return 1;
    }
    struct CMUnitTest *tests = calloc(list.n, sizeof *tests);
    if (!tests)
        abort();
    for (size_t i = 0; i < list.n; i++) {
        tests[i].name = list.paths[i];
        tests[i].test_func = replay_one;
        tests[i].initial_state = list.paths[i];
    }
    int failed = _cmocka_run_group_tests("fuzz_" FUZZ_HARNESS " replay", tests, list.n, NULL, NULL);
    for (size_t i = 0; i < list.n; i++)
        free(list.paths[i]);
    free(list.paths);
    free(tests);
    return failed;
}
