/* procfs — a read/write file under /proc: `cat /proc/procfs_demo` shows the stored text and how
 * often it was written; writing to it replaces the text. */
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/module.h"
#include "ark/proc.h"

MODULE_NAME("procfs");
MODULE_VERSION("1.0");
MODULE_LICENSE("MIT");
MODULE_DESCRIPTION("/proc/procfs_demo: a /proc file with read and write");

#define PROCFS_TEXT_MAX 96

static char procfs_text[PROCFS_TEXT_MAX] = "nothing written yet";
static unsigned int procfs_writes;

static int procfs_show(struct ark_seq *s, void *priv)
{
    (void)priv;
    return seq_printf(s, "text: %s\nwrites: %u\n", procfs_text, procfs_writes) < 0 ? -EIO : 0;
}

/* Stores the first line written, without its newline. */
static long procfs_store(void *priv, const char *buf, uint32_t len)
{
    (void)priv;
    uint32_t n = 0;
    while (n < len && n < PROCFS_TEXT_MAX - 1 && buf[n] != '\n')
        n++;
    memcpy(procfs_text, buf, n);
    procfs_text[n] = '\0';
    procfs_writes++;
    return len;
}

int module_init(void)
{
    int err = proc_create("procfs_demo", procfs_show, procfs_store, NULL);
    if (err)
        printk(KERN_ERR "procfs: cannot create /proc/procfs_demo: error %d\n", err);
    return err;
}

void module_exit(void)
{
    proc_remove("procfs_demo");
}
