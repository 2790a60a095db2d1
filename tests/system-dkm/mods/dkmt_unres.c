/* dkmt_unres.c — imports two functions nothing provides: the load fails naming both. */
#include "ark/module.h"

MODULE_NAME("dkmt_unres");
MODULE_LICENSE("MIT");

int dkmt_no_such_function(void);
int dkmt_nor_this_one(void);

int module_init(void)
{
    return dkmt_no_such_function() + dkmt_nor_this_one();
}
