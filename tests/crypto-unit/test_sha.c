/* test_sha.c — SHA-256 and SHA-512 against the FIPS 180-4 / NIST example messages, one-shot and
 * streamed in awkward pieces so every path through the block buffer is taken. */
#include "tests.h"
#include <stdlib.h>
#include <string.h>

struct sha_vector {
    const char *msg;        /* NULL: one million 'a' */
    const char *sha256, *sha512;
};

static const struct sha_vector vectors[] = {
    { "abc",
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
      "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
    { "",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
      "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e" },
    { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", NULL },
    { "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      NULL,
      "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
      "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909" },
    { NULL,
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
      "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
      "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b" },
};

static uint8_t *message(const struct sha_vector *v, size_t *len)
{
    if (v->msg) {
        *len = strlen(v->msg);
        uint8_t *m = malloc(*len + 1);
        memcpy(m, v->msg, *len + 1);
        return m;
    }
    *len = 1000000;
    uint8_t *m = malloc(*len);
    memset(m, 'a', *len);
    return m;
}

static void test_sha256_vectors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
        if (!vectors[i].sha256)
            continue;
        size_t len;
        uint8_t *m = message(&vectors[i], &len), want[32], got[32];
        unhex(vectors[i].sha256, want, 32);
        sha256(m, len, got);
        assert_memory_equal(got, want, 32);
        /* streamed in pieces of 1, 2, ... 97 bytes, cycling */
        struct sha256_ctx c;
        sha256_init(&c);
        for (size_t off = 0, step = 1; off < len; off += step, step = step % 97 + 1)
            sha256_update(&c, m + off, off + step > len ? len - off : step);
        sha256_final(&c, got);
        assert_memory_equal(got, want, 32);
        free(m);
    }
}

static void test_sha512_vectors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
        if (!vectors[i].sha512)
            continue;
        size_t len;
        uint8_t *m = message(&vectors[i], &len), want[64], got[64];
        unhex(vectors[i].sha512, want, 64);
        sha512(m, len, got);
        assert_memory_equal(got, want, 64);
        struct sha512_ctx c;
        sha512_init(&c);
        for (size_t off = 0, step = 1; off < len; off += step, step = step % 193 + 1)
            sha512_update(&c, m + off, off + step > len ? len - off : step);
        sha512_final(&c, got);
        assert_memory_equal(got, want, 64);
        free(m);
    }
}

/* Lengths around the padding boundaries (55/56/64 for SHA-256, 111/112/128 for SHA-512): the
 * one-shot digest equals the byte-by-byte one, and changing any length changes the digest. */
static void test_padding_boundaries(void **state)
{
    (void)state;
    uint8_t buf[300], prev256[32] = { 0 }, prev512[64] = { 0 };
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)(i * 7 + 3);
    for (size_t len = 0; len <= sizeof buf; len++) {
        uint8_t a[64], b[64];
        struct sha256_ctx c;
        sha256(buf, len, a);
        sha256_init(&c);
        for (size_t k = 0; k < len; k++)
            sha256_update(&c, buf + k, 1);
        sha256_final(&c, b);
        assert_memory_equal(a, b, 32);
        assert_memory_not_equal(a, prev256, 32);
        memcpy(prev256, a, 32);

        struct sha512_ctx d;
        sha512(buf, len, a);
        sha512_init(&d);
        for (size_t k = 0; k < len; k++)
            sha512_update(&d, buf + k, 1);
        sha512_final(&d, b);
        assert_memory_equal(a, b, 64);
        assert_memory_not_equal(a, prev512, 64);
        memcpy(prev512, a, 64);
    }
}

const struct CMUnitTest sha_tests[] = {
    cmocka_unit_test(test_sha256_vectors),
    cmocka_unit_test(test_sha512_vectors),
    cmocka_unit_test(test_padding_boundaries),
};
const size_t sha_tests_count = sizeof sha_tests / sizeof sha_tests[0];
