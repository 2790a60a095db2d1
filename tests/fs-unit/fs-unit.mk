# tests/fs-unit/fs-unit.mk — host unit tests of the kernel's file systems (kernel/fs): the same
# sources, built for x86_64 Linux with sanitizers against a small shim of kernel services.
FS_UNIT_DIR := $(BUILD)/tests/fs-unit
FS_UNIT_BIN := $(FS_UNIT_DIR)/fs-unit
FS_UNIT_TAR := $(FS_UNIT_DIR)/host-made.tar
FS_UNIT_SRCS := $(FS_SRCS) $(addprefix tests/fs-unit/,main.c shim.c tar_build.c test_path.c test_tar.c \
                  test_seq.c test_vfs.c test_devfs.c test_procfs.c test_perm.c)
FS_UNIT_CFLAGS := $(HOST64_CFLAGS) -Ikernel/include -Ikernel/fs -Itests/fs-unit \
                  -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# strlcpy (missing from this C library) comes from the shared lib/string.c; the file's other
# functions are renamed so that the C library's, which the sanitizers intercept, stay in use.
FS_UNIT_ARKLIB := $(FS_UNIT_DIR)/arklib-string.o
FS_UNIT_ARKLIB_RENAMES := $(foreach f,memcpy memmove memset memcmp strlen strnlen strcmp strncmp strchr \
                            strrchr strstr strlcat str_starts_with,-D$(f)=fs_unit_arklib_$(f))

$(FS_UNIT_ARKLIB): lib/string.c include/ark/arklib.h tests/fs-unit/fs-unit.mk | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(HOSTCC) $(FS_UNIT_CFLAGS) -fno-builtin $(FS_UNIT_ARKLIB_RENAMES) -c lib/string.c -o $@

$(FS_UNIT_BIN): $(FS_UNIT_SRCS) $(FS_UNIT_ARKLIB) $(wildcard kernel/fs/*.h tests/fs-unit/*.h) \
                kernel/include/vfs.h include/ark/device.h include/ark/proc.h | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(HOSTCC) $(FS_UNIT_CFLAGS) -o $@ $(FS_UNIT_SRCS) $(FS_UNIT_ARKLIB) -lcmocka

# An archive written by the host's own tar: a name long enough to need the ustar prefix field,
# a hard link and directories, to check the walker against a real implementation.
$(FS_UNIT_TAR): tests/fs-unit/fs-unit.mk
	@rm -rf $(FS_UNIT_DIR)/tree && mkdir -p $(FS_UNIT_DIR)/tree/d/$(FS_UNIT_LONGDIR)
	@printf 'deep\n' >$(FS_UNIT_DIR)/tree/d/$(FS_UNIT_LONGDIR)/leaf.txt
	@printf 'top\n' >$(FS_UNIT_DIR)/tree/top.txt && ln $(FS_UNIT_DIR)/tree/top.txt $(FS_UNIT_DIR)/tree/top-link
	tar --format=ustar -cf $@ -C $(FS_UNIT_DIR)/tree .
FS_UNIT_LONGDIR := directory-with-a-rather-long-name-number-one/directory-with-a-rather-long-name-number-two

TEST_SUITES += fs-unit
.PHONY: tap-fs-unit
tap-fs-unit: $(FS_UNIT_BIN) $(FS_UNIT_TAR)
	@FS_UNIT_HOST_TAR=$(FS_UNIT_TAR) CMOCKA_MESSAGE_OUTPUT=TAP \
	    tools/tap-run $(TEST_RESULTS) fs-unit --timeout 120 -- $(FS_UNIT_BIN)
