/* req-outer.c — a module whose init loads another with request_module (by default the driver of
 * the platform device "ark-gadget") and reports what it got, before its own init finishes. */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kmod.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>

static char *want = "platform:ark-gadget";
module_param(want, charp, 0444);
MODULE_PARM_DESC(want, "the module name or alias to request from init");

static int __init req_outer_init(void)
{
    int rc = request_module("%s", want);

    pr_info("req_outer: request_module(\"%s\") = %d\n", want, rc);
    return 0;
}

static void __exit req_outer_exit(void)
{
    pr_info("req_outer: exit\n");
}

module_init(req_outer_init);
module_exit(req_outer_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("requests a module from its init");
