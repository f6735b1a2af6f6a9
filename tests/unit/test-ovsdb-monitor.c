/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Unit tests of ovsdb/monitor.c (update formats, conditions, select flags,
 * condition changes) and ovsdb/server.c (lock queues, the "_Server"
 * database). */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <jansson.h>
#include "ovsdb-test-util.h"
#include "ovsdb/execution.h"
#include "ovsdb/monitor.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb-schema.h"
#include "ovsdb/ovsdb.h"
#include "ovsdb/server.h"
#include "util.h"

static const char schema_text[] =
    "{\"name\": \"M\", \"version\": \"1.0.0\", \"tables\": {"
    " \"A\": {\"isRoot\": true, \"columns\": {"
    "   \"n\": {\"type\": \"integer\"},"
    "   \"o\": {\"type\": {\"key\": \"string\", \"min\": 0}},"
    "   \"s\": {\"type\": {\"key\": \"integer\", \"min\": 0,"
    "                    \"max\": \"unlimited\"}},"
    "   \"m\": {\"type\": {\"key\": \"string\", \"value\": \"string\","
    "                    \"min\": 0, \"max\": \"unlimited\"}}}},"
    " \"B\": {\"isRoot\": true, \"columns\": {"
    "   \"x\": {\"type\": \"integer\"}}}}}";

#define U1 "11111111-1111-1111-1111-111111111111"
#define U2 "22222222-2222-2222-2222-222222222222"

/* The notifications a monitor sent, as [method, params] pairs. */
struct fixture {
    struct ovsdb *db;
    json_t *sent;
};

static void
record_send(void *f_, const char *method, json_t *params)
{
    struct fixture *f = f_;

    json_array_append_new(f->sent, json_pack("[s, o]", method, params));
}

static int
setup(void **state)
{
    struct fixture *f = xzalloc(sizeof *f);

    f->db = ovsdb_create(ovsdb_test_parse_schema(schema_text));
    f->sent = json_array();
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;

    ovsdb_destroy(f->db);
    json_decref(f->sent);
    free(f);
    return 0;
}

/* Runs the operations 'ops_text' (a JSON array of operations) and checks
 * that none failed. */
static void
run(struct fixture *f, const char *ops_text)
{
    json_t *ops = ovsdb_test_parse_json(ops_text);
    json_t *params = json_array();
    json_t *result, *elem;
    size_t i;

    json_array_append_new(params, json_string("M"));
    json_array_extend(params, ops);
    assert_int_equal(OVSDB_EXECUTE_DONE,
                     ovsdb_execute(f->db, params, NULL, &result, NULL));
    json_array_foreach (result, i, elem) {
        if (!elem || json_object_get(elem, "error")) {
            char *s = json_dumps(result, JSON_COMPACT);

            fail_msg("%s failed: %s", ops_text, s);
        }
    }
    assert_int_equal(json_array_size(ops), json_array_size(result));
    json_decref(result);
    json_decref(params);
    json_decref(ops);
}

/* Checks that the notifications sent since the last call are 'expected'
 * (a JSON array of [method, params]) and forgets them. */
static void
check_sent(struct fixture *f, const char *expected)
{
    ovsdb_test_assert_json_equals(f->sent, expected);
    json_array_clear(f->sent);
}

static struct ovsdb_monitor *
create(struct fixture *f, enum ovsdb_monitor_version version,
       const char *requests, const char *expected_initial)
{
    json_t *req = ovsdb_test_parse_json(requests);
    json_t *id = json_string("mon");
    struct ovsdb_monitor *m;
    json_t *initial;

    assert_null(ovsdb_monitor_create(f->db, version, id, req, record_send,
                                     f, &m, &initial));
    ovsdb_test_assert_json_equals(initial, expected_initial);
    json_decref(initial);
    json_decref(req);
    json_decref(id);
    return m;
}

static const char insert_u1[] =
    "[{\"op\": \"insert\", \"table\": \"A\", \"uuid\": \"" U1 "\","
    "  \"row\": {\"n\": 1, \"s\": [\"set\", [1, 2]],"
    "           \"m\": [\"map\", [[\"a\", \"1\"], [\"b\", \"2\"]]]}}]";

static void
test_v1(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_monitor *m;

    run(f, insert_u1);
    m = create(f, OVSDB_MONITOR_V1, "{\"A\": {\"columns\": [\"n\", \"o\"]}}",
               "{\"A\": {\"" U1 "\": {\"new\": {\"n\": 1,"
               " \"o\": [\"set\", []]}}}}");

    /* A change to columns it does not watch says nothing. */
    run(f, "[{\"op\": \"update\", \"table\": \"A\", \"where\": [],"
        "  \"row\": {\"s\": [\"set\", []]}}]");
    check_sent(f, "[]");

    run(f, "[{\"op\": \"update\", \"table\": \"A\", \"where\": [],"
        "  \"row\": {\"o\": \"x\"}}]");
    check_sent(f, "[[\"update\", [\"mon\", {\"A\": {\"" U1 "\": {"
               "\"old\": {\"o\": [\"set\", []]},"
               "\"new\": {\"n\": 1, \"o\": \"x\"}}}}]]]");

    run(f, "[{\"op\": \"delete\", \"table\": \"A\", \"where\": []}]");
    check_sent(f, "[[\"update\", [\"mon\", {\"A\": {\"" U1 "\": {"
               "\"old\": {\"n\": 1, \"o\": \"x\"}}}}]]]");

    /* Tables it does not watch say nothing either. */
    run(f, "[{\"op\": \"insert\", \"table\": \"B\", \"row\": {\"x\": 1}}]");
    check_sent(f, "[]");
    ovsdb_monitor_destroy(m);

    /* After destruction, nothing. */
    run(f, "[{\"op\": \"insert\", \"table\": \"A\", \"row\": {}}]");
    check_sent(f, "[]");
}

static void
test_v1_select(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_monitor *m;

    run(f, insert_u1);
    m = create(f, OVSDB_MONITOR_V1,
               "{\"A\": [{\"columns\": [\"n\"], \"select\": "
               "  {\"initial\": false, \"modify\": false}}]}", "{}");
    run(f, "[{\"op\": \"update\", \"table\": \"A\", \"where\": [],"
        "  \"row\": {\"n\": 5}}]");
    check_sent(f, "[]");
    run(f, "[{\"op\": \"insert\", \"table\": \"A\", \"uuid\": \"" U2 "\","
        "  \"row\": {\"n\": 7}}]");
    check_sent(f, "[[\"update\", [\"mon\", {\"A\": {\"" U2 "\": {"
               "\"new\": {\"n\": 7}}}}]]]");
    ovsdb_monitor_destroy(m);
}

static void
test_v2_diffs(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_monitor *m;

    run(f, insert_u1);
    /* Without "columns": every column but "_uuid". */
    {
        json_t *req = ovsdb_test_parse_json("{\"A\": [{}]}");
        json_t *initial, *row;

        assert_null(ovsdb_monitor_create(f->db, OVSDB_MONITOR_V2, NULL, req,
                                         record_send, f, &m, &initial));
        row = json_object_get(json_object_get(json_object_get(initial, "A"),
                                              U1), "initial");
        assert_non_null(json_object_get(row, "_version"));
        assert_null(json_object_get(row, "_uuid"));
        assert_int_equal(4, json_object_size(row));
        ovsdb_test_assert_json_equals((json_t *) ovsdb_monitor_get_id(m),
                                      "null");
        json_decref(initial);
        json_decref(req);
    }
    ovsdb_monitor_destroy(m);

    m = create(f, OVSDB_MONITOR_V2,
               "{\"A\": [{\"columns\": [\"n\", \"o\", \"s\", \"m\"]}]}",
               "{\"A\": {\"" U1 "\": {\"initial\": {"
               "\"n\": 1, \"s\": [\"set\", [1, 2]],"
               "\"m\": [\"map\", [[\"a\", \"1\"], [\"b\", \"2\"]]]}}}}");

    /* Sets: elements added or removed.  Maps: removed pairs as they were,
     * added and changed pairs as they are.  Optional: the new value. */
    run(f, "[{\"op\": \"update\", \"table\": \"A\", \"where\": [],"
        "  \"row\": {\"n\": 2, \"o\": \"z\", \"s\": [\"set\", [2, 3]],"
        "           \"m\": [\"map\", [[\"b\", \"3\"], [\"c\", \"4\"]]]}}]");
    check_sent(f, "[[\"update2\", [\"mon\", {\"A\": {\"" U1 "\": {"
               "\"modify\": {\"n\": 2, \"o\": \"z\","
               "  \"s\": [\"set\", [1, 3]],"
               "  \"m\": [\"map\", [[\"a\", \"1\"], [\"b\", \"3\"],"
               "                   [\"c\", \"4\"]]]}}}}]]]");

    run(f, "[{\"op\": \"update\", \"table\": \"A\", \"where\": [],"
        "  \"row\": {\"o\": [\"set\", []], \"s\": [\"set\", [3]]}}]");
    check_sent(f, "[[\"update2\", [\"mon\", {\"A\": {\"" U1 "\": {"
               "\"modify\": {\"o\": [\"set\", []], \"s\": 2}}}}]]]");

    /* Insertions leave out default columns; deletions say null. */
    run(f, "[{\"op\": \"insert\", \"table\": \"A\", \"uuid\": \"" U2 "\","
        "  \"row\": {\"o\": \"q\"}},"
        " {\"op\": \"delete\", \"table\": \"A\","
        "  \"where\": [[\"_uuid\", \"==\", [\"uuid\", \"" U1 "\"]]]}]");
    check_sent(f, "[[\"update2\", [\"mon\", {\"A\": {"
               "\"" U2 "\": {\"insert\": {\"o\": \"q\"}},"
               "\"" U1 "\": {\"delete\": null}}}]]]");
    ovsdb_monitor_destroy(m);
}

static void
test_v2_conditions(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_monitor *m;
    json_t *change;

    run(f, insert_u1);
    run(f, "[{\"op\": \"insert\", \"table\": \"A\", \"uuid\": \"" U2 "\","
        "  \"row\": {\"n\": 10}}]");
    m = create(f, OVSDB_MONITOR_V3,
               "{\"A\": [{\"columns\": [\"n\"],"
               "          \"where\": [[\"n\", \"<\", 5]]}]}",
               "{\"A\": {\"" U1 "\": {\"initial\": {\"n\": 1}}}}");

    /* A change that hides a row deletes it, one that shows it inserts. */
    run(f, "[{\"op\": \"update\", \"table\": \"A\", \"where\": [],"
        "  \"row\": {\"n\": 3}}]");
    check_sent(f, "[[\"update3\", [\"mon\","
               "  \"00000000-0000-0000-0000-000000000000\", {\"A\": {"
               "\"" U2 "\": {\"insert\": {\"n\": 3}},"
               "\"" U1 "\": {\"modify\": {\"n\": 3}}}}]]]");
    run(f, "[{\"op\": \"update\", \"table\": \"A\","
        "  \"where\": [[\"_uuid\", \"==\", [\"uuid\", \"" U1 "\"]]],"
        "  \"row\": {\"n\": 9}}]");
    check_sent(f, "[[\"update3\", [\"mon\","
               "  \"00000000-0000-0000-0000-000000000000\", {\"A\": {"
               "\"" U1 "\": {\"delete\": null}}}]]]");

    /* monitor_cond_change: shows U1, hides U2, under a new id. */
    change = ovsdb_test_parse_json("{\"A\": [{\"where\": "
                                   "[[\"n\", \">\", 5]]}]}");
    json_t *new_id = json_string("mon2");
    assert_null(ovsdb_monitor_cond_change(m, new_id, change));
    check_sent(f, "[[\"update3\", [\"mon2\","
               "  \"00000000-0000-0000-0000-000000000000\", {\"A\": {"
               "\"" U1 "\": {\"insert\": {\"n\": 9}},"
               "\"" U2 "\": {\"delete\": null}}}]]]");
    ovsdb_test_assert_json_equals((json_t *) ovsdb_monitor_get_id(m),
                                  "\"mon2\"");
    json_decref(change);

    /* A bad change changes nothing. */
    change = ovsdb_test_parse_json("{\"A\": [{\"where\": "
                                   "[[\"nope\", \">\", 5]]}]}");
    ovsdb_test_check_error(ovsdb_monitor_cond_change(m, new_id, change),
                           "bad column", "unknown column", "nope");
    json_decref(change);
    change = ovsdb_test_parse_json("{\"B\": [{\"where\": []}]}");
    ovsdb_test_check_error(ovsdb_monitor_cond_change(m, new_id, change),
                           "unwatched table", "syntax error",
                           "not monitored");
    json_decref(change);
    json_decref(new_id);
    check_sent(f, "[]");
    ovsdb_monitor_destroy(m);
}

static void
test_bad_requests(void **state)
{
    struct fixture *f = *state;
    static const struct {
        const char *requests;
        const char *tag;
        const char *details;
    } cases[] = {
        { "[]", "syntax error", "must be an object" },
        { "{\"Nope\": {}}", "unknown table", "Nope" },
        { "{\"A\": {\"columns\": [\"zz\"]}}", "syntax error", "zz" },
        { "{\"A\": {\"columns\": 1}}", "syntax error", "columns" },
        { "{\"A\": {\"select\": {\"insert\": 1}}}", "syntax error",
          "insert" },
        { "{\"A\": [{\"where\": [[\"n\", \"~\", 1]]}]}", "syntax error",
          "" },
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(cases); i++) {
        json_t *req = ovsdb_test_parse_json(cases[i].requests);
        json_t *id = json_null();
        struct ovsdb_monitor *m;
        json_t *initial;

        ovsdb_test_check_error(
            ovsdb_monitor_create(f->db, OVSDB_MONITOR_V2, id, req,
                                 record_send, f, &m, &initial),
            cases[i].requests, cases[i].tag, cases[i].details);
        assert_null(m);
        assert_null(initial);
        json_decref(req);
    }
}

static void
test_locks(void **state OVS_UNUSED)
{
    struct ovsdb_server server;
    struct ovsdb_lock_waiter *a, *b, *c, *next;
    int sa, sb, sc;
    void *victim;

    ovsdb_server_init(&server);
    a = ovsdb_server_lock(&server, "L", &sa, OVSDB_LOCK_WAIT, &victim);
    assert_null(victim);
    assert_true(ovsdb_lock_waiter_is_owner(a));
    b = ovsdb_server_lock(&server, "L", &sb, OVSDB_LOCK_WAIT, &victim);
    assert_false(ovsdb_lock_waiter_is_owner(b));
    assert_ptr_equal(b, ovsdb_server_find_waiter(&server, "L", &sb));
    assert_null(ovsdb_server_find_waiter(&server, "L", &sc));
    assert_null(ovsdb_server_find_waiter(&server, "M", &sa));

    /* The thief goes first; the victim keeps its place behind it. */
    c = ovsdb_server_lock(&server, "L", &sc, OVSDB_LOCK_STEAL, &victim);
    assert_ptr_equal(&sa, victim);
    assert_true(ovsdb_lock_waiter_is_owner(c));
    assert_false(ovsdb_lock_waiter_is_owner(a));
    assert_string_equal("L", ovsdb_lock_waiter_get_name(c));

    next = ovsdb_lock_waiter_remove(&server, c);
    assert_ptr_equal(a, next);
    assert_true(ovsdb_lock_waiter_is_owner(a));
    assert_null(ovsdb_lock_waiter_remove(&server, b));  /* Not owner. */
    assert_null(ovsdb_lock_waiter_remove(&server, a));  /* Last one. */
    assert_null(ovsdb_server_find_waiter(&server, "L", &sa));

    /* A waiter left at destruction is freed with the server. */
    ovsdb_server_lock(&server, "L", &sa, OVSDB_LOCK_WAIT, &victim);
    ovsdb_server_destroy(&server);
}

static void
test_server_db(void **state OVS_UNUSED)
{
    struct ovsdb_server server;
    struct ovsdb_server_db *sdb;
    json_t *params, *result;

    ovsdb_server_init(&server);
    sdb = ovsdb_server_find_db(&server, "_Server");
    assert_non_null(sdb);
    assert_ptr_equal(sdb, server.server_db);
    assert_null(ovsdb_server_find_db(&server, "Open_vSwitch"));

    params = ovsdb_test_parse_json(
        "[\"_Server\", {\"op\": \"select\", \"table\": \"Database\","
        "  \"where\": [], \"columns\": [\"name\", \"model\", \"connected\","
        "  \"leader\"]},"
        " {\"op\": \"delete\", \"table\": \"Database\", \"where\": []}]");
    result = ovsdb_server_check_read_only(sdb, params);
    ovsdb_test_assert_json_equals(result,
        "[null, {\"error\": \"not allowed\", \"details\": \"delete "
        "operation not allowed on table in reserved database _Server\"}]");
    json_decref(result);
    json_array_remove(params, 2);
    assert_null(ovsdb_server_check_read_only(sdb, params));
    assert_int_equal(OVSDB_EXECUTE_DONE,
                     ovsdb_execute(sdb->db, params, NULL, &result, NULL));
    ovsdb_test_assert_json_equals(result,
        "[{\"rows\": [{\"name\": \"_Server\", \"model\": \"standalone\","
        "  \"connected\": true, \"leader\": true}]}]");
    json_decref(result);
    json_decref(params);
    ovsdb_server_destroy(&server);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_v1, setup, teardown),
        cmocka_unit_test_setup_teardown(test_v1_select, setup, teardown),
        cmocka_unit_test_setup_teardown(test_v2_diffs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_v2_conditions, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_bad_requests, setup, teardown),
        cmocka_unit_test(test_locks),
        cmocka_unit_test(test_server_db),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
