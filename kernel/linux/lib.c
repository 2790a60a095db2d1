/* lib.c — the small library pieces of the Linux layer: sort and bsearch, rate limiting, the
 * running task's credentials, the system's names and the one-CPU mask. */
#include "sched.h"
#include "proc.h"
#include "lx_internal.h"
#include "ark/abi.h"
#include <linux/bsearch.h>
#include <linux/cpumask.h>
#include <linux/cred.h>
#include <linux/ratelimit.h>
#include <linux/sort.h>
#include <linux/utsname.h>

/* ---- sort ---- */

static void swap_bytes(void *a, void *b, size_t size)
{
    if (((uintptr_t)a | (uintptr_t)b | size) % sizeof(u32) == 0) {
        u32 *x = a, *y = b;
        for (size_t i = 0; i < size / sizeof(u32); i++) {
            u32 t = x[i];
            x[i] = y[i];
            y[i] = t;
        }
        return;
    }
    unsigned char *x = a, *y = b;
    for (size_t i = 0; i < size; i++) {
        unsigned char t = x[i];
        x[i] = y[i];
        y[i] = t;
    }
}

struct sorter {
    char *base;
    size_t size;
    cmp_r_func_t cmp;
    swap_r_func_t swap;
    cmp_func_t plain_cmp;
    swap_func_t plain_swap;
    const void *priv;
};

static int compare(const struct sorter *s, size_t i, size_t j)
{
    const void *a = s->base + i * s->size, *b = s->base + j * s->size;
    return s->plain_cmp ? s->plain_cmp(a, b) : s->cmp(a, b, s->priv);
}

static void exchange(const struct sorter *s, size_t i, size_t j)
{
    void *a = s->base + i * s->size, *b = s->base + j * s->size;
    if (s->plain_swap)
        s->plain_swap(a, b, (int)s->size);
    else if (s->swap)
        (s->swap)(a, b, (int)s->size, s->priv);
    else
        swap_bytes(a, b, s->size);
}

static void sift_down(const struct sorter *s, size_t root, size_t n)
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && compare(s, child + 1, child) > 0)
            child++;
        if (compare(s, root, child) >= 0)
            return;
        exchange(s, root, child);
        root = child;
    }
}

static void heapsort(const struct sorter *s, size_t num)
{
    for (size_t i = num / 2; i-- > 0;)
        sift_down(s, i, num);
    for (size_t end = num; end-- > 1;) {
        exchange(s, 0, end);
        sift_down(s, 0, end);
    }
}

void sort_r(void *base, size_t num, size_t size, cmp_r_func_t cmp_func, swap_r_func_t swap_func,
            const void *priv)
{
    struct sorter s = { base, size, cmp_func, swap_func, NULL, NULL, priv };
    if (num > 1 && size)
        heapsort(&s, num);
}
KERNEL_EXPORT(sort_r);

void sort(void *base, size_t num, size_t size, cmp_func_t cmp_func, swap_func_t swap_func)
{
    struct sorter s = { base, size, NULL, NULL, cmp_func, swap_func, NULL };
    if (num > 1 && size)
        heapsort(&s, num);
}
KERNEL_EXPORT(sort);

void *bsearch(const void *key, const void *base, size_t num, size_t size,
              int (*cmp)(const void *key, const void *elt))
{
    const char *lo = base;
    while (num > 0) {
        const char *mid = lo + (num / 2) * size;
        int c = cmp(key, mid);
        if (c == 0)
            return (void *)mid;
        if (c > 0) {
            lo = mid + size;
            num -= num / 2 + 1;
        } else {
            num /= 2;
        }
    }
    return NULL;
}
KERNEL_EXPORT(bsearch);

/* ---- rate limiting ---- */

int ___ratelimit(struct ratelimit_state *rs, const char *func)
{
    if (rs->interval <= 0)
        return 1;                      /* no limit */
    unsigned long flags;
    if (!spin_trylock_irqsave(&rs->lock, flags))
        return 0;                      /* someone else is deciding: this one is held back */
    unsigned long now = jiffies;
    if (!rs->begin)
        rs->begin = now;
    if (time_is_before_jiffies(rs->begin + (unsigned long)rs->interval)) {
        if (rs->missed && !(rs->flags & RATELIMIT_MSG_ON_RELEASE))
            printk(KERN_WARNING "%s: %d callbacks suppressed\n", func, rs->missed);
        rs->begin = now;
        rs->printed = 0;
        rs->missed = 0;
    }
    int go = 1;
    if (rs->burst && rs->burst > rs->printed)
        rs->printed++;
    else {
        rs->missed++;
        go = 0;
    }
    spin_unlock_irqrestore(&rs->lock, flags);
    return go;
}
KERNEL_EXPORT(___ratelimit);

static DEFINE_RATELIMIT_STATE(printk_limit, DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST);

int ark_linux_printk_ratelimit(void)
{
    return ___ratelimit(&printk_limit, "printk");
}
KERNEL_EXPORT(ark_linux_printk_ratelimit);

/* ---- credentials, names, CPUs ---- */

struct user_namespace init_user_ns;
KERNEL_EXPORT(init_user_ns);

kuid_t ark_linux_current_uid(void)
{
    struct process *p = sched_in_interrupt() ? NULL : proc_current();
    return KUIDT_INIT(p ? p->uid : 0);
}
KERNEL_EXPORT(ark_linux_current_uid);

kgid_t ark_linux_current_gid(void)
{
    struct process *p = sched_in_interrupt() ? NULL : proc_current();
    return KGIDT_INIT(p ? p->gid : 0);
}
KERNEL_EXPORT(ark_linux_current_gid);

static struct new_utsname uts;

struct new_utsname *ark_linux_utsname(void)
{
    if (!uts.sysname[0]) {
        strscpy(uts.sysname, "ark", sizeof uts.sysname);
        strscpy(uts.nodename, "ark", sizeof uts.nodename);
        snprintf(uts.release, sizeof uts.release, "%d.%d", ARK_ABI_MAJOR, ARK_ABI_MINOR);
        strscpy(uts.version, "ark", sizeof uts.version);
        strscpy(uts.machine, "i686", sizeof uts.machine);
        strscpy(uts.domainname, "(none)", sizeof uts.domainname);
    }
    return &uts;
}
KERNEL_EXPORT(ark_linux_utsname);

const struct cpumask ark_linux_cpu_mask_one = { { 1UL } };
KERNEL_EXPORT(ark_linux_cpu_mask_one);
