/* tests/libdkm-behaviour/test_port.c — the Linux port itself: region protections and accounting,
 * fixed-range claims, C-library resolution, and crash catching. */
#define _GNU_SOURCE
#include "tests.h"

#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

void test_port_regions(void **state)
{
    (void)state;
    struct port_linux p;
    port_linux_init(&p, PORT_LINUX_QUIET);
    size_t pg = p.port.page_size;
    unsigned char *r = p.port.region_alloc(p.port.ctx, 3 * pg);
    assert_non_null(r);
    assert_int_equal((uintptr_t)r % pg, 0);
    assert_int_equal(r[0] | r[3 * pg - 1], 0);               /* zeroed */
    r[pg] = 7;                                               /* writable */
    assert_int_equal(p.region_bytes, 3 * pg);
    assert_int_equal(p.region_blocks, 1);
    assert_int_equal(p.port.region_protect(p.port.ctx, r, 3 * pg, DKM_PROT_R), 0);
    assert_int_equal(r[pg], 7);
    p.port.region_free(p.port.ctx, r, 3 * pg);
    assert_int_equal(p.region_bytes, 0);
    assert_int_equal(p.region_blocks, 0);
    void *m = p.port.meta_alloc(p.port.ctx, 100);
    assert_int_equal(p.meta_bytes, 100);
    p.port.meta_free(p.port.ctx, m, 100);
    assert_int_equal(p.meta_bytes + p.meta_blocks, 0);
    port_linux_fini(&p);
}

void test_port_claim(void **state)
{
    (void)state;
    struct port_linux p;
    port_linux_init(&p, PORT_LINUX_QUIET);
    size_t pg = p.port.page_size;
    uintptr_t at = 0x28000000;
    assert_int_equal(p.port.region_claim(p.port.ctx, at, 2 * pg), 0);
    assert_int_equal(((unsigned char *)at)[0], 0);
    /* The same range, or one overlapping it, is taken now. */
    assert_int_not_equal(p.port.region_claim(p.port.ctx, at, pg), 0);
    assert_int_not_equal(p.port.region_claim(p.port.ctx, at + pg, 2 * pg), 0);
    assert_int_not_equal(p.port.region_claim(p.port.ctx, at + 1, pg), 0);   /* unaligned */
    assert_int_equal(p.region_blocks, 1);
    p.port.region_free(p.port.ctx, (void *)at, 2 * pg);
    assert_int_equal(p.port.region_claim(p.port.ctx, at, pg), 0);
    p.port.region_free(p.port.ctx, (void *)at, pg);
    assert_int_equal(p.region_bytes, 0);
    port_linux_fini(&p);
}

void test_port_resolve(void **state)
{
    (void)state;
    struct port_linux p;
    uintptr_t addr = 0;
    port_linux_init(&p, PORT_LINUX_QUIET);
    assert_int_not_equal(p.port.resolve(p.port.ctx, "qsort", &addr), 0);   /* off by default */
    port_linux_fini(&p);
    port_linux_init(&p, PORT_LINUX_QUIET | PORT_LINUX_LIBC);
    assert_int_equal(p.port.resolve(p.port.ctx, "qsort", &addr), 0);
    assert_int_equal(addr, (uintptr_t)qsort);
    assert_int_equal(port_linux_resolved_addr(&p, "qsort"), (uintptr_t)qsort);
    assert_int_equal(p.port.resolve(p.port.ctx, "sqrt", &addr), 0);        /* from libm */
    assert_true(((double (*)(double))addr)(16.0) == 4.0);
    assert_int_not_equal(p.port.resolve(p.port.ctx, "no_such_function_anywhere", &addr), 0);
    assert_int_equal(port_linux_resolved_addr(&p, "no_such_function_anywhere"), 0);
    port_linux_fini(&p);
}

static int port_test_fault(const void *arg)
{
    (void)arg;
    volatile int *volatile bad = (volatile int *)(uintptr_t)arg;
    return *bad;
}

static int port_test_ok(const void *arg)
{
    return *(const int *)arg + 1;
}

void test_port_catches_crashes(void **state)
{
    (void)state;
    struct port_linux p;
    struct sigaction before, now;
    sigaction(SIGSEGV, NULL, &before);
    port_linux_init(&p, PORT_LINUX_QUIET | PORT_LINUX_CATCH);
    int v = 41;
    assert_int_equal(port_linux_call(&p, (uintptr_t)port_test_ok, &v), 42);
    assert_int_equal(p.fault_signal, 0);
    assert_int_equal(port_linux_call(&p, (uintptr_t)port_test_fault, (const void *)16), PORT_LINUX_CRASHED);
    assert_int_equal(p.fault_signal, SIGSEGV);
    assert_int_equal(p.fault_addr, 16);
    char buf[64];
    assert_string_equal(port_linux_fault(&p, buf, sizeof(buf)), "SIGSEGV at 0x10");
    /* The process is fine afterwards, and the previous handler (cmocka's) is back. */
    assert_int_equal(port_linux_call(&p, (uintptr_t)port_test_ok, &v), 42);
    sigaction(SIGSEGV, NULL, &now);
    assert_true(now.sa_handler == before.sa_handler);
    port_linux_fini(&p);
}
