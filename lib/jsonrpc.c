/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* JSON-RPC 1.0 as RFC 7047 uses it: messages, the byte-stream framer, and
 * connections over a stream.  See jsonrpc.h. */

#include <config.h>
#include "jsonrpc.h"

#include <errno.h>
#include <string.h>

#include "dynamic-string.h"
#include "list.h"
#include "poll-loop.h"
#include "stream.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(jsonrpc);

/* How jansson serialises what we send: compact, members in the order we
 * added them. */
#define JSONRPC_DUMP_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER)

/* Messages. */

static struct jsonrpc_msg *
jsonrpc_msg_create__(enum jsonrpc_msg_type type, const char *method,
                     json_t *params, json_t *result, json_t *error,
                     json_t *id)
{
    struct jsonrpc_msg *msg = xzalloc(sizeof *msg);

    msg->type = type;
    msg->method = method ? xstrdup(method) : NULL;
    msg->params = params;
    msg->result = result;
    msg->error = error;
    msg->id = id;
    return msg;
}

/* Returns a new id: integers counting up from 0, process-wide. */
static json_t *
jsonrpc_next_id__(void)
{
    static unsigned long long int next_id;

    return json_integer(__atomic_fetch_add(&next_id, 1, __ATOMIC_RELAXED));
}

struct jsonrpc_msg *
jsonrpc_create_request(const char *method, json_t *params, json_t **idp)
{
    json_t *id = jsonrpc_next_id__();

    if (idp) {
        *idp = json_incref(id);
    }
    return jsonrpc_msg_create__(JSONRPC_REQUEST, method,
                                params ? params : json_array(), NULL, NULL,
                                id);
}

struct jsonrpc_msg *
jsonrpc_create_notify(const char *method, json_t *params)
{
    return jsonrpc_msg_create__(JSONRPC_NOTIFY, method,
                                params ? params : json_array(), NULL, NULL,
                                NULL);
}

struct jsonrpc_msg *
jsonrpc_create_reply(json_t *result, const json_t *id)
{
    return jsonrpc_msg_create__(JSONRPC_REPLY, NULL, NULL,
                                result ? result : json_null(), NULL,
                                id ? json_incref((json_t *) id)
                                   : json_null());
}

struct jsonrpc_msg *
jsonrpc_create_error(json_t *error, const json_t *id)
{
    return jsonrpc_msg_create__(JSONRPC_ERROR, NULL, NULL, NULL,
                                error ? error : json_string("error"),
                                id ? json_incref((json_t *) id)
                                   : json_null());
}

void
jsonrpc_msg_destroy(struct jsonrpc_msg *msg)
{
    if (msg) {
        free(msg->method);
        json_decref(msg->params);
        json_decref(msg->result);
        json_decref(msg->error);
        json_decref(msg->id);
        free(msg);
    }
}

const char *
jsonrpc_msg_type_to_string(enum jsonrpc_msg_type type)
{
    switch (type) {
    case JSONRPC_REQUEST:
        return "request";
    case JSONRPC_NOTIFY:
        return "notification";
    case JSONRPC_REPLY:
        return "reply";
    case JSONRPC_ERROR:
        return "error";
    }
    return "(unknown)";
}

/* The members a message may have. */
struct jsonrpc_members {
    json_t *method;
    json_t *params;
    json_t *result;
    json_t *error;
    json_t *id;
};

/* Sorts the members of 'json' into 'm'.  Returns NULL, or an error string
 * to free if 'json' has a member JSON-RPC does not define. */
static char *
jsonrpc_collect_members__(const json_t *json, struct jsonrpc_members *m)
{
    static const struct {
        const char *name;
        size_t offset;
    } members[] = {
        { "method", offsetof(struct jsonrpc_members, method) },
        { "params", offsetof(struct jsonrpc_members, params) },
        { "result", offsetof(struct jsonrpc_members, result) },
        { "error", offsetof(struct jsonrpc_members, error) },
        { "id", offsetof(struct jsonrpc_members, id) },
    };
    const char *key;
    json_t *value;

    json_object_foreach ((json_t *) json, key, value) {
        size_t i;

        for (i = 0; i < ARRAY_SIZE(members); i++) {
            if (!strcmp(key, members[i].name)) {
                *(json_t **) ((char *) m + members[i].offset) = value;
                break;
            }
        }
        if (i >= ARRAY_SIZE(members)) {
            return xasprintf("message has unexpected member \"%.64s\"", key);
        }
    }
    return NULL;
}

static bool
json_is_present__(const json_t *json)
{
    return json && !json_is_null(json);
}

/* Checks the members 'm' of a request or notification. */
static char *
jsonrpc_check_request__(const struct jsonrpc_members *m)
{
    if (!json_is_string(m->method)) {
        return xstrdup("\"method\" is not a JSON string");
    } else if (!m->params) {
        return xstrdup("request or notification lacks \"params\"");
    } else if (!json_is_array(m->params)) {
        return xstrdup("\"params\" is not a JSON array");
    } else if (m->result) {
        return xstrdup("request or notification has \"result\"");
    } else if (m->error) {
        return xstrdup("request or notification has \"error\"");
    }
    return NULL;
}

/* Checks the members 'm' of a reply or error and stores its type in
 * '*type'. */
static char *
jsonrpc_check_response__(const struct jsonrpc_members *m,
                         enum jsonrpc_msg_type *type)
{
    if (m->params) {
        return xstrdup("reply or error has \"params\"");
    } else if (!m->id) {
        return xstrdup("reply or error lacks \"id\"");
    }

    if (json_is_present__(m->error)) {
        if (json_is_present__(m->result)) {
            return xstrdup("message has both \"result\" and a non-null "
                           "\"error\"");
        }
        *type = JSONRPC_ERROR;
    } else if (m->result) {
        if (json_is_null(m->id)) {
            return xstrdup("reply has null \"id\"");
        }
        *type = JSONRPC_REPLY;
    } else {
        return xstrdup("error message has null \"error\" and no "
                       "\"result\"");
    }
    return NULL;
}

char *
jsonrpc_msg_from_json(const json_t *json, struct jsonrpc_msg **msgp)
{
    struct jsonrpc_members m = { NULL, NULL, NULL, NULL, NULL };
    enum jsonrpc_msg_type type;
    char *error;

    *msgp = NULL;
    if (!json_is_object(json)) {
        return xstrdup("message is not a JSON object");
    }
    error = jsonrpc_collect_members__(json, &m);
    if (error) {
        return error;
    }

    if (m.method) {
        error = jsonrpc_check_request__(&m);
        type = json_is_present__(m.id) ? JSONRPC_REQUEST : JSONRPC_NOTIFY;
    } else if (m.result || m.error) {
        error = jsonrpc_check_response__(&m, &type);
    } else {
        error = xstrdup("message has no \"method\", \"result\" or "
                        "\"error\"");
    }
    if (error) {
        return error;
    }

    switch (type) {
    case JSONRPC_REQUEST:
    case JSONRPC_NOTIFY:
        *msgp = jsonrpc_msg_create__(
            type, json_string_value(m.method), json_incref(m.params),
            NULL, NULL, type == JSONRPC_REQUEST ? json_incref(m.id) : NULL);
        break;
    case JSONRPC_REPLY:
        *msgp = jsonrpc_msg_create__(type, NULL, NULL, json_incref(m.result),
                                     NULL, json_incref(m.id));
        break;
    case JSONRPC_ERROR:
        *msgp = jsonrpc_msg_create__(type, NULL, NULL, NULL,
                                     json_incref(m.error), json_incref(m.id));
        break;
    }
    return NULL;
}

json_t *
jsonrpc_msg_to_json(struct jsonrpc_msg *msg)
{
    json_t *json = json_object();

    switch (msg->type) {
    case JSONRPC_REQUEST:
    case JSONRPC_NOTIFY:
        json_object_set_new(json, "id", msg->id ? msg->id : json_null());
        json_object_set_new(json, "method", json_string(msg->method));
        json_object_set_new(json, "params", msg->params);
        break;
    case JSONRPC_REPLY:
        json_object_set_new(json, "id", msg->id);
        json_object_set_new(json, "result", msg->result);
        json_object_set_new(json, "error", json_null());
        break;
    case JSONRPC_ERROR:
        json_object_set_new(json, "id", msg->id);
        json_object_set_new(json, "result", json_null());
        json_object_set_new(json, "error", msg->error);
        break;
    }

    /* The references moved into 'json'; free the rest. */
    msg->id = msg->params = msg->result = msg->error = NULL;
    jsonrpc_msg_destroy(msg);
    return json;
}

static void
jsonrpc_put_member__(struct ds *ds, const char *name, const json_t *value)
{
    char *text;

    if (!value) {
        return;
    }
    text = json_dumps(value, JSONRPC_DUMP_FLAGS | JSON_ENCODE_ANY);
    ds_put_format(ds, ", %s=%s", name, text ? text : "(unprintable)");
    free(text);
}

char *
jsonrpc_msg_to_string(const struct jsonrpc_msg *msg)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    ds_put_cstr(&ds, jsonrpc_msg_type_to_string(msg->type));
    if (msg->method) {
        ds_put_format(&ds, ", method=\"%s\"", msg->method);
    }
    jsonrpc_put_member__(&ds, "params", msg->params);
    jsonrpc_put_member__(&ds, "result", msg->result);
    jsonrpc_put_member__(&ds, "error", msg->error);
    jsonrpc_put_member__(&ds, "id", msg->id);
    return ds_steal_cstr(&ds);
}

/* The framer.
 *
 * It scans bytes with just enough of a JSON lexer to find where a
 * top-level object or array ends: nesting depth, whether it is inside a
 * string, and whether the previous byte in a string was a backslash.  It
 * buffers the bytes of the value and, once the value is complete, hands
 * them to jansson, which does the real parsing and validation (UTF-8
 * included).  A top-level value must be an object or an array, so any
 * other byte between values, except whitespace, is an error at once. */

/* Buffer size that a framer keeps between values. */
#define JSON_FRAMER_KEEP_SIZE (1024 * 1024)

struct json_framer {
    size_t max_size;            /* Cap on the bytes of one value. */
    struct ds buffer;           /* Bytes of the value so far. */
    size_t depth;               /* Open '{' and '[', 0 between values. */
    bool in_string;             /* Inside a string literal. */
    bool escaped;               /* Previous byte was a '\\' in a string. */
    bool done;                  /* A value or an error is ready. */
    char *error;                /* The error, if any, when 'done'. */
    int error_code;             /* EPROTO or EMSGSIZE, with 'error'. */
};

struct json_framer *
json_framer_create(size_t max_size)
{
    struct json_framer *f = xzalloc(sizeof *f);

    f->max_size = max_size;
    ds_init(&f->buffer);
    return f;
}

void
json_framer_destroy(struct json_framer *f)
{
    if (f) {
        ds_destroy(&f->buffer);
        free(f->error);
        free(f);
    }
}

static void
json_framer_fail__(struct json_framer *f, int error_code, char *error)
{
    f->done = true;
    f->error = error;
    f->error_code = error_code;
}

static bool
json_framer_is_space__(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Handles byte 'c' inside a value.  Returns true if it ends the value. */
static bool
json_framer_scan__(struct json_framer *f, unsigned char c)
{
    if (f->in_string) {
        if (f->escaped) {
            f->escaped = false;
        } else if (c == '\\') {
            f->escaped = true;
        } else if (c == '"') {
            f->in_string = false;
        }
    } else if (c == '"') {
        f->in_string = true;
    } else if (c == '{' || c == '[') {
        f->depth++;
    } else if (c == '}' || c == ']') {
        return --f->depth == 0;
    }
    return false;
}

size_t
json_framer_feed(struct json_framer *f, const char *data, size_t n)
{
    size_t start = 0;           /* Where this call's value bytes begin. */
    size_t i;

    if (f->done) {
        return 0;
    }

    for (i = 0; i < n; i++) {
        unsigned char c = data[i];

        if (!f->depth) {
            /* Between values. */
            if (json_framer_is_space__(c)) {
                continue;
            } else if (c != '{' && c != '[') {
                json_framer_fail__(
                    f, EPROTO,
                    (c >= 0x20 && c < 0x7f
                     ? xasprintf("unexpected '%c' outside a JSON object or "
                                 "array", c)
                     : xasprintf("unexpected byte 0x%02x outside a JSON "
                                 "object or array", c)));
                return i + 1;
            }
            start = i;
        }

        /* Byte 'i' belongs to the value; it is byte number
         * 'buffer.length + (i - start) + 1' of it. */
        if (f->buffer.length + (i - start) >= f->max_size) {
            json_framer_fail__(f, EMSGSIZE,
                               xasprintf("message exceeds %zu bytes",
                                         f->max_size));
            return i + 1;
        }

        if (!f->depth) {
            f->depth = 1;
        } else if (json_framer_scan__(f, c)) {
            i++;
            f->done = true;
            break;
        }
    }

    if (f->depth || f->done) {
        ds_put_buffer(&f->buffer, data + start, i - start);
    }
    return i;
}

bool
json_framer_done(const struct json_framer *f)
{
    return f->done;
}

/* Returns the framer to its state between values. */
static void
json_framer_reset__(struct json_framer *f)
{
    /* Keep a buffer of ordinary size for the next value, but do not hold
     * on to the memory of an exceptionally large one. */
    if (f->buffer.allocated > JSON_FRAMER_KEEP_SIZE) {
        ds_destroy(&f->buffer);
        ds_init(&f->buffer);
    }
    ds_clear(&f->buffer);
    f->depth = 0;
    f->in_string = false;
    f->escaped = false;
    f->done = false;
    f->error = NULL;
    f->error_code = 0;
}

/* As json_framer_take(), also storing in '*error_code' 0, EPROTO or
 * EMSGSIZE. */
static json_t *
json_framer_take__(struct json_framer *f, char **errorp, int *error_code)
{
    json_t *json = NULL;

    *errorp = NULL;
    *error_code = EPROTO;
    if (f->error) {
        *errorp = f->error;
        *error_code = f->error_code;
    } else if (!f->done) {
        *errorp = xstrdup(f->depth
                          ? "unexpected end of input inside a JSON value"
                          : "no JSON value to take");
    } else {
        json_error_t jerror;

        /* No JSON_DECODE_ANY (the value is an object or an array), no
         * JSON_ALLOW_NUL (NUL in a string is an error), and the check that
         * nothing follows the value stays on. */
        json = json_loadb(f->buffer.string, f->buffer.length, 0, &jerror);
        if (json) {
            *error_code = 0;
        } else {
            *errorp = xasprintf("JSON parse error at byte %d: %s",
                                jerror.position, jerror.text);
        }
    }
    json_framer_reset__(f);
    return json;
}

json_t *
json_framer_take(struct json_framer *f, char **errorp)
{
    int error_code;

    return json_framer_take__(f, errorp, &error_code);
}

/* Connections. */

/* A message waiting to be sent. */
struct jsonrpc_output {
    struct ovs_list list_node;  /* In struct jsonrpc's 'output'. */
    char *data;                 /* Serialised message, from json_dumps(). */
    size_t size;                /* Bytes in 'data'. */
    size_t sent;                /* Bytes of 'data' already sent. */
};

/* Bytes read from the stream at once. */
#define JSONRPC_INPUT_SIZE 16384

/* Messages jsonrpc_recv() reads before it returns EAGAIN, so that a busy
 * peer cannot starve the rest of the event loop. */
#define JSONRPC_RECV_BATCH 64

struct jsonrpc {
    struct stream *stream;
    int status;                 /* 0, or the error that broke it. */

    struct ovs_list output;     /* struct jsonrpc_output, oldest first. */
    size_t backlog;             /* Bytes in 'output' not yet sent. */

    struct json_framer *framer;
    char input[JSONRPC_INPUT_SIZE];
    size_t input_ofs;           /* Bytes of 'input' already framed. */
    size_t input_len;           /* Bytes of 'input' valid. */
};

struct jsonrpc *
jsonrpc_open(struct stream *stream)
{
    struct jsonrpc *rpc = xzalloc(sizeof *rpc);

    rpc->stream = stream;
    ovs_list_init(&rpc->output);
    rpc->framer = json_framer_create(JSONRPC_DEFAULT_MAX_MSG_SIZE);
    return rpc;
}

static void
jsonrpc_clear_output__(struct jsonrpc *rpc)
{
    struct jsonrpc_output *out;

    LIST_FOR_EACH_POP (out, list_node, &rpc->output) {
        free(out->data);
        free(out);
    }
    rpc->backlog = 0;
}

void
jsonrpc_close(struct jsonrpc *rpc)
{
    if (rpc) {
        jsonrpc_clear_output__(rpc);
        json_framer_destroy(rpc->framer);
        stream_close(rpc->stream);
        free(rpc);
    }
}

const char *
jsonrpc_get_name(const struct jsonrpc *rpc)
{
    return stream_get_name(rpc->stream);
}

void
jsonrpc_set_max_msg_size(struct jsonrpc *rpc, size_t max_size)
{
    rpc->framer->max_size = max_size;
}

/* Breaks 'rpc' with 'error', unless it is already broken.  The status
 * never changes afterward and nothing more is sent.  The caller logs. */
static void
jsonrpc_error__(struct jsonrpc *rpc, int error)
{
    if (!rpc->status) {
        rpc->status = error;
        jsonrpc_clear_output__(rpc);
    }
}

/* Breaks 'rpc' because 'operation' on its stream failed with 'error'. */
static void
jsonrpc_stream_error__(struct jsonrpc *rpc, const char *operation,
                       int error)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

    /* Writing to a peer that has closed the connection is how a sender
     * learns of the close, so report it as the close it is. */
    if (error == EPIPE) {
        error = EOF;
    }
    if (error == EOF) {
        VLOG_DBG("%s: connection closed by peer", jsonrpc_get_name(rpc));
    } else {
        VLOG_WARN_RL(&rl, "%s: %s error, dropping connection (%s)",
                     jsonrpc_get_name(rpc), operation,
                     ovs_retval_to_string(error));
    }
    jsonrpc_error__(rpc, error);
}

void
jsonrpc_run(struct jsonrpc *rpc)
{
    if (rpc->status) {
        return;
    }

    stream_run(rpc->stream);
    while (!ovs_list_is_empty(&rpc->output)) {
        struct jsonrpc_output *out = CONTAINER_OF(
            ovs_list_front(&rpc->output), struct jsonrpc_output, list_node);
        size_t n;
        int error;

        error = stream_send(rpc->stream, out->data + out->sent,
                            out->size - out->sent, &n);
        if (error) {
            if (error != EAGAIN) {
                jsonrpc_stream_error__(rpc, "send", error);
            }
            break;
        }
        out->sent += n;
        rpc->backlog -= n;
        if (out->sent >= out->size) {
            ovs_list_remove(&out->list_node);
            free(out->data);
            free(out);
        }
    }
}

void
jsonrpc_wait(struct jsonrpc *rpc)
{
    if (!rpc->status) {
        stream_run_wait(rpc->stream);
        if (!ovs_list_is_empty(&rpc->output)) {
            stream_send_wait(rpc->stream);
        }
    }
}

int
jsonrpc_get_status(const struct jsonrpc *rpc)
{
    return rpc->status;
}

size_t
jsonrpc_get_backlog(const struct jsonrpc *rpc)
{
    return rpc->status ? 0 : rpc->backlog;
}

int
jsonrpc_send(struct jsonrpc *rpc, struct jsonrpc_msg *msg)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
    struct jsonrpc_output *out;
    bool was_idle;
    json_t *json;
    char *text;

    if (rpc->status) {
        jsonrpc_msg_destroy(msg);
        return rpc->status;
    }

    json = jsonrpc_msg_to_json(msg);
    text = json_dumps(json, JSONRPC_DUMP_FLAGS);
    json_decref(json);
    if (!text) {
        /* jansson refuses only values it cannot represent, such as strings
         * built without UTF-8 checks.  That is the caller's bug, not the
         * connection's. */
        VLOG_ERR_RL(&rl, "%s: message cannot be serialised, dropping it",
                    jsonrpc_get_name(rpc));
        return EINVAL;
    }
    VLOG_DBG("%s: send %s", jsonrpc_get_name(rpc), text);

    out = xmalloc(sizeof *out);
    out->data = text;
    out->size = strlen(text);
    out->sent = 0;
    was_idle = ovs_list_is_empty(&rpc->output);
    ovs_list_push_back(&rpc->output, &out->list_node);
    rpc->backlog += out->size;

    if (was_idle) {
        jsonrpc_run(rpc);
    }
    return rpc->status;
}

/* Takes the value the framer completed and turns it into a message in
 * '*msgp'.  Returns 0 or the error that now breaks 'rpc'. */
static int
jsonrpc_take_msg__(struct jsonrpc *rpc, struct jsonrpc_msg **msgp)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
    int error_code;
    char *error;
    json_t *json;

    json = json_framer_take__(rpc->framer, &error, &error_code);
    if (!json) {
        VLOG_WARN_RL(&rl, "%s: received bad JSON, dropping connection (%s)",
                     jsonrpc_get_name(rpc), error);
        free(error);
        jsonrpc_error__(rpc, error_code);
        return rpc->status;
    }

    if (VLOG_IS_DBG_ENABLED()) {
        char *text = json_dumps(json, JSONRPC_DUMP_FLAGS);

        VLOG_DBG("%s: received %s", jsonrpc_get_name(rpc),
                 text ? text : "(unprintable)");
        free(text);
    }

    error = jsonrpc_msg_from_json(json, msgp);
    json_decref(json);
    if (error) {
        VLOG_WARN_RL(&rl, "%s: received bad JSON-RPC message, dropping "
                     "connection (%s)", jsonrpc_get_name(rpc), error);
        free(error);
        jsonrpc_error__(rpc, EPROTO);
        return rpc->status;
    }
    return 0;
}

/* Handles end of stream or a receive error 'error' on 'rpc'. */
static void
jsonrpc_recv_failed__(struct jsonrpc *rpc, int error)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

    if (error == EOF && rpc->framer->depth) {
        VLOG_WARN_RL(&rl, "%s: connection closed in the middle of a message",
                     jsonrpc_get_name(rpc));
        jsonrpc_error__(rpc, EPROTO);
    } else {
        jsonrpc_stream_error__(rpc, "receive", error);
    }
}

int
jsonrpc_recv(struct jsonrpc *rpc, struct jsonrpc_msg **msgp)
{
    *msgp = NULL;
    if (rpc->status) {
        return rpc->status;
    }

    for (int i = 0; i < JSONRPC_RECV_BATCH; i++) {
        if (rpc->input_ofs < rpc->input_len) {
            rpc->input_ofs += json_framer_feed(
                rpc->framer, rpc->input + rpc->input_ofs,
                rpc->input_len - rpc->input_ofs);
            if (json_framer_done(rpc->framer)) {
                return jsonrpc_take_msg__(rpc, msgp);
            }
        } else {
            size_t n;
            int error;

            error = stream_recv(rpc->stream, rpc->input, sizeof rpc->input,
                                &n);
            if (error) {
                if (error != EAGAIN) {
                    jsonrpc_recv_failed__(rpc, error);
                    return rpc->status;
                }
                return EAGAIN;
            }
            rpc->input_ofs = 0;
            rpc->input_len = n;
        }
    }
    return EAGAIN;
}

void
jsonrpc_recv_wait(struct jsonrpc *rpc)
{
    if (rpc->status || rpc->input_ofs < rpc->input_len) {
        poll_immediate_wake();
    } else {
        stream_recv_wait(rpc->stream);
    }
}

int
jsonrpc_send_block(struct jsonrpc *rpc, struct jsonrpc_msg *msg)
{
    int error;

    error = jsonrpc_send(rpc, msg);
    if (error) {
        return error;
    }
    for (;;) {
        jsonrpc_run(rpc);
        if (rpc->status || ovs_list_is_empty(&rpc->output)) {
            return rpc->status;
        }
        jsonrpc_wait(rpc);
        poll_block();
    }
}

int
jsonrpc_recv_block(struct jsonrpc *rpc, struct jsonrpc_msg **msgp)
{
    for (;;) {
        int error = jsonrpc_recv(rpc, msgp);

        if (error != EAGAIN) {
            return error;
        }
        jsonrpc_run(rpc);
        jsonrpc_wait(rpc);
        jsonrpc_recv_wait(rpc);
        poll_block();
    }
}

int
jsonrpc_transact_block(struct jsonrpc *rpc, struct jsonrpc_msg *request,
                       struct jsonrpc_msg **replyp)
{
    json_t *id;
    int error;

    *replyp = NULL;
    if (request->type != JSONRPC_REQUEST) {
        jsonrpc_msg_destroy(request);
        return EINVAL;
    }

    id = json_incref(request->id);
    error = jsonrpc_send_block(rpc, request);
    while (!error) {
        struct jsonrpc_msg *msg;

        error = jsonrpc_recv_block(rpc, &msg);
        if (error) {
            break;
        }
        if ((msg->type == JSONRPC_REPLY || msg->type == JSONRPC_ERROR)
            && json_equal(msg->id, id)) {
            *replyp = msg;
            break;
        }
        if (msg->type == JSONRPC_REQUEST && !strcmp(msg->method, "echo")) {
            /* Keep-alive probes from the peer must be answered, or it will
             * drop us while we wait. */
            error = jsonrpc_send(rpc, jsonrpc_create_reply(
                                     json_incref(msg->params), msg->id));
        }
        jsonrpc_msg_destroy(msg);
    }
    json_decref(id);
    return error;
}
