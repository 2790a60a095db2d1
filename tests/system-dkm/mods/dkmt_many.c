/* dkmt_many.c — a small module without a name of its own: copies under different file names are
 * different modules (the name comes from the file), which is how the tests load a hundred. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_LICENSE("MIT");

static int counter;

int module_init(void)
{
    counter++;
    return 0;
}
