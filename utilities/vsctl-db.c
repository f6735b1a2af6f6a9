/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* The generic database commands of ovs-vsctl and the lookup of tables,
 * columns and records by the names a user types. */

#include <config.h>
#include "vsctl.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb-idl.h"
#include "ovsdb/ovsdb-schema.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(vsctl_db);

/* Lookups. */

/* Finds the unique name among 'names' that 'name' designates: an exact
 * match ignoring case, or else the only one it is a prefix of (ignoring
 * case).  Returns the index, -1 if none, -2 if several. */
static int
match_name__(const char *name, const char *const *names, size_t n)
{
    size_t len = strlen(name);
    int found = -1;
    size_t i;

    for (i = 0; i < n; i++) {
        if (!strcasecmp(names[i], name)) {
            return i;
        }
    }
    for (i = 0; i < n; i++) {
        if (!strncasecmp(names[i], name, len)) {
            if (found >= 0) {
                return -2;
            }
            found = i;
        }
    }
    return found;
}

const struct ovsdb_idl_table *
vsctl_get_table(struct vsctl_context *ctx, const char *name)
{
    const struct ovsdb_schema *schema = ovsdb_idl_get_schema(ctx->idl);
    const char **names = xmalloc(schema->n_tables * sizeof *names);
    const struct ovsdb_idl_table *table;
    size_t i;
    int idx;

    for (i = 0; i < schema->n_tables; i++) {
        names[i] = schema->tables[i]->name;
    }
    idx = match_name__(name, names, schema->n_tables);
    if (idx == -2) {
        vsctl_fatal("multiple table names match \"%s\"", name);
    } else if (idx < 0) {
        vsctl_fatal("unknown table \"%s\"", name);
    }
    table = ovsdb_idl_get_table(ctx->idl, names[idx]);
    free(names);
    if (!table) {
        vsctl_fatal("unknown table \"%s\"", name);
    }
    return table;
}

const struct ovsdb_column *
vsctl_get_column(const struct ovsdb_idl_table *table, const char *name)
{
    const struct ovsdb_table_schema *ts = ovsdb_idl_table_get_schema(table);
    const char **names = xmalloc(ts->n_columns * sizeof *names);
    size_t n = 0, i;
    int idx;

    for (i = 0; i < ts->n_columns; i++) {
        if (i != OVSDB_COL_VERSION) {
            names[n++] = ts->columns[i]->name;
        }
    }
    idx = match_name__(name, names, n);
    if (idx == -2) {
        struct ds s = DS_EMPTY_INITIALIZER;
        size_t len = strlen(name);

        for (i = 0; i < n; i++) {
            if (!strncasecmp(names[i], name, len)) {
                ds_put_format(&s, "%s%s", s.length ? ", " : "", names[i]);
            }
        }
        vsctl_fatal("%s contains more than one column whose name matches "
                    "\"%s\": %s", ts->name, name, ds_cstr(&s));
    } else if (idx < 0) {
        vsctl_fatal("%s does not contain a column whose name matches \"%s\"",
                    ts->name, name);
    }
    name = names[idx];
    free(names);
    return ovsdb_table_schema_get_column(ts, name);
}

const struct ovsdb_column *
vsctl_must_column(const struct ovsdb_idl_row *row, const char *name)
{
    const struct ovsdb_idl_table *table = ovsdb_idl_row_get_table(row);
    const struct ovsdb_column *column
        = ovsdb_idl_table_get_column(table, name);

    if (!column) {
        vsctl_fatal("%s does not contain a column whose name matches \"%s\"",
                    ovsdb_idl_table_get_schema(table)->name, name);
    }
    return column;
}

/* How records of a table are named, besides by UUID: by a column of the
 * table itself, or through a column of a row of another table found by its
 * name. */
struct row_id {
    const char *table;
    const char *name_table;     /* Table whose 'name_column' is the name. */
    const char *name_column;
    const char *ref_column;     /* In 'name_table', referring to 'table'. */
};

static const struct row_id row_ids[] = {
    { "Bridge", "Bridge", "name", NULL },
    { "Port", "Port", "name", NULL },
    { "Interface", "Interface", "name", NULL },
    { "Mirror", "Mirror", "name", NULL },
    { "Flow_Table", "Flow_Table", "name", NULL },
    { "Manager", "Manager", "target", NULL },
    { "Controller", "Bridge", "name", "controller" },
    { "NetFlow", "Bridge", "name", "netflow" },
    { "sFlow", "Bridge", "name", "sflow" },
    { "IPFIX", "Bridge", "name", "ipfix" },
    { "AutoAttach", "Bridge", "name", "auto_attach" },
    { "QoS", "Port", "name", "qos" },
    { "Flow_Sample_Collector_Set", "Flow_Sample_Collector_Set", "id", NULL },
};

static const struct ovsdb_idl_row *
find_by_name__(struct vsctl_context *ctx, const struct row_id *id,
               const char *record)
{
    const struct ovsdb_idl_table *name_table
        = ovsdb_idl_get_table(ctx->idl, id->name_table);
    const struct ovsdb_column *column;
    const struct ovsdb_idl_row *row;

    if (!name_table) {
        return NULL;
    }
    column = ovsdb_idl_table_get_column(name_table, id->name_column);
    if (!column) {
        return NULL;
    }
    OVSDB_IDL_FOR_EACH_ROW (row, name_table) {
        const struct ovsdb_datum *d = ovsdb_idl_read(row, column);
        const struct ovsdb_datum *ref;
        struct ds s = DS_EMPTY_INITIALIZER;
        bool match;

        if (d->n != 1) {
            continue;
        }
        if (column->type.key.type == OVSDB_TYPE_STRING) {
            match = !strcmp(d->keys[0].string, record);
        } else {
            vsctl_atom_to_string(&d->keys[0], column->type.key.type, &s);
            match = !strcmp(ds_cstr(&s), record);
            ds_destroy(&s);
        }
        if (!match) {
            continue;
        }
        if (!id->ref_column) {
            return row;
        }
        ref = ovsdb_idl_get(row, id->ref_column);
        if (ref && ref->n == 1) {
            const struct ovsdb_idl_table *table
                = ovsdb_idl_get_table(ctx->idl, id->table);

            return table ? ovsdb_idl_get_row(table, &ref->keys[0].uuid)
                         : NULL;
        }
        return NULL;
    }
    return NULL;
}

const struct ovsdb_idl_row *
vsctl_get_row(struct vsctl_context *ctx,
              const struct ovsdb_idl_table *table, const char *record,
              bool must_exist)
{
    const char *name = ovsdb_idl_table_get_schema(table)->name;
    const struct ovsdb_idl_row *row = NULL;
    struct uuid uuid;
    size_t i;

    if (uuid_from_string(&uuid, record)) {
        row = ovsdb_idl_get_row(table, &uuid);
    }
    if (!row && !strcmp(record, ".")) {
        row = ovsdb_idl_first_row(table);
        if (row && ovsdb_idl_next_row(row)) {
            vsctl_fatal("multiple rows in %s match \"%s\"", name, record);
        }
    }
    for (i = 0; !row && i < ARRAY_SIZE(row_ids); i++) {
        if (!strcmp(row_ids[i].table, name)) {
            row = find_by_name__(ctx, &row_ids[i], record);
        }
    }
    if (!row && must_exist) {
        vsctl_fatal("no row \"%s\" in table %s", record, name);
    }
    return row;
}

/* Writing helpers. */

static void
check_mutable__(const struct vsctl_context *ctx,
                const struct ovsdb_idl_row *row,
                const struct ovsdb_column *column)
{
    if (!column->mutable && !vsctl_is_inserted(ctx, row)) {
        vsctl_fatal("cannot modify read-only column %s in table %s",
                    column->name, ovsdb_idl_table_get_schema(
                        ovsdb_idl_row_get_table(row))->name);
    }
}

void
vsctl_set_string(struct vsctl_context *ctx, const struct ovsdb_idl_row *row,
                 const char *column, const char *value)
{
    struct ovsdb_datum d;

    if (value) {
        ovsdb_datum_init_string(&d, value);
    } else {
        ovsdb_datum_init_empty(&d);
    }
    vsctl_write(ctx, row, vsctl_must_column(row, column), &d);
}

void
vsctl_set_integer(struct vsctl_context *ctx, const struct ovsdb_idl_row *row,
                  const char *column, int64_t value)
{
    struct ovsdb_datum d;

    ovsdb_datum_init_integer(&d, value);
    vsctl_write(ctx, row, vsctl_must_column(row, column), &d);
}

void
vsctl_set_boolean(struct vsctl_context *ctx, const struct ovsdb_idl_row *row,
                  const char *column, bool value)
{
    struct ovsdb_datum d;

    ovsdb_datum_init_boolean(&d, value);
    vsctl_write(ctx, row, vsctl_must_column(row, column), &d);
}

void
vsctl_clear_column(struct vsctl_context *ctx,
                   const struct ovsdb_idl_row *row, const char *column)
{
    const struct ovsdb_column *col = vsctl_must_column(row, column);
    struct ovsdb_datum d;

    if (col->type.n_min) {
        ovsdb_datum_init_default(&d, &col->type);
    } else {
        ovsdb_datum_init_empty(&d);
    }
    vsctl_write(ctx, row, col, &d);
}

void
vsctl_add_ref(struct vsctl_context *ctx, const struct ovsdb_idl_row *row,
              const char *column, const struct ovsdb_idl_row *target)
{
    const struct ovsdb_column *col = vsctl_must_column(row, column);
    union ovsdb_atom atom;
    struct ovsdb_datum d;

    /* A fresh row's column that needs an element holds a default (zero)
     * UUID that is no reference: replace it. */
    if (col->type.n_min
        && ovsdb_datum_is_default(ovsdb_idl_read(row, col), &col->type)) {
        ovsdb_datum_init_empty(&d);
    } else {
        ovsdb_datum_clone(&d, ovsdb_idl_read(row, col), &col->type);
    }
    atom.uuid = *ovsdb_idl_row_get_uuid(target);
    ovsdb_datum_push(&d, &atom, NULL, &col->type);
    ovsdb_datum_sort_unique(&d, &col->type);
    vsctl_write(ctx, row, col, &d);
}

void
vsctl_remove_ref(struct vsctl_context *ctx, const struct ovsdb_idl_row *row,
                 const char *column, const struct ovsdb_idl_row *target)
{
    const struct ovsdb_column *col = vsctl_must_column(row, column);
    union ovsdb_atom atom;
    struct ovsdb_datum d;
    size_t idx;

    ovsdb_datum_clone(&d, ovsdb_idl_read(row, col), &col->type);
    atom.uuid = *ovsdb_idl_row_get_uuid(target);
    if (ovsdb_datum_find_key(&d, &atom, OVSDB_TYPE_UUID, &idx)) {
        ovsdb_datum_remove_at(&d, idx, &col->type);
    }
    vsctl_write(ctx, row, col, &d);
}

/* Argument parsing: "column[:key]OPvalue". */

struct column_arg {
    const struct ovsdb_column *column;
    char *key_text;             /* NULL if no key. */
    const char *op;             /* NULL if none found. */
    const char *value_text;     /* After the operator. */
};

static const char *const operators[] = {
    "{not-in}", "{in}", "{!=}", "{<=}", "{>=}", "{=}", "{<}", "{>}",
    "!=", "<=", ">=", "=", "<", ">",
};

static const char *
match_operator__(const char *p)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(operators); i++) {
        if (str_starts_with(p, operators[i])) {
            return operators[i];
        }
    }
    return NULL;
}

/* Parses 'arg' for 'table'.  'ops_allowed' false accepts only "=". */
static void
parse_column_arg__(const struct ovsdb_idl_table *table, const char *arg,
                   bool ops_allowed, struct column_arg *ca)
{
    size_t name_len = strcspn(arg, ":=!<>{");
    char *name = xmemdup0(arg, name_len);
    const char *p = arg + name_len;

    if (!name_len) {
        vsctl_fatal("%s: missing column name", arg);
    }
    ca->column = vsctl_get_column(table, name);
    free(name);
    ca->key_text = NULL;
    if (*p == ':') {
        const char *key = ++p;

        if (*p == '"') {
            p++;
            while (*p && *p != '"') {
                p += *p == '\\' && p[1] ? 2 : 1;
            }
            p += *p == '"';
        } else {
            p += strcspn(p, "=!<>{");
        }
        ca->key_text = xmemdup0(key, p - key);
    }
    ca->op = match_operator__(p);
    if (ca->op && !ops_allowed && strcmp(ca->op, "=")) {
        ca->op = NULL;
    }
    ca->value_text = ca->op ? p + strlen(ca->op) : NULL;
}

static void
column_arg_destroy__(struct column_arg *ca)
{
    free(ca->key_text);
}

static void
key_type__(const struct ovsdb_type *map, bool value, struct ovsdb_type *out)
{
    ovsdb_type_init_scalar(out, OVSDB_TYPE_VOID);
    out->key = value ? map->value : map->key;
}

static void
parse_key__(struct vsctl_context *ctx, const struct column_arg *ca,
            union ovsdb_atom *key)
{
    char *error = vsctl_atom_from_string(key, &ca->column->type.key,
                                         ca->key_text, ctx->symtab);

    if (error) {
        vsctl_fatal("%s", error);
    }
}

void
vsctl_set_column(struct vsctl_context *ctx, const struct ovsdb_idl_row *row,
                 const char *arg)
{
    const struct ovsdb_idl_table *table = ovsdb_idl_row_get_table(row);
    const struct ovsdb_type *type;
    struct column_arg ca;
    struct ovsdb_datum d;
    char *error;

    parse_column_arg__(table, arg, false, &ca);
    if (!ca.op || !*ca.value_text) {
        vsctl_fatal("%s: argument does not end in \"=\" followed by a "
                    "value.", arg);
    }
    check_mutable__(ctx, row, ca.column);
    type = &ca.column->type;
    if (ca.key_text) {
        union ovsdb_atom key, value;
        size_t idx;

        if (!ovsdb_type_is_map(type)) {
            vsctl_fatal("cannot specify key to set for non-map column %s",
                        ca.column->name);
        }
        parse_key__(ctx, &ca, &key);
        error = vsctl_atom_from_string(&value, &type->value, ca.value_text,
                                       ctx->symtab);
        if (error) {
            vsctl_fatal("%s", error);
        }
        ovsdb_datum_clone(&d, ovsdb_idl_read(row, ca.column), type);
        if (ovsdb_datum_find_key(&d, &key, type->key.type, &idx)) {
            ovsdb_datum_remove_at(&d, idx, type);
        }
        ovsdb_datum_push(&d, &key, &value, type);
        ovsdb_datum_sort_unique(&d, type);
        ovsdb_atom_destroy(&key, type->key.type);
        ovsdb_atom_destroy(&value, type->value.type);
    } else {
        error = vsctl_datum_from_string(&d, type, ca.value_text,
                                        ctx->symtab);
        if (error) {
            vsctl_fatal("%s", error);
        }
    }
    vsctl_write(ctx, row, ca.column, &d);
    column_arg_destroy__(&ca);
}

/* Conditions of "find" and "wait-until". */

static bool
evaluate_op__(const char *op, const struct ovsdb_datum *a,
              const struct ovsdb_datum *b, const struct ovsdb_type *type)
{
    int cmp;

    if (!strcmp(op, "=") || !strcmp(op, "{=}")) {
        return ovsdb_datum_equals(a, b, type);
    } else if (!strcmp(op, "!=") || !strcmp(op, "{!=}")) {
        return !ovsdb_datum_equals(a, b, type);
    } else if (!strcmp(op, "{<}")) {
        return (ovsdb_datum_includes_all(a, b, type)
                && !ovsdb_datum_equals(a, b, type));
    } else if (!strcmp(op, "{>}")) {
        return (ovsdb_datum_includes_all(b, a, type)
                && !ovsdb_datum_equals(a, b, type));
    } else if (!strcmp(op, "{<=}") || !strcmp(op, "{in}")) {
        return ovsdb_datum_includes_all(a, b, type);
    } else if (!strcmp(op, "{>=}")) {
        return ovsdb_datum_includes_all(b, a, type);
    } else if (!strcmp(op, "{not-in}")) {
        return ovsdb_datum_excludes_all(a, b, type);
    }

    /* Like the stock tool: fewer elements sort first, then element by
     * element. */
    cmp = (a->n != b->n ? (a->n < b->n ? -1 : 1)
           : ovsdb_datum_compare_3way(a, b, type));
    return (!strcmp(op, "<") ? cmp < 0
            : !strcmp(op, ">") ? cmp > 0
            : !strcmp(op, "<=") ? cmp <= 0
            : cmp >= 0);
}

static bool
is_condition_satisfied__(struct vsctl_context *ctx,
                         const struct ovsdb_idl_row *row, const char *arg)
{
    const struct ovsdb_idl_table *table = ovsdb_idl_row_get_table(row);
    const struct ovsdb_datum *have;
    struct ovsdb_datum want, actual;
    struct column_arg ca;
    struct ovsdb_type type;
    char *error;
    bool result;

    parse_column_arg__(table, arg, true, &ca);
    if (!ca.op) {
        vsctl_fatal("%s: argument does not end in \"=\" followed by a "
                    "value.", arg);
    }
    have = ovsdb_idl_read(row, ca.column);
    if (ca.key_text) {
        union ovsdb_atom key;
        size_t idx;

        if (!ovsdb_type_is_map(&ca.column->type)) {
            vsctl_fatal("cannot specify key to check for non-map column %s",
                        ca.column->name);
        }
        parse_key__(ctx, &ca, &key);
        key_type__(&ca.column->type, true, &type);
        type.n_min = 0;
        type.n_max = OVSDB_UNLIMITED;
        error = vsctl_datum_from_string_relaxed(&want, &type, ca.value_text,
                                                ctx->symtab);
        if (error) {
            vsctl_fatal("%s", error);
        }
        ovsdb_datum_init_empty(&actual);
        if (ovsdb_datum_find_key(have, &key, ca.column->type.key.type,
                                 &idx)) {
            ovsdb_datum_push(&actual, &have->values[idx], NULL, &type);
        }
        ovsdb_atom_destroy(&key, ca.column->type.key.type);
        result = evaluate_op__(ca.op, &actual, &want, &type);
        ovsdb_datum_destroy(&actual, &type);
        ovsdb_datum_destroy(&want, &type);
    } else {
        type = ca.column->type;
        type.n_min = 0;
        type.n_max = OVSDB_UNLIMITED;
        error = vsctl_datum_from_string_relaxed(&want, &ca.column->type,
                                                ca.value_text, ctx->symtab);
        if (error) {
            vsctl_fatal("%s", error);
        }
        result = evaluate_op__(ca.op, have, &want, &ca.column->type);
        ovsdb_datum_destroy(&want, &ca.column->type);
    }
    column_arg_destroy__(&ca);
    return result;
}

/* Output of records. */

static const struct ovsdb_column **
output_columns__(struct vsctl_context *ctx,
                 const struct ovsdb_idl_table *table, size_t *n)
{
    const struct ovsdb_table_schema *ts = ovsdb_idl_table_get_schema(table);
    const struct ovsdb_column **columns;
    size_t i;

    *n = 0;
    if (ctx->columns) {
        char *copy = xstrdup(ctx->columns);
        char *save = NULL, *name;

        columns = xmalloc((strlen(copy) + 1) * sizeof *columns);
        for (name = strtok_r(copy, ",", &save); name;
             name = strtok_r(NULL, ",", &save)) {
            columns[(*n)++] = vsctl_get_column(table, name);
        }
        free(copy);
        return columns;
    }
    columns = xmalloc(ts->n_columns * sizeof *columns);
    for (i = 0; i < ts->n_columns; i++) {
        if (i != OVSDB_COL_VERSION) {
            columns[(*n)++] = ts->columns[i];
        }
    }
    return columns;
}

static void
start_table__(struct vsctl_context *ctx, const struct ovsdb_column **columns,
              size_t n)
{
    size_t i;

    ctx->table = xmalloc(sizeof *ctx->table);
    vsctl_table_init(ctx->table);
    for (i = 0; i < n; i++) {
        vsctl_table_add_column(ctx->table, columns[i]->name);
    }
    ctx->command->table = ctx->table;
}

static void
add_record__(struct vsctl_context *ctx, const struct ovsdb_idl_row *row,
             const struct ovsdb_column **columns, size_t n)
{
    size_t i;

    vsctl_table_add_row(ctx->table);
    for (i = 0; i < n; i++) {
        if (columns[i]->index == OVSDB_COL_UUID) {
            struct ovsdb_datum d;

            ovsdb_datum_init_uuid(&d, ovsdb_idl_row_get_uuid(row));
            vsctl_table_set_cell(ctx->table, i, &d, &columns[i]->type);
            ovsdb_datum_destroy(&d, &columns[i]->type);
        } else {
            vsctl_table_set_cell(ctx->table, i,
                                 ovsdb_idl_read(row, columns[i]),
                                 &columns[i]->type);
        }
    }
}

/* Record order.
 *
 * The stock tool prints records in the order of its replica's hash table:
 * by bucket, where a row's bucket is the first 32 bits of its UUID masked
 * by the table's bucket mask, which grows (to 2**k - 1, at least 3) as
 * rows are added so that there are never more than two rows per bucket.
 * Within a bucket its order depends on the order in which rows arrived,
 * which a client cannot know; we use UUID order there.  Following the
 * bucket order makes most listings of small tables come out as the stock
 * tool prints them. */
static uint32_t row_order_mask;

static uint32_t
bucket_mask__(size_t n)
{
    uint32_t mask = 0;
    size_t i;

    for (i = 1; i <= n; i++) {
        while (i / 2 > mask) {
            mask = mask ? mask * 2 + 1 : 3;
        }
    }
    return mask;
}

static int
compare_rows__(const void *a_, const void *b_)
{
    const struct ovsdb_idl_row *const *a = a_;
    const struct ovsdb_idl_row *const *b = b_;
    const struct uuid *ua = ovsdb_idl_row_get_uuid(*a);
    const struct uuid *ub = ovsdb_idl_row_get_uuid(*b);
    uint32_t ba = ua->parts[0] & row_order_mask;
    uint32_t bb = ub->parts[0] & row_order_mask;

    return ba != bb ? (ba < bb ? -1 : 1) : uuid_compare_3way(ua, ub);
}

/* Returns the rows of 'table' in the order described above, in '*n'. */
static const struct ovsdb_idl_row **
sorted_rows__(const struct ovsdb_idl_table *table, size_t *n)
{
    const struct ovsdb_idl_row **rows;
    const struct ovsdb_idl_row *row;

    *n = 0;
    rows = xmalloc((ovsdb_idl_table_count(table) + 1) * sizeof *rows);
    OVSDB_IDL_FOR_EACH_ROW (row, table) {
        rows[(*n)++] = row;
    }
    row_order_mask = bucket_mask__(*n);
    qsort(rows, *n, sizeof *rows, compare_rows__);
    return rows;
}

static void
cmd_list(struct vsctl_context *ctx)
{
    const struct ovsdb_idl_table *table = vsctl_get_table(ctx, ctx->argv[1]);
    bool if_exists = vsctl_has_option(ctx, "--if-exists");
    const struct ovsdb_column **columns;
    size_t n, i;

    columns = output_columns__(ctx, table, &n);
    start_table__(ctx, columns, n);
    if (ctx->argc > 2) {
        for (i = 2; i < ctx->argc; i++) {
            const struct ovsdb_idl_row *row
                = vsctl_get_row(ctx, table, ctx->argv[i], !if_exists);

            if (row) {
                add_record__(ctx, row, columns, n);
            }
        }
    } else {
        const struct ovsdb_idl_row **rows;
        size_t n_rows;

        rows = sorted_rows__(table, &n_rows);
        for (i = 0; i < n_rows; i++) {
            add_record__(ctx, rows[i], columns, n);
        }
        free(rows);
    }
    free(columns);
}

static void
cmd_find(struct vsctl_context *ctx)
{
    const struct ovsdb_idl_table *table = vsctl_get_table(ctx, ctx->argv[1]);
    const struct ovsdb_column **columns;
    const struct ovsdb_idl_row **rows;
    size_t n, n_rows, i;

    columns = output_columns__(ctx, table, &n);
    start_table__(ctx, columns, n);
    rows = sorted_rows__(table, &n_rows);
    for (i = 0; i < n_rows; i++) {
        bool match = true;
        int j;

        for (j = 2; match && j < ctx->argc; j++) {
            match = is_condition_satisfied__(ctx, rows[i], ctx->argv[j]);
        }
        if (match) {
            add_record__(ctx, rows[i], columns, n);
        }
    }
    free(rows);
    free(columns);
}

static void
get_with_id__(struct vsctl_context *ctx, const char *id,
              const struct ovsdb_idl_row *row)
{
    struct ovsdb_symbol *symbol;

    if (id[0] != '@') {
        vsctl_fatal("row id \"%s\" does not begin with \"@\"", id);
    }
    symbol = ovsdb_symtab_find(ctx->symtab, id);
    if (symbol && (symbol->created || symbol->referenced)) {
        vsctl_fatal("row id \"%s\" specified on \"get\" command was used "
                    "before it was defined", id);
    }
    symbol = ovsdb_symtab_get(ctx->symtab, id);
    symbol->uuid = *ovsdb_idl_row_get_uuid(row);
    symbol->created = true;
}

static void
cmd_get(struct vsctl_context *ctx)
{
    const struct ovsdb_idl_table *table = vsctl_get_table(ctx, ctx->argv[1]);
    bool if_exists = vsctl_has_option(ctx, "--if-exists");
    const char *id = vsctl_get_option(ctx, "--id");
    const struct ovsdb_idl_row *row;
    int i;

    row = vsctl_get_row(ctx, table, ctx->argv[2], !if_exists);
    if (!row) {
        return;
    }
    if (id) {
        get_with_id__(ctx, id, row);
    }
    for (i = 3; i < ctx->argc; i++) {
        struct column_arg ca;
        const struct ovsdb_datum *d;

        parse_column_arg__(table, ctx->argv[i], false, &ca);
        if (ca.op) {
            vsctl_fatal("%s: unexpected \"%s\" in column name", ctx->argv[i],
                        ca.op);
        }
        if (ca.column->index == OVSDB_COL_UUID) {
            ds_put_format(ctx->output, UUID_FMT"\n",
                          UUID_ARGS(ovsdb_idl_row_get_uuid(row)));
            column_arg_destroy__(&ca);
            continue;
        }
        d = ovsdb_idl_read(row, ca.column);
        if (ca.key_text) {
            const struct ovsdb_type *type = &ca.column->type;
            union ovsdb_atom key;
            size_t idx;

            if (!ovsdb_type_is_map(type)) {
                vsctl_fatal("cannot specify key to get for non-map column %s",
                            ca.column->name);
            }
            parse_key__(ctx, &ca, &key);
            if (ovsdb_datum_find_key(d, &key, type->key.type, &idx)) {
                vsctl_atom_to_string(&d->values[idx], type->value.type,
                                     ctx->output);
            } else if (!if_exists) {
                vsctl_fatal("no key \"%s\" in %s record \"%s\" column %s",
                            ca.key_text,
                            ovsdb_idl_table_get_schema(table)->name,
                            ctx->argv[2], ca.column->name);
            }
            ovsdb_atom_destroy(&key, type->key.type);
        } else {
            vsctl_datum_to_string(d, &ca.column->type, ctx->output);
        }
        ds_put_char(ctx->output, '\n');
        column_arg_destroy__(&ca);
    }
}

static void
cmd_set(struct vsctl_context *ctx)
{
    const struct ovsdb_idl_table *table = vsctl_get_table(ctx, ctx->argv[1]);
    bool if_exists = vsctl_has_option(ctx, "--if-exists");
    const struct ovsdb_idl_row *row;
    int i;

    row = vsctl_get_row(ctx, table, ctx->argv[2], !if_exists);
    if (!row) {
        return;
    }
    for (i = 3; i < ctx->argc; i++) {
        vsctl_set_column(ctx, row, ctx->argv[i]);
    }
}

static const struct ovsdb_column *
mutable_column__(const struct vsctl_context *ctx,
                 const struct ovsdb_idl_table *table,
                 const struct ovsdb_idl_row *row, const char *name)
{
    const struct ovsdb_column *column = vsctl_get_column(table, name);

    check_mutable__(ctx, row, column);
    return column;
}

static void
cmd_add(struct vsctl_context *ctx)
{
    const struct ovsdb_idl_table *table = vsctl_get_table(ctx, ctx->argv[1]);
    bool if_exists = vsctl_has_option(ctx, "--if-exists");
    const struct ovsdb_column *column;
    const struct ovsdb_idl_row *row;
    struct ovsdb_type add_type;
    struct ovsdb_datum result;
    int i;

    row = vsctl_get_row(ctx, table, ctx->argv[2], !if_exists);
    if (!row) {
        return;
    }
    column = mutable_column__(ctx, table, row, ctx->argv[3]);
    add_type = column->type;
    add_type.n_min = 0;
    add_type.n_max = OVSDB_UNLIMITED;
    ovsdb_datum_clone(&result, ovsdb_idl_read(row, column), &column->type);
    for (i = 4; i < ctx->argc; i++) {
        struct ovsdb_datum add;
        char *error = vsctl_datum_from_string_relaxed(&add, &add_type,
                                                      ctx->argv[i],
                                                      ctx->symtab);

        if (error) {
            vsctl_fatal("%s", error);
        }
        ovsdb_datum_union(&result, &add, &column->type);
        ovsdb_datum_destroy(&add, &column->type);
    }
    if (result.n > column->type.n_max) {
        vsctl_fatal("\"add\" operation would put %zu %s in column %s of "
                    "table %s but the maximum number is %u", result.n,
                    ovsdb_type_is_map(&column->type) ? "pairs" : "values",
                    column->name, ovsdb_idl_table_get_schema(table)->name,
                    column->type.n_max);
    }
    vsctl_write(ctx, row, column, &result);
}

static void
cmd_remove(struct vsctl_context *ctx)
{
    const struct ovsdb_idl_table *table = vsctl_get_table(ctx, ctx->argv[1]);
    bool if_exists = vsctl_has_option(ctx, "--if-exists");
    const struct ovsdb_column *column;
    const struct ovsdb_idl_row *row;
    struct ovsdb_type rm_type;
    struct ovsdb_datum result;
    int i;

    row = vsctl_get_row(ctx, table, ctx->argv[2], !if_exists);
    if (!row) {
        return;
    }
    column = mutable_column__(ctx, table, row, ctx->argv[3]);
    rm_type = column->type;
    rm_type.n_min = 0;
    rm_type.n_max = OVSDB_UNLIMITED;
    ovsdb_datum_clone(&result, ovsdb_idl_read(row, column), &column->type);
    for (i = 4; i < ctx->argc; i++) {
        struct ovsdb_datum rm;
        char *error = vsctl_datum_from_string_relaxed(&rm, &rm_type,
                                                      ctx->argv[i],
                                                      ctx->symtab);

        if (!error) {
            ovsdb_datum_subtract(&result, &column->type, &rm, &rm_type);
            ovsdb_datum_destroy(&rm, &rm_type);
        } else if (ovsdb_type_is_map(&column->type)) {
            struct ovsdb_type keys_type;
            char *error2;

            key_type__(&column->type, false, &keys_type);
            keys_type.n_min = 0;
            keys_type.n_max = OVSDB_UNLIMITED;
            error2 = vsctl_datum_from_string_relaxed(&rm, &keys_type,
                                                     ctx->argv[i],
                                                     ctx->symtab);
            if (error2) {
                free(error2);
                vsctl_fatal("%s", error);
            }
            free(error);
            ovsdb_datum_subtract(&result, &column->type, &rm, &keys_type);
            ovsdb_datum_destroy(&rm, &keys_type);
        } else {
            vsctl_fatal("%s", error);
        }
    }
    if (result.n < column->type.n_min) {
        vsctl_fatal("\"remove\" operation would put %zu %s in column %s of "
                    "table %s but the minimum number is %u", result.n,
                    ovsdb_type_is_map(&column->type) ? "pairs" : "values",
                    column->name, ovsdb_idl_table_get_schema(table)->name,
                    column->type.n_min);
    }
    vsctl_write(ctx, row, column, &result);
}

static void
cmd_clear(struct vsctl_context *ctx)
{
    const struct ovsdb_idl_table *table = vsctl_get_table(ctx, ctx->argv[1]);
    bool if_exists = vsctl_has_option(ctx, "--if-exists");
    const struct ovsdb_idl_row *row;
    int i;

    row = vsctl_get_row(ctx, table, ctx->argv[2], !if_exists);
    if (!row) {
        return;
    }
    for (i = 3; i < ctx->argc; i++) {
        const struct ovsdb_column *column
            = mutable_column__(ctx, table, row, ctx->argv[i]);
        struct ovsdb_datum empty;

        if (column->type.n_min > 0) {
            vsctl_fatal("\"clear\" operation cannot be applied to column %s "
                        "of table %s, which is not allowed to be empty",
                        column->name,
                        ovsdb_idl_table_get_schema(table)->name);
        }
        ovsdb_datum_init_empty(&empty);
        vsctl_write(ctx, row, column, &empty);
    }
}

static void
cmd_create(struct vsctl_context *ctx)
{
    const struct ovsdb_idl_table *table = vsctl_get_table(ctx, ctx->argv[1]);
    const struct ovsdb_table_schema *ts = ovsdb_idl_table_get_schema(table);
    const char *id = vsctl_get_option(ctx, "--id");
    const struct ovsdb_idl_row *row;
    struct uuid uuid;
    int i;

    if (id) {
        struct ovsdb_symbol *symbol;
        struct ovsdb_error *error;

        if (id[0] != '@') {
            vsctl_fatal("row id \"%s\" does not begin with \"@\"", id);
        }
        error = ovsdb_symtab_create(ctx->symtab, id, NULL, &symbol);
        if (error) {
            ovsdb_error_destroy(error);
            vsctl_fatal("row id \"%s\" may only be specified on one --id "
                        "option", id);
        }
        uuid = symbol->uuid;
    } else {
        if (!ts->is_root) {
            VLOG_WARN("applying \"create\" command to table %s without --id "
                      "option will have no effect", ts->name);
        }
        uuid_new_random(&uuid);
    }
    row = vsctl_insert(ctx, ts->name, &uuid);
    for (i = 2; i < ctx->argc; i++) {
        vsctl_set_column(ctx, row, ctx->argv[i]);
    }
    ctx->command->insert_uuid = uuid;
    ctx->command->inserted = true;
}

static void
post_create(struct vsctl_context *ctx)
{
    const struct uuid *real = ovsdb_idl_txn_get_insert_uuid(
        ctx->txn, &ctx->command->insert_uuid);

    ds_put_format(ctx->output, UUID_FMT"\n",
                  UUID_ARGS(real ? real : &ctx->command->insert_uuid));
}

static void
cmd_destroy(struct vsctl_context *ctx)
{
    bool if_exists = vsctl_has_option(ctx, "--if-exists");
    bool all = vsctl_has_option(ctx, "--all");
    const struct ovsdb_idl_table *table;
    int i;

    table = vsctl_get_table(ctx, ctx->argv[1]);
    if (all && ctx->argc > 2) {
        vsctl_fatal("--all and records argument should not be specified "
                    "together");
    } else if (!all && ctx->argc < 3) {
        VLOG_WARN("either --all or records argument should be specified");
        return;
    }
    if (all) {
        const struct ovsdb_idl_row **rows;
        size_t n_rows, j;

        rows = sorted_rows__(table, &n_rows);
        for (j = 0; j < n_rows; j++) {
            vsctl_delete(ctx, rows[j]);
        }
        free(rows);
        return;
    }
    for (i = 2; i < ctx->argc; i++) {
        const struct ovsdb_idl_row *row
            = vsctl_get_row(ctx, table, ctx->argv[i], !if_exists);

        if (row) {
            vsctl_delete(ctx, row);
        }
    }
}

static void
cmd_wait_until(struct vsctl_context *ctx)
{
    const struct ovsdb_idl_table *table = vsctl_get_table(ctx, ctx->argv[1]);
    const struct ovsdb_idl_row *row;
    int i;

    row = vsctl_get_row(ctx, table, ctx->argv[2], false);
    if (!row) {
        ctx->try_again = true;
        return;
    }
    for (i = 3; i < ctx->argc; i++) {
        if (!is_condition_satisfied__(ctx, row, ctx->argv[i])) {
            ctx->try_again = true;
            return;
        }
    }
}

const struct vsctl_command_syntax vsctl_db_commands[] = {
    { "list", 1, INT_MAX, cmd_list, NULL, "--if-exists,--columns=", false },
    { "find", 1, INT_MAX, cmd_find, NULL, "--columns=", false },
    { "get", 2, INT_MAX, cmd_get, NULL, "--if-exists,--id=", false },
    { "set", 3, INT_MAX, cmd_set, NULL, "--if-exists", true },
    { "add", 4, INT_MAX, cmd_add, NULL, "--if-exists", true },
    { "remove", 4, INT_MAX, cmd_remove, NULL, "--if-exists", true },
    { "clear", 3, INT_MAX, cmd_clear, NULL, "--if-exists", true },
    { "create", 2, INT_MAX, cmd_create, post_create, "--id=", true },
    { "destroy", 1, INT_MAX, cmd_destroy, NULL, "--if-exists,--all", true },
    { "wait-until", 2, INT_MAX, cmd_wait_until, NULL, "", false },
    { NULL, 0, 0, NULL, NULL, NULL, false },
};
