/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "ovsdb-symtab.h"

#include "hash.h"
#include "ovsdb-error.h"
#include "util.h"

void
ovsdb_symtab_init(struct ovsdb_symtab *symtab)
{
    hmap_init(&symtab->symbols);
}

void
ovsdb_symtab_destroy(struct ovsdb_symtab *symtab)
{
    struct ovsdb_symbol *symbol;

    if (!symtab) {
        return;
    }
    HMAP_FOR_EACH_POP (symbol, node, &symtab->symbols) {
        free(symbol->name);
        free(symbol);
    }
    hmap_destroy(&symtab->symbols);
}

struct ovsdb_symbol *
ovsdb_symtab_find(const struct ovsdb_symtab *symtab, const char *name)
{
    struct ovsdb_symbol *symbol;

    HMAP_FOR_EACH_WITH_HASH (symbol, node, hash_string(name, 0),
                             &symtab->symbols) {
        if (!strcmp(symbol->name, name)) {
            return symbol;
        }
    }
    return NULL;
}

struct ovsdb_symbol *
ovsdb_symtab_get(struct ovsdb_symtab *symtab, const char *name)
{
    struct ovsdb_symbol *symbol = ovsdb_symtab_find(symtab, name);

    if (!symbol) {
        symbol = xzalloc(sizeof *symbol);
        symbol->name = xstrdup(name);
        uuid_new_random(&symbol->uuid);
        hmap_insert(&symtab->symbols, &symbol->node, hash_string(name, 0));
    }
    return symbol;
}

struct ovsdb_error *
ovsdb_symtab_create(struct ovsdb_symtab *symtab, const char *name,
                    const struct uuid *uuid, struct ovsdb_symbol **symbolp)
{
    struct ovsdb_symbol *symbol = ovsdb_symtab_get(symtab, name);

    if (symbolp) {
        *symbolp = symbol;
    }
    if (symbol->created) {
        return ovsdb_error_create(OVSDB_E_DUPLICATE_UUID_NAME, "uuid-name "
                                  "\"%s\" is defined more than once", name);
    }
    if (uuid && !uuid_equals(uuid, &symbol->uuid)) {
        if (symbol->referenced) {
            return ovsdb_error_create(OVSDB_E_SYNTAX, "uuid-name \"%s\" is "
                                      "given a UUID after it was referred "
                                      "to", name);
        }
        symbol->uuid = *uuid;
    }
    symbol->created = true;
    return NULL;
}

const struct ovsdb_symbol *
ovsdb_symtab_find_undefined(const struct ovsdb_symtab *symtab)
{
    const struct ovsdb_symbol *symbol;

    HMAP_FOR_EACH (symbol, node, &symtab->symbols) {
        if (symbol->referenced && !symbol->created) {
            return symbol;
        }
    }
    return NULL;
}

static struct ovsdb_error *
symtab_resolve__(void *symtab_, const char *name,
                 const struct ovsdb_base_type *base, struct uuid *uuid)
{
    struct ovsdb_symtab *symtab = symtab_;
    struct ovsdb_symbol *symbol = ovsdb_symtab_get(symtab, name);

    symbol->referenced = true;
    if (ovsdb_base_type_is_strong_ref(base)) {
        symbol->strong_ref = true;
    } else if (ovsdb_base_type_is_weak_ref(base)) {
        symbol->weak_ref = true;
    }
    *uuid = symbol->uuid;
    return NULL;
}

struct ovsdb_uuid_resolver
ovsdb_symtab_resolver(struct ovsdb_symtab *symtab)
{
    struct ovsdb_uuid_resolver resolver = {
        .resolve = symtab_resolve__,
        .aux = symtab,
    };

    return resolver;
}
