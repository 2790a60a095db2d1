/* debugfs-demo.c — debugfs as drivers use it: a directory tree, a file for each kind of
 * variable, a blob, a file with its own file_operations (state from inode->i_private through
 * simple_open), a DEFINE_DEBUGFS_ATTRIBUTE file whose set refuses a value, a file removed while
 * it is open, the errors of a taken name and of an ERR_PTR parent, lookups, and with leave=1 an
 * exit that forgets debugfs_remove_recursive. */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/uaccess.h>

static bool leave;
module_param(leave, bool, 0444);

static struct dentry *top, *values, *victim;
static u32 counter = 7;
static u8 small = 200;
static u64 big = 1ULL << 40;
static u32 flags = 0xbeef;
static size_t size = 4096;
static unsigned long ulong_value = 12345;
static atomic_t hits = ATOMIC_INIT(-3);
static bool enabled = true;
static char blob_text[] = "blob bytes\n";
static struct debugfs_blob_wrapper blob = { .data = blob_text, .size = sizeof(blob_text) - 1 };

struct message {
    char text[64];
    size_t len;
};
static struct message message = { .text = "initial message\n", .len = 16 };
static struct message victim_message = { .text = "victim\n", .len = 7 };

static ssize_t message_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
    struct message *m = file->private_data;
    return simple_read_from_buffer(buf, count, pos, m->text, m->len);
}

static ssize_t message_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
    struct message *m = file->private_data;
    ssize_t r = simple_write_to_buffer(m->text, sizeof(m->text) - 1, pos, buf, count);

    if (r > 0)
        m->len = (size_t)*pos;
    return r;
}

static const struct file_operations message_fops = {
    .owner = THIS_MODULE,
    .open = simple_open,
    .read = message_read,
    .write = message_write,
};

static u64 percent = 42;
static int percent_get(void *data, u64 *val)
{
    *val = percent;
    return 0;
}
static int percent_set(void *data, u64 val)
{
    if (val > 100)
        return -EINVAL;
    percent = val;
    return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(percent_fops, percent_get, percent_set, "%llu%%\n");

static ssize_t remove_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
    debugfs_remove(victim);
    victim = NULL;
    pr_info("debugfs_demo: victim removed\n");
    return (ssize_t)count;
}

static const struct file_operations remove_fops = {
    .owner = THIS_MODULE,
    .write = remove_write,
};

static int __init debugfs_demo_init(void)
{
    struct dentry *taken, *under_error;

    top = debugfs_create_dir("dbgdemo", NULL);
    if (IS_ERR(top))
        return PTR_ERR(top);
    values = debugfs_create_dir("values", top);
    debugfs_create_u32("counter", 0644, values, &counter);
    debugfs_create_u8("small", 0444, values, &small);
    debugfs_create_u64("big", 0644, values, &big);
    debugfs_create_x32("flags", 0600, values, &flags);
    debugfs_create_size_t("size", 0444, values, &size);
    debugfs_create_ulong("ulong", 0444, values, &ulong_value);
    debugfs_create_atomic_t("hits", 0644, values, &hits);
    debugfs_create_bool("enabled", 0644, values, &enabled);
    debugfs_create_blob("blob", 0444, top, &blob);
    debugfs_create_file("message", 0644, top, &message, &message_fops);
    debugfs_create_file("percent", 0644, top, NULL, &percent_fops);
    victim = debugfs_create_file("victim", 0444, top, &victim_message, &message_fops);
    debugfs_create_file("remove_victim", 0200, top, NULL, &remove_fops);

    taken = debugfs_create_dir("values", top);
    under_error = debugfs_create_file("orphan", 0444, taken, NULL, &message_fops);
    pr_info("debugfs_demo: taken name %ld, under an error %ld, lookup %s\n", PTR_ERR(taken),
            PTR_ERR(under_error), debugfs_lookup("values", top) == values ? "finds values" : "fails");
    debugfs_create_file("gone", 0444, top, NULL, &message_fops);
    debugfs_lookup_and_remove("gone", top);
    pr_info("debugfs_demo: created, parent of counter is %s\n",
            debugfs_lookup("counter", values)->d_parent->d_name.name);
    return 0;
}

static void __exit debugfs_demo_exit(void)
{
    if (!leave)
        debugfs_remove_recursive(top);
    pr_info("debugfs_demo: exit%s\n", leave ? " without removing its files" : "");
}

module_init(debugfs_demo_init);
module_exit(debugfs_demo_exit);
MODULE_LICENSE("GPL");
