/* hello — the smallest complete ark module: metadata, one parameter, init and exit with printk.
 *     strapper load /ramdisk/hello.elf whom=ark    ->  "hello: hello, ark"                     */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_NAME("hello");
MODULE_VERSION("1.0");
MODULE_LICENSE("MIT");
MODULE_AUTHOR("ark developers");
MODULE_DESCRIPTION("says hello on load and goodbye on unload");

static char whom[32] = "world";
module_param_string(whom, "who to greet (default: world)");

static int __init hello_init(void)
{
    printk(KERN_INFO "hello: hello, %s\n", whom);
    return 0;
}

static void hello_exit(void)
{
    printk(KERN_INFO "hello: goodbye, %s\n", whom);
}

ark_module_init(hello_init);
ark_module_exit(hello_exit);
