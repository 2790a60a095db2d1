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
#include <sys/mman.h>
#include <unistd.h>
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

/* The mapping checks read the host's /proc; without it they cannot tell, so they are skipped. */
static void need_proc_maps(void)
{
    if (access("/proc/self/maps", R_OK) != 0) {
        print_message("no /proc/self/maps: cannot see the process's mappings\n");
        skip();
    }
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

/* Why enforced loads stay cheap: a block is a mapping of its own, loaded or freed. It is not merged
 * back into the untouched reservation when freed, nor, at the reservation's low end, with memory
 * of the process's that lies below it, so the next load's protection changes apply to a whole
 * mapping instead of splitting one. */
static void expect_own_mapping(const unsigned char *block, size_t bytes, const char *perms_wanted)
{
    uintptr_t start, end;
    char perms[5];
    assert_int_equal(mapping_of(block, &start, &end, perms), 0);
    assert_string_equal(perms, perms_wanted);
    assert_int_equal(start, (uintptr_t)block);
    assert_int_equal(end, (uintptr_t)block + bytes);
}

/* The start of the only inaccessible mapping whose size lies in [min, max]. */
static uintptr_t reservation_start(size_t min, size_t max)
{
    FILE *f = fopen("/proc/self/maps", "r");
    assert_non_null(f);
    char line[512];
    uintptr_t found = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long s, e;
        char p[5];
        if (sscanf(line, "%lx-%lx %4s", &s, &e, p) == 3 && !strcmp(p, "---p") && e - s >= min &&
            e - s <= max) {
            assert_int_equal(found, 0);
            found = s;
        }
    }
    fclose(f);
    assert_int_not_equal(found, 0);
    return found;
}

static void test_block_stays_its_own_mapping(void **state)
{
    (void)state;
    need_proc_maps();
    struct arena *a = arena_create(ARENA_TEST_BYTES, 1);
    assert_non_null(a);
    /* read-write memory of the process's right below the arena, as the C library's often is */
    const uintptr_t lowest = reservation_start(ARENA_TEST_BYTES, ARENA_TEST_BYTES + 16 * PAGE);
    unsigned char *below = mmap((void *)(lowest - 16 * PAGE), 16 * PAGE, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    assert_ptr_equal(below, (void *)(lowest - 16 * PAGE));
    memset(below, 1, 16 * PAGE);

    unsigned char *first = arena_alloc(a, 4 * PAGE);
    assert_non_null(first);
    memset(first, 1, 4 * PAGE);
    expect_own_mapping(first, 4 * PAGE, "rw-p");
    unsigned char *block = arena_alloc(a, 16 * PAGE);
    assert_non_null(block);
    memset(block, 1, 16 * PAGE);
    arena_free(a, block, 16 * PAGE);
    expect_own_mapping(block, 16 * PAGE, "---p");
    arena_free(a, first, 4 * PAGE);
    expect_own_mapping(first, 20 * PAGE, "---p");   /* neighbours freed merge, as in the free list */

    arena_destroy(a);
    munmap(below, 16 * PAGE);
}

static void test_unenforced_arena_needs_no_system_call(void **state)
{
    (void)state;
    need_proc_maps();
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
        cmocka_unit_test(test_block_stays_its_own_mapping),
        cmocka_unit_test(test_unenforced_arena_needs_no_system_call),
    };
    return cmocka_run_group_tests_name("bench-unit", tests, NULL, NULL);
}
