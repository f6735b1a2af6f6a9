/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_OVSDB_H
#define OVSDB_OVSDB_H 1

/* An in-memory database: a schema and, for each of its tables, the
 * committed rows.
 *
 * The committed state changes only through the commit of a transaction
 * (transaction.h), which is atomic: a reader between two commits sees every
 * change of a transaction or none.  At most one transaction may be in
 * progress on a database at a time (the engine is single-threaded; a
 * transaction is built and committed or aborted within one call of
 * ovsdb_execute()).
 *
 * Observers are told about each transaction just before it is applied, with
 * the old and new value of every row it changes (see
 * ovsdb_txn_for_each_change()).  This is where the on-disk log writes the
 * transaction and where monitors collect their updates.  An observer that
 * returns an error (the log failing to write, say) makes the commit fail
 * with that error and nothing changes; the observers called before it are
 * not told, so an observer that can fail should be registered first.
 *
 * Ownership: the database owns its schema, its tables and their rows.  It
 * does not own its observers, which must be removed before they are freed
 * or the database is destroyed. */

#include <stdbool.h>
#include <stddef.h>
#include "compiler.h"
#include "hmap.h"
#include "list.h"

struct ovsdb_error;
struct ovsdb_row;
struct ovsdb_schema;
struct ovsdb_table_schema;
struct ovsdb_txn;
struct uuid;

struct ovsdb_table {
    const struct ovsdb_table_schema *schema;
    struct hmap rows;           /* struct ovsdb_row by uuid_hash(). */

    /* One hash map per entry of 'schema->indexes': the committed rows by
     * ovsdb_row_hash_columns() of the index's columns, through the rows'
     * 'index_nodes'. */
    struct hmap *indexes;
};

struct ovsdb_observer;

struct ovsdb_observer_class {
    /* Called with 'txn', which has passed every check, before it is
     * applied.  'txn' and its rows are valid only during the call.  Returns
     * NULL, or an error (owned by the caller) to make the commit fail.  May
     * not be NULL. */
    struct ovsdb_error *(*commit)(struct ovsdb_observer *observer,
                                  const struct ovsdb_txn *txn);
};

struct ovsdb_observer {
    struct ovs_list node;       /* In struct ovsdb 'observers'. */
    const struct ovsdb_observer_class *class;
};

struct ovsdb {
    struct ovsdb_schema *schema;    /* Owned. */
    struct ovsdb_table *tables;     /* Parallel to 'schema->tables'. */
    struct ovs_list observers;      /* struct ovsdb_observer 'node'. */
    struct ovsdb_txn *txn;          /* The transaction in progress. */
};

/* Returns a new, empty database of 'schema', which it takes over. */
struct ovsdb *ovsdb_create(struct ovsdb_schema *schema);

/* Frees 'db' with its schema and rows.  Accepts NULL.  No transaction may
 * be in progress. */
void ovsdb_destroy(struct ovsdb *db);

/* Returns the table called 'name', or NULL. */
struct ovsdb_table *ovsdb_get_table(const struct ovsdb *db,
                                    const char *name);

/* Returns the table of 'db' whose schema is 'schema' (which must be one of
 * 'db->schema''s tables). */
struct ovsdb_table *ovsdb_table_from_schema(
    const struct ovsdb *db, const struct ovsdb_table_schema *schema);

/* Returns the committed row of 'table' with 'uuid', or NULL. */
struct ovsdb_row *ovsdb_table_find_row(const struct ovsdb_table *table,
                                       const struct uuid *uuid);

/* Adds committed 'row' to 'table''s 'rows' and 'indexes', or removes it.
 * For transaction.c. */
void ovsdb_table_add_row(struct ovsdb_table *table, struct ovsdb_row *row);
void ovsdb_table_remove_row(struct ovsdb_table *table, struct ovsdb_row *row);

static inline size_t
ovsdb_table_n_rows(const struct ovsdb_table *table)
{
    return hmap_count(&table->rows);
}

/* Adds 'observer', whose 'class' the caller has set, after the observers
 * already registered. */
void ovsdb_add_observer(struct ovsdb *db, struct ovsdb_observer *observer);
void ovsdb_remove_observer(struct ovsdb_observer *observer);

#endif /* ovsdb/ovsdb.h */
