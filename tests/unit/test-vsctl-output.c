/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for utilities/vsctl-output.c: a small table printed in each
 * --format and --data of ovs-vsctl, with the exact text the stock tool
 * prints for the same cells.
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

void
vsctl_fatal(const char *format OVS_UNUSED, ...)
{
    fail_msg("vsctl_fatal called");
    abort();
}

static struct ovsdb_type name_type, tag_type, trunks_type, map_type;

static void
make_type(struct ovsdb_type *type, const char *text)
{
    json_error_t jerr;
    json_t *json = json_loads(text, JSON_DECODE_ANY, &jerr);
    struct ovsdb_error *error;

    assert_non_null(json);
    error = ovsdb_type_from_json(type, json);
    assert_null(error);
    json_decref(json);
}

static void
set_cell(struct vsctl_table *t, size_t col, const struct ovsdb_type *type,
         const char *text)
{
    struct ovsdb_datum d;
    char *error = vsctl_datum_from_string(&d, type, text, NULL);

    assert_null(error);
    vsctl_table_set_cell(t, col, &d, type);
    ovsdb_datum_destroy(&d, type);
}

/* The table: name, tag, trunks, external_ids; rows p1 and br0. */
static void
make_table(struct vsctl_table *t)
{
    make_type(&name_type, "\"string\"");
    make_type(&tag_type, "{\"key\": \"integer\", \"min\": 0, \"max\": 1}");
    make_type(&trunks_type, "{\"key\": \"integer\", \"min\": 0, "
              "\"max\": 4096}");
    make_type(&map_type, "{\"key\": \"string\", \"value\": \"string\", "
              "\"min\": 0, \"max\": \"unlimited\"}");

    vsctl_table_init(t);
    vsctl_table_add_column(t, "name");
    vsctl_table_add_column(t, "tag");
    vsctl_table_add_column(t, "trunks");
    vsctl_table_add_column(t, "external_ids");
    vsctl_table_add_row(t);
    set_cell(t, 0, &name_type, "p1");
    set_cell(t, 1, &tag_type, "5");
    set_cell(t, 2, &trunks_type, "1,2");
    set_cell(t, 3, &map_type, "{q=\"a,b \\\"x\\\"\"}");
    vsctl_table_add_row(t);
    set_cell(t, 0, &name_type, "br0");
    set_cell(t, 1, &tag_type, "[]");
    set_cell(t, 2, &trunks_type, "[]");
    set_cell(t, 3, &map_type, "{}");
}

static void
check_format(enum vsctl_format format, enum vsctl_data data, bool headings,
             bool pretty, const char *expected)
{
    struct vsctl_table_style style = { format, data, headings, pretty };
    struct ds out = DS_EMPTY_INITIALIZER;
    struct vsctl_table t;

    make_table(&t);
    vsctl_table_format(&t, &style, &out);
    assert_string_equal(ds_cstr(&out), expected);
    ds_destroy(&out);
    vsctl_table_destroy(&t);
    ovsdb_type_destroy(&name_type);
    ovsdb_type_destroy(&tag_type);
    ovsdb_type_destroy(&trunks_type);
    ovsdb_type_destroy(&map_type);
}

static void
test_list(void **state OVS_UNUSED)
{
    check_format(VSCTL_FORMAT_LIST, VSCTL_DATA_STRING, true, false,
                 "name                : p1\n"
                 "tag                 : 5\n"
                 "trunks              : [1, 2]\n"
                 "external_ids        : {q=\"a,b \\\"x\\\"\"}\n"
                 "\n"
                 "name                : br0\n"
                 "tag                 : []\n"
                 "trunks              : []\n"
                 "external_ids        : {}\n");
    check_format(VSCTL_FORMAT_LIST, VSCTL_DATA_BARE, false, false,
                 "p1\n5\n1 2\nq=a,b \"x\"\n\nbr0\n\n\n\n");
}

static void
test_table(void **state OVS_UNUSED)
{
    check_format(VSCTL_FORMAT_TABLE, VSCTL_DATA_STRING, true, false,
                 "name tag trunks external_ids\n"
                 "---- --- ------ ---------------\n"
                 "p1   5   [1, 2] {q=\"a,b \\\"x\\\"\"}\n"
                 "br0  []  []     {}\n");
    check_format(VSCTL_FORMAT_TABLE, VSCTL_DATA_BARE, false, false,
                 "p1  5 1 2 q=a,b \"x\"\n"
                 "br0\n");
}

static void
test_csv(void **state OVS_UNUSED)
{
    check_format(VSCTL_FORMAT_CSV, VSCTL_DATA_STRING, true, false,
                 "name,tag,trunks,external_ids\n"
                 "p1,5,\"[1, 2]\",\"{q=\"\"a,b \\\"\"x\\\"\"\"\"}\"\n"
                 "br0,[],[],{}\n");
    check_format(VSCTL_FORMAT_CSV, VSCTL_DATA_JSON, true, false,
                 "name,tag,trunks,external_ids\n"
                 "\"\"\"p1\"\"\",5,\"[\"\"set\"\",[1,2]]\",\"[\"\"map\"\","
                 "[[\"\"q\"\",\"\"a,b \\\"\"x\\\"\"\"\"]]]\"\n"
                 "\"\"\"br0\"\"\",\"[\"\"set\"\",[]]\",\"[\"\"set\"\",[]]\","
                 "\"[\"\"map\"\",[]]\"\n");
}

static void
test_html(void **state OVS_UNUSED)
{
    check_format(VSCTL_FORMAT_HTML, VSCTL_DATA_STRING, true, false,
                 "<table border=1>\n"
                 "  <tr>\n"
                 "    <th>name</th>\n"
                 "    <th>tag</th>\n"
                 "    <th>trunks</th>\n"
                 "    <th>external_ids</th>\n"
                 "  </tr>\n"
                 "  <tr>\n"
                 "    <td>p1</td>\n"
                 "    <td>5</td>\n"
                 "    <td>[1, 2]</td>\n"
                 "    <td>{q=&quot;a,b \\&quot;x\\&quot;&quot;}</td>\n"
                 "  </tr>\n"
                 "  <tr>\n"
                 "    <td>br0</td>\n"
                 "    <td>[]</td>\n"
                 "    <td>[]</td>\n"
                 "    <td>{}</td>\n"
                 "  </tr>\n"
                 "</table>\n");
}

static void
test_json(void **state OVS_UNUSED)
{
    check_format(VSCTL_FORMAT_JSON, VSCTL_DATA_STRING, true, false,
                 "{\"data\":[[\"p1\",5,[\"set\",[1,2]],[\"map\",[[\"q\","
                 "\"a,b \\\"x\\\"\"]]]],[\"br0\",[\"set\",[]],[\"set\",[]],"
                 "[\"map\",[]]]],\"headings\":[\"name\",\"tag\",\"trunks\","
                 "\"external_ids\"]}\n");
}

static void
test_json_pretty(void **state OVS_UNUSED)
{
    json_t *json = json_loads("{\"headings\": [\"a\"], \"data\": [[1, "
                              "[\"set\", []]]]}", 0, NULL);
    struct ds out = DS_EMPTY_INITIALIZER;

    vsctl_json_format(json, true, &out);
    assert_string_equal(ds_cstr(&out),
                        "{\n"
                        "  \"data\": [\n"
                        "    [\n"
                        "      1,\n"
                        "      [\n"
                        "        \"set\",\n"
                        "        []]]],\n"
                        "  \"headings\": [\n"
                        "    \"a\"]}");
    ds_destroy(&out);
    json_decref(json);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_json_pretty),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
