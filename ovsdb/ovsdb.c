/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "ovsdb.h"

#include "ovsdb-schema.h"
#include "row.h"
#include "util.h"
#include "uuid.h"

struct ovsdb *
ovsdb_create(struct ovsdb_schema *schema)
{
    struct ovsdb *db = xzalloc(sizeof *db);

    db->schema = schema;
    db->tables = xcalloc(schema->n_tables ? schema->n_tables : 1,
                         sizeof *db->tables);
    for (size_t i = 0; i < schema->n_tables; i++) {
        const struct ovsdb_table_schema *ts = schema->tables[i];
        struct ovsdb_table *table = &db->tables[i];

        table->schema = ts;
        hmap_init(&table->rows);
        table->indexes = xcalloc(ts->n_indexes ? ts->n_indexes : 1,
                                 sizeof *table->indexes);
        for (size_t j = 0; j < ts->n_indexes; j++) {
            hmap_init(&table->indexes[j]);
        }
    }
    ovs_list_init(&db->observers);
    return db;
}

void
ovsdb_destroy(struct ovsdb *db)
{
    if (!db) {
        return;
    }
    for (size_t i = 0; i < db->schema->n_tables; i++) {
        struct ovsdb_table *table = &db->tables[i];
        struct ovsdb_row *row, *next;

        HMAP_FOR_EACH_SAFE (row, next, hmap_node, &table->rows) {
            ovsdb_row_destroy(row);
        }
        hmap_destroy(&table->rows);
        for (size_t j = 0; j < table->schema->n_indexes; j++) {
            hmap_destroy(&table->indexes[j]);
        }
        free(table->indexes);
    }
    free(db->tables);
    ovsdb_schema_destroy(db->schema);
    free(db);
}

struct ovsdb_table *
ovsdb_get_table(const struct ovsdb *db, const char *name)
{
    const struct ovsdb_table_schema *ts;

    ts = ovsdb_schema_get_table(db->schema, name);
    return ts ? ovsdb_table_from_schema(db, ts) : NULL;
}

struct ovsdb_table *
ovsdb_table_from_schema(const struct ovsdb *db,
                        const struct ovsdb_table_schema *schema)
{
    for (size_t i = 0; i < db->schema->n_tables; i++) {
        if (db->tables[i].schema == schema) {
            return &db->tables[i];
        }
    }
    OVS_NOT_REACHED();
}

struct ovsdb_row *
ovsdb_table_find_row(const struct ovsdb_table *table, const struct uuid *uuid)
{
    struct ovsdb_row *row;

    HMAP_FOR_EACH_WITH_HASH (row, hmap_node, uuid_hash(uuid),
                             &table->rows) {
        if (uuid_equals(ovsdb_row_get_uuid(row), uuid)) {
            return row;
        }
    }
    return NULL;
}

void
ovsdb_table_add_row(struct ovsdb_table *table, struct ovsdb_row *row)
{
    const struct ovsdb_table_schema *ts = table->schema;

    hmap_insert(&table->rows, &row->hmap_node,
                uuid_hash(ovsdb_row_get_uuid(row)));
    for (size_t i = 0; i < ts->n_indexes; i++) {
        hmap_insert(&table->indexes[i], &row->index_nodes[i].node,
                    ovsdb_row_hash_columns(row, &ts->indexes[i], 0));
    }
}

void
ovsdb_table_remove_row(struct ovsdb_table *table, struct ovsdb_row *row)
{
    hmap_remove(&table->rows, &row->hmap_node);
    for (size_t i = 0; i < table->schema->n_indexes; i++) {
        hmap_remove(&table->indexes[i], &row->index_nodes[i].node);
    }
}

void
ovsdb_add_observer(struct ovsdb *db, struct ovsdb_observer *observer)
{
    ovs_list_push_back(&db->observers, &observer->node);
}

void
ovsdb_remove_observer(struct ovsdb_observer *observer)
{
    ovs_list_remove(&observer->node);
}
