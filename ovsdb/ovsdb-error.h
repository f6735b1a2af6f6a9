/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_ERROR_H
#define OVSDB_ERROR_H 1

/* Errors of the database engine.
 *
 * Every function of ovsdb/ that can fail returns a 'struct ovsdb_error *':
 * NULL means success, anything else is an error that the caller now owns and
 * must either pass on (returning it) or free with ovsdb_error_destroy().
 *
 * An error has a tag, which is exactly one of the error names RFC 7047 gives
 * (OVSDB_E_* below), so that it can travel to a client unchanged as the
 * "error" member of an <error> object, and a human-readable details string.
 * An error found while parsing JSON can also carry the offending JSON text
 * ("syntax"). */

#include <stdarg.h>
#include <jansson.h>
#include "compiler.h"

/* The RFC 7047 error names used as tags. */
#define OVSDB_E_SYNTAX "syntax error"
#define OVSDB_E_CONSTRAINT "constraint violation"
#define OVSDB_E_UNKNOWN_COLUMN "unknown column"
#define OVSDB_E_UNKNOWN_TABLE "unknown table"
#define OVSDB_E_UNKNOWN_DATABASE "unknown database"
#define OVSDB_E_REFERENTIAL "referential integrity violation"
#define OVSDB_E_DOMAIN "domain error"
#define OVSDB_E_RANGE "range error"
#define OVSDB_E_TIMED_OUT "timed out"
#define OVSDB_E_NOT_SUPPORTED "not supported"
#define OVSDB_E_RESOURCES "resources exhausted"
#define OVSDB_E_NOT_OWNER "not owner"
#define OVSDB_E_DUPLICATE_UUID_NAME "duplicate uuid-name"
#define OVSDB_E_DUPLICATE_UUID "duplicate uuid"
#define OVSDB_E_ABORTED "aborted"
#define OVSDB_E_IO "I/O error"

struct ovsdb_error;

/* Creates and returns a new error with 'tag' (one of OVSDB_E_*) and details
 * formatted from 'details_fmt' (which may be NULL for no details). */
struct ovsdb_error *ovsdb_error_create(const char *tag,
                                       const char *details_fmt, ...)
    OVS_PRINTF_FORMAT(2, 3) OVS_WARN_UNUSED_RESULT;
struct ovsdb_error *ovsdb_error_create_valist(const char *tag,
                                              const char *details_fmt,
                                              va_list args)
    OVS_PRINTF_FORMAT(2, 0) OVS_WARN_UNUSED_RESULT;

/* Creates and returns a new error about 'json' (which may be NULL), the input
 * that could not be parsed.  'tag' may be NULL for OVSDB_E_SYNTAX.  The
 * error keeps a compact text copy of 'json', not 'json' itself. */
struct ovsdb_error *ovsdb_syntax_error(const json_t *json, const char *tag,
                                       const char *details_fmt, ...)
    OVS_PRINTF_FORMAT(3, 4) OVS_WARN_UNUSED_RESULT;

/* Prefixes the details of 'error' with the text formatted from 'fmt' and
 * ": ", to say where the error happened, e.g. "table Bridge column name".
 * Returns 'error', so that a caller can write "return ovsdb_error_prefix(e,
 * ...)".  Does nothing if 'error' is NULL. */
struct ovsdb_error *ovsdb_error_prefix(struct ovsdb_error *error,
                                       const char *fmt, ...)
    OVS_PRINTF_FORMAT(2, 3);

/* Frees 'error'.  Accepts NULL. */
void ovsdb_error_destroy(struct ovsdb_error *error);

/* Returns a copy of 'error' (NULL if 'error' is NULL). */
struct ovsdb_error *ovsdb_error_clone(const struct ovsdb_error *error)
    OVS_WARN_UNUSED_RESULT;

/* Accessors.  The details and syntax may be NULL. */
const char *ovsdb_error_get_tag(const struct ovsdb_error *error);
const char *ovsdb_error_get_details(const struct ovsdb_error *error);
const char *ovsdb_error_get_syntax(const struct ovsdb_error *error);

/* Returns a new JSON object {"error": TAG, "details": DETAILS} for 'error',
 * the RFC 7047 <error>.  "details" is left out when 'error' has none, and a
 * "syntax" member with the offending JSON text is added when 'error' has
 * one (RFC 7047 lets an <error> carry further members). */
json_t *ovsdb_error_to_json(const struct ovsdb_error *error);

/* Returns a new string "TAG: DETAILS (near SYNTAX)" (only the parts that
 * exist), for logs and command-line tools.  The caller frees it. */
char *ovsdb_error_to_string(const struct ovsdb_error *error);

#endif /* ovsdb/ovsdb-error.h */
