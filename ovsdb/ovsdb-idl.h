/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_IDL_H
#define OVSDB_IDL_H 1

/* The client IDL: an in-memory replica of the tables a client monitors in
 * one database of an OVSDB server, kept current over a reconnecting
 * JSON-RPC session, and transactions built against that replica.
 *
 * Schema-driven, not generated: the IDL fetches the database's schema from
 * the server ("get_schema") each time it connects and describes tables and
 * columns with the engine's own types (struct ovsdb_table_schema,
 * struct ovsdb_column) and values with struct ovsdb_datum.  A client names
 * the tables and columns it wants; names the server's schema lacks are
 * simply absent (logged once at INFO), so a client works against an older
 * or newer schema.
 *
 * Life cycle
 * ----------
 * ovsdb_idl_create() returns at once; nothing is connected until
 * ovsdb_idl_run() has been called.  A client's main loop calls
 * ovsdb_idl_run() and ovsdb_idl_wait() each iteration.  When the session
 * (re)connects, the IDL asks for the schema, takes the lock if one was set,
 * and sends "monitor_cond" (falling back to "monitor" if the server
 * answers an error), then replaces the replica with the initial contents.
 * Every change to the replica increments the sequence number
 * (ovsdb_idl_get_seqno()); a client that sees a new number rereads what it
 * cares about.  On disconnection the replica is kept (stale) until the
 * next connection's initial contents replace it; reconnection uses
 * exponential backoff (1 s doubling to 8 s by default).
 *
 * Pointers
 * --------
 * Row pointers, datums and schemas returned by the IDL belong to it and
 * stay valid until the next ovsdb_idl_run() (which may apply updates or
 * replace the replica) or ovsdb_idl_destroy().  Hold UUIDs, not pointers,
 * across iterations of a main loop.
 *
 * Errors
 * ------
 * Functions that can fail return 0 or a positive errno value, or a status
 * as documented.  Misuse of the API (writing a column of a row from
 * another IDL, writing outside a transaction) aborts with a message. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compiler.h"
#include "uuid.h"

struct ovsdb_column;
struct ovsdb_datum;
struct ovsdb_schema;
struct ovsdb_table_schema;

struct ovsdb_idl;
struct ovsdb_idl_table;
struct ovsdb_idl_row;
struct ovsdb_idl_txn;

/* Creation and the main loop. */

/* Creates an IDL for database 'db_name' at 'remote' (a stream name such as
 * "unix:/var/run/openvswitch/db.sock" or "tcp:127.0.0.1:6640").  If
 * 'monitor_everything' is true, every table and column of the server's
 * schema is monitored; otherwise only what ovsdb_idl_add_table() and
 * ovsdb_idl_add_column() name. */
struct ovsdb_idl *ovsdb_idl_create(const char *remote, const char *db_name,
                                   bool monitor_everything);
void ovsdb_idl_destroy(struct ovsdb_idl *);

/* Interest.  Call before the first ovsdb_idl_run() or at any time (a change
 * after connecting resends the monitor request).  add_column() implies
 * add_table().  'table' and 'column' are names; unknown names are ignored
 * when the schema arrives (logged once).
 *
 * ovsdb_idl_add_table() monitors every column of the table;
 * ovsdb_idl_add_column() alone monitors only the columns it names (plus
 * "_uuid", which every row has). */
void ovsdb_idl_add_table(struct ovsdb_idl *, const char *table);
void ovsdb_idl_add_column(struct ovsdb_idl *, const char *table,
                          const char *column);

/* Asks the IDL to hold lock 'lock_name' ("lock" method) whenever it is
 * connected, or to hold none if 'lock_name' is NULL. */
void ovsdb_idl_set_lock(struct ovsdb_idl *, const char *lock_name);
bool ovsdb_idl_has_lock(const struct ovsdb_idl *);
bool ovsdb_idl_is_lock_contended(const struct ovsdb_idl *);

void ovsdb_idl_run(struct ovsdb_idl *);
void ovsdb_idl_wait(struct ovsdb_idl *);

/* Changes on every modification of the replica (and on connection state
 * changes that a client must react to). */
unsigned int ovsdb_idl_get_seqno(const struct ovsdb_idl *);

/* True once the replica holds a complete initial copy from some server,
 * i.e. the first ovsdb_idl_get_seqno() change after connecting. */
bool ovsdb_idl_has_ever_connected(const struct ovsdb_idl *);

/* True while connected and synchronised (initial contents received). */
bool ovsdb_idl_is_connected(const struct ovsdb_idl *);

/* 0 if the last connection attempt succeeded or is in progress; otherwise
 * why it failed (ECONNREFUSED, ENOENT, EPROTO for a protocol error such
 * as the database not existing on the server, ...). */
int ovsdb_idl_get_last_error(const struct ovsdb_idl *);

/* Drops the connection and reconnects at once (without backoff). */
void ovsdb_idl_force_reconnect(struct ovsdb_idl *);

/* Limits how long ovsdb_idl_run() keeps trying to connect: after
 * 'max_tries' failed attempts the IDL gives up and ovsdb_idl_get_last_error()
 * stays nonzero.  0 (the default) means retry forever. */
void ovsdb_idl_set_max_tries(struct ovsdb_idl *, unsigned int max_tries);

/* False once the IDL has given up connecting after 'max_tries' attempts;
 * true otherwise (connected or still trying). */
bool ovsdb_idl_is_alive(const struct ovsdb_idl *);

/* Inactivity probe interval in milliseconds (default 5000; 0 disables):
 * after that much silence the IDL sends an "echo", and drops the
 * connection if another interval passes without a reply. */
void ovsdb_idl_set_probe_interval(struct ovsdb_idl *, int probe_interval);

/* The server's schema as of the current connection, NULL before one. */
const struct ovsdb_schema *ovsdb_idl_get_schema(const struct ovsdb_idl *);

/* Tables and columns.  Lookups return NULL for names the server's schema
 * lacks or that are not monitored. */
const struct ovsdb_idl_table *ovsdb_idl_get_table(const struct ovsdb_idl *,
                                                  const char *name);
const struct ovsdb_table_schema *ovsdb_idl_table_get_schema(
    const struct ovsdb_idl_table *);
const struct ovsdb_column *ovsdb_idl_table_get_column(
    const struct ovsdb_idl_table *, const char *name);
bool ovsdb_idl_column_is_monitored(const struct ovsdb_idl_table *,
                                   const struct ovsdb_column *);

/* Rows.  Iteration visits the replica as the open transaction (if any)
 * sees it: rows inserted by the transaction are included, rows it deleted
 * are not.  Order is unspecified. */
const struct ovsdb_idl_row *ovsdb_idl_first_row(
    const struct ovsdb_idl_table *);
const struct ovsdb_idl_row *ovsdb_idl_next_row(const struct ovsdb_idl_row *);
#define OVSDB_IDL_FOR_EACH_ROW(ROW, TABLE)                              \
    for ((ROW) = ovsdb_idl_first_row(TABLE); (ROW);                     \
         (ROW) = ovsdb_idl_next_row(ROW))
size_t ovsdb_idl_table_count(const struct ovsdb_idl_table *);

/* Finds the row with 'uuid' (also rows inserted by the open transaction, by
 * their temporary UUID), or NULL. */
const struct ovsdb_idl_row *ovsdb_idl_get_row(const struct ovsdb_idl_table *,
                                              const struct uuid *);

const struct uuid *ovsdb_idl_row_get_uuid(const struct ovsdb_idl_row *);
const struct ovsdb_idl_table *ovsdb_idl_row_get_table(
    const struct ovsdb_idl_row *);

/* The row's value of 'column', as the open transaction sees it (its write
 * if it wrote one).  A column that is not monitored reads as the type's
 * default.  Never NULL. */
const struct ovsdb_datum *ovsdb_idl_read(const struct ovsdb_idl_row *,
                                         const struct ovsdb_column *);

/* Same, by column name; NULL if the table has no such column. */
const struct ovsdb_datum *ovsdb_idl_get(const struct ovsdb_idl_row *,
                                        const char *column);

/* Conveniences for scalar columns and string maps, by column name: the
 * first key of the datum (or 'default_' if empty or the column is unknown),
 * and the value of 'key' in a string-to-string map column (or NULL). */
const char *ovsdb_idl_get_string(const struct ovsdb_idl_row *,
                                 const char *column, const char *default_);
int64_t ovsdb_idl_get_integer(const struct ovsdb_idl_row *,
                              const char *column, int64_t default_);
bool ovsdb_idl_get_boolean(const struct ovsdb_idl_row *,
                           const char *column, bool default_);
const char *ovsdb_idl_get_map_string(const struct ovsdb_idl_row *,
                                     const char *column, const char *key);

/* Change tracking: the value of ovsdb_idl_get_seqno() when the row was
 * inserted or last modified by the server. */
unsigned int ovsdb_idl_row_get_seqno(const struct ovsdb_idl_row *);

/* Transactions.
 *
 * At most one transaction is open per IDL.  Reads through the IDL reflect
 * the transaction's writes, inserts and deletes until it is destroyed.
 * Commit builds one "transact" request: for each verified column a "wait"
 * operation (timeout 0, "==" on the values the replica held when the
 * column was verified), then the inserts, updates and deletes, an optional
 * "mutate" for ovsdb_idl_txn_increment() followed by a "select" of the new
 * value, and a "comment".  Inserted rows are named with "uuid-name", so
 * references to them from other written columns resolve in the same
 * request.  Rows the transaction inserts that nothing references are
 * collected by the server if their table is not a root table, as RFC 7047
 * specifies; the IDL does not second-guess that. */
enum ovsdb_idl_txn_status {
    TXN_UNCOMMITTED,    /* Not yet committed. */
    TXN_UNCHANGED,      /* Nothing to do: no request was sent. */
    TXN_INCOMPLETE,     /* Sent, reply not yet received. */
    TXN_ABORTED,        /* ovsdb_idl_txn_abort() was called. */
    TXN_SUCCESS,        /* Committed. */
    TXN_TRY_AGAIN,      /* A verified column changed, or the connection
                         * dropped before the reply: read again, redo. */
    TXN_NOT_LOCKED,     /* The IDL has a lock set but does not hold it. */
    TXN_ERROR           /* The server refused it; see
                         * ovsdb_idl_txn_get_error(). */
};
const char *ovsdb_idl_txn_status_to_string(enum ovsdb_idl_txn_status);

struct ovsdb_idl_txn *ovsdb_idl_txn_create(struct ovsdb_idl *);
void ovsdb_idl_txn_destroy(struct ovsdb_idl_txn *);
struct ovsdb_idl *ovsdb_idl_txn_get_idl(struct ovsdb_idl_txn *);

void ovsdb_idl_txn_add_comment(struct ovsdb_idl_txn *, const char *format,
                               ...) OVS_PRINTF_FORMAT(2, 3);

/* With dry run set, commit sends the request with a final "abort"
 * operation, so the server checks but does not apply it; a successful
 * check reports TXN_SUCCESS. */
void ovsdb_idl_txn_set_dry_run(struct ovsdb_idl_txn *);

/* Inserts a new row into 'table' and returns it (owned by the IDL).  Its
 * UUID is a temporary one (or '*uuid' if nonnull, which must be unique)
 * until commit; ovsdb_idl_txn_get_insert_uuid() maps it to the UUID the
 * server chose after TXN_SUCCESS. */
const struct ovsdb_idl_row *ovsdb_idl_txn_insert(
    struct ovsdb_idl_txn *, const struct ovsdb_idl_table *table,
    const struct uuid *uuid);

/* Sets 'column' of 'row' to 'datum', taking ownership of the datum's
 * contents (the struct itself is the caller's; it is left empty).  The
 * datum must be valid for the column's type (sorted, unique, within
 * size limits); the server checks constraints. */
void ovsdb_idl_txn_write(const struct ovsdb_idl_row *row,
                         const struct ovsdb_column *column,
                         struct ovsdb_datum *datum);

/* Asks commit to fail with TXN_TRY_AGAIN if 'column' of 'row' changed on
 * the server since the replica last saw it. */
void ovsdb_idl_txn_verify(const struct ovsdb_idl_row *row,
                          const struct ovsdb_column *column);

/* Deletes 'row'.  Deleting a row the transaction inserted forgets it.
 * For a row of a table outside the root set, commit sends no "delete":
 * the row disappears when the server's garbage collection finds nothing
 * refers to it (and a transaction whose only change is such a delete is
 * TXN_UNCHANGED).  Reads through the transaction do not see it either
 * way. */
void ovsdb_idl_txn_delete(const struct ovsdb_idl_row *row);

/* Adds "mutate 'column' += 1" on 'row' (an integer column) to the request
 * and fetches the result, for ovsdb_idl_txn_get_increment_new_value().
 * Used by clients for Open_vSwitch.next_cfg.  At most one per txn. */
void ovsdb_idl_txn_increment(struct ovsdb_idl_txn *,
                             const struct ovsdb_idl_row *row,
                             const struct ovsdb_column *column);
int64_t ovsdb_idl_txn_get_increment_new_value(
    const struct ovsdb_idl_txn *);

/* Sends the transaction if not sent yet, and returns its status.  Call
 * again (after ovsdb_idl_run()/ovsdb_idl_wait()/poll_block()) while it
 * returns TXN_INCOMPLETE. */
enum ovsdb_idl_txn_status ovsdb_idl_txn_commit(struct ovsdb_idl_txn *);

/* Commits and runs the IDL until the status is final. */
enum ovsdb_idl_txn_status ovsdb_idl_txn_commit_block(struct ovsdb_idl_txn *);

void ovsdb_idl_txn_abort(struct ovsdb_idl_txn *);

/* The server's error for TXN_ERROR ("constraint violation: ..." with the
 * details), or a description of other failures; NULL otherwise. */
const char *ovsdb_idl_txn_get_error(const struct ovsdb_idl_txn *);

/* After TXN_SUCCESS, the permanent UUID of the row inserted with temporary
 * UUID 'uuid', or NULL. */
const struct uuid *ovsdb_idl_txn_get_insert_uuid(
    const struct ovsdb_idl_txn *, const struct uuid *uuid);

/* The request JSON text the commit sent (or would send), for debugging and
 * for --dry-run output.  NULL before commit. */
const char *ovsdb_idl_txn_get_request(const struct ovsdb_idl_txn *);

#endif /* ovsdb-idl.h */
