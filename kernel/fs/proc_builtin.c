/* proc_builtin.c — the /proc files the kernel itself provides: meminfo (physical pages, kernel
 * heap, and the module area when DKM is linked), kmsg (the kernel log ring) and uptime. */
#include "ark/kernel.h"
#include "kapi.h"
#include "klog.h"
#include "mm.h"
#include "kptr.h"
#include "fs_internal.h"

/* The information policy (kernel/core/kptr.c) is absent from the host unit tests' build. */
#pragma weak klog_readable
#pragma weak kptr_visible
#pragma weak kptr_redact

static int meminfo_show(struct ark_seq *s, void *priv)
{
    uint32_t total = pmm_total_pages(), free_pages = pmm_free_pages();

    (void)priv;
    seq_printf(s, "MemTotal:       %10u kB\n", total * (PAGE_SIZE / 1024));
    seq_printf(s, "MemFree:        %10u kB\n", free_pages * (PAGE_SIZE / 1024));
    seq_printf(s, "PagesTotal:     %10u\n", total);
    seq_printf(s, "PagesFree:      %10u\n", free_pages);
    seq_printf(s, "KernelHeap:     %10zu bytes\n", kheap_bytes_in_use());
    seq_printf(s, "KernelHeapBlocks: %8zu\n", kheap_blocks_in_use());
    if (dkm_meminfo_show)
        dkm_meminfo_show(s);
    return 0;
}

static int kmsg_show(struct ark_seq *s, void *priv)
{
    /* the ring may grow between measuring and copying; klog_copy never overruns what it is given */
    size_t room = klog_size() + 256, len;
    char *dst;

    (void)priv;
    if (klog_readable && !klog_readable())
        return -EPERM;                 /* dmesg_restrict=1: root only */
    dst = seq_reserve(s, room);
    if (!dst)
        return s->error;
    len = klog_copy(dst, room);
    if (kptr_visible && !kptr_visible())
        kptr_redact(dst, len);         /* load lines, oopses: their addresses read as 0 */
    seq_commit(s, len);
    return 0;
}

/* Seconds and hundredths from milliseconds, without the 64-bit division libgcc would provide. */
static void ms_split(uint64_t ms, uint64_t *secs, uint32_t *centis)
{
    uint64_t q = 0, r = 0;

    for (int bit = 63; bit >= 0; bit--) {
        r = (r << 1) | ((ms >> bit) & 1);
        if (r >= 1000) {
            r -= 1000;
            q |= (uint64_t)1 << bit;
        }
    }
    *secs = q;
    *centis = (uint32_t)r / 10;
}

static int uptime_show(struct ark_seq *s, void *priv)
{
    uint64_t secs;
    uint32_t centis;

    (void)priv;
    ms_split(ark_uptime_ms(), &secs, &centis);
    /* ark keeps no idle-time account, so unlike Linux there is a single field */
    return seq_printf(s, "%u.%02u\n", (uint32_t)secs, centis);   /* 136 years fit */
}

void proc_builtin_init(void)
{
    static const struct {
        const char *name;
        ark_proc_show_t show;
    } files[] = {
        { "meminfo", meminfo_show },
        { "kmsg", kmsg_show },
        { "uptime", uptime_show },
    };

    for (size_t i = 0; i < ARK_ARRAY_SIZE(files); i++) {
        int err = proc_create(files[i].name, files[i].show, NULL, NULL);
        if (err)
            printk(KERN_ERR "procfs: cannot create /proc/%s (error %d)\n", files[i].name, err);
    }
}
