/* dkmt_params.c — parameters of every kind, printed by init so tests can see what was set. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_NAME("dkmt_params");
MODULE_VERSION("0.3");
MODULE_LICENSE("MIT");

static int count = 1;
static bool loud;
static char greeting[32] = "hello";
static int ports[4];
static unsigned int nports;

module_param(count, int, "how many");
module_param(loud, bool, "shout");
module_param_string(greeting, "what to say");
module_param_array(ports, int, &nports, "port list");

int module_init(void)
{
    printk("dkmt_params: count=%d loud=%d greeting=%s nports=%u ports=%d,%d,%d\n", count, loud,
           greeting, nports, ports[0], ports[1], ports[2]);
    return 0;
}
