/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_PARSER_H
#define OVSDB_PARSER_H 1

/* Checked access to the members of a JSON object, for the objects of RFC
 * 7047: schemas, operations, monitor requests.
 *
 * Typical use:
 *
 *     struct ovsdb_parser p;
 *
 *     ovsdb_parser_init(&p, json, "table %s", name);
 *     columns = ovsdb_parser_member(&p, "columns", OP_OBJECT);
 *     max_rows = ovsdb_parser_member(&p, "maxRows",
 *                                    OP_INTEGER | OP_OPTIONAL);
 *     error = ovsdb_parser_finish(&p);
 *     if (error) {
 *         return error;
 *     }
 *
 * Lookups after the first error return NULL and record nothing more, so the
 * caller may test ovsdb_parser_has_error() once after a series of lookups.
 * ovsdb_parser_finish() also reports any member of the object that was never
 * looked up, so that a misspelt member is an error rather than silently
 * ignored. */

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include "compiler.h"

struct ovsdb_error;

/* What a member may be: a bitwise OR of these. */
enum ovsdb_parser_kind {
    OP_NULL = 1 << 0,
    OP_BOOLEAN = 1 << 1,
    OP_INTEGER = 1 << 2,        /* A JSON number without fraction/exponent. */
    OP_REAL = 1 << 3,           /* Any JSON number. */
    OP_STRING = 1 << 4,
    OP_ARRAY = 1 << 5,
    OP_OBJECT = 1 << 6,
    OP_ID = 1 << 7,             /* A string that is an RFC 7047 <id>. */
    OP_OPTIONAL = 1 << 8,       /* The member may be absent. */

    /* Any JSON value at all. */
    OP_ANY = (OP_NULL | OP_BOOLEAN | OP_INTEGER | OP_REAL | OP_STRING
              | OP_ARRAY | OP_OBJECT)
};

struct ovsdb_parser {
    const json_t *object;       /* The object being parsed. */
    char *name;                 /* What it is, to name it in errors. */
    const char **used;          /* Names of the members looked up. */
    size_t n_used;
    size_t allocated_used;
    struct ovsdb_error *error;  /* First error found, or NULL. */
};

/* Starts parsing 'object', described by the text formatted from 'name_fmt'
 * (e.g. "table Bridge") in error messages.  Records an error at once if
 * 'object' is not a JSON object.  'object' must stay valid until
 * ovsdb_parser_finish() or ovsdb_parser_destroy(). */
void ovsdb_parser_init(struct ovsdb_parser *parser, const json_t *object,
                       const char *name_fmt, ...) OVS_PRINTF_FORMAT(3, 4);

/* Returns member 'name' of the object, checking that it is of one of the
 * 'kinds'.  Returns NULL, recording an error unless OP_OPTIONAL is among
 * 'kinds' and the member is absent, if it is absent or of another kind or if
 * an error was already recorded.  'name' must stay valid until
 * ovsdb_parser_finish() or ovsdb_parser_destroy(). */
const json_t *ovsdb_parser_member(struct ovsdb_parser *parser,
                                  const char *name, unsigned int kinds);

/* Records an error (tag OVSDB_E_SYNTAX) about the object, with details
 * "NAME: " followed by the text formatted from 'fmt', unless one was already
 * recorded. */
void ovsdb_parser_raise_error(struct ovsdb_parser *parser,
                              const char *fmt, ...) OVS_PRINTF_FORMAT(2, 3);

/* Records 'error', which the parser takes over, unless an error was already
 * recorded (in which case 'error' is freed).  Accepts NULL. */
void ovsdb_parser_put_error(struct ovsdb_parser *parser,
                            struct ovsdb_error *error);

bool ovsdb_parser_has_error(const struct ovsdb_parser *parser);

/* Checks that every member of the object was looked up, frees the parser's
 * resources and returns the first error found (owned by the caller), or
 * NULL. */
struct ovsdb_error *ovsdb_parser_finish(struct ovsdb_parser *parser)
    OVS_WARN_UNUSED_RESULT;

/* Frees the parser's resources and any recorded error, for a caller that
 * abandons the parse. */
void ovsdb_parser_destroy(struct ovsdb_parser *parser);

/* Returns true if 's' is an RFC 7047 <id>: a letter or "_" followed by
 * letters, digits and "_". */
bool ovsdb_is_valid_id(const char *s);

/* Returns a short English description of the kind of 'json', e.g. "a
 * string", "an integer", for error messages. */
const char *ovsdb_json_kind_name(const json_t *json);

#endif /* ovsdb/ovsdb-parser.h */
