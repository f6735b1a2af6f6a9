/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "ovsdb-types.h"

#include <float.h>
#include <inttypes.h>
#include "dynamic-string.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "util.h"

static const char *const atomic_type_names[OVSDB_N_TYPES] = {
    [OVSDB_TYPE_VOID] = "void",
    [OVSDB_TYPE_INTEGER] = "integer",
    [OVSDB_TYPE_REAL] = "real",
    [OVSDB_TYPE_BOOLEAN] = "boolean",
    [OVSDB_TYPE_STRING] = "string",
    [OVSDB_TYPE_UUID] = "uuid",
};

const char *
ovsdb_atomic_type_to_string(enum ovsdb_atomic_type type)
{
    return type < OVSDB_N_TYPES ? atomic_type_names[type] : "<invalid>";
}

bool
ovsdb_atomic_type_from_string(const char *name, enum ovsdb_atomic_type *type)
{
    /* "void" is internal: it is not a type a schema may name. */
    for (int i = OVSDB_TYPE_VOID + 1; i < OVSDB_N_TYPES; i++) {
        if (!strcmp(name, atomic_type_names[i])) {
            *type = i;
            return true;
        }
    }
    return false;
}

/* Base types. */

void
ovsdb_base_type_init(struct ovsdb_base_type *base,
                     enum ovsdb_atomic_type type)
{
    base->type = type;
    base->enum_ = NULL;
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        base->u.integer.min = INT64_MIN;
        base->u.integer.max = INT64_MAX;
        break;
    case OVSDB_TYPE_REAL:
        base->u.real.min = -DBL_MAX;
        base->u.real.max = DBL_MAX;
        break;
    case OVSDB_TYPE_STRING:
        base->u.string.min_len = 0;
        base->u.string.max_len = OVSDB_UNLIMITED;
        break;
    case OVSDB_TYPE_UUID:
        base->u.uuid.ref_table_name = NULL;
        base->u.uuid.ref_type = OVSDB_REF_STRONG;
        base->u.uuid.ref_table = NULL;
        break;
    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_N_TYPES:
    default:
        break;
    }
}

/* Returns a new copy of 'datum', an enum of 'base'. */
static struct ovsdb_datum *
clone_enum__(const struct ovsdb_datum *datum,
             const struct ovsdb_base_type *base)
{
    struct ovsdb_type type;
    struct ovsdb_datum *copy = xmalloc(sizeof *copy);

    ovsdb_type_init_scalar(&type, base->type);
    ovsdb_datum_clone(copy, datum, &type);
    return copy;
}

static void
destroy_enum__(struct ovsdb_datum *datum, enum ovsdb_atomic_type atomic)
{
    if (datum) {
        struct ovsdb_type type;

        ovsdb_type_init_scalar(&type, atomic);
        ovsdb_datum_destroy(datum, &type);
        free(datum);
    }
}

void
ovsdb_base_type_clone(struct ovsdb_base_type *dst,
                      const struct ovsdb_base_type *src)
{
    *dst = *src;
    if (src->enum_) {
        dst->enum_ = clone_enum__(src->enum_, src);
    }
    if (src->type == OVSDB_TYPE_UUID && src->u.uuid.ref_table_name) {
        dst->u.uuid.ref_table_name = xstrdup(src->u.uuid.ref_table_name);
    }
}

void
ovsdb_base_type_destroy(struct ovsdb_base_type *base)
{
    if (!base) {
        return;
    }
    destroy_enum__(base->enum_, base->type);
    base->enum_ = NULL;
    if (base->type == OVSDB_TYPE_UUID) {
        free(base->u.uuid.ref_table_name);
        base->u.uuid.ref_table_name = NULL;
    }
}

void
ovsdb_base_type_clear_constraints(struct ovsdb_base_type *base)
{
    char *ref_table_name = NULL;
    enum ovsdb_ref_type ref_type = OVSDB_REF_STRONG;
    const struct ovsdb_table_schema *ref_table = NULL;

    if (base->type == OVSDB_TYPE_UUID) {
        ref_table_name = base->u.uuid.ref_table_name;
        ref_type = base->u.uuid.ref_type;
        ref_table = base->u.uuid.ref_table;
        base->u.uuid.ref_table_name = NULL;
    }
    ovsdb_base_type_destroy(base);
    ovsdb_base_type_init(base, base->type);
    if (base->type == OVSDB_TYPE_UUID) {
        base->u.uuid.ref_table_name = ref_table_name;
        base->u.uuid.ref_type = ref_type;
        base->u.uuid.ref_table = ref_table;
    }
}

bool
ovsdb_base_type_has_constraints(const struct ovsdb_base_type *base)
{
    if (base->enum_) {
        return true;
    }
    switch (base->type) {
    case OVSDB_TYPE_INTEGER:
        return (base->u.integer.min != INT64_MIN
                || base->u.integer.max != INT64_MAX);
    case OVSDB_TYPE_REAL:
        return base->u.real.min != -DBL_MAX || base->u.real.max != DBL_MAX;
    case OVSDB_TYPE_STRING:
        return (base->u.string.min_len != 0
                || base->u.string.max_len != OVSDB_UNLIMITED);
    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_TYPE_UUID:
    case OVSDB_N_TYPES:
    default:
        return false;
    }
}

/* Parses the "minLength" or "maxLength" 'json' (already known to be an
 * integer) into '*len'. */
static struct ovsdb_error *
parse_length__(const json_t *json, const char *name, unsigned int *len)
{
    json_int_t value = json_integer_value(json);

    if (value < 0 || value >= OVSDB_UNLIMITED) {
        return ovsdb_syntax_error(json, NULL, "base type: %s %"PRId64" is "
                                  "out of range", name, (int64_t) value);
    }
    *len = value;
    return NULL;
}

/* Parses the "enum" member 'json' of 'base' (whose type is set) into
 * 'base->enum_'. */
static struct ovsdb_error *
parse_enum__(struct ovsdb_base_type *base, const json_t *json)
{
    struct ovsdb_datum *datum = xmalloc(sizeof *datum);
    struct ovsdb_error *error;
    struct ovsdb_type type;

    ovsdb_type_init_scalar(&type, base->type);
    type.n_min = 1;
    type.n_max = OVSDB_UNLIMITED;
    error = ovsdb_datum_from_json_relaxed(datum, &type, json, NULL);
    if (error) {
        free(datum);
        return ovsdb_error_prefix(error, "base type: enum");
    } else if (!datum->n) {
        ovsdb_datum_destroy(datum, &type);
        free(datum);
        return ovsdb_syntax_error(json, NULL, "base type: enum must allow "
                                  "at least one value");
    }
    base->enum_ = datum;
    return NULL;
}

/* Parses the type-specific constraint members of the <base-type> object
 * that 'parser' parses into 'base', whose type is already set. */
static struct ovsdb_error *
parse_constraints__(struct ovsdb_base_type *base, struct ovsdb_parser *parser)
{
    const json_t *min = NULL, *max = NULL, *ref_table, *ref_type;
    struct ovsdb_error *error = NULL;

    switch (base->type) {
    case OVSDB_TYPE_INTEGER:
        min = ovsdb_parser_member(parser, "minInteger",
                                  OP_INTEGER | OP_OPTIONAL);
        max = ovsdb_parser_member(parser, "maxInteger",
                                  OP_INTEGER | OP_OPTIONAL);
        if (min) {
            base->u.integer.min = json_integer_value(min);
        }
        if (max) {
            base->u.integer.max = json_integer_value(max);
        }
        break;

    case OVSDB_TYPE_REAL:
        min = ovsdb_parser_member(parser, "minReal", OP_REAL | OP_OPTIONAL);
        max = ovsdb_parser_member(parser, "maxReal", OP_REAL | OP_OPTIONAL);
        if (min) {
            base->u.real.min = json_number_value(min);
        }
        if (max) {
            base->u.real.max = json_number_value(max);
        }
        break;

    case OVSDB_TYPE_STRING:
        min = ovsdb_parser_member(parser, "minLength",
                                  OP_INTEGER | OP_OPTIONAL);
        max = ovsdb_parser_member(parser, "maxLength",
                                  OP_INTEGER | OP_OPTIONAL);
        if (min) {
            error = parse_length__(min, "minLength",
                                   &base->u.string.min_len);
        }
        if (!error && max) {
            error = parse_length__(max, "maxLength",
                                   &base->u.string.max_len);
        }
        break;

    case OVSDB_TYPE_UUID:
        ref_table = ovsdb_parser_member(parser, "refTable",
                                        OP_ID | OP_OPTIONAL);
        ref_type = ovsdb_parser_member(parser, "refType",
                                       OP_STRING | OP_OPTIONAL);
        if (ref_type && !ref_table) {
            ovsdb_parser_raise_error(parser, "refType without refTable");
        } else if (ref_type) {
            const char *s = json_string_value(ref_type);

            if (!strcmp(s, "weak")) {
                base->u.uuid.ref_type = OVSDB_REF_WEAK;
            } else if (strcmp(s, "strong")) {
                ovsdb_parser_raise_error(parser, "refType must be \"strong\" "
                                         "or \"weak\", not \"%s\"", s);
            }
        }
        if (ref_table) {
            base->u.uuid.ref_table_name
                = xstrdup(json_string_value(ref_table));
        }
        break;

    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_N_TYPES:
    default:
        break;
    }
    return error;
}

/* Checks that the bounds of 'base' are not empty ranges. */
static struct ovsdb_error *
check_bounds__(const struct ovsdb_base_type *base, const json_t *json)
{
    if (base->type == OVSDB_TYPE_INTEGER
        && base->u.integer.min > base->u.integer.max) {
        return ovsdb_syntax_error(json, NULL, "base type: minInteger "
                                  "%"PRId64" exceeds maxInteger %"PRId64,
                                  base->u.integer.min, base->u.integer.max);
    } else if (base->type == OVSDB_TYPE_REAL
               && base->u.real.min > base->u.real.max) {
        return ovsdb_syntax_error(json, NULL, "base type: minReal %.17g "
                                  "exceeds maxReal %.17g",
                                  base->u.real.min, base->u.real.max);
    } else if (base->type == OVSDB_TYPE_STRING
               && base->u.string.min_len > base->u.string.max_len) {
        return ovsdb_syntax_error(json, NULL, "base type: minLength %u "
                                  "exceeds maxLength %u",
                                  base->u.string.min_len,
                                  base->u.string.max_len);
    }
    return NULL;
}

static struct ovsdb_error *
base_type_from_object__(struct ovsdb_base_type *base, const json_t *json)
{
    const json_t *type_json, *enum_json;
    enum ovsdb_atomic_type atomic;
    struct ovsdb_parser parser;
    struct ovsdb_error *error;

    ovsdb_parser_init(&parser, json, "base type");
    type_json = ovsdb_parser_member(&parser, "type", OP_STRING);
    if (!type_json) {
        return ovsdb_parser_finish(&parser);
    }
    if (!ovsdb_atomic_type_from_string(json_string_value(type_json),
                                       &atomic)) {
        ovsdb_parser_destroy(&parser);
        return ovsdb_syntax_error(json, NULL, "base type: unknown atomic "
                                  "type \"%s\"",
                                  json_string_value(type_json));
    }
    ovsdb_base_type_init(base, atomic);

    enum_json = ovsdb_parser_member(&parser, "enum", OP_ANY | OP_OPTIONAL);
    error = parse_constraints__(base, &parser);
    if (error) {
        ovsdb_parser_destroy(&parser);
        goto error;
    }
    error = ovsdb_parser_finish(&parser);
    if (!error && enum_json) {
        error = parse_enum__(base, enum_json);
    }
    if (!error) {
        error = check_bounds__(base, json);
    }
    if (error) {
        goto error;
    }
    return NULL;

error:
    ovsdb_base_type_destroy(base);
    ovsdb_base_type_init(base, OVSDB_TYPE_VOID);
    return error;
}

struct ovsdb_error *
ovsdb_base_type_from_json(struct ovsdb_base_type *base, const json_t *json)
{
    enum ovsdb_atomic_type atomic;

    ovsdb_base_type_init(base, OVSDB_TYPE_VOID);
    if (json_is_string(json)) {
        if (!ovsdb_atomic_type_from_string(json_string_value(json),
                                           &atomic)) {
            return ovsdb_syntax_error(json, NULL, "unknown atomic type "
                                      "\"%s\"", json_string_value(json));
        }
        ovsdb_base_type_init(base, atomic);
        return NULL;
    } else if (json_is_object(json)) {
        return base_type_from_object__(base, json);
    }
    return ovsdb_syntax_error(json, NULL, "base type must be a string or an "
                              "object, not %s", ovsdb_json_kind_name(json));
}

json_t *
ovsdb_base_type_to_json(const struct ovsdb_base_type *base)
{
    const char *name = ovsdb_atomic_type_to_string(base->type);
    json_t *json;

    if (!ovsdb_base_type_has_constraints(base)
        && !ovsdb_base_type_is_ref(base)) {
        return json_string(name);
    }

    json = json_object();
    json_object_set_new(json, "type", json_string(name));
    if (base->enum_) {
        struct ovsdb_type type;

        ovsdb_type_init_scalar(&type, base->type);
        type.n_min = 1;
        type.n_max = OVSDB_UNLIMITED;
        json_object_set_new(json, "enum",
                            ovsdb_datum_to_json(base->enum_, &type));
    }
    switch (base->type) {
    case OVSDB_TYPE_INTEGER:
        if (base->u.integer.min != INT64_MIN) {
            json_object_set_new(json, "minInteger",
                                json_integer(base->u.integer.min));
        }
        if (base->u.integer.max != INT64_MAX) {
            json_object_set_new(json, "maxInteger",
                                json_integer(base->u.integer.max));
        }
        break;
    case OVSDB_TYPE_REAL:
        if (base->u.real.min != -DBL_MAX) {
            json_object_set_new(json, "minReal",
                                json_real(base->u.real.min));
        }
        if (base->u.real.max != DBL_MAX) {
            json_object_set_new(json, "maxReal",
                                json_real(base->u.real.max));
        }
        break;
    case OVSDB_TYPE_STRING:
        if (base->u.string.min_len != 0) {
            json_object_set_new(json, "minLength",
                                json_integer(base->u.string.min_len));
        }
        if (base->u.string.max_len != OVSDB_UNLIMITED) {
            json_object_set_new(json, "maxLength",
                                json_integer(base->u.string.max_len));
        }
        break;
    case OVSDB_TYPE_UUID:
        if (base->u.uuid.ref_table_name) {
            json_object_set_new(json, "refTable",
                                json_string(base->u.uuid.ref_table_name));
            if (base->u.uuid.ref_type == OVSDB_REF_WEAK) {
                json_object_set_new(json, "refType", json_string("weak"));
            }
        }
        break;
    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_N_TYPES:
    default:
        break;
    }
    return json;
}

/* Column types. */

void
ovsdb_type_init_scalar(struct ovsdb_type *type,
                       enum ovsdb_atomic_type key_type)
{
    ovsdb_base_type_init(&type->key, key_type);
    ovsdb_base_type_init(&type->value, OVSDB_TYPE_VOID);
    type->n_min = 1;
    type->n_max = 1;
}

void
ovsdb_type_clone(struct ovsdb_type *dst, const struct ovsdb_type *src)
{
    ovsdb_base_type_clone(&dst->key, &src->key);
    ovsdb_base_type_clone(&dst->value, &src->value);
    dst->n_min = src->n_min;
    dst->n_max = src->n_max;
}

void
ovsdb_type_destroy(struct ovsdb_type *type)
{
    if (type) {
        ovsdb_base_type_destroy(&type->key);
        ovsdb_base_type_destroy(&type->value);
    }
}

bool
ovsdb_type_is_valid(const struct ovsdb_type *type)
{
    return (type->key.type != OVSDB_TYPE_VOID
            && type->key.type < OVSDB_N_TYPES
            && type->value.type < OVSDB_N_TYPES
            && type->n_min <= 1
            && type->n_max >= 1);
}

/* Parses the "max" member 'json' of a <type> into '*n_max'. */
static struct ovsdb_error *
parse_max__(const json_t *json, unsigned int *n_max)
{
    if (json_is_string(json)) {
        if (strcmp(json_string_value(json), "unlimited")) {
            return ovsdb_syntax_error(json, NULL, "type: max must be a "
                                      "positive integer or \"unlimited\"");
        }
        *n_max = OVSDB_UNLIMITED;
    } else {
        json_int_t value = json_integer_value(json);

        if (value < 1 || value >= OVSDB_UNLIMITED) {
            return ovsdb_syntax_error(json, NULL, "type: max %"PRId64" is "
                                      "out of range (it must be at least 1)",
                                      (int64_t) value);
        }
        *n_max = value;
    }
    return NULL;
}

static struct ovsdb_error *
type_from_object__(struct ovsdb_type *type, const json_t *json)
{
    const json_t *key, *value, *min, *max;
    struct ovsdb_parser parser;
    struct ovsdb_error *error;

    ovsdb_parser_init(&parser, json, "type");
    key = ovsdb_parser_member(&parser, "key", OP_STRING | OP_OBJECT);
    value = ovsdb_parser_member(&parser, "value",
                                OP_STRING | OP_OBJECT | OP_OPTIONAL);
    min = ovsdb_parser_member(&parser, "min", OP_INTEGER | OP_OPTIONAL);
    max = ovsdb_parser_member(&parser, "max",
                              OP_INTEGER | OP_STRING | OP_OPTIONAL);
    error = ovsdb_parser_finish(&parser);
    if (error) {
        return error;
    }

    if (min) {
        json_int_t n = json_integer_value(min);

        if (n != 0 && n != 1) {
            return ovsdb_syntax_error(min, NULL, "type: min must be 0 or 1, "
                                      "not %"PRId64, (int64_t) n);
        }
        type->n_min = n;
    }
    if (max) {
        error = parse_max__(max, &type->n_max);
        if (error) {
            return error;
        }
    }

    error = ovsdb_base_type_from_json(&type->key, key);
    if (error) {
        return ovsdb_error_prefix(error, "type: key");
    }
    if (value) {
        error = ovsdb_base_type_from_json(&type->value, value);
        if (error) {
            ovsdb_base_type_destroy(&type->key);
            ovsdb_base_type_init(&type->key, OVSDB_TYPE_VOID);
            return ovsdb_error_prefix(error, "type: value");
        }
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_type_from_json(struct ovsdb_type *type, const json_t *json)
{
    enum ovsdb_atomic_type atomic;

    ovsdb_type_init_scalar(type, OVSDB_TYPE_VOID);
    if (json_is_string(json)) {
        if (!ovsdb_atomic_type_from_string(json_string_value(json),
                                           &atomic)) {
            return ovsdb_syntax_error(json, NULL, "unknown atomic type "
                                      "\"%s\"", json_string_value(json));
        }
        ovsdb_type_init_scalar(type, atomic);
        return NULL;
    } else if (json_is_object(json)) {
        return type_from_object__(type, json);
    }
    return ovsdb_syntax_error(json, NULL, "type must be a string or an "
                              "object, not %s", ovsdb_json_kind_name(json));
}

json_t *
ovsdb_type_to_json(const struct ovsdb_type *type)
{
    json_t *json;

    if (ovsdb_type_is_scalar(type)
        && !ovsdb_base_type_has_constraints(&type->key)
        && !ovsdb_base_type_is_ref(&type->key)) {
        return ovsdb_base_type_to_json(&type->key);
    }

    json = json_object();
    json_object_set_new(json, "key", ovsdb_base_type_to_json(&type->key));
    if (ovsdb_type_is_map(type)) {
        json_object_set_new(json, "value",
                            ovsdb_base_type_to_json(&type->value));
    }
    if (type->n_min != 1) {
        json_object_set_new(json, "min", json_integer(type->n_min));
    }
    if (type->n_max == OVSDB_UNLIMITED) {
        json_object_set_new(json, "max", json_string("unlimited"));
    } else if (type->n_max != 1) {
        json_object_set_new(json, "max", json_integer(type->n_max));
    }
    return json;
}

/* Appends to 'ds' the English for how many elements 'type' allows before
 * the element's name, e.g. "up to 4 ", "1 or more ". */
static void
put_size_english__(struct ds *ds, const struct ovsdb_type *type)
{
    if (type->n_max == OVSDB_UNLIMITED) {
        if (type->n_min == 1) {
            ds_put_cstr(ds, "1 or more ");
        }
    } else if (type->n_min == 0) {
        ds_put_format(ds, "up to %u ", type->n_max);
    } else {
        ds_put_format(ds, "%u to %u ", type->n_min, type->n_max);
    }
}

char *
ovsdb_type_to_english(const struct ovsdb_type *type)
{
    const char *key = ovsdb_atomic_type_to_string(type->key.type);
    struct ds ds = DS_EMPTY_INITIALIZER;

    if (ovsdb_type_is_scalar(type)) {
        ds_put_cstr(&ds, key);
    } else if (ovsdb_type_is_optional_scalar(type)) {
        ds_put_format(&ds, "optional %s", key);
    } else if (!ovsdb_type_is_map(type)) {
        ds_put_cstr(&ds, "set of ");
        put_size_english__(&ds, type);
        ds_put_format(&ds, "%ss", key);
    } else {
        ds_put_cstr(&ds, "map of ");
        put_size_english__(&ds, type);
        ds_put_format(&ds, "%s-%s pairs", key,
                      ovsdb_atomic_type_to_string(type->value.type));
    }
    return ds_steal_cstr(&ds);
}
