/* basic.c — a module touching the common paths: data, bss, rodata, a function-pointer table,
 * calls into the host, an export, parameters of each kind, init with the API argument and exit. */
#include "ark/module.h"

MODULE_VERSION("1.2.3");
MODULE_DESCRIPTION("libdkm unit-test module");
MODULE_INFO(author, "ark");

extern int printk(const char *fmt, ...);
extern void host_bump(int by);

static int count = 1;
static char label[8] = "none";
static int list[4];
static unsigned int nlist;
static bool enabled;
module_param(count, int, "bump by");
module_param_string(label, "a label");
module_param_array(list, int, &nlist, "values");
module_param(enabled, bool, "switch");

int basic_total;
static const void *seen_api;

static int twice(int x) { return 2 * x; }
static int thrice(int x) { return 3 * x; }
static int (*const ops[])(int) = {twice, thrice};

int basic_add(int a, int b)
{
    return a + b + basic_total;
}
EXPORT_SYMBOL(basic_add);

int basic_sum_list(void)
{
    int s = 0;
    for (unsigned i = 0; i < nlist; i++)
        s += list[i];
    return s;
}

static int basic_init(const void *api)
{
    seen_api = api;
    basic_total = ops[0](count) + ops[1](1) - 3;   /* 2 * count */
    host_bump(basic_total + (enabled ? 1000 : 0) + basic_sum_list() * 100);
    printk("basic: %s %d", label, count);
    return api ? 0 : -22;
}

static void basic_exit(void)
{
    host_bump(-1);
}

ark_module_init(basic_init);
ark_module_exit(basic_exit);
