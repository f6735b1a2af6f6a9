/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for ovsdb/execution: the "transact" method end to end, on the
 * stock vswitch schema (skipped if /usr/share/openvswitch is absent) and on
 * tests/unit/ovsdb-txn-test.ovsschema.
 *
 * Results are compared as compact JSON with sorted keys, with every UUID
 * replaced by "<N>", N counting distinct UUIDs in order of appearance within
 * one result.  The expectations marked "stock 3.1" were produced by Open
 * vSwitch 3.1's ovsdb-server (ovsdb-client transact) for the same request
 * on a database in the same state, and normalised the same way.
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <limits.h>
#include <jansson.h>
#include "dynamic-string.h"
#include "ovsdb-test-util.h"
#include "ovsdb/execution.h"
#include "ovsdb/ovsdb.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb-schema.h"
#include "ovsdb/row.h"
#include "ovsdb/transaction.h"
#include "util.h"

#define VSWITCH_SCHEMA "/usr/share/openvswitch/vswitch.ovsschema"
#define TEST_SCHEMA OVSDB_TEST_SRCDIR "/tests/unit/ovsdb-txn-test.ovsschema"

static struct ovsdb *
load_db(const char *file_name)
{
    struct ovsdb_schema *schema;
    json_error_t jerror;
    json_t *json;

    json = json_load_file(file_name, 0, &jerror);
    if (!json) {
        return NULL;
    }
    assert_null(ovsdb_schema_from_json(json, &schema));
    json_decref(json);
    return ovsdb_create(schema);
}

static int
setup_vswitch(void **state)
{
    *state = load_db(VSWITCH_SCHEMA);
    return 0;
}

static int
setup_test(void **state)
{
    *state = load_db(TEST_SCHEMA);
    assert_non_null(*state);
    return 0;
}

static int
teardown(void **state)
{
    ovsdb_destroy(*state);
    return 0;
}

static bool
is_uuid_at(const char *s)
{
    static const char pattern[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

    for (size_t i = 0; i < UUID_LEN; i++) {
        if (pattern[i] == '-'
            ? s[i] != '-' : !isxdigit((unsigned char) s[i])) {
            return false;
        }
    }
    return true;
}

/* Returns 'text' with each UUID replaced by "<N>".  The caller frees it. */
static char *
normalize_uuids(const char *text)
{
    struct ds out = DS_EMPTY_INITIALIZER;
    char seen[64][UUID_BUFSIZE];
    size_t n_seen = 0;

    while (*text) {
        size_t i;

        if (strlen(text) < UUID_LEN || !is_uuid_at(text)) {
            ds_put_char(&out, *text++);
            continue;
        }
        for (i = 0; i < n_seen; i++) {
            if (!strncmp(seen[i], text, UUID_LEN)) {
                break;
            }
        }
        if (i == n_seen) {
            assert_true(n_seen < ARRAY_SIZE(seen));
            ovs_strlcpy(seen[n_seen++], text, UUID_BUFSIZE);
        }
        ds_put_format(&out, "<%zu>", i);
        text += UUID_LEN;
    }
    return ds_steal_cstr(&out);
}

static bool
hold_mylock(void *aux OVS_UNUSED, const char *name)
{
    return !strcmp(name, "mylock");
}

/* Runs the "transact" params 'request' on 'db' at time 'now' (the request
 * having arrived at time 0) and returns the normalised result, or
 * "WOULD_BLOCK <deadline>". */
static char *
transact_at(struct ovsdb *db, const char *request, long long int now)
{
    struct ovsdb_execute_options options = {
        .lock_held = hold_mylock,
        .start_msec = 0,
        .now_msec = now,
    };
    enum ovsdb_execute_status status;
    long long int deadline = 0;
    json_t *params = ovsdb_test_parse_json(request);
    json_t *result;
    char *text, *normal;

    status = ovsdb_execute(db, params, &options, &result, &deadline);
    json_decref(params);
    if (status == OVSDB_EXECUTE_WOULD_BLOCK) {
        assert_null(result);
        return xasprintf("WOULD_BLOCK %lld", deadline);
    }
    text = json_dumps(result, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(result);
    normal = normalize_uuids(text);
    free(text);
    return normal;
}

static char *
transact(struct ovsdb *db, const char *request)
{
    return transact_at(db, request, 0);
}

static void
check_at(struct ovsdb *db, const char *request, long long int now,
         const char *expected)
{
    char *actual = transact_at(db, request, now);

    if (strcmp(actual, expected)) {
        print_error("request:  %s\nexpected: %s\nactual:   %s\n", request,
                    expected, actual);
    }
    assert_string_equal(actual, expected);
    free(actual);
}

static void
check(struct ovsdb *db, const char *request, const char *expected)
{
    check_at(db, request, 0, expected);
}

/* Returns the text UUID of the only row of 'table' whose 'name' is
 * 'name'. */
static char *
uuid_of(struct ovsdb *db, const char *table, const char *name)
{
    const struct ovsdb_row *found = NULL;
    struct ovsdb_table *t = ovsdb_get_table(db, table);
    const struct ovsdb_column *column;
    struct ovsdb_row *row;
    char buf[UUID_BUFSIZE];

    column = ovsdb_table_schema_get_column(t->schema, "name");
    HMAP_FOR_EACH (row, hmap_node, &t->rows) {
        const struct ovsdb_datum *d = &row->fields[column->index];

        if (d->n == 1 && !strcmp(d->keys[0].string, name)) {
            assert_null(found);
            found = row;
        }
    }
    assert_non_null(found);
    return xstrdup(uuid_to_string(ovsdb_row_get_uuid(found), buf));
}

#define OVS "[\"Open_vSwitch\","
#define TT "[\"TxnTest\","

/* The stock vswitch schema. */

/* Adds the Open_vSwitch row and bridge "br0", as the first oracle request
 * did. */
static void
vswitch_init(struct ovsdb *db)
{
    /* stock 3.1 */
    check(db, OVS "{\"op\":\"insert\",\"table\":\"Open_vSwitch\","
          "\"row\":{\"bridges\":[\"named-uuid\",\"br\"]}},"
          "{\"op\":\"insert\",\"table\":\"Bridge\",\"uuid-name\":\"br\","
          "\"row\":{\"name\":\"br0\"}}]",
          "[{\"uuid\":[\"uuid\",\"<0>\"]},{\"uuid\":[\"uuid\",\"<1>\"]}]");
}

static void
test_vswitch_named_uuid(void **state)
{
    struct ovsdb *db = *state;

    if (!db) {
        skip();
    }
    vswitch_init(db);

    /* stock 3.1 */
    check(db, OVS "{\"op\":\"select\",\"table\":\"Bridge\",\"where\":[],"
          "\"columns\":[\"name\",\"ports\"]}]",
          "[{\"rows\":[{\"name\":\"br0\",\"ports\":[\"set\",[]]}]}]");

    /* Every column of a fresh Bridge and the null after an "abort".
     * stock 3.1 */
    check(db, OVS "{\"op\":\"select\",\"table\":\"Bridge\",\"where\":[]},"
          "{\"op\":\"abort\"},"
          "{\"op\":\"select\",\"table\":\"Bridge\",\"where\":[]}]",
          "[{\"rows\":[{\"_uuid\":[\"uuid\",\"<0>\"],"
          "\"_version\":[\"uuid\",\"<1>\"],\"auto_attach\":[\"set\",[]],"
          "\"controller\":[\"set\",[]],\"datapath_id\":[\"set\",[]],"
          "\"datapath_type\":\"\",\"datapath_version\":\"\","
          "\"external_ids\":[\"map\",[]],\"fail_mode\":[\"set\",[]],"
          "\"flood_vlans\":[\"set\",[]],\"flow_tables\":[\"map\",[]],"
          "\"ipfix\":[\"set\",[]],\"mcast_snooping_enable\":false,"
          "\"mirrors\":[\"set\",[]],\"name\":\"br0\","
          "\"netflow\":[\"set\",[]],\"other_config\":[\"map\",[]],"
          "\"ports\":[\"set\",[]],\"protocols\":[\"set\",[]],"
          "\"rstp_enable\":false,\"rstp_status\":[\"map\",[]],"
          "\"sflow\":[\"set\",[]],\"status\":[\"map\",[]],"
          "\"stp_enable\":false}]},"
          "{\"details\":\"aborted by request\",\"error\":\"aborted\"},"
          "null]");

    /* An unreferenced Bridge is visible inside its transaction and
     * collected at commit.  stock 3.1 */
    check(db, OVS "{\"op\":\"insert\",\"table\":\"Bridge\","
          "\"row\":{\"name\":\"br1\"}},"
          "{\"op\":\"select\",\"table\":\"Bridge\",\"where\":[],"
          "\"columns\":[\"name\"]}]",
          "[{\"uuid\":[\"uuid\",\"<0>\"]},"
          "{\"rows\":[{\"name\":\"br0\"},{\"name\":\"br1\"}]}]");
    check(db, OVS "{\"op\":\"select\",\"table\":\"Bridge\",\"where\":[],"
          "\"columns\":[\"name\"]}]",
          "[{\"rows\":[{\"name\":\"br0\"}]}]");
}

static void
test_vswitch_integrity(void **state)
{
    struct ovsdb *db = *state;

    if (!db) {
        skip();
    }
    vswitch_init(db);

    /* stock 3.1 */
    check(db, OVS "{\"op\":\"insert\",\"table\":\"Open_vSwitch\","
          "\"row\":{\"bridges\":[\"uuid\","
          "\"00000000-0000-0000-0000-000000000001\"]}}]",
          "[{\"uuid\":[\"uuid\",\"<0>\"]},{\"details\":\"Table "
          "Open_vSwitch column bridges row <0> references nonexistent row "
          "<1> in table Bridge.\",\"error\":\"referential integrity "
          "violation\"}]");

    /* stock 3.1 */
    check(db, OVS "{\"op\":\"delete\",\"table\":\"Bridge\",\"where\":[]}]",
          "[{\"count\":1},{\"details\":\"cannot delete Bridge row <0> "
          "because of 1 remaining reference(s)\",\"error\":\"referential "
          "integrity violation\"}]");

    /* stock 3.1 */
    check(db, OVS "{\"op\":\"insert\",\"table\":\"Open_vSwitch\","
          "\"row\":{}}]",
          "[{\"uuid\":[\"uuid\",\"<0>\"]},{\"details\":\"transaction "
          "causes \\\"Open_vSwitch\\\" table to contain 2 rows, greater "
          "than the schema-defined limit of 1 row(s)\",\"error\":"
          "\"constraint violation\"}]");

    /* A Port's "interfaces" needs one element; its default is the zero
     * UUID, which names no Interface.  stock 3.1 (a Port inserted together
     * with Mirror and Bridge updates) */
    check(db, OVS "{\"op\":\"insert\",\"table\":\"Port\",\"uuid-name\":"
          "\"p\",\"row\":{\"name\":\"p1\"}},"
          "{\"op\":\"update\",\"table\":\"Bridge\",\"where\":[[\"name\","
          "\"==\",\"br0\"]],\"row\":{\"ports\":[\"named-uuid\",\"p\"]}}]",
          "[{\"uuid\":[\"uuid\",\"<0>\"]},{\"count\":1},{\"details\":"
          "\"Table Port column interfaces row <0> references nonexistent "
          "row <1> in table Interface.\",\"error\":\"referential "
          "integrity violation\"}]");

    /* A <named-uuid> that no insert defines.  stock 3.1 */
    check(db, OVS "{\"op\":\"mutate\",\"table\":\"Open_vSwitch\","
          "\"where\":[],\"mutations\":[[\"bridges\",\"insert\",[\"set\","
          "[[\"named-uuid\",\"nope\"]]]]]}]",
          "[{\"count\":1},{\"details\":\"Table Open_vSwitch column "
          "bridges row <0> references nonexistent row <1> in table "
          "Bridge.\",\"error\":\"referential integrity violation\"}]");

    /* Index on Bridge "name" against a committed row.  stock 3.1 */
    check(db, OVS "{\"op\":\"mutate\",\"table\":\"Open_vSwitch\","
          "\"where\":[],\"mutations\":[[\"bridges\",\"insert\",[\"set\","
          "[[\"named-uuid\",\"b2\"]]]]]},"
          "{\"op\":\"insert\",\"table\":\"Bridge\",\"uuid-name\":\"b2\","
          "\"row\":{\"name\":\"br0\"}}]",
          "[{\"count\":1},{\"uuid\":[\"uuid\",\"<0>\"]},{\"details\":"
          "\"Transaction causes multiple rows in \\\"Bridge\\\" table to "
          "have identical values (br0) for index on column \\\"name\\\".  "
          "First row, with UUID <1>, existed in the database before this "
          "transaction and was not modified by the transaction.  Second "
          "row, with UUID <0>, was inserted by this transaction.\","
          "\"error\":\"constraint violation\"}]");

    /* Two unreferenced duplicates are collected before the index check.
     * stock 3.1 */
    check(db, OVS "{\"op\":\"insert\",\"table\":\"Bridge\",\"row\":"
          "{\"name\":\"br0\"}},{\"op\":\"insert\",\"table\":\"Bridge\","
          "\"row\":{\"name\":\"br0\"}}]",
          "[{\"uuid\":[\"uuid\",\"<0>\"]},{\"uuid\":[\"uuid\",\"<1>\"]}]");
}

static void
test_vswitch_del_br(void **state)
{
    struct ovsdb *db = *state;
    char *request, *uuid;

    if (!db) {
        skip();
    }
    vswitch_init(db);

    /* stock 3.1 */
    check(db, OVS "{\"op\":\"insert\",\"table\":\"Interface\","
          "\"uuid-name\":\"i\",\"row\":{\"name\":\"p1\"}},"
          "{\"op\":\"insert\",\"table\":\"Port\",\"uuid-name\":\"p\","
          "\"row\":{\"name\":\"p1\",\"interfaces\":[\"named-uuid\","
          "\"i\"]}},"
          "{\"op\":\"insert\",\"table\":\"Bridge\",\"uuid-name\":\"b\","
          "\"row\":{\"name\":\"brD\",\"ports\":[\"named-uuid\",\"p\"]}},"
          "{\"op\":\"mutate\",\"table\":\"Open_vSwitch\",\"where\":[],"
          "\"mutations\":[[\"bridges\",\"insert\",[\"named-uuid\","
          "\"b\"]]]}]",
          "[{\"uuid\":[\"uuid\",\"<0>\"]},{\"uuid\":[\"uuid\",\"<1>\"]},"
          "{\"uuid\":[\"uuid\",\"<2>\"]},{\"count\":1}]");
    check(db, OVS "{\"op\":\"select\",\"table\":\"Port\",\"where\":[],"
          "\"columns\":[\"name\"]},{\"op\":\"select\",\"table\":"
          "\"Interface\",\"where\":[],\"columns\":[\"name\"]}]",
          "[{\"rows\":[{\"name\":\"p1\"}]},{\"rows\":[{\"name\":\"p1\"}]}]");

    /* What "ovs-vsctl del-br brD" does: remove the bridge from the set.
     * The Bridge, its Port and its Interface go.  stock 3.1 */
    uuid = uuid_of(db, "Bridge", "brD");
    request = xasprintf(OVS "{\"op\":\"mutate\",\"table\":\"Open_vSwitch\","
                        "\"where\":[],\"mutations\":[[\"bridges\","
                        "\"delete\",[\"uuid\",\"%s\"]]]},"
                        "{\"op\":\"select\",\"table\":\"Bridge\",\"where\":"
                        "[[\"name\",\"==\",\"brD\"]],\"columns\":"
                        "[\"name\"]}]", uuid);
    check(db, request,
          "[{\"count\":1},{\"rows\":[{\"name\":\"brD\"}]}]");
    free(request);
    free(uuid);
    check(db, OVS "{\"op\":\"select\",\"table\":\"Bridge\",\"where\":[],"
          "\"columns\":[\"name\"]},{\"op\":\"select\",\"table\":\"Port\","
          "\"where\":[],\"columns\":[\"name\"]},{\"op\":\"select\","
          "\"table\":\"Interface\",\"where\":[],\"columns\":[\"name\"]}]",
          "[{\"rows\":[{\"name\":\"br0\"}]},{\"rows\":[]},{\"rows\":[]}]");
}

static void
test_vswitch_operations(void **state)
{
    struct ovsdb *db = *state;

    if (!db) {
        skip();
    }
    vswitch_init(db);

    /* stock 3.1 (all that follow but the last) */
    check(db, OVS "{\"op\":\"wait\",\"table\":\"Bridge\",\"where\":"
          "[[\"name\",\"==\",\"br0\"]],\"columns\":[\"name\"],\"until\":"
          "\"==\",\"rows\":[{\"name\":\"br0\"}],\"timeout\":0}]",
          "[{}]");
    check(db, OVS "{\"op\":\"wait\",\"table\":\"Bridge\",\"where\":[],"
          "\"columns\":[\"name\"],\"until\":\"==\",\"rows\":[{\"name\":"
          "\"brZ\"}],\"timeout\":0},{\"op\":\"insert\",\"table\":"
          "\"Bridge\",\"row\":{\"name\":\"x\"}}]",
          "[{\"details\":\"\\\"where\\\" clause test failed\",\"error\":"
          "\"timed out\"},null]");
    check(db, OVS "{\"op\":\"wait\",\"table\":\"Bridge\",\"where\":[],"
          "\"columns\":[\"name\"],\"until\":\"!=\",\"rows\":[{\"name\":"
          "\"br0\"}],\"timeout\":0}]",
          "[{\"details\":\"\\\"where\\\" clause test failed\",\"error\":"
          "\"timed out\"}]");

    check(db, OVS "{\"op\":\"mutate\",\"table\":\"Bridge\",\"where\":[],"
          "\"mutations\":[[\"external_ids\",\"insert\",[\"map\",[[\"a\","
          "\"1\"],[\"b\",\"2\"]]]],[\"flood_vlans\",\"insert\",[\"set\","
          "[5,7]]]]},{\"op\":\"select\",\"table\":\"Bridge\",\"where\":[],"
          "\"columns\":[\"external_ids\",\"flood_vlans\"]}]",
          "[{\"count\":1},{\"rows\":[{\"external_ids\":[\"map\",[[\"a\","
          "\"1\"],[\"b\",\"2\"]]],\"flood_vlans\":[\"set\",[5,7]]}]}]");
    check(db, OVS "{\"op\":\"mutate\",\"table\":\"Bridge\",\"where\":[],"
          "\"mutations\":[[\"external_ids\",\"delete\",[\"set\","
          "[\"a\"]]]]},{\"op\":\"select\",\"table\":\"Bridge\",\"where\":"
          "[],\"columns\":[\"external_ids\"]}]",
          "[{\"count\":1},{\"rows\":[{\"external_ids\":[\"map\",[[\"b\","
          "\"2\"]]]}]}]");

    check(db, OVS "{\"op\":\"update\",\"table\":\"Bridge\",\"where\":"
          "[[\"name\",\"==\",\"nosuch\"]],\"row\":{\"stp_enable\":true}}]",
          "[{\"count\":0}]");
    check(db, OVS "{\"op\":\"comment\",\"comment\":\"hi\"},{\"op\":"
          "\"update\",\"table\":\"Bridge\",\"where\":[],\"row\":{\"nme\":"
          "\"x\"}},{\"op\":\"select\",\"table\":\"Bridge\",\"where\":[]}]",
          "[{},{\"details\":\"No column nme in table Bridge.\",\"error\":"
          "\"unknown column\",\"syntax\":\"{\\\"nme\\\":\\\"x\\\"}\"},"
          "null]");
    check(db, OVS "{\"op\":\"update\",\"table\":\"Bridge\",\"where\":[],"
          "\"row\":{\"name\":\"brX\",\"foo\":1}}]",
          "[{\"details\":\"No column foo in table Bridge.\",\"error\":"
          "\"unknown column\",\"syntax\":\"{\\\"foo\\\":1,\\\"name\\\":"
          "\\\"brX\\\"}\"}]");
    check(db, OVS "{\"op\":\"insert\",\"table\":\"Bridge\",\"uuid-name\":"
          "\"a\",\"row\":{\"name\":\"q\"}},{\"op\":\"insert\",\"table\":"
          "\"Bridge\",\"uuid-name\":\"a\",\"row\":{\"name\":\"r\"}}]",
          "[{\"uuid\":[\"uuid\",\"<0>\"]},{\"details\":\"This "
          "\\\"uuid-name\\\" appeared on an earlier \\\"insert\\\" "
          "operation.\",\"error\":\"duplicate uuid-name\",\"syntax\":"
          "\"\\\"a\\\"\"}]");
    check(db, OVS "{\"op\":\"assert\",\"lock\":\"foo\"}]",
          "[{\"details\":\"Asserted lock foo not held.\",\"error\":"
          "\"not owner\"}]");
    check(db, OVS "{\"op\":\"commit\",\"durable\":false},{\"op\":"
          "\"commit\",\"durable\":true}]", "[{},{}]");
    check(db, OVS "{\"op\":\"bogus\"}]",
          "[{\"details\":\"Parsing ovsdb operation 1 of 1 failed: No "
          "operation \\\"bogus\\\"\",\"error\":\"syntax error\",\"syntax\":"
          "\"{\\\"op\\\":\\\"bogus\\\"}\"}]");
    check(db, OVS "{\"op\":\"select\",\"table\":\"Nope\",\"where\":[]}]",
          "[{\"details\":\"Parsing ovsdb operation 1 of 1 failed: No table "
          "named Nope.\",\"error\":\"syntax error\",\"syntax\":"
          "\"{\\\"op\\\":\\\"select\\\",\\\"table\\\":\\\"Nope\\\","
          "\\\"where\\\":[]}\"}]");
    check(db, OVS "{\"op\":\"select\",\"table\":\"Bridge\",\"where\":[],"
          "\"columns\":[\"zz\"]}]",
          "[{\"details\":\"zz is not a valid column name\",\"error\":"
          "\"syntax error\",\"syntax\":\"[\\\"zz\\\"]\"}]");

    /* Same error as stock 3.1, whose details read "bad is not one of the
     * allowed values ([secure, standalone])" (text of ovsdb-data.c). */
    check(db, OVS "{\"op\":\"insert\",\"table\":\"Bridge\",\"row\":"
          "{\"name\":\"br0\",\"fail_mode\":\"bad\"}}]",
          "[{\"details\":\"\\\"bad\\\" is not one of the allowed values "
          "(\\\"secure\\\", \\\"standalone\\\")\",\"error\":"
          "\"constraint violation\"}]");
}

static void
test_vswitch_explicit_uuid(void **state)
{
    struct ovsdb *db = *state;
    char *request, *uuid;

    if (!db) {
        skip();
    }
    vswitch_init(db);

    /* stock 3.1 */
    check(db, OVS "{\"op\":\"insert\",\"table\":\"Bridge\",\"row\":"
          "{\"name\":\"br0\"},\"uuid\":"
          "\"11111111-2222-3333-4444-555555555555\"}]",
          "[{\"uuid\":[\"uuid\",\"<0>\"]}]");

    /* stock 3.1 */
    uuid = uuid_of(db, "Bridge", "br0");
    request = xasprintf(OVS "{\"op\":\"insert\",\"table\":\"Bridge\","
                        "\"row\":{\"name\":\"br0\"},\"uuid\":\"%s\"}]",
                        uuid);
    check(db, request,
          "[{\"details\":\"This UUID would duplicate a UUID already "
          "present within the table or deleted within the same "
          "transaction.\",\"error\":\"duplicate uuid\",\"syntax\":"
          "\"\\\"<0>\\\"\"}]");
    free(request);
    free(uuid);

    /* A name whose UUID is given explicitly may be referred to before its
     * insert. */
    check(db, OVS "{\"op\":\"mutate\",\"table\":\"Open_vSwitch\","
          "\"where\":[],\"mutations\":[[\"bridges\",\"insert\","
          "[\"named-uuid\",\"b\"]]]},"
          "{\"op\":\"insert\",\"table\":\"Bridge\",\"uuid-name\":\"b\","
          "\"uuid\":\"22222222-2222-3333-4444-555555555555\","
          "\"row\":{\"name\":\"br9\"}}]",
          "[{\"count\":1},{\"uuid\":[\"uuid\",\"<0>\"]}]");
    uuid = uuid_of(db, "Bridge", "br9");
    assert_string_equal(uuid, "22222222-2222-3333-4444-555555555555");
    free(uuid);
}

/* The test schema. */

static void
test_insert_select_update_mutate_delete(void **state)
{
    struct ovsdb *db = *state;

    check(db, TT "{\"op\":\"insert\",\"table\":\"Root\",\"row\":{\"name\":"
          "\"r\",\"children\":[\"named-uuid\",\"c\"]}},"
          "{\"op\":\"insert\",\"table\":\"Child\",\"uuid-name\":\"c\","
          "\"row\":{\"name\":\"c\",\"value\":1,\"tags\":[\"set\",[3,1]],"
          "\"opts\":[\"map\",[[\"k\",\"v\"]]]}}]",
          "[{\"uuid\":[\"uuid\",\"<0>\"]},{\"uuid\":[\"uuid\",\"<1>\"]}]");
    check(db, TT "{\"op\":\"select\",\"table\":\"Child\",\"where\":"
          "[[\"value\",\">=\",1]],\"columns\":[\"opts\",\"tags\","
          "\"value\"]}]",
          "[{\"rows\":[{\"opts\":[\"map\",[[\"k\",\"v\"]]],\"tags\":"
          "[\"set\",[1,3]],\"value\":1}]}]");
    check(db, TT "{\"op\":\"update\",\"table\":\"Child\",\"where\":[],"
          "\"row\":{\"value\":5}},{\"op\":\"mutate\",\"table\":\"Child\","
          "\"where\":[[\"value\",\"==\",5]],\"mutations\":[[\"value\","
          "\"*=\",2],[\"tags\",\"insert\",[\"set\",[2]]],[\"opts\","
          "\"delete\",[\"set\",[\"k\"]]]]},"
          "{\"op\":\"select\",\"table\":\"Child\",\"where\":[],"
          "\"columns\":[\"opts\",\"tags\",\"value\"]}]",
          "[{\"count\":1},{\"count\":1},{\"rows\":[{\"opts\":[\"map\",[]],"
          "\"tags\":[\"set\",[1,2,3]],\"value\":10}]}]");
    check(db, TT "{\"op\":\"delete\",\"table\":\"Root\",\"where\":[]},"
          "{\"op\":\"select\",\"table\":\"Child\",\"where\":[]}]",
          "[{\"count\":1},{\"rows\":[{\"_uuid\":[\"uuid\",\"<0>\"],"
          "\"_version\":[\"uuid\",\"<1>\"],\"leaves\":[\"set\",[]],"
          "\"name\":\"c\",\"opts\":[\"map\",[]],\"tags\":[\"set\",[1,2,3]],"
          "\"value\":10}]}]");
    /* Deleting the Root made the Child garbage. */
    check(db, TT "{\"op\":\"select\",\"table\":\"Child\",\"where\":[]}]",
          "[{\"rows\":[]}]");
}

static void
test_gc_and_weak_refs(void **state)
{
    struct ovsdb *db = *state;

    /* "two" is only referred to weakly, so it is collected and the weak
     * reference to it goes.  stock 3.1 */
    check(db, TT "{\"op\":\"insert\",\"table\":\"Root\",\"row\":{\"name\":"
          "\"r\",\"children\":[\"named-uuid\",\"c1\"],\"watched\":[\"set\","
          "[[\"named-uuid\",\"c1\"],[\"named-uuid\",\"c2\"]]]}},"
          "{\"op\":\"insert\",\"table\":\"Child\",\"uuid-name\":\"c1\","
          "\"row\":{\"name\":\"one\",\"leaves\":[\"named-uuid\",\"l\"]}},"
          "{\"op\":\"insert\",\"table\":\"Child\",\"uuid-name\":\"c2\","
          "\"row\":{\"name\":\"two\"}},"
          "{\"op\":\"insert\",\"table\":\"Leaf\",\"uuid-name\":\"l\","
          "\"row\":{\"name\":\"leaf\"}},"
          "{\"op\":\"insert\",\"table\":\"Watch\",\"row\":{\"name\":\"w\","
          "\"must\":[\"named-uuid\",\"c1\"]}}]",
          "[{\"uuid\":[\"uuid\",\"<0>\"]},{\"uuid\":[\"uuid\",\"<1>\"]},"
          "{\"uuid\":[\"uuid\",\"<2>\"]},{\"uuid\":[\"uuid\",\"<3>\"]},"
          "{\"uuid\":[\"uuid\",\"<4>\"]}]");
    check(db, TT "{\"op\":\"select\",\"table\":\"Root\",\"where\":[],"
          "\"columns\":[\"name\",\"watched\",\"children\"]},"
          "{\"op\":\"select\",\"table\":\"Child\",\"where\":[],"
          "\"columns\":[\"name\"]},{\"op\":\"select\",\"table\":\"Leaf\","
          "\"where\":[],\"columns\":[\"name\"]}]",
          "[{\"rows\":[{\"children\":[\"uuid\",\"<0>\"],\"name\":\"r\","
          "\"watched\":[\"uuid\",\"<0>\"]}]},{\"rows\":[{\"name\":"
          "\"one\"}]},{\"rows\":[{\"name\":\"leaf\"}]}]");

    /* Dropping the last strong reference to "one" would collect it, which
     * would empty Watch "must" (min 1).  stock 3.1 */
    check(db, TT "{\"op\":\"update\",\"table\":\"Root\",\"where\":[],"
          "\"row\":{\"children\":[\"set\",[]]}}]",
          "[{\"count\":1},{\"details\":\"Deletion of 1 weak reference(s) "
          "to deleted (or never-existing) rows from column \\\"must\\\" in "
          "\\\"Watch\\\" row <0> caused this column to become empty, but "
          "constraints on this column disallow an empty column.\","
          "\"error\":\"constraint violation\"}]");

    /* Without the Watch it works: "one" and its Leaf are collected and the
     * committed Root's weak reference goes with them. */
    check(db, TT "{\"op\":\"delete\",\"table\":\"Watch\",\"where\":[]},"
          "{\"op\":\"update\",\"table\":\"Root\",\"where\":[],"
          "\"row\":{\"children\":[\"set\",[]]}}]",
          "[{\"count\":1},{\"count\":1}]");
    check(db, TT "{\"op\":\"select\",\"table\":\"Root\",\"where\":[],"
          "\"columns\":[\"watched\"]},{\"op\":\"select\",\"table\":"
          "\"Child\",\"where\":[]},{\"op\":\"select\",\"table\":\"Leaf\","
          "\"where\":[]}]",
          "[{\"rows\":[{\"watched\":[\"set\",[]]}]},{\"rows\":[]},"
          "{\"rows\":[]}]");
}

static void
test_immutable_and_limits(void **state)
{
    struct ovsdb *db = *state;

    check(db, TT "{\"op\":\"insert\",\"table\":\"Root\",\"row\":"
          "{\"name\":\"a\"}},{\"op\":\"insert\",\"table\":\"Root\","
          "\"row\":{\"name\":\"b\"}}]",
          "[{\"uuid\":[\"uuid\",\"<0>\"]},{\"uuid\":[\"uuid\",\"<1>\"]}]");
    check(db, TT "{\"op\":\"insert\",\"table\":\"Root\",\"row\":"
          "{\"name\":\"c\"}}]",
          "[{\"uuid\":[\"uuid\",\"<0>\"]},{\"details\":\"transaction "
          "causes \\\"Root\\\" table to contain 3 rows, greater than the "
          "schema-defined limit of 2 row(s)\",\"error\":\"constraint "
          "violation\"}]");

    /* stock 3.1 gives the same error with the operation as "syntax". */
    check(db, TT "{\"op\":\"insert\",\"table\":\"Child\",\"uuid-name\":"
          "\"c\",\"row\":{\"name\":\"c\"}},{\"op\":\"insert\",\"table\":"
          "\"Watch\",\"row\":{\"name\":\"w\",\"fixed\":1,\"must\":"
          "[\"named-uuid\",\"c\"]}},{\"op\":\"update\",\"table\":\"Watch\","
          "\"where\":[],\"row\":{\"fixed\":3}}]",
          "[{\"uuid\":[\"uuid\",\"<0>\"]},{\"uuid\":[\"uuid\",\"<1>\"]},"
          "{\"details\":\"Cannot update immutable column fixed in table "
          "Watch.\",\"error\":\"constraint violation\"}]");
    check(db, TT "{\"op\":\"insert\",\"table\":\"Root\",\"row\":"
          "{\"_uuid\":[\"uuid\",\"00000000-0000-0000-0000-000000000001\"]}}"
          "]",
          "[{\"details\":\"Cannot set immutable column _uuid in table "
          "Root.\",\"error\":\"constraint violation\"}]");

    /* Index uniqueness between a modified row and an inserted one. */
    check(db, TT "{\"op\":\"update\",\"table\":\"Root\",\"where\":"
          "[[\"name\",\"==\",\"a\"]],\"row\":{\"children\":[\"set\","
          "[[\"named-uuid\",\"x\"],[\"named-uuid\",\"y\"]]]}},"
          "{\"op\":\"insert\",\"table\":\"Child\",\"uuid-name\":\"x\","
          "\"row\":{\"name\":\"dup\"}},{\"op\":\"insert\",\"table\":"
          "\"Child\",\"uuid-name\":\"y\",\"row\":{\"name\":\"dup\"}}]",
          "[{\"count\":1},{\"uuid\":[\"uuid\",\"<0>\"]},{\"uuid\":[\"uuid\","
          "\"<1>\"]},{\"details\":\"Transaction causes multiple rows in "
          "\\\"Child\\\" table to have identical values (dup) for index on "
          "column \\\"name\\\".  First row, with UUID <0>, was inserted by "
          "this transaction.  Second row, with UUID <1>, was inserted by "
          "this transaction.\",\"error\":\"constraint violation\"}]");
}

static void
test_index_modified_rows(void **state)
{
    struct ovsdb *db = *state;

    check(db, TT "{\"op\":\"insert\",\"table\":\"Root\",\"row\":{\"name\":"
          "\"r\",\"children\":[\"set\",[[\"named-uuid\",\"a\"],"
          "[\"named-uuid\",\"b\"]]]}},{\"op\":\"insert\",\"table\":"
          "\"Child\",\"uuid-name\":\"a\",\"row\":{\"name\":\"a\"}},"
          "{\"op\":\"insert\",\"table\":\"Child\",\"uuid-name\":\"b\","
          "\"row\":{\"name\":\"b\"}}]",
          "[{\"uuid\":[\"uuid\",\"<0>\"]},{\"uuid\":[\"uuid\",\"<1>\"]},"
          "{\"uuid\":[\"uuid\",\"<2>\"]}]");

    /* stock 3.1 */
    check(db, TT "{\"op\":\"update\",\"table\":\"Child\",\"where\":"
          "[[\"name\",\"==\",\"a\"]],\"row\":{\"name\":\"b\"}}]",
          "[{\"count\":1},{\"details\":\"Transaction causes multiple rows "
          "in \\\"Child\\\" table to have identical values (b) for index on "
          "column \\\"name\\\".  First row, with UUID <0>, had the following "
          "index values before the transaction: a.  Second row, with UUID "
          "<1>, existed in the database before this transaction and was not "
          "modified by the transaction.\",\"error\":\"constraint "
          "violation\"}]");

    /* Swapping two names in one transaction is fine.  stock 3.1 */
    check(db, TT "{\"op\":\"update\",\"table\":\"Child\",\"where\":"
          "[[\"name\",\"==\",\"a\"]],\"row\":{\"name\":\"tmp\"}},"
          "{\"op\":\"update\",\"table\":\"Child\",\"where\":"
          "[[\"name\",\"==\",\"b\"]],\"row\":{\"name\":\"a\"}},"
          "{\"op\":\"update\",\"table\":\"Child\",\"where\":"
          "[[\"name\",\"==\",\"tmp\"]],\"row\":{\"name\":\"b\"}}]",
          "[{\"count\":1},{\"count\":1},{\"count\":1}]");
    check(db, TT "{\"op\":\"select\",\"table\":\"Child\",\"where\":"
          "[[\"name\",\"==\",\"a\"]],\"columns\":[\"name\"]},"
          "{\"op\":\"select\",\"table\":\"Child\",\"where\":"
          "[[\"name\",\"!=\",\"a\"]],\"columns\":[\"name\"]}]",
          "[{\"rows\":[{\"name\":\"a\"}]},{\"rows\":[{\"name\":\"b\"}]}]");
}

static void
test_error_in_middle(void **state)
{
    struct ovsdb *db = *state;

    /* Operation 2 of 3 fails: its error at index 1, null at index 2, and
     * the insert of operation 1 is not committed.  Same shape as stock 3.1,
     * whose details say "expected string". */
    check(db, TT "{\"op\":\"insert\",\"table\":\"Root\",\"row\":{\"name\":"
          "\"kept?\"}},{\"op\":\"update\",\"table\":\"Root\",\"where\":[],"
          "\"row\":{\"name\":5}},{\"op\":\"insert\",\"table\":\"Root\","
          "\"row\":{\"name\":\"z\"}}]",
          "[{\"uuid\":[\"uuid\",\"<0>\"]},{\"details\":\"expected a string, "
          "not an integer\",\"error\":\"syntax error\",\"syntax\":\"5\"},"
          "null]");
    check(db, TT "{\"op\":\"select\",\"table\":\"Root\",\"where\":[]}]",
          "[{\"rows\":[]}]");
}

static void
test_wait(void **state)
{
    struct ovsdb *db = *state;
    const char *wait_r =
        TT "{\"op\":\"wait\",\"table\":\"Root\",\"where\":[],"
        "\"columns\":[\"name\"],\"until\":\"==\",\"rows\":[{\"name\":"
        "\"r\"}],\"timeout\":1000}]";
    const char *wait_forever =
        TT "{\"op\":\"wait\",\"table\":\"Root\",\"where\":[],"
        "\"columns\":[\"name\"],\"until\":\"!=\",\"rows\":[]}]";

    /* Not met yet: retry by the deadline, then time out. */
    check_at(db, wait_r, 0, "WOULD_BLOCK 1000");
    check_at(db, wait_r, 999, "WOULD_BLOCK 1000");
    check_at(db, wait_r, 1000,
             "[{\"details\":\"\\\"where\\\" clause test failed\","
             "\"error\":\"timed out\"}]");
    check_at(db, wait_forever, 5000, "WOULD_BLOCK " "9223372036854775807");

    check(db, TT "{\"op\":\"insert\",\"table\":\"Root\",\"row\":{\"name\":"
          "\"r\"}}]", "[{\"uuid\":[\"uuid\",\"<0>\"]}]");
    check_at(db, wait_r, 500, "[{}]");
    check_at(db, wait_forever, 5000, "[{}]");

    /* Rows compare as a multiset over "columns". */
    check(db, TT "{\"op\":\"wait\",\"table\":\"Root\",\"where\":[],"
          "\"columns\":[\"name\"],\"until\":\"==\",\"rows\":[{\"name\":"
          "\"r\"},{\"name\":\"r\"}],\"timeout\":0}]",
          "[{\"details\":\"\\\"where\\\" clause test failed\","
          "\"error\":\"timed out\"}]");
    check(db, TT "{\"op\":\"wait\",\"table\":\"Root\",\"where\":[],"
          "\"until\":\"<\",\"rows\":[]}]",
          "[{\"details\":\"ovsdb operation 1 of 1: \\\"until\\\" must be "
          "\\\"==\\\" or \\\"!=\\\"\",\"error\":\"syntax error\","
          "\"syntax\":\"{\\\"op\\\":\\\"wait\\\",\\\"rows\\\":[],"
          "\\\"table\\\":\\\"Root\\\",\\\"until\\\":\\\"<\\\","
          "\\\"where\\\":[]}\"}]");
}

/* An observer that records what it sees, and fails if told to. */
struct test_observer {
    struct ovsdb_observer up;
    struct ds log;
    bool fail;
};

static void
record_change(const struct ovsdb_table *table, const struct ovsdb_row *old,
              const struct ovsdb_row *new, void *aux)
{
    struct test_observer *obs = aux;

    ds_put_format(&obs->log, "%s:%s;", table->schema->name,
                  !old ? "insert" : !new ? "delete" : "modify");
}

static struct ovsdb_error *
test_observer_commit(struct ovsdb_observer *observer,
                     const struct ovsdb_txn *txn)
{
    struct test_observer *obs = CONTAINER_OF(observer, struct test_observer,
                                             up);
    const char *comment = ovsdb_txn_get_comment(txn);

    if (obs->fail) {
        return ovsdb_error_create(OVSDB_E_IO, "disk on fire");
    }
    ds_put_format(&obs->log, "[%s%s]", ovsdb_txn_is_durable(txn)
                  ? "durable " : "", comment ? comment : "");
    ovsdb_txn_for_each_change(txn, record_change, obs);
    return NULL;
}

static const struct ovsdb_observer_class test_observer_class = {
    .commit = test_observer_commit,
};

static void
test_observer_and_misc_ops(void **state)
{
    struct test_observer obs = { .up.class = &test_observer_class };
    struct ovsdb *db = *state;

    ds_init(&obs.log);
    ovsdb_add_observer(db, &obs.up);

    check(db, TT "{\"op\":\"comment\",\"comment\":\"add r\"},"
          "{\"op\":\"assert\",\"lock\":\"mylock\"},"
          "{\"op\":\"commit\",\"durable\":true},"
          "{\"op\":\"insert\",\"table\":\"Root\",\"row\":{\"name\":\"r\","
          "\"children\":[\"named-uuid\",\"c\"]}},"
          "{\"op\":\"insert\",\"table\":\"Child\",\"uuid-name\":\"c\","
          "\"row\":{\"name\":\"c\"}},"
          "{\"op\":\"insert\",\"table\":\"Child\",\"row\":{\"name\":"
          "\"garbage\"}}]",
          "[{},{},{},{\"uuid\":[\"uuid\",\"<0>\"]},{\"uuid\":[\"uuid\","
          "\"<1>\"]},{\"uuid\":[\"uuid\",\"<2>\"]}]");
    assert_string_equal(ds_cstr(&obs.log),
                        "[durable add r]Root:insert;Child:insert;");

    /* An update that changes nothing is no change at all. */
    ds_clear(&obs.log);
    check(db, TT "{\"op\":\"update\",\"table\":\"Root\",\"where\":[],"
          "\"row\":{\"name\":\"r\"}}]", "[{\"count\":1}]");
    assert_string_equal(ds_cstr(&obs.log), "[]");

    ds_clear(&obs.log);
    check(db, TT "{\"op\":\"update\",\"table\":\"Root\",\"where\":[],"
          "\"row\":{\"children\":[\"set\",[]]}}]", "[{\"count\":1}]");
    assert_string_equal(ds_cstr(&obs.log), "[]Root:modify;Child:delete;");

    /* A failing observer fails the commit and nothing changes. */
    obs.fail = true;
    check(db, TT "{\"op\":\"delete\",\"table\":\"Root\",\"where\":[]}]",
          "[{\"count\":1},{\"details\":\"disk on fire\",\"error\":"
          "\"I/O error\"}]");
    obs.fail = false;
    check(db, TT "{\"op\":\"select\",\"table\":\"Root\",\"where\":[],"
          "\"columns\":[\"name\"]}]", "[{\"rows\":[{\"name\":\"r\"}]}]");

    ovsdb_remove_observer(&obs.up);
    ds_destroy(&obs.log);
}

static void
test_bad_params(void **state)
{
    struct ovsdb *db = *state;
    char *result;

    check(db, "{}",
          "[{\"details\":\"transact parameters must be an array: a "
          "database name followed by operations\",\"error\":\"syntax "
          "error\",\"syntax\":\"{}\"}]");
    check(db, TT "5]",
          "[{\"details\":\"ovsdb operation 1 of 1 is not a JSON object\","
          "\"error\":\"syntax error\",\"syntax\":\"5\"}]");
    check(db, "[\"TxnTest\"]", "[]");

    /* Members that an operation does not have are errors. */
    result = transact(db, TT "{\"op\":\"delete\",\"table\":\"Root\","
                      "\"where\":[],\"extra\":1}]");
    assert_non_null(strstr(result, "\"extra\\\" is not allowed here"));
    free(result);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_vswitch_named_uuid,
                                        setup_vswitch, teardown),
        cmocka_unit_test_setup_teardown(test_vswitch_integrity,
                                        setup_vswitch, teardown),
        cmocka_unit_test_setup_teardown(test_vswitch_del_br,
                                        setup_vswitch, teardown),
        cmocka_unit_test_setup_teardown(test_vswitch_operations,
                                        setup_vswitch, teardown),
        cmocka_unit_test_setup_teardown(test_vswitch_explicit_uuid,
                                        setup_vswitch, teardown),
        cmocka_unit_test_setup_teardown(
            test_insert_select_update_mutate_delete, setup_test, teardown),
        cmocka_unit_test_setup_teardown(test_gc_and_weak_refs,
                                        setup_test, teardown),
        cmocka_unit_test_setup_teardown(test_immutable_and_limits,
                                        setup_test, teardown),
        cmocka_unit_test_setup_teardown(test_index_modified_rows,
                                        setup_test, teardown),
        cmocka_unit_test_setup_teardown(test_error_in_middle,
                                        setup_test, teardown),
        cmocka_unit_test_setup_teardown(test_wait, setup_test, teardown),
        cmocka_unit_test_setup_teardown(test_observer_and_misc_ops,
                                        setup_test, teardown),
        cmocka_unit_test_setup_teardown(test_bad_params, setup_test,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
