/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for ovsdb/row: default rows, parsing <row> objects in their
 * three modes, serialising with and without a column set, "columns"
 * arrays, and comparing and hashing rows over column sets.
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include "ovsdb-test-util.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb-schema.h"
#include "ovsdb/ovsdb-symtab.h"
#include "ovsdb/row.h"
#include "util.h"

static const char schema_text[] =
    "{\"name\": \"T\", \"version\": \"1.0.0\", \"tables\": {"
    " \"R\": {\"columns\": {"
    "  \"i\": {\"type\": \"integer\"},"
    "  \"s\": {\"type\": \"string\"},"
    "  \"fixed\": {\"type\": \"integer\", \"mutable\": false},"
    "  \"ref\": {\"type\": {\"key\": {\"type\": \"uuid\","
    "                              \"refTable\": \"R\"}, \"min\": 0}},"
    "  \"m\": {\"type\": {\"key\": \"string\", \"value\": \"integer\","
    "                    \"min\": 0, \"max\": \"unlimited\"}}}}}}";

static int
setup(void **state)
{
    *state = ovsdb_test_parse_schema(schema_text);
    return 0;
}

static int
teardown(void **state)
{
    ovsdb_schema_destroy(*state);
    return 0;
}

static const struct ovsdb_table_schema *
table_r(void **state)
{
    return ovsdb_schema_get_table(*state, "R");
}

static char *
to_text(const json_t *json)
{
    return json_dumps(json, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
}

static void
assert_row_json(const struct ovsdb_row *row,
                const struct ovsdb_column_set *columns, const char *expected)
{
    json_t *json = ovsdb_row_to_json(row, columns);
    char *text = to_text(json);

    assert_string_equal(text, expected);
    free(text);
    json_decref(json);
}

/* Parses 'text' into a new row in 'mode' and returns the error's tag, or
 * NULL if it parsed. */
static const char *
parse_tag(const struct ovsdb_table_schema *table, const char *text,
          enum ovsdb_row_mode mode)
{
    static char tag[64];
    struct ovsdb_row *row = ovsdb_row_create(table);
    json_t *json = ovsdb_test_parse_json(text);
    struct ovsdb_error *error;

    error = ovsdb_row_from_json(row, json, NULL, mode, NULL);
    json_decref(json);
    ovsdb_row_destroy(row);
    if (!error) {
        return NULL;
    }
    ovs_strlcpy(tag, ovsdb_error_get_tag(error), sizeof tag);
    ovsdb_error_destroy(error);
    return tag;
}

static void
test_row_defaults(void **state)
{
    struct ovsdb_row *row = ovsdb_row_create(table_r(state));

    assert_true(uuid_is_zero(ovsdb_row_get_uuid(row)));
    assert_true(uuid_is_zero(ovsdb_row_get_version(row)));
    assert_row_json(row, NULL,
                    "{\"_uuid\":[\"uuid\",\"00000000-0000-0000-0000-"
                    "000000000000\"],\"_version\":[\"uuid\",\"00000000-0000-"
                    "0000-0000-000000000000\"],\"fixed\":0,\"i\":0,\"m\":"
                    "[\"map\",[]],\"ref\":[\"set\",[]],\"s\":\"\"}");
    ovsdb_row_destroy(row);
    ovsdb_row_destroy(NULL);
}

static void
test_row_parse_and_columns(void **state)
{
    const struct ovsdb_table_schema *table = table_r(state);
    struct ovsdb_column_set columns = OVSDB_COLUMN_SET_INITIALIZER;
    struct ovsdb_row *row = ovsdb_row_create(table);
    json_t *json = ovsdb_test_parse_json("{\"s\": \"x\", \"m\": [\"map\", "
                                         "[[\"b\", 2], [\"a\", 1]]], "
                                         "\"fixed\": 7}");
    struct ovsdb_row *copy;
    struct uuid uuid;

    assert_null(ovsdb_row_from_json(row, json, NULL, OVSDB_ROW_INSERT,
                                    &columns));
    json_decref(json);
    assert_int_equal(columns.n_columns, 3);
    assert_true(ovsdb_column_set_contains(
                    &columns, ovsdb_table_schema_get_column(table,
                                                            "s")->index));
    assert_false(ovsdb_column_set_contains(
                     &columns, ovsdb_table_schema_get_column(table,
                                                             "i")->index));
    assert_row_json(row, &columns, "{\"fixed\":7,\"m\":[\"map\",[[\"a\",1],"
                    "[\"b\",2]]],\"s\":\"x\"}");

    uuid_new_random(&uuid);
    ovsdb_row_set_uuid(row, &uuid);
    copy = ovsdb_row_clone(row);
    assert_true(uuid_equals(ovsdb_row_get_uuid(copy), &uuid));
    assert_true(ovsdb_row_equal_columns(row, copy, NULL));
    assert_int_equal(ovsdb_row_hash_columns(row, &columns, 7),
                     ovsdb_row_hash_columns(copy, &columns, 7));

    /* "_version" does not count for the NULL column set. */
    uuid_new_random(&uuid);
    ovsdb_row_set_version(copy, &uuid);
    assert_true(ovsdb_row_equal_columns(row, copy, NULL));
    json = ovsdb_test_parse_json("{\"i\": 3}");
    assert_null(ovsdb_row_from_json(copy, json, NULL, OVSDB_ROW_UPDATE,
                                    NULL));
    json_decref(json);
    assert_false(ovsdb_row_equal_columns(row, copy, NULL));
    assert_true(ovsdb_row_equal_columns(row, copy, &columns));

    ovsdb_column_set_destroy(&columns);
    ovsdb_row_destroy(copy);
    ovsdb_row_destroy(row);
}

static void
test_row_parse_errors(void **state)
{
    const struct ovsdb_table_schema *table = table_r(state);

    assert_string_equal(parse_tag(table, "{\"nope\": 1}", OVSDB_ROW_INSERT),
                        "unknown column");
    assert_string_equal(parse_tag(table, "{\"i\": 1, \"nope\": 1}",
                                  OVSDB_ROW_UPDATE), "unknown column");
    assert_string_equal(parse_tag(table, "{\"_uuid\": [\"uuid\", "
                                  "\"00000000-0000-0000-0000-000000000001\"]}",
                                  OVSDB_ROW_INSERT), "constraint violation");
    assert_string_equal(parse_tag(table, "{\"_version\": [\"uuid\", "
                                  "\"00000000-0000-0000-0000-000000000001\"]}",
                                  OVSDB_ROW_UPDATE), "constraint violation");
    assert_string_equal(parse_tag(table, "{\"fixed\": 1}", OVSDB_ROW_UPDATE),
                        "constraint violation");
    assert_null(parse_tag(table, "{\"fixed\": 1}", OVSDB_ROW_INSERT));
    assert_null(parse_tag(table, "{\"_uuid\": [\"uuid\", "
                          "\"00000000-0000-0000-0000-000000000001\"]}",
                          OVSDB_ROW_MATCH));
    assert_string_equal(parse_tag(table, "{\"i\": \"x\"}", OVSDB_ROW_INSERT),
                        "syntax error");
    assert_string_equal(parse_tag(table, "[1]", OVSDB_ROW_INSERT),
                        "syntax error");
    /* No resolver: a <named-uuid> is a syntax error. */
    assert_string_equal(parse_tag(table, "{\"ref\": [\"named-uuid\", "
                                  "\"a\"]}", OVSDB_ROW_INSERT),
                        "syntax error");
}

static void
test_row_named_uuid(void **state)
{
    const struct ovsdb_table_schema *table = table_r(state);
    struct ovsdb_row *row = ovsdb_row_create(table);
    json_t *json = ovsdb_test_parse_json("{\"ref\": [\"named-uuid\", \"a\"]}");
    const struct ovsdb_column *ref;
    struct ovsdb_uuid_resolver resolver;
    struct ovsdb_symtab symtab;

    ovsdb_symtab_init(&symtab);
    resolver = ovsdb_symtab_resolver(&symtab);
    assert_null(ovsdb_row_from_json(row, json, &resolver, OVSDB_ROW_INSERT,
                                    NULL));
    ref = ovsdb_table_schema_get_column(table, "ref");
    assert_int_equal(row->fields[ref->index].n, 1);
    assert_true(uuid_equals(&row->fields[ref->index].keys[0].uuid,
                            &ovsdb_symtab_find(&symtab, "a")->uuid));
    assert_true(ovsdb_symtab_find(&symtab, "a")->strong_ref);
    json_decref(json);
    ovsdb_row_destroy(row);
    ovsdb_symtab_destroy(&symtab);
}

static void
test_column_set_from_json(void **state)
{
    const struct ovsdb_table_schema *table = table_r(state);
    struct ovsdb_column_set set;
    struct ovsdb_error *error;
    json_t *json;

    assert_null(ovsdb_column_set_from_json(table, NULL, &set));
    assert_int_equal(set.n_columns, table->n_columns);
    ovsdb_column_set_destroy(&set);

    json = ovsdb_test_parse_json("[\"s\", \"_uuid\"]");
    assert_null(ovsdb_column_set_from_json(table, json, &set));
    assert_int_equal(set.n_columns, 2);
    assert_string_equal(set.columns[0]->name, "s");
    assert_int_equal(set.columns[1]->index, OVSDB_COL_UUID);
    ovsdb_column_set_destroy(&set);
    json_decref(json);

    json = ovsdb_test_parse_json("[\"s\", \"zz\"]");
    error = ovsdb_column_set_from_json(table, json, &set);
    assert_string_equal(ovsdb_error_get_details(error),
                        "zz is not a valid column name");
    assert_int_equal(set.n_columns, 0);
    ovsdb_error_destroy(error);
    json_decref(json);

    json = ovsdb_test_parse_json("[\"s\", \"s\"]");
    error = ovsdb_column_set_from_json(table, json, &set);
    assert_string_equal(ovsdb_error_get_tag(error), "syntax error");
    ovsdb_error_destroy(error);
    json_decref(json);

    json = ovsdb_test_parse_json("[1]");
    error = ovsdb_column_set_from_json(table, json, &set);
    assert_string_equal(ovsdb_error_get_tag(error), "syntax error");
    ovsdb_error_destroy(error);
    json_decref(json);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_row_defaults),
        cmocka_unit_test(test_row_parse_and_columns),
        cmocka_unit_test(test_row_parse_errors),
        cmocka_unit_test(test_row_named_uuid),
        cmocka_unit_test(test_column_set_from_json),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
