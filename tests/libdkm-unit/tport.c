/* tport.c — the unit tests' libdkm port (see tport.h). Memory is mapped below 4 GiB so the same
 * code works in a 64-bit test process. */
#define _GNU_SOURCE
#include "tport.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

int tport_counter;
char tport_printed[256];

static int host_printk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tport_printed, sizeof tport_printed, fmt, ap);
    va_end(ap);
    return n;
}

static void host_bump(int by)
{
    tport_counter += by;
}

static void *region_alloc(void *ctx, size_t size)
{
    struct tport *t = ctx;
    if (t->fail_region_after > 0 && --t->fail_region_after == 0)
        return NULL;
    int flags = MAP_PRIVATE | MAP_ANONYMOUS;
#ifdef MAP_32BIT
    flags |= MAP_32BIT;
#endif
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, flags, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static int region_protect(void *ctx, void *addr, size_t size, unsigned prot)
{
    struct tport *t = ctx;
    t->protect_calls++;
    int p = 0;
    if (prot & DKM_PROT_R)
        p |= PROT_READ;
    if (prot & DKM_PROT_W)
        p |= PROT_WRITE;
    if (prot & DKM_PROT_X)
        p |= PROT_EXEC;
    return mprotect(addr, size, p);
}

static void region_free(void *ctx, void *addr, size_t size)
{
    (void)ctx;
    munmap(addr, size);
}

static int region_claim(void *ctx, uintptr_t addr, size_t size)
{
    (void)ctx;
    void *p = mmap((void *)addr, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == MAP_FAILED)
        return -1;
    if (p != (void *)addr) {
        munmap(p, size);
        return -1;
    }
    return 0;
}

/* Each block carries its size in front, so a free with the wrong size is caught. */
static void *meta_alloc(void *ctx, size_t size)
{
    struct tport *t = ctx;
    if (t->fail_meta_after > 0 && --t->fail_meta_after == 0)
        return NULL;
    size_t *p = malloc(size + 16);
    if (!p)
        return NULL;
    p[0] = size;
    return (char *)p + 16;
}

static void meta_free(void *ctx, void *ptr, size_t size)
{
    struct tport *t = ctx;
    size_t *p = (size_t *)(void *)((char *)ptr - 16);
    if (p[0] != size)
        t->bad_frees++;
    free(p);
}

static int resolve(void *ctx, const char *name, uintptr_t *addr)
{
    (void)ctx;
    if (!strcmp(name, "printk"))
        *addr = (uintptr_t)host_printk;
    else if (!strcmp(name, "host_bump"))
        *addr = (uintptr_t)host_bump;
    else if (!strcmp(name, "tport_counter"))
        *addr = (uintptr_t)&tport_counter;
    else
        return -1;
    /* A 64-bit process only links modules (DKM_LOAD_NO_RUN): give them addresses they can hold. */
    if (sizeof(void *) > 4)
        *addr = 0x1000 + (*addr & 0xfff);
    return 0;
}

static void log_line(void *ctx, int level, const char *msg)
{
    struct tport *t = ctx;
    (void)level;
    snprintf(t->last_log, sizeof t->last_log, "%s", msg);
    t->nlogs++;
}

static int call(void *ctx, uintptr_t fn, const void *arg)
{
    struct tport *t = ctx;
    t->calls++;
    if (t->before_call)
        t->before_call(t);
    return ((int (*)(const void *))fn)(arg);
}

void tport_init(struct tport *t)
{
    memset(t, 0, sizeof *t);
    t->port.ctx = t;
    t->port.page_size = 4096;
    t->port.region_alloc = region_alloc;
    t->port.region_protect = region_protect;
    t->port.region_free = region_free;
    t->port.region_claim = region_claim;
    t->port.meta_alloc = meta_alloc;
    t->port.meta_free = meta_free;
    t->port.resolve = resolve;
    t->port.log = log_line;
    if (sizeof(void *) == 4)
        t->port.call = call;
}

struct dkm_loader *tport_loader(struct tport *t, uint32_t abi)
{
    struct dkm_config cfg = {0};
    cfg.abi_version = abi;
    cfg.init_arg = (const void *)t;
    struct dkm_loader *ld = NULL;
    if (dkm_loader_create(&t->port, &cfg, &ld) != DKM_OK) {
        fprintf(stderr, "dkm_loader_create failed\n");
        abort();
    }
    return ld;
}

void *tport_read(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        abort();
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    void *buf = aligned_alloc(16, ((size_t)n + 31) & ~(size_t)15);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "cannot read %s\n", path);
        abort();
    }
    fclose(f);
    *size = (size_t)n;
    return buf;
}

const char *tport_path(const char *name)
{
    static char buf[4][512];
    static int next;
    const char *dir = getenv("LIBDKM_UNIT_MODS");
    char *b = buf[next++ % 4];
    snprintf(b, sizeof buf[0], "%s/%s", dir ? dir : "build/tests/libdkm-unit/mods", name);
    return b;
}
