/*
 * output_path — where a command writes: -o DIR (made when missing) or -o FILE.xlsx.
 *
 *     char *path = output_path("output", "salo-2021.xlsx", true, err, sizeof err);
 *     // "output/salo-2021.xlsx"; NULL with a message when the folder cannot be made
 */
#ifndef TKK_OUTPUT_PATH_H
#define TKK_OUTPUT_PATH_H

#include <stdbool.h>
#include <stddef.h>

/* True when the -o argument names a workbook file rather than a folder. */
bool output_is_file(const char *output);

/* output: the -o argument or NULL (then "output"). When it names a .xlsx file and
 * file_allowed, that file; otherwise output/name. Makes the folder (and its parents).
 * Returns a malloc'd path, or NULL with a message in error. */
char *output_path(const char *output, const char *name, bool file_allowed, char *error,
                  size_t error_size);

#endif
