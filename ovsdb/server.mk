# ovsdb/server.mk: ovsdb-server, its library parts and its tests.

ovsdb_libovsdb_a_SOURCES += \
	ovsdb/jsonrpc-server.c \
	ovsdb/jsonrpc-server.h \
	ovsdb/monitor.c \
	ovsdb/monitor.h \
	ovsdb/server.c \
	ovsdb/server.h

sbin_PROGRAMS += ovsdb/ovsdb-server
ovsdb_ovsdb_server_SOURCES = ovsdb/ovsdb-server.c
ovsdb_ovsdb_server_LDADD = ovsdb/libovsdb.a lib/libovstc.a $(OVS_TC_LIBS)
dist_man_MANS += ovsdb/ovsdb-server.1

# Unit tests of monitors and locks (cmocka).
OVSDB_SERVER_UNIT_TESTS = tests/unit/test-ovsdb-monitor
check_PROGRAMS += $(OVSDB_SERVER_UNIT_TESTS)
TESTS += $(OVSDB_SERVER_UNIT_TESTS)
tests_unit_test_ovsdb_monitor_SOURCES = tests/unit/test-ovsdb-monitor.c \
	tests/unit/ovsdb-test-util.c tests/unit/ovsdb-test-util.h
tests_unit_test_ovsdb_monitor_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ovsdb_monitor_LDADD = ovsdb/libovsdb.a $(TEST_LDADD)

# ovsdb-server against stock clients and raw JSON-RPC clients.
OVSDB_SERVER_INTEROP_TESTS = \
	tests/interop/ovsdb-server-stock.sh \
	tests/interop/ovsdb-server-durability.sh \
	tests/interop/ovsdb-server-robustness.sh \
	tests/interop/ovsdb-server-monitor.sh \
	tests/interop/ovsdb-server-compact.sh
TESTS += $(OVSDB_SERVER_INTEROP_TESTS)
EXTRA_DIST += $(OVSDB_SERVER_INTEROP_TESTS) \
	tests/interop/ovsdb_rpc.py \
	tests/interop/ovsdb-server-lib.sh
