/* output_path — the output folder or file of a command. */
#include "output_path.h"
#include "alloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

bool output_is_file(const char *output)
{
    size_t len = output ? strlen(output) : 0;
    return len > 5 && strcasecmp(output + len - 5, ".xlsx") == 0;
}

/* mkdir -p */
static int make_folders(const char *dir, char *error, size_t error_size)
{
    char *path = xstrdup(dir);
    for (char *p = path + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char saved = *p;
            *p = '\0';
            if (mkdir(path, 0777) != 0 && errno != EEXIST) {
                snprintf(error, error_size, "cannot create the folder %s: %s", path, strerror(errno));
                free(path);
                return -1;
            }
            *p = saved;
            if (saved == '\0')
                break;
        }
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(error, error_size, "%s is not a folder", dir);
        free(path);
        return -1;
    }
    free(path);
    return 0;
}

char *output_path(const char *output, const char *name, bool file_allowed, char *error,
                  size_t error_size)
{
    char *path = NULL;
    if (!output)
        output = "output";
    if (file_allowed && output_is_file(output)) {
        path = xstrdup(output);
        char *slash = strrchr(path, '/');
        if (slash && slash != path) {
            *slash = '\0';
            int failed = make_folders(path, error, error_size);
            *slash = '/';
            if (failed) {
                free(path);
                return NULL;
            }
        }
        return path;
    }
    if (make_folders(output, error, error_size) != 0)
        return NULL;
    size_t len = strlen(output);
    return xasprintf("%s%s%s", output, len && output[len - 1] == '/' ? "" : "/", name);
}
