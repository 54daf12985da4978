/* command_show — `tkk show FILE.ini`: load, compute, then the terminal presenter (show.c). */
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "common.h"
#include "diag.h"
#include "results.h"
#include "scenario_load.h"
#include "show.h"

int command_show(const cli_options *opts)
{
    if (opts->n_files != 1) {
        fprintf(stderr, "tkk: show takes exactly one FILE.ini\nTry 'tkk show --help'.\n");
        return EXIT_USAGE;
    }
    diag_list diags = { 0 };
    scenario *s = scenario_load(opts->files[0], opts->sets, opts->n_sets, &diags);
    diag_print(&diags, stderr);
    int load_status = diag_exit_status(&diags);
    diag_list_clear(&diags);
    if (!s)
        return load_status == EXIT_IO ? EXIT_IO : EXIT_INVALID;
    results *r = results_compute(s);
    int status = EXIT_OK;
    /* SPEC §7.3 --strict: a warning is an error here as in run and check. */
    if (cli_result_warnings(opts->files[0], s, r) > 0 && diag_strict())
        status = EXIT_INVALID;
    else {
        /* A million-project table is ~100 MB of text: into a file or a pipe it goes in
         * 1 MiB writes instead of 4 KiB ones (main's fclose(stdout) still reports a
         * failed write). On a terminal the line buffering stays. */
        static char out_buffer[1 << 20];
        if (!isatty(STDOUT_FILENO))
            setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer);
        show_print(s, r, cli_language(opts, s));
    }
    results_free(r);
    scenario_free(s);
    return status;
}
