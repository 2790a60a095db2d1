/* exports_consumer — uses the functions exports_provider exports, and declares the dependency
 * with a version constraint. Loading it before the provider fails with the unresolved names. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_NAME("exports_consumer");
MODULE_VERSION("1.0");
MODULE_LICENSE("MIT");
MODULE_DESCRIPTION("calls functions exported by exports_provider");
MODULE_DEPENDS("exports_provider>=1.1");

/* Provided by exports_provider (a module author would share these in a header). */
int provider_add(int a, int b);
const char *provider_greeting(void);

int module_init(void)
{
    printk("exports_consumer: %s, 2 + 3 = %d\n", provider_greeting(), provider_add(2, 3));
    return 0;
}

void module_exit(void)
{
    printk("exports_consumer: unloaded\n");
}
