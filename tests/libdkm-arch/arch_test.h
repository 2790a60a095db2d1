/* arch_test.h — what every architecture's libdkm-arch test shares: reading the files the suite
 * hands it (LIBDKM_ARCH_MOD: the relocatable module; LIBDKM_ARCH_DYN: a linked image) into
 * 8-byte-aligned memory, since libdkm reads ELF tables in place. Include after <cmocka.h>. */
#ifndef LIBDKM_ARCH_TEST_H
#define LIBDKM_ARCH_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct image {
    uint8_t *data;
    size_t size;
};

/* The file named by environment variable env; the test fails if it is missing or unreadable. */
static inline struct image read_image(const char *env)
{
    const char *path = getenv(env);
    assert_non_null(path);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    struct image im = {aligned_alloc(8, ((size_t)n + 7) & ~7ul), (size_t)n};
    assert_non_null(im.data);
    assert_int_equal(fread(im.data, 1, im.size, f), im.size);
    fclose(f);
    return im;
}

static inline struct image read_module(void)
{
    return read_image("LIBDKM_ARCH_MOD");
}

#endif
