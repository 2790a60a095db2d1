/* linux/uidgid.h — kuid_t and kgid_t, the kernel's wrapped user and group ids. ark has one user
 * namespace, so a kuid is the uid itself; the wrapping keeps Linux code that compares or passes
 * them (uid_eq, GLOBAL_ROOT_UID, proc_set_user) compiling as it does on Linux. */
#ifndef _LINUX_UIDGID_H
#define _LINUX_UIDGID_H
#include <linux/types.h>

typedef struct { uid_t val; } kuid_t;
typedef struct { gid_t val; } kgid_t;

#define KUIDT_INIT(value) ((kuid_t){ (uid_t)(value) })
#define KGIDT_INIT(value) ((kgid_t){ (gid_t)(value) })
#define GLOBAL_ROOT_UID KUIDT_INIT(0)
#define GLOBAL_ROOT_GID KGIDT_INIT(0)
#define INVALID_UID     KUIDT_INIT(-1)
#define INVALID_GID     KGIDT_INIT(-1)

static inline uid_t __kuid_val(kuid_t uid) { return uid.val; }
static inline gid_t __kgid_val(kgid_t gid) { return gid.val; }
static inline bool uid_eq(kuid_t a, kuid_t b) { return a.val == b.val; }
static inline bool gid_eq(kgid_t a, kgid_t b) { return a.val == b.val; }
static inline bool uid_valid(kuid_t uid) { return uid.val != (uid_t)-1; }
static inline bool gid_valid(kgid_t gid) { return gid.val != (gid_t)-1; }

#endif
