/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "unixctl.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dirs.h"
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "hash.h"
#include "hmap.h"
#include "jsonrpc.h"
#include "list.h"
#include "poll-loop.h"
#include "stream.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(unixctl);

/* How long unixctl_server_destroy() keeps trying to deliver replies that
 * are still queued, e.g. the reply to "exit". */
#define UNIXCTL_FLUSH_MSEC 1000

/* At most this many new connections and requests per connection are taken
 * in one unixctl_server_run(), so that one busy client cannot starve the
 * rest of the program. */
#define UNIXCTL_BATCH 10

/* A registered command.  The table is process-wide; commands are never
 * unregistered. */
struct unixctl_command {
    struct hmap_node hmap_node; /* In 'commands', hashed on 'name'. */
    char *name;
    char *usage;
    int min_args;
    int max_args;
    unixctl_cb_func *cb;
    void *aux;
};

static pthread_mutex_t commands_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct hmap commands = HMAP_INITIALIZER;  /* Guarded by the mutex. */

/* One client connection. */
struct unixctl_conn {
    struct ovs_list node;       /* In the server's 'conns'. */
    struct jsonrpc *rpc;
    json_t *request_id;         /* Request being handled, or NULL. */
    bool dead;                  /* The connection failed: free it as soon
                                 * as no request awaits a reply. */
};

struct unixctl_server {
    struct pstream *listener;
    struct ovs_list conns;      /* Contains "struct unixctl_conn"s. */
    char *path;                 /* Absolute name of the socket. */
};

/* The command table. */

/* Returns the command named 'name', or NULL.  The caller holds
 * 'commands_mutex'. */
static struct unixctl_command *
unixctl_lookup__(const char *name)
{
    struct unixctl_command *command;

    HMAP_FOR_EACH_WITH_HASH (command, hmap_node, hash_string(name, 0),
                             &commands) {
        if (!strcmp(command->name, name)) {
            return command;
        }
    }
    return NULL;
}

void
unixctl_command_register(const char *name, const char *usage,
                         int min_args, int max_args,
                         unixctl_cb_func *cb, void *aux)
{
    struct unixctl_command *command;

    pthread_mutex_lock(&commands_mutex);
    command = unixctl_lookup__(name);
    if (command) {
        VLOG_WARN("command \"%s\" registered twice; keeping the latest",
                  name);
        free(command->usage);
    } else {
        command = xzalloc(sizeof *command);
        command->name = xstrdup(name);
        hmap_insert(&commands, &command->hmap_node, hash_string(name, 0));
    }
    command->usage = xstrdup(usage ? usage : "");
    command->min_args = min_args;
    command->max_args = max_args;
    command->cb = cb;
    command->aux = aux;
    pthread_mutex_unlock(&commands_mutex);
}

/* Registers 'name' unless some command by that name exists already. */
static void
unixctl_register_builtin__(const char *name, unixctl_cb_func *cb)
{
    bool exists;

    pthread_mutex_lock(&commands_mutex);
    exists = unixctl_lookup__(name) != NULL;
    pthread_mutex_unlock(&commands_mutex);

    if (!exists) {
        unixctl_command_register(name, "", 0, 0, cb, NULL);
    }
}

/* The argument check of unixctl_check_request().  On success, also stores
 * the command's handler in '*cbp' and '*auxp' (when nonnull).  The caller
 * holds 'commands_mutex'. */
static char *
unixctl_check__(const char *name, int n_args,
                unixctl_cb_func **cbp, void **auxp)
{
    const struct unixctl_command *command = unixctl_lookup__(name);

    if (!command) {
        return xasprintf("\"%s\" is not a valid command (use "
                         "\"list-commands\" to see a list of valid "
                         "commands)", name);
    } else if (n_args < command->min_args) {
        return xasprintf("\"%s\" command requires at least %d arguments",
                         name, command->min_args);
    } else if (n_args > command->max_args) {
        return xasprintf("\"%s\" command takes at most %d arguments",
                         name, command->max_args);
    }

    if (cbp) {
        *cbp = command->cb;
        *auxp = command->aux;
    }
    return NULL;
}

char *
unixctl_check_request(const char *command, int n_args)
{
    char *error;

    pthread_mutex_lock(&commands_mutex);
    error = unixctl_check__(command, n_args, NULL, NULL);
    pthread_mutex_unlock(&commands_mutex);
    return error;
}

static int
unixctl_compare_commands__(const void *a_, const void *b_)
{
    const struct unixctl_command *const *a = a_;
    const struct unixctl_command *const *b = b_;

    return strcmp((*a)->name, (*b)->name);
}

static void
unixctl_list_commands__(struct unixctl_conn *conn, int argc OVS_UNUSED,
                        const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    const struct unixctl_command **sorted;
    const struct unixctl_command *command;
    struct ds ds = DS_EMPTY_INITIALIZER;
    size_t n = 0;

    pthread_mutex_lock(&commands_mutex);
    sorted = xmalloc(hmap_count(&commands) * sizeof *sorted);
    HMAP_FOR_EACH (command, hmap_node, &commands) {
        sorted[n++] = command;
    }
    qsort(sorted, n, sizeof *sorted, unixctl_compare_commands__);

    ds_put_cstr(&ds, "The available commands are:\n");
    for (size_t i = 0; i < n; i++) {
        ds_put_format(&ds, "  %-23s %s\n", sorted[i]->name, sorted[i]->usage);
    }
    pthread_mutex_unlock(&commands_mutex);

    unixctl_command_reply(conn, ds_cstr(&ds));
    ds_destroy(&ds);
    free(sorted);
}

static void
unixctl_version__(struct unixctl_conn *conn, int argc OVS_UNUSED,
                  const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    char *version = xasprintf("%s (ovs-tc) %s\n", program_name,
                              ovs_get_program_version());

    unixctl_command_reply(conn, version);
    free(version);
}

/* JSON strings. */

/* Returns a new JSON string holding 'text'.  Text that is not valid UTF-8
 * (which JSON cannot carry) has every byte above 0x7f replaced by '?'. */
static json_t *
unixctl_json_string__(const char *text)
{
    json_t *json = json_string(text);

    if (!json) {
        char *copy = xstrdup(text);

        for (char *p = copy; *p; p++) {
            if ((unsigned char) *p > 0x7f) {
                *p = '?';
            }
        }
        json = json_string(copy);
        free(copy);
        if (!json) {
            out_of_memory();
        }
    }
    return json;
}

/* Returns a copy of the JSON string 'json', which may hold null bytes. */
static char *
unixctl_json_strdup__(const json_t *json)
{
    return xmemdup0(json_string_value(json), json_string_length(json));
}

/* Replies. */

static void
unixctl_reply__(struct unixctl_conn *conn, bool success, const char *text)
{
    struct jsonrpc_msg *reply;

    if (!conn->request_id) {
        VLOG_WARN("%s: ignoring a reply to no request",
                  jsonrpc_get_name(conn->rpc));
        return;
    }

    if (success) {
        reply = jsonrpc_create_reply(unixctl_json_string__(text),
                                     conn->request_id);
    } else {
        /* An error is a message: make it a complete line, as clients print
         * it as it comes. */
        size_t len = strlen(text);
        char *line = (len && text[len - 1] != '\n'
                      ? xasprintf("%s\n", text) : xstrdup(text));

        reply = jsonrpc_create_error(unixctl_json_string__(line),
                                     conn->request_id);
        free(line);
    }

    if (VLOG_IS_DBG_ENABLED()) {
        char *s = jsonrpc_msg_to_string(reply);

        VLOG_DBG("%s: reply: %s", jsonrpc_get_name(conn->rpc), s);
        free(s);
    }

    json_decref(conn->request_id);
    conn->request_id = NULL;

    /* A dead connection only waited for the handler to finish. */
    if (conn->dead) {
        jsonrpc_msg_destroy(reply);
    } else {
        jsonrpc_send(conn->rpc, reply);
    }
}

void
unixctl_command_reply(struct unixctl_conn *conn, const char *body)
{
    unixctl_reply__(conn, true, body ? body : "");
}

void
unixctl_command_reply_error(struct unixctl_conn *conn, const char *error)
{
    unixctl_reply__(conn, false, error ? error : "");
}

/* Server. */

/* Returns 'path' as an absolute name, relative names being taken relative
 * to the run directory. */
static char *
unixctl_abs_path__(const char *path)
{
    return (path[0] == '/'
            ? xstrdup(path)
            : xasprintf("%s/%s", ovs_rundir(), path));
}

int
unixctl_server_create(const char *path, struct unixctl_server **serverp)
{
    struct unixctl_server *server;
    struct pstream *listener;
    char *abs_path;
    char *name;
    int error;

    *serverp = NULL;
    if (path && !strcmp(path, "none")) {
        return 0;
    }

    abs_path = (path
                ? unixctl_abs_path__(path)
                : xasprintf("%s/%s.%ld.ctl", ovs_rundir(), program_name,
                            (long int) getpid()));
    name = xasprintf("punix:%s", abs_path);
    error = pstream_open(name, &listener, 0);
    free(name);
    if (error) {
        VLOG_ERR("%s: could not create control socket (%s)", abs_path,
                 ovs_strerror(error));
        free(abs_path);
        return error;
    }
    fatal_signal_add_file_to_unlink(abs_path);

    unixctl_register_builtin__("list-commands", unixctl_list_commands__);
    unixctl_register_builtin__("version", unixctl_version__);

    server = xzalloc(sizeof *server);
    server->listener = listener;
    ovs_list_init(&server->conns);
    server->path = abs_path;
    *serverp = server;
    return 0;
}

const char *
unixctl_server_get_path(const struct unixctl_server *server)
{
    return server ? server->path : NULL;
}

static void
unixctl_conn_destroy__(struct unixctl_conn *conn)
{
    ovs_list_remove(&conn->node);
    jsonrpc_close(conn->rpc);
    json_decref(conn->request_id);
    free(conn);
}

/* Takes the request 'msg' (not consumed) on 'conn' and hands it to its
 * command's handler, or answers it with an error. */
static void
unixctl_handle_request__(struct unixctl_conn *conn,
                         const struct jsonrpc_msg *msg)
{
    const json_t *params = msg->params;
    unixctl_cb_func *cb = NULL;
    const char **argv = NULL;
    void *aux = NULL;
    char *error = NULL;
    size_t n_args;

    if (VLOG_IS_DBG_ENABLED()) {
        char *s = jsonrpc_msg_to_string(msg);

        VLOG_DBG("%s: request: %s", jsonrpc_get_name(conn->rpc), s);
        free(s);
    }

    conn->request_id = json_incref(msg->id ? msg->id : json_null());

    if (params && !json_is_array(params)) {
        error = xasprintf("\"%s\" command arguments must be passed as an "
                          "array of strings", msg->method);
        goto out_error;
    }
    n_args = params ? json_array_size(params) : 0;

    /* The count first, then the types, as Open vSwitch does. */
    pthread_mutex_lock(&commands_mutex);
    error = unixctl_check__(msg->method, n_args > INT_MAX ? INT_MAX : n_args,
                            &cb, &aux);
    pthread_mutex_unlock(&commands_mutex);
    if (error) {
        goto out_error;
    }
    for (size_t i = 0; i < n_args; i++) {
        if (!json_is_string(json_array_get(params, i))) {
            error = xasprintf("\"%s\" command arguments must be strings",
                              msg->method);
            goto out_error;
        }
    }

    argv = xmalloc((n_args + 2) * sizeof *argv);
    argv[0] = msg->method;
    for (size_t i = 0; i < n_args; i++) {
        argv[i + 1] = json_string_value(json_array_get(params, i));
    }
    argv[n_args + 1] = NULL;

    cb(conn, n_args + 1, argv, aux);
    free(argv);
    return;

out_error:
    unixctl_command_reply_error(conn, error);
    free(error);
}

/* Does the work for 'conn'.  Returns 0, or the error that ended it. */
static int
unixctl_conn_run__(struct unixctl_conn *conn)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);
    int error;

    jsonrpc_run(conn->rpc);
    error = jsonrpc_get_status(conn->rpc);

    /* One request at a time: the next waits for the reply to this one. */
    for (int i = 0; !error && !conn->request_id && i < UNIXCTL_BATCH; i++) {
        struct jsonrpc_msg *msg;

        error = jsonrpc_recv(conn->rpc, &msg);
        if (error == EAGAIN) {
            error = 0;
            break;
        } else if (error) {
            break;
        }

        if (msg->type == JSONRPC_REQUEST) {
            unixctl_handle_request__(conn, msg);
        } else {
            VLOG_WARN_RL(&rl, "%s: received unexpected %s message",
                         jsonrpc_get_name(conn->rpc),
                         jsonrpc_msg_type_to_string(msg->type));
            error = EINVAL;
        }
        jsonrpc_msg_destroy(msg);

        if (!error) {
            jsonrpc_run(conn->rpc);
            error = jsonrpc_get_status(conn->rpc);
        }
    }
    return error;
}

void
unixctl_server_run(struct unixctl_server *server)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);
    struct unixctl_conn *conn, *next;

    if (!server) {
        return;
    }

    for (int i = 0; i < UNIXCTL_BATCH; i++) {
        struct stream *stream;
        int error = pstream_accept(server->listener, &stream);

        if (error == EAGAIN) {
            break;
        } else if (error) {
            VLOG_WARN_RL(&rl, "%s: accept failed (%s)", server->path,
                         ovs_strerror(error));
            break;
        }
        conn = xzalloc(sizeof *conn);
        conn->rpc = jsonrpc_open(stream);
        ovs_list_push_back(&server->conns, &conn->node);
    }

    /* Handlers may reply to other connections, but never free them: only
     * the second loop does. */
    LIST_FOR_EACH (conn, node, &server->conns) {
        if (!conn->dead) {
            int error = unixctl_conn_run__(conn);

            if (error) {
                if (error != EOF) {
                    VLOG_DBG("%s: connection closed (%s)",
                             jsonrpc_get_name(conn->rpc),
                             ovs_retval_to_string(error));
                }
                conn->dead = true;
            }
        }
    }
    LIST_FOR_EACH_SAFE (conn, next, node, &server->conns) {
        if (conn->dead && !conn->request_id) {
            unixctl_conn_destroy__(conn);
        }
    }
}

void
unixctl_server_wait(struct unixctl_server *server)
{
    struct unixctl_conn *conn;

    if (!server) {
        return;
    }

    pstream_wait(server->listener);
    LIST_FOR_EACH (conn, node, &server->conns) {
        if (conn->dead) {
            /* Freed by the next unixctl_server_run() once replied to. */
            if (!conn->request_id) {
                poll_immediate_wake();
            }
            continue;
        }
        jsonrpc_wait(conn->rpc);
        if (!conn->request_id) {
            jsonrpc_recv_wait(conn->rpc);
        }
    }
}

/* Gives queued replies up to UNIXCTL_FLUSH_MSEC to reach their clients. */
static void
unixctl_server_flush__(struct unixctl_server *server)
{
    long long int deadline = time_msec() + UNIXCTL_FLUSH_MSEC;

    for (;;) {
        struct unixctl_conn *conn;
        bool pending = false;

        LIST_FOR_EACH (conn, node, &server->conns) {
            if (!conn->dead) {
                jsonrpc_run(conn->rpc);
                if (!jsonrpc_get_status(conn->rpc)
                    && jsonrpc_get_backlog(conn->rpc)) {
                    jsonrpc_wait(conn->rpc);
                    pending = true;
                }
            }
        }
        if (!pending || time_msec() >= deadline) {
            break;
        }
        poll_timer_wait_until(deadline);
        poll_block();
    }
}

void
unixctl_server_destroy(struct unixctl_server *server)
{
    struct unixctl_conn *conn;

    if (!server) {
        return;
    }

    unixctl_server_flush__(server);
    LIST_FOR_EACH_POP (conn, node, &server->conns) {
        ovs_list_init(&conn->node);
        unixctl_conn_destroy__(conn);
    }
    pstream_close(server->listener);
    fatal_signal_unlink_file_now(server->path);
    free(server->path);
    free(server);
}

/* Client. */

int
unixctl_client_create(const char *path, struct jsonrpc **clientp)
{
    struct stream *stream;
    char *abs_path;
    char *name;
    int error;

    *clientp = NULL;
    abs_path = unixctl_abs_path__(path);
    name = xasprintf("unix:%s", abs_path);
    error = stream_open_block(stream_open(name, &stream, 0), -1, &stream);
    free(name);
    free(abs_path);

    if (!error) {
        *clientp = jsonrpc_open(stream);
    }
    return error;
}

int
unixctl_client_transact(struct jsonrpc *client, const char *command,
                        int argc, char *argv[], char **result, char **error)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);
    struct jsonrpc_msg *request, *reply;
    json_t *params;
    int retval;

    *result = NULL;
    *error = NULL;

    params = json_array();
    for (int i = 0; i < argc; i++) {
        json_array_append_new(params, unixctl_json_string__(argv[i]));
    }
    request = jsonrpc_create_request(command, params, NULL);

    retval = jsonrpc_transact_block(client, request, &reply);
    if (retval) {
        return retval;
    }

    if (reply->type == JSONRPC_ERROR && json_is_string(reply->error)) {
        *error = unixctl_json_strdup__(reply->error);
    } else if (reply->type == JSONRPC_REPLY
               && json_is_string(reply->result)) {
        *result = unixctl_json_strdup__(reply->result);
    } else {
        VLOG_WARN_RL(&rl, "%s: reply to \"%s\" is not a string",
                     jsonrpc_get_name(client), command);
        retval = EPROTO;
    }
    jsonrpc_msg_destroy(reply);
    return retval;
}
