/* shim.c — host implementations of the kernel services kernel/fs uses (see shim.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/proc.h"
#include "console.h"
#include "klog.h"
#include "kmod.h"
#include "mm.h"
#include "shim.h"

long shim_live_blocks;
long shim_fail_alloc_after = -1;

void *kmalloc(size_t size)
{
    void *p;

    if (shim_fail_alloc_after == 0)
        return NULL;
    if (shim_fail_alloc_after > 0)
        shim_fail_alloc_after--;
    p = malloc(size ? size : 1);
    if (p)
        shim_live_blocks++;
    return p;
}

void *kzalloc(size_t size)
{
    void *p = kmalloc(size);
    if (p)
        memset(p, 0, size);
    return p;
}

void kfree(void *ptr)
{
    if (ptr)
        shim_live_blocks--;
    free(ptr);
}

static char shim_log_buf[65536];
static size_t shim_log_len;

int vprintk(const char *fmt, va_list ap)
{
    char line[1024];
    int n;

    if (fmt[0] == '\001' && fmt[1])
        fmt += 2;                      /* the KERN_* level prefix */
    n = vsnprintf(line, sizeof(line), fmt, ap);
    if (n > 0) {
        size_t len = strlen(line);
        if (shim_log_len + len < sizeof(shim_log_buf)) {
            memcpy(shim_log_buf + shim_log_len, line, len + 1);
            shim_log_len += len;
        }
        if (getenv("FS_UNIT_VERBOSE"))
            fprintf(stderr, "printk: %s", line);
    }
    return n;
}

int printk(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vprintk(fmt, ap);
    va_end(ap);
    return n;
}

const char *shim_log(void)
{
    return shim_log_buf;
}

void shim_log_clear(void)
{
    shim_log_len = 0;
    shim_log_buf[0] = '\0';
}

char shim_console_out[4096];
size_t shim_console_out_len;
static const char *shim_console_in = "";

void shim_console_input(const char *s)
{
    shim_console_in = s;
}

void console_write(const char *buf, size_t len)
{
    if (shim_console_out_len + len < sizeof(shim_console_out)) {
        memcpy(shim_console_out + shim_console_out_len, buf, len);
        shim_console_out_len += len;
    }
}

int console_set_foreground(ark_pid_t pid)
{
    return pid < 0 ? -EINVAL : 0;      /* Ctrl-C handling is the real console's business */
}

long console_read(char *buf, size_t len)
{
    size_t avail = strlen(shim_console_in);

    if (avail == 0)
        return 0;                      /* the real console blocks; a test never waits */
    if (len > avail)
        len = avail;
    memcpy(buf, shim_console_in, len);
    shim_console_in += len;
    return (long)len;
}

const char *shim_klog = "";
uint64_t shim_uptime_ms;

size_t klog_copy(char *buf, size_t size)
{
    size_t n = strlen(shim_klog);

    if (n > size)
        n = size;
    memcpy(buf, shim_klog, n);
    return n;
}

size_t klog_size(void)
{
    return strlen(shim_klog);
}

uint32_t pmm_total_pages(void) { return 32768; }
uint32_t pmm_free_pages(void) { return 30000; }
size_t kheap_bytes_in_use(void) { return 12345; }
size_t kheap_blocks_in_use(void) { return 67; }
uint64_t ark_uptime_ms(void) { return shim_uptime_ms; }

ark_uid_t shim_uid;
ark_gid_t shim_gid;

ark_uid_t fs_cred_uid(void) { return shim_uid; }
ark_gid_t fs_cred_gid(void) { return shim_gid; }

/* The DKM glue's hooks, which kernel/fs declares weak. */
struct kmod *shim_owner;
struct kmod *shim_caller;
char shim_requested[128];
int shim_request_count;
int (*shim_request_hook)(const char *name);

struct kmod *kmod_owner_for(const uintptr_t *addrs, unsigned n)
{
    (void)addrs;
    (void)n;
    return shim_owner;
}

struct kmod *kmod_current(void)
{
    return shim_caller;
}

void kmod_get(struct kmod *m)
{
    if (m)
        m->refs++;
}

void kmod_put(struct kmod *m)
{
    if (m)
        m->refs--;
}

const char *kmod_name(const struct kmod *m)
{
    return m->name;
}

int kmod_request(const char *name)
{
    snprintf(shim_requested, sizeof(shim_requested), "%s", name);
    shim_request_count++;
    return shim_request_hook ? shim_request_hook(name) : -ENOENT;
}

void dkm_meminfo_show(struct ark_seq *s)
{
    seq_printf(s, "DkmTotal: %u\nDkmUsed: %u\n", 268435456u, 8192u);
}
