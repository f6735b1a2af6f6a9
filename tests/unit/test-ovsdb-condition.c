/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for ovsdb/ovsdb-condition: every function against every kind of
 * column (a truth table on one row), conjunctions, the boolean literals, the
 * relaxed size rules of "includes" and "excludes", and invalid conditions.
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include "ovsdb-test-util.h"
#include "ovsdb/ovsdb-condition.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb-schema.h"
#include "ovsdb/ovsdb-symtab.h"
#include "util.h"

#define U1 "[\"uuid\", \"11111111-1111-1111-1111-111111111111\"]"
#define U2 "[\"uuid\", \"22222222-2222-2222-2222-222222222222\"]"

static const char schema_text[] =
    "{\"name\": \"T\", \"version\": \"1.0.0\", \"tables\": {\"R\": {"
    " \"columns\": {"
    "  \"i\": {\"type\": \"integer\"},"
    "  \"r\": {\"type\": \"real\"},"
    "  \"b\": {\"type\": \"boolean\"},"
    "  \"s\": {\"type\": \"string\"},"
    "  \"u\": {\"type\": \"uuid\"},"
    "  \"oi\": {\"type\": {\"key\": \"integer\", \"min\": 0}},"
    "  \"os\": {\"type\": {\"key\": \"string\", \"min\": 0}},"
    "  \"set\": {\"type\": {\"key\": \"integer\", \"min\": 0, "
    "                      \"max\": \"unlimited\"}},"
    "  \"map\": {\"type\": {\"key\": \"string\", \"value\": \"string\", "
    "                      \"min\": 0, \"max\": \"unlimited\"}},"
    "  \"tag\": {\"type\": {\"key\": {\"type\": \"integer\", "
    "                               \"maxInteger\": 4095}, \"min\": 0}},"
    "  \"limited\": {\"type\": {\"key\": \"integer\", \"max\": 2}}}}}}";

static const char row_text[] =
    "{\"i\": 5, \"r\": 2.5, \"b\": true, \"s\": \"abc\", \"u\": " U1 ","
    " \"oi\": [\"set\", []], \"os\": \"x\", \"set\": [\"set\", [3, 1, 2]],"
    " \"map\": [\"map\", [[\"a\", \"1\"], [\"b\", \"2\"]]],"
    " \"tag\": 7, \"limited\": [\"set\", [1, 2]]}";

struct fixture {
    struct ovsdb_schema *schema;
    const struct ovsdb_table_schema *table;
    struct ovsdb_datum *row;
};

static int
setup(void **state)
{
    struct fixture *f = xzalloc(sizeof *f);
    json_t *row = ovsdb_test_parse_json(row_text);

    f->schema = ovsdb_test_parse_schema(schema_text);
    f->table = ovsdb_schema_get_table(f->schema, "R");
    f->row = xcalloc(f->table->n_columns, sizeof *f->row);
    for (size_t i = 0; i < f->table->n_columns; i++) {
        const struct ovsdb_column *column = f->table->columns[i];
        const json_t *value = json_object_get(row, column->name);

        if (value) {
            assert_null(ovsdb_datum_from_json(&f->row[i], &column->type,
                                              value, NULL));
        } else {
            ovsdb_datum_init_default(&f->row[i], &column->type);
        }
    }
    json_decref(row);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;

    for (size_t i = 0; i < f->table->n_columns; i++) {
        ovsdb_datum_destroy(&f->row[i], &f->table->columns[i]->type);
    }
    free(f->row);
    ovsdb_schema_destroy(f->schema);
    free(f);
    return 0;
}

/* Parses the conditions 'text' for the fixture's table. */
static struct ovsdb_error *
parse_condition(const struct fixture *f, const char *text,
                struct ovsdb_condition *cond,
                const struct ovsdb_uuid_resolver *resolver)
{
    json_t *json = ovsdb_test_parse_json(text);
    struct ovsdb_error *error;

    error = ovsdb_condition_from_json(f->table, json, resolver, cond);
    json_decref(json);
    return error;
}

/* Returns the truth of the conditions 'text' on the fixture's row. */
static bool
evaluate(const struct fixture *f, const char *text)
{
    struct ovsdb_condition cond;
    struct ovsdb_error *error;
    bool result;

    error = parse_condition(f, text, &cond, NULL);
    if (error) {
        fail_msg("%s: %s", text, ovsdb_error_to_string(error));
    }
    result = ovsdb_condition_evaluate(&cond, f->row);
    ovsdb_condition_destroy(&cond);
    return result;
}

static const struct {
    const char *clause;
    bool expected;
} truth_table[] = {
    /* integer 5 */
    { "[\"i\", \"<\", 6]", true },
    { "[\"i\", \"<\", 5]", false },
    { "[\"i\", \"<=\", 5]", true },
    { "[\"i\", \"<=\", 4]", false },
    { "[\"i\", \"==\", 5]", true },
    { "[\"i\", \"==\", 4]", false },
    { "[\"i\", \"!=\", 4]", true },
    { "[\"i\", \"!=\", 5]", false },
    { "[\"i\", \">=\", 5]", true },
    { "[\"i\", \">=\", 6]", false },
    { "[\"i\", \">\", 4]", true },
    { "[\"i\", \">\", 5]", false },
    { "[\"i\", \"includes\", 5]", true },
    { "[\"i\", \"includes\", 4]", false },
    { "[\"i\", \"excludes\", 4]", true },
    { "[\"i\", \"excludes\", 5]", false },
    { "[\"i\", \"==\", [\"set\", [5]]]", true },
    /* real 2.5 */
    { "[\"r\", \"<\", 3]", true },
    { "[\"r\", \"<\", 2.5]", false },
    { "[\"r\", \"<=\", 2.5]", true },
    { "[\"r\", \"<=\", 2.4]", false },
    { "[\"r\", \"==\", 2.5]", true },
    { "[\"r\", \"!=\", 2.5]", false },
    { "[\"r\", \">=\", 2.5]", true },
    { "[\"r\", \">\", 2.5]", false },
    { "[\"r\", \">\", -1]", true },
    { "[\"r\", \"includes\", 2.5]", true },
    { "[\"r\", \"excludes\", 2.5]", false },
    /* boolean true */
    { "[\"b\", \"==\", true]", true },
    { "[\"b\", \"==\", false]", false },
    { "[\"b\", \"!=\", false]", true },
    { "[\"b\", \"!=\", true]", false },
    { "[\"b\", \"includes\", true]", true },
    { "[\"b\", \"excludes\", true]", false },
    { "[\"b\", \"excludes\", false]", true },
    /* string "abc" */
    { "[\"s\", \"==\", \"abc\"]", true },
    { "[\"s\", \"==\", \"ab\"]", false },
    { "[\"s\", \"!=\", \"abc\"]", false },
    { "[\"s\", \"!=\", \"abd\"]", true },
    { "[\"s\", \"includes\", \"abc\"]", true },
    { "[\"s\", \"excludes\", \"abd\"]", true },
    { "[\"s\", \"excludes\", \"abc\"]", false },
    /* uuid U1 */
    { "[\"u\", \"==\", " U1 "]", true },
    { "[\"u\", \"==\", " U2 "]", false },
    { "[\"u\", \"!=\", " U2 "]", true },
    { "[\"u\", \"includes\", " U1 "]", true },
    { "[\"u\", \"excludes\", " U1 "]", false },
    /* optional integer, empty: no ordering holds. */
    { "[\"oi\", \"<\", 10]", false },
    { "[\"oi\", \">\", -10]", false },
    { "[\"oi\", \"<=\", 0]", false },
    { "[\"oi\", \"==\", [\"set\", []]]", true },
    { "[\"oi\", \"!=\", 1]", true },
    { "[\"oi\", \"includes\", [\"set\", []]]", true },
    { "[\"oi\", \"includes\", 1]", false },
    { "[\"oi\", \"excludes\", 1]", true },
    /* optional string "x" */
    { "[\"os\", \"==\", \"x\"]", true },
    { "[\"os\", \"==\", [\"set\", []]]", false },
    { "[\"os\", \"includes\", \"x\"]", true },
    /* set {1, 2, 3} */
    { "[\"set\", \"==\", [\"set\", [3, 2, 1]]]", true },
    { "[\"set\", \"==\", [\"set\", [1, 2]]]", false },
    { "[\"set\", \"!=\", [\"set\", [1, 2]]]", true },
    { "[\"set\", \"!=\", [\"set\", [1, 2, 3]]]", false },
    { "[\"set\", \"includes\", [\"set\", [1, 3]]]", true },
    { "[\"set\", \"includes\", 2]", true },
    { "[\"set\", \"includes\", [\"set\", [1, 4]]]", false },
    { "[\"set\", \"includes\", [\"set\", []]]", true },
    { "[\"set\", \"excludes\", [\"set\", [4, 5]]]", true },
    { "[\"set\", \"excludes\", [\"set\", [3, 4]]]", false },
    { "[\"set\", \"excludes\", [\"set\", []]]", true },
    /* map {a: "1", b: "2"} */
    { "[\"map\", \"==\", [\"map\", [[\"b\", \"2\"], [\"a\", \"1\"]]]]",
      true },
    { "[\"map\", \"==\", [\"map\", [[\"a\", \"1\"]]]]", false },
    { "[\"map\", \"!=\", [\"map\", []]]", true },
    { "[\"map\", \"includes\", [\"map\", [[\"a\", \"1\"]]]]", true },
    { "[\"map\", \"includes\", [\"map\", [[\"a\", \"2\"]]]]", false },
    { "[\"map\", \"includes\", [\"map\", [[\"a\", \"1\"], [\"c\", "
      "\"3\"]]]]", false },
    { "[\"map\", \"excludes\", [\"map\", [[\"a\", \"2\"]]]]", true },
    { "[\"map\", \"excludes\", [\"map\", [[\"a\", \"1\"], [\"c\", "
      "\"3\"]]]]", false },
    /* set of 1 to 2 integers {1, 2}: relaxed sizes. */
    { "[\"limited\", \"includes\", [\"set\", []]]", true },
    { "[\"limited\", \"includes\", 2]", true },
    { "[\"limited\", \"excludes\", [\"set\", [5, 6, 7]]]", true },
    { "[\"limited\", \"excludes\", [\"set\", [2, 6, 7]]]", false },
    /* Values within the column's constraints. */
    { "[\"tag\", \"==\", 7]", true },
    { "[\"tag\", \"<\", 4095]", true },
    { "[\"tag\", \"excludes\", [\"set\", [0, 4095]]]", true },
    /* Literals. */
    { "true", true },
    { "false", false },
};

static void
test_truth_table(void **state)
{
    const struct fixture *f = *state;

    for (size_t i = 0; i < ARRAY_SIZE(truth_table); i++) {
        char *text = xasprintf("[%s]", truth_table[i].clause);
        bool result = evaluate(f, text);

        if (result != truth_table[i].expected) {
            fail_msg("%s: got %s", text, result ? "true" : "false");
        }
        free(text);
    }
}

static void
test_conjunctions(void **state)
{
    const struct fixture *f = *state;
    struct ovsdb_condition cond;
    json_t *json;

    assert_true(evaluate(f, "[]"));
    assert_true(evaluate(f, "[[\"i\", \"==\", 5], [\"s\", \"==\", "
                "\"abc\"]]"));
    assert_false(evaluate(f, "[[\"i\", \"==\", 5], [\"s\", \"==\", "
                 "\"x\"]]"));
    assert_false(evaluate(f, "[true, [\"i\", \">\", 100]]"));
    assert_true(evaluate(f, "[true, true]"));
    assert_true(evaluate(f, "[[\"i\", \">\", 1], [\"i\", \"<\", 9], "
                "[\"set\", \"includes\", 3]]"));

    assert_null(parse_condition(f, "[]", &cond, NULL));
    assert_true(ovsdb_condition_is_true(&cond));
    assert_false(ovsdb_condition_is_false(&cond));
    ovsdb_condition_destroy(&cond);
    assert_null(parse_condition(f, "[true, false]", &cond, NULL));
    assert_false(ovsdb_condition_is_true(&cond));
    assert_true(ovsdb_condition_is_false(&cond));
    ovsdb_condition_destroy(&cond);

    /* Serialised back with values in canonical form. */
    assert_null(parse_condition(f, "[[\"set\", \"includes\", [\"set\", [3, "
                                "1]]], true, [\"i\", \"<\", 7]]", &cond,
                                NULL));
    json = ovsdb_condition_to_json(&cond);
    {
        json_t *want = ovsdb_test_parse_json("[[\"set\", \"includes\", "
                                             "[\"set\", [1, 3]]], true, "
                                             "[\"i\", \"<\", 7]]");

        assert_true(json_equal(json, want));
        json_decref(want);
    }
    json_decref(json);
    ovsdb_condition_destroy(&cond);
}

static void
test_named_uuid_condition(void **state)
{
    const struct fixture *f = *state;
    struct ovsdb_uuid_resolver resolver;
    struct ovsdb_condition cond;
    struct ovsdb_symtab symtab;
    struct ovsdb_symbol *symbol;
    union ovsdb_atom atom;

    ovsdb_symtab_init(&symtab);
    symbol = ovsdb_symtab_get(&symtab, "new_row");
    assert_true(uuid_from_string(&symbol->uuid,
                                 "11111111-1111-1111-1111-111111111111"));
    resolver = ovsdb_symtab_resolver(&symtab);
    assert_null(parse_condition(f, "[[\"u\", \"==\", [\"named-uuid\", "
                                "\"new_row\"]]]", &cond, &resolver));
    atom.uuid = symbol->uuid;
    assert_true(ovsdb_atom_equals(&cond.clauses[0].arg.keys[0], &atom,
                                  OVSDB_TYPE_UUID));
    assert_true(ovsdb_condition_evaluate(&cond, f->row));
    ovsdb_condition_destroy(&cond);
    ovsdb_symtab_destroy(&symtab);
}

static const struct {
    const char *where;
    const char *tag;
    const char *details;
} bad_conditions[] = {
    { "[[\"nope\", \"==\", 1]]", "unknown column",
      "table R has no column \"nope\"" },
    { "[[\"i\", \"~=\", 1]]", "syntax error", "unknown function \"~=\"" },
    { "[[\"s\", \"<\", \"a\"]]", "syntax error",
      "function \"<\" cannot be applied to column s of type string" },
    { "[[\"b\", \">=\", true]]", "syntax error",
      "function \">=\" cannot be applied to column b of type boolean" },
    { "[[\"set\", \"<\", 1]]", "syntax error",
      "cannot be applied to column set of type set of integers" },
    { "[[\"map\", \">\", 1]]", "syntax error",
      "cannot be applied to column map of type map of string-string pairs" },
    { "[[\"u\", \"<=\", " U1 "]]", "syntax error",
      "cannot be applied to column u of type uuid" },
    { "[[\"i\", \"<\", [\"set\", []]]]", "syntax error",
      "table R column i: value for \"<\" has 0 elements but must have at "
      "least 1" },
    { "[[\"oi\", \"<\", [\"set\", [1, 2]]]]", "syntax error",
      "value for \"<\" has 2 elements but must have at most 1" },
    { "[[\"i\", \"==\", \"5\"]]", "syntax error",
      "expected an integer, not a string" },
    { "[[\"i\", \"==\", [\"set\", [1, 2]]]]", "syntax error",
      "value for \"==\" has 2 elements but must have at most 1" },
    { "[[\"limited\", \"==\", [\"set\", []]]]", "syntax error",
      "value for \"==\" has 0 elements but must have at least 1" },
    { "[[\"limited\", \"includes\", [\"set\", [1, 2, 3]]]]", "syntax error",
      "value for \"includes\" has 3 elements but must have at most 2" },
    { "[[\"map\", \"includes\", [\"set\", [\"a\"]]]]", "syntax error",
      "expected a <map>" },
    { "[[\"set\", \"==\", [\"set\", [1, 1]]]]", "syntax error",
      "set contains duplicate value 1" },
    { "[[\"u\", \"==\", [\"named-uuid\", \"x\"]]]", "syntax error",
      "named UUID \"x\" is not allowed here" },
    { "[[\"i\", \"==\"]]", "syntax error",
      "a <condition> must be an array [column, function, value]" },
    { "[[\"i\", \"==\", 5, 6]]", "syntax error",
      "a <condition> must be an array" },
    { "[[5, \"==\", 5]]", "syntax error", "a <condition> must be an array" },
    { "[\"i\"]", "syntax error", "a <condition> must be an array" },
    { "[[\"tag\", \"==\", 5000]]", "constraint violation",
      "5000 is greater than the maximum allowed value 4095" },
    { "[[\"tag\", \"<\", 5000]]", "constraint violation",
      "5000 is greater than the maximum allowed value 4095" },
    { "[[\"tag\", \"excludes\", [\"set\", [1, 5000]]]]",
      "constraint violation", "5000 is greater than the maximum allowed" },
    { "{\"i\": 5}", "syntax error",
      "\"where\" must be an array of <condition>s" },
};

static void
test_bad_conditions(void **state)
{
    const struct fixture *f = *state;

    for (size_t i = 0; i < ARRAY_SIZE(bad_conditions); i++) {
        struct ovsdb_condition cond;
        struct ovsdb_error *error;

        error = parse_condition(f, bad_conditions[i].where, &cond, NULL);
        ovsdb_test_check_error(error, bad_conditions[i].where,
                               bad_conditions[i].tag,
                               bad_conditions[i].details);
        assert_int_equal(cond.n_clauses, 0);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_truth_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conjunctions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_named_uuid_condition, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_bad_conditions, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
