/* exports_provider — exports functions for other modules with EXPORT_SYMBOL; any module that
 * calls them depends on this one, which shows in `strapper list` (lsmod's "Used by"). */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_NAME("exports_provider");
MODULE_VERSION("1.2");
MODULE_LICENSE("MIT");
MODULE_DESCRIPTION("exports provider_add() and provider_greeting() to other modules");

static unsigned int provider_calls;

int provider_add(int a, int b)
{
    provider_calls++;
    return a + b;
}
EXPORT_SYMBOL(provider_add);

const char *provider_greeting(void)
{
    provider_calls++;
    return "greetings from exports_provider";
}
EXPORT_SYMBOL(provider_greeting);

/* Not exported: a consumer that tried to link against it would fail to load. */
unsigned int provider_call_count(void)
{
    return provider_calls;
}

int module_init(void)
{
    printk("exports_provider: ready\n");
    return 0;
}

void module_exit(void)
{
    printk("exports_provider: unloaded after %u calls\n", provider_call_count());
}
