/* input_file — input files read whole: regular files only, at most 64 MiB, UTF-8 checked. */
#include "input_file.h"
#include "alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* Reads fd to its end, at most INPUT_MAX_BYTES + 1 bytes (a file may grow after fstat). */
static input_status read_whole(int fd, size_t size_hint, char **text, size_t *length)
{
    size_t capacity = size_hint + 1 > 4096 ? size_hint + 1 : 4096;
    char *buf = xmalloc(capacity);
    size_t used = 0;
    for (;;) {
        if (capacity - used < 2) {
            capacity *= 2;
            buf = xrealloc(buf, capacity);
        }
        ssize_t got = read(fd, buf + used, capacity - used - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int saved = errno;
            free(buf);
            errno = saved;
            return INPUT_CANNOT_READ;
        }
        if (got == 0)
            break;
        used += (size_t)got;
        if (used > INPUT_MAX_BYTES) {
            free(buf);
            return INPUT_TOO_LARGE;
        }
    }
    buf[used] = '\0';
    *text = buf;
    *length = used;
    return INPUT_OK;
}

input_status input_file_read(const char *path, char **text, size_t *length)
{
    *text = NULL;
    *length = 0;
    /* O_NONBLOCK: opening a FIFO without a writer would otherwise wait for one. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return INPUT_CANNOT_READ;
    struct stat st;
    input_status status;
    if (fstat(fd, &st) != 0)
        status = INPUT_CANNOT_READ;
    else if (!S_ISREG(st.st_mode))
        status = INPUT_NOT_REGULAR;
    else if ((uintmax_t)st.st_size > INPUT_MAX_BYTES)
        status = INPUT_TOO_LARGE;
    else
        status = read_whole(fd, (size_t)st.st_size, text, length);
    int saved = errno;
    close(fd);
    errno = saved;
    return status;
}

const char *input_status_message(input_status status)
{
    switch (status) {
    case INPUT_NOT_REGULAR:
        return "not a regular file (a folder, a device or a pipe): name a text file";
    case INPUT_TOO_LARGE:
        return "the file is larger than 64 MiB: tkk reads inputs of at most 64 MiB";
    case INPUT_CANNOT_READ:
        return "cannot read the file";
    case INPUT_OK:
        break;
    }
    return "";
}

size_t input_utf8_valid_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t len;
        uint32_t min;
        if (c == 0)
            return i;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4, min = 0x10000;
        } else {
            return i;
        }
        if (i + len > n)
            return i;
        uint32_t cp = c & (0x7F >> len);
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return n;
}

int input_line_of(const char *text, size_t offset)
{
    int line = 1;
    for (size_t i = 0; i < offset; i++)
        line += text[i] == '\n';
    return line;
}
