/* host/host_kapi.c — the host versions of the kernel's core services (printk, kmalloc, strings,
 * user copies, time, panic), the ark_kernel_api_t table, and the export list given to libdkm. */
#define _GNU_SOURCE
#include "host_kapi.h"
#include "host_kapi_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ark/errno.h"
#include "host_clock.h"

FILE *host_kapi_trace_stream;

static host_kapi_sink_t host_printk_sink;
static void *host_printk_sink_arg;

/* ---- printk -------------------------------------------------------------------------------- */

/* A KERN_ prefix is SOH followed by a digit; the kernel shows the level, the host just strips it. */
static int host_vprintk(const char *fmt, va_list ap)
{
    int level = 4;
    if (fmt[0] == '\001' && fmt[1] >= '0' && fmt[1] <= '7') {
        level = fmt[1] - '0';
        fmt += 2;
    }
    char small[512];
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    char *text = small;
    if (n >= (int)sizeof(small)) {
        text = malloc((size_t)n + 1);
        if (text != NULL)
            vsnprintf(text, (size_t)n + 1, fmt, again);
        else
            text = small;
    }
    va_end(again);
    if (n < 0) {
        return n;
    }
    if (host_printk_sink != NULL) {
        host_printk_sink(host_printk_sink_arg, level, text);
    } else {
        fputs(text, stdout);
        fflush(stdout);
    }
    if (text != small)
        free(text);
    return n;
}

static int host_printk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = host_vprintk(fmt, ap);
    va_end(ap);
    return n;
}

void host_kapi_set_printk_sink(host_kapi_sink_t sink, void *arg)
{
    host_printk_sink = sink;
    host_printk_sink_arg = arg;
}

void host_kapi_set_trace(FILE *trace)
{
    host_kapi_trace_stream = trace;
}

/* ---- Memory ---------------------------------------------------------------------------------- */

/* Each block carries its size in front so that leaks can be counted after a module's exit. */
struct host_kmalloc_header {
    size_t size;
    size_t pad;                  /* keeps the payload 8-byte aligned on i386 as malloc's is */
};

static size_t host_kmalloc_bytes, host_kmalloc_blocks;

static void *host_kmalloc(size_t size)
{
    struct host_kmalloc_header *h = malloc(sizeof(*h) + size);
    if (h == NULL)
        return NULL;
    h->size = size;
    host_kmalloc_bytes += size;
    host_kmalloc_blocks++;
    return h + 1;
}

static void *host_kzalloc(size_t size)
{
    void *p = host_kmalloc(size);
    if (p != NULL)
        memset(p, 0, size);
    return p;
}

static void host_kfree(void *ptr)
{
    if (ptr == NULL)
        return;
    struct host_kmalloc_header *h = (struct host_kmalloc_header *)ptr - 1;
    host_kmalloc_bytes -= h->size;
    host_kmalloc_blocks--;
    free(h);
}

size_t host_kapi_kmalloc_outstanding(size_t *blocks)
{
    if (blocks != NULL)
        *blocks = host_kmalloc_blocks;
    return host_kmalloc_bytes;
}

/* glibc before 2.38 has no strlcpy. */
static size_t host_strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);
    if (size > 0) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}

/* On the host, "user" memory is the process's own: a copy is a memcpy, NULL the only bad address. */
static int host_copy_from_user(void *dst, const void *user_src, size_t n)
{
    if (n > 0 && (dst == NULL || user_src == NULL))
        return -EFAULT;
    memcpy(dst, user_src, n);
    return 0;
}

static int host_copy_to_user(void *user_dst, const void *src, size_t n)
{
    return host_copy_from_user(user_dst, src, n);
}

/* ---- Time and panic ------------------------------------------------------------------------- */

static uint64_t host_uptime_ms(void)
{
    return host_clock_ms();
}

/* The kernel would stop; the host process reports like the kernel does and exits. */
static void host_panic(const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    fflush(stdout);
    fprintf(stderr, "dkm-host: kernel panic: %s\n", msg);
    exit(3);
}

/* ---- The table and the exports --------------------------------------------------------------- */

static const ark_kernel_api_t host_api = {
    .abi_version = ARK_ABI_CURRENT,
    .size = sizeof(ark_kernel_api_t),
    .printk = host_printk,
    .kmalloc = host_kmalloc,
    .kfree = host_kfree,
    .dev_register = host_dev_register,
    .dev_unregister = host_dev_unregister,
    .proc_create = host_proc_create,
    .proc_remove = host_proc_remove,
    .seq_printf = host_seq_printf,
    .timer_create = host_timer_create,
    .timer_start = host_timer_start,
    .timer_stop = host_timer_stop,
    .timer_destroy = host_timer_destroy,
    .irq_register = host_irq_register,
    .irq_unregister = host_irq_unregister,
    .uptime_ms = host_uptime_ms,
    .copy_to_user = host_copy_to_user,
    .copy_from_user = host_copy_from_user,
};

const ark_kernel_api_t *host_kapi_table(void)
{
    return &host_api;
}

struct host_export {
    const char *name;
    uintptr_t addr;
};

#define HOST_EXPORT(name, fn) { name, (uintptr_t)(fn) }

/* Everything include/ark/kernel.h, device.h, proc.h, timer.h and irq.h declare. Functions whose
 * kernel versions behave like the C library's are the C library's own. */
static const struct host_export host_exports[] = {
    HOST_EXPORT("printk", host_printk),
    HOST_EXPORT("vprintk", host_vprintk),
    HOST_EXPORT("snprintf", snprintf),
    HOST_EXPORT("vsnprintf", vsnprintf),
    HOST_EXPORT("kmalloc", host_kmalloc),
    HOST_EXPORT("kzalloc", host_kzalloc),
    HOST_EXPORT("kfree", host_kfree),
    HOST_EXPORT("memcpy", memcpy),
    HOST_EXPORT("memmove", memmove),
    HOST_EXPORT("memset", memset),
    HOST_EXPORT("memcmp", memcmp),
    HOST_EXPORT("strlen", strlen),
    HOST_EXPORT("strnlen", strnlen),
    HOST_EXPORT("strcmp", strcmp),
    HOST_EXPORT("strncmp", strncmp),
    HOST_EXPORT("strchr", strchr),
    HOST_EXPORT("strlcpy", host_strlcpy),
    HOST_EXPORT("copy_from_user", host_copy_from_user),
    HOST_EXPORT("copy_to_user", host_copy_to_user),
    HOST_EXPORT("ark_uptime_ms", host_uptime_ms),
    HOST_EXPORT("panic", host_panic),
    HOST_EXPORT("dev_register", host_dev_register),
    HOST_EXPORT("dev_unregister", host_dev_unregister),
    HOST_EXPORT("proc_create", host_proc_create),
    HOST_EXPORT("proc_remove", host_proc_remove),
    HOST_EXPORT("seq_printf", host_seq_printf),
    HOST_EXPORT("seq_write", host_seq_write),
    HOST_EXPORT("timer_create", host_timer_create),
    HOST_EXPORT("timer_start", host_timer_start),
    HOST_EXPORT("timer_stop", host_timer_stop),
    HOST_EXPORT("timer_destroy", host_timer_destroy),
    HOST_EXPORT("irq_register", host_irq_register),
    HOST_EXPORT("irq_unregister", host_irq_unregister),
};

int host_kapi_init(struct dkm_loader *ld)
{
    host_clock_start();
    host_registry_bind(ld);
    for (size_t i = 0; i < sizeof(host_exports) / sizeof(host_exports[0]); i++) {
        int rc = dkm_export_add(ld, host_exports[i].name, host_exports[i].addr);
        if (rc != 0)
            return rc;
    }
    return host_sched_add_exports(ld);
}

void host_kapi_fini(void)
{
    host_sched_release_all();
    host_registry_clear();
    host_registry_bind(NULL);
}
