/*
 * bench_same_cells — the peer of `tkk run` that writes literally tkk's cells (issue 13):
 * it reads one worksheet of a workbook tkk wrote (by default its largest, the Bonus
 * sheet of a big round), keeps every cell — the same text, the same formula, the same
 * cached double, the same style number — and then, timed, writes them again with raw
 * libxlsxwriter in constant_memory mode. tkk run ÷ this is what tkk adds to writing
 * those cells: reading and checking the inputs, the exact arithmetic, the other
 * sheets, the read-back.
 *
 *     ./build/bench/bench_same_cells TKK.xlsx OUT.xlsx [xl/worksheets/sheetN.xml]
 *     → "SECONDS CPU_SECONDS PART same|different" on stdout
 *
 * Only the timed part is the peer: from workbook_new to the end of workbook_close.
 * Reading tkk's workbook (unzip -p) and parsing its XML come before and are not timed,
 * and the parse's buffers are freed before it: while it writes, the peer holds its
 * cells (32 bytes each and their texts, some 0,8 GB at 10⁶ projects; tkk holds 0,64 GB).
 * On this virtual machine memory held matters to the timing: an earlier version that
 * kept its 3 GB of parse buffers wrote the same cells 10 % slower, the kernel copying
 * into fresh page cache more slowly. Afterwards the <sheetData> of the written part is
 * compared with tkk's ("same": the same length and CRC-32, so the two wrote the same
 * cells; libxlsxwriter's formats are created so that each gets the style number it had
 * in tkk's workbook). What the peer leaves out
 * is the sheet's frame: column widths, merged cells, the autofilter, the chart and the
 * print setup, a few dozen calls.
 *
 * bench_raw_xlsx, the earlier peer, writes the round's cells from the CSV with made-up
 * numbers: shorter numbers that compress better (at 10⁶ projects its sheet is 4,5 %
 * smaller as XML and 8 % smaller compressed), so it understated the peer's time.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>
#include <zlib.h>

#include "raw_rows.h"

enum { KIND_NUMBER, KIND_STRING, KIND_FORMULA_NUMBER, KIND_FORMULA_STRING, KIND_BLANK,
       KIND_BOOLEAN };

/* 32 bytes a cell, its texts in one arena: the peer holds about what tkk holds (some
 * 0,8 GB at 10⁶ projects, tkk 0,64 GB), not the 3 GB of its parsing, which it frees
 * before the timed part. */
typedef struct {
    double value;
    uint32_t row;
    uint32_t text;         /* string, cached formula string: offset in the arena */
    uint32_t formula;      /* offset in the arena */
    uint16_t col;
    uint16_t style;
    uint8_t kind;
} cell;

typedef struct {
    uint32_t row;
    double height;         /* > 0: the row's custom height */
} row_height;

typedef struct {
    cell *cells;
    size_t n, cap;
    row_height *heights;
    size_t n_heights, cap_heights;
    unsigned max_style;
    char *arena;           /* every text, NUL-terminated; offset 0 is "" */
    size_t arena_length, arena_cap;
} sheet;

static void *grow(void *p, size_t *cap, size_t size);

/* The text's offset in the arena (copied there). */
static uint32_t keep_text(sheet *sh, const char *text)
{
    if (!text || !*text)
        return 0;
    size_t n = strlen(text) + 1;
    while (sh->arena_length + n > sh->arena_cap)
        sh->arena = grow(sh->arena, &sh->arena_cap, 1);
    memcpy(sh->arena + sh->arena_length, text, n);
    uint32_t at = (uint32_t)sh->arena_length;
    sh->arena_length += n;
    return at;
}

static void *grow(void *p, size_t *cap, size_t size)
{
    *cap = *cap ? 2 * *cap : 1024;
    p = realloc(p, *cap * size);
    if (!p) {
        fputs("bench_same_cells: out of memory\n", stderr);
        exit(3);
    }
    return p;
}

/* The whole output of a command. */
static char *read_command(const char *command, size_t *length)
{
    FILE *pipe = popen(command, "r");
    if (!pipe)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n - 1, pipe)) > 0;) {
        n += got;
        if (cap - n - 1 == 0) {
            cap *= 2;
            char *bigger = realloc(buf, cap);
            if (!bigger) {
                free(buf);
                buf = NULL;
            }
            buf = bigger;
        }
    }
    if (pclose(pipe) != 0 || !buf) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *length = n;
    return buf;
}

/* Undoes XML escaping in place in [s, end) and ends the text there. */
static char *unescape(char *s, char *end)
{
    char *out = s;
    for (char *p = s; p < end;) {
        if (*p != '&') {
            *out++ = *p++;
            continue;
        }
        char *semi = memchr(p, ';', (size_t)(end - p));
        if (!semi)
            break;
        size_t n = (size_t)(semi - p);
        if (n == 4 && memcmp(p, "&amp", 4) == 0)
            *out++ = '&';
        else if (n == 3 && memcmp(p, "&lt", 3) == 0)
            *out++ = '<';
        else if (n == 3 && memcmp(p, "&gt", 3) == 0)
            *out++ = '>';
        else if (n == 5 && memcmp(p, "&quot", 5) == 0)
            *out++ = '"';
        else if (n == 5 && memcmp(p, "&apos", 5) == 0)
            *out++ = '\'';
        else if (p[1] == '#') {
            unsigned long c = p[2] == 'x' ? strtoul(p + 3, NULL, 16) : strtoul(p + 2, NULL, 10);
            if (c < 0x80) {
                *out++ = (char)c;
            } else if (c < 0x800) {
                *out++ = (char)(0xC0 | c >> 6);
                *out++ = (char)(0x80 | (c & 0x3F));
            } else if (c < 0x10000) {
                *out++ = (char)(0xE0 | c >> 12);
                *out++ = (char)(0x80 | (c >> 6 & 0x3F));
                *out++ = (char)(0x80 | (c & 0x3F));
            } else {
                *out++ = (char)(0xF0 | c >> 18);
                *out++ = (char)(0x80 | (c >> 12 & 0x3F));
                *out++ = (char)(0x80 | (c >> 6 & 0x3F));
                *out++ = (char)(0x80 | (c & 0x3F));
            }
        }
        p = semi + 1;
    }
    *out = '\0';
    return s;
}

/* The value of attribute name in the tag [tag, end), or NULL; *length its length. */
static char *attribute(char *tag, char *end, const char *name, size_t *length)
{
    size_t k = strlen(name);
    for (char *p = tag; p + k + 2 < end; p++) {
        if (p[-1] == ' ' && memcmp(p, name, k) == 0 && p[k] == '=' && p[k + 1] == '"') {
            char *v = p + k + 2;
            char *q = memchr(v, '"', (size_t)(end - v));
            if (!q)
                return NULL;
            *length = (size_t)(q - v);
            return v;
        }
    }
    return NULL;
}

/* The text between <name ...> and </name> inside [from, end), unescaped, or NULL. */
static char *element_text(char *from, char *end, const char *name)
{
    char open[16], close[16];
    snprintf(open, sizeof open, "<%s", name);
    snprintf(close, sizeof close, "</%s>", name);
    char *p = from;
    size_t k = strlen(open);
    for (;;) {
        p = memmem(p, (size_t)(end - p), open, k);
        if (!p)
            return NULL;
        if (p[k] == '>' || p[k] == ' ')
            break;
        p += k;
    }
    char *gt = memchr(p, '>', (size_t)(end - p));
    if (!gt)
        return NULL;
    if (gt[-1] == '/')
        return unescape(gt, gt);   /* <t/>: empty */
    char *text = gt + 1;
    char *stop = memmem(text, (size_t)(end - text), close, strlen(close));
    if (!stop)
        return NULL;
    return unescape(text, stop);
}

/* Parses the part's <sheetData>; *crc and *data_length describe its bytes, for the
 * comparison afterwards. */
static void parse_sheet(char *xml, size_t length, sheet *out, unsigned long *crc,
                        size_t *data_length)
{
    (void)length;
    char *p = strstr(xml, "<sheetData");
    char *stop = p ? strstr(p, "</sheetData>") : NULL;
    if (!p || !stop) {
        fputs("bench_same_cells: no <sheetData> in the part\n", stderr);
        exit(1);
    }
    *data_length = (size_t)(stop + strlen("</sheetData>") - p);
    *crc = crc32(crc32(0L, Z_NULL, 0), (const unsigned char *)p, (uInt)*data_length);
    char *end = p + *data_length;
    *end = '\0';   /* the parse may now change the text in place */
    out->arena = grow(NULL, &out->arena_cap, 1);
    out->arena[0] = '\0';
    out->arena_length = 1;
    uint32_t row = 0;
    while ((p = strchr(p, '<')) && p < end) {
        if (strncmp(p, "<row ", 5) == 0) {
            char *gt = strchr(p, '>');
            size_t n;
            char *r = attribute(p, gt, "r", &n);
            row = r ? (uint32_t)strtoul(r, NULL, 10) - 1 : row;
            char *custom = attribute(p, gt, "customHeight", &n);
            char *ht = attribute(p, gt, "ht", &n);
            if (custom && ht) {
                if (out->n_heights == out->cap_heights)
                    out->heights = grow(out->heights, &out->cap_heights, sizeof *out->heights);
                out->heights[out->n_heights++] = (row_height){row, strtod(ht, NULL)};
            }
            p = gt + 1;
            continue;
        }
        if (strncmp(p, "<c ", 3) != 0) {
            p++;
            continue;
        }
        char *gt = strchr(p, '>');
        size_t n = 0;
        char *ref = attribute(p, gt, "r", &n);
        uint16_t col = 0;
        for (size_t i = 0; ref && i < n && ref[i] >= 'A' && ref[i] <= 'Z'; i++)
            col = (uint16_t)(col * 26 + (ref[i] - 'A' + 1));
        col--;
        char *s = attribute(p, gt, "s", &n);
        char *t = attribute(p, gt, "t", &n);
        size_t t_length = n;
        cell c = {.row = row, .col = col, .style = s ? (uint16_t)strtoul(s, NULL, 10) : 0};
        if (c.style > out->max_style)
            out->max_style = c.style;
        if (gt[-1] == '/') {
            c.kind = KIND_BLANK;
            p = gt + 1;
        } else {
            char *close = strstr(gt, "</c>");
            char *formula = element_text(gt, close, "f");
            bool is_string = t && t_length == 9 && memcmp(t, "inlineStr", 9) == 0;
            bool is_str = t && t_length == 3 && memcmp(t, "str", 3) == 0;
            bool is_bool = t && t_length == 1 && *t == 'b';
            char *value = is_string ? element_text(gt, close, "t") : element_text(gt, close, "v");
            if (formula) {
                c.formula = keep_text(out, formula);
                c.kind = is_str ? KIND_FORMULA_STRING : KIND_FORMULA_NUMBER;
                if (is_str)
                    c.text = keep_text(out, value);
                else
                    c.value = value ? strtod(value, NULL) : 0;
            } else if (is_string) {
                c.kind = KIND_STRING;
                c.text = keep_text(out, value);
            } else {
                c.kind = is_bool ? KIND_BOOLEAN : KIND_NUMBER;
                c.value = value ? strtod(value, NULL) : 0;
            }
            p = close + 4;
        }
        if (out->n == out->cap)
            out->cells = grow(out->cells, &out->cap, sizeof *out->cells);
        out->cells[out->n++] = c;
    }
}

/* Writes the cells; the timed part. */
static int write_cells(const sheet *sh, const char *path)
{
    lxw_workbook_options options = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(path, &options);
    if (!wb)
        return -1;
    /* One format per style number, each made distinct and given its index in order,
     * so a cell gets the s="" it had in tkk's workbook. */
    lxw_format **formats = calloc((size_t)sh->max_style + 1, sizeof *formats);
    for (unsigned s = 1; s <= sh->max_style; s++) {
        formats[s] = workbook_add_format(wb);
        format_set_num_format_index(formats[s], (uint8_t)(s % 50));
        format_set_indent(formats[s], (uint8_t)(s / 50 + 1));
        lxw_format_get_xf_index(formats[s]);
    }
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Bonus");
    size_t h = 0;
    for (size_t i = 0; i < sh->n; i++) {
        const cell *c = &sh->cells[i];
        while (h < sh->n_heights && sh->heights[h].row <= c->row) {
            worksheet_set_row(ws, sh->heights[h].row, sh->heights[h].height, NULL);
            h++;
        }
        lxw_format *f = formats[c->style];
        switch (c->kind) {
        case KIND_NUMBER:
            worksheet_write_number(ws, c->row, c->col, c->value, f);
            break;
        case KIND_STRING:
            worksheet_write_string(ws, c->row, c->col, sh->arena + c->text, f);
            break;
        case KIND_FORMULA_NUMBER:
            worksheet_write_formula_num(ws, c->row, c->col, sh->arena + c->formula, f, c->value);
            break;
        case KIND_FORMULA_STRING:
            worksheet_write_formula_str(ws, c->row, c->col, sh->arena + c->formula, f,
                                        sh->arena + c->text);
            break;
        case KIND_BLANK:
            worksheet_write_blank(ws, c->row, c->col, f);
            break;
        case KIND_BOOLEAN:
            worksheet_write_boolean(ws, c->row, c->col, c->value != 0, f);
            break;
        }
    }
    int rc = workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
    free(formats);
    return rc;
}

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The largest worksheet part of the workbook at path (unzip -l). */
static int largest_sheet(const char *path, char *part, size_t size)
{
    char command[1200];
    snprintf(command, sizeof command,
             "unzip -l '%s' 'xl/worksheets/sheet*.xml' | sort -n | tail -n 3 | "
             "awk '$4 ~ /^xl/ { p = $4 } END { print p }'", path);
    size_t n = 0;
    char *out = read_command(command, &n);
    if (!out || n == 0 || n >= size) {
        free(out);
        return -1;
    }
    out[strcspn(out, "\n")] = '\0';
    snprintf(part, size, "%s", out);
    free(out);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: bench_same_cells TKK.xlsx OUT.xlsx [PART]\n", stderr);
        return 2;
    }
    char part[512];
    if (argc > 3)
        snprintf(part, sizeof part, "%s", argv[3]);
    else if (largest_sheet(argv[1], part, sizeof part) != 0) {
        fprintf(stderr, "bench_same_cells: no worksheet in %s\n", argv[1]);
        return 1;
    }
    char command[1200];
    snprintf(command, sizeof command, "unzip -p '%s' '%s'", argv[1], part);
    size_t length = 0;
    char *xml = read_command(command, &length);
    if (!xml) {
        fprintf(stderr, "bench_same_cells: cannot read %s from %s\n", part, argv[1]);
        return 1;
    }
    sheet sh = {0};
    unsigned long crc;
    size_t data_length;
    parse_sheet(xml, length, &sh, &crc, &data_length);
    free(xml);
    cell *fitted = realloc(sh.cells, sh.n * sizeof *sh.cells);
    sh.cells = fitted ? fitted : sh.cells;

    double wall = seconds(), cpu = cpu_seconds();
    if (write_cells(&sh, argv[2]) != 0) {
        fputs("bench_same_cells: libxlsxwriter failed\n", stderr);
        return 3;
    }
    wall = seconds() - wall;
    cpu = cpu_seconds() - cpu;

    /* Like for like: the written part's <sheetData> against tkk's. */
    snprintf(command, sizeof command, "unzip -p '%s' xl/worksheets/sheet1.xml", argv[2]);
    size_t written_length = 0;
    char *written = read_command(command, &written_length);
    char *w = written ? strstr(written, "<sheetData") : NULL;
    bool same = w && written_length - (size_t)(w - written) >= data_length &&
                crc32(crc32(0L, Z_NULL, 0), (const unsigned char *)w, (uInt)data_length) == crc &&
                strncmp(w + data_length - strlen("</sheetData>"), "</sheetData>",
                        strlen("</sheetData>")) == 0;
    printf("%.3f %.3f %s %s\n", wall, cpu, part, same ? "same" : "different");
    free(written);
    free(sh.cells);
    free(sh.heights);
    free(sh.arena);
    return 0;
}
