/*
 * xlsx_out — the output layer every workbook goes through (SPEC §6, §7.5): atomic
 * write with read-back, creation time, properties, formats and the cell helpers.
 */
#include "xlsx_out.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "alloc.h"
#include "common.h"
#include "fatal.h"
#include "money.h"
#include "zip_check.h"

/* ---- Errors -------------------------------------------------------------------------- */

int xlsx_fail_msg(xlsx_out *out, tkk_err err, const char *message)
{
    /* Keep the first error: later ones are usually its consequences. */
    if (out->err == TKK_OK) {
        out->err = err;
        if (out->error && out->error_size > 0)
            snprintf(out->error, out->error_size, "cannot write %s: %s", out->out_path, message);
    }
    return -1;
}

int xlsx_fail(xlsx_out *out, const char *what, lxw_error err)
{
    /* libxlsxwriter reports its failed allocations: the one out-of-memory path. A
     * string it cannot find in its shared-string table is one too: lxw_get_sst_index()
     * returns NULL only when its calloc or strdup fails (seen under `ulimit -v`). */
    if (err == LXW_ERROR_MEMORY_MALLOC_FAILED || err == LXW_ERROR_SHARED_STRING_INDEX_NOT_FOUND)
        fatal_out_of_memory();
    char message[512];
    snprintf(message, sizeof message, "%s (%s)", lxw_strerror(err), what);
    return xlsx_fail_msg(out, TKK_ERR_LIBRARY, message);
}

/* An errno failure of the atomic write. */
static tkk_err fail_errno(xlsx_out *out, const char *what)
{
    char message[512];
    snprintf(message, sizeof message, "%s%s%s", what ? what : "", what ? ": " : "",
             strerror(errno));
    xlsx_fail_msg(out, TKK_ERR_IO, message);
    return out->err;
}

/* ---- The atomic write ------------------------------------------------------------------ */

static void remove_temporaries(xlsx_out *out)
{
    if (out->tmp_path)
        unlink(out->tmp_path);
    if (out->tmp_dir)
        fatal_remove_dir(out->tmp_dir);
    fatal_temp_unregister(out->tmp_slot);
    fatal_temp_unregister(out->dir_slot);
    out->tmp_slot = out->dir_slot = -1;
    free(out->tmp_path);
    free(out->tmp_dir);
    out->tmp_path = out->tmp_dir = NULL;
}

tkk_err xlsx_out_open(xlsx_out *out, const char *out_path, language lang,
                      bool constant_memory, char *error, size_t error_size)
{
    *out = (xlsx_out){.lang = lang, .out_path = out_path, .error = error,
                      .error_size = error_size, .tmp_slot = -1, .dir_slot = -1};
    if (error && error_size > 0)
        error[0] = '\0';

    /* A unique name next to the output, so rename() stays within one file system. */
    out->tmp_path = xasprintf("%s.tmp-XXXXXX", out_path);
    int fd = mkstemp(out->tmp_path);
    if (fd < 0) {
        free(out->tmp_path);
        out->tmp_path = NULL;
        return fail_errno(out, NULL);
    }
    out->tmp_slot = fatal_temp_register(out->tmp_path, false);
    /* mkstemp makes the file private (0600); a workbook gets the usual 0666 & ~umask. */
    mode_t mask = umask(0);
    umask(mask);
    if (out->tmp_slot < 0 || fchmod(fd, 0666 & ~mask) != 0 || close(fd) != 0) {
        if (out->tmp_slot < 0)
            errno = ENAMETOOLONG;
        fail_errno(out, NULL);
        remove_temporaries(out);
        return out->err;
    }
    /* libxlsxwriter's own temporary files (one per XML part, and per worksheet in
     * constant_memory mode) go to a private folder beside it: the output's file
     * system, never a full /tmp, and removable as a whole. */
    out->tmp_dir = xasprintf("%s.tmpdir-XXXXXX", out_path);
    if (!mkdtemp(out->tmp_dir)) {
        free(out->tmp_dir);
        out->tmp_dir = NULL;
        fail_errno(out, NULL);
        remove_temporaries(out);
        return out->err;
    }
    out->dir_slot = fatal_temp_register(out->tmp_dir, true);
    if (out->dir_slot < 0) {
        errno = ENAMETOOLONG;
        fail_errno(out, NULL);
        remove_temporaries(out);
        return out->err;
    }
    lxw_workbook_options options = {.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE,
                                    .tmpdir = out->tmp_dir};
    out->workbook = workbook_new_opt(out->tmp_path, &options);
    if (!out->workbook)   /* libxlsxwriter 1.1.4 returns NULL only when malloc fails */
        fatal_out_of_memory();
    /* From here until commit or abandon, libxlsxwriter allocates per cell and does not
     * check every allocation (fatal.h): a NULL access then means out of memory. */
    fatal_library_phase(true);
    return TKK_OK;
}

void xlsx_out_abandon(xlsx_out *out)
{
    if (out->workbook)
        lxw_workbook_free(out->workbook);
    out->workbook = NULL;
    fatal_library_phase(false);
    remove_temporaries(out);
}

/* The temporary file reaches the disk before it replaces the old workbook. */
static int sync_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

tkk_err xlsx_out_commit(xlsx_out *out)
{
    if (out->err != TKK_OK || !out->workbook) {
        tkk_err err = out->err != TKK_OK ? out->err : TKK_ERR_LIBRARY;
        xlsx_out_abandon(out);
        return err;
    }
    /* workbook_close() is where the file is really written: check it (STYLE.md). It
     * frees the workbook whatever it returns. */
    errno = 0;
    zip_follower *follower = zip_follower_new(out->tmp_path);
    lxw_error err = workbook_close(out->workbook);
    int close_errno = errno;
    fatal_library_phase(false);
    out->workbook = NULL;
    zip_follower_finish(follower);
    errno = close_errno;
    if (err != LXW_NO_ERROR) {
        zip_follower_free(follower);
        if (err == LXW_ERROR_MEMORY_MALLOC_FAILED)
            fatal_out_of_memory();
        bool io = err == LXW_ERROR_CREATING_XLSX_FILE || err == LXW_ERROR_CREATING_TMPFILE ||
                  err == LXW_ERROR_READING_TMPFILE || err == LXW_ERROR_ZIP_FILE_OPERATION ||
                  err == LXW_ERROR_ZIP_FILE_ADD || err == LXW_ERROR_ZIP_CLOSE;
        char message[512];
        if (io && errno != 0)
            snprintf(message, sizeof message, "%s (%s)", strerror(errno), lxw_strerror(err));
        else
            snprintf(message, sizeof message, "%s", lxw_strerror(err));
        xlsx_fail_msg(out, io ? TKK_ERR_IO : TKK_ERR_LIBRARY, message);
        remove_temporaries(out);
        return out->err;
    }
    /* libxlsxwriter does not check its writes to its temporary files: a full disk
     * gives a zip of truncated parts. Read the whole file back before trusting it. */
    char why[400];
    int check = zip_check_followed(out->tmp_path, follower, why, sizeof why);
    zip_follower_free(follower);
    if (check != 0) {
        char message[512];
        snprintf(message, sizeof message, "the written file is incomplete: %s", why);
        xlsx_fail_msg(out, TKK_ERR_IO, message);
        remove_temporaries(out);
        return out->err;
    }
    if (sync_file(out->tmp_path) != 0 || rename(out->tmp_path, out->out_path) != 0) {
        fail_errno(out, NULL);
        remove_temporaries(out);
        return out->err;
    }
    free(out->tmp_path);
    out->tmp_path = NULL;   /* renamed: nothing to remove */
    remove_temporaries(out);
    return TKK_OK;
}

/* ---- Creation time and properties -------------------------------------------------- */

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

static time_t date_time(const xlsx_time_source *source)
{
    struct tm tm = {.tm_year = source->year - 1900, .tm_mon = source->month - 1,
                    .tm_mday = source->day};
    return timegm(&tm);
}

time_t xlsx_creation_time(const xlsx_time_source *source)
{
    /* SPEC §6: the same inputs give the same bytes, so never the clock. */
    time_t t = 0;
    if (source->date_first && source->has_date)
        t = date_time(source);
    else if (epoch_from_environment(&t))
        ; /* t is set */
    else if (source->has_date)
        t = date_time(source);
    else
        t = (time_t)source->file_mtime;
    /* libxlsxwriter takes 0 for "now": use the first second instead. */
    return t == 0 ? 1 : t;
}

int xlsx_properties(xlsx_out *out, const char *title, const char *author,
                    const char *comments, time_t created)
{
    /* docProps/core.xml is XML like any part: control characters would break it. */
    char *safe_title = title ? xlsx_safe_text(title, 0, NULL) : NULL;
    char *safe_author = author ? xlsx_safe_text(author, 0, NULL) : NULL;
    char *safe_comments = comments ? xlsx_safe_text(comments, 0, NULL) : NULL;
    lxw_doc_properties properties = {
        .title = safe_title, .author = safe_author, .comments = safe_comments,
        .created = created,
    };
    lxw_error err = workbook_set_properties(out->workbook, &properties);
    free(safe_title);
    free(safe_author);
    free(safe_comments);
    if (err != LXW_NO_ERROR)
        return xlsx_fail(out, "workbook_set_properties", err);
    return 0;
}

int xlsx_custom_property(xlsx_out *out, const char *name, const char *value)
{
    char *safe_name = xlsx_safe_text(name, 0, NULL);
    char *safe_value = xlsx_safe_text(value, 0, NULL);
    lxw_error err = workbook_set_custom_property_string(out->workbook, safe_name, safe_value);
    free(safe_name);
    free(safe_value);
    if (err != LXW_NO_ERROR)
        return xlsx_fail(out, "workbook_set_custom_property_string", err);
    return 0;
}

/* ---- Formats and page furniture ------------------------------------------------------ */

lxw_format *xlsx_add_format(xlsx_out *out)
{
    lxw_format *f = workbook_add_format(out->workbook);
    if (!f)   /* only a failed malloc */
        fatal_out_of_memory();
    return f;
}

void xlsx_locale_code(const xlsx_out *out, char *buf, size_t size, const char *code)
{
    snprintf(buf, size, "%s%s", out->lang == LANG_EN ? "[$-809]" : "[$-40B]", code);
}

lxw_format *xlsx_number_format(xlsx_out *out, const char *code, bool bold)
{
    lxw_format *f = xlsx_add_format(out);
    char pinned[160];
    xlsx_locale_code(out, pinned, sizeof pinned, code);
    format_set_num_format(f, pinned);
    if (bold)
        format_set_bold(f);
    return f;
}

void xlsx_formats_create(xlsx_out *out, xlsx_formats *f)
{
    f->title = xlsx_add_format(out);
    f->subtitle = xlsx_add_format(out);
    f->bold = xlsx_add_format(out);
    f->bold_right = xlsx_add_format(out);
    f->wrap = xlsx_add_format(out);
    f->header = xlsx_add_format(out);
    f->note = xlsx_add_format(out);
    f->word = xlsx_add_format(out);
    f->word_bold = xlsx_add_format(out);
    format_set_italic(f->note);
    format_set_text_wrap(f->note);
    format_set_align(f->note, LXW_ALIGN_VERTICAL_TOP);
    format_set_indent(f->word, 1);
    format_set_indent(f->word_bold, 1);
    format_set_bold(f->word_bold);
    format_set_bold(f->title);
    format_set_font_size(f->title, 14);
    format_set_italic(f->subtitle);
    format_set_bold(f->bold);
    format_set_align(f->bold, LXW_ALIGN_VERTICAL_TOP);   /* a label beside a wrapped value sits at its top */
    format_set_bold(f->bold_right);                       /* a heading over a column of amounts */
    format_set_align(f->bold_right, LXW_ALIGN_RIGHT);
    format_set_text_wrap(f->wrap);
    format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
    /* Table headers: also readable where the table style is not drawn (print, Calc). */
    format_set_bold(f->header);
    format_set_text_wrap(f->header);
    format_set_align(f->header, LXW_ALIGN_VERTICAL_BOTTOM);
    format_set_bg_color(f->header, 0xDDEBF7);
    format_set_bottom(f->header, LXW_BORDER_THIN);

    /* SPEC §6: euro format for money, a percent format for ratios, months as dates. */
    f->money = xlsx_number_format(out, "#,##0.00 \"€\"", false);
    f->money_bold = xlsx_number_format(out, "#,##0.00 \"€\"", true);
    f->percent = xlsx_number_format(out, "0.00 %", false);
    f->number = xlsx_number_format(out, "#,##0.00", false);
    f->integer = xlsx_number_format(out, "0", false);
    f->count = xlsx_number_format(out, "#,##0", false);
    f->year_left = xlsx_number_format(out, "0", false);
    format_set_align(f->year_left, LXW_ALIGN_LEFT);
    f->month = xlsx_number_format(out, "yyyy-mm", false);
    f->date = xlsx_number_format(out, out->lang == LANG_FI ? "d.m.yyyy" : "yyyy-mm-dd", false);
    format_set_align(f->date, LXW_ALIGN_LEFT);   /* beside the other facts, which are text */
    /* A KPI target is a number (formulas compare with it) shown with its operator. */
    static const char *const target_codes[5] = {
        "\"< \"#,##0.00", "\"<= \"#,##0.00", "\"> \"#,##0.00", "\">= \"#,##0.00", "\"= \"#,##0.00"
    };
    for (int op = 0; op < 5; op++)
        f->kpi_target[op] = xlsx_number_format(out, target_codes[op], false);
}

/* Length of the valid UTF-8 sequence at p (n bytes left), 0 when invalid. */
static size_t utf8_sequence_length(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    size_t len;
    unsigned min;
    if (c < 0x80)
        return 1;
    else if ((c & 0xE0) == 0xC0)
        len = 2, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
        len = 3, min = 0x800;
    else if ((c & 0xF8) == 0xF0)
        len = 4, min = 0x10000;
    else
        return 0;
    if (len > n)
        return 0;
    unsigned long code = c & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        code = code << 6 | (p[i] & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) ||
        code == 0xFFFE || code == 0xFFFF)
        return 0;
    return len;
}

/* libxlsxwriter 1.1.4 reads "&G" and "&[Picture]" as image placeholders even right after
 * the '&' that escapes an '&'; with no image it fails and then frees the header twice
 * (found by fuzzing: a scenario named "AT&G" crashed `tkk run` and `tkk sweep`). So a
 * word joiner (U+2060, invisible) goes between an "&&" and a 'G' or '[' right after it. */
void xlsx_header_append(char *buf, size_t reserve, const char *text)
{
    static const char word_joiner[] = "\xE2\x81\xA0";
    size_t o = strlen(buf);
    const size_t limit = LXW_HEADER_FOOTER_MAX - reserve;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        size_t len = utf8_sequence_length(p, strlen((const char *)p));
        if (len == 0 || (len == 1 && *p < 0x20)) {   /* dropped: not for a page header */
            p++;
            continue;
        }
        /* Checked on what is written, so a dropped character cannot bring them together. */
        bool joiner = o > 0 && buf[o - 1] == '&' && (*p == 'G' || *p == '[');
        size_t need = (*p == '&' ? 2 : len) + (joiner ? sizeof word_joiner - 1 : 0);
        if (o + need > limit)
            break;
        if (joiner) {
            memcpy(buf + o, word_joiner, sizeof word_joiner - 1);
            o += sizeof word_joiner - 1;
        }
        if (*p == '&')
            buf[o++] = '&';
        memcpy(buf + o, p, len);
        o += len;
        p += len;
    }
    buf[o] = '\0';
}

lxw_worksheet *xlsx_add_worksheet(xlsx_out *out, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(out->workbook, name);
    if (!ws) {
        char message[300];
        snprintf(message, sizeof message, "cannot add the worksheet '%s'", name);
        xlsx_fail_msg(out, TKK_ERR_LIBRARY, message);
    }
    return ws;
}

lxw_chart *xlsx_add_chart(xlsx_out *out, uint8_t type)
{
    lxw_chart *chart = workbook_add_chart(out->workbook, type);
    if (!chart)
        xlsx_fail_msg(out, TKK_ERR_LIBRARY, "cannot add a chart");
    return chart;
}

int xlsx_column_widths(xlsx_out *out, lxw_worksheet *ws, lxw_col_t first_col,
                       const double *widths, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        lxw_col_t col = (lxw_col_t)(first_col + i);
        double need = xlsx_tracked_width(out, ws, col);
        XLSX_CHECK(out, worksheet_set_column(ws, col, col, need > widths[i] ? need : widths[i],
                                             NULL));
    }
    return 0;
}

static int add_table(xlsx_out *out, lxw_worksheet *ws, const char *name, lxw_row_t first_row,
                     lxw_col_t first_col, lxw_row_t last_row, const char *const *headers,
                     size_t n_headers, lxw_format *header_format, bool totals);

int xlsx_table(xlsx_out *out, lxw_worksheet *ws, const char *name, lxw_row_t first_row,
               lxw_col_t first_col, lxw_row_t last_row, const char *const *headers,
               size_t n_headers, lxw_format *header_format)
{
    return add_table(out, ws, name, first_row, first_col, last_row, headers, n_headers,
                     header_format, false);
}

int xlsx_table_totals(xlsx_out *out, lxw_worksheet *ws, const char *name, lxw_row_t first_row,
                      lxw_col_t first_col, lxw_row_t last_row, const char *const *headers,
                      size_t n_headers, lxw_format *header_format)
{
    return add_table(out, ws, name, first_row, first_col, last_row, headers, n_headers,
                     header_format, true);
}

/* SPEC §7.1: a header fits its column in two lines: half its width, and its longest
 * word whole. */
static void track_header(xlsx_out *out, const lxw_worksheet *ws, lxw_col_t col,
                         const char *safe)
{
    if (ws != out->track_ws || col >= sizeof out->track_width / sizeof out->track_width[0])
        return;
    double need = xlsx_text_width(safe, true) / 2 + 3.5, word = 0;
    char *copy = xstrdup(safe), *save = NULL;
    for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        double ww = xlsx_text_width(w, true) + 1.5;
        word = ww > word ? ww : word;
    }
    free(copy);
    need = word > need ? word : need;
    if (need > out->track_width[col])
        out->track_width[col] = need;
}

static int add_table(xlsx_out *out, lxw_worksheet *ws, const char *name, lxw_row_t first_row,
                     lxw_col_t first_col, lxw_row_t last_row, const char *const *headers,
                     size_t n_headers, lxw_format *header_format, bool totals)
{
    lxw_table_column *columns = xcalloc(n_headers, sizeof *columns);
    lxw_table_column **pointers = xcalloc(n_headers + 1, sizeof *pointers);
    char **safe = xcalloc(n_headers, sizeof *safe);
    for (size_t i = 0; i < n_headers; i++) {
        /* Headers are cells too (ids, labels): made safe like any text. */
        safe[i] = xlsx_safe_text(headers[i], XLSX_CELL_MAX_CHARS, NULL);
        track_header(out, ws, (lxw_col_t)(first_col + i), safe[i]);
        columns[i].header = safe[i];
        columns[i].header_format = header_format;
        pointers[i] = &columns[i];
    }
    /* Two lines, so long headers wrap instead of hiding under the next column. */
    lxw_error err = worksheet_set_row(ws, first_row, 30, NULL);
    const char *what = "worksheet_set_row";
    if (err == LXW_NO_ERROR) {
        lxw_table_options options = {.name = (char *)name, .columns = pointers,
                                     .total_row = totals ? LXW_TRUE : LXW_FALSE};
        err = worksheet_add_table(ws, first_row, first_col, last_row,
                                  (lxw_col_t)(first_col + n_headers - 1), &options);
        what = name;
    }
    for (size_t i = 0; i < n_headers; i++)
        free(safe[i]);
    free(safe);
    free(columns);
    free(pointers);
    if (err != LXW_NO_ERROR)
        return xlsx_fail(out, what, err);
    return 0;
}

lxw_worksheet *xlsx_add_worksheet_constant_memory(xlsx_out *out, const char *name)
{
    /* libxlsxwriter 1.1.4 reads options.constant_memory in workbook_add_worksheet (and
     * workbook_add_chartsheet) only, to set the new worksheet's own `optimize` flag and
     * its row temporary file in options.tmpdir (here out->tmp_dir); the packager and
     * every worksheet function then go by that flag alone. So one worksheet streams its
     * rows while the others keep their cells, and their tables. */
    uint8_t saved = out->workbook->options.constant_memory;
    out->workbook->options.constant_memory = LXW_TRUE;
    lxw_worksheet *ws = xlsx_add_worksheet(out, name);
    out->workbook->options.constant_memory = saved;
    return ws;
}

int xlsx_range(xlsx_out *out, lxw_worksheet *ws, const char *name, lxw_row_t first_row,
               lxw_col_t first_col, lxw_row_t last_row, const char *const *headers,
               size_t n_headers, lxw_format *header_format)
{
    /* The header row as add_table makes it: the same texts, format, height and widths. */
    XLSX_CHECK(out, worksheet_set_row(ws, first_row, 30, NULL));
    for (size_t i = 0; i < n_headers; i++) {
        char *safe = xlsx_safe_text(headers[i], XLSX_CELL_MAX_CHARS, NULL);
        lxw_col_t col = (lxw_col_t)(first_col + i);
        track_header(out, ws, col, safe);
        lxw_error err = worksheet_write_string(ws, first_row, col, safe, header_format);
        free(safe);
        if (err != LXW_NO_ERROR)
            return xlsx_fail(out, "worksheet_write_string", err);
    }
    lxw_col_t last_col = (lxw_col_t)(first_col + n_headers - 1);
    XLSX_CHECK(out, worksheet_autofilter(ws, first_row, first_col, last_row, last_col));
    char first[16], last[16];
    lxw_rowcol_to_cell_abs(first, first_row, first_col, 1, 1);
    lxw_rowcol_to_cell_abs(last, last_row, last_col, 1, 1);
    char *sheet = lxw_quote_sheetname(ws->name);
    if (!sheet)
        fatal_out_of_memory();
    char *range = xasprintf("=%s!%s:%s", sheet, first, last);
    free(sheet);
    lxw_error err = workbook_define_name(out->workbook, name, range);
    free(range);
    if (err != LXW_NO_ERROR)
        return xlsx_fail(out, "workbook_define_name", err);
    return 0;
}

/* ---- Cells ---------------------------------------------------------------------------- */

char *xlsx_safe_text(const char *text, size_t max_chars, bool *cut)
{
    size_t n = strlen(text);
    char *out = xmalloc(3 * n + 1);   /* each byte grows to at most 3 (U+FFFD) */
    const unsigned char *p = (const unsigned char *)text;
    size_t o = 0, chars = 0, i = 0;
    for (; i < n && (max_chars == 0 || chars < max_chars); chars++) {
        size_t len = utf8_sequence_length(p + i, n - i);
        /* XML 1.0 §2.2: no C0 control but tab, newline and carriage return; a lone
         * carriage return is dropped by XML readers anyway, so it goes too. */
        bool control = len == 1 && p[i] < 0x20 && p[i] != '\t' && p[i] != '\n';
        if (len == 0 || control) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i += 1;
        } else {
            memcpy(out + o, p + i, len);
            o += len;
            i += len;
        }
    }
    out[o] = '\0';
    if (cut)
        *cut = i < n;
    return out;
}

/* True when xlsx_safe_text(text, max_chars, ...) would copy text unchanged: valid UTF-8,
 * no control character but tab and newline, at most max_chars characters (0: no limit).
 * A scan without a copy: nearly every cell's text is like that (issue 13). The text ends
 * with its NUL, so a sequence cut short by it reads as invalid, as in xlsx_safe_text. */
STATIC bool xlsx_text_is_safe(const char *text, size_t max_chars)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t chars = 0;
    for (;;) {
        const unsigned char *run = p;
        while (*p >= 0x20 && *p < 0x80)   /* printable ASCII: most of every text */
            p++;
        chars += (size_t)(p - run);
        if (*p == '\0')
            break;
        size_t len = 1;
        if (*p < 0x20) {
            if (*p != '\t' && *p != '\n')
                return false;
        } else if ((len = utf8_sequence_length(p, 4)) == 0) {
            return false;
        }
        p += len;
        chars++;
    }
    return max_chars == 0 || chars <= max_chars;
}

/* text when it is safe as it is, else its safe copy, left in *copy for the caller to
 * free (NULL when none was made). */
static const char *safe_view(const char *text, size_t max_chars, char **copy, bool *cut)
{
    *copy = NULL;
    if (cut)
        *cut = false;
    if (xlsx_text_is_safe(text, max_chars))
        return text;
    return *copy = xlsx_safe_text(text, max_chars, cut);
}

/* A formula text from a format whose conversions are all %s (or %%), as vsnprintf would
 * write it, into buf: the formulas of a large round are written once per row, and
 * vsnprintf costs several times this copy (issue 13). NULL when the format holds another
 * conversion or the text would not fit; args is then consumed, and the caller formats
 * with a copy it kept. */
STATIC const char *xlsx_format_strings(char *buf, size_t size, const char *fmt, va_list args)
{
    size_t o = 0;
    for (const char *f = fmt; *f;) {
        const char *piece = f;
        size_t len;
        if (*f != '%') {
            f = strchrnul(f, '%');
            len = (size_t)(f - piece);
        } else if (f[1] == 's') {
            piece = va_arg(args, const char *);
            len = strlen(piece);
            f += 2;
        } else if (f[1] == '%') {
            piece = f + 1;
            len = 1;
            f += 2;
        } else {
            return NULL;
        }
        if (o + len >= size)
            return NULL;
        memcpy(buf + o, piece, len);
        o += len;
    }
    buf[o] = '\0';
    return buf;
}

/* Characters (not bytes) of valid UTF-8 text; invalid bytes count one each. */
static size_t text_chars(const char *text)
{
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    return chars;
}

int xlsx_number_double(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       double number, lxw_format *format)
{
    xlsx_track_number(out, ws, row, col, number, format);
    XLSX_CHECK(out, worksheet_write_number(ws, row, col, number, format));
    return 0;
}

int xlsx_number(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                const mpq_t value, lxw_format *format)
{
    return xlsx_number_double(out, ws, row, col, money_to_double(value), format);
}

int xlsx_integer(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, long value,
                 lxw_format *format)
{
    xlsx_track_number(out, ws, row, col, (double)value, format);
    XLSX_CHECK(out, worksheet_write_number(ws, row, col, (double)value, format));
    return 0;
}

/* A formula's text, formatted and made XML-safe: in buf when its conversions are all %s
 * and it fits (nearly always), else in heap copies that formula_text_clear frees. */
typedef struct {
    char buf[256];
    char *formatted;     /* xvasprintf's text, or NULL */
    char *safe;          /* xlsx_safe_text's copy, or NULL */
} formula_text;

static const char *formula_text_make(formula_text *f, const char *formula, va_list args)
    __attribute__((format(printf, 2, 0)));
static const char *formula_text_make(formula_text *f, const char *formula, va_list args)
{
    va_list kept;
    va_copy(kept, args);
    const char *text = xlsx_format_strings(f->buf, sizeof f->buf, formula, args);
    f->formatted = NULL;
    if (!text)
        text = f->formatted = xvasprintf(formula, kept);
    va_end(kept);
    return safe_view(text, 0, &f->safe, NULL);
}

static void formula_text_clear(formula_text *f)
{
    free(f->safe);
    free(f->formatted);
}

int xlsx_vformula(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                  lxw_format *format, const mpq_t cached, const char *formula, va_list args)
{
    return xlsx_vformula_double(out, ws, row, col, format, money_to_double(cached), formula,
                                args);
}

int xlsx_vformula_double(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                         lxw_format *format, double number, const char *formula, va_list args)
{
    formula_text f;
    const char *safe = formula_text_make(&f, formula, args);
    xlsx_track_number(out, ws, row, col, number, format);
    lxw_error err = worksheet_write_formula_num(ws, row, col, safe, format, number);
    formula_text_clear(&f);
    if (err != LXW_NO_ERROR)
        return xlsx_fail(out, "worksheet_write_formula_num", err);
    return 0;
}

int xlsx_formula(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                 lxw_format *format, const mpq_t cached, const char *formula, ...)
{
    va_list args;
    va_start(args, formula);
    int rc = xlsx_vformula(out, ws, row, col, format, cached, formula, args);
    va_end(args);
    return rc;
}

int xlsx_vformula_text(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       lxw_format *format, const char *cached, const char *formula,
                       va_list args)
{
    /* The cached string lands in the sheet's XML as it is (libxlsxwriter escapes only
     * & < > "): control characters in a project name would make the part unreadable. */
    formula_text f;
    const char *safe_formula = formula_text_make(&f, formula, args);
    char *cached_copy;
    const char *safe_cached = safe_view(cached ? cached : "", XLSX_CELL_MAX_CHARS,
                                        &cached_copy, NULL);
    xlsx_track_text(out, ws, row, col, safe_cached, format);
    lxw_error err = worksheet_write_formula_str(ws, row, col, safe_formula, format, safe_cached);
    formula_text_clear(&f);
    free(cached_copy);
    if (err != LXW_NO_ERROR)
        return xlsx_fail(out, "worksheet_write_formula_str", err);
    return 0;
}

int xlsx_formula_text(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                      lxw_format *format, const char *cached, const char *formula, ...)
{
    va_list args;
    va_start(args, formula);
    int rc = xlsx_vformula_text(out, ws, row, col, format, cached, formula, args);
    va_end(args);
    return rc;
}

int xlsx_string_at(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                   const char *text, lxw_format *format, const char *where)
{
    if (!text)
        return 0;
    bool cut;
    char *copy;
    const char *safe = safe_view(text, XLSX_CELL_MAX_CHARS, &copy, &cut);
    if (cut) {
        /* SPEC §7.5: say so rather than lose the end of the text silently. */
        char cell[32];
        lxw_rowcol_to_cell(cell, row, col);
        if (where)
            fprintf(stderr, "%s: warning: a text of %zu characters is cut to Excel's limit of "
                            "32 767 in the workbook (%s!%s)\n",
                    where, text_chars(text), ws->name, cell);
        else
            fprintf(stderr, "tkk: %s: warning: a text of %zu characters is cut to Excel's "
                            "limit of 32 767 (%s!%s)\n",
                    out->out_path, text_chars(text), ws->name, cell);
    }
    xlsx_track_text(out, ws, row, col, safe, format);
    lxw_error err = worksheet_write_string(ws, row, col, safe, format);
    free(copy);
    if (err != LXW_NO_ERROR)
        return xlsx_fail(out, "worksheet_write_string", err);
    return 0;
}

int xlsx_string(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                const char *text, lxw_format *format)
{
    return xlsx_string_at(out, ws, row, col, text, format, NULL);
}

int xlsx_month(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, int year,
               int month, lxw_format *format)
{
    lxw_datetime date = {year, month, 1, 0, 0, 0};
    XLSX_CHECK(out, worksheet_write_datetime(ws, row, col, &date, format));
    return 0;
}
