/*
 * Unit tests of the last line of defence (SPEC §7.5, src/base/fatal.c, src/base/alloc.c): the
 * out-of-memory exit and the fatal-signal handler print their line, remove every
 * registered temporary file and folder, and exit 3 — checked in a forked child, whose
 * exit status and stderr the parent reads.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <signal.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <gmp.h>

#include "alloc.h"
#include "fatal.h"
#include "test_files.h"

typedef struct {
    char dir[64];
    char file[128];      /* dir/x.xlsx.tmp-1 */
    char folder[128];    /* dir/x.xlsx.tmpdir-1, with a file inside */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    if (test_dir_make(f->dir, sizeof f->dir, "fatal") != 0)
        return -1;
    snprintf(f->file, sizeof f->file, "%s/x.xlsx.tmp-1", f->dir);
    snprintf(f->folder, sizeof f->folder, "%s/x.xlsx.tmpdir-1", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    int rc = test_dir_remove(f->dir);
    free(f);
    return rc;
}

static void touch(const char *path)
{
    spill(path, "x", 1);
}

/* Makes the temporaries, registers them in a child, runs body there; returns the
 * child's wait status with its stderr in err. */
static int in_child(fixture *f, void (*body)(void), char *err, size_t err_size)
{
    touch(f->file);
    assert_int_equal(mkdir(f->folder, 0700), 0);
    char inside[200];
    snprintf(inside, sizeof inside, "%s/tmp.abc", f->folder);
    touch(inside);
    int pipe_fds[2];
    assert_int_equal(pipe(pipe_fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(pipe_fds[1], STDERR_FILENO);
        close(pipe_fds[0]);
        fatal_install();
        if (fatal_temp_register(f->file, false) < 0 || fatal_temp_register(f->folder, true) < 0)
            _exit(99);
        body();
        _exit(98);   /* body must not return */
    }
    close(pipe_fds[1]);
    /* Everything the child wrote, to the end of the pipe. */
    size_t got = 0;
    ssize_t n;
    while (got < err_size - 1 && (n = read(pipe_fds[0], err + got, err_size - 1 - got)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        got += (size_t)n;
    }
    err[got] = '\0';
    close(pipe_fds[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

static void assert_temporaries_gone(const fixture *f)
{
    struct stat st;
    assert_int_not_equal(stat(f->file, &st), 0);
    assert_int_not_equal(stat(f->folder, &st), 0);
}

static void run_out_of_memory(void)
{
    /* An allocation no machine can satisfy (SIZE_MAX × 16 bytes): the wrappers' one
     * out-of-memory path, without asking malloc (which AddressSanitizer would stop). */
    void *p = xreallocarray(NULL, SIZE_MAX, 16);
    (void)p;
}

static void test_out_of_memory_exit(void **state)
{
    fixture *f = *state;
    char err[256];
    int status = in_child(f, run_out_of_memory, err, sizeof err);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 3);
    assert_string_equal(err, "tkk: out of memory\n");
    assert_temporaries_gone(f);
}

static void run_gmp_out_of_memory(void)
{
    /* GMP's own allocation failure would abort(): through alloc_install it is ours. */
    alloc_install();
    struct rlimit limit = {64 << 20, 64 << 20};
    setrlimit(RLIMIT_AS, &limit);
    mpz_t big;
    mpz_init(big);
    mpz_ui_pow_ui(big, 10, 1000000000UL);   /* ~415 MB of digits */
    mpz_clear(big);
}

static void test_gmp_out_of_memory_exit(void **state)
{
#if defined(__SANITIZE_ADDRESS__)
    skip();   /* AddressSanitizer cannot run under an address-space limit */
#endif
    fixture *f = *state;
    char err[256];
    int status = in_child(f, run_gmp_out_of_memory, err, sizeof err);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 3);
    assert_string_equal(err, "tkk: out of memory\n");
    assert_temporaries_gone(f);
}

static void run_null_access_in_library(void)
{
    /* What libxlsxwriter 1.1.4 does after a failed allocation it did not check. */
    fatal_library_phase(true);
    volatile int *nowhere = NULL;
    *nowhere = 1;
}

static void run_null_access_elsewhere(void)
{
    volatile int *nowhere = NULL;
    *nowhere = 1;
}

static void test_signal_in_library_is_out_of_memory(void **state)
{
#if defined(__SANITIZE_ADDRESS__)
    skip();   /* the handler is not installed under AddressSanitizer */
#endif
    fixture *f = *state;
    char err[256];
    int status = in_child(f, run_null_access_in_library, err, sizeof err);
    assert_true(WIFEXITED(status));   /* not killed by the signal */
    assert_int_equal(WEXITSTATUS(status), 3);
    assert_string_equal(err, "tkk: out of memory (libxlsxwriter failed on an allocation)\n");
    assert_temporaries_gone(f);
}

static void test_other_signal_is_an_internal_error(void **state)
{
#if defined(__SANITIZE_ADDRESS__)
    skip();
#endif
    fixture *f = *state;
    char err[256];
    int status = in_child(f, run_null_access_elsewhere, err, sizeof err);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 3);
    assert_string_equal(err, "tkk: internal error: fatal signal 11\n");
    assert_temporaries_gone(f);
}

static void test_registry(void **state)
{
    fixture *f = *state;
    touch(f->file);
    int slot = fatal_temp_register(f->file, false);
    assert_true(slot >= 0);
    fatal_temp_unregister(slot);
    fatal_temp_remove_all();   /* unregistered: stays */
    struct stat st;
    assert_int_equal(stat(f->file, &st), 0);
    /* The table is fixed: it fills up rather than allocating. */
    int slots[16], n = 0;
    while (n < 16 && (slots[n] = fatal_temp_register(f->file, false)) >= 0)
        n++;
    assert_true(n > 1 && n < 16);
    for (int i = 0; i < n; i++)
        fatal_temp_unregister(slots[i]);
    char too_long[5000];
    memset(too_long, 'a', sizeof too_long - 1);
    too_long[sizeof too_long - 1] = '\0';
    assert_int_equal(fatal_temp_register(too_long, false), -1);
    fatal_temp_unregister(-1);   /* tolerated */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_out_of_memory_exit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gmp_out_of_memory_exit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_signal_in_library_is_out_of_memory, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_other_signal_is_an_internal_error, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_registry, setup, teardown),
    };
    return cmocka_run_group_tests_name("fatal", tests, NULL, NULL);
}
