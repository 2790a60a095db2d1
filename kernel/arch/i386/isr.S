/* isr.S — interrupt entry stubs. Each vector pushes a uniform (error code, vector) pair, then the
 * common path saves every register as a struct trap_frame (trap.h), calls trap_dispatch and returns
 * through trap_return, which is also how a new process first enters ring 3. */

#define SEL_KERNEL_DATA 0x10

.macro ISR_NOERR vec
    .globl isr\vec
isr\vec:
    pushl $0
    pushl $\vec
    jmp isr_common
.endm

.macro ISR_ERR vec
    .globl isr\vec
isr\vec:
    pushl $\vec
    jmp isr_common
.endm

    .text
ISR_NOERR 0
ISR_NOERR 1
ISR_NOERR 2
ISR_NOERR 3
ISR_NOERR 4
ISR_NOERR 5
ISR_NOERR 6
ISR_NOERR 7
ISR_ERR   8
ISR_NOERR 9
ISR_ERR   10
ISR_ERR   11
ISR_ERR   12
ISR_ERR   13
ISR_ERR   14
ISR_NOERR 15
ISR_NOERR 16
ISR_ERR   17
ISR_NOERR 18
ISR_NOERR 19
ISR_NOERR 20
ISR_ERR   21
ISR_NOERR 22
ISR_NOERR 23
ISR_NOERR 24
ISR_NOERR 25
ISR_NOERR 26
ISR_NOERR 27
ISR_NOERR 28
ISR_ERR   29
ISR_ERR   30
ISR_NOERR 31
/* IRQ 0-15 as remapped by pic.c */
ISR_NOERR 32
ISR_NOERR 33
ISR_NOERR 34
ISR_NOERR 35
ISR_NOERR 36
ISR_NOERR 37
ISR_NOERR 38
ISR_NOERR 39
ISR_NOERR 40
ISR_NOERR 41
ISR_NOERR 42
ISR_NOERR 43
ISR_NOERR 44
ISR_NOERR 45
ISR_NOERR 46
ISR_NOERR 47
/* system calls */
ISR_NOERR 128

isr_common:
    pushal
    pushl %ds
    pushl %es
    pushl %fs
    pushl %gs
    movw $SEL_KERNEL_DATA, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw %ax, %gs
    cld
    pushl %esp                  /* struct trap_frame * */
    call trap_dispatch
    addl $4, %esp
    .globl trap_return
trap_return:
    popl %gs
    popl %fs
    popl %es
    popl %ds
    popal
    addl $8, %esp               /* vector and error code */
    iret

    /* Addresses of the stubs, for idt.c. */
    .section .rodata
    .balign 4
    .globl isr_stub_table
isr_stub_table:
    .irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .long isr\v
    .endr
    .irp v, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
    .long isr\v
    .endr
    .globl isr_syscall_stub
isr_syscall_stub:
    .long isr128

    .section .note.GNU-stack, "", @progbits
