/* main.c — runs the crypto-unit tables (SHA-2, Ed25519 vectors and, when built against
 * libsodium, the randomised comparison with it) as one cmocka group. */
#include "tests.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void unhex(const char *hex, uint8_t *out, size_t n)
{
    assert_int_equal(strlen(hex), 2 * n);
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        assert_int_equal(sscanf(hex + 2 * i, "%2x", &v), 1);
        out[i] = (uint8_t)v;
    }
}

int main(void)
{
    const struct { const struct CMUnitTest *tests; size_t count; } tables[] = {
        { sha_tests, sha_tests_count },
        { ed25519_tests, ed25519_tests_count },
#ifdef CRYPTO_UNIT_SODIUM
        { sodium_tests, sodium_tests_count },
#endif
    };
    size_t total = 0;
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        total += tables[i].count;
    struct CMUnitTest *all = calloc(total, sizeof *all);
    if (!all)
        return 1;
    size_t n = 0;
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        for (size_t j = 0; j < tables[i].count; j++)
            all[n++] = tables[i].tests[j];
    int failed = _cmocka_run_group_tests("crypto-unit", all, total, NULL, NULL);
    free(all);
    return failed ? 1 : 0;
}
