/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for ovsdb/ovsdb-types: column types of the schema language,
 * parsed from JSON and written back in canonical form, and the rejection of
 * nonsensical types.
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <float.h>
#include <jansson.h>
#include "ovsdb-test-util.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb-types.h"
#include "util.h"

struct round_trip {
    const char *input;
    const char *canonical;
};

static const struct round_trip round_trips[] = {
    { "\"integer\"", "\"integer\"" },
    { "\"uuid\"", "\"uuid\"" },
    { "{\"key\": \"string\"}", "\"string\"" },
    { "{\"key\": \"real\", \"min\": 1, \"max\": 1}", "\"real\"" },
    { "{\"key\": {\"type\": \"boolean\"}}", "\"boolean\"" },
    { "{\"key\": \"uuid\", \"min\": 0}", "{\"key\": \"uuid\", \"min\": 0}" },
    { "{\"key\": \"string\", \"min\": 0, \"max\": \"unlimited\"}",
      "{\"key\": \"string\", \"min\": 0, \"max\": \"unlimited\"}" },
    { "{\"key\": \"integer\", \"min\": 1, \"max\": 5}",
      "{\"key\": \"integer\", \"max\": 5}" },
    { "{\"key\": \"string\", \"value\": \"string\", \"min\": 0, "
      "\"max\": \"unlimited\"}",
      "{\"key\": \"string\", \"value\": \"string\", \"min\": 0, "
      "\"max\": \"unlimited\"}" },
    { "{\"key\": {\"type\": \"integer\", \"minInteger\": 0, "
      "\"maxInteger\": 4095}}",
      "{\"key\": {\"type\": \"integer\", \"minInteger\": 0, "
      "\"maxInteger\": 4095}}" },
    { "{\"key\": {\"type\": \"integer\", \"minInteger\": 0, "
      "\"maxInteger\": 4095}, \"min\": 0, \"max\": 4096}",
      "{\"key\": {\"type\": \"integer\", \"minInteger\": 0, "
      "\"maxInteger\": 4095}, \"min\": 0, \"max\": 4096}" },
    { "{\"key\": {\"type\": \"integer\", \"maxInteger\": 7}}",
      "{\"key\": {\"type\": \"integer\", \"maxInteger\": 7}}" },
    { "{\"key\": {\"type\": \"string\", \"enum\": [\"set\", [\"trunk\", "
      "\"access\", \"native-tagged\"]]}, \"min\": 0}",
      "{\"key\": {\"type\": \"string\", \"enum\": [\"set\", [\"access\", "
      "\"native-tagged\", \"trunk\"]]}, \"min\": 0}" },
    { "{\"key\": {\"type\": \"string\", \"enum\": \"secure\"}}",
      "{\"key\": {\"type\": \"string\", \"enum\": \"secure\"}}" },
    { "{\"key\": {\"type\": \"string\", \"enum\": [\"set\", [\"only\"]]}}",
      "{\"key\": {\"type\": \"string\", \"enum\": \"only\"}}" },
    { "{\"key\": {\"type\": \"uuid\", \"refTable\": \"Bridge\"}, "
      "\"min\": 0, \"max\": \"unlimited\"}",
      "{\"key\": {\"type\": \"uuid\", \"refTable\": \"Bridge\"}, "
      "\"min\": 0, \"max\": \"unlimited\"}" },
    { "{\"key\": {\"type\": \"uuid\", \"refTable\": \"Port\", "
      "\"refType\": \"weak\"}}",
      "{\"key\": {\"type\": \"uuid\", \"refTable\": \"Port\", "
      "\"refType\": \"weak\"}}" },
    { "{\"key\": {\"type\": \"uuid\", \"refTable\": \"Port\", "
      "\"refType\": \"strong\"}}",
      "{\"key\": {\"type\": \"uuid\", \"refTable\": \"Port\"}}" },
    { "{\"key\": {\"type\": \"real\", \"minReal\": -1.5, "
      "\"maxReal\": 2.5}}",
      "{\"key\": {\"type\": \"real\", \"minReal\": -1.5, "
      "\"maxReal\": 2.5}}" },
    { "{\"key\": {\"type\": \"string\", \"minLength\": 1, "
      "\"maxLength\": 64}}",
      "{\"key\": {\"type\": \"string\", \"minLength\": 1, "
      "\"maxLength\": 64}}" },
    { "{\"key\": \"string\", \"value\": {\"type\": \"integer\", "
      "\"minInteger\": 1}, \"min\": 0, \"max\": 3}",
      "{\"key\": \"string\", \"value\": {\"type\": \"integer\", "
      "\"minInteger\": 1}, \"min\": 0, \"max\": 3}" },
    { "{\"key\": {\"type\": \"integer\", \"enum\": [\"set\", [3, 1, 2]], "
      "\"minInteger\": 1}}",
      "{\"key\": {\"type\": \"integer\", \"enum\": [\"set\", [1, 2, 3]], "
      "\"minInteger\": 1}}" },
};

static void
test_round_trips(void **state OVS_UNUSED)
{
    for (size_t i = 0; i < ARRAY_SIZE(round_trips); i++) {
        json_t *input = ovsdb_test_parse_json(round_trips[i].input);
        struct ovsdb_type type, copy;
        struct ovsdb_error *error;
        json_t *output;

        error = ovsdb_type_from_json(&type, input);
        if (error) {
            fail_msg("%s: %s", round_trips[i].input,
                     ovsdb_error_to_string(error));
        }
        assert_true(ovsdb_type_is_valid(&type));
        output = ovsdb_type_to_json(&type);
        ovsdb_test_assert_json_equals(output, round_trips[i].canonical);
        json_decref(output);

        /* A clone serialises the same, and the canonical form reparses to
         * itself. */
        ovsdb_type_clone(&copy, &type);
        ovsdb_type_destroy(&type);
        output = ovsdb_type_to_json(&copy);
        ovsdb_test_assert_json_equals(output, round_trips[i].canonical);
        ovsdb_type_destroy(&copy);

        assert_null(ovsdb_type_from_json(&type, output));
        json_decref(output);
        output = ovsdb_type_to_json(&type);
        ovsdb_test_assert_json_equals(output, round_trips[i].canonical);
        json_decref(output);
        ovsdb_type_destroy(&type);
        json_decref(input);
    }
}

struct bad_type {
    const char *input;
    const char *details;        /* Substring expected in the details. */
};

static const struct bad_type bad_types[] = {
    { "\"int\"", "unknown atomic type \"int\"" },
    { "\"void\"", "unknown atomic type \"void\"" },
    { "5", "type must be a string or an object" },
    { "{\"key\": \"integer\", \"min\": 2}", "min must be 0 or 1" },
    { "{\"key\": \"integer\", \"min\": -1}", "min must be 0 or 1" },
    { "{\"key\": \"integer\", \"max\": 0}", "max 0 is out of range" },
    { "{\"key\": \"integer\", \"max\": \"lots\"}",
      "max must be a positive integer or \"unlimited\"" },
    { "{\"key\": \"integer\", \"max\": 1.5}", "member \"max\" must be" },
    { "{\"value\": \"integer\"}", "required member \"key\" is missing" },
    { "{\"key\": \"string\", \"extra\": 1}",
      "member \"extra\" is not allowed here" },
    { "{\"key\": {\"type\": \"integer\", \"minInteger\": 5, "
      "\"maxInteger\": 4}}", "minInteger 5 exceeds maxInteger 4" },
    { "{\"key\": {\"type\": \"real\", \"minReal\": 3, \"maxReal\": 1}}",
      "minReal 3 exceeds maxReal 1" },
    { "{\"key\": {\"type\": \"string\", \"minLength\": 9, "
      "\"maxLength\": 2}}", "minLength 9 exceeds maxLength 2" },
    { "{\"key\": {\"type\": \"string\", \"minLength\": -1}}",
      "minLength -1 is out of range" },
    { "{\"key\": {\"type\": \"string\", \"minInteger\": 5}}",
      "member \"minInteger\" is not allowed here" },
    { "{\"key\": {\"type\": \"boolean\", \"refTable\": \"T\"}}",
      "member \"refTable\" is not allowed here" },
    { "{\"key\": {\"type\": \"uuid\", \"refType\": \"weak\"}}",
      "refType without refTable" },
    { "{\"key\": {\"type\": \"uuid\", \"refTable\": \"T\", "
      "\"refType\": \"soft\"}}", "refType must be \"strong\" or \"weak\"" },
    { "{\"key\": {\"type\": \"uuid\", \"refTable\": \"9T\"}}",
      "member \"refTable\" must be an identifier" },
    { "{\"key\": {\"type\": \"string\", \"enum\": [\"set\", []]}}",
      "enum must allow at least one value" },
    { "{\"key\": {\"type\": \"string\", \"enum\": [\"set\", [\"a\", "
      "\"a\"]]}}", "set contains duplicate value \"a\"" },
    { "{\"key\": {\"type\": \"integer\", \"enum\": \"x\"}}",
      "expected an integer, not a string" },
    { "{\"key\": {\"kind\": \"integer\"}}",
      "required member \"type\" is missing" },
    { "{\"key\": \"string\", \"value\": \"float\"}",
      "type: value: unknown atomic type \"float\"" },
};

static void
test_bad_types(void **state OVS_UNUSED)
{
    for (size_t i = 0; i < ARRAY_SIZE(bad_types); i++) {
        json_t *input = ovsdb_test_parse_json(bad_types[i].input);
        struct ovsdb_error *error;
        struct ovsdb_type type;

        error = ovsdb_type_from_json(&type, input);
        ovsdb_test_check_error(error, bad_types[i].input, "syntax error",
                               bad_types[i].details);
        json_decref(input);
    }
}

static void
test_predicates_and_english(void **state OVS_UNUSED)
{
    static const struct {
        const char *input;
        const char *english;
        bool scalar, optional, set, map;
    } cases[] = {
        { "\"integer\"", "integer", true, false, false, false },
        { "{\"key\": \"string\", \"min\": 0}", "optional string",
          false, true, true, false },
        { "{\"key\": \"uuid\", \"min\": 0, \"max\": \"unlimited\"}",
          "set of uuids", false, false, true, false },
        { "{\"key\": \"uuid\", \"max\": \"unlimited\"}",
          "set of 1 or more uuids", false, false, true, false },
        { "{\"key\": \"integer\", \"min\": 0, \"max\": 4}",
          "set of up to 4 integers", false, false, true, false },
        { "{\"key\": \"real\", \"max\": 3}", "set of 1 to 3 reals",
          false, false, true, false },
        { "{\"key\": \"string\", \"value\": \"integer\", \"min\": 0, "
          "\"max\": \"unlimited\"}", "map of string-integer pairs",
          false, false, false, true },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        json_t *input = ovsdb_test_parse_json(cases[i].input);
        struct ovsdb_type type;
        char *english;

        assert_null(ovsdb_type_from_json(&type, input));
        english = ovsdb_type_to_english(&type);
        assert_string_equal(english, cases[i].english);
        free(english);
        assert_int_equal(ovsdb_type_is_scalar(&type), cases[i].scalar);
        assert_int_equal(ovsdb_type_is_optional_scalar(&type),
                         cases[i].optional);
        assert_int_equal(ovsdb_type_is_set(&type), cases[i].set);
        assert_int_equal(ovsdb_type_is_map(&type), cases[i].map);
        ovsdb_type_destroy(&type);
        json_decref(input);
    }
}

static void
test_base_type_details(void **state OVS_UNUSED)
{
    json_t *input = ovsdb_test_parse_json("{\"key\": {\"type\": \"uuid\", "
                                          "\"refTable\": \"Interface\", "
                                          "\"refType\": \"weak\"}, "
                                          "\"min\": 0}");
    struct ovsdb_base_type base;
    struct ovsdb_type type;
    enum ovsdb_atomic_type atomic;

    assert_null(ovsdb_type_from_json(&type, input));
    assert_int_equal(type.key.type, OVSDB_TYPE_UUID);
    assert_string_equal(type.key.u.uuid.ref_table_name, "Interface");
    assert_true(ovsdb_base_type_is_weak_ref(&type.key));
    assert_false(ovsdb_base_type_is_strong_ref(&type.key));
    assert_false(ovsdb_base_type_has_constraints(&type.key));
    ovsdb_type_destroy(&type);
    json_decref(input);

    /* Clearing constraints keeps the type and any reference. */
    input = ovsdb_test_parse_json("{\"type\": \"integer\", \"minInteger\": 1, "
                                  "\"enum\": [\"set\", [1, 2]]}");
    assert_null(ovsdb_base_type_from_json(&base, input));
    assert_true(ovsdb_base_type_has_constraints(&base));
    assert_int_equal(base.u.integer.min, 1);
    assert_int_equal(base.u.integer.max, INT64_MAX);
    assert_int_equal(base.enum_->n, 2);
    ovsdb_base_type_clear_constraints(&base);
    assert_int_equal(base.type, OVSDB_TYPE_INTEGER);
    assert_false(ovsdb_base_type_has_constraints(&base));
    assert_null(base.enum_);
    ovsdb_base_type_destroy(&base);
    json_decref(input);

    assert_true(ovsdb_atomic_type_from_string("real", &atomic));
    assert_int_equal(atomic, OVSDB_TYPE_REAL);
    assert_false(ovsdb_atomic_type_from_string("void", &atomic));
    assert_string_equal(ovsdb_atomic_type_to_string(OVSDB_TYPE_BOOLEAN),
                        "boolean");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trips),
        cmocka_unit_test(test_bad_types),
        cmocka_unit_test(test_predicates_and_english),
        cmocka_unit_test(test_base_type_details),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
