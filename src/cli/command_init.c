/* command_init — `tkk init FILE.ini [--lang fi|en]`: a commented scenario template (SPEC §7.3). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "common.h"
#include "init_template.h"
#include "atomic_file.h"

/* The template goes to a temporary file next to FILE.ini and is linked into place:
 * link() fails when FILE.ini exists, so init never overwrites a file, not even one made
 * between the check and the write, and a failed write leaves no half-written template.
 * An existing file is exit 3 (SPEC §2): nothing the user typed is invalid (1) or
 * malformed (2); the file system holds a file tkk will not replace. */
int command_init(const cli_options *opts)
{
    if (opts->n_files != 1) {
        fprintf(stderr, "tkk: init needs exactly one FILE.ini to write\nTry 'tkk init --help'.\n");
        return EXIT_USAGE;
    }
    const char *path = opts->files[0];
    static const char refuse[] =
        "tkk: %s already exists: init does not overwrite a file; name a new file or remove the old one\n";
    if (access(path, F_OK) == 0) {
        fprintf(stderr, refuse, path);
        return EXIT_IO;
    }
    char error[512];
    atomic_file af;
    if (atomic_file_open(&af, path, error, sizeof error) != TKK_OK) {
        fprintf(stderr, "tkk: %s\n", error);
        return EXIT_IO;
    }
    fputs(init_template(opts->has_lang ? opts->lang : LANG_FI), af.f);
    if (atomic_file_commit(&af, true, error, sizeof error) != TKK_OK) {
        if (access(path, F_OK) == 0)
            fprintf(stderr, refuse, path);
        else
            fprintf(stderr, "tkk: %s\n", error);
        return EXIT_IO;
    }
    if (!opts->quiet)
        printf("%s: template written; check it with: tkk check %s\n", path, path);
    return EXIT_OK;
}
