/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "row.h"

#include "hash.h"
#include "ovsdb-error.h"
#include "util.h"

static struct ovsdb_row *
row_alloc__(const struct ovsdb_table_schema *table)
{
    size_t fields_size = table->n_columns * sizeof (struct ovsdb_datum);
    struct ovsdb_row *row;

    BUILD_ASSERT_DECL(sizeof (struct ovsdb_datum)
                      % _Alignof (struct ovsdb_row_index_node) == 0);
    row = xzalloc(sizeof *row + fields_size
                  + table->n_indexes * sizeof *row->index_nodes);
    row->table = table;
    row->index_nodes = (struct ovsdb_row_index_node *) (void *)
                       ((char *) row->fields + fields_size);
    for (size_t i = 0; i < table->n_indexes; i++) {
        row->index_nodes[i].row = row;
    }
    return row;
}

struct ovsdb_row *
ovsdb_row_create(const struct ovsdb_table_schema *table)
{
    struct ovsdb_row *row = row_alloc__(table);

    for (size_t i = 0; i < table->n_columns; i++) {
        ovsdb_datum_init_default(&row->fields[i], &table->columns[i]->type);
    }
    return row;
}

struct ovsdb_row *
ovsdb_row_clone(const struct ovsdb_row *old)
{
    const struct ovsdb_table_schema *table = old->table;
    struct ovsdb_row *row = row_alloc__(table);

    for (size_t i = 0; i < table->n_columns; i++) {
        ovsdb_datum_clone(&row->fields[i], &old->fields[i],
                          &table->columns[i]->type);
    }
    return row;
}

void
ovsdb_row_destroy(struct ovsdb_row *row)
{
    if (!row) {
        return;
    }
    for (size_t i = 0; i < row->table->n_columns; i++) {
        ovsdb_datum_destroy(&row->fields[i], &row->table->columns[i]->type);
    }
    free(row);
}

const struct uuid *
ovsdb_row_get_uuid(const struct ovsdb_row *row)
{
    return &row->fields[OVSDB_COL_UUID].keys[0].uuid;
}

void
ovsdb_row_set_uuid(struct ovsdb_row *row, const struct uuid *uuid)
{
    row->fields[OVSDB_COL_UUID].keys[0].uuid = *uuid;
}

const struct uuid *
ovsdb_row_get_version(const struct ovsdb_row *row)
{
    return &row->fields[OVSDB_COL_VERSION].keys[0].uuid;
}

void
ovsdb_row_set_version(struct ovsdb_row *row, const struct uuid *uuid)
{
    row->fields[OVSDB_COL_VERSION].keys[0].uuid = *uuid;
}

/* Checks that a <row> in 'mode' may name 'column' of 'table'. */
static struct ovsdb_error *
row_check_writable__(const struct ovsdb_table_schema *table,
                     const struct ovsdb_column *column,
                     enum ovsdb_row_mode mode)
{
    if (mode == OVSDB_ROW_MATCH) {
        return NULL;
    }
    if (column->index < OVSDB_N_RESERVED_COLUMNS) {
        return ovsdb_error_create(OVSDB_E_CONSTRAINT,
                                  "Cannot %s immutable column %s in table "
                                  "%s.", mode == OVSDB_ROW_INSERT
                                  ? "set" : "update",
                                  column->name, table->name);
    }
    if (mode == OVSDB_ROW_UPDATE && !column->mutable) {
        return ovsdb_error_create(OVSDB_E_CONSTRAINT,
                                  "Cannot update immutable column %s in "
                                  "table %s.", column->name, table->name);
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_row_from_json(struct ovsdb_row *row, const json_t *json,
                    const struct ovsdb_uuid_resolver *resolver,
                    enum ovsdb_row_mode mode,
                    struct ovsdb_column_set *columns)
{
    const struct ovsdb_table_schema *table = row->table;
    struct ovsdb_column_set set = OVSDB_COLUMN_SET_INITIALIZER;
    struct ovsdb_error *error = NULL;
    const char *name;
    json_t *value;

    if (!json_is_object(json)) {
        return ovsdb_syntax_error(json, NULL, "a <row> must be a JSON "
                                  "object");
    }
    /* Unknown columns first, whatever their order in 'json'. */
    json_object_foreach ((json_t *) json, name, value) {
        if (!ovsdb_table_schema_get_column(table, name)) {
            return ovsdb_syntax_error(json, OVSDB_E_UNKNOWN_COLUMN,
                                      "No column %s in table %s.",
                                      name, table->name);
        }
    }
    json_object_foreach ((json_t *) json, name, value) {
        const struct ovsdb_column *column;
        struct ovsdb_datum datum;

        column = ovsdb_table_schema_get_column(table, name);
        error = row_check_writable__(table, column, mode);
        if (!error) {
            error = ovsdb_datum_from_json(&datum, &column->type, value,
                                          resolver);
        }
        if (error) {
            break;
        }
        ovsdb_datum_swap(&row->fields[column->index], &datum);
        ovsdb_datum_destroy(&datum, &column->type);
        ovsdb_column_set_add(&set, column);
    }

    if (error || !columns) {
        ovsdb_column_set_destroy(&set);
    } else {
        *columns = set;
    }
    return error;
}

json_t *
ovsdb_row_to_json(const struct ovsdb_row *row,
                  const struct ovsdb_column_set *columns)
{
    const struct ovsdb_table_schema *table = row->table;
    json_t *json = json_object();

    if (columns) {
        for (size_t i = 0; i < columns->n_columns; i++) {
            const struct ovsdb_column *column = columns->columns[i];

            json_object_set_new(json, column->name,
                                ovsdb_datum_to_json(
                                    &row->fields[column->index],
                                    &column->type));
        }
    } else {
        for (size_t i = 0; i < table->n_columns; i++) {
            const struct ovsdb_column *column = table->columns[i];

            json_object_set_new(json, column->name,
                                ovsdb_datum_to_json(&row->fields[i],
                                                    &column->type));
        }
    }
    return json;
}

bool
ovsdb_row_equal_columns(const struct ovsdb_row *a, const struct ovsdb_row *b,
                        const struct ovsdb_column_set *columns)
{
    if (columns) {
        for (size_t i = 0; i < columns->n_columns; i++) {
            const struct ovsdb_column *column = columns->columns[i];

            if (!ovsdb_datum_equals(&a->fields[column->index],
                                    &b->fields[column->index],
                                    &column->type)) {
                return false;
            }
        }
        return true;
    }
    for (size_t i = 0; i < a->table->n_columns; i++) {
        if (i != OVSDB_COL_VERSION
            && !ovsdb_datum_equals(&a->fields[i], &b->fields[i],
                                   &a->table->columns[i]->type)) {
            return false;
        }
    }
    return true;
}

uint32_t
ovsdb_row_hash_columns(const struct ovsdb_row *row,
                       const struct ovsdb_column_set *columns,
                       uint32_t basis)
{
    uint32_t hash = basis;

    for (size_t i = 0; i < columns->n_columns; i++) {
        const struct ovsdb_column *column = columns->columns[i];

        hash = ovsdb_datum_hash(&row->fields[column->index], &column->type,
                                hash);
    }
    return hash;
}

void
ovsdb_column_set_init(struct ovsdb_column_set *set)
{
    set->columns = NULL;
    set->n_columns = 0;
}

void
ovsdb_column_set_destroy(struct ovsdb_column_set *set)
{
    free(set->columns);
    ovsdb_column_set_init(set);
}

void
ovsdb_column_set_add(struct ovsdb_column_set *set,
                     const struct ovsdb_column *column)
{
    set->columns = xrealloc(set->columns,
                            (set->n_columns + 1) * sizeof *set->columns);
    set->columns[set->n_columns++] = column;
}

void
ovsdb_column_set_add_all(struct ovsdb_column_set *set,
                         const struct ovsdb_table_schema *table)
{
    for (size_t i = 0; i < table->n_columns; i++) {
        ovsdb_column_set_add(set, table->columns[i]);
    }
}

bool
ovsdb_column_set_contains(const struct ovsdb_column_set *set,
                          unsigned int column_index)
{
    for (size_t i = 0; i < set->n_columns; i++) {
        if (set->columns[i]->index == column_index) {
            return true;
        }
    }
    return false;
}

struct ovsdb_error *
ovsdb_column_set_from_json(const struct ovsdb_table_schema *table,
                           const json_t *json, struct ovsdb_column_set *set)
{
    size_t i;

    ovsdb_column_set_init(set);
    if (!json) {
        ovsdb_column_set_add_all(set, table);
        return NULL;
    }
    if (!json_is_array(json)) {
        return ovsdb_syntax_error(json, NULL, "array of column names "
                                  "expected");
    }
    for (i = 0; i < json_array_size(json); i++) {
        const json_t *elem = json_array_get(json, i);
        const struct ovsdb_column *column = NULL;

        if (json_is_string(elem)) {
            column = ovsdb_table_schema_get_column(table,
                                                   json_string_value(elem));
        }
        if (!column) {
            struct ovsdb_error *error;

            error = (json_is_string(elem)
                     ? ovsdb_syntax_error(json, NULL, "%s is not a valid "
                                          "column name",
                                          json_string_value(elem))
                     : ovsdb_syntax_error(json, NULL, "a column name must "
                                          "be a string"));
            ovsdb_column_set_destroy(set);
            return error;
        }
        if (ovsdb_column_set_contains(set, column->index)) {
            ovsdb_column_set_destroy(set);
            return ovsdb_syntax_error(json, NULL, "column %s appears more "
                                      "than once", column->name);
        }
        ovsdb_column_set_add(set, column);
    }
    return NULL;
}
