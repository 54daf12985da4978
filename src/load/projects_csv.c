/*
 * projects_csv — bonus projects from a CSV export (SPEC §4 "Project tables as CSV").
 *
 * The file is checked as a whole first (UTF-8, BOM), the delimiter is taken from the
 * header line, then libcsv parses it one physical line at a time so that every record
 * knows the line it starts on (libcsv itself keeps no line numbers). Every problem is
 * reported, FILE.csv:LINE:COLUMN with LINE the record's first physical line and COLUMN
 * the 1-based field index; a row with any problem is not appended.
 *
 * The file mechanics (UTF-8, BOM, delimiter, libcsv in strict mode, line numbers) are
 * csv_reader's, shared with the ledger of SPEC §7.3.
 */
#include "projects_csv.h"

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
#include "csv_reader.h"
#include "fatal.h"
#include "input_file.h"
#include "number.h"
#include "suggest.h"

#define KEY_PATH "bonus.projects"

/* ---- a set of project ids: duplicates found in O(1) per row, not by a scan ---------- */

/* The ids' texts, copied back to back into blocks that are freed together (a million
 * rows then cost no allocation per id, issue 13). */
typedef struct id_block {
    struct id_block *next;
    size_t used, capacity;
    char text[];
} id_block;

#define ID_BLOCK_BYTES ((size_t)1 << 16)

typedef struct {
    const char *id;     /* in the set's blocks; NULL marks an empty slot */
    uint64_t hash;      /* kept, so probing and growing read no id text */
    int line;           /* CSV line of its first row; 0 for an INI [project.*] section */
} id_slot;

typedef struct {
    id_slot *slots;
    size_t capacity;   /* a power of two */
    size_t count;
    id_block *blocks;
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

static id_slot *id_set_find_slot(id_slot *slots, size_t capacity, const char *id, uint64_t hash)
{
    size_t i = (size_t)hash & (capacity - 1);
    while (slots[i].id != NULL && (slots[i].hash != hash || strcmp(slots[i].id, id) != 0))
        i = (i + 1) & (capacity - 1);
    return &slots[i];
}

/* Room for at least count ids without growing (the loader counts the CSV's lines). */
static void id_set_reserve(id_set *set, size_t count)
{
    size_t capacity = set->capacity ? set->capacity : 64;
    while (2 * count > capacity)
        capacity *= 2;
    if (capacity == set->capacity)
        return;
    id_slot *slots = xcalloc(capacity, sizeof *slots);
    for (size_t i = 0; i < set->capacity; i++)
        if (set->slots[i].id != NULL)
            *id_set_find_slot(slots, capacity, set->slots[i].id, set->slots[i].hash) =
                set->slots[i];
    free(set->slots);
    set->slots = slots;
    set->capacity = capacity;
}

static const char *id_set_copy(id_set *set, const char *id)
{
    size_t length = strlen(id) + 1;
    id_block *b = set->blocks;
    if (b == NULL || b->capacity - b->used < length) {
        size_t capacity = length > ID_BLOCK_BYTES ? length : ID_BLOCK_BYTES;
        b = xmalloc(sizeof *b + capacity);
        b->next = set->blocks;
        b->used = 0;
        b->capacity = capacity;
        set->blocks = b;
    }
    char *copy = b->text + b->used;
    memcpy(copy, id, length);
    b->used += length;
    return copy;
}

/* The slot holding id, or NULL after adding it with line. */
static const id_slot *id_set_add(id_set *set, const char *id, int line)
{
    id_set_reserve(set, set->count + 1);
    uint64_t hash = id_hash(id);
    id_slot *slot = id_set_find_slot(set->slots, set->capacity, id, hash);
    if (slot->id != NULL)
        return slot;
    slot->id = id_set_copy(set, id);
    slot->hash = hash;
    slot->line = line;
    set->count++;
    return NULL;
}

static void id_set_clear(id_set *set)
{
    for (id_block *b = set->blocks, *next; b != NULL; b = next) {
        next = b->next;
        free(b);
    }
    free(set->slots);
    *set = (id_set){ 0 };
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

    int record_line;        /* the physical line where the current record starts */
    char **fields;          /* the current record's fields (csv_reader owns them) */
    size_t n_fields;

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
        col->header = xstrdup(csv_trim(ld->fields[j]));
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

/* text in the bonus input's text block, or in a malloc of its own when that is full. */
static char *block_or_own_copy(bonus_input *b, const char *text)
{
    char *copy = bonus_input_block_text(b, text);
    return copy != NULL ? copy : xstrdup(text);
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
    project.values = bonus_input_block_values(ld->bonus, b->n_indicators);
    if (project.values == NULL) {
        project.values = xrealloc(NULL, b->n_indicators * sizeof *project.values);
        for (size_t k = 0; k < b->n_indicators; k++)
            mpq_init(project.values[k]);
    }

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
            char *name = csv_trim(ld->fields[j]);
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
        project.id = block_or_own_copy(ld->bonus, project.id);
        project.name = block_or_own_copy(ld->bonus, project.name);
        append_project(ld, &project);
        return;
    }
    mpq_clear(project.grant);
    bonus_input_release_values(ld->bonus, project.values, b->n_indicators);
}

/* ---- csv_reader callbacks ------------------------------------------------------------ */

static void on_record(void *data, int line, char **fields, size_t n_fields)
{
    csv_loader *ld = data;
    ld->record_line = line;
    ld->fields = fields;
    ld->n_fields = n_fields;
    if (!ld->header_done)
        header_row(ld);
    else
        data_row(ld);
    ld->fields = NULL;
    ld->n_fields = 0;
}

/* A problem libcsv found in strict mode, at the physical line being fed. Without a
 * header there is nothing to check the rows against: stop. */
static bool on_parse_error(void *data, int line, char **fields, size_t n_fields,
                           const char *what)
{
    csv_loader *ld = data;
    ld->fields = fields;
    ld->n_fields = n_fields;
    size_t j = n_fields;
    if (ld->header_done && j < ld->n_columns) {
        cell_error(ld, line, j, "%s", what);
    } else {
        diag_error_at(ld->diags, ld->file, line, (int)(j + 1), "", "%s", what);
        ld->errors++;
    }
    ld->fields = NULL;
    ld->n_fields = 0;
    return ld->header_done;
}

#ifdef TESTING
/* SPEC §4: the delimiter from the header line (csv_reader); kept for the unit test. */
unsigned char projects_csv_delimiter(const char *line, size_t n);
unsigned char projects_csv_delimiter(const char *line, size_t n)
{
    return csv_delimiter(line, n);
}
#endif

static void parse_text(csv_loader *ld, const char *text, size_t length)
{
    static const csv_callbacks callbacks = { on_record, on_parse_error };
    if (!csv_parse_records(text, length, &callbacks, ld)) {
        diag_error(ld->diags, ld->file, 1, KEY_PATH,
                   "the file is empty: it needs a header row id;name;grant;<indicator ids>");
        ld->errors++;
    }
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
        /* At most one project per line: the set and the table never grow row by row. */
        size_t lines = 1;
        for (const char *at = text; (at = memchr(at, '\n', length - (size_t)(at - text))) != NULL; at++)
            lines++;
        id_set_reserve(&ld.ids, bonus->n_projects + lines);
        if (bonus->n_projects + lines > ld.projects_capacity) {
            ld.projects_capacity = bonus->n_projects + lines;
            bonus->projects = xreallocarray(bonus->projects, ld.projects_capacity,
                                            sizeof *bonus->projects);
        }
        /* One block for the rows' values and one for their ids and names (bonus_input.h):
         * a row's id and name with their NULs never outnumber its bytes plus newline. */
        if (bonus->value_block == NULL && bonus->text_block == NULL) {
            if (bonus->n_indicators > 0) {
                bonus->value_block_capacity = lines * bonus->n_indicators;
                bonus->value_block = xreallocarray(NULL, bonus->value_block_capacity,
                                                   sizeof *bonus->value_block);
            }
            bonus->text_block_capacity = length + lines;
            bonus->text_block = xmalloc(bonus->text_block_capacity);
        }
        parse_text(&ld, text, length);
    }

    for (size_t j = 0; j < ld.n_columns; j++)
        free(ld.columns[j].header);
    free(ld.columns);
    id_set_clear(&ld.ids);

    if (source != NULL) {
        source->path = xstrdup(display_path);
        source->text = text;
        source->length = length;
    } else {
        free(text);
    }
    return ld.errors;
}
