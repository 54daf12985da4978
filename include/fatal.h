/*
 * fatal — the one way out when nothing else is possible (SPEC §7.5): out of memory,
 * or a fatal signal. Either way the message goes to stderr, every registered
 * temporary file is removed and the process exits with status 3 — never by a signal,
 * never leaving a half-written file behind.
 *
 *     fatal_install();                          // once, first thing in main()
 *     int slot = fatal_temp_register("output/x.xlsx.tmp-Ab12Cd", false);
 *     ... write it ...
 *     fatal_temp_unregister(slot);              // renamed into place or removed
 *
 * The registry is a fixed table of fixed-size paths, so registering never allocates
 * and the signal handler reads it with async-signal-safe calls only (unlink, rmdir,
 * open, getdents64, write, _exit).
 */
#ifndef TKK_FATAL_H
#define TKK_FATAL_H

#include <stdbool.h>

/* Installs the handlers of SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGABRT on an
 * alternate stack (not under AddressSanitizer, which reports those itself). */
void fatal_install(void);

/* Remembers a temporary file (is_dir: a folder whose files are removed with it).
 * Returns a slot ≥ 0, or -1 when the path is too long or the table is full. */
int fatal_temp_register(const char *path, bool is_dir);
/* Forgets a slot (the file was renamed or removed). Tolerates -1. */
void fatal_temp_unregister(int slot);
/* Removes every registered file and folder now. Async-signal-safe. */
void fatal_temp_remove_all(void);
/* Removes a folder and the plain files in it (libxlsxwriter's tmpdir). 0 or -1.
 * Async-signal-safe. */
int fatal_remove_dir(const char *path);

/* While true, a SIGSEGV/SIGBUS at an address near NULL is read as libxlsxwriter failing
 * on an allocation it did not check (seen with 1.1.4 under `ulimit -v`: worksheet.c logs
 * "Memory allocation failed" and then dereferences NULL). Set by the output layer while
 * a workbook is open. */
void fatal_library_phase(bool on);

/* "tkk: out of memory", temporary files removed, exit 3. */
_Noreturn void fatal_out_of_memory(void);

#endif
