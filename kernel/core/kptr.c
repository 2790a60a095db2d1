/* kptr.c — the information policy: kernel addresses are shown only to root (kptr_restrict=1, the
 * default) and, under dmesg_restrict=1, only root reads the log. Both are Linux's switches with
 * Linux's values, set on the command line or by root in /proc/sys/kernel/. */
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/proc.h"
#include "kapi.h"
#include "kptr.h"
#include "mm.h"

static int kptr_restrict = 1;
static int dmesg_restrict;

bool kptr_visible(void)
{
    int level = __atomic_load_n(&kptr_restrict, __ATOMIC_RELAXED);
    return level == 0 || (level == 1 && current_uid() == 0);
}

bool ark_format_kptr_hidden(void)
{
    return !kptr_visible();
}

bool klog_readable(void)
{
    return current_uid() == 0 || !__atomic_load_n(&dmesg_restrict, __ATOMIC_RELAXED);
}

/* ---- switches ---- */

struct kptr_switch {
    const char *path;
    int *value;
    int max;
};

static const struct kptr_switch kptr_switches[] = {
    { "sys/kernel/kptr_restrict", &kptr_restrict, 2 },
    { "sys/kernel/dmesg_restrict", &dmesg_restrict, 1 },
};

static int switch_show(struct ark_seq *s, void *priv)
{
    const struct kptr_switch *sw = priv;
    return seq_printf(s, "%d\n", __atomic_load_n(sw->value, __ATOMIC_RELAXED)) < 0 ? -ENOMEM : 0;
}

/* A single digit 0..max, optionally followed by a newline. Root only (the file is 0644, and the
 * check stays here too, for callers inside the kernel acting for a user). */
static long switch_write(void *priv, const char *buf, uint32_t len)
{
    const struct kptr_switch *sw = priv;
    uint32_t end = len;

    if (current_uid() != 0)
        return -EPERM;
    while (end > 0 && (buf[end - 1] == '\n' || buf[end - 1] == ' ' || buf[end - 1] == '\r'))
        end--;
    if (end != 1 || buf[0] < '0' || buf[0] > '0' + sw->max)
        return -EINVAL;
    __atomic_store_n(sw->value, buf[0] - '0', __ATOMIC_RELAXED);
    printk(KERN_NOTICE "kernel: %s set to %c\n", sw->path + sizeof("sys/kernel/") - 1, buf[0]);
    return (long)len;
}

void kptr_init(void)
{
    char value[4];

    for (unsigned i = 0; i < ARK_ARRAY_SIZE(kptr_switches); i++) {
        const struct kptr_switch *sw = &kptr_switches[i];
        char key[40];
        snprintf(key, sizeof key, "kernel.%s", sw->path + sizeof("sys/kernel/") - 1);
        if (!cmdline_get(key, value, sizeof value))
            continue;
        if (value[0] >= '0' && value[0] <= '0' + sw->max && value[1] == '\0')
            *sw->value = value[0] - '0';
        else
            printk(KERN_WARNING "kernel: %s=%s: not 0..%d; keeping %d\n", key, value, sw->max,
                   *sw->value);
    }
}

void kptr_proc_init(void)
{
    for (unsigned i = 0; i < ARK_ARRAY_SIZE(kptr_switches); i++) {
        int rc = proc_create_mode(kptr_switches[i].path, switch_show, switch_write,
                                  (void *)&kptr_switches[i], 0, 0, 0644);
        if (rc < 0)
            printk(KERN_ERR "kernel: cannot create /proc/%s (%d)\n", kptr_switches[i].path, rc);
    }
}
