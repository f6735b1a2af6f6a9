# datapath/offload.mk: the TC flower offload provider (issue 7): where a
# datapath flow lives (dpif-offload.c, hooked into dpif.c), the TC engine
# (translation and placement), its test double, and their tests.

datapath_libdatapath_a_SOURCES += \
	datapath/dpif-offload.c \
	datapath/offload-provider.h \
	datapath/offload-tc.c \
	datapath/offload-tc.h \
	datapath/offload-tc-xlate.c \
	datapath/offload-test.c

# The placement logic of the dpif wrapper against the test double and a
# fake kernel datapath provider (cmocka).
check_PROGRAMS += tests/unit/test-offload
TESTS += tests/unit/test-offload
tests_unit_test_offload_SOURCES = tests/unit/test-offload.c
tests_unit_test_offload_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_offload_LDADD = datapath/libdatapath.a $(TEST_LDADD)

# Datapath flow -> flower rule translation (cmocka).
check_PROGRAMS += tests/unit/test-offload-xlate
TESTS += tests/unit/test-offload-xlate
tests_unit_test_offload_xlate_SOURCES = tests/unit/test-offload-xlate.c
tests_unit_test_offload_xlate_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_offload_xlate_LDADD = datapath/libdatapath.a $(TEST_LDADD)

# The sandbox driver: runs dpctl commands in one process with offload on.
noinst_PROGRAMS += tests/system/test-offload-kernel
tests_system_test_offload_kernel_SOURCES = \
	tests/system/test-offload-kernel.c
tests_system_test_offload_kernel_LDADD = datapath/libdatapath.a \
	lib/libovstc.a $(OVS_TC_LIBS)
EXTRA_DIST += tests/system/offload-basic.sh

# The datapath fuzz targets (datapath/netdev.mk) link the TC codec, whose
# list datapath/tc.mk defines after their rules were read.
if HAVE_FUZZER
tests/fuzz/fuzz-dpif-netlink tests/fuzz/fuzz-rtnl: $(FUZZ_TC_OBJS)
endif
