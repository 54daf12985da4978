/*
 * Tests of ini_source: our one-pass INI parser (SPEC §4) — line numbers of sections and
 * keys, comments, quoting, continuation, merged sections, duplicate keys, a BOM, CRLF,
 * every syntax message as tkk prints it — the file checks (UTF-8, NUL bytes, not a
 * regular file) and, as the reference, iniparser: on every shipped scenario and test
 * file, our values are exactly the ones iniparser 4.1 reads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glob.h>
#include <unistd.h>
#include <cmocka.h>
#include <iniparser.h>

#include "ini_source.h"

static const ini_key *key_of(const ini_doc *doc, const char *section, const char *key)
{
    ini_section *sec = ini_doc_find(doc, section);
    if (!sec)
        fail_msg("no section [%s]", section);
    ini_key *k = ini_section_find(sec, key);
    if (!k)
        fail_msg("no key %s in [%s]", key, section);
    return k;
}

/* Parses text as file "t.ini"; returns the number of errors. */
static size_t parse(ini_doc *doc, diag_list *diags, const char *text)
{
    ini_doc_init(doc);
    return ini_doc_parse(doc, "t.ini", text, strlen(text), diags);
}

/* The printed form of diags, "FILE:LINE: PATH: message\n" each. */
static char *printed(const diag_list *diags)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    assert_non_null(f);
    diag_print(diags, f);
    assert_int_equal(fclose(f), 0);
    return buf;
}

/* Lines counted by hand: 1 comment, 2 [Scenario], 3 id, 4 blank, 5 # comment,
 * 6 [staff.coaches], 7 FTE, 8 quoted, 9 single-quoted, 10 inline comment,
 * 11 empty, 12 "" (empty), 13 continued (line 14 continues it), 15 [scenario] again,
 * 16 name. */
static const char lines_text[] =
        "; a comment\n"
        "[Scenario]\n"
        "ID = salo\n"
        "\n"
        "# another comment\n"
        "[staff.coaches]\n"
        "FTE = 6\n"
        "role = \"Oma; valmentaja \" trailing ignored\n"
        "payer = 'state'\n"
        "monthly_salary = 3 100 ; inline comment\n"
        "eligible =\n"
        "coach = \"\"\n"
        "label = part \\\n"
        "two\n"
        "[SCENARIO]\n"
        "name = Salo # hash comment\n";

static void test_lines_values_and_merges(void **state)
{
    (void)state;
    ini_doc doc;
    diag_list diags = { 0 };
    assert_int_equal(parse(&doc, &diags, lines_text), 0);
    assert_int_equal(doc.n_sections, 2);           /* [SCENARIO] merged into [Scenario] */
    const ini_section *sec = ini_doc_find(&doc, "scenario");
    assert_non_null(sec);
    assert_int_equal(sec->line, 2);                /* the first header's line */
    assert_string_equal(key_of(&doc, "scenario", "id")->value, "salo");
    assert_int_equal(key_of(&doc, "scenario", "id")->line, 3);
    assert_string_equal(key_of(&doc, "scenario", "name")->value, "Salo");
    assert_int_equal(key_of(&doc, "scenario", "name")->line, 16);
    assert_string_equal(key_of(&doc, "scenario", "name")->file, "t.ini");
    assert_int_equal(ini_doc_find(&doc, "staff.coaches")->line, 6);
    assert_string_equal(key_of(&doc, "staff.coaches", "fte")->value, "6");
    assert_int_equal(key_of(&doc, "staff.coaches", "fte")->line, 7);
    assert_string_equal(key_of(&doc, "staff.coaches", "role")->value, "Oma; valmentaja ");
    assert_string_equal(key_of(&doc, "staff.coaches", "payer")->value, "state");
    assert_string_equal(key_of(&doc, "staff.coaches", "monthly_salary")->value, "3 100");
    assert_int_equal(key_of(&doc, "staff.coaches", "monthly_salary")->line, 10);
    assert_string_equal(key_of(&doc, "staff.coaches", "eligible")->value, "");
    assert_string_equal(key_of(&doc, "staff.coaches", "coach")->value, "");
    /* iniparser's continuation: the backslash is replaced by the next line. */
    assert_string_equal(key_of(&doc, "staff.coaches", "label")->value, "part two");
    assert_int_equal(key_of(&doc, "staff.coaches", "label")->line, 13);
    ini_doc_clear(&doc);
    diag_list_clear(&diags);
}

/* SPEC §4: a key given twice in one file is the error, at its second line; the first
 * value stands. Each syntax message exactly as printed. */
static void test_errors_as_printed(void **state)
{
    (void)state;
    static const char text[] =
        "key = outside\n"              /* 1: before any section */
        "[scenario]\n"                 /* 2 */
        "id = a\n"                     /* 3 */
        "ID = b\n"                     /* 4: duplicate (case-insensitive) */
        "[broken\n"                    /* 5 */
        "[ ]\n"                        /* 6 */
        "just words\n"                 /* 7 */
        "= value\n";                   /* 8 */
    ini_doc doc;
    diag_list diags = { 0 };
    assert_int_equal(parse(&doc, &diags, text), 6);
    char *out = printed(&diags);
    assert_string_equal(out,
        "t.ini:1: key: key outside any section: put it under a [section] header\n"
        "t.ini:4: scenario.id: key given twice (first at line 3): remove one of them\n"
        "t.ini:5: a section header needs a closing ']': [broken\n"
        "t.ini:6: empty section name '[]'\n"
        "t.ini:7: expected 'key = value' or '[section]', found 'just words'\n"
        "t.ini:8: a value without a key: write 'key = value'\n");
    assert_string_equal(key_of(&doc, "scenario", "id")->value, "a");
    free(out);
    ini_doc_clear(&doc);
    diag_list_clear(&diags);
}

/* A BOM is skipped (line 1 is the line after it); CRLF line ends leave no '\r' in values
 * and count lines as LF does; a continuation across CRLF works too. */
#define CRLF_TEXT \
        "[scenario]\r\n" \
        "id = salo\r\n" \
        "\r\n" \
        "name = \"Salo\"\r\n" \
        "area = Salo, \\\r\n" \
        "Koski\r\n" \
        "end = 2021-12"               /* no line end at all */

static void test_bom_and_crlf(void **state)
{
    (void)state;
    static const char text[] = "\xEF\xBB\xBF" CRLF_TEXT;
    ini_doc doc;
    diag_list diags = { 0 };
    assert_int_equal(parse(&doc, &diags, text), 0);
    assert_int_equal(ini_doc_find(&doc, "scenario")->line, 1);
    assert_string_equal(key_of(&doc, "scenario", "id")->value, "salo");
    assert_int_equal(key_of(&doc, "scenario", "id")->line, 2);
    assert_string_equal(key_of(&doc, "scenario", "name")->value, "Salo");
    assert_int_equal(key_of(&doc, "scenario", "name")->line, 4);
    assert_string_equal(key_of(&doc, "scenario", "area")->value, "Salo, Koski");
    assert_int_equal(key_of(&doc, "scenario", "area")->line, 5);
    assert_string_equal(key_of(&doc, "scenario", "end")->value, "2021-12");
    assert_int_equal(key_of(&doc, "scenario", "end")->line, 7);
    ini_doc_clear(&doc);
    diag_list_clear(&diags);
}

/* A second read into the same doc is a child over its parent: its keys replace the
 * parent's without being duplicates; a section of the parent stays where it was. */
static void test_second_file_overrides(void **state)
{
    (void)state;
    ini_doc doc;
    diag_list diags = { 0 };
    assert_int_equal(parse(&doc, &diags, "[scenario]\nid = parent\nname = P\n"), 0);
    const char child[] = "; child\n[scenario]\nid = child\n";
    assert_int_equal(ini_doc_parse(&doc, "c.ini", child, strlen(child), &diags), 0);
    assert_string_equal(key_of(&doc, "scenario", "id")->value, "child");
    assert_string_equal(key_of(&doc, "scenario", "id")->file, "c.ini");
    assert_int_equal(key_of(&doc, "scenario", "id")->line, 3);
    assert_string_equal(key_of(&doc, "scenario", "name")->file, "t.ini");
    ini_doc_clear(&doc);
    diag_list_clear(&diags);
}

static char *temp_file(const void *bytes, size_t n)
{
    const char *dir = getenv("TMPDIR");
    char *path = NULL;
    assert_true(asprintf(&path, "%s/tkk-test-ini-XXXXXX", dir && *dir ? dir : "/tmp") > 0);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, bytes, n), (ssize_t)n);
    close(fd);
    return path;
}

/* Reads bytes from a file, expecting exactly one error printed as want ("%s" = path). */
static void read_refused(const void *bytes, size_t n, const char *want_format)
{
    char *path = temp_file(bytes, n);
    ini_doc doc;
    ini_doc_init(&doc);
    diag_list diags = { 0 };
    char *text = (char *)"untouched";
    assert_int_equal(ini_doc_read(&doc, path, path, &diags, &text, NULL), 1);
    assert_null(text);
    char *want = NULL;
    assert_true(asprintf(&want, want_format, path) > 0);
    char *out = printed(&diags);
    assert_string_equal(out, want);
    free(out);
    free(want);
    ini_doc_clear(&doc);
    diag_list_clear(&diags);
    unlink(path);
    free(path);
}

/* SPEC §7.3: not UTF-8 is an error naming the first bad byte's line (Latin-1 'ä' is
 * 0xE4, on line 3); NUL bytes keep their own message; /dev/null is not a regular file. */
static void test_file_checks(void **state)
{
    (void)state;
    static const char latin1[] = "[scenario]\nid = a\nname = P\xE4ij\xE4t-H\xE4me\n";
    read_refused(latin1, sizeof latin1 - 1,
                 "%s:3: byte 0xE4 is not UTF-8 text: save the file as UTF-8\n");
    static const char nul[] = "[scenario]\nid = a\0b\n";
    read_refused(nul, sizeof nul - 1, "%s: the file contains NUL bytes: is it a text file?\n");
    /* UTF-8 letters and a BOM are fine. */
    static const char utf8[] = "\xEF\xBB\xBF[scenario]\nname = P\xC3\xA4ij\xC3\xA4t-H\xC3\xA4me\n";
    char *path = temp_file(utf8, sizeof utf8 - 1);
    ini_doc doc;
    ini_doc_init(&doc);
    diag_list diags = { 0 };
    assert_int_equal(ini_doc_read(&doc, path, path, &diags, NULL, NULL), 0);
    assert_string_equal(key_of(&doc, "scenario", "name")->value, "P\xC3\xA4ij\xC3\xA4t-H\xC3\xA4me");
    ini_doc_clear(&doc);
    unlink(path);
    free(path);

    ini_doc_init(&doc);
    assert_int_equal(ini_doc_read(&doc, "/dev/null", "/dev/null", &diags, NULL, NULL), 1);
    assert_false(diags.items[diags.count - 1].io);             /* invalid input: exit 1 */
    assert_int_equal(ini_doc_read(&doc, "/nonexistent/x.ini", "x.ini", &diags, NULL, NULL), 1);
    assert_true(diags.items[diags.count - 1].io);              /* SPEC §7.3: exit 3 */
    assert_string_equal(diags.items[diags.count - 1].message,
                        "cannot read the file: No such file or directory");
    ini_doc_clear(&doc);
    diag_list_clear(&diags);
}

/* A file of 3 000 sections (18 002 lines) reads every key with its hand-counted line:
 * section i's header is on line 2 + 6i, its key a on the next line. */
static void test_large_file(void **state)
{
    (void)state;
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    assert_non_null(f);
    fputs("; generated\n", f);
    for (int i = 0; i < 3000; i++)
        fprintf(f, "[s.%d]\na = %d\nb = \"text %d\"\nc = part \\\n%d\n\n", i, i, i, i);
    assert_int_equal(fclose(f), 0);
    ini_doc doc;
    diag_list diags = { 0 };
    ini_doc_init(&doc);
    assert_int_equal(ini_doc_parse(&doc, "big.ini", text, size, &diags), 0);
    assert_int_equal(doc.n_sections, 3000);
    for (int i = 0; i < 3000; i += 7) {
        char name[32], value[32];
        snprintf(name, sizeof name, "s.%d", i);
        assert_int_equal(ini_doc_find(&doc, name)->line, 2 + 6 * i);
        assert_int_equal(key_of(&doc, name, "a")->line, 3 + 6 * i);
        snprintf(value, sizeof value, "text %d", i);
        assert_string_equal(key_of(&doc, name, "b")->value, value);
        snprintf(value, sizeof value, "part %d", i);
        assert_string_equal(key_of(&doc, name, "c")->value, value);
    }
    ini_doc_clear(&doc);
    free(text);
}

/* ---- iniparser as the reference ----------------------------------------------------- */

static int iniparser_quiet(const char *format, ...)
{
    (void)format;
    return 0;
}

/* Every "section:key" iniparser reads from path has our value, and we read no key it
 * does not. Returns the number of keys compared; files our parser or iniparser refuses
 * (the bad-input catalogue's syntax cases, lines iniparser cannot hold) are skipped. */
static size_t compare_with_iniparser(const char *path)
{
    ini_doc doc;
    ini_doc_init(&doc);
    diag_list diags = { 0 };
    size_t errors = ini_doc_read(&doc, path, path, &diags, NULL, NULL);
    diag_list_clear(&diags);
    dictionary *dict = errors == 0 ? iniparser_load(path) : NULL;
    if (!dict) {
        ini_doc_clear(&doc);
        return 0;
    }
    size_t compared = 0, ours = 0;
    for (size_t i = 0; i < doc.n_sections; i++)
        ours += doc.sections[i].n_keys;
    for (ssize_t i = 0; i < dict->size; i++) {
        const char *entry = dict->key[i], *value = dict->val[i];
        const char *colon = entry ? strchr(entry, ':') : NULL;
        if (!colon) {
            if (entry && !ini_doc_find(&doc, entry))
                fail_msg("%s: iniparser has section [%s], we do not", path, entry);
            continue;
        }
        char *section = strndup(entry, (size_t)(colon - entry));
        const ini_section *sec = ini_doc_find(&doc, section);
        const ini_key *k = sec ? ini_section_find(sec, colon + 1) : NULL;
        if (!k || strcmp(k->value, value ? value : "") != 0)
            fail_msg("%s: [%s] %s: iniparser reads '%s', we read '%s'", path, section,
                     colon + 1, value ? value : "(null)", k ? k->value : "(no key)");
        free(section);
        compared++;
    }
    if (compared != ours)
        fail_msg("%s: iniparser reads %zu keys, we read %zu", path, compared, ours);
    iniparser_freedict(dict);
    ini_doc_clear(&doc);
    return compared;
}

static void test_same_values_as_iniparser(void **state)
{
    (void)state;
    iniparser_set_error_callback(iniparser_quiet);
    static const char *const patterns[] = {
        "scenarios/*.ini", "tests/data/*.ini", "tests/data/load/*.ini", "tests/bad/*.ini",
        "tests/bad/parents/*.ini",
    };
    size_t files = 0, keys = 0;
    for (size_t p = 0; p < sizeof patterns / sizeof patterns[0]; p++) {
        glob_t found;
        if (glob(patterns[p], 0, NULL, &found) != 0)
            continue;
        for (size_t i = 0; i < found.gl_pathc; i++) {
            size_t n = compare_with_iniparser(found.gl_pathv[i]);
            files += n > 0;
            keys += n;
        }
        globfree(&found);
    }
    /* The unit tests' own texts, with their quotes, comments and continuations (iniparser
     * 4.1 cannot skip a BOM, so the CRLF text goes without one). */
    static const char crlf[] = CRLF_TEXT;
    const char *const texts[] = { lines_text, crlf };
    for (size_t t = 0; t < 2; t++) {
        char *path = temp_file(texts[t], strlen(texts[t]));
        size_t n = compare_with_iniparser(path);
        if (n < 4)
            fail_msg("text %zu: %zu keys compared", t, n);
        keys += n;
        unlink(path);
        free(path);
    }
    print_message("compared %zu keys of %zu files with iniparser\n", keys, files);
    assert_true(files >= 60);   /* 7 scenarios, the bases and most of the catalogue */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_values_and_merges),
        cmocka_unit_test(test_errors_as_printed),
        cmocka_unit_test(test_bom_and_crlf),
        cmocka_unit_test(test_second_file_overrides),
        cmocka_unit_test(test_file_checks),
        cmocka_unit_test(test_large_file),
        cmocka_unit_test(test_same_values_as_iniparser),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
