/* sample_module — the original seed's example, in its two modes. Built twice by modules.mk:
 *   sample_module.elf      API mode: int module_init(const ark_kernel_api_t *api), prints through it;
 *   sample_standalone.elf  standalone mode (-DSAMPLE_STANDALONE): int module_init(void), needs
 *                          nothing from the kernel and includes only ark/types.h, as the seed shows. */
#include "ark/types.h"

#ifdef SAMPLE_STANDALONE

/* Observable from a debugger or a test: the loader ran init exactly once. */
volatile int sample_init_calls;

int module_init(void)
{
    sample_init_calls++;
    return 0;
}

#else

#include "ark/init_api.h"

int module_init(const ark_kernel_api_t *api)
{
    if (api && api->printk)
        api->printk("Module loaded!\n");
    if (api && api->printk && api->size >= sizeof(*api))
        api->printk("sample_module: kernel ABI %u.%u, api table %u bytes\n",
                    (unsigned)(api->abi_version >> 16), (unsigned)(api->abi_version & 0xffff),
                    (unsigned)api->size);
    return 0;
}

#endif
