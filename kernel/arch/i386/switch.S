/* switch.S — switches kernel stacks between processes.
 * void context_switch(uint32_t *save_esp, uint32_t new_esp): saves the callee-saved registers on the
 * current stack, stores the stack pointer in *save_esp, and resumes whatever new_esp was saved by
 * (or prepared as if by) an earlier call. */
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

    .section .note.GNU-stack, "", @progbits
