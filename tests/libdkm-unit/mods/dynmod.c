/* dynmod.c — the same features as basic.c, linked as a shared object (ET_DYN): imports through
 * the PLT and GOT, R_386_RELATIVE pointers, a constructor, parameters, an export. */
#include "ark/module.h"

MODULE_NAME("dynmod");
MODULE_VERSION("2.0");

extern void host_bump(int by);

static int level = 1;
module_param(level, int, "level");
static int constructed;
static const char *const words[] = {"zero", "one", "two"};

__attribute__((constructor)) static void build(void) { constructed = 40; }
__attribute__((destructor)) static void unbuild(void) { host_bump(-3); }

int dyn_value(void)
{
    return constructed + level + (words[2][0] == 't' ? 2 : 0);
}
EXPORT_SYMBOL(dyn_value);

static int dyn_init(const void *api)
{
    host_bump(dyn_value());
    return api ? 0 : -1;
}

static void dyn_exit(void)
{
    host_bump(-100);
}

ark_module_init(dyn_init);
ark_module_exit(dyn_exit);
