/* Tests for projects_csv.c: SPEC §4 "Project tables as CSV" — delimiters, quoting, BOM,
 * CRLF, exact values, and every error with its FILE:LINE:COLUMN. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "bonus.h"
#include "diag.h"
#include "projects_csv.h"
#include "scenario.h"

/* A STATIC helper of projects_csv.c (visible under -DTESTING). */
unsigned char projects_csv_delimiter(const char *line, size_t n);

#define BOM "\xEF\xBB\xBF"
#define EURO "\xE2\x82\xAC"

/* ---- fixtures ------------------------------------------------------------------------ */

typedef struct {
    char dir[64];
    char path[128];
    bonus_input bonus;
    diag_list diags;
    source_file source;
} fixture;

/* Three indicators as in the tests of bonus.c: activation 60 %, transitions 30 %, wage 10 %. */
static void add_indicators(bonus_input *b)
{
    static const char *const ids[] = { "activation", "transitions", "wage" };
    static const unsigned long percent[] = { 60, 30, 10 };
    b->indicators = calloc(3, sizeof *b->indicators);
    assert_non_null(b->indicators);
    b->n_indicators = 3;
    for (size_t k = 0; k < 3; k++) {
        b->indicators[k].id = strdup(ids[k]);
        assert_non_null(b->indicators[k].id);
        mpq_init(b->indicators[k].weight);
        mpq_set_ui(b->indicators[k].weight, percent[k], 100);
        mpq_canonicalize(b->indicators[k].weight);
        b->indicators[k].normalize = NORMALIZE_MAX;
    }
}

/* An INI [project.*] section loaded before the CSV, as scenario_validate.c does. */
static void add_ini_project(bonus_input *b, const char *id)
{
    b->projects = realloc(b->projects, (b->n_projects + 1) * sizeof *b->projects);
    assert_non_null(b->projects);
    bonus_project *p = &b->projects[b->n_projects++];
    p->id = strdup(id);
    p->name = strdup("From the INI file");
    mpq_init(p->grant);
    p->values = calloc(b->n_indicators, sizeof *p->values);
    assert_non_null(p->values);
    for (size_t k = 0; k < b->n_indicators; k++)
        mpq_init(p->values[k]);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    strcpy(f->dir, "/tmp/tkk-csv-XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    snprintf(f->path, sizeof f->path, "%s/projects.csv", f->dir);
    bonus_input_init(&f->bonus);
    add_indicators(&f->bonus);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    unlink(f->path);
    rmdir(f->dir);
    bonus_input_clear(&f->bonus);
    diag_list_clear(&f->diags);
    free(f->source.path);
    free(f->source.text);
    free(f);
    return 0;
}

static void write_csv(fixture *f, const char *text, size_t length)
{
    FILE *out = fopen(f->path, "wb");
    assert_non_null(out);
    assert_int_equal(fwrite(text, 1, length, out), length);
    assert_int_equal(fclose(out), 0);
}

/* Writes text and loads it; display name "projects.csv" so messages are predictable. */
static size_t load(fixture *f, const char *text)
{
    write_csv(f, text, strlen(text));
    return projects_csv_load(&f->bonus, f->path, "projects.csv", &f->diags, &f->source);
}

static void assert_q(const mpq_t value, const char *expected)
{
    mpq_t e;
    mpq_init(e);
    assert_int_equal(mpq_set_str(e, expected, 10), 0);
    mpq_canonicalize(e);
    if (mpq_cmp(value, e) != 0) {
        char *got = mpq_get_str(NULL, 10, value);
        print_error("got %s, expected %s\n", got, expected);
        free(got);
    }
    assert_true(mpq_cmp(value, e) == 0);
    mpq_clear(e);
}

static void assert_project(const bonus_project *p, const char *id, const char *name,
                           const char *grant, const char *activation, const char *transitions,
                           const char *wage)
{
    assert_string_equal(p->id, id);
    assert_string_equal(p->name, name);
    assert_q(p->grant, grant);
    assert_q(p->values[0], activation);
    assert_q(p->values[1], transitions);
    assert_q(p->values[2], wage);
}

/* Asserts diagnostic i: an error at projects.csv:line:column with this path, whose message
 * contains message_part. */
static void assert_diag(const fixture *f, size_t i, int line, int column, const char *path,
                        const char *message_part)
{
    assert_true(i < f->diags.count);
    const diag *d = &f->diags.items[i];
    if (d->line != line || d->column != column || strcmp(d->path, path) != 0 ||
        strstr(d->message, message_part) == NULL)
        print_error("diag %zu: %s:%d:%d: %s: %s\n", i, d->file, d->line, d->column, d->path,
                    d->message);
    assert_int_equal(d->severity, DIAG_ERROR);
    assert_string_equal(d->file, "projects.csv");
    assert_int_equal(d->line, line);
    assert_int_equal(d->column, column);
    assert_string_equal(d->path, path);
    assert_non_null(strstr(d->message, message_part));
}

/* ---- reading --------------------------------------------------------------------------- */

/* What Finnish Excel writes: BOM, ';', CRLF, decimal commas, spaces in thousands; the header
 * in another order, another case and with blanks; an empty line and an empty ";;;;;" row. */
static void test_semicolon_finnish(void **state)
{
    fixture *f = *state;
    const char *text =
        BOM " ID ;Name;GRANT; Wage ;activation;Transitions\r\n"
        "pori;Porin seutu;1 450 000;2 400 " EURO ";31,5 %;12,25\r\n"
        "\r\n"
        "salo;\"Salo; Marttila \"\"ja\"\" Koski\";980 000,50;0;0 %;1/3\r\n"
        ";;;;;\r\n";
    assert_int_equal(load(f, text), 0);
    assert_int_equal(f->diags.count, 0);
    assert_int_equal(f->bonus.n_projects, 2);
    /* activation 31,5 % = 315/1000 = 63/200; transitions 12,25 = 1225/100 = 49/4 */
    assert_project(&f->bonus.projects[0], "pori", "Porin seutu", "1450000", "63/200", "49/4",
                   "2400");
    /* grant 980 000,50 = 98000050/100 = 1960001/2; the name keeps its ';' and quotes */
    assert_project(&f->bonus.projects[1], "salo", "Salo; Marttila \"ja\" Koski", "1960001/2",
                   "0", "1/3", "0");
    /* The Inputs sheet gets the bytes as read, BOM included. */
    assert_string_equal(f->source.path, "projects.csv");
    assert_int_equal(f->source.length, strlen(text));
    assert_memory_equal(f->source.text, text, strlen(text));
    assert_int_equal(f->source.text[f->source.length], '\0');
}

/* ',' as delimiter; a decimal comma must then be quoted; no newline at the end. CSV rows are
 * appended after the INI [project.*] sections. */
static void test_comma_delimiter(void **state)
{
    fixture *f = *state;
    add_ini_project(&f->bonus, "turku");
    const char *text =
        "id,name,grant,activation,transitions,wage\n"
        "pori,\"Porin seutu, Satakunta\",1450000,\"31,5 %\",0.5,10\n"
        "rauma,Rauma,\"2 000,00 EUR\",  7  ,\"2/3 %\",0";
    assert_int_equal(load(f, text), 0);
    assert_int_equal(f->diags.count, 0);
    assert_int_equal(f->bonus.n_projects, 3);
    assert_string_equal(f->bonus.projects[0].id, "turku");
    assert_project(&f->bonus.projects[1], "pori", "Porin seutu, Satakunta", "1450000", "63/200",
                   "1/2", "10");
    /* transitions 2/3 % = 2/300 = 1/150 */
    assert_project(&f->bonus.projects[2], "rauma", "Rauma", "2000", "7", "1/150", "0");
}

/* A quoted name spanning two physical lines: the next record's errors still name its own
 * physical line. */
static void test_multiline_field_keeps_line_numbers(void **state)
{
    fixture *f = *state;
    const char *text =
        "id;name;grant;activation;transitions;wage\n"     /* line 1 */
        "pori;\"Porin seutu\n"                             /* line 2 */
        "(Satakunta)\";100;1;2;3\n"                        /* line 3 */
        "\n"                                               /* line 4 */
        "salo;Salo;abc;1;2;3\n"                            /* line 5 */
        "kemi;\"Kemi\n"                                    /* line 6 */
        "(Lappi)\";100;1;2;x\n";                           /* line 7 */
    assert_int_equal(load(f, text), 2);
    assert_int_equal(f->diags.count, 2);
    assert_diag(f, 0, 5, 3, "project.salo.grant", "'abc' is not a valid number");
    /* A record is reported at the line where it starts, not where it ends. */
    assert_diag(f, 1, 6, 6, "project.kemi.wage", "'x' is not a valid number");
    assert_int_equal(f->bonus.n_projects, 1);
    assert_project(&f->bonus.projects[0], "pori", "Porin seutu\n(Satakunta)", "100", "1", "2",
                   "3");
}

static void test_delimiter_from_header(void **state)
{
    (void)state;
    const char *semicolon = "id;name;grant\nx,y,z\n";
    const char *comma = "id,name,grant\nx;y;z\n";
    const char *quoted = "id,\"na;me\",grant\n";          /* ';' inside quotes does not count */
    const char *both = "id;\"name, full\";grant";          /* ';' wins over ',' */
    assert_int_equal(projects_csv_delimiter(semicolon, strlen(semicolon)), ';');
    assert_int_equal(projects_csv_delimiter(comma, strlen(comma)), ',');
    assert_int_equal(projects_csv_delimiter(quoted, strlen(quoted)), ',');
    assert_int_equal(projects_csv_delimiter(both, strlen(both)), ';');
}

/* ---- errors ---------------------------------------------------------------------------- */

/* Every problem in the file at once, each at its record's line and field's column; no
 * half-filled project is appended, the good rows are. */
static void test_row_errors_all_reported(void **state)
{
    fixture *f = *state;
    add_ini_project(&f->bonus, "turku");
    const char *text =
        "id;name;grant;activation;transitions;wage\n"     /* 1 */
        "pori;Porin seutu;1 000;1;2;3\n"                   /* 2: good */
        "salo;Salo;2 000;1,2,3;2;3\n"                      /* 3: bad number */
        "rauma;Rauma;-5;1;2;3\n"                           /* 4: negative grant */
        "vaasa;Vaasa;3 000;1;2\n"                          /* 5: short row */
        "pori;Pori again;1;1;2;3\n"                        /* 6: duplicate in the CSV */
        "turku;Turku;1;1;2;3\n"                            /* 7: duplicate of [project.turku] */
        "Oulu;Oulu;1;1;2;-1 %\n"                           /* 8: capital id, negative value */
        "kemi;;1;1;2;3\n"                                  /* 9: empty name */
        "lahti;Lahti;1;1;2;3\n";                           /* 10: good */
    size_t errors = load(f, text);
    assert_int_equal(errors, 8);
    assert_int_equal(f->diags.count, 8);
    assert_diag(f, 0, 3, 4, "project.salo.activation", "'1,2,3' is not a valid number");
    assert_diag(f, 1, 4, 3, "project.rauma.grant", "'-5' is negative: grant must be 0 or more");
    assert_diag(f, 2, 5, 6, "project.vaasa.wage", "this row has 5 fields, the header has 6");
    assert_diag(f, 3, 6, 1, "project.pori.id",
                "project id 'pori' is given twice (first at line 2)");
    assert_diag(f, 4, 7, 1, "project.turku.id", "[project.turku] already defines it");
    /* The id is not known, so the paths name the columns. */
    assert_diag(f, 5, 8, 1, "id", "ids are lowercase, write 'oulu'");
    assert_diag(f, 6, 8, 6, "wage", "'-1 %' is negative");
    assert_diag(f, 7, 9, 2, "project.kemi.name", "the project name is empty");

    /* turku (INI), then the two good rows; nothing of the broken ones. */
    assert_int_equal(f->bonus.n_projects, 3);
    assert_string_equal(f->bonus.projects[0].id, "turku");
    assert_project(&f->bonus.projects[1], "pori", "Porin seutu", "1000", "1", "2", "3");
    assert_project(&f->bonus.projects[2], "lahti", "Lahti", "1", "1", "2", "3");

    /* The CSV rows keep their values in the value block, back to back: a broken row's
     * three rationals go to the next row, so lahti's follow pori's (3 = 3 indicators); the
     * INI project keeps its own. Ids and names are copied into the text block:
     * "pori\0Porin seutu\0lahti\0Lahti\0" = 5 + 12 + 6 + 6 = 29 bytes. */
    assert_non_null(f->bonus.value_block);
    assert_ptr_equal(f->bonus.projects[1].values, f->bonus.value_block);
    assert_ptr_equal(f->bonus.projects[2].values, f->bonus.value_block + 3);
    assert_int_equal(f->bonus.value_block_used, 6);
    assert_true(f->bonus.projects[0].values != f->bonus.value_block + 6);
    assert_ptr_equal(f->bonus.projects[1].id, f->bonus.text_block);
    assert_int_equal(f->bonus.text_block_used, 29);
}

/* A row with too many fields: typically an unquoted decimal comma in a ','-file. */
static void test_long_row(void **state)
{
    fixture *f = *state;
    const char *text =
        "id,name,grant,activation,transitions,wage\n"
        "pori,Pori,1000,31,5 %,2,3\n";
    /* Column 7 is the first field beyond the header's 6. Every shifted value ("5 %" as
     * transitions) happens to parse, so the field count is what catches it. */
    assert_int_equal(load(f, text), 1);
    assert_diag(f, 0, 2, 7, "project.pori", "this row has 7 fields, the header has 6");
    assert_int_equal(f->bonus.n_projects, 0);
}

/* Header problems: unknown columns (with and without a suggestion) at their column of line 1,
 * all missing columns in one error; the rows are still checked but none is appended. */
static void test_header_errors(void **state)
{
    fixture *f = *state;
    const char *text =
        "id;name;grant;Activaton;comment;wage\n"
        "pori;Pori;x;1;note;3\n";
    assert_int_equal(load(f, text), 4);
    assert_int_equal(f->diags.count, 4);
    assert_diag(f, 0, 1, 4, "Activaton", "unknown column 'Activaton'; did you mean 'activation'?");
    assert_diag(f, 1, 1, 5, "comment", "unknown column 'comment': the columns are id, name, grant, activation, "
                "transitions, wage");
    assert_diag(f, 2, 1, 0, "bonus.projects", "missing columns 'activation', 'transitions': the header row needs id, "
                "name, grant, activation, transitions, wage (in any order)");
    assert_diag(f, 3, 2, 3, "project.pori.grant", "'x' is not a valid number");
    assert_int_equal(f->bonus.n_projects, 0);
}

static void test_header_duplicate_and_single_missing(void **state)
{
    fixture *f = *state;
    const char *text = "id;name;grant;wage;activation;GRANT\npori;Pori;1;1;1;1\n";
    assert_int_equal(load(f, text), 2);
    assert_diag(f, 0, 1, 6, "GRANT", "column 'GRANT' is given twice (first in column 3)");
    assert_diag(f, 1, 1, 0, "bonus.projects", "missing column 'transitions':");
    assert_int_equal(f->bonus.n_projects, 0);
}

/* CSV_STRICT: a stray quote is an error at its physical line, and the parser resumes on the
 * next line; a quote never closed is reported at the record's line. */
static void test_quote_errors(void **state)
{
    fixture *f = *state;
    const char *text =
        "id;name;grant;activation;transitions;wage\n"     /* 1 */
        "pori;Por\"i;1;1;2;3\n"                          /* 2: quote in an unquoted field */
        "salo;\"Salo\" x;1;1;2;3\n"                     /* 3: text after a closing quote */
        "rauma;Rauma;1;1;2;3\n"                           /* 4: good */
        "vaasa;\"Vaasa;1;1;2;3\n"                        /* 5: never closed */
        "kemi;Kemi;1;1;2;3\n";                            /* 6: swallowed by line 5's quote */
    assert_int_equal(load(f, text), 3);
    assert_diag(f, 0, 2, 2, "project.pori.name", "a quote inside an unquoted value");
    assert_diag(f, 1, 3, 2, "project.salo.name", "text after a closing quote");
    assert_diag(f, 2, 5, 2, "project.vaasa.name", "a quoted value is never closed");
    assert_int_equal(f->bonus.n_projects, 1);
    assert_string_equal(f->bonus.projects[0].id, "rauma");
}

/* Without a readable header there is nothing to check the rows against: one error. */
static void test_quote_error_in_header(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "id;na\"me;grant;activation;transitions;wage\n"
                             "pori;Pori;x;1;2;3\n"), 1);
    assert_int_equal(f->diags.count, 1);
    assert_diag(f, 0, 1, 2, "", "a quote inside an unquoted value");
    assert_int_equal(f->bonus.n_projects, 0);
}

static void test_blank_header_column(void **state)
{
    fixture *f = *state;
    /* Excel's trailing empty columns are ignored while they stay empty. */
    const char *text =
        "id;name;grant;activation;transitions;wage;;\n"
        "pori;Pori;1;1;2;3;;\n"
        "salo;Salo;1;1;2;3;;oops\n";
    assert_int_equal(load(f, text), 1);
    assert_diag(f, 0, 3, 8, "project.salo", "'oops' is in a column without a header name");
    assert_int_equal(f->bonus.n_projects, 1);
    assert_string_equal(f->bonus.projects[0].id, "pori");
}

static void test_invalid_id(void **state)
{
    fixture *f = *state;
    const char *text = "id;name;grant;activation;transitions;wage\n"
                       "pori seutu;Pori;1;1;2;3\n"
                       ";Nobody;1;1;2;3\n";
    assert_int_equal(load(f, text), 2);
    assert_diag(f, 0, 2, 1, "id", "'pori seutu' is not a valid project id");
    assert_diag(f, 1, 3, 1, "id", "the project id is empty");
    assert_int_equal(f->bonus.n_projects, 0);
}

static void test_cannot_read(void **state)
{
    fixture *f = *state;
    size_t errors = projects_csv_load(&f->bonus, "/nonexistent/tkk/projects.csv", "projects.csv",
                                      &f->diags, &f->source);
    assert_int_equal(errors, 1);
    assert_int_equal(f->diags.count, 1);
    assert_diag(f, 0, 0, 0, "bonus.projects",
                "cannot read projects.csv: No such file or directory");
    assert_null(f->source.text);
    assert_null(f->source.path);
    assert_int_equal(f->bonus.n_projects, 0);
}

static void test_empty_file(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, BOM "\r\n  \n"), 1);
    assert_diag(f, 0, 1, 0, "bonus.projects", "the file is empty");
    /* A header alone is no error here: "[bonus] without projects" is the validator's. */
    diag_list_clear(&f->diags);
    free(f->source.path);
    free(f->source.text);
    assert_int_equal(load(f, "id;name;grant;activation;transitions;wage\n"), 0);
    assert_int_equal(f->bonus.n_projects, 0);
}

/* Excel's plain "CSV" is Windows-1252: 0xE4 is 'ä' there, not UTF-8. */
static void test_not_utf8(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "id;name;grant;activation;transitions;wage\n"
                             "pori;Pori;1;1;2;3\n"
                             "hameenlinna;H\xE4meenlinna;1;1;2;3\n"), 1);
    assert_diag(f, 0, 3, 0, "bonus.projects", "byte 0xE4 is not UTF-8 text");
    assert_int_equal(f->bonus.n_projects, 0);
    assert_non_null(f->source.text);   /* still shown on the Inputs sheet */
}

static void test_source_may_be_null(void **state)
{
    fixture *f = *state;
    const char *text = "id;name;grant;activation;transitions;wage\np;P;1;1;1;1\n";
    write_csv(f, text, strlen(text));
    assert_int_equal(projects_csv_load(&f->bonus, f->path, "projects.csv", &f->diags, NULL), 0);
    assert_int_equal(f->bonus.n_projects, 1);
}

/* 10 000 projects × 3 indicators load in milliseconds (no per-row scan for duplicates, no
 * per-row realloc); the last row repeats the first id and is still caught. */
static void test_ten_thousand_rows(void **state)
{
    fixture *f = *state;
    size_t rows = 10000;
    size_t capacity = 64 + (rows + 1) * 64;
    char *text = malloc(capacity);
    assert_non_null(text);
    size_t n = (size_t)snprintf(text, capacity, "id;name;grant;activation;transitions;wage\n");
    for (size_t i = 0; i < rows; i++)
        n += (size_t)snprintf(text + n, capacity - n, "p%zu;Project %zu;%zu 000;%zu,5 %%;%zu;1/3\n",
                              i, i, i, i % 100, i % 7);
    n += (size_t)snprintf(text + n, capacity - n, "p0;Again;1;1;1;1\n");
    write_csv(f, text, n);
    free(text);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    size_t errors = projects_csv_load(&f->bonus, f->path, "projects.csv", &f->diags, &f->source);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    print_message("loaded %zu rows in %.1f ms\n", rows, ms);

    assert_int_equal(errors, 1);
    assert_diag(f, 0, 10002, 1, "project.p0.id", "given twice (first at line 2)");
    assert_int_equal(f->bonus.n_projects, rows);
    /* Row 9 999: grant 9 999 000; activation 99,5 % = 995/1000 = 199/200; 9999 % 7 = 3 */
    assert_project(&f->bonus.projects[9999], "p9999", "Project 9999", "9999000", "199/200", "3",
                   "1/3");
    /* Generous for sanitizer builds; unoptimised it takes a few ms. */
    assert_true(ms < 2000.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_semicolon_finnish, setup, teardown),
        cmocka_unit_test_setup_teardown(test_comma_delimiter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_multiline_field_keeps_line_numbers, setup, teardown),
        cmocka_unit_test(test_delimiter_from_header),
        cmocka_unit_test_setup_teardown(test_row_errors_all_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_header_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_header_duplicate_and_single_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quote_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quote_error_in_header, setup, teardown),
        cmocka_unit_test_setup_teardown(test_blank_header_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cannot_read, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_source_may_be_null, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ten_thousand_rows, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
