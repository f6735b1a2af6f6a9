/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef JSONRPC_H
#define JSONRPC_H 1

/* JSON-RPC 1.0 over a byte stream, as RFC 7047 and unixctl use it.
 *
 * Messages are JSON objects sent back to back with no other framing.  The
 * receiver splits the byte stream into values itself (struct json_framer),
 * so a read may hold several messages or part of one.  JSON values are
 * jansson's json_t. */

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include "compiler.h"

struct stream;

/* The default cap on one received message; larger ones are an error that
 * closes the connection (EMSGSIZE). */
#define JSONRPC_DEFAULT_MAX_MSG_SIZE (64u * 1024 * 1024)

/* Messages. */
enum jsonrpc_msg_type {
    JSONRPC_REQUEST,    /* method, params, id. */
    JSONRPC_NOTIFY,     /* method, params, id is null. */
    JSONRPC_REPLY,      /* result, error is null, id. */
    JSONRPC_ERROR       /* error, result is null, id. */
};

struct jsonrpc_msg {
    enum jsonrpc_msg_type type;
    char *method;       /* Request or notification only. */
    json_t *params;     /* Request or notification only: an array. */
    json_t *result;     /* Reply only. */
    json_t *error;      /* Error only. */
    json_t *id;         /* Request, reply or error. */
};

/* Constructors take ownership of the json_t passed to them and copy 'id'
 * (they take a new reference).  jsonrpc_create_request() makes a fresh id
 * and, if 'idp' is nonnull, stores a new reference to it there. */
struct jsonrpc_msg *jsonrpc_create_request(const char *method, json_t *params,
                                           json_t **idp);
struct jsonrpc_msg *jsonrpc_create_notify(const char *method, json_t *params);
struct jsonrpc_msg *jsonrpc_create_reply(json_t *result, const json_t *id);
struct jsonrpc_msg *jsonrpc_create_error(json_t *error, const json_t *id);
void jsonrpc_msg_destroy(struct jsonrpc_msg *);
const char *jsonrpc_msg_type_to_string(enum jsonrpc_msg_type);

/* Converts between a message and its JSON object.  from_json() never takes
 * ownership of 'json'; it returns NULL and stores the message in '*msgp', or
 * returns an error string (to free) and stores NULL.  to_json() consumes
 * 'msg'. */
char *jsonrpc_msg_from_json(const json_t *json, struct jsonrpc_msg **msgp)
    OVS_WARN_UNUSED_RESULT;
json_t *jsonrpc_msg_to_json(struct jsonrpc_msg *msg);
char *jsonrpc_msg_to_string(const struct jsonrpc_msg *);  /* For logs. */

/* The byte-stream framer: finds where each top-level JSON value ends in a
 * stream of bytes, with a cap on the size of one value.  Pure: no I/O. */
struct json_framer;

struct json_framer *json_framer_create(size_t max_size);
void json_framer_destroy(struct json_framer *);

/* Consumes bytes from 'data' up to the end of the current value at most,
 * and returns how many it consumed.  Call json_framer_done() after. */
size_t json_framer_feed(struct json_framer *, const char *data, size_t n);

/* True once a complete value (or an error) is ready to take. */
bool json_framer_done(const struct json_framer *);

/* Takes the completed value: returns it, or NULL with '*errorp' set to an
 * error string to free (bad JSON, or over the size cap).  Resets the framer
 * for the next value. */
json_t *json_framer_take(struct json_framer *, char **errorp);

/* Connections. */
struct jsonrpc;

struct jsonrpc *jsonrpc_open(struct stream *);  /* Takes ownership. */
void jsonrpc_close(struct jsonrpc *);
const char *jsonrpc_get_name(const struct jsonrpc *);
void jsonrpc_set_max_msg_size(struct jsonrpc *, size_t max_size);

void jsonrpc_run(struct jsonrpc *);
void jsonrpc_wait(struct jsonrpc *);

/* 0 while healthy; otherwise the error that broke the connection (EOF when
 * the peer closed it).  Once nonzero it stays so. */
int jsonrpc_get_status(const struct jsonrpc *);
size_t jsonrpc_get_backlog(const struct jsonrpc *);   /* Bytes unsent. */

/* Queues 'msg' (consumed) for sending.  Returns the connection status. */
int jsonrpc_send(struct jsonrpc *, struct jsonrpc_msg *msg);

/* Returns 0 with the next message in '*msgp', EAGAIN if none has arrived
 * completely, or the connection's error. */
int jsonrpc_recv(struct jsonrpc *, struct jsonrpc_msg **msgp);
void jsonrpc_recv_wait(struct jsonrpc *);

/* Blocking forms, for command-line clients. */
int jsonrpc_send_block(struct jsonrpc *, struct jsonrpc_msg *msg);
int jsonrpc_recv_block(struct jsonrpc *, struct jsonrpc_msg **msgp);

/* Sends 'request' (consumed) and waits for the reply or error with the same
 * id, answering "echo" requests meanwhile and discarding other messages. */
int jsonrpc_transact_block(struct jsonrpc *, struct jsonrpc_msg *request,
                           struct jsonrpc_msg **replyp);

#endif /* jsonrpc.h */
