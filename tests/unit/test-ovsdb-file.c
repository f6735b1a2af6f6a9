/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for ovsdb/file: writing commits as records and replaying
 * them, the difference format of Open vSwitch 3.x, durable commits, a
 * failed write rolling the commit back, a crash in the middle of a stream
 * of commits, compaction and its policy.
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <jansson.h>
#include "ovsdb-test-util.h"
#include "ovsdb/execution.h"
#include "ovsdb/file.h"
#include "ovsdb/log.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb-schema.h"
#include "ovsdb/ovsdb.h"
#include "util.h"

static const char schema_text[] =
    "{\"name\": \"T\", \"version\": \"1.2.3\", \"cksum\": \"1 2\","
    " \"tables\": {"
    " \"A\": {\"isRoot\": true, \"columns\": {"
    "  \"i\": {\"type\": \"integer\"},"
    "  \"o\": {\"type\": {\"key\": \"string\", \"min\": 0, \"max\": 1}},"
    "  \"s\": {\"type\": {\"key\": \"integer\", \"min\": 1, \"max\": 3}},"
    "  \"m\": {\"type\": {\"key\": \"string\", \"value\": \"string\","
    "                    \"min\": 0, \"max\": \"unlimited\"}},"
    "  \"e\": {\"type\": \"string\", \"ephemeral\": true},"
    "  \"r\": {\"type\": {\"key\": {\"type\": \"uuid\", \"refTable\": \"B\"},"
    "                    \"min\": 0, \"max\": \"unlimited\"}}}},"
    " \"B\": {\"columns\": {\"n\": {\"type\": \"integer\"}}}}}";

struct fixture {
    char dir[64];
    char *name;
};

static int
setup(void **state)
{
    struct fixture *f = xzalloc(sizeof *f);
    struct ovsdb_schema *schema;

    ovs_strlcpy(f->dir, "/tmp/test-ovsdb-file.XXXXXX", sizeof f->dir);
    assert_non_null(mkdtemp(f->dir));
    f->name = xasprintf("%s/db", f->dir);
    schema = ovsdb_test_parse_schema(schema_text);
    assert_null(ovsdb_file_create(f->name, schema));
    ovsdb_schema_destroy(schema);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    char *names[] = {
        f->name,
        xasprintf("%s/.db.~lock~", f->dir),
        xasprintf("%s/db.tmp", f->dir),
        xasprintf("%s/copy", f->dir),
        xasprintf("%s/.copy.~lock~", f->dir),
    };

    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        unlink(names[i]);
        if (i) {
            free(names[i]);
        }
    }
    rmdir(f->dir);
    free(f->name);
    free(f);
    return 0;
}

/* Runs the transaction 'text' (operations after the database name) on
 * 'db' and returns its result, which the caller frees. */
static json_t *
transact(struct ovsdb *db, const char *ops)
{
    char *text = xasprintf("[\"T\", %s]", ops);
    json_t *params = json_loads(text, 0, NULL);
    json_t *result;

    assert_non_null(params);
    assert_int_equal(ovsdb_execute(db, params, NULL, &result, NULL),
                     OVSDB_EXECUTE_DONE);
    json_decref(params);
    free(text);
    return result;
}

/* Like transact() but asserts that no operation failed. */
static void
transact_ok(struct ovsdb *db, const char *ops)
{
    json_t *result = transact(db, ops);
    size_t i;
    json_t *elem;

    json_array_foreach (result, i, elem) {
        assert_non_null(elem);
        assert_null(json_object_get(elem, "error"));
    }
    json_decref(result);
}

/* Returns the JSON text of every row of 'db', sorted, for comparisons. */
static char *
dump(struct ovsdb *db)
{
    json_t *result = transact(db,
        "{\"op\": \"select\", \"table\": \"A\", \"where\": [],"
        " \"columns\": [\"_uuid\", \"i\", \"o\", \"s\", \"m\", \"r\"]},"
        "{\"op\": \"select\", \"table\": \"B\", \"where\": [],"
        " \"columns\": [\"_uuid\", \"n\"]}");
    char *text = json_dumps(result, JSON_COMPACT | JSON_SORT_KEYS);

    json_decref(result);
    return text;
}

/* Returns record 'n' of file 'name'. */
static json_t *
read_record(const char *name, int n)
{
    struct ovsdb_log *log;
    json_t *json = NULL;

    assert_null(ovsdb_log_open(name, OVSDB_LOG_READ_ONLY, &log));
    for (int i = 0; i <= n; i++) {
        json_decref(json);
        assert_null(ovsdb_log_read(log, &json));
        assert_non_null(json);
    }
    ovsdb_log_close(log);
    return json;
}

static void
test_create_and_schema(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_schema *schema;
    struct ovsdb_error *error;

    assert_null(ovsdb_file_read_schema(f->name, &schema));
    assert_string_equal(schema->name, "T");
    assert_string_equal(schema->version, "1.2.3");
    assert_string_equal(schema->cksum, "1 2");

    error = ovsdb_file_create(f->name, schema);
    assert_non_null(error);
    assert_string_equal(ovsdb_error_get_tag(error), "I/O error");
    ovsdb_error_destroy(error);
    ovsdb_schema_destroy(schema);
}

/* Commits, reopens, and compares. */
static void
test_round_trip(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_file *file;
    struct ovsdb *db;
    char *before, *after;
    json_t *record, *table, *row;
    const char *key;

    assert_null(ovsdb_file_open(f->name, false, &db, &file));
    transact_ok(db,
        "{\"op\": \"insert\", \"table\": \"A\", \"uuid-name\": \"a\","
        " \"uuid\": \"11111111-2222-3333-4444-555555555555\","
        " \"row\": {\"i\": 7, \"s\": [\"set\", [5, 7]],"
        "  \"m\": [\"map\", [[\"a\", \"1\"], [\"b\", \"2\"]]],"
        "  \"r\": [\"named-uuid\", \"b\"]}},"
        "{\"op\": \"insert\", \"table\": \"B\", \"uuid-name\": \"b\","
        " \"row\": {\"n\": 3}},"
        "{\"op\": \"comment\", \"comment\": \"first\"}");
    transact_ok(db,
        "{\"op\": \"update\", \"table\": \"A\", \"where\": [],"
        " \"row\": {\"s\": [\"set\", [7, 9]], \"o\": \"x\","
        "  \"m\": [\"map\", [[\"a\", \"3\"], [\"c\", \"4\"]]]}}");
    transact_ok(db,
        "{\"op\": \"update\", \"table\": \"A\", \"where\": [],"
        " \"row\": {\"o\": \"y\", \"e\": \"ephemeral\"}}");
    transact_ok(db,
        "{\"op\": \"insert\", \"table\": \"A\", \"row\": {}}");
    transact_ok(db,
        "{\"op\": \"delete\", \"table\": \"A\","
        " \"where\": [[\"i\", \"==\", 0]]}");
    transact_ok(db,
        "{\"op\": \"update\", \"table\": \"A\", \"where\": [],"
        " \"row\": {\"e\": \"only ephemeral\"}},"
        "{\"op\": \"comment\", \"comment\": \"no record\"}");
    before = dump(db);
    ovsdb_file_destroy(file);
    ovsdb_destroy(db);

    assert_null(ovsdb_file_open(f->name, true, &db, NULL));
    after = dump(db);
    assert_string_equal(before, after);
    ovsdb_destroy(db);
    free(before);
    free(after);

    /* Record 1: the insert, as Open vSwitch 3.x writes it: non-default
     * columns only, full values, "_is_diff", the comment. */
    record = read_record(f->name, 1);
    assert_true(json_is_true(json_object_get(record, "_is_diff")));
    assert_string_equal(json_string_value(json_object_get(record,
                                                          "_comment")),
                        "first");
    assert_true(json_is_integer(json_object_get(record, "_date")));
    table = json_object_get(record, "A");
    row = json_object_get(table, "11111111-2222-3333-4444-555555555555");
    assert_non_null(row);
    assert_int_equal(json_object_size(row), 4);     /* i, s, m, r. */
    assert_null(json_object_get(row, "o"));
    json_decref(record);

    /* Record 2: differences.  The set toggles 5 and 9; the map removes b
     * (the pair present), changes a, adds c; the optional scalar is
     * replaced. */
    record = read_record(f->name, 2);
    row = json_object_get(json_object_get(record, "A"),
                          "11111111-2222-3333-4444-555555555555");
    char *text = json_dumps(row, JSON_COMPACT | JSON_SORT_KEYS);
    assert_string_equal(text,
                        "{\"m\":[\"map\",[[\"a\",\"3\"],[\"b\",\"2\"],"
                        "[\"c\",\"4\"]]],\"o\":\"x\","
                        "\"s\":[\"set\",[5,9]]}");
    free(text);
    json_decref(record);

    /* Record 3: the ephemeral column is not written. */
    record = read_record(f->name, 3);
    row = json_object_get(json_object_get(record, "A"),
                          "11111111-2222-3333-4444-555555555555");
    assert_int_equal(json_object_size(row), 1);
    json_decref(record);

    /* Record 4: an insert of defaults only is an empty <row>. */
    record = read_record(f->name, 4);
    table = json_object_get(record, "A");
    assert_int_equal(json_object_size(table), 1);
    json_object_foreach (table, key, row) {
        assert_int_equal(json_object_size(row), 0);
    }
    json_decref(record);

    /* Record 5: the deleted row is null; there is no record 6 since that
     * transaction changed only an ephemeral column. */
    record = read_record(f->name, 5);
    table = json_object_get(record, "A");
    assert_int_equal(json_object_size(table), 1);
    json_object_foreach (table, key, row) {
        assert_true(json_is_null(row));
    }
    json_decref(record);
    {
        struct ovsdb_log *log;
        json_t *json;
        int n = 0;

        assert_null(ovsdb_log_open(f->name, OVSDB_LOG_READ_ONLY, &log));
        for (;;) {
            assert_null(ovsdb_log_read(log, &json));
            if (!json) {
                break;
            }
            json_decref(json);
            n++;
        }
        ovsdb_log_close(log);
        assert_int_equal(n, 6);
    }
}

/* Replays records in both of the forms stock Open vSwitch writes. */
static void
test_replay_stock_forms(void **state)
{
    struct fixture *f = *state;
    struct ovsdb *db;
    json_t *json;
    char *text;

    (void) f;
    db = ovsdb_create(ovsdb_test_parse_schema(schema_text));
    json = json_loads(
        "{\"_date\": 1, \"_is_diff\": true, \"A\": {"
        " \"11111111-2222-3333-4444-555555555555\": {"
        "  \"s\": [\"set\", [5, 7]],"
        "  \"m\": [\"map\", [[\"a\", \"1\"], [\"b\", \"2\"]]]}}}", 0, NULL);
    assert_null(ovsdb_file_replay_txn(db, json));
    json_decref(json);

    json = json_loads(
        "{\"_date\": 2, \"_is_diff\": true, \"A\": {"
        " \"11111111-2222-3333-4444-555555555555\": {"
        "  \"s\": 9, \"o\": \"z\","
        "  \"m\": [\"map\", [[\"a\", \"3\"], [\"b\", \"2\"], "
        "[\"c\", \"4\"]]]}}}", 0, NULL);
    assert_null(ovsdb_file_replay_txn(db, json));
    json_decref(json);
    text = dump(db);
    assert_non_null(strstr(text, "\"s\":[\"set\",[5,7,9]]"));
    assert_non_null(strstr(text, "\"m\":[\"map\",[[\"a\",\"3\"],"
                           "[\"c\",\"4\"]]]"));
    assert_non_null(strstr(text, "\"o\":\"z\""));
    free(text);

    /* Without "_is_diff" the values replace. */
    json = json_loads(
        "{\"A\": {\"11111111-2222-3333-4444-555555555555\": {"
        "  \"s\": 9, \"m\": [\"map\", [[\"x\", \"y\"]]]}}}", 0, NULL);
    assert_null(ovsdb_file_replay_txn(db, json));
    json_decref(json);
    text = dump(db);
    assert_non_null(strstr(text, "\"s\":9"));
    assert_non_null(strstr(text, "\"m\":[\"map\",[[\"x\",\"y\"]]]"));
    free(text);

    /* Deleting, and errors. */
    json = json_loads("{\"A\": {\"11111111-2222-3333-4444-555555555555\": "
                      "null}}", 0, NULL);
    assert_null(ovsdb_file_replay_txn(db, json));
    json_decref(json);
    json = json_loads("{\"A\": {\"11111111-2222-3333-4444-555555555555\": "
                      "null}}", 0, NULL);
    struct ovsdb_error *error = ovsdb_file_replay_txn(db, json);
    assert_non_null(error);
    ovsdb_error_destroy(error);
    json_decref(json);
    json = json_loads("{\"Nope\": {}}", 0, NULL);
    error = ovsdb_file_replay_txn(db, json);
    assert_non_null(error);
    assert_string_equal(ovsdb_error_get_tag(error), "unknown table");
    ovsdb_error_destroy(error);
    json_decref(json);
    ovsdb_destroy(db);
}

static void
test_durable_syncs(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_file *file;
    struct ovsdb *db;
    unsigned long long n;

    assert_null(ovsdb_file_open(f->name, false, &db, &file));
    n = ovsdb_file_get_n_syncs(file);
    transact_ok(db, "{\"op\": \"insert\", \"table\": \"A\", \"row\": {}}");
    assert_int_equal(ovsdb_file_get_n_syncs(file), n);
    transact_ok(db, "{\"op\": \"insert\", \"table\": \"A\", \"row\": {}},"
                "{\"op\": \"commit\", \"durable\": true}");
    assert_int_equal(ovsdb_file_get_n_syncs(file), n + 1);
    ovsdb_file_set_fsync_always(file, true);
    transact_ok(db, "{\"op\": \"insert\", \"table\": \"A\", \"row\": {}}");
    assert_int_equal(ovsdb_file_get_n_syncs(file), n + 2);
    ovsdb_file_destroy(file);
    ovsdb_destroy(db);
}

/* A write that fails (here beyond RLIMIT_FSIZE) fails the commit with "I/O
 * error", leaves the database as it was and the file intact. */
static void
test_write_failure_rolls_back(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_file *file;
    struct rlimit old, small;
    struct ovsdb *db;
    json_t *result, *last;
    char *before, *after;
    off_t size;

    assert_null(ovsdb_file_open(f->name, false, &db, &file));
    transact_ok(db, "{\"op\": \"insert\", \"table\": \"A\", "
                "\"row\": {\"i\": 1}}");
    before = dump(db);
    size = ovsdb_test_file_size(f->name);

    signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    small = old;
    small.rlim_cur = size + 10;
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    result = transact(db, "{\"op\": \"insert\", \"table\": \"A\", "
                      "\"row\": {\"i\": 2}}");
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);

    last = json_array_get(result, json_array_size(result) - 1);
    assert_string_equal(json_string_value(json_object_get(last, "error")),
                        "I/O error");
    json_decref(result);
    after = dump(db);
    assert_string_equal(before, after);
    free(after);
    assert_int_equal(ovsdb_test_file_size(f->name), size);

    /* And the log still works. */
    transact_ok(db, "{\"op\": \"insert\", \"table\": \"A\", "
                "\"row\": {\"i\": 3}}");
    ovsdb_file_destroy(file);
    ovsdb_destroy(db);

    assert_null(ovsdb_file_open(f->name, true, &db, NULL));
    after = dump(db);
    assert_non_null(strstr(after, "\"i\":1"));
    assert_null(strstr(after, "\"i\":2"));
    assert_non_null(strstr(after, "\"i\":3"));
    ovsdb_destroy(db);
    free(before);
    free(after);
}

/* The acceptance test in miniature: a child commits a stream of
 * transactions, acknowledging each one on a pipe after the commit returns,
 * and is killed with SIGKILL mid-stream.  Every acknowledged transaction
 * must be there after reopening. */
static void
test_crash_mid_stream(void **state)
{
    struct fixture *f = *state;
    int fds[2], status, n_acked = 0;
    struct ovsdb *db;
    pid_t pid;
    char *text;

    assert_int_equal(pipe(fds), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (!pid) {
        struct ovsdb_file *file;

        close(fds[0]);
        if (ovsdb_file_open(f->name, false, &db, &file)) {
            _exit(1);
        }
        for (int i = 1; i <= 100000; i++) {
            char ops[256];
            json_t *params, *result;

            snprintf(ops, sizeof ops, "[\"T\", {\"op\": \"insert\", "
                     "\"table\": \"A\", \"row\": {\"i\": %d}}, "
                     "{\"op\": \"commit\", \"durable\": %s}]", i,
                     i % 2 ? "true" : "false");
            params = json_loads(ops, 0, NULL);
            ovsdb_execute(db, params, NULL, &result, NULL);
            if (json_array_size(result) != 2) {
                _exit(2);
            }
            if (write(fds[1], &i, sizeof i) != sizeof i) {
                _exit(3);
            }
            json_decref(result);
            json_decref(params);
        }
        _exit(0);
    }
    close(fds[1]);
    while (n_acked < 200) {
        int i;

        assert_int_equal(read(fds[0], &i, sizeof i), sizeof i);
        n_acked = i;
    }
    kill(pid, SIGKILL);
    for (;;) {
        int i;

        if (read(fds[0], &i, sizeof i) != sizeof i) {
            break;
        }
        n_acked = i;
    }
    close(fds[0]);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));

    assert_null(ovsdb_file_open(f->name, true, &db, NULL));
    assert_true(ovsdb_table_n_rows(ovsdb_get_table(db, "A"))
                >= (size_t) n_acked);
    text = dump(db);
    for (int i = 1; i <= n_acked; i += 37) {
        char needle[32];

        snprintf(needle, sizeof needle, "\"i\":%d,", i);
        assert_non_null(strstr(text, needle));
    }
    free(text);
    ovsdb_destroy(db);
}

static void
test_compact(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_file *file;
    struct ovsdb *db;
    char *before, *after, *copy;
    off_t size;
    json_t *record;

    assert_null(ovsdb_file_open(f->name, false, &db, &file));
    transact_ok(db, "{\"op\": \"insert\", \"table\": \"A\", "
                "\"row\": {\"i\": 1, \"m\": [\"map\", [[\"k\", \"v\"]]]}}");
    for (int i = 0; i < 200; i++) {
        transact_ok(db, "{\"op\": \"mutate\", \"table\": \"A\", "
                    "\"where\": [], \"mutations\": [[\"i\", \"+=\", 1]]}");
    }
    before = dump(db);
    size = ovsdb_test_file_size(f->name);
    assert_int_equal(ovsdb_file_get_size(file), size);

    assert_null(ovsdb_file_compact(file, "compacted by test"));
    assert_true(ovsdb_test_file_size(f->name) < size / 10);
    assert_int_equal(ovsdb_file_get_size(file), ovsdb_test_file_size(f->name));

    /* Commits after compaction go to the new file. */
    transact_ok(db, "{\"op\": \"insert\", \"table\": \"B\", "
                "\"row\": {\"n\": 5}, \"uuid-name\": \"b\"},"
                "{\"op\": \"update\", \"table\": \"A\", \"where\": [],"
                " \"row\": {\"r\": [\"named-uuid\", \"b\"]}}");
    free(before);
    before = dump(db);
    ovsdb_file_destroy(file);
    ovsdb_destroy(db);

    record = read_record(f->name, 1);
    assert_string_equal(json_string_value(json_object_get(record,
                                                          "_comment")),
                        "compacted by test");
    assert_null(json_object_get(record, "_is_diff"));
    json_decref(record);

    assert_null(ovsdb_file_open(f->name, true, &db, NULL));
    after = dump(db);
    assert_string_equal(before, after);

    /* A copy elsewhere holds the same. */
    copy = xasprintf("%s/copy", f->dir);
    assert_null(ovsdb_file_save_copy(copy, NULL, db));
    ovsdb_destroy(db);
    assert_null(ovsdb_file_open(copy, true, &db, NULL));
    free(after);
    after = dump(db);
    assert_string_equal(before, after);
    ovsdb_destroy(db);
    free(copy);
    free(before);
    free(after);
}

static void
test_compaction_policy(void **state)
{
    const off_t mb = 1024 * 1024;
    const long long int min10 = 10 * 60 * 1000;

    (void) state;
    /* Too small, however much it grew. */
    assert_false(ovsdb_file_compaction_due(9 * mb, 1, 0, 2 * min10));
    /* Big, grown 4x, 10 minutes after: yes. */
    assert_true(ovsdb_file_compaction_due(10 * mb, 2 * mb, 0, min10));
    assert_true(ovsdb_file_compaction_due(40 * mb, 10 * mb, 5, 5 + min10));
    /* Not grown 4x. */
    assert_false(ovsdb_file_compaction_due(39 * mb, 10 * mb, 0, 2 * min10));
    /* Too soon. */
    assert_false(ovsdb_file_compaction_due(100 * mb, 1, 1000,
                                           1000 + min10 - 1));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_and_schema, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replay_stock_forms, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_durable_syncs, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_write_failure_rolls_back, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_crash_mid_stream, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_compact, setup, teardown),
        cmocka_unit_test(test_compaction_policy),
    };

    set_program_name("test-ovsdb-file");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
