/* test_arena.c — the benchmark's module arena keeps the promises its enforced figures rest on:
 * allocated pages are writable, region protections really apply, freed pages fault, freed space
 * is handed out again, and a freed block stays a mapping of its own in the host's address space. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"

#define PAGE 4096u
#define ARENA_TEST_BYTES (16u << 20)

static sigjmp_buf fault_jump;

static void on_fault(int sig)
{
    siglongjmp(fault_jump, sig);
}

/* 0 when the access went through, otherwise the signal it raised. */
static int probe(volatile unsigned char *p, int write)
{
    struct sigaction sa, old_segv, old_bus;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fault;
    sigaction(SIGSEGV, &sa, &old_segv);
    sigaction(SIGBUS, &sa, &old_bus);
    int sig = sigsetjmp(fault_jump, 1);
    if (sig == 0) {
        if (write)
            *p = 0x5a;
        else
            (void)*p;
    }
    sigaction(SIGSEGV, &old_segv, NULL);
    sigaction(SIGBUS, &old_bus, NULL);
    return sig;
}

/* The line of /proc/self/maps holding addr: its start, end and permissions. */
static int mapping_of(const void *addr, uintptr_t *start, uintptr_t *end, char perms[5])
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return -1;
    char line[512];
    int found = -1;
    while (fgets(line, sizeof line, f)) {
        unsigned long s, e;
        char p[5];
        if (sscanf(line, "%lx-%lx %4s", &s, &e, p) != 3)
            continue;
        if ((uintptr_t)addr >= s && (uintptr_t)addr < e) {
            *start = s;
            *end = e;
            memcpy(perms, p, 5);
            found = 0;
            break;
        }
    }
    fclose(f);
    return found;
}

static void test_enforced_pages_follow_the_port_contract(void **state)
{
    (void)state;
    struct arena *a = arena_create(ARENA_TEST_BYTES, 1);
    assert_non_null(a);
    struct dkm_port port;
    arena_port_init(&port, a);
    assert_non_null(port.region_protect);

    unsigned char *r = port.region_alloc(port.ctx, 4 * PAGE);
    assert_non_null(r);
    assert_int_equal(probe(r, 1), 0);
    assert_int_equal(probe(r + 4 * PAGE - 1, 1), 0);
    assert_int_equal(arena_free_bytes(a), ARENA_TEST_BYTES - 4 * PAGE);

    /* the first page as code, the rest stays data */
    assert_int_equal(port.region_protect(port.ctx, r, PAGE, DKM_PROT_R | DKM_PROT_X), 0);
    assert_int_equal(probe(r, 0), 0);
    assert_int_equal(probe(r, 1), SIGSEGV);
    assert_int_equal(probe(r + PAGE, 1), 0);

    port.region_free(port.ctx, r, 4 * PAGE);
    for (unsigned i = 0; i < 4; i++)
        assert_int_equal(probe(r + i * PAGE, 0), SIGSEGV);
    assert_int_equal(arena_free_bytes(a), ARENA_TEST_BYTES);
    assert_int_equal(arena_largest_free(a), ARENA_TEST_BYTES);

    /* first fit hands the same pages out again, writable once more */
    unsigned char *again = port.region_alloc(port.ctx, 4 * PAGE);
    assert_ptr_equal(again, r);
    assert_int_equal(probe(again, 1), 0);
    port.region_free(port.ctx, again, 4 * PAGE);
    arena_destroy(a);
}

/* Why enforced loads stay cheap: a freed block is not merged back into the untouched reservation,
 * so the next load's protection changes apply to a whole mapping instead of splitting one. */
static void test_freed_block_stays_its_own_mapping(void **state)
{
    (void)state;
    struct arena *a = arena_create(ARENA_TEST_BYTES, 1);
    assert_non_null(a);
    unsigned char *low = arena_alloc(a, PAGE);      /* keeps the block off the reservation's edge */
    unsigned char *block = arena_alloc(a, 16 * PAGE);
    assert_non_null(low);
    assert_non_null(block);
    memset(block, 1, 16 * PAGE);
    arena_free(a, block, 16 * PAGE);

    uintptr_t start, end;
    char perms[5];
    assert_int_equal(mapping_of(block, &start, &end, perms), 0);
    assert_string_equal(perms, "---p");
    assert_int_equal(start, (uintptr_t)block);
    assert_int_equal(end, (uintptr_t)block + 16 * PAGE);

    arena_free(a, low, PAGE);
    arena_destroy(a);
}

static void test_unenforced_arena_needs_no_system_call(void **state)
{
    (void)state;
    struct arena *a = arena_create(ARENA_TEST_BYTES, 0);
    assert_non_null(a);
    struct dkm_port port;
    arena_port_init(&port, a);
    /* by the port contract, memory without region_protect must run code as it is */
    assert_null(port.region_protect);
    unsigned char *r = port.region_alloc(port.ctx, 2 * PAGE);
    assert_non_null(r);
    uintptr_t start, end;
    char perms[5];
    assert_int_equal(mapping_of(r, &start, &end, perms), 0);
    assert_string_equal(perms, "rwxp");
    port.region_free(port.ctx, r, 2 * PAGE);
    assert_int_equal(probe(r, 1), 0);   /* left read-write: no system call on free */
    assert_null(arena_alloc(a, ARENA_TEST_BYTES + PAGE));
    arena_destroy(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_enforced_pages_follow_the_port_contract),
        cmocka_unit_test(test_freed_block_stays_its_own_mapping),
        cmocka_unit_test(test_unenforced_arena_needs_no_system_call),
    };
    return cmocka_run_group_tests_name("bench-unit", tests, NULL, NULL);
}
