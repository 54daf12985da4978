/*
 * zip_check — reads a finished .xlsx back before it may replace the old one (SPEC
 * §7.5): the end-of-central-directory record, every central-directory entry, each
 * entry's local header, and that each part's compressed data lies inside the file
 * and inflates (zlib) to the size and CRC-32 the directory records.
 *
 *     char why[256];
 *     if (zip_check_file("output/x.xlsx.tmp-Ab12Cd", why, sizeof why) != 0)
 *         ... why: "entry 3 (xl/worksheets/sheet1.xml): CRC-32 mismatch"
 *
 * Only what libxlsxwriter writes needs to pass: stored or deflated parts, no ZIP64,
 * no encryption, one disk.
 */
#ifndef TKK_ZIP_CHECK_H
#define TKK_ZIP_CHECK_H

#include <stddef.h>

#include "zip_follow.h"

/* 0 when the file at path is a complete zip, or -1 with the reason in why. The reason
 * is an I/O error (errno text) or what is wrong with the zip. */
int zip_check_file(const char *path, char *why, size_t why_size);

/* The same, taking the parts a follower (zip_follow.h) already read from it; follower
 * may be NULL. */
int zip_check_followed(const char *path, const zip_follower *follower, char *why,
                       size_t why_size);

#endif
