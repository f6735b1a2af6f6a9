/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_JSONRPC_SERVER_H
#define OVSDB_JSONRPC_SERVER_H 1

/* The network side of ovsdb-server: the remotes it listens on, a session
 * per client connection, and the RFC 7047 methods those sessions call.
 *
 * Remotes are passive stream names ("punix:PATH", "ptcp:PORT[:IP]",
 * "pssl:PORT[:IP]").  "db:..." remotes (addresses read from a database)
 * and active remotes are accepted and listed but not served; the server
 * logs that.
 *
 * Sessions.  Each connection is served in turn from the main loop, a
 * bounded number of messages per turn, so that no client can hold up the
 * others.  A session does not read new requests while it has output that
 * the peer has not taken; once that backlog passes the server's maximum
 * (ovsdb_jsonrpc_server_set_max_backlog()), the session is dropped, so a
 * client that stops reading its monitor updates costs bounded memory.
 * Sessions on TCP and SSL remotes are probed with "echo" after 5 seconds
 * of silence and dropped after 5 more; Unix socket sessions are not
 * probed, as stock servers do.
 *
 * Methods: list_dbs, get_schema, transact (a "wait" that cannot be decided
 * yet becomes a trigger, run again after every commit to its database and
 * at its deadline; "cancel" notifications cancel it), monitor,
 * monitor_cond, monitor_cond_since, monitor_cond_change, monitor_cancel,
 * lock, steal, unlock, echo, set_db_change_aware, get_server_id, convert
 * (after which monitors of the database are canceled: "monitor_canceled"
 * for sessions that are db-change-aware, disconnection for the others).
 * Any other method gets the error "unknown method".  A "transact" is answered
 * after its commit has been written to the database file (and synced, for
 * a durable one). */

#include <stdbool.h>
#include <stddef.h>
#include "compiler.h"

struct ds;
struct ovsdb_server;
struct ovsdb_jsonrpc_server;

/* The default cap on a session's unsent output. */
#define OVSDB_JSONRPC_DEFAULT_MAX_BACKLOG (64u * 1024 * 1024)

struct ovsdb_jsonrpc_server *ovsdb_jsonrpc_server_create(
    struct ovsdb_server *server);
void ovsdb_jsonrpc_server_destroy(struct ovsdb_jsonrpc_server *);

void ovsdb_jsonrpc_server_set_max_backlog(struct ovsdb_jsonrpc_server *,
                                          size_t max_backlog);

/* Adds the remote 'name'.  Returns 0, EEXIST if it is there already, or
 * the error of opening it (it is then not added). */
int ovsdb_jsonrpc_server_add_remote(struct ovsdb_jsonrpc_server *,
                                    const char *name);

/* Removes the remote 'name' and closes the sessions that came through it.
 * Returns false if there is no such remote. */
bool ovsdb_jsonrpc_server_remove_remote(struct ovsdb_jsonrpc_server *,
                                        const char *name);

/* Appends the names of the remotes, sorted, one per line, to 'ds'. */
void ovsdb_jsonrpc_server_list_remotes(const struct ovsdb_jsonrpc_server *,
                                       struct ds *ds);

/* Closes every session; clients reconnect by themselves. */
void ovsdb_jsonrpc_server_reconnect(struct ovsdb_jsonrpc_server *);

size_t ovsdb_jsonrpc_server_n_sessions(const struct ovsdb_jsonrpc_server *);

void ovsdb_jsonrpc_server_run(struct ovsdb_jsonrpc_server *);
void ovsdb_jsonrpc_server_wait(struct ovsdb_jsonrpc_server *);

#endif /* ovsdb/jsonrpc-server.h */
