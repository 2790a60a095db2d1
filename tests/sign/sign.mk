# tests/sign/sign.mk — suite `ark-sign`: bats tests of tools/ark-sign (signing any module file,
# keys, --info/--verify/--strip), of ark-gcc and kbuild signing what they build, and of dkm-host
# loading signed files.

TEST_SUITES += ark-sign

.PHONY: tap-ark-sign
tap-ark-sign: $(SIGNTOOL) $(SIGN_KEY) $(DKM_HOST) $(USER_LIB) $(USER_CRT0)
	@BUILD=$(BUILD) tools/tap-run $(TEST_RESULTS) ark-sign --timeout 300 -- bats --tap tests/sign
