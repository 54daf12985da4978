/*
 * zip_follow — the read-back of SPEC §7.5 (zip_check.h), done while libxlsxwriter
 * writes the zip instead of after it: a thread inflates each part as its bytes reach
 * the file, so the second core checks the parts while the first compresses them, and
 * after workbook_close() only the directory is left to read.
 *
 *     zip_follower *f = zip_follower_new(tmp_path);   // NULL: zip_check does it all
 *     err = workbook_close(wb);
 *     zip_follower_finish(f);
 *     rc = zip_check_followed(tmp_path, f, why, sizeof why);
 *     zip_follower_free(f);
 *
 * Nothing depends on the follower being right: zip_check trusts what it found for a
 * part only when its data starts where the directory says and its compressed size,
 * size and CRC-32 are the directory's; any other part is inflated again afterwards.
 */
#ifndef TKK_ZIP_FOLLOW_H
#define TKK_ZIP_FOLLOW_H

#include <stdbool.h>
#include <stdint.h>

typedef struct zip_follower zip_follower;

/* Starts a thread following the file at path, which the writer is about to fill from
 * its start. NULL when no thread (or zlib) can be started. */
zip_follower *zip_follower_new(const char *path);

/* The writer has closed the file: reads what is left and joins the thread. */
void zip_follower_finish(zip_follower *f);

/* What the follower found for the part whose compressed data starts at data_start. */
typedef struct {
    uint64_t compressed, size;
    uint32_t crc;
    bool whole;   /* zip_part_whole() of its name and inflated bytes */
} zip_followed_part;

/* True when the follower read the part at data_start, named name, to the end of its
 * deflate stream; its findings in *part. Only after zip_follower_finish(). */
bool zip_follower_part(const zip_follower *f, uint64_t data_start, const char *name,
                     zip_followed_part *part);

/* How many parts the follower read to their end (for tests and benchmarks). */
unsigned zip_follower_count(const zip_follower *f);

/* Finishes it if needed and frees it; NULL is fine. */
void zip_follower_free(zip_follower *f);

#endif
