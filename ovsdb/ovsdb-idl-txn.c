/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Transactions of the client IDL: recording writes against the replica,
 * building the "transact" request, and reading its reply. */

#include <config.h>

#include "ovsdb-idl.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include "hash.h"
#include "jsonrpc-session.h"
#include "jsonrpc.h"
#include "ovsdb-idl-private.h"
#include "ovsdb-schema.h"
#include "poll-loop.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_idl_txn);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

const char *
ovsdb_idl_txn_status_to_string(enum ovsdb_idl_txn_status status)
{
    switch (status) {
    case TXN_UNCOMMITTED:
        return "uncommitted";
    case TXN_UNCHANGED:
        return "unchanged";
    case TXN_INCOMPLETE:
        return "incomplete";
    case TXN_ABORTED:
        return "aborted";
    case TXN_SUCCESS:
        return "success";
    case TXN_TRY_AGAIN:
        return "try again";
    case TXN_NOT_LOCKED:
        return "not locked";
    case TXN_ERROR:
        return "error";
    }
    return "<unknown>";
}

struct ovsdb_idl_txn *
ovsdb_idl_txn_create(struct ovsdb_idl *idl)
{
    struct ovsdb_idl_txn *txn;

    if (idl->txn) {
        VLOG_FATAL("ovsdb_idl_txn_create: a transaction is already open");
    }
    txn = xzalloc(sizeof *txn);
    txn->idl = idl;
    ovs_list_init(&txn->rows);
    ovs_list_init(&txn->pending_node);
    txn->status = TXN_UNCOMMITTED;
    ds_init(&txn->comment);
    hmap_init(&txn->inserted);
    idl->txn = txn;
    return txn;
}

static void
ovsdb_idl_row_txn_free(struct ovsdb_idl_row_txn *rt)
{
    const struct ovsdb_table_schema *ts = rt->row->table->schema;

    for (size_t i = 0; i < ts->n_columns; i++) {
        if (rt->written && rt->written[i]) {
            ovsdb_datum_destroy(&rt->new_[i], &ts->columns[i]->type);
        }
        if (rt->verified && rt->verified[i]) {
            ovsdb_datum_destroy(&rt->verify_values[i],
                                &ts->columns[i]->type);
        }
    }
    free(rt->written);
    free(rt->new_);
    free(rt->verified);
    free(rt->verify_values);
    free(rt);
}

/* Forgets the transaction's state for the row of 'rt', and the row itself
 * if the transaction inserted it or the server deleted it. */
static void
ovsdb_idl_txn_forget_row(struct ovsdb_idl_row_txn *rt)
{
    struct ovsdb_idl_row *row = rt->row;
    struct ovsdb_idl_table *table = row->table;

    bool inserted = rt->inserted, orphan = rt->orphan;

    if (rt->deleted) {
        table->n_txn_deleted--;
    }
    ovs_list_remove(&rt->node);
    ovsdb_idl_row_txn_free(rt);
    row->txn = NULL;
    if (inserted) {
        hmap_remove(&table->rows, &row->node);
        ovsdb_idl_row_free__(row);
    } else if (orphan) {
        ovsdb_idl_row_free__(row);
    }
}

void
ovsdb_idl_txn_destroy(struct ovsdb_idl_txn *txn)
{
    struct ovsdb_idl_txn_insert *ins;
    struct ovsdb_idl_row_txn *rt, *next;

    if (!txn) {
        return;
    }
    ovs_list_remove(&txn->pending_node);
    LIST_FOR_EACH_SAFE (rt, next, node, &txn->rows) {
        ovsdb_idl_txn_forget_row(rt);
    }
    HMAP_FOR_EACH_POP (ins, node, &txn->inserted) {
        free(ins);
    }
    hmap_destroy(&txn->inserted);
    if (txn->idl->txn == txn) {
        txn->idl->txn = NULL;
    }
    /* Work deferred while the transaction was open can go ahead. */
    poll_immediate_wake();
    ds_destroy(&txn->comment);
    json_decref(txn->request_id);
    free(txn->request_text);
    free(txn->error);
    free(txn);
}

struct ovsdb_idl *
ovsdb_idl_txn_get_idl(struct ovsdb_idl_txn *txn)
{
    return txn->idl;
}

void
ovsdb_idl_txn_add_comment(struct ovsdb_idl_txn *txn, const char *format, ...)
{
    va_list args;

    if (txn->comment.length) {
        ds_put_char(&txn->comment, '\n');
    }
    va_start(args, format);
    ds_put_format_valist(&txn->comment, format, args);
    va_end(args);
}

void
ovsdb_idl_txn_set_dry_run(struct ovsdb_idl_txn *txn)
{
    txn->dry_run = true;
}

/* Returns the open transaction of the IDL of 'row', aborting if there is
 * none. */
static struct ovsdb_idl_txn *
ovsdb_idl_row_get_open_txn(const struct ovsdb_idl_row *row, const char *func)
{
    struct ovsdb_idl_txn *txn = row->table->idl->txn;

    if (!txn) {
        VLOG_FATAL("%s: no transaction is open on the row's IDL", func);
    }
    if (txn->status != TXN_UNCOMMITTED) {
        VLOG_FATAL("%s: the transaction was already committed", func);
    }
    return txn;
}

/* Returns the transaction state of 'row', creating it if needed. */
static struct ovsdb_idl_row_txn *
ovsdb_idl_row_txn_get(struct ovsdb_idl_txn *txn, struct ovsdb_idl_row *row)
{
    if (!row->txn) {
        struct ovsdb_idl_row_txn *rt = xzalloc(sizeof *rt);

        rt->row = row;
        ovs_list_push_back(&txn->rows, &rt->node);
        row->txn = rt;
    }
    return row->txn;
}

void
ovsdb_idl_txn_row_orphan__(struct ovsdb_idl_row *row)
{
    struct ovsdb_idl_table *table = row->table;
    struct ovsdb_idl_row_txn *rt = row->txn;

    hmap_remove(&table->rows, &row->node);
    if (rt->deleted) {
        table->n_txn_deleted--;
    }
    rt->orphan = true;
    rt->deleted = false;
    if (row->old) {
        const struct ovsdb_table_schema *ts = table->schema;

        for (size_t i = 0; i < ts->n_columns; i++) {
            ovsdb_datum_destroy(&row->old[i], &ts->columns[i]->type);
        }
        free(row->old);
        row->old = NULL;
    }
}

const struct ovsdb_idl_row *
ovsdb_idl_txn_insert(struct ovsdb_idl_txn *txn,
                     const struct ovsdb_idl_table *table_,
                     const struct uuid *uuid)
{
    struct ovsdb_idl_table *table = (struct ovsdb_idl_table *) table_;
    struct ovsdb_idl_txn_insert *ins;
    struct ovsdb_idl_row *row;
    struct uuid tmp;

    if (table->idl != txn->idl || txn->status != TXN_UNCOMMITTED) {
        VLOG_FATAL("ovsdb_idl_txn_insert: table of another IDL, or the "
                   "transaction was already committed");
    }
    if (uuid) {
        tmp = *uuid;
        if (ovsdb_idl_row_find__(table, &tmp)) {
            VLOG_FATAL("ovsdb_idl_txn_insert: UUID "UUID_FMT" is in use",
                       UUID_ARGS(&tmp));
        }
    } else {
        do {
            uuid_new_random(&tmp);
        } while (ovsdb_idl_row_find__(table, &tmp));
    }
    row = ovsdb_idl_row_create__(table, &tmp);
    row->seqno = txn->idl->seqno;
    ovsdb_idl_row_txn_get(txn, row)->inserted = true;

    ins = xzalloc(sizeof *ins);
    ins->tmp = tmp;
    hmap_insert(&txn->inserted, &ins->node, uuid_hash(&tmp));
    return row;
}

static struct ovsdb_idl_txn_insert *
ovsdb_idl_txn_find_insert(const struct ovsdb_idl_txn *txn,
                          const struct uuid *uuid)
{
    struct ovsdb_idl_txn_insert *ins;

    HMAP_FOR_EACH_WITH_HASH (ins, node, uuid_hash(uuid), &txn->inserted) {
        if (uuid_equals(&ins->tmp, uuid)) {
            return ins;
        }
    }
    return NULL;
}

void
ovsdb_idl_txn_write(const struct ovsdb_idl_row *row_,
                    const struct ovsdb_column *column,
                    struct ovsdb_datum *datum)
{
    struct ovsdb_idl_row *row = (struct ovsdb_idl_row *) row_;
    struct ovsdb_idl_txn *txn = ovsdb_idl_row_get_open_txn(row,
                                                           "write");
    const struct ovsdb_table_schema *ts = row->table->schema;
    struct ovsdb_idl_row_txn *rt;
    size_t idx;

    ovsdb_idl_check_column__(row->table, column);
    if (!ovsdb_idl_row_is_visible__(row)) {
        VLOG_FATAL("ovsdb_idl_txn_write: row "UUID_FMT" was deleted",
                   UUID_ARGS(&row->uuid));
    }
    idx = column->index;
    if (idx < OVSDB_N_RESERVED_COLUMNS) {
        VLOG_FATAL("ovsdb_idl_txn_write: column %s is read-only",
                   column->name);
    }
    rt = ovsdb_idl_row_txn_get(txn, row);
    if (!rt->written) {
        rt->written = xcalloc(ts->n_columns, sizeof *rt->written);
        rt->new_ = xcalloc(ts->n_columns, sizeof *rt->new_);
    }
    if (rt->written[idx]) {
        ovsdb_datum_destroy(&rt->new_[idx], &column->type);
    }
    rt->new_[idx] = *datum;
    rt->written[idx] = true;
    ovsdb_datum_init_empty(datum);
}

void
ovsdb_idl_txn_verify(const struct ovsdb_idl_row *row_,
                     const struct ovsdb_column *column)
{
    struct ovsdb_idl_row *row = (struct ovsdb_idl_row *) row_;
    struct ovsdb_idl_txn *txn = ovsdb_idl_row_get_open_txn(row, "verify");
    const struct ovsdb_table_schema *ts = row->table->schema;
    struct ovsdb_idl_row_txn *rt;
    size_t idx;

    ovsdb_idl_check_column__(row->table, column);
    idx = column->index;
    if (!row->old || idx == OVSDB_COL_UUID) {
        return;
    }
    if (!row->table->monitored[idx]) {
        VLOG_WARN_RL(&rl, "verify of column %s of table %s, which is not "
                     "monitored, is ignored", column->name, ts->name);
        return;
    }
    rt = ovsdb_idl_row_txn_get(txn, row);
    if (!rt->verified) {
        rt->verified = xcalloc(ts->n_columns, sizeof *rt->verified);
        rt->verify_values = xcalloc(ts->n_columns,
                                    sizeof *rt->verify_values);
    }
    if (!rt->verified[idx]) {
        ovsdb_datum_clone(&rt->verify_values[idx], &row->old[idx],
                          &column->type);
        rt->verified[idx] = true;
    }
}

void
ovsdb_idl_txn_delete(const struct ovsdb_idl_row *row_)
{
    struct ovsdb_idl_row *row = (struct ovsdb_idl_row *) row_;
    struct ovsdb_idl_txn *txn = ovsdb_idl_row_get_open_txn(row, "delete");
    struct ovsdb_idl_row_txn *rt;

    if (!ovsdb_idl_row_is_visible__(row)) {
        return;
    }
    rt = ovsdb_idl_row_txn_get(txn, row);
    if (rt->inserted) {
        struct ovsdb_idl_txn_insert *ins = ovsdb_idl_txn_find_insert(
            txn, &row->uuid);

        if (ins) {
            hmap_remove(&txn->inserted, &ins->node);
            free(ins);
        }
        if (txn->inc_row == row) {
            txn->inc_row = NULL;
            txn->inc_column = NULL;
        }
        ovsdb_idl_txn_forget_row(rt);
        return;
    }
    rt->deleted = true;
    row->table->n_txn_deleted++;
}

void
ovsdb_idl_txn_increment(struct ovsdb_idl_txn *txn,
                        const struct ovsdb_idl_row *row,
                        const struct ovsdb_column *column)
{
    if (txn->inc_column) {
        VLOG_FATAL("ovsdb_idl_txn_increment: at most one per transaction");
    }
    if (row->table->idl != txn->idl) {
        VLOG_FATAL("ovsdb_idl_txn_increment: row of another IDL");
    }
    ovsdb_idl_check_column__(row->table, column);
    if (column->type.key.type != OVSDB_TYPE_INTEGER
        || !ovsdb_type_is_scalar(&column->type)) {
        VLOG_FATAL("ovsdb_idl_txn_increment: column %s is not an integer",
                   column->name);
    }
    txn->inc_row = row;
    txn->inc_uuid = row->uuid;
    txn->inc_column = column;
}

int64_t
ovsdb_idl_txn_get_increment_new_value(const struct ovsdb_idl_txn *txn)
{
    return txn->inc_new_value;
}

/* Building the request. */

/* Returns the UUID-name of a row the transaction inserts, as JSON. */
static json_t *
ovsdb_idl_uuid_name(const struct uuid *uuid)
{
    return json_sprintf("row%08x_%08x_%08x_%08x", uuid->parts[0],
                        uuid->parts[1], uuid->parts[2], uuid->parts[3]);
}

/* Rewrites, in place, every ["uuid", U] in 'json' where U is a row the
 * transaction inserts into ["named-uuid", NAME]. */
static void
ovsdb_idl_txn_name_uuids(const struct ovsdb_idl_txn *txn, json_t *json)
{
    if (json_is_array(json)) {
        const json_t *tag = json_array_get(json, 0);
        const json_t *value = json_array_get(json, 1);
        struct uuid uuid;

        if (json_array_size(json) == 2 && json_is_string(tag)
            && !strcmp(json_string_value(tag), "uuid")
            && json_is_string(value)
            && uuid_from_string(&uuid, json_string_value(value))) {
            if (ovsdb_idl_txn_find_insert(txn, &uuid)) {
                json_array_set_new(json, 0, json_string("named-uuid"));
                json_array_set_new(json, 1, ovsdb_idl_uuid_name(&uuid));
            }
            return;
        }
        for (size_t i = 0; i < json_array_size(json); i++) {
            ovsdb_idl_txn_name_uuids(txn, json_array_get(json, i));
        }
    }
}

static json_t *
ovsdb_idl_uuid_where(const struct uuid *uuid)
{
    char buf[UUID_BUFSIZE];

    uuid_to_string(uuid, buf);
    return json_pack("[[s s [s s]]]", "_uuid", "==", "uuid", buf);
}

static json_t *
ovsdb_idl_op(const char *op, const struct ovsdb_idl_row *row)
{
    return json_pack("{s:s, s:s, s:o}", "op", op,
                     "table", row->table->schema->name,
                     "where", ovsdb_idl_uuid_where(&row->uuid));
}

/* Returns the "row" object of what 'rt' writes; for a row that is not new,
 * only the columns whose value differs from the server's. */
static json_t *
ovsdb_idl_txn_row_json(const struct ovsdb_idl_txn *txn,
                       const struct ovsdb_idl_row_txn *rt)
{
    const struct ovsdb_idl_row *row = rt->row;
    const struct ovsdb_table_schema *ts = row->table->schema;
    json_t *object = json_object();

    for (size_t i = 0; rt->written && i < ts->n_columns; i++) {
        const struct ovsdb_column *column = ts->columns[i];
        json_t *value;

        if (!rt->written[i]) {
            continue;
        }
        if (!rt->inserted && row->old && row->table->monitored[i]
            && ovsdb_datum_equals(&rt->new_[i], &row->old[i],
                                  &column->type)) {
            continue;
        }
        value = ovsdb_datum_to_json(&rt->new_[i], &column->type);
        ovsdb_idl_txn_name_uuids(txn, value);
        json_object_set_new(object, column->name, value);
    }
    return object;
}

static void
ovsdb_idl_txn_add_waits(const struct ovsdb_idl_txn *txn, json_t *ops)
{
    const struct ovsdb_idl_row_txn *rt;

    LIST_FOR_EACH (rt, node, &txn->rows) {
        const struct ovsdb_table_schema *ts = rt->row->table->schema;
        json_t *columns, *row, *op;

        if (!rt->verified || rt->inserted) {
            continue;
        }
        columns = json_array();
        row = json_object();
        for (size_t i = 0; i < ts->n_columns; i++) {
            if (rt->verified[i]) {
                json_array_append_new(columns,
                                      json_string(ts->columns[i]->name));
                json_object_set_new(row, ts->columns[i]->name,
                                    ovsdb_datum_to_json(
                                        &rt->verify_values[i],
                                        &ts->columns[i]->type));
            }
        }
        op = ovsdb_idl_op("wait", rt->row);
        json_object_set_new(op, "timeout", json_integer(0));
        json_object_set_new(op, "columns", columns);
        json_object_set_new(op, "until", json_string("=="));
        json_object_set_new(op, "rows", json_pack("[o]", row));
        json_array_append_new(ops, op);
    }
}

/* Adds the inserts, updates and deletes to 'ops'.  Returns true if there
 * is at least one. */
static bool
ovsdb_idl_txn_add_writes(struct ovsdb_idl_txn *txn, json_t *ops)
{
    struct ovsdb_idl_row_txn *rt;
    bool any = false;

    /* Inserts first, so that named UUIDs are defined before their use. */
    LIST_FOR_EACH (rt, node, &txn->rows) {
        struct ovsdb_idl_txn_insert *ins;

        if (!rt->inserted) {
            continue;
        }
        ins = ovsdb_idl_txn_find_insert(txn, &rt->row->uuid);
        ins->op_index = json_array_size(ops);
        json_array_append_new(ops, json_pack(
            "{s:s, s:s, s:o, s:o}", "op", "insert",
            "table", rt->row->table->schema->name,
            "row", ovsdb_idl_txn_row_json(txn, rt),
            "uuid-name", ovsdb_idl_uuid_name(&rt->row->uuid)));
        any = true;
    }
    LIST_FOR_EACH (rt, node, &txn->rows) {
        if (rt->inserted) {
            continue;
        } else if (rt->deleted) {
            /* A row of a table outside the root set goes when nothing
             * refers to it any more: the server's garbage collection
             * decides, as RFC 7047 specifies, so no "delete" is sent. */
            if (rt->row->table->schema->is_root) {
                json_array_append_new(ops, ovsdb_idl_op("delete", rt->row));
                any = true;
            }
        } else if (rt->written) {
            json_t *row = ovsdb_idl_txn_row_json(txn, rt);

            if (json_object_size(row)) {
                json_t *op = ovsdb_idl_op("update", rt->row);

                json_object_set_new(op, "row", row);
                json_array_append_new(ops, op);
                any = true;
            } else {
                json_decref(row);
            }
        }
    }
    return any;
}

/* Builds the "transact" parameters for 'txn'.  Sets '*any_change' to
 * whether the request changes anything. */
json_t *
ovsdb_idl_txn_build_ops__(struct ovsdb_idl_txn *txn, bool *any_change)
{
    struct ovsdb_idl *idl = txn->idl;
    json_t *ops = json_pack("[s]", idl->db_name);

    if (idl->lock_name) {
        json_array_append_new(ops, json_pack("{s:s, s:s}", "op", "assert",
                                             "lock", idl->lock_name));
    }
    ovsdb_idl_txn_add_waits(txn, ops);
    *any_change = ovsdb_idl_txn_add_writes(txn, ops);
    if (txn->inc_column) {
        const struct ovsdb_idl_row *row = txn->inc_row;
        const char *column = txn->inc_column->name;
        json_t *op;

        op = ovsdb_idl_op("mutate", row);
        json_object_set_new(op, "mutations",
                            json_pack("[[s s i]]", column, "+=", 1));
        json_array_append_new(ops, op);
        op = ovsdb_idl_op("select", row);
        json_object_set_new(op, "columns", json_pack("[s]", column));
        txn->inc_index = json_array_size(ops);
        json_array_append_new(ops, op);
        *any_change = true;
    }
    if (txn->comment.length) {
        json_array_append_new(ops, json_pack("{s:s, s:s}", "op", "comment",
                                             "comment",
                                             ds_cstr(&txn->comment)));
    }
    if (txn->dry_run) {
        json_array_append_new(ops, json_pack("{s:s}", "op", "abort"));
    }

    /* The first element is the database name, not an operation: indexes
     * above count it, so subtract one for positions in the reply. */
    return ops;
}

static bool
ovsdb_idl_txn_has_orphans(const struct ovsdb_idl_txn *txn)
{
    const struct ovsdb_idl_row_txn *rt;

    LIST_FOR_EACH (rt, node, &txn->rows) {
        if (rt->orphan) {
            return true;
        }
    }
    return false;
}

static void
ovsdb_idl_txn_set_error(struct ovsdb_idl_txn *txn,
                        enum ovsdb_idl_txn_status status, const char *error)
{
    txn->status = status;
    free(txn->error);
    txn->error = error ? xstrdup(error) : NULL;
}

enum ovsdb_idl_txn_status
ovsdb_idl_txn_commit(struct ovsdb_idl_txn *txn)
{
    struct ovsdb_idl *idl = txn->idl;
    bool any_change;
    json_t *params;
    int error;

    if (txn->status != TXN_UNCOMMITTED) {
        return txn->status;
    }

    params = ovsdb_idl_txn_build_ops__(txn, &any_change);
    free(txn->request_text);
    txn->request_text = json_dumps(params, JSON_COMPACT);
    if (!any_change) {
        json_decref(params);
        txn->status = TXN_UNCHANGED;
        return txn->status;
    }
    if (idl->state != IDL_S_MONITORING || ovsdb_idl_txn_has_orphans(txn)) {
        json_decref(params);
        ovsdb_idl_txn_set_error(txn, TXN_TRY_AGAIN,
                                (idl->state != IDL_S_MONITORING
                                 ? "not connected"
                                 : "a row changed on the server"));
        return txn->status;
    }
    if (idl->lock_name && !idl->has_lock) {
        json_decref(params);
        ovsdb_idl_txn_set_error(txn, TXN_NOT_LOCKED, "lock not held");
        return txn->status;
    }

    error = jsonrpc_session_send(idl->session, jsonrpc_create_request(
                                     "transact", params, &txn->request_id));
    if (error) {
        ovsdb_idl_txn_set_error(txn, TXN_TRY_AGAIN, ovs_strerror(error));
        return txn->status;
    }
    ovs_list_push_back(&idl->pending_txns, &txn->pending_node);
    txn->status = TXN_INCOMPLETE;
    return txn->status;
}

enum ovsdb_idl_txn_status
ovsdb_idl_txn_commit_block(struct ovsdb_idl_txn *txn)
{
    enum ovsdb_idl_txn_status status;

    while ((status = ovsdb_idl_txn_commit(txn)) == TXN_INCOMPLETE) {
        ovsdb_idl_run(txn->idl);
        if (txn->status != TXN_INCOMPLETE) {
            continue;
        }
        ovsdb_idl_wait(txn->idl);
        poll_block();
    }
    return status;
}

void
ovsdb_idl_txn_abort(struct ovsdb_idl_txn *txn)
{
    ovs_list_remove(&txn->pending_node);
    ovs_list_init(&txn->pending_node);
    if (txn->status == TXN_UNCOMMITTED || txn->status == TXN_INCOMPLETE) {
        txn->status = TXN_ABORTED;
    }
}

const char *
ovsdb_idl_txn_get_error(const struct ovsdb_idl_txn *txn)
{
    return txn->status == TXN_SUCCESS ? NULL : txn->error;
}

const struct uuid *
ovsdb_idl_txn_get_insert_uuid(const struct ovsdb_idl_txn *txn,
                              const struct uuid *uuid)
{
    const struct ovsdb_idl_txn_insert *ins;

    if (txn->status != TXN_SUCCESS) {
        return NULL;
    }
    ins = ovsdb_idl_txn_find_insert(txn, uuid);
    return ins && ins->has_real ? &ins->real : NULL;
}

const char *
ovsdb_idl_txn_get_request(const struct ovsdb_idl_txn *txn)
{
    return txn->request_text;
}

/* Replies. */

/* Formats RFC 7047 <error> object 'error' as "ERROR: DETAILS". */
static char *
ovsdb_idl_format_error(const json_t *error)
{
    const char *tag = json_string_value(json_object_get(error, "error"));
    const char *details = json_string_value(json_object_get(error,
                                                            "details"));

    if (!tag) {
        char *text = json_dumps(error, JSON_COMPACT | JSON_ENCODE_ANY);
        char *s = xasprintf("unexpected error %s", text ? text : "?");

        free(text);
        return s;
    }
    return details ? xasprintf("%s: %s", tag, details) : xstrdup(tag);
}

/* Reads the results of inserts and of the increment after success.
 * Returns false if they do not make sense (the increment found no row). */
static bool
ovsdb_idl_txn_read_results(struct ovsdb_idl_txn *txn, const json_t *results)
{
    struct ovsdb_idl_txn_insert *ins;

    HMAP_FOR_EACH (ins, node, &txn->inserted) {
        const json_t *r = json_array_get(results, ins->op_index - 1);
        const json_t *uuid = json_array_get(json_object_get(r, "uuid"), 1);

        if (json_is_string(uuid)
            && uuid_from_string(&ins->real, json_string_value(uuid))) {
            ins->has_real = true;
        }
    }
    if (txn->inc_column) {
        const json_t *count = json_object_get(
            json_array_get(results, txn->inc_index - 2), "count");
        const json_t *rows = json_object_get(
            json_array_get(results, txn->inc_index - 1), "rows");
        const json_t *value = json_object_get(json_array_get(rows, 0),
                                              txn->inc_column->name);

        if (json_integer_value(count) != 1 || !json_is_integer(value)) {
            return false;
        }
        txn->inc_new_value = json_integer_value(value);
    }
    return true;
}

void
ovsdb_idl_txn_process_reply__(struct ovsdb_idl_txn *txn,
                              const struct jsonrpc_msg *msg)
{
    bool try_again = false, not_locked = false;
    char *first_error = NULL;
    const json_t *results;
    size_t n;

    ovs_list_remove(&txn->pending_node);
    ovs_list_init(&txn->pending_node);
    if (msg->type == JSONRPC_ERROR) {
        char *s = ovsdb_idl_format_error(msg->error);

        ovsdb_idl_txn_set_error(txn, TXN_ERROR, s);
        free(s);
        return;
    }
    results = msg->result;
    if (!json_is_array(results)) {
        ovsdb_idl_txn_set_error(txn, TXN_ERROR, "reply is not an array");
        return;
    }
    n = json_array_size(results);
    for (size_t i = 0; i < n; i++) {
        const json_t *r = json_array_get(results, i);
        const char *tag = json_string_value(json_object_get(r, "error"));

        if (!tag) {
            continue;
        }
        if (!strcmp(tag, "timed out")) {
            try_again = true;
        } else if (!strcmp(tag, "not owner")) {
            not_locked = true;
        } else if (!strcmp(tag, "aborted") && txn->dry_run) {
            /* The abort that makes it a dry run. */
        } else if (!first_error) {
            first_error = ovsdb_idl_format_error(r);
        }
    }

    if (not_locked) {
        ovsdb_idl_txn_set_error(txn, TXN_NOT_LOCKED, "not owner of lock");
    } else if (try_again) {
        ovsdb_idl_txn_set_error(txn, TXN_TRY_AGAIN,
                                "a verified column changed");
    } else if (first_error) {
        ovsdb_idl_txn_set_error(txn, TXN_ERROR, first_error);
    } else if (!ovsdb_idl_txn_read_results(txn, results)) {
        ovsdb_idl_txn_set_error(txn, TXN_TRY_AGAIN,
                                "the incremented row is gone");
    } else {
        ovsdb_idl_txn_set_error(txn, TXN_SUCCESS, NULL);
    }
    if (first_error && txn->status != TXN_ERROR) {
        VLOG_DBG_RL(&rl, "transaction also failed with: %s", first_error);
    }
    free(first_error);
}

bool
ovsdb_idl_txn_handle_reply__(struct ovsdb_idl *idl,
                             const struct jsonrpc_msg *msg)
{
    struct ovsdb_idl_txn *txn;

    LIST_FOR_EACH (txn, pending_node, &idl->pending_txns) {
        if (json_equal(txn->request_id, msg->id)) {
            ovsdb_idl_txn_process_reply__(txn, msg);
            return true;
        }
    }
    return false;
}

void
ovsdb_idl_txn_disconnected__(struct ovsdb_idl *idl)
{
    struct ovsdb_idl_txn *txn;

    LIST_FOR_EACH_POP (txn, pending_node, &idl->pending_txns) {
        ovs_list_init(&txn->pending_node);
        ovsdb_idl_txn_set_error(txn, TXN_TRY_AGAIN,
                                "connection lost before the reply");
    }
}
