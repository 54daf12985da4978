/*
 * csv_reader — the file-level mechanics shared by every CSV input (SPEC §4 project tables,
 * §7.3 ledgers): reading the file, the UTF-8 check, the BOM, the delimiter (`;` or `,`
 * from the header line) and libcsv in strict mode, one physical line at a time so that
 * every record knows the line it starts on (libcsv keeps no line numbers).
 *
 *     static bool on_record(void *data, int line, char **fields, size_t n) { ... return true; }
 *     static bool on_error(void *data, int line, char **fields, size_t n, const char *why)
 *     { ... FILE.csv:line:(n + 1) ...; return true; }   // false: stop reading
 *     csv_callbacks cb = { on_record, on_error };
 *     (read the file with input_file_read and check input_utf8_valid_prefix first)
 *     if (!csv_parse_records(text, length, &cb, data)) ... the file has no non-blank line
 */
#ifndef TKK_CSV_READER_H
#define TKK_CSV_READER_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    /* One complete record (the header row first); fields are NUL-terminated and valid
     * until the callback returns. */
    void (*record)(void *data, int line, char **fields, size_t n_fields);
    /* libcsv's strict mode refused a record at line; fields holds the ones read so far.
     * Return false to stop (e.g. before any header was read). */
    bool (*parse_error)(void *data, int line, char **fields, size_t n_fields, const char *message);
} csv_callbacks;

/* Blanks around a field, in place (libcsv trims only unquoted fields). */
char *csv_trim(char *s);
/* The 1-based line and column (in characters) of byte offset pos. */
void csv_position(const char *text, size_t pos, int *line, int *column);
/* `;` when the header line has a `;` outside quotes, else `,` (SPEC §4). */
unsigned char csv_delimiter(const char *line, size_t n);
/* Parses text (a leading BOM skipped) record by record. False when the text has no
 * non-blank line (nothing was called). */
bool csv_parse_records(const char *text, size_t length, const csv_callbacks *cb, void *data);

#endif
