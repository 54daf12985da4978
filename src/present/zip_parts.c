/*
 * zip_parts — the pieces both read-backs use (zip_parts.h).
 */
#include "zip_parts.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int zip_read_at(int fd, void *buf, size_t n, off_t offset)
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

void zip_part_ends_add(zip_part_ends *ends, const unsigned char *data, size_t n)
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

int zip_part_reader_init(zip_part_reader *r)
{
    memset(r, 0, sizeof *r);
    r->out = malloc(ZIP_CHUNK);
    if (!r->out || inflateInit2(&r->z, -MAX_WBITS) != Z_OK) {
        free(r->out);
        return -1;
    }
    return 0;
}

void zip_part_reader_clear(zip_part_reader *r)
{
    inflateEnd(&r->z);
    free(r->out);
}

void zip_part_reader_start(zip_part_reader *r)
{
    inflateReset(&r->z);
    r->crc = crc32(0L, Z_NULL, 0);
    r->size = 0;
    r->ends = (zip_part_ends){.head_length = 0};
    r->ended = false;
}

void zip_part_reader_take(zip_part_reader *r, const unsigned char *data, size_t n)
{
    r->crc = crc32(r->crc, data, (uInt)n);
    zip_part_ends_add(&r->ends, data, n);
    r->size += n;
}

int zip_part_reader_inflate(zip_part_reader *r, const unsigned char *in, size_t n,
                            size_t *used)
{
    r->z.next_in = (unsigned char *)in;
    r->z.avail_in = (uInt)n;
    while (r->z.avail_in > 0 && !r->ended) {
        r->z.next_out = r->out;
        r->z.avail_out = ZIP_CHUNK;
        int zrc = inflate(&r->z, Z_NO_FLUSH);
        if (zrc != Z_OK && zrc != Z_STREAM_END)
            return -1;
        zip_part_reader_take(r, r->out, ZIP_CHUNK - r->z.avail_out);
        r->ended = zrc == Z_STREAM_END;
    }
    *used = n - r->z.avail_in;
    return 0;
}

static bool ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n >= k && strcmp(name + n - k, suffix) == 0;
}

/* An XML part must end with the end tag of the element it starts with. */
bool xml_part_whole(const char *head, size_t head_length, const char *tail,
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

bool zip_part_whole(const char *name, const zip_part_ends *ends)
{
    if (!ends_with(name, ".xml") && !ends_with(name, ".rels"))
        return true;
    return xml_part_whole(ends->head, ends->head_length, ends->tail, ends->tail_length);
}
