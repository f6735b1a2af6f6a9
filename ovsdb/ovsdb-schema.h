/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_SCHEMA_H
#define OVSDB_SCHEMA_H 1

/* Database, table and column schemas (RFC 7047 section 3.2).
 *
 * A schema is parsed once from its JSON and is then read-only; the engine
 * keeps pointers to its tables and columns.
 *
 * Every table has the two reserved columns "_uuid" and "_version", added
 * automatically at indexes OVSDB_COL_UUID and OVSDB_COL_VERSION; the user's
 * columns follow in order of their names, so that a row can be stored as an
 * array of datums indexed by 'column->index'.  Tables are kept in order of
 * their names too, so iteration is deterministic.
 *
 * ovsdb_schema_to_json() gives back what ovsdb_schema_from_json() read,
 * except that types take their canonical form (see ovsdb-types.h), members
 * holding their default value are left out, and "isRoot" is written only
 * when it tells something: a schema in which no table says "isRoot": true
 * has every table in the root set (RFC 7047's rule for older schemas), so
 * when every table is in the root set none is marked.
 *
 * Errors from parsing have tag "syntax error" and details that name the
 * table, column and member at fault. */

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include "compiler.h"
#include "hmap.h"
#include "ovsdb-types.h"

struct ovsdb_error;

/* Indexes of the reserved columns in every table. */
enum {
    OVSDB_COL_UUID = 0,
    OVSDB_COL_VERSION = 1,
    OVSDB_N_RESERVED_COLUMNS = 2
};

struct ovsdb_column {
    struct hmap_node node;      /* In table schema's 'columns_by_name'. */
    unsigned int index;         /* Position in the table's 'columns'. */
    char *name;
    struct ovsdb_type type;
    bool mutable;               /* False if "mutable": false (or reserved). */
    bool persistent;            /* False if "ephemeral": true. */
};

/* One entry of a table's "indexes": columns whose values, taken together,
 * must be unique across the table's rows. */
struct ovsdb_column_set {
    const struct ovsdb_column **columns;
    size_t n_columns;
};

struct ovsdb_table_schema {
    struct hmap_node node;      /* In database schema's 'tables_by_name'. */
    char *name;
    bool is_root;               /* In the root set (see above). */
    unsigned int max_rows;      /* OVSDB_UNLIMITED if no "maxRows". */

    /* All columns, reserved first, by index. */
    struct ovsdb_column **columns;
    size_t n_columns;
    struct hmap columns_by_name;

    struct ovsdb_column_set *indexes;
    size_t n_indexes;
};

struct ovsdb_schema {
    char *name;
    char *version;              /* "x.y.z". */
    char *cksum;                /* NULL if none. */

    /* All tables, by name. */
    struct ovsdb_table_schema **tables;
    size_t n_tables;
    struct hmap tables_by_name;
};

/* Parses a <database-schema> from 'json'.  On success stores a new schema
 * (which the caller frees with ovsdb_schema_destroy()) in '*schemap' and
 * returns NULL; on error stores NULL there. */
struct ovsdb_error *ovsdb_schema_from_json(const json_t *json,
                                           struct ovsdb_schema **schemap)
    OVS_WARN_UNUSED_RESULT;

/* Returns the JSON of 'schema', as get_schema replies with it. */
json_t *ovsdb_schema_to_json(const struct ovsdb_schema *schema);

/* Returns a deep copy of 'schema'. */
struct ovsdb_schema *ovsdb_schema_clone(const struct ovsdb_schema *schema);

/* Frees 'schema'.  Accepts NULL. */
void ovsdb_schema_destroy(struct ovsdb_schema *schema);

/* Returns the table called 'name' in 'schema', or NULL. */
const struct ovsdb_table_schema *ovsdb_schema_get_table(
    const struct ovsdb_schema *schema, const char *name);

/* Returns the column called 'name' (which may be a reserved column) in
 * 'table', or NULL. */
const struct ovsdb_column *ovsdb_table_schema_get_column(
    const struct ovsdb_table_schema *table, const char *name);

/* Returns true if 's' is a schema version "x.y.z" (three decimal numbers
 * that fit in 32 bits, separated by dots). */
bool ovsdb_schema_version_is_valid(const char *s);

/* Compares two valid schema versions numerically; returns a negative
 * number, zero or a positive number as 'a' is older, the same or newer. */
int ovsdb_schema_version_compare(const char *a, const char *b);

#endif /* ovsdb/ovsdb-schema.h */
