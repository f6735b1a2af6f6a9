/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "ovsdb-error.h"

#include <stdarg.h>
#include "dynamic-string.h"
#include "util.h"

struct ovsdb_error {
    char *tag;          /* RFC 7047 error name; never NULL. */
    char *details;      /* Human-readable explanation, or NULL. */
    char *syntax;       /* Compact text of the offending JSON, or NULL. */
};

/* Longest JSON text kept in an error, so that a huge bad request does not
 * come back whole in the reply. */
#define SYNTAX_MAX 1024

struct ovsdb_error *
ovsdb_error_create_valist(const char *tag, const char *details_fmt,
                          va_list args)
{
    struct ovsdb_error *error = xzalloc(sizeof *error);

    error->tag = xstrdup(tag ? tag : OVSDB_E_SYNTAX);
    if (details_fmt) {
        error->details = xvasprintf(details_fmt, args);
    }
    return error;
}

struct ovsdb_error *
ovsdb_error_create(const char *tag, const char *details_fmt, ...)
{
    struct ovsdb_error *error;
    va_list args;

    va_start(args, details_fmt);
    error = ovsdb_error_create_valist(tag, details_fmt, args);
    va_end(args);
    return error;
}

/* Returns a new string with the compact text of 'json', cut to SYNTAX_MAX
 * bytes with a trailing "..." when longer. */
static char *
json_to_short_string__(const json_t *json)
{
    char *text = json_dumps(json, JSON_COMPACT | JSON_ENCODE_ANY
                                  | JSON_SORT_KEYS);
    char *copy;

    if (!text) {
        return NULL;
    }
    if (strlen(text) > SYNTAX_MAX) {
        size_t n = SYNTAX_MAX;

        /* Cut at a UTF-8 character boundary. */
        while (n > 0 && (text[n] & 0xc0) == 0x80) {
            n--;
        }
        copy = xmalloc(n + 4);
        memcpy(copy, text, n);
        memcpy(copy + n, "...", 4);
    } else {
        copy = xstrdup(text);
    }
    free(text);
    return copy;
}

struct ovsdb_error *
ovsdb_syntax_error(const json_t *json, const char *tag,
                   const char *details_fmt, ...)
{
    struct ovsdb_error *error;
    va_list args;

    va_start(args, details_fmt);
    error = ovsdb_error_create_valist(tag, details_fmt, args);
    va_end(args);
    if (json) {
        error->syntax = json_to_short_string__(json);
    }
    return error;
}

struct ovsdb_error *
ovsdb_error_prefix(struct ovsdb_error *error, const char *fmt, ...)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    va_list args;

    if (!error) {
        return NULL;
    }
    va_start(args, fmt);
    ds_put_format_valist(&ds, fmt, args);
    va_end(args);
    if (error->details) {
        ds_put_format(&ds, ": %s", error->details);
    }
    free(error->details);
    error->details = ds_steal_cstr(&ds);
    return error;
}

void
ovsdb_error_destroy(struct ovsdb_error *error)
{
    if (error) {
        free(error->tag);
        free(error->details);
        free(error->syntax);
        free(error);
    }
}

struct ovsdb_error *
ovsdb_error_clone(const struct ovsdb_error *old)
{
    struct ovsdb_error *new;

    if (!old) {
        return NULL;
    }
    new = xzalloc(sizeof *new);
    new->tag = xstrdup(old->tag);
    new->details = old->details ? xstrdup(old->details) : NULL;
    new->syntax = old->syntax ? xstrdup(old->syntax) : NULL;
    return new;
}

const char *
ovsdb_error_get_tag(const struct ovsdb_error *error)
{
    return error->tag;
}

const char *
ovsdb_error_get_details(const struct ovsdb_error *error)
{
    return error->details;
}

const char *
ovsdb_error_get_syntax(const struct ovsdb_error *error)
{
    return error->syntax;
}

json_t *
ovsdb_error_to_json(const struct ovsdb_error *error)
{
    json_t *json = json_object();

    json_object_set_new(json, "error", json_string(error->tag));
    if (error->details) {
        json_t *details = json_string(error->details);

        /* Details built from invalid UTF-8 cannot be a JSON string. */
        json_object_set_new(json, "details",
                            details ? details
                            : json_string("(details not valid UTF-8)"));
    }
    if (error->syntax) {
        json_t *syntax = json_string(error->syntax);

        if (syntax) {
            json_object_set_new(json, "syntax", syntax);
        }
    }
    return json;
}

char *
ovsdb_error_to_string(const struct ovsdb_error *error)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    ds_put_cstr(&ds, error->tag);
    if (error->details) {
        ds_put_format(&ds, ": %s", error->details);
    }
    if (error->syntax) {
        ds_put_format(&ds, " (near %s)", error->syntax);
    }
    return ds_steal_cstr(&ds);
}
