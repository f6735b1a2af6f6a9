/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Bridge, port and interface commands of ovs-vsctl, plus init, show and
 * emer-reset.
 *
 * A "fake bridge" (VLAN bridge) is a Port row with fake_bridge=true and a
 * tag, inside a real bridge (its parent): the ports of the parent with the
 * same tag belong to the fake bridge. */

#include <config.h>
#include "vsctl.h"

#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "hmap.h"
#include "ovsdb/ovsdb-idl.h"
#include "ovsdb/ovsdb-schema.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(vsctl_bridge);

struct vsctl_bridge {
    struct hmap_node node;      /* In cache 'bridges', by name. */
    const char *name;
    const struct ovsdb_idl_row *br_cfg;     /* NULL for a fake bridge. */
    struct vsctl_bridge *parent;            /* Real bridge of a fake one. */
    int vlan;
};

struct vsctl_port {
    struct hmap_node node;      /* In cache 'ports', by name. */
    const char *name;
    const struct ovsdb_idl_row *port_cfg;
    struct vsctl_bridge *bridge;
};

struct vsctl_iface {
    struct hmap_node node;      /* In cache 'ifaces', by name. */
    const char *name;
    const struct ovsdb_idl_row *iface_cfg;
    struct vsctl_port *port;
};

struct vsctl_cache {
    struct hmap bridges;
    struct hmap ports;
    struct hmap ifaces;
};

static const char *
row_name__(const struct ovsdb_idl_row *row)
{
    return ovsdb_idl_get_string(row, "name", "");
}

static const struct ovsdb_idl_row *
ref_row__(struct vsctl_context *ctx, const char *table,
          const union ovsdb_atom *atom)
{
    const struct ovsdb_idl_table *t = ovsdb_idl_get_table(ctx->idl, table);

    return t ? ovsdb_idl_get_row(t, &atom->uuid) : NULL;
}

#define CACHE_FIND(TYPE, HMAP, NAME)                                    \
    static struct TYPE *                                                \
    NAME(struct vsctl_cache *cache, const char *name)                   \
    {                                                                   \
        struct TYPE *x;                                                 \
                                                                        \
        HMAP_FOR_EACH_WITH_HASH (x, node, hash_string(name, 0),         \
                                 &cache->HMAP) {                        \
            if (!strcmp(x->name, name)) {                               \
                return x;                                               \
            }                                                           \
        }                                                               \
        return NULL;                                                    \
    }
CACHE_FIND(vsctl_bridge, bridges, find_bridge__)
CACHE_FIND(vsctl_port, ports, find_port__)
CACHE_FIND(vsctl_iface, ifaces, find_iface__)

static struct vsctl_bridge *
add_bridge__(struct vsctl_cache *cache, const char *name,
             const struct ovsdb_idl_row *br_cfg,
             struct vsctl_bridge *parent, int vlan)
{
    struct vsctl_bridge *br = xzalloc(sizeof *br);

    br->name = name;
    br->br_cfg = br_cfg;
    br->parent = parent;
    br->vlan = vlan;
    hmap_insert(&cache->bridges, &br->node, hash_string(name, 0));
    return br;
}

static struct vsctl_bridge *
find_fake__(struct vsctl_cache *cache, struct vsctl_bridge *parent,
            int64_t vlan)
{
    struct vsctl_bridge *br;

    HMAP_FOR_EACH (br, node, &cache->bridges) {
        if (br->parent == parent && br->vlan == vlan) {
            return br;
        }
    }
    return NULL;
}

static void
add_port__(struct vsctl_context *ctx, struct vsctl_cache *cache,
           struct vsctl_bridge *br, const struct ovsdb_idl_row *port_cfg)
{
    const struct ovsdb_datum *ifaces = ovsdb_idl_get(port_cfg, "interfaces");
    const struct ovsdb_datum *tag = ovsdb_idl_get(port_cfg, "tag");
    struct vsctl_port *port;
    size_t i;

    if (find_port__(cache, row_name__(port_cfg))) {
        return;
    }
    if (tag && tag->n == 1) {
        struct vsctl_bridge *fake = find_fake__(cache, br,
                                                tag->keys[0].integer);
        if (fake) {
            br = fake;
        }
    }
    port = xzalloc(sizeof *port);
    port->name = row_name__(port_cfg);
    port->port_cfg = port_cfg;
    port->bridge = br;
    hmap_insert(&cache->ports, &port->node, hash_string(port->name, 0));

    for (i = 0; ifaces && i < ifaces->n; i++) {
        const struct ovsdb_idl_row *iface_cfg
            = ref_row__(ctx, "Interface", &ifaces->keys[i]);
        struct vsctl_iface *iface;

        if (!iface_cfg || find_iface__(cache, row_name__(iface_cfg))) {
            continue;
        }
        iface = xzalloc(sizeof *iface);
        iface->name = row_name__(iface_cfg);
        iface->iface_cfg = iface_cfg;
        iface->port = port;
        hmap_insert(&cache->ifaces, &iface->node,
                    hash_string(iface->name, 0));
    }
}

static void
add_bridge_ports__(struct vsctl_context *ctx, struct vsctl_cache *cache,
                   struct vsctl_bridge *br, bool fakes)
{
    const struct ovsdb_datum *ports = ovsdb_idl_get(br->br_cfg, "ports");
    size_t i;

    for (i = 0; ports && i < ports->n; i++) {
        const struct ovsdb_idl_row *port_cfg
            = ref_row__(ctx, "Port", &ports->keys[i]);
        const struct ovsdb_datum *tag;

        if (!port_cfg) {
            continue;
        }
        if (!fakes) {
            add_port__(ctx, cache, br, port_cfg);
            continue;
        }
        tag = ovsdb_idl_get(port_cfg, "tag");
        if (ovsdb_idl_get_boolean(port_cfg, "fake_bridge", false)
            && tag && tag->n == 1 && tag->keys[0].integer >= 0
            && tag->keys[0].integer <= 4095
            && !find_bridge__(cache, row_name__(port_cfg))) {
            add_bridge__(cache, row_name__(port_cfg), NULL, br,
                         tag->keys[0].integer);
        }
    }
}

static struct vsctl_cache *
get_cache__(struct vsctl_context *ctx)
{
    const struct ovsdb_datum *bridges;
    struct vsctl_cache *cache;
    struct vsctl_bridge *br;
    size_t i;

    if (ctx->cache) {
        return ctx->cache;
    }
    cache = ctx->cache = xmalloc(sizeof *cache);
    hmap_init(&cache->bridges);
    hmap_init(&cache->ports);
    hmap_init(&cache->ifaces);

    bridges = ovsdb_idl_get(ctx->ovs, "bridges");
    for (i = 0; bridges && i < bridges->n; i++) {
        const struct ovsdb_idl_row *br_cfg
            = ref_row__(ctx, "Bridge", &bridges->keys[i]);

        if (br_cfg && !find_bridge__(cache, row_name__(br_cfg))) {
            br = add_bridge__(cache, row_name__(br_cfg), br_cfg, NULL, 0);
            add_bridge_ports__(ctx, cache, br, true);
        }
    }
    HMAP_FOR_EACH (br, node, &cache->bridges) {
        if (br->br_cfg) {
            add_bridge_ports__(ctx, cache, br, false);
        }
    }
    return cache;
}

void
vsctl_cache_invalidate(struct vsctl_context *ctx)
{
    struct vsctl_cache *cache = ctx->cache;
    struct vsctl_bridge *br;
    struct vsctl_port *port;
    struct vsctl_iface *iface;

    ctx->cache_stale = false;
    if (!cache) {
        return;
    }
    HMAP_FOR_EACH_POP (br, node, &cache->bridges) {
        free(br);
    }
    HMAP_FOR_EACH_POP (port, node, &cache->ports) {
        free(port);
    }
    HMAP_FOR_EACH_POP (iface, node, &cache->ifaces) {
        free(iface);
    }
    hmap_destroy(&cache->bridges);
    hmap_destroy(&cache->ports);
    hmap_destroy(&cache->ifaces);
    free(cache);
    ctx->cache = NULL;
}

static struct vsctl_bridge *
must_bridge__(struct vsctl_context *ctx, const char *name)
{
    struct vsctl_bridge *br = find_bridge__(get_cache__(ctx), name);

    if (!br) {
        vsctl_fatal("no bridge named %s", name);
    }
    return br;
}

static const struct ovsdb_idl_row *
real_br_cfg__(const struct vsctl_bridge *br)
{
    return br->parent ? br->parent->br_cfg : br->br_cfg;
}

/* Sorted output of names. */

static int
compare_names__(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;

    return strcmp(*a, *b);
}

static void
output_sorted__(struct vsctl_context *ctx, const char **names, size_t n)
{
    size_t i;

    qsort(names, n, sizeof *names, compare_names__);
    for (i = 0; i < n; i++) {
        ds_put_format(ctx->output, "%s\n", names[i]);
    }
    free(names);
}

/* The command being run as the user typed it, for messages.  The string
 * is not freed: it is only used just before vsctl_fatal(). */
static char *
join_args__(const struct vsctl_context *ctx)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    int i;

    for (i = 0; i < ctx->argc; i++) {
        ds_put_format(&s, "%s%s", i ? " " : "", ctx->argv[i]);
    }
    return ds_steal_cstr(&s);
}

/* Commands. */

static void
cmd_init(struct vsctl_context *ctx OVS_UNUSED)
{
}

static void
check_conflicts__(struct vsctl_context *ctx, const char *name,
                  const char *msg)
{
    struct vsctl_cache *cache = get_cache__(ctx);
    struct vsctl_port *port;
    struct vsctl_iface *iface;

    if (find_bridge__(cache, name)) {
        vsctl_fatal("%s because a bridge named %s already exists", msg,
                    name);
    }
    port = find_port__(cache, name);
    if (port) {
        vsctl_fatal("%s because a port named %s already exists on bridge %s",
                    msg, name, port->bridge->name);
    }
    iface = find_iface__(cache, name);
    if (iface) {
        vsctl_fatal("%s because an interface named %s already exists on "
                    "bridge %s", msg, name, iface->port->bridge->name);
    }
}

static void
may_exist_add_br__(struct vsctl_bridge *br, const char *name,
                   const char *parent, int vlan)
{
    if (!parent && br->parent) {
        vsctl_fatal("\"--may-exist add-br %s\" but %s is a VLAN bridge for "
                    "VLAN %d", name, name, br->vlan);
    } else if (parent && !br->parent) {
        vsctl_fatal("\"--may-exist add-br %s %s %d\" but %s is not a VLAN "
                    "bridge", name, parent, vlan, name);
    } else if (parent && strcmp(br->parent->name, parent)) {
        vsctl_fatal("\"--may-exist add-br %s %s %d\" but %s has the wrong "
                    "parent %s", name, parent, vlan, name, br->parent->name);
    } else if (parent && br->vlan != vlan) {
        vsctl_fatal("\"--may-exist add-br %s %s %d\" but %s is a VLAN bridge "
                    "for the wrong VLAN %d", name, parent, vlan, name,
                    br->vlan);
    }
}

/* Inserts an Interface and a Port that holds it, named 'name'. */
static const struct ovsdb_idl_row *
insert_port__(struct vsctl_context *ctx, const char *name, bool internal)
{
    const struct ovsdb_idl_row *iface, *port;

    iface = vsctl_insert(ctx, "Interface", NULL);
    vsctl_set_string(ctx, iface, "name", name);
    if (internal) {
        vsctl_set_string(ctx, iface, "type", "internal");
    }
    port = vsctl_insert(ctx, "Port", NULL);
    vsctl_set_string(ctx, port, "name", name);
    vsctl_add_ref(ctx, port, "interfaces", iface);
    return port;
}

static void
cmd_add_br(struct vsctl_context *ctx)
{
    const char *name = ctx->argv[1];
    const char *parent_name = ctx->argc > 2 ? ctx->argv[2] : NULL;
    struct vsctl_bridge *br;
    const struct ovsdb_idl_row *port;
    int vlan = 0;
    char *msg;

    if (ctx->argc == 3) {
        vsctl_fatal("'add-br' command takes exactly 1 or 3 arguments");
    }
    if (parent_name && (!str_to_int(ctx->argv[3], 10, &vlan)
                        || vlan < 0 || vlan > 4095)) {
        vsctl_fatal("vlan must be between 0 and 4095 (got %s)",
                    ctx->argv[3]);
    }

    br = find_bridge__(get_cache__(ctx), name);
    if (br && vsctl_has_option(ctx, "--may-exist")) {
        may_exist_add_br__(br, name, parent_name, vlan);
        return;
    }
    msg = xasprintf("cannot create a bridge named %s", name);
    check_conflicts__(ctx, name, msg);
    free(msg);

    if (!parent_name) {
        const struct ovsdb_idl_row *br_cfg;

        port = insert_port__(ctx, name, true);
        br_cfg = vsctl_insert(ctx, "Bridge", NULL);
        vsctl_set_string(ctx, br_cfg, "name", name);
        vsctl_add_ref(ctx, br_cfg, "ports", port);
        vsctl_add_ref(ctx, ctx->ovs, "bridges", br_cfg);
    } else {
        struct vsctl_bridge *parent;
        const struct ovsdb_idl_row *parent_cfg;

        parent = find_bridge__(get_cache__(ctx), parent_name);
        if (!parent) {
            vsctl_fatal("parent bridge %s does not exist", parent_name);
        } else if (parent->parent) {
            vsctl_fatal("cannot create bridge with fake bridge as parent");
        }
        parent_cfg = parent->br_cfg;
        port = insert_port__(ctx, name, true);
        vsctl_set_boolean(ctx, port, "fake_bridge", true);
        vsctl_set_integer(ctx, port, "tag", vlan);
        vsctl_add_ref(ctx, parent_cfg, "ports", port);
    }
}

/* Deletes the Port row 'port_cfg', its interfaces, and its reference from
 * bridge 'br_cfg'. */
static void
delete_port_cfg__(struct vsctl_context *ctx,
                  const struct ovsdb_idl_row *br_cfg,
                  const struct ovsdb_idl_row *port_cfg)
{
    const struct ovsdb_datum *ifaces = ovsdb_idl_get(port_cfg, "interfaces");
    const struct ovsdb_idl_row **rows;
    size_t n = 0, i;

    rows = xmalloc(((ifaces ? ifaces->n : 0) + 1) * sizeof *rows);
    for (i = 0; ifaces && i < ifaces->n; i++) {
        const struct ovsdb_idl_row *iface
            = ref_row__(ctx, "Interface", &ifaces->keys[i]);

        if (iface) {
            rows[n++] = iface;
        }
    }
    vsctl_remove_ref(ctx, br_cfg, "ports", port_cfg);
    for (i = 0; i < n; i++) {
        vsctl_delete(ctx, rows[i]);
    }
    vsctl_delete(ctx, port_cfg);
    free(rows);
}

static void
cmd_del_br(struct vsctl_context *ctx)
{
    struct vsctl_bridge *br = find_bridge__(get_cache__(ctx), ctx->argv[1]);
    const struct ovsdb_idl_row **ports;
    struct vsctl_port *port;
    size_t n = 0, i;

    if (!br) {
        if (!vsctl_has_option(ctx, "--if-exists")) {
            vsctl_fatal("no bridge named %s", ctx->argv[1]);
        }
        return;
    }

    ports = xmalloc((hmap_count(&ctx->cache->ports) + 1) * sizeof *ports);
    HMAP_FOR_EACH (port, node, &ctx->cache->ports) {
        if (port->bridge == br
            || (!br->parent && port->bridge->parent == br)) {
            ports[n++] = port->port_cfg;
        }
    }
    if (br->parent) {
        const struct ovsdb_idl_row *parent_cfg = br->parent->br_cfg;

        for (i = 0; i < n; i++) {
            delete_port_cfg__(ctx, parent_cfg, ports[i]);
        }
    } else {
        const struct ovsdb_idl_row *br_cfg = br->br_cfg;

        for (i = 0; i < n; i++) {
            delete_port_cfg__(ctx, br_cfg, ports[i]);
        }
        vsctl_remove_ref(ctx, ctx->ovs, "bridges", br_cfg);
        vsctl_delete(ctx, br_cfg);
    }
    free(ports);
}

static void
cmd_list_br(struct vsctl_context *ctx)
{
    struct vsctl_cache *cache = get_cache__(ctx);
    bool real = vsctl_has_option(ctx, "--real");
    bool fake = vsctl_has_option(ctx, "--fake");
    const char **names;
    struct vsctl_bridge *br;
    size_t n = 0;

    if (!real && !fake) {
        real = fake = true;
    }
    names = xmalloc((hmap_count(&cache->bridges) + 1) * sizeof *names);
    HMAP_FOR_EACH (br, node, &cache->bridges) {
        if (br->parent ? fake : real) {
            names[n++] = br->name;
        }
    }
    output_sorted__(ctx, names, n);
}

static void
cmd_br_exists(struct vsctl_context *ctx)
{
    if (!find_bridge__(get_cache__(ctx), ctx->argv[1])) {
        exit(2);
    }
}

static void
cmd_br_to_vlan(struct vsctl_context *ctx)
{
    struct vsctl_bridge *br = must_bridge__(ctx, ctx->argv[1]);

    ds_put_format(ctx->output, "%d\n", br->vlan);
}

static void
cmd_br_to_parent(struct vsctl_context *ctx)
{
    struct vsctl_bridge *br = must_bridge__(ctx, ctx->argv[1]);

    ds_put_format(ctx->output, "%s\n",
                  br->parent ? br->parent->name : br->name);
}

/* "--may-exist add-port/add-bond": 'port' exists already; it must be on
 * bridge 'br_name' with exactly the interfaces 'ifaces'. */
static void
may_exist_add_port__(struct vsctl_context *ctx, const struct vsctl_port *port,
                     const char *br_name, char *const *ifaces,
                     size_t n_ifaces)
{
    const char **want, **have;
    struct vsctl_iface *iface;
    size_t n_have = 0, i;
    bool same;

    if (strcmp(port->bridge->name, br_name)) {
        char *cmd = join_args__(ctx);

        vsctl_fatal("\"--may-exist %s\" but %s is actually attached to "
                    "bridge %s", cmd, port->name, port->bridge->name);
    }

    have = xmalloc((hmap_count(&ctx->cache->ifaces) + 1) * sizeof *have);
    HMAP_FOR_EACH (iface, node, &ctx->cache->ifaces) {
        if (iface->port == port) {
            have[n_have++] = iface->name;
        }
    }
    want = xmemdup(ifaces, n_ifaces * sizeof *want);
    qsort(have, n_have, sizeof *have, compare_names__);
    qsort(want, n_ifaces, sizeof *want, compare_names__);
    same = n_have == n_ifaces;
    for (i = 0; same && i < n_have; i++) {
        same = !strcmp(have[i], want[i]);
    }
    if (!same) {
        char *cmd = join_args__(ctx);
        struct ds list = DS_EMPTY_INITIALIZER;

        for (i = 0; i < n_have; i++) {
            ds_put_format(&list, "%s%s", i ? ", " : "", have[i]);
        }
        free(have);
        free(want);
        vsctl_fatal("\"--may-exist %s\" but %s actually has interface(s) "
                    "%s", cmd, port->name, ds_cstr(&list));
    }
    free(have);
    free(want);
}

/* Adds port 'port_name' with interfaces 'ifaces' to bridge 'br_name' and
 * applies the "column[:key]=value" 'settings' to the Port row: the common
 * part of add-port and add-bond. */
static void
add_port_common__(struct vsctl_context *ctx, const char *br_name,
                  const char *port_name, char *const *ifaces,
                  size_t n_ifaces, bool fake_iface,
                  char *const *settings, size_t n_settings)
{
    const struct ovsdb_idl_row *port, *br_cfg;
    struct vsctl_port *existing;
    struct vsctl_bridge *br;
    size_t i;
    char *msg;

    existing = find_port__(get_cache__(ctx), port_name);
    if (existing && vsctl_has_option(ctx, "--may-exist")) {
        may_exist_add_port__(ctx, existing, br_name, ifaces, n_ifaces);
        return;
    }
    msg = xasprintf("cannot create a port named %s", port_name);
    check_conflicts__(ctx, port_name, msg);
    free(msg);
    for (i = 0; i < n_ifaces; i++) {
        msg = xasprintf("cannot create an interface named %s", ifaces[i]);
        check_conflicts__(ctx, ifaces[i], msg);
        free(msg);
    }
    br = must_bridge__(ctx, br_name);
    br_cfg = real_br_cfg__(br);

    port = vsctl_insert(ctx, "Port", NULL);
    vsctl_set_string(ctx, port, "name", port_name);
    for (i = 0; i < n_ifaces; i++) {
        const struct ovsdb_idl_row *iface
            = vsctl_insert(ctx, "Interface", NULL);

        vsctl_set_string(ctx, iface, "name", ifaces[i]);
        vsctl_add_ref(ctx, port, "interfaces", iface);
    }
    if (fake_iface) {
        vsctl_set_boolean(ctx, port, "bond_fake_iface", true);
    }
    if (br->parent) {
        vsctl_set_integer(ctx, port, "tag", br->vlan);
    }
    for (i = 0; i < n_settings; i++) {
        vsctl_set_column(ctx, port, settings[i]);
    }
    vsctl_add_ref(ctx, br_cfg, "ports", port);

    /* Without settings (which might make the port anything), the cache
     * only lacks the new port: add it instead of rebuilding the cache for
     * the next command, which makes long chains of add-port linear. */
    if (!n_settings) {
        add_port__(ctx, ctx->cache, br->parent ? br->parent : br, port);
        ctx->cache_stale = false;
    }
}

static void
cmd_add_port(struct vsctl_context *ctx)
{
    add_port_common__(ctx, ctx->argv[1], ctx->argv[2], &ctx->argv[2], 1,
                      false, &ctx->argv[3], ctx->argc - 3);
}

static void
cmd_add_bond(struct vsctl_context *ctx)
{
    int n_ifaces;

    /* The interfaces run up to the first argument that is a setting. */
    for (n_ifaces = 0; 3 + n_ifaces < ctx->argc; n_ifaces++) {
        if (strchr(ctx->argv[3 + n_ifaces], '=')) {
            break;
        }
    }
    if (n_ifaces < 2) {
        vsctl_fatal("add-bond requires at least 2 interfaces, but only %d "
                    "were specified", n_ifaces);
    }
    add_port_common__(ctx, ctx->argv[1], ctx->argv[2], &ctx->argv[3],
                      n_ifaces, vsctl_has_option(ctx, "--fake-iface"),
                      &ctx->argv[3 + n_ifaces],
                      ctx->argc - 3 - n_ifaces);
}

static struct vsctl_port *
find_port_or_iface__(struct vsctl_context *ctx, const char *name,
                     bool with_iface)
{
    struct vsctl_cache *cache = get_cache__(ctx);
    struct vsctl_port *port = find_port__(cache, name);

    if (!port && with_iface) {
        struct vsctl_iface *iface = find_iface__(cache, name);

        port = iface ? iface->port : NULL;
    }
    return port;
}

static void
cmd_del_port(struct vsctl_context *ctx)
{
    bool with_iface = vsctl_has_option(ctx, "--with-iface");
    const char *name = ctx->argv[ctx->argc - 1];
    struct vsctl_port *port;

    port = find_port_or_iface__(ctx, name, with_iface);
    if (!port) {
        if (!vsctl_has_option(ctx, "--if-exists")) {
            vsctl_fatal(with_iface ? "no port or interface named %s"
                        : "no port named %s", name);
        }
        return;
    }
    if (ctx->argc == 3) {
        struct vsctl_bridge *br = must_bridge__(ctx, ctx->argv[1]);

        if (port->bridge != br) {
            if (port->bridge->parent == br) {
                vsctl_fatal("bridge %s does not have a port %s (although "
                            "its child bridge %s does)", ctx->argv[1],
                            name, port->bridge->name);
            }
            vsctl_fatal("bridge %s does not have a port %s", ctx->argv[1],
                        name);
        }
    }
    delete_port_cfg__(ctx, real_br_cfg__(port->bridge), port->port_cfg);
}

static void
cmd_list_ports(struct vsctl_context *ctx)
{
    struct vsctl_bridge *br = must_bridge__(ctx, ctx->argv[1]);
    const char **names;
    struct vsctl_port *port;
    size_t n = 0;

    names = xmalloc((hmap_count(&ctx->cache->ports) + 1) * sizeof *names);
    HMAP_FOR_EACH (port, node, &ctx->cache->ports) {
        if (port->bridge == br && strcmp(port->name, br->name)) {
            names[n++] = port->name;
        }
    }
    output_sorted__(ctx, names, n);
}

static void
cmd_list_ifaces(struct vsctl_context *ctx)
{
    struct vsctl_bridge *br = must_bridge__(ctx, ctx->argv[1]);
    const char **names;
    struct vsctl_iface *iface;
    size_t n = 0;

    names = xmalloc((hmap_count(&ctx->cache->ifaces) + 1) * sizeof *names);
    HMAP_FOR_EACH (iface, node, &ctx->cache->ifaces) {
        if (iface->port->bridge == br && strcmp(iface->name, br->name)) {
            names[n++] = iface->name;
        }
    }
    output_sorted__(ctx, names, n);
}

static void
cmd_port_to_br(struct vsctl_context *ctx)
{
    struct vsctl_port *port = find_port__(get_cache__(ctx), ctx->argv[1]);

    if (!port) {
        vsctl_fatal("no port named %s", ctx->argv[1]);
    }
    ds_put_format(ctx->output, "%s\n", port->bridge->name);
}

static void
cmd_iface_to_br(struct vsctl_context *ctx)
{
    struct vsctl_iface *iface = find_iface__(get_cache__(ctx), ctx->argv[1]);

    if (!iface) {
        vsctl_fatal("no interface named %s", ctx->argv[1]);
    }
    ds_put_format(ctx->output, "%s\n", iface->port->bridge->name);
}

/* Controllers, fail mode and managers. */

/* The real bridge named ctx->argv[1], for the commands that refuse to
 * change a fake bridge. */
static const struct ovsdb_idl_row *
must_real_bridge__(struct vsctl_context *ctx)
{
    struct vsctl_bridge *br = must_bridge__(ctx, ctx->argv[1]);

    if (br->parent) {
        vsctl_fatal("%s is a fake bridge", br->name);
    }
    return br->br_cfg;
}

/* Prints the "target" of each row that 'column' of 'row' refers to in
 * 'table', sorted. */
static void
output_targets__(struct vsctl_context *ctx, const struct ovsdb_idl_row *row,
                 const char *column, const char *table)
{
    const struct ovsdb_datum *refs = ovsdb_idl_get(row, column);
    const char **names;
    size_t n = 0, i;

    names = xmalloc(((refs ? refs->n : 0) + 1) * sizeof *names);
    for (i = 0; refs && i < refs->n; i++) {
        const struct ovsdb_idl_row *target
            = ref_row__(ctx, table, &refs->keys[i]);

        if (target) {
            names[n++] = ovsdb_idl_get_string(target, "target", "");
        }
    }
    output_sorted__(ctx, names, n);
}

/* Deletes the rows of 'table' that 'column' of 'row' refers to and clears
 * the column. */
static void
delete_targets__(struct vsctl_context *ctx, const struct ovsdb_idl_row *row,
                 const char *column, const char *table)
{
    const struct ovsdb_datum *refs = ovsdb_idl_get(row, column);
    const struct ovsdb_idl_row **rows;
    size_t n = 0, i;

    rows = xmalloc(((refs ? refs->n : 0) + 1) * sizeof *rows);
    for (i = 0; refs && i < refs->n; i++) {
        const struct ovsdb_idl_row *target
            = ref_row__(ctx, table, &refs->keys[i]);

        if (target) {
            rows[n++] = target;
        }
    }
    vsctl_clear_column(ctx, row, column);
    for (i = 0; i < n; i++) {
        vsctl_delete(ctx, rows[i]);
    }
    free(rows);
}

/* Replaces the rows of 'table' that 'column' of 'row' refers to by new
 * ones whose "target" are 'targets'. */
static void
set_targets__(struct vsctl_context *ctx, const struct ovsdb_idl_row *row,
              const char *column, const char *table, char *const *targets,
              size_t n_targets)
{
    size_t i;

    delete_targets__(ctx, row, column, table);
    for (i = 0; i < n_targets; i++) {
        const struct ovsdb_idl_row *target = vsctl_insert(ctx, table, NULL);

        vsctl_set_string(ctx, target, "target", targets[i]);
        vsctl_add_ref(ctx, row, column, target);
    }
}

static void
cmd_get_controller(struct vsctl_context *ctx)
{
    struct vsctl_bridge *br = must_bridge__(ctx, ctx->argv[1]);

    output_targets__(ctx, real_br_cfg__(br), "controller", "Controller");
}

static void
cmd_del_controller(struct vsctl_context *ctx)
{
    delete_targets__(ctx, must_real_bridge__(ctx), "controller",
                     "Controller");
}

static void
cmd_set_controller(struct vsctl_context *ctx)
{
    set_targets__(ctx, must_real_bridge__(ctx), "controller", "Controller",
                  &ctx->argv[2], ctx->argc - 2);
}

static void
cmd_get_fail_mode(struct vsctl_context *ctx)
{
    struct vsctl_bridge *br = must_bridge__(ctx, ctx->argv[1]);
    const char *mode = ovsdb_idl_get_string(real_br_cfg__(br), "fail_mode",
                                            NULL);

    if (mode && *mode) {
        ds_put_format(ctx->output, "%s\n", mode);
    }
}

static void
cmd_del_fail_mode(struct vsctl_context *ctx)
{
    vsctl_clear_column(ctx, must_real_bridge__(ctx), "fail_mode");
}

static void
cmd_set_fail_mode(struct vsctl_context *ctx)
{
    const struct ovsdb_idl_row *br_cfg = must_real_bridge__(ctx);
    const char *mode = ctx->argv[2];

    if (strcmp(mode, "standalone") && strcmp(mode, "secure")) {
        vsctl_fatal("fail-mode must be \"standalone\" or \"secure\"");
    }
    vsctl_set_string(ctx, br_cfg, "fail_mode", mode);
}

static void
cmd_get_manager(struct vsctl_context *ctx)
{
    output_targets__(ctx, ctx->ovs, "manager_options", "Manager");
}

static void
cmd_del_manager(struct vsctl_context *ctx)
{
    delete_targets__(ctx, ctx->ovs, "manager_options", "Manager");
}

static void
cmd_set_manager(struct vsctl_context *ctx)
{
    set_targets__(ctx, ctx->ovs, "manager_options", "Manager", &ctx->argv[1],
                  ctx->argc - 1);
}

/* emer-reset. */

static void
clear_columns__(struct vsctl_context *ctx, const char *table,
                const char *const *columns)
{
    const struct ovsdb_idl_table *t = ovsdb_idl_get_table(ctx->idl, table);
    const struct ovsdb_idl_row *row;

    if (!t) {
        return;
    }
    OVSDB_IDL_FOR_EACH_ROW (row, t) {
        const char *const *c;

        for (c = columns; *c; c++) {
            if (ovsdb_idl_table_get_column(t, *c)) {
                vsctl_clear_column(ctx, row, *c);
            }
        }
    }
}

static void
cmd_emer_reset(struct vsctl_context *ctx)
{
    static const char *const ovs_columns[] = {
        "manager_options", "ssl", NULL };
    static const char *const br_columns[] = {
        "controller", "fail_mode", "mirrors", "netflow", "sflow", "ipfix",
        "flood_vlans", NULL };
    static const char *const port_columns[] = { "other_config", NULL };
    static const char *const iface_columns[] = {
        "ingress_policing_rate", "ingress_policing_burst", NULL };
    static const char *const drop_tables[] = {
        "Mirror", "Controller", "Manager", "NetFlow", "QoS", "Queue", "SSL",
        "sFlow", "IPFIX", "Flow_Sample_Collector_Set", NULL };
    const struct ovsdb_idl_table *t;
    const struct ovsdb_idl_row *row;
    const char *const *name;

    clear_columns__(ctx, "Open_vSwitch", ovs_columns);
    clear_columns__(ctx, "Bridge", br_columns);
    clear_columns__(ctx, "Port", port_columns);
    clear_columns__(ctx, "Interface", iface_columns);

    /* Keep only "hwaddr" in each bridge's other_config. */
    t = ovsdb_idl_get_table(ctx->idl, "Bridge");
    OVSDB_IDL_FOR_EACH_ROW (row, t) {
        const char *hwaddr = ovsdb_idl_get_map_string(row, "other_config",
                                                      "hwaddr");
        char *arg = hwaddr ? xasprintf("other_config:hwaddr=\"%s\"", hwaddr)
                           : NULL;

        vsctl_clear_column(ctx, row, "other_config");
        if (arg) {
            vsctl_set_column(ctx, row, arg);
            free(arg);
        }
    }

    for (name = drop_tables; *name; name++) {
        t = ovsdb_idl_get_table(ctx->idl, *name);
        if (t) {
            const struct ovsdb_idl_row *next;

            for (row = ovsdb_idl_first_row(t); row; row = next) {
                next = ovsdb_idl_next_row(row);
                vsctl_delete(ctx, row);
            }
        }
    }
}

/* show. */

struct show_table {
    const char *table;
    const char *name_column;    /* NULL: print the UUID. */
    const char *columns[4];
};

static const struct show_table show_tables[] = {
    { "Open_vSwitch", NULL, { "manager_options", "bridges", "ovs_version" } },
    { "Bridge", "name", { "controller", "fail_mode", "datapath_type",
                          "ports" } },
    { "Port", "name", { "tag", "trunks", "interfaces" } },
    { "Interface", "name", { "type", "options", "error", "bfd_status" } },
    { "Controller", "target", { "is_connected" } },
    { "Manager", "target", { "is_connected" } },
};

static const struct show_table *
find_show_table__(const char *name)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(show_tables); i++) {
        if (!strcmp(show_tables[i].table, name)) {
            return &show_tables[i];
        }
    }
    return NULL;
}

static void
show_row__(struct vsctl_context *ctx, const struct ovsdb_idl_row *row,
           int level)
{
    const struct ovsdb_idl_table *table = ovsdb_idl_row_get_table(row);
    const char *table_name = ovsdb_idl_table_get_schema(table)->name;
    const struct show_table *st = find_show_table__(table_name);
    size_t i, j;

    ds_put_char_multiple(ctx->output, ' ', level * 4);
    if (st && st->name_column && ovsdb_idl_table_get_column(
            table, st->name_column)) {
        const struct ovsdb_column *c
            = ovsdb_idl_table_get_column(table, st->name_column);

        ds_put_format(ctx->output, "%s ", table_name);
        vsctl_datum_to_string(ovsdb_idl_read(row, c), &c->type,
                              ctx->output);
    } else {
        ds_put_format(ctx->output, UUID_FMT,
                      UUID_ARGS(ovsdb_idl_row_get_uuid(row)));
    }
    ds_put_char(ctx->output, '\n');

    for (i = 0; st && i < ARRAY_SIZE(st->columns) && st->columns[i]; i++) {
        const struct ovsdb_column *c
            = ovsdb_idl_table_get_column(table, st->columns[i]);
        const struct ovsdb_base_type *key;
        const struct ovsdb_datum *d;

        if (!c) {
            continue;
        }
        d = ovsdb_idl_read(row, c);
        key = &c->type.key;
        if (ovsdb_base_type_is_ref(key)
            && find_show_table__(key->u.uuid.ref_table_name)) {
            for (j = 0; j < d->n; j++) {
                const struct ovsdb_idl_row *ref
                    = ref_row__(ctx, key->u.uuid.ref_table_name,
                                &d->keys[j]);
                if (ref) {
                    show_row__(ctx, ref, level + 1);
                }
            }
        } else if (!ovsdb_datum_is_default(d, &c->type)) {
            ds_put_char_multiple(ctx->output, ' ', (level + 1) * 4);
            ds_put_format(ctx->output, "%s: ", c->name);
            vsctl_datum_to_string(d, &c->type, ctx->output);
            ds_put_char(ctx->output, '\n');
        }
    }
}

static void
cmd_show(struct vsctl_context *ctx)
{
    const struct ovsdb_idl_table *t
        = ovsdb_idl_get_table(ctx->idl, "Open_vSwitch");
    const struct ovsdb_idl_row *row;

    OVSDB_IDL_FOR_EACH_ROW (row, t) {
        show_row__(ctx, row, 0);
    }
}

const struct vsctl_command_syntax vsctl_bridge_commands[] = {
    { "init", 0, 0, cmd_init, NULL, "", true },
    { "show", 0, 0, cmd_show, NULL, "", false },
    { "emer-reset", 0, 0, cmd_emer_reset, NULL, "", true },
    { "add-br", 1, 3, cmd_add_br, NULL, "--may-exist", true },
    { "del-br", 1, 1, cmd_del_br, NULL, "--if-exists", true },
    { "list-br", 0, 0, cmd_list_br, NULL, "--real,--fake", false },
    { "br-exists", 1, 1, cmd_br_exists, NULL, "", false },
    { "br-to-vlan", 1, 1, cmd_br_to_vlan, NULL, "", false },
    { "br-to-parent", 1, 1, cmd_br_to_parent, NULL, "", false },
    { "add-port", 2, INT_MAX, cmd_add_port, NULL, "--may-exist", true },
    { "del-port", 1, 2, cmd_del_port, NULL, "--if-exists,--with-iface",
      true },
    { "list-ports", 1, 1, cmd_list_ports, NULL, "", false },
    { "list-ifaces", 1, 1, cmd_list_ifaces, NULL, "", false },
    { "port-to-br", 1, 1, cmd_port_to_br, NULL, "", false },
    { "iface-to-br", 1, 1, cmd_iface_to_br, NULL, "", false },
    { "add-bond", 4, INT_MAX, cmd_add_bond, NULL,
      "--may-exist,--fake-iface", true },
    { "get-controller", 1, 1, cmd_get_controller, NULL, "", false },
    { "del-controller", 1, 1, cmd_del_controller, NULL, "", true },
    { "set-controller", 1, INT_MAX, cmd_set_controller, NULL, "", true },
    { "get-fail-mode", 1, 1, cmd_get_fail_mode, NULL, "", false },
    { "del-fail-mode", 1, 1, cmd_del_fail_mode, NULL, "", true },
    { "set-fail-mode", 2, 2, cmd_set_fail_mode, NULL, "", true },
    { "get-manager", 0, 0, cmd_get_manager, NULL, "", false },
    { "del-manager", 0, 0, cmd_del_manager, NULL, "", true },
    { "set-manager", 1, INT_MAX, cmd_set_manager, NULL, "", true },
    { NULL, 0, 0, NULL, NULL, NULL, false },
};
