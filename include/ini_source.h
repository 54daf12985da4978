/*
 * ini_source — INI files as sections of keys, each key with the file and line it was
 * written on.
 *
 * iniparser reads the values (quoting, comments, continuation lines); iniparser keeps no
 * line numbers, so our own scan of the same text maps every section and key to its line,
 * and finds what iniparser silently accepts: a key given twice, a key outside a section.
 * The dictionary is walked once, never searched key by key (its look-ups are linear).
 *
 *     ini_doc doc;
 *     ini_doc_init(&doc);
 *     ini_doc_read(&doc, "scenarios/salo-2021.ini", "scenarios/salo-2021.ini", &diags, NULL);
 *     ini_section *sec = ini_doc_find(&doc, "staff.coaches");
 *     ini_key *fte = sec ? ini_section_find(sec, "fte") : NULL;   // fte->line, fte->value
 *     ini_doc_free(&doc);
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
void ini_doc_free(ini_doc *doc);

/* Reads path into doc, naming it display in messages. A section already in doc gets
 * the file's keys merged in: a key of the file replaces the key of the same name (this is
 * how a child overrides its parent). Within the one file a repeated key is an error.
 * When text is not NULL it receives the file's bytes (NUL-terminated; caller frees).
 * Returns the number of errors added (an unreadable file is one). */
size_t ini_doc_read(ini_doc *doc, const char *path, const char *display, diag_list *diags,
                    char **text, size_t *length);

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
