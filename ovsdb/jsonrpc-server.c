/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>

#include "jsonrpc-server.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "dirs.h"
#include "dynamic-string.h"
#include "execution.h"
#include "fatal-signal.h"
#include "hash.h"
#include "jsonrpc.h"
#include "monitor.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "ovsdb-schema.h"
#include "poll-loop.h"
#include "server.h"
#include "stream.h"
#include "timeval.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_jsonrpc_server);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);
static struct vlog_rate_limit backlog_rl = VLOG_RATE_LIMIT_INIT(5, 5);

/* Messages handled per session per turn of the main loop. */
#define MAX_MSGS_PER_RUN 50

/* Connections accepted per remote per turn. */
#define MAX_ACCEPTS_PER_RUN 20

/* Inactivity probe for TCP and SSL sessions. */
#define PROBE_INTERVAL_MSEC 5000

struct remote {
    struct ovs_list node;       /* In struct ovsdb_jsonrpc_server. */
    char *name;
    struct pstream *pstream;    /* NULL for remotes not served. */
    char *unlink_path;          /* punix: socket file to remove on a fatal
                                 * signal, or NULL. */
    long long int accept_after; /* After an accept() failure (out of file
                                 * descriptors, say), when to try again. */
};

struct session {
    struct ovs_list node;       /* In struct ovsdb_jsonrpc_server. */
    struct ovsdb_jsonrpc_server *server;
    struct remote *remote;      /* Where it came from. */
    struct jsonrpc *rpc;
    bool dead;                  /* To close at the next turn. */

    bool db_change_aware;       /* "set_db_change_aware" true? */
    bool probe;                 /* Send inactivity probes? */
    long long int last_rx;      /* When a message last arrived. */
    bool echo_sent;

    struct hmap monitors;       /* struct session_monitor by id. */
    struct ovs_list triggers;   /* struct trigger. */
    struct ovs_list waiters;    /* struct ovsdb_lock_waiter 'session_node'. */
};

struct session_monitor {
    struct hmap_node node;      /* In struct session 'monitors'. */
    char *key;                  /* ovsdb_monitor_id_to_string(). */
    struct session *session;
    struct ovsdb_server_db *db;
    struct ovsdb_monitor *monitor;
};

/* A "transact" request whose "wait" cannot be decided yet. */
struct trigger {
    struct ovs_list node;       /* In struct session 'triggers'. */
    struct ovsdb_server_db *db;
    json_t *id;
    json_t *params;
    long long int start_msec;
    long long int deadline_msec;
    unsigned long long int n_commits;   /* 'db->n_commits' when last run. */
};

struct ovsdb_jsonrpc_server {
    struct ovsdb_server *server;
    struct ovs_list remotes;    /* struct remote. */
    struct ovs_list sessions;   /* struct session. */
    size_t max_backlog;
    char server_id[UUID_BUFSIZE];
};

static void session_close(struct session *);

struct ovsdb_jsonrpc_server *
ovsdb_jsonrpc_server_create(struct ovsdb_server *server)
{
    struct ovsdb_jsonrpc_server *s = xzalloc(sizeof *s);
    struct uuid sid;

    s->server = server;
    ovs_list_init(&s->remotes);
    ovs_list_init(&s->sessions);
    s->max_backlog = OVSDB_JSONRPC_DEFAULT_MAX_BACKLOG;
    uuid_new_random(&sid);
    uuid_to_string(&sid, s->server_id);
    return s;
}

static void
remote_destroy(struct remote *remote)
{
    ovs_list_remove(&remote->node);
    if (remote->unlink_path) {
        fatal_signal_remove_file_to_unlink(remote->unlink_path);
        free(remote->unlink_path);
    }
    pstream_close(remote->pstream);
    free(remote->name);
    free(remote);
}

void
ovsdb_jsonrpc_server_destroy(struct ovsdb_jsonrpc_server *s)
{
    struct session *session, *next_session;
    struct remote *remote, *next_remote;

    if (!s) {
        return;
    }
    LIST_FOR_EACH_SAFE (session, next_session, node, &s->sessions) {
        session_close(session);
    }
    LIST_FOR_EACH_SAFE (remote, next_remote, node, &s->remotes) {
        remote_destroy(remote);
    }
    free(s);
}

void
ovsdb_jsonrpc_server_set_max_backlog(struct ovsdb_jsonrpc_server *s,
                                     size_t max_backlog)
{
    s->max_backlog = max_backlog;
}

static struct remote *
find_remote(const struct ovsdb_jsonrpc_server *s, const char *name)
{
    struct remote *remote;

    LIST_FOR_EACH (remote, node, &s->remotes) {
        if (!strcmp(remote->name, name)) {
            return remote;
        }
    }
    return NULL;
}

int
ovsdb_jsonrpc_server_add_remote(struct ovsdb_jsonrpc_server *s,
                                const char *name)
{
    struct pstream *pstream = NULL;
    struct remote *remote;

    if (find_remote(s, name)) {
        return EEXIST;
    }
    if (str_starts_with(name, "db:")) {
        VLOG_INFO("%s: remotes read from a database are not supported, "
                  "ignoring", name);
    } else if (stream_verify_name(name)) {
        VLOG_WARN("%s: active remotes are not supported, ignoring", name);
    } else {
        int error = pstream_open(name, &pstream, 0);

        if (error) {
            VLOG_ERR("%s: listen failed (%s)", name, ovs_strerror(error));
            return error;
        }
        VLOG_INFO("%s: listening", name);
    }

    remote = xzalloc(sizeof *remote);
    remote->name = xstrdup(name);
    remote->pstream = pstream;
    if (pstream && str_starts_with(name, "punix:")) {
        /* Like the control socket, the socket file goes away with the
         * process even when a signal ends it. */
        const char *path = name + strlen("punix:");

        remote->unlink_path = (path[0] == '/' ? xstrdup(path)
                               : xasprintf("%s/%s", ovs_rundir(), path));
        fatal_signal_add_file_to_unlink(remote->unlink_path);
    }
    ovs_list_push_back(&s->remotes, &remote->node);
    return 0;
}

bool
ovsdb_jsonrpc_server_remove_remote(struct ovsdb_jsonrpc_server *s,
                                   const char *name)
{
    struct remote *remote = find_remote(s, name);
    struct session *session, *next;

    if (!remote) {
        return false;
    }
    LIST_FOR_EACH_SAFE (session, next, node, &s->sessions) {
        if (session->remote == remote) {
            session_close(session);
        }
    }
    remote_destroy(remote);
    return true;
}

static int
compare_strings(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;

    return strcmp(*a, *b);
}

void
ovsdb_jsonrpc_server_list_remotes(const struct ovsdb_jsonrpc_server *s,
                                  struct ds *ds)
{
    size_t n = ovs_list_size(&s->remotes);
    const char **names = xcalloc(n ? n : 1, sizeof *names);
    const struct remote *remote;
    size_t i = 0;

    LIST_FOR_EACH (remote, node, &s->remotes) {
        names[i++] = remote->name;
    }
    qsort(names, n, sizeof *names, compare_strings);
    for (i = 0; i < n; i++) {
        ds_put_format(ds, "%s\n", names[i]);
    }
    free(names);
}

void
ovsdb_jsonrpc_server_reconnect(struct ovsdb_jsonrpc_server *s)
{
    struct session *session, *next;

    LIST_FOR_EACH_SAFE (session, next, node, &s->sessions) {
        session_close(session);
    }
}

size_t
ovsdb_jsonrpc_server_n_sessions(const struct ovsdb_jsonrpc_server *s)
{
    return ovs_list_size(&s->sessions);
}

/* Sessions: life cycle and output. */

static struct session *
session_create(struct ovsdb_jsonrpc_server *s, struct remote *remote,
               struct stream *stream)
{
    struct session *session = xzalloc(sizeof *session);

    session->server = s;
    session->remote = remote;
    session->rpc = jsonrpc_open(stream);
    session->probe = !str_starts_with(remote->name, "punix:");
    session->last_rx = time_msec();
    hmap_init(&session->monitors);
    ovs_list_init(&session->triggers);
    ovs_list_init(&session->waiters);
    ovs_list_push_back(&s->sessions, &session->node);
    VLOG_DBG("%s: new session", jsonrpc_get_name(session->rpc));
    return session;
}

/* Queues 'msg' for the peer.  Replies are never refused: a session reads
 * no new request while it has output pending, so they are bounded by the
 * requests themselves.  Notifications come from other clients' commits,
 * without limit, so if one leaves more output pending than the server's
 * cap, the session is marked dead. */
static void
session_send__(struct session *session, struct jsonrpc_msg *msg,
               bool capped)
{
    if (session->dead) {
        jsonrpc_msg_destroy(msg);
        return;
    }
    if (jsonrpc_send(session->rpc, msg)) {
        session->dead = true;
    } else if (capped && jsonrpc_get_backlog(session->rpc)
               > session->server->max_backlog) {
        VLOG_WARN_RL(&backlog_rl, "%s: dropping session with %zu bytes of "
                     "unsent output", jsonrpc_get_name(session->rpc),
                     jsonrpc_get_backlog(session->rpc));
        session->dead = true;
    }
}

static void
session_send(struct session *session, struct jsonrpc_msg *msg)
{
    session_send__(session, msg, false);
}

static void
session_notify(struct session *session, const char *method, json_t *params)
{
    session_send__(session, jsonrpc_create_notify(method, params), true);
}

static void
session_reply(struct session *session, json_t *result, const json_t *id)
{
    session_send(session, jsonrpc_create_reply(result, id));
}

static void
session_reply_error(struct session *session, json_t *error, const json_t *id)
{
    session_send(session, jsonrpc_create_error(error, id));
}

/* Replies to 'id' with 'error' (consumed) as an RFC 7047 <error>. */
static void
session_reply_ovsdb_error(struct session *session, struct ovsdb_error *error,
                          const json_t *id)
{
    session_reply_error(session, ovsdb_error_to_json(error), id);
    ovsdb_error_destroy(error);
}

static void
trigger_destroy(struct trigger *t)
{
    ovs_list_remove(&t->node);
    json_decref(t->id);
    json_decref(t->params);
    free(t);
}

static void
session_monitor_destroy(struct session *session, struct session_monitor *sm)
{
    hmap_remove(&session->monitors, &sm->node);
    ovsdb_monitor_destroy(sm->monitor);
    free(sm->key);
    free(sm);
}

/* Gives up 'waiter' of 'session' and tells the next owner, if any. */
static void
session_unlock(struct session *session, struct ovsdb_lock_waiter *waiter)
{
    struct ovsdb_lock_waiter *new_owner;
    char *name = xstrdup(ovsdb_lock_waiter_get_name(waiter));

    ovs_list_remove(&waiter->session_node);
    new_owner = ovsdb_lock_waiter_remove(session->server->server, waiter);
    if (new_owner) {
        session_notify(new_owner->session, "locked",
                       json_pack("[s]", name));
    }
    free(name);
}

static void
session_close(struct session *session)
{
    struct session_monitor *sm, *next_sm;
    struct trigger *t, *next_t;
    struct ovsdb_lock_waiter *waiter;

    VLOG_DBG("%s: closing session", jsonrpc_get_name(session->rpc));
    HMAP_FOR_EACH_SAFE (sm, next_sm, node, &session->monitors) {
        session_monitor_destroy(session, sm);
    }
    hmap_destroy(&session->monitors);
    LIST_FOR_EACH_SAFE (t, next_t, node, &session->triggers) {
        trigger_destroy(t);
    }
    while (!ovs_list_is_empty(&session->waiters)) {
        waiter = CONTAINER_OF(ovs_list_front(&session->waiters),
                              struct ovsdb_lock_waiter, session_node);
        session_unlock(session, waiter);
    }
    ovs_list_remove(&session->node);
    jsonrpc_close(session->rpc);
    free(session);
}

/* Request helpers. */

/* Returns the database named by the first element of the request's
 * 'params', or NULL after replying with the error. */
static struct ovsdb_server_db *
session_get_db(struct session *session, const struct jsonrpc_msg *request)
{
    const json_t *name = json_array_get(request->params, 0);
    struct ovsdb_server_db *db;

    if (!json_is_string(name)) {
        session_reply_ovsdb_error(session, ovsdb_syntax_error(
            request->params, NULL, "%s request params must begin with "
            "<db-name>", request->method), request->id);
        return NULL;
    }
    db = ovsdb_server_find_db(session->server->server,
                              json_string_value(name));
    if (!db) {
        session_reply_ovsdb_error(session, ovsdb_syntax_error(
            request->params, OVSDB_E_UNKNOWN_DATABASE, "%s request "
            "specifies unknown database %s", request->method,
            json_string_value(name)), request->id);
    }
    return db;
}

static bool
session_lock_held(void *session_, const char *name)
{
    struct session *session = session_;
    struct ovsdb_lock_waiter *waiter;

    waiter = ovsdb_server_find_waiter(session->server->server, name,
                                      session);
    return waiter && ovsdb_lock_waiter_is_owner(waiter);
}

/* Runs the "transact" 'params' on 'db' for 'session'.  Returns true if it
 * was decided (and answered), false if it has to wait. */
static bool
session_execute(struct session *session, struct ovsdb_server_db *db,
                const json_t *params, const json_t *id,
                long long int start_msec, long long int *deadlinep)
{
    struct ovsdb_execute_options options = {
        .lock_held = session_lock_held,
        .aux = session,
        .start_msec = start_msec,
        .now_msec = time_msec(),
    };
    json_t *result = ovsdb_server_check_read_only(db, params);

    if (!result && ovsdb_execute(db->db, params, &options, &result,
                                 deadlinep) == OVSDB_EXECUTE_WOULD_BLOCK) {
        return false;
    }
    session_reply(session, result, id);
    return true;
}

static void
handle_transact(struct session *session, const struct jsonrpc_msg *request)
{
    struct ovsdb_server_db *db = session_get_db(session, request);
    long long int now = time_msec();
    long long int deadline;
    struct trigger *t;

    if (!db || session_execute(session, db, request->params, request->id,
                               now, &deadline)) {
        return;
    }
    t = xzalloc(sizeof *t);
    t->db = db;
    t->id = json_incref(request->id);
    t->params = json_incref(request->params);
    t->start_msec = now;
    t->deadline_msec = deadline;
    t->n_commits = db->n_commits;
    ovs_list_push_back(&session->triggers, &t->node);
}

/* Handles the notification "cancel" [<id>]: the request 'id' gets the
 * error "canceled" if it is still waiting. */
static void
handle_cancel(struct session *session, const struct jsonrpc_msg *notify)
{
    const json_t *id = json_array_get(notify->params, 0);
    struct trigger *t, *next;

    LIST_FOR_EACH_SAFE (t, next, node, &session->triggers) {
        if (id && json_equal(t->id, (json_t *) id)) {
            session_reply_error(session, json_string("canceled"), t->id);
            trigger_destroy(t);
            return;
        }
    }
}

/* Runs again the triggers of 'session' whose database changed or whose
 * deadline passed. */
static void
session_run_triggers(struct session *session)
{
    long long int now = time_msec();
    struct trigger *t, *next;

    LIST_FOR_EACH_SAFE (t, next, node, &session->triggers) {
        if (t->db->n_commits == t->n_commits && now < t->deadline_msec) {
            continue;
        }
        t->n_commits = t->db->n_commits;
        if (session_execute(session, t->db, t->params, t->id,
                            t->start_msec, &t->deadline_msec)) {
            trigger_destroy(t);
        }
    }
}

/* Monitors. */

static void
monitor_send_cb(void *sm_, const char *method, json_t *params)
{
    struct session_monitor *sm = sm_;

    session_notify(sm->session, method, params);
}

static struct session_monitor *
find_monitor(const struct session *session, const json_t *id)
{
    char *key = ovsdb_monitor_id_to_string(id);
    struct session_monitor *sm;

    HMAP_FOR_EACH_WITH_HASH (sm, node, hash_string(key, 0),
                             &session->monitors) {
        if (!strcmp(sm->key, key)) {
            free(key);
            return sm;
        }
    }
    free(key);
    return NULL;
}

static void
handle_monitor(struct session *session, const struct jsonrpc_msg *request,
               enum ovsdb_monitor_version version)
{
    struct ovsdb_server_db *db = session_get_db(session, request);
    const json_t *id = json_array_get(request->params, 1);
    const json_t *requests = json_array_get(request->params, 2);
    struct session_monitor *sm;
    struct ovsdb_error *error;
    json_t *initial;

    if (!db) {
        return;
    }
    if (!id || !requests) {
        session_reply_ovsdb_error(session, ovsdb_syntax_error(
            request->params, NULL, "%s request params must be [<db-name>, "
            "<monitor-id>, <monitor-requests>]", request->method),
            request->id);
        return;
    }
    if (find_monitor(session, id)) {
        session_reply_ovsdb_error(session, ovsdb_syntax_error(
            id, NULL, "duplicate monitor ID"), request->id);
        return;
    }

    sm = xzalloc(sizeof *sm);
    sm->session = session;
    sm->db = db;
    error = ovsdb_monitor_create(db->db, version, id, requests,
                                 monitor_send_cb, sm, &sm->monitor,
                                 &initial);
    if (error) {
        free(sm);
        session_reply_ovsdb_error(session, error, request->id);
        return;
    }
    sm->key = ovsdb_monitor_id_to_string(id);
    hmap_insert(&session->monitors, &sm->node, hash_string(sm->key, 0));

    if (version == OVSDB_MONITOR_V3) {
        initial = json_pack("[b, s, o]", 0,
                            "00000000-0000-0000-0000-000000000000", initial);
    }
    session_reply(session, initial, request->id);
}

static void
handle_monitor_cond_change(struct session *session,
                           const struct jsonrpc_msg *request)
{
    const json_t *old_id = json_array_get(request->params, 0);
    const json_t *new_id = json_array_get(request->params, 1);
    const json_t *requests = json_array_get(request->params, 2);
    struct session_monitor *sm;
    struct ovsdb_error *error;
    char *new_key;

    if (!old_id || !new_id || !requests) {
        session_reply_ovsdb_error(session, ovsdb_syntax_error(
            request->params, NULL, "monitor_cond_change request params "
            "must be [<old-id>, <new-id>, <monitor-cond-change-requests>]"),
            request->id);
        return;
    }
    sm = find_monitor(session, old_id);
    if (!sm) {
        session_reply_ovsdb_error(session, ovsdb_syntax_error(
            old_id, NULL, "unknown monitor session"), request->id);
        return;
    }
    new_key = ovsdb_monitor_id_to_string(new_id);
    if (strcmp(new_key, sm->key) && find_monitor(session, new_id)) {
        free(new_key);
        session_reply_ovsdb_error(session, ovsdb_syntax_error(
            new_id, NULL, "duplicate monitor ID"), request->id);
        return;
    }
    error = ovsdb_monitor_cond_change(sm->monitor, new_id, requests);
    if (error) {
        free(new_key);
        session_reply_ovsdb_error(session, error, request->id);
        return;
    }
    hmap_remove(&session->monitors, &sm->node);
    free(sm->key);
    sm->key = new_key;
    hmap_insert(&session->monitors, &sm->node, hash_string(sm->key, 0));
    session_reply(session, json_object(), request->id);
}

static void
handle_monitor_cancel(struct session *session,
                      const struct jsonrpc_msg *request)
{
    const json_t *id = json_array_get(request->params, 0);
    struct session_monitor *sm = id ? find_monitor(session, id) : NULL;

    if (!sm) {
        session_reply_error(session, json_string("unknown monitor"),
                            request->id);
        return;
    }
    session_monitor_destroy(session, sm);
    session_reply(session, json_object(), request->id);
}

/* Locks. */

/* Returns the lock name of a lock, steal or unlock 'request', or NULL after
 * replying with the error. */
static const char *
get_lock_name(struct session *session, const struct jsonrpc_msg *request)
{
    const char *name = json_string_value(json_array_get(request->params,
                                                        0));

    if (json_array_size(request->params) != 1 || !name
        || !ovsdb_is_valid_id(name)) {
        session_reply_ovsdb_error(session, ovsdb_syntax_error(
            request->params, NULL, "%s request params must be <id>",
            request->method), request->id);
        return NULL;
    }
    return name;
}

static void
handle_lock(struct session *session, const struct jsonrpc_msg *request,
            enum ovsdb_lock_mode mode)
{
    struct ovsdb_server *server = session->server->server;
    const char *name = get_lock_name(session, request);
    struct ovsdb_lock_waiter *waiter;
    void *victim;

    if (!name) {
        return;
    }
    if (ovsdb_server_find_waiter(server, name, session)) {
        session_reply_ovsdb_error(session, ovsdb_syntax_error(
            request->params, NULL, "must issue \"unlock\" before \"%s\"",
            request->method), request->id);
        return;
    }
    waiter = ovsdb_server_lock(server, name, session, mode, &victim);
    ovs_list_push_back(&session->waiters, &waiter->session_node);
    if (victim) {
        session_notify(victim, "stolen", json_pack("[s]", name));
    }
    session_reply(session, json_pack("{s:b}", "locked",
                                     ovsdb_lock_waiter_is_owner(waiter)),
                  request->id);
}

static void
handle_unlock(struct session *session, const struct jsonrpc_msg *request)
{
    const char *name = get_lock_name(session, request);
    struct ovsdb_lock_waiter *waiter;

    if (!name) {
        return;
    }
    waiter = ovsdb_server_find_waiter(session->server->server, name,
                                      session);
    if (!waiter) {
        session_reply_ovsdb_error(session, ovsdb_syntax_error(
            request->params, NULL, "unlock: \"unlock\" without \"lock\" or "
            "\"steal\""), request->id);
        return;
    }
    session_unlock(session, waiter);
    session_reply(session, json_object(), request->id);
}

/* Other methods. */

static void
handle_list_dbs(struct session *session, const struct jsonrpc_msg *request)
{
    const struct ovsdb_server_db *db;
    json_t *names = json_array();

    LIST_FOR_EACH (db, node, &session->server->server->dbs) {
        json_array_append_new(names, json_string(db->name));
    }
    session_reply(session, names, request->id);
}

static void
handle_get_schema(struct session *session, const struct jsonrpc_msg *request)
{
    struct ovsdb_server_db *db = session_get_db(session, request);

    if (db) {
        session_reply(session, ovsdb_schema_to_json(db->db->schema),
                      request->id);
    }
}

/* Forgets every monitor and trigger on 'db', whose contents are about to
 * be replaced: sessions that asked to know ("set_db_change_aware") get
 * "monitor_canceled" for each monitor, the others are disconnected, as
 * stock servers do; waiting transactions get the error "canceled". */
static void
forget_db(struct ovsdb_jsonrpc_server *s, struct ovsdb_server_db *db)
{
    struct session *session;

    LIST_FOR_EACH (session, node, &s->sessions) {
        struct session_monitor *sm, *next_sm;
        struct trigger *t, *next_t;

        HMAP_FOR_EACH_SAFE (sm, next_sm, node, &session->monitors) {
            if (sm->db != db) {
                continue;
            }
            if (session->db_change_aware) {
                session_notify(session, "monitor_canceled", json_pack(
                    "[O]", ovsdb_monitor_get_id(sm->monitor)));
            } else {
                session->dead = true;
            }
            session_monitor_destroy(session, sm);
        }
        LIST_FOR_EACH_SAFE (t, next_t, node, &session->triggers) {
            if (t->db == db) {
                session_reply_error(session, json_string("canceled"),
                                    t->id);
                trigger_destroy(t);
            }
        }
    }
}

/* "convert" [<db-name>, <schema>]: converts the database to 'schema' in
 * place (see ovsdb_server_convert_prepare()). */
static void
handle_convert(struct session *session, const struct jsonrpc_msg *request)
{
    struct ovsdb_server_db *db = session_get_db(session, request);
    struct ovsdb_schema *schema;
    struct ovsdb_error *error;
    struct ovsdb *new;

    if (!db) {
        return;
    }
    error = ovsdb_schema_from_json(json_array_get(request->params, 1),
                                   &schema);
    if (!error) {
        error = ovsdb_server_convert_prepare(db, schema, &new);
        ovsdb_schema_destroy(schema);
    }
    if (!error) {
        forget_db(session->server, db);
        error = ovsdb_server_convert_commit(session->server->server, db,
                                            new);
    }
    if (error) {
        session_reply_ovsdb_error(session, error, request->id);
    } else {
        session_reply(session, json_object(), request->id);
    }
}

static void
handle_request(struct session *session, const struct jsonrpc_msg *request)
{
    const char *m = request->method;

    if (!strcmp(m, "transact")) {
        handle_transact(session, request);
    } else if (!strcmp(m, "monitor")) {
        handle_monitor(session, request, OVSDB_MONITOR_V1);
    } else if (!strcmp(m, "monitor_cond")) {
        handle_monitor(session, request, OVSDB_MONITOR_V2);
    } else if (!strcmp(m, "monitor_cond_since")) {
        handle_monitor(session, request, OVSDB_MONITOR_V3);
    } else if (!strcmp(m, "monitor_cond_change")) {
        handle_monitor_cond_change(session, request);
    } else if (!strcmp(m, "monitor_cancel")) {
        handle_monitor_cancel(session, request);
    } else if (!strcmp(m, "get_schema")) {
        handle_get_schema(session, request);
    } else if (!strcmp(m, "list_dbs")) {
        handle_list_dbs(session, request);
    } else if (!strcmp(m, "lock")) {
        handle_lock(session, request, OVSDB_LOCK_WAIT);
    } else if (!strcmp(m, "steal")) {
        handle_lock(session, request, OVSDB_LOCK_STEAL);
    } else if (!strcmp(m, "unlock")) {
        handle_unlock(session, request);
    } else if (!strcmp(m, "echo")) {
        session_reply(session, json_incref(request->params), request->id);
    } else if (!strcmp(m, "set_db_change_aware")) {
        session->db_change_aware = json_is_true(json_array_get(
                                                    request->params, 0));
        session_reply(session, json_object(), request->id);
    } else if (!strcmp(m, "convert")) {
        handle_convert(session, request);
    } else if (!strcmp(m, "get_server_id")) {
        session_reply(session, json_string(session->server->server_id),
                      request->id);
    } else {
        session_reply_error(session, json_string("unknown method"),
                            request->id);
    }
}

static void
handle_msg(struct session *session, const struct jsonrpc_msg *msg)
{
    switch (msg->type) {
    case JSONRPC_REQUEST:
        handle_request(session, msg);
        break;
    case JSONRPC_NOTIFY:
        if (!strcmp(msg->method, "cancel")) {
            handle_cancel(session, msg);
        }
        break;
    case JSONRPC_REPLY:
    case JSONRPC_ERROR:
        /* Answers to our "echo" probes: arriving was all they had to do. */
        break;
    }
}

/* Runs 'session' for one turn. */
static void
session_run(struct session *session)
{
    long long int now;
    int i;

    jsonrpc_run(session->rpc);
    for (i = 0; i < MAX_MSGS_PER_RUN && !session->dead; i++) {
        struct jsonrpc_msg *msg;
        int error;

        if (jsonrpc_get_backlog(session->rpc)) {
            break;
        }
        error = jsonrpc_recv(session->rpc, &msg);
        if (error == EAGAIN) {
            break;
        } else if (error) {
            if (error != EOF) {
                VLOG_WARN_RL(&rl, "%s: receive error: %s",
                             jsonrpc_get_name(session->rpc),
                             ovs_retval_to_string(error));
            }
            session->dead = true;
            break;
        }
        session->last_rx = time_msec();
        session->echo_sent = false;
        handle_msg(session, msg);
        jsonrpc_msg_destroy(msg);
    }
    if (jsonrpc_get_status(session->rpc)) {
        session->dead = true;
    }

    now = time_msec();
    if (session->probe && !session->dead
        && now >= session->last_rx + PROBE_INTERVAL_MSEC) {
        if (!session->echo_sent) {
            session_send(session, jsonrpc_create_request(
                             "echo", json_array(), NULL));
            session->echo_sent = true;
        } else if (now >= session->last_rx + 2 * PROBE_INTERVAL_MSEC) {
            VLOG_WARN_RL(&rl, "%s: no response to inactivity probe, "
                         "disconnecting", jsonrpc_get_name(session->rpc));
            session->dead = true;
        }
    }
    jsonrpc_run(session->rpc);
}

static void
accept_sessions(struct ovsdb_jsonrpc_server *s)
{
    struct remote *remote;

    LIST_FOR_EACH (remote, node, &s->remotes) {
        int i;

        if (time_msec() < remote->accept_after) {
            continue;
        }
        for (i = 0; remote->pstream && i < MAX_ACCEPTS_PER_RUN; i++) {
            struct stream *stream;
            int error = pstream_accept(remote->pstream, &stream);

            if (error == EAGAIN) {
                break;
            } else if (error) {
                VLOG_WARN_RL(&rl, "%s: accept failed: %s", remote->name,
                             ovs_strerror(error));
                /* The pending connection stays pending: without a pause
                 * the loop would spin. */
                remote->accept_after = time_msec() + 100;
                break;
            }
            session_create(s, remote, stream);
        }
    }
}

void
ovsdb_jsonrpc_server_run(struct ovsdb_jsonrpc_server *s)
{
    struct session *session, *next;

    accept_sessions(s);
    LIST_FOR_EACH (session, node, &s->sessions) {
        if (!session->dead) {
            session_run(session);
        }
    }
    LIST_FOR_EACH (session, node, &s->sessions) {
        if (!session->dead && !ovs_list_is_empty(&session->triggers)) {
            session_run_triggers(session);
        }
    }
    LIST_FOR_EACH_SAFE (session, next, node, &s->sessions) {
        if (session->dead) {
            session_close(session);
        }
    }
}

static void
session_wait(struct session *session)
{
    struct trigger *t;

    jsonrpc_wait(session->rpc);
    if (!jsonrpc_get_backlog(session->rpc)) {
        jsonrpc_recv_wait(session->rpc);
    }
    if (session->probe) {
        poll_timer_wait_until(session->last_rx + (session->echo_sent
                                                  ? 2 * PROBE_INTERVAL_MSEC
                                                  : PROBE_INTERVAL_MSEC));
    }
    LIST_FOR_EACH (t, node, &session->triggers) {
        if (t->db->n_commits != t->n_commits) {
            poll_immediate_wake();
        } else if (t->deadline_msec != LLONG_MAX) {
            poll_timer_wait_until(t->deadline_msec);
        }
    }
}

void
ovsdb_jsonrpc_server_wait(struct ovsdb_jsonrpc_server *s)
{
    struct session *session;
    struct remote *remote;

    LIST_FOR_EACH (remote, node, &s->remotes) {
        if (!remote->pstream) {
            continue;
        } else if (time_msec() < remote->accept_after) {
            poll_timer_wait_until(remote->accept_after);
        } else {
            pstream_wait(remote->pstream);
        }
    }
    LIST_FOR_EACH (session, node, &s->sessions) {
        if (session->dead) {
            poll_immediate_wake();
        } else {
            session_wait(session);
        }
    }
}
