/* usercopy.c — access to the current process's memory. Every range is checked page by page against
 * the process's page tables before the kernel touches it (present and user-accessible, and writable
 * for writes), so a bad pointer from user space yields -EFAULT instead of a kernel fault. Demand
 * memory (bss, stack) not yet touched is mapped by the check. Only the process's own thread
 * changes its mappings, so nothing can change them between the check and the copy. */
#include "kapi.h"
#include "mm.h"
#include "proc.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "export.h"

static bool user_page_ok(struct process *p, uintptr_t va, bool write)
{
    uint32_t flags;
    if (!vmm_translate(p->pgdir, va, &flags) &&
        (!proc_demand_fault(p, va) || !vmm_translate(p->pgdir, va, &flags)))
        return false;
    if (!(flags & PTE_USER))
        return false;
    return !write || (flags & PTE_WRITE);
}

bool user_access_ok(const void *uptr, size_t len, bool write)
{
    struct process *p = proc_current();
    uintptr_t start = (uintptr_t)uptr;
    if (!p)
        return false;
    if (len == 0)
        return true;
    if (start >= USER_TOP || len > USER_TOP - start)
        return false;
    uintptr_t last = start + len - 1;
    for (uintptr_t va = start & ~(uintptr_t)(PAGE_SIZE - 1); va <= last; va += PAGE_SIZE) {
        if (!user_page_ok(p, va, write))
            return false;
    }
    return true;
}
KERNEL_EXPORT(user_access_ok);

int copy_from_user(void *dst, const void *user_src, size_t n)
{
    if (!user_access_ok(user_src, n, false))
        return -EFAULT;
    memcpy(dst, user_src, n);
    return 0;
}
KERNEL_EXPORT(copy_from_user);

int copy_to_user(void *user_dst, const void *src, size_t n)
{
    if (!user_access_ok(user_dst, n, true))
        return -EFAULT;
    memcpy(user_dst, src, n);
    return 0;
}
KERNEL_EXPORT(copy_to_user);

long strncpy_from_user(char *dst, const char *user_src, size_t max)
{
    struct process *p = proc_current();
    uintptr_t va = (uintptr_t)user_src;
    if (!p || max == 0)
        return -EFAULT;
    uintptr_t checked_page = 1;            /* never a page address */
    for (size_t i = 0; i < max; i++, va++) {
        if (va >= USER_TOP)
            return -EFAULT;
        uintptr_t page = va & ~(uintptr_t)(PAGE_SIZE - 1);
        if (page != checked_page) {
            if (!user_page_ok(p, page, false))
                return -EFAULT;
            checked_page = page;
        }
        dst[i] = *(const char *)va;
        if (dst[i] == '\0')
            return (long)i;
    }
    dst[max - 1] = '\0';
    return -ENAMETOOLONG;
}
KERNEL_EXPORT(strncpy_from_user);
