/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "ovsdb-condition.h"

#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "ovsdb-schema.h"
#include "util.h"

static const char *const function_names[] = {
    [OVSDB_F_LT] = "<",
    [OVSDB_F_LE] = "<=",
    [OVSDB_F_EQ] = "==",
    [OVSDB_F_NE] = "!=",
    [OVSDB_F_GE] = ">=",
    [OVSDB_F_GT] = ">",
    [OVSDB_F_INCLUDES] = "includes",
    [OVSDB_F_EXCLUDES] = "excludes",
    [OVSDB_F_TRUE] = "true",
    [OVSDB_F_FALSE] = "false",
};

const char *
ovsdb_function_to_string(enum ovsdb_function function)
{
    return (function < ARRAY_SIZE(function_names)
            ? function_names[function] : "<invalid>");
}

bool
ovsdb_function_from_string(const char *name, enum ovsdb_function *function)
{
    for (int i = OVSDB_F_LT; i <= OVSDB_F_EXCLUDES; i++) {
        if (!strcmp(name, function_names[i])) {
            *function = i;
            return true;
        }
    }
    return false;
}

static bool
function_is_ordering__(enum ovsdb_function function)
{
    return (function == OVSDB_F_LT || function == OVSDB_F_LE
            || function == OVSDB_F_GE || function == OVSDB_F_GT);
}

void
ovsdb_condition_init(struct ovsdb_condition *cond)
{
    cond->clauses = NULL;
    cond->n_clauses = 0;
}

/* Returns a "syntax error" saying that 'function' does not apply to
 * 'column'. */
static struct ovsdb_error *
type_mismatch__(const json_t *json, enum ovsdb_function function,
                const struct ovsdb_column *column)
{
    char *english = ovsdb_type_to_english(&column->type);
    struct ovsdb_error *error;

    error = ovsdb_syntax_error(json, NULL, "type mismatch: function \"%s\" "
                               "cannot be applied to column %s of type %s",
                               ovsdb_function_to_string(function),
                               column->name, english);
    free(english);
    return error;
}

/* Checks the number of elements of 'clause''s argument against the rules
 * for its function. */
static struct ovsdb_error *
check_arg_size__(const struct ovsdb_clause *clause, const json_t *json)
{
    const struct ovsdb_type *type = &clause->column->type;
    const char *function = ovsdb_function_to_string(clause->function);
    size_t n = clause->arg.n;
    unsigned int min = type->n_min, max = type->n_max;

    switch (clause->function) {
    case OVSDB_F_LT:
    case OVSDB_F_LE:
    case OVSDB_F_GE:
    case OVSDB_F_GT:
        min = max = 1;
        break;
    case OVSDB_F_EQ:
    case OVSDB_F_NE:
        break;
    case OVSDB_F_INCLUDES:
        min = 0;
        break;
    case OVSDB_F_EXCLUDES:
        min = 0;
        max = OVSDB_UNLIMITED;
        break;
    case OVSDB_F_TRUE:
    case OVSDB_F_FALSE:
    default:
        OVS_NOT_REACHED();
    }
    if (n < min || n > max) {
        return ovsdb_syntax_error(json, NULL, "value for \"%s\" has %zu "
                                  "element%s but must have %s %u",
                                  function, n, n == 1 ? "" : "s",
                                  n < min ? "at least" : "at most",
                                  n < min ? min : max);
    }
    return NULL;
}

/* Parses one <condition> 'json' for 'table' into 'clause'. */
static struct ovsdb_error *
clause_from_json__(const struct ovsdb_table_schema *table,
                   const json_t *json,
                   const struct ovsdb_uuid_resolver *resolver,
                   struct ovsdb_clause *clause)
{
    const struct ovsdb_column *column;
    const char *column_name, *function_name;
    struct ovsdb_error *error;

    clause->column = NULL;
    ovsdb_datum_init_empty(&clause->arg);
    if (json_is_boolean(json)) {
        clause->function = json_is_true(json) ? OVSDB_F_TRUE : OVSDB_F_FALSE;
        return NULL;
    }
    if (!json_is_array(json) || json_array_size(json) != 3
        || !json_is_string(json_array_get(json, 0))
        || !json_is_string(json_array_get(json, 1))) {
        return ovsdb_syntax_error(json, NULL, "a <condition> must be an "
                                  "array [column, function, value], or true "
                                  "or false");
    }
    column_name = json_string_value(json_array_get(json, 0));
    function_name = json_string_value(json_array_get(json, 1));

    column = ovsdb_table_schema_get_column(table, column_name);
    if (!column) {
        return ovsdb_syntax_error(json, OVSDB_E_UNKNOWN_COLUMN, "table %s "
                                  "has no column \"%s\"", table->name,
                                  column_name);
    }
    if (!ovsdb_function_from_string(function_name, &clause->function)) {
        return ovsdb_syntax_error(json, NULL, "unknown function \"%s\" in "
                                  "<condition>", function_name);
    }
    if (function_is_ordering__(clause->function)
        && (!(ovsdb_type_is_scalar(&column->type)
              || ovsdb_type_is_optional_scalar(&column->type))
            || !ovsdb_atomic_type_is_numeric(column->type.key.type))) {
        return type_mismatch__(json, clause->function, column);
    }

    clause->column = column;
    error = ovsdb_datum_from_json_relaxed(&clause->arg, &column->type,
                                          json_array_get(json, 2), resolver);
    if (!error) {
        error = check_arg_size__(clause, json);
    }
    if (!error) {
        error = ovsdb_datum_check_constraints(&clause->arg, &column->type);
    }
    if (error) {
        ovsdb_datum_destroy(&clause->arg, &column->type);
        clause->column = NULL;
        return ovsdb_error_prefix(error, "table %s column %s", table->name,
                                  column->name);
    }
    return NULL;
}

static void
clause_destroy__(struct ovsdb_clause *clause)
{
    if (clause->column) {
        ovsdb_datum_destroy(&clause->arg, &clause->column->type);
    }
}

struct ovsdb_error *
ovsdb_condition_from_json(const struct ovsdb_table_schema *table,
                          const json_t *json,
                          const struct ovsdb_uuid_resolver *resolver,
                          struct ovsdb_condition *cond)
{
    size_t n;

    ovsdb_condition_init(cond);
    if (!json_is_array(json)) {
        return ovsdb_syntax_error(json, NULL, "\"where\" must be an array of "
                                  "<condition>s");
    }
    n = json_array_size(json);
    cond->clauses = xmalloc(MAX(n, 1) * sizeof *cond->clauses);
    for (size_t i = 0; i < n; i++) {
        struct ovsdb_error *error;

        error = clause_from_json__(table, json_array_get(json, i), resolver,
                                   &cond->clauses[i]);
        if (error) {
            ovsdb_condition_destroy(cond);
            return error;
        }
        cond->n_clauses++;
    }
    return NULL;
}

json_t *
ovsdb_condition_to_json(const struct ovsdb_condition *cond)
{
    json_t *json = json_array();

    for (size_t i = 0; i < cond->n_clauses; i++) {
        const struct ovsdb_clause *clause = &cond->clauses[i];
        json_t *clause_json;

        if (clause->function == OVSDB_F_TRUE
            || clause->function == OVSDB_F_FALSE) {
            clause_json = json_boolean(clause->function == OVSDB_F_TRUE);
        } else {
            clause_json = json_array();
            json_array_append_new(clause_json,
                                  json_string(clause->column->name));
            json_array_append_new(
                clause_json,
                json_string(ovsdb_function_to_string(clause->function)));
            json_array_append_new(
                clause_json,
                ovsdb_datum_to_json(&clause->arg, &clause->column->type));
        }
        json_array_append_new(json, clause_json);
    }
    return json;
}

void
ovsdb_condition_destroy(struct ovsdb_condition *cond)
{
    if (!cond) {
        return;
    }
    for (size_t i = 0; i < cond->n_clauses; i++) {
        clause_destroy__(&cond->clauses[i]);
    }
    free(cond->clauses);
    ovsdb_condition_init(cond);
}

bool
ovsdb_clause_evaluate(const struct ovsdb_clause *clause,
                      const struct ovsdb_datum *field)
{
    const struct ovsdb_type *type;
    int cmp;

    if (clause->function == OVSDB_F_TRUE) {
        return true;
    } else if (clause->function == OVSDB_F_FALSE) {
        return false;
    }

    type = &clause->column->type;
    if (function_is_ordering__(clause->function)) {
        /* An empty optional number satisfies no ordering. */
        if (field->n != 1) {
            return false;
        }
        cmp = ovsdb_atom_compare_3way(&field->keys[0], &clause->arg.keys[0],
                                      type->key.type);
    } else {
        cmp = 0;
    }

    switch (clause->function) {
    case OVSDB_F_LT:
        return cmp < 0;
    case OVSDB_F_LE:
        return cmp <= 0;
    case OVSDB_F_GE:
        return cmp >= 0;
    case OVSDB_F_GT:
        return cmp > 0;
    case OVSDB_F_EQ:
        return ovsdb_datum_equals(field, &clause->arg, type);
    case OVSDB_F_NE:
        return !ovsdb_datum_equals(field, &clause->arg, type);
    case OVSDB_F_INCLUDES:
        return ovsdb_datum_includes_all(&clause->arg, field, type);
    case OVSDB_F_EXCLUDES:
        return ovsdb_datum_excludes_all(&clause->arg, field, type);
    case OVSDB_F_TRUE:
    case OVSDB_F_FALSE:
    default:
        OVS_NOT_REACHED();
    }
}

bool
ovsdb_condition_evaluate(const struct ovsdb_condition *cond,
                         const struct ovsdb_datum *fields)
{
    for (size_t i = 0; i < cond->n_clauses; i++) {
        const struct ovsdb_clause *clause = &cond->clauses[i];
        const struct ovsdb_datum *field = (clause->column
                                           ? &fields[clause->column->index]
                                           : NULL);

        if (!ovsdb_clause_evaluate(clause, field)) {
            return false;
        }
    }
    return true;
}

bool
ovsdb_condition_is_true(const struct ovsdb_condition *cond)
{
    for (size_t i = 0; i < cond->n_clauses; i++) {
        if (cond->clauses[i].function != OVSDB_F_TRUE) {
            return false;
        }
    }
    return true;
}

bool
ovsdb_condition_is_false(const struct ovsdb_condition *cond)
{
    for (size_t i = 0; i < cond->n_clauses; i++) {
        if (cond->clauses[i].function == OVSDB_F_FALSE) {
            return true;
        }
    }
    return false;
}
