/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "ovsdb-parser.h"

#include <stdarg.h>
#include "dynamic-string.h"
#include "ovsdb-error.h"
#include "util.h"

void
ovsdb_parser_init(struct ovsdb_parser *parser, const json_t *object,
                  const char *name_fmt, ...)
{
    va_list args;

    parser->object = object;
    va_start(args, name_fmt);
    parser->name = xvasprintf(name_fmt, args);
    va_end(args);
    parser->used = NULL;
    parser->n_used = 0;
    parser->allocated_used = 0;
    parser->error = NULL;
    if (!json_is_object(object)) {
        parser->error = ovsdb_syntax_error(object, NULL,
                                           "%s is not a JSON object",
                                           parser->name);
    }
}

/* Returns true if 'json' is of one of the 'kinds'. */
static bool
json_is_kind__(const json_t *json, unsigned int kinds)
{
    switch (json_typeof(json)) {
    case JSON_NULL:
        return kinds & OP_NULL;
    case JSON_TRUE:
    case JSON_FALSE:
        return kinds & OP_BOOLEAN;
    case JSON_INTEGER:
        return kinds & (OP_INTEGER | OP_REAL);
    case JSON_REAL:
        return kinds & OP_REAL;
    case JSON_STRING:
        return ((kinds & OP_STRING)
                || ((kinds & OP_ID)
                    && ovsdb_is_valid_id(json_string_value(json))));
    case JSON_ARRAY:
        return kinds & OP_ARRAY;
    case JSON_OBJECT:
        return kinds & OP_OBJECT;
    }
    return false;
}

/* Appends to 'ds' an English list of the 'kinds', e.g. "a string or an
 * array". */
static void
format_kinds__(struct ds *ds, unsigned int kinds)
{
    static const struct {
        unsigned int kind;
        const char *name;
    } names[] = {
        { OP_NULL, "null" },
        { OP_BOOLEAN, "a boolean" },
        { OP_INTEGER, "an integer" },
        { OP_REAL, "a number" },
        { OP_STRING, "a string" },
        { OP_ID, "an identifier" },
        { OP_ARRAY, "an array" },
        { OP_OBJECT, "an object" },
    };
    bool first = true;

    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        if (kinds & names[i].kind) {
            ds_put_cstr(ds, first ? "" : " or ");
            ds_put_cstr(ds, names[i].name);
            first = false;
        }
    }
}

const json_t *
ovsdb_parser_member(struct ovsdb_parser *parser, const char *name,
                    unsigned int kinds)
{
    const json_t *value;

    if (parser->error) {
        return NULL;
    }
    if (parser->n_used >= parser->allocated_used) {
        parser->allocated_used = parser->allocated_used * 2 + 4;
        parser->used = xrealloc(parser->used, parser->allocated_used
                                              * sizeof *parser->used);
    }
    parser->used[parser->n_used++] = name;

    value = json_object_get(parser->object, name);
    if (!value) {
        if (!(kinds & OP_OPTIONAL)) {
            parser->error = ovsdb_syntax_error(
                parser->object, NULL, "%s: required member \"%s\" is missing",
                parser->name, name);
        }
        return NULL;
    }
    if (!json_is_kind__(value, kinds)) {
        struct ds ds = DS_EMPTY_INITIALIZER;

        format_kinds__(&ds, kinds);
        parser->error = ovsdb_syntax_error(
            value, NULL, "%s: member \"%s\" must be %s, not %s",
            parser->name, name, ds_cstr(&ds), ovsdb_json_kind_name(value));
        ds_destroy(&ds);
        return NULL;
    }
    return value;
}

void
ovsdb_parser_raise_error(struct ovsdb_parser *parser, const char *fmt, ...)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    va_list args;

    if (parser->error) {
        return;
    }
    ds_put_format(&ds, "%s: ", parser->name);
    va_start(args, fmt);
    ds_put_format_valist(&ds, fmt, args);
    va_end(args);
    parser->error = ovsdb_syntax_error(parser->object, NULL, "%s",
                                       ds_cstr(&ds));
    ds_destroy(&ds);
}

void
ovsdb_parser_put_error(struct ovsdb_parser *parser, struct ovsdb_error *error)
{
    if (parser->error) {
        ovsdb_error_destroy(error);
    } else {
        parser->error = error;
    }
}

bool
ovsdb_parser_has_error(const struct ovsdb_parser *parser)
{
    return parser->error != NULL;
}

/* Returns true if member 'key' was looked up through 'parser'. */
static bool
parser_used__(const struct ovsdb_parser *parser, const char *key)
{
    for (size_t i = 0; i < parser->n_used; i++) {
        if (!strcmp(parser->used[i], key)) {
            return true;
        }
    }
    return false;
}

struct ovsdb_error *
ovsdb_parser_finish(struct ovsdb_parser *parser)
{
    struct ovsdb_error *error = parser->error;

    if (!error) {
        const char *key;
        json_t *value;

        json_object_foreach ((json_t *) parser->object, key, value) {
            if (!parser_used__(parser, key)) {
                error = ovsdb_syntax_error(
                    parser->object, NULL,
                    "%s: member \"%s\" is not allowed here",
                    parser->name, key);
                break;
            }
        }
    }
    parser->error = NULL;
    ovsdb_parser_destroy(parser);
    return error;
}

void
ovsdb_parser_destroy(struct ovsdb_parser *parser)
{
    free(parser->name);
    parser->name = NULL;
    free(parser->used);
    parser->used = NULL;
    parser->n_used = parser->allocated_used = 0;
    ovsdb_error_destroy(parser->error);
    parser->error = NULL;
}

/* Returns true if 'c' is an ASCII letter, or also a digit if 'digits'. */
static bool
is_id_char__(char c, bool digits)
{
    return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
            || (digits && c >= '0' && c <= '9'));
}

bool
ovsdb_is_valid_id(const char *s)
{
    if (!is_id_char__(*s, false)) {
        return false;
    }
    for (s++; *s; s++) {
        if (!is_id_char__(*s, true)) {
            return false;
        }
    }
    return true;
}

const char *
ovsdb_json_kind_name(const json_t *json)
{
    if (!json) {
        return "nothing";
    }
    switch (json_typeof(json)) {
    case JSON_NULL:
        return "null";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    case JSON_INTEGER:
        return "an integer";
    case JSON_REAL:
        return "a real number";
    case JSON_STRING:
        return "a string";
    case JSON_ARRAY:
        return "an array";
    case JSON_OBJECT:
        return "an object";
    }
    return "an unknown JSON value";
}
