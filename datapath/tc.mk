# datapath/tc.mk: the TC flower codec (issue 7): struct tc_flower <->
# RTM_*TFILTER messages, the clsact qdisc, and their tests.

TC_CODEC_SOURCES = \
	datapath/tc.c \
	datapath/tc.h \
	datapath/tc-flower-act.c \
	datapath/tc-flower-key.c \
	datapath/tc-format.c
datapath_libdatapath_a_SOURCES += $(TC_CODEC_SOURCES)

# Unit tests: byte-exact fixtures (cmocka).
check_PROGRAMS += tests/unit/test-tc
TESTS += tests/unit/test-tc
tests_unit_test_tc_SOURCES = tests/unit/test-tc.c \
	tests/unit/test-tc-fixtures.h tests/unit/test-tc-iproute2.h
tests_unit_test_tc_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_tc_LDADD = datapath/libdatapath.a $(TEST_LDADD)

# The sandbox driver behind tests/system/tc-codec.sh.
noinst_PROGRAMS += tests/system/test-tc-kernel
tests_system_test_tc_kernel_SOURCES = tests/system/test-tc-kernel.c
tests_system_test_tc_kernel_LDADD = datapath/libdatapath.a \
	lib/libovstc.a $(OVS_TC_LIBS)
EXTRA_DIST += tests/system/tc-codec.sh

# The fuzz target: the codec compiled again with clang and the fuzz flags
# (tests/fuzz/automake.mk does lib/ only).  This fragment is included
# before tests/fuzz/automake.mk, so the target is listed in FUZZ_TARGETS
# there.
EXTRA_DIST += tests/fuzz/fuzz-tc.c
FUZZ_TC_SRCS = $(filter %.c,$(TC_CODEC_SOURCES))
FUZZ_TC_OBJS = $(patsubst datapath/%.c,tests/fuzz/datapath/%.o,$(FUZZ_TC_SRCS))
CLEANFILES += $(FUZZ_TC_OBJS)

if HAVE_FUZZER
tests/fuzz/datapath/%.o: datapath/%.c $(srcdir)/datapath/tc.h \
		$(FUZZ_LIB_HDRS) config.h
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(CLANG) $(FUZZ_CPPFLAGS) -I$(top_srcdir)/datapath \
	  $(FUZZ_LIB_FLAGS) -c -o $@ $<

tests/fuzz/fuzz-tc: tests/fuzz/fuzz-tc.c $(FUZZ_TC_OBJS) $(FUZZ_LIB) \
		$(FUZZ_LIB_HDRS) $(srcdir)/datapath/tc.h
	@$(MKDIR_P) $(@D)
	$(AM_V_CCLD)$(CLANG) $(FUZZ_CPPFLAGS) $(FUZZ_TARGET_FLAGS) \
	  -o $@ $(srcdir)/tests/fuzz/fuzz-tc.c $(FUZZ_TC_OBJS) \
	  $(FUZZ_LIB) $(FUZZ_LINK_LIBS)
endif

EXTRA_DIST += \
	tests/unit/test-tc-fixtures.h \
	tests/unit/test-tc-iproute2.h \
	tests/unit/tc-capture.sh
