/* seed_module.c — a feature-rich module for the fuzzer's seed corpus: parameters of every type and
 * arrays of them, exports, init/exit registration, init-only sections, constructors and
 * destructors, a weak undefined import, COMMON data, page-aligned data, a jump table, 64-bit
 * division from libgcc, and pointers in read-only data. Built with each compiler and code model. */
#include "ark/module.h"

MODULE_NAME("seed");
MODULE_VERSION("2.5.1");
MODULE_LICENSE("MIT");
MODULE_AUTHOR("ark");
MODULE_DESCRIPTION("fuzzer seed with every loader feature");
MODULE_ALIAS("seed-alias");
MODULE_DEPENDS("host>=0");

extern int host_log(const char *msg, int value);
extern int optional_hook(int) __attribute__((weak));

static int count = 3;
static unsigned int mask = 0xff;
static bool verbose;
static char greeting[24] = "hello";
static int ports[4];
static unsigned int nports;
static char names[3][12];
static unsigned int nnames;
module_param(count, int, "how many");
module_param(mask, uint, "bit mask");
module_param(verbose, bool, "chatty");
module_param_string(greeting, "text to print");
module_param_array(ports, int, &nports, "port list");
module_param_string_array(names, &nnames, "name list");

int seed_shared_total __attribute__((common));
static char page_buffer[4096] __attribute__((aligned(4096)));
static const char *const levels[] = { "low", "mid", "high", "max" };
static int __initdata boot_value = 17;
static int ctor_calls;

__attribute__((constructor)) static void seed_ctor(void) { ctor_calls++; }
__attribute__((destructor)) static void seed_dtor(void) { ctor_calls--; }

int seed_api(unsigned long long a, unsigned long long b)
{
    return b ? (int)(a / b + a % b) : -1;
}
EXPORT_SYMBOL(seed_api);

const char *seed_level(int i)
{
    switch (i) {
    case 0: return levels[0];
    case 1: return levels[1];
    case 2: return levels[2];
    case 3: return levels[3];
    case 4: return greeting;
    case 5: return names[0];
    default: return "none";
    }
}
EXPORT_SYMBOL(seed_level);

static int __init seed_start(void)
{
    page_buffer[0] = (char)boot_value;
    for (unsigned i = 0; i < nports; i++)
        seed_shared_total += ports[i] & (int)mask;
    if (optional_hook)
        optional_hook(count);
    if (verbose)
        host_log(seed_level(count), seed_api(1000000007ULL * (unsigned)count, 97));
    return ctor_calls == 1 ? 0 : -1;
}

static void seed_stop(void)
{
    host_log("stop", seed_shared_total);
}

ark_module_init(seed_start);
ark_module_exit(seed_stop);
