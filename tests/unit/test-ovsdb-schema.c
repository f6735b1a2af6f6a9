/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for ovsdb/ovsdb-schema: database schemas parsed from JSON, the
 * reserved columns, references between tables, root tables, indexes and
 * maxRows, serialisation back to JSON, and rejection of invalid schemas.
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include "ovsdb-test-util.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb-schema.h"
#include "util.h"

static void
assert_json_equals(json_t *json, json_t *want)
{
    if (!json_equal(json, want)) {
        char *got = json_dumps(json, JSON_SORT_KEYS);
        char *exp = json_dumps(want, JSON_SORT_KEYS);

        fail_msg("got %s, expected %s", got, exp);
    }
}

static const char test_schema[] =
    "{\"name\": \"Test_DB\", \"version\": \"1.2.3\", "
    " \"cksum\": \"12345 678\", "
    " \"tables\": {"
    "  \"Root\": {"
    "   \"columns\": {"
    "    \"name\": {\"type\": \"string\", \"mutable\": false},"
    "    \"children\": {\"type\": {\"key\": {\"type\": \"uuid\", "
    "                                       \"refTable\": \"Child\"}, "
    "                             \"min\": 0, \"max\": \"unlimited\"}},"
    "    \"watch\": {\"type\": {\"key\": {\"type\": \"uuid\", "
    "                                    \"refTable\": \"Child\", "
    "                                    \"refType\": \"weak\"}, "
    "                          \"min\": 0, \"max\": \"unlimited\"}},"
    "    \"stats\": {\"type\": {\"key\": \"string\", \"value\": \"integer\", "
    "                          \"min\": 0, \"max\": \"unlimited\"}, "
    "               \"ephemeral\": true}},"
    "   \"isRoot\": true,"
    "   \"maxRows\": 1},"
    "  \"Child\": {"
    "   \"columns\": {"
    "    \"name\": {\"type\": \"string\"},"
    "    \"tag\": {\"type\": {\"key\": {\"type\": \"integer\", "
    "                                  \"minInteger\": 0, "
    "                                  \"maxInteger\": 4095}, \"min\": 0}},"
    "    \"kind\": {\"type\": {\"key\": {\"type\": \"string\", "
    "                                   \"enum\": [\"set\", [\"a\", "
    "                                                      \"b\"]]}}}},"
    "   \"indexes\": [[\"name\"], [\"tag\", \"kind\"]]}}}";

static void
test_schema_round_trip(void **state OVS_UNUSED)
{
    json_t *input = ovsdb_test_parse_json(test_schema);
    const struct ovsdb_table_schema *root, *child;
    const struct ovsdb_column *column;
    struct ovsdb_schema *schema, *copy;
    struct ovsdb_error *error;
    json_t *output;

    error = ovsdb_schema_from_json(input, &schema);
    if (error) {
        fail_msg("%s", ovsdb_error_to_string(error));
    }
    assert_string_equal(schema->name, "Test_DB");
    assert_string_equal(schema->version, "1.2.3");
    assert_string_equal(schema->cksum, "12345 678");
    assert_int_equal(schema->n_tables, 2);
    assert_string_equal(schema->tables[0]->name, "Child");
    assert_string_equal(schema->tables[1]->name, "Root");
    assert_null(ovsdb_schema_get_table(schema, "Nope"));

    root = ovsdb_schema_get_table(schema, "Root");
    child = ovsdb_schema_get_table(schema, "Child");
    assert_non_null(root);
    assert_non_null(child);
    assert_true(root->is_root);
    assert_false(child->is_root);
    assert_int_equal(root->max_rows, 1);
    assert_int_equal(child->max_rows, OVSDB_UNLIMITED);

    /* Reserved columns first, then the user's by name. */
    assert_int_equal(child->n_columns, 5);
    assert_string_equal(child->columns[OVSDB_COL_UUID]->name, "_uuid");
    assert_string_equal(child->columns[OVSDB_COL_VERSION]->name,
                        "_version");
    assert_string_equal(child->columns[2]->name, "kind");
    assert_string_equal(child->columns[3]->name, "name");
    assert_string_equal(child->columns[4]->name, "tag");
    column = ovsdb_table_schema_get_column(child, "tag");
    assert_non_null(column);
    assert_int_equal(column->index, 4);
    assert_true(column->mutable);
    assert_true(column->persistent);
    assert_int_equal(column->type.key.u.integer.max, 4095);
    column = ovsdb_table_schema_get_column(child, "_uuid");
    assert_non_null(column);
    assert_int_equal(column->type.key.type, OVSDB_TYPE_UUID);
    assert_false(column->mutable);
    assert_null(ovsdb_table_schema_get_column(child, "nope"));

    column = ovsdb_table_schema_get_column(root, "name");
    assert_false(column->mutable);
    column = ovsdb_table_schema_get_column(root, "stats");
    assert_false(column->persistent);
    column = ovsdb_table_schema_get_column(root, "children");
    assert_true(ovsdb_base_type_is_strong_ref(&column->type.key));
    assert_ptr_equal(column->type.key.u.uuid.ref_table, child);
    column = ovsdb_table_schema_get_column(root, "watch");
    assert_true(ovsdb_base_type_is_weak_ref(&column->type.key));
    assert_ptr_equal(column->type.key.u.uuid.ref_table, child);

    /* Indexes keep their order and point at the columns. */
    assert_int_equal(child->n_indexes, 2);
    assert_int_equal(child->indexes[0].n_columns, 1);
    assert_string_equal(child->indexes[0].columns[0]->name, "name");
    assert_int_equal(child->indexes[1].n_columns, 2);
    assert_string_equal(child->indexes[1].columns[0]->name, "tag");
    assert_string_equal(child->indexes[1].columns[1]->name, "kind");

    /* Serialised, it is what was loaded. */
    output = ovsdb_schema_to_json(schema);
    assert_json_equals(output, input);
    json_decref(output);

    copy = ovsdb_schema_clone(schema);
    ovsdb_schema_destroy(schema);
    output = ovsdb_schema_to_json(copy);
    assert_json_equals(output, input);
    json_decref(output);
    column = ovsdb_table_schema_get_column(
        ovsdb_schema_get_table(copy, "Root"), "children");
    assert_ptr_equal(column->type.key.u.uuid.ref_table,
                     ovsdb_schema_get_table(copy, "Child"));
    ovsdb_schema_destroy(copy);
    json_decref(input);
}

static void
test_schema_canonical_forms(void **state OVS_UNUSED)
{
    /* No isRoot anywhere: every table is a root and none is marked.  Default
     * members disappear and types take their short form. */
    json_t *input = ovsdb_test_parse_json(
        "{\"name\": \"Old\", \"version\": \"0.0.1\", \"tables\": {"
        " \"A\": {\"columns\": {\"x\": {\"type\": {\"key\": \"integer\"}, "
        "                               \"ephemeral\": false, "
        "                               \"mutable\": true}},"
        "         \"isRoot\": false, \"indexes\": []},"
        " \"B\": {\"columns\": {\"y\": {\"type\": {\"key\": {\"type\": "
        "                               \"uuid\", \"refTable\": \"A\", "
        "                               \"refType\": \"strong\"}}}}}}}");
    json_t *want = ovsdb_test_parse_json(
        "{\"name\": \"Old\", \"version\": \"0.0.1\", \"tables\": {"
        " \"A\": {\"columns\": {\"x\": {\"type\": \"integer\"}}},"
        " \"B\": {\"columns\": {\"y\": {\"type\": {\"key\": {\"type\": "
        "                               \"uuid\", \"refTable\": \"A\"}}}}}}}");
    struct ovsdb_schema *schema;
    json_t *output;

    assert_null(ovsdb_schema_from_json(input, &schema));
    assert_true(schema->tables[0]->is_root);
    assert_true(schema->tables[1]->is_root);
    assert_null(schema->cksum);
    output = ovsdb_schema_to_json(schema);
    assert_json_equals(output, want);
    json_decref(output);
    ovsdb_schema_destroy(schema);
    json_decref(input);
    json_decref(want);

    /* The database name may be reserved ("_Server" is the server's own). */
    input = ovsdb_test_parse_json("{\"name\": \"_Server\", "
                                  "\"version\": \"1.2.0\", "
                                  "\"tables\": {\"Database\": {\"columns\": "
                                  "{\"name\": {\"type\": \"string\"}}}}}");
    assert_null(ovsdb_schema_from_json(input, &schema));
    ovsdb_schema_destroy(schema);
    json_decref(input);
}

struct bad_schema {
    const char *tables;         /* The "tables" member, or a whole schema. */
    const char *details;        /* Substring expected in the details. */
};

static const struct bad_schema bad_schemas[] = {
    { "!{\"version\": \"1.0.0\", \"tables\": {}}",
      "database schema: required member \"name\" is missing" },
    { "!{\"name\": \"X\", \"tables\": {}}",
      "required member \"version\" is missing" },
    { "!{\"name\": \"X\", \"version\": \"1.2\", \"tables\": {}}",
      "version \"1.2\" is not of the form x.y.z" },
    { "!{\"name\": \"X\", \"version\": \"1.2.x\", \"tables\": {}}",
      "version \"1.2.x\" is not of the form x.y.z" },
    { "!{\"name\": \"X-Y\", \"version\": \"1.0.0\", \"tables\": {}}",
      "member \"name\" must be an identifier" },
    { "!{\"name\": \"X\", \"version\": \"1.0.0\", \"tables\": []}",
      "member \"tables\" must be an object" },
    { "!{\"name\": \"X\", \"version\": \"1.0.0\", \"tables\": {}, "
      "\"doc\": \"x\"}", "member \"doc\" is not allowed here" },
    { "{\"_T\": {\"columns\": {\"a\": {\"type\": \"string\"}}}}",
      "table name \"_T\" is reserved" },
    { "{\"T-1\": {\"columns\": {\"a\": {\"type\": \"string\"}}}}",
      "table name \"T-1\" is not a valid identifier" },
    { "{\"T\": {\"columns\": {\"_a\": {\"type\": \"string\"}}}}",
      "table T: column name \"_a\" is reserved" },
    { "{\"T\": {\"columns\": {\"_uuid\": {\"type\": \"uuid\"}}}}",
      "table T: column name \"_uuid\" is reserved" },
    { "{\"T\": {\"columns\": {\"a b\": {\"type\": \"string\"}}}}",
      "table T: column name \"a b\" is not a valid identifier" },
    { "{\"T\": {\"columns\": {}}}",
      "table T: \"columns\" must have at least one column" },
    { "{\"T\": {}}", "table T: required member \"columns\" is missing" },
    { "{\"T\": {\"columns\": {\"a\": {\"type\": \"string\"}}, "
      "\"rows\": 5}}", "table T: member \"rows\" is not allowed here" },
    { "{\"T\": {\"columns\": {\"a\": {\"type\": \"string\"}}, "
      "\"maxRows\": 0}}", "table T: maxRows must be a positive integer" },
    { "{\"T\": {\"columns\": {\"a\": {\"type\": \"string\"}}, "
      "\"isRoot\": \"yes\"}}", "member \"isRoot\" must be a boolean" },
    { "{\"T\": {\"columns\": {\"a\": {\"type\": \"string\", "
      "\"default\": \"x\"}}}}",
      "table T column a: member \"default\" is not allowed here" },
    { "{\"T\": {\"columns\": {\"a\": {}}}}",
      "table T column a: required member \"type\" is missing" },
    { "{\"T\": {\"columns\": {\"a\": {\"type\": {\"key\": \"string\", "
      "\"min\": 3}}}}}", "table T column a: type: min must be 0 or 1" },
    { "{\"T\": {\"columns\": {\"a\": {\"type\": \"string\", "
      "\"ephemeral\": 1}}}}", "member \"ephemeral\" must be a boolean" },
    { "{\"T\": {\"columns\": {\"a\": {\"type\": {\"key\": {\"type\": "
      "\"uuid\", \"refTable\": \"Nope\"}}}}}}",
      "table T column a: refTable \"Nope\" is not a table of the schema" },
    { "{\"T\": {\"columns\": {\"a\": {\"type\": \"string\"}}, "
      "\"indexes\": [[\"b\"]]}}",
      "\"indexes\" names column \"b\", which does not exist" },
    { "{\"T\": {\"columns\": {\"a\": {\"type\": \"string\", "
      "\"ephemeral\": true}}, \"indexes\": [[\"a\"]]}}",
      "ephemeral columns cannot be indexed" },
    { "{\"T\": {\"columns\": {\"a\": {\"type\": \"string\"}}, "
      "\"indexes\": [[\"a\", \"a\"]]}}", "an index names column \"a\" twice" },
    { "{\"T\": {\"columns\": {\"a\": {\"type\": \"string\"}}, "
      "\"indexes\": [[]]}}", "must be a non-empty array of column names" },
    { "{\"T\": {\"columns\": {\"a\": {\"type\": \"string\"}}, "
      "\"indexes\": [[1]]}}", "must list column names as strings" },
    { "{\"T\": {\"columns\": {\"a\": {\"type\": \"string\"}}, "
      "\"indexes\": [\"a\"]}}", "must be a non-empty array of column names" },
};

static void
test_bad_schemas(void **state OVS_UNUSED)
{
    for (size_t i = 0; i < ARRAY_SIZE(bad_schemas); i++) {
        const char *tables = bad_schemas[i].tables;
        struct ovsdb_schema *schema;
        struct ovsdb_error *error;
        json_t *input;

        if (tables[0] == '!') {
            input = ovsdb_test_parse_json(tables + 1);
        } else {
            char *text = xasprintf("{\"name\": \"X\", \"version\": "
                                   "\"1.0.0\", \"tables\": %s}", tables);

            input = ovsdb_test_parse_json(text);
            free(text);
        }
        error = ovsdb_schema_from_json(input, &schema);
        ovsdb_test_check_error(error, tables, "syntax error",
                               bad_schemas[i].details);
        assert_null(schema);
        json_decref(input);
    }
}

static void
test_versions(void **state OVS_UNUSED)
{
    assert_true(ovsdb_schema_version_is_valid("0.0.0"));
    assert_true(ovsdb_schema_version_is_valid("8.3.10"));
    assert_true(ovsdb_schema_version_is_valid("4294967295.0.1"));
    assert_false(ovsdb_schema_version_is_valid("4294967296.0.1"));
    assert_false(ovsdb_schema_version_is_valid("1.2"));
    assert_false(ovsdb_schema_version_is_valid("1.2.3.4"));
    assert_false(ovsdb_schema_version_is_valid("1..3"));
    assert_false(ovsdb_schema_version_is_valid("1.2.3 "));
    assert_false(ovsdb_schema_version_is_valid("-1.2.3"));
    assert_false(ovsdb_schema_version_is_valid(""));
    assert_int_equal(ovsdb_schema_version_compare("1.2.3", "1.2.3"), 0);
    assert_int_equal(ovsdb_schema_version_compare("1.10.0", "1.9.9"), 1);
    assert_int_equal(ovsdb_schema_version_compare("1.9.9", "2.0.0"), -1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_round_trip),
        cmocka_unit_test(test_schema_canonical_forms),
        cmocka_unit_test(test_bad_schemas),
        cmocka_unit_test(test_versions),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
