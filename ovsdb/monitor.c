/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>

#include "monitor.h"

#include <stdlib.h>
#include <string.h>

#include "ovsdb-condition.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "ovsdb-schema.h"
#include "ovsdb.h"
#include "row.h"
#include "transaction.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_monitor);

/* What a monitor watches in one table. */
struct monitor_table {
    const struct ovsdb_table_schema *schema;
    struct ovsdb_column_set columns;
    bool initial, insert, delete, modify;   /* "select". */
    struct ovsdb_condition cond;            /* No clauses: every row. */
};

struct ovsdb_monitor {
    struct ovsdb_observer observer;
    struct ovsdb *db;
    enum ovsdb_monitor_version version;
    json_t *id;

    /* Parallel to 'db->schema->tables': NULL for tables not watched. */
    struct monitor_table **tables;

    ovsdb_monitor_send_func *send;
    void *aux;

    json_t *pending;            /* Updates of the commit in progress. */
};

static const char zero_txn_id[] = "00000000-0000-0000-0000-000000000000";

static void
monitor_table_destroy(struct monitor_table *mt)
{
    if (mt) {
        ovsdb_column_set_destroy(&mt->columns);
        ovsdb_condition_destroy(&mt->cond);
        free(mt);
    }
}

static size_t
table_index(const struct ovsdb *db, const struct ovsdb_table_schema *ts)
{
    size_t i;

    for (i = 0; i < db->schema->n_tables; i++) {
        if (db->schema->tables[i] == ts) {
            return i;
        }
    }
    OVS_NOT_REACHED();
}

static bool
row_is_visible(const struct monitor_table *mt, const struct ovsdb_row *row)
{
    return row && ovsdb_condition_evaluate(&mt->cond, row->fields);
}

/* Returns the JSON <row> of the columns of 'mt' in 'row', without the
 * columns at their defaults if 'skip_defaults'. */
static json_t *
row_to_json(const struct monitor_table *mt, const struct ovsdb_row *row,
            bool skip_defaults)
{
    json_t *json = json_object();
    size_t i;

    for (i = 0; i < mt->columns.n_columns; i++) {
        const struct ovsdb_column *c = mt->columns.columns[i];
        const struct ovsdb_datum *d = &row->fields[c->index];

        if (!skip_defaults || !ovsdb_datum_is_default(d, &c->type)) {
            json_object_set_new(json, c->name, ovsdb_datum_to_json(d,
                                                                   &c->type));
        }
    }
    return json;
}

/* Returns the <diff> of column 'c' from 'old' to 'new' (see monitor.h). */
static json_t *
datum_diff_to_json(const struct ovsdb_column *c,
                   const struct ovsdb_datum *old,
                   const struct ovsdb_datum *new)
{
    const struct ovsdb_type *type = &c->type;
    struct ovsdb_datum diff = OVSDB_DATUM_EMPTY_INITIALIZER;
    enum ovsdb_atomic_type kt = type->key.type;
    bool is_map = ovsdb_type_is_map(type);
    struct ovsdb_type diff_type;
    size_t i = 0, j = 0;
    json_t *json;

    if (!is_map && type->n_max == 1) {
        return ovsdb_datum_to_json(new, type);
    }

    while (i < old->n || j < new->n) {
        int cmp = (i >= old->n ? 1
                   : j >= new->n ? -1
                   : ovsdb_atom_compare_3way(&old->keys[i], &new->keys[j],
                                             kt));
        if (cmp < 0) {
            ovsdb_datum_push(&diff, &old->keys[i],
                             is_map ? &old->values[i] : NULL, type);
            i++;
        } else if (cmp > 0) {
            ovsdb_datum_push(&diff, &new->keys[j],
                             is_map ? &new->values[j] : NULL, type);
            j++;
        } else {
            if (is_map && !ovsdb_atom_equals(&old->values[i],
                                             &new->values[j],
                                             type->value.type)) {
                ovsdb_datum_push(&diff, &new->keys[j], &new->values[j],
                                 type);
            }
            i++;
            j++;
        }
    }

    /* A shallow copy: only its shape matters to the conversion. */
    diff_type = *type;
    diff_type.n_min = 0;
    diff_type.n_max = OVSDB_UNLIMITED;
    json = ovsdb_datum_to_json(&diff, &diff_type);
    ovsdb_datum_destroy(&diff, type);
    return json;
}

/* Returns the monitored columns that differ between 'old' and 'new': for
 * V1 their old values, for V2 and V3 their <diff>s.  NULL if none does. */
static json_t *
changed_columns(const struct ovsdb_monitor *m, const struct monitor_table *mt,
                const struct ovsdb_row *old, const struct ovsdb_row *new)
{
    json_t *json = NULL;
    size_t i;

    for (i = 0; i < mt->columns.n_columns; i++) {
        const struct ovsdb_column *c = mt->columns.columns[i];
        const struct ovsdb_datum *o = &old->fields[c->index];
        const struct ovsdb_datum *n = &new->fields[c->index];

        if (ovsdb_datum_equals(o, n, &c->type)) {
            continue;
        }
        if (!json) {
            json = json_object();
        }
        json_object_set_new(json, c->name,
                            (m->version == OVSDB_MONITOR_V1
                             ? ovsdb_datum_to_json(o, &c->type)
                             : datum_diff_to_json(c, o, n)));
    }
    return json;
}

static json_t *
row_update_v1(const struct monitor_table *mt, const struct ovsdb_monitor *m,
              const struct ovsdb_row *old, const struct ovsdb_row *new)
{
    json_t *changed;

    if (!old) {
        return mt->insert ? json_pack("{s:o}", "new",
                                      row_to_json(mt, new, false)) : NULL;
    } else if (!new) {
        return mt->delete ? json_pack("{s:o}", "old",
                                      row_to_json(mt, old, false)) : NULL;
    } else if (!mt->modify) {
        return NULL;
    }
    changed = changed_columns(m, mt, old, new);
    return changed ? json_pack("{s:o, s:o}", "old", changed,
                               "new", row_to_json(mt, new, false)) : NULL;
}

static json_t *
row_update_v2(const struct monitor_table *mt, const struct ovsdb_monitor *m,
              const struct ovsdb_row *old, const struct ovsdb_row *new)
{
    bool old_visible = row_is_visible(mt, old);
    bool new_visible = row_is_visible(mt, new);
    json_t *changed;

    if (!old_visible && new_visible) {
        return mt->insert ? json_pack("{s:o}", "insert",
                                      row_to_json(mt, new, true)) : NULL;
    } else if (old_visible && !new_visible) {
        return mt->delete ? json_pack("{s:n}", "delete") : NULL;
    } else if (!old_visible || !mt->modify) {
        return NULL;
    }
    changed = changed_columns(m, mt, old, new);
    return changed ? json_pack("{s:o}", "modify", changed) : NULL;
}

/* Adds 'update' (consumed) for the row 'uuid' of table 'name' to the
 * <table-updates> object 'updates'. */
static void
add_row_update(json_t *updates, const char *name, const struct uuid *uuid,
               json_t *update)
{
    json_t *table = json_object_get(updates, name);
    char buf[UUID_BUFSIZE];

    if (!table) {
        table = json_object();
        json_object_set_new(updates, name, table);
    }
    json_object_set_new(table, uuid_to_string(uuid, buf), update);
}

static void
monitor_change_cb(const struct ovsdb_table *table,
                  const struct ovsdb_row *old, const struct ovsdb_row *new,
                  void *m_)
{
    struct ovsdb_monitor *m = m_;
    const struct monitor_table *mt;
    json_t *update;

    mt = m->tables[table - m->db->tables];
    if (!mt) {
        return;
    }
    update = (m->version == OVSDB_MONITOR_V1
              ? row_update_v1(mt, m, old, new)
              : row_update_v2(mt, m, old, new));
    if (update) {
        add_row_update(m->pending, mt->schema->name,
                       ovsdb_row_get_uuid(old ? old : new), update);
    }
}

/* Hands 'updates' (consumed) to the monitor's client, unless empty. */
static void
monitor_send(struct ovsdb_monitor *m, json_t *updates)
{
    json_t *params;

    if (!json_object_size(updates)) {
        json_decref(updates);
        return;
    }
    switch (m->version) {
    case OVSDB_MONITOR_V1:
        params = json_pack("[O, o]", m->id, updates);
        m->send(m->aux, "update", params);
        break;
    case OVSDB_MONITOR_V2:
        params = json_pack("[O, o]", m->id, updates);
        m->send(m->aux, "update2", params);
        break;
    case OVSDB_MONITOR_V3:
        params = json_pack("[O, s, o]", m->id, zero_txn_id, updates);
        m->send(m->aux, "update3", params);
        break;
    default:
        OVS_NOT_REACHED();
    }
}

static struct ovsdb_error *
monitor_commit(struct ovsdb_observer *observer, const struct ovsdb_txn *txn)
{
    struct ovsdb_monitor *m = CONTAINER_OF(observer, struct ovsdb_monitor,
                                           observer);

    m->pending = json_object();
    ovsdb_txn_for_each_change(txn, monitor_change_cb, m);
    monitor_send(m, m->pending);
    m->pending = NULL;
    return NULL;
}

static const struct ovsdb_observer_class monitor_observer_class = {
    .commit = monitor_commit,
};

static struct ovsdb_error *
parse_select(struct monitor_table *mt, const json_t *select)
{
    static const char *const names[] = {
        "initial", "insert", "delete", "modify",
    };
    bool *flags[] = { &mt->initial, &mt->insert, &mt->delete, &mt->modify };
    struct ovsdb_parser parser;
    size_t i;

    if (!select) {
        return NULL;
    }
    ovsdb_parser_init(&parser, select, "table %s select",
                      mt->schema->name);
    for (i = 0; i < ARRAY_SIZE(names); i++) {
        const json_t *b = ovsdb_parser_member(&parser, names[i],
                                              OP_BOOLEAN | OP_OPTIONAL);
        if (b) {
            *flags[i] = json_is_true(b);
        }
    }
    return ovsdb_parser_finish(&parser);
}

/* Parses one <monitor-request> 'req' for 'mt'.  Columns accumulate over
 * the requests of a table; "select" flags of the first request given win
 * for the rest (stock clients send one request per table). */
static struct ovsdb_error *
parse_request(struct monitor_table *mt, enum ovsdb_monitor_version version,
              const json_t *req)
{
    const json_t *columns, *select, *where = NULL;
    struct ovsdb_column_set set = OVSDB_COLUMN_SET_INITIALIZER;
    struct ovsdb_error *error;
    struct ovsdb_parser parser;
    size_t i;

    ovsdb_parser_init(&parser, req, "table %s monitor request",
                      mt->schema->name);
    columns = ovsdb_parser_member(&parser, "columns",
                                  OP_ARRAY | OP_OPTIONAL);
    select = ovsdb_parser_member(&parser, "select", OP_OBJECT | OP_OPTIONAL);
    if (version != OVSDB_MONITOR_V1) {
        where = ovsdb_parser_member(&parser, "where", OP_ARRAY | OP_OPTIONAL);
    }
    error = ovsdb_parser_finish(&parser);
    if (error) {
        return error;
    }

    error = parse_select(mt, select);
    if (error) {
        return error;
    }
    if (columns) {
        error = ovsdb_column_set_from_json(mt->schema, columns, &set);
        if (error) {
            return error;
        }
    } else {
        for (i = OVSDB_COL_VERSION; i < mt->schema->n_columns; i++) {
            ovsdb_column_set_add(&set, mt->schema->columns[i]);
        }
    }
    for (i = 0; i < set.n_columns; i++) {
        if (set.columns[i]->index != OVSDB_COL_UUID
            && !ovsdb_column_set_contains(&mt->columns,
                                          set.columns[i]->index)) {
            ovsdb_column_set_add(&mt->columns, set.columns[i]);
        }
    }
    ovsdb_column_set_destroy(&set);

    if (where) {
        ovsdb_condition_destroy(&mt->cond);
        error = ovsdb_condition_from_json(mt->schema, where, NULL,
                                          &mt->cond);
    }
    return error;
}

static struct ovsdb_error *
parse_table_requests(struct ovsdb_monitor *m, const char *name,
                     const json_t *json)
{
    const struct ovsdb_table_schema *ts;
    struct monitor_table *mt;
    struct ovsdb_error *error = NULL;
    size_t idx, i;

    ts = ovsdb_schema_get_table(m->db->schema, name);
    if (!ts) {
        return ovsdb_syntax_error(json, OVSDB_E_UNKNOWN_TABLE,
                                  "no table named %s", name);
    }
    idx = table_index(m->db, ts);
    if (m->tables[idx]) {
        return ovsdb_syntax_error(json, NULL,
                                  "table %s monitored twice", name);
    }

    mt = xzalloc(sizeof *mt);
    mt->schema = ts;
    mt->initial = mt->insert = mt->delete = mt->modify = true;
    ovsdb_column_set_init(&mt->columns);
    ovsdb_condition_init(&mt->cond);
    m->tables[idx] = mt;

    if (json_is_array(json)) {
        for (i = 0; !error && i < json_array_size(json); i++) {
            error = parse_request(mt, m->version, json_array_get(json, i));
        }
    } else {
        error = parse_request(mt, m->version, json);
    }
    return error;
}

/* Adds every visible row of 'mt' to 'updates' as an initial update. */
static void
add_initial(const struct ovsdb_monitor *m, const struct monitor_table *mt,
            json_t *updates)
{
    const struct ovsdb_table *table = ovsdb_table_from_schema(m->db,
                                                              mt->schema);
    const struct ovsdb_row *row;

    if (!mt->initial) {
        return;
    }
    HMAP_FOR_EACH (row, hmap_node, &table->rows) {
        json_t *update;

        if (m->version == OVSDB_MONITOR_V1) {
            update = json_pack("{s:o}", "new", row_to_json(mt, row, false));
        } else if (row_is_visible(mt, row)) {
            update = json_pack("{s:o}", "initial",
                               row_to_json(mt, row, true));
        } else {
            continue;
        }
        add_row_update(updates, mt->schema->name, ovsdb_row_get_uuid(row),
                       update);
    }
}

struct ovsdb_error *
ovsdb_monitor_create(struct ovsdb *db, enum ovsdb_monitor_version version,
                     const json_t *monitor_id, const json_t *requests,
                     ovsdb_monitor_send_func *send, void *aux,
                     struct ovsdb_monitor **monitorp, json_t **initialp)
{
    struct ovsdb_error *error = NULL;
    struct ovsdb_monitor *m;
    const char *name;
    json_t *value;
    size_t i;

    *monitorp = NULL;
    *initialp = NULL;
    if (!json_is_object(requests)) {
        return ovsdb_syntax_error(requests, NULL,
                                  "monitor-requests must be an object");
    }

    m = xzalloc(sizeof *m);
    m->db = db;
    m->version = version;
    m->id = json_deep_copy(monitor_id ? monitor_id : json_null());
    m->tables = xcalloc(db->schema->n_tables, sizeof *m->tables);
    m->send = send;
    m->aux = aux;

    json_object_foreach ((json_t *) requests, name, value) {
        error = parse_table_requests(m, name, value);
        if (error) {
            ovsdb_monitor_destroy(m);
            return error;
        }
    }

    *initialp = json_object();
    for (i = 0; i < db->schema->n_tables; i++) {
        if (m->tables[i]) {
            add_initial(m, m->tables[i], *initialp);
        }
    }
    m->observer.class = &monitor_observer_class;
    ovsdb_add_observer(db, &m->observer);
    *monitorp = m;
    return NULL;
}

void
ovsdb_monitor_destroy(struct ovsdb_monitor *m)
{
    size_t i;

    if (!m) {
        return;
    }
    if (m->observer.class) {
        ovsdb_remove_observer(&m->observer);
    }
    for (i = 0; i < m->db->schema->n_tables; i++) {
        monitor_table_destroy(m->tables[i]);
    }
    free(m->tables);
    json_decref(m->id);
    free(m);
}

const json_t *
ovsdb_monitor_get_id(const struct ovsdb_monitor *m)
{
    return m->id;
}

enum ovsdb_monitor_version
ovsdb_monitor_get_version(const struct ovsdb_monitor *m)
{
    return m->version;
}

struct ovsdb *
ovsdb_monitor_get_db(const struct ovsdb_monitor *m)
{
    return m->db;
}

/* Parses the new conditions of 'requests' into 'conds', parallel to the
 * monitor's tables. */
static struct ovsdb_error *
parse_new_conditions(const struct ovsdb_monitor *m, const json_t *requests,
                     struct ovsdb_condition *conds, bool *changed)
{
    const char *name;
    json_t *value;

    if (!json_is_object(requests)) {
        return ovsdb_syntax_error(requests, NULL,
                                  "monitor-cond-change-requests must be "
                                  "an object");
    }
    json_object_foreach ((json_t *) requests, name, value) {
        const struct ovsdb_table_schema *ts;
        const json_t *req, *where;
        size_t idx;

        ts = ovsdb_schema_get_table(m->db->schema, name);
        if (!ts) {
            return ovsdb_syntax_error(value, OVSDB_E_UNKNOWN_TABLE,
                                      "no table named %s", name);
        }
        idx = table_index(m->db, ts);
        if (!m->tables[idx]) {
            return ovsdb_syntax_error(value, NULL,
                                      "table %s is not monitored", name);
        }
        req = json_is_array(value) ? json_array_get(value, 0) : value;
        where = json_object_get(req, "where");
        if (!where) {
            continue;
        }
        if (!json_is_array(where)) {
            return ovsdb_syntax_error(where, NULL,
                                      "\"where\" must be an array");
        }
        ovsdb_condition_destroy(&conds[idx]);
        struct ovsdb_error *error = ovsdb_condition_from_json(ts, where, NULL,
                                                              &conds[idx]);
        if (error) {
            return error;
        }
        changed[idx] = true;
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_monitor_cond_change(struct ovsdb_monitor *m, const json_t *new_id,
                          const json_t *requests)
{
    size_t n = m->db->schema->n_tables;
    struct ovsdb_condition *conds = xcalloc(n, sizeof *conds);
    bool *changed = xcalloc(n, sizeof *changed);
    struct ovsdb_error *error;
    json_t *updates;
    size_t i;

    error = (m->version == OVSDB_MONITOR_V1
             ? ovsdb_error_create(OVSDB_E_SYNTAX, "monitor_cond_change "
                                  "does not apply to a \"monitor\"")
             : parse_new_conditions(m, requests, conds, changed));
    if (error) {
        goto out;
    }

    updates = json_object();
    for (i = 0; i < n; i++) {
        struct monitor_table *mt = m->tables[i];
        const struct ovsdb_table *table;
        const struct ovsdb_row *row;

        if (!changed[i]) {
            continue;
        }
        table = ovsdb_table_from_schema(m->db, mt->schema);
        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            bool was = ovsdb_condition_evaluate(&mt->cond, row->fields);
            bool is = ovsdb_condition_evaluate(&conds[i], row->fields);

            if (was && !is) {
                add_row_update(updates, mt->schema->name,
                               ovsdb_row_get_uuid(row),
                               json_pack("{s:n}", "delete"));
            } else if (!was && is) {
                add_row_update(updates, mt->schema->name,
                               ovsdb_row_get_uuid(row),
                               json_pack("{s:o}", "insert",
                                         row_to_json(mt, row, true)));
            }
        }
        ovsdb_condition_destroy(&mt->cond);
        mt->cond = conds[i];
        ovsdb_condition_init(&conds[i]);
    }
    if (new_id) {
        json_decref(m->id);
        m->id = json_deep_copy(new_id);
    }
    monitor_send(m, updates);

out:
    for (i = 0; i < n; i++) {
        ovsdb_condition_destroy(&conds[i]);
    }
    free(conds);
    free(changed);
    return error;
}

char *
ovsdb_monitor_id_to_string(const json_t *id)
{
    char *s = json_dumps(id, JSON_COMPACT | JSON_SORT_KEYS
                         | JSON_ENCODE_ANY);

    return s ? s : xstrdup("?");
}
