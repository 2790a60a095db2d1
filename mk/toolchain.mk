# mk/toolchain.mk — compilers and flags shared by every part of the tree, and the dependency check.

CC        ?= gcc
CLANG     ?= clang
LD        ?= ld
HOSTCC    ?= gcc

# Missing Debian packages are installed (as root) or named by scripts/install-deps, once per change
# of the script. The stamp is a makefile that the top-level Makefile includes: make remakes an
# included makefile before anything else and then reads every makefile again, so the toolchain
# queries below ($(shell ...)) see the packages installed, even on the first run of a fresh machine.
DEPS_STAMP := $(BUILD)/.deps.mk
$(DEPS_STAMP): scripts/install-deps
	@scripts/install-deps
	@mkdir -p $(@D) && echo '# scripts/install-deps found every package' >$@
deps: $(DEPS_STAMP)

# The compiler's 32-bit runtime library (64-bit division and the like), for everything i386.
LIBGCC32  := $(shell $(CC) -m32 -print-libgcc-file-name 2>/dev/null)

WARN      := -Wall -Wextra -Werror
INCLUDES  := -Iinclude -Ilibdkm/include

# The kernel and everything linked into it (libdkm's kernel build included).
KERNEL_CFLAGS := -m32 -std=gnu11 -O2 -g -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
                 -fno-omit-frame-pointer -mno-sse -mno-mmx -mno-80387 -fno-builtin \
                 $(WARN) $(INCLUDES) -Ikernel/include -D__ARK_KERNEL__
KERNEL_LDFLAGS := -m elf_i386 -nostdlib

# User programs: ring 3, no libc.
USER_CFLAGS := -m32 -std=gnu11 -O2 -g -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
               -fno-builtin $(WARN) $(INCLUDES) -Iuser/lib
USER_LDFLAGS := -m elf_i386 -nostdlib -static

# Hosted 32-bit Linux builds (dkm-host, unit tests, benchmarks). 32-bit programs are started through
# tools/run32, which uses qemu-i386 when the host kernel cannot run i386 binaries itself.
HOST32_CFLAGS := -m32 -std=gnu11 -O2 -g $(WARN) $(INCLUDES)
HOST64_CFLAGS := -std=gnu11 -O2 -g $(WARN) $(INCLUDES)
RUN32 := tools/run32
