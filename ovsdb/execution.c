/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "execution.h"

#include <limits.h>
#include "hmap.h"
#include "ovsdb.h"
#include "ovsdb-condition.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-mutation.h"
#include "ovsdb-parser.h"
#include "ovsdb-schema.h"
#include "ovsdb-symtab.h"
#include "row.h"
#include "transaction.h"
#include "util.h"
#include "uuid.h"

/* State of one ovsdb_execute() call. */
struct exec_ctx {
    struct ovsdb *db;
    struct ovsdb_txn *txn;
    struct ovsdb_symtab symtab;
    struct ovsdb_uuid_resolver resolver;
    const struct ovsdb_execute_options *options;

    /* Position of the operation being executed, for messages. */
    size_t op_idx;
    size_t n_ops;

    /* Set by a "wait" that must be retried later. */
    bool would_block;
    long long int deadline_msec;
};

/* An operation: parses its members through 'parser' (finishing it), runs,
 * and fills in 'result'. */
struct exec_op {
    const char *name;
    struct ovsdb_error *(*execute)(struct exec_ctx *ctx,
                                   struct ovsdb_parser *parser,
                                   json_t *result);
};

/* Looks up the "table" member of the operation that 'parser' parses.
 * Records an error in 'parser' and returns NULL if it is missing or names
 * no table. */
static struct ovsdb_table *
exec_get_table(struct exec_ctx *ctx, struct ovsdb_parser *parser)
{
    const json_t *json = ovsdb_parser_member(parser, "table", OP_ID);
    struct ovsdb_table *table;

    if (!json) {
        return NULL;
    }
    table = ovsdb_get_table(ctx->db, json_string_value(json));
    if (!table) {
        ovsdb_parser_put_error(parser, ovsdb_syntax_error(
            parser->object, NULL, "Parsing ovsdb operation %zu of %zu "
            "failed: No table named %s.", ctx->op_idx, ctx->n_ops,
            json_string_value(json)));
    }
    return table;
}

/* Stores in '*rowsp' the rows of 'table' that satisfy 'where' (a JSON
 * <condition> array) as the transaction sees them, and their number in
 * '*np'.  The caller frees '*rowsp' (not the rows). */
static struct ovsdb_error *
exec_find_rows(struct exec_ctx *ctx, struct ovsdb_table *table,
               const json_t *where, const struct ovsdb_row ***rowsp,
               size_t *np)
{
    struct ovsdb_condition cond = OVSDB_CONDITION_INITIALIZER;
    const struct ovsdb_row **rows;
    struct ovsdb_error *error;
    size_t n, n_match = 0;

    *rowsp = NULL;
    *np = 0;
    error = ovsdb_condition_from_json(table->schema, where, &ctx->resolver,
                                      &cond);
    if (error) {
        return error;
    }
    n = ovsdb_txn_get_rows(ctx->txn, table, &rows);
    for (size_t i = 0; i < n; i++) {
        if (ovsdb_condition_evaluate(&cond, rows[i]->fields)) {
            rows[n_match++] = rows[i];
        }
    }
    ovsdb_condition_destroy(&cond);
    *rowsp = rows;
    *np = n_match;
    return NULL;
}

static struct ovsdb_error *
exec_insert(struct exec_ctx *ctx, struct ovsdb_parser *parser,
            json_t *result)
{
    struct ovsdb_table *table = exec_get_table(ctx, parser);
    const json_t *row_json, *name_json, *uuid_json;
    struct ovsdb_row *row = NULL;
    struct ovsdb_error *error;
    char buf[UUID_BUFSIZE];
    struct uuid uuid;

    row_json = ovsdb_parser_member(parser, "row", OP_OBJECT | OP_OPTIONAL);
    name_json = ovsdb_parser_member(parser, "uuid-name", OP_ID | OP_OPTIONAL);
    uuid_json = ovsdb_parser_member(parser, "uuid", OP_STRING | OP_OPTIONAL);
    error = ovsdb_parser_finish(parser);
    if (error) {
        return error;
    }

    if (uuid_json && !uuid_from_string(&uuid, json_string_value(uuid_json))) {
        return ovsdb_syntax_error(uuid_json, NULL, "bad UUID");
    }
    if (name_json) {
        struct ovsdb_symbol *symbol;

        error = ovsdb_symtab_create(&ctx->symtab,
                                    json_string_value(name_json),
                                    uuid_json ? &uuid : NULL, &symbol);
        if (error) {
            bool duplicate = !strcmp(ovsdb_error_get_tag(error),
                                     OVSDB_E_DUPLICATE_UUID_NAME);

            if (!duplicate) {
                return error;
            }
            ovsdb_error_destroy(error);
            return ovsdb_syntax_error(name_json, OVSDB_E_DUPLICATE_UUID_NAME,
                                      "This \"uuid-name\" appeared on an "
                                      "earlier \"insert\" operation.");
        }
        uuid = symbol->uuid;
    } else if (!uuid_json) {
        uuid_new_random(&uuid);
    }
    if (ovsdb_txn_uuid_is_used(ctx->txn, table, &uuid)) {
        json_t *json = json_string(uuid_to_string(&uuid, buf));

        error = ovsdb_syntax_error(json, OVSDB_E_DUPLICATE_UUID,
                                   "This UUID would duplicate a UUID already "
                                   "present within the table or deleted "
                                   "within the same transaction.");
        json_decref(json);
        return error;
    }

    row = ovsdb_row_create(table->schema);
    if (row_json) {
        error = ovsdb_row_from_json(row, row_json, &ctx->resolver,
                                    OVSDB_ROW_INSERT, NULL);
        if (error) {
            ovsdb_row_destroy(row);
            return error;
        }
    }
    ovsdb_row_set_uuid(row, &uuid);
    ovsdb_txn_insert(ctx->txn, table, row);
    json_object_set_new(result, "uuid",
                        json_pack("[ss]", "uuid", uuid_to_string(&uuid,
                                                                 buf)));
    return NULL;
}

static struct ovsdb_error *
exec_select(struct exec_ctx *ctx, struct ovsdb_parser *parser,
            json_t *result)
{
    struct ovsdb_column_set columns = OVSDB_COLUMN_SET_INITIALIZER;
    struct ovsdb_table *table = exec_get_table(ctx, parser);
    const json_t *where, *columns_json;
    const struct ovsdb_row **rows;
    struct ovsdb_error *error;
    json_t *rows_json;
    size_t n;

    where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    columns_json = ovsdb_parser_member(parser, "columns",
                                       OP_ARRAY | OP_OPTIONAL);
    error = ovsdb_parser_finish(parser);
    if (!error) {
        error = ovsdb_column_set_from_json(table->schema, columns_json,
                                           &columns);
    }
    if (!error) {
        error = exec_find_rows(ctx, table, where, &rows, &n);
    }
    if (error) {
        ovsdb_column_set_destroy(&columns);
        return error;
    }

    rows_json = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(rows_json,
                              ovsdb_row_to_json(rows[i], &columns));
    }
    json_object_set_new(result, "rows", rows_json);
    free(rows);
    ovsdb_column_set_destroy(&columns);
    return NULL;
}

static struct ovsdb_error *
exec_update(struct exec_ctx *ctx, struct ovsdb_parser *parser,
            json_t *result)
{
    struct ovsdb_column_set columns = OVSDB_COLUMN_SET_INITIALIZER;
    struct ovsdb_table *table = exec_get_table(ctx, parser);
    const struct ovsdb_row **rows = NULL;
    const json_t *where, *row_json;
    struct ovsdb_row *update = NULL;
    struct ovsdb_error *error;
    size_t n = 0;

    where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    row_json = ovsdb_parser_member(parser, "row", OP_OBJECT);
    error = ovsdb_parser_finish(parser);
    if (!error) {
        update = ovsdb_row_create(table->schema);
        error = ovsdb_row_from_json(update, row_json, &ctx->resolver,
                                    OVSDB_ROW_UPDATE, &columns);
    }
    if (!error) {
        error = exec_find_rows(ctx, table, where, &rows, &n);
    }
    for (size_t i = 0; !error && i < n; i++) {
        struct ovsdb_row *new = ovsdb_row_clone(rows[i]);

        for (size_t j = 0; j < columns.n_columns; j++) {
            const struct ovsdb_column *column = columns.columns[j];
            struct ovsdb_datum *field = &new->fields[column->index];

            ovsdb_datum_destroy(field, &column->type);
            ovsdb_datum_clone(field, &update->fields[column->index],
                              &column->type);
        }
        ovsdb_txn_replace(ctx->txn, table, rows[i], new);
    }
    if (!error) {
        json_object_set_new(result, "count", json_integer(n));
    }
    free(rows);
    ovsdb_row_destroy(update);
    ovsdb_column_set_destroy(&columns);
    return error;
}

static struct ovsdb_error *
exec_mutate(struct exec_ctx *ctx, struct ovsdb_parser *parser,
            json_t *result)
{
    struct ovsdb_mutation_set mutations = OVSDB_MUTATION_SET_INITIALIZER;
    struct ovsdb_table *table = exec_get_table(ctx, parser);
    const struct ovsdb_row **rows = NULL;
    const json_t *where, *mutations_json;
    struct ovsdb_error *error;
    size_t n = 0;

    where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    mutations_json = ovsdb_parser_member(parser, "mutations", OP_ARRAY);
    error = ovsdb_parser_finish(parser);
    if (!error) {
        error = ovsdb_mutation_set_from_json(table->schema, mutations_json,
                                             &ctx->resolver, &mutations);
    }
    if (!error) {
        error = exec_find_rows(ctx, table, where, &rows, &n);
    }
    for (size_t i = 0; !error && i < n; i++) {
        /* The mutations work on a copy, which is thrown away if one of
         * them fails. */
        struct ovsdb_row *new = ovsdb_row_clone(rows[i]);

        error = ovsdb_mutation_set_execute(&mutations, new->fields);
        if (error) {
            ovsdb_row_destroy(new);
        } else {
            ovsdb_txn_replace(ctx->txn, table, rows[i], new);
        }
    }
    if (!error) {
        json_object_set_new(result, "count", json_integer(n));
    }
    free(rows);
    ovsdb_mutation_set_destroy(&mutations);
    return error;
}

static struct ovsdb_error *
exec_delete(struct exec_ctx *ctx, struct ovsdb_parser *parser,
            json_t *result)
{
    struct ovsdb_table *table = exec_get_table(ctx, parser);
    const struct ovsdb_row **rows;
    struct ovsdb_error *error;
    const json_t *where;
    size_t n;

    where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    error = ovsdb_parser_finish(parser);
    if (!error) {
        error = exec_find_rows(ctx, table, where, &rows, &n);
    }
    if (error) {
        return error;
    }
    for (size_t i = 0; i < n; i++) {
        ovsdb_txn_delete(ctx->txn, table, rows[i]);
    }
    json_object_set_new(result, "count", json_integer(n));
    free(rows);
    return NULL;
}

/* Stores in '*rowsp' the rows of the "rows" member 'json' of a "wait",
 * parsed as rows of 'table', and their number in '*np'. */
static struct ovsdb_error *
exec_parse_wait_rows(struct exec_ctx *ctx, const struct ovsdb_table *table,
                     const json_t *json, struct ovsdb_row ***rowsp,
                     size_t *np)
{
    size_t n = json_array_size(json);
    struct ovsdb_row **rows = xcalloc(n ? n : 1, sizeof *rows);
    struct ovsdb_error *error = NULL;

    for (size_t i = 0; i < n && !error; i++) {
        rows[i] = ovsdb_row_create(table->schema);
        error = ovsdb_row_from_json(rows[i], json_array_get(json, i),
                                    &ctx->resolver, OVSDB_ROW_MATCH, NULL);
    }
    *rowsp = rows;
    *np = n;
    return error;
}

/* Returns true if 'actual' and 'expected', the 'n_actual' and 'n_expected'
 * rows of a "wait", are the same multiset of rows when only 'columns' are
 * compared. */
static bool
exec_rows_match(const struct ovsdb_row **actual, size_t n_actual,
                struct ovsdb_row **expected, size_t n_expected,
                const struct ovsdb_column_set *columns)
{
    struct hmap_node *nodes;
    struct hmap map = HMAP_INITIALIZER;
    bool match = n_actual == n_expected;

    nodes = xcalloc(n_actual ? n_actual : 1, sizeof *nodes);
    for (size_t i = 0; match && i < n_actual; i++) {
        hmap_insert(&map, &nodes[i],
                    ovsdb_row_hash_columns(actual[i], columns, 0));
    }
    for (size_t i = 0; match && i < n_expected; i++) {
        uint32_t hash = ovsdb_row_hash_columns(expected[i], columns, 0);
        struct hmap_node *node;

        match = false;
        for (node = hmap_first_with_hash(&map, hash); node;
             node = hmap_next_with_hash(node)) {
            if (ovsdb_row_equal_columns(actual[node - nodes], expected[i],
                                        columns)) {
                /* Each actual row matches one expected row at most. */
                hmap_remove(&map, node);
                match = true;
                break;
            }
        }
    }
    hmap_destroy(&map);
    free(nodes);
    return match;
}

/* Decides what a "wait" whose condition does not hold does, given its
 * "timeout" member 'timeout_json' (NULL if none). */
static struct ovsdb_error *
exec_wait_not_met(struct exec_ctx *ctx, const json_t *timeout_json)
{
    const struct ovsdb_execute_options *opts = ctx->options;
    long long int timeout = -1;

    if (timeout_json) {
        timeout = json_integer_value(timeout_json);
        if (timeout < 0) {
            timeout = 0;
        }
    }
    if (timeout == 0
        || (timeout > 0 && opts->now_msec - opts->start_msec >= timeout)) {
        return ovsdb_error_create(OVSDB_E_TIMED_OUT,
                                  "\"where\" clause test failed");
    }
    ctx->would_block = true;
    ctx->deadline_msec = (timeout > 0 && opts->start_msec < LLONG_MAX
                          - timeout) ? opts->start_msec + timeout
                                     : LLONG_MAX;
    return NULL;
}

static struct ovsdb_error *
exec_wait(struct exec_ctx *ctx, struct ovsdb_parser *parser,
          json_t *result OVS_UNUSED)
{
    struct ovsdb_column_set columns = OVSDB_COLUMN_SET_INITIALIZER;
    struct ovsdb_table *table = exec_get_table(ctx, parser);
    const json_t *timeout_json, *where, *columns_json, *until, *rows_json;
    const struct ovsdb_row **actual = NULL;
    struct ovsdb_row **expected = NULL;
    size_t n_actual = 0, n_expected = 0;
    struct ovsdb_error *error;

    timeout_json = ovsdb_parser_member(parser, "timeout",
                                       OP_INTEGER | OP_OPTIONAL);
    where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    columns_json = ovsdb_parser_member(parser, "columns",
                                       OP_ARRAY | OP_OPTIONAL);
    until = ovsdb_parser_member(parser, "until", OP_STRING);
    rows_json = ovsdb_parser_member(parser, "rows", OP_ARRAY);
    if (until && strcmp(json_string_value(until), "==")
        && strcmp(json_string_value(until), "!=")) {
        ovsdb_parser_raise_error(parser, "\"until\" must be \"==\" or "
                                 "\"!=\"");
    }
    error = ovsdb_parser_finish(parser);
    if (!error) {
        error = ovsdb_column_set_from_json(table->schema, columns_json,
                                           &columns);
    }
    if (!error) {
        error = exec_parse_wait_rows(ctx, table, rows_json, &expected,
                                     &n_expected);
    }
    if (!error) {
        error = exec_find_rows(ctx, table, where, &actual, &n_actual);
    }
    if (!error) {
        bool equal = exec_rows_match(actual, n_actual, expected, n_expected,
                                     &columns);

        if (equal != !strcmp(json_string_value(until), "==")) {
            error = exec_wait_not_met(ctx, timeout_json);
        }
    }
    for (size_t i = 0; i < n_expected; i++) {
        ovsdb_row_destroy(expected[i]);
    }
    free(expected);
    free(actual);
    ovsdb_column_set_destroy(&columns);
    return error;
}

static struct ovsdb_error *
exec_commit(struct exec_ctx *ctx, struct ovsdb_parser *parser,
            json_t *result OVS_UNUSED)
{
    const json_t *durable = ovsdb_parser_member(parser, "durable",
                                                OP_BOOLEAN);
    struct ovsdb_error *error = ovsdb_parser_finish(parser);

    if (!error && json_is_true(durable)) {
        ovsdb_txn_set_durable(ctx->txn);
    }
    return error;
}

static struct ovsdb_error *
exec_abort(struct exec_ctx *ctx OVS_UNUSED, struct ovsdb_parser *parser,
           json_t *result OVS_UNUSED)
{
    struct ovsdb_error *error = ovsdb_parser_finish(parser);

    return error ? error : ovsdb_error_create(OVSDB_E_ABORTED,
                                              "aborted by request");
}

static struct ovsdb_error *
exec_comment(struct exec_ctx *ctx, struct ovsdb_parser *parser,
             json_t *result OVS_UNUSED)
{
    const json_t *comment = ovsdb_parser_member(parser, "comment",
                                                OP_STRING);
    struct ovsdb_error *error = ovsdb_parser_finish(parser);

    if (!error) {
        ovsdb_txn_add_comment(ctx->txn, json_string_value(comment));
    }
    return error;
}

static struct ovsdb_error *
exec_assert(struct exec_ctx *ctx, struct ovsdb_parser *parser,
            json_t *result OVS_UNUSED)
{
    const struct ovsdb_execute_options *opts = ctx->options;
    const json_t *lock = ovsdb_parser_member(parser, "lock", OP_ID);
    struct ovsdb_error *error = ovsdb_parser_finish(parser);
    const char *name;

    if (error) {
        return error;
    }
    name = json_string_value(lock);
    if (!opts->lock_held || !opts->lock_held(opts->aux, name)) {
        return ovsdb_error_create(OVSDB_E_NOT_OWNER,
                                  "Asserted lock %s not held.", name);
    }
    return NULL;
}

static const struct exec_op exec_ops[] = {
    { "insert", exec_insert },
    { "select", exec_select },
    { "update", exec_update },
    { "mutate", exec_mutate },
    { "delete", exec_delete },
    { "wait", exec_wait },
    { "commit", exec_commit },
    { "abort", exec_abort },
    { "comment", exec_comment },
    { "assert", exec_assert },
};

static const struct exec_op *
exec_op_find(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(exec_ops); i++) {
        if (!strcmp(exec_ops[i].name, name)) {
            return &exec_ops[i];
        }
    }
    return NULL;
}

/* Runs the operation 'op_json'.  On success stores its result in
 * '*resultp'. */
static struct ovsdb_error *
exec_one(struct exec_ctx *ctx, const json_t *op_json, json_t **resultp)
{
    const struct exec_op *op = NULL;
    struct ovsdb_error *error;
    struct ovsdb_parser parser;
    const json_t *name;
    json_t *result;

    *resultp = NULL;
    ovsdb_parser_init(&parser, op_json, "ovsdb operation %zu of %zu",
                      ctx->op_idx, ctx->n_ops);
    name = ovsdb_parser_member(&parser, "op", OP_STRING);
    if (name) {
        op = exec_op_find(json_string_value(name));
        if (!op) {
            ovsdb_parser_put_error(&parser, ovsdb_syntax_error(
                op_json, NULL, "Parsing ovsdb operation %zu of %zu "
                "failed: No operation \"%s\"", ctx->op_idx, ctx->n_ops,
                json_string_value(name)));
        }
    }
    if (!op) {
        return ovsdb_parser_finish(&parser);
    }

    result = json_object();
    error = op->execute(ctx, &parser, result);
    ovsdb_parser_destroy(&parser);
    if (error || ctx->would_block) {
        json_decref(result);
    } else {
        *resultp = result;
    }
    return error;
}

/* Gives each name that an "insert" defines together with an explicit
 * "uuid" that UUID, before any operation can refer to the name. */
static void
exec_preassign_uuids(struct exec_ctx *ctx, const json_t *params)
{
    for (size_t i = 1; i < json_array_size(params); i++) {
        const json_t *op = json_array_get(params, i);
        const json_t *name = json_object_get(op, "uuid-name");
        const json_t *uuid_json = json_object_get(op, "uuid");
        struct uuid uuid;

        if (json_is_object(op)
            && json_is_string(json_object_get(op, "op"))
            && !strcmp(json_string_value(json_object_get(op, "op")),
                       "insert")
            && json_is_string(name) && json_is_string(uuid_json)
            && uuid_from_string(&uuid, json_string_value(uuid_json))
            && !ovsdb_symtab_find(&ctx->symtab, json_string_value(name))) {
            ovsdb_symtab_get(&ctx->symtab,
                             json_string_value(name))->uuid = uuid;
        }
    }
}

static json_t *
exec_bad_params(const json_t *params)
{
    struct ovsdb_error *error;
    json_t *results;

    error = ovsdb_syntax_error(params, NULL, "transact parameters must be "
                               "an array: a database name followed by "
                               "operations");
    results = json_array();
    json_array_append_new(results, ovsdb_error_to_json(error));
    ovsdb_error_destroy(error);
    return results;
}

enum ovsdb_execute_status
ovsdb_execute(struct ovsdb *db, const json_t *params,
              const struct ovsdb_execute_options *options, json_t **resultp,
              long long int *deadline_msecp)
{
    static const struct ovsdb_execute_options no_options;
    struct exec_ctx ctx = {0};
    struct ovsdb_error *error = NULL;
    json_t *results;

    *resultp = NULL;
    if (!json_is_array(params) || !json_array_size(params)) {
        *resultp = exec_bad_params(params);
        return OVSDB_EXECUTE_DONE;
    }

    ctx.db = db;
    ctx.txn = ovsdb_txn_create(db);
    ovsdb_symtab_init(&ctx.symtab);
    ctx.resolver = ovsdb_symtab_resolver(&ctx.symtab);
    ctx.options = options ? options : &no_options;
    ctx.n_ops = json_array_size(params) - 1;
    exec_preassign_uuids(&ctx, params);

    results = json_array();
    for (size_t i = 1; i < json_array_size(params); i++) {
        json_t *result;

        if (error) {
            json_array_append_new(results, json_null());
            continue;
        }
        ctx.op_idx = i;
        error = exec_one(&ctx, json_array_get(params, i), &result);
        if (ctx.would_block) {
            break;
        }
        json_array_append_new(results, error ? ovsdb_error_to_json(error)
                                             : result);
    }

    if (ctx.would_block) {
        ovsdb_txn_abort(ctx.txn);
        json_decref(results);
        results = NULL;
        if (deadline_msecp) {
            *deadline_msecp = ctx.deadline_msec;
        }
    } else if (error) {
        ovsdb_txn_abort(ctx.txn);
    } else {
        error = ovsdb_txn_commit(ctx.txn);
        if (error) {
            json_array_append_new(results, ovsdb_error_to_json(error));
        }
    }
    ovsdb_error_destroy(error);
    ovsdb_symtab_destroy(&ctx.symtab);
    *resultp = results;
    return results ? OVSDB_EXECUTE_DONE : OVSDB_EXECUTE_WOULD_BLOCK;
}
