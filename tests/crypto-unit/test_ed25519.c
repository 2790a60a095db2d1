/* test_ed25519.c — the verifier against RFC 8032 section 7.1's Ed25519 test vectors: each one
 * verifies, and every single-bit change of its signature, message or public key is refused; plus
 * the encodings RFC 8032 section 5.1.7 says to reject (non-canonical S, y >= p, no x for y, x = 0
 * with the sign bit) and small-order public keys. */
#include "tests.h"
#include <string.h>

struct rfc_vector {
    const char *name, *pub, *msg, *sig;   /* msg in hex; "sha512(abc)" for TEST SHA(abc) */
};

static const struct rfc_vector rfc[] = {
    { "TEST 1",
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b" },
    { "TEST 2",
      "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00" },
    { "TEST 3",
      "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
      "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a" },
    { "TEST SHA(abc)",
      "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf", "sha512(abc)",
      "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704" },
};

struct decoded {
    uint8_t pub[32], sig[64], msg[64];
    size_t len;
};

static void decode(const struct rfc_vector *v, struct decoded *d)
{
    unhex(v->pub, d->pub, 32);
    unhex(v->sig, d->sig, 64);
    if (!strcmp(v->msg, "sha512(abc)")) {
        sha512("abc", 3, d->msg);
        d->len = 64;
    } else {
        d->len = strlen(v->msg) / 2;
        unhex(v->msg, d->msg, d->len);
    }
}

static void test_rfc8032_vectors_verify(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rfc / sizeof rfc[0]; i++) {
        struct decoded d;
        decode(&rfc[i], &d);
        if (ed25519_verify(d.sig, d.msg, d.len, d.pub) != 0)
            fail_msg("%s does not verify", rfc[i].name);
    }
}

static void test_rfc8032_every_bit_flip_is_refused(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rfc / sizeof rfc[0]; i++) {
        struct decoded d;
        decode(&rfc[i], &d);
        for (unsigned bit = 0; bit < 64 * 8; bit++) {
            d.sig[bit / 8] ^= (uint8_t)(1u << bit % 8);
            if (ed25519_verify(d.sig, d.msg, d.len, d.pub) == 0)
                fail_msg("%s: signature with bit %u flipped verifies", rfc[i].name, bit);
            d.sig[bit / 8] ^= (uint8_t)(1u << bit % 8);
        }
        for (unsigned bit = 0; bit < d.len * 8; bit++) {
            d.msg[bit / 8] ^= (uint8_t)(1u << bit % 8);
            if (ed25519_verify(d.sig, d.msg, d.len, d.pub) == 0)
                fail_msg("%s: message with bit %u flipped verifies", rfc[i].name, bit);
            d.msg[bit / 8] ^= (uint8_t)(1u << bit % 8);
        }
        for (unsigned bit = 0; bit < 32 * 8; bit++) {
            d.pub[bit / 8] ^= (uint8_t)(1u << bit % 8);
            if (ed25519_verify(d.sig, d.msg, d.len, d.pub) == 0)
                fail_msg("%s: public key with bit %u flipped verifies", rfc[i].name, bit);
            d.pub[bit / 8] ^= (uint8_t)(1u << bit % 8);
        }
        /* one byte more or less of message */
        assert_int_not_equal(ed25519_verify(d.sig, d.msg, d.len + 1, d.pub), 0);
        if (d.len)
            assert_int_not_equal(ed25519_verify(d.sig, d.msg, d.len - 1, d.pub), 0);
    }
}

/* S + L is the same scalar mod L, so only the canonicity check refuses it. */
static void test_non_canonical_s_is_refused(void **state)
{
    (void)state;
    static const uint8_t order[32] = {
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9,
        0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    };
    struct decoded d;
    decode(&rfc[0], &d);
    unsigned carry = 0;
    for (int i = 0; i < 32; i++) {
        unsigned s = d.sig[32 + i] + order[i] + carry;
        d.sig[32 + i] = (uint8_t)s;
        carry = s >> 8;
    }
    assert_int_equal(carry, 0);
    assert_int_not_equal(ed25519_verify(d.sig, d.msg, d.len, d.pub), 0);
    memcpy(d.sig + 32, order, 32);                       /* S = L */
    assert_int_not_equal(ed25519_verify(d.sig, d.msg, d.len, d.pub), 0);
}

static void test_bad_public_keys_are_refused(void **state)
{
    (void)state;
    struct decoded d;
    decode(&rfc[1], &d);
    uint8_t key[32];
    /* y = p (non-canonical encoding of 0) and y = p + 1 */
    memset(key, 0xff, 32);
    key[0] = 0xed;
    key[31] = 0x7f;
    assert_int_not_equal(ed25519_verify(d.sig, d.msg, d.len, key), 0);
    key[0] = 0xee;
    assert_int_not_equal(ed25519_verify(d.sig, d.msg, d.len, key), 0);
    /* y = 2: (y^2 - 1) / (d y^2 + 1) is not a square, no point has it */
    memset(key, 0, 32);
    key[0] = 2;
    assert_int_not_equal(ed25519_verify(d.sig, d.msg, d.len, key), 0);
    /* the identity (y = 1) and the point of order 2 (y = -1): small order */
    memset(key, 0, 32);
    key[0] = 1;
    assert_int_not_equal(ed25519_verify(d.sig, d.msg, d.len, key), 0);
    memset(key, 0xff, 32);
    key[0] = 0xec;
    key[31] = 0x7f;
    assert_int_not_equal(ed25519_verify(d.sig, d.msg, d.len, key), 0);
    /* x = 0 with the sign bit set is not a valid encoding */
    key[31] |= 0x80;
    assert_int_not_equal(ed25519_verify(d.sig, d.msg, d.len, key), 0);
    memset(key, 0, 32);
    key[0] = 1;
    key[31] = 0x80;
    assert_int_not_equal(ed25519_verify(d.sig, d.msg, d.len, key), 0);
}

/* A signature made for one vector's key does not verify another's message under its own key. */
static void test_signatures_do_not_transfer(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rfc / sizeof rfc[0]; i++)
        for (size_t j = 0; j < sizeof rfc / sizeof rfc[0]; j++) {
            if (i == j)
                continue;
            struct decoded a, b;
            decode(&rfc[i], &a);
            decode(&rfc[j], &b);
            assert_int_not_equal(ed25519_verify(a.sig, b.msg, b.len, b.pub), 0);
            assert_int_not_equal(ed25519_verify(a.sig, a.msg, a.len, b.pub), 0);
        }
}

const struct CMUnitTest ed25519_tests[] = {
    cmocka_unit_test(test_rfc8032_vectors_verify),
    cmocka_unit_test(test_rfc8032_every_bit_flip_is_refused),
    cmocka_unit_test(test_non_canonical_s_is_refused),
    cmocka_unit_test(test_bad_public_keys_are_refused),
    cmocka_unit_test(test_signatures_do_not_transfer),
};
const size_t ed25519_tests_count = sizeof ed25519_tests / sizeof ed25519_tests[0];
