/* pin.c — the ownership record shared by devfs and procfs entries: open files pin the module that
 * registered an entry, and a module's unload sweeps away the entries it left behind. */
#include "ark/kernel.h"
#include "fs_internal.h"

bool fs_pin_sweep(struct fs_pin *p, const char *path)
{
    printk(KERN_WARNING "dkm: %s: exit left %s registered; removed\n", fs_owner_name(p->owner), path);
    if (!p->opens)
        return true;
    /* only a forced unload gets here with the entry open: the module's code is about to go */
    p->removed = true;
    p->owner = NULL;
    return false;
}
