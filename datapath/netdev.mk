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
