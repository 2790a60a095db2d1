/* hello-2.c — module_init/module_exit with __init, __initdata and __exit, and metadata. */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

static int hello2_data __initdata = 2;

static int __init hello_2_init(void)
{
    pr_info("Hello, world %d\n", hello2_data);
    pr_info("I am %s, version %s\n", THIS_MODULE->name, "0.2");
    return 0;
}

static void __exit hello_2_exit(void)
{
    pr_info("Goodbye, world 2\n");
}

module_init(hello_2_init);
module_exit(hello_2_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("ark tests");
MODULE_DESCRIPTION("A hello module in the module_init style");
MODULE_VERSION("0.2");
MODULE_ALIAS("greeter");
MODULE_SOFTDEP("pre: hello_1");
