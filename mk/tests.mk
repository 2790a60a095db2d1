# mk/tests.mk — how suites join `make test`. A part of the tree adds a suite by appending its name
# to TEST_SUITES and providing a rule tap-NAME that runs it through tools/tap-run, which stores the
# TAP output under $(BUILD)/tests/results/. tools/tap-summary then prints one line per suite and the
# final "N passed, N failed".

TEST_SUITES :=
TEST_RESULTS := $(BUILD)/tests/results

.PHONY: test test-prepare
test-prepare:
	@rm -rf $(TEST_RESULTS) && mkdir -p $(TEST_RESULTS)

test: all
	@$(MAKE) --no-print-directory test-prepare
	@$(MAKE) --no-print-directory -k $(addprefix tap-,$(TEST_SUITES)) || true
	@tools/tap-summary $(TEST_RESULTS) $(TEST_SUITES)

# One suite by name: make test-one SUITE=libdkm-unit
test-one: all
	@[ -n "$(SUITE)" ] || { echo "make test-one: name the suite, e.g. make test-one SUITE=libdkm-unit" >&2; exit 2; }
	@mkdir -p $(TEST_RESULTS)
	@$(MAKE) --no-print-directory tap-$(SUITE) || true
	@tools/tap-summary $(TEST_RESULTS) $(SUITE)
