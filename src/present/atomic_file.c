/* atomic_file — plain output files written whole or not at all (SPEC §6, §7.5). */
#include "atomic_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "fatal.h"

static void forget(atomic_file *af)
{
    if (af->tmp_path) {
        unlink(af->tmp_path);
        fatal_temp_unregister(af->slot);
        free(af->tmp_path);
        af->tmp_path = NULL;
    }
}

tkk_err atomic_file_open(atomic_file *af, const char *out_path, char *error, size_t error_size)
{
    *af = (atomic_file){ .out_path = out_path, .slot = -1 };
    af->tmp_path = xasprintf("%s.tmp-XXXXXX", out_path);
    int fd = mkstemp(af->tmp_path);
    if (fd < 0) {
        snprintf(error, error_size, "cannot write %s: %s", out_path, strerror(errno));
        free(af->tmp_path);
        af->tmp_path = NULL;
        return TKK_ERR_IO;
    }
    af->slot = fatal_temp_register(af->tmp_path, false);
    /* mkstemp makes the file private (0600); an output gets the usual 0666 & ~umask. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || !(af->f = fdopen(fd, "w"))) {
        snprintf(error, error_size, "cannot write %s: %s", out_path, strerror(errno));
        close(fd);
        forget(af);
        return TKK_ERR_IO;
    }
    return TKK_OK;
}

tkk_err atomic_file_commit(atomic_file *af, bool no_replace, char *error, size_t error_size)
{
    int failed = ferror(af->f);
    int saved = errno;
    if (fclose(af->f) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    af->f = NULL;
    if (!failed) {
        int rc = no_replace ? link(af->tmp_path, af->out_path) : rename(af->tmp_path, af->out_path);
        if (rc != 0) {
            failed = 1;
            saved = errno;
        } else if (!no_replace) {
            fatal_temp_unregister(af->slot);   /* renamed: nothing left to remove */
            free(af->tmp_path);
            af->tmp_path = NULL;
        }
    }
    forget(af);   /* after link(): the temporary name of the new file */
    if (failed) {
        if (saved == EEXIST)
            snprintf(error, error_size, "%s already exists", af->out_path);
        else
            snprintf(error, error_size, "cannot write %s: %s", af->out_path,
                     strerror(saved ? saved : EIO));
        return TKK_ERR_IO;
    }
    return TKK_OK;
}

void atomic_file_abandon(atomic_file *af)
{
    if (af->f)
        fclose(af->f);
    af->f = NULL;
    forget(af);
}
