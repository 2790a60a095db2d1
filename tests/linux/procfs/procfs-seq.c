/* procfs-seq.c — /proc the Linux way: a directory, a seq_file iterator over a table, a
 * single_open file, and a writable file with proc_read/proc_write of its own. */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <linux/version.h>

static struct proc_dir_entry *dir;
static const char *const fruits[] = { "apple", "banana", "cherry", "damson" };
static char buffer[64] = "initial\n";
static unsigned long buffer_len = 8;

static void *fruit_start(struct seq_file *s, loff_t *pos)
{
    return *pos < (loff_t)ARRAY_SIZE(fruits) ? (void *)&fruits[*pos] : NULL;
}

static void *fruit_next(struct seq_file *s, void *v, loff_t *pos)
{
    ++*pos;
    return fruit_start(s, pos);
}

static void fruit_stop(struct seq_file *s, void *v)
{
}

static int fruit_show(struct seq_file *s, void *v)
{
    const char *const *f = v;

    seq_printf(s, "%ld: %s\n", (long)(f - fruits), *f);
    return 0;
}

static const struct seq_operations fruit_ops = {
    .start = fruit_start,
    .next = fruit_next,
    .stop = fruit_stop,
    .show = fruit_show,
};

static int fruits_open(struct inode *inode, struct file *file)
{
    return seq_open(file, &fruit_ops);
}

static const struct proc_ops fruits_proc_ops = {
    .proc_open = fruits_open,
    .proc_read = seq_read,
    .proc_lseek = seq_lseek,
    .proc_release = seq_release,
};

static int summary_show(struct seq_file *m, void *v)
{
    seq_puts(m, "fruits: ");
    seq_printf(m, "%zu\n", ARRAY_SIZE(fruits));
    seq_putc(m, '.');
    seq_putc(m, '\n');
    return 0;
}

static int summary_open(struct inode *inode, struct file *file)
{
    return single_open(file, summary_show, NULL);
}

static const struct proc_ops summary_proc_ops = {
    .proc_open = summary_open,
    .proc_read = seq_read,
    .proc_lseek = seq_lseek,
    .proc_release = single_release,
};

static ssize_t buffer_read(struct file *file, char __user *ubuf, size_t count, loff_t *ppos)
{
    return simple_read_from_buffer(ubuf, count, ppos, buffer, buffer_len);
}

static ssize_t buffer_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
    buffer_len = count < sizeof(buffer) ? count : sizeof(buffer) - 1;
    if (copy_from_user(buffer, ubuf, buffer_len))
        return -EFAULT;
    buffer[buffer_len] = '\0';
    pr_info("procfs: buffer is now %s", buffer);
    return (ssize_t)buffer_len;
}

static const struct proc_ops buffer_proc_ops = {
    .proc_read = buffer_read,
    .proc_write = buffer_write,
};

static int __init procfs_init(void)
{
    dir = proc_mkdir("lkmtest", NULL);
    if (!dir)
        return -ENOMEM;
    if (!proc_create("fruits", 0444, dir, &fruits_proc_ops) ||
        !proc_create("summary", 0444, dir, &summary_proc_ops) ||
        !proc_create("buffer", 0666, dir, &buffer_proc_ops)) {
        proc_remove(dir);
        return -ENOMEM;
    }
    pr_info("procfs: /proc/lkmtest created\n");
    return 0;
}

static void __exit procfs_exit(void)
{
    remove_proc_entry("buffer", dir);
    proc_remove(dir);
    pr_info("procfs: /proc/lkmtest removed\n");
}

module_init(procfs_init);
module_exit(procfs_exit);
MODULE_LICENSE("GPL");
