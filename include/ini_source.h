/*
 * ini_source — INI files as sections of keys, each key with the file and line it was
 * written on.
 *
 * One pass of our own over the text (SPEC §4): sections and keys case-insensitive, `;`
 * and `#` comments, values in quotes taken as written, a trailing backslash continuing
 * the line, a repeated [section] merging with the first, a key given twice in one file an
 * error at its second line. Values are read as iniparser 4.1 reads them; iniparser itself
 * is only the reference a unit test compares this parser against (tests/test_ini_source.c).
 * The file must be UTF-8 (a BOM is skipped), a regular file and at most 64 MiB
 * (input_file.h).
 *
 *     ini_doc doc;
 *     ini_doc_init(&doc);
 *     ini_doc_read(&doc, "scenarios/salo-2021.ini", "scenarios/salo-2021.ini", &diags, NULL, NULL);
 *     ini_section *sec = ini_doc_find(&doc, "staff.coaches");
 *     ini_key *fte = sec ? ini_section_find(sec, "fte") : NULL;   // fte->line, fte->value
 *     ini_doc_clear(&doc);
 */
#ifndef TKK_INI_SOURCE_H
#define TKK_INI_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include "diag.h"

typedef struct {
    char *key;           /* lower-case */
    char *value;
    const char *file;    /* owned by the ini_doc */
    int line;
    unsigned generation;  /* which ini_doc_read set it: a repeat within one read is an error */
} ini_key;

typedef struct {
    char *name;          /* lower-case, "staff.coaches" */
    const char *file;
    int line;            /* of the (first) header */
    bool removed;        /* dropped by `remove = yes` in a child */
    ini_key *keys;
    size_t n_keys, cap_keys;
} ini_section;

typedef struct {
    ini_section *sections;   /* in order of first appearance */
    size_t n_sections, cap_sections;
    size_t *slots;           /* open-addressing index: section name → index + 1 */
    size_t n_slots;
    char **files;            /* file names keys point to */
    size_t n_files;
    unsigned generation;     /* counts ini_doc_read calls */
} ini_doc;

void ini_doc_init(ini_doc *doc);
void ini_doc_clear(ini_doc *doc);

/* Reads path into doc, naming it display in messages. A section already in doc gets
 * the file's keys merged in: a key of the file replaces the key of the same name (this is
 * how a child overrides its parent). Within the one file a repeated key is an error.
 * When text is not NULL it receives the file's bytes (NUL-terminated; caller frees), or
 * NULL when the file was refused (unreadable: an I/O error; not a regular file, beyond
 * 64 MiB, NUL bytes, not UTF-8: an input error). Returns the number of errors added. */
size_t ini_doc_read(ini_doc *doc, const char *path, const char *display, diag_list *diags,
                    char **text, size_t *length);

/* Parses text[0..length) (a file's bytes, already checked to be UTF-8) into doc, naming
 * the file display in messages; the same merging as ini_doc_read. Returns the number of
 * errors added. */
size_t ini_doc_parse(ini_doc *doc, const char *display, const char *text, size_t length,
                     diag_list *diags);

ini_section *ini_doc_find(const ini_doc *doc, const char *name);
/* The section, created (at file:line) when missing; a removed one is revived empty. */
ini_section *ini_doc_section(ini_doc *doc, const char *name, const char *file, int line);
ini_key *ini_section_find(const ini_section *sec, const char *key);
/* Sets key to value, replacing an existing key of that name. file is copied into the doc. */
void ini_section_set(ini_doc *doc, ini_section *sec, const char *key, const char *value,
                     const char *file, int line);
/* A deep copy of from into to (which must be uninitialised). */
void ini_doc_copy(ini_doc *to, const ini_doc *from);
/* Interns a file name in the doc; the pointer lives as long as the doc. */
const char *ini_doc_file(ini_doc *doc, const char *file);

#endif
