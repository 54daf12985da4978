/*
 * Unit tests of the output layer (SPEC §7.5): xlsx_out's atomic write (temporaries
 * beside the output, nothing left on success or failure, an old file untouched), text
 * made safe for XML, the creation time, the error classes, and zip_check's read-back
 * (a complete zip passes; a truncated, corrupted or cut-XML one is refused).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "common.h"
#include "test_files.h"
#include "tkk_error.h"
#include "xlsx_out.h"
#include "zip_check.h"
#include "zip_parts.h"

typedef struct {
    char dir[64];
    char path[128];     /* dir/x.xlsx */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    if (test_dir_make(f->dir, sizeof f->dir, "xlsx-out") != 0)
        return -1;
    snprintf(f->path, sizeof f->path, "%s/x.xlsx", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    int rc = test_dir_remove(f->dir);
    free(f);
    return rc;
}

/* A small workbook through the whole layer; TKK_OK expected. */
static void write_small(const char *path)
{
    char error[512] = "unchanged";
    xlsx_out out;
    assert_int_equal(xlsx_out_open(&out, path, LANG_EN, false, error, sizeof error), TKK_OK);
    xlsx_formats fmt;
    xlsx_formats_create(&out, &fmt);
    lxw_worksheet *ws = xlsx_add_worksheet(&out, "Sheet");
    assert_non_null(ws);
    mpq_t value;
    mpq_init(value);
    mpq_set_si(value, 12345, 100);   /* 123,45 */
    assert_int_equal(xlsx_string(&out, ws, 0, 0, "A\x01" "B", fmt.title), 0);
    assert_int_equal(xlsx_number(&out, ws, 1, 0, value, fmt.money), 0);
    assert_int_equal(xlsx_formula(&out, ws, 1, 1, fmt.money, value, "=%s*1", "A2"), 0);
    assert_int_equal(xlsx_formula_text(&out, ws, 2, 0, NULL, "p\x02q", "=\"%s\"", "pq"), 0);
    mpq_clear(value);
    assert_int_equal(xlsx_properties(&out, "T\x03itle", "Au\x04thor", "C\x05", 1600000000), 0);
    assert_int_equal(xlsx_custom_property(&out, "na\x06me", "va\x07lue"), 0);
    assert_int_equal(xlsx_out_commit(&out), TKK_OK);
    assert_string_equal(error, "");
}

/* ---- error classes -------------------------------------------------------------- */

static void test_error_classes(void **state)
{
    (void)state;
    /* SPEC §2: invalid input 1; I/O, memory and library failures 3. */
    assert_int_equal(tkk_err_exit_status(TKK_OK), 0);
    assert_int_equal(tkk_err_exit_status(TKK_ERR_INVALID), 1);
    assert_int_equal(tkk_err_exit_status(TKK_ERR_IO), 3);
    assert_int_equal(tkk_err_exit_status(TKK_ERR_NOMEM), 3);
    assert_int_equal(tkk_err_exit_status(TKK_ERR_LIBRARY), 3);
    /* Every class has its own name (the table and the enum in step). */
    for (int a = 0; a < TKK_ERR_COUNT; a++)
        for (int b = a + 1; b < TKK_ERR_COUNT; b++)
            assert_string_not_equal(tkk_err_name((tkk_err)a), tkk_err_name((tkk_err)b));
    assert_string_equal(tkk_err_name(TKK_ERR_NOMEM), "out of memory");
}

/* ---- text -------------------------------------------------------------------------- */

static void test_safe_text(void **state)
{
    (void)state;
    bool cut = true;
    char *s = xlsx_safe_text("A\x01" "B\tC\nD\rE\xff" "F", 0, &cut);
    /* U+0001, CR and the invalid byte become U+FFFD (EF BF BD); tab and newline stay. */
    assert_string_equal(s, "A\xEF\xBF\xBD" "B\tC\nD\xEF\xBF\xBD" "E\xEF\xBF\xBD" "F");
    assert_false(cut);
    free(s);

    /* 32 768 two-byte letters cut to 32 767 characters = 65 534 bytes. */
    size_t n = XLSX_CELL_MAX_CHARS + 1;
    char *long_text = malloc(2 * n + 1);
    assert_non_null(long_text);
    for (size_t i = 0; i < n; i++)
        memcpy(long_text + 2 * i, "\xC3\xA4", 2);   /* ä */
    long_text[2 * n] = '\0';
    s = xlsx_safe_text(long_text, XLSX_CELL_MAX_CHARS, &cut);
    assert_true(cut);
    assert_int_equal(strlen(s), 2 * XLSX_CELL_MAX_CHARS);
    free(s);
    long_text[2 * (n - 1)] = '\0';   /* exactly 32 767: not cut */
    s = xlsx_safe_text(long_text, XLSX_CELL_MAX_CHARS, &cut);
    assert_false(cut);
    free(s);
    free(long_text);
}

static void test_header_append(void **state)
{
    (void)state;
    char buf[LXW_HEADER_FOOTER_MAX + 1] = "&C";
    /* '&' doubled (a header code otherwise), the control character dropped. */
    xlsx_header_append(buf, 0, "R&D\x01 Oy");
    assert_string_equal(buf, "&CR&&D Oy");
    /* Cut at a whole character, leaving `reserve` bytes: 255 − 10 = 245 bytes at most. */
    char full[LXW_HEADER_FOOTER_MAX + 1] = "";
    char many[600];
    for (int i = 0; i < 200; i++)
        memcpy(many + 2 * i, "\xC3\xB6", 2);   /* ö */
    many[400] = '\0';
    xlsx_header_append(full, 10, many);
    assert_int_equal(strlen(full), 244);   /* 122 × 2 bytes; a 123rd would make 246 */
}

static void test_creation_time(void **state)
{
    (void)state;
    xlsx_time_source with_date = {.has_date = true, .year = 2021, .month = 6, .day = 17,
                                  .file_mtime = 5, .date_first = true};
    unsetenv("SOURCE_DATE_EPOCH");
    /* 2021-06-17T00:00:00Z = 1623888000 (18 795 days × 86 400 s). */
    assert_int_equal(xlsx_creation_time(&with_date), 1623888000);
    setenv("SOURCE_DATE_EPOCH", "12345", 1);
    assert_int_equal(xlsx_creation_time(&with_date), 1623888000);   /* the date first */
    with_date.date_first = false;
    assert_int_equal(xlsx_creation_time(&with_date), 12345);        /* the epoch first */
    xlsx_time_source no_date = {.file_mtime = 0};
    setenv("SOURCE_DATE_EPOCH", "not a number", 1);
    /* The file time 0 would read as "now" to libxlsxwriter: 1 instead. */
    assert_int_equal(xlsx_creation_time(&no_date), 1);
    no_date.file_mtime = 1600000000;
    assert_int_equal(xlsx_creation_time(&no_date), 1600000000);
    unsetenv("SOURCE_DATE_EPOCH");
}

/* ---- the atomic write ----------------------------------------------------------------- */

static void test_commit_leaves_only_the_workbook(void **state)
{
    fixture *f = *state;
    write_small(f->path);
    char names[256];
    list_dir(f->dir, names, sizeof names);
    assert_string_equal(names, "x.xlsx");   /* neither .tmp- file nor .tmpdir- folder */
    char why[256] = "";
    assert_int_equal(zip_check_file(f->path, why, sizeof why), 0);
}

static void test_abandon_keeps_the_old_file(void **state)
{
    fixture *f = *state;
    spill(f->path, "old", 3);
    char error[512];
    xlsx_out out;
    assert_int_equal(xlsx_out_open(&out, f->path, LANG_FI, true, error, sizeof error), TKK_OK);
    lxw_worksheet *ws = xlsx_add_worksheet(&out, "S");
    assert_non_null(ws);
    assert_int_equal(xlsx_string(&out, ws, 0, 0, "new", NULL), 0);
    char names[256];
    list_dir(f->dir, names, sizeof names);
    assert_non_null(strstr(names, "x.xlsx.tmp-"));      /* the temporaries exist meanwhile */
    assert_non_null(strstr(names, "x.xlsx.tmpdir-"));
    xlsx_out_abandon(&out);
    list_dir(f->dir, names, sizeof names);
    assert_string_equal(names, "x.xlsx");
    size_t length;
    char *data = slurp(f->path, &length);
    assert_int_equal(length, 3);
    assert_memory_equal(data, "old", 3);
    free(data);
}

/* A failure recorded while writing: commit writes nothing and returns its class. */
static void test_recorded_failure_wins(void **state)
{
    fixture *f = *state;
    spill(f->path, "old", 3);
    char error[512];
    xlsx_out out;
    assert_int_equal(xlsx_out_open(&out, f->path, LANG_FI, false, error, sizeof error), TKK_OK);
    assert_int_equal(xlsx_fail_msg(&out, TKK_ERR_LIBRARY, "first"), -1);
    assert_int_equal(xlsx_fail_msg(&out, TKK_ERR_IO, "second"), -1);   /* not kept */
    assert_int_equal(xlsx_out_commit(&out), TKK_ERR_LIBRARY);
    char expected[300];
    snprintf(expected, sizeof expected, "cannot write %s: first", f->path);
    assert_string_equal(error, expected);
    char names[256];
    list_dir(f->dir, names, sizeof names);
    assert_string_equal(names, "x.xlsx");
    size_t length;
    char *data = slurp(f->path, &length);
    assert_memory_equal(data, "old", 3);
    free(data);
}

static void test_open_in_a_missing_folder(void **state)
{
    fixture *f = *state;
    char path[200], error[512];
    snprintf(path, sizeof path, "%s/no-such-folder/x.xlsx", f->dir);
    xlsx_out out;
    /* An I/O error, never "invalid input". */
    assert_int_equal(xlsx_out_open(&out, path, LANG_FI, false, error, sizeof error), TKK_ERR_IO);
    char expected[300];
    snprintf(expected, sizeof expected, "cannot write %s: No such file or directory", path);
    assert_string_equal(error, expected);
    char names[256];
    list_dir(f->dir, names, sizeof names);
    assert_string_equal(names, "");
}

/* ---- zip read-back -------------------------------------------------------------------- */

static void test_zip_check_refuses_damage(void **state)
{
    fixture *f = *state;
    write_small(f->path);
    size_t length;
    unsigned char *good = (unsigned char *)slurp(f->path, &length);
    char damaged[200], why[256];
    snprintf(damaged, sizeof damaged, "%s/damaged.xlsx", f->dir);

    /* Cut short anywhere: at the end record, in the directory, in the data. */
    size_t cuts[] = {length - 1, length - 22, length - 100, length / 2, 30, 0};
    for (size_t i = 0; i < ARRAY_SIZE(cuts); i++) {
        spill(damaged, good, cuts[i]);
        why[0] = '\0';
        assert_int_equal(zip_check_file(damaged, why, sizeof why), -1);
        assert_true(why[0] != '\0');
    }
    /* One byte changed in the first part's compressed data (after its 30-byte local
     * header and name): inflate fails or the CRC-32 differs. */
    unsigned char *copy = malloc(length);
    assert_non_null(copy);
    memcpy(copy, good, length);
    size_t name_length = (size_t)(copy[26] | copy[27] << 8);
    copy[30 + name_length + 5] ^= 0x55;
    spill(damaged, copy, length);
    assert_int_equal(zip_check_file(damaged, why, sizeof why), -1);
    /* The central directory's first signature broken. */
    memcpy(copy, good, length);
    size_t cd_offset = (size_t)(copy[length - 6] | copy[length - 5] << 8 |
                                copy[length - 4] << 16 | (size_t)copy[length - 3] << 24);
    copy[cd_offset] = 'X';
    spill(damaged, copy, length);
    assert_int_equal(zip_check_file(damaged, why, sizeof why), -1);
    assert_non_null(strstr(why, "central directory"));
    /* The untouched copy passes. */
    spill(damaged, good, length);
    assert_int_equal(zip_check_file(damaged, why, sizeof why), 0);
    free(copy);
    free(good);
}

/* A zip of one part, written by hand, stored or deflated: valid as a zip whatever the
 * part holds, so only the XML check can refuse it. */
static void write_one_part_zip(const char *path, const char *name, const char *content,
                               bool deflated)
{
    size_t name_length = strlen(name), size = strlen(content);
    unsigned long crc = crc32(0L, (const unsigned char *)content, (uInt)size);
    unsigned char data[1024];
    size_t compressed = size;
    if (deflated) {
        z_stream z = {0};
        assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
                         Z_OK);
        z.next_in = (unsigned char *)content;
        z.avail_in = (uInt)size;
        z.next_out = data;
        z.avail_out = sizeof data;
        assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
        compressed = z.total_out;
        deflateEnd(&z);
    } else {
        assert_true(size <= sizeof data);
        memcpy(data, content, size);
    }
    unsigned char local[30] = {0x50, 0x4b, 0x03, 0x04, 20, 0};
    unsigned char central[46] = {0x50, 0x4b, 0x01, 0x02, 20, 0, 20, 0};
    unsigned char end[22] = {0x50, 0x4b, 0x05, 0x06};
    local[8] = central[10] = deflated ? 8 : 0;
    /* crc at 14 (local) / 16 (central), sizes after it, name length at 26 / 28. */
    for (int i = 0; i < 4; i++) {
        local[14 + i] = central[16 + i] = (unsigned char)(crc >> (8 * i));
        local[18 + i] = central[20 + i] = (unsigned char)(compressed >> (8 * i));
        local[22 + i] = central[24 + i] = (unsigned char)(size >> (8 * i));
    }
    local[26] = central[28] = (unsigned char)name_length;
    size_t cd_offset = 30 + name_length + compressed, cd_size = 46 + name_length;
    end[8] = end[10] = 1;   /* one entry */
    for (int i = 0; i < 4; i++) {
        end[12 + i] = (unsigned char)(cd_size >> (8 * i));
        end[16 + i] = (unsigned char)(cd_offset >> (8 * i));
    }
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    fwrite(local, 1, sizeof local, file);
    fwrite(name, 1, name_length, file);
    fwrite(data, 1, compressed, file);
    fwrite(central, 1, sizeof central, file);
    fwrite(name, 1, name_length, file);
    fwrite(end, 1, sizeof end, file);
    assert_int_equal(fclose(file), 0);
}

static void write_stored_zip(const char *path, const char *name, const char *content)
{
    write_one_part_zip(path, name, content, false);
}

static void test_zip_check_refuses_a_cut_xml_part(void **state)
{
    fixture *f = *state;
    char path[200], why[256] = "";
    snprintf(path, sizeof path, "%s/stored.xlsx", f->dir);
    write_stored_zip(path, "xl/a.xml", "<?xml version=\"1.0\"?>\n<a x=\"1\"><b/></a>\n");
    assert_int_equal(zip_check_file(path, why, sizeof why), 0);
    /* What a full disk does to libxlsxwriter's temporary file: the end is missing. */
    write_stored_zip(path, "xl/a.xml", "<?xml version=\"1.0\"?>\n<a x=\"1\"><b/>");
    assert_int_equal(zip_check_file(path, why, sizeof why), -1);
    assert_non_null(strstr(why, "cut short"));
    write_stored_zip(path, "xl/_rels/a.xml.rels", "");   /* empty */
    assert_int_equal(zip_check_file(path, why, sizeof why), -1);
    /* A part that is not XML is not judged by its text. */
    write_stored_zip(path, "xl/media/a.bin", "<a>");
    assert_int_equal(zip_check_file(path, why, sizeof why), 0);
}

static void test_xml_part_whole(void **state)
{
    (void)state;
#define WHOLE(text) xml_part_whole(text, strlen(text), text, strlen(text))
    assert_true(WHOLE("<?xml version=\"1.0\"?>\n<worksheet a=\"1\"><x/></worksheet>\n"));
    assert_true(WHOLE("<a/>"));
    assert_true(WHOLE("<!-- c --><a>\r\n</a>  "));
    assert_false(WHOLE("<a><b/>"));
    assert_false(WHOLE("<ab></a>"));
    assert_false(WHOLE("<a></ab>"));
    assert_false(WHOLE(""));
    assert_false(WHOLE("<?xml version=\"1.0\"?>"));
#undef WHOLE
}

/* The scan without a copy (issue 13) must say "unchanged" exactly when xlsx_safe_text
 * gives back the text itself, uncut: for every kind of byte it treats apart. */
static void test_text_is_safe_agrees_with_safe_text(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "", "p000123", "Hanke 1", "Lähtötiedot", "a\tb\nc", "a\rb", "a\x01b", "\x7f",
        "x\xff", "\xc3", "ab\xc3", "\xc0\x80", "\xe0\x80\x80", "\xed\xa0\x80",
        "\xef\xbf\xbe", "\xef\xbf\xbf", "\xf0\x9f\x98\x80 ok", "\xf4\x90\x80\x80",
        "\xf8\x88\x80\x80\x80", "\x80", "€€€€", "abcde", "äää",
    };
    static const size_t limits[] = {0, 1, 3, 4, 5};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        for (size_t k = 0; k < sizeof limits / sizeof *limits; k++) {
            bool cut = false;
            char *copy = xlsx_safe_text(texts[i], limits[k], &cut);
            bool unchanged = !cut && strcmp(copy, texts[i]) == 0;
            free(copy);
            if (xlsx_text_is_safe(texts[i], limits[k]) != unchanged)
                fail_msg("text %zu, at most %zu characters: the scan says %s", i, limits[k],
                         unchanged ? "unsafe" : "safe");
        }
    /* By hand: "äää" is 3 characters (6 bytes), so it fits 3 but not 1; a carriage
     * return and a lone continuation byte are not safe at any length. */
    assert_true(xlsx_text_is_safe("äää", 3));
    assert_false(xlsx_text_is_safe("äää", 1));
    assert_false(xlsx_text_is_safe("a\rb", 0));
    assert_false(xlsx_text_is_safe("\x80", 0));
}

static const char *format(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    const char *text = xlsx_format_strings(buf, size, fmt, args);
    va_end(args);
    return text;
}

/* Formula texts without vsnprintf (issue 13): %s and %% as printf writes them, NULL for
 * anything else or a text that does not fit, so that the caller falls back. */
static void test_format_strings(void **state)
{
    (void)state;
    char buf[32];
    assert_string_equal(format(buf, sizeof buf, "=IF(%s=0,0,%s/%s)", "$G$15", "D18", "$G$15"),
                        "=IF($G$15=0,0,D18/$G$15)");
    assert_string_equal(format(buf, sizeof buf, "=%s*100%%", "B2"), "=B2*100%");
    assert_string_equal(format(buf, sizeof buf, "=SUM()"), "=SUM()");
    assert_string_equal(format(buf, sizeof buf, "%s", ""), "");
    assert_null(format(buf, sizeof buf, "=%d", 3));
    assert_null(format(buf, sizeof buf, "=%5s", "B2"));
    /* 31 characters and the NUL fill 32 bytes; 32 do not fit. */
    assert_non_null(format(buf, sizeof buf, "%s", "0123456789012345678901234567890"));
    assert_null(format(buf, sizeof buf, "%s", "01234567890123456789012345678901"));
}

/* ---- the read-back while the file is written (zip_follow) ---------------------------- */

/* The number of parts in the zip's end record. */
static unsigned zip_parts_in(const char *path)
{
    size_t length;
    unsigned char *data = (unsigned char *)slurp(path, &length);
    assert_true(length >= 22);
    unsigned n = (unsigned)(data[length - 12] | data[length - 11] << 8);
    free(data);
    return n;
}

/* libxlsxwriter writes a workbook big enough to take a while while the follower reads
 * it: every part is read to its end by the follower, and the check then agrees. */
static void test_follower_reads_every_part_while_written(void **state)
{
    fixture *f = *state;
    spill(f->path, "", 0);   /* exists before the writer opens it, as the mkstemp file does */
    zip_follower *follower = zip_follower_new(f->path);
    assert_non_null(follower);
    lxw_workbook *wb = workbook_new(f->path);
    assert_non_null(wb);
    for (int s = 0; s < 3; s++) {
        lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
        assert_non_null(ws);
        for (lxw_row_t r = 0; r < 20000; r++) {
            worksheet_write_number(ws, r, 0, r * 1.25 + s, NULL);
            worksheet_write_formula(ws, r, 1, "=A1*2", NULL);
        }
    }
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    assert_int_equal(zip_follower_count(follower), 0);   /* nothing shown before the end */
    zip_follower_finish(follower);
    unsigned parts = zip_parts_in(f->path);
    assert_true(parts >= 10);
    assert_int_equal(zip_follower_count(follower), parts);
    char why[256] = "";
    assert_int_equal(zip_check_followed(f->path, follower, why, sizeof why), 0);
    zip_follower_free(follower);
}

/* A deflated XML part cut short: the follower is what reads it, and the check refuses
 * it from the follower's findings. A stored part is not followed; the check still
 * refuses it by reading it itself. */
static void test_follower_sees_a_cut_part(void **state)
{
    fixture *f = *state;
    char why[256] = "";
    write_one_part_zip(f->path, "xl/a.xml", "<?xml version=\"1.0\"?>\n<a x=\"1\"><b/>", true);
    zip_follower *follower = zip_follower_new(f->path);
    assert_non_null(follower);
    zip_follower_finish(follower);
    assert_int_equal(zip_follower_count(follower), 1);
    assert_int_equal(zip_check_followed(f->path, follower, why, sizeof why), -1);
    assert_non_null(strstr(why, "cut short"));
    zip_follower_free(follower);

    write_stored_zip(f->path, "xl/a.xml", "<?xml version=\"1.0\"?>\n<a x=\"1\"><b/>");
    follower = zip_follower_new(f->path);
    zip_follower_finish(follower);
    assert_int_equal(zip_follower_count(follower), 0);
    why[0] = '\0';
    assert_int_equal(zip_check_followed(f->path, follower, why, sizeof why), -1);
    assert_non_null(strstr(why, "cut short"));
    zip_follower_free(follower);
}

/* What the follower found counts only where it is exactly what the directory says:
 * here the file is replaced after the follower read it, so every part is read again
 * and the verdict is the new file's. */
static void test_follower_findings_must_match_the_directory(void **state)
{
    fixture *f = *state;
    char why[256] = "";
    write_one_part_zip(f->path, "xl/a.xml", "<a>whole</a>", true);
    zip_follower *follower = zip_follower_new(f->path);
    zip_follower_finish(follower);
    assert_int_equal(zip_follower_count(follower), 1);
    assert_int_equal(zip_check_followed(f->path, follower, why, sizeof why), 0);
    /* The same layout, a cut part: the follower's CRC no longer matches. */
    write_one_part_zip(f->path, "xl/a.xml", "<a>whole", true);
    assert_int_equal(zip_check_followed(f->path, follower, why, sizeof why), -1);
    assert_non_null(strstr(why, "cut short"));
    /* And a whole part other than the followed one passes on its own. */
    write_one_part_zip(f->path, "xl/a.xml", "<a>other</a>", true);
    assert_int_equal(zip_check_followed(f->path, follower, why, sizeof why), 0);
    zip_follower_free(follower);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_classes),
        cmocka_unit_test(test_safe_text),
        cmocka_unit_test(test_text_is_safe_agrees_with_safe_text),
        cmocka_unit_test(test_format_strings),
        cmocka_unit_test(test_header_append),
        cmocka_unit_test(test_creation_time),
        cmocka_unit_test_setup_teardown(test_commit_leaves_only_the_workbook, setup, teardown),
        cmocka_unit_test_setup_teardown(test_abandon_keeps_the_old_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recorded_failure_wins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_in_a_missing_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(test_zip_check_refuses_damage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_zip_check_refuses_a_cut_xml_part, setup, teardown),
        cmocka_unit_test(test_xml_part_whole),
        cmocka_unit_test_setup_teardown(test_follower_reads_every_part_while_written, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_follower_sees_a_cut_part, setup, teardown),
        cmocka_unit_test_setup_teardown(test_follower_findings_must_match_the_directory, setup,
                                        teardown),
    };
    return cmocka_run_group_tests_name("xlsx_out", tests, NULL, NULL);
}
