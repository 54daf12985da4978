/*
 * common — tiny things every module uses.
 *
 * STATIC marks a helper that is private to its file but reachable from the unit tests:
 * `static` in the program, nothing under -DTESTING (the libxlsxwriter way).
 */
#ifndef TKK_COMMON_H
#define TKK_COMMON_H

#ifdef TESTING
#define STATIC
#else
#define STATIC static
#endif

#define TKK_VERSION "1.0.0"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Exit statuses of SPEC §2. */
enum {
    EXIT_OK = 0,
    EXIT_INVALID = 1,   /* invalid input: nothing written for that scenario */
    EXIT_USAGE = 2,
    EXIT_IO = 3
};

#endif
