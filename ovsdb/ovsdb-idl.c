/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* The client IDL: connection, schema, monitor and the replica.
 * Transactions are in ovsdb-idl-txn.c. */

#include <config.h>

#include "ovsdb-idl.h"

#include <errno.h>
#include <string.h>
#include "hash.h"
#include "jsonrpc-session.h"
#include "jsonrpc.h"
#include "ovsdb-error.h"
#include "ovsdb-idl-private.h"
#include "ovsdb-schema.h"
#include "poll-loop.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_idl);

/* Messages handled per ovsdb_idl_run(), so that a busy server cannot
 * starve the client's main loop. */
#define IDL_MAX_MSGS_PER_RUN 50

static void ovsdb_idl_clear_tables(struct ovsdb_idl *);
static void ovsdb_idl_send_monitor(struct ovsdb_idl *);
static void ovsdb_idl_send_lock(struct ovsdb_idl *, const char *method,
                                const char *name, json_t **idp);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

/* Creation and interest. */

struct ovsdb_idl *
ovsdb_idl_create(const char *remote, const char *db_name,
                 bool monitor_everything)
{
    struct ovsdb_idl *idl = xzalloc(sizeof *idl);

    idl->remote = xstrdup(remote);
    idl->db_name = xstrdup(db_name);
    idl->monitor_everything = monitor_everything;
    idl->state = IDL_S_DISCONNECTED;
    hmap_init(&idl->interests);
    hmap_init(&idl->tables);
    idl->use_monitor_cond = true;
    idl->seqno = 1;
    idl->probe_interval = -1;
    ovs_list_init(&idl->pending_txns);
    return idl;
}

static void
ovsdb_idl_interest_free(struct ovsdb_idl_interest *interest)
{
    for (size_t i = 0; i < interest->n_columns; i++) {
        free(interest->columns[i]);
    }
    free(interest->columns);
    free(interest->table);
    free(interest);
}

void
ovsdb_idl_destroy(struct ovsdb_idl *idl)
{
    struct ovsdb_idl_interest *interest;

    if (!idl) {
        return;
    }
    if (idl->txn) {
        ovsdb_idl_txn_destroy(idl->txn);
    }
    ovsdb_idl_txn_disconnected__(idl);
    ovsdb_idl_clear_tables(idl);
    hmap_destroy(&idl->tables);
    HMAP_FOR_EACH_POP (interest, node, &idl->interests) {
        ovsdb_idl_interest_free(interest);
    }
    hmap_destroy(&idl->interests);
    jsonrpc_session_close(idl->session);
    ovsdb_schema_destroy(idl->schema);
    json_decref(idl->schema_json);
    json_decref(idl->pending_schema);
    json_decref(idl->request_id);
    json_decref(idl->monitor_id);
    json_decref(idl->lock_request_id);
    free(idl->lock_name);
    free(idl->remote);
    free(idl->db_name);
    free(idl);
}

static struct ovsdb_idl_interest *
ovsdb_idl_find_interest(const struct ovsdb_idl *idl, const char *table)
{
    struct ovsdb_idl_interest *interest;

    HMAP_FOR_EACH_WITH_HASH (interest, node, hash_string(table, 0),
                             &idl->interests) {
        if (!strcmp(interest->table, table)) {
            return interest;
        }
    }
    return NULL;
}

static struct ovsdb_idl_interest *
ovsdb_idl_get_interest(struct ovsdb_idl *idl, const char *table)
{
    struct ovsdb_idl_interest *interest = ovsdb_idl_find_interest(idl,
                                                                  table);

    if (!interest) {
        interest = xzalloc(sizeof *interest);
        interest->table = xstrdup(table);
        hmap_insert(&idl->interests, &interest->node,
                    hash_string(table, 0));
        idl->interest_changed = true;
    }
    return interest;
}

void
ovsdb_idl_add_table(struct ovsdb_idl *idl, const char *table)
{
    struct ovsdb_idl_interest *interest = ovsdb_idl_get_interest(idl, table);

    if (!interest->all_columns) {
        interest->all_columns = true;
        idl->interest_changed = true;
    }
}

void
ovsdb_idl_add_column(struct ovsdb_idl *idl, const char *table,
                     const char *column)
{
    struct ovsdb_idl_interest *interest = ovsdb_idl_get_interest(idl, table);

    for (size_t i = 0; i < interest->n_columns; i++) {
        if (!strcmp(interest->columns[i], column)) {
            return;
        }
    }
    interest->columns = xrealloc(interest->columns,
                                 (interest->n_columns + 1)
                                 * sizeof *interest->columns);
    interest->columns[interest->n_columns++] = xstrdup(column);
    idl->interest_changed = true;
}

/* Locks. */

void
ovsdb_idl_set_lock(struct ovsdb_idl *idl, const char *lock_name)
{
    bool connected = idl->session && jsonrpc_session_is_connected(
        idl->session) && idl->state != IDL_S_DISCONNECTED;

    if (lock_name && idl->lock_name && !strcmp(lock_name, idl->lock_name)) {
        return;
    }
    if (idl->lock_name && connected) {
        ovsdb_idl_send_lock(idl, "unlock", idl->lock_name, NULL);
    }
    free(idl->lock_name);
    idl->lock_name = lock_name ? xstrdup(lock_name) : NULL;
    if (idl->has_lock || idl->lock_contended) {
        idl->seqno++;
    }
    idl->has_lock = false;
    idl->lock_contended = false;
    json_decref(idl->lock_request_id);
    idl->lock_request_id = NULL;
    if (idl->lock_name && connected) {
        ovsdb_idl_send_lock(idl, "lock", idl->lock_name,
                            &idl->lock_request_id);
    }
}

bool
ovsdb_idl_has_lock(const struct ovsdb_idl *idl)
{
    return idl->has_lock;
}

bool
ovsdb_idl_is_lock_contended(const struct ovsdb_idl *idl)
{
    return idl->lock_contended;
}

static void
ovsdb_idl_send_lock(struct ovsdb_idl *idl, const char *method,
                    const char *name, json_t **idp)
{
    json_t *params = json_pack("[s]", name);

    jsonrpc_session_send(idl->session,
                         jsonrpc_create_request(method, params, idp));
}

static void
ovsdb_idl_lock_changed(struct ovsdb_idl *idl, bool has_lock, bool contended)
{
    if (idl->has_lock != has_lock || idl->lock_contended != contended) {
        idl->has_lock = has_lock;
        idl->lock_contended = contended;
        idl->seqno++;
    }
}

static void
ovsdb_idl_handle_lock_reply(struct ovsdb_idl *idl,
                            const struct jsonrpc_msg *msg)
{
    json_decref(idl->lock_request_id);
    idl->lock_request_id = NULL;
    if (msg->type == JSONRPC_REPLY) {
        const json_t *locked = json_object_get(msg->result, "locked");

        if (json_is_true(locked)) {
            ovsdb_idl_lock_changed(idl, true, false);
        } else {
            ovsdb_idl_lock_changed(idl, false, true);
        }
    } else {
        VLOG_WARN_RL(&rl, "%s: lock request refused", idl->remote);
        ovsdb_idl_lock_changed(idl, false, true);
    }
}

/* "locked" and "stolen" notifications. */
static void
ovsdb_idl_handle_lock_notify(struct ovsdb_idl *idl,
                             const struct jsonrpc_msg *msg, bool locked)
{
    const json_t *name = json_array_get(msg->params, 0);

    if (!idl->lock_name || !json_is_string(name)
        || strcmp(json_string_value(name), idl->lock_name)) {
        return;
    }
    if (locked) {
        ovsdb_idl_lock_changed(idl, true, false);
    } else {
        VLOG_INFO("%s: lock \"%s\" was stolen", idl->remote, idl->lock_name);
        ovsdb_idl_lock_changed(idl, false, true);
    }
}

/* Tables. */

static struct ovsdb_idl_table *
ovsdb_idl_find_table(const struct ovsdb_idl *idl, const char *name)
{
    struct ovsdb_idl_table *table;

    HMAP_FOR_EACH_WITH_HASH (table, node, hash_string(name, 0),
                             &idl->tables) {
        if (!strcmp(table->schema->name, name)) {
            return table;
        }
    }
    return NULL;
}

/* Frees every row of 'table', except that rows the open transaction
 * touched are kept for it: rows it inserted stay in the table, others
 * become orphans that the transaction frees. */
static void
ovsdb_idl_table_clear_rows(struct ovsdb_idl_table *table)
{
    struct ovsdb_idl_row *row, *next;

    HMAP_FOR_EACH_SAFE (row, next, node, &table->rows) {
        if (!row->txn) {
            hmap_remove(&table->rows, &row->node);
            ovsdb_idl_row_free__(row);
        } else if (!row->txn->inserted) {
            ovsdb_idl_txn_row_orphan__(row);
        }
    }
}

static void
ovsdb_idl_clear_tables(struct ovsdb_idl *idl)
{
    struct ovsdb_idl_table *table;

    HMAP_FOR_EACH_POP (table, node, &idl->tables) {
        struct ovsdb_idl_row *row, *next;

        HMAP_FOR_EACH_SAFE (row, next, node, &table->rows) {
            hmap_remove(&table->rows, &row->node);
            ovsdb_idl_row_free__(row);
        }
        hmap_destroy(&table->rows);
        for (size_t i = 0; i < table->schema->n_columns; i++) {
            ovsdb_datum_destroy(&table->defaults[i],
                                &table->schema->columns[i]->type);
        }
        free(table->defaults);
        free(table->monitored);
        free(table);
    }
}

static void
ovsdb_idl_table_create(struct ovsdb_idl *idl,
                       const struct ovsdb_table_schema *ts,
                       const struct ovsdb_idl_interest *interest)
{
    struct ovsdb_idl_table *table = xzalloc(sizeof *table);

    table->idl = idl;
    table->schema = ts;
    table->monitored = xcalloc(ts->n_columns, sizeof *table->monitored);
    table->defaults = xcalloc(ts->n_columns, sizeof *table->defaults);
    hmap_init(&table->rows);
    for (size_t i = 0; i < ts->n_columns; i++) {
        ovsdb_datum_init_default(&table->defaults[i],
                                 &ts->columns[i]->type);
        /* "_version" is never asked for, so it reads as its default. */
        table->monitored[i] = (i == OVSDB_COL_UUID
                               || (i >= OVSDB_N_RESERVED_COLUMNS
                                   && (!interest || interest->all_columns)));
    }
    for (size_t i = 0; interest && i < interest->n_columns; i++) {
        const struct ovsdb_column *column
            = ovsdb_table_schema_get_column(ts, interest->columns[i]);

        if (column) {
            table->monitored[column->index] = true;
        } else if (!interest->warned) {
            VLOG_INFO("%s: table %s has no column %s in the server's "
                      "schema", idl->remote, ts->name,
                      interest->columns[i]);
        }
    }
    hmap_insert(&idl->tables, &table->node, hash_string(ts->name, 0));
}

/* Builds the tables from the schema and the interest. */
static void
ovsdb_idl_build_tables(struct ovsdb_idl *idl)
{
    struct ovsdb_idl_interest *interest;

    ovsdb_idl_clear_tables(idl);
    for (size_t i = 0; i < idl->schema->n_tables; i++) {
        const struct ovsdb_table_schema *ts = idl->schema->tables[i];

        interest = ovsdb_idl_find_interest(idl, ts->name);
        if (idl->monitor_everything) {
            ovsdb_idl_table_create(idl, ts, NULL);
        } else if (interest) {
            ovsdb_idl_table_create(idl, ts, interest);
        }
    }
    HMAP_FOR_EACH (interest, node, &idl->interests) {
        if (!interest->warned
            && !ovsdb_schema_get_table(idl->schema, interest->table)) {
            VLOG_INFO("%s: database %s has no table %s", idl->remote,
                      idl->db_name, interest->table);
        }
        interest->warned = true;
    }
    idl->interest_changed = false;
}

/* Installs the schema in 'schema_json' (a new reference is taken) and
 * rebuilds the tables.  Returns 0 or EPROTO if it does not parse. */
static int
ovsdb_idl_install_schema(struct ovsdb_idl *idl, json_t *schema_json)
{
    struct ovsdb_schema *schema;
    struct ovsdb_error *error;

    if (idl->schema_json && json_equal(idl->schema_json, schema_json)) {
        if (idl->interest_changed) {
            ovsdb_idl_build_tables(idl);
        }
        return 0;
    }
    error = ovsdb_schema_from_json(schema_json, &schema);
    if (error) {
        char *s = ovsdb_error_to_string(error);

        VLOG_WARN_RL(&rl, "%s: bad schema from server: %s", idl->remote, s);
        free(s);
        ovsdb_error_destroy(error);
        return EPROTO;
    }
    ovsdb_idl_clear_tables(idl);
    ovsdb_schema_destroy(idl->schema);
    json_decref(idl->schema_json);
    idl->schema = schema;
    idl->schema_json = json_incref(schema_json);
    ovsdb_idl_build_tables(idl);
    return 0;
}

int
ovsdb_idl_set_schema__(struct ovsdb_idl *idl, json_t *schema_json)
{
    return ovsdb_idl_install_schema(idl, schema_json);
}

/* Rows. */

struct ovsdb_idl_row *
ovsdb_idl_row_find__(const struct ovsdb_idl_table *table,
                     const struct uuid *uuid)
{
    struct ovsdb_idl_row *row;

    HMAP_FOR_EACH_WITH_HASH (row, node, uuid_hash(uuid), &table->rows) {
        if (uuid_equals(&row->uuid, uuid)) {
            return row;
        }
    }
    return NULL;
}

/* Creates a row with 'uuid' in 'table', without values ('old' is NULL). */
struct ovsdb_idl_row *
ovsdb_idl_row_create__(struct ovsdb_idl_table *table,
                       const struct uuid *uuid)
{
    struct ovsdb_idl_row *row = xzalloc(sizeof *row);

    row->uuid = *uuid;
    row->table = table;
    row->uuid_atom.uuid = *uuid;
    row->uuid_datum.n = 1;
    row->uuid_datum.keys = &row->uuid_atom;
    hmap_insert(&table->rows, &row->node, uuid_hash(uuid));
    return row;
}

static void
ovsdb_idl_row_free_old(struct ovsdb_idl_row *row)
{
    const struct ovsdb_table_schema *ts = row->table->schema;

    if (row->old) {
        for (size_t i = 0; i < ts->n_columns; i++) {
            ovsdb_datum_destroy(&row->old[i], &ts->columns[i]->type);
        }
        free(row->old);
        row->old = NULL;
    }
}

/* Frees 'row', which must already be out of its table's map. */
void
ovsdb_idl_row_free__(struct ovsdb_idl_row *row)
{
    if (row) {
        ovsdb_idl_row_free_old(row);
        free(row);
    }
}

bool
ovsdb_idl_row_is_visible__(const struct ovsdb_idl_row *row)
{
    if (row->txn) {
        return !row->txn->deleted && !row->txn->orphan;
    }
    return row->old != NULL;
}

void
ovsdb_idl_check_column__(const struct ovsdb_idl_table *table,
                         const struct ovsdb_column *column)
{
    if (!column || column->index >= table->schema->n_columns
        || table->schema->columns[column->index] != column) {
        VLOG_FATAL("column %s does not belong to table %s",
                   column ? column->name : "(null)", table->schema->name);
    }
}

/* Updates from the server. */

/* Gives a row that has no server values yet an array of empty ones. */
static void
ovsdb_idl_row_init_old(struct ovsdb_idl_row *row)
{
    row->old = xcalloc(row->table->schema->n_columns, sizeof *row->old);
}

/* Sets each monitored column of 'row' that the server left out of an
 * insert to its default.  An empty value can only stand for a column that
 * needs at least one element (a scalar) when it was left out, and the
 * default of any other column is empty already. */
static void
ovsdb_idl_row_fill_defaults(struct ovsdb_idl_row *row)
{
    const struct ovsdb_idl_table *table = row->table;

    for (size_t i = OVSDB_N_RESERVED_COLUMNS; i < table->schema->n_columns;
         i++) {
        const struct ovsdb_type *type = &table->schema->columns[i]->type;

        if (table->monitored[i] && !row->old[i].n && type->n_min) {
            ovsdb_datum_destroy(&row->old[i], type);
            ovsdb_datum_clone(&row->old[i], &table->defaults[i], type);
        }
    }
}

/* Applies the symmetric difference 'diff' to set 'datum', of 'type'. */
static void
ovsdb_idl_apply_set_diff(struct ovsdb_datum *datum,
                         const struct ovsdb_datum *diff,
                         const struct ovsdb_type *type)
{
    struct ovsdb_datum add = OVSDB_DATUM_EMPTY_INITIALIZER;

    for (size_t i = 0; i < diff->n; i++) {
        size_t idx;

        if (ovsdb_datum_find_key(datum, &diff->keys[i], type->key.type,
                                 &idx)) {
            ovsdb_datum_remove_at(datum, idx, type);
        } else {
            ovsdb_datum_push(&add, &diff->keys[i], NULL, type);
        }
    }
    ovsdb_datum_sort_unique(&add, type);
    ovsdb_datum_union(datum, &add, type);
    ovsdb_datum_destroy(&add, type);
}

/* Applies map diff 'diff' to 'datum', of 'type': a key absent from 'datum'
 * is added, a pair equal to one in 'datum' is removed, and a key present
 * with another value takes the new value. */
static void
ovsdb_idl_apply_map_diff(struct ovsdb_datum *datum,
                         const struct ovsdb_datum *diff,
                         const struct ovsdb_type *type)
{
    struct ovsdb_datum add = OVSDB_DATUM_EMPTY_INITIALIZER;

    for (size_t i = 0; i < diff->n; i++) {
        size_t idx;

        if (!ovsdb_datum_find_key(datum, &diff->keys[i], type->key.type,
                                  &idx)) {
            ovsdb_datum_push(&add, &diff->keys[i], &diff->values[i], type);
        } else if (ovsdb_atom_equals(&datum->values[idx], &diff->values[i],
                                     type->value.type)) {
            ovsdb_datum_remove_at(datum, idx, type);
        } else {
            ovsdb_atom_destroy(&datum->values[idx], type->value.type);
            ovsdb_atom_clone(&datum->values[idx], &diff->values[i],
                             type->value.type);
        }
    }
    ovsdb_datum_sort_unique(&add, type);
    ovsdb_datum_union(datum, &add, type);
    ovsdb_datum_destroy(&add, type);
}

/* Whether update2 "modify" carries a difference (rather than the new value)
 * for a column of 'type': sets and maps that may hold more than one element
 * do; a column of at most one element (scalar, optional value, map of at
 * most one pair) carries its new value, as stock ovsdb-server sends it. */
static bool
ovsdb_idl_column_has_diff(const struct ovsdb_type *type)
{
    return type->n_max > 1;
}

/* Parses column values from 'json' (an object of column names to values)
 * into 'row'.  With 'diff', values are update2 "modify" differences. */
static int
ovsdb_idl_row_update_columns(struct ovsdb_idl_row *row, const json_t *json,
                             bool diff)
{
    const struct ovsdb_idl_table *table = row->table;
    const char *name;
    json_t *value;

    if (!json_is_object(json)) {
        return EPROTO;
    }
    json_object_foreach ((json_t *) json, name, value) {
        const struct ovsdb_column *column;
        struct ovsdb_datum datum;
        struct ovsdb_error *error;
        struct ovsdb_type type;

        column = ovsdb_table_schema_get_column(table->schema, name);
        if (!column || !table->monitored[column->index]
            || column->index == OVSDB_COL_UUID) {
            continue;
        }
        type = column->type;
        if (diff && ovsdb_idl_column_has_diff(&column->type)) {
            type.n_min = 0;
            type.n_max = OVSDB_UNLIMITED;
        }
        error = ovsdb_datum_from_json_relaxed(&datum, &type, value, NULL);
        if (error) {
            char *s = ovsdb_error_to_string(error);

            VLOG_WARN_RL(&rl, "%s: bad value for %s column %s: %s",
                         table->idl->remote, table->schema->name, name, s);
            free(s);
            ovsdb_error_destroy(error);
            return EPROTO;
        }
        if (!diff || !ovsdb_idl_column_has_diff(&column->type)) {
            ovsdb_datum_swap(&row->old[column->index], &datum);
        } else if (ovsdb_type_is_map(&column->type)) {
            ovsdb_idl_apply_map_diff(&row->old[column->index], &datum,
                                     &column->type);
        } else {
            ovsdb_idl_apply_set_diff(&row->old[column->index], &datum,
                                     &column->type);
        }
        ovsdb_datum_destroy(&datum, &column->type);
    }
    row->seqno = table->idl->seqno;
    return 0;
}

static void
ovsdb_idl_row_server_delete(struct ovsdb_idl_row *row)
{
    if (row->txn) {
        if (row->txn->inserted) {
            return;
        }
        ovsdb_idl_txn_row_orphan__(row);
    } else {
        hmap_remove(&row->table->rows, &row->node);
        ovsdb_idl_row_free__(row);
    }
}

/* Returns the server row with 'uuid', or NULL (rows the transaction
 * inserted do not count). */
static struct ovsdb_idl_row *
ovsdb_idl_server_row(const struct ovsdb_idl_table *table,
                     const struct uuid *uuid)
{
    struct ovsdb_idl_row *row = ovsdb_idl_row_find__(table, uuid);

    return row && row->old ? row : NULL;
}

static int
ovsdb_idl_insert_row(struct ovsdb_idl_table *table, const struct uuid *uuid,
                     const json_t *json)
{
    struct ovsdb_idl_row *row = ovsdb_idl_server_row(table, uuid);
    int error;

    if (row) {
        /* Already there (a repeated insert): start over from defaults. */
        ovsdb_idl_row_free_old(row);
    } else {
        row = ovsdb_idl_row_find__(table, uuid);
        if (row) {
            VLOG_WARN_RL(&rl, "%s: server inserted row "UUID_FMT" that the "
                         "open transaction also inserts", table->idl->remote,
                         UUID_ARGS(uuid));
            return 0;
        }
        row = ovsdb_idl_row_create__(table, uuid);
    }
    ovsdb_idl_row_init_old(row);
    error = ovsdb_idl_row_update_columns(row, json, false);
    ovsdb_idl_row_fill_defaults(row);
    return error;
}

/* Applies one row's update: "update2" format if 'update2', else "update". */
static int
ovsdb_idl_apply_row_update(struct ovsdb_idl_table *table,
                           const struct uuid *uuid, const json_t *ru,
                           bool update2)
{
    struct ovsdb_idl_row *row = ovsdb_idl_server_row(table, uuid);
    const json_t *member;

    if (!json_is_object(ru)) {
        return EPROTO;
    }
    if (!update2) {
        const json_t *new = json_object_get(ru, "new");

        if (!new) {
            if (row) {
                ovsdb_idl_row_server_delete(row);
            }
            return 0;
        }
        return (row ? ovsdb_idl_row_update_columns(row, new, false)
                : ovsdb_idl_insert_row(table, uuid, new));
    }

    if ((member = json_object_get(ru, "initial"))
        || (member = json_object_get(ru, "insert"))) {
        return ovsdb_idl_insert_row(table, uuid, member);
    } else if ((member = json_object_get(ru, "modify"))) {
        if (!row) {
            VLOG_WARN_RL(&rl, "%s: modify for unknown row "UUID_FMT" in "
                         "table %s", table->idl->remote, UUID_ARGS(uuid),
                         table->schema->name);
            return EPROTO;
        }
        return ovsdb_idl_row_update_columns(row, member, true);
    } else if (json_object_get(ru, "delete")) {
        if (row) {
            ovsdb_idl_row_server_delete(row);
        }
        return 0;
    }
    return EPROTO;
}

int
ovsdb_idl_apply_updates__(struct ovsdb_idl *idl, const json_t *updates,
                          bool update2, bool initial)
{
    const char *table_name;
    json_t *table_updates;
    int retval = 0;

    if (!json_is_object(updates)) {
        return EPROTO;
    }
    idl->seqno++;
    if (initial) {
        struct ovsdb_idl_table *table;

        HMAP_FOR_EACH (table, node, &idl->tables) {
            ovsdb_idl_table_clear_rows(table);
        }
    }
    json_object_foreach ((json_t *) updates, table_name, table_updates) {
        struct ovsdb_idl_table *table = ovsdb_idl_find_table(idl,
                                                             table_name);
        const char *uuid_string;
        json_t *ru;

        if (!table || !json_is_object(table_updates)) {
            VLOG_WARN_RL(&rl, "%s: update for unmonitored table %s",
                         idl->remote, table_name);
            continue;
        }
        json_object_foreach (table_updates, uuid_string, ru) {
            struct uuid uuid;
            int error;

            if (!uuid_from_string(&uuid, uuid_string)) {
                retval = EPROTO;
                continue;
            }
            error = ovsdb_idl_apply_row_update(table, &uuid, ru, update2);
            if (error) {
                retval = error;
            }
        }
    }
    return retval;
}

/* The connection. */

static void
ovsdb_idl_fail(struct ovsdb_idl *idl, int error)
{
    idl->state = IDL_S_FAILED;
    json_decref(idl->request_id);
    idl->request_id = NULL;
    jsonrpc_session_fail(idl->session, error);
}

static void
ovsdb_idl_send_request(struct ovsdb_idl *idl, const char *method,
                       json_t *params)
{
    json_decref(idl->request_id);
    idl->request_id = NULL;
    jsonrpc_session_send(idl->session,
                         jsonrpc_create_request(method, params,
                                                &idl->request_id));
}

static void
ovsdb_idl_connected(struct ovsdb_idl *idl)
{
    VLOG_DBG("%s: connected, requesting schema", idl->remote);
    json_decref(idl->lock_request_id);
    idl->lock_request_id = NULL;
    ovsdb_idl_send_request(idl, "get_schema",
                           json_pack("[s]", idl->db_name));
    idl->state = IDL_S_SCHEMA_REQUESTED;
    if (idl->lock_name) {
        ovsdb_idl_send_lock(idl, "lock", idl->lock_name,
                            &idl->lock_request_id);
    }
}

static void
ovsdb_idl_disconnected(struct ovsdb_idl *idl)
{
    idl->state = IDL_S_DISCONNECTED;
    json_decref(idl->request_id);
    idl->request_id = NULL;
    json_decref(idl->lock_request_id);
    idl->lock_request_id = NULL;
    json_decref(idl->pending_schema);
    idl->pending_schema = NULL;
    idl->has_lock = false;
    idl->lock_contended = false;
    idl->seqno++;
    ovsdb_idl_txn_disconnected__(idl);
}

static json_t *
ovsdb_idl_column_names(const struct ovsdb_idl_table *table)
{
    json_t *columns = json_array();

    for (size_t i = OVSDB_N_RESERVED_COLUMNS; i < table->schema->n_columns;
         i++) {
        if (table->monitored[i]) {
            const char *name = table->schema->columns[i]->name;

            json_array_append_new(columns, json_string(name));
        }
    }
    return columns;
}

static void
ovsdb_idl_send_monitor(struct ovsdb_idl *idl)
{
    struct ovsdb_idl_table *table;
    json_t *requests = json_object();

    HMAP_FOR_EACH (table, node, &idl->tables) {
        json_t *request = json_pack("{s:o}", "columns",
                                    ovsdb_idl_column_names(table));

        json_object_set_new(requests, table->schema->name,
                            (idl->use_monitor_cond
                             ? json_pack("[o]", request) : request));
    }
    if (idl->monitor_id && idl->state == IDL_S_MONITORING) {
        jsonrpc_session_send(idl->session, jsonrpc_create_request(
                                 "monitor_cancel",
                                 json_pack("[O]", idl->monitor_id), NULL));
    }
    json_decref(idl->monitor_id);
    idl->monitor_id = json_sprintf("idl%u", ++idl->monitor_serial);
    ovsdb_idl_send_request(idl, (idl->use_monitor_cond
                                 ? "monitor_cond" : "monitor"),
                           json_pack("[sOo]", idl->db_name, idl->monitor_id,
                                     requests));
    idl->state = IDL_S_MONITOR_REQUESTED;
}

static void
ovsdb_idl_log_error_reply(const struct ovsdb_idl *idl, const char *what,
                          const struct jsonrpc_msg *msg)
{
    char *text = json_dumps(msg->error, JSON_COMPACT);

    VLOG_WARN_RL(&rl, "%s: %s failed: %s", idl->remote, what,
                 text ? text : "?");
    free(text);
}

/* Completes the schema step with 'schema_json' and asks for the monitor,
 * unless a transaction is open and the schema changed: then waits. */
static void
ovsdb_idl_schema_received(struct ovsdb_idl *idl, json_t *schema_json)
{
    int error;

    if (idl->txn && (!idl->schema_json
                     || !json_equal(idl->schema_json, schema_json))) {
        json_decref(idl->pending_schema);
        idl->pending_schema = json_incref(schema_json);
        return;
    }
    error = ovsdb_idl_install_schema(idl, schema_json);
    if (error) {
        ovsdb_idl_fail(idl, error);
        return;
    }
    ovsdb_idl_send_monitor(idl);
}

static void
ovsdb_idl_handle_schema_reply(struct ovsdb_idl *idl,
                              const struct jsonrpc_msg *msg)
{
    if (msg->type == JSONRPC_ERROR) {
        const json_t *error = json_object_get(msg->error, "error");

        if (json_is_string(error)
            && !strcmp(json_string_value(error), "unknown database")) {
            VLOG_WARN_RL(&rl, "%s: server has no database %s", idl->remote,
                         idl->db_name);
        } else {
            ovsdb_idl_log_error_reply(idl, "get_schema", msg);
        }
        ovsdb_idl_fail(idl, EPROTO);
        return;
    }
    ovsdb_idl_schema_received(idl, msg->result);
}

static void
ovsdb_idl_handle_monitor_reply(struct ovsdb_idl *idl,
                               const struct jsonrpc_msg *msg)
{
    if (msg->type == JSONRPC_ERROR) {
        if (idl->use_monitor_cond) {
            VLOG_INFO("%s: server refused monitor_cond, using monitor",
                      idl->remote);
            idl->use_monitor_cond = false;
            ovsdb_idl_send_monitor(idl);
        } else {
            ovsdb_idl_log_error_reply(idl, "monitor", msg);
            ovsdb_idl_fail(idl, EPROTO);
        }
        return;
    }
    long long int start = time_usec();

    if (ovsdb_idl_apply_updates__(idl, msg->result, idl->use_monitor_cond,
                                  true)) {
        VLOG_WARN_RL(&rl, "%s: bad monitor reply", idl->remote);
    }
    VLOG_DBG("%s: initial contents applied in %lld us", idl->remote,
             time_usec() - start);
    idl->state = IDL_S_MONITORING;
    idl->has_ever_connected = true;
}

static void
ovsdb_idl_handle_update(struct ovsdb_idl *idl, const struct jsonrpc_msg *msg,
                        bool update2)
{
    const json_t *id = json_array_get(msg->params, 0);
    const json_t *updates = json_array_get(msg->params, 1);

    if (idl->state != IDL_S_MONITORING || !id || !idl->monitor_id
        || !json_equal(id, idl->monitor_id)) {
        return;
    }
    if (ovsdb_idl_apply_updates__(idl, updates, update2, false)) {
        /* The replica may now be wrong: start over. */
        VLOG_WARN_RL(&rl, "%s: bad update, resynchronising", idl->remote);
        jsonrpc_session_force_reconnect(idl->session);
    }
}

static void
ovsdb_idl_handle_msg(struct ovsdb_idl *idl, const struct jsonrpc_msg *msg)
{
    if (msg->type == JSONRPC_NOTIFY) {
        if (!strcmp(msg->method, "update2")) {
            ovsdb_idl_handle_update(idl, msg, true);
        } else if (!strcmp(msg->method, "update")) {
            ovsdb_idl_handle_update(idl, msg, false);
        } else if (!strcmp(msg->method, "locked")) {
            ovsdb_idl_handle_lock_notify(idl, msg, true);
        } else if (!strcmp(msg->method, "stolen")) {
            ovsdb_idl_handle_lock_notify(idl, msg, false);
        }
        return;
    }
    if (msg->type == JSONRPC_REQUEST) {
        jsonrpc_session_send(idl->session, jsonrpc_create_error(
                                 json_string("unknown method"), msg->id));
        return;
    }

    /* A reply or an error. */
    if (idl->request_id && json_equal(msg->id, idl->request_id)) {
        json_decref(idl->request_id);
        idl->request_id = NULL;
        if (idl->state == IDL_S_SCHEMA_REQUESTED) {
            ovsdb_idl_handle_schema_reply(idl, msg);
        } else if (idl->state == IDL_S_MONITOR_REQUESTED) {
            ovsdb_idl_handle_monitor_reply(idl, msg);
        }
    } else if (idl->lock_request_id
               && json_equal(msg->id, idl->lock_request_id)) {
        ovsdb_idl_handle_lock_reply(idl, msg);
    } else {
        ovsdb_idl_txn_handle_reply__(idl, msg);
    }
}

/* Reacts to the session connecting or disconnecting since the last
 * check. */
static void
ovsdb_idl_check_session(struct ovsdb_idl *idl)
{
    unsigned int seqno = jsonrpc_session_get_seqno(idl->session);

    if (seqno != idl->session_seqno) {
        idl->session_seqno = seqno;
        if (idl->state != IDL_S_DISCONNECTED) {
            ovsdb_idl_disconnected(idl);
        }
        if (jsonrpc_session_is_connected(idl->session)) {
            ovsdb_idl_connected(idl);
        }
    }
}

void
ovsdb_idl_run(struct ovsdb_idl *idl)
{
    if (!idl->session) {
        idl->session = jsonrpc_session_open(idl->remote);
        jsonrpc_session_set_max_tries(idl->session, idl->max_tries);
        if (idl->probe_interval >= 0) {
            jsonrpc_session_set_probe_interval(idl->session,
                                               idl->probe_interval);
        }
        idl->session_seqno = jsonrpc_session_get_seqno(idl->session);
    }
    jsonrpc_session_run(idl->session);
    ovsdb_idl_check_session(idl);

    for (int i = 0; i < IDL_MAX_MSGS_PER_RUN; i++) {
        struct jsonrpc_msg *msg = jsonrpc_session_recv(idl->session);

        if (!msg) {
            break;
        }
        ovsdb_idl_handle_msg(idl, msg);
        jsonrpc_msg_destroy(msg);
    }

    /* Receiving may have found the connection gone. */
    ovsdb_idl_check_session(idl);

    if (!idl->txn && idl->state == IDL_S_SCHEMA_REQUESTED
        && idl->pending_schema) {
        json_t *schema_json = idl->pending_schema;

        idl->pending_schema = NULL;
        ovsdb_idl_schema_received(idl, schema_json);
        json_decref(schema_json);
    }
    if (!idl->txn && idl->interest_changed && idl->schema
        && (idl->state == IDL_S_MONITORING
            || idl->state == IDL_S_MONITOR_REQUESTED)) {
        ovsdb_idl_build_tables(idl);
        ovsdb_idl_send_monitor(idl);
    }
}

void
ovsdb_idl_wait(struct ovsdb_idl *idl)
{
    if (!idl->session) {
        poll_immediate_wake();
        return;
    }
    jsonrpc_session_wait(idl->session);
    jsonrpc_session_recv_wait(idl->session);
    if (!idl->txn && ((idl->pending_schema
                       && idl->state == IDL_S_SCHEMA_REQUESTED)
                      || (idl->interest_changed
                          && idl->state == IDL_S_MONITORING))) {
        poll_immediate_wake();
    }
}

unsigned int
ovsdb_idl_get_seqno(const struct ovsdb_idl *idl)
{
    return idl->seqno;
}

bool
ovsdb_idl_has_ever_connected(const struct ovsdb_idl *idl)
{
    return idl->has_ever_connected;
}

bool
ovsdb_idl_is_connected(const struct ovsdb_idl *idl)
{
    return idl->state == IDL_S_MONITORING;
}

bool
ovsdb_idl_is_alive(const struct ovsdb_idl *idl)
{
    return !idl->session || jsonrpc_session_is_alive(idl->session);
}

int
ovsdb_idl_get_last_error(const struct ovsdb_idl *idl)
{
    int error;

    if (!idl->session || jsonrpc_session_is_connected(idl->session)) {
        return 0;
    }
    error = jsonrpc_session_get_last_error(idl->session);
    return error == EOF ? 0 : error;
}

void
ovsdb_idl_force_reconnect(struct ovsdb_idl *idl)
{
    if (idl->session) {
        jsonrpc_session_force_reconnect(idl->session);
    }
}

void
ovsdb_idl_set_max_tries(struct ovsdb_idl *idl, unsigned int max_tries)
{
    idl->max_tries = max_tries;
    if (idl->session) {
        jsonrpc_session_set_max_tries(idl->session, max_tries);
    }
}

void
ovsdb_idl_set_probe_interval(struct ovsdb_idl *idl, int probe_interval)
{
    idl->probe_interval = probe_interval;
    if (idl->session) {
        jsonrpc_session_set_probe_interval(idl->session, probe_interval);
    }
}

const struct ovsdb_schema *
ovsdb_idl_get_schema(const struct ovsdb_idl *idl)
{
    return idl->schema;
}

/* Tables and columns. */

const struct ovsdb_idl_table *
ovsdb_idl_get_table(const struct ovsdb_idl *idl, const char *name)
{
    return ovsdb_idl_find_table(idl, name);
}

const struct ovsdb_table_schema *
ovsdb_idl_table_get_schema(const struct ovsdb_idl_table *table)
{
    return table->schema;
}

const struct ovsdb_column *
ovsdb_idl_table_get_column(const struct ovsdb_idl_table *table,
                           const char *name)
{
    return ovsdb_table_schema_get_column(table->schema, name);
}

bool
ovsdb_idl_column_is_monitored(const struct ovsdb_idl_table *table,
                              const struct ovsdb_column *column)
{
    return (column && column->index < table->schema->n_columns
            && table->schema->columns[column->index] == column
            && table->monitored[column->index]);
}

/* Rows. */

static const struct ovsdb_idl_row *
ovsdb_idl_first_visible(const struct ovsdb_idl_table *table,
                        struct hmap_node *node)
{
    for (; node; node = hmap_next(&table->rows, node)) {
        const struct ovsdb_idl_row *row
            = CONTAINER_OF(node, struct ovsdb_idl_row, node);

        if (ovsdb_idl_row_is_visible__(row)) {
            return row;
        }
    }
    return NULL;
}

const struct ovsdb_idl_row *
ovsdb_idl_first_row(const struct ovsdb_idl_table *table)
{
    return ovsdb_idl_first_visible(table, hmap_first(&table->rows));
}

const struct ovsdb_idl_row *
ovsdb_idl_next_row(const struct ovsdb_idl_row *row)
{
    const struct ovsdb_idl_table *table = row->table;

    return ovsdb_idl_first_visible(table,
                                   hmap_next(&table->rows, &row->node));
}

size_t
ovsdb_idl_table_count(const struct ovsdb_idl_table *table)
{
    return hmap_count(&table->rows) - table->n_txn_deleted;
}

const struct ovsdb_idl_row *
ovsdb_idl_get_row(const struct ovsdb_idl_table *table,
                  const struct uuid *uuid)
{
    const struct ovsdb_idl_row *row = ovsdb_idl_row_find__(table, uuid);

    return row && ovsdb_idl_row_is_visible__(row) ? row : NULL;
}

const struct uuid *
ovsdb_idl_row_get_uuid(const struct ovsdb_idl_row *row)
{
    return &row->uuid;
}

const struct ovsdb_idl_table *
ovsdb_idl_row_get_table(const struct ovsdb_idl_row *row)
{
    return row->table;
}

const struct ovsdb_datum *
ovsdb_idl_read(const struct ovsdb_idl_row *row,
               const struct ovsdb_column *column)
{
    const struct ovsdb_idl_table *table = row->table;
    size_t idx;

    ovsdb_idl_check_column__(table, column);
    idx = column->index;
    if (idx == OVSDB_COL_UUID) {
        return &row->uuid_datum;
    } else if (row->txn && row->txn->written
               && row->txn->written[idx]) {
        return &row->txn->new_[idx];
    } else if (row->old && table->monitored[idx]) {
        return &row->old[idx];
    } else {
        return &table->defaults[idx];
    }
}

const struct ovsdb_datum *
ovsdb_idl_get(const struct ovsdb_idl_row *row, const char *column_name)
{
    const struct ovsdb_column *column
        = ovsdb_table_schema_get_column(row->table->schema, column_name);

    return column ? ovsdb_idl_read(row, column) : NULL;
}

/* Returns the datum of 'column_name' in 'row' if it exists and its key has
 * 'key_type', else NULL. */
static const struct ovsdb_datum *
ovsdb_idl_get_typed(const struct ovsdb_idl_row *row, const char *column_name,
                    enum ovsdb_atomic_type key_type,
                    enum ovsdb_atomic_type value_type)
{
    const struct ovsdb_column *column
        = ovsdb_table_schema_get_column(row->table->schema, column_name);

    if (!column || column->type.key.type != key_type
        || column->type.value.type != value_type) {
        return NULL;
    }
    return ovsdb_idl_read(row, column);
}

const char *
ovsdb_idl_get_string(const struct ovsdb_idl_row *row, const char *column,
                     const char *default_)
{
    const struct ovsdb_datum *d = ovsdb_idl_get_typed(
        row, column, OVSDB_TYPE_STRING, OVSDB_TYPE_VOID);

    return d && d->n ? d->keys[0].string : default_;
}

int64_t
ovsdb_idl_get_integer(const struct ovsdb_idl_row *row, const char *column,
                      int64_t default_)
{
    const struct ovsdb_datum *d = ovsdb_idl_get_typed(
        row, column, OVSDB_TYPE_INTEGER, OVSDB_TYPE_VOID);

    return d && d->n ? d->keys[0].integer : default_;
}

bool
ovsdb_idl_get_boolean(const struct ovsdb_idl_row *row, const char *column,
                      bool default_)
{
    const struct ovsdb_datum *d = ovsdb_idl_get_typed(
        row, column, OVSDB_TYPE_BOOLEAN, OVSDB_TYPE_VOID);

    return d && d->n ? d->keys[0].boolean : default_;
}

const char *
ovsdb_idl_get_map_string(const struct ovsdb_idl_row *row, const char *column,
                         const char *key)
{
    const struct ovsdb_datum *d = ovsdb_idl_get_typed(
        row, column, OVSDB_TYPE_STRING, OVSDB_TYPE_STRING);
    union ovsdb_atom atom;
    size_t idx;

    if (!d) {
        return NULL;
    }
    atom.string = (char *) key;
    return (ovsdb_datum_find_key(d, &atom, OVSDB_TYPE_STRING, &idx)
            ? d->values[idx].string : NULL);
}

unsigned int
ovsdb_idl_row_get_seqno(const struct ovsdb_idl_row *row)
{
    return row->seqno;
}
