/* trust_future_abi.c — a GPL module that also claims ark ABI 2.0 (a future major version): the
 * loader refuses it unless `insmod -f` forces it in, which taints the kernel (F). */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("trust test: forced load past an ABI record");
MODULE_INFO(abi, "2.0");

static int trust_future_abi_init(void)
{
    printk("trust_future_abi: init\n");
    return 0;
}
ark_module_init(trust_future_abi_init);
