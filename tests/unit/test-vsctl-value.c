/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for utilities/vsctl-value.c: the ovs-vsctl text syntax of
 * database values (parsing into datums, constraint messages, formatting
 * as text and bare text).
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dynamic-string.h"
#include "ovsdb/ovsdb-error.h"
#include "utilities/vsctl.h"
#include "util.h"
#include "uuid.h"

/* vsctl_fatal() is ovs-vsctl.c's; the value code never calls it. */
void
vsctl_fatal(const char *format OVS_UNUSED, ...)
{
    fail_msg("vsctl_fatal called");
    abort();
}

static void
make_type(struct ovsdb_type *type, const char *text)
{
    json_error_t jerr;
    json_t *json = json_loads(text, JSON_DECODE_ANY, &jerr);
    struct ovsdb_error *error;

    assert_non_null(json);
    error = ovsdb_type_from_json(type, json);
    if (error) {
        fail_msg("bad type %s: %s", text, ovsdb_error_to_string(error));
    }
    json_decref(json);
}

/* Parses 's' as 'type_text' and checks that it formats back as
 * 'expected' (text) and 'bare'. */
static void
check_round_trip(const char *type_text, const char *s, const char *expected,
                 const char *bare)
{
    struct ds out = DS_EMPTY_INITIALIZER;
    struct ovsdb_datum d;
    struct ovsdb_type type;
    char *error;

    make_type(&type, type_text);
    error = vsctl_datum_from_string(&d, &type, s, NULL);
    if (error) {
        fail_msg("%s as %s: %s", s, type_text, error);
    }
    vsctl_datum_to_string(&d, &type, &out);
    assert_string_equal(ds_cstr(&out), expected);
    ds_clear(&out);
    vsctl_datum_to_bare(&d, &type, &out);
    assert_string_equal(ds_cstr(&out), bare);
    ds_destroy(&out);
    ovsdb_datum_destroy(&d, &type);
    ovsdb_type_destroy(&type);
}

static void
check_error(const char *type_text, const char *s, const char *expected)
{
    struct ovsdb_datum d;
    struct ovsdb_type type;
    char *error;

    make_type(&type, type_text);
    error = vsctl_datum_from_string(&d, &type, s, NULL);
    if (!error) {
        fail_msg("%s as %s: parsed, expected error %s", s, type_text,
                 expected);
    }
    assert_string_equal(error, expected);
    free(error);
    ovsdb_type_destroy(&type);
}

static void
test_scalars(void **state OVS_UNUSED)
{
    check_round_trip("\"integer\"", "42", "42", "42");
    check_round_trip("\"integer\"", "-7", "-7", "-7");
    check_round_trip("\"real\"", "2.5", "2.5", "2.5");
    check_round_trip("\"boolean\"", "true", "true", "true");
    check_round_trip("\"string\"", "br0", "br0", "br0");
    check_round_trip("\"string\"", "\"10.0.0.2\"", "\"10.0.0.2\"",
                     "10.0.0.2");
    check_round_trip("\"string\"", "10.0.0.2", "\"10.0.0.2\"", "10.0.0.2");
    check_round_trip("\"string\"", "\"\"", "\"\"", "");
    check_round_trip("\"string\"", "\"true\"", "\"true\"", "true");
    check_round_trip("\"string\"", "\"a\\\"b\"", "\"a\\\"b\"", "a\"b");
    check_round_trip("\"uuid\"", "5f9e2f3a-62b2-4c11-8f4e-4a3bd7d3a9a1",
                     "5f9e2f3a-62b2-4c11-8f4e-4a3bd7d3a9a1",
                     "5f9e2f3a-62b2-4c11-8f4e-4a3bd7d3a9a1");
}

static void
test_quoting(void **state OVS_UNUSED)
{
    assert_false(vsctl_string_needs_quotes("br0"));
    assert_false(vsctl_string_needs_quotes("_a-b.c"));
    assert_true(vsctl_string_needs_quotes(""));
    assert_true(vsctl_string_needs_quotes("0abc"));
    assert_true(vsctl_string_needs_quotes("a b"));
    assert_true(vsctl_string_needs_quotes("a:b"));
    assert_true(vsctl_string_needs_quotes("false"));
    assert_true(vsctl_string_needs_quotes(
                    "5f9e2f3a-62b2-4c11-8f4e-4a3bd7d3a9a1"));
}

static void
test_sets_and_maps(void **state OVS_UNUSED)
{
    const char *int_set = "{\"key\": {\"type\": \"integer\", \"minInteger\": "
                          "0, \"maxInteger\": 4095}, \"min\": 0, "
                          "\"max\": 4096}";
    const char *smap = "{\"key\": \"string\", \"value\": \"string\", "
                       "\"min\": 0, \"max\": \"unlimited\"}";
    const char *opt = "{\"key\": \"string\", \"min\": 0, \"max\": 1}";

    check_round_trip(int_set, "[]", "[]", "");
    check_round_trip(int_set, "2,1", "[1, 2]", "1 2");
    check_round_trip(int_set, "[3, 1, 2]", "[1, 2, 3]", "1 2 3");
    check_round_trip(int_set, "1-3,7", "[1, 2, 3, 7]", "1 2 3 7");
    check_round_trip(smap, "{}", "{}", "");
    check_round_trip(smap, "{b=2, a=\"x y\"}", "{a=\"x y\", b=\"2\"}",
                     "a=x y b=2");
    check_round_trip(smap, "a=b,c=d", "{a=b, c=d}", "a=b c=d");
    check_round_trip(opt, "[]", "[]", "");
    check_round_trip(opt, "secure", "secure", "secure");
}

static void
test_errors(void **state OVS_UNUSED)
{
    const char *tag = "{\"key\": {\"type\": \"integer\", \"minInteger\": 0, "
                      "\"maxInteger\": 4095}, \"min\": 0, \"max\": 1}";
    const char *trunks = "{\"key\": {\"type\": \"integer\", \"minInteger\": "
                         "0, \"maxInteger\": 4095}, \"min\": 0, "
                         "\"max\": 4096}";
    const char *smap = "{\"key\": \"string\", \"value\": \"string\", "
                       "\"min\": 0, \"max\": \"unlimited\"}";
    const char *fail_mode = "{\"key\": {\"type\": \"string\", \"enum\": "
                            "[\"set\", [\"standalone\", \"secure\"]]}, "
                            "\"min\": 0, \"max\": 1}";

    check_error("\"boolean\"", "maybe",
                "\"maybe\" is not a valid boolean (use \"true\" or "
                "\"false\")");
    check_error(tag, "5000", "constraint violation: 5000 is not in the "
                "valid range 0 to 4095 (inclusive)");
    check_error(tag, "1.5", "\"1.5\" is not a valid integer or range");
    check_error(tag, "[1,2]", "[1,2]: 2 value(s) specified but the maximum "
                "number is 1");
    check_error("\"boolean\"", "[]", "[]: 0 value(s) specified but the "
                "minimum number is 1");
    check_error(fail_mode, "bogus", "constraint violation: bogus is not one "
                "of the allowed values ([secure, standalone])");
    check_error(trunks, "[1,2", "[1,2: missing \"]\" at end of data");
    check_error(trunks, "[1,2]x", "[1,2]x: trailing garbage after \"]\"");
    check_error(trunks, "3,3", "3,3: set contains duplicate value");
    check_error(smap, "{a=b,a=c}", "{a=b,a=c}: map contains duplicate key");
    check_error(smap, "{=x}", "{=x}: unexpected \"=\" parsing map of "
                "(string, string) pairs");
    check_error(smap, "{a=", "An empty string is not valid as input; use "
                "\"\" to represent the empty string");
    check_error("\"string\"", "tcp:1.2.3.4:6653",
                "tcp:1.2.3.4:6653: unexpected \":\" parsing string");
    check_error("\"string\"", "\"abc", "\"abc: missing quote at end of "
                "quoted string");
    check_error("\"uuid\"", "xyz", "\"xyz\" is not a valid UUID");
}

static void
test_atoms(void **state OVS_UNUSED)
{
    struct ovsdb_base_type base;
    union ovsdb_atom atom;
    char *error;

    /* A lone atom takes the whole text: no tokenising. */
    ovsdb_base_type_init(&base, OVSDB_TYPE_STRING);
    error = vsctl_atom_from_string(&atom, &base, "a:b,c", NULL);
    assert_null(error);
    assert_string_equal(atom.string, "a:b,c");
    ovsdb_atom_destroy(&atom, OVSDB_TYPE_STRING);

    error = vsctl_atom_from_string(&atom, &base, "\"q\\n\"", NULL);
    assert_null(error);
    assert_string_equal(atom.string, "q\n");
    ovsdb_atom_destroy(&atom, OVSDB_TYPE_STRING);
}

static void
test_symbols(void **state OVS_UNUSED)
{
    struct ovsdb_symtab symtab;
    struct ovsdb_type type;
    struct ovsdb_datum d;
    struct ovsdb_symbol *symbol;
    char *error;

    make_type(&type, "{\"key\": {\"type\": \"uuid\", \"refTable\": \"T\"}, "
              "\"min\": 0, \"max\": \"unlimited\"}");
    ovsdb_symtab_init(&symtab);
    error = vsctl_datum_from_string(&d, &type, "[@a]", &symtab);
    assert_null(error);
    symbol = ovsdb_symtab_find(&symtab, "@a");
    assert_non_null(symbol);
    assert_true(symbol->strong_ref);
    assert_true(uuid_equals(&d.keys[0].uuid, &symbol->uuid));
    ovsdb_datum_destroy(&d, &type);

    error = vsctl_datum_from_string(&d, &type, "@b", NULL);
    assert_string_equal(error, "\"@b\" is not a valid UUID");
    free(error);
    ovsdb_symtab_destroy(&symtab);
    ovsdb_type_destroy(&type);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scalars),
        cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_sets_and_maps),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_atoms),
        cmocka_unit_test(test_symbols),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
