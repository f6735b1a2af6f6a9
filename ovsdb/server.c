/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>

#include "server.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "execution.h"
#include "file.h"
#include "hash.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-schema.h"
#include "poll-loop.h"
#include "row.h"
#include "timeval.h"
#include "transaction.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_server_core);

/* The schema of the built-in "_Server" database, version 1.2.0 of the
 * interface stock clients expect: one row per database served. */
static const char server_schema_text[] =
    "{\"name\": \"_Server\", \"version\": \"1.2.0\", \"tables\": {"
    "  \"Database\": {\"columns\": {"
    "    \"name\": {\"type\": \"string\"},"
    "    \"model\": {\"type\": {\"key\": {\"type\": \"string\","
    "        \"enum\": [\"set\", [\"standalone\", \"clustered\","
    "                             \"relay\"]]}}},"
    "    \"connected\": {\"type\": \"boolean\"},"
    "    \"leader\": {\"type\": \"boolean\"},"
    "    \"schema\": {\"type\": {\"key\": \"string\", \"min\": 0}},"
    "    \"cid\": {\"type\": {\"key\": \"uuid\", \"min\": 0}},"
    "    \"sid\": {\"type\": {\"key\": \"uuid\", \"min\": 0}},"
    "    \"index\": {\"type\": {\"key\": \"integer\", \"min\": 0}}}}}}";

struct ovsdb_lock {
    struct hmap_node node;      /* In struct ovsdb_server 'locks'. */
    char *name;
    struct ovs_list waiters;    /* struct ovsdb_lock_waiter; owner first. */
};

static struct ovsdb_error *
count_commit(struct ovsdb_observer *observer,
             const struct ovsdb_txn *txn OVS_UNUSED)
{
    struct ovsdb_server_db *db = CONTAINER_OF(observer,
                                              struct ovsdb_server_db,
                                              observer);
    db->n_commits++;
    return NULL;
}

static const struct ovsdb_observer_class count_commit_class = {
    .commit = count_commit,
};

static struct ovsdb_server_db *
server_db_create(struct ovsdb_server *server, const char *file_name,
                 struct ovsdb *db, struct ovsdb_file *file)
{
    struct ovsdb_server_db *sdb = xzalloc(sizeof *sdb);

    sdb->name = xstrdup(db->schema->name);
    sdb->file_name = file_name ? xstrdup(file_name) : NULL;
    sdb->db = db;
    sdb->file = file;
    sdb->observer.class = &count_commit_class;
    ovsdb_add_observer(db, &sdb->observer);
    if (server->server_db) {
        ovs_list_insert(&server->server_db->node, &sdb->node);
    } else {
        ovs_list_push_back(&server->dbs, &sdb->node);
    }
    return sdb;
}

static void
server_db_destroy(struct ovsdb_server_db *sdb)
{
    ovs_list_remove(&sdb->node);
    ovsdb_remove_observer(&sdb->observer);
    ovsdb_file_destroy(sdb->file);
    ovsdb_destroy(sdb->db);
    free(sdb->name);
    free(sdb->file_name);
    free(sdb);
}

/* Inserts the "_Server" row that describes 'sdb', or with 'update',
 * updates its "schema". */
static void
server_db_publish__(struct ovsdb_server *server,
                    const struct ovsdb_server_db *sdb, bool update)
{
    json_t *schema = ovsdb_schema_to_json(sdb->db->schema);
    char *text = json_dumps(schema, JSON_COMPACT | JSON_SORT_KEYS);
    json_t *row, *params, *result;

    if (update) {
        params = json_pack("[s, {s:s, s:s, s:[[s, s, s]], s:{s:s}}]",
                           OVSDB_SERVER_DB_NAME, "op", "update",
                           "table", "Database",
                           "where", "name", "==", sdb->name,
                           "row", "schema", text);
    } else {
        row = json_pack("{s:s, s:s, s:b, s:b, s:s}",
                        "name", sdb->name, "model", "standalone",
                        "connected", 1, "leader", 1, "schema", text);
        params = json_pack("[s, {s:s, s:s, s:o}]", OVSDB_SERVER_DB_NAME,
                           "op", "insert", "table", "Database", "row", row);
    }
    ovsdb_execute(server->server_db->db, params, NULL, &result, NULL);
    if (json_array_size(result) != 1
        || json_object_get(json_array_get(result, 0), "error")) {
        char *s = json_dumps(result, JSON_COMPACT);

        VLOG_ERR("cannot describe %s in %s: %s", sdb->name,
                 OVSDB_SERVER_DB_NAME, s);
        free(s);
    }
    json_decref(result);
    json_decref(params);
    json_decref(schema);
    free(text);
}

static void
server_db_publish(struct ovsdb_server *server,
                  const struct ovsdb_server_db *sdb)
{
    server_db_publish__(server, sdb, false);
}

void
ovsdb_server_init(struct ovsdb_server *server)
{
    struct ovsdb_schema *schema;
    struct ovsdb_error *error;
    json_t *json;

    ovs_list_init(&server->dbs);
    hmap_init(&server->locks);
    server->server_db = NULL;

    json = json_loads(server_schema_text, 0, NULL);
    error = (json ? ovsdb_schema_from_json(json, &schema)
             : ovsdb_error_create(OVSDB_E_SYNTAX, "unparsable"));
    if (error) {
        ovs_fatal(0, "built-in %s schema: %s", OVSDB_SERVER_DB_NAME,
                  ovsdb_error_to_string(error));
    }
    json_decref(json);

    server->server_db = server_db_create(server, NULL, ovsdb_create(schema),
                                         NULL);
    server_db_publish(server, server->server_db);
}

void
ovsdb_server_destroy(struct ovsdb_server *server)
{
    struct ovsdb_server_db *sdb, *next;
    struct ovsdb_lock *lock;

    LIST_FOR_EACH_SAFE (sdb, next, node, &server->dbs) {
        server_db_destroy(sdb);
    }
    HMAP_FOR_EACH_POP (lock, node, &server->locks) {
        struct ovsdb_lock_waiter *waiter;

        LIST_FOR_EACH_POP (waiter, lock_node, &lock->waiters) {
            free(waiter);
        }
        free(lock->name);
        free(lock);
    }
    hmap_destroy(&server->locks);
}

struct ovsdb_error *
ovsdb_server_add_db(struct ovsdb_server *server, const char *file_name,
                    struct ovsdb_server_db **dbp)
{
    struct ovsdb_server_db *sdb;
    struct ovsdb_error *error;
    struct ovsdb_file *file;
    struct ovsdb *db;

    if (dbp) {
        *dbp = NULL;
    }
    error = ovsdb_file_open(file_name, false, &db, &file);
    if (error) {
        return error;
    }
    if (ovsdb_server_find_db(server, db->schema->name)) {
        error = ovsdb_error_create(OVSDB_E_SYNTAX,
                                   "%s: duplicate database name %s",
                                   file_name, db->schema->name);
        ovsdb_file_destroy(file);
        ovsdb_destroy(db);
        return error;
    }
    if (ovsdb_file_get_torn_tail(file)) {
        VLOG_WARN("%s: %s", file_name, ovsdb_file_get_torn_tail(file));
    }

    sdb = server_db_create(server, file_name, db, file);
    server_db_publish(server, sdb);
    if (dbp) {
        *dbp = sdb;
    }
    return NULL;
}

struct ovsdb_server_db *
ovsdb_server_find_db(const struct ovsdb_server *server, const char *name)
{
    struct ovsdb_server_db *sdb;

    LIST_FOR_EACH (sdb, node, &server->dbs) {
        if (!strcmp(sdb->name, name)) {
            return sdb;
        }
    }
    return NULL;
}

static bool
op_is_read_only(const char *op)
{
    static const char *const ops[] = {
        "select", "wait", "commit", "abort", "comment", "assert",
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(ops); i++) {
        if (!strcmp(op, ops[i])) {
            return true;
        }
    }
    return false;
}

json_t *
ovsdb_server_check_read_only(const struct ovsdb_server_db *db,
                             const json_t *params)
{
    size_t i, n;

    if (db->file_name || !json_is_array(params)) {
        return NULL;
    }
    n = json_array_size(params);
    for (i = 1; i < n; i++) {
        const char *op = json_string_value(
            json_object_get(json_array_get(params, i), "op"));
        json_t *result;
        size_t j;

        if (!op || op_is_read_only(op)) {
            continue;
        }
        result = json_array();
        for (j = 1; j < i; j++) {
            json_array_append_new(result, json_null());
        }
        json_array_append_new(result, json_pack(
            "{s:s, s:s++}", "error", "not allowed",
            "details", op, " operation not allowed on table in reserved "
            "database ", db->name));
        return result;
    }
    return NULL;
}

/* Copies the columns that 'old' and 'new' (a row of table 'ts') share,
 * converting each value to its new type. */
static struct ovsdb_error *
convert_row(const struct ovsdb_table_schema *old_ts,
            const struct ovsdb_row *old, const struct ovsdb_table_schema *ts,
            struct ovsdb_row *new)
{
    size_t i;

    ovsdb_row_set_uuid(new, ovsdb_row_get_uuid(old));
    for (i = OVSDB_N_RESERVED_COLUMNS; i < ts->n_columns; i++) {
        const struct ovsdb_column *c = ts->columns[i];
        const struct ovsdb_column *oc;
        struct ovsdb_error *error;
        struct ovsdb_datum datum;
        json_t *json;

        oc = ovsdb_table_schema_get_column(old_ts, c->name);
        if (!oc) {
            continue;
        }
        json = ovsdb_datum_to_json(&old->fields[oc->index], &oc->type);
        error = ovsdb_datum_from_json(&datum, &c->type, json, NULL);
        json_decref(json);
        if (error) {
            return ovsdb_error_prefix(error, "table %s column %s",
                                      ts->name, c->name);
        }
        ovsdb_datum_swap(&new->fields[c->index], &datum);
        ovsdb_datum_destroy(&datum, &c->type);
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_server_convert_prepare(const struct ovsdb_server_db *sdb,
                             const struct ovsdb_schema *schema,
                             struct ovsdb **newp)
{
    struct ovsdb *new;
    struct ovsdb_error *error = NULL;
    struct ovsdb_txn *txn;
    size_t i;

    *newp = NULL;
    if (!sdb->file) {
        return ovsdb_error_create(OVSDB_E_NOT_SUPPORTED, "cannot convert "
                                  "%s", sdb->name);
    } else if (strcmp(schema->name, sdb->name)) {
        return ovsdb_error_create(OVSDB_E_SYNTAX, "new schema name (%s) "
                                  "does not match database name (%s)",
                                  schema->name, sdb->name);
    }

    new = ovsdb_create(ovsdb_schema_clone(schema));
    txn = ovsdb_txn_create(new);
    for (i = 0; !error && i < new->schema->n_tables; i++) {
        const struct ovsdb_table_schema *ts = new->schema->tables[i];
        const struct ovsdb_table *old_table;
        const struct ovsdb_row *old;

        old_table = ovsdb_get_table(sdb->db, ts->name);
        if (!old_table) {
            continue;
        }
        HMAP_FOR_EACH (old, hmap_node, &old_table->rows) {
            struct ovsdb_row *row = ovsdb_row_create(ts);

            error = convert_row(old_table->schema, old, ts, row);
            if (error) {
                ovsdb_row_destroy(row);
                break;
            }
            ovsdb_txn_insert(txn, &new->tables[i], row);
        }
    }
    if (error) {
        ovsdb_txn_abort(txn);
    } else {
        error = ovsdb_txn_commit(txn);
    }
    if (error) {
        ovsdb_destroy(new);
        return error;
    }
    *newp = new;
    return NULL;
}

struct ovsdb_error *
ovsdb_server_convert_commit(struct ovsdb_server *server,
                            struct ovsdb_server_db *sdb, struct ovsdb *new)
{
    char *tmp = xasprintf("%s.tmp", sdb->file_name);
    struct ovsdb_error *error;
    struct ovsdb_file *file;
    struct ovsdb *db;

    error = ovsdb_file_save_copy(tmp, "converted by ovsdb-server", new);
    ovsdb_destroy(new);
    if (error) {
        unlink(tmp);
        free(tmp);
        return error;
    }

    /* The old file's lock goes with it; the new file is locked again as
     * it is opened. */
    ovsdb_remove_observer(&sdb->observer);
    ovsdb_file_destroy(sdb->file);
    sdb->file = NULL;
    if (rename(tmp, sdb->file_name)) {
        error = ovsdb_error_create(OVSDB_E_IO, "%s: rename failed (%s)",
                                   tmp, ovs_strerror(errno));
    } else {
        error = ovsdb_file_open(sdb->file_name, false, &db, &file);
    }
    free(tmp);
    if (error) {
        /* Keep serving the old contents, in memory only. */
        ovsdb_add_observer(sdb->db, &sdb->observer);
        VLOG_ERR("%s: conversion failed, no longer written to disk",
                 sdb->name);
        return error;
    }

    ovsdb_destroy(sdb->db);
    sdb->db = db;
    sdb->file = file;
    sdb->n_commits++;
    ovsdb_add_observer(db, &sdb->observer);
    server_db_publish__(server, sdb, true);
    VLOG_INFO("%s: converted to schema version %s", sdb->name,
              db->schema->version);
    return NULL;
}

struct ovsdb_error *
ovsdb_server_compact(struct ovsdb_server_db *db)
{
    if (!db->file) {
        return ovsdb_error_create(OVSDB_E_NOT_SUPPORTED,
                                  "cannot compact the in-memory database "
                                  "%s", db->name);
    }
    return ovsdb_file_compact(db->file, NULL);
}

void
ovsdb_server_run(struct ovsdb_server *server)
{
    long long int now = time_msec();
    struct ovsdb_server_db *sdb;

    LIST_FOR_EACH (sdb, node, &server->dbs) {
        if (sdb->file && ovsdb_file_should_compact(sdb->file, now)) {
            struct ovsdb_error *error = ovsdb_server_compact(sdb);

            if (error) {
                char *s = ovsdb_error_to_string(error);

                VLOG_WARN("%s: automatic compaction failed: %s",
                          sdb->file_name, s);
                free(s);
                ovsdb_error_destroy(error);
            }
        }
    }
}

void
ovsdb_server_wait(struct ovsdb_server *server OVS_UNUSED)
{
    /* Files grow only through commits, after which the main loop runs
     * again; this covers the time part of the policy. */
    poll_timer_wait(60 * 1000);
}

/* Locks. */

static struct ovsdb_lock *
find_lock(const struct ovsdb_server *server, const char *name)
{
    struct ovsdb_lock *lock;

    HMAP_FOR_EACH_WITH_HASH (lock, node, hash_string(name, 0),
                             &server->locks) {
        if (!strcmp(lock->name, name)) {
            return lock;
        }
    }
    return NULL;
}

struct ovsdb_lock_waiter *
ovsdb_server_lock(struct ovsdb_server *server, const char *name,
                  void *session, enum ovsdb_lock_mode mode, void **victimp)
{
    struct ovsdb_lock *lock = find_lock(server, name);
    struct ovsdb_lock_waiter *waiter;

    *victimp = NULL;
    if (!lock) {
        lock = xzalloc(sizeof *lock);
        lock->name = xstrdup(name);
        ovs_list_init(&lock->waiters);
        hmap_insert(&server->locks, &lock->node, hash_string(name, 0));
    }

    waiter = xzalloc(sizeof *waiter);
    waiter->lock = lock;
    waiter->session = session;
    ovs_list_init(&waiter->session_node);
    if (mode == OVSDB_LOCK_STEAL) {
        if (!ovs_list_is_empty(&lock->waiters)) {
            struct ovsdb_lock_waiter *owner = CONTAINER_OF(
                ovs_list_front(&lock->waiters), struct ovsdb_lock_waiter,
                lock_node);

            *victimp = owner->session;
        }
        ovs_list_push_front(&lock->waiters, &waiter->lock_node);
    } else {
        ovs_list_push_back(&lock->waiters, &waiter->lock_node);
    }
    return waiter;
}

struct ovsdb_lock_waiter *
ovsdb_server_find_waiter(const struct ovsdb_server *server, const char *name,
                         const void *session)
{
    struct ovsdb_lock *lock = find_lock(server, name);
    struct ovsdb_lock_waiter *waiter;

    if (lock) {
        LIST_FOR_EACH (waiter, lock_node, &lock->waiters) {
            if (waiter->session == session) {
                return waiter;
            }
        }
    }
    return NULL;
}

bool
ovsdb_lock_waiter_is_owner(const struct ovsdb_lock_waiter *waiter)
{
    return ovs_list_front(&waiter->lock->waiters) == &waiter->lock_node;
}

const char *
ovsdb_lock_waiter_get_name(const struct ovsdb_lock_waiter *waiter)
{
    return waiter->lock->name;
}

struct ovsdb_lock_waiter *
ovsdb_lock_waiter_remove(struct ovsdb_server *server,
                         struct ovsdb_lock_waiter *waiter)
{
    struct ovsdb_lock *lock = waiter->lock;
    bool was_owner = ovsdb_lock_waiter_is_owner(waiter);
    struct ovsdb_lock_waiter *new_owner = NULL;

    ovs_list_remove(&waiter->lock_node);
    free(waiter);

    if (ovs_list_is_empty(&lock->waiters)) {
        hmap_remove(&server->locks, &lock->node);
        free(lock->name);
        free(lock);
    } else if (was_owner) {
        new_owner = CONTAINER_OF(ovs_list_front(&lock->waiters),
                                 struct ovsdb_lock_waiter, lock_node);
    }
    return new_owner;
}
