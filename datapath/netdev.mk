# datapath/netdev.mk: network devices and metadata-mode tunnel devices over
# rtnetlink, and NIC UDP tunnel port tables over ethtool netlink.  The
# sources go into datapath/libdatapath.a (datapath/automake.mk).

datapath_libdatapath_a_SOURCES += \
	datapath/ethtool-tunnel.c \
	datapath/ethtool-tunnel.h \
	datapath/netdev-linux.c \
	datapath/netdev-monitor.c \
	datapath/netdev.h \
	datapath/tunnel-dev.c \
	datapath/tunnel-dev.h

# Unit tests: message building and parsing against byte-exact fixtures.
NETDEV_UNIT_TESTS = \
	tests/unit/test-netdev \
	tests/unit/test-tunnel-dev
check_PROGRAMS += $(NETDEV_UNIT_TESTS)
TESTS += $(NETDEV_UNIT_TESTS)

tests_unit_test_netdev_SOURCES = tests/unit/test-netdev.c
tests_unit_test_netdev_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_netdev_LDADD = datapath/libdatapath.a $(TEST_LDADD)

tests_unit_test_tunnel_dev_SOURCES = tests/unit/test-tunnel-dev.c
tests_unit_test_tunnel_dev_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_tunnel_dev_LDADD = datapath/libdatapath.a $(TEST_LDADD)

# The sandbox driver behind tests/system/netdev.sh and tunnel-dev.sh.
noinst_PROGRAMS += tests/system/test-netdev-kernel
tests_system_test_netdev_kernel_SOURCES = tests/system/test-netdev-kernel.c
tests_system_test_netdev_kernel_LDADD = \
	datapath/libdatapath.a lib/libovstc.a $(OVS_TC_LIBS)
EXTRA_DIST += \
	tests/system/netdev.sh \
	tests/system/tunnel-dev.sh

# Fuzz targets of the datapath decoders: the kernel provider's replies and
# upcalls (fuzz-dpif-netlink), and RTM_NEWLINK / tunnel-device / ethtool
# tunnel-info messages (fuzz-rtnl).  Their datapath/ sources are compiled
# with the fuzz flags by the tests/fuzz/datapath/%.o rule of
# datapath/tc.mk; the targets are listed in FUZZ_TARGETS in
# tests/fuzz/automake.mk, which is included after this fragment.
EXTRA_DIST += \
	datapath/dpif-netlink-private.h \
	tests/fuzz/fuzz-dpif-netlink.c \
	tests/fuzz/fuzz-rtnl.c
# (dpif.c calls the offload provider, so its sources and the TC codec's,
# FUZZ_TC_SRCS from datapath/tc.mk, are linked in too; datapath/offload.mk
# adds them as prerequisites once both lists are known.)
FUZZ_DATAPATH_SRCS = \
	datapath/dpif.c \
	datapath/dpif-netlink.c \
	datapath/dpif-netlink-upcall.c \
	datapath/dpif-offload.c \
	datapath/ethtool-tunnel.c \
	datapath/netdev-linux.c \
	datapath/offload-tc.c \
	datapath/offload-tc-xlate.c \
	datapath/offload-test.c \
	datapath/tunnel-dev.c \
	$(FUZZ_TC_SRCS)
FUZZ_DATAPATH_HDRS = \
	$(srcdir)/datapath/dpif.h \
	$(srcdir)/datapath/dpif-provider.h \
	$(srcdir)/datapath/dpif-netlink.h \
	$(srcdir)/datapath/dpif-netlink-private.h \
	$(srcdir)/datapath/ethtool-tunnel.h \
	$(srcdir)/datapath/netdev.h \
	$(srcdir)/datapath/offload-provider.h \
	$(srcdir)/datapath/offload-tc.h \
	$(srcdir)/datapath/tunnel-dev.h
FUZZ_DATAPATH_OBJS = $(patsubst datapath/%.c,tests/fuzz/datapath/%.o,\
	$(FUZZ_DATAPATH_SRCS))
CLEANFILES += $(FUZZ_DATAPATH_OBJS)

if HAVE_FUZZER
$(FUZZ_DATAPATH_OBJS): $(FUZZ_DATAPATH_HDRS)

tests/fuzz/fuzz-dpif-netlink: tests/fuzz/fuzz-dpif-netlink.c \
		$(FUZZ_DATAPATH_OBJS) $(FUZZ_LIB) $(FUZZ_LIB_HDRS) \
		$(FUZZ_DATAPATH_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CCLD)$(CLANG) $(FUZZ_CPPFLAGS) $(FUZZ_TARGET_FLAGS) \
	  -o $@ $(srcdir)/tests/fuzz/fuzz-dpif-netlink.c \
	  $(FUZZ_DATAPATH_OBJS) $(FUZZ_LIB) $(FUZZ_LINK_LIBS)

tests/fuzz/fuzz-rtnl: tests/fuzz/fuzz-rtnl.c $(FUZZ_DATAPATH_OBJS) \
		$(FUZZ_LIB) $(FUZZ_LIB_HDRS) $(FUZZ_DATAPATH_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CCLD)$(CLANG) $(FUZZ_CPPFLAGS) $(FUZZ_TARGET_FLAGS) \
	  -o $@ $(srcdir)/tests/fuzz/fuzz-rtnl.c \
	  $(FUZZ_DATAPATH_OBJS) $(FUZZ_LIB) $(FUZZ_LINK_LIBS)
endif
