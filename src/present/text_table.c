/* text_table — columns aligned by their width in characters, not bytes (UTF-8). */
#include "text_table.h"
#include "alloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The cells' texts NUL-terminated one after another, a row never split, in blocks that
 * are never moved: a million-row `tkk show` costs no allocation per cell or row and no
 * copying as the table grows (issue 13). */
typedef struct text_block {
    struct text_block *next;
    size_t used, capacity;
    char text[];
} text_block;

/* The first block holds a small table; a large one continues in blocks big enough for
 * huge pages (big_alloc.h: xmalloc advises blocks of 4 MiB and more). */
#define TEXT_BLOCK_BYTES ((size_t)1 << 20)
#define TEXT_BIG_BLOCK_BYTES ((size_t)8 << 20)

struct text_table {
    size_t columns;
    const char **rows;   /* each row's first cell; its other cells follow it */
    size_t n_rows, capacity;
    text_block *blocks, *last;
    size_t *widths;      /* widest cell of each column so far, in characters */
    char *alignment;     /* 'l' or 'r' per column */
};

text_table *text_table_new(size_t columns)
{
    text_table *t = xcalloc(1, sizeof *t);
    t->columns = columns;
    t->widths = xcalloc(columns ? columns : 1, sizeof *t->widths);
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

/* Characters, counting each UTF-8 sequence once. */
static size_t text_width(const char *s)
{
    size_t width = 0;
    for (; *s; s++)
        width += ((unsigned char)*s & 0xC0) != 0x80;
    return width;
}

/* Room for bytes more in the last block, starting a new block when needed. */
static char *text_room(text_table *t, size_t bytes)
{
    if (t->last == NULL || t->last->capacity - t->last->used < bytes) {
        size_t block = t->last == NULL ? TEXT_BLOCK_BYTES : TEXT_BIG_BLOCK_BYTES;
        size_t capacity = bytes > block ? bytes : block;
        text_block *b = xmalloc(sizeof *b + capacity);
        b->next = NULL;
        b->used = 0;
        b->capacity = capacity;
        if (t->last != NULL)
            t->last->next = b;
        else
            t->blocks = b;
        t->last = b;
    }
    return t->last->text + t->last->used;
}

void text_table_add(text_table *t, const char *const *cells)
{
    if (t->n_rows == t->capacity) {
        t->capacity = t->capacity ? t->capacity * 2 : 16;
        t->rows = xreallocarray(t->rows, t->capacity, sizeof *t->rows);
    }
    size_t bytes = 0;
    for (size_t c = 0; c < t->columns; c++)
        bytes += strlen(cells[c] ? cells[c] : "") + 1;
    char *row = text_room(t, bytes ? bytes : 1);
    char *at = row;
    for (size_t c = 0; c < t->columns; c++) {
        const char *cell = cells[c] ? cells[c] : "";
        size_t length = strlen(cell) + 1;
        memcpy(at, cell, length);
        size_t w = text_width(cell);
        if (w > t->widths[c])
            t->widths[c] = w;
        at += length;
    }
    t->last->used += bytes;
    t->rows[t->n_rows++] = row;
}

void text_table_row(text_table *t, ...)
{
    const char *few[16] = { 0 };
    const char **cells = t->columns <= 16 ? few : xcalloc(t->columns, sizeof *cells);
    va_list ap;
    va_start(ap, t);
    for (size_t c = 0; c < t->columns; c++)
        cells[c] = va_arg(ap, const char *);
    va_end(ap);
    text_table_add(t, cells);
    if (cells != few)
        free(cells);
}

/* count blanks, without a printf per cell. */
static void pad_blanks(size_t count, FILE *out)
{
    static const char blanks[] = "                                ";   /* 32 */
    const size_t most = sizeof blanks - 1;
    while (count > 0) {
        size_t chunk = count < most ? count : most;
        fwrite(blanks, 1, chunk, out);
        count -= chunk;
    }
}

void text_table_print(const text_table *t, FILE *out)
{
    const char **cells = xcalloc(t->columns ? t->columns : 1, sizeof *cells);
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *at = t->rows[r];
        for (size_t c = 0; c < t->columns; c++) {
            cells[c] = at;
            at += strlen(at) + 1;
        }
        /* Empty cells at the end of a row print nothing: no trailing blanks. */
        size_t used = t->columns;
        while (used > 0 && cells[used - 1][0] == '\0')
            used--;
        for (size_t c = 0; c < used; c++) {
            const char *cell = cells[c];
            size_t pad = t->widths[c] - text_width(cell);
            if (c)
                fputs("  ", out);
            if (t->alignment[c] == 'r') {
                pad_blanks(pad, out);
                fputs(cell, out);
            } else {
                fputs(cell, out);
                if (c + 1 < used)
                    pad_blanks(pad, out);
            }
        }
        fputc('\n', out);
        if (r == 0) {
            size_t total = 0;
            for (size_t c = 0; c < t->columns; c++)
                total += t->widths[c] + (c ? 2 : 0);
            for (size_t i = 0; i < total; i++)
                fputc('-', out);
            fputc('\n', out);
        }
    }
    free(cells);
}

void text_table_free(text_table *t)
{
    if (!t)
        return;
    for (text_block *b = t->blocks, *next; b != NULL; b = next) {
        next = b->next;
        free(b);
    }
    free(t->rows);
    free(t->widths);
    free(t->alignment);
    free(t);
}
