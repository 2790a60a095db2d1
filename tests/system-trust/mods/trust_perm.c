/* trust_perm.c — entries with owners and modes for the permission tests: a root-only device
 * (dev_register's default), a device of group 1000 (0660), a 0644 /proc file, a 0600 /proc file
 * and a /proc file owned by uid 1000 (0600). Each remembers the last line written to it. */
#include "ark/device.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/module.h"
#include "ark/proc.h"

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("trust test: owners and modes of devices and /proc files");

#define PERM_TEXT_MAX 32
#define PERM_SLOTS 5

static char perm_text[PERM_SLOTS][PERM_TEXT_MAX];

static void perm_store(char *slot, const char *buf, uint32_t len)
{
    uint32_t n = 0;
    while (n < len && n < PERM_TEXT_MAX - 1 && buf[n] != '\n')
        n++;
    memcpy(slot, buf, n);
    slot[n] = '\0';
}

static long perm_dev_read(struct ark_file *f, char *buf, uint32_t len)
{
    const char *slot = f->private_data;
    uint32_t n = (uint32_t)strlen(slot);
    if (f->pos >= n + 1)
        return 0;
    char line[PERM_TEXT_MAX + 1];
    memcpy(line, slot, n);
    line[n] = '\n';
    uint32_t take = n + 1 - f->pos < len ? n + 1 - f->pos : len;
    memcpy(buf, line + f->pos, take);
    f->pos += take;
    return take;
}

static long perm_dev_write(struct ark_file *f, const char *buf, uint32_t len)
{
    perm_store(f->private_data, buf, len);
    return len;
}

static const struct ark_file_ops perm_dev_ops = { .read = perm_dev_read, .write = perm_dev_write };

static int perm_show(struct ark_seq *s, void *priv)
{
    return seq_printf(s, "%s\n", (const char *)priv) < 0 ? -EIO : 0;
}

static long perm_write(void *priv, const char *buf, uint32_t len)
{
    perm_store(priv, buf, len);
    return len;
}

int module_init(void)
{
    int err;

    for (unsigned i = 0; i < PERM_SLOTS; i++)
        strlcpy(perm_text[i], "unwritten", PERM_TEXT_MAX);
    err = dev_register("trust_root", &perm_dev_ops, perm_text[0]);
    if (!err)
        err = dev_register_mode("trust_group", &perm_dev_ops, perm_text[1], 0, 1000, 0660);
    if (!err)
        err = proc_create_mode("trust_public", perm_show, perm_write, perm_text[2], 0, 0, 0644);
    if (!err)
        err = proc_create_mode("trust_secret", perm_show, perm_write, perm_text[3], 0, 0, 0600);
    if (!err)
        err = proc_create_mode("trust_owned", perm_show, perm_write, perm_text[4], 1000, 1000, 0600);
    if (!err && dev_register_mode("trust_bad", &perm_dev_ops, NULL, 0, 0, 010000) != -EINVAL)
        err = -EIO;                    /* a mode outside 07777 must be refused */
    if (err)
        printk(KERN_ERR "trust_perm: registration failed: %d\n", err);
    return err;
}

void module_exit(void)
{
    dev_unregister("trust_root");
    dev_unregister("trust_group");
    proc_remove("trust_public");
    proc_remove("trust_secret");
    proc_remove("trust_owned");
}
