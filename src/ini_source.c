/* ini_source — INI files read with iniparser, every key mapped to its file and line. */
#include "ini_source.h"
#include "alloc.h"
#include "fatal.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <iniparser.h>

#include "common.h"

void ini_doc_init(ini_doc *doc)
{
    memset(doc, 0, sizeof *doc);
}

void ini_doc_free(ini_doc *doc)
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

/* ---- reading one file ---------------------------------------------------------- */

static char *read_all(const char *path, size_t *length)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 8192, len = 0;
    char *buf = xrealloc(NULL, cap);
    size_t got;
    while ((got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len - 1 == 0) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    *length = len;
    return buf;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
        *--end = '\0';
    return s;
}

static void lower(char *s)
{
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

/* The value as iniparser would give it: an inline comment (; or #) ends an unquoted
 * value; a value in double or single quotes is taken as written. */
static void scan_value(char *value)
{
    char *v = trim(value);
    size_t n = strlen(v);
    if (n >= 2 && (v[0] == '"' || v[0] == '\'') && strchr(v + 1, v[0])) {
        char quote = v[0];
        char *close = strchr(v + 1, quote);
        memmove(value, v + 1, (size_t)(close - v - 1));
        value[close - v - 1] = '\0';
        return;
    }
    char *comment = strpbrk(v, ";#");
    if (comment)
        *comment = '\0';
    v = trim(v);
    memmove(value, v, strlen(v) + 1);
}

/* iniparser reports its own syntax errors through this callback; ours are already
 * reported by the scan, with the same lines, so its messages are dropped. */
static int iniparser_quiet(const char *format, ...)
{
    (void)format;
    return 0;
}

/*
 * iniparser 4.1 scans its whole dictionary on every insert, so loading n keys costs n²/2
 * comparisons: 40 000 projects took 18 s, nearly all of it inside iniparser_load. A file
 * with many keys is therefore given to iniparser in chunks of whole sections, each chunk
 * a small dictionary of its own; the values are the same (a chunk starts at a section
 * header, where iniparser's state is fresh anyway) and the cost grows linearly.
 */
enum { CHUNK_LINES = 1024 };

/* Copies iniparser's values into the doc's keys (the scan found the same keys, with
 * their lines). The dictionary is walked once, in order. */
static void take_iniparser_values(ini_doc *doc, const char *path)
{
    iniparser_set_error_callback(iniparser_quiet);
    dictionary *dict = iniparser_load(path);
    if (!dict)
        return;     /* the scan's values stand */
    for (ssize_t i = 0; i < dict->size; i++) {
        const char *entry = dict->key[i];
        const char *value = dict->val[i];
        if (!entry || !value)
            continue;
        const char *colon = strchr(entry, ':');
        if (!colon || colon == entry)
            continue;
        char *section_name = xstrndup(entry, (size_t)(colon - entry));
        ini_section *sec = ini_doc_find(doc, section_name);
        free(section_name);
        ini_key *k = sec ? ini_section_find(sec, colon + 1) : NULL;
        if (k && k->generation == doc->generation) {
            free(k->value);
            k->value = xstrdup(value);
        }
    }
    iniparser_freedict(dict);
}

/* Hands bytes to iniparser through a temporary file (iniparser reads only from a path).
 * Without a temporary file the scan's values stand: they differ from iniparser's only in
 * escapes inside quoted values. */
static void take_values_of_text(ini_doc *doc, const char *bytes, size_t length)
{
    const char *dir = getenv("TMPDIR");
    char *tmp = xasprintf("%s/tkk-ini-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(tmp);
    /* Registered, so running out of memory while iniparser reads it removes it too. */
    int slot = fd >= 0 ? fatal_temp_register(tmp, false) : -1;
    if (fd >= 0) {
        FILE *f = fdopen(fd, "wb");
        if (f) {
            bool written = fwrite(bytes, 1, length, f) == length;
            if (fclose(f) == 0 && written)
                take_iniparser_values(doc, tmp);
        } else {
            close(fd);
        }
        unlink(tmp);
        fatal_temp_unregister(slot);
    }
    free(tmp);
}

/* Where a section header starts in the text, and on which line. */
typedef struct {
    size_t offset;
    int line;
} header_mark;

size_t ini_doc_read(ini_doc *doc, const char *path, const char *display, diag_list *diags,
                    char **text_out, size_t *length_out)
{
    size_t errors_before = diag_error_count(diags);
    size_t length = 0;
    char *text = read_all(path, &length);
    if (!text) {
        diag_error(diags, display, 0, "", "cannot read the file: %s", strerror(errno));
        return 1;
    }
    if (memchr(text, '\0', length)) {
        diag_error(diags, display, 0, "", "the file contains NUL bytes: is it a text file?");
        free(text);
        return 1;
    }
    doc->generation++;
    const char *file = ini_doc_file(doc, display);
    bool has_bom = length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;

    const char *body = text + (has_bom ? 3 : 0);
    size_t body_length = length - (has_bom ? 3 : 0);
    char *copy = xstrdup(body);
    header_mark *headers = NULL;
    size_t n_headers = 0, cap_headers = 0;
    ini_section *sec = NULL;
    int line_no = 0;
    char *next = copy;
    while (next) {
        char *line = next;
        line_no++;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        int first_line = line_no;
        /* A backslash at the end continues the line (as in iniparser). */
        size_t len = strlen(line);
        while (len && line[len - 1] == '\r')
            line[--len] = '\0';
        while (len && line[len - 1] == '\\' && next) {
            line[len - 1] = ' ';
            char *cont = next;
            line_no++;
            next = strchr(cont, '\n');
            if (next)
                *next++ = '\0';
            memmove(line + len, cont, strlen(cont) + 1);
            len = strlen(line);
            while (len && line[len - 1] == '\r')
                line[--len] = '\0';
        }
        char *t = trim(line);
        if (*t == '\0' || *t == ';' || *t == '#')
            continue;
        if (*t == '[') {
            /* The first ']' closes the name, as iniparser reads it; a comment may follow
             * (SPEC §4 writes "[indexation]   ; salary raises ..."), itself holding ']'. */
            char *close = strchr(t, ']');
            if (!close) {
                diag_error(diags, file, first_line, "", "a section header needs a closing ']': %s", t);
                continue;
            }
            const char *after = close + 1;
            while (*after == ' ' || *after == '\t')
                after++;
            if (*after != '\0' && *after != ';' && *after != '#')
                diag_error(diags, file, first_line, "",
                           "text after a section header: %s (a comment starts with ';')", t);
            *close = '\0';
            char *name = trim(t + 1);
            lower(name);
            if (*name == '\0') {
                diag_error(diags, file, first_line, "", "empty section name '[]'");
                continue;
            }
            sec = ini_doc_section(doc, name, file, first_line);
            if (n_headers == cap_headers) {
                cap_headers = cap_headers ? 2 * cap_headers : 64;
                headers = xrealloc(headers, cap_headers * sizeof *headers);
            }
            headers[n_headers++] = (header_mark){ (size_t)(line - copy), first_line };
            continue;
        }
        char *eq = strchr(t, '=');
        if (!eq) {
            diag_error(diags, file, first_line, "",
                       "expected 'key = value' or '[section]', found '%s'", t);
            continue;
        }
        *eq = '\0';
        char *key = trim(t);
        lower(key);
        char *value = eq + 1;
        scan_value(value);
        if (*key == '\0') {
            diag_error(diags, file, first_line, "", "a value without a key: write 'key = value'");
            continue;
        }
        if (!sec) {
            diag_error(diags, file, first_line, key,
                       "key outside any section: put it under a [section] header");
            continue;
        }
        ini_key *existing = ini_section_find(sec, key);
        if (existing && existing->generation == doc->generation) {
            char *path_text = xasprintf("%s.%s", sec->name, key);
            diag_error(diags, file, first_line, path_text,
                       "key given twice (first at line %d): remove one of them", existing->line);
            free(path_text);
            continue;
        }
        ini_section_set(doc, sec, key, value, file, first_line);
    }
    free(copy);

    if (line_no <= CHUNK_LINES && !has_bom) {
        take_iniparser_values(doc, path);
    } else {
        /* Chunks of at least CHUNK_LINES lines, cut only at section headers; the first
         * starts at the top (text before the first header belongs to no section). iniparser
         * 4.1 cannot skip a byte-order mark, so the body after one is what it gets. */
        size_t start = 0;
        int start_line = 1;
        for (size_t h = 0; h < n_headers; h++) {
            if (headers[h].line - start_line < CHUNK_LINES || headers[h].offset == start)
                continue;
            take_values_of_text(doc, body + start, headers[h].offset - start);
            start = headers[h].offset;
            start_line = headers[h].line;
        }
        take_values_of_text(doc, body + start, body_length - start);
    }
    free(headers);

    if (text_out) {
        *text_out = text;
        if (length_out)
            *length_out = length;
    } else {
        free(text);
    }
    return diag_error_count(diags) - errors_before;
}
