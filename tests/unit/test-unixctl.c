/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for unixctl: the argument-count check, and a real server on a
 * socket in a temporary directory, run by a second thread while the test
 * thread acts as the client.
 */

#include <config.h>

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "dynamic-string.h"
#include "jsonrpc.h"
#include "latch.h"
#include "poll-loop.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"

/* Commands.  They run in the server thread; the deferred-reply state is
 * only touched there. */

static struct unixctl_conn *deferred_conn;
static char *deferred_arg;

/* "echo [ARG...]": replies with the arguments, one per line. */
static void
echo_cb(struct unixctl_conn *conn, int argc, const char *argv[],
        void *aux OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    for (int i = 1; i < argc; i++) {
        ds_put_format(&ds, "%s\n", argv[i]);
    }
    unixctl_command_reply(conn, ds_cstr(&ds));
    ds_destroy(&ds);
}

/* "fail": always an error, without a trailing new-line. */
static void
fail_cb(struct unixctl_conn *conn, int argc OVS_UNUSED,
        const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    unixctl_command_reply_error(conn, "it failed");
}

/* "defer ARG": replies only when "release" comes. */
static void
defer_cb(struct unixctl_conn *conn, int argc OVS_UNUSED, const char *argv[],
         void *aux OVS_UNUSED)
{
    if (deferred_conn) {
        unixctl_command_reply_error(conn, "already deferred");
        return;
    }
    deferred_conn = conn;
    free(deferred_arg);
    deferred_arg = xstrdup(argv[1]);
}

/* "is-deferred": whether a "defer" awaits its "release". */
static void
is_deferred_cb(struct unixctl_conn *conn, int argc OVS_UNUSED,
               const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    unixctl_command_reply(conn, deferred_conn ? "yes\n" : "no\n");
}

/* "release": answers the deferred request, then its own. */
static void
release_cb(struct unixctl_conn *conn, int argc OVS_UNUSED,
           const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    if (deferred_conn) {
        char *body = xasprintf("released %s\n", deferred_arg);

        unixctl_command_reply(deferred_conn, body);
        free(body);
        deferred_conn = NULL;
        unixctl_command_reply(conn, "ok\n");
    } else {
        unixctl_command_reply_error(conn, "nothing deferred");
    }
}

static void
noop_cb(struct unixctl_conn *conn, int argc OVS_UNUSED,
        const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    unixctl_command_reply(conn, NULL);
}

static int
register_commands(void **state OVS_UNUSED)
{
    unixctl_command_register("echo", "[ARG...]", 0, 2, echo_cb, NULL);
    unixctl_command_register("fail", "", 0, 0, fail_cb, NULL);
    unixctl_command_register("defer", "ARG", 1, 1, defer_cb, NULL);
    unixctl_command_register("release", "", 0, 0, release_cb, NULL);
    unixctl_command_register("is-deferred", "", 0, 0, is_deferred_cb, NULL);
    unixctl_command_register("t/none", "", 0, 0, noop_cb, NULL);
    unixctl_command_register("t/one-two", "A [B]", 1, 2, noop_cb, NULL);
    unixctl_command_register("t/any", "[ARG...]", 0, INT_MAX, noop_cb,
                             NULL);
    unixctl_command_register("t/two-plus", "A B...", 2, INT_MAX, noop_cb,
                             NULL);
    return 0;
}

/* Argument-count checks. */

static void
assert_check_ok(const char *command, int n_args)
{
    char *error = unixctl_check_request(command, n_args);

    if (error) {
        fail_msg("%s with %d args: unexpected error: %s", command, n_args,
                 error);
    }
}

static void
assert_check_fails(const char *command, int n_args, const char *expected)
{
    char *error = unixctl_check_request(command, n_args);

    if (!error) {
        fail_msg("%s with %d args: no error", command, n_args);
    }
    assert_string_equal(error, expected);
    free(error);
}

static void
test_check_zero_args(void **state OVS_UNUSED)
{
    assert_check_ok("t/none", 0);
    assert_check_fails("t/none", 1,
                       "\"t/none\" command takes at most 0 arguments");
    assert_check_fails("t/none", INT_MAX,
                       "\"t/none\" command takes at most 0 arguments");
}

static void
test_check_bounds(void **state OVS_UNUSED)
{
    assert_check_fails("t/one-two", 0,
                       "\"t/one-two\" command requires at least 1 "
                       "arguments");
    assert_check_ok("t/one-two", 1);
    assert_check_ok("t/one-two", 2);
    assert_check_fails("t/one-two", 3,
                       "\"t/one-two\" command takes at most 2 arguments");

    assert_check_fails("t/two-plus", 1,
                       "\"t/two-plus\" command requires at least 2 "
                       "arguments");
    assert_check_ok("t/two-plus", 2);
    assert_check_ok("t/two-plus", INT_MAX);
}

static void
test_check_int_max(void **state OVS_UNUSED)
{
    assert_check_ok("t/any", 0);
    assert_check_ok("t/any", 1);
    assert_check_ok("t/any", 100000);
    assert_check_ok("t/any", INT_MAX);
}

static void
test_check_unknown(void **state OVS_UNUSED)
{
    char *error = unixctl_check_request("no/such-command", 0);

    assert_non_null(error);
    assert_non_null(strstr(error, "\"no/such-command\""));
    assert_non_null(strstr(error, "is not a valid command"));
    free(error);

    /* Names are exact: no prefixes, no case folding. */
    error = unixctl_check_request("ech", 0);
    assert_non_null(error);
    free(error);
    error = unixctl_check_request("ECHO", 0);
    assert_non_null(error);
    free(error);
}

/* A server in a thread of its own. */

struct fixture {
    char dir[64];
    char *path;
    struct unixctl_server *server;
    struct latch stop;
    pthread_t thread;
};

static void *
server_main(void *f_)
{
    struct fixture *f = f_;

    while (!latch_is_set(&f->stop)) {
        unixctl_server_run(f->server);
        unixctl_server_wait(f->server);
        latch_wait(&f->stop);
        poll_block();
    }
    unixctl_server_destroy(f->server);
    return NULL;
}

static int
server_setup(void **state)
{
    struct fixture *f = xzalloc(sizeof *f);

    ovs_strlcpy(f->dir, "/tmp/test-unixctl.XXXXXX", sizeof f->dir);
    assert_non_null(mkdtemp(f->dir));
    f->path = xasprintf("%s/test.ctl", f->dir);
    assert_int_equal(unixctl_server_create(f->path, &f->server), 0);
    assert_non_null(f->server);
    assert_string_equal(unixctl_server_get_path(f->server), f->path);

    latch_init(&f->stop);
    assert_int_equal(pthread_create(&f->thread, NULL, server_main, f), 0);
    *state = f;
    return 0;
}

static int
server_teardown(void **state)
{
    struct fixture *f = *state;
    struct stat s;

    latch_set(&f->stop);
    assert_int_equal(pthread_join(f->thread, NULL), 0);
    latch_destroy(&f->stop);

    /* Destroying the server removes its socket. */
    assert_int_equal(stat(f->path, &s), -1);
    assert_int_equal(errno, ENOENT);

    rmdir(f->dir);
    free(f->path);
    free(f);
    free(deferred_arg);
    deferred_arg = NULL;
    deferred_conn = NULL;
    return 0;
}

static struct jsonrpc *
connect_client(const struct fixture *f)
{
    struct jsonrpc *client;

    assert_int_equal(unixctl_client_create(f->path, &client), 0);
    assert_non_null(client);
    return client;
}

/* Runs 'command' with 'argc' arguments 'argv' and returns the result text,
 * failing the test if the daemon returned an error. */
static char *
transact_ok(struct jsonrpc *client, const char *command, int argc,
            char *argv[])
{
    char *result, *error;

    assert_int_equal(unixctl_client_transact(client, command, argc, argv,
                                             &result, &error), 0);
    if (error) {
        fail_msg("%s: unexpected error: %s", command, error);
    }
    assert_non_null(result);
    return result;
}

/* Like transact_ok() but expects an error, and returns its text. */
static char *
transact_error(struct jsonrpc *client, const char *command, int argc,
               char *argv[])
{
    char *result, *error;

    assert_int_equal(unixctl_client_transact(client, command, argc, argv,
                                             &result, &error), 0);
    if (result) {
        fail_msg("%s: unexpected result: %s", command, result);
    }
    assert_non_null(error);
    return error;
}

static void
test_server_result(void **state)
{
    struct fixture *f = *state;
    struct jsonrpc *client = connect_client(f);
    char *args[] = { "hello world", "\"quoted\" \xc3\xa9" };
    char *result;

    result = transact_ok(client, "echo", 2, args);
    assert_string_equal(result, "hello world\n\"quoted\" \xc3\xa9\n");
    free(result);

    /* A NULL body is an empty result; the connection stays usable. */
    result = transact_ok(client, "t/none", 0, NULL);
    assert_string_equal(result, "");
    free(result);

    result = transact_ok(client, "echo", 0, NULL);
    assert_string_equal(result, "");
    free(result);

    jsonrpc_close(client);
}

static void
test_server_errors(void **state)
{
    struct fixture *f = *state;
    struct jsonrpc *client = connect_client(f);
    char *args[] = { "a", "b", "c" };
    char *error;

    error = transact_error(client, "no-such-command", 0, NULL);
    assert_string_equal(error, "\"no-such-command\" is not a valid command "
                        "(use \"list-commands\" to see a list of valid "
                        "commands)\n");
    free(error);

    error = transact_error(client, "echo", 3, args);
    assert_string_equal(error,
                        "\"echo\" command takes at most 2 arguments\n");
    free(error);

    error = transact_error(client, "defer", 0, NULL);
    assert_string_equal(error,
                        "\"defer\" command requires at least 1 arguments\n");
    free(error);

    /* A handler's error gets a trailing new-line. */
    error = transact_error(client, "fail", 0, NULL);
    assert_string_equal(error, "it failed\n");
    free(error);

    jsonrpc_close(client);
}

/* Sends 'request' (consumed) on a raw connection and returns the reply. */
static struct jsonrpc_msg *
raw_transact(struct jsonrpc *client, struct jsonrpc_msg *request)
{
    struct jsonrpc_msg *reply;

    assert_int_equal(jsonrpc_transact_block(client, request, &reply), 0);
    return reply;
}

static void
test_server_non_string_params(void **state)
{
    struct fixture *f = *state;
    struct jsonrpc *client = connect_client(f);
    struct jsonrpc_msg *reply;

    reply = raw_transact(client, jsonrpc_create_request(
                             "echo", json_pack("[s, i]", "x", 1), NULL));
    assert_int_equal(reply->type, JSONRPC_ERROR);
    assert_true(json_is_string(reply->error));
    assert_non_null(strstr(json_string_value(reply->error),
                           "must be strings"));
    jsonrpc_msg_destroy(reply);

    reply = raw_transact(client, jsonrpc_create_request(
                             "echo", json_pack("[n]"), NULL));
    assert_int_equal(reply->type, JSONRPC_ERROR);
    jsonrpc_msg_destroy(reply);

    /* Still usable afterwards, and the id comes back. */
    reply = raw_transact(client, jsonrpc_create_request(
                             "echo", json_pack("[s]", "ok"), NULL));
    assert_int_equal(reply->type, JSONRPC_REPLY);
    assert_string_equal(json_string_value(reply->result), "ok\n");
    jsonrpc_msg_destroy(reply);

    jsonrpc_close(client);
}

static void
test_server_closes_on_notification(void **state)
{
    struct fixture *f = *state;
    struct jsonrpc *client = connect_client(f);
    struct jsonrpc_msg *msg;

    assert_int_equal(jsonrpc_send_block(client, jsonrpc_create_notify(
                                            "echo", json_array())), 0);
    assert_int_equal(jsonrpc_recv_block(client, &msg), EOF);
    jsonrpc_close(client);
}

static void
test_server_builtins(void **state)
{
    struct fixture *f = *state;
    struct jsonrpc *client = connect_client(f);
    char *result, *expected, *error;
    char *arg[] = { "x" };
    const char *p, *prev_line;

    result = transact_ok(client, "version", 0, NULL);
    expected = xasprintf("%s (ovs-tc) %s\n", program_name,
                         ovs_get_program_version());
    assert_string_equal(result, expected);
    free(expected);
    free(result);

    error = transact_error(client, "version", 1, arg);
    free(error);

    result = transact_ok(client, "list-commands", 0, NULL);
    assert_true(str_starts_with(result, "The available commands are:\n"));
    assert_non_null(strstr(result, "\n  echo                    [ARG...]\n"));
    assert_non_null(strstr(result, "\n  list-commands           \n"));
    assert_non_null(strstr(result, "\n  t/one-two               A [B]\n"));
    assert_non_null(strstr(result, "\n  version                 \n"));

    /* Every line after the first is an indented command, in order. */
    prev_line = NULL;
    for (p = strchr(result, '\n') + 1; *p; p = strchr(p, '\n') + 1) {
        assert_true(str_starts_with(p, "  "));
        assert_true(p[2] != ' ');
        if (prev_line) {
            size_t a = strcspn(prev_line + 2, " ");
            size_t b = strcspn(p + 2, " ");
            char *name_a = xmemdup0(prev_line + 2, a);
            char *name_b = xmemdup0(p + 2, b);

            assert_true(strcmp(name_a, name_b) < 0);
            free(name_a);
            free(name_b);
        }
        prev_line = p;
    }
    free(result);

    jsonrpc_close(client);
}

/* A client thread that runs "defer ARG" and keeps the outcome.  It must
 * not use cmocka's assertions, which only work in the test's thread. */
struct deferred_client {
    const struct fixture *f;
    int error;
    char *result;
    char *reply_error;
    pthread_t thread;
};

static void *
deferred_client_main(void *dc_)
{
    struct deferred_client *dc = dc_;
    char *args[] = { "first" };
    struct jsonrpc *client;

    dc->error = unixctl_client_create(dc->f->path, &client);
    if (!dc->error) {
        dc->error = unixctl_client_transact(client, "defer", 1, args,
                                            &dc->result, &dc->reply_error);
        jsonrpc_close(client);
    }
    return NULL;
}

/* Runs "release" on 'client' until there is something to release. */
static void
release_deferred(struct jsonrpc *client)
{
    long long int deadline = time_msec() + 10000;

    for (;;) {
        char *result, *error;

        assert_int_equal(unixctl_client_transact(client, "release", 0, NULL,
                                                 &result, &error), 0);
        if (result) {
            assert_string_equal(result, "ok\n");
            free(result);
            return;
        }
        free(error);
        assert_true(time_msec() < deadline);
        usleep(1000);
    }
}

static void
test_server_deferred_and_two_clients(void **state)
{
    struct fixture *f = *state;
    struct deferred_client dc = { .f = f };
    struct jsonrpc *client;
    char *args[] = { "meanwhile" };
    char *result;

    assert_int_equal(pthread_create(&dc.thread, NULL, deferred_client_main,
                                    &dc), 0);

    /* While the first client waits, a second one is served. */
    client = connect_client(f);
    result = transact_ok(client, "echo", 1, args);
    assert_string_equal(result, "meanwhile\n");
    free(result);

    release_deferred(client);
    assert_int_equal(pthread_join(dc.thread, NULL), 0);
    assert_int_equal(dc.error, 0);
    assert_null(dc.reply_error);
    assert_non_null(dc.result);
    assert_string_equal(dc.result, "released first\n");
    free(dc.result);

    jsonrpc_close(client);
}

/* Waits until the server holds a deferred request. */
static void
wait_for_deferred(struct jsonrpc *client)
{
    long long int deadline = time_msec() + 10000;

    for (;;) {
        char *result = transact_ok(client, "is-deferred", 0, NULL);
        bool yes = !strcmp(result, "yes\n");

        free(result);
        if (yes) {
            return;
        }
        assert_true(time_msec() < deadline);
        usleep(1000);
    }
}

static void
test_server_deferred_client_gone(void **state)
{
    struct fixture *f = *state;
    struct jsonrpc *quitter = connect_client(f);
    struct jsonrpc *client = connect_client(f);
    char *result;

    /* The client asks and leaves before the answer: the late reply must go
     * nowhere, harmlessly. */
    assert_int_equal(jsonrpc_send_block(quitter, jsonrpc_create_request(
                                            "defer", json_pack("[s]", "gone"),
                                            NULL)), 0);
    wait_for_deferred(client);
    jsonrpc_close(quitter);
    release_deferred(client);

    /* The server is still fine. */
    result = transact_ok(client, "is-deferred", 0, NULL);
    assert_string_equal(result, "no\n");
    free(result);
    jsonrpc_close(client);
}

static void
test_server_many_clients(void **state)
{
    struct fixture *f = *state;
    struct jsonrpc *clients[20];

    for (size_t i = 0; i < ARRAY_SIZE(clients); i++) {
        clients[i] = connect_client(f);
    }
    for (size_t i = ARRAY_SIZE(clients); i-- > 0;) {
        char *arg = xasprintf("%zu", i);
        char *expected = xasprintf("%zu\n", i);
        char *result = transact_ok(clients[i], "echo", 1, &arg);

        assert_string_equal(result, expected);
        free(result);
        free(expected);
        free(arg);
    }
    for (size_t i = 0; i < ARRAY_SIZE(clients); i++) {
        jsonrpc_close(clients[i]);
    }
}

/* Server paths. */

static void
test_server_paths(void **state OVS_UNUSED)
{
    struct unixctl_server *server;
    char dir[] = "/tmp/test-unixctl.XXXXXX";
    char *expected;
    struct stat s;

    assert_non_null(mkdtemp(dir));
    assert_int_equal(setenv("OVS_RUNDIR", dir, 1), 0);

    /* "none": no server at all. */
    server = (struct unixctl_server *) 1;
    assert_int_equal(unixctl_server_create("none", &server), 0);
    assert_null(server);
    unixctl_server_run(NULL);
    unixctl_server_wait(NULL);
    unixctl_server_destroy(NULL);

    /* Default: <rundir>/<program>.<pid>.ctl. */
    assert_int_equal(unixctl_server_create(NULL, &server), 0);
    expected = xasprintf("%s/%s.%ld.ctl", dir, program_name,
                         (long int) getpid());
    assert_string_equal(unixctl_server_get_path(server), expected);
    assert_int_equal(stat(expected, &s), 0);
    assert_true(S_ISSOCK(s.st_mode));
    unixctl_server_destroy(server);
    assert_int_equal(stat(expected, &s), -1);
    free(expected);

    /* Relative: under the run directory. */
    assert_int_equal(unixctl_server_create("rel.ctl", &server), 0);
    expected = xasprintf("%s/rel.ctl", dir);
    assert_string_equal(unixctl_server_get_path(server), expected);
    assert_int_equal(stat(expected, &s), 0);
    unixctl_server_destroy(server);
    free(expected);

    /* A directory that does not exist. */
    assert_int_not_equal(unixctl_server_create("/nonexistent/dir/x.ctl",
                                               &server), 0);
    assert_null(server);

    /* Connecting to nothing fails cleanly. */
    struct jsonrpc *client = (struct jsonrpc *) 1;
    assert_int_not_equal(unixctl_client_create("nothing.ctl", &client), 0);
    assert_null(client);

    unsetenv("OVS_RUNDIR");
    assert_int_equal(rmdir(dir), 0);
}

int
main(int argc OVS_UNUSED, char *argv[])
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_zero_args),
        cmocka_unit_test(test_check_bounds),
        cmocka_unit_test(test_check_int_max),
        cmocka_unit_test(test_check_unknown),
        cmocka_unit_test_setup_teardown(test_server_result,
                                        server_setup, server_teardown),
        cmocka_unit_test_setup_teardown(test_server_errors,
                                        server_setup, server_teardown),
        cmocka_unit_test_setup_teardown(test_server_non_string_params,
                                        server_setup, server_teardown),
        cmocka_unit_test_setup_teardown(test_server_closes_on_notification,
                                        server_setup, server_teardown),
        cmocka_unit_test_setup_teardown(test_server_builtins,
                                        server_setup, server_teardown),
        cmocka_unit_test_setup_teardown(test_server_deferred_and_two_clients,
                                        server_setup, server_teardown),
        cmocka_unit_test_setup_teardown(test_server_deferred_client_gone,
                                        server_setup, server_teardown),
        cmocka_unit_test_setup_teardown(test_server_many_clients,
                                        server_setup, server_teardown),
        cmocka_unit_test(test_server_paths),
    };

    set_program_name(argv[0]);
    return cmocka_run_group_tests(tests, register_commands, NULL);
}
