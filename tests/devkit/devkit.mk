# tests/devkit/devkit.mk — suite `devkit`: bats tests of tools/ark-gcc, `make M=` (mk/kbuild.mk)
# and every example module under dkm-host.

TEST_SUITES += devkit

.PHONY: tap-devkit
tap-devkit: $(MOD_ELFS) $(DKM_HOST) $(PROBE32) $(USER_LIB) $(USER_CRT0)
	@BUILD=$(BUILD) tools/tap-run $(TEST_RESULTS) devkit --timeout 600 -- bats --tap tests/devkit
