/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for ovsdb/ovsdb-mutation: every mutator on the column types it
 * applies to, integer overflow ("range error"), division by zero ("domain
 * error"), results outside the column's constraints or size ("constraint
 * violation"), immutable columns, and invalid mutations.
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
#include "ovsdb/ovsdb-mutation.h"
#include "ovsdb/ovsdb-schema.h"
#include "util.h"

static const char schema_text[] =
    "{\"name\": \"T\", \"version\": \"1.0.0\", \"tables\": {\"R\": {"
    " \"columns\": {"
    "  \"i\": {\"type\": \"integer\"},"
    "  \"r\": {\"type\": \"real\"},"
    "  \"b\": {\"type\": \"boolean\"},"
    "  \"s\": {\"type\": \"string\"},"
    "  \"ranged\": {\"type\": {\"key\": {\"type\": \"integer\", "
    "                                  \"minInteger\": 0, "
    "                                  \"maxInteger\": 100}}},"
    "  \"iset\": {\"type\": {\"key\": \"integer\", \"min\": 0, "
    "                       \"max\": \"unlimited\"}},"
    "  \"rset\": {\"type\": {\"key\": \"real\", \"min\": 0, "
    "                       \"max\": \"unlimited\"}},"
    "  \"small\": {\"type\": {\"key\": \"integer\", \"max\": 3}},"
    "  \"sset\": {\"type\": {\"key\": {\"type\": \"string\", \"enum\": "
    "                               [\"set\", [\"a\", \"b\", \"c\"]]}, "
    "                       \"min\": 0, \"max\": \"unlimited\"}},"
    "  \"smap\": {\"type\": {\"key\": \"string\", \"value\": \"string\", "
    "                       \"min\": 0, \"max\": \"unlimited\"}},"
    "  \"oi\": {\"type\": {\"key\": \"integer\", \"min\": 0}},"
    "  \"fixed\": {\"type\": \"integer\", \"mutable\": false}}}}}";

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
get_table(void **state)
{
    return ovsdb_schema_get_table(*state, "R");
}

static struct ovsdb_error *
parse_mutations(const struct ovsdb_table_schema *table, const char *text,
                struct ovsdb_mutation_set *set)
{
    json_t *json = ovsdb_test_parse_json(text);
    struct ovsdb_error *error;

    error = ovsdb_mutation_set_from_json(table, json, NULL, set);
    json_decref(json);
    return error;
}

struct mutation_case {
    const char *column;
    const char *initial;        /* JSON of the column's value before. */
    const char *mutator;
    const char *arg;            /* JSON of the mutation's value. */
    const char *result;         /* JSON after, or NULL if an error. */
    const char *tag;            /* Error tag if 'result' is NULL. */
};

#define I64_MIN "-9223372036854775808"
#define I64_MAX "9223372036854775807"

static const struct mutation_case cases[] = {
    /* Integers. */
    { "i", "10", "+=", "5", "15", NULL },
    { "i", "10", "-=", "20", "-10", NULL },
    { "i", "10", "*=", "3", "30", NULL },
    { "i", "10", "/=", "3", "3", NULL },
    { "i", "10", "%=", "3", "1", NULL },
    { "i", "-7", "/=", "2", "-3", NULL },
    { "i", "-7", "%=", "3", "-1", NULL },
    { "i", "10", "/=", "-1", "-10", NULL },
    { "i", "10", "%=", "-1", "0", NULL },
    { "i", "10", "/=", "0", NULL, "domain error" },
    { "i", "10", "%=", "0", NULL, "domain error" },
    { "i", I64_MAX, "+=", "1", NULL, "range error" },
    { "i", I64_MIN, "-=", "1", NULL, "range error" },
    { "i", I64_MIN, "+=", "-1", NULL, "range error" },
    { "i", "4611686018427387904", "*=", "2", NULL, "range error" },
    { "i", "-4611686018427387905", "*=", "2", NULL, "range error" },
    { "i", I64_MIN, "/=", "-1", NULL, "range error" },
    { "i", I64_MIN, "*=", "-1", NULL, "range error" },
    { "i", I64_MIN, "%=", "-1", "0", NULL },
    { "i", I64_MAX, "-=", I64_MAX, "0", NULL },
    /* Reals; an integer argument is fine. */
    { "r", "1.5", "+=", "1", "2.5", NULL },
    { "r", "1.5", "-=", "0.5", "1.0", NULL },
    { "r", "1.5", "*=", "2", "3.0", NULL },
    { "r", "1.5", "/=", "2", "0.75", NULL },
    { "r", "1.5", "/=", "0", NULL, "domain error" },
    { "r", "1.5", "/=", "0.0", NULL, "domain error" },
    { "r", "1.5e308", "*=", "10", NULL, "range error" },
    { "r", "-1.5e308", "-=", "1e308", NULL, "range error" },
    /* Constraints apply to the result, not to the argument. */
    { "ranged", "50", "+=", "50", "100", NULL },
    { "ranged", "50", "+=", "51", NULL, "constraint violation" },
    { "ranged", "50", "-=", "51", NULL, "constraint violation" },
    { "ranged", "50", "/=", "1000", "0", NULL },
    /* Sets, element by element. */
    { "iset", "[\"set\", [1, 2, 3]]", "+=", "10",
      "[\"set\", [11, 12, 13]]", NULL },
    { "iset", "[\"set\", [1, 2, 3]]", "*=", "-1",
      "[\"set\", [-3, -2, -1]]", NULL },
    { "iset", "[\"set\", [1, 2, 3]]", "*=", "0", NULL,
      "constraint violation" },
    { "iset", "[\"set\", [1, 2, 3]]", "/=", "0", NULL, "domain error" },
    { "iset", "[\"set\", [1, " I64_MAX "]]", "+=", "1", NULL,
      "range error" },
    { "iset", "[\"set\", []]", "+=", "1", "[\"set\", []]", NULL },
    { "rset", "[\"set\", [0.5, 1.5]]", "*=", "2", "[\"set\", [1.0, 3.0]]",
      NULL },
    { "oi", "[\"set\", []]", "+=", "5", "[\"set\", []]", NULL },
    { "oi", "4", "-=", "5", "-1", NULL },
    /* Insert into and delete from sets. */
    { "iset", "[\"set\", [1, 2, 3]]", "insert", "[\"set\", [3, 4]]",
      "[\"set\", [1, 2, 3, 4]]", NULL },
    { "iset", "[\"set\", [1, 2, 3]]", "insert", "9",
      "[\"set\", [1, 2, 3, 9]]", NULL },
    { "iset", "[\"set\", [1, 2, 3]]", "delete", "[\"set\", [1, 3, 99]]",
      "2", NULL },
    { "iset", "[\"set\", [1, 2, 3]]", "delete", "[\"set\", []]",
      "[\"set\", [1, 2, 3]]", NULL },
    { "small", "[\"set\", [1, 2]]", "insert", "3", "[\"set\", [1, 2, 3]]",
      NULL },
    { "small", "[\"set\", [1, 2]]", "insert", "[\"set\", []]",
      "[\"set\", [1, 2]]", NULL },
    { "small", "[\"set\", [1, 2]]", "insert", "[\"set\", [3, 4]]", NULL,
      "constraint violation" },
    { "small", "[\"set\", [1, 2]]", "delete", "[\"set\", [1, 5, 6, 7]]",
      "2", NULL },
    { "small", "[\"set\", [1, 2]]", "delete", "[\"set\", [1, 2]]", NULL,
      "constraint violation" },
    { "small", "[\"set\", [1, 2]]", "delete", "[\"set\", [1, 2, 3, 4, 5]]",
      NULL, "constraint violation" },
    { "sset", "\"a\"", "insert", "\"b\"", "[\"set\", [\"a\", \"b\"]]",
      NULL },
    { "sset", "\"a\"", "insert", "\"e\"", NULL, "constraint violation" },
    { "sset", "\"a\"", "delete", "\"b\"", "\"a\"", NULL },
    { "sset", "\"a\"", "delete", "\"zzz\"", NULL,
      "constraint violation" },
    { "oi", "[\"set\", []]", "insert", "5", "5", NULL },
    { "oi", "5", "insert", "6", NULL, "constraint violation" },
    { "oi", "5", "insert", "5", "5", NULL },
    { "oi", "5", "delete", "5", "[\"set\", []]", NULL },
    /* Maps. */
    { "smap", "[\"map\", [[\"a\", \"1\"], [\"b\", \"2\"]]]", "insert",
      "[\"map\", [[\"a\", \"9\"], [\"c\", \"3\"]]]",
      "[\"map\", [[\"a\", \"1\"], [\"b\", \"2\"], [\"c\", \"3\"]]]", NULL },
    { "smap", "[\"map\", [[\"a\", \"1\"], [\"b\", \"2\"]]]", "delete",
      "[\"set\", [\"a\", \"zz\"]]", "[\"map\", [[\"b\", \"2\"]]]", NULL },
    { "smap", "[\"map\", [[\"a\", \"1\"], [\"b\", \"2\"]]]", "delete",
      "\"b\"", "[\"map\", [[\"a\", \"1\"]]]", NULL },
    { "smap", "[\"map\", [[\"a\", \"1\"], [\"b\", \"2\"]]]", "delete",
      "[\"map\", [[\"a\", \"9\"], [\"b\", \"2\"]]]",
      "[\"map\", [[\"a\", \"1\"]]]", NULL },
    { "smap", "[\"map\", []]", "delete", "[\"map\", []]", "[\"map\", []]",
      NULL },
};

/* Applies the mutation described by 'c' to a fresh value and checks the
 * outcome. */
static void
run_case(const struct ovsdb_table_schema *table,
         const struct mutation_case *c)
{
    const struct ovsdb_column *column;
    struct ovsdb_mutation_set set;
    struct ovsdb_error *error;
    struct ovsdb_datum datum;
    json_t *initial, *json;
    char *text;

    text = xasprintf("[[\"%s\", \"%s\", %s]]", c->column, c->mutator,
                     c->arg);
    column = ovsdb_table_schema_get_column(table, c->column);
    assert_non_null(column);
    initial = ovsdb_test_parse_json(c->initial);
    error = ovsdb_datum_from_json(&datum, &column->type, initial, NULL);
    if (error) {
        fail_msg("%s: bad initial value: %s", text,
                 ovsdb_error_to_string(error));
    }
    json_decref(initial);

    error = parse_mutations(table, text, &set);
    if (!error) {
        error = ovsdb_mutation_apply(&set.mutations[0], &datum);
        ovsdb_mutation_set_destroy(&set);
    }
    if (c->result) {
        json_t *want = ovsdb_test_parse_json(c->result);

        if (error) {
            fail_msg("%s on %s: %s", text, c->initial,
                     ovsdb_error_to_string(error));
        }
        json = ovsdb_datum_to_json(&datum, &column->type);
        if (!json_equal(json, want)) {
            fail_msg("%s on %s: got %s, expected %s", text, c->initial,
                     json_dumps(json, JSON_ENCODE_ANY), c->result);
        }
        json_decref(json);
        json_decref(want);
    } else {
        if (!error) {
            fail_msg("%s on %s: succeeded", text, c->initial);
        } else if (strcmp(ovsdb_error_get_tag(error), c->tag)) {
            fail_msg("%s on %s: %s, expected tag %s", text, c->initial,
                     ovsdb_error_to_string(error), c->tag);
        }
        /* A failed mutation leaves the value alone. */
        initial = ovsdb_test_parse_json(c->initial);
        json = ovsdb_datum_to_json(&datum, &column->type);
        assert_true(json_equal(json, initial));
        json_decref(json);
        json_decref(initial);
        ovsdb_error_destroy(error);
    }
    ovsdb_datum_destroy(&datum, &column->type);
    free(text);
}

static void
test_mutators(void **state)
{
    const struct ovsdb_table_schema *table = get_table(state);

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        run_case(table, &cases[i]);
    }
}

static const struct {
    const char *mutations;
    const char *tag;
    const char *details;
} bad_mutations[] = {
    { "[[\"nope\", \"+=\", 1]]", "unknown column",
      "table R has no column \"nope\"" },
    { "[[\"i\", \"^=\", 1]]", "syntax error", "unknown mutator \"^=\"" },
    { "[[\"fixed\", \"+=\", 1]]", "constraint violation",
      "table R column fixed cannot be mutated: it is declared immutable" },
    { "[[\"_uuid\", \"insert\", [\"uuid\", "
      "\"11111111-1111-1111-1111-111111111111\"]]]", "constraint violation",
      "column _uuid cannot be mutated: it is maintained by the database" },
    { "[[\"_version\", \"+=\", 1]]", "constraint violation",
      "column _version cannot be mutated" },
    { "[[\"r\", \"%=\", 2]]", "syntax error",
      "mutator \"%=\" cannot be applied to column r of type real" },
    { "[[\"s\", \"+=\", \"x\"]]", "syntax error",
      "mutator \"+=\" cannot be applied to column s of type string" },
    { "[[\"b\", \"*=\", true]]", "syntax error",
      "cannot be applied to column b of type boolean" },
    { "[[\"s\", \"insert\", \"y\"]]", "syntax error",
      "mutator \"insert\" cannot be applied to column s of type string" },
    { "[[\"i\", \"delete\", 1]]", "syntax error",
      "mutator \"delete\" cannot be applied to column i of type integer" },
    { "[[\"smap\", \"+=\", 1]]", "syntax error",
      "cannot be applied to column smap of type map of string-string "
      "pairs" },
    { "[[\"sset\", \"+=\", \"a\"]]", "syntax error",
      "cannot be applied to column sset" },
    { "[[\"i\", \"+=\", 1.5]]", "syntax error",
      "expected an integer, not a real number" },
    { "[[\"i\", \"+=\", [\"set\", [1, 2]]]]", "syntax error",
      "value for \"+=\" must be one number, not 2" },
    { "[[\"iset\", \"+=\", [\"set\", []]]]", "syntax error",
      "value for \"+=\" must be one number, not 0" },
    { "[[\"small\", \"insert\", [\"set\", [1, 2, 3, 4]]]]", "syntax error",
      "has 4 elements but the column allows at most 3" },
    { "[[\"smap\", \"insert\", [\"set\", [\"a\"]]]]", "syntax error",
      "expected a <map>" },
    { "[[\"smap\", \"delete\", [\"set\", [1]]]]", "syntax error",
      "expected a string, not an integer" },
    { "[[\"iset\", \"insert\", [\"set\", [1, 1]]]]", "syntax error",
      "set contains duplicate value 1" },
    { "[[\"i\", \"+=\"]]", "syntax error",
      "a <mutation> must be an array [column, mutator, value]" },
    { "[\"i\", \"+=\", 1]", "syntax error", "a <mutation> must be an array" },
    { "{}", "syntax error", "\"mutations\" must be an array" },
};

static void
test_bad_mutations(void **state)
{
    const struct ovsdb_table_schema *table = get_table(state);

    for (size_t i = 0; i < ARRAY_SIZE(bad_mutations); i++) {
        struct ovsdb_mutation_set set;
        struct ovsdb_error *error;

        error = parse_mutations(table, bad_mutations[i].mutations, &set);
        ovsdb_test_check_error(error, bad_mutations[i].mutations,
                               bad_mutations[i].tag,
                               bad_mutations[i].details);
        assert_int_equal(set.n_mutations, 0);
    }
}

static void
test_execute_on_row(void **state)
{
    const struct ovsdb_table_schema *table = get_table(state);
    const struct ovsdb_column *i_col, *iset_col;
    struct ovsdb_mutation_set set;
    struct ovsdb_datum *row;
    struct ovsdb_error *error;
    json_t *json, *want;

    row = xcalloc(table->n_columns, sizeof *row);
    for (size_t i = 0; i < table->n_columns; i++) {
        ovsdb_datum_init_default(&row[i], &table->columns[i]->type);
    }
    i_col = ovsdb_table_schema_get_column(table, "i");
    iset_col = ovsdb_table_schema_get_column(table, "iset");

    /* Mutations apply in order, later ones seeing earlier results. */
    assert_null(parse_mutations(table, "[[\"i\", \"+=\", 1], "
                                "[\"i\", \"*=\", 2], "
                                "[\"iset\", \"insert\", [\"set\", [7, 3]]], "
                                "[\"iset\", \"delete\", 3]]", &set));
    json = ovsdb_mutation_set_to_json(&set);
    want = ovsdb_test_parse_json("[[\"i\", \"+=\", 1], [\"i\", \"*=\", 2], "
                                 "[\"iset\", \"insert\", [\"set\", [3, 7]]], "
                                 "[\"iset\", \"delete\", 3]]");
    assert_true(json_equal(json, want));
    json_decref(json);
    json_decref(want);
    assert_null(ovsdb_mutation_set_execute(&set, row));
    ovsdb_mutation_set_destroy(&set);
    assert_int_equal(row[i_col->index].keys[0].integer, 2);
    assert_int_equal(row[iset_col->index].n, 1);
    assert_int_equal(row[iset_col->index].keys[0].integer, 7);

    /* A failure stops the list; earlier mutations stay applied. */
    assert_null(parse_mutations(table, "[[\"i\", \"+=\", 1], "
                                "[\"i\", \"/=\", 0], [\"i\", \"+=\", 100]]",
                                &set));
    error = ovsdb_mutation_set_execute(&set, row);
    assert_non_null(error);
    assert_string_equal(ovsdb_error_get_tag(error), "domain error");
    assert_string_equal(ovsdb_error_get_details(error),
                        "mutation \"/=\" of column i: division by zero");
    ovsdb_error_destroy(error);
    ovsdb_mutation_set_destroy(&set);
    assert_int_equal(row[i_col->index].keys[0].integer, 3);

    for (size_t i = 0; i < table->n_columns; i++) {
        ovsdb_datum_destroy(&row[i], &table->columns[i]->type);
    }
    free(row);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_mutators, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_mutations, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_execute_on_row, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
