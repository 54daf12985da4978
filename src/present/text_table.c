/* text_table — columns aligned by their width in characters, not bytes (UTF-8). */
#include "text_table.h"
#include "alloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The cells' texts one after another in one buffer, each found by its offset: a
 * million-row `tkk show` then costs no allocation per cell (issue 13). */
struct text_table {
    size_t columns;
    size_t *cells;       /* rows × columns offsets into text */
    size_t rows, capacity;
    char *text;
    size_t text_used, text_capacity;
    char *alignment;     /* 'l' or 'r' per column */
};

static const char *cell_text(const text_table *t, size_t r, size_t c)
{
    return t->text + t->cells[r * t->columns + c];
}

text_table *text_table_new(size_t columns)
{
    text_table *t = xcalloc(1, sizeof *t);
    t->columns = columns;
    t->alignment = xmalloc(columns + 1);
    for (size_t c = 0; c < columns; c++)
        t->alignment[c] = c == 0 ? 'l' : 'r';
    t->alignment[columns] = '\0';
    return t;
}

void text_table_align(text_table *t, const char *alignment)
{
    for (size_t c = 0; c < t->columns && alignment[c]; c++)
        t->alignment[c] = alignment[c];
}

void text_table_add(text_table *t, const char *const *cells)
{
    if (t->rows == t->capacity) {
        t->capacity = t->capacity ? t->capacity * 2 : 16;
        t->cells = xreallocarray(t->cells, t->capacity * t->columns, sizeof *t->cells);
    }
    for (size_t c = 0; c < t->columns; c++) {
        const char *cell = cells[c] ? cells[c] : "";
        size_t length = strlen(cell) + 1;
        if (t->text_capacity - t->text_used < length) {
            while (t->text_capacity - t->text_used < length)
                t->text_capacity = t->text_capacity ? t->text_capacity * 2 : 4096;
            t->text = xrealloc(t->text, t->text_capacity);
        }
        memcpy(t->text + t->text_used, cell, length);
        t->cells[t->rows * t->columns + c] = t->text_used;
        t->text_used += length;
    }
    t->rows++;
}

void text_table_row(text_table *t, ...)
{
    const char **cells = xcalloc(t->columns, sizeof *cells);
    va_list ap;
    va_start(ap, t);
    for (size_t c = 0; c < t->columns; c++)
        cells[c] = va_arg(ap, const char *);
    va_end(ap);
    text_table_add(t, cells);
    free(cells);
}

/* Characters, counting each UTF-8 sequence once. */
static size_t text_width(const char *s)
{
    size_t width = 0;
    for (; *s; s++)
        width += ((unsigned char)*s & 0xC0) != 0x80;
    return width;
}

void text_table_print(const text_table *t, FILE *out)
{
    size_t *widths = xcalloc(t->columns, sizeof *widths);
    for (size_t r = 0; r < t->rows; r++)
        for (size_t c = 0; c < t->columns; c++) {
            size_t w = text_width(cell_text(t, r, c));
            if (w > widths[c])
                widths[c] = w;
        }
    for (size_t r = 0; r < t->rows; r++) {
        /* Empty cells at the end of a row print nothing: no trailing blanks. */
        size_t used = t->columns;
        while (used > 0 && cell_text(t, r, used - 1)[0] == '\0')
            used--;
        for (size_t c = 0; c < used; c++) {
            const char *cell = cell_text(t, r, c);
            size_t pad = widths[c] - text_width(cell);
            if (c)
                fputs("  ", out);
            if (t->alignment[c] == 'r')
                fprintf(out, "%*s%s", (int)pad, "", cell);
            else if (c + 1 < used)
                fprintf(out, "%s%*s", cell, (int)pad, "");
            else
                fputs(cell, out);
        }
        fputc('\n', out);
        if (r == 0) {
            size_t total = 0;
            for (size_t c = 0; c < t->columns; c++)
                total += widths[c] + (c ? 2 : 0);
            for (size_t i = 0; i < total; i++)
                fputc('-', out);
            fputc('\n', out);
        }
    }
    free(widths);
}

void text_table_free(text_table *t)
{
    if (!t)
        return;
    free(t->cells);
    free(t->text);
    free(t->alignment);
    free(t);
}
