/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "ovsdb-mutation.h"

#include <inttypes.h>
#include <math.h>
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "ovsdb-schema.h"
#include "util.h"

static const char *const mutator_names[] = {
    [OVSDB_M_ADD] = "+=",
    [OVSDB_M_SUB] = "-=",
    [OVSDB_M_MUL] = "*=",
    [OVSDB_M_DIV] = "/=",
    [OVSDB_M_MOD] = "%=",
    [OVSDB_M_INSERT] = "insert",
    [OVSDB_M_DELETE] = "delete",
};

const char *
ovsdb_mutator_to_string(enum ovsdb_mutator mutator)
{
    return (mutator < ARRAY_SIZE(mutator_names)
            ? mutator_names[mutator] : "<invalid>");
}

bool
ovsdb_mutator_from_string(const char *name, enum ovsdb_mutator *mutator)
{
    for (size_t i = 0; i < ARRAY_SIZE(mutator_names); i++) {
        if (!strcmp(name, mutator_names[i])) {
            *mutator = i;
            return true;
        }
    }
    return false;
}

static bool
mutator_is_arithmetic__(enum ovsdb_mutator mutator)
{
    return mutator <= OVSDB_M_MOD;
}

/* Parsing. */

/* Returns a "syntax error" saying that 'mutator' does not apply to
 * 'column'. */
static struct ovsdb_error *
type_mismatch__(const json_t *json, enum ovsdb_mutator mutator,
                const struct ovsdb_column *column)
{
    char *english = ovsdb_type_to_english(&column->type);
    struct ovsdb_error *error;

    error = ovsdb_syntax_error(json, NULL, "type mismatch: mutator \"%s\" "
                               "cannot be applied to column %s of type %s",
                               ovsdb_mutator_to_string(mutator),
                               column->name, english);
    free(english);
    return error;
}

/* Returns true if 'json' looks like a <map>: ["map", ...]. */
static bool
json_is_map_notation__(const json_t *json)
{
    const json_t *first = json_array_get(json, 0);

    return (json_is_array(json) && json_array_size(json) == 2
            && json_is_string(first)
            && !strcmp(json_string_value(first), "map"));
}

/* Sets 'm->type', the type of the argument of mutation 'm' whose mutator and
 * column are set, given the argument's JSON 'value'.  Returns an error if
 * the mutator does not apply to the column's type. */
static struct ovsdb_error *
mutation_arg_type__(struct ovsdb_mutation *m, const json_t *json,
                    const json_t *value)
{
    const struct ovsdb_type *col_type = &m->column->type;
    enum ovsdb_atomic_type key_type = col_type->key.type;

    if (mutator_is_arithmetic__(m->mutator)) {
        if (ovsdb_type_is_map(col_type)
            || !ovsdb_atomic_type_is_numeric(key_type)
            || (m->mutator == OVSDB_M_MOD
                && key_type != OVSDB_TYPE_INTEGER)) {
            return type_mismatch__(json, m->mutator, m->column);
        }
        /* One number; the column's constraints do not apply. */
        ovsdb_type_init_scalar(&m->type, key_type);
        return NULL;
    }

    if (ovsdb_type_is_scalar(col_type)) {
        return type_mismatch__(json, m->mutator, m->column);
    }
    ovsdb_type_clone(&m->type, col_type);
    if (m->mutator == OVSDB_M_INSERT) {
        /* Same type, but fewer elements than the minimum are fine. */
        m->type.n_min = 0;
    } else {
        /* "delete": any number of elements, and a map loses pairs either by
         * key (<value> a set of keys) or by pair (<value> a map). */
        m->type.n_min = 0;
        m->type.n_max = OVSDB_UNLIMITED;
        if (ovsdb_type_is_map(col_type) && !json_is_map_notation__(value)) {
            ovsdb_base_type_destroy(&m->type.value);
            ovsdb_base_type_init(&m->type.value, OVSDB_TYPE_VOID);
        }
    }
    return NULL;
}

/* Parses the argument 'value' of mutation 'm', whose type is set. */
static struct ovsdb_error *
mutation_arg_from_json__(struct ovsdb_mutation *m, const json_t *value,
                         const struct ovsdb_uuid_resolver *resolver)
{
    struct ovsdb_error *error;

    error = ovsdb_datum_from_json_relaxed(&m->arg, &m->type, value,
                                          resolver);
    if (error) {
        return error;
    }
    if (mutator_is_arithmetic__(m->mutator) && m->arg.n != 1) {
        return ovsdb_syntax_error(value, NULL, "value for \"%s\" must be "
                                  "one number, not %zu",
                                  ovsdb_mutator_to_string(m->mutator),
                                  m->arg.n);
    } else if (m->arg.n > m->type.n_max) {
        return ovsdb_syntax_error(value, NULL, "value for \"%s\" has %zu "
                                  "elements but the column allows at most "
                                  "%u", ovsdb_mutator_to_string(m->mutator),
                                  m->arg.n, m->type.n_max);
    } else if (!mutator_is_arithmetic__(m->mutator)) {
        return ovsdb_datum_check_constraints(&m->arg, &m->type);
    }
    return NULL;
}

static void
mutation_destroy__(struct ovsdb_mutation *m)
{
    ovsdb_datum_destroy(&m->arg, &m->type);
    ovsdb_type_destroy(&m->type);
}

/* Parses the <mutation> 'json' for 'table' into 'm'.  On success 'm' must
 * be destroyed with mutation_destroy__(); on error it needs nothing. */
static struct ovsdb_error *
mutation_from_json__(const struct ovsdb_table_schema *table,
                     const json_t *json,
                     const struct ovsdb_uuid_resolver *resolver,
                     struct ovsdb_mutation *m)
{
    const char *column_name, *mutator_name;
    struct ovsdb_error *error;
    const json_t *value;

    ovsdb_datum_init_empty(&m->arg);
    if (!json_is_array(json) || json_array_size(json) != 3
        || !json_is_string(json_array_get(json, 0))
        || !json_is_string(json_array_get(json, 1))) {
        return ovsdb_syntax_error(json, NULL, "a <mutation> must be an array "
                                  "[column, mutator, value]");
    }
    column_name = json_string_value(json_array_get(json, 0));
    mutator_name = json_string_value(json_array_get(json, 1));
    value = json_array_get(json, 2);

    m->column = ovsdb_table_schema_get_column(table, column_name);
    if (!m->column) {
        return ovsdb_syntax_error(json, OVSDB_E_UNKNOWN_COLUMN, "table %s "
                                  "has no column \"%s\"", table->name,
                                  column_name);
    }
    if (!ovsdb_mutator_from_string(mutator_name, &m->mutator)) {
        return ovsdb_syntax_error(json, NULL, "unknown mutator \"%s\" in "
                                  "<mutation>", mutator_name);
    }
    if (!m->column->mutable) {
        return ovsdb_syntax_error(json, OVSDB_E_CONSTRAINT, "table %s column "
                                  "%s cannot be mutated: it is %s",
                                  table->name, column_name,
                                  m->column->index < OVSDB_N_RESERVED_COLUMNS
                                  ? "maintained by the database"
                                  : "declared immutable");
    }

    error = mutation_arg_type__(m, json, value);
    if (error) {
        return error;
    }
    error = mutation_arg_from_json__(m, value, resolver);
    if (error) {
        mutation_destroy__(m);
        return ovsdb_error_prefix(error, "table %s column %s", table->name,
                                  column_name);
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_mutation_set_from_json(const struct ovsdb_table_schema *table,
                             const json_t *json,
                             const struct ovsdb_uuid_resolver *resolver,
                             struct ovsdb_mutation_set *set)
{
    size_t n;

    set->mutations = NULL;
    set->n_mutations = 0;
    if (!json_is_array(json)) {
        return ovsdb_syntax_error(json, NULL, "\"mutations\" must be an "
                                  "array of <mutation>s");
    }
    n = json_array_size(json);
    set->mutations = xmalloc(MAX(n, 1) * sizeof *set->mutations);
    for (size_t i = 0; i < n; i++) {
        struct ovsdb_error *error;

        error = mutation_from_json__(table, json_array_get(json, i), resolver,
                                     &set->mutations[i]);
        if (error) {
            ovsdb_mutation_set_destroy(set);
            return error;
        }
        set->n_mutations++;
    }
    return NULL;
}

json_t *
ovsdb_mutation_set_to_json(const struct ovsdb_mutation_set *set)
{
    json_t *json = json_array();

    for (size_t i = 0; i < set->n_mutations; i++) {
        const struct ovsdb_mutation *m = &set->mutations[i];
        json_t *m_json = json_array();

        json_array_append_new(m_json, json_string(m->column->name));
        json_array_append_new(m_json,
                              json_string(ovsdb_mutator_to_string(
                                              m->mutator)));
        json_array_append_new(m_json, ovsdb_datum_to_json(&m->arg, &m->type));
        json_array_append_new(json, m_json);
    }
    return json;
}

void
ovsdb_mutation_set_destroy(struct ovsdb_mutation_set *set)
{
    if (!set) {
        return;
    }
    for (size_t i = 0; i < set->n_mutations; i++) {
        mutation_destroy__(&set->mutations[i]);
    }
    free(set->mutations);
    set->mutations = NULL;
    set->n_mutations = 0;
}

/* Execution. */

/* Computes '*x' OP 'y' for integers. */
static struct ovsdb_error *
mutate_integer__(enum ovsdb_mutator mutator, int64_t *x, int64_t y)
{
    int64_t result = 0;
    bool overflow = false;

    switch (mutator) {
    case OVSDB_M_ADD:
        overflow = __builtin_add_overflow(*x, y, &result);
        break;
    case OVSDB_M_SUB:
        overflow = __builtin_sub_overflow(*x, y, &result);
        break;
    case OVSDB_M_MUL:
        overflow = __builtin_mul_overflow(*x, y, &result);
        break;
    case OVSDB_M_DIV:
    case OVSDB_M_MOD:
        if (!y) {
            return ovsdb_error_create(OVSDB_E_DOMAIN, "%s by zero",
                                      mutator == OVSDB_M_DIV ? "division"
                                      : "remainder");
        } else if (y == -1) {
            /* INT64_MIN / -1 overflows (and traps on x86), so x / -1 and
             * x % -1 are worked out without dividing. */
            if (mutator == OVSDB_M_MOD) {
                result = 0;
            } else if (*x == INT64_MIN) {
                overflow = true;
            } else {
                result = -*x;
            }
        } else {
            result = mutator == OVSDB_M_DIV ? *x / y : *x % y;
        }
        break;
    case OVSDB_M_INSERT:
    case OVSDB_M_DELETE:
    default:
        OVS_NOT_REACHED();
    }
    if (overflow) {
        return ovsdb_error_create(OVSDB_E_RANGE, "%"PRId64" %c %"PRId64" "
                                  "does not fit in a 64-bit integer", *x,
                                  ovsdb_mutator_to_string(mutator)[0], y);
    }
    *x = result;
    return NULL;
}

/* Computes '*x' OP 'y' for reals. */
static struct ovsdb_error *
mutate_real__(enum ovsdb_mutator mutator, double *x, double y)
{
    double result;

    switch (mutator) {
    case OVSDB_M_ADD:
        result = *x + y;
        break;
    case OVSDB_M_SUB:
        result = *x - y;
        break;
    case OVSDB_M_MUL:
        result = *x * y;
        break;
    case OVSDB_M_DIV:
        if (y == 0.0) {
            return ovsdb_error_create(OVSDB_E_DOMAIN, "division by zero");
        }
        result = *x / y;
        break;
    case OVSDB_M_MOD:
    case OVSDB_M_INSERT:
    case OVSDB_M_DELETE:
    default:
        OVS_NOT_REACHED();
    }
    if (!isfinite(result)) {
        return ovsdb_error_create(OVSDB_E_RANGE, "%.17g %c %.17g is out of "
                                  "the range of real numbers", *x,
                                  ovsdb_mutator_to_string(mutator)[0], y);
    }
    *x = result;
    return NULL;
}

/* Applies the arithmetic mutation 'm' to each element of 'field'. */
static struct ovsdb_error *
mutate_arithmetic__(const struct ovsdb_mutation *m, struct ovsdb_datum *field)
{
    const struct ovsdb_type *type = &m->column->type;
    struct ovsdb_error *error;

    for (size_t i = 0; i < field->n; i++) {
        union ovsdb_atom *atom = &field->keys[i];

        error = (type->key.type == OVSDB_TYPE_INTEGER
                 ? mutate_integer__(m->mutator, &atom->integer,
                                    m->arg.keys[0].integer)
                 : mutate_real__(m->mutator, &atom->real,
                                 m->arg.keys[0].real));
        if (error) {
            return error;
        }
    }
    if (field->n > 1) {
        error = ovsdb_datum_sort(field, type);
        if (error) {
            ovsdb_error_destroy(error);
            return ovsdb_error_create(OVSDB_E_CONSTRAINT, "result of \"%s\" "
                                      "has duplicate elements",
                                      ovsdb_mutator_to_string(m->mutator));
        }
    }
    return ovsdb_datum_check_constraints(field, type);
}

struct ovsdb_error *
ovsdb_mutation_apply(const struct ovsdb_mutation *m,
                     struct ovsdb_datum *field)
{
    const struct ovsdb_type *type = &m->column->type;
    struct ovsdb_datum result;
    struct ovsdb_error *error = NULL;

    ovsdb_datum_clone(&result, field, type);
    switch (m->mutator) {
    case OVSDB_M_ADD:
    case OVSDB_M_SUB:
    case OVSDB_M_MUL:
    case OVSDB_M_DIV:
    case OVSDB_M_MOD:
        error = mutate_arithmetic__(m, &result);
        break;
    case OVSDB_M_INSERT:
        ovsdb_datum_union(&result, &m->arg, type);
        break;
    case OVSDB_M_DELETE:
        ovsdb_datum_subtract(&result, type, &m->arg, &m->type);
        break;
    default:
        OVS_NOT_REACHED();
    }
    if (!error) {
        error = ovsdb_datum_check_size(&result, type);
    }
    if (error) {
        ovsdb_datum_destroy(&result, type);
        return ovsdb_error_prefix(error, "mutation \"%s\" of column %s",
                                  ovsdb_mutator_to_string(m->mutator),
                                  m->column->name);
    }
    ovsdb_datum_swap(field, &result);
    ovsdb_datum_destroy(&result, type);
    return NULL;
}

struct ovsdb_error *
ovsdb_mutation_set_execute(const struct ovsdb_mutation_set *set,
                           struct ovsdb_datum *fields)
{
    for (size_t i = 0; i < set->n_mutations; i++) {
        const struct ovsdb_mutation *m = &set->mutations[i];
        struct ovsdb_error *error;

        error = ovsdb_mutation_apply(m, &fields[m->column->index]);
        if (error) {
            return error;
        }
    }
    return NULL;
}
