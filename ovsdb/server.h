/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_SERVER_H
#define OVSDB_SERVER_H 1

/* The state of an ovsdb-server that does not depend on connections: the
 * databases it serves (each a database file, plus the built-in "_Server"
 * database that describes them), and the locks of RFC 7047 section 4.1.8.
 *
 * Databases.  ovsdb_server_add_db() opens a database file for writing (its
 * commits go to the file before they apply, see file.h) and adds a row for
 * it to the "_Server" database's "Database" table.  "_Server" lives only in
 * memory; clients may read and monitor it but not change it
 * (ovsdb_server_check_read_only()).  Every database counts its commits in
 * 'n_commits', which is how waiting "transact" requests know when to run
 * again.
 *
 * Locks.  A lock is a name with a queue of waiters, each a session (an
 * opaque pointer here).  The waiter at the head of the queue owns the lock.
 * "lock" joins the tail; "steal" goes to the head, and the waiter it
 * displaces stays queued behind it, so that it gets the lock back when the
 * thief lets go.  The caller sends the "locked" and "stolen" notifications
 * these functions report.
 *
 * Errors: ovsdb_error objects (ovsdb-error.h) the caller owns. */

#include <stdbool.h>
#include <jansson.h>
#include "compiler.h"
#include "hmap.h"
#include "list.h"
#include "ovsdb.h"

struct ovsdb_error;
struct ovsdb_file;

#define OVSDB_SERVER_DB_NAME "_Server"

struct ovsdb_server_db {
    struct ovs_list node;       /* In struct ovsdb_server 'dbs'. */
    char *name;                 /* The schema's name. */
    char *file_name;            /* NULL for "_Server". */
    struct ovsdb *db;
    struct ovsdb_file *file;    /* NULL for "_Server". */
    struct ovsdb_observer observer;     /* Counts commits. */
    unsigned long long int n_commits;
};

struct ovsdb_server {
    struct ovs_list dbs;        /* struct ovsdb_server_db, in added order. */
    struct ovsdb_server_db *server_db;  /* "_Server", last in 'dbs'. */
    struct hmap locks;          /* struct ovsdb_lock by name. */
};

void ovsdb_server_init(struct ovsdb_server *server);
void ovsdb_server_destroy(struct ovsdb_server *server);

/* Opens the database file 'file_name' and serves it.  Fails if it cannot
 * be opened or another database of the same name is served already. */
struct ovsdb_error *ovsdb_server_add_db(struct ovsdb_server *server,
                                        const char *file_name,
                                        struct ovsdb_server_db **dbp)
    OVS_WARN_UNUSED_RESULT;

/* Returns the database called 'name' (including "_Server"), or NULL. */
struct ovsdb_server_db *ovsdb_server_find_db(const struct ovsdb_server *,
                                             const char *name);

/* Returns NULL if the "transact" operations 'params' (database name first)
 * may run on 'db', otherwise the whole result array to reply with: every
 * operation that writes is refused on "_Server" with "not allowed" at the
 * index of the first such operation. */
json_t *ovsdb_server_check_read_only(const struct ovsdb_server_db *db,
                                     const json_t *params);

/* Online schema conversion ("convert"), in two steps so that nothing
 * changes unless the data fits the new schema.
 *
 * ovsdb_server_convert_prepare() copies the contents of 'db' into a new
 * in-memory database of 'schema' (which it copies): the rows of the tables
 * both schemas have, with the columns both have, each value converted to
 * the new type, and commits them there (references, constraints and
 * garbage collection apply).  On success stores it in '*newp'.
 *
 * ovsdb_server_convert_commit() then writes it as 'db''s file (a
 * compacted file with the new schema, put in place by rename), reopens
 * the file, and updates the "_Server" row.  The caller must first have
 * removed every observer it had registered on 'db->db' (monitors), which
 * is destroyed.  Takes 'new' over. */
struct ovsdb_error *ovsdb_server_convert_prepare(
    const struct ovsdb_server_db *db, const struct ovsdb_schema *schema,
    struct ovsdb **newp)
    OVS_WARN_UNUSED_RESULT;
struct ovsdb_error *ovsdb_server_convert_commit(struct ovsdb_server *,
                                                struct ovsdb_server_db *db,
                                                struct ovsdb *new)
    OVS_WARN_UNUSED_RESULT;

/* Compacts the file of 'db' now. */
struct ovsdb_error *ovsdb_server_compact(struct ovsdb_server_db *db)
    OVS_WARN_UNUSED_RESULT;

/* Compacts the files that ovsdb_file_should_compact() says are due, and
 * arranges to wake up for the next check. */
void ovsdb_server_run(struct ovsdb_server *server);
void ovsdb_server_wait(struct ovsdb_server *server);

/* Locks. */
enum ovsdb_lock_mode {
    OVSDB_LOCK_WAIT,            /* "lock": queue at the tail. */
    OVSDB_LOCK_STEAL            /* "steal": take it now. */
};

struct ovsdb_lock_waiter {
    struct ovs_list lock_node;      /* In its lock's queue. */
    struct ovs_list session_node;   /* For the session's own list. */
    struct ovsdb_lock *lock;
    void *session;
};

/* Queues 'session' for the lock 'name' in 'mode' and returns its waiter.
 * If that takes the lock away from another session, stores that session in
 * '*victimp' (else NULL), which the caller tells with "stolen". */
struct ovsdb_lock_waiter *ovsdb_server_lock(struct ovsdb_server *server,
                                            const char *name, void *session,
                                            enum ovsdb_lock_mode mode,
                                            void **victimp);

/* Returns the waiter of 'session' for the lock 'name', or NULL. */
struct ovsdb_lock_waiter *ovsdb_server_find_waiter(
    const struct ovsdb_server *server, const char *name,
    const void *session);

bool ovsdb_lock_waiter_is_owner(const struct ovsdb_lock_waiter *waiter);
const char *ovsdb_lock_waiter_get_name(const struct ovsdb_lock_waiter *);

/* Removes and frees 'waiter'.  If that hands the lock to another waiter,
 * returns that waiter (whose session the caller tells with "locked"),
 * otherwise NULL. */
struct ovsdb_lock_waiter *ovsdb_lock_waiter_remove(
    struct ovsdb_server *server, struct ovsdb_lock_waiter *waiter);

#endif /* ovsdb/server.h */
