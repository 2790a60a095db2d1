/* cred.c — the credentials kernel/fs checks permissions against: the current process's. Kept
 * apart from perm.c so that the host unit tests can give their own. */
#include "kapi.h"
#include "fs_internal.h"

ark_uid_t fs_cred_uid(void)
{
    return current_uid();
}

ark_gid_t fs_cred_gid(void)
{
    return current_gid();
}
