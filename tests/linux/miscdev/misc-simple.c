/* misc-simple.c — a module that is nothing but a misc device: module_misc_device registers it
 * at load and deregisters it at unload; its read says which minor it got. */
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

static struct miscdevice simple_misc;

static ssize_t simple_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
    struct miscdevice *misc = file->private_data;
    char text[32];
    int len = scnprintf(text, sizeof(text), "simple minor %d\n", misc->minor);

    return simple_read_from_buffer(buf, count, pos, text, (size_t)len);
}

static const struct file_operations simple_fops = {
    .owner = THIS_MODULE,
    .read = simple_read,
};

static struct miscdevice simple_misc = {
    .minor = MISC_DYNAMIC_MINOR,
    .name = "simple",
    .fops = &simple_fops,
};
module_misc_device(simple_misc);
MODULE_LICENSE("GPL");
