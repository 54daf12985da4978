/* ini_source — INI files parsed in one pass, every section and key with its file and line. */
#include "ini_source.h"
#include "alloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "input_file.h"

void ini_doc_init(ini_doc *doc)
{
    memset(doc, 0, sizeof *doc);
}

void ini_doc_clear(ini_doc *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->n_sections; i++) {
        ini_section *sec = &doc->sections[i];
        for (size_t k = 0; k < sec->n_keys; k++) {
            free(sec->keys[k].key);
            free(sec->keys[k].value);
        }
        free(sec->keys);
        free(sec->name);
    }
    free(doc->sections);
    free(doc->slots);
    for (size_t i = 0; i < doc->n_files; i++)
        free(doc->files[i]);
    free(doc->files);
    memset(doc, 0, sizeof *doc);
}

const char *ini_doc_file(ini_doc *doc, const char *file)
{
    for (size_t i = 0; i < doc->n_files; i++)
        if (strcmp(doc->files[i], file) == 0)
            return doc->files[i];
    doc->files = xrealloc(doc->files, (doc->n_files + 1) * sizeof *doc->files);
    doc->files[doc->n_files] = xstrdup(file);
    return doc->files[doc->n_files++];
}

/* FNV-1a: section names are short and few collide. */
static size_t name_hash(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static void index_rebuild(ini_doc *doc, size_t n_slots)
{
    free(doc->slots);
    doc->slots = xrealloc(NULL, n_slots * sizeof *doc->slots);
    memset(doc->slots, 0, n_slots * sizeof *doc->slots);
    doc->n_slots = n_slots;
    for (size_t i = 0; i < doc->n_sections; i++) {
        size_t slot = name_hash(doc->sections[i].name) & (n_slots - 1);
        while (doc->slots[slot])
            slot = (slot + 1) & (n_slots - 1);
        doc->slots[slot] = i + 1;
    }
}

ini_section *ini_doc_find(const ini_doc *doc, const char *name)
{
    if (!doc->n_slots)
        return NULL;
    size_t slot = name_hash(name) & (doc->n_slots - 1);
    while (doc->slots[slot]) {
        ini_section *sec = &doc->sections[doc->slots[slot] - 1];
        if (strcmp(sec->name, name) == 0)
            return sec;
        slot = (slot + 1) & (doc->n_slots - 1);
    }
    return NULL;
}

ini_section *ini_doc_section(ini_doc *doc, const char *name, const char *file, int line)
{
    ini_section *sec = ini_doc_find(doc, name);
    if (sec) {
        if (sec->removed) {
            /* Revived empty, as the header says: the removed keys do not come back. */
            for (size_t k = 0; k < sec->n_keys; k++) {
                free(sec->keys[k].key);
                free(sec->keys[k].value);
            }
            sec->n_keys = 0;
            sec->removed = false;
            sec->file = ini_doc_file(doc, file);
            sec->line = line;
        }
        return sec;
    }
    if (doc->n_sections == doc->cap_sections) {
        doc->cap_sections = doc->cap_sections ? doc->cap_sections * 2 : 16;
        doc->sections = xrealloc(doc->sections, doc->cap_sections * sizeof *doc->sections);
    }
    sec = &doc->sections[doc->n_sections++];
    memset(sec, 0, sizeof *sec);
    sec->name = xstrdup(name);
    sec->file = ini_doc_file(doc, file);
    sec->line = line;
    /* Keep the index at most half full. */
    if (doc->n_sections * 2 > doc->n_slots)
        index_rebuild(doc, doc->n_slots ? doc->n_slots * 2 : 64);
    else {
        size_t slot = name_hash(name) & (doc->n_slots - 1);
        while (doc->slots[slot])
            slot = (slot + 1) & (doc->n_slots - 1);
        doc->slots[slot] = doc->n_sections;
    }
    return sec;
}

ini_key *ini_section_find(const ini_section *sec, const char *key)
{
    for (size_t i = 0; i < sec->n_keys; i++)
        if (strcmp(sec->keys[i].key, key) == 0)
            return &sec->keys[i];
    return NULL;
}

void ini_section_set(ini_doc *doc, ini_section *sec, const char *key, const char *value,
                     const char *file, int line)
{
    ini_key *k = ini_section_find(sec, key);
    if (!k) {
        if (sec->n_keys == sec->cap_keys) {
            sec->cap_keys = sec->cap_keys ? sec->cap_keys * 2 : 8;
            sec->keys = xrealloc(sec->keys, sec->cap_keys * sizeof *sec->keys);
        }
        k = &sec->keys[sec->n_keys++];
        k->key = xstrdup(key);
        k->value = NULL;
    }
    free(k->value);
    k->value = xstrdup(value);
    k->file = ini_doc_file(doc, file);
    k->line = line;
    k->generation = doc->generation;
}

void ini_doc_copy(ini_doc *to, const ini_doc *from)
{
    ini_doc_init(to);
    for (size_t i = 0; i < from->n_files; i++)
        ini_doc_file(to, from->files[i]);
    for (size_t i = 0; i < from->n_sections; i++) {
        const ini_section *sec = &from->sections[i];
        ini_section *copy = ini_doc_section(to, sec->name, sec->file, sec->line);
        copy->removed = sec->removed;
        for (size_t k = 0; k < sec->n_keys; k++)
            ini_section_set(to, copy, sec->keys[k].key, sec->keys[k].value, sec->keys[k].file,
                            sec->keys[k].line);
    }
    to->generation = from->generation;
}

/* ---- reading one file: one pass over the text, every line numbered ------------------ */

/* The blanks iniparser strips (isspace in the C locale). */
static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static char *trim(char *s)
{
    while (is_blank(*s))
        s++;
    char *end = s + strlen(s);
    while (end > s && is_blank(end[-1]))
        *--end = '\0';
    return s;
}

static void lower(char *s)
{
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

/* Where the parse is in the text, and the logical line being assembled. */
typedef struct {
    const char *text;
    size_t length, pos;
    int line;          /* physical lines taken so far */
    char *buf;         /* the logical line, NUL-terminated */
    size_t used, capacity;
} line_reader;

static void reader_append(line_reader *r, const char *bytes, size_t n)
{
    if (r->used + n + 1 > r->capacity) {
        while (r->used + n + 1 > r->capacity)
            r->capacity = r->capacity ? 2 * r->capacity : 256;
        r->buf = xrealloc(r->buf, r->capacity);
    }
    memcpy(r->buf + r->used, bytes, n);
    r->used += n;
    r->buf[r->used] = '\0';
}

/* The next logical line into r->buf, trailing blanks stripped: physical lines are joined
 * where one ends in a backslash, which the next line replaces (iniparser's continuation:
 * "a = part \" + "2" reads "a = part 2"). *first_line is where it starts. */
static bool ini_next_line(line_reader *r, int *first_line)
{
    if (r->pos >= r->length)
        return false;
    r->used = 0;
    reader_append(r, "", 0);
    *first_line = r->line + 1;
    while (r->pos < r->length) {
        const char *start = r->text + r->pos;
        const char *nl = memchr(start, '\n', r->length - r->pos);
        size_t n = nl ? (size_t)(nl - start) : r->length - r->pos;
        r->pos += n + (nl != NULL);
        r->line++;
        reader_append(r, start, n);
        while (r->used > 0 && is_blank(r->buf[r->used - 1]))
            r->buf[--r->used] = '\0';
        if (r->used == 0 || r->buf[r->used - 1] != '\\' || r->pos >= r->length)
            break;
        r->buf[--r->used] = '\0';   /* the next physical line continues this one */
    }
    return true;
}

/* The value after '=' as iniparser 4.1 reads it: in double or single quotes, the text
 * up to the closing quote (or the end), blanks kept; else the text up to a `;` or `#`
 * comment, blanks stripped, and "" or '' read as empty. Rewrites value in place. */
static char *ini_value(char *value)
{
    while (is_blank(*value))
        value++;
    char quote = value[0];
    if ((quote == '"' || quote == '\'') && value[1] != '\0' && value[1] != quote) {
        char *close = strchr(value + 1, quote);
        if (close)
            *close = '\0';
        return value + 1;
    }
    value[strcspn(value, ";#")] = '\0';
    value = trim(value);
    if (strcmp(value, "\"\"") == 0 || strcmp(value, "''") == 0)
        value[0] = '\0';
    return value;
}

/* What one file's parse keeps between lines. */
typedef struct {
    ini_doc *doc;
    const char *file;       /* interned display name */
    diag_list *diags;
    ini_section *section;   /* the current [section], NULL before the first */
} ini_parse;

/* "[name]": the section, created or merged with an earlier header of the same name. The
 * first ']' closes the name; a comment may follow (SPEC §4 writes "[staff.coaches]  ;
 * one cost line per section"), itself holding ']'; other text after it is an error. */
static void parse_header(ini_parse *p, char *t, int line)
{
    char *close = strchr(t, ']');
    if (!close) {
        diag_error(p->diags, p->file, line, "", "a section header needs a closing ']': %s", t);
        return;
    }
    const char *after = close + 1;
    while (is_blank(*after))
        after++;
    if (*after != '\0' && *after != ';' && *after != '#') {
        diag_error(p->diags, p->file, line, "",
                   "text after a section header: %s (a comment starts with ';')", t);
        return;
    }
    *close = '\0';
    char *name = trim(t + 1);
    lower(name);
    if (*name == '\0') {
        diag_error(p->diags, p->file, line, "", "empty section name '[]'");
        return;
    }
    p->section = ini_doc_section(p->doc, name, p->file, line);
}

/* "key = value" in the current section; SPEC §4: a key given twice in one file is the
 * error, at its second line. */
static void parse_key(ini_parse *p, char *t, int line)
{
    char *eq = strchr(t, '=');
    if (!eq) {
        diag_error(p->diags, p->file, line, "",
                   "expected 'key = value' or '[section]', found '%s'", t);
        return;
    }
    *eq = '\0';
    char *key = trim(t);
    lower(key);
    const char *value = ini_value(eq + 1);
    if (*key == '\0') {
        diag_error(p->diags, p->file, line, "", "a value without a key: write 'key = value'");
        return;
    }
    if (!p->section) {
        diag_error(p->diags, p->file, line, key,
                   "key outside any section: put it under a [section] header");
        return;
    }
    ini_key *existing = ini_section_find(p->section, key);
    if (existing && existing->generation == p->doc->generation) {
        char *path_text = xasprintf("%s.%s", p->section->name, key);
        diag_error(p->diags, p->file, line, path_text,
                   "key given twice (first at line %d): remove one of them", existing->line);
        free(path_text);
        return;
    }
    ini_section_set(p->doc, p->section, key, value, p->file, line);
}

size_t ini_doc_parse(ini_doc *doc, const char *display, const char *text, size_t length,
                     diag_list *diags)
{
    size_t errors_before = diag_error_count(diags);
    doc->generation++;
    ini_parse p = { .doc = doc, .file = ini_doc_file(doc, display), .diags = diags };
    bool has_bom = length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
    line_reader r = { .text = text + (has_bom ? 3 : 0), .length = length - (has_bom ? 3 : 0) };
    int line;
    while (ini_next_line(&r, &line)) {
        char *t = trim(r.buf);
        if (*t == '\0' || *t == ';' || *t == '#')
            continue;
        if (*t == '[')
            parse_header(&p, t, line);
        else
            parse_key(&p, t, line);
    }
    free(r.buf);
    return diag_error_count(diags) - errors_before;
}

/* SPEC §7.3: an INI is UTF-8 text (a BOM is skipped by the parse). The first bad byte is
 * named with its line, as the CSV reader does. */
static bool check_text(const char *text, size_t length, const char *display, diag_list *diags)
{
    if (memchr(text, '\0', length)) {
        diag_error(diags, display, 0, "", "the file contains NUL bytes: is it a text file?");
        return false;
    }
    size_t valid = input_utf8_valid_prefix((const unsigned char *)text, length);
    if (valid < length) {
        diag_error(diags, display, input_line_of(text, valid), "",
                   "byte 0x%02X is not UTF-8 text: save the file as UTF-8",
                   (unsigned char)text[valid]);
        return false;
    }
    return true;
}

size_t ini_doc_read(ini_doc *doc, const char *path, const char *display, diag_list *diags,
                    char **text_out, size_t *length_out)
{
    if (text_out)
        *text_out = NULL;
    char *text = NULL;
    size_t length = 0;
    input_status status = input_file_read(path, &text, &length);
    if (status == INPUT_CANNOT_READ) {
        /* SPEC §7.3: a missing or unreadable input file is an I/O error (exit 3). */
        diag_io_error(diags, display, 0, "", "cannot read the file: %s", strerror(errno));
        return 1;
    }
    if (status != INPUT_OK) {
        diag_error(diags, display, 0, "", "%s", input_status_message(status));
        return 1;
    }
    if (!check_text(text, length, display, diags)) {
        free(text);
        return 1;
    }
    size_t errors = ini_doc_parse(doc, display, text, length, diags);
    if (text_out) {
        *text_out = text;
        if (length_out)
            *length_out = length;
    } else {
        free(text);
    }
    return errors;
}
