/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "ovsdb-data.h"

#include <inttypes.h>
#include "dynamic-string.h"
#include "hash.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "util.h"

/* Atoms. */

void
ovsdb_atom_init_default(union ovsdb_atom *atom, enum ovsdb_atomic_type type)
{
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        atom->integer = 0;
        break;
    case OVSDB_TYPE_REAL:
        atom->real = 0.0;
        break;
    case OVSDB_TYPE_BOOLEAN:
        atom->boolean = false;
        break;
    case OVSDB_TYPE_STRING:
        atom->string = xstrdup("");
        break;
    case OVSDB_TYPE_UUID:
        uuid_zero(&atom->uuid);
        break;
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
}

bool
ovsdb_atom_is_default(const union ovsdb_atom *atom,
                      enum ovsdb_atomic_type type)
{
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        return atom->integer == 0;
    case OVSDB_TYPE_REAL:
        return atom->real == 0.0;
    case OVSDB_TYPE_BOOLEAN:
        return !atom->boolean;
    case OVSDB_TYPE_STRING:
        return atom->string[0] == '\0';
    case OVSDB_TYPE_UUID:
        return uuid_is_zero(&atom->uuid);
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
}

void
ovsdb_atom_clone(union ovsdb_atom *dst, const union ovsdb_atom *src,
                 enum ovsdb_atomic_type type)
{
    if (type == OVSDB_TYPE_STRING) {
        dst->string = xstrdup(src->string);
    } else {
        *dst = *src;
    }
}

void
ovsdb_atom_destroy(union ovsdb_atom *atom, enum ovsdb_atomic_type type)
{
    if (type == OVSDB_TYPE_STRING) {
        free(atom->string);
        atom->string = NULL;
    }
}

int
ovsdb_atom_compare_3way(const union ovsdb_atom *a, const union ovsdb_atom *b,
                        enum ovsdb_atomic_type type)
{
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        return a->integer < b->integer ? -1 : a->integer > b->integer;
    case OVSDB_TYPE_REAL:
        return a->real < b->real ? -1 : a->real > b->real;
    case OVSDB_TYPE_BOOLEAN:
        return (int) a->boolean - (int) b->boolean;
    case OVSDB_TYPE_STRING:
        return strcmp(a->string, b->string);
    case OVSDB_TYPE_UUID:
        return uuid_compare_3way(&a->uuid, &b->uuid);
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
}

bool
ovsdb_atom_equals(const union ovsdb_atom *a, const union ovsdb_atom *b,
                  enum ovsdb_atomic_type type)
{
    return !ovsdb_atom_compare_3way(a, b, type);
}

uint32_t
ovsdb_atom_hash(const union ovsdb_atom *atom, enum ovsdb_atomic_type type,
                uint32_t basis)
{
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        return hash_finish(hash_add64(basis, (uint64_t) atom->integer), 8);
    case OVSDB_TYPE_REAL: {
        /* -0.0 and 0.0 compare equal, so they must hash alike. */
        double real = atom->real == 0.0 ? 0.0 : atom->real;
        uint64_t bits;

        memcpy(&bits, &real, sizeof bits);
        return hash_finish(hash_add64(basis, bits), 8);
    }
    case OVSDB_TYPE_BOOLEAN:
        return hash_int(atom->boolean, basis);
    case OVSDB_TYPE_STRING:
        return hash_string(atom->string, basis);
    case OVSDB_TYPE_UUID:
        return hash_int(uuid_hash(&atom->uuid), basis);
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
}

/* Parses a <uuid> or <named-uuid> from 'json' into 'uuid'. */
static struct ovsdb_error *
uuid_from_json__(struct uuid *uuid, const struct ovsdb_base_type *base,
                 const json_t *json,
                 const struct ovsdb_uuid_resolver *resolver)
{
    const json_t *kind, *text;
    const char *name;

    if (!json_is_array(json) || json_array_size(json) != 2) {
        goto error;
    }
    kind = json_array_get(json, 0);
    text = json_array_get(json, 1);
    if (!json_is_string(kind) || !json_is_string(text)) {
        goto error;
    }
    name = json_string_value(text);
    if (!strcmp(json_string_value(kind), "uuid")) {
        if (!uuid_from_buffer(uuid, name, json_string_length(text))) {
            return ovsdb_syntax_error(json, NULL, "\"%s\" is not a valid "
                                      "UUID", name);
        }
        return NULL;
    } else if (!strcmp(json_string_value(kind), "named-uuid")) {
        if (!ovsdb_is_valid_id(name)) {
            return ovsdb_syntax_error(json, NULL, "\"%s\" is not a valid "
                                      "<named-uuid> name", name);
        } else if (!resolver) {
            return ovsdb_syntax_error(json, NULL, "named UUID \"%s\" is not "
                                      "allowed here", name);
        }
        return resolver->resolve(resolver->aux, name, base, uuid);
    }

error:
    return ovsdb_syntax_error(json, NULL, "expected a <uuid> or "
                              "<named-uuid>, not %s",
                              ovsdb_json_kind_name(json));
}

struct ovsdb_error *
ovsdb_atom_from_json(union ovsdb_atom *atom,
                     const struct ovsdb_base_type *base, const json_t *json,
                     const struct ovsdb_uuid_resolver *resolver)
{
    const char *expected;

    switch (base->type) {
    case OVSDB_TYPE_INTEGER:
        if (json_is_integer(json)) {
            atom->integer = json_integer_value(json);
            return NULL;
        }
        expected = "an integer";
        break;
    case OVSDB_TYPE_REAL:
        if (json_is_number(json)) {
            atom->real = json_number_value(json);
            return NULL;
        }
        expected = "a real number";
        break;
    case OVSDB_TYPE_BOOLEAN:
        if (json_is_boolean(json)) {
            atom->boolean = json_is_true(json);
            return NULL;
        }
        expected = "a boolean";
        break;
    case OVSDB_TYPE_STRING:
        if (json_is_string(json)) {
            atom->string = xstrdup(json_string_value(json));
            return NULL;
        }
        expected = "a string";
        break;
    case OVSDB_TYPE_UUID:
        return uuid_from_json__(&atom->uuid, base, json, resolver);
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
    return ovsdb_syntax_error(json, NULL, "expected %s, not %s", expected,
                              ovsdb_json_kind_name(json));
}

json_t *
ovsdb_atom_to_json(const union ovsdb_atom *atom, enum ovsdb_atomic_type type)
{
    char buf[UUID_BUFSIZE];
    json_t *json;

    switch (type) {
    case OVSDB_TYPE_INTEGER:
        return json_integer(atom->integer);
    case OVSDB_TYPE_REAL:
        return json_real(atom->real);
    case OVSDB_TYPE_BOOLEAN:
        return json_boolean(atom->boolean);
    case OVSDB_TYPE_STRING:
        json = json_string(atom->string);
        /* Strings come from parsed JSON and so are valid UTF-8; this only
         * guards against a caller that built an atom by hand. */
        return json ? json : json_string("");
    case OVSDB_TYPE_UUID:
        json = json_array();
        json_array_append_new(json, json_string("uuid"));
        json_array_append_new(json,
                              json_string(uuid_to_string(&atom->uuid, buf)));
        return json;
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
}

void
ovsdb_atom_format(const union ovsdb_atom *atom, enum ovsdb_atomic_type type,
                  struct ds *ds)
{
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        ds_put_format(ds, "%"PRId64, atom->integer);
        break;
    case OVSDB_TYPE_REAL:
        ds_put_format(ds, "%.17g", atom->real);
        break;
    case OVSDB_TYPE_BOOLEAN:
        ds_put_cstr(ds, atom->boolean ? "true" : "false");
        break;
    case OVSDB_TYPE_STRING:
        ds_put_format(ds, "\"%s\"", atom->string);
        break;
    case OVSDB_TYPE_UUID:
        uuid_format(ds, &atom->uuid);
        break;
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
}

/* Returns the number of UTF-8 characters in 's'. */
static size_t
utf8_length__(const char *s)
{
    size_t n = 0;

    for (; *s; s++) {
        n += ((unsigned char) *s & 0xc0) != 0x80;
    }
    return n;
}

/* Returns a "constraint violation" error saying that 'atom' is not among the
 * values of 'base''s enum. */
static struct ovsdb_error *
enum_error__(const union ovsdb_atom *atom, const struct ovsdb_base_type *base)
{
    const struct ovsdb_datum *allowed = base->enum_;
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct ovsdb_error *error;

    ovsdb_atom_format(atom, base->type, &ds);
    ds_put_cstr(&ds, " is not one of the allowed values (");
    for (size_t i = 0; i < allowed->n; i++) {
        if (i) {
            ds_put_cstr(&ds, ", ");
        }
        ovsdb_atom_format(&allowed->keys[i], base->type, &ds);
    }
    ds_put_char(&ds, ')');
    error = ovsdb_error_create(OVSDB_E_CONSTRAINT, "%s", ds_cstr(&ds));
    ds_destroy(&ds);
    return error;
}

struct ovsdb_error *
ovsdb_atom_check_constraints(const union ovsdb_atom *atom,
                             const struct ovsdb_base_type *base)
{
    size_t len;

    if (base->enum_
        && !ovsdb_datum_find_key(base->enum_, atom, base->type, NULL)) {
        return enum_error__(atom, base);
    }
    switch (base->type) {
    case OVSDB_TYPE_INTEGER:
        if (atom->integer < base->u.integer.min) {
            return ovsdb_error_create(OVSDB_E_CONSTRAINT, "%"PRId64" is less "
                                      "than the minimum allowed value "
                                      "%"PRId64, atom->integer,
                                      base->u.integer.min);
        } else if (atom->integer > base->u.integer.max) {
            return ovsdb_error_create(OVSDB_E_CONSTRAINT, "%"PRId64" is "
                                      "greater than the maximum allowed "
                                      "value %"PRId64, atom->integer,
                                      base->u.integer.max);
        }
        break;
    case OVSDB_TYPE_REAL:
        if (atom->real < base->u.real.min) {
            return ovsdb_error_create(OVSDB_E_CONSTRAINT, "%.17g is less "
                                      "than the minimum allowed value %.17g",
                                      atom->real, base->u.real.min);
        } else if (atom->real > base->u.real.max) {
            return ovsdb_error_create(OVSDB_E_CONSTRAINT, "%.17g is greater "
                                      "than the maximum allowed value %.17g",
                                      atom->real, base->u.real.max);
        }
        break;
    case OVSDB_TYPE_STRING:
        if (base->u.string.min_len == 0
            && base->u.string.max_len == OVSDB_UNLIMITED) {
            break;
        }
        len = utf8_length__(atom->string);
        if (len < base->u.string.min_len) {
            return ovsdb_error_create(OVSDB_E_CONSTRAINT, "\"%s\" is %zu "
                                      "characters long, shorter than the "
                                      "minimum length %u", atom->string,
                                      len, base->u.string.min_len);
        } else if (len > base->u.string.max_len) {
            return ovsdb_error_create(OVSDB_E_CONSTRAINT, "\"%s\" is %zu "
                                      "characters long, longer than the "
                                      "maximum length %u", atom->string,
                                      len, base->u.string.max_len);
        }
        break;
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_TYPE_UUID:
        break;
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
    return NULL;
}

/* Data. */

void
ovsdb_datum_init_empty(struct ovsdb_datum *datum)
{
    datum->n = 0;
    datum->keys = NULL;
    datum->values = NULL;
}

void
ovsdb_datum_init_default(struct ovsdb_datum *datum,
                         const struct ovsdb_type *type)
{
    ovsdb_datum_init_empty(datum);
    if (type->n_min == 0) {
        return;
    }
    datum->n = 1;
    datum->keys = xmalloc(sizeof *datum->keys);
    ovsdb_atom_init_default(&datum->keys[0], type->key.type);
    if (ovsdb_type_is_map(type)) {
        datum->values = xmalloc(sizeof *datum->values);
        ovsdb_atom_init_default(&datum->values[0], type->value.type);
    }
}

bool
ovsdb_datum_is_default(const struct ovsdb_datum *datum,
                       const struct ovsdb_type *type)
{
    if (type->n_min == 0) {
        return datum->n == 0;
    }
    return (datum->n == 1
            && ovsdb_atom_is_default(&datum->keys[0], type->key.type)
            && (!ovsdb_type_is_map(type)
                || ovsdb_atom_is_default(&datum->values[0],
                                         type->value.type)));
}

/* Initialises 'datum' with one key whose contents the caller fills in. */
static union ovsdb_atom *
init_single__(struct ovsdb_datum *datum)
{
    datum->n = 1;
    datum->keys = xmalloc(sizeof *datum->keys);
    datum->values = NULL;
    return &datum->keys[0];
}

void
ovsdb_datum_init_integer(struct ovsdb_datum *datum, int64_t integer)
{
    init_single__(datum)->integer = integer;
}

void
ovsdb_datum_init_real(struct ovsdb_datum *datum, double real)
{
    init_single__(datum)->real = real;
}

void
ovsdb_datum_init_boolean(struct ovsdb_datum *datum, bool boolean)
{
    init_single__(datum)->boolean = boolean;
}

void
ovsdb_datum_init_string(struct ovsdb_datum *datum, const char *string)
{
    init_single__(datum)->string = xstrdup(string);
}

void
ovsdb_datum_init_uuid(struct ovsdb_datum *datum, const struct uuid *uuid)
{
    init_single__(datum)->uuid = *uuid;
}

/* Returns a new array with copies of the 'n' atoms of 'type' in 'src'. */
static union ovsdb_atom *
clone_atoms__(const union ovsdb_atom *src, size_t n,
              enum ovsdb_atomic_type type)
{
    union ovsdb_atom *dst;

    if (!n) {
        return NULL;
    }
    dst = xmalloc(n * sizeof *dst);
    if (type == OVSDB_TYPE_STRING) {
        for (size_t i = 0; i < n; i++) {
            dst[i].string = xstrdup(src[i].string);
        }
    } else {
        memcpy(dst, src, n * sizeof *dst);
    }
    return dst;
}

void
ovsdb_datum_clone(struct ovsdb_datum *dst, const struct ovsdb_datum *src,
                  const struct ovsdb_type *type)
{
    dst->n = src->n;
    dst->keys = clone_atoms__(src->keys, src->n, type->key.type);
    dst->values = (ovsdb_type_is_map(type)
                   ? clone_atoms__(src->values, src->n, type->value.type)
                   : NULL);
}

/* Frees the 'n' atoms of 'type' in 'atoms' and the array itself. */
static void
free_atoms__(union ovsdb_atom *atoms, size_t n, enum ovsdb_atomic_type type)
{
    if (atoms && type == OVSDB_TYPE_STRING) {
        for (size_t i = 0; i < n; i++) {
            free(atoms[i].string);
        }
    }
    free(atoms);
}

void
ovsdb_datum_destroy(struct ovsdb_datum *datum, const struct ovsdb_type *type)
{
    if (!datum) {
        return;
    }
    free_atoms__(datum->keys, datum->n, type->key.type);
    free_atoms__(datum->values, datum->n, type->value.type);
    ovsdb_datum_init_empty(datum);
}

void
ovsdb_datum_swap(struct ovsdb_datum *a, struct ovsdb_datum *b)
{
    struct ovsdb_datum tmp = *a;

    *a = *b;
    *b = tmp;
}

/* Sorting. */

/* Sorts the 'n' indexes in 'idx' by the keys of 'datum' they designate,
 * stably, using 'tmp' (room for 'n' indexes) as scratch space. */
static void
merge_sort__(size_t *idx, size_t *tmp, size_t n,
             const union ovsdb_atom *keys, enum ovsdb_atomic_type type)
{
    size_t half = n / 2;
    size_t i, j, k;

    if (n < 2) {
        return;
    }
    merge_sort__(idx, tmp, half, keys, type);
    merge_sort__(idx + half, tmp, n - half, keys, type);

    i = 0;
    j = half;
    k = 0;
    while (i < half && j < n) {
        if (ovsdb_atom_compare_3way(&keys[idx[j]], &keys[idx[i]], type) < 0) {
            tmp[k++] = idx[j++];
        } else {
            tmp[k++] = idx[i++];
        }
    }
    while (i < half) {
        tmp[k++] = idx[i++];
    }
    while (j < n) {
        tmp[k++] = idx[j++];
    }
    memcpy(idx, tmp, n * sizeof *idx);
}

/* Returns true if the keys of 'datum' are in strictly ascending order. */
static bool
is_strictly_sorted__(const struct ovsdb_datum *datum,
                     enum ovsdb_atomic_type key_type)
{
    for (size_t i = 1; i < datum->n; i++) {
        if (ovsdb_atom_compare_3way(&datum->keys[i - 1], &datum->keys[i],
                                    key_type) >= 0) {
            return false;
        }
    }
    return true;
}

/* Sorts 'datum' stably by key, duplicates included. */
static void
sort_by_key__(struct ovsdb_datum *datum, const struct ovsdb_type *type)
{
    size_t n = datum->n;
    size_t *idx, *tmp;
    union ovsdb_atom *atoms;

    if (is_strictly_sorted__(datum, type->key.type)) {
        return;
    }

    idx = xmalloc(n * sizeof *idx);
    tmp = xmalloc(n * sizeof *tmp);
    for (size_t i = 0; i < n; i++) {
        idx[i] = i;
    }
    merge_sort__(idx, tmp, n, datum->keys, type->key.type);
    free(tmp);

    atoms = xmalloc(n * sizeof *atoms);
    for (size_t i = 0; i < n; i++) {
        atoms[i] = datum->keys[idx[i]];
    }
    free(datum->keys);
    datum->keys = atoms;

    if (datum->values) {
        atoms = xmalloc(n * sizeof *atoms);
        for (size_t i = 0; i < n; i++) {
            atoms[i] = datum->values[idx[i]];
        }
        free(datum->values);
        datum->values = atoms;
    }
    free(idx);
}

struct ovsdb_error *
ovsdb_datum_sort(struct ovsdb_datum *datum, const struct ovsdb_type *type)
{
    sort_by_key__(datum, type);
    for (size_t i = 1; i < datum->n; i++) {
        if (ovsdb_atom_equals(&datum->keys[i - 1], &datum->keys[i],
                              type->key.type)) {
            struct ds ds = DS_EMPTY_INITIALIZER;
            struct ovsdb_error *error;

            ovsdb_atom_format(&datum->keys[i], type->key.type, &ds);
            error = ovsdb_error_create(OVSDB_E_SYNTAX, "%s contains "
                                       "duplicate %s %s",
                                       ovsdb_type_is_map(type) ? "map"
                                       : "set",
                                       ovsdb_type_is_map(type) ? "key"
                                       : "value", ds_cstr(&ds));
            ds_destroy(&ds);
            return error;
        }
    }
    return NULL;
}

void
ovsdb_datum_sort_unique(struct ovsdb_datum *datum,
                        const struct ovsdb_type *type)
{
    size_t n = 0;

    sort_by_key__(datum, type);
    for (size_t i = 0; i < datum->n; i++) {
        if (n && ovsdb_atom_equals(&datum->keys[n - 1], &datum->keys[i],
                                   type->key.type)) {
            ovsdb_atom_destroy(&datum->keys[i], type->key.type);
            if (datum->values) {
                ovsdb_atom_destroy(&datum->values[i], type->value.type);
            }
            continue;
        }
        datum->keys[n] = datum->keys[i];
        if (datum->values) {
            datum->values[n] = datum->values[i];
        }
        n++;
    }
    datum->n = n;
}

/* JSON. */

/* Returns true if 'json' is a 2-element array whose first element is the
 * string 'tag' ("set" or "map"). */
static bool
is_tagged_array__(const json_t *json, const char *tag)
{
    const json_t *first;

    if (!json_is_array(json) || json_array_size(json) != 2) {
        return false;
    }
    first = json_array_get(json, 0);
    return json_is_string(first) && !strcmp(json_string_value(first), tag);
}

/* Parses the ["map", [[k, v]...]] 'json' into 'datum' (empty), unsorted. */
static struct ovsdb_error *
map_from_json__(struct ovsdb_datum *datum, const struct ovsdb_type *type,
                const json_t *json,
                const struct ovsdb_uuid_resolver *resolver)
{
    const json_t *pairs = json_array_get(json, 1);
    size_t n;

    if (!is_tagged_array__(json, "map") || !json_is_array(pairs)) {
        return ovsdb_syntax_error(json, NULL, "expected a <map> ([\"map\", "
                                  "[[key, value], ...]]), not %s",
                                  ovsdb_json_kind_name(json));
    }
    n = json_array_size(pairs);
    datum->keys = xmalloc(MAX(n, 1) * sizeof *datum->keys);
    datum->values = xmalloc(MAX(n, 1) * sizeof *datum->values);
    for (size_t i = 0; i < n; i++) {
        const json_t *pair = json_array_get(pairs, i);
        struct ovsdb_error *error;

        if (!json_is_array(pair) || json_array_size(pair) != 2) {
            return ovsdb_syntax_error(pair, NULL, "expected a key-value "
                                      "pair ([key, value]) in <map>");
        }
        error = ovsdb_atom_from_json(&datum->keys[i], &type->key,
                                     json_array_get(pair, 0), resolver);
        if (error) {
            return error;
        }
        error = ovsdb_atom_from_json(&datum->values[i], &type->value,
                                     json_array_get(pair, 1), resolver);
        if (error) {
            ovsdb_atom_destroy(&datum->keys[i], type->key.type);
            return error;
        }
        datum->n++;
    }
    return NULL;
}

/* Parses the <set> 'json' into 'datum' (empty), unsorted. */
static struct ovsdb_error *
set_from_json__(struct ovsdb_datum *datum, const struct ovsdb_type *type,
                const json_t *json,
                const struct ovsdb_uuid_resolver *resolver)
{
    struct ovsdb_error *error;
    const json_t *elems;
    size_t n;

    if (!is_tagged_array__(json, "set")) {
        /* A lone <atom> is a set of one element. */
        datum->keys = xmalloc(sizeof *datum->keys);
        error = ovsdb_atom_from_json(&datum->keys[0], &type->key, json,
                                     resolver);
        if (!error) {
            datum->n = 1;
        }
        return error;
    }

    elems = json_array_get(json, 1);
    if (!json_is_array(elems)) {
        return ovsdb_syntax_error(json, NULL, "expected an array of atoms "
                                  "as the second element of <set>");
    }
    n = json_array_size(elems);
    datum->keys = xmalloc(MAX(n, 1) * sizeof *datum->keys);
    for (size_t i = 0; i < n; i++) {
        error = ovsdb_atom_from_json(&datum->keys[i], &type->key,
                                     json_array_get(elems, i), resolver);
        if (error) {
            return error;
        }
        datum->n++;
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_datum_from_json_relaxed(struct ovsdb_datum *datum,
                              const struct ovsdb_type *type,
                              const json_t *json,
                              const struct ovsdb_uuid_resolver *resolver)
{
    struct ovsdb_error *error;

    ovsdb_datum_init_empty(datum);
    error = (ovsdb_type_is_map(type)
             ? map_from_json__(datum, type, json, resolver)
             : set_from_json__(datum, type, json, resolver));
    if (!error) {
        error = ovsdb_datum_sort(datum, type);
    }
    if (error) {
        ovsdb_datum_destroy(datum, type);
    }
    return error;
}

struct ovsdb_error *
ovsdb_datum_from_json(struct ovsdb_datum *datum,
                      const struct ovsdb_type *type, const json_t *json,
                      const struct ovsdb_uuid_resolver *resolver)
{
    struct ovsdb_error *error;

    error = ovsdb_datum_from_json_relaxed(datum, type, json, resolver);
    if (error) {
        return error;
    }
    error = ovsdb_datum_check_size(datum, type);
    if (!error) {
        error = ovsdb_datum_check_constraints(datum, type);
    }
    if (error) {
        ovsdb_datum_destroy(datum, type);
    }
    return error;
}

json_t *
ovsdb_datum_to_json(const struct ovsdb_datum *datum,
                    const struct ovsdb_type *type)
{
    json_t *json, *elems;

    if (ovsdb_type_is_map(type)) {
        elems = json_array();
        for (size_t i = 0; i < datum->n; i++) {
            json_t *pair = json_array();

            json_array_append_new(pair, ovsdb_atom_to_json(&datum->keys[i],
                                                           type->key.type));
            json_array_append_new(pair,
                                  ovsdb_atom_to_json(&datum->values[i],
                                                     type->value.type));
            json_array_append_new(elems, pair);
        }
        json = json_array();
        json_array_append_new(json, json_string("map"));
        json_array_append_new(json, elems);
        return json;
    } else if (datum->n == 1) {
        return ovsdb_atom_to_json(&datum->keys[0], type->key.type);
    }

    elems = json_array();
    for (size_t i = 0; i < datum->n; i++) {
        json_array_append_new(elems, ovsdb_atom_to_json(&datum->keys[i],
                                                        type->key.type));
    }
    json = json_array();
    json_array_append_new(json, json_string("set"));
    json_array_append_new(json, elems);
    return json;
}

/* Checks. */

struct ovsdb_error *
ovsdb_datum_check_size(const struct ovsdb_datum *datum,
                       const struct ovsdb_type *type)
{
    struct ovsdb_error *error;
    char *english;

    if (datum->n >= type->n_min && datum->n <= type->n_max) {
        return NULL;
    }

    english = ovsdb_type_to_english(type);
    error = ovsdb_error_create(
        OVSDB_E_CONSTRAINT, "%zu element%s present where the type (%s) "
        "requires %s %u", datum->n, datum->n == 1 ? " is" : "s are",
        english, datum->n < type->n_min ? "at least" : "at most",
        datum->n < type->n_min ? type->n_min : type->n_max);
    free(english);
    return error;
}

struct ovsdb_error *
ovsdb_datum_check_constraints(const struct ovsdb_datum *datum,
                              const struct ovsdb_type *type)
{
    bool check_keys = ovsdb_base_type_has_constraints(&type->key);
    bool check_values = (ovsdb_type_is_map(type)
                         && ovsdb_base_type_has_constraints(&type->value));

    for (size_t i = 0; i < datum->n && (check_keys || check_values); i++) {
        struct ovsdb_error *error = NULL;

        if (check_keys) {
            error = ovsdb_atom_check_constraints(&datum->keys[i], &type->key);
        }
        if (!error && check_values) {
            error = ovsdb_atom_check_constraints(&datum->values[i],
                                                 &type->value);
        }
        if (error) {
            return error;
        }
    }
    return NULL;
}

/* Comparison and hashing. */

int
ovsdb_datum_compare_3way(const struct ovsdb_datum *a,
                         const struct ovsdb_datum *b,
                         const struct ovsdb_type *type)
{
    size_t n = MIN(a->n, b->n);
    bool map = ovsdb_type_is_map(type);

    for (size_t i = 0; i < n; i++) {
        int cmp = ovsdb_atom_compare_3way(&a->keys[i], &b->keys[i],
                                          type->key.type);

        if (!cmp && map) {
            cmp = ovsdb_atom_compare_3way(&a->values[i], &b->values[i],
                                          type->value.type);
        }
        if (cmp) {
            return cmp < 0 ? -1 : 1;
        }
    }
    return a->n < b->n ? -1 : a->n > b->n;
}

bool
ovsdb_datum_equals(const struct ovsdb_datum *a, const struct ovsdb_datum *b,
                   const struct ovsdb_type *type)
{
    return a->n == b->n && !ovsdb_datum_compare_3way(a, b, type);
}

uint32_t
ovsdb_datum_hash(const struct ovsdb_datum *datum,
                 const struct ovsdb_type *type, uint32_t basis)
{
    uint32_t hash = basis;

    for (size_t i = 0; i < datum->n; i++) {
        hash = ovsdb_atom_hash(&datum->keys[i], type->key.type, hash);
        if (ovsdb_type_is_map(type)) {
            hash = ovsdb_atom_hash(&datum->values[i], type->value.type, hash);
        }
    }
    return hash_finish(hash, datum->n);
}

/* Lookup and set operations. */

bool
ovsdb_datum_find_key(const struct ovsdb_datum *datum,
                     const union ovsdb_atom *key,
                     enum ovsdb_atomic_type key_type, size_t *idxp)
{
    size_t lo = 0, hi = datum->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = ovsdb_atom_compare_3way(key, &datum->keys[mid], key_type);

        if (!cmp) {
            if (idxp) {
                *idxp = mid;
            }
            return true;
        } else if (cmp < 0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    if (idxp) {
        *idxp = lo;
    }
    return false;
}

/* Returns true if element 'i' of 'a' is also an element of 'b' (for maps:
 * the same key with the same value), starting the search in 'b' at '*j' and
 * leaving '*j' at the first key of 'b' not less than the element's key.
 * Because 'a' and 'b' are sorted, calling this for increasing 'i' walks both
 * once. */
static bool
merge_contains__(const struct ovsdb_datum *a, size_t i,
                 const struct ovsdb_datum *b, size_t *j,
                 const struct ovsdb_type *type)
{
    enum ovsdb_atomic_type key_type = type->key.type;

    while (*j < b->n
           && ovsdb_atom_compare_3way(&b->keys[*j], &a->keys[i],
                                      key_type) < 0) {
        (*j)++;
    }
    if (*j >= b->n
        || !ovsdb_atom_equals(&b->keys[*j], &a->keys[i], key_type)) {
        return false;
    }
    return (!ovsdb_type_is_map(type)
            || ovsdb_atom_equals(&b->values[*j], &a->values[i],
                                 type->value.type));
}

bool
ovsdb_datum_includes_all(const struct ovsdb_datum *a,
                         const struct ovsdb_datum *b,
                         const struct ovsdb_type *type)
{
    size_t j = 0;

    if (a->n > b->n) {
        return false;
    }
    for (size_t i = 0; i < a->n; i++) {
        if (!merge_contains__(a, i, b, &j, type)) {
            return false;
        }
    }
    return true;
}

bool
ovsdb_datum_excludes_all(const struct ovsdb_datum *a,
                         const struct ovsdb_datum *b,
                         const struct ovsdb_type *type)
{
    size_t j = 0;

    for (size_t i = 0; i < a->n; i++) {
        if (merge_contains__(a, i, b, &j, type)) {
            return false;
        }
    }
    return true;
}

void
ovsdb_datum_union(struct ovsdb_datum *a, const struct ovsdb_datum *b,
                  const struct ovsdb_type *type)
{
    enum ovsdb_atomic_type key_type = type->key.type;
    bool map = ovsdb_type_is_map(type);
    size_t max = a->n + b->n;
    union ovsdb_atom *keys, *values;
    size_t i = 0, j = 0, n = 0;

    if (!b->n) {
        return;
    }
    keys = xmalloc(max * sizeof *keys);
    values = map ? xmalloc(max * sizeof *values) : NULL;
    while (i < a->n || j < b->n) {
        int cmp = (i >= a->n ? 1
                   : j >= b->n ? -1
                   : ovsdb_atom_compare_3way(&a->keys[i], &b->keys[j],
                                             key_type));

        if (cmp <= 0) {
            /* Keep 'a''s element, and skip 'b''s if it has the same key. */
            keys[n] = a->keys[i];
            if (map) {
                values[n] = a->values[i];
            }
            i++;
            j += !cmp;
        } else {
            ovsdb_atom_clone(&keys[n], &b->keys[j], key_type);
            if (map) {
                ovsdb_atom_clone(&values[n], &b->values[j], type->value.type);
            }
            j++;
        }
        n++;
    }
    free(a->keys);
    free(a->values);
    a->keys = keys;
    a->values = values;
    a->n = n;
}

void
ovsdb_datum_subtract(struct ovsdb_datum *a, const struct ovsdb_type *a_type,
                     const struct ovsdb_datum *b,
                     const struct ovsdb_type *b_type)
{
    enum ovsdb_atomic_type key_type = a_type->key.type;
    bool a_map = ovsdb_type_is_map(a_type);
    bool by_pair = ovsdb_type_is_map(b_type);
    size_t j = 0, n = 0;

    for (size_t i = 0; i < a->n; i++) {
        bool remove;

        while (j < b->n
               && ovsdb_atom_compare_3way(&b->keys[j], &a->keys[i],
                                          key_type) < 0) {
            j++;
        }
        remove = (j < b->n
                  && ovsdb_atom_equals(&b->keys[j], &a->keys[i], key_type)
                  && (!by_pair
                      || ovsdb_atom_equals(&b->values[j], &a->values[i],
                                           a_type->value.type)));
        if (remove) {
            ovsdb_atom_destroy(&a->keys[i], key_type);
            if (a_map) {
                ovsdb_atom_destroy(&a->values[i], a_type->value.type);
            }
        } else {
            a->keys[n] = a->keys[i];
            if (a_map) {
                a->values[n] = a->values[i];
            }
            n++;
        }
    }
    a->n = n;
}

void
ovsdb_datum_remove_at(struct ovsdb_datum *datum, size_t idx,
                      const struct ovsdb_type *type)
{
    size_t n_after = datum->n - idx - 1;

    ovsdb_atom_destroy(&datum->keys[idx], type->key.type);
    memmove(&datum->keys[idx], &datum->keys[idx + 1],
            n_after * sizeof *datum->keys);
    if (ovsdb_type_is_map(type)) {
        ovsdb_atom_destroy(&datum->values[idx], type->value.type);
        memmove(&datum->values[idx], &datum->values[idx + 1],
                n_after * sizeof *datum->values);
    }
    datum->n--;
}

void
ovsdb_datum_push(struct ovsdb_datum *datum, const union ovsdb_atom *key,
                 const union ovsdb_atom *value,
                 const struct ovsdb_type *type)
{
    size_t n = datum->n + 1;

    datum->keys = xrealloc(datum->keys, n * sizeof *datum->keys);
    ovsdb_atom_clone(&datum->keys[n - 1], key, type->key.type);
    if (ovsdb_type_is_map(type)) {
        datum->values = xrealloc(datum->values, n * sizeof *datum->values);
        ovsdb_atom_clone(&datum->values[n - 1], value, type->value.type);
    }
    datum->n = n;
}
