/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for lib/uuid, ovsdb/ovsdb-error, ovsdb/ovsdb-data and
 * ovsdb/ovsdb-symtab: UUIDs, error objects, atoms, sets and maps in RFC 7047
 * notation, named-UUID resolution, sorting and duplicates, constraints, set
 * operations.
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include "dynamic-string.h"
#include "ovsdb-test-util.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb-parser.h"
#include "ovsdb/ovsdb-symtab.h"
#include "ovsdb/ovsdb-types.h"
#include "util.h"
#include "uuid.h"

/* Parses the column type 'text' into 'type'. */
static void
make_type(struct ovsdb_type *type, const char *text)
{
    json_t *json = ovsdb_test_parse_json(text);
    struct ovsdb_error *error = ovsdb_type_from_json(type, json);

    if (error) {
        fail_msg("bad test type %s: %s", text, ovsdb_error_to_string(error));
    }
    json_decref(json);
}

/* Parses 'text' as a datum of 'type' strictly and returns the error, or NULL
 * with the datum in 'datum'. */
static struct ovsdb_error *
parse_datum(struct ovsdb_datum *datum, const struct ovsdb_type *type,
            const char *text, const struct ovsdb_uuid_resolver *resolver)
{
    json_t *json = ovsdb_test_parse_json(text);
    struct ovsdb_error *error;

    error = ovsdb_datum_from_json(datum, type, json, resolver);
    json_decref(json);
    return error;
}

/* Parses 'text' as a datum of 'type' that must be valid. */
static void
must_parse(struct ovsdb_datum *datum, const struct ovsdb_type *type,
           const char *text)
{
    struct ovsdb_error *error = parse_datum(datum, type, text, NULL);

    if (error) {
        fail_msg("%s: %s", text, ovsdb_error_to_string(error));
    }
}

/* Checks that parsing 'text' as 'type' fails with 'tag' and with details
 * containing 'details'. */
static void
assert_parse_error(const struct ovsdb_type *type, const char *text,
                   const char *tag, const char *details)
{
    struct ovsdb_datum datum;
    struct ovsdb_error *error = parse_datum(&datum, type, text, NULL);

    ovsdb_test_check_error(error, text, tag, details);
    assert_int_equal(datum.n, 0);
}

/* Checks that 'datum' of 'type' serialises as 'expected'. */
static void
assert_datum_json(const struct ovsdb_datum *datum,
                  const struct ovsdb_type *type, const char *expected)
{
    json_t *json = ovsdb_datum_to_json(datum, type);

    ovsdb_test_assert_json_equals(json, expected);
    json_decref(json);
}

static void
test_uuid(void **state OVS_UNUSED)
{
    const char *text = "550e8400-e29b-41d4-a716-446655440000";
    char buf[UUID_BUFSIZE];
    struct uuid a, b, r;
    struct ds ds = DS_EMPTY_INITIALIZER;

    assert_true(uuid_from_string(&a, text));
    assert_int_equal(a.parts[0], 0x550e8400);
    assert_int_equal(a.parts[1], 0xe29b41d4);
    assert_int_equal(a.parts[2], 0xa7164466);
    assert_int_equal(a.parts[3], 0x55440000);
    assert_string_equal(uuid_to_string(&a, buf), text);
    uuid_format(&ds, &a);
    assert_string_equal(ds_cstr(&ds), text);
    ds_destroy(&ds);

    /* Upper case is accepted, output is lower case. */
    assert_true(uuid_from_string(&b, "550E8400-E29B-41D4-A716-446655440000"));
    assert_true(uuid_equals(&a, &b));
    assert_int_equal(uuid_hash(&a), uuid_hash(&b));
    assert_int_equal(uuid_compare_3way(&a, &b), 0);

    /* Strict form only. */
    assert_false(uuid_from_string(&b, "550e8400e29b41d4a716446655440000"));
    assert_true(uuid_is_zero(&b));
    assert_false(uuid_from_string(&b, "550e8400-e29b-41d4-a716-44665544000"));
    assert_false(uuid_from_string(&b,
                                  "550e8400-e29b-41d4-a716-4466554400000"));
    assert_false(uuid_from_string(&b, "550e840-0e29b-41d4-a716-446655440000"));
    assert_false(uuid_from_string(&b, "550e8400-e29b-41d4-a716-44665544000g"));
    assert_false(uuid_from_string(&b, "{50e8400-e29b-41d4-a716-446655440000"));
    assert_false(uuid_from_string(&b, ""));

    /* Order follows the text. */
    assert_true(uuid_from_string(&b, "550e8400-e29b-41d4-a716-446655440001"));
    assert_true(uuid_compare_3way(&a, &b) < 0);
    assert_true(uuid_compare_3way(&b, &a) > 0);
    assert_true(uuid_from_string(&b, "0fffffff-ffff-ffff-ffff-ffffffffffff"));
    assert_true(uuid_compare_3way(&b, &a) < 0);

    /* Random UUIDs are version 4, variant 1, and differ. */
    uuid_new_random(&r);
    assert_false(uuid_is_zero(&r));
    assert_int_equal(r.parts[1] & 0xf000, 0x4000);
    assert_int_equal(r.parts[2] >> 30, 2);
    uuid_new_random(&b);
    assert_false(uuid_equals(&r, &b));
    uuid_zero(&r);
    assert_true(uuid_is_zero(&r));
}

static void
test_error_objects(void **state OVS_UNUSED)
{
    json_t *bad = ovsdb_test_parse_json("[\"set\", 5]");
    struct ovsdb_error *error, *copy;
    json_t *json;
    char *s;

    error = ovsdb_error_create(OVSDB_E_CONSTRAINT, "%d is too big", 7);
    json = ovsdb_error_to_json(error);
    ovsdb_test_assert_json_equals(json,
                                  "{\"error\": \"constraint violation\", "
                                  "\"details\": \"7 is too big\"}");
    json_decref(json);
    s = ovsdb_error_to_string(error);
    assert_string_equal(s, "constraint violation: 7 is too big");
    free(s);

    copy = ovsdb_error_clone(error);
    ovsdb_error_destroy(error);
    assert_string_equal(ovsdb_error_get_tag(copy), "constraint violation");
    assert_null(ovsdb_error_get_syntax(copy));
    copy = ovsdb_error_prefix(copy, "table %s", "Bridge");
    assert_string_equal(ovsdb_error_get_details(copy),
                        "table Bridge: 7 is too big");
    ovsdb_error_destroy(copy);

    /* A syntax error defaults its tag and keeps the offending JSON. */
    error = ovsdb_syntax_error(bad, NULL, "bad set");
    json = ovsdb_error_to_json(error);
    ovsdb_test_assert_json_equals(json, "{\"error\": \"syntax error\", "
                                  "\"details\": \"bad set\", "
                                  "\"syntax\": \"[\\\"set\\\",5]\"}");
    json_decref(json);
    s = ovsdb_error_to_string(error);
    assert_string_equal(s, "syntax error: bad set (near [\"set\",5])");
    free(s);
    ovsdb_error_destroy(error);

    /* No details at all. */
    error = ovsdb_error_create(OVSDB_E_TIMED_OUT, NULL);
    json = ovsdb_error_to_json(error);
    ovsdb_test_assert_json_equals(json, "{\"error\": \"timed out\"}");
    json_decref(json);
    ovsdb_error_destroy(error);
    ovsdb_error_destroy(NULL);
    assert_null(ovsdb_error_clone(NULL));
    assert_null(ovsdb_error_prefix(NULL, "x"));
    json_decref(bad);

    assert_true(ovsdb_is_valid_id("Bridge"));
    assert_true(ovsdb_is_valid_id("_uuid"));
    assert_true(ovsdb_is_valid_id("a_1"));
    assert_false(ovsdb_is_valid_id("1a"));
    assert_false(ovsdb_is_valid_id("a-b"));
    assert_false(ovsdb_is_valid_id(""));
}

static void
test_atoms(void **state OVS_UNUSED)
{
    struct ovsdb_type integer, real, boolean, string, uuid;
    struct ovsdb_datum d;

    ovsdb_type_init_scalar(&integer, OVSDB_TYPE_INTEGER);
    ovsdb_type_init_scalar(&real, OVSDB_TYPE_REAL);
    ovsdb_type_init_scalar(&boolean, OVSDB_TYPE_BOOLEAN);
    ovsdb_type_init_scalar(&string, OVSDB_TYPE_STRING);
    ovsdb_type_init_scalar(&uuid, OVSDB_TYPE_UUID);

    must_parse(&d, &integer, "-9223372036854775808");
    assert_true(d.keys[0].integer == INT64_MIN);
    assert_datum_json(&d, &integer, "-9223372036854775808");
    ovsdb_datum_destroy(&d, &integer);

    /* A real column takes an integer too. */
    must_parse(&d, &real, "2");
    assert_true(d.keys[0].real == 2.0);
    assert_datum_json(&d, &real, "2.0");
    ovsdb_datum_destroy(&d, &real);
    must_parse(&d, &real, "-0.25");
    assert_true(d.keys[0].real == -0.25);
    ovsdb_datum_destroy(&d, &real);

    must_parse(&d, &boolean, "true");
    assert_true(d.keys[0].boolean);
    assert_datum_json(&d, &boolean, "true");
    ovsdb_datum_destroy(&d, &boolean);

    must_parse(&d, &string, "\"h\\u00e9llo\"");
    assert_string_equal(d.keys[0].string, "h\xc3\xa9llo");
    assert_datum_json(&d, &string, "\"h\\u00e9llo\"");
    ovsdb_datum_destroy(&d, &string);

    must_parse(&d, &uuid, "[\"uuid\", \"550e8400-e29b-41d4-a716-"
               "446655440000\"]");
    assert_int_equal(d.keys[0].uuid.parts[0], 0x550e8400);
    assert_datum_json(&d, &uuid, "[\"uuid\", \"550e8400-e29b-41d4-a716-"
                      "446655440000\"]");
    ovsdb_datum_destroy(&d, &uuid);

    /* Wrong atomic types are syntax errors. */
    assert_parse_error(&integer, "1.5", "syntax error",
                       "expected an integer, not a real number");
    assert_parse_error(&integer, "\"1\"", "syntax error",
                       "expected an integer, not a string");
    assert_parse_error(&real, "true", "syntax error",
                       "expected a real number, not a boolean");
    assert_parse_error(&boolean, "0", "syntax error",
                       "expected a boolean, not an integer");
    assert_parse_error(&string, "null", "syntax error",
                       "expected a string, not null");
    assert_parse_error(&uuid, "\"550e8400-e29b-41d4-a716-446655440000\"",
                       "syntax error", "expected a <uuid> or <named-uuid>");
    assert_parse_error(&uuid, "[\"uuid\", \"550e8400\"]", "syntax error",
                       "\"550e8400\" is not a valid UUID");
    assert_parse_error(&uuid, "[\"named-uuid\", \"row1\"]", "syntax error",
                       "named UUID \"row1\" is not allowed here");
    assert_parse_error(&uuid, "[\"named-uuid\", \"1row\"]", "syntax error",
                       "is not a valid <named-uuid> name");
    assert_parse_error(&uuid, "[\"oid\", \"x\"]", "syntax error",
                       "expected a <uuid> or <named-uuid>");
}

static void
test_sets_and_maps(void **state OVS_UNUSED)
{
    struct ovsdb_type set, map, opt;
    struct ovsdb_datum d;

    make_type(&set, "{\"key\": \"integer\", \"min\": 0, "
              "\"max\": \"unlimited\"}");
    make_type(&map, "{\"key\": \"string\", \"value\": \"integer\", "
              "\"min\": 0, \"max\": \"unlimited\"}");
    make_type(&opt, "{\"key\": \"string\", \"min\": 0}");

    /* Sets come out sorted; one element is a bare atom. */
    must_parse(&d, &set, "[\"set\", [3, -1, 2]]");
    assert_int_equal(d.n, 3);
    assert_null(d.values);
    assert_datum_json(&d, &set, "[\"set\", [-1, 2, 3]]");
    ovsdb_datum_destroy(&d, &set);

    must_parse(&d, &set, "7");
    assert_int_equal(d.n, 1);
    assert_datum_json(&d, &set, "7");
    ovsdb_datum_destroy(&d, &set);

    must_parse(&d, &set, "[\"set\", [7]]");
    assert_datum_json(&d, &set, "7");
    ovsdb_datum_destroy(&d, &set);

    must_parse(&d, &set, "[\"set\", []]");
    assert_int_equal(d.n, 0);
    assert_datum_json(&d, &set, "[\"set\", []]");
    ovsdb_datum_destroy(&d, &set);

    must_parse(&d, &opt, "[\"set\", []]");
    assert_int_equal(d.n, 0);
    ovsdb_datum_destroy(&d, &opt);

    /* Maps come out sorted by key with values following. */
    must_parse(&d, &map, "[\"map\", [[\"b\", 2], [\"c\", 0], [\"a\", 1]]]");
    assert_int_equal(d.n, 3);
    assert_string_equal(d.keys[0].string, "a");
    assert_int_equal(d.values[0].integer, 1);
    assert_string_equal(d.keys[2].string, "c");
    assert_int_equal(d.values[2].integer, 0);
    assert_datum_json(&d, &map, "[\"map\", [[\"a\", 1], [\"b\", 2], "
                      "[\"c\", 0]]]");
    ovsdb_datum_destroy(&d, &map);

    must_parse(&d, &map, "[\"map\", [[\"k\", 5]]]");
    assert_datum_json(&d, &map, "[\"map\", [[\"k\", 5]]]");
    ovsdb_datum_destroy(&d, &map);

    /* Duplicates are rejected. */
    assert_parse_error(&set, "[\"set\", [1, 2, 1]]", "syntax error",
                       "set contains duplicate value 1");
    assert_parse_error(&map, "[\"map\", [[\"a\", 1], [\"a\", 2]]]",
                       "syntax error", "map contains duplicate key \"a\"");
    assert_parse_error(&map, "[\"map\", [[\"a\", 1], [\"a\", 1]]]",
                       "syntax error", "map contains duplicate key \"a\"");

    /* Malformed notation. */
    assert_parse_error(&map, "[\"set\", []]", "syntax error",
                       "expected a <map>");
    assert_parse_error(&map, "[\"map\", [[\"a\"]]]", "syntax error",
                       "expected a key-value pair");
    assert_parse_error(&map, "[\"map\", [[\"a\", \"b\"]]]", "syntax error",
                       "expected an integer, not a string");
    assert_parse_error(&map, "[\"map\", [[1, 2]]]", "syntax error",
                       "expected a string, not an integer");
    assert_parse_error(&set, "[\"set\", 1]", "syntax error",
                       "expected an array of atoms");
    assert_parse_error(&set, "[\"set\", [1, \"x\"]]", "syntax error",
                       "expected an integer, not a string");
    assert_parse_error(&set, "[\"map\", []]", "syntax error",
                       "expected an integer, not an array");

    ovsdb_type_destroy(&set);
    ovsdb_type_destroy(&map);
    ovsdb_type_destroy(&opt);
}

/* A resolver that knows one name and fails on any other. */
static struct ovsdb_error *
fixed_resolve(void *aux, const char *name,
              const struct ovsdb_base_type *base OVS_UNUSED,
              struct uuid *uuid)
{
    const struct uuid *known = aux;

    if (strcmp(name, "known")) {
        return ovsdb_error_create(OVSDB_E_SYNTAX, "no row named %s", name);
    }
    *uuid = *known;
    return NULL;
}

static void
test_named_uuids(void **state OVS_UNUSED)
{
    struct ovsdb_type refs;
    struct ovsdb_symtab symtab;
    struct ovsdb_uuid_resolver resolver;
    const struct ovsdb_symbol *undefined;
    struct ovsdb_symbol *a, *b;
    struct ovsdb_error *error;
    union ovsdb_atom atom;
    struct ovsdb_datum d;
    struct uuid known;

    make_type(&refs, "{\"key\": {\"type\": \"uuid\", \"refTable\": \"T\"}, "
              "\"min\": 0, \"max\": \"unlimited\"}");

    /* A caller-supplied callback. */
    assert_true(uuid_from_string(&known,
                                 "01234567-89ab-cdef-0123-456789abcdef"));
    resolver.resolve = fixed_resolve;
    resolver.aux = &known;
    assert_null(parse_datum(&d, &refs, "[\"named-uuid\", \"known\"]",
                            &resolver));
    assert_true(uuid_equals(&d.keys[0].uuid, &known));
    ovsdb_datum_destroy(&d, &refs);
    error = parse_datum(&d, &refs, "[\"set\", [[\"named-uuid\", \"known\"], "
                        "[\"named-uuid\", \"other\"]]]", &resolver);
    assert_non_null(error);
    assert_string_equal(ovsdb_error_get_details(error), "no row named other");
    ovsdb_error_destroy(error);

    /* The symbol table: forward references get a UUID at first mention. */
    ovsdb_symtab_init(&symtab);
    resolver = ovsdb_symtab_resolver(&symtab);
    assert_null(parse_datum(&d, &refs, "[\"set\", [[\"named-uuid\", "
                            "\"row_a\"], [\"named-uuid\", \"row_b\"], "
                            "[\"uuid\", \"00000000-0000-0000-0000-"
                            "000000000001\"]]]", &resolver));
    assert_int_equal(d.n, 3);
    a = ovsdb_symtab_find(&symtab, "row_a");
    b = ovsdb_symtab_find(&symtab, "row_b");
    assert_non_null(a);
    assert_non_null(b);
    assert_true(a->referenced && a->strong_ref && !a->weak_ref);
    assert_false(a->created);
    atom.uuid = a->uuid;
    assert_true(ovsdb_datum_find_key(&d, &atom, OVSDB_TYPE_UUID, NULL));
    atom.uuid = b->uuid;
    assert_true(ovsdb_datum_find_key(&d, &atom, OVSDB_TYPE_UUID, NULL));
    ovsdb_datum_destroy(&d, &refs);

    /* The same name resolves to the same UUID again. */
    assert_null(parse_datum(&d, &refs, "[\"named-uuid\", \"row_a\"]",
                            &resolver));
    assert_true(uuid_equals(&d.keys[0].uuid, &a->uuid));
    ovsdb_datum_destroy(&d, &refs);

    /* Both are undefined until an "insert" creates them. */
    undefined = ovsdb_symtab_find_undefined(&symtab);
    assert_non_null(undefined);
    assert_null(ovsdb_symtab_create(&symtab, "row_a", NULL, NULL));
    assert_null(ovsdb_symtab_create(&symtab, "row_b", NULL, NULL));
    assert_null(ovsdb_symtab_find_undefined(&symtab));

    error = ovsdb_symtab_create(&symtab, "row_a", NULL, NULL);
    assert_non_null(error);
    assert_string_equal(ovsdb_error_get_tag(error), "duplicate uuid-name");
    ovsdb_error_destroy(error);

    /* An explicit UUID may be given to a name nobody referred to yet. */
    assert_null(ovsdb_symtab_create(&symtab, "row_c", &known, &a));
    assert_true(uuid_equals(&a->uuid, &known));
    ovsdb_symtab_destroy(&symtab);
    ovsdb_type_destroy(&refs);
}

static void
test_constraints(void **state OVS_UNUSED)
{
    struct ovsdb_type tag, mode, name, ratio, trunks, opt, one_plus, smap;
    struct ovsdb_datum d;

    make_type(&tag, "{\"key\": {\"type\": \"integer\", \"minInteger\": 0, "
              "\"maxInteger\": 4095}, \"min\": 0}");
    make_type(&mode, "{\"key\": {\"type\": \"string\", \"enum\": [\"set\", "
              "[\"access\", \"trunk\"]]}}");
    make_type(&name, "{\"key\": {\"type\": \"string\", \"minLength\": 2, "
              "\"maxLength\": 5}}");
    make_type(&ratio, "{\"key\": {\"type\": \"real\", \"minReal\": 0, "
              "\"maxReal\": 1}}");
    make_type(&trunks, "{\"key\": \"integer\", \"min\": 0, \"max\": 3}");
    make_type(&opt, "{\"key\": \"integer\", \"min\": 0}");
    make_type(&one_plus, "{\"key\": \"uuid\", \"max\": \"unlimited\"}");
    make_type(&smap, "{\"key\": \"string\", \"value\": {\"type\": "
              "\"integer\", \"maxInteger\": 9}, \"min\": 0, "
              "\"max\": \"unlimited\"}");

    must_parse(&d, &tag, "4095");
    ovsdb_datum_destroy(&d, &tag);
    assert_parse_error(&tag, "4096", "constraint violation",
                       "4096 is greater than the maximum allowed value "
                       "4095");
    assert_parse_error(&tag, "-1", "constraint violation",
                       "-1 is less than the minimum allowed value 0");

    must_parse(&d, &mode, "\"trunk\"");
    ovsdb_datum_destroy(&d, &mode);
    assert_parse_error(&mode, "\"native\"", "constraint violation",
                       "\"native\" is not one of the allowed values "
                       "(\"access\", \"trunk\")");

    /* Lengths count UTF-8 characters, not bytes. */
    must_parse(&d, &name, "\"h\\u00e9llo\"");
    ovsdb_datum_destroy(&d, &name);
    assert_parse_error(&name, "\"x\"", "constraint violation",
                       "is 1 characters long, shorter than the minimum "
                       "length 2");
    assert_parse_error(&name, "\"abcdef\"", "constraint violation",
                       "longer than the maximum length 5");

    must_parse(&d, &ratio, "0.5");
    ovsdb_datum_destroy(&d, &ratio);
    assert_parse_error(&ratio, "1.5", "constraint violation",
                       "1.5 is greater than the maximum allowed value 1");

    /* Set sizes. */
    assert_parse_error(&trunks, "[\"set\", [1, 2, 3, 4]]",
                       "constraint violation", "4 elements are present "
                       "where the type (set of up to 3 integers) requires "
                       "at most 3");
    assert_parse_error(&opt, "[\"set\", [1, 2]]", "constraint violation",
                       "requires at most 1");
    assert_parse_error(&one_plus, "[\"set\", []]", "constraint violation",
                       "0 elements are present where the type (set of 1 or "
                       "more uuids) requires at least 1");
    assert_parse_error(&smap, "[\"map\", [[\"a\", 10]]]",
                       "constraint violation", "10 is greater than the "
                       "maximum allowed value 9");

    /* The relaxed parser leaves sizes and constraints to the caller. */
    {
        json_t *json = ovsdb_test_parse_json("[\"set\", [5000, 1, 2, 3]]");

        struct ovsdb_error *error;

        assert_null(ovsdb_datum_from_json_relaxed(&d, &tag, json, NULL));
        assert_int_equal(d.n, 4);
        error = ovsdb_datum_check_size(&d, &tag);
        assert_non_null(error);
        assert_string_equal(ovsdb_error_get_tag(error),
                            "constraint violation");
        ovsdb_error_destroy(error);
        error = ovsdb_datum_check_constraints(&d, &tag);
        assert_non_null(error);
        assert_string_equal(ovsdb_error_get_details(error),
                            "5000 is greater than the maximum allowed value "
                            "4095");
        ovsdb_error_destroy(error);
        ovsdb_datum_destroy(&d, &tag);
        json_decref(json);
    }

    ovsdb_type_destroy(&tag);
    ovsdb_type_destroy(&mode);
    ovsdb_type_destroy(&name);
    ovsdb_type_destroy(&ratio);
    ovsdb_type_destroy(&trunks);
    ovsdb_type_destroy(&opt);
    ovsdb_type_destroy(&one_plus);
    ovsdb_type_destroy(&smap);
}

static void
test_compare_hash_clone(void **state OVS_UNUSED)
{
    struct ovsdb_type set, map;
    struct ovsdb_datum a, b, c, copy;

    make_type(&set, "{\"key\": \"string\", \"min\": 0, "
              "\"max\": \"unlimited\"}");
    make_type(&map, "{\"key\": \"string\", \"value\": \"string\", "
              "\"min\": 0, \"max\": \"unlimited\"}");

    must_parse(&a, &set, "[\"set\", [\"x\", \"y\", \"z\"]]");
    must_parse(&b, &set, "[\"set\", [\"z\", \"x\", \"y\"]]");
    must_parse(&c, &set, "[\"set\", [\"x\", \"y\"]]");
    assert_true(ovsdb_datum_equals(&a, &b, &set));
    assert_int_equal(ovsdb_datum_compare_3way(&a, &b, &set), 0);
    assert_int_equal(ovsdb_datum_hash(&a, &set, 0),
                     ovsdb_datum_hash(&b, &set, 0));
    assert_false(ovsdb_datum_equals(&a, &c, &set));
    assert_int_equal(ovsdb_datum_compare_3way(&c, &a, &set), -1);
    assert_int_equal(ovsdb_datum_compare_3way(&a, &c, &set), 1);

    ovsdb_datum_clone(&copy, &a, &set);
    ovsdb_datum_destroy(&a, &set);
    assert_int_equal(a.n, 0);
    assert_true(ovsdb_datum_equals(&copy, &b, &set));
    ovsdb_datum_swap(&copy, &c);
    assert_int_equal(copy.n, 2);
    assert_int_equal(c.n, 3);
    ovsdb_datum_destroy(&copy, &set);
    ovsdb_datum_destroy(&b, &set);
    ovsdb_datum_destroy(&c, &set);

    /* Maps with the same keys but different values differ. */
    must_parse(&a, &map, "[\"map\", [[\"k\", \"1\"]]]");
    must_parse(&b, &map, "[\"map\", [[\"k\", \"2\"]]]");
    assert_false(ovsdb_datum_equals(&a, &b, &map));
    assert_int_equal(ovsdb_datum_compare_3way(&a, &b, &map), -1);
    assert_true(ovsdb_datum_hash(&a, &map, 0) != ovsdb_datum_hash(&b, &map,
                                                                  0));
    ovsdb_datum_destroy(&a, &map);
    ovsdb_datum_destroy(&b, &map);
    ovsdb_type_destroy(&set);
    ovsdb_type_destroy(&map);
}

static void
test_defaults(void **state OVS_UNUSED)
{
    static const struct {
        const char *type;
        const char *json;
    } cases[] = {
        { "\"integer\"", "0" },
        { "\"real\"", "0.0" },
        { "\"boolean\"", "false" },
        { "\"string\"", "\"\"" },
        { "\"uuid\"",
          "[\"uuid\", \"00000000-0000-0000-0000-000000000000\"]" },
        { "{\"key\": \"string\", \"min\": 0}", "[\"set\", []]" },
        { "{\"key\": \"string\", \"value\": \"integer\", \"min\": 0, "
          "\"max\": \"unlimited\"}", "[\"map\", []]" },
        { "{\"key\": \"string\", \"value\": \"integer\"}",
          "[\"map\", [[\"\", 0]]]" },
        { "{\"key\": \"integer\", \"max\": 4}", "0" },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct ovsdb_type type;
        struct ovsdb_datum d;

        make_type(&type, cases[i].type);
        ovsdb_datum_init_default(&d, &type);
        assert_true(ovsdb_datum_is_default(&d, &type));
        assert_datum_json(&d, &type, cases[i].json);
        ovsdb_datum_destroy(&d, &type);
        ovsdb_type_destroy(&type);
    }
}

static void
test_set_operations(void **state OVS_UNUSED)
{
    struct ovsdb_type set, map, keys;
    struct ovsdb_datum a, b, sub;

    make_type(&set, "{\"key\": \"integer\", \"min\": 0, "
              "\"max\": \"unlimited\"}");
    make_type(&map, "{\"key\": \"string\", \"value\": \"integer\", "
              "\"min\": 0, \"max\": \"unlimited\"}");
    make_type(&keys, "{\"key\": \"string\", \"min\": 0, "
              "\"max\": \"unlimited\"}");

    must_parse(&a, &set, "[\"set\", [1, 3, 5]]");
    must_parse(&b, &set, "[\"set\", [2, 3, 6]]");
    must_parse(&sub, &set, "[\"set\", [1, 5]]");
    assert_true(ovsdb_datum_includes_all(&sub, &a, &set));
    assert_false(ovsdb_datum_includes_all(&a, &sub, &set));
    assert_false(ovsdb_datum_includes_all(&b, &a, &set));
    assert_false(ovsdb_datum_excludes_all(&b, &a, &set));
    assert_true(ovsdb_datum_excludes_all(&sub, &b, &set));

    ovsdb_datum_union(&a, &b, &set);
    assert_datum_json(&a, &set, "[\"set\", [1, 2, 3, 5, 6]]");
    ovsdb_datum_subtract(&a, &set, &sub, &set);
    assert_datum_json(&a, &set, "[\"set\", [2, 3, 6]]");
    ovsdb_datum_subtract(&a, &set, &b, &set);
    assert_datum_json(&a, &set, "[\"set\", []]");
    ovsdb_datum_union(&a, &sub, &set);
    assert_datum_json(&a, &set, "[\"set\", [1, 5]]");
    ovsdb_datum_destroy(&a, &set);
    ovsdb_datum_destroy(&b, &set);
    ovsdb_datum_destroy(&sub, &set);

    /* Maps: union keeps existing keys' values, includes compares pairs. */
    must_parse(&a, &map, "[\"map\", [[\"a\", 1], [\"b\", 2]]]");
    must_parse(&b, &map, "[\"map\", [[\"b\", 20], [\"c\", 3]]]");
    assert_true(ovsdb_datum_excludes_all(&b, &a, &map));
    ovsdb_datum_union(&a, &b, &map);
    assert_datum_json(&a, &map, "[\"map\", [[\"a\", 1], [\"b\", 2], "
                      "[\"c\", 3]]]");
    assert_false(ovsdb_datum_includes_all(&b, &a, &map));
    ovsdb_datum_destroy(&b, &map);

    /* Deleting by pairs removes only exact pairs. */
    must_parse(&b, &map, "[\"map\", [[\"a\", 1], [\"b\", 99]]]");
    ovsdb_datum_subtract(&a, &map, &b, &map);
    assert_datum_json(&a, &map, "[\"map\", [[\"b\", 2], [\"c\", 3]]]");
    ovsdb_datum_destroy(&b, &map);

    /* Deleting by keys removes whatever the values. */
    must_parse(&b, &keys, "[\"set\", [\"c\", \"zz\"]]");
    ovsdb_datum_subtract(&a, &map, &b, &keys);
    assert_datum_json(&a, &map, "[\"map\", [[\"b\", 2]]]");
    ovsdb_datum_destroy(&b, &keys);
    ovsdb_datum_destroy(&a, &map);

    ovsdb_type_destroy(&set);
    ovsdb_type_destroy(&map);
    ovsdb_type_destroy(&keys);
}

static void
test_low_level(void **state OVS_UNUSED)
{
    struct ovsdb_type set, map;
    struct ovsdb_datum d = OVSDB_DATUM_EMPTY_INITIALIZER;
    union ovsdb_atom key, value;
    struct ovsdb_error *error;
    size_t idx;

    make_type(&set, "{\"key\": \"integer\", \"min\": 0, "
              "\"max\": \"unlimited\"}");
    make_type(&map, "{\"key\": \"string\", \"value\": \"string\", "
              "\"min\": 0, \"max\": \"unlimited\"}");

    /* Binary search gives insertion points. */
    must_parse(&d, &set, "[\"set\", [10, 20, 30]]");
    key.integer = 20;
    assert_true(ovsdb_datum_find_key(&d, &key, OVSDB_TYPE_INTEGER, &idx));
    assert_int_equal(idx, 1);
    key.integer = 25;
    assert_false(ovsdb_datum_find_key(&d, &key, OVSDB_TYPE_INTEGER, &idx));
    assert_int_equal(idx, 2);
    key.integer = 5;
    assert_false(ovsdb_datum_find_key(&d, &key, OVSDB_TYPE_INTEGER, &idx));
    assert_int_equal(idx, 0);
    key.integer = 35;
    assert_false(ovsdb_datum_find_key(&d, &key, OVSDB_TYPE_INTEGER, &idx));
    assert_int_equal(idx, 3);

    ovsdb_datum_remove_at(&d, 1, &set);
    assert_datum_json(&d, &set, "[\"set\", [10, 30]]");

    /* Pushing breaks the order until a sort. */
    key.integer = 10;
    ovsdb_datum_push(&d, &key, NULL, &set);
    key.integer = 1;
    ovsdb_datum_push(&d, &key, NULL, &set);
    error = ovsdb_datum_sort(&d, &set);
    assert_non_null(error);
    assert_string_equal(ovsdb_error_get_tag(error), "syntax error");
    ovsdb_error_destroy(error);
    ovsdb_datum_sort_unique(&d, &set);
    assert_datum_json(&d, &set, "[\"set\", [1, 10, 30]]");
    ovsdb_datum_destroy(&d, &set);

    /* sort_unique keeps the first pair of a duplicated key. */
    key.string = "k";
    value.string = "first";
    ovsdb_datum_push(&d, &key, &value, &map);
    key.string = "a";
    value.string = "x";
    ovsdb_datum_push(&d, &key, &value, &map);
    key.string = "k";
    value.string = "second";
    ovsdb_datum_push(&d, &key, &value, &map);
    ovsdb_datum_sort_unique(&d, &map);
    assert_datum_json(&d, &map, "[\"map\", [[\"a\", \"x\"], "
                      "[\"k\", \"first\"]]]");
    ovsdb_datum_remove_at(&d, 0, &map);
    assert_datum_json(&d, &map, "[\"map\", [[\"k\", \"first\"]]]");
    ovsdb_datum_destroy(&d, &map);

    ovsdb_datum_init_string(&d, "s");
    assert_int_equal(d.n, 1);
    assert_string_equal(d.keys[0].string, "s");
    ovsdb_datum_destroy(&d, &map);
    ovsdb_datum_init_integer(&d, 42);
    assert_datum_json(&d, &set, "42");
    ovsdb_datum_destroy(&d, &set);

    ovsdb_type_destroy(&set);
    ovsdb_type_destroy(&map);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uuid),
        cmocka_unit_test(test_error_objects),
        cmocka_unit_test(test_atoms),
        cmocka_unit_test(test_sets_and_maps),
        cmocka_unit_test(test_named_uuids),
        cmocka_unit_test(test_constraints),
        cmocka_unit_test(test_compare_hash_clone),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_set_operations),
        cmocka_unit_test(test_low_level),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
