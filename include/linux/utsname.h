/* linux/utsname.h — the system's names, as uname(2) gives them: sysname "ark", release the kernel's
 * ABI version, machine "i686". */
#ifndef _LINUX_UTSNAME_H
#define _LINUX_UTSNAME_H
#include <linux/types.h>

#define __NEW_UTS_LEN 64
struct new_utsname {
    char sysname[__NEW_UTS_LEN + 1];
    char nodename[__NEW_UTS_LEN + 1];
    char release[__NEW_UTS_LEN + 1];
    char version[__NEW_UTS_LEN + 1];
    char machine[__NEW_UTS_LEN + 1];
    char domainname[__NEW_UTS_LEN + 1];
};
struct new_utsname *ark_linux_utsname(void);
#define init_utsname() ark_linux_utsname()
#define utsname()      ark_linux_utsname()
#endif
