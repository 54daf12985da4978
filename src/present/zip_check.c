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
#include "zip_parts.h"

enum {
    EOCD_SIZE = 22,              /* the record without its comment */
    EOCD_MAX_COMMENT = 65535,
    CENTRAL_SIZE = 46,
};

#define SIG_EOCD 0x06054b50u

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

typedef struct {
    uint16_t flags, method;
    uint32_t crc, compressed, size, local_offset;
    char name[256];
} zip_entry;

/* Inflates (or copies) the entry's data at [start, start + compressed) and compares
 * size and CRC-32 with the directory's. */
static int check_data(int fd, const zip_entry *e, off_t start, unsigned index, char *why,
                      size_t why_size)
{
    zip_part_reader r;
    if (zip_part_reader_init(&r) != 0)
        return fail(why, why_size, "entry %u (%s): zlib cannot start", index, e->name);
    unsigned char *in = xmalloc(ZIP_CHUNK);
    zip_part_reader_start(&r);
    r.ended = e->method == 0;   /* a stored part has no stream to end */
    int rc = 0;
    uint64_t consumed = 0;
    while (rc == 0 && consumed < e->compressed) {
        size_t n = e->compressed - consumed < ZIP_CHUNK ? (size_t)(e->compressed - consumed)
                                                        : ZIP_CHUNK;
        if (zip_read_at(fd, in, n, start + (off_t)consumed) != 0) {
            rc = fail(why, why_size, "entry %u (%s): %s", index, e->name,
                      errno ? strerror(errno) : "data cut short");
            break;
        }
        consumed += n;
        if (e->method == 0) {
            zip_part_reader_take(&r, in, n);
            continue;
        }
        size_t used;
        if (zip_part_reader_inflate(&r, in, n, &used) != 0)
            rc = fail(why, why_size, "entry %u (%s): the compressed data is corrupt (%s)",
                      index, e->name, r.z.msg ? r.z.msg : "zlib error");
        else if (r.ended && (used < n || consumed < e->compressed))
            rc = fail(why, why_size, "entry %u (%s): data after the end of the stream", index,
                      e->name);
    }
    free(in);
    bool ended = r.ended, whole = zip_part_whole(e->name, &r.ends);
    uint64_t produced = r.size;
    unsigned long crc = r.crc;
    zip_part_reader_clear(&r);
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
    if (!whole)
        return fail(why, why_size, "entry %u (%s): the XML part is cut short", index, e->name);
    return 0;
}

/* The local header at e->local_offset: signature, the same name, and where the data
 * starts; the data must end before the central directory. */
static int check_local(int fd, const zip_entry *e, uint64_t cd_offset, unsigned index,
                       const zip_follower *follower, char *why, size_t why_size)
{
    unsigned char h[ZIP_LOCAL_SIZE];
    if ((uint64_t)e->local_offset + ZIP_LOCAL_SIZE > cd_offset ||
        zip_read_at(fd, h, sizeof h, (off_t)e->local_offset) != 0 || zip_le32(h) != ZIP_SIG_LOCAL)
        return fail(why, why_size, "entry %u (%s): no local header at offset %lu", index,
                    e->name, (unsigned long)e->local_offset);
    uint16_t name_length = zip_le16(h + 26), extra_length = zip_le16(h + 28);
    if (zip_le16(h + 8) != e->method)
        return fail(why, why_size, "entry %u (%s): local header disagrees on the method", index,
                    e->name);
    /* Without a data descriptor (flag bit 3) the local header repeats CRC and sizes. */
    if (!(e->flags & 0x08) &&
        (zip_le32(h + 14) != e->crc || zip_le32(h + 18) != e->compressed || zip_le32(h + 22) != e->size))
        return fail(why, why_size, "entry %u (%s): local header disagrees on CRC or sizes",
                    index, e->name);
    char name[256];
    size_t n = name_length < sizeof name - 1 ? name_length : sizeof name - 1;
    if (zip_read_at(fd, name, n, (off_t)e->local_offset + ZIP_LOCAL_SIZE) != 0)
        return fail(why, why_size, "entry %u (%s): local header cut short", index, e->name);
    name[n] = '\0';
    if (strcmp(name, e->name) != 0)
        return fail(why, why_size, "entry %u (%s): local header names '%s'", index, e->name, name);
    uint64_t start = (uint64_t)e->local_offset + ZIP_LOCAL_SIZE + name_length + extra_length;
    if (start + e->compressed > cd_offset)
        return fail(why, why_size, "entry %u (%s): data runs past the central directory", index,
                    e->name);
    /* What the follower inflated while the file was written counts only when it is
     * exactly what the directory records. */
    zip_followed_part part;
    if (zip_follower_part(follower, start, e->name, &part) && part.compressed == e->compressed &&
        part.size == e->size && part.crc == e->crc) {
        if (!part.whole)
            return fail(why, why_size, "entry %u (%s): the XML part is cut short", index,
                        e->name);
        return 0;
    }
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
    if (zip_read_at(fd, buf, tail, base) != 0) {
        free(buf);
        return fail(why, why_size, "%s", errno ? strerror(errno) : "file cut short");
    }
    for (size_t i = tail - EOCD_SIZE + 1; i-- > 0;) {
        if (zip_le32(buf + i) == SIG_EOCD && i + EOCD_SIZE + zip_le16(buf + i + 20) == tail) {
            memcpy(eocd, buf + i, EOCD_SIZE);
            free(buf);
            return 0;
        }
    }
    free(buf);
    return fail(why, why_size, "no end-of-central-directory record: the zip is incomplete");
}

static int check_fd(int fd, const zip_follower *follower, char *why, size_t why_size)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return fail(why, why_size, "%s", strerror(errno));
    uint64_t file_size = (uint64_t)st.st_size;
    unsigned char eocd[EOCD_SIZE] = {0};
    if (find_eocd(fd, file_size, eocd, why, why_size) != 0)
        return -1;
    uint16_t disk = zip_le16(eocd + 4), cd_disk = zip_le16(eocd + 6);
    uint16_t entries_here = zip_le16(eocd + 8), entries = zip_le16(eocd + 10);
    uint32_t cd_size = zip_le32(eocd + 12), cd_offset = zip_le32(eocd + 16);
    if (disk != 0 || cd_disk != 0 || entries_here != entries)
        return fail(why, why_size, "a multi-disk zip");
    if (entries == 0xFFFF || cd_size == 0xFFFFFFFFu || cd_offset == 0xFFFFFFFFu)
        return fail(why, why_size, "a ZIP64 file, which tkk does not write");
    if (entries == 0)
        return fail(why, why_size, "the zip has no parts");
    uint64_t eocd_offset = file_size - EOCD_SIZE - zip_le16(eocd + 20);
    if ((uint64_t)cd_offset + cd_size != eocd_offset)
        return fail(why, why_size, "the central directory does not end where the end record is");

    uint64_t at = cd_offset;
    for (unsigned i = 0; i < entries; i++) {
        unsigned char c[CENTRAL_SIZE];
        if (at + CENTRAL_SIZE > eocd_offset || zip_read_at(fd, c, sizeof c, (off_t)at) != 0 ||
            zip_le32(c) != ZIP_SIG_CENTRAL)
            return fail(why, why_size, "central directory entry %u is damaged", i);
        zip_entry e = {
            .flags = zip_le16(c + 8), .method = zip_le16(c + 10), .crc = zip_le32(c + 16),
            .compressed = zip_le32(c + 20), .size = zip_le32(c + 24), .local_offset = zip_le32(c + 42),
        };
        uint16_t name_length = zip_le16(c + 28), extra_length = zip_le16(c + 30),
                 comment_length = zip_le16(c + 32);
        uint64_t next = at + CENTRAL_SIZE + name_length + extra_length + comment_length;
        if (next > eocd_offset || name_length == 0 || name_length >= sizeof e.name)
            return fail(why, why_size, "central directory entry %u is damaged", i);
        if (zip_read_at(fd, e.name, name_length, (off_t)(at + CENTRAL_SIZE)) != 0)
            return fail(why, why_size, "central directory entry %u is cut short", i);
        e.name[name_length] = '\0';
        if (e.flags & 0x01)
            return fail(why, why_size, "entry %u (%s) is encrypted", i, e.name);
        if (e.method != 0 && e.method != 8)
            return fail(why, why_size, "entry %u (%s): unknown compression method %u", i, e.name,
                        e.method);
        if (check_local(fd, &e, cd_offset, i, follower, why, why_size) != 0)
            return -1;
        at = next;
    }
    if (at != eocd_offset)
        return fail(why, why_size, "the central directory holds more than its %u entries",
                    entries);
    return 0;
}

int zip_check_followed(const char *path, const zip_follower *follower, char *why,
                       size_t why_size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(why, why_size, "%s", strerror(errno));
    int rc = check_fd(fd, follower, why, why_size);
    close(fd);
    return rc;
}

int zip_check_file(const char *path, char *why, size_t why_size)
{
    return zip_check_followed(path, NULL, why, why_size);
}
