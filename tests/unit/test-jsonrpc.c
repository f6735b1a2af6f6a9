/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Unit tests for lib/jsonrpc.c: the framer, message validation, and
 * connections over a socketpair (and, if it is installed, against a stock
 * ovs-appctl). */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "dynamic-string.h"
#include "jsonrpc.h"
#include "poll-loop.h"
#include "stream-provider.h"
#include "stream.h"
#include "util.h"

/* Framer helpers. */

/* Feeds 'n' bytes at 'data' to 'f', appending each value it completes to
 * 'values' and counting the errors in '*n_errors'. */
static void
feed_all(struct json_framer *f, const char *data, size_t n, json_t *values,
         int *n_errors)
{
    while (n) {
        size_t used = json_framer_feed(f, data, n);

        assert_true(used <= n);
        data += used;
        n -= used;
        if (json_framer_done(f)) {
            char *error;
            json_t *value = json_framer_take(f, &error);

            if (value) {
                assert_null(error);
                json_array_append_new(values, value);
            } else {
                assert_non_null(error);
                free(error);
                (*n_errors)++;
            }
        } else {
            /* A framer that is not done must have taken everything. */
            assert_int_equal(n, 0);
        }
    }
}

/* Returns the error that 'input', fed whole and then taken, produces, or
 * NULL if it produced a value.  The result is to free. */
static char *
frame_error(const char *input, size_t n, size_t max_size)
{
    struct json_framer *f = json_framer_create(max_size);
    size_t used = 0;
    char *error = NULL;
    json_t *value;

    while (used < n && !json_framer_done(f)) {
        used += json_framer_feed(f, input + used, n - used);
    }
    value = json_framer_take(f, &error);
    if (value) {
        assert_null(error);
        json_decref(value);
    } else {
        assert_non_null(error);
    }
    json_framer_destroy(f);
    return error;
}

static void
assert_frame_error(const char *input, size_t n, size_t max_size,
                   const char *expected)
{
    char *error = frame_error(input, n, max_size);

    if (!error || !strstr(error, expected)) {
        fail_msg("input \"%.*s\": expected error containing \"%s\", "
                 "got \"%s\"", (int) n, input, expected,
                 error ? error : "(none)");
    }
    free(error);
}

/* Messages that together exercise every state of the scanner: strings with
 * escaped quotes and backslashes, brackets inside strings, nesting, and
 * UTF-8 sequences of 2, 3 and 4 bytes. */
static const char *const split_messages[] = {
    "{\"id\":1,\"method\":\"echo\",\"params\":[\"a \\\"quoted\\\" word\","
    "\"back\\\\slash\\\\\",\"\\\\\\\"\",{\"nested\":[1,2,{\"x\":\"}]\"}]}]}",
    "[\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9d\x84\x9e\",\"brace { [ in string\","
    "\"\\u00e9\\ud834\\udd1e\"]",
    "{\"id\":null,\"method\":\"update\",\"params\":[]}",
    "{\"\xe2\x82\xac\":{\"[\":\"{\",\"n\":[[[[]]]],\"t\":true,\"x\":-1.5e3}}",
};
static const char *const split_separators[] = { "", "\n", " \t\r\n ", "" };

/* Builds the concatenated stream of 'split_messages' into 'ds' and the
 * array of their parsed values. */
static json_t *
build_split_input(struct ds *ds)
{
    json_t *expected = json_array();

    for (size_t i = 0; i < ARRAY_SIZE(split_messages); i++) {
        json_error_t error;
        json_t *value = json_loads(split_messages[i], 0, &error);

        if (!value) {
            fail_msg("bad test message %zu: %s", i, error.text);
        }
        json_array_append_new(expected, value);
        ds_put_cstr(ds, split_messages[i]);
        ds_put_cstr(ds, split_separators[i]);
    }
    return expected;
}

/* Framer tests. */

static void
test_framer_two_in_one_feed(void **state OVS_UNUSED)
{
    static const char input[] = "{\"a\":1}[\"b\",{\"c\":[2]}]";
    struct json_framer *f = json_framer_create(1024);
    char *error;
    json_t *value;
    size_t used;

    used = json_framer_feed(f, input, strlen(input));
    assert_int_equal(used, strlen("{\"a\":1}"));
    assert_true(json_framer_done(f));
    assert_int_equal(json_framer_feed(f, input + used, 1), 0);
    value = json_framer_take(f, &error);
    assert_non_null(value);
    assert_null(error);
    assert_int_equal(json_integer_value(json_object_get(value, "a")), 1);
    json_decref(value);

    assert_false(json_framer_done(f));
    used += json_framer_feed(f, input + used, strlen(input) - used);
    assert_int_equal(used, strlen(input));
    assert_true(json_framer_done(f));
    value = json_framer_take(f, &error);
    assert_non_null(value);
    assert_true(json_is_array(value));
    assert_int_equal(json_array_size(value), 2);
    assert_string_equal(json_string_value(json_array_get(value, 0)), "b");
    json_decref(value);

    /* Nothing left: taking now is an error, not a value. */
    value = json_framer_take(f, &error);
    assert_null(value);
    assert_non_null(error);
    free(error);
    json_framer_destroy(f);
}

static void
test_framer_split_everywhere(void **state OVS_UNUSED)
{
    struct ds input = DS_EMPTY_INITIALIZER;
    json_t *expected = build_split_input(&input);
    size_t len = input.length;

    for (size_t split = 0; split <= len; split++) {
        struct json_framer *f = json_framer_create(4096);
        json_t *values = json_array();
        int n_errors = 0;

        feed_all(f, input.string, split, values, &n_errors);
        feed_all(f, input.string + split, len - split, values, &n_errors);
        assert_int_equal(n_errors, 0);
        if (!json_equal(values, expected)) {
            fail_msg("split at byte %zu of %zu gave different values",
                     split, len);
        }
        json_decref(values);
        json_framer_destroy(f);
    }

    json_decref(expected);
    ds_destroy(&input);
}

static void
test_framer_split_twice(void **state OVS_UNUSED)
{
    struct ds input = DS_EMPTY_INITIALIZER;
    json_t *expected = build_split_input(&input);
    size_t len = input.length;
    struct json_framer *f = json_framer_create(4096);

    /* Every pair of split points: three reads per stream. */
    for (size_t a = 0; a <= len; a++) {
        for (size_t b = a; b <= len; b++) {
            json_t *values = json_array();
            int n_errors = 0;

            feed_all(f, input.string, a, values, &n_errors);
            feed_all(f, input.string + a, b - a, values, &n_errors);
            feed_all(f, input.string + b, len - b, values, &n_errors);
            assert_int_equal(n_errors, 0);
            if (!json_equal(values, expected)) {
                fail_msg("splits at %zu and %zu gave different values",
                         a, b);
            }
            json_decref(values);
        }
    }

    json_framer_destroy(f);
    json_decref(expected);
    ds_destroy(&input);
}

static void
test_framer_byte_at_a_time(void **state OVS_UNUSED)
{
    struct ds input = DS_EMPTY_INITIALIZER;
    json_t *expected = build_split_input(&input);
    struct json_framer *f = json_framer_create(4096);
    json_t *values = json_array();
    int n_errors = 0;

    for (size_t i = 0; i < input.length; i++) {
        feed_all(f, input.string + i, 1, values, &n_errors);
    }
    assert_int_equal(n_errors, 0);
    assert_true(json_equal(values, expected));

    json_decref(values);
    json_framer_destroy(f);
    json_decref(expected);
    ds_destroy(&input);
}

static void
test_framer_whitespace(void **state OVS_UNUSED)
{
    static const char input[] = "  \n\r\t{\"a\":[ 1 , 2 ]}\n\n  [ ]\r\n \t";
    struct json_framer *f = json_framer_create(1024);
    json_t *values = json_array();
    int n_errors = 0;

    feed_all(f, input, strlen(input), values, &n_errors);
    assert_int_equal(n_errors, 0);
    assert_int_equal(json_array_size(values), 2);
    assert_true(json_is_object(json_array_get(values, 0)));
    assert_true(json_is_array(json_array_get(values, 1)));

    /* Trailing whitespace does not start a value. */
    assert_false(json_framer_done(f));

    json_decref(values);
    json_framer_destroy(f);
}

static void
test_framer_oversize(void **state OVS_UNUSED)
{
    static const char msg[] = "{\"abcdefgh\":\"ijklmnopq\"}";    /* 24 B. */
    size_t len = strlen(msg);
    char *error;

    /* Exactly at the cap is fine; one byte over is not. */
    error = frame_error(msg, len, len);
    assert_null(error);
    assert_frame_error(msg, len, len - 1, "exceeds 23 bytes");

    /* The error comes as soon as the cap is passed, not at the end of the
     * value: a value that never ends cannot exhaust memory. */
    {
        struct json_framer *f = json_framer_create(100);
        char chunk[64];
        size_t total = 0;

        memset(chunk, '[', sizeof chunk);
        while (!json_framer_done(f)) {
            total += json_framer_feed(f, chunk, sizeof chunk);
            assert_true(total <= 101);
        }
        assert_int_equal(total, 101);
        assert_null(json_framer_take(f, &error));
        assert_non_null(strstr(error, "exceeds 100 bytes"));
        free(error);
        json_framer_destroy(f);
    }
}

static void
test_framer_garbage(void **state OVS_UNUSED)
{
    static const struct {
        const char *input;
        size_t len;             /* 0: strlen(input). */
        const char *error;
    } cases[] = {
        { "}", 0, "unexpected '}'" },
        { "]", 0, "unexpected ']'" },
        { "123", 0, "unexpected '1'" },
        { "  -1", 0, "unexpected '-'" },
        { "\"string\"", 0, "unexpected '\"'" },
        { "true", 0, "unexpected 't'" },
        { "null", 0, "unexpected 'n'" },
        { "\xc3\xa9", 0, "unexpected byte 0xc3" },
        { "\0{}", 3, "unexpected byte 0x00" },
        { "{\"a\":\"\xff\"}", 0, "JSON parse error" },
        { "{\"a\":\"\xc3\"}", 0, "JSON parse error" },
        { "{\"a\":\"\xed\xa0\x80\"}", 0, "JSON parse error" },
        { "{\"a\":\"\\u0000\"}", 0, "JSON parse error" },
        { "{\"a\":\"x\0y\"}", 11, "JSON parse error" },
        { "{\"a\":1", 0, "unexpected end of input" },
        { "[\"unterminated]", 0, "unexpected end of input" },
        { "{\"a\":[1,2}]", 0, "JSON parse error" },
        { "{\"a\" 1}", 0, "JSON parse error" },
        { "{'a':1}", 0, "JSON parse error" },
        { "[1,]", 0, "JSON parse error" },
        { "{\"a\":01}", 0, "JSON parse error" },
        { "[nul]", 0, "JSON parse error" },
        { "", 0, "no JSON value" },
        { " \n ", 0, "no JSON value" },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].input);

        assert_frame_error(cases[i].input, len, 1024, cases[i].error);
    }
}

static void
test_framer_error_then_next(void **state OVS_UNUSED)
{
    static const char input[] = "{\"a\":\"\xff\"}{\"b\":2}";
    struct json_framer *f = json_framer_create(1024);
    json_t *values = json_array();
    int n_errors = 0;

    /* A value that jansson rejects does not disturb the framing of the
     * next one. */
    feed_all(f, input, strlen(input), values, &n_errors);
    assert_int_equal(n_errors, 1);
    assert_int_equal(json_array_size(values), 1);
    assert_int_equal(json_integer_value(
                         json_object_get(json_array_get(values, 0), "b")), 2);
    json_decref(values);
    json_framer_destroy(f);
}

/* Returns 'depth' nested arrays around 'inner'. */
static char *
nested(size_t depth, const char *inner)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    ds_put_char_multiple(&ds, '[', depth);
    ds_put_cstr(&ds, inner);
    ds_put_char_multiple(&ds, ']', depth);
    return ds_steal_cstr(&ds);
}

static void
test_framer_deep_nesting(void **state OVS_UNUSED)
{
    char *text;
    char *error;

    /* Deep but reasonable nesting parses. */
    text = nested(500, "{\"a\":[]}");
    error = frame_error(text, strlen(text), 1 << 20);
    assert_null(error);
    free(text);

    /* Absurd nesting is rejected by jansson's depth limit, without
     * exhausting the stack. */
    text = nested(200000, "");
    error = frame_error(text, strlen(text), 1 << 20);
    assert_non_null(error);
    assert_non_null(strstr(error, "JSON parse error"));
    free(error);
    free(text);

    /* Unbalanced closing brackets after a value are garbage. */
    {
        struct json_framer *f = json_framer_create(1024);
        json_t *values = json_array();
        int n_errors = 0;

        feed_all(f, "[[]]]", 5, values, &n_errors);
        assert_int_equal(json_array_size(values), 1);
        assert_int_equal(n_errors, 1);
        json_decref(values);
        json_framer_destroy(f);
    }
}

/* Message tests. */

static json_t *
parse(const char *text)
{
    json_error_t error;
    json_t *json = json_loads(text, 0, &error);

    if (!json) {
        fail_msg("bad test JSON %s: %s", text, error.text);
    }
    return json;
}

static void
test_msg_invalid(void **state OVS_UNUSED)
{
    static const struct {
        const char *json;
        const char *error;
    } cases[] = {
        { "[]", "not a JSON object" },
        { "[{\"id\":0,\"method\":\"x\",\"params\":[]}]", "not a JSON object" },
        { "{}", "no \"method\", \"result\" or \"error\"" },
        { "{\"id\":1}", "no \"method\", \"result\" or \"error\"" },
        { "{\"id\":1,\"method\":\"x\",\"params\":[],\"jsonrpc\":\"2.0\"}",
          "unexpected member \"jsonrpc\"" },
        { "{\"id\":1,\"method\":7,\"params\":[]}", "\"method\" is not" },
        { "{\"id\":1,\"method\":null,\"params\":[]}", "\"method\" is not" },
        { "{\"id\":1,\"method\":\"x\"}", "lacks \"params\"" },
        { "{\"id\":1,\"method\":\"x\",\"params\":{}}",
          "\"params\" is not a JSON array" },
        { "{\"id\":1,\"method\":\"x\",\"params\":null}",
          "\"params\" is not a JSON array" },
        { "{\"id\":1,\"method\":\"x\",\"params\":[],\"result\":1}",
          "has \"result\"" },
        { "{\"id\":1,\"method\":\"x\",\"params\":[],\"error\":null}",
          "has \"error\"" },
        { "{\"result\":1,\"error\":null}", "lacks \"id\"" },
        { "{\"id\":null,\"result\":1,\"error\":null}", "null \"id\"" },
        { "{\"id\":1,\"result\":1,\"error\":\"boom\"}", "both" },
        { "{\"id\":1,\"error\":null}", "null \"error\" and no \"result\"" },
        { "{\"id\":1,\"result\":1,\"params\":[]}", "has \"params\"" },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        json_t *json = parse(cases[i].json);
        struct jsonrpc_msg *msg = (void *) 1;
        char *error = jsonrpc_msg_from_json(json, &msg);

        assert_null(msg);
        if (!error || !strstr(error, cases[i].error)) {
            fail_msg("%s: expected error containing \"%s\", got \"%s\"",
                     cases[i].json, cases[i].error,
                     error ? error : "(none)");
        }
        free(error);
        json_decref(json);
    }
}

/* Parses 'text' as a message, checks it has type 'type', and checks that
 * converting it back gives exactly 'canonical'.  Returns the message. */
static struct jsonrpc_msg *
check_msg(const char *text, enum jsonrpc_msg_type type,
          const char *canonical)
{
    json_t *json = parse(text);
    struct jsonrpc_msg *msg;
    char *error = jsonrpc_msg_from_json(json, &msg);

    if (error) {
        fail_msg("%s: %s", text, error);
    }
    assert_non_null(msg);
    assert_int_equal(msg->type, type);
    json_decref(json);

    /* Round trip through a copy, leaving 'msg' to the caller. */
    {
        struct jsonrpc_msg *copy;
        json_t *back;
        char *dumped;

        json = parse(text);
        error = jsonrpc_msg_from_json(json, &copy);
        assert_null(error);
        json_decref(json);
        back = jsonrpc_msg_to_json(copy);
        dumped = json_dumps(back, JSON_COMPACT | JSON_PRESERVE_ORDER);
        assert_string_equal(dumped, canonical);
        free(dumped);
        json_decref(back);
    }
    return msg;
}

static void
test_msg_valid(void **state OVS_UNUSED)
{
    struct jsonrpc_msg *msg;

    msg = check_msg("{\"params\":[],\"method\":\"version\",\"id\":0}",
                    JSONRPC_REQUEST,
                    "{\"id\":0,\"method\":\"version\",\"params\":[]}");
    assert_string_equal(msg->method, "version");
    assert_true(json_is_array(msg->params));
    assert_int_equal(json_array_size(msg->params), 0);
    assert_int_equal(json_integer_value(msg->id), 0);
    assert_null(msg->result);
    assert_null(msg->error);
    jsonrpc_msg_destroy(msg);

    msg = check_msg("{\"id\":\"abc\",\"method\":\"transact\","
                    "\"params\":[\"Open_vSwitch\",{\"op\":\"select\"}]}",
                    JSONRPC_REQUEST,
                    "{\"id\":\"abc\",\"method\":\"transact\","
                    "\"params\":[\"Open_vSwitch\",{\"op\":\"select\"}]}");
    assert_string_equal(json_string_value(msg->id), "abc");
    assert_int_equal(json_array_size(msg->params), 2);
    jsonrpc_msg_destroy(msg);

    msg = check_msg("{\"id\":null,\"method\":\"update\","
                    "\"params\":[null,{\"a\":1}]}",
                    JSONRPC_NOTIFY,
                    "{\"id\":null,\"method\":\"update\","
                    "\"params\":[null,{\"a\":1}]}");
    assert_string_equal(msg->method, "update");
    assert_null(msg->id);
    jsonrpc_msg_destroy(msg);

    /* An absent id is taken as null. */
    msg = check_msg("{\"method\":\"locked\",\"params\":[\"l\"]}",
                    JSONRPC_NOTIFY,
                    "{\"id\":null,\"method\":\"locked\",\"params\":[\"l\"]}");
    jsonrpc_msg_destroy(msg);

    msg = check_msg("{\"result\":\"2.17.90\",\"error\":null,\"id\":0}",
                    JSONRPC_REPLY,
                    "{\"id\":0,\"result\":\"2.17.90\",\"error\":null}");
    assert_string_equal(json_string_value(msg->result), "2.17.90");
    assert_int_equal(json_integer_value(msg->id), 0);
    assert_null(msg->error);
    assert_null(msg->method);
    jsonrpc_msg_destroy(msg);

    /* A reply whose result is null, and one without "error". */
    msg = check_msg("{\"id\":5,\"result\":null,\"error\":null}",
                    JSONRPC_REPLY,
                    "{\"id\":5,\"result\":null,\"error\":null}");
    jsonrpc_msg_destroy(msg);
    msg = check_msg("{\"id\":5,\"result\":[{}]}", JSONRPC_REPLY,
                    "{\"id\":5,\"result\":[{}],\"error\":null}");
    jsonrpc_msg_destroy(msg);

    msg = check_msg("{\"id\":7,\"result\":null,"
                    "\"error\":{\"error\":\"unknown method\"}}",
                    JSONRPC_ERROR,
                    "{\"id\":7,\"result\":null,"
                    "\"error\":{\"error\":\"unknown method\"}}");
    assert_string_equal(json_string_value(json_object_get(msg->error,
                                                          "error")),
                        "unknown method");
    assert_null(msg->result);
    jsonrpc_msg_destroy(msg);

    /* An error may answer something whose id could not be known. */
    msg = check_msg("{\"id\":null,\"error\":\"bad\"}", JSONRPC_ERROR,
                    "{\"id\":null,\"result\":null,\"error\":\"bad\"}");
    jsonrpc_msg_destroy(msg);
}

static void
test_msg_constructors(void **state OVS_UNUSED)
{
    struct jsonrpc_msg *req1, *req2, *reply, *error, *notify;
    json_t *id1, *id2, *json;
    char *text;

    req1 = jsonrpc_create_request("echo", json_pack("[s]", "x"), &id1);
    req2 = jsonrpc_create_request("echo", NULL, &id2);
    assert_true(json_is_integer(id1));
    assert_int_equal(json_integer_value(id2), json_integer_value(id1) + 1);
    assert_true(json_equal(req1->id, id1));
    assert_int_equal(json_array_size(req2->params), 0);

    text = jsonrpc_msg_to_string(req1);
    assert_non_null(strstr(text, "request"));
    assert_non_null(strstr(text, "method=\"echo\""));
    assert_non_null(strstr(text, "params=[\"x\"]"));
    free(text);

    reply = jsonrpc_create_reply(json_string("ok"), id1);
    error = jsonrpc_create_error(json_string("nope"), id2);
    notify = jsonrpc_create_notify("update", NULL);
    assert_int_equal(reply->type, JSONRPC_REPLY);
    assert_int_equal(error->type, JSONRPC_ERROR);
    assert_int_equal(notify->type, JSONRPC_NOTIFY);
    assert_string_equal(jsonrpc_msg_type_to_string(notify->type),
                        "notification");

    json = jsonrpc_msg_to_json(reply);
    text = json_dumps(json, JSON_COMPACT);
    assert_non_null(strstr(text, "\"result\":\"ok\",\"error\":null"));
    free(text);
    json_decref(json);

    json = jsonrpc_msg_to_json(notify);
    text = json_dumps(json, JSON_COMPACT);
    assert_string_equal(text, "{\"id\":null,\"method\":\"update\","
                        "\"params\":[]}");
    free(text);
    json_decref(json);

    jsonrpc_msg_destroy(req1);
    jsonrpc_msg_destroy(req2);
    jsonrpc_msg_destroy(error);
    jsonrpc_msg_destroy(NULL);
    json_decref(id1);
    json_decref(id2);
}

/* Connections over a socketpair. */

struct rpc_pair {
    struct jsonrpc *a;
    struct jsonrpc *b;
    int b_fd;                   /* The raw socket under 'b'. */
};

static void
rpc_pair_open(struct rpc_pair *p)
{
    int fds[2];

    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    assert_int_equal(set_nonblocking(fds[0]), 0);
    assert_int_equal(set_nonblocking(fds[1]), 0);
    p->a = jsonrpc_open(stream_fd_create(xstrdup("pair:a"), fds[0], 0));
    p->b = jsonrpc_open(stream_fd_create(xstrdup("pair:b"), fds[1], 0));
    p->b_fd = fds[1];
}

static void
rpc_pair_close(struct rpc_pair *p)
{
    jsonrpc_close(p->a);
    jsonrpc_close(p->b);
}

/* Receives on 'rpc', driving 'other' too, until something other than
 * EAGAIN happens. */
static int
recv_driving(struct jsonrpc *rpc, struct jsonrpc *other,
             struct jsonrpc_msg **msgp)
{
    for (int i = 0; i < 10000; i++) {
        int error = jsonrpc_recv(rpc, msgp);

        if (error != EAGAIN) {
            return error;
        }
        jsonrpc_run(rpc);
        if (other) {
            jsonrpc_run(other);
            jsonrpc_wait(other);
        }
        jsonrpc_wait(rpc);
        jsonrpc_recv_wait(rpc);
        poll_timer_wait(1000);
        poll_block();
    }
    fail_msg("no message arrived");
    return EAGAIN;
}

static void
test_rpc_send_recv(void **state OVS_UNUSED)
{
    struct rpc_pair p;
    struct jsonrpc_msg *msg;
    json_t *id;

    rpc_pair_open(&p);
    assert_string_equal(jsonrpc_get_name(p.a), "pair:a");

    assert_int_equal(jsonrpc_send(p.a, jsonrpc_create_request(
                                      "echo", json_pack("[i]", 42), &id)), 0);
    assert_int_equal(jsonrpc_send(p.a, jsonrpc_create_notify(
                                      "hello", NULL)), 0);

    assert_int_equal(recv_driving(p.b, p.a, &msg), 0);
    assert_int_equal(msg->type, JSONRPC_REQUEST);
    assert_string_equal(msg->method, "echo");
    assert_true(json_equal(msg->id, id));
    assert_int_equal(json_integer_value(json_array_get(msg->params, 0)), 42);
    assert_int_equal(jsonrpc_send(p.b, jsonrpc_create_reply(
                                      json_incref(msg->params), msg->id)), 0);
    jsonrpc_msg_destroy(msg);

    assert_int_equal(recv_driving(p.b, p.a, &msg), 0);
    assert_int_equal(msg->type, JSONRPC_NOTIFY);
    assert_string_equal(msg->method, "hello");
    jsonrpc_msg_destroy(msg);

    assert_int_equal(recv_driving(p.a, p.b, &msg), 0);
    assert_int_equal(msg->type, JSONRPC_REPLY);
    assert_true(json_equal(msg->id, id));
    jsonrpc_msg_destroy(msg);

    assert_int_equal(jsonrpc_recv(p.a, &msg), EAGAIN);
    assert_null(msg);
    assert_int_equal(jsonrpc_get_status(p.a), 0);
    assert_int_equal(jsonrpc_get_status(p.b), 0);

    json_decref(id);
    rpc_pair_close(&p);
}

static void
test_rpc_backlog(void **state OVS_UNUSED)
{
    struct rpc_pair p;
    struct jsonrpc_msg *msg;
    size_t big_len = 4 * 1024 * 1024;
    char *big = xmalloc(big_len + 1);
    int n_received = 0;

    rpc_pair_open(&p);
    memset(big, 'x', big_len);
    big[big_len] = '\0';

    /* Far more than a socket buffer holds: most stays queued. */
    for (int i = 0; i < 3; i++) {
        assert_int_equal(jsonrpc_send(p.a, jsonrpc_create_notify(
                                          "big", json_pack("[s]", big))), 0);
    }
    assert_true(jsonrpc_get_backlog(p.a) > big_len);

    while (n_received < 3) {
        assert_int_equal(recv_driving(p.b, p.a, &msg), 0);
        assert_string_equal(msg->method, "big");
        assert_int_equal(strlen(json_string_value(
                                    json_array_get(msg->params, 0))),
                         big_len);
        jsonrpc_msg_destroy(msg);
        n_received++;
    }
    jsonrpc_run(p.a);
    assert_int_equal(jsonrpc_get_backlog(p.a), 0);

    free(big);
    rpc_pair_close(&p);
}

static void
test_rpc_peer_close(void **state OVS_UNUSED)
{
    struct rpc_pair p;
    struct jsonrpc_msg *msg;

    rpc_pair_open(&p);
    assert_int_equal(jsonrpc_send(p.b, jsonrpc_create_notify("bye", NULL)),
                     0);
    jsonrpc_close(p.b);

    /* The message sent before the close still arrives, then EOF, which
     * sticks. */
    assert_int_equal(recv_driving(p.a, NULL, &msg), 0);
    assert_string_equal(msg->method, "bye");
    jsonrpc_msg_destroy(msg);
    assert_int_equal(recv_driving(p.a, NULL, &msg), EOF);
    assert_null(msg);
    assert_int_equal(jsonrpc_get_status(p.a), EOF);
    assert_int_equal(jsonrpc_recv(p.a, &msg), EOF);
    assert_int_equal(jsonrpc_send(p.a, jsonrpc_create_notify("x", NULL)),
                     EOF);
    assert_int_equal(jsonrpc_get_backlog(p.a), 0);
    jsonrpc_close(p.a);
}

/* Writes 'n' raw bytes to 'fd'. */
static void
write_raw(int fd, const char *data, size_t n)
{
    assert_int_equal(write(fd, data, n), n);
}

static void
test_rpc_garbage(void **state OVS_UNUSED)
{
    static const struct {
        const char *bytes;
        int error;
    } cases[] = {
        { "{\"id\":1,\"method\":\"x\",\"params\":[]} xyz", EPROTO },
        { "{\"id\":1,\"method\":\"x\",\"params\":[]}\"a\"", EPROTO },
        { "{\"id\":1,\"method\":\"x\",\"params\":[]}{\"x\":\"\xff\"}",
          EPROTO },
        { "{\"id\":1,\"method\":\"x\",\"params\":[]}{\"bogus\":1}", EPROTO },
        { "{\"id\":1,\"method\":\"x\",\"params\":[]}[1,2]", EPROTO },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct rpc_pair p;
        struct jsonrpc_msg *msg;
        int fd;

        /* Write straight to the socket under 'b', bypassing jsonrpc. */
        rpc_pair_open(&p);
        fd = dup(p.b_fd);
        jsonrpc_close(p.b);
        write_raw(fd, cases[i].bytes, strlen(cases[i].bytes));

        assert_int_equal(recv_driving(p.a, NULL, &msg), 0);
        assert_string_equal(msg->method, "x");
        jsonrpc_msg_destroy(msg);
        assert_int_equal(recv_driving(p.a, NULL, &msg), cases[i].error);
        assert_int_equal(jsonrpc_get_status(p.a), cases[i].error);

        close(fd);
        jsonrpc_close(p.a);
    }
}

static void
test_rpc_eof_mid_message(void **state OVS_UNUSED)
{
    struct rpc_pair p;
    struct jsonrpc_msg *msg;
    int fd;

    rpc_pair_open(&p);
    fd = dup(p.b_fd);
    jsonrpc_close(p.b);
    write_raw(fd, "{\"id\":1,\"meth", 13);
    close(fd);

    assert_int_equal(recv_driving(p.a, NULL, &msg), EPROTO);
    jsonrpc_close(p.a);
}

static void
test_rpc_oversize(void **state OVS_UNUSED)
{
    struct rpc_pair p;
    struct jsonrpc_msg *msg;

    rpc_pair_open(&p);
    jsonrpc_set_max_msg_size(p.b, 100);
    assert_int_equal(jsonrpc_send(p.a, jsonrpc_create_notify(
                                      "small", NULL)), 0);
    assert_int_equal(jsonrpc_send(p.a, jsonrpc_create_notify(
                                      "large", json_pack("[s]",
                                      "0123456789012345678901234567890123456"
                                      "7890123456789012345678901234567890"
                                      "1234567890"))), 0);
    assert_int_equal(recv_driving(p.b, p.a, &msg), 0);
    assert_string_equal(msg->method, "small");
    jsonrpc_msg_destroy(msg);
    assert_int_equal(recv_driving(p.b, p.a, &msg), EMSGSIZE);
    assert_int_equal(jsonrpc_get_status(p.b), EMSGSIZE);
    rpc_pair_close(&p);
}

/* A peer for jsonrpc_transact_block(), in its own thread: it waits for a
 * request, then sends an echo request, an unrelated notification, a reply
 * with another id, and finally the reply, and checks the echo reply. */
struct transact_peer {
    struct jsonrpc *rpc;
    bool ok;
};

static void *
transact_peer_main(void *peer_)
{
    struct transact_peer *peer = peer_;
    struct jsonrpc_msg *request, *echo_reply;
    json_t *other_id, *echo_id;

    if (jsonrpc_recv_block(peer->rpc, &request)) {
        return NULL;
    }
    jsonrpc_send(peer->rpc, jsonrpc_create_request(
                     "echo", json_pack("[s]", "ping"), &echo_id));
    jsonrpc_send(peer->rpc, jsonrpc_create_notify("update", NULL));
    other_id = json_string("someone else");
    jsonrpc_send(peer->rpc, jsonrpc_create_reply(json_string("wrong"),
                                                 other_id));
    json_decref(other_id);

    if (!jsonrpc_recv_block(peer->rpc, &echo_reply)) {
        peer->ok = (echo_reply->type == JSONRPC_REPLY
                    && json_equal(echo_reply->id, echo_id)
                    && !strcmp(json_string_value(
                                   json_array_get(echo_reply->result, 0)),
                               "ping"));
        jsonrpc_msg_destroy(echo_reply);
    }
    jsonrpc_send_block(peer->rpc, jsonrpc_create_reply(
                           json_string("right"), request->id));
    jsonrpc_msg_destroy(request);
    json_decref(echo_id);
    return NULL;
}

static void
test_rpc_transact_block(void **state OVS_UNUSED)
{
    struct transact_peer peer = { NULL, false };
    struct jsonrpc_msg *reply;
    struct rpc_pair p;
    pthread_t thread;

    rpc_pair_open(&p);
    peer.rpc = p.b;
    assert_int_equal(pthread_create(&thread, NULL, transact_peer_main,
                                    &peer), 0);
    assert_int_equal(jsonrpc_transact_block(
                         p.a, jsonrpc_create_request("get", NULL, NULL),
                         &reply), 0);
    assert_non_null(reply);
    assert_int_equal(reply->type, JSONRPC_REPLY);
    assert_string_equal(json_string_value(reply->result), "right");
    jsonrpc_msg_destroy(reply);
    pthread_join(thread, NULL);
    assert_true(peer.ok);

    /* The peer is gone: a transaction now fails with EOF. */
    jsonrpc_close(p.b);
    assert_int_equal(jsonrpc_transact_block(
                         p.a, jsonrpc_create_request("get", NULL, NULL),
                         &reply), EOF);
    assert_null(reply);
    jsonrpc_close(p.a);
}

/* Interoperability with a stock Open vSwitch ovs-appctl, if installed. */

#define STOCK_APPCTL "/usr/bin/ovs-appctl"

static void
test_rpc_stock_appctl(void **state OVS_UNUSED)
{
    char dir_template[] = "/tmp/test-jsonrpc-XXXXXX";
    struct jsonrpc_msg *request;
    struct pstream *pstream;
    struct stream *stream = NULL;
    struct jsonrpc *rpc;
    char output[256];
    size_t output_len = 0;
    char *path, *name;
    int status, pipefd[2];
    pid_t pid;

    if (access(STOCK_APPCTL, X_OK)) {
        skip();
    }
    assert_non_null(mkdtemp(dir_template));
    path = xasprintf("%s/test.ctl", dir_template);
    name = xasprintf("punix:%s", path);
    assert_int_equal(pstream_open(name, &pstream, 0), 0);

    assert_int_equal(pipe(pipefd), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (!pid) {
        dup2(pipefd[1], STDOUT_FILENO);
        dup2(pipefd[1], STDERR_FILENO);
        execl(STOCK_APPCTL, "ovs-appctl", "-T", "10", "-t", path,
              "version", (char *) NULL);
        _exit(127);
    }
    close(pipefd[1]);

    while (pstream_accept(pstream, &stream) == EAGAIN) {
        pstream_wait(pstream);
        poll_timer_wait(1000);
        poll_block();
    }
    assert_non_null(stream);
    rpc = jsonrpc_open(stream);
    assert_int_equal(jsonrpc_recv_block(rpc, &request), 0);
    assert_int_equal(request->type, JSONRPC_REQUEST);
    assert_string_equal(request->method, "version");
    assert_int_equal(json_array_size(request->params), 0);
    assert_int_equal(jsonrpc_send_block(rpc, jsonrpc_create_reply(
                         json_string("ovs-tc wire test\n"), request->id)), 0);
    jsonrpc_msg_destroy(request);

    for (;;) {
        ssize_t n = read(pipefd[0], output + output_len,
                         sizeof output - 1 - output_len);
        if (n <= 0) {
            break;
        }
        output_len += n;
    }
    output[output_len] = '\0';
    close(pipefd[0]);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_string_equal(output, "ovs-tc wire test\n");

    jsonrpc_close(rpc);
    pstream_close(pstream);
    assert_int_equal(access(path, F_OK), -1);
    rmdir(dir_template);
    free(path);
    free(name);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_framer_two_in_one_feed),
        cmocka_unit_test(test_framer_split_everywhere),
        cmocka_unit_test(test_framer_split_twice),
        cmocka_unit_test(test_framer_byte_at_a_time),
        cmocka_unit_test(test_framer_whitespace),
        cmocka_unit_test(test_framer_oversize),
        cmocka_unit_test(test_framer_garbage),
        cmocka_unit_test(test_framer_error_then_next),
        cmocka_unit_test(test_framer_deep_nesting),
        cmocka_unit_test(test_msg_invalid),
        cmocka_unit_test(test_msg_valid),
        cmocka_unit_test(test_msg_constructors),
        cmocka_unit_test(test_rpc_send_recv),
        cmocka_unit_test(test_rpc_backlog),
        cmocka_unit_test(test_rpc_peer_close),
        cmocka_unit_test(test_rpc_garbage),
        cmocka_unit_test(test_rpc_eof_mid_message),
        cmocka_unit_test(test_rpc_oversize),
        cmocka_unit_test(test_rpc_transact_block),
        cmocka_unit_test(test_rpc_stock_appctl),
    };

    /* SIGPIPE stays fatal: the streams must never raise it. */
    set_program_name("test-jsonrpc");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
