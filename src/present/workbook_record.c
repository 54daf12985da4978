/* workbook_record — a workbook's cells kept as exact values for `tkk export` (SPEC §7.3). */
#include "workbook_record.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

typedef struct {
    const void *sheet;
    unsigned row, col;
    size_t seq;              /* write order: the last write of a cell wins */
    wb_rec_cell cell;
} rec_entry;

typedef struct {
    char *name;
    const void *sheet;
    unsigned row, col;
} rec_name;

struct wb_recorder {
    rec_entry *cells;
    size_t n_cells, cap_cells;
    bool sorted;
    wb_rec_table *tables;
    size_t n_tables;
    rec_name *names;
    size_t n_names;
};

wb_recorder *wb_recorder_new(void)
{
    return xcalloc(1, sizeof(wb_recorder));
}

void wb_recorder_free(wb_recorder *rec)
{
    if (!rec)
        return;
    for (size_t i = 0; i < rec->n_cells; i++) {
        mpq_clear(rec->cells[i].cell.value);
        free(rec->cells[i].cell.text);
    }
    free(rec->cells);
    for (size_t i = 0; i < rec->n_tables; i++) {
        free(rec->tables[i].name);
        for (size_t h = 0; h < rec->tables[i].n_headers; h++)
            free(rec->tables[i].headers[h]);
        free(rec->tables[i].headers);
    }
    free(rec->tables);
    for (size_t i = 0; i < rec->n_names; i++)
        free(rec->names[i].name);
    free(rec->names);
    free(rec);
}

static wb_rec_cell *new_cell(wb_recorder *rec, const void *sheet, unsigned row, unsigned col,
                             wb_rec_kind kind)
{
    if (rec->n_cells == rec->cap_cells) {
        rec->cap_cells = rec->cap_cells ? 2 * rec->cap_cells : 1024;
        rec->cells = xrealloc(rec->cells, rec->cap_cells * sizeof *rec->cells);
    }
    rec_entry *e = &rec->cells[rec->n_cells];
    *e = (rec_entry){ .sheet = sheet, .row = row, .col = col, .seq = rec->n_cells };
    rec->n_cells++;
    rec->sorted = false;
    e->cell.kind = kind;
    mpq_init(e->cell.value);
    return &e->cell;
}

void wb_recorder_number(wb_recorder *rec, const void *sheet, unsigned row, unsigned col,
                        wb_rec_kind kind, const mpq_t value)
{
    mpq_set(new_cell(rec, sheet, row, col, kind)->value, value);
}

void wb_recorder_text(wb_recorder *rec, const void *sheet, unsigned row, unsigned col,
                      const char *text)
{
    new_cell(rec, sheet, row, col, WB_REC_TEXT)->text = xstrdup(text ? text : "");
}

void wb_recorder_month(wb_recorder *rec, const void *sheet, unsigned row, unsigned col,
                       month_t month)
{
    new_cell(rec, sheet, row, col, WB_REC_MONTH)->month = month;
}

void wb_recorder_add_table(wb_recorder *rec, const void *sheet, const char *name,
                           unsigned first_row, unsigned first_col, unsigned last_row,
                           const char *const *headers, size_t n_headers, bool totals)
{
    rec->tables = xrealloc(rec->tables, (rec->n_tables + 1) * sizeof *rec->tables);
    wb_rec_table *t = &rec->tables[rec->n_tables++];
    *t = (wb_rec_table){ .sheet = sheet, .name = xstrdup(name ? name : ""), .first_row = first_row,
                         .first_col = first_col, .last_row = last_row, .totals = totals,
                         .n_headers = n_headers };
    t->headers = xrealloc(NULL, (n_headers + 1) * sizeof *t->headers);
    for (size_t h = 0; h < n_headers; h++)
        t->headers[h] = xstrdup(headers[h]);
}

void wb_recorder_name(wb_recorder *rec, const char *name, const void *sheet, unsigned row,
                      unsigned col)
{
    rec->names = xrealloc(rec->names, (rec->n_names + 1) * sizeof *rec->names);
    rec->names[rec->n_names++] = (rec_name){ xstrdup(name ? name : ""), sheet, row, col };
}

size_t wb_recorder_n_tables(const wb_recorder *rec)
{
    return rec->n_tables;
}

const wb_rec_table *wb_recorder_table(const wb_recorder *rec, size_t i)
{
    return &rec->tables[i];
}

size_t wb_recorder_n_names(const wb_recorder *rec)
{
    return rec->n_names;
}

static int entry_cmp(const void *a, const void *b)
{
    const rec_entry *x = a, *y = b;
    if (x->sheet != y->sheet)
        return (uintptr_t)x->sheet < (uintptr_t)y->sheet ? -1 : 1;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

const wb_rec_cell *wb_recorder_cell(wb_recorder *rec, const void *sheet, unsigned row,
                                    unsigned col)
{
    if (!rec->sorted) {
        qsort(rec->cells, rec->n_cells, sizeof *rec->cells, entry_cmp);
        rec->sorted = true;
    }
    /* The last entry of (sheet, row, col): the greatest seq sorts last. */
    size_t lo = 0, hi = rec->n_cells;
    rec_entry key = { .sheet = sheet, .row = row, .col = col, .seq = (size_t)-1 };
    while (lo < hi) {   /* first entry greater than key */
        size_t mid = lo + (hi - lo) / 2;
        if (entry_cmp(&rec->cells[mid], &key) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const rec_entry *e = &rec->cells[lo - 1];
    return e->sheet == sheet && e->row == row && e->col == col ? &e->cell : NULL;
}

const char *wb_recorder_name_at(wb_recorder *rec, size_t i, const wb_rec_cell **cell)
{
    *cell = wb_recorder_cell(rec, rec->names[i].sheet, rec->names[i].row, rec->names[i].col);
    return rec->names[i].name;
}
