/* linux/uaccess.h — copies between kernel and user memory. Each returns the number of bytes NOT
 * copied (0 on success), get_user/put_user 0 or -EFAULT, as on Linux. The buffer a read or write
 * file operation receives is the caller's buffer as far as these functions are concerned (ark's
 * VFS stages it in kernel memory, and the copy functions know that range). */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H
#include <linux/types.h>
#include <linux/errno.h>

unsigned long ark_linux_copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long ark_linux_copy_from_user(void *to, const void __user *from, unsigned long n);
long ark_linux_strncpy_from_user(char *dst, const char __user *src, long count);
long ark_linux_strnlen_user(const char __user *src, long n);
unsigned long ark_linux_clear_user(void __user *to, unsigned long n);
bool ark_linux_access_ok(const void __user *addr, unsigned long size);

#define copy_to_user(to, from, n)   ark_linux_copy_to_user(to, from, n)
#define copy_from_user(to, from, n) ark_linux_copy_from_user(to, from, n)
#define __copy_to_user(to, from, n)   ark_linux_copy_to_user(to, from, n)
#define __copy_from_user(to, from, n) ark_linux_copy_from_user(to, from, n)
/* The raw forms skip no check on ark: every copy is checked page by page. */
#define raw_copy_to_user(to, from, n)   ark_linux_copy_to_user(to, from, n)
#define raw_copy_from_user(to, from, n) ark_linux_copy_from_user(to, from, n)
#define strncpy_from_user(d, s, n)  ark_linux_strncpy_from_user(d, s, n)
#define strnlen_user(s, n)          ark_linux_strnlen_user(s, n)
#define clear_user(to, n)           ark_linux_clear_user(to, n)
#define access_ok(addr, size)       ark_linux_access_ok(addr, size)

#define put_user(x, ptr) ({                                                                 \
    __typeof__(*(ptr)) __pu_val = (__typeof__(*(ptr)))(x);                                  \
    ark_linux_copy_to_user((ptr), &__pu_val, sizeof(*(ptr))) ? -EFAULT : 0; })
#define get_user(x, ptr) ({                                                                 \
    __typeof__(*(ptr)) __gu_val;                                                            \
    int __gu_err = ark_linux_copy_from_user(&__gu_val, (ptr), sizeof(*(ptr))) ? -EFAULT : 0; \
    (x) = __gu_err ? (__typeof__(*(ptr)))0 : __gu_val;                                      \
    __gu_err; })
#define __put_user(x, ptr) put_user(x, ptr)
#define __get_user(x, ptr) get_user(x, ptr)

/* Reads or writes a whole object at a kernel buffer offset: simple_read_from_buffer and friends. */
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos, const void *from,
                                size_t available);
ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos, const void __user *from,
                               size_t count);
#endif
