/* switch.S — switches kernel stacks between threads.
 * void context_switch(uint32_t *save_esp, uint32_t new_esp): saves the callee-saved registers on the
 * current stack, stores the stack pointer in *save_esp, and resumes whatever new_esp was saved by
 * (or prepared as if by) an earlier call. A new thread's prepared stack "returns" into one of the
 * thread_start_* entries below, with interrupts still masked by the scheduler. */
    .text
    .globl context_switch
context_switch:
    movl 4(%esp), %eax
    movl 8(%esp), %edx
    pushl %ebp
    pushl %ebx
    pushl %esi
    pushl %edi
    movl %esp, (%eax)
    movl %edx, %esp
    popl %edi
    popl %esi
    popl %ebx
    popl %ebp
    ret

/* A new kernel thread: finish the switch, then call the function above on the stack with the
 * thread as its argument (sched.c lays out: function, a zero return address, the thread). */
    .globl thread_start_kernel
thread_start_kernel:
    call sched_switch_tail
    popl %eax
    jmp *%eax

/* A new process: finish the switch, then enter ring 3 through the trap frame above. */
    .globl thread_start_user
thread_start_user:
    call sched_switch_tail
    jmp trap_return

    .section .note.GNU-stack, "", @progbits
