/*
 * zip_follow — reading a zip back while it is written (zip_follow.h).
 *
 * minizip writes a part as its local header, then the deflate stream, and afterwards
 * seeks back only to fill in the header's CRC-32 and sizes. Bytes of a stream never
 * change once they are in the file, and a deflate stream marks its own end, so the
 * follower can inflate a part without knowing its size: it waits for the file to grow
 * and stops at the stream's end, where the next local header (or the directory)
 * begins. It gives up quietly on anything else (a stored part, a data descriptor, an
 * error): zip_check then reads that part itself.
 */
#include "zip_follow.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "zip_parts.h"

/* libxlsxwriter writes a few dozen parts; a workbook with more is checked afterwards. */
enum { MAX_PARTS = 1024, NAME_SIZE = 256 };

typedef struct {
    uint64_t data_start;
    zip_followed_part found;
    char name[NAME_SIZE];
} followed;

struct zip_follower {
    pthread_t thread;
    bool running;
    int fd;
    atomic_bool writer_done;
    zip_part_reader reader;
    unsigned char *in;
    followed *parts;
    unsigned count;
};

/* Waits until the file holds `end` bytes: then its size, or 0 when the writer has
 * finished without writing them (or the file cannot be read). */
static uint64_t wait_for(zip_follower *f, uint64_t end)
{
    for (;;) {
        /* Read the flag before the size: once it is set, the size is final. */
        bool done = atomic_load_explicit(&f->writer_done, memory_order_acquire);
        struct stat st;
        if (fstat(f->fd, &st) != 0)
            return 0;
        if ((uint64_t)st.st_size >= end)
            return (uint64_t)st.st_size;
        if (done)
            return 0;
        /* About what compressing 64 KiB takes: the follower keeps up, and waking a
         * thousand times a second costs the machine nothing worth measuring. */
        nanosleep(&(struct timespec){.tv_nsec = 1000 * 1000}, NULL);
    }
}

/* Inflates the part whose local header is at *offset; true (and *offset moved past
 * its data) when it read the stream to its end. */
static bool follow_part(zip_follower *f, uint64_t *offset)
{
    unsigned char h[ZIP_LOCAL_SIZE];
    if (!wait_for(f, *offset + ZIP_LOCAL_SIZE) ||
        zip_read_at(f->fd, h, sizeof h, (off_t)*offset) != 0 || zip_le32(h) != ZIP_SIG_LOCAL)
        return false;   /* the central directory, or something this does not follow */
    uint16_t flags = zip_le16(h + 6), method = zip_le16(h + 8);
    uint16_t name_length = zip_le16(h + 26), extra_length = zip_le16(h + 28);
    if (method != 8 || (flags & 0x09) || name_length == 0 || name_length >= NAME_SIZE)
        return false;
    followed *p = &f->parts[f->count];
    uint64_t start = *offset + ZIP_LOCAL_SIZE + name_length + extra_length;
    if (!wait_for(f, start) ||
        zip_read_at(f->fd, p->name, name_length, (off_t)(*offset + ZIP_LOCAL_SIZE)) != 0)
        return false;
    p->name[name_length] = '\0';

    zip_part_reader *r = &f->reader;
    zip_part_reader_start(r);
    uint64_t at = start;
    while (!r->ended) {
        uint64_t size = wait_for(f, at + 1);
        if (size == 0)
            return false;
        size_t n = size - at < ZIP_CHUNK ? (size_t)(size - at) : ZIP_CHUNK, used;
        if (zip_read_at(f->fd, f->in, n, (off_t)at) != 0 ||
            zip_part_reader_inflate(r, f->in, n, &used) != 0)
            return false;
        at += used;
    }
    p->data_start = start;
    p->found = (zip_followed_part){.compressed = at - start, .size = r->size,
                                   .crc = (uint32_t)r->crc,
                                   .whole = zip_part_whole(p->name, &r->ends)};
    f->count++;
    *offset = at;
    return true;
}

static void *follow(void *arg)
{
    zip_follower *f = arg;
    uint64_t offset = 0;
    while (f->count < MAX_PARTS && follow_part(f, &offset))
        ;
    return NULL;
}

/* The thread allocates nothing: an allocation that fails here ends the follower, never
 * the program. */
zip_follower *zip_follower_new(const char *path)
{
    zip_follower *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->fd = open(path, O_RDONLY | O_CLOEXEC);
    f->in = malloc(ZIP_CHUNK);
    f->parts = malloc(MAX_PARTS * sizeof *f->parts);
    atomic_init(&f->writer_done, false);
    bool reader = false;
    if (f->fd >= 0 && f->in && f->parts) {
        reader = zip_part_reader_init(&f->reader) == 0;
        f->running = reader && pthread_create(&f->thread, NULL, follow, f) == 0;
    }
    if (!f->running) {
        if (reader)
            zip_part_reader_clear(&f->reader);
        if (f->fd >= 0)
            close(f->fd);
        free(f->in);
        free(f->parts);
        free(f);
        return NULL;
    }
    return f;
}

void zip_follower_finish(zip_follower *f)
{
    if (!f || !f->running)
        return;
    atomic_store_explicit(&f->writer_done, true, memory_order_release);
    pthread_join(f->thread, NULL);
    f->running = false;
}

bool zip_follower_part(const zip_follower *f, uint64_t data_start, const char *name,
                     zip_followed_part *part)
{
    if (!f || f->running)
        return false;
    for (unsigned i = 0; i < f->count; i++) {
        if (f->parts[i].data_start == data_start && strcmp(f->parts[i].name, name) == 0) {
            *part = f->parts[i].found;
            return true;
        }
    }
    return false;
}

unsigned zip_follower_count(const zip_follower *f)
{
    return f && !f->running ? f->count : 0;
}

void zip_follower_free(zip_follower *f)
{
    if (!f)
        return;
    zip_follower_finish(f);
    zip_part_reader_clear(&f->reader);
    close(f->fd);
    free(f->in);
    free(f->parts);
    free(f);
}
