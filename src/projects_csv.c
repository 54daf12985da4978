/*
 * projects_csv — bonus projects from a CSV export (SPEC §4 "Project tables as CSV").
 *
 * The file is checked as a whole first (UTF-8, BOM), the delimiter is taken from the
 * header line, then libcsv parses it one physical line at a time so that every record
 * knows the line it starts on (libcsv itself keeps no line numbers). Every problem is
 * reported, FILE.csv:LINE:COLUMN with LINE the record's first physical line and COLUMN
 * the 1-based field index; a row with any problem is not appended.
 *
 * libcsv runs with CSV_STRICT | CSV_STRICT_FINI: a quote inside an unquoted field, text
 * after a closing quote, or a quote never closed would otherwise be read silently as
 * something the user did not write. After such an error the parser restarts at the next
 * physical line, so the rest of the file is still checked.
 */
#include "projects_csv.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common.h"
#include "alloc.h"
#include "fatal.h"
#include "input_file.h"
#include "number.h"
#include "suggest.h"

#define CSV_OPTIONS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)
#define KEY_PATH "bonus.projects"

/* ---- a set of project ids: duplicates found in O(1) per row, not by a scan ---------- */

typedef struct {
    char *id;       /* owned copy; NULL marks an empty slot */
    int line;       /* CSV line of its first row; 0 for an INI [project.*] section */
} id_slot;

typedef struct {
    id_slot *slots;
    size_t capacity;   /* a power of two */
    size_t count;
} id_set;

static uint64_t id_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static id_slot *id_set_find_slot(id_slot *slots, size_t capacity, const char *id)
{
    size_t i = (size_t)id_hash(id) & (capacity - 1);
    while (slots[i].id != NULL && strcmp(slots[i].id, id) != 0)
        i = (i + 1) & (capacity - 1);
    return &slots[i];
}

/* The slot holding id, or NULL after adding it with line. */
static const id_slot *id_set_add(id_set *set, const char *id, int line)
{
    if (2 * (set->count + 1) > set->capacity) {
        size_t capacity = set->capacity ? 2 * set->capacity : 64;
        id_slot *slots = xcalloc(capacity, sizeof *slots);
        for (size_t i = 0; i < set->capacity; i++)
            if (set->slots[i].id != NULL)
                *id_set_find_slot(slots, capacity, set->slots[i].id) = set->slots[i];
        free(set->slots);
        set->slots = slots;
        set->capacity = capacity;
    }
    id_slot *slot = id_set_find_slot(set->slots, set->capacity, id);
    if (slot->id != NULL)
        return slot;
    slot->id = xstrdup(id);
    slot->line = line;
    set->count++;
    return NULL;
}

static void id_set_free(id_set *set)
{
    for (size_t i = 0; i < set->capacity; i++)
        free(set->slots[i].id);
    free(set->slots);
    set->slots = NULL;
    set->capacity = set->count = 0;
}

/* ---- the loader's state, shared with libcsv's callbacks ------------------------------ */

typedef enum {
    COL_UNKNOWN,     /* reported at the header; values ignored */
    COL_DUPLICATE,   /* a second column of the same name; reported, values ignored */
    COL_BLANK,       /* empty header name (Excel's trailing columns): values must be empty */
    COL_ID,
    COL_NAME,
    COL_GRANT,
    COL_INDICATOR
} column_role;

typedef struct {
    column_role role;
    size_t indicator;   /* COL_INDICATOR: index into bonus->indicators */
    char *header;       /* as written, blanks trimmed */
} csv_column;

typedef struct {
    bonus_input *bonus;
    diag_list *diags;
    const char *file;
    size_t errors;

    bool record_open;       /* a record has started and its row callback has not fired */
    int record_line;        /* the physical line where the current record starts */
    /* The current record's fields, NUL-terminated, back to back in one buffer: no malloc
     * per field. fields[] points into it once the record is complete (record_fields). */
    char *field_text;
    size_t field_text_length, field_text_capacity;
    size_t *field_offsets;
    char **fields;
    size_t n_fields, fields_capacity;

    bool header_done;
    bool header_complete;   /* every required column exactly once: rows can be appended */
    int header_line;
    csv_column *columns;
    size_t n_columns;
    size_t id_column;       /* index into columns, or SIZE_MAX */

    id_set ids;
    size_t projects_capacity;
} csv_loader;

/* SPEC §4: ids are [a-z0-9_-]+. */
static bool id_is_valid(const char *id)
{
    if (*id == '\0')
        return false;
    for (; *id; id++) {
        char ch = *id;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-'))
            return false;
    }
    return true;
}

/* The current record's id when it is present and valid, else NULL. */
static const char *record_id(const csv_loader *ld)
{
    if (ld->id_column == SIZE_MAX || ld->id_column >= ld->n_fields)
        return NULL;
    const char *id = ld->fields[ld->id_column];
    return id_is_valid(id) ? id : NULL;
}

/* The name a column goes by in paths: the canonical key for known columns, so that a CSV
 * cell and the INI key it stands for share a path (project.pori.activation). */
static const char *column_key(const csv_loader *ld, size_t j)
{
    if (j >= ld->n_columns)
        return "";
    const csv_column *col = &ld->columns[j];
    switch (col->role) {
    case COL_ID:        return "id";
    case COL_NAME:      return "name";
    case COL_GRANT:     return "grant";
    case COL_INDICATOR: return ld->bonus->indicators[col->indicator].id;
    default:            return col->header;
    }
}

/* Reports a problem in field j (0-based) of the current record, at the line given:
 * PATH is project.<id>.<column> when the record's id is known, else the column name. */
static void cell_error(csv_loader *ld, int line, size_t j, const char *fmt, ...) TKK_PRINTF(4, 5);
static void cell_error(csv_loader *ld, int line, size_t j, const char *fmt, ...)
{
    const char *id = record_id(ld);
    const char *key = column_key(ld, j);
    char *path = id != NULL ? (key[0] ? xasprintf("project.%s.%s", id, key)
                                       : xasprintf("project.%s", id))
                            : xstrdup(key);
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(ld->diags, DIAG_ERROR, ld->file, line, (int)(j + 1), path, fmt, ap);
    va_end(ap);
    ld->errors++;
    free(path);
}

static void record_clear(csv_loader *ld)
{
    ld->n_fields = 0;
    ld->field_text_length = 0;
}

/* Points fields[] into field_text (which may have moved while the record grew). */
static void record_fields(csv_loader *ld)
{
    for (size_t j = 0; j < ld->n_fields; j++)
        ld->fields[j] = ld->field_text + ld->field_offsets[j];
}

/* Blanks around a header name or a project name (libcsv trims only unquoted fields). */
static char *trim_blanks(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

/* ---- the header row ------------------------------------------------------------------- */

/* Appends ", name" (or "name" first) to a growing list, quoted or not. */
static void list_append(char **list, const char *name, bool quoted)
{
    const char *quote = quoted ? "'" : "";
    char *grown = xasprintf("%s%s%s%s%s", *list ? *list : "", *list ? ", " : "", quote, name,
                            quote);
    free(*list);
    *list = grown;
}

static void header_row(csv_loader *ld)
{
    const bonus_input *b = ld->bonus;
    ld->header_done = true;
    ld->header_line = ld->record_line;
    ld->n_columns = ld->n_fields;
    ld->columns = xrealloc(NULL, ld->n_columns * sizeof *ld->columns);
    ld->id_column = SIZE_MAX;   /* set after the loop: header cells are not a project */

    /* Where each required column was found: 0 id, 1 name, 2 grant, 3.. indicators. */
    size_t n_required = 3 + b->n_indicators;
    size_t *found = xrealloc(NULL, n_required * sizeof *found);
    for (size_t r = 0; r < n_required; r++)
        found[r] = SIZE_MAX;
    const char **candidates = xrealloc(NULL, (n_required + 1) * sizeof *candidates);
    candidates[0] = "id";
    candidates[1] = "name";
    candidates[2] = "grant";
    for (size_t k = 0; k < b->n_indicators; k++)
        candidates[3 + k] = b->indicators[k].id;
    candidates[n_required] = NULL;
    char *expected = NULL;   /* "id, name, grant, activation, ..." for the messages */
    for (size_t r = 0; r < n_required; r++)
        list_append(&expected, candidates[r], false);

    ld->header_complete = true;
    for (size_t j = 0; j < ld->n_columns; j++) {
        csv_column *col = &ld->columns[j];
        col->header = xstrdup(trim_blanks(ld->fields[j]));
        col->indicator = 0;
        size_t r = SIZE_MAX;
        for (size_t i = 0; i < n_required; i++)
            if (strcasecmp(col->header, candidates[i]) == 0) {
                r = i;
                break;
            }
        if (col->header[0] == '\0') {
            col->role = COL_BLANK;
        } else if (r == SIZE_MAX) {
            col->role = COL_UNKNOWN;
            char *lower = xstrdup(col->header);
            for (char *p = lower; *p; p++)
                if (*p >= 'A' && *p <= 'Z')
                    *p = (char)(*p - 'A' + 'a');
            const char *guess = suggest_closest(lower, candidates);
            if (guess != NULL)
                cell_error(ld, ld->header_line, j, "unknown column '%s'; did you mean '%s'?",
                           col->header, guess);
            else
                cell_error(ld, ld->header_line, j, "unknown column '%s': the columns are %s",
                           col->header, expected);
            free(lower);
        } else if (found[r] != SIZE_MAX) {
            col->role = COL_DUPLICATE;
            ld->header_complete = false;
            cell_error(ld, ld->header_line, j, "column '%s' is given twice (first in column %zu)",
                       col->header, found[r] + 1);
        } else {
            found[r] = j;
            col->role = r == 0 ? COL_ID : r == 1 ? COL_NAME : r == 2 ? COL_GRANT : COL_INDICATOR;
            col->indicator = r >= 3 ? r - 3 : 0;
        }
    }
    ld->id_column = found[0];

    char *missing = NULL;
    size_t n_missing = 0;
    for (size_t r = 0; r < n_required; r++)
        if (found[r] == SIZE_MAX) {
            list_append(&missing, candidates[r], true);
            n_missing++;
        }
    if (n_missing > 0) {
        ld->header_complete = false;
        diag_error_at(ld->diags, ld->file, ld->header_line, 0, KEY_PATH,
                      "missing column%s %s: the header row needs %s (in any order)",
                      n_missing > 1 ? "s" : "", missing, expected);
        ld->errors++;
    }
    free(missing);
    free(expected);
    free(candidates);
    free(found);
}

/* ---- data rows ------------------------------------------------------------------------ */

/* Parses field j as a number ≥ 0 into out; reports and returns false on error. */
static bool cell_nonnegative(csv_loader *ld, size_t j, number_kind kind, mpq_t out)
{
    const char *text = ld->fields[j];
    const char *err = number_parse(out, text, kind, NULL);
    if (err != NULL) {
        char *shown = diag_excerpt(text);
        cell_error(ld, ld->record_line, j, "'%s' is not a valid number: %s", shown, err);
        free(shown);
        return false;
    }
    if (mpq_sgn(out) < 0) {
        cell_error(ld, ld->record_line, j, "'%s' is negative: %s must be 0 or more", text,
                   column_key(ld, j));
        return false;
    }
    return true;
}

/* SPEC §4: an id may not repeat one of the INI [project.*] sections or an earlier row. */
static bool check_id(csv_loader *ld, size_t j)
{
    const char *id = ld->fields[j];
    if (id[0] == '\0') {
        cell_error(ld, ld->record_line, j, "the project id is empty");
        return false;
    }
    if (!id_is_valid(id)) {
        bool only_case = true;
        for (const char *p = id; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                  (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
                only_case = false;
        if (only_case) {
            char *lower = xstrdup(id);
            for (char *p = lower; *p; p++)
                if (*p >= 'A' && *p <= 'Z')
                    *p = (char)(*p - 'A' + 'a');
            cell_error(ld, ld->record_line, j,
                       "project id '%s' has capital letters: ids are lowercase, write '%s'", id,
                       lower);
            free(lower);
        } else {
            cell_error(ld, ld->record_line, j,
                       "'%s' is not a valid project id: use only lowercase letters a-z, digits, "
                       "'_' and '-'", id);
        }
        return false;
    }
    const id_slot *earlier = id_set_add(&ld->ids, id, ld->record_line);
    if (earlier == NULL)
        return true;
    if (earlier->line > 0)
        cell_error(ld, ld->record_line, j, "project id '%s' is given twice (first at line %d)",
                   id, earlier->line);
    else
        cell_error(ld, ld->record_line, j,
                   "project id '%s' is given twice: [project.%s] already defines it", id, id);
    return false;
}

static void append_project(csv_loader *ld, bonus_project *project)
{
    bonus_input *b = ld->bonus;
    if (b->n_projects == ld->projects_capacity) {
        /* Doubling, so 10 000 rows cost O(n) copies rather than a realloc per row. */
        ld->projects_capacity = ld->projects_capacity ? 2 * ld->projects_capacity : 16;
        b->projects = xrealloc(b->projects, ld->projects_capacity * sizeof *b->projects);
    }
    b->projects[b->n_projects++] = *project;
}

static void data_row(csv_loader *ld)
{
    const bonus_input *b = ld->bonus;

    /* Excel writes ";;;;" for a row left empty: skip it like an empty line. */
    bool all_empty = true;
    for (size_t j = 0; j < ld->n_fields; j++)
        if (ld->fields[j][0] != '\0')
            all_empty = false;
    if (all_empty)
        return;

    bool ok = ld->header_complete;

    bonus_project project = { 0 };
    mpq_init(project.grant);
    project.values = xrealloc(NULL, b->n_indicators * sizeof *project.values);
    for (size_t k = 0; k < b->n_indicators; k++)
        mpq_init(project.values[k]);

    size_t n = ld->n_fields < ld->n_columns ? ld->n_fields : ld->n_columns;
    for (size_t j = 0; j < n; j++) {
        const csv_column *col = &ld->columns[j];
        switch (col->role) {
        case COL_ID:
            if (check_id(ld, j))
                project.id = ld->fields[j];
            else
                ok = false;
            break;
        case COL_NAME: {
            char *name = trim_blanks(ld->fields[j]);
            if (name[0] == '\0') {
                cell_error(ld, ld->record_line, j, "the project name is empty");
                ok = false;
            }
            project.name = name;
            break;
        }
        case COL_GRANT:
            ok &= cell_nonnegative(ld, j, NUMBER_MONEY, project.grant);
            break;
        case COL_INDICATOR:
            ok &= cell_nonnegative(ld, j, NUMBER_MEASURE, project.values[col->indicator]);
            break;
        case COL_BLANK:
            if (ld->fields[j][0] != '\0') {
                cell_error(ld, ld->record_line, j,
                           "'%s' is in a column without a header name", ld->fields[j]);
                ok = false;
            }
            break;
        case COL_UNKNOWN:
        case COL_DUPLICATE:
            break;   /* reported once at the header */
        }
    }

    /* Reported after the cells so that a row's errors come in column order. */
    if (ld->n_fields != ld->n_columns) {
        ok = false;
        const char *hint = ld->n_fields < ld->n_columns
                               ? "a field is missing"
                               : "a delimiter inside an unquoted value? quote such values";
        cell_error(ld, ld->record_line, n, "this row has %zu fields, the header has %zu: %s",
                   ld->n_fields, ld->n_columns, hint);
    }

    if (ok) {
        project.id = xstrdup(project.id);
        project.name = xstrdup(project.name);
        append_project(ld, &project);
        return;
    }
    mpq_clear(project.grant);
    for (size_t k = 0; k < b->n_indicators; k++)
        mpq_clear(project.values[k]);
    free(project.values);
}

/* ---- libcsv callbacks ----------------------------------------------------------------- */

static void on_field(void *text, size_t length, void *data)
{
    csv_loader *ld = data;
    if (ld->n_fields == ld->fields_capacity) {
        ld->fields_capacity = ld->fields_capacity ? 2 * ld->fields_capacity : 16;
        ld->fields = xrealloc(ld->fields, ld->fields_capacity * sizeof *ld->fields);
        ld->field_offsets = xrealloc(ld->field_offsets,
                                     ld->fields_capacity * sizeof *ld->field_offsets);
    }
    if (text == NULL)
        length = 0;   /* libcsv may pass NULL for an empty field */
    if (ld->field_text_capacity - ld->field_text_length < length + 1) {
        while (ld->field_text_capacity - ld->field_text_length < length + 1)
            ld->field_text_capacity = ld->field_text_capacity ? 2 * ld->field_text_capacity : 256;
        ld->field_text = xrealloc(ld->field_text, ld->field_text_capacity);
    }
    ld->field_offsets[ld->n_fields++] = ld->field_text_length;
    if (length > 0)
        memcpy(ld->field_text + ld->field_text_length, text, length);
    ld->field_text_length += length;
    ld->field_text[ld->field_text_length++] = '\0';
}

static void on_row(int terminator, void *data)
{
    (void)terminator;
    csv_loader *ld = data;
    record_fields(ld);
    if (!ld->header_done)
        header_row(ld);
    else
        data_row(ld);
    record_clear(ld);
    ld->record_open = false;
}

/* ---- the file as a whole -------------------------------------------------------------- */

/* End of the physical line that starts at pos: after its '\n', '\r\n' or lone '\r'. */
static size_t line_end(const char *text, size_t length, size_t pos)
{
    while (pos < length) {
        if (text[pos] == '\n')
            return pos + 1;
        if (text[pos] == '\r')
            return pos + 1 < length && text[pos + 1] == '\n' ? pos + 2 : pos + 1;
        pos++;
    }
    return length;
}

static bool is_blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return false;
    return true;
}

/* SPEC §4: the delimiter is ';' or ',', taken from the header line. Finnish Excel writes
 * ';' because ',' is its decimal separator, so a header with any ';' outside quotes is
 * ';'-delimited even when a header name happens to contain a ','. */
STATIC unsigned char projects_csv_delimiter(const char *line, size_t n);
STATIC unsigned char projects_csv_delimiter(const char *line, size_t n)
{
    bool quoted = false;
    size_t semicolons = 0;
    for (size_t i = 0; i < n && (quoted || (line[i] != '\n' && line[i] != '\r')); i++) {
        if (line[i] == '"')
            quoted = !quoted;
        else if (!quoted && line[i] == ';')
            semicolons++;
    }
    return semicolons > 0 ? ';' : ',';
}

/* A problem libcsv found in strict mode, at the physical line being fed. */
static void report_parse_error(csv_loader *ld, int line, const char *what)
{
    record_fields(ld);   /* the fields so far: the path may name the record's id */
    size_t j = ld->n_fields;
    if (ld->header_done && j < ld->n_columns) {
        cell_error(ld, line, j, "%s", what);
    } else {
        diag_error_at(ld->diags, ld->file, line, (int)(j + 1), "", "%s", what);
        ld->errors++;
    }
}

static void parse_text(csv_loader *ld, const char *text, size_t length)
{
    size_t pos = 0;
    if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;   /* Excel's "CSV UTF-8" starts with a byte order mark */

    int line = 1;
    size_t header_pos = pos;
    while (header_pos < length) {
        size_t end = line_end(text, length, header_pos);
        if (!is_blank_line(text + header_pos, end - header_pos))
            break;
        header_pos = end;
    }
    if (header_pos >= length) {
        diag_error(ld->diags, ld->file, 1, KEY_PATH,
                   "the file is empty: it needs a header row id;name;grant;<indicator ids>");
        ld->errors++;
        return;
    }
    unsigned char delimiter = projects_csv_delimiter(text + header_pos, length - header_pos);

    struct csv_parser parser;
    if (csv_init(&parser, CSV_OPTIONS) != 0)
        fatal_out_of_memory();   /* csv_init fails only when malloc does */
    csv_set_delim(&parser, delimiter);
    /* One physical line per csv_parse call: when a record begins, its line is known. */
    for (; pos < length; line++) {
        size_t end = line_end(text, length, pos);
        size_t n = end - pos;
        if (!ld->record_open && !is_blank_line(text + pos, n)) {
            ld->record_open = true;
            ld->record_line = line;
        }
        size_t used = csv_parse(&parser, text + pos, n, on_field, on_row, ld);
        pos = end;
        if (used == n)
            continue;
        if (csv_error(&parser) != CSV_EPARSE)
            fatal_out_of_memory();   /* CSV_ENOMEM or CSV_ETOOBIG: a field past memory */
        report_parse_error(ld, line,
                           "a quote inside an unquoted value, or text after a closing quote: "
                           "put the whole value in quotes and double the quotes inside (\"\")");
        /* Drop the broken record and start afresh on the next line (csv_fini would submit
         * the broken record), so the rest of the file is still checked. Without a header
         * there is nothing to check the rows against. */
        csv_free(&parser);
        record_clear(ld);
        ld->record_open = false;
        if (!ld->header_done)
            return;
        if (csv_init(&parser, CSV_OPTIONS) != 0)
            fatal_out_of_memory();
        csv_set_delim(&parser, delimiter);
    }
    if (csv_fini(&parser, on_field, on_row, ld) != 0) {
        /* CSV_STRICT_FINI: the last record's quote was never closed; it swallowed the rest. */
        report_parse_error(ld, ld->record_line,
                           "a quoted value is never closed: add the closing quote (\")");
        record_clear(ld);
    }
    csv_free(&parser);
}

size_t projects_csv_load(bonus_input *bonus, const char *path, const char *display_path,
                         diag_list *diags, source_file *source)
{
    if (source != NULL)
        *source = (source_file){ 0 };
    char *text = NULL;
    size_t length = 0;
    input_status status = input_file_read(path, &text, &length);
    if (status == INPUT_CANNOT_READ) {
        /* SPEC §7.3: a missing or unreadable input file is an I/O error (exit 3). */
        diag_io_error(diags, display_path, 0, KEY_PATH, "cannot read %s: %s", display_path,
                      strerror(errno));
        return 1;
    }
    if (status != INPUT_OK) {
        diag_error(diags, display_path, 0, KEY_PATH, "%s", input_status_message(status));
        return 1;
    }

    csv_loader ld = {
        .bonus = bonus,
        .diags = diags,
        .file = display_path,
        .id_column = SIZE_MAX,
        .projects_capacity = bonus->n_projects,
    };
    /* The INI [project.*] sections are loaded first; their ids are taken. */
    for (size_t p = 0; p < bonus->n_projects; p++)
        if (bonus->projects[p].id != NULL)
            id_set_add(&ld.ids, bonus->projects[p].id, 0);

    size_t valid = input_utf8_valid_prefix((const unsigned char *)text, length);
    if (valid < length) {
        int line = input_line_of(text, valid);
        diag_error(diags, display_path, line, KEY_PATH,
                   "byte 0x%02X is not UTF-8 text: save the file as \"CSV UTF-8\"",
                   (unsigned char)text[valid]);
        ld.errors++;
    } else {
        parse_text(&ld, text, length);
    }

    free(ld.field_text);
    free(ld.field_offsets);
    free(ld.fields);
    for (size_t j = 0; j < ld.n_columns; j++)
        free(ld.columns[j].header);
    free(ld.columns);
    id_set_free(&ld.ids);

    if (source != NULL) {
        source->path = xstrdup(display_path);
        source->text = text;
        source->length = length;
    } else {
        free(text);
    }
    return ld.errors;
}
