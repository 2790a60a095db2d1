/* kguard.S — kguard_enter/kguard_landing (kguard.h): a call into module code that a fault handler
 * can unwind, like setjmp/longjmp with the jump made by rewriting the faulting context; and
 * stack_call, which runs a function on another stack (module init at boot on a guarded stack). */

#define G_ESP    0
#define G_EBP    4
#define G_EBX    8
#define G_ESI    12
#define G_EDI    16
#define G_EFLAGS 20

    .text
/* int kguard_enter(struct kguard *g, uintptr_t fn, unsigned nargs, const uintptr_t *args,
 *                  long *result) */
    .globl kguard_enter
    .type kguard_enter, @function
kguard_enter:
    pushl %ebp
    movl %esp, %ebp
    pushl %ebx
    pushl %esi
    pushl %edi
    movl 8(%ebp), %eax
    movl %esp, G_ESP(%eax)
    movl %ebp, G_EBP(%eax)
    movl %ebx, G_EBX(%eax)
    movl %esi, G_ESI(%eax)
    movl %edi, G_EDI(%eax)
    pushfl
    popl G_EFLAGS(%eax)
    movl 16(%ebp), %ecx             /* nargs */
    movl 20(%ebp), %edx             /* args */
1:  testl %ecx, %ecx
    jz 2f
    decl %ecx
    pushl (%edx,%ecx,4)             /* cdecl: the last argument first */
    jmp 1b
2:  call *12(%ebp)
    movl 24(%ebp), %ecx
    movl %eax, (%ecx)
    xorl %eax, %eax
3:  leal -12(%ebp), %esp            /* the three saved registers, still intact above the call */
    popl %edi
    popl %esi
    popl %ebx
    popl %ebp
    ret
    .size kguard_enter, . - kguard_enter

/* Entered instead of the faulting instruction, eax = g. Everything below g->esp belonged to the
 * unwound call (it may even have run into the guard page): only the frame above it is used. */
    .globl kguard_landing
    .type kguard_landing, @function
kguard_landing:
    movl G_ESP(%eax), %esp
    movl G_EBP(%eax), %ebp
    movl $1, %eax
    jmp 3b
    .size kguard_landing, . - kguard_landing

/* void stack_call(uintptr_t stack_top, void (*fn)(void *), void *arg) */
    .globl stack_call
    .type stack_call, @function
stack_call:
    pushl %ebp
    movl %esp, %ebp
    movl 8(%ebp), %eax
    movl 12(%ebp), %ecx
    movl 16(%ebp), %edx
    movl %ebp, -4(%eax)             /* the old frame, for the way back and for backtraces */
    leal -4(%eax), %esp
    andl $-16, %esp
    subl $12, %esp
    pushl %edx
    call *%ecx
    movl %ebp, %esp
    popl %ebp
    ret
    .size stack_call, . - stack_call

    .section .note.GNU-stack, "", @progbits
