/* test_sodium.c — the verifier against libsodium, an independent implementation, over thousands
 * of random keys and messages: what libsodium signs verifies here, and for a sample of them every
 * single-bit flip of signature and message is refused here exactly when libsodium refuses it. */
#include "tests.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define RANDOM_CASES 3000
#define FLIP_CASES 24            /* keys whose every signature and message bit gets flipped */
#define FLIP_MSG_MAX 96

static int setup(void **state)
{
    (void)state;
    return sodium_init() < 0 ? -1 : 0;
}

static void random_case(uint8_t pk[32], uint8_t sig[64], uint8_t *msg, size_t *len, size_t max)
{
    uint8_t sk[64];
    crypto_sign_keypair(pk, sk);
    *len = randombytes_uniform((uint32_t)max + 1);
    randombytes_buf(msg, *len);
    crypto_sign_detached(sig, NULL, msg, *len, sk);
}

static void test_libsodium_signatures_verify(void **state)
{
    (void)state;
    static uint8_t msg[4096];
    for (int i = 0; i < RANDOM_CASES; i++) {
        uint8_t pk[32], sig[64];
        size_t len;
        random_case(pk, sig, msg, &len, i < 100 ? sizeof msg : 300);
        if (ed25519_verify(sig, msg, len, pk) != 0)
            fail_msg("case %d (%zu-byte message): libsodium's signature does not verify", i, len);
        /* one random corruption each: signature, message or key, agreeing with libsodium */
        uint8_t *target = sig;
        size_t size = 64;
        unsigned pick = randombytes_uniform(3);
        if (pick == 1 && len) {
            target = msg;
            size = len;
        } else if (pick == 2) {
            target = pk;
            size = 32;
        }
        uint32_t bit = randombytes_uniform((uint32_t)size * 8);
        target[bit / 8] ^= (uint8_t)(1u << bit % 8);
        int mine = ed25519_verify(sig, msg, len, pk);
        int theirs = crypto_sign_verify_detached(sig, msg, len, pk);
        if (mine != theirs || mine == 0)
            fail_msg("case %d: corrupted input: ark says %d, libsodium %d", i, mine, theirs);
    }
}

static void test_every_bit_flip_agrees_with_libsodium(void **state)
{
    (void)state;
    uint8_t msg[FLIP_MSG_MAX];
    for (int i = 0; i < FLIP_CASES; i++) {
        uint8_t pk[32], sig[64];
        size_t len;
        random_case(pk, sig, msg, &len, FLIP_MSG_MAX);
        for (unsigned bit = 0; bit < (64 + len) * 8; bit++) {
            uint8_t *p = bit < 512 ? &sig[bit / 8] : &msg[(bit - 512) / 8];
            *p ^= (uint8_t)(1u << bit % 8);
            int mine = ed25519_verify(sig, msg, len, pk);
            int theirs = crypto_sign_verify_detached(sig, msg, len, pk);
            if (mine == 0 || mine != theirs)
                fail_msg("key %d, %s bit %u flipped: ark says %d, libsodium %d", i,
                         bit < 512 ? "signature" : "message", bit < 512 ? bit : bit - 512, mine, theirs);
            *p ^= (uint8_t)(1u << bit % 8);
        }
        assert_int_equal(ed25519_verify(sig, msg, len, pk), 0);
    }
}

/* SHA-256 and SHA-512 equal libsodium's for every length up to 1100 bytes of random data. */
static void test_hashes_agree_with_libsodium(void **state)
{
    (void)state;
    static uint8_t buf[1100];
    randombytes_buf(buf, sizeof buf);
    for (size_t len = 0; len <= sizeof buf; len++) {
        uint8_t a[64], b[64];
        sha256(buf, len, a);
        crypto_hash_sha256(b, buf, len);
        assert_memory_equal(a, b, 32);
        sha512(buf, len, a);
        crypto_hash_sha512(b, buf, len);
        assert_memory_equal(a, b, 64);
    }
}

const struct CMUnitTest sodium_tests[] = {
    cmocka_unit_test_setup(test_libsodium_signatures_verify, setup),
    cmocka_unit_test_setup(test_every_bit_flip_agrees_with_libsodium, setup),
    cmocka_unit_test_setup(test_hashes_agree_with_libsodium, setup),
};
const size_t sodium_tests_count = sizeof sodium_tests / sizeof sodium_tests[0];
