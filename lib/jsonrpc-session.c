/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>

#include "jsonrpc-session.h"

#include <errno.h>
#include <string.h>
#include "poll-loop.h"
#include "reconnect.h"
#include "stream.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(jsonrpc_session);

struct jsonrpc_session {
    char *name;
    struct reconnect *reconnect;
    struct stream *stream;      /* Connection attempt in progress, or NULL. */
    struct jsonrpc *rpc;        /* Established connection, or NULL. */
};

struct jsonrpc_session *
jsonrpc_session_open(const char *name)
{
    struct jsonrpc_session *s = xzalloc(sizeof *s);

    s->name = xstrdup(name);
    s->reconnect = reconnect_create(time_msec());
    reconnect_set_name(s->reconnect, name);
    reconnect_enable(s->reconnect, time_msec());
    return s;
}

static void
jsonrpc_session_disconnect__(struct jsonrpc_session *s)
{
    if (s->rpc) {
        jsonrpc_close(s->rpc);
        s->rpc = NULL;
    }
    if (s->stream) {
        stream_close(s->stream);
        s->stream = NULL;
    }
}

void
jsonrpc_session_close(struct jsonrpc_session *s)
{
    if (s) {
        jsonrpc_session_disconnect__(s);
        reconnect_destroy(s->reconnect);
        free(s->name);
        free(s);
    }
}

static void
jsonrpc_session_start__(struct jsonrpc_session *s)
{
    long long int now = time_msec();
    int error;

    jsonrpc_session_disconnect__(s);
    reconnect_connecting(s->reconnect, now);
    error = stream_open(s->name, &s->stream, 0);
    if (error) {
        reconnect_connect_failed(s->reconnect, now, error);
    }
}

/* Advances a connection attempt in progress. */
static void
jsonrpc_session_connect_step__(struct jsonrpc_session *s)
{
    int error = stream_connect(s->stream);

    if (!error) {
        s->rpc = jsonrpc_open(s->stream);
        s->stream = NULL;
        reconnect_connected(s->reconnect, time_msec());
        VLOG_DBG("%s: connected", s->name);
    } else if (error != EAGAIN) {
        stream_close(s->stream);
        s->stream = NULL;
        reconnect_connect_failed(s->reconnect, time_msec(), error);
    }
}

static void
jsonrpc_session_probe__(struct jsonrpc_session *s)
{
    if (s->rpc) {
        json_t *params = json_array();
        struct jsonrpc_msg *request;
        json_t *id;

        request = jsonrpc_create_request("echo", params, &id);
        json_decref(id);
        json_decref(request->id);
        request->id = json_string("echo");
        jsonrpc_send(s->rpc, request);
    }
}

void
jsonrpc_session_run(struct jsonrpc_session *s)
{
    if (s->rpc) {
        int error;

        jsonrpc_run(s->rpc);
        error = jsonrpc_get_status(s->rpc);
        if (error) {
            jsonrpc_session_disconnect__(s);
            reconnect_disconnected(s->reconnect, time_msec(), error);
        }
    } else if (s->stream) {
        jsonrpc_session_connect_step__(s);
    }

    switch (reconnect_run(s->reconnect, time_msec())) {
    case RECONNECT_NONE:
        break;
    case RECONNECT_CONNECT:
        jsonrpc_session_start__(s);
        if (s->stream) {
            jsonrpc_session_connect_step__(s);
        }
        break;
    case RECONNECT_DISCONNECT: {
        /* An attempt still in progress has timed out. */
        int error = s->stream ? ETIMEDOUT : 0;

        jsonrpc_session_disconnect__(s);
        reconnect_disconnected(s->reconnect, time_msec(), error);
        break;
    }
    case RECONNECT_PROBE:
        jsonrpc_session_probe__(s);
        break;
    }
}

void
jsonrpc_session_wait(struct jsonrpc_session *s)
{
    if (s->rpc) {
        jsonrpc_wait(s->rpc);
    } else if (s->stream) {
        stream_run_wait(s->stream);
        stream_connect_wait(s->stream);
    }
    reconnect_wait(s->reconnect, time_msec());
}

int
jsonrpc_session_send(struct jsonrpc_session *s, struct jsonrpc_msg *msg)
{
    if (!s->rpc) {
        jsonrpc_msg_destroy(msg);
        return ENOTCONN;
    }
    return jsonrpc_send(s->rpc, msg);
}

static bool
jsonrpc_session_is_echo_reply__(const struct jsonrpc_msg *msg)
{
    return ((msg->type == JSONRPC_REPLY || msg->type == JSONRPC_ERROR)
            && json_is_string(msg->id)
            && !strcmp(json_string_value(msg->id), "echo"));
}

struct jsonrpc_msg *
jsonrpc_session_recv(struct jsonrpc_session *s)
{
    while (s->rpc) {
        struct jsonrpc_msg *msg;
        int error = jsonrpc_recv(s->rpc, &msg);

        if (error) {
            if (error != EAGAIN) {
                jsonrpc_session_disconnect__(s);
                reconnect_disconnected(s->reconnect, time_msec(), error);
            }
            return NULL;
        }
        reconnect_activity(s->reconnect, time_msec());
        if (msg->type == JSONRPC_REQUEST && !strcmp(msg->method, "echo")) {
            json_t *params = json_incref(msg->params);

            jsonrpc_send(s->rpc, jsonrpc_create_reply(params, msg->id));
            jsonrpc_msg_destroy(msg);
        } else if (jsonrpc_session_is_echo_reply__(msg)) {
            jsonrpc_msg_destroy(msg);
        } else {
            return msg;
        }
    }
    return NULL;
}

void
jsonrpc_session_recv_wait(struct jsonrpc_session *s)
{
    if (s->rpc) {
        jsonrpc_recv_wait(s->rpc);
    }
}

bool
jsonrpc_session_is_connected(const struct jsonrpc_session *s)
{
    return s->rpc != NULL;
}

bool
jsonrpc_session_is_alive(const struct jsonrpc_session *s)
{
    return s->rpc || s->stream || reconnect_is_enabled(s->reconnect);
}

unsigned int
jsonrpc_session_get_seqno(const struct jsonrpc_session *s)
{
    return reconnect_get_seqno(s->reconnect);
}

int
jsonrpc_session_get_last_error(const struct jsonrpc_session *s)
{
    return reconnect_get_last_error(s->reconnect);
}

const char *
jsonrpc_session_get_name(const struct jsonrpc_session *s)
{
    return s->name;
}

size_t
jsonrpc_session_get_backlog(const struct jsonrpc_session *s)
{
    return s->rpc ? jsonrpc_get_backlog(s->rpc) : 0;
}

void
jsonrpc_session_force_reconnect(struct jsonrpc_session *s)
{
    reconnect_force_reconnect(s->reconnect, time_msec());
}

void
jsonrpc_session_fail(struct jsonrpc_session *s, int error)
{
    jsonrpc_session_disconnect__(s);
    reconnect_connect_failed(s->reconnect, time_msec(), error);
}

void
jsonrpc_session_set_max_tries(struct jsonrpc_session *s,
                              unsigned int max_tries)
{
    reconnect_set_max_tries(s->reconnect, max_tries);
}

void
jsonrpc_session_set_backoff(struct jsonrpc_session *s, int min_backoff,
                            int max_backoff)
{
    reconnect_set_backoff(s->reconnect, min_backoff, max_backoff);
}

void
jsonrpc_session_set_probe_interval(struct jsonrpc_session *s,
                                   int probe_interval)
{
    reconnect_set_probe_interval(s->reconnect, probe_interval);
}
