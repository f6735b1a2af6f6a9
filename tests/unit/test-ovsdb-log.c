/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for ovsdb/log: the record format, checksums, torn tails at
 * every truncation point, corruption in the middle, locking, syncing and
 * atomic replacement.
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <jansson.h>
#include "ovsdb-test-util.h"
#include "ovsdb/log.h"
#include "ovsdb/ovsdb-error.h"
#include "util.h"

struct fixture {
    char dir[64];
    char *name;
};

static int
setup(void **state)
{
    struct fixture *f = xzalloc(sizeof *f);

    ovs_strlcpy(f->dir, "/tmp/test-ovsdb-log.XXXXXX", sizeof f->dir);
    assert_non_null(mkdtemp(f->dir));
    f->name = xasprintf("%s/db", f->dir);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    char *cmd[3];

    cmd[0] = f->name;
    cmd[1] = xasprintf("%s/.db.~lock~", f->dir);
    cmd[2] = xasprintf("%s/db.tmp", f->dir);
    for (size_t i = 0; i < 3; i++) {
        unlink(cmd[i]);
    }
    free(cmd[1]);
    free(cmd[2]);
    rmdir(f->dir);
    free(f->name);
    free(f);
    return 0;
}

static json_t *
record_n(int n)
{
    return json_pack("{s:i, s:s}", "n", n, "text", "some \"text\"\nhere");
}

/* Writes records 0...'n'-1 to a new log 'name'. */
static void
write_records(const char *name, int n)
{
    struct ovsdb_log *log;

    assert_null(ovsdb_log_open(name, OVSDB_LOG_CREATE, &log));
    for (int i = 0; i < n; i++) {
        json_t *json = record_n(i);

        assert_null(ovsdb_log_write(log, json, i == n - 1));
        json_decref(json);
    }
    ovsdb_log_close(log);
}

/* Reads 'name' in 'mode' and returns the number of intact records, which
 * must be 0...N-1.  Stores whether a torn tail was found. */
static int
read_records(const char *name, enum ovsdb_log_open_mode mode, bool *tornp)
{
    struct ovsdb_log *log;
    int n = 0;

    assert_null(ovsdb_log_open(name, mode, &log));
    for (;;) {
        json_t *json;

        assert_null(ovsdb_log_read(log, &json));
        if (!json) {
            break;
        }
        assert_int_equal(json_integer_value(json_object_get(json, "n")), n);
        json_decref(json);
        n++;
    }
    *tornp = ovsdb_log_get_torn_tail(log) != NULL;
    ovsdb_log_close(log);
    return n;
}

static void
test_round_trip(void **state)
{
    struct fixture *f = *state;
    json_t *expected = json_pack("{s:i, s:s}", "n", 0,
                                 "text", "some \"text\"\nhere");
    char *data, line[128];
    size_t size;
    bool torn;
    FILE *stream;

    write_records(f->name, 3);
    assert_int_equal(read_records(f->name, OVSDB_LOG_READ_ONLY, &torn), 3);
    assert_false(torn);

    /* The exact bytes: header, compact JSON, new-line; the length counts
     * the new-line. */
    ovsdb_log_compose_record(expected, &data, &size);
    stream = fopen(f->name, "r");
    assert_non_null(stream);
    assert_non_null(fgets(line, sizeof line, stream));
    assert_true(strncmp(line, "OVSDB JSON ", 11) == 0);
    assert_memory_equal(line, data, strlen(line));
    assert_int_equal(line[strlen(line) - 1], '\n');
    fclose(stream);
    free(data);

    ovsdb_log_compose_record(json_object_get(expected, "text"), &data, &size);
    /* The string is 21 characters as JSON, plus the new-line: 22. */
    assert_true(strncmp(data, "OVSDB JSON 22 ", 14) == 0);
    assert_int_equal(size, 14 + 40 + 1 + 22);
    assert_int_equal(data[size - 1], '\n');
    free(data);
    json_decref(expected);
}

/* A known record, checked against an independent SHA-1 (of "[]\n"). */
static void
test_known_checksum(void **state)
{
    json_t *json = json_array();
    char *data;
    size_t size;

    (void) state;
    ovsdb_log_compose_record(json, &data, &size);
    assert_string_equal(data, "OVSDB JSON 3 "
                        "cd0d4cc32346750408f7d4f5e78ec9a6e5b79a0d\n[]\n");
    free(data);
    json_decref(json);
}

static void
flip_byte(const char *name, off_t offset)
{
    int fd = open(name, O_RDWR);
    char c;

    assert_true(fd >= 0);
    assert_int_equal(pread(fd, &c, 1, offset), 1);
    c ^= 0x20;
    assert_int_equal(pwrite(fd, &c, 1, offset), 1);
    close(fd);
}

static void
test_checksum_mismatch(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_log *log;
    struct ovsdb_error *error;
    off_t size;
    json_t *json;
    bool torn;

    /* In the last record: a torn tail. */
    write_records(f->name, 3);
    size = ovsdb_test_file_size(f->name);
    flip_byte(f->name, size - 5);
    assert_int_equal(read_records(f->name, OVSDB_LOG_READ_ONLY, &torn), 2);
    assert_true(torn);
    assert_int_equal(ovsdb_test_file_size(f->name), size);

    /* In the first record, with intact ones after: corruption. */
    write_records(f->name, 3);
    flip_byte(f->name, 70);
    assert_null(ovsdb_log_open(f->name, OVSDB_LOG_READ_WRITE, &log));
    error = ovsdb_log_read(log, &json);
    assert_non_null(error);
    assert_string_equal(ovsdb_error_get_tag(error), "I/O error");
    assert_non_null(strstr(ovsdb_error_get_details(error), "checksum"));
    ovsdb_error_destroy(error);

    /* The error sticks, and no write may follow it. */
    error = ovsdb_log_read(log, &json);
    assert_non_null(error);
    ovsdb_error_destroy(error);
    json = record_n(9);
    error = ovsdb_log_write(log, json, true);
    assert_non_null(error);
    ovsdb_error_destroy(error);
    json_decref(json);
    ovsdb_log_close(log);
}

/* Cuts the last record at every possible byte and checks that the earlier
 * records survive, the tail is reported, and opening for writing truncates
 * it so that an append lands right after the good records. */
static void
test_every_truncation_point(void **state)
{
    struct fixture *f = *state;
    off_t good, full;

    write_records(f->name, 2);
    good = ovsdb_test_file_size(f->name);
    write_records(f->name, 3);
    full = ovsdb_test_file_size(f->name);

    for (off_t cut = good; cut < full; cut++) {
        struct ovsdb_log *log;
        json_t *json;
        bool torn;

        write_records(f->name, 3);
        assert_int_equal(truncate(f->name, cut), 0);

        assert_int_equal(read_records(f->name, OVSDB_LOG_READ_ONLY, &torn),
                         2);
        assert_int_equal(torn, cut > good);
        assert_int_equal(ovsdb_test_file_size(f->name), cut);

        /* Reopen for writing: the tail goes, an append follows. */
        assert_null(ovsdb_log_open(f->name, OVSDB_LOG_READ_WRITE, &log));
        for (int i = 0; i < 2; i++) {
            assert_null(ovsdb_log_read(log, &json));
            assert_non_null(json);
            json_decref(json);
        }
        assert_null(ovsdb_log_read(log, &json));
        assert_null(json);
        assert_int_equal(ovsdb_test_file_size(f->name), good);
        assert_int_equal(ovsdb_log_get_offset(log), good);
        json = record_n(2);
        assert_null(ovsdb_log_write(log, json, true));
        json_decref(json);
        ovsdb_log_close(log);

        assert_int_equal(read_records(f->name, OVSDB_LOG_READ_ONLY, &torn),
                         3);
        assert_false(torn);
        assert_int_equal(ovsdb_test_file_size(f->name), full);
    }
}

static void
append_bytes(const char *name, const char *bytes, size_t n)
{
    int fd = open(name, O_WRONLY | O_APPEND);

    assert_true(fd >= 0);
    assert_int_equal(write(fd, bytes, n), n);
    close(fd);
}

static void
test_garbage(void **state)
{
    struct fixture *f = *state;
    static const char zeros[4096];
    char *record;
    size_t size;
    json_t *json;
    struct ovsdb_log *log;
    struct ovsdb_error *error;
    bool torn;

    /* Garbage at the end (here a block of zeros, as a crash can leave):
     * torn tail. */
    write_records(f->name, 2);
    append_bytes(f->name, zeros, sizeof zeros);
    assert_int_equal(read_records(f->name, OVSDB_LOG_READ_ONLY, &torn), 2);
    assert_true(torn);

    /* Garbage lines between records: corruption. */
    write_records(f->name, 2);
    append_bytes(f->name, "this is not a header\n", 21);
    json = record_n(2);
    ovsdb_log_compose_record(json, &record, &size);
    append_bytes(f->name, record, size);
    free(record);
    json_decref(json);
    assert_null(ovsdb_log_open(f->name, OVSDB_LOG_READ_ONLY, &log));
    for (int i = 0; i < 2; i++) {
        assert_null(ovsdb_log_read(log, &json));
        assert_non_null(json);
        json_decref(json);
    }
    error = ovsdb_log_read(log, &json);
    assert_non_null(error);
    assert_null(json);
    assert_non_null(strstr(ovsdb_error_get_details(error), "corrupt"));
    ovsdb_error_destroy(error);
    ovsdb_log_close(log);

    /* A header whose length runs past the end: torn. */
    write_records(f->name, 1);
    append_bytes(f->name, "OVSDB JSON 999 "
                 "0000000000000000000000000000000000000000\n{}\n", 59);
    assert_int_equal(read_records(f->name, OVSDB_LOG_READ_ONLY, &torn), 1);
    assert_true(torn);
}

static void
test_lock(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_log *a, *b, *c;
    struct ovsdb_error *error;

    write_records(f->name, 1);
    assert_null(ovsdb_log_open(f->name, OVSDB_LOG_READ_WRITE, &a));
    error = ovsdb_log_open(f->name, OVSDB_LOG_READ_WRITE, &b);
    assert_non_null(error);
    assert_null(b);
    assert_non_null(strstr(ovsdb_error_get_details(error), "lock"));
    ovsdb_error_destroy(error);

    /* Readers need no lock. */
    assert_null(ovsdb_log_open(f->name, OVSDB_LOG_READ_ONLY, &c));
    ovsdb_log_close(c);

    ovsdb_log_close(a);
    assert_null(ovsdb_log_open(f->name, OVSDB_LOG_READ_WRITE, &b));
    ovsdb_log_close(b);

    /* Creating over an existing file with CREATE_EXCL fails. */
    error = ovsdb_log_open(f->name, OVSDB_LOG_CREATE_EXCL, &b);
    assert_non_null(error);
    ovsdb_error_destroy(error);
}

static void
test_sync_and_write_order(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_log *log;
    uint64_t n;
    json_t *json;

    write_records(f->name, 1);
    assert_null(ovsdb_log_open(f->name, OVSDB_LOG_READ_WRITE, &log));

    /* Appending before reading to the end is refused. */
    json = record_n(1);
    struct ovsdb_error *error = ovsdb_log_write(log, json, false);
    assert_non_null(error);
    ovsdb_error_destroy(error);

    json_decref(json);
    assert_null(ovsdb_log_read(log, &json));
    json_decref(json);
    assert_null(ovsdb_log_read(log, &json));
    assert_null(json);

    n = ovsdb_log_get_n_syncs(log);
    json = record_n(1);
    assert_null(ovsdb_log_write(log, json, false));
    assert_int_equal(ovsdb_log_get_n_syncs(log), n);
    json_decref(json);
    json = record_n(2);
    assert_null(ovsdb_log_write(log, json, true));
    assert_int_equal(ovsdb_log_get_n_syncs(log), n + 1);
    json_decref(json);
    ovsdb_log_close(log);
}

static void
test_replace(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_log *log, *new;
    json_t *json;
    bool torn;

    write_records(f->name, 5);
    assert_null(ovsdb_log_open(f->name, OVSDB_LOG_READ_WRITE, &log));
    for (;;) {
        assert_null(ovsdb_log_read(log, &json));
        if (!json) {
            break;
        }
        json_decref(json);
    }

    /* Abort leaves the old file alone. */
    assert_null(ovsdb_log_replace_start(log, &new));
    ovsdb_log_replace_abort(new);
    assert_int_equal(read_records(f->name, OVSDB_LOG_READ_ONLY, &torn), 5);

    assert_null(ovsdb_log_replace_start(log, &new));
    json = record_n(0);
    assert_null(ovsdb_log_write(new, json, false));
    json_decref(json);
    assert_null(ovsdb_log_replace_commit(log, new));
    assert_int_equal(read_records(f->name, OVSDB_LOG_READ_ONLY, &torn), 1);

    /* The log goes on appending to the new file. */
    json = record_n(1);
    assert_null(ovsdb_log_write(log, json, true));
    json_decref(json);
    ovsdb_log_close(log);
    assert_int_equal(read_records(f->name, OVSDB_LOG_READ_ONLY, &torn), 2);
    assert_false(torn);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test(test_known_checksum),
        cmocka_unit_test_setup_teardown(test_checksum_mismatch, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_every_truncation_point, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_garbage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sync_and_write_order, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_replace, setup, teardown),
    };

    set_program_name("test-ovsdb-log");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
