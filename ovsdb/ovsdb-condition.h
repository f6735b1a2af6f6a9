/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_CONDITION_H
#define OVSDB_CONDITION_H 1

/* Conditions: the "where" of select, update, mutate, delete and wait, and
 * the "where" of monitor_cond (RFC 7047 section 5.1 <condition>).
 *
 * A condition is a list of clauses, all of which must hold (a conjunction;
 * the empty list holds for every row).  A clause is [<column>, <function>,
 * <value>] with <function> one of "<", "<=", "==", "!=", ">=", ">",
 * "includes", "excludes", or, as monitor_cond allows, the JSON literal true
 * or false, which holds for every row or for none.
 *
 * Type rules, from RFC 7047:
 *   - "<", "<=", ">=", ">" apply only to integer and real columns that hold
 *     one number.  We also accept them on an optional integer or real (a set
 *     of at most one number), where an empty value satisfies none of them.
 *     Their <value> must be exactly one number.
 *   - "==" and "!=" apply to every column; <value> must have the column's
 *     type, including its number of elements.
 *   - "includes" and "excludes" apply to every column; <value> may have
 *     fewer elements than the column's minimum, and for "excludes" also more
 *     than its maximum.  On a scalar column they mean "==" and "!=".  On
 *     sets and maps, "includes" holds if the column contains every element
 *     (every key-value pair) of <value>, "excludes" if it contains none.
 * Only the sizes are relaxed: the elements of <value> must satisfy the
 * column's base type constraints (enum, ranges, lengths), as they must for
 * any value of the column's type.
 *
 * Error tags: "unknown column" for a column that the table lacks,
 * "constraint violation" for an element of <value> outside the column's
 * constraints, "syntax error" for everything else (shape, unknown function,
 * function not valid for the column's type, <value> of the wrong type or
 * size). */

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include "compiler.h"
#include "ovsdb-data.h"

struct ovsdb_column;
struct ovsdb_error;
struct ovsdb_table_schema;

enum ovsdb_function {
    OVSDB_F_LT,
    OVSDB_F_LE,
    OVSDB_F_EQ,
    OVSDB_F_NE,
    OVSDB_F_GE,
    OVSDB_F_GT,
    OVSDB_F_INCLUDES,
    OVSDB_F_EXCLUDES,
    OVSDB_F_TRUE,               /* The literal true: no column. */
    OVSDB_F_FALSE               /* The literal false: no column. */
};

/* Returns the RFC 7047 name of 'function' ("true"/"false" for the
 * literals). */
const char *ovsdb_function_to_string(enum ovsdb_function function);

/* Parses 'name' into '*function'.  Returns false if it is not one of the
 * eight RFC 7047 function names. */
bool ovsdb_function_from_string(const char *name,
                                enum ovsdb_function *function);

struct ovsdb_clause {
    enum ovsdb_function function;
    const struct ovsdb_column *column;  /* NULL for TRUE and FALSE. */
    struct ovsdb_datum arg;             /* Of 'column''s type. */
};

struct ovsdb_condition {
    struct ovsdb_clause *clauses;
    size_t n_clauses;
};

#define OVSDB_CONDITION_INITIALIZER { NULL, 0 }

void ovsdb_condition_init(struct ovsdb_condition *cond);

/* Parses the array of <condition>s 'json' against 'table' into 'cond'.
 * 'resolver' resolves <named-uuid>s in values; it may be NULL.  On error
 * 'cond' is left empty. */
struct ovsdb_error *ovsdb_condition_from_json(
    const struct ovsdb_table_schema *table, const json_t *json,
    const struct ovsdb_uuid_resolver *resolver, struct ovsdb_condition *cond)
    OVS_WARN_UNUSED_RESULT;

/* Returns the JSON of 'cond', an array of clauses. */
json_t *ovsdb_condition_to_json(const struct ovsdb_condition *cond);

void ovsdb_condition_destroy(struct ovsdb_condition *cond);

/* Returns true if the row whose column values are 'fields' (indexed by
 * column index, as struct ovsdb_column 'index') satisfies every clause of
 * 'cond'. */
bool ovsdb_condition_evaluate(const struct ovsdb_condition *cond,
                              const struct ovsdb_datum *fields);

/* Returns true if 'clause' holds for the column value 'field'. */
bool ovsdb_clause_evaluate(const struct ovsdb_clause *clause,
                           const struct ovsdb_datum *field);

/* Returns true if 'cond' has no clauses or only "true" ones. */
bool ovsdb_condition_is_true(const struct ovsdb_condition *cond);

/* Returns true if 'cond' has a "false" clause. */
bool ovsdb_condition_is_false(const struct ovsdb_condition *cond);

#endif /* ovsdb/ovsdb-condition.h */
