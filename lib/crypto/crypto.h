/* crypto.h — SHA-256, SHA-512 (FIPS 180-4) and Ed25519 signature verification (RFC 8032), shared
 * by the kernel and the host tools. Freestanding: needs only <stddef.h> and <stdint.h>, calls no
 * library function, allocates nothing. Verification is not constant-time: it handles public data. */
#ifndef ARK_CRYPTO_H
#define ARK_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE 32
#define SHA512_DIGEST_SIZE 64
#define ED25519_PUBLIC_KEY_SIZE 32
#define ED25519_SIGNATURE_SIZE 64

struct sha256_ctx {
    uint32_t state[8];
    uint64_t length;             /* bytes hashed so far */
    uint8_t block[64];
    uint32_t fill;               /* bytes waiting in block */
};

struct sha512_ctx {
    uint64_t state[8];
    uint64_t length;             /* bytes hashed so far (messages below 2^61 bytes) */
    uint8_t block[128];
    uint32_t fill;
};

void sha256_init(struct sha256_ctx *c);
void sha256_update(struct sha256_ctx *c, const void *data, size_t len);
void sha256_final(struct sha256_ctx *c, uint8_t digest[SHA256_DIGEST_SIZE]);
void sha256(const void *data, size_t len, uint8_t digest[SHA256_DIGEST_SIZE]);

void sha512_init(struct sha512_ctx *c);
void sha512_update(struct sha512_ctx *c, const void *data, size_t len);
void sha512_final(struct sha512_ctx *c, uint8_t digest[SHA512_DIGEST_SIZE]);
void sha512(const void *data, size_t len, uint8_t digest[SHA512_DIGEST_SIZE]);

/* Pure Ed25519 (no pre-hash, no context): 0 when sig is a valid signature of msg under pub,
 * -1 otherwise (including a public key or R that does not decode, and a non-canonical S). */
int ed25519_verify(const uint8_t sig[ED25519_SIGNATURE_SIZE], const void *msg, size_t len,
                   const uint8_t pub[ED25519_PUBLIC_KEY_SIZE]);

#endif
