/* printk.c — the kernel log. Each message may start with a KERN_* level ("\001N"); it is stored in
 * the ring (dmesg, /proc/kmsg) with a "[seconds.millis] " stamp at the start of every line, and
 * printed on the console when its level is below the console level (cmdline "loglevel=N"). */
#include "klog.h"
#include "klog_ring.h"
#include "console.h"
#include "kapi.h"
#include "cpu.h"
#include "ark/kernel.h"
#include "export.h"

#define KLOG_SIZE (64 * 1024)
#define PRINTK_LINE_MAX 512
#define LOGLEVEL_DEFAULT_MESSAGE 6       /* KERN_INFO when a message names no level */
#define LOGLEVEL_DEFAULT_CONSOLE 7       /* everything except KERN_DEBUG reaches the console */

static char klog_buf[KLOG_SIZE];
static struct klog_ring klog = { klog_buf, KLOG_SIZE, 0, 0, false };
static bool klog_at_line_start = true;
static bool console_at_line_start = true;   /* as far as printk's own console output goes */
static int console_loglevel = LOGLEVEL_DEFAULT_CONSOLE;

void printk_set_console_level(int level)
{
    if (level >= 0 && level <= 8)
        console_loglevel = level;
}

static void klog_store(const char *text, size_t n)
{
    char stamp[24];
    for (size_t i = 0; i < n;) {
        if (klog_at_line_start) {
            uint64_t ms = ark_uptime_ms();
            uint32_t sec = (uint32_t)(ms / 1000), milli = (uint32_t)(ms % 1000);
            int len = snprintf(stamp, sizeof(stamp), "[%5u.%03u] ", sec, milli);
            klog_ring_append(&klog, stamp, (size_t)len);
            klog_at_line_start = false;
        }
        size_t j = i;
        while (j < n && text[j] != '\n')
            j++;
        if (j < n) {
            j++;                           /* include the newline */
            klog_at_line_start = true;
        }
        klog_ring_append(&klog, text + i, j - i);
        i = j;
    }
}

static int vprintk_to(bool to_console, const char *fmt, va_list ap);

int vprintk(const char *fmt, va_list ap)
{
    return vprintk_to(true, fmt, ap);
}
KERNEL_EXPORT(vprintk);

/* The kernel log only, never the console: for a failure that is also reported to the program
 * that asked (strapper prints it), so the console shows it once. */
int printk_log_only(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vprintk_to(false, fmt, ap);
    va_end(ap);
    return n;
}

static int vprintk_to(bool to_console, const char *fmt, va_list ap)
{
    int level = LOGLEVEL_DEFAULT_MESSAGE;
    bool leveled = false, cont = false;
    /* Prefixes: "\001N" a level, "\001c" a continuation of the previous line (Linux's KERN_CONT),
     * "\001d" the default level; several may follow each other. */
    while (fmt[0] == '\001' && ((fmt[1] >= '0' && fmt[1] <= '7') || fmt[1] == 'c' || fmt[1] == 'd')) {
        if (fmt[1] >= '0' && fmt[1] <= '7')
            level = fmt[1] - '0';
        if (fmt[1] == 'c')
            cont = true;
        else
            leveled = true;
        fmt += 2;
    }
    char line[PRINTK_LINE_MAX];
    int n = vsnprintf(line, sizeof(line), fmt, ap);
    size_t len = n < (int)sizeof(line) ? (size_t)n : sizeof(line) - 1;

    uint32_t flags = irq_save();
    /* As on Linux, a message with a level starts a line of its own: one left unfinished by the
     * message before it ends here (only KERN_CONT carries on with it). */
    if (leveled && !cont && !klog_at_line_start) {
        klog_store("\n", 1);
        if (!console_at_line_start) {
            console_write("\n", 1);
            console_at_line_start = true;
        }
    }
    klog_store(line, len);
    if (to_console && level < console_loglevel && len) {
        console_write(line, len);
        console_at_line_start = line[len - 1] == '\n';
    }
    irq_restore(flags);
    return (int)len;
}

int printk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vprintk(fmt, ap);
    va_end(ap);
    return n;
}
KERNEL_EXPORT(printk);

size_t klog_copy(char *buf, size_t size)
{
    uint32_t flags = irq_save();
    size_t n = klog_ring_copy(&klog, buf, size);
    irq_restore(flags);
    return n;
}

size_t klog_size(void)
{
    uint32_t flags = irq_save();
    size_t n = klog_ring_size(&klog);
    irq_restore(flags);
    return n;
}
