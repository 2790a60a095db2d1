# tests/kernel-unit/kernel-unit.mk — suite `kernel-unit`: cmocka tests of the kernel's pure logic (page
# bitmap, heap, vsnprintf, log ring, symbol search, command line, ELF checks, string functions,
# address redaction), built
# for the host from the kernel's sources and lib/, with the string and format names moved aside by -D.

KUNIT_BUILD := $(BUILD)/tests/kernel-unit
KUNIT_BIN   := $(KUNIT_BUILD)/kernel-unit
KUNIT_KERNEL_SRCS := kernel/mm/page_bitmap.c kernel/mm/heap.c lib/format.c \
                     kernel/core/klog_ring.c kernel/core/ksym_search.c kernel/core/cmdline.c \
                     kernel/proc/elf_exec.c kernel/core/kptr_redact.c lib/string.c \
                     lib/chars.c
KUNIT_TEST_SRCS := $(sort $(wildcard tests/kernel-unit/*.c))
KUNIT_RENAMES := $(foreach f,memcpy memmove memset memcmp strlen strnlen strcmp strncmp strchr \
                             strrchr strstr strlcpy strlcat vsnprintf snprintf,-D$(f)=kunit_$(f))
KUNIT_CFLAGS := $(HOST64_CFLAGS) -fno-builtin -Ikernel/include $(KUNIT_RENAMES)
KUNIT_OBJS := $(patsubst %.c,$(KUNIT_BUILD)/%.o,$(KUNIT_KERNEL_SRCS) $(KUNIT_TEST_SRCS))

$(KUNIT_BUILD)/%.o: %.c tests/kernel-unit/kernel-unit.mk
	@mkdir -p $(@D)
	$(HOSTCC) $(KUNIT_CFLAGS) -MMD -MP -c $< -o $@

$(KUNIT_BIN): $(KUNIT_OBJS)
	$(HOSTCC) -o $@ $^ -lcmocka

-include $(KUNIT_OBJS:.o=.d)

ALL_TARGETS += $(KUNIT_BIN)
TEST_SUITES += kernel-unit

.PHONY: tap-kernel-unit
tap-kernel-unit: $(KUNIT_BIN)
	@CMOCKA_MESSAGE_OUTPUT=TAP tools/tap-run $(TEST_RESULTS) kernel-unit --timeout 120 -- $(KUNIT_BIN)
