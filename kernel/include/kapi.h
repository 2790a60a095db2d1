/* kapi.h — small kernel-internal interfaces shared across subsystems: system call registration,
 * access to user memory, the current process, the kernel command line, symbolisation for panic
 * reports, and the hooks main() calls. */
#ifndef KERNEL_KAPI_H
#define KERNEL_KAPI_H

#include "ark/types.h"

/* System calls: handlers receive ebx, ecx, edx, esi, edi and return a value or -errno in eax. */
typedef long (*syscall_handler_t)(uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5);
int syscall_register(unsigned nr, syscall_handler_t handler);   /* -EEXIST / -EINVAL */

/* User memory of the current process. copy_from_user/copy_to_user are in ark/kernel.h. */
bool user_access_ok(const void *uptr, size_t len, bool write);
/* Copies a NUL-terminated user string: its length, -EFAULT, or -ENAMETOOLONG if it does not fit
 * in max bytes including the NUL. */
long strncpy_from_user(char *dst, const char *user_src, size_t max);

/* The running process. */
ark_uid_t current_uid(void);
ark_gid_t current_gid(void);   /* the process's group: set with its uid (user private groups) */
ark_pid_t current_pid(void);

/* Kernel command line ("key=value key2=value2"). cmdline_get copies the value of key into buf
 * and returns true when the key is present. */
const char *kernel_cmdline(void);
bool cmdline_get(const char *key, char *buf, size_t len);

/* Symbolisation for panic reports and backtraces: writes "symbol+0xoff" (or
 * "symbol+0xoff [module]" through the module resolver) into buf; 0 when found, -ENOENT if not. */
/* The resolver names addr by the symbol covering lookup (lookup is addr, or addr - 1 for a return
 * address), with the offset of addr. */
typedef int (*ksym_resolver_t)(uintptr_t addr, uintptr_t lookup, char *buf, size_t len);
int  ksym_format(uintptr_t addr, char *buf, size_t len);
/* For a return address: the call before it may be a function's last instruction (a call to a
 * noreturn function), so the symbol is looked up at ret - 1; the offset shown is ret's. */
int  ksym_format_return(uintptr_t ret, char *buf, size_t len);
void ksym_set_module_resolver(ksym_resolver_t resolver);

/* Called by kmain, if linked in, after the VFS and ramdisk are up and before /bin/sh starts. */
void dkm_kernel_init(void) __attribute__((weak));

/* /proc/meminfo calls this, if linked in, to append the module area's lines (DkmTotal, DkmUsed). */
struct ark_seq;
void dkm_meminfo_show(struct ark_seq *s) __attribute__((weak));

/* Time stamp counter, for load-time measurements. */
static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

#endif
