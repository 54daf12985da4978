/*
 * csv_reader — CSV files for every input that comes as a spreadsheet export.
 *
 * libcsv runs with CSV_STRICT | CSV_STRICT_FINI: a quote inside an unquoted field, text
 * after a closing quote, or a quote never closed would otherwise be read silently as
 * something the user did not write. After such an error the parser restarts at the next
 * physical line, so the rest of the file is still checked.
 */
#include "csv_reader.h"

#include <csv.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "fatal.h"

#define CSV_OPTIONS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)

/* The record being assembled: fields NUL-terminated, back to back in one buffer. */
typedef struct {
    const csv_callbacks *cb;
    void *data;
    bool record_open;       /* a record has started and its row callback has not fired */
    int record_line;        /* the physical line where the current record starts */
    char *field_text;
    size_t field_text_length, field_text_capacity;
    size_t *field_offsets;
    char **fields;
    size_t n_fields, fields_capacity;
} csv_state;

static void record_reset(csv_state *st)
{
    st->n_fields = 0;
    st->field_text_length = 0;
}

/* Points fields[] into field_text (which may have moved while the record grew). */
static void record_fields(csv_state *st)
{
    for (size_t j = 0; j < st->n_fields; j++)
        st->fields[j] = st->field_text + st->field_offsets[j];
}

static void on_field(void *text, size_t length, void *data)
{
    csv_state *st = data;
    if (st->n_fields == st->fields_capacity) {
        st->fields_capacity = st->fields_capacity ? 2 * st->fields_capacity : 16;
        st->fields = xrealloc(st->fields, st->fields_capacity * sizeof *st->fields);
        st->field_offsets = xrealloc(st->field_offsets,
                                     st->fields_capacity * sizeof *st->field_offsets);
    }
    if (text == NULL)
        length = 0;   /* libcsv may pass NULL for an empty field */
    if (st->field_text_capacity - st->field_text_length < length + 1) {
        while (st->field_text_capacity - st->field_text_length < length + 1)
            st->field_text_capacity = st->field_text_capacity ? 2 * st->field_text_capacity : 256;
        st->field_text = xrealloc(st->field_text, st->field_text_capacity);
    }
    st->field_offsets[st->n_fields++] = st->field_text_length;
    if (length > 0)
        memcpy(st->field_text + st->field_text_length, text, length);
    st->field_text_length += length;
    st->field_text[st->field_text_length++] = '\0';
}

static void on_row(int terminator, void *data)
{
    (void)terminator;
    csv_state *st = data;
    record_fields(st);
    st->cb->record(st->data, st->record_line, st->fields, st->n_fields);
    record_reset(st);
    st->record_open = false;
}

char *csv_trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

void csv_position(const char *text, size_t pos, int *line, int *column)
{
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < pos; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *column = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            (*column)++;   /* count characters, not continuation bytes */
        }
    }
}

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
unsigned char csv_delimiter(const char *line, size_t n)
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

/* Reports libcsv's refusal; false when the reader should stop. */
static bool parse_error(csv_state *st, int line, const char *what)
{
    record_fields(st);   /* the fields so far: the path may name the record's id */
    return st->cb->parse_error(st->data, line, st->fields, st->n_fields, what);
}

static void csv_state_clear(csv_state *st)
{
    free(st->field_text);
    free(st->field_offsets);
    free(st->fields);
}

bool csv_parse_records(const char *text, size_t length, const csv_callbacks *cb, void *data)
{
    size_t pos = 0;
    if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;   /* Excel's "CSV UTF-8" starts with a byte order mark */

    size_t header_pos = pos;
    while (header_pos < length) {
        size_t end = line_end(text, length, header_pos);
        if (!is_blank_line(text + header_pos, end - header_pos))
            break;
        header_pos = end;
    }
    if (header_pos >= length)
        return false;
    unsigned char delimiter = csv_delimiter(text + header_pos, length - header_pos);

    csv_state st = { .cb = cb, .data = data };
    struct csv_parser parser;
    if (csv_init(&parser, CSV_OPTIONS) != 0)
        fatal_out_of_memory();   /* csv_init fails only when malloc does */
    csv_set_delim(&parser, delimiter);
    /* One physical line per csv_parse call: when a record begins, its line is known. */
    for (int line = 1; pos < length; line++) {
        size_t end = line_end(text, length, pos);
        size_t n = end - pos;
        if (!st.record_open && !is_blank_line(text + pos, n)) {
            st.record_open = true;
            st.record_line = line;
        }
        size_t used = csv_parse(&parser, text + pos, n, on_field, on_row, &st);
        pos = end;
        if (used == n)
            continue;
        if (csv_error(&parser) != CSV_EPARSE)
            fatal_out_of_memory();   /* CSV_ENOMEM or CSV_ETOOBIG: a field past memory */
        bool go_on = parse_error(&st, line,
                                 "a quote inside an unquoted value, or text after a closing quote: "
                                 "put the whole value in quotes and double the quotes inside (\"\")");
        /* Drop the broken record and start afresh on the next line (csv_fini would submit
         * the broken record), so the rest of the file is still checked. */
        csv_free(&parser);
        record_reset(&st);
        st.record_open = false;
        if (!go_on) {
            csv_state_clear(&st);
            return true;
        }
        if (csv_init(&parser, CSV_OPTIONS) != 0)
            fatal_out_of_memory();
        csv_set_delim(&parser, delimiter);
    }
    if (csv_fini(&parser, on_field, on_row, &st) != 0) {
        /* CSV_STRICT_FINI: the last record's quote was never closed; it swallowed the rest. */
        parse_error(&st, st.record_line, "a quoted value is never closed: add the closing quote (\")");
        record_reset(&st);
    }
    csv_free(&parser);
    csv_state_clear(&st);
    return true;
}
