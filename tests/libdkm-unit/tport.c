/* tport.c — the unit tests' libdkm port (see tport.h): host/port_linux.c underneath, wrapped to
 * count calls, check the size of every free and inject allocation failures. Memory is mapped below
 * 4 GiB so the same code works in a 64-bit test process. */
#include "tport.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The wrappers get the tport as ctx and hand port_linux its own record. */
static void *region_alloc(void *ctx, size_t size)
{
    struct tport *t = ctx;
    if (t->fail_region_after > 0 && --t->fail_region_after == 0)
        return NULL;
    void *p = t->host.port.region_alloc(&t->host, size);
    /* Stale bytes, as a port that does not zero (DKM_REGION_UNZEROED) may hand out. */
    if (p && t->poison_regions)
        memset(p, TPORT_POISON, size);
    return p;
}

static int region_protect(void *ctx, void *addr, size_t size, unsigned prot)
{
    struct tport *t = ctx;
    t->protect_calls++;
    return t->host.port.region_protect(&t->host, addr, size, prot);
}

static void region_free(void *ctx, void *addr, size_t size)
{
    struct tport *t = ctx;
    t->host.port.region_free(&t->host, addr, size);
}

static int region_claim(void *ctx, uintptr_t addr, size_t size)
{
    struct tport *t = ctx;
    return t->host.port.region_claim(&t->host, addr, size);
}

/* Each block carries its size in front, so a free with the wrong size is caught. */
static void *meta_alloc(void *ctx, size_t size)
{
    struct tport *t = ctx;
    if (t->fail_meta_after > 0 && --t->fail_meta_after == 0)
        return NULL;
    size_t *p = t->host.port.meta_alloc(&t->host, size + 16);
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
    t->host.port.meta_free(&t->host, p, p[0] + 16);
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

static int call(void *ctx, uintptr_t fn, const void *arg, unsigned flags, int *result)
{
    struct tport *t = ctx;
    t->calls++;
    if (t->before_call)
        t->before_call(t);
    return t->host.port.call(&t->host, fn, arg, flags, result);
}

void tport_init(struct tport *t)
{
    memset(t, 0, sizeof *t);
    port_linux_init(&t->host, 0);
    t->port = (struct dkm_port){
        .ctx = t,
        .page_size = t->host.port.page_size,
        .region_alloc = region_alloc, .region_protect = region_protect,
        .region_free = region_free, .region_claim = region_claim,
        .meta_alloc = meta_alloc, .meta_free = meta_free,
        .resolve = resolve, .log = log_line,
        /* a 64-bit process only links modules: nothing to call */
        .call = sizeof(void *) == 4 ? call : NULL,
        .exec_stack = t->host.port.exec_stack,
    };
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
