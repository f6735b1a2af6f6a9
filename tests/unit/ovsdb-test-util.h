/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_TEST_UTIL_H
#define OVSDB_TEST_UTIL_H 1

/* Helpers shared by the ovsdb unit tests (tests/unit/test-ovsdb-*.c).  Each
 * one fails the running cmocka test, with a message that names the input,
 * rather than returning an error. */

#include <sys/types.h>
#include <jansson.h>

struct ovsdb_error;
struct ovsdb_schema;

/* Parses the JSON 'text' (any value, not only objects or arrays) and
 * returns it, for the caller to json_decref(). */
json_t *ovsdb_test_parse_json(const char *text);

/* Checks that 'json' equals the JSON text 'expected', printing both if they
 * differ. */
void ovsdb_test_assert_json_equals(json_t *json, const char *expected);

/* Parses the schema 'text', which must be valid, and returns it, for the
 * caller to ovsdb_schema_destroy(). */
struct ovsdb_schema *ovsdb_test_parse_schema(const char *text);

/* Checks that 'error', from parsing 'input', is nonnull, has tag 'tag' and
 * has details that contain 'details', then frees 'error'. */
void ovsdb_test_check_error(struct ovsdb_error *error, const char *input,
                            const char *tag, const char *details);

/* Returns the size of the file 'name', which must exist. */
off_t ovsdb_test_file_size(const char *name);

#endif /* ovsdb-test-util.h */
