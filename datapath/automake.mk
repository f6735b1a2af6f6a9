# datapath/: programs Linux forwarding planes (dpif over openvswitch.ko,
# network and tunnel devices, later the TC offload engine).  Other
# fragments (datapath/netdev.mk) append their sources to the library.

noinst_LIBRARIES += datapath/libdatapath.a
datapath_libdatapath_a_CFLAGS = $(AM_CFLAGS)
datapath_libdatapath_a_SOURCES =

# The datapath interface and its provider for the kernel module.
datapath_libdatapath_a_SOURCES += \
	datapath/dpif.c \
	datapath/dpif.h \
	datapath/dpif-provider.h \
	datapath/dpif-netlink.c \
	datapath/dpif-netlink.h \
	datapath/dpif-netlink-upcall.c

# The wrapper against a test-double provider (cmocka).
check_PROGRAMS += tests/unit/test-dpif
TESTS += tests/unit/test-dpif
tests_unit_test_dpif_SOURCES = tests/unit/test-dpif.c
tests_unit_test_dpif_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_dpif_LDADD = datapath/libdatapath.a $(TEST_LDADD)

# The kernel provider against the sandbox kernel (tests/system/dpif.sh).
noinst_PROGRAMS += tests/system/test-dpif-kernel
tests_system_test_dpif_kernel_SOURCES = tests/system/test-dpif-kernel.c
tests_system_test_dpif_kernel_LDADD = datapath/libdatapath.a \
	lib/libovstc.a $(OVS_TC_LIBS)
EXTRA_DIST += tests/system/dpif.sh
