/* process.c — creating, running and ending processes. There is no scheduler: a parent that spawns
 * a child switches to it at once and resumes when the child exits, so "parent blocks while the
 * child runs" holds by construction. Each process has its own address space and kernel stack; a
 * new one starts in ring 3 through trap_return with a prepared trap frame. */
#include "proc.h"
#include "trap.h"
#include "cpu.h"
#include "mm.h"
#include "vfs.h"
#include "ark/errno.h"
#include "ark/kernel.h"

#define EFLAGS_RESERVED 0x2u

extern void context_switch(uint32_t *save_esp, uint32_t new_esp);

static struct process *current;
static struct process *processes;
static ark_pid_t next_pid = 1;
static uint32_t kmain_saved_esp;      /* the boot context, parent of the first process */

struct process *proc_current(void)
{
    return current;
}

static void copy_out(uint32_t *pgdir, uintptr_t va, const void *src, size_t n)
{
    /* The stack pages were just mapped, so translation cannot fail; write through the direct map. */
    const uint8_t *s = src;
    while (n) {
        uintptr_t phys = vmm_translate(pgdir, va, NULL);
        size_t chunk = PAGE_SIZE - (va & (PAGE_SIZE - 1));
        if (chunk > n)
            chunk = n;
        memcpy(PHYS_TO_VIRT(phys), s, chunk);
        va += chunk;
        s += chunk;
        n -= chunk;
    }
}

/* Maps the user stack and lays out the System V i386 process entry: esp points at argc, followed
 * by argv[0..argc-1], NULL, and an empty environment (NULL); the strings sit above. */
static int setup_user_stack(uint32_t *pgdir, char *const argv[], int argc, uint32_t *user_esp)
{
    for (uintptr_t va = USER_STACK_LOW; va < USER_STACK_TOP; va += PAGE_SIZE) {
        uintptr_t phys = pmm_alloc_page();
        if (!phys)
            return -ENOMEM;
        memset(PHYS_TO_VIRT(phys), 0, PAGE_SIZE);
        if (vmm_map_page(pgdir, va, phys, PTE_USER | PTE_WRITE) != 0) {
            pmm_free_page(phys);
            return -ENOMEM;
        }
    }
    uint32_t sp = USER_STACK_TOP;
    uint32_t ptrs[PROC_ARGV_MAX + 3];
    for (int i = argc - 1; i >= 0; i--) {
        size_t len = strlen(argv[i]) + 1;
        sp -= len;
        copy_out(pgdir, sp, argv[i], len);
        ptrs[1 + i] = sp;
    }
    ptrs[0] = (uint32_t)argc;
    ptrs[1 + argc] = 0;               /* end of argv */
    ptrs[2 + argc] = 0;               /* empty environment */
    size_t table = (size_t)(argc + 3) * sizeof(uint32_t);
    sp = (sp - table) & ~15u;
    copy_out(pgdir, sp, ptrs, table);
    *user_esp = sp;
    return 0;
}

/* Prepares the kernel stack so that context_switch "returns" into trap_return, which pops a trap
 * frame aimed at the program's entry point in ring 3. */
static void setup_kernel_stack(struct process *p, uint32_t entry, uint32_t user_esp)
{
    uint32_t top = (uint32_t)(uintptr_t)p->kstack + KSTACK_SIZE;
    struct trap_frame *tf = (struct trap_frame *)(uintptr_t)(top - sizeof(*tf));
    memset(tf, 0, sizeof(*tf));
    tf->gs = tf->fs = tf->es = tf->ds = SEL_USER_DATA;
    tf->eip = entry;
    tf->cs = SEL_USER_CODE;
    tf->eflags = EFLAGS_IF | EFLAGS_RESERVED;
    tf->user_esp = user_esp;
    tf->user_ss = SEL_USER_DATA;
    uint32_t *sp = (uint32_t *)tf;
    *--sp = (uint32_t)(uintptr_t)trap_return;   /* context_switch's ret */
    *--sp = 0;                                  /* ebp: ends kernel backtraces */
    *--sp = 0;                                  /* ebx */
    *--sp = 0;                                  /* esi */
    *--sp = 0;                                  /* edi */
    p->saved_esp = (uint32_t)(uintptr_t)sp;
}

static void proc_free_resources(struct process *p)
{
    if (p->pgdir)
        vmm_destroy_address_space(p->pgdir);
    p->pgdir = NULL;
    kstack_free(p->kstack);
    p->kstack = NULL;
}

static const char *base_name(const char *path)
{
    const char *slash = path;
    for (const char *s = path; *s; s++)
        if (*s == '/')
            slash = s + 1;
    return slash;
}

static int proc_create(const char *path, char *const argv[], int argc, struct process **out)
{
    struct process *p = kzalloc(sizeof(*p));
    if (!p)
        return -ENOMEM;
    strlcpy(p->name, base_name(path), sizeof(p->name));
    p->uid = current ? current->uid : 0;
    p->parent = current;
    p->state = PROC_RUNNING;
    p->pgdir = vmm_create_address_space();
    p->kstack = kstack_alloc();
    int rc = (p->pgdir && p->kstack) ? 0 : -ENOMEM;
    uintptr_t entry = 0;
    uint32_t user_esp = 0;
    if (rc == 0)
        rc = elf_load(p->pgdir, path, &entry);
    if (rc == 0)
        rc = setup_user_stack(p->pgdir, argv, argc, &user_esp);
    if (rc) {
        proc_free_resources(p);
        kfree(p);
        return rc;
    }
    setup_kernel_stack(p, entry, user_esp);
    p->pid = next_pid++;
    *out = p;
    return 0;
}

int proc_spawn(const char *path, char *const argv[], int argc, struct file *const stdio[3])
{
    if (argc < 1 || argc > PROC_ARGV_MAX)
        return -E2BIG;
    struct process *p;
    int rc = proc_create(path, argv, argc, &p);
    if (rc)
        return rc;
    for (int fd = 0; fd < 3; fd++) {
        struct file *f = stdio ? stdio[fd] : (current ? current->fds[fd] : NULL);
        if (f) {
            vfs_file_get(f);
            p->fds[fd] = f;
        }
    }
    p->next = processes;
    processes = p;

    struct process *parent = current;
    uint32_t flags = irq_save();
    current = p;
    tss_set_kernel_stack((uint32_t)(uintptr_t)p->kstack + KSTACK_SIZE);
    vmm_switch(p->pgdir);
    context_switch(parent ? &parent->saved_esp : &kmain_saved_esp, p->saved_esp);
    /* The child has exited (proc_exit switched back here, with current = parent again). */
    irq_restore(flags);
    proc_free_resources(p);
    return p->pid;
}

static void proc_unlink(struct process *p)
{
    for (struct process **pp = &processes; *pp; pp = &(*pp)->next) {
        if (*pp == p) {
            *pp = p->next;
            return;
        }
    }
}

int proc_wait(ark_pid_t pid, int *status)
{
    for (struct process *q = processes; q; q = q->next) {
        if (q->parent != current || (pid != -1 && q->pid != pid))
            continue;
        if (q->state != PROC_ZOMBIE)
            return -ECHILD;              /* cannot happen without a scheduler; never block forever */
        ark_pid_t found = q->pid;
        if (status)
            *status = q->exit_status;
        proc_unlink(q);
        kfree(q);
        return found;
    }
    return -ECHILD;
}

void proc_exit(int status)
{
    struct process *p = current;
    fd_close_all(p);
    cpu_cli();                           /* from here on, this stack is only a place to leave from */
    /* Children nobody waited for are collected now; their memory went back when they exited. */
    for (struct process *q = processes, *next; q; q = next) {
        next = q->next;
        if (q->parent == p) {
            proc_unlink(q);
            kfree(q);
        }
    }
    p->state = PROC_ZOMBIE;
    p->exit_status = status;
    struct process *parent = p->parent;
    current = parent;
    if (parent) {
        tss_set_kernel_stack((uint32_t)(uintptr_t)parent->kstack + KSTACK_SIZE);
        vmm_switch(parent->pgdir);
    } else {
        vmm_switch(vmm_kernel_pgdir());
    }
    context_switch(&p->saved_esp, parent ? parent->saved_esp : kmain_saved_esp);
    panic("proc: pid %d resumed after exit", p->pid);
}
