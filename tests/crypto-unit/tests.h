/* tests.h — shared helpers of the crypto-unit suite: hex decoding and each file's test table. */
#ifndef CRYPTO_UNIT_TESTS_H
#define CRYPTO_UNIT_TESTS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "crypto.h"

/* Decodes exactly n bytes of hex; fails the test on malformed input. */
void unhex(const char *hex, uint8_t *out, size_t n);

#define CRYPTO_TABLE(name)                                                                  \
    extern const struct CMUnitTest name##_tests[];                                         \
    extern const size_t name##_tests_count

CRYPTO_TABLE(sha);
CRYPTO_TABLE(ed25519);
CRYPTO_TABLE(sodium);

#endif
