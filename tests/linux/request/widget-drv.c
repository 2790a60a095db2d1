/* widget-drv.c — a driver known only by the devices it serves: a platform id table marked with
 * MODULE_DEVICE_TABLE, which depmod turns into "platform:NAME" aliases, and no MODULE_ALIAS; a
 * label parameter shows which options it got. */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>

static char *label = "default";
module_param(label, charp, 0444);
MODULE_PARM_DESC(label, "printed at load (modprobe.d options set it)");

static const struct platform_device_id widget_ids[] = {
    { "ark-widget", 1 },
    { "ark-gadget", 2 },
    { }
};
MODULE_DEVICE_TABLE(platform, widget_ids);

static int __init widget_init(void)
{
    pr_info("widget_drv: serving %s and %s, label %s\n", widget_ids[0].name, widget_ids[1].name,
            label);
    return 0;
}

static void __exit widget_exit(void)
{
    pr_info("widget_drv: gone\n");
}

module_init(widget_init);
module_exit(widget_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("a platform driver found through its device table");
