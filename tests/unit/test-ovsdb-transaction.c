/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for ovsdb/transaction and ovsdb/ovsdb through their C API:
 * the transaction's view of rows, commit and abort, "_version", reference
 * counts, referential integrity, garbage collection and weak references.
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include "ovsdb-test-util.h"
#include "ovsdb/ovsdb.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb-schema.h"
#include "ovsdb/row.h"
#include "ovsdb/transaction.h"
#include "util.h"

static const char schema_text[] =
    "{\"name\": \"T\", \"version\": \"1.0.0\", \"tables\": {"
    " \"P\": {\"isRoot\": true, \"columns\": {"
    "  \"name\": {\"type\": \"string\"},"
    "  \"kids\": {\"type\": {\"key\": {\"type\": \"uuid\","
    "                               \"refTable\": \"K\"},"
    "                       \"min\": 0, \"max\": \"unlimited\"}},"
    "  \"weak\": {\"type\": {\"key\": {\"type\": \"uuid\","
    "                               \"refTable\": \"K\","
    "                               \"refType\": \"weak\"},"
    "                       \"min\": 0, \"max\": \"unlimited\"}}}},"
    " \"K\": {\"columns\": {"
    "  \"name\": {\"type\": \"string\"}}}}}";

struct fixture {
    struct ovsdb *db;
    struct ovsdb_table *p;
    struct ovsdb_table *k;
    const struct ovsdb_column *p_kids;
    const struct ovsdb_column *p_weak;
};

static int
setup(void **state)
{
    struct fixture *f = xzalloc(sizeof *f);

    f->db = ovsdb_create(ovsdb_test_parse_schema(schema_text));
    f->p = ovsdb_get_table(f->db, "P");
    f->k = ovsdb_get_table(f->db, "K");
    assert_non_null(f->p);
    assert_non_null(f->k);
    assert_null(ovsdb_get_table(f->db, "Q"));
    f->p_kids = ovsdb_table_schema_get_column(f->p->schema, "kids");
    f->p_weak = ovsdb_table_schema_get_column(f->p->schema, "weak");
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;

    ovsdb_destroy(f->db);
    free(f);
    return 0;
}

/* Inserts a new row into 'table' through 'txn' and returns its UUID. */
static struct uuid
insert(struct ovsdb_txn *txn, struct ovsdb_table *table)
{
    struct ovsdb_row *row = ovsdb_row_create(table->schema);
    struct uuid uuid;

    uuid_new_random(&uuid);
    ovsdb_row_set_uuid(row, &uuid);
    assert_false(ovsdb_txn_uuid_is_used(txn, table, &uuid));
    ovsdb_txn_insert(txn, table, row);
    assert_true(ovsdb_txn_uuid_is_used(txn, table, &uuid));
    return uuid;
}

/* Replaces the value of 'column' in row 'uuid' of 'table' by the set of
 * the 'n' UUIDs at 'uuids'. */
static void
set_refs(struct ovsdb_txn *txn, struct ovsdb_table *table,
         const struct uuid *uuid, const struct ovsdb_column *column,
         const struct uuid *uuids, size_t n)
{
    const struct ovsdb_row *row = ovsdb_txn_find_row(txn, table, uuid);
    struct ovsdb_row *new;
    struct ovsdb_datum *field;

    assert_non_null(row);
    new = ovsdb_row_clone(row);
    field = &new->fields[column->index];
    ovsdb_datum_destroy(field, &column->type);
    for (size_t i = 0; i < n; i++) {
        union ovsdb_atom atom = { .uuid = uuids[i] };

        ovsdb_datum_push(field, &atom, NULL, &column->type);
    }
    ovsdb_datum_sort_unique(field, &column->type);
    ovsdb_txn_replace(txn, table, row, new);
}

static void
test_view_commit_abort(void **state)
{
    struct fixture *f = *state;
    const struct ovsdb_row **rows;
    struct ovsdb_txn *txn;
    struct uuid p1, k1;
    struct uuid version;

    txn = ovsdb_txn_create(f->db);
    assert_ptr_equal(ovsdb_txn_get_db(txn), f->db);
    p1 = insert(txn, f->p);
    k1 = insert(txn, f->k);
    set_refs(txn, f->p, &p1, f->p_kids, &k1, 1);
    assert_int_equal(ovsdb_txn_get_rows(txn, f->k, &rows), 1);
    free(rows);
    assert_int_equal(ovsdb_table_n_rows(f->k), 0);
    assert_null(ovsdb_txn_commit(txn));

    assert_int_equal(ovsdb_table_n_rows(f->p), 1);
    assert_int_equal(ovsdb_table_find_row(f->k, &k1)->n_refs, 1);
    assert_int_equal(ovsdb_table_find_row(f->p, &p1)->n_refs, 0);
    version = *ovsdb_row_get_version(ovsdb_table_find_row(f->p, &p1));
    assert_false(uuid_is_zero(&version));

    /* Aborting a deletion leaves everything as it was. */
    txn = ovsdb_txn_create(f->db);
    ovsdb_txn_delete(txn, f->p, ovsdb_txn_find_row(txn, f->p, &p1));
    assert_null(ovsdb_txn_find_row(txn, f->p, &p1));
    assert_true(ovsdb_txn_uuid_is_used(txn, f->p, &p1));
    assert_int_equal(ovsdb_txn_get_rows(txn, f->p, &rows), 0);
    free(rows);
    ovsdb_txn_abort(txn);
    assert_non_null(ovsdb_table_find_row(f->p, &p1));
    assert_null(ovsdb_table_find_row(f->p, &p1)->txn_row);

    /* A replacement that changes nothing keeps "_version"; a real change
     * gets a new one. */
    txn = ovsdb_txn_create(f->db);
    set_refs(txn, f->p, &p1, f->p_kids, &k1, 1);
    assert_null(ovsdb_txn_commit(txn));
    assert_true(uuid_equals(&version, ovsdb_row_get_version(
                                ovsdb_table_find_row(f->p, &p1))));
    txn = ovsdb_txn_create(f->db);
    set_refs(txn, f->p, &p1, f->p_weak, &k1, 1);
    assert_null(ovsdb_txn_commit(txn));
    assert_false(uuid_equals(&version, ovsdb_row_get_version(
                                 ovsdb_table_find_row(f->p, &p1))));
    ovsdb_txn_abort(NULL);
}

static void
test_refs_and_gc(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_txn *txn;
    struct ovsdb_error *error;
    struct uuid p1, p2, k[2];

    txn = ovsdb_txn_create(f->db);
    p1 = insert(txn, f->p);
    p2 = insert(txn, f->p);
    k[0] = insert(txn, f->k);
    k[1] = insert(txn, f->k);
    set_refs(txn, f->p, &p1, f->p_kids, k, 2);
    set_refs(txn, f->p, &p2, f->p_kids, k, 1);
    set_refs(txn, f->p, &p2, f->p_weak, k, 2);
    assert_null(ovsdb_txn_commit(txn));
    assert_int_equal(ovsdb_table_find_row(f->k, &k[0])->n_refs, 2);
    assert_int_equal(ovsdb_table_find_row(f->k, &k[1])->n_refs, 1);

    /* k[0] is still referred to. */
    txn = ovsdb_txn_create(f->db);
    ovsdb_txn_delete(txn, f->k, ovsdb_txn_find_row(txn, f->k, &k[0]));
    error = ovsdb_txn_commit(txn);
    assert_string_equal(ovsdb_error_get_tag(error),
                        "referential integrity violation");
    ovsdb_error_destroy(error);
    assert_int_equal(ovsdb_table_n_rows(f->k), 2);

    /* Dropping p1's references leaves k[1] unreferenced: it is collected
     * and p2's weak reference to it goes. */
    txn = ovsdb_txn_create(f->db);
    set_refs(txn, f->p, &p1, f->p_kids, NULL, 0);
    assert_null(ovsdb_txn_commit(txn));
    assert_int_equal(ovsdb_table_n_rows(f->k), 1);
    assert_int_equal(ovsdb_table_find_row(f->k, &k[0])->n_refs, 1);
    assert_int_equal(
        ovsdb_table_find_row(f->p, &p2)->fields[f->p_weak->index].n, 1);

    /* Deleting p2 collects k[0]. */
    txn = ovsdb_txn_create(f->db);
    ovsdb_txn_delete(txn, f->p, ovsdb_txn_find_row(txn, f->p, &p2));
    assert_null(ovsdb_txn_commit(txn));
    assert_int_equal(ovsdb_table_n_rows(f->k), 0);
    assert_int_equal(ovsdb_table_n_rows(f->p), 1);
}

static void
test_comment_durable(void **state)
{
    struct fixture *f = *state;
    struct ovsdb_txn *txn = ovsdb_txn_create(f->db);

    assert_null(ovsdb_txn_get_comment(txn));
    assert_false(ovsdb_txn_is_durable(txn));
    ovsdb_txn_add_comment(txn, "one");
    ovsdb_txn_add_comment(txn, "two");
    ovsdb_txn_set_durable(txn);
    assert_string_equal(ovsdb_txn_get_comment(txn), "one\ntwo");
    assert_true(ovsdb_txn_is_durable(txn));
    assert_null(ovsdb_txn_commit(txn));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_view_commit_abort, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_refs_and_gc, setup, teardown),
        cmocka_unit_test_setup_teardown(test_comment_durable, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
