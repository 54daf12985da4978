/*
 * zip_check — read-back of a finished zip (PKWARE APPNOTE 6.3: 4.3.6 local header,
 * 4.3.12 central directory header, 4.3.16 end of central directory record).
 */
#include "zip_check.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "alloc.h"
#include "common.h"

enum {
    EOCD_SIZE = 22,              /* the record without its comment */
    EOCD_MAX_COMMENT = 65535,
    CENTRAL_SIZE = 46,
    LOCAL_SIZE = 30,
    CHUNK = 64 * 1024,
};

#define SIG_LOCAL 0x04034b50u
#define SIG_CENTRAL 0x02014b50u
#define SIG_EOCD 0x06054b50u

static uint16_t le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int fail(char *why, size_t why_size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *why, size_t why_size, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    vsnprintf(why, why_size, fmt, args);
    va_end(args);
    return -1;
}

/* Reads exactly n bytes at offset; -1 with errno (0 at a short file). */
static int read_at(int fd, void *buf, size_t n, off_t offset)
{
    size_t done = 0;
    while (done < n) {
        ssize_t got = pread(fd, (char *)buf + done, n - done, offset + (off_t)done);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            if (got == 0)
                errno = 0;
            return -1;
        }
        done += (size_t)got;
    }
    return 0;
}

typedef struct {
    uint16_t flags, method;
    uint32_t crc, compressed, size, local_offset;
    char name[256];
} zip_entry;

/* The first and the last bytes of a part, to see that an XML part is whole. */
typedef struct {
    char head[256];
    size_t head_length;
    char tail[256];
    size_t tail_length;
} part_ends;

static void ends_add(part_ends *ends, const unsigned char *data, size_t n)
{
    size_t room = sizeof ends->head - ends->head_length;
    size_t take = n < room ? n : room;
    memcpy(ends->head + ends->head_length, data, take);
    ends->head_length += take;
    if (n >= sizeof ends->tail) {
        memcpy(ends->tail, data + n - sizeof ends->tail, sizeof ends->tail);
        ends->tail_length = sizeof ends->tail;
    } else {
        size_t keep = ends->tail_length + n > sizeof ends->tail ? sizeof ends->tail - n
                                                                 : ends->tail_length;
        memmove(ends->tail, ends->tail + ends->tail_length - keep, keep);
        memcpy(ends->tail + keep, data, n);
        ends->tail_length = keep + n;
    }
}

static bool ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n >= k && strcmp(name + n - k, suffix) == 0;
}

/* An XML part must end with the end tag of the element it starts with: libxlsxwriter
 * writes each part to a temporary file without checking the writes, so a full disk
 * shows as a part cut short (or empty) inside an otherwise valid zip. */
STATIC bool xml_part_whole(const char *head, size_t head_length, const char *tail,
                           size_t tail_length)
{
    /* Skip the declaration and comments: the root is the first "<" and a letter. */
    size_t i = 0;
    for (;;) {
        while (i < head_length && head[i] != '<')
            i++;
        if (i + 1 >= head_length)
            return false;
        char c = head[i + 1];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
            break;
        i++;
    }
    size_t start = i + 1, end = start;
    while (end < head_length && !strchr(" \t\r\n/>", head[end]))
        end++;
    if (end == head_length)
        return false;
    /* The start tag may run past the head (long namespace lists): then it is not
     * self-closing as far as can be told, and the end tag decides. */
    size_t gt = end;
    while (gt < head_length && head[gt] != '>')
        gt++;
    while (tail_length > 0 && strchr(" \t\r\n", tail[tail_length - 1]))
        tail_length--;
    /* <root .../>: the whole part is that one element. */
    if (gt < head_length && head[gt - 1] == '/')
        return tail_length >= 2 && tail[tail_length - 2] == '/' && tail[tail_length - 1] == '>';
    size_t name_length = end - start;
    if (tail_length < name_length + 3)
        return false;
    const char *close = tail + tail_length - (name_length + 3);
    return close[0] == '<' && close[1] == '/' &&
           memcmp(close + 2, head + start, name_length) == 0 && close[name_length + 2] == '>';
}

/* Inflates (or copies) the entry's data at [start, start + compressed) and compares
 * size and CRC-32 with the directory's. */
static int check_data(int fd, const zip_entry *e, off_t start, unsigned index, char *why,
                      size_t why_size)
{
    unsigned char *in = xmalloc(CHUNK), *out = xmalloc(CHUNK);
    z_stream z;
    memset(&z, 0, sizeof z);
    int rc = 0;
    if (e->method == 8 && inflateInit2(&z, -MAX_WBITS) != Z_OK) {
        free(in);
        free(out);
        return fail(why, why_size, "entry %u (%s): zlib cannot start", index, e->name);
    }
    part_ends ends = {.head_length = 0};
    uLong crc = crc32(0L, Z_NULL, 0);
    uint64_t produced = 0, consumed = 0;
    bool ended = e->method == 0;
    while (rc == 0 && consumed < e->compressed) {
        size_t n = e->compressed - consumed < CHUNK ? (size_t)(e->compressed - consumed) : CHUNK;
        if (read_at(fd, in, n, start + (off_t)consumed) != 0) {
            rc = fail(why, why_size, "entry %u (%s): %s", index, e->name,
                      errno ? strerror(errno) : "data cut short");
            break;
        }
        consumed += n;
        if (e->method == 0) {
            crc = crc32(crc, in, (uInt)n);
            ends_add(&ends, in, n);
            produced += n;
            continue;
        }
        z.next_in = in;
        z.avail_in = (uInt)n;
        while (rc == 0 && z.avail_in > 0 && !ended) {
            z.next_out = out;
            z.avail_out = CHUNK;
            int zrc = inflate(&z, Z_NO_FLUSH);
            if (zrc != Z_OK && zrc != Z_STREAM_END) {
                rc = fail(why, why_size, "entry %u (%s): the compressed data is corrupt (%s)",
                          index, e->name, z.msg ? z.msg : "zlib error");
                break;
            }
            size_t got = CHUNK - z.avail_out;
            crc = crc32(crc, out, (uInt)got);
            ends_add(&ends, out, got);
            produced += got;
            ended = zrc == Z_STREAM_END;
        }
        if (rc == 0 && ended && (z.avail_in > 0 || consumed < e->compressed))
            rc = fail(why, why_size, "entry %u (%s): data after the end of the stream", index,
                      e->name);
    }
    if (e->method == 8)
        inflateEnd(&z);
    free(in);
    free(out);
    if (rc != 0)
        return rc;
    if (!ended)
        return fail(why, why_size, "entry %u (%s): the compressed data ends too early", index,
                    e->name);
    if (produced != e->size)
        return fail(why, why_size, "entry %u (%s): %llu bytes, the directory says %lu", index,
                    e->name, (unsigned long long)produced, (unsigned long)e->size);
    if (crc != e->crc)
        return fail(why, why_size, "entry %u (%s): CRC-32 mismatch", index, e->name);
    if ((ends_with(e->name, ".xml") || ends_with(e->name, ".rels")) &&
        !xml_part_whole(ends.head, ends.head_length, ends.tail, ends.tail_length))
        return fail(why, why_size, "entry %u (%s): the XML part is cut short", index, e->name);
    return 0;
}

/* The local header at e->local_offset: signature, the same name, and where the data
 * starts; the data must end before the central directory. */
static int check_local(int fd, const zip_entry *e, uint64_t cd_offset, unsigned index,
                       char *why, size_t why_size)
{
    unsigned char h[LOCAL_SIZE];
    if ((uint64_t)e->local_offset + LOCAL_SIZE > cd_offset ||
        read_at(fd, h, sizeof h, (off_t)e->local_offset) != 0 || le32(h) != SIG_LOCAL)
        return fail(why, why_size, "entry %u (%s): no local header at offset %lu", index,
                    e->name, (unsigned long)e->local_offset);
    uint16_t name_length = le16(h + 26), extra_length = le16(h + 28);
    if (le16(h + 8) != e->method)
        return fail(why, why_size, "entry %u (%s): local header disagrees on the method", index,
                    e->name);
    /* Without a data descriptor (flag bit 3) the local header repeats CRC and sizes. */
    if (!(e->flags & 0x08) &&
        (le32(h + 14) != e->crc || le32(h + 18) != e->compressed || le32(h + 22) != e->size))
        return fail(why, why_size, "entry %u (%s): local header disagrees on CRC or sizes",
                    index, e->name);
    char name[256];
    size_t n = name_length < sizeof name - 1 ? name_length : sizeof name - 1;
    if (read_at(fd, name, n, (off_t)e->local_offset + LOCAL_SIZE) != 0)
        return fail(why, why_size, "entry %u (%s): local header cut short", index, e->name);
    name[n] = '\0';
    if (strcmp(name, e->name) != 0)
        return fail(why, why_size, "entry %u (%s): local header names '%s'", index, e->name, name);
    uint64_t start = (uint64_t)e->local_offset + LOCAL_SIZE + name_length + extra_length;
    if (start + e->compressed > cd_offset)
        return fail(why, why_size, "entry %u (%s): data runs past the central directory", index,
                    e->name);
    return check_data(fd, e, (off_t)start, index, why, why_size);
}

/* Finds the end-of-central-directory record: the last signature whose comment length
 * reaches exactly to the end of the file. */
static int find_eocd(int fd, uint64_t file_size, unsigned char *eocd, char *why,
                     size_t why_size)
{
    if (file_size < EOCD_SIZE)
        return fail(why, why_size, "not a zip file (%llu bytes)", (unsigned long long)file_size);
    size_t tail = file_size < EOCD_SIZE + EOCD_MAX_COMMENT ? (size_t)file_size
                                                         : EOCD_SIZE + EOCD_MAX_COMMENT;
    unsigned char *buf = xmalloc(tail);
    off_t base = (off_t)(file_size - tail);
    if (read_at(fd, buf, tail, base) != 0) {
        free(buf);
        return fail(why, why_size, "%s", errno ? strerror(errno) : "file cut short");
    }
    for (size_t i = tail - EOCD_SIZE + 1; i-- > 0;) {
        if (le32(buf + i) == SIG_EOCD && i + EOCD_SIZE + le16(buf + i + 20) == tail) {
            memcpy(eocd, buf + i, EOCD_SIZE);
            free(buf);
            return 0;
        }
    }
    free(buf);
    return fail(why, why_size, "no end-of-central-directory record: the zip is incomplete");
}

static int check_fd(int fd, char *why, size_t why_size)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return fail(why, why_size, "%s", strerror(errno));
    uint64_t file_size = (uint64_t)st.st_size;
    unsigned char eocd[EOCD_SIZE] = {0};
    if (find_eocd(fd, file_size, eocd, why, why_size) != 0)
        return -1;
    uint16_t disk = le16(eocd + 4), cd_disk = le16(eocd + 6);
    uint16_t entries_here = le16(eocd + 8), entries = le16(eocd + 10);
    uint32_t cd_size = le32(eocd + 12), cd_offset = le32(eocd + 16);
    if (disk != 0 || cd_disk != 0 || entries_here != entries)
        return fail(why, why_size, "a multi-disk zip");
    if (entries == 0xFFFF || cd_size == 0xFFFFFFFFu || cd_offset == 0xFFFFFFFFu)
        return fail(why, why_size, "a ZIP64 file, which tkk does not write");
    if (entries == 0)
        return fail(why, why_size, "the zip has no parts");
    uint64_t eocd_offset = file_size - EOCD_SIZE - le16(eocd + 20);
    if ((uint64_t)cd_offset + cd_size != eocd_offset)
        return fail(why, why_size, "the central directory does not end where the end record is");

    uint64_t at = cd_offset;
    for (unsigned i = 0; i < entries; i++) {
        unsigned char c[CENTRAL_SIZE];
        if (at + CENTRAL_SIZE > eocd_offset || read_at(fd, c, sizeof c, (off_t)at) != 0 ||
            le32(c) != SIG_CENTRAL)
            return fail(why, why_size, "central directory entry %u is damaged", i);
        zip_entry e = {
            .flags = le16(c + 8), .method = le16(c + 10), .crc = le32(c + 16),
            .compressed = le32(c + 20), .size = le32(c + 24), .local_offset = le32(c + 42),
        };
        uint16_t name_length = le16(c + 28), extra_length = le16(c + 30),
                 comment_length = le16(c + 32);
        uint64_t next = at + CENTRAL_SIZE + name_length + extra_length + comment_length;
        if (next > eocd_offset || name_length == 0 || name_length >= sizeof e.name)
            return fail(why, why_size, "central directory entry %u is damaged", i);
        if (read_at(fd, e.name, name_length, (off_t)(at + CENTRAL_SIZE)) != 0)
            return fail(why, why_size, "central directory entry %u is cut short", i);
        e.name[name_length] = '\0';
        if (e.flags & 0x01)
            return fail(why, why_size, "entry %u (%s) is encrypted", i, e.name);
        if (e.method != 0 && e.method != 8)
            return fail(why, why_size, "entry %u (%s): unknown compression method %u", i, e.name,
                        e.method);
        if (check_local(fd, &e, cd_offset, i, why, why_size) != 0)
            return -1;
        at = next;
    }
    if (at != eocd_offset)
        return fail(why, why_size, "the central directory holds more than its %u entries",
                    entries);
    return 0;
}

int zip_check_file(const char *path, char *why, size_t why_size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(why, why_size, "%s", strerror(errno));
    int rc = check_fd(fd, why, why_size);
    close(fd);
    return rc;
}
