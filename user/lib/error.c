/* error.c — strerror and errno_name for user programs: "cat: /x: No such file or directory". The
 * table is lib/errtext.c, shared with the kernel. */
#include "ulib.h"
#include "ark/arklib.h"

const char *strerror(int err)
{
    return ark_strerror(err);
}

const char *errno_name(int err)
{
    return ark_errno_name(err);
}
