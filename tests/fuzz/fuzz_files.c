/* fuzz_files — the memory-backed folder of the fuzz harnesses (see fuzz_files.h). */
#include "fuzz_files.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *workspace;

/* Removes the folder and whatever a harness left in it (it holds no subfolders). */
static void remove_workspace(void)
{
    if (!workspace)
        return;
    DIR *d = opendir(workspace);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char *path = NULL;
            if (asprintf(&path, "%s/%s", workspace, e->d_name) >= 0) {
                unlink(path);
                free(path);
            }
        }
        closedir(d);
    }
    rmdir(workspace);
    free(workspace);
    workspace = NULL;
}

const char *fuzz_dir(void)
{
    if (workspace)
        return workspace;
    const char *base = getenv("TKK_FUZZ_DIR");
    if (!base || !*base)
        base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    if (asprintf(&workspace, "%s/tkk-fuzz-XXXXXX", base) < 0 || !mkdtemp(workspace)) {
        perror("tkk fuzz: cannot create the work folder");
        abort();
    }
    /* iniparser's chunks (ini_source.c) go to TMPDIR: keep them in memory too. */
    setenv("TMPDIR", workspace, 1);
    atexit(remove_workspace);
    return workspace;
}

char *fuzz_path(const char *name)
{
    char *path = NULL;
    if (asprintf(&path, "%s/%s", fuzz_dir(), name) < 0)
        abort();
    return path;
}

void fuzz_write(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        perror(path);
        abort();
    }
}

char *fuzz_write_scenario(const uint8_t *data, size_t size)
{
    static const char *const names[] = { "s.ini", "parent.ini", "projects.csv" };
    const size_t sep_len = strlen(FUZZ_SEPARATOR);
    const uint8_t *part = data;
    size_t left = size;
    char *main_path = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *path = fuzz_path(names[i]);
        if (part) {
            const uint8_t *sep = memmem(part, left, FUZZ_SEPARATOR, sep_len);
            /* The last file takes the rest, separators included. */
            size_t n = sep && i + 1 < sizeof names / sizeof names[0] ? (size_t)(sep - part) : left;
            fuzz_write(path, part, n);
            if (n < left) {
                left -= n + sep_len;
                part += n + sep_len;
            } else {
                part = NULL;
            }
        } else {
            unlink(path);
        }
        if (i == 0)
            main_path = path;
        else
            free(path);
    }
    return main_path;
}
