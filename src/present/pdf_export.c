/* pdf_export — the workbook printed to PDF by LibreOffice headless (SPEC §7.1). */
#include "pdf_export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

char *pdf_find_soffice(void)
{
    const char *forced = getenv("TKK_SOFFICE");
    if (forced && forced[0])
        return access(forced, X_OK) == 0 ? strdup(forced) : NULL;
    const char *path = getenv("PATH");
    if (!path)
        return NULL;
    char *copy = strdup(path);
    if (!copy)
        return NULL;
    char *found = NULL, *save = NULL;
    for (char *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
        char *candidate = NULL;
        if (asprintf(&candidate, "%s/soffice", dir[0] ? dir : ".") < 0)
            break;
        struct stat st;
        if (stat(candidate, &st) == 0 && S_ISREG(st.st_mode) && access(candidate, X_OK) == 0)
            found = candidate;
        else
            free(candidate);
    }
    free(copy);
    return found;
}

/* The folder part of path ("." when none), malloc'd. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* Runs soffice --headless --convert-to pdf on xlsx_path into its folder, with a private
 * profile there (a user's running LibreOffice or profile is never touched). */
static int run_soffice(const char *soffice, const char *xlsx_path, const char *folder)
{
    char *profile = NULL, *absolute = NULL;
    char *cwd = getcwd(NULL, 0);
    if (!cwd)
        return -1;
    /* The profile must be a file:// URL of an absolute path. */
    if (folder[0] == '/')
        absolute = strdup(folder);
    else if (asprintf(&absolute, "%s/%s", cwd, folder) < 0)
        absolute = NULL;
    free(cwd);
    if (!absolute || asprintf(&profile, "-env:UserInstallation=file://%s/profile", absolute) < 0) {
        free(absolute);
        return -1;
    }
    free(absolute);
    pid_t pid = fork();
    if (pid < 0) {
        free(profile);
        return -1;
    }
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, STDIN_FILENO);
            dup2(null, STDOUT_FILENO);
            dup2(null, STDERR_FILENO);
        }
        char *const argv[] = {
            (char *)soffice, profile, (char *)"--headless", (char *)"--norestore",
            (char *)"--convert-to", (char *)"pdf", (char *)"--outdir", (char *)folder,
            (char *)xlsx_path, NULL,
        };
        execv(soffice, argv);
        _exit(127);
    }
    free(profile);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

pdf_status pdf_export(const char *xlsx_path, const char *pdf_path, char *error,
                      size_t error_size)
{
    char *soffice = pdf_find_soffice();
    if (!soffice) {
        snprintf(error, error_size,
                 "cannot write %s: LibreOffice (soffice) is not installed or not on PATH; "
                 "install the Debian package libreoffice-calc-nogui", pdf_path);
        return PDF_NO_SOFFICE;
    }
    char *folder = folder_of(xlsx_path);
    char *converted = NULL;
    pdf_status status = PDF_FAILED;
    if (folder) {
        /* soffice names its output after the input: <folder>/<name>.pdf */
        size_t n = strlen(xlsx_path);
        const char *dot = strrchr(xlsx_path, '.');
        size_t stem = dot && !strchr(dot, '/') ? (size_t)(dot - xlsx_path) : n;
        if (asprintf(&converted, "%.*s.pdf", (int)stem, xlsx_path) < 0)
            converted = NULL;
    }
    if (!folder || !converted) {
        snprintf(error, error_size, "cannot write %s: out of memory", pdf_path);
    } else if (run_soffice(soffice, xlsx_path, folder) != 0 || access(converted, R_OK) != 0) {
        snprintf(error, error_size, "cannot write %s: LibreOffice (%s) did not convert the "
                 "workbook", pdf_path, soffice);
    } else if (rename(converted, pdf_path) != 0) {
        snprintf(error, error_size, "cannot write %s: %s", pdf_path, strerror(errno));
    } else {
        status = PDF_OK;
    }
    free(converted);
    free(folder);
    free(soffice);
    return status;
}
