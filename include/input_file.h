/*
 * input_file — a user's input file (a scenario, an `extends` parent, a projects CSV) read
 * whole, refused when it cannot be an input (SPEC §7.5, §7.3).
 *
 * The file is opened with O_NONBLOCK and checked with fstat before a byte is read, so a
 * FIFO or a device is refused at once instead of blocking or reading for ever:
 *
 *     char *text; size_t length;
 *     input_status st = input_file_read("salo.ini", &text, &length);
 *     if (st == INPUT_CANNOT_READ) ... strerror(errno) says why: an I/O error (exit 3)
 *     else if (st != INPUT_OK)     ... input_status_message(st): invalid input (exit 1)
 *     ...
 *     free(text);                  // NUL-terminated: text[length] == '\0'
 */
#ifndef TKK_INPUT_FILE_H
#define TKK_INPUT_FILE_H

#include <stddef.h>

/* SPEC §7.5: inputs beyond 64 MiB are errors. */
#define INPUT_MAX_BYTES ((size_t)64 * 1024 * 1024)

typedef enum {
    INPUT_OK,
    INPUT_CANNOT_READ,   /* missing, no permission, a read error: errno says why */
    INPUT_NOT_REGULAR,   /* a folder, a device (/dev/zero), a FIFO, a socket */
    INPUT_TOO_LARGE      /* more than INPUT_MAX_BYTES */
} input_status;

/* Reads path whole into *text (NUL-terminated; the caller frees) and *length. On any
 * status but INPUT_OK nothing is allocated and *text is NULL. */
input_status input_file_read(const char *path, char **text, size_t *length);

/* What is wrong, for the statuses other than INPUT_OK and INPUT_CANNOT_READ. */
const char *input_status_message(input_status status);

/* Length of the valid UTF-8 prefix of s[0..n) (a NUL byte counts as invalid: no cell may
 * hold one): s[result] is the first bad byte when result < n. */
size_t input_utf8_valid_prefix(const unsigned char *s, size_t n);

/* 1-based line of byte offset in text ('\n' ends a line). */
int input_line_of(const char *text, size_t offset);

#endif
