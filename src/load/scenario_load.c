/* scenario_load — files, `extends`, `remove = yes` and --set, then validation. */
#include "scenario_load.h"
#include "alloc.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "common.h"
#include "ini_source.h"
#include "scenario_validate.h"
#include "sha256_hex.h"
#include "suggest.h"
#include "scenario_validate_tmt.h"

/* SPEC §7.5: at most 32 files in an `extends` chain (the scenario and 31 parents). */
#define MAX_EXTENDS_DEPTH 32

typedef struct {
    source_file *files;
    size_t n_files;
} source_list;

/* The chain of files being read, to catch an `extends` cycle. */
typedef struct {
    char *real[MAX_EXTENDS_DEPTH];
    const char *shown[MAX_EXTENDS_DEPTH];
    int depth;
    /* A file of the chain could not be read, or the chain was cut: validating what was
     * read would only add follow-up errors (keys the missing files hold). */
    bool incomplete;
} extends_chain;

static void add_source(source_list *list, const char *path, char *text, size_t length)
{
    list->files = xreallocarray(list->files, list->n_files + 1, sizeof *list->files);
    list->files[list->n_files] = (source_file){.path = xstrdup(path), .text = text,
                                               .length = length};
    list->n_files++;
}

/* "dir/child.ini" + "base.ini" -> "dir/base.ini": a parent is named relative to its child. */
static char *relative_to(const char *file, const char *name)
{
    const char *slash = strrchr(file, '/');
    if (name[0] == '/' || !slash)
        return xstrdup(name);
    return xasprintf("%.*s/%s", (int)(slash - file), file, name);
}

/* Copies every section of from into into: a key replaces the key of the same name, and
 * `remove = yes` drops the inherited section (SPEC §4, extends). */
static void merge_into(ini_doc *into, const ini_doc *from)
{
    for (size_t i = 0; i < from->n_sections; i++) {
        const ini_section *sec = &from->sections[i];
        const ini_key *remove = ini_section_find(sec, "remove");
        if (remove && strcasecmp(remove->value, "yes") == 0) {
            ini_section *inherited = ini_doc_find(into, sec->name);
            if (inherited)
                inherited->removed = true;
            /* The child's own keys of that section, if any, start it afresh (e.g. an
             * [actual] from a ledger instead of the parent's keys, SPEC §7.3). */
            if (sec->n_keys <= 1)
                continue;
        }
        ini_section *target = ini_doc_section(into, sec->name, sec->file, sec->line);
        for (size_t k = 0; k < sec->n_keys; k++)
            if (&sec->keys[k] != remove)
                ini_section_set(into, target, sec->keys[k].key, sec->keys[k].value,
                                sec->keys[k].file, sec->keys[k].line);
    }
}

/* Reads display (and, first, the parents it extends) into out. */
static void load_chain(ini_doc *out, const char *display, extends_chain *chain,
                       source_list *sources, diag_list *diags)
{
    ini_doc doc;
    ini_doc_init(&doc);
    char *text = NULL;
    size_t length = 0;
    if (ini_doc_read(&doc, display, display, diags, &text, &length) && !text) {
        chain->incomplete = true;
        ini_doc_clear(&doc);
        return;
    }
    add_source(sources, display, text, length);

    const ini_section *sec = ini_doc_find(&doc, "scenario");
    const ini_key *extends = sec ? ini_section_find(sec, "extends") : NULL;
    if (extends) {
        char *parent = relative_to(display, extends->value);
        char *real = realpath(parent, NULL);
        if (!real) {
            /* SPEC §7.3: a missing or unreadable input file is an I/O error. */
            diag_io_error(diags, extends->file, extends->line, "scenario.extends",
                          "cannot read the parent file %s: %s", parent, strerror(errno));
            chain->incomplete = true;
        } else {
            int seen = -1;
            for (int i = 0; i < chain->depth; i++)
                if (strcmp(chain->real[i], real) == 0)
                    seen = i;
            if (seen < 0 && chain->depth == MAX_EXTENDS_DEPTH) {
                /* SPEC §7.5: a chain too deep says so; it is not a cycle. */
                diag_error(diags, extends->file, extends->line, "scenario.extends",
                           "the extends chain is longer than %d files (%s -> ... -> %s): "
                           "merge some of the parents into one file",
                           MAX_EXTENDS_DEPTH, chain->shown[0], parent);
                chain->incomplete = true;
                free(real);
            } else if (seen >= 0) {
                char cycle[2048] = "";
                for (int i = seen < 0 ? 0 : seen; i < chain->depth; i++) {
                    strncat(cycle, chain->shown[i], sizeof cycle - strlen(cycle) - 1);
                    strncat(cycle, " -> ", sizeof cycle - strlen(cycle) - 1);
                }
                strncat(cycle, parent, sizeof cycle - strlen(cycle) - 1);
                diag_error(diags, extends->file, extends->line, "scenario.extends",
                           "extends cycle: %s", cycle);
                free(real);
            } else {
                chain->real[chain->depth] = real;
                chain->shown[chain->depth] = parent;
                chain->depth++;
                load_chain(out, parent, chain, sources, diags);
                chain->depth--;
                free(real);
            }
        }
        free(parent);
    }
    merge_into(out, &doc);
    ini_doc_clear(&doc);
}

/* SPEC §2, §7.3: `--set staff.coach.fte=8` where the scenario has [staff.coaches] is a
 * typo, not a new cost line: say which section was meant instead of creating one (which
 * would only report "missing required key 'role'"). True when reported. */
static bool set_suggest_section(const ini_doc *doc, const char *section, const char *key,
                                int index, diag_list *diags)
{
    const char **names = xcalloc(doc->n_sections + 1, sizeof *names);
    size_t n = 0;
    for (size_t i = 0; i < doc->n_sections; i++)
        if (!doc->sections[i].removed)
            names[n++] = doc->sections[i].name;
    names[n] = NULL;
    const char *guess = suggest_closest(section, names);
    if (guess) {
        char *shown = xasprintf("%s.%s", section, key);
        diag_error(diags, "--set", index, shown,
                   "the scenario has no section [%s]; did you mean %s.%s?", section, guess, key);
        free(shown);
    }
    free(names);
    return guess != NULL;
}

/* --set PATH=VALUE: PATH is section.key. The section is the longest existing section
 * the path starts with; else [budget], [actual] and [indexation] take everything after
 * their name (their keys contain dots); else the last dot splits. */
static void apply_set(ini_doc *doc, const char *arg, int index, diag_list *diags)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg) {
        diag_error(diags, "--set", index, arg, "expected PATH=VALUE, e.g. staff.coaches.fte=7");
        return;
    }
    char *path = xstrndup(arg, (size_t)(eq - arg));
    for (char *p = path; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    /* trim blanks around the path and the value */
    char *end = path + strlen(path);
    while (end > path && end[-1] == ' ')
        *--end = '\0';
    const char *value = eq + 1;
    while (*value == ' ')
        value++;

    size_t best = 0;
    for (size_t i = 0; i < doc->n_sections; i++) {
        size_t len = strlen(doc->sections[i].name);
        if (len > best && strncmp(path, doc->sections[i].name, len) == 0 && path[len] == '.')
            best = len;
    }
    if (tmt_set_section_length(path))   /* SPEC §7.6: [tmt.ID] may not exist yet */
        best = tmt_set_section_length(path);
    if (!best) {
        static const char *const dotted[] = { "budget", "actual", "indexation" };
        for (size_t i = 0; i < ARRAY_SIZE(dotted); i++) {
            size_t len = strlen(dotted[i]);
            if (strncmp(path, dotted[i], len) == 0 && path[len] == '.')
                best = len;
        }
    }
    if (!best) {
        const char *dot = strrchr(path, '.');
        if (!dot) {
            diag_error(diags, "--set", index, path, "PATH needs a section and a key: section.key=value");
            free(path);
            return;
        }
        best = (size_t)(dot - path);
    }
    path[best] = '\0';
    const char *key = path + best + 1;
    if (!ini_doc_find(doc, path) && set_suggest_section(doc, path, key, index, diags)) {
        free(path);
        return;
    }
    ini_section *sec = ini_doc_section(doc, path, "--set", index);
    ini_section_set(doc, sec, key, value, "--set", index);
    free(path);
}

struct scenario_source {
    char *path;
    ini_doc doc;
    source_list sources;
    long long mtime;
    size_t read_errors;      /* syntax errors of the files: no variant may stand */
};

void scenario_source_free(scenario_source *src)
{
    if (!src)
        return;
    for (size_t i = 0; i < src->sources.n_files; i++) {
        free(src->sources.files[i].path);
        free(src->sources.files[i].text);
    }
    free(src->sources.files);
    ini_doc_clear(&src->doc);
    free(src->path);
    free(src);
}

scenario_source *scenario_source_read(const char *path, diag_list *diags)
{
    scenario_source *src = xcalloc(1, sizeof *src);
    src->path = xstrdup(path);
    ini_doc_init(&src->doc);
    extends_chain chain = { .depth = 0 };
    char *real = realpath(path, NULL);
    if (real) {
        chain.real[0] = real;
        chain.shown[0] = path;
        chain.depth = 1;
    }
    size_t errors_before = diag_error_count(diags);
    load_chain(&src->doc, path, &chain, &src->sources, diags);
    free(real);
    if (chain.incomplete) {
        scenario_source_free(src);
        return NULL;
    }
    if (src->sources.n_files == 0 || src->doc.n_sections == 0) {
        if (diag_error_count(diags) == errors_before)
            diag_error(diags, path, 0, "", "the file has no sections: a scenario needs at least [scenario]");
        scenario_source_free(src);
        return NULL;
    }
    struct stat st;
    src->mtime = stat(path, &st) == 0 ? (long long)st.st_mtime : 0;
    src->read_errors = diag_error_count(diags) - errors_before;
    return src;
}

static source_file copy_source(const source_file *from)
{
    source_file to = { xstrdup(from->path), xmalloc(from->length + 1), from->length,
                       from->bonus_projects };
    memcpy(to.text, from->text, from->length + 1);
    return to;
}

scenario *scenario_source_build(const scenario_source *src, const char *const *sets,
                                size_t n_sets, diag_list *diags)
{
    size_t errors_before = diag_error_count(diags);
    ini_doc doc;
    ini_doc_copy(&doc, &src->doc);
    char *overrides = NULL;
    size_t overrides_len = 0;
    for (size_t i = 0; i < n_sets; i++) {
        apply_set(&doc, sets[i], (int)i + 1, diags);
        size_t len = strlen(sets[i]);
        overrides = xrealloc(overrides, overrides_len + len + 2);
        overrides_len += (size_t)sprintf(overrides + overrides_len, "%s\n", sets[i]);
    }
    scenario *s = scenario_validate(&doc, diags);
    ini_doc_clear(&doc);
    /* Syntax errors of the files still let validation report every other problem; the
     * scenario stands only when nothing at all was wrong. */
    if (s && (diag_error_count(diags) > errors_before || src->read_errors > 0)) {
        scenario_free(s);
        s = NULL;
    }
    if (!s) {
        free(overrides);
        return NULL;
    }
    /* The INI files come first, then the CSV files validation read. */
    size_t n_ini = src->sources.n_files;
    source_file *all = xcalloc(n_ini + s->n_sources, sizeof *all);
    for (size_t i = 0; i < n_ini; i++)
        all[i] = copy_source(&src->sources.files[i]);
    if (s->n_sources > 0)
        memcpy(all + n_ini, s->sources, s->n_sources * sizeof *all);
    free(s->sources);
    s->sources = all;
    s->n_sources += n_ini;
    s->overrides_text = overrides;
    sha256_hex(s->sources[0].text, s->sources[0].length, s->sha256_hex);
    s->source_mtime = src->mtime;
    return s;
}

scenario *scenario_load(const char *path, const char *const *sets, size_t n_sets,
                        diag_list *diags)
{
    /* Read errors (a missing file, a bad line) come first; validation still runs on what
     * could be read, so every problem of the file is reported in one go. */
    scenario_source *src = scenario_source_read(path, diags);
    if (!src)
        return NULL;
    scenario *s = scenario_source_build(src, sets, n_sets, diags);
    scenario_source_free(src);
    return s;
}
