/* output_file — atomic, reproducible writing of the compare and sweep workbooks. */
#include "output_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *output_file_begin(const char *out_path, char *error, size_t error_size)
{
    /* A unique name next to the output, so rename() stays within one file system. */
    char *tmp_path = NULL;
    if (asprintf(&tmp_path, "%s.tmp-XXXXXX", out_path) < 0) {
        snprintf(error, error_size, "cannot write %s: out of memory", out_path);
        return NULL;
    }
    int fd = mkstemp(tmp_path);
    if (fd < 0) {
        snprintf(error, error_size, "cannot write %s: %s", out_path, strerror(errno));
        free(tmp_path);
        return NULL;
    }
    /* mkstemp makes the file private (0600); a workbook gets the usual 0666 & ~umask. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0) {
        snprintf(error, error_size, "cannot write %s: %s", out_path, strerror(errno));
        close(fd);
        output_file_abandon(tmp_path);
        return NULL;
    }
    if (close(fd) != 0) {
        snprintf(error, error_size, "cannot write %s: %s", out_path, strerror(errno));
        output_file_abandon(tmp_path);
        return NULL;
    }
    return tmp_path;
}

int output_file_commit(char *tmp_path, const char *out_path, char *error, size_t error_size)
{
    if (rename(tmp_path, out_path) != 0) {
        snprintf(error, error_size, "cannot write %s: %s", out_path, strerror(errno));
        output_file_abandon(tmp_path);
        return -1;
    }
    free(tmp_path);
    return 0;
}

void output_file_abandon(char *tmp_path)
{
    if (!tmp_path)
        return;
    unlink(tmp_path);
    free(tmp_path);
}

/* SOURCE_DATE_EPOCH as a time, when set to a whole number ≥ 0. */
static bool epoch_from_environment(time_t *t)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (!epoch || !*epoch)
        return false;
    char *end = NULL;
    errno = 0;
    long long value = strtoll(epoch, &end, 10);
    if (errno != 0 || *end != '\0' || value < 0)
        return false;
    *t = (time_t)value;
    return true;
}

time_t output_file_time(const scenario *s, bool date_first)
{
    time_t t = 0;
    if (date_first && s->has_date) {
        struct tm tm = {.tm_year = s->date_year - 1900, .tm_mon = s->date_month - 1,
                        .tm_mday = s->date_day};
        t = timegm(&tm);
    } else if (epoch_from_environment(&t)) {
        /* t is set */
    } else if (s->has_date) {
        struct tm tm = {.tm_year = s->date_year - 1900, .tm_mon = s->date_month - 1,
                        .tm_mday = s->date_day};
        t = timegm(&tm);
    } else {
        t = (time_t)s->source_mtime;
    }
    /* libxlsxwriter takes 0 for "now", which would break reproducibility. */
    return t == 0 ? 1 : t;
}
