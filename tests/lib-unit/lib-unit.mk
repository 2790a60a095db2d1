# tests/lib-unit/lib-unit.mk — suite `lib-unit`: cmocka tests of the code lib/ shares between the
# kernel, strapper and the host tools: the modprobe.d parser (lib/modconf.c) and the device-table
# aliases of the module reader (lib/elfinfo.c), the latter on a real module built with kbuild
# (tests/linux/request/widget-drv.ko) and on damaged copies of it.
LIB_UNIT_DIR  := $(BUILD)/tests/lib-unit
LIB_UNIT_BIN  := $(LIB_UNIT_DIR)/lib-unit
LIB_UNIT_SRCS := tests/lib-unit/test_lib.c lib/modconf.c lib/modindex.c lib/elfinfo.c
LIB_UNIT_KO   := $(BUILD)/tests/linux/request/widget-drv.ko
LIB_UNIT_CFLAGS := $(HOST64_CFLAGS) -fsanitize=address,undefined -fno-sanitize-recover=all \
                   -fno-omit-frame-pointer
# strlcpy and strlcat (missing from this C library) come from lib/string.c; its other functions
# are renamed so that the C library's stay in use.
LIB_UNIT_ARKLIB := $(LIB_UNIT_DIR)/arklib-string.o
LIB_UNIT_RENAMES := $(foreach f,memcpy memmove memset memcmp strlen strnlen strcmp strncmp strchr \
                      strrchr strstr str_starts_with,-D$(f)=lib_unit_arklib_$(f))

$(LIB_UNIT_ARKLIB): lib/string.c include/ark/arklib.h tests/lib-unit/lib-unit.mk | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(HOSTCC) $(LIB_UNIT_CFLAGS) -fno-builtin $(LIB_UNIT_RENAMES) -c lib/string.c -o $@

$(LIB_UNIT_BIN): $(LIB_UNIT_SRCS) $(LIB_UNIT_ARKLIB) include/ark/modconf.h include/ark/modindex.h \
                 include/ark/elfinfo.h | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(HOSTCC) $(LIB_UNIT_CFLAGS) -o $@ $(LIB_UNIT_SRCS) $(LIB_UNIT_ARKLIB) -lcmocka

ALL_TARGETS += $(LIB_UNIT_BIN)
TEST_SUITES += lib-unit
.PHONY: tap-lib-unit
tap-lib-unit: $(LIB_UNIT_BIN) $(LIB_UNIT_KO)
	@LIB_UNIT_KO=$(abspath $(LIB_UNIT_KO)) CMOCKA_MESSAGE_OUTPUT=TAP \
	    tools/tap-run $(TEST_RESULTS) lib-unit --timeout 60 -- $(LIB_UNIT_BIN)
