/* perm.c — Unix permission checks for the kernel's file systems: the caller's uid and gid against
 * an entry's owner, group and mode, at open (which decides what a later read or write may do). */
#include "ark/kernel.h"
#include "fs_internal.h"

int fs_may_open(const struct fs_node *n, uint32_t flags, bool root_bound)
{
    ark_uid_t uid = fs_cred_uid();
    unsigned bits;

    if (uid == 0 && !root_bound)
        return 0;                      /* root overrides the mode, as on Unix */
    if (uid == n->uid || (uid == 0 && root_bound))
        bits = (n->mode >> 6) & 7u;
    else if (fs_cred_gid() == n->gid)
        bits = (n->mode >> 3) & 7u;
    else
        bits = n->mode & 7u;
    if (fs_wants_read(flags) && !(bits & 4u))
        return -EACCES;
    if (fs_wants_write(flags) && !(bits & 2u))
        return -EACCES;
    return 0;
}
