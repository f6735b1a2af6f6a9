/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef UTILITIES_VSCTL_H
#define UTILITIES_VSCTL_H 1

/* Internal interfaces of ovs-vsctl, split by concept:
 *
 *   - vsctl-value.c: the ovs-vsctl text syntax of database values (parsing
 *     "10.0.0.2", "[1,2]", "{a=b}" into datums of a column type, and
 *     formatting datums back as text, bare text or JSON);
 *   - vsctl-output.c: tables of cells printed as list, table, csv, html or
 *     json;
 *   - vsctl-db.c: the generic database commands (list, find, get, set,
 *     add, remove, clear, create, destroy, wait-until) and the lookup of
 *     tables, columns and records by name;
 *   - vsctl-bridge.c: the bridge, port and interface commands, init, show
 *     and emer-reset;
 *   - ovs-vsctl.c: options, the command table, and the transaction loop.
 *
 * Errors inside commands are reported with vsctl_fatal(), which prints
 * "ovs-vsctl: message" and exits 1, like the stock tool: a failing command
 * leaves nothing of the chain committed because nothing is sent before
 * every command of the chain has run. */

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include "compiler.h"
#include "dynamic-string.h"
#include "hmap.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-symtab.h"
#include "ovsdb/ovsdb-types.h"
#include "uuid.h"

struct ovsdb_column;
struct ovsdb_idl;
struct ovsdb_idl_row;
struct ovsdb_idl_table;
struct ovsdb_idl_txn;
struct ovsdb_table_schema;

/* Prints "ovs-vsctl: <message>" on stderr and exits with status 1. */
void vsctl_fatal(const char *format, ...)
    OVS_PRINTF_FORMAT(1, 2) OVS_NO_RETURN;

/* Values (vsctl-value.c).  Parsers return NULL on success or an error
 * message for the user, which the caller frees.  'symtab' resolves
 * "@name" references to rows of the same chain; with a null 'symtab' they
 * are refused. */
char *vsctl_atom_from_string(union ovsdb_atom *atom,
                             const struct ovsdb_base_type *base,
                             const char *s, struct ovsdb_symtab *symtab)
    OVS_WARN_UNUSED_RESULT;
char *vsctl_datum_from_string(struct ovsdb_datum *datum,
                              const struct ovsdb_type *type,
                              const char *s, struct ovsdb_symtab *symtab)
    OVS_WARN_UNUSED_RESULT;

/* Like vsctl_datum_from_string() but without checking the number of
 * elements, for the arguments of "add" and "remove" and the right side of
 * conditions. */
char *vsctl_datum_from_string_relaxed(struct ovsdb_datum *datum,
                                      const struct ovsdb_type *type,
                                      const char *s,
                                      struct ovsdb_symtab *symtab)
    OVS_WARN_UNUSED_RESULT;

/* Checks 'atom' against the constraints of 'base', with the stock tool's
 * wording. */
char *vsctl_atom_check_constraints(const union ovsdb_atom *atom,
                                   const struct ovsdb_base_type *base)
    OVS_WARN_UNUSED_RESULT;

/* True if string 's' must be quoted to read back as the same string. */
bool vsctl_string_needs_quotes(const char *s);

/* Appends 's' to 'out' as a double-quoted string with JSON escapes. */
void vsctl_put_quoted_string(struct ds *out, const char *s);

void vsctl_atom_to_string(const union ovsdb_atom *atom,
                          enum ovsdb_atomic_type type, struct ds *out);
void vsctl_atom_to_bare(const union ovsdb_atom *atom,
                        enum ovsdb_atomic_type type, struct ds *out);

/* "[a, b]", "{k=v}", or a lone atom for a scalar or optional column. */
void vsctl_datum_to_string(const struct ovsdb_datum *datum,
                           const struct ovsdb_type *type, struct ds *out);
/* Elements separated by spaces, maps as k=v, strings never quoted. */
void vsctl_datum_to_bare(const struct ovsdb_datum *datum,
                         const struct ovsdb_type *type, struct ds *out);

/* Output tables (vsctl-output.c). */
enum vsctl_format {
    VSCTL_FORMAT_LIST,
    VSCTL_FORMAT_TABLE,
    VSCTL_FORMAT_CSV,
    VSCTL_FORMAT_HTML,
    VSCTL_FORMAT_JSON
};

enum vsctl_data {
    VSCTL_DATA_STRING,
    VSCTL_DATA_BARE,
    VSCTL_DATA_JSON
};

struct vsctl_table_style {
    enum vsctl_format format;
    enum vsctl_data data;
    bool headings;
    bool pretty;                /* Indented JSON. */
};

#define VSCTL_TABLE_STYLE_DEFAULT \
    { VSCTL_FORMAT_LIST, VSCTL_DATA_STRING, true, false }

/* A cell holds a datum and its type (the type is not owned). */
struct vsctl_cell {
    struct ovsdb_datum datum;
    const struct ovsdb_type *type;
};

struct vsctl_table {
    char **headings;
    size_t n_columns;
    struct vsctl_cell *cells;   /* 'n_rows' * 'n_columns', row-major. */
    size_t n_rows, allocated_rows;
};

void vsctl_table_init(struct vsctl_table *table);
void vsctl_table_destroy(struct vsctl_table *table);
void vsctl_table_add_column(struct vsctl_table *table, const char *heading);
void vsctl_table_add_row(struct vsctl_table *table);

/* Sets cell 'column' of the last row to a copy of 'datum' of 'type'. */
void vsctl_table_set_cell(struct vsctl_table *table, size_t column,
                          const struct ovsdb_datum *datum,
                          const struct ovsdb_type *type);

/* Appends 'table' printed in 'style' to 'out'.  'first' tells whether it
 * is the first table of the command output (list format separates the
 * records of one table with blank lines). */
void vsctl_table_format(const struct vsctl_table *table,
                        const struct vsctl_table_style *style,
                        struct ds *out);

/* JSON text in the stock tool's pretty style (closing brackets on the
 * line of the last element) or compact. */
void vsctl_json_format(const json_t *json, bool pretty, struct ds *out);

/* Commands. */
struct vsctl_context;

struct vsctl_command_syntax {
    const char *name;
    int min_args;
    int max_args;
    void (*run)(struct vsctl_context *);
    void (*postprocess)(struct vsctl_context *);
    const char *options;        /* "--if-exists,--may-exist,..." */
    bool writes;                /* Could change the database. */
};

/* One command of the chain, as parsed from the command line. */
struct vsctl_command {
    const struct vsctl_command_syntax *syntax;
    int argc;
    char **argv;
    char **options;             /* "--name" or "--name=value" strings. */
    size_t n_options;

    struct ds output;           /* Text output. */
    struct vsctl_table *table;  /* Table output, or NULL. */

    /* "create": the UUID given to the inserted row before commit. */
    struct uuid insert_uuid;
    bool inserted;
};

/* The state in which one command runs. */
struct vsctl_context {
    struct ovsdb_idl *idl;
    struct ovsdb_idl_txn *txn;
    struct ovsdb_symtab *symtab;
    const struct ovsdb_idl_row *ovs;    /* The Open_vSwitch row. */

    struct vsctl_command *command;      /* The command being run. */
    int argc;
    char **argv;
    struct ds *output;
    struct vsctl_table *table;

    const struct vsctl_table_style *style;
    const char *columns;                /* --columns, or NULL. */

    bool try_again;                     /* wait-until: condition unmet. */
    bool changed;                       /* Something was written. */

    /* Bridges, ports and interfaces by name, built on first use.  Writes
     * only mark it stale: it is dropped between commands, never during
     * one, so a command's pointers into it stay valid (but do not show
     * the command's own changes). */
    struct vsctl_cache *cache;
    bool cache_stale;

    /* Rows the chain inserted: their read-only columns may still be set,
     * as in the stock tool. */
    struct hmap inserted_rows;
};

const char *vsctl_get_option(const struct vsctl_context *, const char *name);
bool vsctl_has_option(const struct vsctl_context *, const char *name);

/* Writes through the IDL, noting that the transaction changed something
 * and that the bridge cache is stale. */
void vsctl_write(struct vsctl_context *, const struct ovsdb_idl_row *,
                 const struct ovsdb_column *, struct ovsdb_datum *);
const struct ovsdb_idl_row *vsctl_insert(struct vsctl_context *,
                                         const char *table,
                                         const struct uuid *);
void vsctl_delete(struct vsctl_context *, const struct ovsdb_idl_row *);

/* True if 'row' was inserted by this transaction (with vsctl_insert()). */
bool vsctl_is_inserted(const struct vsctl_context *,
                       const struct ovsdb_idl_row *);

/* Lookups by name (vsctl-db.c).  These fail with the stock messages. */
const struct ovsdb_idl_table *vsctl_get_table(struct vsctl_context *,
                                              const char *name);
const struct ovsdb_column *vsctl_get_column(
    const struct ovsdb_idl_table *, const char *name);
const struct ovsdb_idl_row *vsctl_get_row(struct vsctl_context *,
                                          const struct ovsdb_idl_table *,
                                          const char *record,
                                          bool must_exist);
const struct ovsdb_column *vsctl_must_column(const struct ovsdb_idl_row *,
                                             const char *name);

/* Column helpers for the bridge commands. */
void vsctl_set_string(struct vsctl_context *, const struct ovsdb_idl_row *,
                      const char *column, const char *value);
void vsctl_set_integer(struct vsctl_context *, const struct ovsdb_idl_row *,
                       const char *column, int64_t value);
void vsctl_set_boolean(struct vsctl_context *, const struct ovsdb_idl_row *,
                       const char *column, bool value);
void vsctl_clear_column(struct vsctl_context *, const struct ovsdb_idl_row *,
                        const char *column);
void vsctl_add_ref(struct vsctl_context *, const struct ovsdb_idl_row *,
                   const char *column, const struct ovsdb_idl_row *target);
void vsctl_remove_ref(struct vsctl_context *, const struct ovsdb_idl_row *,
                      const char *column, const struct ovsdb_idl_row *);

/* Applies "column[:key]=value" 'arg' to 'row' (the "set" command). */
void vsctl_set_column(struct vsctl_context *, const struct ovsdb_idl_row *,
                      const char *arg);

/* The command tables of each concept. */
extern const struct vsctl_command_syntax vsctl_db_commands[];
extern const struct vsctl_command_syntax vsctl_bridge_commands[];

/* Drops the bridge cache of 'ctx' (vsctl-bridge.c).  Only between
 * commands: a command may hold pointers into the cache. */
void vsctl_cache_invalidate(struct vsctl_context *);

#endif /* utilities/vsctl.h */
