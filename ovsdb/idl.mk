# ovsdb/idl.mk: the client IDL and the reconnecting JSON-RPC session it runs
# over (issue 3).

lib_libovstc_a_SOURCES += \
	lib/reconnect.c \
	lib/reconnect.h \
	lib/jsonrpc-session.c \
	lib/jsonrpc-session.h

ovsdb_libovsdb_a_SOURCES += \
	ovsdb/ovsdb-idl.c \
	ovsdb/ovsdb-idl.h \
	ovsdb/ovsdb-idl-private.h \
	ovsdb/ovsdb-idl-txn.c

IDL_UNIT_TESTS = \
	tests/unit/test-reconnect \
	tests/unit/test-ovsdb-idl
check_PROGRAMS += $(IDL_UNIT_TESTS)
TESTS += $(IDL_UNIT_TESTS)

tests_unit_test_reconnect_SOURCES = tests/unit/test-reconnect.c
tests_unit_test_reconnect_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_reconnect_LDADD = $(TEST_LDADD)

tests_unit_test_ovsdb_idl_SOURCES = tests/unit/test-ovsdb-idl.c
tests_unit_test_ovsdb_idl_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ovsdb_idl_LDADD = ovsdb/libovsdb.a $(TEST_LDADD)

# The IDL against a live server: the stock ovsdb-server, and ours once it
# is built.
check_PROGRAMS += tests/interop/test-ovsdb-idl
tests_interop_test_ovsdb_idl_SOURCES = tests/interop/test-ovsdb-idl.c
tests_interop_test_ovsdb_idl_LDADD = ovsdb/libovsdb.a lib/libovstc.a \
	$(OVS_TC_LIBS)
TESTS += tests/interop/ovsdb-idl.sh
EXTRA_DIST += tests/interop/ovsdb-idl.sh tests/interop/idltest.ovsschema
