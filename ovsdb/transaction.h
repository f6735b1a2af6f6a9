/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_TRANSACTION_H
#define OVSDB_TRANSACTION_H 1

/* Transactions: a set of changes over a database's committed state that is
 * committed atomically or thrown away.
 *
 * A transaction records, for each row it touches, the committed row ('old',
 * NULL for a row it inserts) and the row as the transaction leaves it
 * ('new', NULL for a row it deletes).  The committed rows are not changed
 * until the commit, so aborting costs nothing but freeing the copies.
 * Reading through the transaction (ovsdb_txn_find_row(),
 * ovsdb_txn_get_rows()) gives its own view: committed rows with its changes
 * applied.
 *
 * ovsdb_txn_commit() first completes the transaction with what RFC 7047
 * makes implicit, then checks it, then hands it to the database's
 * observers, then applies it:
 *   1. garbage collection: a row of a table outside the root set that no
 *      row refers to strongly any more (or that was inserted without being
 *      referred to) is deleted, and so on for what only it referred to;
 *   2. weak references to rows that do not exist after the transaction are
 *      removed from the rows that hold them, which then must still have as
 *      many elements as their column's type requires;
 *   3. every strong reference must name a row that exists after the
 *      transaction, and a deleted row must have no strong reference left;
 *   4. the rows of each table must have distinct values in the columns of
 *      each of the table's "indexes";
 *   5. no table may have more rows than its "maxRows".
 * A change that leaves a row as it was is dropped (the row keeps its
 * "_version").  Each check that fails fails the whole transaction.
 *
 * Error tags: "referential integrity violation" (3), "constraint
 * violation" (2, 4, 5), and whatever an observer returns.
 *
 * Reference counts: each committed row counts the strong references that
 * committed rows make to it ('n_refs' in struct ovsdb_row), so the commit
 * only has to look at the rows the transaction changes, except that the
 * deletion of a row makes the commit scan the tables that can refer weakly
 * to its table.  The index check (4) looks the changed rows up in the
 * table's committed indexes (struct ovsdb_table 'indexes').
 *
 * Limitation: garbage collection runs before weak references are removed,
 * so a strong reference that disappears only because its map pair had a
 * dangling weak key (a map from weak to strong references, which no stock
 * schema has) does not make its target garbage in the same commit. */

#include <stdbool.h>
#include <stddef.h>
#include "compiler.h"

struct ovsdb;
struct ovsdb_error;
struct ovsdb_row;
struct ovsdb_table;
struct uuid;

struct ovsdb_txn;

/* Starts a transaction on 'db', on which none may be in progress. */
struct ovsdb_txn *ovsdb_txn_create(struct ovsdb *db);

/* Throws 'txn' away, leaving its database as it was.  Accepts NULL. */
void ovsdb_txn_abort(struct ovsdb_txn *txn);

/* Completes, checks and applies 'txn' (see above) and frees it.  Returns
 * NULL on success.  On error the database is left as it was and the error
 * is the caller's. */
struct ovsdb_error *ovsdb_txn_commit(struct ovsdb_txn *txn)
    OVS_WARN_UNUSED_RESULT;

struct ovsdb *ovsdb_txn_get_db(const struct ovsdb_txn *txn);

/* Reading through the transaction. */

/* Returns the row of 'table' with 'uuid' as 'txn' sees it, or NULL. */
const struct ovsdb_row *ovsdb_txn_find_row(const struct ovsdb_txn *txn,
                                           const struct ovsdb_table *table,
                                           const struct uuid *uuid);

/* Stores in '*rowsp' a new array (which the caller frees, not its
 * elements) of the rows of 'table' as 'txn' sees them, committed rows
 * first, and returns their number.  The rows stay valid until the
 * transaction changes them. */
size_t ovsdb_txn_get_rows(const struct ovsdb_txn *txn,
                          const struct ovsdb_table *table,
                          const struct ovsdb_row ***rowsp);

/* Returns true if 'uuid' names a row of 'table' as 'txn' sees it, or a row
 * that 'txn' deleted (a UUID that may not be reused). */
bool ovsdb_txn_uuid_is_used(const struct ovsdb_txn *txn,
                            const struct ovsdb_table *table,
                            const struct uuid *uuid);

/* Changing. */

/* Adds 'row', whose UUID must not be used (see above), to 'table'.  The
 * transaction takes 'row' over and gives it a new "_version". */
void ovsdb_txn_insert(struct ovsdb_txn *txn, struct ovsdb_table *table,
                      struct ovsdb_row *row);

/* Replaces 'row', a row as 'txn' sees it, by 'new', a row with the same
 * UUID (usually a modified ovsdb_row_clone() of 'row'), which the
 * transaction takes over.  'new' gets a new "_version" if 'row' is a
 * committed row. */
void ovsdb_txn_replace(struct ovsdb_txn *txn, struct ovsdb_table *table,
                       const struct ovsdb_row *row, struct ovsdb_row *new);

/* Deletes 'row', a row as 'txn' sees it. */
void ovsdb_txn_delete(struct ovsdb_txn *txn, struct ovsdb_table *table,
                      const struct ovsdb_row *row);

/* Appends 'comment' to the transaction's comment (on a new line if it
 * already has one). */
void ovsdb_txn_add_comment(struct ovsdb_txn *txn, const char *comment);

/* Returns the transaction's comment, or NULL if it has none. */
const char *ovsdb_txn_get_comment(const struct ovsdb_txn *txn);

/* Records that a client asked the commit to be durable (RFC 7047 "commit"
 * with "durable": true), for the log layer to honour. */
void ovsdb_txn_set_durable(struct ovsdb_txn *txn);
bool ovsdb_txn_is_durable(const struct ovsdb_txn *txn);

/* For observers (see ovsdb.h): calls 'cb' for every row that 'txn'
 * changes, in the order the transaction first touched them, with its
 * table, its committed value 'old' (NULL if inserted) and its new value
 * 'new' (NULL if deleted).  Meaningful during an observer's call, when the
 * transaction is complete. */
void ovsdb_txn_for_each_change(
    const struct ovsdb_txn *txn,
    void (*cb)(const struct ovsdb_table *table, const struct ovsdb_row *old,
               const struct ovsdb_row *new, void *aux),
    void *aux);

#endif /* ovsdb/transaction.h */
