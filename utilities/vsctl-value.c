/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* The ovs-vsctl text syntax of database values.
 *
 * An atom is written as itself (5, 2.5, true, br0, a UUID, @name for a row
 * created in the same chain) or, for strings, as a JSON string in double
 * quotes.  A set is a comma-separated list, optionally in [brackets]; a map
 * is a comma-separated list of key=value pairs, optionally in {braces}.
 * Within a set or map an unquoted token ends at any of the delimiters
 * below; a lone atom (the value of "column:key=value") is taken whole. */

#include <config.h>
#include "vsctl.h"

#include <ctype.h>
#include <float.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "ovsdb/ovsdb-error.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(vsctl_value);

/* Characters that end an unquoted token inside a set or a map. */
static const char token_delimiters[] = ":=, []{}!<>";

/* Largest range "a-b" accepted in an integer set. */
#define MAX_RANGE 4096

static bool
is_delimiter(char c)
{
    return c && strchr(token_delimiters, c);
}

static const char *
skip_spaces(const char *p)
{
    while (isspace((unsigned char) *p)) {
        p++;
    }
    return p;
}

/* Quoting. */

bool
vsctl_string_needs_quotes(const char *s)
{
    struct uuid uuid;
    const char *p;

    if (!isalpha((unsigned char) *s) && *s != '_') {
        return true;
    }
    for (p = s + 1; *p; p++) {
        unsigned char c = *p;

        if (!isalnum(c) && c != '_' && c != '-' && c != '.') {
            return true;
        }
    }
    return (!strcmp(s, "true") || !strcmp(s, "false")
            || uuid_from_string(&uuid, s));
}

void
vsctl_put_quoted_string(struct ds *out, const char *s)
{
    ds_put_char(out, '"');
    for (; *s; s++) {
        unsigned char c = *s;

        switch (c) {
        case '"':
            ds_put_cstr(out, "\\\"");
            break;
        case '\\':
            ds_put_cstr(out, "\\\\");
            break;
        case '\b':
            ds_put_cstr(out, "\\b");
            break;
        case '\f':
            ds_put_cstr(out, "\\f");
            break;
        case '\n':
            ds_put_cstr(out, "\\n");
            break;
        case '\r':
            ds_put_cstr(out, "\\r");
            break;
        case '\t':
            ds_put_cstr(out, "\\t");
            break;
        default:
            if (c < 0x20) {
                ds_put_format(out, "\\u%04x", c);
            } else {
                ds_put_char(out, c);
            }
        }
    }
    ds_put_char(out, '"');
}

/* Formatting. */

static void
atom_to_text__(const union ovsdb_atom *atom, enum ovsdb_atomic_type type,
               bool bare, struct ds *out)
{
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        ds_put_format(out, "%"PRId64, atom->integer);
        break;
    case OVSDB_TYPE_REAL:
        ds_put_format(out, "%.*g", DBL_DIG, atom->real);
        break;
    case OVSDB_TYPE_BOOLEAN:
        ds_put_cstr(out, atom->boolean ? "true" : "false");
        break;
    case OVSDB_TYPE_STRING:
        if (!bare && vsctl_string_needs_quotes(atom->string)) {
            vsctl_put_quoted_string(out, atom->string);
        } else {
            ds_put_cstr(out, atom->string);
        }
        break;
    case OVSDB_TYPE_UUID:
        ds_put_format(out, UUID_FMT, UUID_ARGS(&atom->uuid));
        break;
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
}

void
vsctl_atom_to_string(const union ovsdb_atom *atom,
                     enum ovsdb_atomic_type type, struct ds *out)
{
    atom_to_text__(atom, type, false, out);
}

void
vsctl_atom_to_bare(const union ovsdb_atom *atom,
                   enum ovsdb_atomic_type type, struct ds *out)
{
    atom_to_text__(atom, type, true, out);
}

void
vsctl_datum_to_string(const struct ovsdb_datum *datum,
                      const struct ovsdb_type *type, struct ds *out)
{
    bool is_map = ovsdb_type_is_map(type);
    bool brackets = is_map || type->n_max > 1 || !datum->n;
    size_t i;

    if (brackets) {
        ds_put_char(out, is_map ? '{' : '[');
    }
    for (i = 0; i < datum->n; i++) {
        if (i) {
            ds_put_cstr(out, ", ");
        }
        vsctl_atom_to_string(&datum->keys[i], type->key.type, out);
        if (is_map) {
            ds_put_char(out, '=');
            vsctl_atom_to_string(&datum->values[i], type->value.type, out);
        }
    }
    if (brackets) {
        ds_put_char(out, is_map ? '}' : ']');
    }
}

void
vsctl_datum_to_bare(const struct ovsdb_datum *datum,
                    const struct ovsdb_type *type, struct ds *out)
{
    size_t i;

    for (i = 0; i < datum->n; i++) {
        if (i) {
            ds_put_char(out, ' ');
        }
        vsctl_atom_to_bare(&datum->keys[i], type->key.type, out);
        if (ovsdb_type_is_map(type)) {
            ds_put_char(out, '=');
            vsctl_atom_to_bare(&datum->values[i], type->value.type, out);
        }
    }
}

/* Constraints, worded like the stock tool's client-side checks. */

char *
vsctl_atom_check_constraints(const union ovsdb_atom *atom,
                             const struct ovsdb_base_type *base)
{
    if (base->enum_
        && !ovsdb_datum_find_key(base->enum_, atom, base->type, NULL)) {
        struct ovsdb_type set_type;
        struct ds s = DS_EMPTY_INITIALIZER;

        ovsdb_type_init_scalar(&set_type, base->type);
        set_type.n_min = 0;
        set_type.n_max = OVSDB_UNLIMITED;
        vsctl_atom_to_string(atom, base->type, &s);
        ds_put_cstr(&s, " is not one of the allowed values (");
        vsctl_datum_to_string(base->enum_, &set_type, &s);
        ds_put_char(&s, ')');
        return ds_steal_cstr(&s);
    }

    switch (base->type) {
    case OVSDB_TYPE_INTEGER: {
        int64_t min = base->u.integer.min, max = base->u.integer.max;
        int64_t x = atom->integer;

        if (x >= min && x <= max) {
            return NULL;
        } else if (min != INT64_MIN && max != INT64_MAX) {
            return xasprintf("%"PRId64" is not in the valid range %"PRId64
                             " to %"PRId64" (inclusive)", x, min, max);
        } else if (x < min) {
            return xasprintf("%"PRId64" is less than minimum allowed value "
                             "%"PRId64, x, min);
        } else {
            return xasprintf("%"PRId64" is greater than maximum allowed "
                             "value %"PRId64, x, max);
        }
    }
    case OVSDB_TYPE_REAL: {
        double min = base->u.real.min, max = base->u.real.max;
        double x = atom->real;

        if (x >= min && x <= max) {
            return NULL;
        } else if (min != -DBL_MAX && max != DBL_MAX) {
            return xasprintf("%.*g is not in the valid range %.*g to %.*g "
                             "(inclusive)", DBL_DIG, x, DBL_DIG, min,
                             DBL_DIG, max);
        } else if (x < min) {
            return xasprintf("%.*g is less than minimum allowed value %.*g",
                             DBL_DIG, x, DBL_DIG, min);
        } else {
            return xasprintf("%.*g is greater than maximum allowed value "
                             "%.*g", DBL_DIG, x, DBL_DIG, max);
        }
    }
    case OVSDB_TYPE_STRING: {
        size_t len = 0;
        const char *p;

        for (p = atom->string; *p; p++) {
            len += ((unsigned char) *p & 0xc0) != 0x80;
        }
        if (len < base->u.string.min_len) {
            return xasprintf("\"%s\" length %zu is less than minimum "
                             "allowed length %u", atom->string, len,
                             base->u.string.min_len);
        } else if (len > base->u.string.max_len) {
            return xasprintf("\"%s\" length %zu is greater than maximum "
                             "allowed length %u", atom->string, len,
                             base->u.string.max_len);
        }
        return NULL;
    }
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_TYPE_UUID:
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        return NULL;
    }
}

/* Parsing. */

/* Parses the JSON string that starts with the quote at 's' into '*outp'
 * (owned by the caller) and stores in '*endp' the character after the
 * closing quote. */
static char *
parse_quoted__(const char *s, char **outp, const char **endp)
{
    struct ds out = DS_EMPTY_INITIALIZER;
    const char *p = s + 1;

    for (;;) {
        char c = *p++;

        if (c == '\0') {
            ds_destroy(&out);
            return xasprintf("%s: missing quote at end of quoted string", s);
        } else if (c == '"') {
            break;
        } else if (c != '\\') {
            ds_put_char(&out, c);
            continue;
        }

        c = *p++;
        switch (c) {
        case '"': case '\\': case '/':
            ds_put_char(&out, c);
            break;
        case 'b':
            ds_put_char(&out, '\b');
            break;
        case 'f':
            ds_put_char(&out, '\f');
            break;
        case 'n':
            ds_put_char(&out, '\n');
            break;
        case 'r':
            ds_put_char(&out, '\r');
            break;
        case 't':
            ds_put_char(&out, '\t');
            break;
        case 'u': {
            char hex[5];
            unsigned int cp;

            memcpy(hex, p, 4);
            hex[4] = '\0';
            if (strlen(hex) < 4 || strspn(hex, "0123456789abcdefABCDEF") < 4) {
                ds_destroy(&out);
                return xasprintf("%s: bad \\u escape in quoted string", s);
            }
            cp = strtoul(hex, NULL, 16);
            p += 4;
            if (cp < 0x80) {
                ds_put_char(&out, cp);
            } else if (cp < 0x800) {
                ds_put_char(&out, 0xc0 | (cp >> 6));
                ds_put_char(&out, 0x80 | (cp & 0x3f));
            } else {
                ds_put_char(&out, 0xe0 | (cp >> 12));
                ds_put_char(&out, 0x80 | ((cp >> 6) & 0x3f));
                ds_put_char(&out, 0x80 | (cp & 0x3f));
            }
            break;
        }
        default:
            ds_destroy(&out);
            return xasprintf("%s: bad escape in quoted string", s);
        }
    }
    *outp = ds_steal_cstr(&out);
    if (!*outp) {
        *outp = xstrdup("");
    }
    *endp = p;
    return NULL;
}

static char *
parse_integer__(const char *s, int64_t *value)
{
    long long int x;

    if (!str_to_llong(s, 10, &x)) {
        return xasprintf("\"%s\" is not a valid integer or range", s);
    }
    *value = x;
    return NULL;
}

/* Converts text 's' into an atom of 'base' without checking constraints. */
static char *
atom_from_text__(union ovsdb_atom *atom, const struct ovsdb_base_type *base,
                 const char *s, struct ovsdb_symtab *symtab)
{
    switch (base->type) {
    case OVSDB_TYPE_INTEGER:
        return parse_integer__(s, &atom->integer);

    case OVSDB_TYPE_REAL: {
        char *end;

        atom->real = strtod(s, &end);
        if (!*s || *end || isspace((unsigned char) *s)) {
            return xasprintf("\"%s\" is not a valid real number", s);
        }
        return NULL;
    }

    case OVSDB_TYPE_BOOLEAN:
        if (!strcmp(s, "true")) {
            atom->boolean = true;
        } else if (!strcmp(s, "false")) {
            atom->boolean = false;
        } else {
            return xasprintf("\"%s\" is not a valid boolean "
                             "(use \"true\" or \"false\")", s);
        }
        return NULL;

    case OVSDB_TYPE_STRING:
        if (!*s) {
            return xstrdup("An empty string is not valid as input; use \"\" "
                           "to represent the empty string");
        } else if (*s == '"') {
            const char *end;
            char *error = parse_quoted__(s, &atom->string, &end);

            if (!error && *end) {
                free(atom->string);
                error = xasprintf("%s: trailing garbage after quoted string",
                                  s);
            }
            return error;
        }
        atom->string = xstrdup(s);
        return NULL;

    case OVSDB_TYPE_UUID:
        if (*s == '@' && symtab) {
            struct ovsdb_symbol *symbol = ovsdb_symtab_get(symtab, s);

            symbol->referenced = true;
            if (ovsdb_base_type_is_strong_ref(base)) {
                symbol->strong_ref = true;
            } else if (ovsdb_base_type_is_weak_ref(base)) {
                symbol->weak_ref = true;
            }
            atom->uuid = symbol->uuid;
        } else if (!uuid_from_string(&atom->uuid, s)) {
            return xasprintf("\"%s\" is not a valid UUID", s);
        }
        return NULL;

    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default:
        OVS_NOT_REACHED();
    }
}

char *
vsctl_atom_from_string(union ovsdb_atom *atom,
                       const struct ovsdb_base_type *base, const char *s,
                       struct ovsdb_symtab *symtab)
{
    char *error = atom_from_text__(atom, base, s, symtab);

    if (!error) {
        char *msg = vsctl_atom_check_constraints(atom, base);

        if (msg) {
            ovsdb_atom_destroy(atom, base->type);
            error = xasprintf("constraint violation: %s", msg);
            free(msg);
        }
    }
    return error;
}

/* Reads one token at '*p' into '*tokenp' (owned by the caller): a quoted
 * string with its quotes, or characters up to a delimiter. */
static char *
read_token__(const char **p, char **tokenp)
{
    const char *start = *p;

    if (*start == '"') {
        const char *end;
        char *unquoted;
        char *error = parse_quoted__(start, &unquoted, &end);

        if (error) {
            return error;
        }
        free(unquoted);
        *tokenp = xmemdup0(start, end - start);
        *p = end;
    } else {
        const char *end = start;

        while (*end && !is_delimiter(*end) && !isspace((unsigned char) *end)) {
            end++;
        }
        *tokenp = xmemdup0(start, end - start);
        *p = end;
    }
    return NULL;
}

static char *
describe_type__(const struct ovsdb_type *type)
{
    const char *key = ovsdb_atomic_type_to_string(type->key.type);

    if (ovsdb_type_is_map(type)) {
        return xasprintf("map of (%s, %s) pairs", key,
                         ovsdb_atomic_type_to_string(type->value.type));
    } else if (type->n_max > 1) {
        return xasprintf("set of %ss", key);
    }
    return xstrdup(key);
}

/* Parses the atom of 'base' at '*p' and pushes it onto 'atoms' (one
 * element, or several for an integer range "a-b" if 'allow_range'). */
static char *
parse_element__(const char *s, const char **p,
                const struct ovsdb_base_type *base,
                const struct ovsdb_type *type, bool allow_range,
                struct ovsdb_symtab *symtab, union ovsdb_atom *atom,
                int64_t *range_end)
{
    char *token, *error;

    *p = skip_spaces(*p);
    if (is_delimiter(**p) && **p != '"') {
        char *desc = describe_type__(type);

        error = xasprintf("%s: unexpected \"%c\" parsing %s", s, **p, desc);
        free(desc);
        return error;
    }
    error = read_token__(p, &token);
    if (error) {
        return error;
    }

    *range_end = 0;
    if (allow_range && base->type == OVSDB_TYPE_INTEGER
        && strchr(token + 1, '-')) {
        char *dash = strchr(token + 1, '-');

        *dash = '\0';
        error = parse_integer__(token, &atom->integer);
        if (!error) {
            error = parse_integer__(dash + 1, range_end);
        }
        if (error) {
            *dash = '-';
            free(error);
            error = xasprintf("\"%s\" is not a valid integer or range",
                              token);
        } else if (*range_end < atom->integer
                   || *range_end - atom->integer >= MAX_RANGE) {
            *dash = '-';
            error = xasprintf("\"%s\" is not a valid range", token);
        }
    } else {
        error = vsctl_atom_from_string(atom, base, token, symtab);
        *range_end = atom->integer;
    }
    free(token);
    return error;
}

static char *
check_range_constraints__(int64_t first, int64_t last,
                          const struct ovsdb_base_type *base)
{
    union ovsdb_atom a;
    char *msg;

    a.integer = first;
    msg = vsctl_atom_check_constraints(&a, base);
    if (!msg) {
        a.integer = last;
        msg = vsctl_atom_check_constraints(&a, base);
    }
    if (msg) {
        char *error = xasprintf("constraint violation: %s", msg);

        free(msg);
        return error;
    }
    return NULL;
}

/* Parses the elements of 's' (after an optional opening bracket) into
 * 'datum'. */
static char *
parse_elements__(struct ovsdb_datum *datum, const struct ovsdb_type *type,
                 const char *s, const char **p, char end,
                 struct ovsdb_symtab *symtab)
{
    bool is_map = ovsdb_type_is_map(type);

    for (;;) {
        union ovsdb_atom key, value;
        int64_t range_end;
        char *error;

        *p = skip_spaces(*p);
        if (!**p || **p == end) {
            return NULL;
        }

        error = parse_element__(s, p, &type->key, type,
                                !is_map && type->n_max > 1, symtab, &key,
                                &range_end);
        if (error) {
            return error;
        }
        if (is_map) {
            *p = skip_spaces(*p);
            if (**p != '=') {
                ovsdb_atom_destroy(&key, type->key.type);
                return xasprintf("%s: missing \"=\" in map", s);
            }
            (*p)++;
            error = parse_element__(s, p, &type->value, type, false, symtab,
                                    &value, &range_end);
            if (error) {
                ovsdb_atom_destroy(&key, type->key.type);
                return error;
            }
            ovsdb_datum_push(datum, &key, &value, type);
            ovsdb_atom_destroy(&value, type->value.type);
            ovsdb_atom_destroy(&key, type->key.type);
        } else if (type->key.type == OVSDB_TYPE_INTEGER
                   && range_end != key.integer) {
            int64_t i;

            error = check_range_constraints__(key.integer, range_end,
                                              &type->key);
            if (error) {
                return error;
            }
            for (i = key.integer; i <= range_end; i++) {
                union ovsdb_atom a = { .integer = i };

                ovsdb_datum_push(datum, &a, NULL, type);
            }
        } else {
            ovsdb_datum_push(datum, &key, NULL, type);
            ovsdb_atom_destroy(&key, type->key.type);
        }

        *p = skip_spaces(*p);
        if (**p == ',') {
            (*p)++;
        } else if (**p && **p != end) {
            char *desc = describe_type__(type);

            error = xasprintf("%s: unexpected \"%c\" parsing %s", s, **p,
                              desc);
            free(desc);
            return error;
        }
    }
}

static char *
datum_from_string__(struct ovsdb_datum *datum, const struct ovsdb_type *type,
                    const char *s, struct ovsdb_symtab *symtab,
                    bool check_size)
{
    bool is_map = ovsdb_type_is_map(type);
    char open = is_map ? '{' : '[';
    char close = is_map ? '}' : ']';
    struct ovsdb_error *sort_error;
    const char *p = skip_spaces(s);
    char end = '\0';
    char *error;

    ovsdb_datum_init_empty(datum);
    if (*p == open) {
        end = close;
        p++;
    }
    error = parse_elements__(datum, type, s, &p, end, symtab);
    if (error) {
        goto error;
    }
    if (end) {
        if (*p != end) {
            error = xasprintf("%s: missing \"%c\" at end of data", s, end);
            goto error;
        }
        p = skip_spaces(p + 1);
        if (*p) {
            error = xasprintf("%s: trailing garbage after \"%c\"", s, end);
            goto error;
        }
    }

    sort_error = ovsdb_datum_sort(datum, type);
    if (sort_error) {
        ovsdb_error_destroy(sort_error);
        error = xasprintf(is_map ? "%s: map contains duplicate key"
                          : "%s: set contains duplicate value", s);
        goto error;
    }
    if (check_size && datum->n < type->n_min) {
        error = xasprintf("%s: %zu value(s) specified but the minimum "
                          "number is %u", s, datum->n, type->n_min);
        goto error;
    } else if (check_size && datum->n > type->n_max) {
        error = xasprintf("%s: %zu value(s) specified but the maximum "
                          "number is %u", s, datum->n, type->n_max);
        goto error;
    }
    return NULL;

error:
    ovsdb_datum_destroy(datum, type);
    return error;
}

char *
vsctl_datum_from_string(struct ovsdb_datum *datum,
                        const struct ovsdb_type *type, const char *s,
                        struct ovsdb_symtab *symtab)
{
    return datum_from_string__(datum, type, s, symtab, true);
}

char *
vsctl_datum_from_string_relaxed(struct ovsdb_datum *datum,
                                const struct ovsdb_type *type, const char *s,
                                struct ovsdb_symtab *symtab)
{
    return datum_from_string__(datum, type, s, symtab, false);
}
