# ark — top-level build. `make` builds everything into build/, `make run` boots ark in QEMU,
# `make test` runs every test and ends with "N passed, N failed". Each part of the tree adds its
# own rules through the .mk fragments included below.
#
# `make -C /path/to/ark M=/path/to/module/dir` builds an out-of-tree module instead (mk/kbuild.mk).

ifneq ($(M),)
# The module's own Makefile is read by mk/kbuild.mk in a sub-make whose targets have internal
# names, so the `all:` and `clean:` rules of a Linux-style module Makefile neither clash with
# these goals nor recurse into them.
KB_GOALS := $(or $(MAKECMDGOALS),modules)
.PHONY: $(KB_GOALS)
$(KB_GOALS):
	@$(MAKE) --no-print-directory -f $(CURDIR)/mk/kbuild.mk __kb_$@
else

BUILD ?= build
.DEFAULT_GOAL := all

include mk/toolchain.mk
# Set-up before anything else (see DEPS_STAMP in mk/toolchain.mk); `make clean` needs none.
ifneq ($(filter-out clean,$(or $(MAKECMDGOALS),all)),)
include $(DEPS_STAMP)
endif
include mk/tests.mk
# Order matters: libdkm and the kernel's sub-parts add to KERNEL_SRCS before kernel.mk links.
-include libdkm/libdkm.mk
-include $(sort $(wildcard kernel/*/*.mk))
-include kernel/kernel.mk
-include user/user.mk
-include modules/modules.mk
-include tools/tools.mk
-include host/host.mk
-include $(sort $(wildcard tests/*/*.mk))
-include bench/bench.mk

.PHONY: all run test deps clean
all: $(DEPS_STAMP) $(ALL_TARGETS)

run: all
	tools/ark-run

clean:
	rm -rf $(BUILD)

endif
