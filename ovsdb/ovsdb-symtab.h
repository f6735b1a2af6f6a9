/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_SYMTAB_H
#define OVSDB_SYMTAB_H 1

/* The names of a transaction's rows: the "uuid-name"s of its "insert"
 * operations and the <named-uuid>s that refer to them (RFC 7047 sections
 * 5.1 and 5.2.1).
 *
 * A transaction may mention a name before the "insert" that defines it (a
 * stock client orders its operations freely), so a symbol springs into
 * existence, with a fresh random UUID, the first time it is mentioned either
 * way.  The "insert" marks it as created (ovsdb_symtab_create()); once every
 * operation has been parsed, a symbol that was referred to but never created
 * makes the transaction fail (ovsdb_symtab_find_undefined()).
 *
 * ovsdb_symtab_resolver() plugs a table into the JSON parsers of
 * ovsdb-data.h. */

#include <stdbool.h>
#include "hmap.h"
#include "ovsdb-data.h"
#include "uuid.h"

struct ovsdb_symbol {
    struct hmap_node node;      /* In struct ovsdb_symtab 'symbols'. */
    char *name;                 /* Owned. */
    struct uuid uuid;           /* The UUID the name stands for. */
    bool created;               /* Defined by an "insert"'s "uuid-name". */
    bool referenced;            /* Used as a <named-uuid>. */
    bool strong_ref;            /* Used in a column with a strong ref. */
    bool weak_ref;              /* Used in a column with a weak ref. */
};

struct ovsdb_symtab {
    struct hmap symbols;
};

void ovsdb_symtab_init(struct ovsdb_symtab *symtab);

/* Frees every symbol and the table's memory.  Accepts NULL. */
void ovsdb_symtab_destroy(struct ovsdb_symtab *symtab);

/* Returns the symbol called 'name', or NULL. */
struct ovsdb_symbol *ovsdb_symtab_find(const struct ovsdb_symtab *symtab,
                                       const char *name);

/* Returns the symbol called 'name', adding it with a new random UUID if it
 * is not there yet. */
struct ovsdb_symbol *ovsdb_symtab_get(struct ovsdb_symtab *symtab,
                                      const char *name);

/* Records that an "insert" defines 'name'.  If 'uuid' is nonnull it becomes
 * the symbol's UUID (for an "insert" that gives one explicitly), which is
 * allowed only while the symbol has not been referred to yet.  Returns an
 * error (tag "duplicate uuid-name") if 'name' was already created, or
 * "syntax error" if 'uuid' cannot be honoured. */
struct ovsdb_error *ovsdb_symtab_create(struct ovsdb_symtab *symtab,
                                        const char *name,
                                        const struct uuid *uuid,
                                        struct ovsdb_symbol **symbolp)
    OVS_WARN_UNUSED_RESULT;

/* Returns a symbol that was referred to but never created, or NULL. */
const struct ovsdb_symbol *ovsdb_symtab_find_undefined(
    const struct ovsdb_symtab *symtab);

/* Returns a resolver that looks names up in 'symtab', adding them as
 * needed and noting which kind of reference used them. */
struct ovsdb_uuid_resolver ovsdb_symtab_resolver(struct ovsdb_symtab *symtab);

#endif /* ovsdb/ovsdb-symtab.h */
