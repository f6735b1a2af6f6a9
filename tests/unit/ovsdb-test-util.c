/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "ovsdb-test-util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <sys/stat.h>
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb-schema.h"

json_t *
ovsdb_test_parse_json(const char *text)
{
    json_error_t jerror;
    json_t *json = json_loads(text, JSON_DECODE_ANY, &jerror);

    if (!json) {
        fail_msg("bad test JSON %s: %s", text, jerror.text);
    }
    return json;
}

void
ovsdb_test_assert_json_equals(json_t *json, const char *expected)
{
    json_t *want = ovsdb_test_parse_json(expected);

    if (!json_equal(json, want)) {
        char *got = json_dumps(json, JSON_ENCODE_ANY | JSON_SORT_KEYS);

        fail_msg("got %s, expected %s", got, expected);
    }
    json_decref(want);
}

struct ovsdb_schema *
ovsdb_test_parse_schema(const char *text)
{
    json_t *json = ovsdb_test_parse_json(text);
    struct ovsdb_schema *schema;

    assert_null(ovsdb_schema_from_json(json, &schema));
    json_decref(json);
    return schema;
}

void
ovsdb_test_check_error(struct ovsdb_error *error, const char *input,
                       const char *tag, const char *details)
{
    const char *got;

    if (!error) {
        fail_msg("%s: accepted", input);
    }
    if (strcmp(ovsdb_error_get_tag(error), tag)) {
        fail_msg("%s: tag \"%s\", expected \"%s\"", input,
                 ovsdb_error_get_tag(error), tag);
    }
    got = ovsdb_error_get_details(error);
    if (!got || !strstr(got, details)) {
        fail_msg("%s: details \"%s\" lack \"%s\"", input,
                 got ? got : "(none)", details);
    }
    ovsdb_error_destroy(error);
}

off_t
ovsdb_test_file_size(const char *name)
{
    struct stat st;

    assert_int_equal(stat(name, &st), 0);
    return st.st_size;
}
