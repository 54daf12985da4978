/*
 * tkk_error — the class of a failure, kept beside its message text (SPEC §7.5).
 *
 * libxlsxwriter's lxw_error classifies but loses the path and errno; a bare -1 keeps
 * neither. A function that can fail for more than one reason returns a tkk_err and
 * writes "cannot write output/x.xlsx: No space left on device" into a buffer; the
 * command maps the class to the exit status of SPEC §2:
 *
 *     tkk_err err = xlsx_out_commit(&out);
 *     if (err != TKK_OK) {
 *         fprintf(stderr, "tkk: %s\n", error);
 *         return tkk_err_exit_status(err);            // 3 for I/O, memory, library
 *     }
 *
 * Invalid input normally travels as diag entries (diag.h); TKK_ERR_INVALID is for the
 * few places that must say "this is the user's input" through the same channel.
 */
#ifndef TKK_TKK_ERROR_H
#define TKK_TKK_ERROR_H

typedef enum {
    /** Success. */
    TKK_OK = 0,
    /** The input is invalid: exit 1. */
    TKK_ERR_INVALID,
    /** Reading or writing a file failed (errno in the message): exit 3. */
    TKK_ERR_IO,
    /** Memory ran out: exit 3 ("tkk: out of memory"). */
    TKK_ERR_NOMEM,
    /** A library refused a call (libxlsxwriter's lxw_error in the message): exit 3. */
    TKK_ERR_LIBRARY,
    TKK_ERR_COUNT
} tkk_err;

/* The exit status of SPEC §2 for the class: 0, 1 or 3. */
int tkk_err_exit_status(tkk_err err);
/* A short English name of the class ("I/O error"), never NULL. */
const char *tkk_err_name(tkk_err err);

#endif
