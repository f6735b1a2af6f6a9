/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* libFuzzer target for the "transact" engine: ovsdb_execute() on an
 * in-memory database of the Open_vSwitch schema (vswitchd/vswitch.ovsschema).
 *
 * The input is the JSON text of a "transact" request's params: the
 * database name followed by operations.  For each input a fresh database is
 * made and filled by a fixed transaction with rows of known UUIDs (see
 * BASE_TXN), so that inputs can name them; the input is then executed
 * twice, the second time against what the first left behind (duplicate
 * inserts, a mutate of a mutated row, ...).  A "wait" that would block is
 * run again at its deadline, when it must complete.
 *
 * After every call the target checks the result's shape (one element per
 * operation, nothing after the first error, a commit error only as an
 * extra element) and the committed database: no transaction left open,
 * every datum within its type's size and constraints and sorted, every
 * strong reference resolving and counted in the target's 'n_refs', no
 * dangling weak reference, no unreferenced row outside the root set,
 * "maxRows" and "indexes" respected.  Any violation aborts.
 *
 * The schema is read once, from the file named by $OVSDB_FUZZ_SCHEMA or
 * else from the source tree (FUZZ_SCHEMA_FILE, set by the build). */

#include <config.h>

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "ovsdb/execution.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb-schema.h"
#include "ovsdb/ovsdb.h"
#include "ovsdb/row.h"
#include "hmap.h"
#include "util.h"
#include "uuid.h"

#ifndef FUZZ_SCHEMA_FILE
#define FUZZ_SCHEMA_FILE "vswitchd/vswitch.ovsschema"
#endif

/* Operations the engine runs for one input are bounded by the input's
 * size, but a large JSON nesting is not interesting here. */
#define FUZZ_MAX_INPUT 65536

/* Rows every input starts from.  Their UUIDs are fixed so that the corpus
 * can refer to them:
 *   ...0001 Open_vSwitch, ...0002 Bridge br0, ...0003 Port br0,
 *   ...0004 Interface br0, ...0005 Port p1, ...0006 Interface p1. */
#define FUZZ_UUID(N) "00000000-0000-0000-0000-00000000000" #N
static const char BASE_TXN[] =
    "[\"Open_vSwitch\","
    " {\"op\": \"insert\", \"table\": \"Open_vSwitch\", \"uuid-name\": \"o\","
    "  \"uuid\": \"" FUZZ_UUID(1) "\","
    "  \"row\": {\"bridges\": [\"named-uuid\", \"b\"],"
    "           \"other_config\": [\"map\", [[\"hw-offload\", \"true\"]]]}},"
    " {\"op\": \"insert\", \"table\": \"Bridge\", \"uuid-name\": \"b\","
    "  \"uuid\": \"" FUZZ_UUID(2) "\","
    "  \"row\": {\"name\": \"br0\", \"ports\": [\"set\","
    "           [[\"named-uuid\", \"pb\"], [\"named-uuid\", \"pp\"]]]}},"
    " {\"op\": \"insert\", \"table\": \"Port\", \"uuid-name\": \"pb\","
    "  \"uuid\": \"" FUZZ_UUID(3) "\","
    "  \"row\": {\"name\": \"br0\","
    "           \"interfaces\": [\"named-uuid\", \"ib\"]}},"
    " {\"op\": \"insert\", \"table\": \"Interface\", \"uuid-name\": \"ib\","
    "  \"uuid\": \"" FUZZ_UUID(4) "\","
    "  \"row\": {\"name\": \"br0\", \"type\": \"internal\"}},"
    " {\"op\": \"insert\", \"table\": \"Port\", \"uuid-name\": \"pp\","
    "  \"uuid\": \"" FUZZ_UUID(5) "\","
    "  \"row\": {\"name\": \"p1\", \"interfaces\": [\"named-uuid\", \"ip\"]}},"
    " {\"op\": \"insert\", \"table\": \"Interface\", \"uuid-name\": \"ip\","
    "  \"uuid\": \"" FUZZ_UUID(6) "\","
    "  \"row\": {\"name\": \"p1\", \"type\": \"vxlan\","
    "           \"options\": [\"map\", [[\"remote_ip\", \"10.0.0.2\"]]]}}]";

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ovsdb_schema *schema;

#define CHECK(COND)                                                     \
    do {                                                                \
        if (!(COND)) {                                                  \
            fprintf(stderr, "%s:%d: invariant failed: %s\n",            \
                    __FILE__, __LINE__, #COND);                         \
            abort();                                                    \
        }                                                               \
    } while (0)

static void
check_no_error(struct ovsdb_error *error)
{
    if (error) {
        fprintf(stderr, "invariant failed: %s: %s\n",
                ovsdb_error_get_tag(error),
                ovsdb_error_get_details(error)
                ? ovsdb_error_get_details(error) : "");
        abort();
    }
}

int
LLVMFuzzerInitialize(int *argc OVS_UNUSED, char ***argv OVS_UNUSED)
{
    const char *file = getenv("OVSDB_FUZZ_SCHEMA");
    json_error_t jerror;
    json_t *json;

    if (!file) {
        file = FUZZ_SCHEMA_FILE;
    }
    json = json_load_file(file, 0, &jerror);
    if (!json) {
        fprintf(stderr, "%s: %s\n", file, jerror.text);
        exit(1);
    }
    check_no_error(ovsdb_schema_from_json(json, &schema));
    json_decref(json);
    return 0;
}

static bool
fuzz_lock_held(void *aux OVS_UNUSED, const char *name)
{
    return !strcmp(name, "held");
}

/* Checks the shape of the result array of 'params'. */
static void
check_result(const json_t *params, const json_t *result)
{
    size_t n_ops, n, i;
    bool failed = false;

    CHECK(json_is_array(result));
    n = json_array_size(result);
    if (!json_is_array(params)) {
        CHECK(n == 1);
        return;
    }
    n_ops = json_array_size(params) ? json_array_size(params) - 1 : 0;
    CHECK(n == n_ops || n == n_ops + 1 || (n_ops == 0 && n == 1));

    for (i = 0; i < n; i++) {
        const json_t *elem = json_array_get(result, i);

        if (failed) {
            /* After the first error, only nulls. */
            CHECK(json_is_null(elem));
            continue;
        }
        CHECK(json_is_object(elem));
        if (json_is_object(elem) && json_object_get(elem, "error")) {
            CHECK(json_is_string(json_object_get(elem, "error")));
            failed = true;
        }
    }
    if (n == n_ops + 1 && n_ops) {
        /* An extra element is the commit's error, which means that every
         * operation succeeded. */
        const json_t *last = json_array_get(result, n - 1);

        CHECK(json_is_object(last) && json_object_get(last, "error"));
        for (i = 0; i + 1 < n; i++) {
            CHECK(!json_object_get(json_array_get(result, i), "error"));
        }
    }
}

/* Strong references counted by target table and UUID (an input may give
 * rows of two tables the same explicit UUID). */
struct ref_count {
    struct hmap_node node;
    const struct ovsdb_table_schema *table;
    struct uuid uuid;
    size_t n;
};

static struct ref_count *
ref_count_find(const struct hmap *refs,
               const struct ovsdb_table_schema *table,
               const struct uuid *uuid)
{
    struct ref_count *rc;

    HMAP_FOR_EACH_WITH_HASH (rc, node, uuid_hash(uuid), refs) {
        if (rc->table == table && uuid_equals(&rc->uuid, uuid)) {
            return rc;
        }
    }
    return NULL;
}

static void
ref_count_add(struct hmap *refs, const struct ovsdb_table_schema *table,
              const struct uuid *uuid)
{
    struct ref_count *rc = ref_count_find(refs, table, uuid);

    if (!rc) {
        rc = xzalloc(sizeof *rc);
        rc->table = table;
        rc->uuid = *uuid;
        hmap_insert(refs, &rc->node, uuid_hash(uuid));
    }
    rc->n++;
}

/* Checks that each of the 'n' UUIDs in 'atoms', of type 'base', names a
 * row of the referenced table (weak references that dangle must have been
 * removed by the commit, strong ones cannot dangle), and counts the strong
 * ones in 'refs'. */
static void
check_refs(const struct ovsdb *db, const union ovsdb_atom *atoms, size_t n,
           const struct ovsdb_base_type *base, struct hmap *refs)
{
    const struct ovsdb_table *target;
    size_t i;

    if (!ovsdb_base_type_is_ref(base)) {
        return;
    }
    target = ovsdb_table_from_schema(db, base->u.uuid.ref_table);
    for (i = 0; i < n; i++) {
        CHECK(ovsdb_table_find_row(target, &atoms[i].uuid));
        if (ovsdb_base_type_is_strong_ref(base)) {
            ref_count_add(refs, base->u.uuid.ref_table, &atoms[i].uuid);
        }
    }
}

static void
check_datum(const struct ovsdb *db, const struct ovsdb_datum *d,
            const struct ovsdb_type *type, struct hmap *refs)
{
    size_t i;

    check_no_error(ovsdb_datum_check_size(d, type));
    check_no_error(ovsdb_datum_check_constraints(d, type));
    for (i = 1; i < d->n; i++) {
        CHECK(ovsdb_atom_compare_3way(&d->keys[i - 1], &d->keys[i],
                                      type->key.type) < 0);
    }
    check_refs(db, d->keys, d->n, &type->key, refs);
    if (type->value.type != OVSDB_TYPE_VOID) {
        check_refs(db, d->values, d->n, &type->value, refs);
    }
}

/* Above this many rows, the pairwise index check is skipped. */
#define FUZZ_MAX_PAIRWISE 1000

static void
check_indexes(const struct ovsdb_table *table)
{
    const struct ovsdb_table_schema *ts = table->schema;
    size_t i;

    if (ovsdb_table_n_rows(table) > FUZZ_MAX_PAIRWISE) {
        return;
    }
    for (i = 0; i < ts->n_indexes; i++) {
        const struct ovsdb_row *a, *b;

        HMAP_FOR_EACH (a, hmap_node, &table->rows) {
            HMAP_FOR_EACH (b, hmap_node, &table->rows) {
                if (a != b) {
                    CHECK(!ovsdb_row_equal_columns(a, b, &ts->indexes[i]));
                }
            }
        }
    }
}

static void
check_database(const struct ovsdb *db)
{
    struct hmap refs = HMAP_INITIALIZER;
    struct ref_count *rc;
    size_t t;

    CHECK(!db->txn);

    /* Every datum, counting the strong references on the way. */
    for (t = 0; t < db->schema->n_tables; t++) {
        const struct ovsdb_table *table = &db->tables[t];
        const struct ovsdb_table_schema *ts = table->schema;
        const struct ovsdb_row *row;

        CHECK(ts->max_rows == OVSDB_UNLIMITED
              || ovsdb_table_n_rows(table) <= ts->max_rows);
        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            size_t c;

            CHECK(row->table == ts);
            CHECK(!row->txn_row);
            CHECK(ovsdb_table_find_row(table, ovsdb_row_get_uuid(row))
                  == row);
            for (c = OVSDB_N_RESERVED_COLUMNS; c < ts->n_columns; c++) {
                check_datum(db, &row->fields[c], &ts->columns[c]->type,
                            &refs);
            }
        }
        check_indexes(table);
    }

    /* Reference counts, and garbage collection outside the root set. */
    for (t = 0; t < db->schema->n_tables; t++) {
        const struct ovsdb_table *table = &db->tables[t];
        const struct ovsdb_row *row;

        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            rc = ref_count_find(&refs, table->schema,
                                ovsdb_row_get_uuid(row));
            CHECK(row->n_refs == (rc ? rc->n : 0));
            CHECK(table->schema->is_root || row->n_refs > 0);
        }
    }
    HMAP_FOR_EACH_POP (rc, node, &refs) {
        free(rc);
    }
    hmap_destroy(&refs);
}

/* Runs 'params' on 'db' and checks what comes out. */
static void
run_txn(struct ovsdb *db, const json_t *params)
{
    struct ovsdb_execute_options options = {
        .lock_held = fuzz_lock_held,
        .start_msec = 1000,
        .now_msec = 1000,
    };
    enum ovsdb_execute_status status;
    long long int deadline;
    json_t *result;

    status = ovsdb_execute(db, params, &options, &result, &deadline);
    if (status == OVSDB_EXECUTE_WOULD_BLOCK) {
        CHECK(!result);
        CHECK(deadline > options.now_msec);
        check_database(db);
        if (deadline == LLONG_MAX) {
            return;
        }
        /* At the deadline the wait must time out. */
        options.now_msec = deadline;
        status = ovsdb_execute(db, params, &options, &result, &deadline);
        CHECK(status == OVSDB_EXECUTE_DONE);
    }
    CHECK(status == OVSDB_EXECUTE_DONE);
    check_result(params, result);
    json_decref(result);
    check_database(db);
}

static struct ovsdb *
make_database(void)
{
    enum ovsdb_execute_status status;
    struct ovsdb *db;
    json_t *params, *result;
    size_t i;

    db = ovsdb_create(ovsdb_schema_clone(schema));
    params = json_loads(BASE_TXN, 0, NULL);
    CHECK(params);
    status = ovsdb_execute(db, params, NULL, &result, NULL);
    CHECK(status == OVSDB_EXECUTE_DONE);
    CHECK(json_array_size(result) == json_array_size(params) - 1);
    for (i = 0; i < json_array_size(result); i++) {
        CHECK(!json_object_get(json_array_get(result, i), "error"));
    }
    json_decref(result);
    json_decref(params);
    return db;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ovsdb *db;
    json_t *params;

    if (size > FUZZ_MAX_INPUT) {
        return 0;
    }
    params = json_loadb((const char *) data, size, JSON_DECODE_ANY, NULL);
    if (!params) {
        return 0;
    }

    db = make_database();
    run_txn(db, params);
    run_txn(db, params);
    ovsdb_destroy(db);
    json_decref(params);
    return 0;
}
