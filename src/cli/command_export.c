/* command_export — `tkk export FILE.ini --format json|csv [-o DIR|FILE]` (SPEC §7.3). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "common.h"
#include "export_text.h"
#include "alloc.h"
#include "atomic_file.h"
#include "output_path.h"
#include "results.h"
#include "scenario_load.h"
#include "workbook_record.h"

typedef enum { EXPORT_JSON, EXPORT_CSV } export_format;

static bool has_suffix(const char *text, const char *suffix)
{
    size_t n = text ? strlen(text) : 0, k = strlen(suffix);
    return n > k && strcasecmp(text + n - k, suffix) == 0;
}

/* Writes one file atomically (SPEC §6, §7.5): a temporary file next to it, renamed into
 * place only when complete. write_body returns 0 or -1. */
typedef int (*body_writer)(FILE *f, const void *arg);

static int write_atomically(const char *path, body_writer write_body, const void *arg)
{
    char error[512];
    atomic_file af;
    if (atomic_file_open(&af, path, error, sizeof error) != TKK_OK) {
        fprintf(stderr, "tkk: %s\n", error);
        return EXIT_IO;
    }
    write_body(af.f, arg);   /* a failed write shows in the stream's error flag */
    tkk_err err = atomic_file_commit(&af, false, error, sizeof error);
    if (err != TKK_OK) {
        fprintf(stderr, "tkk: %s\n", error);
        return tkk_err_exit_status(err);
    }
    return EXIT_OK;
}

typedef struct {
    const scenario *s;
    wb_recorder *rec;
    const wb_rec_table *table;
    language lang;
    bool totals_only;
} export_job;

static int json_body(FILE *f, const void *arg)
{
    const export_job *job = arg;
    return export_json(f, job->s, job->rec);
}

static int csv_body(FILE *f, const void *arg)
{
    const export_job *job = arg;
    return export_csv_table(f, job->rec, job->table, job->lang, job->totals_only);
}

/* The output folder for the CSV files, or the JSON file's path. NULL on error (printed). */
static char *target_path(const cli_options *opts, const scenario *s, export_format format)
{
    char error[512];
    char name[300];
    if (format == EXPORT_JSON && has_suffix(opts->output, ".json")) {
        return xstrdup(opts->output);
    }
    snprintf(name, sizeof name, "%s.json", s->id);
    char *path = output_path(opts->output, name, false, error, sizeof error);
    if (!path)
        fprintf(stderr, "tkk: %s\n", error);
    return path;
}

static int export_one(const cli_options *opts, const scenario *s, const results *r,
                      export_format format)
{
    char *json_path = target_path(opts, s, format);
    if (!json_path)
        return EXIT_IO;
    /* JSON carries English column names (SPEC §7.3); CSV is for a spreadsheet, in the
     * scenario's language with its conventions. */
    language lang = format == EXPORT_JSON ? LANG_EN : cli_language(opts, s);
    wb_recorder *rec = wb_recorder_new();
    char error[512];
    int status = EXIT_OK;
    tkk_err err = workbook_record(json_path, s, r, lang, rec, error, sizeof error);
    if (err != TKK_OK) {
        fprintf(stderr, "tkk: %s\n", error);
        status = tkk_err_exit_status(err);
    } else if (format == EXPORT_JSON) {
        export_job job = { .s = s, .rec = rec };
        status = write_atomically(json_path, json_body, &job);
        if (status == EXIT_OK && !opts->quiet)
            printf("%s -> %s\n", opts->files[0], json_path);
    } else {
        /* The folder: json_path is FOLDER/<id>.json. */
        char *slash = strrchr(json_path, '/');
        size_t folder_len = slash ? (size_t)(slash - json_path) : 0;
        for (size_t t = 0; status == EXIT_OK && t < wb_recorder_n_tables(rec); t++) {
            const wb_rec_table *table = wb_recorder_table(rec, t);
            for (int part = 0; part < (table->totals ? 2 : 1) && status == EXIT_OK; part++) {
                char *path = xasprintf("%.*s%s%s-%s%s.csv", (int)folder_len, json_path,
                                       slash ? "/" : "", s->id, table->name,
                                       part ? "-total" : "");
                export_job job = { .s = s, .rec = rec, .table = table, .lang = lang,
                                   .totals_only = part == 1 };
                status = write_atomically(path, csv_body, &job);
                if (status == EXIT_OK && !opts->quiet)
                    printf("%s -> %s\n", opts->files[0], path);
                free(path);
            }
        }
    }
    wb_recorder_free(rec);
    free(json_path);
    return status;
}

int command_export(const cli_options *opts)
{
    if (opts->n_files != 1) {
        fprintf(stderr, "tkk: export needs exactly one FILE.ini\nTry 'tkk export --help'.\n");
        return EXIT_USAGE;
    }
    export_format format;
    if (opts->format && strcmp(opts->format, "json") == 0)
        format = EXPORT_JSON;
    else if (opts->format && strcmp(opts->format, "csv") == 0)
        format = EXPORT_CSV;
    else {
        fprintf(stderr, "tkk: export needs --format json or --format csv%s%s%s\n",
                opts->format ? ", not '" : "", opts->format ? opts->format : "",
                opts->format ? "'" : "");
        return EXIT_USAGE;
    }
    if (format == EXPORT_CSV && (has_suffix(opts->output, ".csv") || has_suffix(opts->output, ".json"))) {
        fprintf(stderr, "tkk: CSV export writes one file per table: -o names a folder\n");
        return EXIT_USAGE;
    }
    diag_list diags = { 0 };
    scenario *s = scenario_load(opts->files[0], opts->sets, opts->n_sets, &diags);
    diag_print(&diags, stderr);
    diag_list_clear(&diags);
    if (!s)
        return EXIT_INVALID;
    results *r = results_compute(s);
    int status;
    if (cli_result_warnings(opts->files[0], s, r) > 0 && diag_strict()) {
        status = EXIT_INVALID;
    } else {
        status = export_one(opts, s, r, format);
    }
    results_free(r);
    scenario_free(s);
    return status;
}
