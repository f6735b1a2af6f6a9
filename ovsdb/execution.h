/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_EXECUTION_H
#define OVSDB_EXECUTION_H 1

/* The "transact" method (RFC 7047 sections 4.1.3 and 5.2): a list of
 * operations in, a list of results out.
 *
 * ovsdb_execute() runs the operations of one "transact" request in order in
 * a single transaction.  The result array has one element per operation:
 * the operation's result object ({"uuid": ...} for insert, {"rows": [...]}
 * for select, {"count": N} for update, mutate and delete, {} for the
 * others).  The first operation that fails puts its <error> object at its
 * index; the operations after it are not run and their elements are null,
 * and the transaction is thrown away.  If every operation succeeds but the
 * commit fails (referential integrity, indexes, maxRows, ...), the commit's
 * <error> is appended as one extra element and nothing changes.
 *
 * Names of rows ("uuid-name", <named-uuid>) live in one symbol table per
 * call.  An "insert" that gives both a "uuid-name" and an explicit "uuid"
 * fixes the name's UUID before any operation runs, so that earlier
 * operations may refer to it.  A <named-uuid> that no "insert" defines
 * stands for a fresh UUID that names no row, so that a strong reference to
 * it fails the commit with "referential integrity violation" and a weak one
 * is dropped, as stock servers do.
 *
 * "wait": when the condition does not hold, with a "timeout" of 0, or once
 * 'now_msec' has reached 'start_msec' plus the timeout, the operation fails
 * with "timed out".  Otherwise ovsdb_execute() discards everything and
 * returns OVSDB_EXECUTE_WOULD_BLOCK without a result: the server should run
 * the same request again, with the same 'start_msec', when the database
 * changes or at '*deadline_msecp' (LLONG_MAX for a wait without timeout).
 *
 * "commit" records "durable": true in the transaction for the log layer
 * (ovsdb_txn_is_durable()); "comment" appends to the transaction's comment;
 * "abort" fails with "aborted"; "assert" asks the caller's 'lock_held'
 * callback whether the session holds the lock and fails with "not owner" if
 * not.
 *
 * Error tags: those of the engine's parsers and of the commit, plus
 * "syntax error" for a malformed operation (unknown "op", unknown table,
 * missing or mistyped member), "duplicate uuid-name", "duplicate uuid",
 * "timed out", "aborted", "not owner". */

#include <stdbool.h>
#include <jansson.h>
#include "compiler.h"

struct ovsdb;

struct ovsdb_execute_options {
    /* Returns true if the session holds the lock 'name'.  NULL means that
     * it holds none. */
    bool (*lock_held)(void *aux, const char *name);
    void *aux;

    /* Times in milliseconds (time_msec()): when the request first arrived,
     * and now. */
    long long int start_msec;
    long long int now_msec;
};

enum ovsdb_execute_status {
    OVSDB_EXECUTE_DONE,         /* '*resultp' holds the result array. */
    OVSDB_EXECUTE_WOULD_BLOCK   /* A "wait" is not satisfied yet. */
};

/* Executes the "transact" request whose "params" are 'params' (the
 * database name, which the caller has used to pick 'db', followed by the
 * operations) on 'db'.  'options' may be NULL (no locks held, time zero).
 * On OVSDB_EXECUTE_DONE stores the result array, owned by the caller, in
 * '*resultp'; on OVSDB_EXECUTE_WOULD_BLOCK stores NULL there and the time
 * to retry in '*deadline_msecp' (which may be NULL).  A 'params' that is
 * not an array gets a one-element result holding a "syntax error". */
enum ovsdb_execute_status ovsdb_execute(
    struct ovsdb *db, const json_t *params,
    const struct ovsdb_execute_options *options, json_t **resultp,
    long long int *deadline_msecp);

#endif /* ovsdb/execution.h */
