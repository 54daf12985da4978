/*
 * sha256_hex — the SHA-256 of a text as 64 lowercase hex digits: the scenario file's
 * (SPEC §6: page footer, document property) and a big round's projects CSV (its Inputs
 * sheet shows the digest instead of the lines).
 */
#ifndef TKK_SHA256_HEX_H
#define TKK_SHA256_HEX_H

#include <stddef.h>

void sha256_hex(const char *text, size_t length, char out[65]);

#endif
