/* params — every kind of module parameter: int, uint, bool, string and arrays. Their declarations
 * show in `strapper info`, their values under /proc/dkm/params/parameters/, and init logs them:
 *     strapper load /ramdisk/params.elf count=7 verbose=y name=ark ports=1,2,3                      */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_NAME("params");
MODULE_VERSION("1.0");
MODULE_LICENSE("MIT");
MODULE_DESCRIPTION("demonstrates int, uint, bool, string and array parameters");

static int count = 1;
module_param(count, int, "how many greetings to log");

static unsigned int limit = 100;
module_param(limit, uint, "an unsigned limit");

static bool verbose;
module_param(verbose, bool, "log more");

static char name[24] = "nobody";
module_param_string(name, "a name");

static int ports[4] = { 80 };
static unsigned int nports = 1;
module_param_array(ports, int, &nports, "up to four port numbers");

static char tags[3][12];
static unsigned int ntags;
module_param_string_array(tags, &ntags, "up to three short tags");

int module_init(void)
{
    printk("params: count=%d limit=%u verbose=%d name=%s nports=%u ntags=%u\n",
           count, limit, verbose ? 1 : 0, name, nports, ntags);
    for (unsigned int i = 0; i < nports && i < ARK_ARRAY_SIZE(ports); i++)
        printk("params: ports[%u]=%d\n", i, ports[i]);
    for (unsigned int i = 0; i < ntags && i < ARK_ARRAY_SIZE(tags); i++)
        printk("params: tags[%u]=%s\n", i, tags[i]);
    if (verbose)
        for (int i = 0; i < count && i < 10; i++)
            printk("params: greeting %d of %d for %s\n", i + 1, count, name);
    return 0;
}

void module_exit(void)
{
    printk("params: unloaded (count=%d)\n", count);
}
