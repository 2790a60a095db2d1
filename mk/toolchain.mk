# mk/toolchain.mk — compilers and flags shared by every part of the tree, and the dependency check.

CC        ?= gcc
CLANG     ?= clang
LD        ?= ld
HOSTCC    ?= gcc

# Missing Debian packages are installed (as root) or named by scripts/install-deps; the stamp keeps
# the check to once per change of the script.
DEPS_STAMP := $(BUILD)/.deps-ok
$(DEPS_STAMP): scripts/install-deps
	@scripts/install-deps
	@mkdir -p $(@D) && touch $@
deps: $(DEPS_STAMP)

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
