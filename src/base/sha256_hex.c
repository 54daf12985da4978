/* sha256_hex — SHA-256 of a text in hex (nettle). */
#include "sha256_hex.h"

#include <stdint.h>
#include <nettle/sha2.h>

void sha256_hex(const char *text, size_t length, char out[65])
{
    static const char digits[] = "0123456789abcdef";
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, length, (const uint8_t *)text);
    sha256_digest(&ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++) {
        out[2 * i] = digits[digest[i] >> 4];
        out[2 * i + 1] = digits[digest[i] & 0xF];
    }
    out[64] = '\0';
}
