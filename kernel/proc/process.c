/* process.c — creating, waiting for and ending processes. A process is an address space, a
 * descriptor table and one scheduled thread; spawn makes it runnable and returns at once. An
 * exited process stays a zombie until its parent collects it; when the parent goes first its
 * children become orphans that free themselves. Every process counts against its user's
 * PROC_USER_MAX, zombies included, and nothing here walks every process except lookups by pid.
 * The tables are guarded by the kernel lock; the per-user counts are also changed by the
 * scheduler's switch tail, so they are updated with interrupts masked. */
#include "proc.h"
#include "klist.h"
#include "trap.h"
#include "cpu.h"
#include "mm.h"
#include "vfs.h"
#include "console.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/syscall.h"

#define EFLAGS_RESERVED 0x2u
#define USER_COUNT_SLOTS 64

static struct ark_list all_procs = ARK_LIST_INIT(all_procs);
static struct ark_list kernel_children = ARK_LIST_INIT(kernel_children);
static struct ark_wait_queue kernel_child_exit = ARK_WAIT_QUEUE_INIT(kernel_child_exit);
static unsigned proc_total;
static struct { ark_uid_t uid; unsigned count; } user_counts[USER_COUNT_SLOTS];

#define PROC_OF(node, member) ((struct process *)((char *)(node) - offsetof(struct process, member)))

struct process *proc_current(void)
{
    struct ark_thread *t = sched_current();
    return t ? t->proc : NULL;
}

uint32_t *proc_pgdir(struct process *p) { return p->pgdir; }

/* ---- per-user counts ---- */

static unsigned *user_slot(ark_uid_t uid, bool create)
{
    for (unsigned i = 0; i < USER_COUNT_SLOTS; i++)
        if (user_counts[i].count && user_counts[i].uid == uid)
            return &user_counts[i].count;
    if (!create)
        return NULL;
    for (unsigned i = 0; i < USER_COUNT_SLOTS; i++) {
        if (!user_counts[i].count) {
            user_counts[i].uid = uid;
            return &user_counts[i].count;
        }
    }
    return NULL;
}

/* Takes one process slot for uid: false when the user or the system is at its limit. */
static bool count_take(ark_uid_t uid)
{
    uint32_t flags = irq_save();
    unsigned *c = user_slot(uid, true);
    bool ok = c && proc_total < PROC_MAX && (uid == 0 || *c < PROC_USER_MAX);
    if (ok) {
        (*c)++;
        proc_total++;
    }
    irq_restore(flags);
    return ok;
}

static void count_drop(ark_uid_t uid)
{
    uint32_t flags = irq_save();
    unsigned *c = user_slot(uid, false);
    if (c && *c)
        (*c)--;
    if (proc_total)
        proc_total--;
    irq_restore(flags);
}

void proc_set_uid(struct process *p, ark_uid_t uid)
{
    if (uid == p->counted_uid) {
        p->uid = uid;
        return;
    }
    /* The process moves to the new user's count even past its limit: setuid cannot fail here. */
    uint32_t flags = irq_save();
    unsigned *from = user_slot(p->counted_uid, false);
    unsigned *to = user_slot(uid, true);
    if (to) {
        if (from && *from)
            (*from)--;
        (*to)++;
        p->counted_uid = uid;
    }
    p->uid = uid;
    irq_restore(flags);
}

/* ---- creation ---- */

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

/* Maps the top page of the user stack (the rest comes on demand) and lays out the System V i386
 * process entry: esp points at argc, then argv[0..argc-1], NULL, and an empty environment. */
static int setup_user_stack(uint32_t *pgdir, char *const argv[], int argc, uint32_t *user_esp)
{
    /* Arguments take at most PROC_ARG_BYTES plus the pointer table: the top two pages hold it. */
    for (uintptr_t va = USER_STACK_TOP - 2 * PAGE_SIZE; va < USER_STACK_TOP; va += PAGE_SIZE) {
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

/* A trap frame aimed at the program's entry point in ring 3, at the top of the thread's stack;
 * the scheduler's first switch to the thread returns through it. */
static void setup_kernel_stack(struct process *p, uint32_t entry, uint32_t user_esp)
{
    uint32_t top = (uint32_t)(uintptr_t)p->thread.kstack + KSTACK_SIZE;
    struct trap_frame *tf = (struct trap_frame *)(uintptr_t)(top - sizeof(*tf));
    memset(tf, 0, sizeof(*tf));
    tf->gs = tf->fs = tf->es = tf->ds = SEL_USER_DATA;
    tf->eip = entry;
    tf->cs = SEL_USER_CODE;
    tf->eflags = EFLAGS_IF | EFLAGS_RESERVED;
    tf->user_esp = user_esp;
    tf->user_ss = SEL_USER_DATA;
    sched_thread_setup_user(&p->thread, (uint32_t)(uintptr_t)tf);
}

static const char *base_name(const char *path)
{
    const char *slash = path;
    for (const char *s = path; *s; s++)
        if (*s == '/')
            slash = s + 1;
    return slash;
}

static void proc_free_record(struct process *p)
{
    sched_thread_unlink(&p->thread);
    kfree(p->thread.linux_task);       /* the Linux layer's view of the thread, if made */
    count_drop(p->counted_uid);
    kfree(p);
}

static int proc_create(const char *path, char *const argv[], int argc, struct process **out)
{
    struct process *parent = proc_current();
    ark_uid_t uid = parent ? parent->uid : 0;
    if (!count_take(uid))
        return -EAGAIN;
    struct process *p = kzalloc(sizeof(*p));
    if (!p) {
        count_drop(uid);
        return -ENOMEM;
    }
    p->uid = p->counted_uid = uid;
    p->gid = parent ? parent->gid : 0;
    strlcpy(p->name, base_name(path), sizeof(p->name));
    p->parent = parent;
    p->state = PROC_RUNNING;
    p->children.next = p->children.prev = &p->children;
    p->sibling.next = p->sibling.prev = &p->sibling;
    p->all.next = p->all.prev = &p->all;
    ark_wait_queue_init(&p->child_exit);
    p->pgdir = vmm_create_address_space();
    p->thread.kstack = kstack_alloc();
    int rc = (p->pgdir && p->thread.kstack) ? 0 : -ENOMEM;
    uintptr_t entry = 0;
    uint32_t user_esp = 0;
    if (rc == 0)
        rc = elf_load(p->pgdir, path, &entry, &p->demand_lo, &p->demand_hi);
    if (rc == 0)
        rc = setup_user_stack(p->pgdir, argv, argc, &user_esp);
    if (rc) {
        if (p->pgdir)
            vmm_destroy_address_space(p->pgdir);
        kstack_free(p->thread.kstack);
        proc_free_record(p);
        return rc;
    }
    struct ark_thread *t = &p->thread;
    strlcpy(t->name, p->name, sizeof(t->name));
    t->proc = p;
    t->all.next = t->all.prev = &t->all;
    t->owned.next = t->owned.prev = &t->owned;
    ark_wait_queue_init(&t->exit_wait);
    setup_kernel_stack(p, entry, user_esp);
    p->pid = t->tid = sched_next_id();
    *out = p;
    return 0;
}

int proc_spawn(const char *path, char *const argv[], int argc, struct file *const stdio[3],
               uint32_t flags)
{
    if (argc < 1 || argc > PROC_ARGV_MAX)
        return -E2BIG;
    struct process *p;
    int rc = proc_create(path, argv, argc, &p);
    if (rc)
        return rc;
    struct process *parent = proc_current();
    for (int fd = 0; fd < 3; fd++) {
        struct file *f = stdio ? stdio[fd] : (parent ? parent->fds[fd] : NULL);
        if (f) {
            vfs_file_get(f);
            p->fds[fd] = f;
        }
    }
    p->pgid = (parent && !(flags & ARK_SPAWN_NEWGROUP)) ? parent->pgid : p->pid;
    klist_add_tail(parent ? &parent->children : &kernel_children, &p->sibling);
    klist_add_tail(&all_procs, &p->all);
    ark_pid_t pid = p->pid;
    if (flags & ARK_SPAWN_FOREGROUND)
        console_set_foreground(pid);   /* before the child runs: see ARK_SPAWN_FOREGROUND */
    sched_thread_make_runnable(&p->thread);
    return pid;
}

/* ---- waiting ---- */

/* The first exited child matching pid; *any_match tells whether a matching child exists. */
static struct process *find_exited(struct ark_list *children, ark_pid_t pid, bool *any_match)
{
    *any_match = false;
    for (struct ark_list *n = children->next; n != children; n = n->next) {
        struct process *c = PROC_OF(n, sibling);
        if (pid != -1 && c->pid != pid)
            continue;
        *any_match = true;
        if (c->state == PROC_ZOMBIE)
            return c;
    }
    return NULL;
}

int proc_wait(ark_pid_t pid, int *status, uint32_t flags)
{
    struct process *self = proc_current();
    struct ark_list *children = self ? &self->children : &kernel_children;
    struct ark_wait_queue *wq = self ? &self->child_exit : &kernel_child_exit;
    struct process *found = NULL;
    bool any = false;
    int rc = ark_wait_event_killable(wq, (found = find_exited(children, pid, &any)) != NULL ||
                                         !any || (flags & ARK_WAIT_NOHANG));
    if (!found)
        return rc ? rc : (any ? 0 : -ECHILD);
    if (status)
        *status = found->exit_status;
    ark_pid_t got = found->pid;
    klist_del(&found->sibling);
    proc_free_record(found);          /* its memory and stack went when it exited */
    return got;
}

/* ---- exit ---- */

void proc_reap_resources(struct process *p)
{
    if (p->pgdir)
        vmm_destroy_address_space(p->pgdir);
    p->pgdir = NULL;
    if (p->autoreap)
        proc_free_record(p);
}

/* A child that was sent a kill and has not ended yet. */
static bool has_dying_child(struct process *p)
{
    for (struct ark_list *n = p->children.next; n != &p->children; n = n->next) {
        struct process *c = PROC_OF(n, sibling);
        if (c->kill_signal && c->state != PROC_ZOMBIE)
            return true;
    }
    return false;
}

void proc_exit(int status)
{
    struct process *p = proc_current();
    if (!klock_held())
        klock_acquire();
    /* Children killed with this process (a job's process group) end first: once the parent has
     * been collected, nothing of the job is left. They die at their next kernel entry. */
    ark_wait_event(&p->child_exit, !has_dying_child(p));
    fd_close_all(p);
    /* Children: the exited ones are freed now, the others will free themselves. */
    while (p->children.next != &p->children) {
        struct process *c = PROC_OF(p->children.next, sibling);
        klist_del(&c->sibling);
        c->parent = NULL;
        if (c->state == PROC_ZOMBIE)
            proc_free_record(c);
        else
            c->autoreap = true;
    }
    p->exit_status = status;
    klist_del(&p->all);                 /* no longer found by pid */
    struct ark_wait_queue *parent_wq = NULL;
    if (p->autoreap)
        ; /* nobody waits: proc_reap_resources frees the record */
    else if (p->parent)
        parent_wq = &p->parent->child_exit;
    else
        parent_wq = &kernel_child_exit;
    klock_drop_all();
    /* From here to the switch nothing else runs: the parent sees the zombie only once this
     * thread is off its stack for good. */
    cpu_cli();
    p->state = PROC_ZOMBIE;
    if (parent_wq)
        ark_wake_up_all(parent_wq);
    sched_exit_current();
}

/* ---- signals ---- */

bool proc_kill_pending(const struct process *p)
{
    return p->kill_signal != 0;
}

int proc_kill_signal(const struct process *p)
{
    return p->kill_signal;
}

int proc_kill(ark_pid_t pid, int sig, ark_uid_t as_uid)
{
    if (sig != ARK_SIGINT && sig != ARK_SIGKILL && sig != ARK_SIGTERM)
        return -EINVAL;
    int found = 0, allowed = 0;
    for (struct ark_list *n = all_procs.next; n != &all_procs; n = n->next) {
        struct process *target = PROC_OF(n, all);
        if (pid > 0 ? target->pid != pid : target->pgid != -pid)
            continue;
        found++;
        if (as_uid != 0 && as_uid != target->uid)
            continue;
        allowed++;
        if (!target->kill_signal)
            target->kill_signal = sig;
        uint32_t flags = irq_save();
        if (target->thread.state == THREAD_SLEEPING && target->thread.sleep_killable)
            sched_wakeup(&target->thread);
        irq_restore(flags);
    }
    if (!found)
        return -ESRCH;
    return allowed ? 0 : -EPERM;
}

void proc_check_signals(void)
{
    struct process *p = proc_current();
    if (p && p->kill_signal) {
        cpu_sti();
        proc_exit(PROC_EXIT_KILLED_BASE + p->kill_signal);
    }
}

/* ---- demand paging ---- */

bool proc_demand_fault(struct process *p, uintptr_t addr)
{
    uintptr_t va = addr & ~(uintptr_t)(PAGE_SIZE - 1);
    bool in_bss = addr >= p->demand_lo && addr < p->demand_hi;
    bool in_stack = addr >= USER_STACK_LOW && addr < USER_STACK_TOP;
    if (!in_bss && !in_stack)
        return false;
    if (vmm_translate(p->pgdir, va, NULL))
        return false;                  /* present: a protection fault, not a first touch */
    uintptr_t phys = pmm_alloc_page();
    if (!phys)
        return false;
    memset(PHYS_TO_VIRT(phys), 0, PAGE_SIZE);
    if (vmm_map_page(p->pgdir, va, phys, PTE_USER | PTE_WRITE) != 0) {
        pmm_free_page(phys);
        return false;
    }
    return true;
}
