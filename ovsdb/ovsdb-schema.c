/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "ovsdb-schema.h"

#include <inttypes.h>
#include "hash.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "util.h"

/* Columns. */

static struct ovsdb_column *
column_create__(const char *name, bool mutable, bool persistent)
{
    struct ovsdb_column *column = xzalloc(sizeof *column);

    column->name = xstrdup(name);
    column->mutable = mutable;
    column->persistent = persistent;
    ovsdb_type_init_scalar(&column->type, OVSDB_TYPE_VOID);
    return column;
}

static void
column_destroy__(struct ovsdb_column *column)
{
    if (column) {
        ovsdb_type_destroy(&column->type);
        free(column->name);
        free(column);
    }
}

/* Parses the <column-schema> 'json' of column 'name' of table 'table'. */
static struct ovsdb_error *
column_from_json__(const char *table, const char *name, const json_t *json,
                   struct ovsdb_column **columnp)
{
    const json_t *type, *ephemeral, *mutable;
    struct ovsdb_column *column;
    struct ovsdb_parser parser;
    struct ovsdb_error *error;

    *columnp = NULL;
    ovsdb_parser_init(&parser, json, "table %s column %s", table, name);
    type = ovsdb_parser_member(&parser, "type", OP_STRING | OP_OBJECT);
    ephemeral = ovsdb_parser_member(&parser, "ephemeral",
                                    OP_BOOLEAN | OP_OPTIONAL);
    mutable = ovsdb_parser_member(&parser, "mutable",
                                  OP_BOOLEAN | OP_OPTIONAL);
    error = ovsdb_parser_finish(&parser);
    if (error) {
        return error;
    }

    column = column_create__(name, !mutable || json_is_true(mutable),
                             !ephemeral || !json_is_true(ephemeral));
    error = ovsdb_type_from_json(&column->type, type);
    if (error) {
        column_destroy__(column);
        return ovsdb_error_prefix(error, "table %s column %s", table, name);
    }
    *columnp = column;
    return NULL;
}

static json_t *
column_to_json__(const struct ovsdb_column *column)
{
    json_t *json = json_object();

    json_object_set_new(json, "type", ovsdb_type_to_json(&column->type));
    if (!column->persistent) {
        json_object_set_new(json, "ephemeral", json_true());
    }
    if (!column->mutable) {
        json_object_set_new(json, "mutable", json_false());
    }
    return json;
}

/* Table schemas. */

/* Appends 'column' to 'table', giving it the next index. */
static void
table_add_column__(struct ovsdb_table_schema *table,
                   struct ovsdb_column *column)
{
    column->index = table->n_columns;
    table->columns = xrealloc(table->columns, (table->n_columns + 1)
                                              * sizeof *table->columns);
    table->columns[table->n_columns++] = column;
    hmap_insert(&table->columns_by_name, &column->node,
                hash_string(column->name, 0));
}

static struct ovsdb_table_schema *
table_create__(const char *name)
{
    struct ovsdb_table_schema *table = xzalloc(sizeof *table);
    struct ovsdb_column *column;

    table->name = xstrdup(name);
    table->max_rows = OVSDB_UNLIMITED;
    hmap_init(&table->columns_by_name);

    column = column_create__("_uuid", false, true);
    ovsdb_type_init_scalar(&column->type, OVSDB_TYPE_UUID);
    table_add_column__(table, column);

    column = column_create__("_version", false, true);
    ovsdb_type_init_scalar(&column->type, OVSDB_TYPE_UUID);
    table_add_column__(table, column);
    return table;
}

static void
table_destroy__(struct ovsdb_table_schema *table)
{
    if (!table) {
        return;
    }
    for (size_t i = 0; i < table->n_indexes; i++) {
        free(table->indexes[i].columns);
    }
    free(table->indexes);
    for (size_t i = 0; i < table->n_columns; i++) {
        column_destroy__(table->columns[i]);
    }
    free(table->columns);
    hmap_destroy(&table->columns_by_name);
    free(table->name);
    free(table);
}

const struct ovsdb_column *
ovsdb_table_schema_get_column(const struct ovsdb_table_schema *table,
                              const char *name)
{
    struct ovsdb_column *column;

    HMAP_FOR_EACH_WITH_HASH (column, node, hash_string(name, 0),
                             &table->columns_by_name) {
        if (!strcmp(column->name, name)) {
            return column;
        }
    }
    return NULL;
}

static int
compare_strings__(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;

    return strcmp(*a, *b);
}

/* Returns a new array of the member names of the object 'json', sorted, and
 * stores their number in '*n'.  The names belong to 'json'. */
static const char **
sorted_keys__(const json_t *json, size_t *n)
{
    const char **keys = xmalloc(MAX(json_object_size(json), 1)
                                * sizeof *keys);
    const char *key;
    json_t *value;

    *n = 0;
    json_object_foreach ((json_t *) json, key, value) {
        keys[(*n)++] = key;
    }
    qsort(keys, *n, sizeof *keys, compare_strings__);
    return keys;
}

/* Returns an error unless 'name', the name of a 'what' ("table" or
 * "column"), is an <id> that does not begin with "_".  'context' starts the
 * error's details. */
static struct ovsdb_error *
check_name__(const char *context, const char *what, const char *name)
{
    if (!ovsdb_is_valid_id(name)) {
        return ovsdb_syntax_error(NULL, NULL, "%s%s name \"%s\" is not a "
                                  "valid identifier", context, what, name);
    } else if (name[0] == '_') {
        return ovsdb_syntax_error(NULL, NULL, "%s%s name \"%s\" is "
                                  "reserved (names beginning with \"_\" "
                                  "belong to the database)",
                                  context, what, name);
    }
    return NULL;
}

/* Parses the "columns" object 'json' of 'table'. */
static struct ovsdb_error *
table_columns_from_json__(struct ovsdb_table_schema *table,
                          const json_t *json)
{
    struct ovsdb_error *error = NULL;
    const char **names;
    size_t n;

    if (!json_object_size(json)) {
        return ovsdb_syntax_error(json, NULL, "table %s: \"columns\" must "
                                  "have at least one column", table->name);
    }
    names = sorted_keys__(json, &n);
    for (size_t i = 0; i < n && !error; i++) {
        struct ovsdb_column *column;
        char *context = xasprintf("table %s: ", table->name);

        error = check_name__(context, "column", names[i]);
        free(context);
        if (!error) {
            error = column_from_json__(table->name, names[i],
                                       json_object_get(json, names[i]),
                                       &column);
        }
        if (!error) {
            table_add_column__(table, column);
        }
    }
    free(names);
    return error;
}

/* Parses one <column-set> 'json' of the "indexes" of 'table' into 'set'. */
static struct ovsdb_error *
column_set_from_json__(const struct ovsdb_table_schema *table,
                       const json_t *json, struct ovsdb_column_set *set)
{
    size_t n = json_is_array(json) ? json_array_size(json) : 0;

    set->columns = NULL;
    set->n_columns = 0;
    if (!n) {
        return ovsdb_syntax_error(json, NULL, "table %s: each member of "
                                  "\"indexes\" must be a non-empty array of "
                                  "column names", table->name);
    }
    set->columns = xmalloc(n * sizeof *set->columns);
    for (size_t i = 0; i < n; i++) {
        const json_t *elem = json_array_get(json, i);
        const struct ovsdb_column *column;
        const char *name;

        if (!json_is_string(elem)) {
            return ovsdb_syntax_error(json, NULL, "table %s: \"indexes\" "
                                      "must list column names as strings",
                                      table->name);
        }
        name = json_string_value(elem);
        column = ovsdb_table_schema_get_column(table, name);
        if (!column) {
            return ovsdb_syntax_error(json, NULL, "table %s: \"indexes\" "
                                      "names column \"%s\", which does not "
                                      "exist", table->name, name);
        } else if (!column->persistent) {
            return ovsdb_syntax_error(json, NULL, "table %s: \"indexes\" "
                                      "names ephemeral column \"%s\"; "
                                      "ephemeral columns cannot be indexed",
                                      table->name, name);
        }
        for (size_t j = 0; j < set->n_columns; j++) {
            if (set->columns[j] == column) {
                return ovsdb_syntax_error(json, NULL, "table %s: an index "
                                          "names column \"%s\" twice",
                                          table->name, name);
            }
        }
        set->columns[set->n_columns++] = column;
    }
    return NULL;
}

static struct ovsdb_error *
table_indexes_from_json__(struct ovsdb_table_schema *table,
                          const json_t *json)
{
    size_t n = json_array_size(json);

    table->indexes = xmalloc(MAX(n, 1) * sizeof *table->indexes);
    for (size_t i = 0; i < n; i++) {
        struct ovsdb_error *error;

        error = column_set_from_json__(table, json_array_get(json, i),
                                       &table->indexes[i]);
        table->n_indexes++;
        if (error) {
            return error;
        }
    }
    return NULL;
}

/* Parses the <table-schema> 'json' of table 'name'.  Stores in '*declared'
 * whether it says "isRoot": true. */
static struct ovsdb_error *
table_from_json__(const char *name, const json_t *json,
                  struct ovsdb_table_schema **tablep, bool *declared_root)
{
    const json_t *columns, *max_rows, *is_root, *indexes;
    struct ovsdb_table_schema *table;
    struct ovsdb_parser parser;
    struct ovsdb_error *error;

    *tablep = NULL;
    ovsdb_parser_init(&parser, json, "table %s", name);
    columns = ovsdb_parser_member(&parser, "columns", OP_OBJECT);
    max_rows = ovsdb_parser_member(&parser, "maxRows",
                                   OP_INTEGER | OP_OPTIONAL);
    is_root = ovsdb_parser_member(&parser, "isRoot",
                                  OP_BOOLEAN | OP_OPTIONAL);
    indexes = ovsdb_parser_member(&parser, "indexes",
                                  OP_ARRAY | OP_OPTIONAL);
    error = ovsdb_parser_finish(&parser);
    if (error) {
        return error;
    }

    table = table_create__(name);
    *declared_root = is_root && json_is_true(is_root);
    if (max_rows) {
        json_int_t n = json_integer_value(max_rows);

        if (n < 1 || n >= OVSDB_UNLIMITED) {
            error = ovsdb_syntax_error(max_rows, NULL, "table %s: maxRows "
                                       "must be a positive integer, not "
                                       "%"PRId64, name, (int64_t) n);
            goto error;
        }
        table->max_rows = n;
    }
    error = table_columns_from_json__(table, columns);
    if (!error && indexes) {
        error = table_indexes_from_json__(table, indexes);
    }
    if (error) {
        goto error;
    }
    *tablep = table;
    return NULL;

error:
    table_destroy__(table);
    return error;
}

static json_t *
table_to_json__(const struct ovsdb_table_schema *table, bool mark_root)
{
    json_t *json = json_object();
    json_t *columns = json_object();

    for (size_t i = OVSDB_N_RESERVED_COLUMNS; i < table->n_columns; i++) {
        const struct ovsdb_column *column = table->columns[i];

        json_object_set_new(columns, column->name, column_to_json__(column));
    }
    json_object_set_new(json, "columns", columns);
    if (table->max_rows != OVSDB_UNLIMITED) {
        json_object_set_new(json, "maxRows", json_integer(table->max_rows));
    }
    if (mark_root && table->is_root) {
        json_object_set_new(json, "isRoot", json_true());
    }
    if (table->n_indexes) {
        json_t *indexes = json_array();

        for (size_t i = 0; i < table->n_indexes; i++) {
            const struct ovsdb_column_set *set = &table->indexes[i];
            json_t *names = json_array();

            for (size_t j = 0; j < set->n_columns; j++) {
                json_array_append_new(names,
                                      json_string(set->columns[j]->name));
            }
            json_array_append_new(indexes, names);
        }
        json_object_set_new(json, "indexes", indexes);
    }
    return json;
}

/* Database schemas. */

static void
schema_add_table__(struct ovsdb_schema *schema,
                   struct ovsdb_table_schema *table)
{
    schema->tables = xrealloc(schema->tables, (schema->n_tables + 1)
                                              * sizeof *schema->tables);
    schema->tables[schema->n_tables++] = table;
    hmap_insert(&schema->tables_by_name, &table->node,
                hash_string(table->name, 0));
}

const struct ovsdb_table_schema *
ovsdb_schema_get_table(const struct ovsdb_schema *schema, const char *name)
{
    struct ovsdb_table_schema *table;

    HMAP_FOR_EACH_WITH_HASH (table, node, hash_string(name, 0),
                             &schema->tables_by_name) {
        if (!strcmp(table->name, name)) {
            return table;
        }
    }
    return NULL;
}

/* Points 'base''s reference, if any, at its table in 'schema'. */
static struct ovsdb_error *
resolve_ref__(const struct ovsdb_schema *schema,
              const struct ovsdb_table_schema *table,
              const struct ovsdb_column *column, struct ovsdb_base_type *base)
{
    const struct ovsdb_table_schema *ref_table;

    if (!ovsdb_base_type_is_ref(base)) {
        return NULL;
    }
    ref_table = ovsdb_schema_get_table(schema, base->u.uuid.ref_table_name);
    if (!ref_table) {
        return ovsdb_syntax_error(NULL, NULL, "table %s column %s: refTable "
                                  "\"%s\" is not a table of the schema",
                                  table->name, column->name,
                                  base->u.uuid.ref_table_name);
    }
    base->u.uuid.ref_table = ref_table;
    return NULL;
}

static struct ovsdb_error *
schema_resolve_refs__(struct ovsdb_schema *schema)
{
    for (size_t i = 0; i < schema->n_tables; i++) {
        struct ovsdb_table_schema *table = schema->tables[i];

        for (size_t j = 0; j < table->n_columns; j++) {
            struct ovsdb_column *column = table->columns[j];
            struct ovsdb_error *error;

            error = resolve_ref__(schema, table, column, &column->type.key);
            if (!error) {
                error = resolve_ref__(schema, table, column,
                                      &column->type.value);
            }
            if (error) {
                return error;
            }
        }
    }
    return NULL;
}

/* Parses the "tables" object 'json' into 'schema'. */
static struct ovsdb_error *
schema_tables_from_json__(struct ovsdb_schema *schema, const json_t *json)
{
    struct ovsdb_error *error = NULL;
    bool any_root = false;
    bool *roots;
    const char **names;
    size_t n;

    names = sorted_keys__(json, &n);
    roots = xcalloc(MAX(n, 1), sizeof *roots);
    for (size_t i = 0; i < n && !error; i++) {
        struct ovsdb_table_schema *table;

        error = check_name__("", "table", names[i]);
        if (!error) {
            error = table_from_json__(names[i],
                                      json_object_get(json, names[i]),
                                      &table, &roots[i]);
        }
        if (!error) {
            schema_add_table__(schema, table);
            any_root = any_root || roots[i];
        }
    }
    if (!error) {
        /* RFC 7047: if no table says "isRoot": true, all of them are roots,
         * as before "isRoot" existed. */
        for (size_t i = 0; i < schema->n_tables; i++) {
            schema->tables[i]->is_root = roots[i] || !any_root;
        }
        error = schema_resolve_refs__(schema);
    }
    free(roots);
    free(names);
    return error;
}

struct ovsdb_error *
ovsdb_schema_from_json(const json_t *json, struct ovsdb_schema **schemap)
{
    const json_t *name, *version, *cksum, *tables;
    struct ovsdb_schema *schema;
    struct ovsdb_parser parser;
    struct ovsdb_error *error;

    *schemap = NULL;
    ovsdb_parser_init(&parser, json, "database schema");
    name = ovsdb_parser_member(&parser, "name", OP_ID);
    version = ovsdb_parser_member(&parser, "version", OP_STRING);
    cksum = ovsdb_parser_member(&parser, "cksum", OP_STRING | OP_OPTIONAL);
    tables = ovsdb_parser_member(&parser, "tables", OP_OBJECT);
    error = ovsdb_parser_finish(&parser);
    if (error) {
        return error;
    }
    if (!ovsdb_schema_version_is_valid(json_string_value(version))) {
        return ovsdb_syntax_error(version, NULL, "database schema: version "
                                  "\"%s\" is not of the form x.y.z",
                                  json_string_value(version));
    }

    schema = xzalloc(sizeof *schema);
    schema->name = xstrdup(json_string_value(name));
    schema->version = xstrdup(json_string_value(version));
    schema->cksum = cksum ? xstrdup(json_string_value(cksum)) : NULL;
    hmap_init(&schema->tables_by_name);

    error = schema_tables_from_json__(schema, tables);
    if (error) {
        ovsdb_schema_destroy(schema);
        return error;
    }
    *schemap = schema;
    return NULL;
}

json_t *
ovsdb_schema_to_json(const struct ovsdb_schema *schema)
{
    json_t *json = json_object();
    json_t *tables = json_object();
    bool all_root = true;

    for (size_t i = 0; i < schema->n_tables; i++) {
        all_root = all_root && schema->tables[i]->is_root;
    }
    json_object_set_new(json, "name", json_string(schema->name));
    json_object_set_new(json, "version", json_string(schema->version));
    if (schema->cksum) {
        json_t *cksum = json_string(schema->cksum);

        if (cksum) {
            json_object_set_new(json, "cksum", cksum);
        }
    }
    for (size_t i = 0; i < schema->n_tables; i++) {
        const struct ovsdb_table_schema *table = schema->tables[i];

        json_object_set_new(tables, table->name,
                            table_to_json__(table, !all_root));
    }
    json_object_set_new(json, "tables", tables);
    return json;
}

struct ovsdb_schema *
ovsdb_schema_clone(const struct ovsdb_schema *schema)
{
    json_t *json = ovsdb_schema_to_json(schema);
    struct ovsdb_schema *copy;
    struct ovsdb_error *error;

    error = ovsdb_schema_from_json(json, &copy);
    json_decref(json);
    if (error) {
        /* A schema always reparses from its own JSON. */
        OVS_NOT_REACHED();
    }
    return copy;
}

void
ovsdb_schema_destroy(struct ovsdb_schema *schema)
{
    if (!schema) {
        return;
    }
    for (size_t i = 0; i < schema->n_tables; i++) {
        table_destroy__(schema->tables[i]);
    }
    free(schema->tables);
    hmap_destroy(&schema->tables_by_name);
    free(schema->name);
    free(schema->version);
    free(schema->cksum);
    free(schema);
}

/* Parses the "x.y.z" version 's' into 'parts'.  Returns false if 's' is not
 * such a version. */
static bool
version_parse__(const char *s, uint32_t parts[3])
{
    for (int i = 0; i < 3; i++) {
        uint64_t value = 0;
        int n_digits = 0;

        for (; *s >= '0' && *s <= '9'; s++, n_digits++) {
            value = value * 10 + (*s - '0');
            if (value > UINT32_MAX) {
                return false;
            }
        }
        if (!n_digits || *s != (i < 2 ? '.' : '\0')) {
            return false;
        }
        parts[i] = value;
        s += i < 2;
    }
    return true;
}

bool
ovsdb_schema_version_is_valid(const char *s)
{
    uint32_t parts[3];

    return version_parse__(s, parts);
}

int
ovsdb_schema_version_compare(const char *a, const char *b)
{
    uint32_t pa[3] = { 0, 0, 0 };
    uint32_t pb[3] = { 0, 0, 0 };

    version_parse__(a, pa);
    version_parse__(b, pb);
    for (int i = 0; i < 3; i++) {
        if (pa[i] != pb[i]) {
            return pa[i] < pb[i] ? -1 : 1;
        }
    }
    return 0;
}
