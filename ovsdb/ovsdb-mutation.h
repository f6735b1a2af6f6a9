/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_MUTATION_H
#define OVSDB_MUTATION_H 1

/* Mutations: the "mutations" of the "mutate" operation (RFC 7047 section
 * 5.1 <mutation>, 5.2.4).
 *
 * A mutation is [<column>, <mutator>, <value>]:
 *   - "+=", "-=", "*=", "/=", "%=" (the last for integers only) apply to
 *     integer and real columns, and to sets of them element by element.
 *     <value> is one number of the column's atomic type; the column's
 *     constraints do not apply to it.
 *   - "insert" adds the elements of <value> (a set, or a map whose pairs are
 *     added only for keys not already present) to a set or map column;
 *     <value> may have fewer elements than the column's minimum.
 *   - "delete" removes from a set the elements of <value> (a set of any
 *     size); from a map it removes the pairs whose keys are in <value> if
 *     <value> is a set of keys, or the pairs equal to one of <value>'s if
 *     <value> is a map.
 *   For "insert" and "delete" only the sizes are relaxed: the elements of
 *   <value> must satisfy the column's constraints.
 *
 * Error tags:
 *   - "unknown column": the table has no such column;
 *   - "constraint violation": the column is "_uuid", "_version" or declared
 *     "mutable": false; an element given to "insert" or "delete" breaks the
 *     column's constraints; the result breaks the column's constraints
 *     (range, enum, length), holds duplicates (e.g. {1, 2} *= 0) or has a
 *     number of elements outside the column type's min and max;
 *   - "domain error": division or remainder by zero;
 *   - "range error": an integer result that does not fit in 64 bits, or a
 *     real result that is not finite (x %= -1 is 0 for every x, since the
 *     remainder always fits);
 *   - "syntax error": anything else (shape, unknown mutator, mutator not
 *     valid for the column's type, <value> of the wrong type or size). */

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include "compiler.h"
#include "ovsdb-data.h"
#include "ovsdb-types.h"

struct ovsdb_column;
struct ovsdb_error;
struct ovsdb_table_schema;

enum ovsdb_mutator {
    OVSDB_M_ADD,
    OVSDB_M_SUB,
    OVSDB_M_MUL,
    OVSDB_M_DIV,
    OVSDB_M_MOD,
    OVSDB_M_INSERT,
    OVSDB_M_DELETE
};

/* Returns the RFC 7047 name of 'mutator', e.g. "+=". */
const char *ovsdb_mutator_to_string(enum ovsdb_mutator mutator);

/* Parses 'name' into '*mutator'.  Returns false if it is not one of the
 * seven RFC 7047 mutator names. */
bool ovsdb_mutator_from_string(const char *name,
                               enum ovsdb_mutator *mutator);

struct ovsdb_mutation {
    enum ovsdb_mutator mutator;
    const struct ovsdb_column *column;
    struct ovsdb_datum arg;
    struct ovsdb_type type;     /* Type of 'arg' (owned). */
};

struct ovsdb_mutation_set {
    struct ovsdb_mutation *mutations;
    size_t n_mutations;
};

#define OVSDB_MUTATION_SET_INITIALIZER { NULL, 0 }

/* Parses the array of <mutation>s 'json' against 'table' into 'set'.
 * 'resolver' resolves <named-uuid>s in values; it may be NULL.  On error
 * 'set' is left empty. */
struct ovsdb_error *ovsdb_mutation_set_from_json(
    const struct ovsdb_table_schema *table, const json_t *json,
    const struct ovsdb_uuid_resolver *resolver,
    struct ovsdb_mutation_set *set)
    OVS_WARN_UNUSED_RESULT;

/* Returns the JSON of 'set', an array of mutations. */
json_t *ovsdb_mutation_set_to_json(const struct ovsdb_mutation_set *set);

void ovsdb_mutation_set_destroy(struct ovsdb_mutation_set *set);

/* Applies 'mutation' to 'field', the value of its column.  On error 'field'
 * is unchanged. */
struct ovsdb_error *ovsdb_mutation_apply(const struct ovsdb_mutation *mutation,
                                         struct ovsdb_datum *field)
    OVS_WARN_UNUSED_RESULT;

/* Applies the mutations of 'set', in order, to the row whose column values
 * are 'fields' (indexed by column index).  On error the mutations before the
 * failing one stay applied, so the caller should work on a copy of the row
 * that it can throw away (as a transaction does). */
struct ovsdb_error *ovsdb_mutation_set_execute(
    const struct ovsdb_mutation_set *set, struct ovsdb_datum *fields)
    OVS_WARN_UNUSED_RESULT;

#endif /* ovsdb/ovsdb-mutation.h */
