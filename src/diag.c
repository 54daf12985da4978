/* diag — user-input problems, collected and printed like a compiler's. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static char *dup_or_empty(const char *s)
{
    return strdup(s ? s : "");
}

void diag_vadd(diag_list *list, diag_severity severity, const char *file, int line, int column,
               const char *path, const char *fmt, va_list ap)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 16;
        diag *items = realloc(list->items, capacity * sizeof *items);
        if (!items)
            abort();  /* out of memory while reporting: nothing sensible is left to do */
        list->items = items;
        list->capacity = capacity;
    }
    char *message = NULL;
    if (vasprintf(&message, fmt, ap) < 0)
        abort();
    diag *d = &list->items[list->count++];
    d->severity = severity;
    d->file = dup_or_empty(file);
    d->line = line;
    d->column = column;
    d->path = dup_or_empty(path);
    d->message = message;
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

size_t diag_error_count(const diag_list *list)
{
    size_t errors = 0;
    for (size_t i = 0; i < list->count; i++)
        errors += list->items[i].severity == DIAG_ERROR;
    return errors;
}

void diag_print(const diag_list *list, FILE *out)
{
    for (size_t i = 0; i < list->count; i++) {
        const diag *d = &list->items[i];
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
}

void diag_list_free(diag_list *list)
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
