# One cmocka program per module, tests/unit/test-<module>.c.

UNIT_TESTS = \
	tests/unit/test-containers \
	tests/unit/test-jsonrpc \
	tests/unit/test-stream \
	tests/unit/test-unixctl \
	tests/unit/test-vlog \
	tests/unit/test-flow \
	tests/unit/test-packets \
	tests/unit/test-netlink \
	tests/unit/test-odp
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)

tests_unit_test_containers_SOURCES = tests/unit/test-containers.c
tests_unit_test_containers_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_containers_LDADD = $(TEST_LDADD)

tests_unit_test_jsonrpc_SOURCES = tests/unit/test-jsonrpc.c
tests_unit_test_jsonrpc_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_jsonrpc_LDADD = $(TEST_LDADD)

tests_unit_test_stream_SOURCES = tests/unit/test-stream.c
tests_unit_test_stream_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_stream_LDADD = $(TEST_LDADD)

tests_unit_test_unixctl_SOURCES = tests/unit/test-unixctl.c
tests_unit_test_unixctl_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_unixctl_LDADD = $(TEST_LDADD)

tests_unit_test_vlog_SOURCES = tests/unit/test-vlog.c
tests_unit_test_vlog_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_vlog_LDADD = $(TEST_LDADD)

tests_unit_test_flow_SOURCES = tests/unit/test-flow.c
tests_unit_test_flow_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_flow_LDADD = $(TEST_LDADD)

tests_unit_test_packets_SOURCES = tests/unit/test-packets.c
tests_unit_test_packets_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_packets_LDADD = $(TEST_LDADD)

tests_unit_test_netlink_SOURCES = tests/unit/test-netlink.c
tests_unit_test_netlink_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_netlink_LDADD = $(TEST_LDADD)

tests_unit_test_odp_SOURCES = tests/unit/test-odp.c
tests_unit_test_odp_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_odp_LDADD = $(TEST_LDADD)
