/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_ROW_H
#define OVSDB_ROW_H 1

/* Rows of the database and the RFC 7047 <row> and "columns" notations.
 *
 * A row is an array of datums, 'fields', one per column of its table and
 * indexed by 'column->index': fields[OVSDB_COL_UUID] holds the row's UUID
 * and fields[OVSDB_COL_VERSION] its version, both scalar UUIDs.  A row
 * belongs to one table (struct ovsdb_table in ovsdb.h), which keeps it in a
 * hash map by UUID; a transaction works on copies (see transaction.h).
 *
 * Parsing a <row> object (ovsdb_row_from_json()) sets only the columns the
 * object names; each value is parsed with ovsdb_datum_from_json(), which
 * checks it completely against the column's type.  Error tags:
 *   - "unknown column": the table has no column of that name;
 *   - "constraint violation": "_uuid" or "_version" (which no client may
 *     write), or, when updating, a column declared "mutable": false;
 *   - those of ovsdb_datum_from_json() for the values;
 *   - "syntax error": a <row> that is not a JSON object.
 *
 * A column set (struct ovsdb_column_set, declared in ovsdb-schema.h) is the
 * parsed form of a "columns" array: the columns a select or wait looks at,
 * or the columns a <row> object named. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "compiler.h"
#include "hmap.h"
#include "ovsdb-data.h"
#include "ovsdb-schema.h"
#include "uuid.h"

struct ovsdb_error;
struct ovsdb_txn_row;

/* A row's node in one of its table's index hash maps. */
struct ovsdb_row_index_node {
    struct hmap_node node;
    struct ovsdb_row *row;          /* The row that owns this node. */
};

struct ovsdb_row {
    struct hmap_node hmap_node;     /* In its table's 'rows', by UUID. */
    const struct ovsdb_table_schema *table;

    /* Number of strong references to this row from committed rows (each
     * occurrence of its UUID in a strong-reference column counts once).
     * Maintained by the commit of a transaction; zero for rows that are not
     * committed. */
    size_t n_refs;

    /* The transaction's record of this committed row while a transaction
     * that changes it is in progress, otherwise NULL. */
    struct ovsdb_txn_row *txn_row;

    /* One node per entry of the table's "indexes", in the matching hash map
     * of struct ovsdb_table 'indexes' while the row is committed. */
    struct ovsdb_row_index_node *index_nodes;

    struct ovsdb_datum fields[];    /* One per column, by column index. */
};

/* Returns a new row of 'table' with every column at its default value
 * (which makes "_uuid" and "_version" the all-zero UUID). */
struct ovsdb_row *ovsdb_row_create(const struct ovsdb_table_schema *table);

/* Returns a deep copy of 'row' (with 'n_refs' zero and no 'txn_row'). */
struct ovsdb_row *ovsdb_row_clone(const struct ovsdb_row *row);

/* Frees 'row'.  Accepts NULL. */
void ovsdb_row_destroy(struct ovsdb_row *row);

const struct uuid *ovsdb_row_get_uuid(const struct ovsdb_row *row);
void ovsdb_row_set_uuid(struct ovsdb_row *row, const struct uuid *uuid);
const struct uuid *ovsdb_row_get_version(const struct ovsdb_row *row);
void ovsdb_row_set_version(struct ovsdb_row *row, const struct uuid *uuid);

/* How ovsdb_row_from_json() treats a <row>. */
enum ovsdb_row_mode {
    OVSDB_ROW_INSERT,           /* Insert: immutable columns allowed. */
    OVSDB_ROW_UPDATE,           /* Update: immutable columns rejected. */
    OVSDB_ROW_MATCH             /* Wait's "rows": every column allowed. */
};

/* Parses the <row> object 'json' into 'row', replacing the value of each
 * column that 'json' names.  'resolver' (which may be NULL) resolves
 * <named-uuid>s.  If 'columns' is nonnull, stores there the set of columns
 * that 'json' named, which the caller frees with
 * ovsdb_column_set_destroy().  On error, columns parsed before the failing
 * one keep their new values and 'columns' is left empty. */
struct ovsdb_error *ovsdb_row_from_json(
    struct ovsdb_row *row, const json_t *json,
    const struct ovsdb_uuid_resolver *resolver, enum ovsdb_row_mode mode,
    struct ovsdb_column_set *columns)
    OVS_WARN_UNUSED_RESULT;

/* Returns the <row> JSON object of 'row' with the columns in 'columns', or
 * with every column if 'columns' is NULL. */
json_t *ovsdb_row_to_json(const struct ovsdb_row *row,
                          const struct ovsdb_column_set *columns);

/* Returns true if 'a' and 'b', rows of the same table, have equal values in
 * every column of 'columns' (in every column but "_version" if 'columns' is
 * NULL). */
bool ovsdb_row_equal_columns(const struct ovsdb_row *a,
                             const struct ovsdb_row *b,
                             const struct ovsdb_column_set *columns);

/* Returns a hash of the values of 'row' in the columns of 'columns'. */
uint32_t ovsdb_row_hash_columns(const struct ovsdb_row *row,
                                const struct ovsdb_column_set *columns,
                                uint32_t basis);

/* Column sets. */

#define OVSDB_COLUMN_SET_INITIALIZER { NULL, 0 }

void ovsdb_column_set_init(struct ovsdb_column_set *set);

/* Frees the array of 'set' (not the columns) and leaves it empty. */
void ovsdb_column_set_destroy(struct ovsdb_column_set *set);

/* Appends 'column' to 'set'. */
void ovsdb_column_set_add(struct ovsdb_column_set *set,
                          const struct ovsdb_column *column);

/* Adds every column of 'table' to 'set'. */
void ovsdb_column_set_add_all(struct ovsdb_column_set *set,
                              const struct ovsdb_table_schema *table);

bool ovsdb_column_set_contains(const struct ovsdb_column_set *set,
                               unsigned int column_index);

/* Parses the "columns" array 'json' of column names of 'table' into 'set'.
 * If 'json' is NULL (the member is absent) 'set' gets every column.  A name
 * that is not a column of 'table', or that appears twice, is a "syntax
 * error".  On error 'set' is left empty. */
struct ovsdb_error *ovsdb_column_set_from_json(
    const struct ovsdb_table_schema *table, const json_t *json,
    struct ovsdb_column_set *set)
    OVS_WARN_UNUSED_RESULT;

#endif /* ovsdb/row.h */
