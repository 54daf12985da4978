/* diag — user-input problems, collected and printed like a compiler's. */
#include "diag.h"
#include "alloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

static char *dup_or_empty(const char *s)
{
    return xstrdup(s ? s : "");
}

/* The one process-wide switch: --strict applies to every command alike. */
static bool strict_mode;

void diag_set_strict(bool strict)
{
    strict_mode = strict;
}

bool diag_strict(void)
{
    return strict_mode;
}

void diag_vadd(diag_list *list, diag_severity severity, const char *file, int line, int column,
               const char *path, const char *fmt, va_list ap)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 16;
        list->items = xreallocarray(list->items, capacity, sizeof *list->items);
        list->capacity = capacity;
    }
    char *message = xvasprintf(fmt, ap);
    if (severity == DIAG_WARNING && strict_mode) {
        char *strict_message = xasprintf("%s (a warning, an error under --strict)", message);
        free(message);
        message = strict_message;
        severity = DIAG_ERROR;
    }
    diag *d = &list->items[list->count++];
    d->severity = severity;
    d->file = dup_or_empty(file);
    d->line = line;
    d->column = column;
    d->path = dup_or_empty(path);
    d->message = message;
    d->io = false;
}

void diag_error(diag_list *list, const char *file, int line, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(list, DIAG_ERROR, file, line, 0, path, fmt, ap);
    va_end(ap);
}

void diag_warning(diag_list *list, const char *file, int line, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(list, DIAG_WARNING, file, line, 0, path, fmt, ap);
    va_end(ap);
}

void diag_error_at(diag_list *list, const char *file, int line, int column, const char *path,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(list, DIAG_ERROR, file, line, column, path, fmt, ap);
    va_end(ap);
}

void diag_io_error(diag_list *list, const char *file, int line, const char *path,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(list, DIAG_ERROR, file, line, 0, path, fmt, ap);
    va_end(ap);
    list->items[list->count - 1].io = true;
}

int diag_exit_status(const diag_list *list)
{
    int status = EXIT_OK;
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].severity == DIAG_ERROR)
            status = list->items[i].io ? EXIT_IO : status == EXIT_IO ? EXIT_IO : EXIT_INVALID;
    return status;
}

char *diag_excerpt(const char *text)
{
    size_t length = strlen(text);
    if (length <= 64)
        return xstrdup(text);
    size_t cut = 40;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--;   /* not inside a UTF-8 sequence */
    return xasprintf("%.*s… (%zu bytes)", (int)cut, text, length);
}

size_t diag_error_count(const diag_list *list)
{
    size_t errors = 0;
    for (size_t i = 0; i < list->count; i++)
        errors += list->items[i].severity == DIAG_ERROR;
    return errors;
}

/* Print order: files in the order their first problem was found, then by line and
 * column, then as found (a reader fixes a file from top to bottom). */
typedef struct {
    const diag *d;
    size_t file_rank, found;
} diag_order;

static int diag_order_cmp(const void *a, const void *b)
{
    const diag_order *x = a, *y = b;
    if (x->file_rank != y->file_rank)
        return x->file_rank < y->file_rank ? -1 : 1;
    if (x->d->line != y->d->line)
        return x->d->line < y->d->line ? -1 : 1;
    if (x->d->column != y->d->column)
        return x->d->column < y->d->column ? -1 : 1;
    return x->found < y->found ? -1 : x->found > y->found;
}

static void diag_print_one(const diag *d, FILE *out)
{
    fputs(d->file, out);
    if (d->line > 0)
        fprintf(out, ":%d", d->line);
    if (d->column > 0)
        fprintf(out, ":%d", d->column);
    fputs(": ", out);
    if (d->path[0])
        fprintf(out, "%s: ", d->path);
    if (d->severity == DIAG_WARNING)
        fputs("warning: ", out);
    fprintf(out, "%s\n", d->message);
}

void diag_print(const diag_list *list, FILE *out)
{
    diag_order *order = xcalloc(list->count, sizeof *order);
    /* A file's rank is the index of its first problem; the search runs over the few
     * distinct files (a scenario, its parents, a CSV, "--set"), not over all problems. */
    const char **files = xcalloc(list->count, sizeof *files);
    size_t *ranks = xcalloc(list->count, sizeof *ranks);
    size_t n_files = 0;
    for (size_t i = 0; i < list->count; i++) {
        const diag *d = &list->items[i];
        size_t f = 0;
        while (f < n_files && strcmp(files[f], d->file) != 0)
            f++;
        if (f == n_files) {
            files[n_files] = d->file;
            ranks[n_files++] = i;
        }
        order[i] = (diag_order){ d, ranks[f], i };
    }
    free(files);
    free(ranks);
    qsort(order, list->count, sizeof *order, diag_order_cmp);
    for (size_t i = 0; i < list->count; i++)
        diag_print_one(order[i].d, out);
    free(order);
}

bool diag_list_has(const diag_list *list, const diag *d)
{
    for (size_t i = 0; i < list->count; i++) {
        const diag *b = &list->items[i];
        if (b->severity == d->severity && b->line == d->line && b->column == d->column &&
            strcmp(b->file, d->file) == 0 && strcmp(b->path, d->path) == 0 &&
            strcmp(b->message, d->message) == 0)
            return true;
    }
    return false;
}

void diag_list_clear(diag_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].file);
        free(list->items[i].path);
        free(list->items[i].message);
    }
    free(list->items);
    list->items = NULL;
    list->count = list->capacity = 0;
}
