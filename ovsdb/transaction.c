/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "transaction.h"

#include <limits.h>
#include "dynamic-string.h"
#include "hash.h"
#include "hmap.h"
#include "list.h"
#include "ovsdb.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-schema.h"
#include "row.h"
#include "util.h"
#include "uuid.h"

/* What a transaction did to one row. */
struct ovsdb_txn_row {
    struct hmap_node hmap_node;     /* In struct ovsdb_txn 'txn_rows'. */
    struct ovs_list list_node;      /* In struct ovsdb_txn 'txn_row_list'. */
    struct ovsdb_table *table;
    struct uuid uuid;
    struct ovsdb_row *old;          /* Committed row or NULL; not owned. */
    struct ovsdb_row *new;          /* NULL if deleted; owned. */
};

/* Change, during the commit, in the number of strong references to the row
 * 'uuid' of 'table'. */
struct txn_ref {
    struct hmap_node hmap_node;     /* In struct ovsdb_txn 'refs'. */
    const struct ovsdb_table_schema *table;
    struct uuid uuid;
    long long int delta;
};

struct ovsdb_txn {
    struct ovsdb *db;
    struct hmap txn_rows;           /* struct ovsdb_txn_row by UUID hash. */
    struct ovs_list txn_row_list;   /* The same, in order of first change. */
    struct ds comment;
    bool durable;
    struct hmap refs;               /* struct txn_ref, during the commit. */
};

struct ovsdb_txn *
ovsdb_txn_create(struct ovsdb *db)
{
    struct ovsdb_txn *txn = xzalloc(sizeof *txn);

    if (db->txn) {
        OVS_NOT_REACHED();
    }
    txn->db = db;
    hmap_init(&txn->txn_rows);
    ovs_list_init(&txn->txn_row_list);
    ds_init(&txn->comment);
    hmap_init(&txn->refs);
    db->txn = txn;
    return txn;
}

static void
txn_destroy__(struct ovsdb_txn *txn)
{
    struct txn_ref *ref, *next_ref;
    struct ovsdb_txn_row *txn_row;

    LIST_FOR_EACH_POP (txn_row, list_node, &txn->txn_row_list) {
        if (txn_row->old) {
            txn_row->old->txn_row = NULL;
        }
        ovsdb_row_destroy(txn_row->new);
        free(txn_row);
    }
    hmap_destroy(&txn->txn_rows);
    /* Not HMAP_FOR_EACH_POP: each pop would rescan the emptied buckets. */
    HMAP_FOR_EACH_SAFE (ref, next_ref, hmap_node, &txn->refs) {
        free(ref);
    }
    hmap_destroy(&txn->refs);
    ds_destroy(&txn->comment);
    txn->db->txn = NULL;
    free(txn);
}

void
ovsdb_txn_abort(struct ovsdb_txn *txn)
{
    if (txn) {
        txn_destroy__(txn);
    }
}

struct ovsdb *
ovsdb_txn_get_db(const struct ovsdb_txn *txn)
{
    return txn->db;
}

static struct ovsdb_txn_row *
txn_find_txn_row(const struct ovsdb_txn *txn, const struct ovsdb_table *table,
                 const struct uuid *uuid)
{
    struct ovsdb_txn_row *txn_row;

    HMAP_FOR_EACH_WITH_HASH (txn_row, hmap_node, uuid_hash(uuid),
                             &txn->txn_rows) {
        if (txn_row->table == table && uuid_equals(&txn_row->uuid, uuid)) {
            return txn_row;
        }
    }
    return NULL;
}

static struct ovsdb_txn_row *
txn_add_txn_row(struct ovsdb_txn *txn, struct ovsdb_table *table,
                const struct uuid *uuid, struct ovsdb_row *old)
{
    struct ovsdb_txn_row *txn_row = xzalloc(sizeof *txn_row);

    txn_row->table = table;
    txn_row->uuid = *uuid;
    txn_row->old = old;
    if (old) {
        old->txn_row = txn_row;
    }
    hmap_insert(&txn->txn_rows, &txn_row->hmap_node, uuid_hash(uuid));
    ovs_list_push_back(&txn->txn_row_list, &txn_row->list_node);
    return txn_row;
}

const struct ovsdb_row *
ovsdb_txn_find_row(const struct ovsdb_txn *txn,
                   const struct ovsdb_table *table, const struct uuid *uuid)
{
    const struct ovsdb_txn_row *txn_row;

    txn_row = txn_find_txn_row(txn, table, uuid);
    return txn_row ? txn_row->new : ovsdb_table_find_row(table, uuid);
}

size_t
ovsdb_txn_get_rows(const struct ovsdb_txn *txn,
                   const struct ovsdb_table *table,
                   const struct ovsdb_row ***rowsp)
{
    const struct ovsdb_row **rows;
    struct ovsdb_txn_row *txn_row;
    struct ovsdb_row *row;
    size_t n = 0, allocated;

    allocated = hmap_count(&table->rows) + 1;
    rows = xmalloc(allocated * sizeof *rows);
    HMAP_FOR_EACH (row, hmap_node, &table->rows) {
        if (!row->txn_row) {
            rows[n++] = row;
        } else if (row->txn_row->new) {
            rows[n++] = row->txn_row->new;
        }
    }
    LIST_FOR_EACH (txn_row, list_node, &txn->txn_row_list) {
        if (txn_row->table == table && !txn_row->old && txn_row->new) {
            if (n >= allocated) {
                allocated *= 2;
                rows = xrealloc(rows, allocated * sizeof *rows);
            }
            rows[n++] = txn_row->new;
        }
    }
    *rowsp = rows;
    return n;
}

bool
ovsdb_txn_uuid_is_used(const struct ovsdb_txn *txn,
                       const struct ovsdb_table *table,
                       const struct uuid *uuid)
{
    return (txn_find_txn_row(txn, table, uuid)
            || ovsdb_table_find_row(table, uuid));
}

void
ovsdb_txn_insert(struct ovsdb_txn *txn, struct ovsdb_table *table,
                 struct ovsdb_row *row)
{
    struct ovsdb_txn_row *txn_row;
    struct uuid version;

    uuid_new_random(&version);
    ovsdb_row_set_version(row, &version);
    txn_row = txn_add_txn_row(txn, table, ovsdb_row_get_uuid(row), NULL);
    txn_row->new = row;
}

/* Returns the record of 'row', a row as 'txn' sees it, creating one (with
 * 'new' still NULL) for a committed row that 'txn' has not touched. */
static struct ovsdb_txn_row *
txn_get_txn_row(struct ovsdb_txn *txn, struct ovsdb_table *table,
                const struct ovsdb_row *row)
{
    const struct uuid *uuid = ovsdb_row_get_uuid(row);
    struct ovsdb_txn_row *txn_row = txn_find_txn_row(txn, table, uuid);

    if (!txn_row) {
        txn_row = txn_add_txn_row(txn, table, uuid,
                                  ovsdb_table_find_row(table, uuid));
    }
    return txn_row;
}

void
ovsdb_txn_replace(struct ovsdb_txn *txn, struct ovsdb_table *table,
                  const struct ovsdb_row *row, struct ovsdb_row *new)
{
    struct ovsdb_txn_row *txn_row = txn_get_txn_row(txn, table, row);

    if (txn_row->new) {
        ovsdb_row_set_version(new, ovsdb_row_get_version(txn_row->new));
        ovsdb_row_destroy(txn_row->new);
    } else {
        struct uuid version;

        uuid_new_random(&version);
        ovsdb_row_set_version(new, &version);
    }
    new->n_refs = 0;
    new->txn_row = NULL;
    txn_row->new = new;
}

void
ovsdb_txn_delete(struct ovsdb_txn *txn, struct ovsdb_table *table,
                 const struct ovsdb_row *row)
{
    struct ovsdb_txn_row *txn_row = txn_get_txn_row(txn, table, row);

    ovsdb_row_destroy(txn_row->new);
    txn_row->new = NULL;
}

void
ovsdb_txn_add_comment(struct ovsdb_txn *txn, const char *comment)
{
    if (txn->comment.length) {
        ds_put_char(&txn->comment, '\n');
    }
    ds_put_cstr(&txn->comment, comment);
}

const char *
ovsdb_txn_get_comment(const struct ovsdb_txn *txn)
{
    return txn->comment.length ? ds_cstr_ro(&txn->comment) : NULL;
}

void
ovsdb_txn_set_durable(struct ovsdb_txn *txn)
{
    txn->durable = true;
}

bool
ovsdb_txn_is_durable(const struct ovsdb_txn *txn)
{
    return txn->durable;
}

void
ovsdb_txn_for_each_change(
    const struct ovsdb_txn *txn,
    void (*cb)(const struct ovsdb_table *table, const struct ovsdb_row *old,
               const struct ovsdb_row *new, void *aux),
    void *aux)
{
    const struct ovsdb_txn_row *txn_row;

    LIST_FOR_EACH (txn_row, list_node, &txn->txn_row_list) {
        cb(txn_row->table, txn_row->old, txn_row->new, aux);
    }
}

/* Reference counting during the commit. */

static struct txn_ref *
txn_ref_find(const struct ovsdb_txn *txn,
             const struct ovsdb_table_schema *table, const struct uuid *uuid)
{
    struct txn_ref *ref;

    HMAP_FOR_EACH_WITH_HASH (ref, hmap_node, uuid_hash(uuid), &txn->refs) {
        if (ref->table == table && uuid_equals(&ref->uuid, uuid)) {
            return ref;
        }
    }
    return NULL;
}

static void
txn_ref_add(struct ovsdb_txn *txn, const struct ovsdb_table_schema *table,
            const struct uuid *uuid, int delta)
{
    struct txn_ref *ref = txn_ref_find(txn, table, uuid);

    if (!ref) {
        ref = xzalloc(sizeof *ref);
        ref->table = table;
        ref->uuid = *uuid;
        hmap_insert(&txn->refs, &ref->hmap_node, uuid_hash(uuid));
    }
    ref->delta += delta;
}

static void
txn_count_atoms(struct ovsdb_txn *txn, const struct ovsdb_base_type *base,
                const union ovsdb_atom *atoms, size_t n, int delta)
{
    if (!atoms || !ovsdb_base_type_is_strong_ref(base)) {
        return;
    }
    for (size_t i = 0; i < n; i++) {
        txn_ref_add(txn, base->u.uuid.ref_table, &atoms[i].uuid, delta);
    }
}

/* Adds 'delta' to the count of every strong reference that 'row' makes. */
static void
txn_count_refs(struct ovsdb_txn *txn, const struct ovsdb_row *row, int delta)
{
    const struct ovsdb_table_schema *table = row->table;

    for (size_t i = OVSDB_N_RESERVED_COLUMNS; i < table->n_columns; i++) {
        const struct ovsdb_type *type = &table->columns[i]->type;
        const struct ovsdb_datum *datum = &row->fields[i];

        txn_count_atoms(txn, &type->key, datum->keys, datum->n, delta);
        txn_count_atoms(txn, &type->value, datum->values, datum->n, delta);
    }
}

/* Counts the change in strong references from 'old' to 'new', two
 * versions of the same row.  Sets of references are compared by a merge of
 * their sorted keys, so that adding one element to a large set costs no
 * more than a pass over it. */
static void
txn_count_ref_changes(struct ovsdb_txn *txn, const struct ovsdb_row *old,
                      const struct ovsdb_row *new)
{
    const struct ovsdb_table_schema *table = old->table;

    for (size_t i = OVSDB_N_RESERVED_COLUMNS; i < table->n_columns; i++) {
        const struct ovsdb_type *type = &table->columns[i]->type;
        const struct ovsdb_datum *a = &old->fields[i];
        const struct ovsdb_datum *b = &new->fields[i];
        const struct ovsdb_base_type *key = &type->key;
        size_t ia = 0, ib = 0;

        txn_count_atoms(txn, &type->value, a->values, a->n, -1);
        txn_count_atoms(txn, &type->value, b->values, b->n, 1);
        if (!ovsdb_base_type_is_strong_ref(key)) {
            continue;
        }
        while (ia < a->n || ib < b->n) {
            int cmp = (ia >= a->n ? 1 : ib >= b->n ? -1
                       : ovsdb_atom_compare_3way(&a->keys[ia], &b->keys[ib],
                                                 OVSDB_TYPE_UUID));

            if (cmp < 0) {
                txn_ref_add(txn, key->u.uuid.ref_table, &a->keys[ia++].uuid,
                            -1);
            } else if (cmp > 0) {
                txn_ref_add(txn, key->u.uuid.ref_table, &b->keys[ib++].uuid,
                            1);
            } else {
                ia++;
                ib++;
            }
        }
    }
}

/* Returns the number of strong references that the row 'uuid' of 'table',
 * whose committed version is 'old' (NULL if none), has after 'txn'. */
static long long int
txn_post_refs(const struct ovsdb_txn *txn, const struct ovsdb_table *table,
              const struct uuid *uuid, const struct ovsdb_row *old)
{
    const struct txn_ref *ref = txn_ref_find(txn, table->schema, uuid);

    return (old ? (long long int) old->n_refs : 0) + (ref ? ref->delta : 0);
}

/* Returns true if the row 'uuid' of 'table' exists after 'txn'. */
static bool
txn_row_exists(const struct ovsdb_txn *txn,
               const struct ovsdb_table_schema *table,
               const struct uuid *uuid)
{
    return ovsdb_txn_find_row(txn, ovsdb_table_from_schema(txn->db, table),
                              uuid) != NULL;
}

/* Garbage collection. */

/* Deletes the row that 'txn_row' describes, during the commit. */
static void
txn_gc_delete(struct ovsdb_txn *txn, struct ovsdb_txn_row *txn_row)
{
    txn_count_refs(txn, txn_row->new, -1);
    ovsdb_row_destroy(txn_row->new);
    txn_row->new = NULL;
}

/* Deletes the committed rows outside the root set whose last strong
 * reference 'txn' removes.  Returns true if it deleted any. */
static bool
txn_gc_committed(struct ovsdb_txn *txn)
{
    struct ovsdb_row **victims = NULL;
    size_t n_victims = 0;
    struct txn_ref *ref;

    HMAP_FOR_EACH (ref, hmap_node, &txn->refs) {
        struct ovsdb_table *table;
        struct ovsdb_row *row;

        if (ref->delta >= 0 || ref->table->is_root) {
            continue;
        }
        table = ovsdb_table_from_schema(txn->db, ref->table);
        row = ovsdb_table_find_row(table, &ref->uuid);
        if (row && !row->txn_row
            && (long long int) row->n_refs + ref->delta <= 0) {
            victims = xrealloc(victims, (n_victims + 1) * sizeof *victims);
            victims[n_victims++] = row;
        }
    }
    for (size_t i = 0; i < n_victims; i++) {
        struct ovsdb_row *row = victims[i];
        struct ovsdb_table *table;

        table = ovsdb_table_from_schema(txn->db, row->table);
        txn_add_txn_row(txn, table, ovsdb_row_get_uuid(row), row);
        txn_count_refs(txn, row, -1);
    }
    free(victims);
    return n_victims > 0;
}

static void
txn_collect_garbage(struct ovsdb_txn *txn)
{
    bool again;

    do {
        struct ovsdb_txn_row *txn_row;

        again = false;
        LIST_FOR_EACH (txn_row, list_node, &txn->txn_row_list) {
            if (txn_row->new && !txn_row->table->schema->is_root
                && txn_post_refs(txn, txn_row->table, &txn_row->uuid,
                                 txn_row->old) <= 0) {
                txn_gc_delete(txn, txn_row);
                again = true;
            }
        }
        if (txn_gc_committed(txn)) {
            again = true;
        }
    } while (again);
}

/* Weak references. */

/* Returns true if 'base' is a weak reference type and one of the 'n'
 * atoms at 'atoms' refers to a row that does not exist after 'txn'. */
static bool
txn_atoms_dangle(const struct ovsdb_txn *txn,
                 const struct ovsdb_base_type *base,
                 const union ovsdb_atom *atoms, size_t n)
{
    if (!atoms || !ovsdb_base_type_is_weak_ref(base)) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!txn_row_exists(txn, base->u.uuid.ref_table, &atoms[i].uuid)) {
            return true;
        }
    }
    return false;
}

static bool
txn_row_has_dangling_weak_refs(const struct ovsdb_txn *txn,
                               const struct ovsdb_row *row)
{
    const struct ovsdb_table_schema *table = row->table;

    for (size_t i = OVSDB_N_RESERVED_COLUMNS; i < table->n_columns; i++) {
        const struct ovsdb_type *type = &table->columns[i]->type;
        const struct ovsdb_datum *datum = &row->fields[i];

        if (txn_atoms_dangle(txn, &type->key, datum->keys, datum->n)
            || txn_atoms_dangle(txn, &type->value, datum->values,
                                datum->n)) {
            return true;
        }
    }
    return false;
}

/* Removes from 'row' every element whose key or value is a weak reference
 * to a row that does not exist after 'txn', and checks that each column
 * keeps as many elements as its type requires. */
static struct ovsdb_error *
txn_strip_weak_refs(const struct ovsdb_txn *txn, struct ovsdb_row *row)
{
    const struct ovsdb_table_schema *table = row->table;

    for (size_t i = OVSDB_N_RESERVED_COLUMNS; i < table->n_columns; i++) {
        const struct ovsdb_type *type = &table->columns[i]->type;
        struct ovsdb_datum *datum = &row->fields[i];
        size_t n_before = datum->n;

        for (size_t j = datum->n; j-- > 0;) {
            if (txn_atoms_dangle(txn, &type->key, &datum->keys[j], 1)
                || (datum->values
                    && txn_atoms_dangle(txn, &type->value,
                                        &datum->values[j], 1))) {
                ovsdb_datum_remove_at(datum, j, type);
            }
        }
        if (datum->n < type->n_min) {
            return ovsdb_error_create(
                OVSDB_E_CONSTRAINT, "Deletion of %zu weak reference(s) to "
                "deleted (or never-existing) rows from column \"%s\" in "
                "\"%s\" row "UUID_FMT" caused this column to become empty, "
                "but constraints on this column disallow an empty column.",
                n_before - datum->n, table->columns[i]->name, table->name,
                UUID_ARGS(ovsdb_row_get_uuid(row)));
        }
    }
    return NULL;
}

/* Removes the dangling weak references from 'row', a row of 'table' as
 * 'txn' sees it. */
static struct ovsdb_error *
txn_fix_weak_refs(struct ovsdb_txn *txn, struct ovsdb_table *table,
                  const struct ovsdb_row *row)
{
    struct ovsdb_txn_row *txn_row;
    struct ovsdb_error *error;

    if (!txn_row_has_dangling_weak_refs(txn, row)) {
        return NULL;
    }
    txn_row = txn_get_txn_row(txn, table, row);
    if (!txn_row->new) {
        ovsdb_txn_replace(txn, table, row, ovsdb_row_clone(row));
    }
    txn_count_refs(txn, txn_row->new, -1);
    error = txn_strip_weak_refs(txn, txn_row->new);
    txn_count_refs(txn, txn_row->new, 1);
    return error;
}

static bool
table_has_weak_refs(const struct ovsdb_table_schema *ts, const bool *deleted,
                    const struct ovsdb *db, bool *scan_all)
{
    bool any = false;

    *scan_all = false;
    for (size_t i = OVSDB_N_RESERVED_COLUMNS; i < ts->n_columns; i++) {
        const struct ovsdb_type *type = &ts->columns[i]->type;
        const struct ovsdb_base_type *bases[2] = { &type->key, &type->value };

        for (size_t j = 0; j < 2; j++) {
            if (ovsdb_base_type_is_weak_ref(bases[j])) {
                const struct ovsdb_table *dst;

                dst = ovsdb_table_from_schema(db, bases[j]->u.uuid.ref_table);
                any = true;
                *scan_all |= deleted[dst - db->tables];
            }
        }
    }
    return any;
}

static struct ovsdb_error *
txn_fix_table_weak_refs(struct ovsdb_txn *txn, struct ovsdb_table *table,
                        bool scan_all)
{
    struct ovsdb_error *error = NULL;

    if (scan_all) {
        const struct ovsdb_row **rows;
        size_t n = ovsdb_txn_get_rows(txn, table, &rows);

        for (size_t i = 0; i < n && !error; i++) {
            error = txn_fix_weak_refs(txn, table, rows[i]);
        }
        free(rows);
    } else {
        struct ovsdb_txn_row *txn_row;

        LIST_FOR_EACH (txn_row, list_node, &txn->txn_row_list) {
            if (txn_row->table == table && txn_row->new) {
                error = txn_fix_weak_refs(txn, table, txn_row->new);
                if (error) {
                    break;
                }
            }
        }
    }
    return error;
}

/* Removes every weak reference to a row that does not exist after 'txn'.
 * The rows that 'txn' changes may hold such references; so may unchanged
 * rows that refer to rows that 'txn' deletes, which is why the tables that
 * can refer weakly to a table with deletions are scanned. */
static struct ovsdb_error *
txn_remove_dangling_weak_refs(struct ovsdb_txn *txn)
{
    struct ovsdb *db = txn->db;
    size_t n_tables = db->schema->n_tables;
    bool *deleted = xcalloc(n_tables ? n_tables : 1, sizeof *deleted);
    struct ovsdb_error *error = NULL;
    struct ovsdb_txn_row *txn_row;

    LIST_FOR_EACH (txn_row, list_node, &txn->txn_row_list) {
        if (txn_row->old && !txn_row->new) {
            deleted[txn_row->table - db->tables] = true;
        }
    }
    for (size_t i = 0; i < n_tables && !error; i++) {
        struct ovsdb_table *table = &db->tables[i];
        bool scan_all;

        if (table_has_weak_refs(table->schema, deleted, db, &scan_all)) {
            error = txn_fix_table_weak_refs(txn, table, scan_all);
        }
    }
    free(deleted);
    return error;
}

/* Strong references. */

static struct ovsdb_error *
txn_check_atoms_exist(const struct ovsdb_txn *txn,
                      const struct ovsdb_txn_row *txn_row,
                      const struct ovsdb_column *column,
                      const struct ovsdb_base_type *base,
                      const union ovsdb_atom *atoms, size_t n)
{
    if (!atoms || !ovsdb_base_type_is_strong_ref(base)) {
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (!txn_row_exists(txn, base->u.uuid.ref_table, &atoms[i].uuid)) {
            return ovsdb_error_create(
                OVSDB_E_REFERENTIAL, "Table %s column %s row "UUID_FMT" "
                "references nonexistent row "UUID_FMT" in table %s.",
                txn_row->table->schema->name, column->name,
                UUID_ARGS(&txn_row->uuid), UUID_ARGS(&atoms[i].uuid),
                base->u.uuid.ref_table->name);
        }
    }
    return NULL;
}

static struct ovsdb_error *
txn_check_row_refs(const struct ovsdb_txn *txn,
                   const struct ovsdb_txn_row *txn_row)
{
    const struct ovsdb_table_schema *ts = txn_row->table->schema;
    const struct ovsdb_row *new = txn_row->new;
    struct ovsdb_error *error = NULL;

    if (!new) {
        long long int n_refs = txn_post_refs(txn, txn_row->table,
                                             &txn_row->uuid, txn_row->old);

        if (txn_row->old && n_refs > 0) {
            return ovsdb_error_create(
                OVSDB_E_REFERENTIAL, "cannot delete %s row "UUID_FMT" "
                "because of %lld remaining reference(s)", ts->name,
                UUID_ARGS(&txn_row->uuid), n_refs);
        }
        return NULL;
    }
    for (size_t i = OVSDB_N_RESERVED_COLUMNS; i < ts->n_columns && !error;
         i++) {
        const struct ovsdb_column *column = ts->columns[i];
        const struct ovsdb_datum *datum = &new->fields[i];

        error = txn_check_atoms_exist(txn, txn_row, column,
                                      &column->type.key, datum->keys,
                                      datum->n);
        if (!error) {
            error = txn_check_atoms_exist(txn, txn_row, column,
                                          &column->type.value,
                                          datum->values, datum->n);
        }
    }
    return error;
}

static struct ovsdb_error *
txn_check_refs(const struct ovsdb_txn *txn)
{
    const struct ovsdb_txn_row *txn_row;

    LIST_FOR_EACH (txn_row, list_node, &txn->txn_row_list) {
        struct ovsdb_error *error = txn_check_row_refs(txn, txn_row);

        if (error) {
            return error;
        }
    }
    return NULL;
}

/* Drops the records of rows that 'txn' leaves as they were: rows inserted
 * and deleted again, and rows changed back to their committed values. */
static void
txn_prune(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_row *txn_row, *next;

    LIST_FOR_EACH_SAFE (txn_row, next, list_node, &txn->txn_row_list) {
        if (txn_row->old && txn_row->new
            && !ovsdb_row_equal_columns(txn_row->old, txn_row->new, NULL)) {
            continue;
        }
        if (txn_row->old && !txn_row->new) {
            continue;
        }
        if (!txn_row->old && txn_row->new) {
            continue;
        }
        if (txn_row->old) {
            txn_row->old->txn_row = NULL;
        }
        ovsdb_row_destroy(txn_row->new);
        hmap_remove(&txn->txn_rows, &txn_row->hmap_node);
        ovs_list_remove(&txn_row->list_node);
        free(txn_row);
    }
}

/* Indexes. */

struct index_entry {
    struct hmap_node hmap_node;
    const struct ovsdb_row *row;
};

/* Appends to 'ds' the values of 'row' in the columns of 'index', for
 * humans. */
static void
txn_format_index_values(struct ds *ds, const struct ovsdb_row *row,
                        const struct ovsdb_column_set *index)
{
    for (size_t i = 0; i < index->n_columns; i++) {
        const struct ovsdb_column *column = index->columns[i];
        const struct ovsdb_datum *datum = &row->fields[column->index];

        ds_put_cstr(ds, i ? ", " : "");
        for (size_t j = 0; j < datum->n; j++) {
            ds_put_cstr(ds, j ? ", " : "");
            if (column->type.key.type == OVSDB_TYPE_STRING) {
                ds_put_cstr(ds, datum->keys[j].string);
            } else {
                ovsdb_atom_format(&datum->keys[j], column->type.key.type,
                                  ds);
            }
        }
    }
}

/* Appends to 'ds' what 'txn' did to 'row', for an index error. */
static void
txn_describe_row(struct ds *ds, const struct ovsdb_txn *txn,
                 const struct ovsdb_table *table,
                 const struct ovsdb_column_set *index,
                 const struct ovsdb_row *row)
{
    const struct ovsdb_txn_row *txn_row;

    ds_put_format(ds, "with UUID "UUID_FMT", ",
                  UUID_ARGS(ovsdb_row_get_uuid(row)));
    txn_row = txn_find_txn_row(txn, table, ovsdb_row_get_uuid(row));
    if (!txn_row) {
        ds_put_cstr(ds, "existed in the database before this transaction "
                    "and was not modified by the transaction.");
    } else if (!txn_row->old) {
        ds_put_cstr(ds, "was inserted by this transaction.");
    } else {
        ds_put_cstr(ds, "had the following index values before the "
                    "transaction: ");
        txn_format_index_values(ds, txn_row->old, index);
        ds_put_char(ds, '.');
    }
}

/* Returns the error for rows 'a' and 'b' of 'table' that have the same
 * values in the columns of 'index'.  A modified row is named first, an
 * inserted one last. */
static struct ovsdb_error *
txn_index_error(const struct ovsdb_txn *txn, const struct ovsdb_table *table,
                const struct ovsdb_column_set *index,
                const struct ovsdb_row *a, const struct ovsdb_row *b)
{
    const struct ovsdb_txn_row *b_txn_row;
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct ovsdb_error *error;

    b_txn_row = txn_find_txn_row(txn, table, ovsdb_row_get_uuid(b));
    if (b_txn_row && b_txn_row->old
        && !txn_find_txn_row(txn, table, ovsdb_row_get_uuid(a))) {
        const struct ovsdb_row *tmp = a;

        a = b;
        b = tmp;
    }
    ds_put_format(&ds, "Transaction causes multiple rows in \"%s\" table "
                  "to have identical values (", table->schema->name);
    txn_format_index_values(&ds, a, index);
    ds_put_format(&ds, ") for index on column%s ",
                  index->n_columns > 1 ? "s" : "");
    for (size_t i = 0; i < index->n_columns; i++) {
        ds_put_format(&ds, "%s\"%s\"", i ? ", " : "",
                      index->columns[i]->name);
    }
    ds_put_cstr(&ds, ".  First row, ");
    txn_describe_row(&ds, txn, table, index, a);
    ds_put_cstr(&ds, "  Second row, ");
    txn_describe_row(&ds, txn, table, index, b);
    error = ovsdb_error_create(OVSDB_E_CONSTRAINT, "%s", ds_cstr(&ds));
    ds_destroy(&ds);
    return error;
}

/* Looks in the committed rows of 'table' that 'txn' leaves alone for one
 * with the same values as 'row' in the columns of index 'idx'. */
static const struct ovsdb_row *
txn_index_find_committed(const struct ovsdb_table *table, size_t idx,
                         const struct ovsdb_row *row, uint32_t hash)
{
    const struct ovsdb_column_set *index = &table->schema->indexes[idx];
    const struct ovsdb_row_index_node *node;

    HMAP_FOR_EACH_WITH_HASH (node, node, hash, &table->indexes[idx]) {
        const struct ovsdb_row *committed = node->row;

        if (!committed->txn_row
            && ovsdb_row_equal_columns(committed, row, index)) {
            return committed;
        }
    }
    return NULL;
}

/* Checks index 'idx' of 'table' for the rows that 'txn' inserts or
 * modifies: against each other, and against the committed rows that 'txn'
 * does not touch (those are unique among themselves already). */
static struct ovsdb_error *
txn_check_index(const struct ovsdb_txn *txn, const struct ovsdb_table *table,
                size_t idx)
{
    const struct ovsdb_column_set *index = &table->schema->indexes[idx];
    struct ovsdb_error *error = NULL;
    struct hmap map = HMAP_INITIALIZER;
    struct ovsdb_txn_row *txn_row;
    struct index_entry *entry, *next;

    LIST_FOR_EACH (txn_row, list_node, &txn->txn_row_list) {
        const struct ovsdb_row *row = txn_row->new;
        const struct ovsdb_row *other;
        uint32_t hash;

        if (txn_row->table != table || !row) {
            continue;
        }
        hash = ovsdb_row_hash_columns(row, index, 0);
        other = txn_index_find_committed(table, idx, row, hash);
        HMAP_FOR_EACH_WITH_HASH (entry, hmap_node, hash, &map) {
            if (!other && ovsdb_row_equal_columns(entry->row, row, index)) {
                other = entry->row;
            }
        }
        if (other) {
            error = txn_index_error(txn, table, index, other, row);
            break;
        }
        entry = xmalloc(sizeof *entry);
        entry->row = row;
        hmap_insert(&map, &entry->hmap_node, hash);
    }
    HMAP_FOR_EACH_SAFE (entry, next, hmap_node, &map) {
        free(entry);
    }
    hmap_destroy(&map);
    return error;
}

/* Returns true if 'txn' inserts or modifies a row of 'table', and stores in
 * '*n_rowsp' the number of rows 'table' has after 'txn'. */
static bool
txn_table_changed(const struct ovsdb_txn *txn,
                  const struct ovsdb_table *table, size_t *n_rowsp)
{
    const struct ovsdb_txn_row *txn_row;
    size_t n_rows = hmap_count(&table->rows);
    bool changed = false;

    LIST_FOR_EACH (txn_row, list_node, &txn->txn_row_list) {
        if (txn_row->table == table) {
            if (txn_row->new) {
                changed = true;
                n_rows += !txn_row->old;
            } else if (txn_row->old) {
                n_rows--;
            }
        }
    }
    *n_rowsp = n_rows;
    return changed;
}

/* Checks the "indexes" and "maxRows" of every table that 'txn' changes. */
static struct ovsdb_error *
txn_check_tables(const struct ovsdb_txn *txn)
{
    const struct ovsdb *db = txn->db;

    for (size_t i = 0; i < db->schema->n_tables; i++) {
        const struct ovsdb_table *table = &db->tables[i];
        const struct ovsdb_table_schema *ts = table->schema;
        struct ovsdb_error *error = NULL;
        size_t n_rows;

        if (!txn_table_changed(txn, table, &n_rows)) {
            continue;
        }
        if (n_rows > ts->max_rows) {
            return ovsdb_error_create(
                OVSDB_E_CONSTRAINT, "transaction causes \"%s\" table to "
                "contain %zu rows, greater than the schema-defined limit "
                "of %u row(s)", ts->name, n_rows, ts->max_rows);
        }
        for (size_t j = 0; j < ts->n_indexes && !error; j++) {
            error = txn_check_index(txn, table, j);
        }
        if (error) {
            return error;
        }
    }
    return NULL;
}

/* Applying. */

static void
txn_apply(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_row *txn_row;
    struct txn_ref *ref;

    LIST_FOR_EACH (txn_row, list_node, &txn->txn_row_list) {
        struct ovsdb_table *table = txn_row->table;
        struct ovsdb_row *old = txn_row->old;
        struct ovsdb_row *new = txn_row->new;

        if (old) {
            ovsdb_table_remove_row(table, old);
        }
        if (new) {
            new->n_refs = old ? old->n_refs : 0;
            new->txn_row = NULL;
            ovsdb_table_add_row(table, new);
        }
        ovsdb_row_destroy(old);
        txn_row->old = NULL;
        txn_row->new = NULL;
    }
    HMAP_FOR_EACH (ref, hmap_node, &txn->refs) {
        struct ovsdb_table *table;
        struct ovsdb_row *row;

        table = ovsdb_table_from_schema(txn->db, ref->table);
        row = ovsdb_table_find_row(table, &ref->uuid);
        if (row) {
            row->n_refs = (size_t) ((long long int) row->n_refs
                                    + ref->delta);
        }
    }
}

static struct ovsdb_error *
txn_notify_observers(const struct ovsdb_txn *txn)
{
    struct ovsdb_observer *observer;

    LIST_FOR_EACH (observer, node, &txn->db->observers) {
        struct ovsdb_error *error = observer->class->commit(observer, txn);

        if (error) {
            return error;
        }
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_txn_commit(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_row *txn_row;
    struct ovsdb_error *error;

    LIST_FOR_EACH (txn_row, list_node, &txn->txn_row_list) {
        if (txn_row->old && txn_row->new) {
            txn_count_ref_changes(txn, txn_row->old, txn_row->new);
        } else if (txn_row->old) {
            txn_count_refs(txn, txn_row->old, -1);
        } else if (txn_row->new) {
            txn_count_refs(txn, txn_row->new, 1);
        }
    }
    txn_collect_garbage(txn);
    error = txn_remove_dangling_weak_refs(txn);
    if (!error) {
        error = txn_check_refs(txn);
    }
    if (!error) {
        txn_prune(txn);
        error = txn_check_tables(txn);
    }
    if (!error) {
        error = txn_notify_observers(txn);
    }
    if (!error) {
        txn_apply(txn);
    }
    txn_destroy__(txn);
    return error;
}
