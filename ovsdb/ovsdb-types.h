/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_TYPES_H
#define OVSDB_TYPES_H 1

/* Column types of the OVSDB schema language (RFC 7047 section 3.2).
 *
 * A column's type (struct ovsdb_type) is a key base type, an optional value
 * base type (present for a map), and bounds on the number of elements:
 *
 *   - value.type == OVSDB_TYPE_VOID, n_min == n_max == 1: a scalar;
 *   - value.type == OVSDB_TYPE_VOID otherwise: a set of keys;
 *   - value.type != OVSDB_TYPE_VOID: a map from keys to values.
 *
 * A base type (struct ovsdb_base_type) is an atomic type plus optional
 * constraints: a set of allowed values ("enum"), a range for integers and
 * reals, a length range for strings, and for UUIDs the table referred to and
 * whether the reference is strong or weak.
 *
 * Types are parsed from and serialised to the schema's JSON.  Serialising
 * gives the canonical form: the short form ("integer") whenever it says the
 * same thing as the object form, and no member that holds its default. */

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <jansson.h>
#include "compiler.h"

struct ovsdb_datum;
struct ovsdb_error;
struct ovsdb_table_schema;

enum ovsdb_atomic_type {
    OVSDB_TYPE_VOID,            /* No value: the "value" of a set type. */
    OVSDB_TYPE_INTEGER,         /* int64_t. */
    OVSDB_TYPE_REAL,            /* double. */
    OVSDB_TYPE_BOOLEAN,         /* bool. */
    OVSDB_TYPE_STRING,          /* UTF-8 text. */
    OVSDB_TYPE_UUID,            /* struct uuid. */
    OVSDB_N_TYPES
};

/* Returns the schema name of 'type' ("integer", ...; "void" for VOID). */
const char *ovsdb_atomic_type_to_string(enum ovsdb_atomic_type type);

/* Parses 'name' ("integer", "real", "boolean", "string" or "uuid") into
 * '*type'.  Returns false if 'name' is none of those. */
bool ovsdb_atomic_type_from_string(const char *name,
                                   enum ovsdb_atomic_type *type);

static inline bool
ovsdb_atomic_type_is_numeric(enum ovsdb_atomic_type type)
{
    return type == OVSDB_TYPE_INTEGER || type == OVSDB_TYPE_REAL;
}

enum ovsdb_ref_type {
    OVSDB_REF_STRONG,           /* The referenced row must exist. */
    OVSDB_REF_WEAK              /* Dangling references are removed. */
};

/* "Unlimited" upper bounds. */
#define OVSDB_UNLIMITED UINT_MAX

struct ovsdb_base_type {
    enum ovsdb_atomic_type type;

    /* If nonnull, the only values allowed: a sorted set of 'type' (owned). */
    struct ovsdb_datum *enum_;

    /* Constraints that depend on 'type'.  The defaults (no constraint) are
     * the widest bounds: INT64_MIN..INT64_MAX, -DBL_MAX..DBL_MAX,
     * 0..OVSDB_UNLIMITED, and no 'ref_table_name'. */
    union {
        struct {
            int64_t min;
            int64_t max;
        } integer;
        struct {
            double min;
            double max;
        } real;
        struct {
            unsigned int min_len;   /* In UTF-8 characters. */
            unsigned int max_len;
        } string;
        struct {
            char *ref_table_name;   /* Owned; NULL if not a reference. */
            enum ovsdb_ref_type ref_type;

            /* The table schema 'ref_table_name' names, filled in by
             * ovsdb_schema_from_json() (NULL until then).  Not owned. */
            const struct ovsdb_table_schema *ref_table;
        } uuid;
    } u;
};

/* Initialises 'base' as 'type' without constraints. */
void ovsdb_base_type_init(struct ovsdb_base_type *base,
                          enum ovsdb_atomic_type type);
void ovsdb_base_type_clone(struct ovsdb_base_type *dst,
                           const struct ovsdb_base_type *src);
void ovsdb_base_type_destroy(struct ovsdb_base_type *base);

/* Removes every constraint from 'base' (the type stays), as RFC 7047 asks
 * when parsing some mutation arguments.  A reference stays a reference. */
void ovsdb_base_type_clear_constraints(struct ovsdb_base_type *base);

/* Returns true if 'base' restricts the values of its atomic type (a
 * reference to a table does not count). */
bool ovsdb_base_type_has_constraints(const struct ovsdb_base_type *base);

static inline bool
ovsdb_base_type_is_ref(const struct ovsdb_base_type *base)
{
    return base->type == OVSDB_TYPE_UUID && base->u.uuid.ref_table_name;
}

static inline bool
ovsdb_base_type_is_strong_ref(const struct ovsdb_base_type *base)
{
    return (ovsdb_base_type_is_ref(base)
            && base->u.uuid.ref_type == OVSDB_REF_STRONG);
}

static inline bool
ovsdb_base_type_is_weak_ref(const struct ovsdb_base_type *base)
{
    return (ovsdb_base_type_is_ref(base)
            && base->u.uuid.ref_type == OVSDB_REF_WEAK);
}

/* Parses an RFC 7047 <base-type> from 'json' into 'base'.  On error leaves
 * 'base' as a VOID type that needs no destruction. */
struct ovsdb_error *ovsdb_base_type_from_json(struct ovsdb_base_type *base,
                                              const json_t *json)
    OVS_WARN_UNUSED_RESULT;

/* Returns the canonical JSON of 'base'. */
json_t *ovsdb_base_type_to_json(const struct ovsdb_base_type *base);

struct ovsdb_type {
    struct ovsdb_base_type key;
    struct ovsdb_base_type value;   /* OVSDB_TYPE_VOID if not a map. */
    unsigned int n_min;             /* 0 or 1. */
    unsigned int n_max;             /* >= 1, >= n_min; or OVSDB_UNLIMITED. */
};

/* Initialises 'type' as a scalar 'key_type' without constraints. */
void ovsdb_type_init_scalar(struct ovsdb_type *type,
                            enum ovsdb_atomic_type key_type);
void ovsdb_type_clone(struct ovsdb_type *dst, const struct ovsdb_type *src);
void ovsdb_type_destroy(struct ovsdb_type *type);

/* Returns true if 'type' is internally consistent (the rules that
 * ovsdb_type_from_json() enforces). */
bool ovsdb_type_is_valid(const struct ovsdb_type *type);

static inline bool
ovsdb_type_is_map(const struct ovsdb_type *type)
{
    return type->value.type != OVSDB_TYPE_VOID;
}

static inline bool
ovsdb_type_is_scalar(const struct ovsdb_type *type)
{
    return (type->value.type == OVSDB_TYPE_VOID
            && type->n_min == 1 && type->n_max == 1);
}

/* A set of zero or one element ("optional" column). */
static inline bool
ovsdb_type_is_optional_scalar(const struct ovsdb_type *type)
{
    return (type->value.type == OVSDB_TYPE_VOID
            && type->n_min == 0 && type->n_max == 1);
}

/* A set type in RFC 7047's sense: not a map and not a scalar. */
static inline bool
ovsdb_type_is_set(const struct ovsdb_type *type)
{
    return type->value.type == OVSDB_TYPE_VOID && !ovsdb_type_is_scalar(type);
}

/* Parses an RFC 7047 <type> (a column's "type") from 'json' into 'type'.
 * On error leaves 'type' in a state that needs no destruction. */
struct ovsdb_error *ovsdb_type_from_json(struct ovsdb_type *type,
                                         const json_t *json)
    OVS_WARN_UNUSED_RESULT;

/* Returns the canonical JSON of 'type'. */
json_t *ovsdb_type_to_json(const struct ovsdb_type *type);

/* Returns a new English description of 'type' for messages, e.g. "integer",
 * "set of up to 4 strings", "map of string-integer pairs".  The caller frees
 * it. */
char *ovsdb_type_to_english(const struct ovsdb_type *type);

#endif /* ovsdb/ovsdb-types.h */
