# ovsdb/: the configuration database.

noinst_LIBRARIES += ovsdb/libovsdb.a
ovsdb_libovsdb_a_CFLAGS = $(AM_CFLAGS)
ovsdb_libovsdb_a_SOURCES = \
	ovsdb/execution.c \
	ovsdb/execution.h \
	ovsdb/ovsdb-condition.c \
	ovsdb/ovsdb-condition.h \
	ovsdb/ovsdb-data.c \
	ovsdb/ovsdb-data.h \
	ovsdb/ovsdb-error.c \
	ovsdb/ovsdb-error.h \
	ovsdb/ovsdb-mutation.c \
	ovsdb/ovsdb-mutation.h \
	ovsdb/ovsdb-parser.c \
	ovsdb/ovsdb-parser.h \
	ovsdb/ovsdb-schema.c \
	ovsdb/ovsdb-schema.h \
	ovsdb/ovsdb-symtab.c \
	ovsdb/ovsdb-symtab.h \
	ovsdb/ovsdb-types.c \
	ovsdb/ovsdb-types.h \
	ovsdb/ovsdb.c \
	ovsdb/ovsdb.h \
	ovsdb/row.c \
	ovsdb/row.h \
	ovsdb/transaction.c \
	ovsdb/transaction.h

# Unit tests of the engine (cmocka), tests/unit/test-ovsdb-<module>.c.
OVSDB_UNIT_TESTS = \
	tests/unit/test-ovsdb-condition \
	tests/unit/test-ovsdb-data \
	tests/unit/test-ovsdb-execution \
	tests/unit/test-ovsdb-mutation \
	tests/unit/test-ovsdb-row \
	tests/unit/test-ovsdb-schema \
	tests/unit/test-ovsdb-transaction \
	tests/unit/test-ovsdb-types
check_PROGRAMS += $(OVSDB_UNIT_TESTS)
TESTS += $(OVSDB_UNIT_TESTS)

tests_unit_test_ovsdb_condition_SOURCES = tests/unit/test-ovsdb-condition.c \
	tests/unit/ovsdb-test-util.c tests/unit/ovsdb-test-util.h
tests_unit_test_ovsdb_condition_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ovsdb_condition_LDADD = ovsdb/libovsdb.a $(TEST_LDADD)

tests_unit_test_ovsdb_data_SOURCES = tests/unit/test-ovsdb-data.c \
	tests/unit/ovsdb-test-util.c tests/unit/ovsdb-test-util.h
tests_unit_test_ovsdb_data_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ovsdb_data_LDADD = ovsdb/libovsdb.a $(TEST_LDADD)

tests_unit_test_ovsdb_execution_SOURCES = tests/unit/test-ovsdb-execution.c \
	tests/unit/ovsdb-test-util.c tests/unit/ovsdb-test-util.h
tests_unit_test_ovsdb_execution_CFLAGS = $(TEST_CFLAGS) \
	-DOVSDB_TEST_SRCDIR='"$(abs_top_srcdir)"'
tests_unit_test_ovsdb_execution_LDADD = ovsdb/libovsdb.a $(TEST_LDADD)
EXTRA_DIST += tests/unit/ovsdb-txn-test.ovsschema

tests_unit_test_ovsdb_mutation_SOURCES = tests/unit/test-ovsdb-mutation.c \
	tests/unit/ovsdb-test-util.c tests/unit/ovsdb-test-util.h
tests_unit_test_ovsdb_mutation_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ovsdb_mutation_LDADD = ovsdb/libovsdb.a $(TEST_LDADD)

tests_unit_test_ovsdb_row_SOURCES = tests/unit/test-ovsdb-row.c \
	tests/unit/ovsdb-test-util.c tests/unit/ovsdb-test-util.h
tests_unit_test_ovsdb_row_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ovsdb_row_LDADD = ovsdb/libovsdb.a $(TEST_LDADD)

tests_unit_test_ovsdb_schema_SOURCES = tests/unit/test-ovsdb-schema.c \
	tests/unit/ovsdb-test-util.c tests/unit/ovsdb-test-util.h
tests_unit_test_ovsdb_schema_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ovsdb_schema_LDADD = ovsdb/libovsdb.a $(TEST_LDADD)

tests_unit_test_ovsdb_transaction_SOURCES = \
	tests/unit/test-ovsdb-transaction.c \
	tests/unit/ovsdb-test-util.c tests/unit/ovsdb-test-util.h
tests_unit_test_ovsdb_transaction_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ovsdb_transaction_LDADD = ovsdb/libovsdb.a $(TEST_LDADD)

tests_unit_test_ovsdb_types_SOURCES = tests/unit/test-ovsdb-types.c \
	tests/unit/ovsdb-test-util.c tests/unit/ovsdb-test-util.h
tests_unit_test_ovsdb_types_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ovsdb_types_LDADD = ovsdb/libovsdb.a $(TEST_LDADD)

# Durability: the on-disk log, database files and ovsdb-tool.
ovsdb_libovsdb_a_SOURCES += \
	ovsdb/file.c \
	ovsdb/file.h \
	ovsdb/log.c \
	ovsdb/log.h

bin_PROGRAMS += ovsdb/ovsdb-tool
ovsdb_ovsdb_tool_SOURCES = ovsdb/ovsdb-tool.c
ovsdb_ovsdb_tool_LDADD = ovsdb/libovsdb.a lib/libovstc.a $(OVS_TC_LIBS)
dist_man_MANS += ovsdb/ovsdb-tool.1

OVSDB_FILE_UNIT_TESTS = \
	tests/unit/test-ovsdb-file \
	tests/unit/test-ovsdb-log
check_PROGRAMS += $(OVSDB_FILE_UNIT_TESTS)
TESTS += $(OVSDB_FILE_UNIT_TESTS)

tests_unit_test_ovsdb_log_SOURCES = tests/unit/test-ovsdb-log.c \
	tests/unit/ovsdb-test-util.c tests/unit/ovsdb-test-util.h
tests_unit_test_ovsdb_log_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ovsdb_log_LDADD = ovsdb/libovsdb.a $(TEST_LDADD)

tests_unit_test_ovsdb_file_SOURCES = tests/unit/test-ovsdb-file.c \
	tests/unit/ovsdb-test-util.c tests/unit/ovsdb-test-util.h
tests_unit_test_ovsdb_file_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ovsdb_file_LDADD = ovsdb/libovsdb.a $(TEST_LDADD)

# ovsdb-tool and its files against the stock ovsdb-tool on the host.
TESTS += tests/interop/ovsdb-tool.sh
EXTRA_DIST += tests/interop/ovsdb-tool.sh
