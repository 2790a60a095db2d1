/* linux/cred.h — the credentials of the running task: ark's user and group ids. ark has one user
 * namespace (init_user_ns), so from_kuid and make_kuid only wrap and unwrap. A kernel thread
 * runs as root. */
#ifndef _LINUX_CRED_H
#define _LINUX_CRED_H
#include <linux/types.h>
#include <linux/uidgid.h>

struct user_namespace {
    int level;
};
extern struct user_namespace init_user_ns;
#define current_user_ns() (&init_user_ns)

kuid_t ark_linux_current_uid(void);
kgid_t ark_linux_current_gid(void);
#define current_uid()    ark_linux_current_uid()
#define current_euid()   ark_linux_current_uid()
#define current_fsuid()  ark_linux_current_uid()
#define current_suid()   ark_linux_current_uid()
#define current_gid()    ark_linux_current_gid()
#define current_egid()   ark_linux_current_gid()
#define current_fsgid()  ark_linux_current_gid()
static inline uid_t from_kuid(struct user_namespace *ns, kuid_t uid) { (void)ns; return __kuid_val(uid); }
static inline gid_t from_kgid(struct user_namespace *ns, kgid_t gid) { (void)ns; return __kgid_val(gid); }
static inline uid_t from_kuid_munged(struct user_namespace *ns, kuid_t uid) { return from_kuid(ns, uid); }
static inline gid_t from_kgid_munged(struct user_namespace *ns, kgid_t gid) { return from_kgid(ns, gid); }
static inline kuid_t make_kuid(struct user_namespace *ns, uid_t uid) { (void)ns; return KUIDT_INIT(uid); }
static inline kgid_t make_kgid(struct user_namespace *ns, gid_t gid) { (void)ns; return KGIDT_INIT(gid); }
#endif
