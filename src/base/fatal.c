/*
 * fatal — out of memory and fatal signals end in exit 3 with a message and no
 * temporary file left (SPEC §7.5). Everything here that a signal handler reaches is
 * async-signal-safe: fixed storage, no stdio, no malloc.
 */
#include "fatal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

/* Enough for one workbook at a time (its file and libxlsxwriter's folder) and a few
 * more; a command writes its workbooks one after another. */
enum { TEMP_SLOTS = 8 };

typedef struct {
    volatile sig_atomic_t used;
    bool is_dir;
    char path[PATH_MAX];
} temp_slot;

static temp_slot temps[TEMP_SLOTS];
static volatile sig_atomic_t library_phase;

int fatal_temp_register(const char *path, bool is_dir)
{
    size_t length = strlen(path);
    if (length >= PATH_MAX)
        return -1;
    for (int i = 0; i < TEMP_SLOTS; i++) {
        if (temps[i].used)
            continue;
        memcpy(temps[i].path, path, length + 1);
        temps[i].is_dir = is_dir;
        temps[i].used = 1;   /* last: a handler never sees a half-copied path */
        return i;
    }
    return -1;
}

void fatal_temp_unregister(int slot)
{
    if (slot >= 0 && slot < TEMP_SLOTS)
        temps[slot].used = 0;
}

int fatal_remove_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        /* getdents64 rather than readdir: readdir allocates. */
        char buf[4096] __attribute__((aligned(8)));
        ssize_t n;
        while ((n = getdents64(fd, buf, sizeof buf)) > 0) {
            for (ssize_t o = 0; o < n;) {
                struct dirent64 *entry = (struct dirent64 *)(void *)(buf + o);
                o += entry->d_reclen;
                const char *name = entry->d_name;
                if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0)
                    unlinkat(fd, name, 0);
            }
        }
        close(fd);
    }
    return rmdir(path) == 0 || errno == ENOENT ? 0 : -1;
}

void fatal_temp_remove_all(void)
{
    int saved = errno;
    for (int i = 0; i < TEMP_SLOTS; i++) {
        if (!temps[i].used)
            continue;
        if (temps[i].is_dir)
            fatal_remove_dir(temps[i].path);
        else
            unlink(temps[i].path);
        temps[i].used = 0;
    }
    errno = saved;
}

void fatal_library_phase(bool on)
{
    library_phase = on;
}

static void write_text(const char *text)
{
    size_t length = strlen(text);
    while (length > 0) {
        ssize_t n = write(STDERR_FILENO, text, length);
        if (n <= 0 && errno != EINTR)
            return;
        if (n > 0) {
            text += n;
            length -= (size_t)n;
        }
    }
}

_Noreturn void fatal_out_of_memory(void)
{
    /* Lines already printed ("a.ini -> output/a.xlsx") stay true: flush them. The
     * buffer exists already, so this does not allocate. */
    fflush(stdout);
    write_text("tkk: out of memory\n");
    fatal_temp_remove_all();
    _exit(EXIT_IO);
}

#if !defined(__SANITIZE_ADDRESS__)
static void on_fatal_signal(int sig, siginfo_t *info, void *context)
{
    (void)context;
    bool null_access = (sig == SIGSEGV || sig == SIGBUS) && info &&
                       (uintptr_t)info->si_addr < 65536;
    if (library_phase && null_access) {
        write_text("tkk: out of memory (libxlsxwriter failed on an allocation)\n");
    } else {
        /* A defect of tkk: say so plainly, but still leave no temporary file. One
         * write, so a reader of the pipe gets the whole line at once. */
        char line[] = "tkk: internal error: fatal signal ??\n";
        char *digits = strchr(line, '?');
        if (sig >= 10) {
            digits[0] = (char)('0' + sig / 10 % 10);
            digits[1] = (char)('0' + sig % 10);
        } else {
            digits[0] = (char)('0' + sig);
            digits[1] = '\n';
            digits[2] = '\0';
        }
        write_text(line);
    }
    fatal_temp_remove_all();
    _exit(EXIT_IO);
}
#endif

void fatal_install(void)
{
#if defined(__SANITIZE_ADDRESS__)
    /* AddressSanitizer reports these signals with a stack trace: let it. */
    return;
#else
    /* A stack overflow cannot run its handler on the overflowed stack. */
    static char alternate_stack[64 * 1024];
    stack_t stack = {.ss_sp = alternate_stack, .ss_size = sizeof alternate_stack};
    sigaltstack(&stack, NULL);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_fatal_signal;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    static const int signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
    for (size_t i = 0; i < ARRAY_SIZE(signals); i++)
        sigaction(signals[i], &action, NULL);
#endif
}
