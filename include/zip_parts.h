/*
 * zip_parts — what the two read-backs of a finished zip share (zip_check.c reads the
 * file after it is written, zip_follow.c while it is written): little-endian fields,
 * exact reads at an offset, and the test that an XML part is whole.
 */
#ifndef TKK_ZIP_PARTS_H
#define TKK_ZIP_PARTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <zlib.h>

enum { ZIP_LOCAL_SIZE = 30, ZIP_CHUNK = 64 * 1024 };

#define ZIP_SIG_LOCAL 0x04034b50u
#define ZIP_SIG_CENTRAL 0x02014b50u

static inline uint16_t zip_le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t zip_le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Reads exactly n bytes at offset: 0, or -1 with errno (0 when the file is shorter). */
int zip_read_at(int fd, void *buf, size_t n, off_t offset);

/* The first and the last bytes of a part, to see that an XML part is whole. */
typedef struct {
    char head[256];
    size_t head_length;
    char tail[256];
    size_t tail_length;
} zip_part_ends;

void zip_part_ends_add(zip_part_ends *ends, const unsigned char *data, size_t n);

/* Reading one part's data as both read-backs do: what it inflates to (or, stored, is),
 * counted as CRC-32, size and first and last bytes.
 *
 *     zip_part_reader r;
 *     if (zip_part_reader_init(&r) != 0) ...        // zlib could not start
 *     zip_part_reader_start(&r);                     // for each part
 *     while (!r.ended && more input)
 *         if (zip_part_reader_inflate(&r, in, n, &used) != 0) ... // r.z.msg
 *     zip_part_reader_clear(&r);
 */
typedef struct {
    z_stream z;
    unsigned char *out;         /* ZIP_CHUNK bytes */
    unsigned long crc;
    uint64_t size;
    zip_part_ends ends;
    bool ended;                 /* the deflate stream's end was reached */
} zip_part_reader;

/* 0, or -1 when memory or zlib fails (nothing to clear then). */
int zip_part_reader_init(zip_part_reader *r);
void zip_part_reader_clear(zip_part_reader *r);
/* Ready for the next part. */
void zip_part_reader_start(zip_part_reader *r);
/* Counts n bytes of a stored part. */
void zip_part_reader_take(zip_part_reader *r, const unsigned char *data, size_t n);
/* Inflates in[0..n) until it is used up or the stream ends; *used is how much was
 * read. 0, or -1 when the data is corrupt. */
int zip_part_reader_inflate(zip_part_reader *r, const unsigned char *in, size_t n,
                            size_t *used);

/* True when a part of this name is XML (.xml, .rels) whose first and last bytes these
 * are and it ends with the end tag of its root element, or when it is not XML.
 * libxlsxwriter writes each part to a temporary file without checking the writes, so
 * a full disk shows as a part cut short (or empty) inside an otherwise valid zip. */
bool zip_part_whole(const char *name, const zip_part_ends *ends);

/* The XML test alone. */
bool xml_part_whole(const char *head, size_t head_length, const char *tail,
                    size_t tail_length);

#endif
