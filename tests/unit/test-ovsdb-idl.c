/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Unit tests for the client IDL without a server: the replica fed with
 * monitor replies and notifications through the private hooks, reads as a
 * transaction sees them, the "transact" request a transaction builds, and
 * how replies map to statuses. */

#include <config.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "compiler.h"
#include "jsonrpc.h"
#include "poll-loop.h"
#include "stream.h"
#include "timeval.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-idl-private.h"
#include "ovsdb/ovsdb-idl.h"
#include "ovsdb/ovsdb-schema.h"
#include "util.h"

#define U1 "11111111-1111-1111-1111-111111111111"
#define U2 "22222222-2222-2222-2222-222222222222"
#define U3 "33333333-3333-3333-3333-333333333333"

static const char schema_text[] =
    "{\"name\": \"t\", \"version\": \"1.0.0\", \"tables\": {"
    " \"a\": {\"isRoot\": true, \"columns\": {"
    "   \"i\": {\"type\": \"integer\"},"
    "   \"s\": {\"type\": \"string\"},"
    "   \"opt\": {\"type\": {\"key\": \"string\", \"min\": 0, \"max\": 1}},"
    "   \"set\": {\"type\": {\"key\": \"integer\", \"min\": 0,"
    "                      \"max\": \"unlimited\"}},"
    "   \"map\": {\"type\": {\"key\": \"string\", \"value\": \"string\","
    "                      \"min\": 0, \"max\": \"unlimited\"}},"
    "   \"m1\": {\"type\": {\"key\": \"string\", \"value\": \"string\","
    "                     \"min\": 0, \"max\": 1}},"
    "   \"ref\": {\"type\": {\"key\": {\"type\": \"uuid\","
    "                               \"refTable\": \"b\"},"
    "                      \"min\": 0, \"max\": \"unlimited\"}}}},"
    " \"b\": {\"columns\": {\"name\": {\"type\": \"string\"}}},"
    " \"r\": {\"isRoot\": true,"
    "        \"columns\": {\"name\": {\"type\": \"string\"}}},"
    " \"c\": {\"columns\": {\"x\": {\"type\": \"integer\"}}}}}";

static json_t *
parse(const char *text)
{
    json_error_t error;
    json_t *json = json_loads(text, JSON_DECODE_ANY, &error);

    if (!json) {
        fail_msg("bad JSON in test: %s: %s", error.text, text);
    }
    return json;
}

/* Creates an IDL monitoring tables a and b (not c) with the test schema
 * and the initial contents 'initial' (update2 format). */
static struct ovsdb_idl *
make_idl(const char *initial)
{
    struct ovsdb_idl *idl = ovsdb_idl_create("unix:/nonexistent", "t",
                                             false);
    json_t *json;

    ovsdb_idl_add_table(idl, "a");
    ovsdb_idl_add_column(idl, "b", "name");
    ovsdb_idl_add_column(idl, "zz", "none");
    ovsdb_idl_add_table(idl, "r");
    json = parse(schema_text);
    assert_int_equal(ovsdb_idl_set_schema__(idl, json), 0);
    json_decref(json);
    if (initial) {
        json = parse(initial);
        assert_int_equal(ovsdb_idl_apply_updates__(idl, json, true, true),
                         0);
        json_decref(json);
    }
    return idl;
}

static void
apply(struct ovsdb_idl *idl, const char *updates, bool update2)
{
    json_t *json = parse(updates);

    assert_int_equal(ovsdb_idl_apply_updates__(idl, json, update2, false),
                     0);
    json_decref(json);
}

static const struct ovsdb_idl_row *
row_by_uuid(const struct ovsdb_idl *idl, const char *table,
            const char *uuid_s)
{
    struct uuid uuid;

    assert_true(uuid_from_string(&uuid, uuid_s));
    return ovsdb_idl_get_row(ovsdb_idl_get_table(idl, table), &uuid);
}

/* Returns the JSON text of 'column' of 'row', to free. */
static char *
value_of(const struct ovsdb_idl_row *row, const char *column)
{
    const struct ovsdb_column *c = ovsdb_idl_table_get_column(
        ovsdb_idl_row_get_table(row), column);
    json_t *json = ovsdb_datum_to_json(ovsdb_idl_read(row, c), &c->type);
    char *text = json_dumps(json, JSON_COMPACT | JSON_ENCODE_ANY);

    json_decref(json);
    return text;
}

static void
assert_value(const struct ovsdb_idl_row *row, const char *column,
             const char *expected)
{
    char *text = value_of(row, column);

    assert_string_equal(text, expected);
    free(text);
}

static const char initial_a[] =
    "{\"a\": {\"" U1 "\": {\"initial\": {\"i\": 1, \"s\": \"one\","
    "  \"set\": [\"set\", [1, 2, 3]],"
    "  \"map\": [\"map\", [[\"k1\", \"v1\"], [\"k2\", \"v2\"]]]}}},"
    " \"b\": {\"" U2 "\": {\"initial\": {\"name\": \"bee\"}}},"
    " \"r\": {\"" U3 "\": {\"initial\": {\"name\": \"root\"}}}}";

static void
test_tables_and_interest(void **state OVS_UNUSED)
{
    struct ovsdb_idl *idl = make_idl(NULL);
    const struct ovsdb_idl_table *a = ovsdb_idl_get_table(idl, "a");
    const struct ovsdb_idl_table *b = ovsdb_idl_get_table(idl, "b");

    assert_non_null(a);
    assert_non_null(b);
    assert_null(ovsdb_idl_get_table(idl, "c"));
    assert_null(ovsdb_idl_get_table(idl, "zz"));
    assert_non_null(ovsdb_idl_get_schema(idl));
    assert_string_equal(ovsdb_idl_table_get_schema(a)->name, "a");
    assert_true(ovsdb_idl_column_is_monitored(
                    a, ovsdb_idl_table_get_column(a, "map")));
    assert_true(ovsdb_idl_column_is_monitored(
                    b, ovsdb_idl_table_get_column(b, "name")));
    assert_null(ovsdb_idl_table_get_column(a, "nope"));
    assert_int_equal(ovsdb_idl_table_count(a), 0);
    assert_null(ovsdb_idl_first_row(a));
    assert_false(ovsdb_idl_is_connected(idl));
    assert_false(ovsdb_idl_has_ever_connected(idl));
    assert_int_equal(ovsdb_idl_get_last_error(idl), 0);
    ovsdb_idl_destroy(idl);
    ovsdb_idl_destroy(NULL);
}

static void
test_initial_contents(void **state OVS_UNUSED)
{
    struct ovsdb_idl *idl = make_idl(NULL);
    unsigned int seqno = ovsdb_idl_get_seqno(idl);
    const struct ovsdb_idl_row *row;
    json_t *json = parse(initial_a);

    assert_int_equal(ovsdb_idl_apply_updates__(idl, json, true, true), 0);
    json_decref(json);
    assert_int_not_equal(ovsdb_idl_get_seqno(idl), seqno);

    row = row_by_uuid(idl, "a", U1);
    assert_non_null(row);
    assert_int_equal(ovsdb_idl_row_get_seqno(row), ovsdb_idl_get_seqno(idl));
    assert_int_equal(ovsdb_idl_get_integer(row, "i", -1), 1);
    assert_string_equal(ovsdb_idl_get_string(row, "s", NULL), "one");
    assert_null(ovsdb_idl_get_string(row, "opt", NULL));
    assert_string_equal(ovsdb_idl_get_map_string(row, "map", "k2"), "v2");
    assert_null(ovsdb_idl_get_map_string(row, "map", "k3"));
    assert_value(row, "set", "[\"set\",[1,2,3]]");
    assert_value(row, "_uuid", "[\"uuid\",\"" U1 "\"]");
    assert_null(ovsdb_idl_get(row, "nope"));
    assert_int_equal(ovsdb_idl_get_integer(row, "s", 7), 7);
    assert_string_equal(ovsdb_idl_table_get_schema(
                            ovsdb_idl_row_get_table(row))->name, "a");

    /* The initial contents replace the replica. */
    json = parse("{\"a\": {\"" U3 "\": {\"initial\": {\"i\": 3}}}}");
    assert_int_equal(ovsdb_idl_apply_updates__(idl, json, true, true), 0);
    json_decref(json);
    assert_null(row_by_uuid(idl, "a", U1));
    assert_null(row_by_uuid(idl, "b", U2));
    row = row_by_uuid(idl, "a", U3);
    assert_non_null(row);
    assert_string_equal(ovsdb_idl_get_string(row, "s", "x"), "");
    assert_int_equal(ovsdb_idl_table_count(ovsdb_idl_get_table(idl, "a")),
                     1);
    ovsdb_idl_destroy(idl);
}

static void
test_update2_modify(void **state OVS_UNUSED)
{
    struct ovsdb_idl *idl = make_idl(initial_a);
    const struct ovsdb_idl_row *row;
    unsigned int seqno = ovsdb_idl_get_seqno(idl);

    /* Sets: symmetric difference; maps: add, remove equal pair, replace
     * value; scalars and optional values: the new value. */
    apply(idl, "{\"a\": {\"" U1 "\": {\"modify\": {"
          " \"set\": [\"set\", [1, 4]],"
          " \"map\": [\"map\", [[\"k1\", \"v1\"], [\"k2\", \"new\"],"
          "                     [\"k3\", \"v3\"]]],"
          " \"i\": 10, \"opt\": \"o\"}}}}", true);
    assert_int_not_equal(ovsdb_idl_get_seqno(idl), seqno);
    row = row_by_uuid(idl, "a", U1);
    assert_value(row, "set", "[\"set\",[2,3,4]]");
    assert_value(row, "map", "[\"map\",[[\"k2\",\"new\"],[\"k3\",\"v3\"]]]");
    assert_value(row, "i", "10");
    assert_value(row, "opt", "\"o\"");
    assert_value(row, "s", "\"one\"");
    assert_int_equal(ovsdb_idl_row_get_seqno(row), ovsdb_idl_get_seqno(idl));

    apply(idl, "{\"a\": {\"" U1 "\": {\"modify\": {"
          " \"opt\": [\"set\", []], \"set\": 3,"
          " \"m1\": [\"map\", [[\"a\", \"b\"]]]}}}}", true);
    assert_value(row, "opt", "[\"set\",[]]");
    assert_value(row, "m1", "[\"map\",[[\"a\",\"b\"]]]");
    apply(idl, "{\"a\": {\"" U1 "\": {\"modify\": {"
          " \"m1\": [\"map\", [[\"c\", \"d\"]]]}}}}", true);
    assert_value(row, "m1", "[\"map\",[[\"c\",\"d\"]]]");
    assert_value(row, "set", "[\"set\",[2,4]]");

    /* Insert and delete. */
    apply(idl, "{\"a\": {\"" U3 "\": {\"insert\": {\"i\": 33}},"
          "        \"" U1 "\": {\"delete\": null}}}", true);
    assert_null(row_by_uuid(idl, "a", U1));
    assert_int_equal(ovsdb_idl_get_integer(row_by_uuid(idl, "a", U3), "i",
                                           0), 33);

    /* Updates of tables not monitored are ignored; a modify of an unknown
     * row is an error. */
    apply(idl, "{\"c\": {\"" U1 "\": {\"insert\": {\"x\": 1}}}}", true);
    json_t *json = parse("{\"a\": {\"" U1 "\": {\"modify\": {\"i\": 1}}}}");
    assert_int_not_equal(ovsdb_idl_apply_updates__(idl, json, true, false),
                         0);
    json_decref(json);
    ovsdb_idl_destroy(idl);
}

static void
test_update_v1(void **state OVS_UNUSED)
{
    struct ovsdb_idl *idl = make_idl(NULL);
    const struct ovsdb_idl_row *row;
    json_t *json;

    json = parse("{\"a\": {\"" U1 "\": {\"new\": {\"i\": 5, \"s\": \"x\","
                 " \"set\": [\"set\", [7, 8]]}}}}");
    assert_int_equal(ovsdb_idl_apply_updates__(idl, json, false, true), 0);
    json_decref(json);
    row = row_by_uuid(idl, "a", U1);
    assert_value(row, "set", "[\"set\",[7,8]]");

    /* "new" holds the full new values of the changed columns. */
    apply(idl, "{\"a\": {\"" U1 "\": {\"old\": {\"set\": [\"set\", [7, 8]]},"
          " \"new\": {\"i\": 5, \"s\": \"x\", \"set\": 9}}}}", false);
    assert_value(row, "set", "9");
    assert_value(row, "s", "\"x\"");

    apply(idl, "{\"a\": {\"" U1 "\": {\"old\": {\"i\": 5}}}}", false);
    assert_null(row_by_uuid(idl, "a", U1));
    ovsdb_idl_destroy(idl);
}

/* Builds the transact params of 'txn' and returns them as text with the
 * UUID-names of inserted rows replaced by "NAME". */
static char *
build(struct ovsdb_idl_txn *txn, bool *any_change)
{
    json_t *ops = ovsdb_idl_txn_build_ops__(txn, any_change);
    char *text = json_dumps(ops, JSON_COMPACT | JSON_SORT_KEYS);
    char *p;

    json_decref(ops);
    for (p = text; (p = strstr(p, "\"row")) != NULL; p++) {
        if (strlen(p) > 39 && p[12] == '_' && p[39] == '"') {
            memmove(p + 5, p + 39, strlen(p + 39) + 1);
            memcpy(p, "\"NAME", 5);
        }
    }
    return text;
}

static void
write_int(const struct ovsdb_idl_row *row, const char *column, int64_t v)
{
    struct ovsdb_datum d;

    ovsdb_datum_init_integer(&d, v);
    ovsdb_idl_txn_write(row, ovsdb_idl_table_get_column(
                            ovsdb_idl_row_get_table(row), column), &d);
    assert_int_equal(d.n, 0);
}

static void
test_txn_reads_and_request(void **state OVS_UNUSED)
{
    struct ovsdb_idl *idl = make_idl(initial_a);
    const struct ovsdb_idl_table *a = ovsdb_idl_get_table(idl, "a");
    const struct ovsdb_idl_table *b = ovsdb_idl_get_table(idl, "b");
    const struct ovsdb_idl_row *row, *new_b, *old_b, *r;
    struct ovsdb_idl_txn *txn = ovsdb_idl_txn_create(idl);
    struct ovsdb_datum d;
    bool any;
    char *text;
    size_t n;

    assert_ptr_equal(ovsdb_idl_txn_get_idl(txn), idl);
    assert_null(ovsdb_idl_txn_get_request(txn));
    row = row_by_uuid(idl, "a", U1);
    old_b = row_by_uuid(idl, "b", U2);

    /* Nothing yet. */
    text = build(txn, &any);
    assert_false(any);
    assert_string_equal(text, "[\"t\"]");
    free(text);

    /* Writes are visible to reads; the replica's value stays for the
     * request's comparisons. */
    write_int(row, "i", 2);
    assert_int_equal(ovsdb_idl_get_integer(row, "i", 0), 2);
    ovsdb_idl_txn_verify(row, ovsdb_idl_table_get_column(a, "s"));

    new_b = ovsdb_idl_txn_insert(txn, b, NULL);
    assert_ptr_equal(ovsdb_idl_get_row(b, ovsdb_idl_row_get_uuid(new_b)),
                     new_b);
    assert_int_equal(ovsdb_idl_table_count(b), 2);
    ovsdb_datum_init_string(&d, "new");
    ovsdb_idl_txn_write(new_b, ovsdb_idl_table_get_column(b, "name"), &d);
    ovsdb_datum_init_uuid(&d, ovsdb_idl_row_get_uuid(new_b));
    ovsdb_idl_txn_write(row, ovsdb_idl_table_get_column(a, "ref"), &d);

    /* Deleting hides the row from lookups, iteration and counts. */
    ovsdb_idl_txn_delete(old_b);
    assert_null(row_by_uuid(idl, "b", U2));
    assert_int_equal(ovsdb_idl_table_count(b), 1);
    n = 0;
    OVSDB_IDL_FOR_EACH_ROW (r, b) {
        assert_ptr_equal(r, new_b);
        n++;
    }
    assert_int_equal(n, 1);

    ovsdb_idl_txn_increment(txn, row, ovsdb_idl_table_get_column(a, "i"));
    ovsdb_idl_txn_add_comment(txn, "hello %d", 1);
    ovsdb_idl_txn_add_comment(txn, "again");
    ovsdb_idl_txn_set_dry_run(txn);

    text = build(txn, &any);
    assert_true(any);
    assert_string_equal(text,
        "[\"t\","
        "{\"columns\":[\"s\"],\"op\":\"wait\",\"rows\":[{\"s\":\"one\"}],"
        "\"table\":\"a\",\"timeout\":0,\"until\":\"==\","
        "\"where\":[[\"_uuid\",\"==\",[\"uuid\",\"" U1 "\"]]]},"
        "{\"op\":\"insert\",\"row\":{\"name\":\"new\"},\"table\":\"b\","
        "\"uuid-name\":\"NAME\"},"
        "{\"op\":\"update\",\"row\":{\"i\":2,"
        "\"ref\":[\"named-uuid\",\"NAME\"]},\"table\":\"a\","
        "\"where\":[[\"_uuid\",\"==\",[\"uuid\",\"" U1 "\"]]]},"
        "{\"mutations\":[[\"i\",\"+=\",1]],\"op\":\"mutate\",\"table\":\"a\","
        "\"where\":[[\"_uuid\",\"==\",[\"uuid\",\"" U1 "\"]]]},"
        "{\"columns\":[\"i\"],\"op\":\"select\",\"table\":\"a\","
        "\"where\":[[\"_uuid\",\"==\",[\"uuid\",\"" U1 "\"]]]},"
        "{\"comment\":\"hello 1\\nagain\",\"op\":\"comment\"},"
        "{\"op\":\"abort\"}]");
    free(text);

    /* After the transaction, the replica is as the server left it. */
    ovsdb_idl_txn_destroy(txn);
    assert_int_equal(ovsdb_idl_get_integer(row, "i", 0), 1);
    assert_non_null(row_by_uuid(idl, "b", U2));
    assert_int_equal(ovsdb_idl_table_count(b), 1);
    ovsdb_idl_destroy(idl);
}

static void
test_txn_unchanged_and_forget(void **state OVS_UNUSED)
{
    struct ovsdb_idl *idl = make_idl(initial_a);
    const struct ovsdb_idl_table *b = ovsdb_idl_get_table(idl, "b");
    const struct ovsdb_idl_row *row = row_by_uuid(idl, "a", U1);
    struct ovsdb_idl_txn *txn = ovsdb_idl_txn_create(idl);
    const struct ovsdb_idl_row *new_b;
    bool any;
    char *text;

    /* Writing the value the row has, and inserting then deleting a row,
     * change nothing. */
    write_int(row, "i", 1);
    new_b = ovsdb_idl_txn_insert(txn, b, NULL);
    ovsdb_idl_txn_delete(new_b);
    assert_int_equal(ovsdb_idl_table_count(b), 1);
    text = build(txn, &any);
    assert_false(any);
    assert_string_equal(text, "[\"t\"]");
    free(text);
    assert_int_equal(ovsdb_idl_txn_commit(txn), TXN_UNCHANGED);
    assert_int_equal(ovsdb_idl_txn_commit(txn), TXN_UNCHANGED);
    ovsdb_idl_txn_destroy(txn);

    /* Deleting a row of a non-root table is left to the server's garbage
     * collection; of a root table, it is a "delete". */
    txn = ovsdb_idl_txn_create(idl);
    ovsdb_idl_txn_delete(row_by_uuid(idl, "b", U2));
    assert_null(row_by_uuid(idl, "b", U2));
    text = build(txn, &any);
    assert_false(any);
    free(text);
    ovsdb_idl_txn_delete(row_by_uuid(idl, "r", U3));
    text = build(txn, &any);
    assert_true(any);
    assert_string_equal(text,
                        "[\"t\",{\"op\":\"delete\",\"table\":\"r\","
                        "\"where\":[[\"_uuid\",\"==\","
                        "[\"uuid\",\"" U3 "\"]]]}]");
    free(text);
    ovsdb_idl_txn_destroy(txn);
    assert_non_null(row_by_uuid(idl, "b", U2));

    /* Not connected: try again. */
    txn = ovsdb_idl_txn_create(idl);
    write_int(row, "i", 5);
    assert_int_equal(ovsdb_idl_txn_commit(txn), TXN_TRY_AGAIN);
    assert_non_null(ovsdb_idl_txn_get_request(txn));
    ovsdb_idl_txn_destroy(txn);

    /* Abort. */
    txn = ovsdb_idl_txn_create(idl);
    ovsdb_idl_txn_abort(txn);
    assert_int_equal(ovsdb_idl_txn_commit(txn), TXN_ABORTED);
    ovsdb_idl_txn_destroy(txn);
    ovsdb_idl_destroy(idl);
}

/* Feeds 'result' (JSON text) to 'txn' as the reply to its request. */
static void
reply(struct ovsdb_idl_txn *txn, const char *result)
{
    json_t *id = json_integer(1);
    struct jsonrpc_msg *msg = jsonrpc_create_reply(parse(result), id);

    txn->status = TXN_INCOMPLETE;
    ovsdb_idl_txn_process_reply__(txn, msg);
    jsonrpc_msg_destroy(msg);
    json_decref(id);
}

static void
test_txn_replies(void **state OVS_UNUSED)
{
    struct ovsdb_idl *idl = make_idl(initial_a);
    const struct ovsdb_idl_table *b = ovsdb_idl_get_table(idl, "b");
    const struct ovsdb_idl_row *row = row_by_uuid(idl, "a", U1);
    struct ovsdb_idl_txn *txn;
    const struct ovsdb_idl_row *new_b;
    struct uuid tmp, real;
    bool any;
    json_t *ops;

    /* Success: inserted rows get the server's UUID, the increment its new
     * value. */
    txn = ovsdb_idl_txn_create(idl);
    new_b = ovsdb_idl_txn_insert(txn, b, NULL);
    tmp = *ovsdb_idl_row_get_uuid(new_b);
    ovsdb_idl_txn_increment(txn, row, ovsdb_idl_table_get_column(
                                ovsdb_idl_get_table(idl, "a"), "i"));
    ops = ovsdb_idl_txn_build_ops__(txn, &any);
    json_decref(ops);
    reply(txn, "[{\"uuid\": [\"uuid\", \"" U3 "\"]}, {\"count\": 1},"
          " {\"rows\": [{\"i\": 42}]}]");
    assert_int_equal(txn->status, TXN_SUCCESS);
    assert_null(ovsdb_idl_txn_get_error(txn));
    assert_int_equal(ovsdb_idl_txn_get_increment_new_value(txn), 42);
    assert_true(uuid_from_string(&real, U3));
    assert_non_null(ovsdb_idl_txn_get_insert_uuid(txn, &tmp));
    assert_true(uuid_equals(ovsdb_idl_txn_get_insert_uuid(txn, &tmp),
                            &real));
    assert_null(ovsdb_idl_txn_get_insert_uuid(txn, &real));
    ovsdb_idl_txn_destroy(txn);

    /* A failed wait: try again.  Not owner: not locked. */
    txn = ovsdb_idl_txn_create(idl);
    reply(txn, "[{\"error\": \"timed out\"}, null]");
    assert_int_equal(txn->status, TXN_TRY_AGAIN);
    ovsdb_idl_txn_destroy(txn);
    txn = ovsdb_idl_txn_create(idl);
    reply(txn, "[{\"error\": \"not owner\", \"details\": \"x\"}]");
    assert_int_equal(txn->status, TXN_NOT_LOCKED);
    ovsdb_idl_txn_destroy(txn);

    /* Other errors: "error: details". */
    txn = ovsdb_idl_txn_create(idl);
    reply(txn, "[{}, {\"error\": \"constraint violation\","
          " \"details\": \"too many\"}]");
    assert_int_equal(txn->status, TXN_ERROR);
    assert_string_equal(ovsdb_idl_txn_get_error(txn),
                        "constraint violation: too many");
    ovsdb_idl_txn_destroy(txn);

    /* A dry run's abort is success; another error in it is not. */
    txn = ovsdb_idl_txn_create(idl);
    ovsdb_idl_txn_set_dry_run(txn);
    reply(txn, "[{}, {\"error\": \"aborted\", \"details\": \"abort\"}]");
    assert_int_equal(txn->status, TXN_SUCCESS);
    ovsdb_idl_txn_destroy(txn);
    txn = ovsdb_idl_txn_create(idl);
    ovsdb_idl_txn_set_dry_run(txn);
    reply(txn, "[{\"error\": \"referential integrity violation\"}, null]");
    assert_int_equal(txn->status, TXN_ERROR);
    assert_string_equal(ovsdb_idl_txn_get_error(txn),
                        "referential integrity violation");
    ovsdb_idl_txn_destroy(txn);

    /* The increment found no row. */
    txn = ovsdb_idl_txn_create(idl);
    ovsdb_idl_txn_increment(txn, row, ovsdb_idl_table_get_column(
                                ovsdb_idl_get_table(idl, "a"), "i"));
    ops = ovsdb_idl_txn_build_ops__(txn, &any);
    json_decref(ops);
    reply(txn, "[{\"count\": 0}, {\"rows\": []}]");
    assert_int_equal(txn->status, TXN_TRY_AGAIN);
    ovsdb_idl_txn_destroy(txn);

    assert_string_equal(ovsdb_idl_txn_status_to_string(TXN_NOT_LOCKED),
                        "not locked");
    ovsdb_idl_destroy(idl);
}

static void
test_server_deletes_txn_row(void **state OVS_UNUSED)
{
    struct ovsdb_idl *idl = make_idl(initial_a);
    const struct ovsdb_idl_row *row = row_by_uuid(idl, "a", U1);
    struct ovsdb_idl_txn *txn = ovsdb_idl_txn_create(idl);
    const struct ovsdb_idl_row *new_b;

    write_int(row, "i", 9);
    new_b = ovsdb_idl_txn_insert(txn, ovsdb_idl_get_table(idl, "b"), NULL);

    /* The server deletes the row the transaction writes, and the replica
     * is replaced: the transaction's own row survives, the deleted one is
     * gone from the replica, and commit asks to try again. */
    apply(idl, "{\"a\": {\"" U1 "\": {\"delete\": null}}}", true);
    assert_null(row_by_uuid(idl, "a", U1));
    assert_int_equal(ovsdb_idl_table_count(ovsdb_idl_get_table(idl, "a")),
                     0);
    json_t *json = parse("{\"b\": {\"" U3 "\": {\"initial\": {}}}}");
    assert_int_equal(ovsdb_idl_apply_updates__(idl, json, true, true), 0);
    json_decref(json);
    assert_ptr_equal(ovsdb_idl_get_row(ovsdb_idl_get_table(idl, "b"),
                                       ovsdb_idl_row_get_uuid(new_b)),
                     new_b);
    assert_int_equal(ovsdb_idl_table_count(ovsdb_idl_get_table(idl, "b")),
                     2);
    idl->state = IDL_S_MONITORING;
    assert_int_equal(ovsdb_idl_txn_commit(txn), TXN_TRY_AGAIN);
    idl->state = IDL_S_DISCONNECTED;
    ovsdb_idl_txn_destroy(txn);
    assert_int_equal(ovsdb_idl_table_count(ovsdb_idl_get_table(idl, "b")),
                     1);
    ovsdb_idl_destroy(idl);
}

/* A scripted server on a Unix socket, run in the same thread as the IDL:
 * each helper below keeps running the IDL while it waits. */
struct fake_server {
    char dir[64];
    char *remote;
    struct pstream *pstream;
    struct jsonrpc *rpc;
    int n_closed;               /* Connections the client dropped. */
};

static void
fake_open(struct fake_server *f)
{
    char *name;

    strcpy(f->dir, "/tmp/test-ovsdb-idl.XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    name = xasprintf("punix:%s/db.sock", f->dir);
    assert_int_equal(pstream_open(name, &f->pstream, 0), 0);
    free(name);
    f->remote = xasprintf("unix:%s/db.sock", f->dir);
    f->rpc = NULL;
    f->n_closed = 0;
}

static void
fake_close(struct fake_server *f)
{
    char *path = xasprintf("%s/db.sock", f->dir);

    jsonrpc_close(f->rpc);
    pstream_close(f->pstream);
    unlink(path);
    rmdir(f->dir);
    free(path);
    free(f->remote);
}

/* Runs 'idl' and the server until the server receives a message, which it
 * returns.  Fails the test after 10 s. */
static struct jsonrpc_msg *
fake_recv(struct fake_server *f, struct ovsdb_idl *idl)
{
    long long int deadline = time_msec() + 10000;

    for (;;) {
        struct jsonrpc_msg *msg;

        ovsdb_idl_run(idl);
        if (!f->rpc) {
            struct stream *stream;

            if (!pstream_accept(f->pstream, &stream)) {
                f->rpc = jsonrpc_open(stream);
            }
        }
        if (f->rpc) {
            int error;

            jsonrpc_run(f->rpc);
            error = jsonrpc_recv(f->rpc, &msg);
            if (!error) {
                return msg;
            } else if (error != EAGAIN) {
                /* The client hung up: wait for it to come back. */
                jsonrpc_close(f->rpc);
                f->rpc = NULL;
                f->n_closed++;
            }
        }
        assert_true(time_msec() < deadline);
        ovsdb_idl_wait(idl);
        pstream_wait(f->pstream);
        if (f->rpc) {
            jsonrpc_wait(f->rpc);
            jsonrpc_recv_wait(f->rpc);
        }
        poll_timer_wait_until(deadline);
        poll_block();
    }
}

/* Receives a request for 'method' and checks its params against
 * 'params' (JSON text; NULL to skip).  Returns the request. */
static struct jsonrpc_msg *
fake_expect(struct fake_server *f, struct ovsdb_idl *idl, const char *method,
            const char *params)
{
    struct jsonrpc_msg *msg = fake_recv(f, idl);

    assert_int_equal(msg->type, JSONRPC_REQUEST);
    assert_string_equal(msg->method, method);
    if (params) {
        char *text = json_dumps(msg->params, JSON_COMPACT | JSON_SORT_KEYS);

        assert_string_equal(text, params);
        free(text);
    }
    return msg;
}

static void
fake_reply(struct fake_server *f, struct jsonrpc_msg *request,
           const char *result, bool error)
{
    json_t *json = parse(result);

    jsonrpc_send(f->rpc, (error ? jsonrpc_create_error(json, request->id)
                          : jsonrpc_create_reply(json, request->id)));
    jsonrpc_msg_destroy(request);
}

static void
fake_notify(struct fake_server *f, const char *method, const char *params)
{
    jsonrpc_send(f->rpc, jsonrpc_create_notify(method, parse(params)));
}

/* Runs 'idl' (and the server's output) until 'cond' holds. */
#define RUN_UNTIL(F, IDL, COND)                                         \
    do {                                                                \
        long long int deadline__ = time_msec() + 10000;                 \
        while (ovsdb_idl_run(IDL), !(COND)) {                           \
            assert_true(time_msec() < deadline__);                      \
            if ((F)->rpc) {                                             \
                jsonrpc_run((F)->rpc);                                  \
                jsonrpc_wait((F)->rpc);                                 \
            }                                                           \
            ovsdb_idl_wait(IDL);                                        \
            poll_timer_wait(10);                                        \
            poll_block();                                               \
        }                                                               \
    } while (0)

/* Takes 'idl' through the connection with 'f': schema, lock (refused),
 * monitor_cond (refused), monitor.  Returns the monitor id, to free. */
static char *
fake_connect_with_fallback(struct fake_server *f, struct ovsdb_idl *idl)
{
    struct jsonrpc_msg *req;
    char *monitor_id;

    /* Schema, lock, then monitor_cond, which this server refuses. */
    req = fake_expect(f, idl, "get_schema", "[\"t\"]");
    fake_reply(f, req, schema_text, false);
    req = fake_expect(f, idl, "lock", "[\"L\"]");
    fake_reply(f, req, "{\"locked\": false}", false);
    req = fake_expect(f, idl, "monitor_cond", NULL);
    json_t *p = req->params;
    assert_string_equal(json_string_value(json_array_get(p, 0)), "t");
    char *text = json_dumps(json_array_get(p, 2), JSON_COMPACT);
    assert_string_equal(text, "{\"a\":[{\"columns\":[\"i\",\"map\"]}]}");
    free(text);
    fake_reply(f, req, "{\"error\": \"unknown method\"}", true);
    assert_false(ovsdb_idl_is_connected(idl));

    /* The fallback to "monitor", in the "update" format. */
    req = fake_expect(f, idl, "monitor", NULL);
    text = json_dumps(json_array_get(req->params, 2), JSON_COMPACT);
    assert_string_equal(text, "{\"a\":{\"columns\":[\"i\",\"map\"]}}");
    free(text);
    monitor_id = json_dumps(json_array_get(req->params, 1), JSON_ENCODE_ANY);
    fake_reply(f, req, "{\"a\": {\"" U1 "\": {\"new\": {\"i\": 1,"
               " \"s\": \"not monitored\"}}}}", false);
    RUN_UNTIL(f, idl, ovsdb_idl_is_connected(idl));
    return monitor_id;
}

static void
test_session_with_fake_server(void **state OVS_UNUSED)
{
    struct fake_server f;
    struct ovsdb_idl *idl;
    struct jsonrpc_msg *req;
    struct ovsdb_idl_txn *txn;
    const struct ovsdb_idl_row *row;
    unsigned int seqno;
    char *monitor_id, *text;

    fake_open(&f);
    idl = ovsdb_idl_create(f.remote, "t", false);
    ovsdb_idl_add_column(idl, "a", "i");
    ovsdb_idl_add_column(idl, "a", "map");
    ovsdb_idl_set_lock(idl, "L");
    monitor_id = fake_connect_with_fallback(&f, idl);
    assert_true(ovsdb_idl_has_ever_connected(idl));
    assert_true(ovsdb_idl_is_lock_contended(idl));
    assert_false(ovsdb_idl_has_lock(idl));
    row = row_by_uuid(idl, "a", U1);
    assert_int_equal(ovsdb_idl_get_integer(row, "i", 0), 1);
    assert_string_equal(ovsdb_idl_get_string(row, "s", "dflt"), "");

    /* Notifications: an update, and the lock granted. */
    seqno = ovsdb_idl_get_seqno(idl);
    text = xasprintf("[%s, {\"a\": {\"" U1 "\": {\"old\": {\"i\": 1},"
                     " \"new\": {\"i\": 2}}}}]", monitor_id);
    fake_notify(&f, "update", text);
    free(text);
    fake_notify(&f, "update", "[\"other-id\", {\"a\": {\"" U1 "\": "
                "{\"new\": {\"i\": 99}}}}]");
    fake_notify(&f, "locked", "[\"L\"]");
    RUN_UNTIL(&f, idl, ovsdb_idl_has_lock(idl));
    assert_int_not_equal(ovsdb_idl_get_seqno(idl), seqno);
    row = row_by_uuid(idl, "a", U1);
    assert_int_equal(ovsdb_idl_get_integer(row, "i", 0), 2);

    /* The session answers the server's echo. */
    jsonrpc_send(f.rpc, jsonrpc_create_request("echo", parse("[\"x\"]"),
                                               NULL));
    struct jsonrpc_msg *echo = fake_recv(&f, idl);
    assert_int_equal(echo->type, JSONRPC_REPLY);
    text = json_dumps(echo->result, JSON_COMPACT);
    assert_string_equal(text, "[\"x\"]");
    free(text);
    jsonrpc_msg_destroy(echo);

    /* A transaction under the lock. */
    txn = ovsdb_idl_txn_create(idl);
    write_int(row, "i", 3);
    assert_int_equal(ovsdb_idl_txn_commit(txn), TXN_INCOMPLETE);
    req = fake_expect(&f, idl, "transact", NULL);
    text = json_dumps(req->params, JSON_COMPACT | JSON_SORT_KEYS);
    assert_string_equal(text, "[\"t\",{\"lock\":\"L\",\"op\":\"assert\"},"
                        "{\"op\":\"update\",\"row\":{\"i\":3},\"table\":\"a\","
                        "\"where\":[[\"_uuid\",\"==\",[\"uuid\",\""
                        U1 "\"]]]}]");
    free(text);
    fake_reply(&f, req, "[{}, {\"count\": 1}]", false);
    RUN_UNTIL(&f, idl, ovsdb_idl_txn_commit(txn) != TXN_INCOMPLETE);
    assert_int_equal(ovsdb_idl_txn_commit(txn), TXN_SUCCESS);
    ovsdb_idl_txn_destroy(txn);

    /* The connection drops before the reply: try again; the lock is
     * lost and the replica kept until the next connection. */
    txn = ovsdb_idl_txn_create(idl);
    write_int(row, "i", 4);
    assert_int_equal(ovsdb_idl_txn_commit(txn), TXN_INCOMPLETE);
    req = fake_expect(&f, idl, "transact", NULL);
    jsonrpc_msg_destroy(req);
    seqno = ovsdb_idl_get_seqno(idl);
    jsonrpc_close(f.rpc);
    f.rpc = NULL;
    RUN_UNTIL(&f, idl, ovsdb_idl_txn_commit(txn) != TXN_INCOMPLETE);
    assert_int_equal(ovsdb_idl_txn_commit(txn), TXN_TRY_AGAIN);
    assert_false(ovsdb_idl_is_connected(idl));
    assert_false(ovsdb_idl_has_lock(idl));
    assert_int_not_equal(ovsdb_idl_get_seqno(idl), seqno);
    ovsdb_idl_txn_destroy(txn);
    assert_non_null(row_by_uuid(idl, "a", U1));

    /* It comes back by itself. */
    req = fake_expect(&f, idl, "get_schema", "[\"t\"]");
    jsonrpc_msg_destroy(req);
    assert_true(ovsdb_idl_is_alive(idl));

    free(monitor_id);
    ovsdb_idl_destroy(idl);
    fake_close(&f);
}

static void
test_unknown_database_gives_up(void **state OVS_UNUSED)
{
    struct fake_server f;
    struct ovsdb_idl *idl;
    struct jsonrpc_msg *req;

    fake_open(&f);
    idl = ovsdb_idl_create(f.remote, "nosuch", true);
    ovsdb_idl_set_max_tries(idl, 1);
    req = fake_expect(&f, idl, "get_schema", "[\"nosuch\"]");
    fake_reply(&f, req, "{\"error\": \"unknown database\"}", true);
    RUN_UNTIL(&f, idl, !ovsdb_idl_is_alive(idl));
    assert_int_equal(ovsdb_idl_get_last_error(idl), EPROTO);
    assert_false(ovsdb_idl_is_connected(idl));
    assert_null(ovsdb_idl_get_schema(idl));
    ovsdb_idl_destroy(idl);
    fake_close(&f);
}

static void
test_inactivity_probe(void **state OVS_UNUSED)
{
    struct fake_server f;
    struct ovsdb_idl *idl;
    struct jsonrpc_msg *req;
    long long int start;

    fake_open(&f);
    idl = ovsdb_idl_create(f.remote, "t", true);
    ovsdb_idl_set_probe_interval(idl, 1000);
    req = fake_expect(&f, idl, "get_schema", NULL);
    fake_reply(&f, req, schema_text, false);
    req = fake_expect(&f, idl, "monitor_cond", NULL);
    fake_reply(&f, req, "{}", false);
    RUN_UNTIL(&f, idl, ovsdb_idl_is_connected(idl));

    /* After a second of silence the session probes; an answer keeps the
     * connection. */
    start = time_msec();
    req = fake_expect(&f, idl, "echo", "[]");
    assert_true(time_msec() - start >= 900);
    fake_reply(&f, req, "[]", false);
    req = fake_expect(&f, idl, "echo", "[]");
    assert_int_equal(f.n_closed, 0);
    assert_true(ovsdb_idl_is_connected(idl));

    /* No answer: the session drops the connection and makes a new one. */
    jsonrpc_msg_destroy(req);
    req = fake_expect(&f, idl, "get_schema", NULL);
    assert_int_equal(f.n_closed, 1);
    assert_false(ovsdb_idl_is_connected(idl));
    jsonrpc_msg_destroy(req);

    ovsdb_idl_destroy(idl);
    fake_close(&f);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables_and_interest),
        cmocka_unit_test(test_initial_contents),
        cmocka_unit_test(test_update2_modify),
        cmocka_unit_test(test_update_v1),
        cmocka_unit_test(test_txn_reads_and_request),
        cmocka_unit_test(test_txn_unchanged_and_forget),
        cmocka_unit_test(test_txn_replies),
        cmocka_unit_test(test_server_deletes_txn_row),
        cmocka_unit_test(test_session_with_fake_server),
        cmocka_unit_test(test_unknown_database_gives_up),
        cmocka_unit_test(test_inactivity_probe),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
