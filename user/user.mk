# user/user.mk — ark's user space: the no-libc runtime (user/lib) and every program in user/bin.
# A program is either user/bin/NAME.c or a directory user/bin/NAME/ of .c files; each becomes the
# static executable $(BUILD)/user/bin/NAME and is shipped in the ramdisk as bin/NAME (/bin/NAME).
# Fragments user/bin/*.mk (if any) may add rules or extra RAMDISK_FILES for their program.

USER_BUILD    := $(BUILD)/user
USER_LDSCRIPT := user/lib/user.ld
USER_CRT0     := $(USER_BUILD)/lib/crt0.o
USER_LIB      := $(USER_BUILD)/lib/libulib.a
# The compiler's own helpers (64-bit division and the like), for programs that need them.
USER_LIBGCC   := $(LIBGCC32)
USER_DEPFLAGS  = -MMD -MP -MF $(@:.o=.d)

USER_LIB_SRCS := $(sort $(wildcard user/lib/*.c))
USER_LIB_OBJS := $(patsubst user/lib/%.c,$(USER_BUILD)/lib/%.o,$(USER_LIB_SRCS))
# The string and format functions: lib/, shared with the kernel. %p is printed unpadded here.
USER_ARKLIB_OBJS := $(patsubst lib/%.c,$(USER_BUILD)/arklib/%.o,$(sort $(wildcard lib/*.c)))
USER_ARKLIB_CFLAGS := -DARKLIB_POINTER_DIGITS=0

USER_PROGS := $(sort $(basename $(notdir $(wildcard user/bin/*.c))) \
                     $(notdir $(patsubst %/,%,$(dir $(wildcard user/bin/*/*.c)))))
USER_BINS  := $(addprefix $(USER_BUILD)/bin/,$(USER_PROGS))

# Objects of one program: user/bin/NAME.c or user/bin/NAME/*.c, under $(USER_BUILD)/obj/NAME/.
user_srcs = $(wildcard user/bin/$(1).c) $(sort $(wildcard user/bin/$(1)/*.c))
user_objs = $(foreach s,$(call user_srcs,$(1)),$(USER_BUILD)/obj/$(1)/$(basename $(notdir $(s))).o)

# The loops below would turn a plain copy loop into a call to memcpy itself, hence the -fno-tree-...
$(USER_BUILD)/lib/%.o: user/lib/%.c user/user.mk
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -fno-tree-loop-distribute-patterns $(USER_DEPFLAGS) -c $< -o $@

$(USER_BUILD)/arklib/%.o: lib/%.c user/user.mk
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(USER_ARKLIB_CFLAGS) -fno-tree-loop-distribute-patterns $(USER_DEPFLAGS) -c $< -o $@

$(USER_CRT0): user/lib/crt0.S
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(USER_DEPFLAGS) -c $< -o $@

$(USER_LIB): $(USER_LIB_OBJS) $(USER_ARKLIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

define user_object
$(USER_BUILD)/obj/$(1)/$(basename $(notdir $(2))).o: $(2) user/user.mk
	@mkdir -p $$(@D)
	$(CC) $(USER_CFLAGS) $$(USER_DEPFLAGS) -c $(2) -o $$@
endef

define user_program
$(foreach s,$(call user_srcs,$(1)),$(eval $(call user_object,$(1),$(s))))
$(USER_BUILD)/bin/$(1): $(call user_objs,$(1)) $(USER_CRT0) $(USER_LIB) $(USER_LDSCRIPT)
	@mkdir -p $$(@D)
	$(LD) $(USER_LDFLAGS) -T $(USER_LDSCRIPT) -o $$@ $(USER_CRT0) $(call user_objs,$(1)) \
	    $(USER_LIB) $(USER_LIBGCC)
endef
$(foreach p,$(USER_PROGS),$(eval $(call user_program,$(p))))

RAMDISK_FILES += $(foreach p,$(USER_PROGS),$(USER_BUILD)/bin/$(p):bin/$(p))
ALL_TARGETS   += $(USER_BINS)

.PHONY: user
user: $(USER_BINS)

-include $(sort $(wildcard user/bin/*.mk))
-include $(wildcard $(USER_BUILD)/lib/*.d $(USER_BUILD)/arklib/*.d $(USER_BUILD)/obj/*/*.d)
