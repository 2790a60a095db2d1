/* crt0.S — entry point of every ark user program. The kernel's ELF loader leaves the SysV i386
 * start-up stack: [esp] = argc, [esp+4] = argv[0] ... argv[argc-1], then a NULL pointer. */
    .section .text.startup, "ax"
    .globl _start
    .type _start, @function
_start:
    xorl  %ebp, %ebp            /* marks the outermost frame for debuggers and backtraces */
    movl  (%esp), %eax          /* argc */
    leal  4(%esp), %ecx         /* argv */
    andl  $-16, %esp            /* the i386 ABI wants a 16-byte aligned stack at calls */
    subl  $8, %esp
    pushl %ecx
    pushl %eax
    call  main
    movl  %eax, (%esp)
    call  exit                  /* does not return */
1:  hlt                         /* unreachable: a privileged instruction faults the process */
    jmp   1b
    .size _start, . - _start
    .section .note.GNU-stack, "", @progbits
