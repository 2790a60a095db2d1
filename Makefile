# ark — top-level build. `make` builds everything into build/, `make run` boots ark in QEMU,
# `make test` runs every test and ends with "N passed, N failed". Each part of the tree adds its
# own rules through the .mk fragment included below.

BUILD ?= build
.DEFAULT_GOAL := all

include mk/toolchain.mk
include mk/tests.mk
-include libdkm/libdkm.mk
-include kernel/kernel.mk
-include user/user.mk
-include modules/modules.mk
-include tools/tools.mk
-include tests/tests.mk
-include bench/bench.mk

.PHONY: all run test deps clean
all: $(DEPS_STAMP) $(ALL_TARGETS)

run: all
	tools/ark-run

clean:
	rm -rf $(BUILD)
