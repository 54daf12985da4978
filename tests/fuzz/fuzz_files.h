/*
 * fuzz_files — the memory-backed folder the harnesses write their inputs to.
 *
 * tkk's loaders read from paths (iniparser reads only from a path), so each harness
 * writes the fuzz input to files in one folder under /dev/shm (TKK_FUZZ_DIR overrides),
 * created once per process and removed at exit:
 *
 *     const char *dir = fuzz_dir();                   // "/dev/shm/tkk-fuzz-AbC123"
 *     char *path = fuzz_path("s.ini");                // caller frees
 *     fuzz_write(path, data, size);
 *
 * A scenario input may hold up to three files, split at lines "--8<--":
 * the scenario (s.ini), the parent it may extend (parent.ini) and a project table
 * (projects.csv); fuzz_write_scenario writes them and removes the ones not given.
 */
#ifndef TKK_FUZZ_FILES_H
#define TKK_FUZZ_FILES_H

#include <stddef.h>
#include <stdint.h>

/* The separator line between the files of one scenario input. */
#define FUZZ_SEPARATOR "\n--8<--\n"

const char *fuzz_dir(void);
char *fuzz_path(const char *name);
void fuzz_write(const char *path, const uint8_t *data, size_t size);
/* Writes s.ini, parent.ini, projects.csv from data; returns the path of s.ini (caller frees). */
char *fuzz_write_scenario(const uint8_t *data, size_t size);

/* The harness's entry point (libFuzzer's name); replay.c calls it without libFuzzer. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
