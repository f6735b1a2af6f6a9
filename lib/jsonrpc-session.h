/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef JSONRPC_SESSION_H
#define JSONRPC_SESSION_H 1

/* A JSON-RPC connection to an active remote ("unix:...", "tcp:...",
 * "ssl:...") that reconnects by itself with backoff (lib/reconnect.h).
 *
 * The session answers "echo" requests from the peer, and when the peer has
 * been silent for the probe interval it sends an "echo" request of its own
 * (id "echo"); the reply is consumed here.  If that goes unanswered for
 * another interval the connection is dropped and made again.
 *
 * The sequence number (jsonrpc_session_get_seqno()) changes whenever the
 * connection is made or lost, so a client that sees it change knows that
 * requests it sent may be lost and the peer's state must be fetched
 * again.  Messages are never carried over from one connection to the
 * next. */

#include <stdbool.h>
#include <stddef.h>
#include "jsonrpc.h"

struct jsonrpc_session;

/* Creates a session for 'name' and enables it: the first attempt is made by
 * the first jsonrpc_session_run(). */
struct jsonrpc_session *jsonrpc_session_open(const char *name);
void jsonrpc_session_close(struct jsonrpc_session *);

void jsonrpc_session_run(struct jsonrpc_session *);
void jsonrpc_session_wait(struct jsonrpc_session *);

/* Sends 'msg' (consumed).  Returns 0, or ENOTCONN if the session is not
 * connected (the message is dropped), or the connection's error. */
int jsonrpc_session_send(struct jsonrpc_session *, struct jsonrpc_msg *msg);

/* Returns the next received message (the caller frees it), or NULL if none
 * is available.  Echo traffic is handled internally and never returned. */
struct jsonrpc_msg *jsonrpc_session_recv(struct jsonrpc_session *);
void jsonrpc_session_recv_wait(struct jsonrpc_session *);

bool jsonrpc_session_is_connected(const struct jsonrpc_session *);

/* False once the session has given up (see set_max_tries). */
bool jsonrpc_session_is_alive(const struct jsonrpc_session *);

unsigned int jsonrpc_session_get_seqno(const struct jsonrpc_session *);

/* The error of the last failed attempt or lost connection (positive errno,
 * EOF when the peer closed it), or 0 after a successful connection. */
int jsonrpc_session_get_last_error(const struct jsonrpc_session *);

const char *jsonrpc_session_get_name(const struct jsonrpc_session *);
size_t jsonrpc_session_get_backlog(const struct jsonrpc_session *);

/* Drops the connection and reconnects at once. */
void jsonrpc_session_force_reconnect(struct jsonrpc_session *);

/* Drops the connection as a failure: the next attempt comes after the
 * (growing) backoff, and it counts against the maximum number of tries.
 * For a peer that accepted the connection but cannot serve us. */
void jsonrpc_session_fail(struct jsonrpc_session *, int error);

/* 0 (the default) retries forever. */
void jsonrpc_session_set_max_tries(struct jsonrpc_session *,
                                   unsigned int max_tries);
void jsonrpc_session_set_backoff(struct jsonrpc_session *, int min_backoff,
                                 int max_backoff);
void jsonrpc_session_set_probe_interval(struct jsonrpc_session *,
                                        int probe_interval);

#endif /* jsonrpc-session.h */
