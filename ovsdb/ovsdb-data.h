/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_DATA_H
#define OVSDB_DATA_H 1

/* Values of OVSDB columns and their RFC 7047 JSON notation.
 *
 * An atom (union ovsdb_atom) is one value of an atomic type; which member is
 * valid is given by the type, which every function takes as a parameter.  A
 * string atom owns its null-terminated, UTF-8 'string'.
 *
 * A datum (struct ovsdb_datum) is the value of one column of one row: 'n'
 * keys, sorted in ascending order without duplicates, and for a map 'n'
 * values in a parallel array ('values[i]' belongs to 'keys[i]').  A scalar
 * is a datum with one key; an empty optional value is a datum with none.
 * Keeping keys sorted makes comparison, hashing, lookup (binary search) and
 * the set operations (linear merges) cheap, and makes the JSON output
 * canonical.
 *
 * JSON parsing follows RFC 7047 section 5.1: an <atom> stands for a
 * one-element set, ["set", [<atom>...]] for a set, ["map", [[<atom>,
 * <atom>]...]] for a map, ["uuid", "<36 characters>"] for a UUID, and
 * ["named-uuid", "<id>"] for the UUID of a row that an "insert" operation of
 * the same transaction names.  Named UUIDs are resolved through a
 * caller-supplied struct ovsdb_uuid_resolver (see ovsdb-symtab.h for a
 * ready-made one); without a resolver they are a syntax error.
 *
 * Error tags used here (RFC 7047 error names):
 *   - "syntax error": JSON of the wrong shape or atomic type, an invalid
 *     UUID string, a named UUID where none may be, and a set or map that
 *     lists the same key twice (RFC 7047 names no error for duplicates;
 *     they make the <set> or <map> notation ill-formed, so we treat them as
 *     syntax);
 *   - "constraint violation": a value outside its base type's constraints
 *     (enum, integer or real range, string length) or a number of elements
 *     outside the column type's min and max. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "compiler.h"
#include "ovsdb-types.h"
#include "uuid.h"

struct ds;
struct ovsdb_error;

union ovsdb_atom {
    int64_t integer;
    double real;
    bool boolean;
    char *string;               /* Owned. */
    struct uuid uuid;
};

/* Resolves the name of an RFC 7047 <named-uuid>. */
struct ovsdb_uuid_resolver {
    /* Stores in '*uuid' the UUID that 'name' stands for and returns NULL, or
     * returns an error.  'base' is the base type of the atom being parsed
     * (so that a resolver can note strong and weak references). */
    struct ovsdb_error *(*resolve)(void *aux, const char *name,
                                   const struct ovsdb_base_type *base,
                                   struct uuid *uuid);
    void *aux;
};

/* Atoms. */

/* Initialises 'atom' as the default of 'type': 0, 0.0, false, "" or the
 * all-zero UUID. */
void ovsdb_atom_init_default(union ovsdb_atom *atom,
                             enum ovsdb_atomic_type type);
bool ovsdb_atom_is_default(const union ovsdb_atom *atom,
                           enum ovsdb_atomic_type type);
void ovsdb_atom_clone(union ovsdb_atom *dst, const union ovsdb_atom *src,
                      enum ovsdb_atomic_type type);
void ovsdb_atom_destroy(union ovsdb_atom *atom, enum ovsdb_atomic_type type);

int ovsdb_atom_compare_3way(const union ovsdb_atom *a,
                            const union ovsdb_atom *b,
                            enum ovsdb_atomic_type type);
bool ovsdb_atom_equals(const union ovsdb_atom *a, const union ovsdb_atom *b,
                       enum ovsdb_atomic_type type);
uint32_t ovsdb_atom_hash(const union ovsdb_atom *atom,
                         enum ovsdb_atomic_type type, uint32_t basis);

/* Parses an <atom> of 'base''s atomic type from 'json' into 'atom', without
 * checking 'base''s constraints.  'resolver' may be NULL. */
struct ovsdb_error *ovsdb_atom_from_json(
    union ovsdb_atom *atom, const struct ovsdb_base_type *base,
    const json_t *json, const struct ovsdb_uuid_resolver *resolver)
    OVS_WARN_UNUSED_RESULT;
json_t *ovsdb_atom_to_json(const union ovsdb_atom *atom,
                           enum ovsdb_atomic_type type);

/* Returns an error (tag "constraint violation") if 'atom' does not satisfy
 * the constraints of 'base'. */
struct ovsdb_error *ovsdb_atom_check_constraints(
    const union ovsdb_atom *atom, const struct ovsdb_base_type *base)
    OVS_WARN_UNUSED_RESULT;

/* Appends 'atom' to 'ds' for humans: 5, 2.5, true, "text", or a UUID. */
void ovsdb_atom_format(const union ovsdb_atom *atom,
                       enum ovsdb_atomic_type type, struct ds *ds);

/* Data. */

struct ovsdb_datum {
    size_t n;                   /* Number of elements. */
    union ovsdb_atom *keys;     /* 'n' keys, sorted, unique. */
    union ovsdb_atom *values;   /* 'n' values for a map, else NULL. */
};

#define OVSDB_DATUM_EMPTY_INITIALIZER { 0, NULL, NULL }

void ovsdb_datum_init_empty(struct ovsdb_datum *datum);

/* Initialises 'datum' as the default value of a column of 'type': the empty
 * set if 'type' allows no elements, otherwise one element (one pair) of the
 * atomic types' defaults. */
void ovsdb_datum_init_default(struct ovsdb_datum *datum,
                              const struct ovsdb_type *type);
bool ovsdb_datum_is_default(const struct ovsdb_datum *datum,
                            const struct ovsdb_type *type);

/* Initialise 'datum' as a one-element datum holding the given atom. */
void ovsdb_datum_init_integer(struct ovsdb_datum *datum, int64_t integer);
void ovsdb_datum_init_real(struct ovsdb_datum *datum, double real);
void ovsdb_datum_init_boolean(struct ovsdb_datum *datum, bool boolean);
void ovsdb_datum_init_string(struct ovsdb_datum *datum, const char *string);
void ovsdb_datum_init_uuid(struct ovsdb_datum *datum,
                           const struct uuid *uuid);

/* Makes 'dst' a deep copy of 'src', both of 'type'. */
void ovsdb_datum_clone(struct ovsdb_datum *dst,
                       const struct ovsdb_datum *src,
                       const struct ovsdb_type *type);

/* Frees the contents of 'datum', of 'type', and leaves it empty. */
void ovsdb_datum_destroy(struct ovsdb_datum *datum,
                         const struct ovsdb_type *type);
void ovsdb_datum_swap(struct ovsdb_datum *a, struct ovsdb_datum *b);

/* Parses an RFC 7047 <value> of 'type' from 'json' into 'datum' and checks
 * it completely: shape, atomic types, no duplicate keys, number of elements
 * and base type constraints.  'resolver' may be NULL.  On error 'datum' is
 * left empty. */
struct ovsdb_error *ovsdb_datum_from_json(
    struct ovsdb_datum *datum, const struct ovsdb_type *type,
    const json_t *json, const struct ovsdb_uuid_resolver *resolver)
    OVS_WARN_UNUSED_RESULT;

/* Like ovsdb_datum_from_json() but checks only the shape, the atomic types
 * and duplicates, not the number of elements or the base type constraints,
 * for callers that apply RFC 7047's relaxed rules (conditions, mutations)
 * and check what applies with the functions below. */
struct ovsdb_error *ovsdb_datum_from_json_relaxed(
    struct ovsdb_datum *datum, const struct ovsdb_type *type,
    const json_t *json, const struct ovsdb_uuid_resolver *resolver)
    OVS_WARN_UNUSED_RESULT;

/* Returns the JSON of 'datum', of 'type': a bare <atom> for one element of a
 * scalar or set, ["set", [...]] for any other number of elements, ["map",
 * [...]] for a map. */
json_t *ovsdb_datum_to_json(const struct ovsdb_datum *datum,
                            const struct ovsdb_type *type);

/* Returns an error (tag "constraint violation") unless 'datum' has between
 * 'type->n_min' and 'type->n_max' elements. */
struct ovsdb_error *ovsdb_datum_check_size(const struct ovsdb_datum *datum,
                                           const struct ovsdb_type *type)
    OVS_WARN_UNUSED_RESULT;

/* Returns an error (tag "constraint violation") unless every key and value
 * of 'datum' satisfies the constraints of 'type''s key and value types. */
struct ovsdb_error *ovsdb_datum_check_constraints(
    const struct ovsdb_datum *datum, const struct ovsdb_type *type)
    OVS_WARN_UNUSED_RESULT;

/* Sorts the keys of 'datum' (moving values along).  Returns an error (tag
 * "syntax error") if two keys are equal, leaving 'datum' sorted with the
 * duplicates still present. */
struct ovsdb_error *ovsdb_datum_sort(struct ovsdb_datum *datum,
                                     const struct ovsdb_type *type)
    OVS_WARN_UNUSED_RESULT;

/* Sorts the keys of 'datum' and drops every element whose key equals that
 * of an earlier one (the first in the original order stays). */
void ovsdb_datum_sort_unique(struct ovsdb_datum *datum,
                             const struct ovsdb_type *type);

bool ovsdb_datum_equals(const struct ovsdb_datum *a,
                        const struct ovsdb_datum *b,
                        const struct ovsdb_type *type);
int ovsdb_datum_compare_3way(const struct ovsdb_datum *a,
                             const struct ovsdb_datum *b,
                             const struct ovsdb_type *type);
uint32_t ovsdb_datum_hash(const struct ovsdb_datum *datum,
                          const struct ovsdb_type *type, uint32_t basis);

/* Looks for 'key' among the keys of 'datum' by binary search.  Returns true
 * if it is there.  If 'idxp' is nonnull, stores there the index of 'key' if
 * found, otherwise the index at which it would be inserted. */
bool ovsdb_datum_find_key(const struct ovsdb_datum *datum,
                          const union ovsdb_atom *key,
                          enum ovsdb_atomic_type key_type, size_t *idxp);

/* Returns true if every element of 'a' (every key-value pair, for a map) is
 * also an element of 'b'.  Both are of 'type'. */
bool ovsdb_datum_includes_all(const struct ovsdb_datum *a,
                              const struct ovsdb_datum *b,
                              const struct ovsdb_type *type);

/* Returns true if no element of 'a' (no key-value pair, for a map) is an
 * element of 'b'.  Both are of 'type'. */
bool ovsdb_datum_excludes_all(const struct ovsdb_datum *a,
                              const struct ovsdb_datum *b,
                              const struct ovsdb_type *type);

/* Adds to 'a' a copy of every element of 'b' whose key is not already in
 * 'a' (for a map, the pair already in 'a' is kept).  Both are of 'type'.
 * This is the "insert" mutator. */
void ovsdb_datum_union(struct ovsdb_datum *a, const struct ovsdb_datum *b,
                       const struct ovsdb_type *type);

/* Removes elements of 'b' from 'a', of 'a_type'.  If 'b_type' is a map type
 * ('a' must be a map too), removes each pair of 'a' whose key and value both
 * equal a pair of 'b'; otherwise 'b' is a set of keys and every element of
 * 'a' whose key is in 'b' goes.  This is the "delete" mutator. */
void ovsdb_datum_subtract(struct ovsdb_datum *a,
                          const struct ovsdb_type *a_type,
                          const struct ovsdb_datum *b,
                          const struct ovsdb_type *b_type);

/* Removes the element at 'idx' from 'datum', of 'type'. */
void ovsdb_datum_remove_at(struct ovsdb_datum *datum, size_t idx,
                           const struct ovsdb_type *type);

/* Appends a copy of 'key' (and of 'value', for a map; NULL otherwise) to
 * 'datum' without keeping the keys sorted: call ovsdb_datum_sort() or
 * ovsdb_datum_sort_unique() before any other use. */
void ovsdb_datum_push(struct ovsdb_datum *datum, const union ovsdb_atom *key,
                      const union ovsdb_atom *value,
                      const struct ovsdb_type *type);

#endif /* ovsdb/ovsdb-data.h */
