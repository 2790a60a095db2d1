/* dkmt_hog.c — 8 MiB of bss and no name of its own: copies under different file names fill
 * module memory until loads fail for want of it. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_LICENSE("MIT");

static char hog[8u << 20];

int module_init(void)
{
    hog[0] = 1;
    hog[sizeof hog - 1] = 1;
    return 0;
}
