# tests/modules/system-modules.mk — suite `system-modules`: every example module exercised inside
# ark under QEMU (modules.bats), and module debugging with gdb (gdb.bats). modtest, the user
# program the tests drive devices with, is built with `ark-gcc --user` like any author's program.

TEST_SUITES += system-modules
MODTEST := $(BUILD)/tests/modules/modtest

$(MODTEST): tests/modules/modtest.c $(ARK_GCC) $(USER_LIB) $(USER_CRT0)
	@mkdir -p $(@D)
	ARK_BUILD=$(abspath $(BUILD)) $(ARK_GCC) --user -Wall -Wextra -Werror -o $@ $<

.PHONY: tap-system-modules
tap-system-modules: all $(MODTEST)
	@ARK_BUILD=$(abspath $(BUILD)) MODTEST=$(abspath $(MODTEST)) \
	    tools/tap-run $(TEST_RESULTS) system-modules --timeout 1200 -- bats --tap tests/modules
