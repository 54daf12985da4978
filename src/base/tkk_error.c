/* tkk_error — failure classes and their exit statuses (SPEC §2, §7.5). */
#include "tkk_error.h"

#include "common.h"

/* Kept in step with the enum by tests/test_xlsx_out.c. */
static const char *const names[TKK_ERR_COUNT] = {
    [TKK_OK] = "no error",
    [TKK_ERR_INVALID] = "invalid input",
    [TKK_ERR_IO] = "I/O error",
    [TKK_ERR_NOMEM] = "out of memory",
    [TKK_ERR_LIBRARY] = "library error",
};

int tkk_err_exit_status(tkk_err err)
{
    switch (err) {
    case TKK_OK:
        return EXIT_OK;
    case TKK_ERR_INVALID:
        return EXIT_INVALID;
    case TKK_ERR_IO:
    case TKK_ERR_NOMEM:
    case TKK_ERR_LIBRARY:
    case TKK_ERR_COUNT:
        break;
    }
    return EXIT_IO;
}

const char *tkk_err_name(tkk_err err)
{
    return (unsigned)err < TKK_ERR_COUNT ? names[err] : "unknown error";
}
