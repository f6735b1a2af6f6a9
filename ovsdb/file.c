/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "file.h"

#include <string.h>
#include <unistd.h>
#include "log.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-schema.h"
#include "ovsdb.h"
#include "row.h"
#include "timeval.h"
#include "transaction.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_file);

struct ovsdb_file {
    struct ovsdb_observer observer;
    struct ovsdb *db;               /* Not owned. */
    struct ovsdb_log *log;          /* Owned. */
    bool fsync_always;

    /* For the compaction policy. */
    off_t snapshot_size;            /* Log size after open or compaction. */
    long long int last_compact_msec;
};

/* Differences between two values of one column. */

/* A column whose value is replaced whole, rather than toggled, in a
 * difference: at most one element and not a map. */
static bool
file_type_replaces(const struct ovsdb_type *type)
{
    return !ovsdb_type_is_map(type) && type->n_max == 1;
}

/* Stores in 'diff' the difference that turns 'old' into 'new', both of
 * 'type' (see file.h). */
static void
file_datum_diff(struct ovsdb_datum *diff, const struct ovsdb_datum *old,
                const struct ovsdb_datum *new, const struct ovsdb_type *type)
{
    bool is_map = ovsdb_type_is_map(type);
    enum ovsdb_atomic_type kt = type->key.type;

    if (file_type_replaces(type)) {
        ovsdb_datum_clone(diff, new, type);
        return;
    }

    ovsdb_datum_init_empty(diff);
    for (size_t i = 0; i < old->n; i++) {
        if (!ovsdb_datum_find_key(new, &old->keys[i], kt, NULL)) {
            ovsdb_datum_push(diff, &old->keys[i],
                             is_map ? &old->values[i] : NULL, type);
        }
    }
    for (size_t i = 0; i < new->n; i++) {
        size_t idx;

        if (!ovsdb_datum_find_key(old, &new->keys[i], kt, &idx)
            || (is_map && !ovsdb_atom_equals(&old->values[idx],
                                             &new->values[i],
                                             type->value.type))) {
            ovsdb_datum_push(diff, &new->keys[i],
                             is_map ? &new->values[i] : NULL, type);
        }
    }
    ovsdb_datum_sort_unique(diff, type);
}

/* Applies 'diff' to 'datum', both of 'type' (see file.h). */
static void
file_datum_apply_diff(struct ovsdb_datum *datum,
                      const struct ovsdb_datum *diff,
                      const struct ovsdb_type *type)
{
    struct ovsdb_datum adds = OVSDB_DATUM_EMPTY_INITIALIZER;
    bool is_map = ovsdb_type_is_map(type);

    if (file_type_replaces(type)) {
        ovsdb_datum_destroy(datum, type);
        ovsdb_datum_clone(datum, diff, type);
        return;
    }

    for (size_t i = 0; i < diff->n; i++) {
        const union ovsdb_atom *value = is_map ? &diff->values[i] : NULL;
        size_t idx;

        if (!ovsdb_datum_find_key(datum, &diff->keys[i], type->key.type,
                                  &idx)) {
            ovsdb_datum_push(&adds, &diff->keys[i], value, type);
        } else if (!is_map || ovsdb_atom_equals(&datum->values[idx], value,
                                                type->value.type)) {
            ovsdb_datum_remove_at(datum, idx, type);
        } else {
            ovsdb_atom_destroy(&datum->values[idx], type->value.type);
            ovsdb_atom_clone(&datum->values[idx], value, type->value.type);
        }
    }
    for (size_t i = 0; i < adds.n; i++) {
        ovsdb_datum_push(datum, &adds.keys[i],
                         is_map ? &adds.values[i] : NULL, type);
    }
    ovsdb_datum_sort_unique(datum, type);
    ovsdb_datum_destroy(&adds, type);
}

/* Writing records. */

static char *
file_uuid_string(const struct uuid *uuid, char buf[UUID_BUFSIZE])
{
    return uuid_to_string(uuid, buf);
}

/* Returns the <row> of 'new', with only its persistent non-default columns
 * if 'old' is NULL, otherwise with the differences from 'old' in the
 * persistent columns that changed ('is_diff') or their new values. */
static json_t *
file_row_to_json(const struct ovsdb_row *old, const struct ovsdb_row *new,
                 bool is_diff)
{
    const struct ovsdb_table_schema *ts = new->table;
    json_t *row = json_object();

    for (size_t i = OVSDB_N_RESERVED_COLUMNS; i < ts->n_columns; i++) {
        const struct ovsdb_column *column = ts->columns[i];
        const struct ovsdb_type *type = &column->type;
        const struct ovsdb_datum *value = &new->fields[i];

        if (!column->persistent) {
            continue;
        }
        if (!old) {
            if (!ovsdb_datum_is_default(value, type)) {
                json_object_set_new(row, column->name,
                                    ovsdb_datum_to_json(value, type));
            }
        } else if (!ovsdb_datum_equals(&old->fields[i], value, type)) {
            if (is_diff) {
                struct ovsdb_datum diff;

                file_datum_diff(&diff, &old->fields[i], value, type);
                json_object_set_new(row, column->name,
                                    ovsdb_datum_to_json(&diff, type));
                ovsdb_datum_destroy(&diff, type);
            } else {
                json_object_set_new(row, column->name,
                                    ovsdb_datum_to_json(value, type));
            }
        }
    }
    return row;
}

/* Adds 'row_json' for 'uuid' of table 'name' to 'record'. */
static void
file_record_add_row(json_t *record, const char *name,
                    const struct uuid *uuid, json_t *row_json)
{
    char buf[UUID_BUFSIZE];
    json_t *table = json_object_get(record, name);

    if (!table) {
        table = json_object();
        json_object_set_new(record, name, table);
    }
    json_object_set_new(table, file_uuid_string(uuid, buf), row_json);
}

struct file_txn_ctx {
    json_t *record;
    bool any;
};

static void
file_txn_change_cb(const struct ovsdb_table *table,
                   const struct ovsdb_row *old, const struct ovsdb_row *new,
                   void *ctx_)
{
    struct file_txn_ctx *ctx = ctx_;
    const struct ovsdb_row *row = new ? new : old;
    json_t *row_json;

    if (!new) {
        row_json = json_null();
    } else {
        row_json = file_row_to_json(old, new, true);
        if (old && !json_object_size(row_json)) {
            /* Only ephemeral columns changed. */
            json_decref(row_json);
            return;
        }
    }
    file_record_add_row(ctx->record, table->schema->name,
                        ovsdb_row_get_uuid(row), row_json);
    ctx->any = true;
}

json_t *
ovsdb_file_txn_to_json(const struct ovsdb_txn *txn, long long int date_msec)
{
    struct file_txn_ctx ctx = { .record = json_object(), .any = false };
    const char *comment;

    json_object_set_new(ctx.record, "_date", json_integer(date_msec));
    ovsdb_txn_for_each_change(txn, file_txn_change_cb, &ctx);
    if (!ctx.any) {
        json_decref(ctx.record);
        return NULL;
    }
    comment = ovsdb_txn_get_comment(txn);
    if (comment) {
        json_object_set_new(ctx.record, "_comment", json_string(comment));
    }
    json_object_set_new(ctx.record, "_is_diff", json_true());
    return ctx.record;
}

json_t *
ovsdb_file_snapshot_to_json(const struct ovsdb *db, const char *comment,
                            long long int date_msec)
{
    json_t *record = json_object();

    json_object_set_new(record, "_date", json_integer(date_msec));
    if (comment) {
        json_object_set_new(record, "_comment", json_string(comment));
    }
    for (size_t i = 0; i < db->schema->n_tables; i++) {
        const struct ovsdb_table *table = &db->tables[i];
        const struct ovsdb_row *row;

        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            file_record_add_row(record, table->schema->name,
                                ovsdb_row_get_uuid(row),
                                file_row_to_json(NULL, row, false));
        }
    }
    return record;
}

/* Reading records. */

/* Sets the columns of 'row' from the <row> 'json', applying differences
 * if 'is_diff', else replacing values. */
static struct ovsdb_error *
file_row_from_json(struct ovsdb_row *row, const json_t *json, bool is_diff)
{
    const struct ovsdb_table_schema *ts = row->table;
    const char *name;
    json_t *value;

    if (!json_is_object(json)) {
        return ovsdb_syntax_error(json, NULL, "a row must be an object or "
                                  "null");
    }
    json_object_foreach ((json_t *) json, name, value) {
        const struct ovsdb_column *column;
        struct ovsdb_error *error;
        struct ovsdb_datum datum;

        column = ovsdb_table_schema_get_column(ts, name);
        if (!column) {
            return ovsdb_syntax_error(json, OVSDB_E_UNKNOWN_COLUMN,
                                      "table %s has no column %s",
                                      ts->name, name);
        }
        if (column->index < OVSDB_N_RESERVED_COLUMNS) {
            continue;
        }
        if (is_diff && !file_type_replaces(&column->type)) {
            error = ovsdb_datum_from_json_relaxed(&datum, &column->type,
                                                  value, NULL);
            if (!error) {
                file_datum_apply_diff(&row->fields[column->index], &datum,
                                      &column->type);
                ovsdb_datum_destroy(&datum, &column->type);
                error = ovsdb_datum_check_size(&row->fields[column->index],
                                               &column->type);
            }
        } else {
            error = ovsdb_datum_from_json(&datum, &column->type, value,
                                          NULL);
            if (!error) {
                ovsdb_datum_swap(&row->fields[column->index], &datum);
                ovsdb_datum_destroy(&datum, &column->type);
            }
        }
        if (error) {
            return ovsdb_error_prefix(error, "table %s column %s", ts->name,
                                      name);
        }
    }
    return NULL;
}

/* Adds to 'txn' the changes to 'table' that 'rows' (a record's member for
 * 'table') describes. */
static struct ovsdb_error *
file_table_from_json(struct ovsdb_txn *txn, struct ovsdb_table *table,
                     const json_t *rows, bool is_diff)
{
    const char *uuid_string;
    json_t *row_json;

    if (!json_is_object(rows)) {
        return ovsdb_syntax_error(rows, NULL, "table %s: rows must be an "
                                  "object", table->schema->name);
    }
    json_object_foreach ((json_t *) rows, uuid_string, row_json) {
        const struct ovsdb_row *row;
        struct ovsdb_error *error;
        struct ovsdb_row *new;
        struct uuid uuid;

        if (!uuid_from_string(&uuid, uuid_string)) {
            return ovsdb_syntax_error(rows, NULL, "table %s: \"%s\" is not "
                                      "a UUID", table->schema->name,
                                      uuid_string);
        }
        row = ovsdb_txn_find_row(txn, table, &uuid);
        if (json_is_null(row_json)) {
            if (!row) {
                return ovsdb_syntax_error(rows, NULL, "table %s: cannot "
                                          "delete missing row %s",
                                          table->schema->name, uuid_string);
            }
            ovsdb_txn_delete(txn, table, row);
        } else if (row) {
            new = ovsdb_row_clone(row);
            error = file_row_from_json(new, row_json, is_diff);
            if (error) {
                ovsdb_row_destroy(new);
                return error;
            }
            ovsdb_txn_replace(txn, table, row, new);
        } else {
            new = ovsdb_row_create(table->schema);
            ovsdb_row_set_uuid(new, &uuid);
            error = file_row_from_json(new, row_json, false);
            if (error) {
                ovsdb_row_destroy(new);
                return error;
            }
            ovsdb_txn_insert(txn, table, new);
        }
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_file_replay_txn(struct ovsdb *db, const json_t *json)
{
    struct ovsdb_txn *txn;
    const char *name;
    json_t *value;
    bool is_diff;

    if (!json_is_object(json)) {
        return ovsdb_syntax_error(json, NULL, "a transaction record must "
                                  "be an object");
    }
    is_diff = json_is_true(json_object_get(json, "_is_diff"));

    txn = ovsdb_txn_create(db);
    json_object_foreach ((json_t *) json, name, value) {
        struct ovsdb_table *table;
        struct ovsdb_error *error;

        if (name[0] == '_') {
            /* "_date", "_comment", "_is_diff" and anything else reserved
             * that a later version may add. */
            continue;
        }
        table = ovsdb_get_table(db, name);
        if (!table) {
            ovsdb_txn_abort(txn);
            return ovsdb_syntax_error(json, OVSDB_E_UNKNOWN_TABLE,
                                      "no table named %s", name);
        }
        error = file_table_from_json(txn, table, value, is_diff);
        if (error) {
            ovsdb_txn_abort(txn);
            return error;
        }
    }
    return ovsdb_txn_commit(txn);
}

/* Files. */

static struct ovsdb_error *
file_read_schema(struct ovsdb_log *log, struct ovsdb_schema **schemap)
{
    struct ovsdb_error *error;
    json_t *json;

    *schemap = NULL;
    error = ovsdb_log_read(log, &json);
    if (error) {
        return error;
    }
    if (!json) {
        return ovsdb_error_create(OVSDB_E_IO, "%s: database file is empty "
                                  "or has no schema",
                                  ovsdb_log_get_name(log));
    }
    error = ovsdb_schema_from_json(json, schemap);
    json_decref(json);
    return ovsdb_error_prefix(error, "%s: schema", ovsdb_log_get_name(log));
}

struct ovsdb_error *
ovsdb_file_read_schema(const char *file_name, struct ovsdb_schema **schemap)
{
    struct ovsdb_error *error;
    struct ovsdb_log *log;

    *schemap = NULL;
    error = ovsdb_log_open(file_name, OVSDB_LOG_READ_ONLY, &log);
    if (!error) {
        error = file_read_schema(log, schemap);
        ovsdb_log_close(log);
    }
    return error;
}

/* Writes 'schema' and, if 'db' is nonnull, a snapshot of 'db' with
 * 'comment' to 'log', then syncs it. */
static struct ovsdb_error *
file_write_snapshot(struct ovsdb_log *log, const struct ovsdb_schema *schema,
                    const struct ovsdb *db, const char *comment)
{
    struct ovsdb_error *error;
    json_t *json;

    json = ovsdb_schema_to_json(schema);
    error = ovsdb_log_write(log, json, false);
    json_decref(json);
    if (!error && db) {
        json = ovsdb_file_snapshot_to_json(db, comment, time_wall_msec());
        error = ovsdb_log_write(log, json, false);
        json_decref(json);
    }
    return error ? error : ovsdb_log_sync(log);
}

struct ovsdb_error *
ovsdb_file_create(const char *file_name, const struct ovsdb_schema *schema)
{
    struct ovsdb_error *error;
    struct ovsdb_log *log;

    error = ovsdb_log_open(file_name, OVSDB_LOG_CREATE_EXCL, &log);
    if (error) {
        return error;
    }
    error = file_write_snapshot(log, schema, NULL, NULL);
    ovsdb_log_close(log);
    if (error) {
        unlink(file_name);
    }
    return error;
}

struct ovsdb_error *
ovsdb_file_save_copy(const char *file_name, const char *comment,
                     const struct ovsdb *db)
{
    struct ovsdb_error *error;
    struct ovsdb_log *log;

    error = ovsdb_log_open(file_name, OVSDB_LOG_CREATE, &log);
    if (error) {
        return error;
    }
    error = file_write_snapshot(log, db->schema, db, comment);
    ovsdb_log_close(log);
    return error;
}

static struct ovsdb_error *
file_observer_commit(struct ovsdb_observer *observer,
                     const struct ovsdb_txn *txn)
{
    struct ovsdb_file *file = CONTAINER_OF(observer, struct ovsdb_file,
                                           observer);
    struct ovsdb_error *error;
    json_t *json;

    json = ovsdb_file_txn_to_json(txn, time_wall_msec());
    if (!json) {
        return NULL;
    }
    error = ovsdb_log_write(file->log, json,
                            file->fsync_always || ovsdb_txn_is_durable(txn));
    json_decref(json);
    return error;
}

static const struct ovsdb_observer_class file_observer_class = {
    .commit = file_observer_commit,
};

struct ovsdb_error *
ovsdb_file_open(const char *file_name, bool read_only, struct ovsdb **dbp,
                struct ovsdb_file **filep)
{
    struct ovsdb_schema *schema;
    struct ovsdb_error *error;
    struct ovsdb_log *log;
    struct ovsdb *db;
    unsigned int n;

    *dbp = NULL;
    if (filep) {
        *filep = NULL;
    }
    error = ovsdb_log_open(file_name, (read_only ? OVSDB_LOG_READ_ONLY
                                       : OVSDB_LOG_READ_WRITE), &log);
    if (error) {
        return error;
    }
    error = file_read_schema(log, &schema);
    if (error) {
        goto out_close_log;
    }
    db = ovsdb_create(schema);

    for (n = 1; ; n++) {
        json_t *json;

        error = ovsdb_log_read(log, &json);
        if (error || !json) {
            break;
        }
        error = ovsdb_file_replay_txn(db, json);
        json_decref(json);
        if (error) {
            error = ovsdb_error_prefix(error, "%s: record %u", file_name, n);
            break;
        }
    }
    if (error) {
        goto out_destroy_db;
    }

    if (!read_only && filep) {
        struct ovsdb_file *file = xzalloc(sizeof *file);

        file->observer.class = &file_observer_class;
        file->db = db;
        file->log = log;
        file->snapshot_size = ovsdb_log_get_offset(log);
        file->last_compact_msec = time_msec();
        ovsdb_add_observer(db, &file->observer);
        *filep = file;
    } else {
        ovsdb_log_close(log);
    }
    *dbp = db;
    return NULL;

out_destroy_db:
    ovsdb_destroy(db);
out_close_log:
    ovsdb_log_close(log);
    return error;
}

void
ovsdb_file_destroy(struct ovsdb_file *file)
{
    if (file) {
        ovsdb_remove_observer(&file->observer);
        ovsdb_log_close(file->log);
        free(file);
    }
}

void
ovsdb_file_set_fsync_always(struct ovsdb_file *file, bool fsync_always)
{
    file->fsync_always = fsync_always;
}

const char *
ovsdb_file_get_torn_tail(const struct ovsdb_file *file)
{
    return ovsdb_log_get_torn_tail(file->log);
}

off_t
ovsdb_file_get_size(const struct ovsdb_file *file)
{
    return ovsdb_log_get_offset(file->log);
}

unsigned long long
ovsdb_file_get_n_syncs(const struct ovsdb_file *file)
{
    return ovsdb_log_get_n_syncs(file->log);
}

struct ovsdb_error *
ovsdb_file_compact(struct ovsdb_file *file, const char *comment)
{
    struct ovsdb_error *error;
    struct ovsdb_log *new;
    off_t old_size = ovsdb_log_get_offset(file->log);

    error = ovsdb_log_replace_start(file->log, &new);
    if (error) {
        return error;
    }
    error = file_write_snapshot(new, file->db->schema, file->db, comment);
    if (error) {
        ovsdb_log_replace_abort(new);
        return error;
    }
    error = ovsdb_log_replace_commit(file->log, new);
    if (error) {
        return error;
    }
    file->snapshot_size = ovsdb_log_get_offset(file->log);
    file->last_compact_msec = time_msec();
    VLOG_INFO("%s: compacted from %lld to %lld bytes",
              ovsdb_log_get_name(file->log), (long long) old_size,
              (long long) file->snapshot_size);
    return NULL;
}

bool
ovsdb_file_compaction_due(off_t log_size, off_t snapshot_size,
                          long long int last_msec, long long int now_msec)
{
    return (log_size >= OVSDB_COMPACT_MIN_SIZE
            && log_size / OVSDB_COMPACT_GROWTH >= snapshot_size
            && now_msec - last_msec >= OVSDB_COMPACT_MIN_INTERVAL_MSEC);
}

bool
ovsdb_file_should_compact(const struct ovsdb_file *file,
                          long long int now_msec)
{
    return ovsdb_file_compaction_due(ovsdb_log_get_offset(file->log),
                                     file->snapshot_size,
                                     file->last_compact_msec, now_msec);
}
