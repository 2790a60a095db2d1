# tests/user-unit/user-unit.mk — suite `user-unit`: cmocka tests of user space's pure logic (the
# printf engine, number parsing, error names, the shell's parser), compiled for the host with the
# user library's names moved aside (rename.h) so they do not clash with the host C library.

USER_UNIT_BUILD := $(BUILD)/tests/user-unit
USER_UNIT_SRCS  := tests/user-unit/test_ulib.c user/lib/printf.c lib/format.c user/lib/args.c \
                   user/lib/error.c lib/errtext.c lib/chars.c user/bin/sh/parse.c
USER_UNIT_BIN   := $(USER_UNIT_BUILD)/test_ulib

$(USER_UNIT_BIN): $(USER_UNIT_SRCS) tests/user-unit/rename.h user/lib/ulib.h include/ark/arklib.h \
                  user/bin/sh/sh.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST64_CFLAGS) -Iuser/lib -DARKLIB_POINTER_DIGITS=0 -Iuser/bin/sh \
	    -include tests/user-unit/rename.h -fno-builtin -o $@ $(USER_UNIT_SRCS) -lcmocka

TEST_SUITES += user-unit
tap-user-unit: $(USER_UNIT_BIN)
	@CMOCKA_MESSAGE_OUTPUT=TAP tools/tap-run $(TEST_RESULTS) user-unit --timeout 60 -- $(USER_UNIT_BIN)
