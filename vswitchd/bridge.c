/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>

#include "bridge.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "bridge-private.h"
#include "ofproto/connmgr.h"
#include "coverage.h"
#include "datapath/dpctl.h"
#include "datapath/dpif.h"
#include "datapath/netdev.h"
#include "dynamic-string.h"
#include "hash.h"
#include "ofproto/ofproto.h"
#include "fatal-signal.h"
#include "ofproto/mac-learning.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-idl.h"
#include "ovsdb/ovsdb-schema.h"
#include "packets.h"
#include "poll-loop.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(bridge);

COVERAGE_DEFINE(bridge_reconfigure);
COVERAGE_DEFINE(bridge_port_add);
COVERAGE_DEFINE(bridge_port_del);

struct bridge_ctx bridge_ctx;

/* The number of OpenFlow port numbers an interface can ask for: 1 to
 * OFPP_MAX - 1. */
#define BR_N_PORTS 0xff00

/* The name -> OpenFlow port number a bridge last gave an interface. */
struct br_port_memory {
    struct hmap_node node;      /* In 'br->memory', by name. */
    char *name;
    ofp_port_t ofp_port;
};

/* One interface the database wants on a bridge. */
struct iface_want {
    struct hmap_node node;      /* In 'br_want->ifaces', by name. */
    const char *name;           /* Owned by the IDL. */
    const struct ovsdb_idl_row *irow;   /* Interface. */
    const struct ovsdb_idl_row *prow;   /* Its Port. */
};

/* One bridge the database wants. */
struct br_want {
    struct hmap_node node;      /* In the reconfiguration's map, by name. */
    const char *name;           /* Owned by the IDL. */
    const char *type;           /* Datapath type to use. */
    const struct ovsdb_idl_row *row;
    struct hmap ifaces;         /* struct iface_want, by name. */
    unsigned long *requested;   /* BR_N_PORTS bits: ofport_request'd. */
};

/* Database helpers. */

const struct ovsdb_idl_row *
bridge_get_row(const char *table_name, const struct uuid *uuid)
{
    const struct ovsdb_idl_table *table
        = ovsdb_idl_get_table(bridge_ctx.idl, table_name);

    return table ? ovsdb_idl_get_row(table, uuid) : NULL;
}

const struct ovsdb_idl_row *
bridge_get_ovs_row(void)
{
    const struct ovsdb_idl_table *table
        = ovsdb_idl_get_table(bridge_ctx.idl, "Open_vSwitch");

    return table ? ovsdb_idl_first_row(table) : NULL;
}

/* The UUIDs in 'column' of 'row' (a set of references). */
static const struct ovsdb_datum *
bridge_get_refs(const struct ovsdb_idl_row *row, const char *column)
{
    static const struct ovsdb_datum empty = OVSDB_DATUM_EMPTY_INITIALIZER;
    const struct ovsdb_datum *d = ovsdb_idl_get(row, column);

    return d ? d : &empty;
}

/* Appends the string-to-string map 'column' of 'row' to 's' as
 * "key=value," pairs in key order. */
static void
bridge_format_map(const struct ovsdb_idl_row *row, const char *column,
                  struct ds *s)
{
    const struct ovsdb_datum *d = ovsdb_idl_get(row, column);
    size_t i;

    for (i = 0; d && d->values && i < d->n; i++) {
        ds_put_format(s, "%s=%s,", d->keys[i].string, d->values[i].string);
    }
}

static inline uint32_t
bridge_hash_name(const char *name)
{
    return hash_string(name, 0);
}

/* Bridges and interfaces. */

static struct br *
br_find(const char *name)
{
    struct br *br;

    HMAP_FOR_EACH_WITH_HASH (br, node, bridge_hash_name(name),
                             &bridge_ctx.bridges) {
        if (!strcmp(br->name, name)) {
            return br;
        }
    }
    return NULL;
}

static struct iface *
iface_find(const struct br *br, const char *name)
{
    struct iface *iface;

    HMAP_FOR_EACH_WITH_HASH (iface, node, bridge_hash_name(name),
                             &br->ifaces) {
        if (!strcmp(iface->name, name)) {
            return iface;
        }
    }
    return NULL;
}

static struct br_port_memory *
br_memory_find(const struct br *br, const char *name)
{
    struct br_port_memory *m;

    HMAP_FOR_EACH_WITH_HASH (m, node, bridge_hash_name(name), &br->memory) {
        if (!strcmp(m->name, name)) {
            return m;
        }
    }
    return NULL;
}

static void
br_remember_port(struct br *br, const char *name, ofp_port_t ofp_port)
{
    struct br_port_memory *m = br_memory_find(br, name);

    if (ofp_port == OFPP_NONE || ofp_port == OFPP_LOCAL) {
        return;
    }
    if (!m) {
        m = xzalloc(sizeof *m);
        m->name = xstrdup(name);
        hmap_insert(&br->memory, &m->node, bridge_hash_name(name));
    }
    m->ofp_port = ofp_port;
}

static void
iface_free(struct iface *iface)
{
    free(iface->name);
    free(iface->type);
    free(iface->options);
    free(iface->vlan);
    free(iface->error);
    free(iface);
}

/* Takes 'iface' out of its bridge's switch and frees it. */
static void
iface_destroy(struct iface *iface)
{
    struct br *br = iface->br;

    if (iface->ofp_port != OFPP_NONE && iface->ofp_port != OFPP_LOCAL) {
        int error = ofproto_port_del(br->ofproto, iface->ofp_port);

        COVERAGE_INC(bridge_port_del);
        if (error) {
            VLOG_WARN("%s: deleting port %s (%"PRIu16") failed (%s)",
                      br->name, iface->name, ofp_to_u16(iface->ofp_port),
                      ovs_strerror(error));
        } else {
            VLOG_INFO("bridge %s: deleted interface %s on port %"PRIu16,
                      br->name, iface->name, ofp_to_u16(iface->ofp_port));
        }
        br_remember_port(br, iface->name, iface->ofp_port);
    }
    hmap_remove(&br->ifaces, &iface->node);
    iface_free(iface);
}

/* Destroys 'br'.  With 'delete_datapath' its ports leave the datapath
 * (del-br, exit --cleanup); otherwise the datapath side stays for the next
 * start of the daemon. */
static void
br_destroy(struct br *br, bool delete_datapath)
{
    struct br_port_memory *m;
    struct iface *iface;

    if (delete_datapath) {
        VLOG_INFO("bridge %s: deleted", br->name);
    }
    HMAP_FOR_EACH_POP (iface, node, &br->ifaces) {
        iface_free(iface);
    }
    hmap_destroy(&br->ifaces);
    HMAP_FOR_EACH_POP (m, node, &br->memory) {
        free(m->name);
        free(m);
    }
    hmap_destroy(&br->memory);
    if (delete_datapath) {
        ofproto_destroy(br->ofproto);
    } else {
        ofproto_destroy_keep_datapath(br->ofproto);
    }
    hmap_remove(&bridge_ctx.bridges, &br->node);
    free(br->name);
    free(br->type);
    free(br->fail_mode);
    free(br->controllers);
    free(br->dp_desc);
    free(br->hwaddr);
    free(br->controller_status);
    free(br);
}

/* What the database wants. */

/* The datapath type a bridge of 'datapath_type' gets. */
static const char *
bridge_effective_type(const char *datapath_type)
{
    if (bridge_ctx.dummy_override) {
        return "dummy";
    } else if (!strcmp(datapath_type, "") || !strcmp(datapath_type,
                                                      "system")) {
        return "system";
    }
    return datapath_type;
}

static struct iface_want *
br_want_find_iface(const struct hmap *ifaces, const char *name)
{
    struct iface_want *iw;

    HMAP_FOR_EACH_WITH_HASH (iw, node, bridge_hash_name(name), ifaces) {
        if (!strcmp(iw->name, name)) {
            return iw;
        }
    }
    return NULL;
}

static void
br_want_add_iface(struct br_want *bw, const struct ovsdb_idl_row *prow,
                  const struct ovsdb_idl_row *irow, const struct hmap *wants)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
    const char *name = ovsdb_idl_get_string(irow, "name", "");
    uint32_t hash = bridge_hash_name(name);
    const struct br_want *other;
    struct iface_want *iw;
    int64_t request;

    HMAP_FOR_EACH (other, node, wants) {
        if (br_want_find_iface(&other->ifaces, name)) {
            VLOG_WARN_RL(&rl, "bridge %s: interface %s is configured more "
                         "than once; ignoring the copy", bw->name, name);
            return;
        }
    }
    iw = xzalloc(sizeof *iw);
    iw->name = name;
    iw->irow = irow;
    iw->prow = prow;
    hmap_insert(&bw->ifaces, &iw->node, hash);

    request = ovsdb_idl_get_integer(irow, "ofport_request", -1);
    if (request >= 1 && request < BR_N_PORTS) {
        bw->requested[request / (8 * sizeof(unsigned long))]
            |= 1UL << (request % (8 * sizeof(unsigned long)));
    }
}

/* Collects the interfaces of Bridge 'bw->row' into 'bw->ifaces'.  An
 * interface name already taken in 'wants' (by this bridge or another) is
 * refused, as stock does. */
static void
br_want_collect(struct br_want *bw, const struct hmap *wants)
{
    const struct ovsdb_datum *ports = bridge_get_refs(bw->row, "ports");
    size_t i, j;

    for (i = 0; i < ports->n; i++) {
        const struct ovsdb_idl_row *prow
            = bridge_get_row("Port", &ports->keys[i].uuid);
        const struct ovsdb_datum *ifaces;

        if (!prow) {
            continue;
        }
        ifaces = bridge_get_refs(prow, "interfaces");
        for (j = 0; j < ifaces->n; j++) {
            const struct ovsdb_idl_row *irow
                = bridge_get_row("Interface", &ifaces->keys[j].uuid);

            if (irow) {
                br_want_add_iface(bw, prow, irow, wants);
            }
        }
    }
}

static struct br_want *
br_want_find(const struct hmap *wants, const char *name)
{
    struct br_want *bw;

    HMAP_FOR_EACH_WITH_HASH (bw, node, bridge_hash_name(name), wants) {
        if (!strcmp(bw->name, name)) {
            return bw;
        }
    }
    return NULL;
}

/* Fills 'wants' with the bridges of 'ovs' (may be NULL: none). */
static void
bridge_collect_wants(const struct ovsdb_idl_row *ovs, struct hmap *wants)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
    const struct ovsdb_datum *bridges;
    size_t i;

    if (!ovs) {
        return;
    }
    bridges = bridge_get_refs(ovs, "bridges");
    for (i = 0; i < bridges->n; i++) {
        const struct ovsdb_idl_row *row
            = bridge_get_row("Bridge", &bridges->keys[i].uuid);
        struct br_want *bw;
        const char *name;

        if (!row) {
            continue;
        }
        name = ovsdb_idl_get_string(row, "name", "");
        if (br_want_find(wants, name)) {
            VLOG_WARN_RL(&rl, "bridge %s specified twice", name);
            continue;
        }
        bw = xzalloc(sizeof *bw);
        bw->name = name;
        bw->row = row;
        bw->type = bridge_effective_type(
            ovsdb_idl_get_string(row, "datapath_type", ""));
        hmap_init(&bw->ifaces);
        bw->requested = xcalloc(BR_N_PORTS / (8 * sizeof(unsigned long)) + 1,
                                sizeof(unsigned long));
        hmap_insert(wants, &bw->node, bridge_hash_name(name));
    }
}

static void
bridge_free_wants(struct hmap *wants)
{
    struct br_want *bw;

    HMAP_FOR_EACH_POP (bw, node, wants) {
        struct iface_want *iw, *next;

        HMAP_FOR_EACH_SAFE (iw, next, node, &bw->ifaces) {
            free(iw);
        }
        hmap_destroy(&bw->ifaces);
        free(bw->requested);
        free(bw);
    }
    hmap_destroy(wants);
}

/* Interface configuration. */

/* The Interface configuration that, when it changes, needs the port
 * re-added: options as text. */
static char *
iface_options_text(const struct ovsdb_idl_row *irow)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    bridge_format_map(irow, "options", &s);
    return ds_steal_cstr(&s);
}

/* The Port's VLAN settings as text. */
static char *
port_vlan_text(const struct ovsdb_idl_row *prow)
{
    const struct ovsdb_datum *trunks = ovsdb_idl_get(prow, "trunks");
    struct ds s = DS_EMPTY_INITIALIZER;
    size_t i;

    ds_put_format(&s, "%s/%"PRId64"/",
                  ovsdb_idl_get_string(prow, "vlan_mode", ""),
                  ovsdb_idl_get_integer(prow, "tag", -1));
    for (i = 0; trunks && i < trunks->n; i++) {
        ds_put_format(&s, "%"PRId64",", trunks->keys[i].integer);
    }
    return ds_steal_cstr(&s);
}

/* True if 'iface' must be taken out and added again to match 'irow'. */
static bool
iface_needs_readd(const struct iface *iface,
                  const struct ovsdb_idl_row *irow)
{
    char *options;
    bool changed;

    if (strcmp(iface->type, ovsdb_idl_get_string(irow, "type", ""))
        || iface->ofport_request != ovsdb_idl_get_integer(irow,
                                                          "ofport_request",
                                                          -1)) {
        return true;
    }
    options = iface_options_text(irow);
    changed = strcmp(options, iface->options) != 0;
    free(options);
    return changed;
}

/* Deletes the interfaces of 'br' that 'bw' (NULL: none) no longer wants
 * as they are. */
static void
br_delete_stale_ifaces(struct br *br, const struct br_want *bw)
{
    struct iface *iface, *next;

    HMAP_FOR_EACH_SAFE (iface, next, node, &br->ifaces) {
        struct iface_want *iw = (bw
                                 ? br_want_find_iface(&bw->ifaces,
                                                      iface->name)
                                 : NULL);

        if (iw && iface->ofp_port == OFPP_NONE) {
            /* Failed before: try again, as stock does on every
             * reconfiguration. */
            iw = NULL;
        }
        if (iw && iface->ofp_port != OFPP_LOCAL
            && iface_needs_readd(iface, iw->irow)) {
            /* Keep the number it had unless a new request says
             * otherwise. */
            br_remember_port(br, iface->name, iface->ofp_port);
            iw = NULL;
        }
        if (!iw) {
            iface_destroy(iface);
        }
    }
}

/* The OpenFlow port number to ask for when adding 'iw' to 'br', by
 * priority: ofport_request; the Interface's "ofport" column (numbers
 * survive a restart); the number the bridge last gave that name (they
 * survive deleting and re-adding); otherwise OFPP_NONE (the lowest free
 * one).  A number held by another port or requested by another interface
 * is not asked for, except by ofport_request (which then fails, as it
 * should). */
static ofp_port_t
br_wanted_port(const struct br *br, const struct br_want *bw,
               const struct iface_want *iw, int *classp)
{
    const size_t bits = 8 * sizeof(unsigned long);
    int64_t request = ovsdb_idl_get_integer(iw->irow, "ofport_request", -1);
    int64_t candidates[2];
    const struct br_port_memory *m;
    size_t i;

    if (request >= 1 && request < BR_N_PORTS) {
        *classp = 0;
        return u16_to_ofp(request);
    }
    m = br_memory_find(br, iw->name);
    candidates[0] = ovsdb_idl_get_integer(iw->irow, "ofport", -1);
    candidates[1] = m ? ofp_to_u16(m->ofp_port) : -1;
    for (i = 0; i < 2; i++) {
        int64_t c = candidates[i];

        if (c >= 1 && c < BR_N_PORTS
            && !(bw->requested[c / bits] & (1UL << (c % bits)))
            && !ofproto_get_port(br->ofproto, u16_to_ofp(c))) {
            *classp = 1 + i;
            return u16_to_ofp(c);
        }
    }
    *classp = 3;
    return OFPP_NONE;
}

/* The interface type to give ofproto for 'type' on 'br'.  On a dummy
 * bridge, stock's test types "dummy" and "dummy-internal" are taken as
 * "system" and "internal", so that scripts written for stock's dummy
 * datapath work unchanged. */
static const char *
br_port_type(const struct br *br, const char *type)
{
    if (!strcmp(br->type, "dummy")) {
        if (!strcmp(type, "dummy")) {
            return "system";
        } else if (!strcmp(type, "dummy-internal")) {
            return "internal";
        }
    }
    return type;
}

/* Adds the interface 'iw' to 'br', asking for 'ofp_port'. */
static void
br_add_iface(struct br *br, const struct iface_want *iw, ofp_port_t ofp_port)
{
    const struct ovsdb_datum *opts = ovsdb_idl_get(iw->irow, "options");
    struct ofproto_port_spec spec;
    struct iface *iface;
    const char **keys, **values;
    char *errp = NULL;
    size_t i, n = opts && opts->values ? opts->n : 0;
    int error;

    iface = xzalloc(sizeof *iface);
    iface->br = br;
    iface->name = xstrdup(iw->name);
    iface->uuid = *ovsdb_idl_row_get_uuid(iw->irow);
    iface->type = xstrdup(ovsdb_idl_get_string(iw->irow, "type", ""));
    iface->options = iface_options_text(iw->irow);
    iface->ofport_request = ovsdb_idl_get_integer(iw->irow, "ofport_request",
                                                  -1);
    iface->status_due = true;
    iface->offload = -1;
    hmap_insert(&br->ifaces, &iface->node, bridge_hash_name(iface->name));

    if (!strcmp(iface->name, br->name)) {
        /* The bridge's own interface: its LOCAL port, made with the
         * switch. */
        iface->ofp_port = OFPP_LOCAL;
        return;
    }

    keys = xmalloc((n + 1) * sizeof *keys);
    values = xmalloc((n + 1) * sizeof *values);
    for (i = 0; i < n; i++) {
        keys[i] = opts->keys[i].string;
        values[i] = opts->values[i].string;
    }
    spec = (struct ofproto_port_spec) {
        .name = iface->name,
        .type = br_port_type(br, iface->type),
        .ofp_port = ofp_port,
        .option_keys = keys,
        .option_values = values,
        .n_options = n,
    };
    COVERAGE_INC(bridge_port_add);
    error = ofproto_port_add(br->ofproto, &spec, &iface->ofp_port, &errp);
    if (error) {
        iface->ofp_port = OFPP_NONE;
        iface->error = (errp ? errp
                        : xasprintf("could not add network device %s (%s)",
                                    iface->name, ovs_strerror(error)));
        VLOG_WARN("bridge %s: could not add interface %s: %s",
                  br->name, iface->name, iface->error);
    } else {
        free(errp);
        br_remember_port(br, iface->name, iface->ofp_port);
        VLOG_INFO("bridge %s: added interface %s on port %"PRIu16,
                  br->name, iface->name, ofp_to_u16(iface->ofp_port));
    }
    free(keys);
    free(values);
}

/* Adds the interfaces of 'bw' that 'br' lacks: those with ofport_request
 * first, then those with a number to keep, then the others, so that a
 * port asking for no particular number never takes one another port
 * wants. */
static void
br_add_new_ifaces(struct br *br, const struct br_want *bw)
{
    int pass;

    for (pass = 0; pass < 4; pass++) {
        const struct iface_want *iw;

        HMAP_FOR_EACH (iw, node, &bw->ifaces) {
            struct iface *iface = iface_find(br, iw->name);
            ofp_port_t ofp_port;
            int class;

            if (iface) {
                if (!uuid_equals(&iface->uuid,
                                 ovsdb_idl_row_get_uuid(iw->irow))) {
                    /* Same interface, new row: write its status there. */
                    iface->uuid = *ovsdb_idl_row_get_uuid(iw->irow);
                    memset(&iface->written, 0, sizeof iface->written);
                    iface->status_due = true;
                }
                continue;
            }
            ofp_port = br_wanted_port(br, bw, iw, &class);
            if (class <= pass) {
                br_add_iface(br, iw, ofp_port);
            }
        }
    }
}

/* Port (VLAN) configuration. */

static enum ofport_vlan_mode
port_vlan_mode(const char *mode, int tag)
{
    if (!strcmp(mode, "access")) {
        return OFPORT_VLAN_ACCESS;
    } else if (!strcmp(mode, "trunk")) {
        return OFPORT_VLAN_TRUNK;
    } else if (!strcmp(mode, "native-tagged")) {
        return OFPORT_VLAN_NATIVE_TAGGED;
    } else if (!strcmp(mode, "native-untagged")) {
        return OFPORT_VLAN_NATIVE_UNTAGGED;
    }
    return tag >= 0 ? OFPORT_VLAN_ACCESS : OFPORT_VLAN_TRUNK;
}

static void
iface_apply_vlan(struct iface *iface, const struct ovsdb_idl_row *prow)
{
    const size_t bits = 8 * sizeof(unsigned long);
    const struct ovsdb_datum *trunks;
    unsigned long *bitmap = NULL;
    char *text = port_vlan_text(prow);
    int64_t tag;
    size_t i;

    if (iface->ofp_port == OFPP_NONE
        || (iface->vlan && !strcmp(iface->vlan, text))) {
        free(text);
        return;
    }
    free(iface->vlan);
    iface->vlan = text;

    tag = ovsdb_idl_get_integer(prow, "tag", -1);
    if (tag < 0 || tag > 4095) {
        tag = -1;
    }
    trunks = ovsdb_idl_get(prow, "trunks");
    if (trunks && trunks->n) {
        bitmap = xcalloc(4096 / bits, sizeof *bitmap);
        for (i = 0; i < trunks->n; i++) {
            int64_t vid = trunks->keys[i].integer;

            if (vid >= 0 && vid < 4096) {
                bitmap[vid / bits] |= 1UL << (vid % bits);
            }
        }
    }
    ofproto_port_set_vlan(iface->br->ofproto, iface->ofp_port,
                          port_vlan_mode(ovsdb_idl_get_string(prow,
                                                              "vlan_mode",
                                                              ""), tag),
                          tag, bitmap);
    free(bitmap);
}

static void
br_apply_vlans(struct br *br, const struct br_want *bw)
{
    const struct iface_want *iw;

    HMAP_FOR_EACH (iw, node, &bw->ifaces) {
        struct iface *iface = iface_find(br, iw->name);

        if (iface) {
            iface_apply_vlan(iface, iw->prow);
        }
    }
}

/* Bridge configuration. */

/* Replaces '*old' by 'new' if they differ; returns true if they did. */
static bool
br_update_string(char **old, const char *new)
{
    if (*old && !strcmp(*old, new)) {
        return false;
    }
    free(*old);
    *old = xstrdup(new);
    return true;
}

static void
br_apply_controllers(struct br *br, const struct ovsdb_idl_row *row)
{
    const struct ovsdb_datum *refs = bridge_get_refs(row, "controller");
    struct ofproto_controller *ctls;
    struct ds text = DS_EMPTY_INITIALIZER;
    size_t i, n = 0;

    ctls = xcalloc(refs->n + 1, sizeof *ctls);
    for (i = 0; i < refs->n; i++) {
        const struct ovsdb_idl_row *c
            = bridge_get_row("Controller", &refs->keys[i].uuid);

        if (!c) {
            continue;
        }
        ctls[n] = (struct ofproto_controller) {
            .target = ovsdb_idl_get_string(c, "target", ""),
            .max_backoff = ovsdb_idl_get_integer(c, "max_backoff", 0),
            .probe_interval = ovsdb_idl_get_integer(c, "inactivity_probe",
                                                    0),
            .rate_limit = ovsdb_idl_get_integer(c, "controller_rate_limit",
                                                0),
            .burst_limit = ovsdb_idl_get_integer(c,
                                                 "controller_burst_limit",
                                                 0),
        };
        if (ctls[n].probe_interval == 0
            && ovsdb_idl_get(c, "inactivity_probe")
            && ovsdb_idl_get(c, "inactivity_probe")->n) {
            /* An explicit 0 disables the probe. */
            ctls[n].probe_interval = -1;
        }
        ds_put_format(&text, "%s/%d/%d/%d/%d,", ctls[n].target,
                      ctls[n].max_backoff, ctls[n].probe_interval,
                      ctls[n].rate_limit, ctls[n].burst_limit);
        n++;
    }
    if (br_update_string(&br->controllers, ds_cstr(&text))) {
        ofproto_set_controllers(br->ofproto, ctls, n);
    }
    ds_destroy(&text);
    free(ctls);
}

/* Parses exactly 16 hex digits. */
static bool
bridge_parse_dpid(const char *s, uint64_t *dpid)
{
    size_t i;

    if (!s || strlen(s) != 16) {
        return false;
    }
    for (i = 0; i < 16; i++) {
        if (!strchr("0123456789abcdefABCDEF", s[i])) {
            return false;
        }
    }
    *dpid = strtoull(s, NULL, 16);
    return *dpid != 0;
}

static uint64_t
bridge_mac_to_dpid(struct eth_addr mac)
{
    uint64_t dpid = 0;
    int i;

    for (i = 0; i < ETH_ADDR_LEN; i++) {
        dpid = (dpid << 8) | mac.ea[i];
    }
    return dpid;
}

/* The datapath ID: other_config:datapath-id, else other_config:hwaddr,
 * else the LOCAL port's Ethernet address (as stock). */
static uint64_t
br_pick_dpid(const struct br *br, const struct ovsdb_idl_row *row)
{
    const char *hwaddr = ovsdb_idl_get_map_string(row, "other_config",
                                                  "hwaddr");
    const char *dpid_s = ovsdb_idl_get_map_string(row, "other_config",
                                                  "datapath-id");
    const struct ofport *local;
    struct eth_addr mac;
    uint64_t dpid;

    if (bridge_parse_dpid(dpid_s, &dpid)) {
        return dpid;
    }
    if (hwaddr && eth_addr_from_string(hwaddr, &mac)
        && !eth_addr_is_zero(mac)) {
        return bridge_mac_to_dpid(mac);
    }
    local = ofproto_get_port(br->ofproto, OFPP_LOCAL);
    return local ? bridge_mac_to_dpid(local->pp.hw_addr) : 0;
}

/* Reads the unsigned integer 'key' of other_config of 'row', or returns
 * 'default_' if it is absent or not a number in [1, 'max']. */
static unsigned int
bridge_get_uint_config(const struct ovsdb_idl_row *row, const char *key,
                       unsigned int default_, unsigned int max)
{
    const char *s = ovsdb_idl_get_map_string(row, "other_config", key);
    char *end;
    unsigned long value;

    if (!s || !*s) {
        return default_;
    }
    errno = 0;
    value = strtoul(s, &end, 10);
    if (errno || *end || value < 1 || value > max || s[0] == '-') {
        return default_;
    }
    return value;
}

/* other_config:mac-aging-time (seconds, default 300) and mac-table-size
 * (default 8192), as stock. */
static void
br_apply_mac_learning(struct br *br, const struct ovsdb_idl_row *row)
{
    unsigned int aging = bridge_get_uint_config(row, "mac-aging-time", 300,
                                                UINT_MAX);
    unsigned int size = bridge_get_uint_config(row, "mac-table-size", 8192,
                                               UINT_MAX);

    if (!br->ofproto->ml) {
        return;
    }
    if (aging != br->mac_aging_time) {
        br->mac_aging_time = aging;
        mac_learning_set_idle_time(br->ofproto->ml, aging);
    }
    if (size != br->mac_table_size) {
        br->mac_table_size = size;
        mac_learning_set_max_entries(br->ofproto->ml, size);
    }
}

/* other_config:hwaddr on a "system" bridge: the Ethernet address of its
 * internal device (on a dummy bridge it only sets the datapath ID). */
static void
br_apply_hwaddr(struct br *br, const struct ovsdb_idl_row *row)
{
    const char *hwaddr = ovsdb_idl_get_map_string(row, "other_config",
                                                  "hwaddr");
    struct netdev *netdev;
    struct eth_addr mac;
    char *errp = NULL;
    int error;

    if (!br_update_string(&br->hwaddr, hwaddr ? hwaddr : "")
        || !hwaddr || strcmp(br->type, "system")) {
        return;
    }
    if (!eth_addr_from_string(hwaddr, &mac) || eth_addr_is_zero(mac)
        || (mac.ea[0] & 1)) {
        VLOG_WARN("bridge %s: other_config:hwaddr \"%s\" is not a unicast "
                  "Ethernet address", br->name, hwaddr);
        return;
    }
    error = netdev_open(NULL, br->name, &netdev);
    if (!error) {
        error = netdev_set_mac(netdev, mac, &errp);
        netdev_close(netdev);
    }
    if (error) {
        VLOG_WARN("bridge %s: could not set the address to %s: %s",
                  br->name, hwaddr, errp ? errp : ovs_strerror(error));
    }
    free(errp);
}

static void
br_apply_config(struct br *br, const struct ovsdb_idl_row *row)
{
    const char *fail_mode = ovsdb_idl_get_string(row, "fail_mode", "");
    const char *dp_desc = ovsdb_idl_get_map_string(row, "other_config",
                                                   "dp-desc");
    uint64_t dpid;

    if (br_update_string(&br->fail_mode, fail_mode)) {
        ofproto_set_fail_mode(br->ofproto, (!strcmp(fail_mode, "secure")
                                            ? OFPROTO_FAIL_SECURE
                                            : OFPROTO_FAIL_STANDALONE));
    }
    br_apply_controllers(br, row);
    if (br_update_string(&br->dp_desc, dp_desc ? dp_desc : "")) {
        ofproto_set_dp_desc(br->ofproto, dp_desc);
    }
    br_apply_mac_learning(br, row);
    br_apply_hwaddr(br, row);
    dpid = br_pick_dpid(br, row);
    if (dpid && dpid != br->datapath_id) {
        br->datapath_id = dpid;
        ofproto_set_datapath_id(br->ofproto, dpid);
        bridge_ctx.status_due = true;
    }
}

/* Creates the bridge 'bw' wants.  Returns NULL if the switch could not be
 * made. */
static struct br *
br_create(const struct br_want *bw)
{
    struct ofproto *ofproto;
    struct br *br;
    int error;

    error = ofproto_create(bw->name, bw->type, &ofproto);
    if (error) {
        VLOG_ERR("failed to create bridge %s (datapath type %s): %s",
                 bw->name, bw->type, ovs_strerror(error));
        return NULL;
    }
    VLOG_INFO("bridge %s: created (datapath type %s)", bw->name, bw->type);
    br = xzalloc(sizeof *br);
    br->name = xstrdup(bw->name);
    br->type = xstrdup(bw->type);
    br->ofproto = ofproto;
    br->uuid = *ovsdb_idl_row_get_uuid(bw->row);
    hmap_init(&br->ifaces);
    hmap_init(&br->memory);
    hmap_insert(&bridge_ctx.bridges, &br->node, bridge_hash_name(br->name));
    return br;
}

/* Flow offload: Open_vSwitch other_config:hw-offload and tc-policy on the
 * shared "system" datapath, and Interface other_config:hw-offload=false
 * per port.  Applied again whenever the datapath was opened anew. */

static const struct dpif *offload_dpif;     /* Where it was applied. */
static bool offload_enabled;
static char *offload_policy;

/* Applies the per-port setting of 'iw' (on a "system" bridge). */
static void
iface_apply_offload(struct dpif *dpif, struct iface *iface,
                    const struct iface_want *iw)
{
    const char *value = ovsdb_idl_get_map_string(iw->irow, "other_config",
                                                 "hw-offload");
    int want = !(value && !strcmp(value, "false"));
    int error;

    if (iface->ofp_port == OFPP_NONE
        || iface->offload == want
        || (iface->offload < 0 && want)) {
        return;
    }
    error = dpif_set_offload_port(dpif, iface->name, want);
    if (error) {
        VLOG_WARN("%s: could not %s offload (%s)", iface->name,
                  want ? "enable" : "disable", ovs_strerror(error));
    }
    iface->offload = want;
}

static void
bridge_apply_offload(const struct ovsdb_idl_row *ovs, struct hmap *wants)
{
    struct dpif *dpif = ofproto_type_get_dpif("system");
    const char *hw = ovs ? ovsdb_idl_get_map_string(ovs, "other_config",
                                                    "hw-offload") : NULL;
    const char *policy = ovs ? ovsdb_idl_get_map_string(ovs, "other_config",
                                                        "tc-policy") : NULL;
    bool enable = hw && !strcmp(hw, "true");
    struct br_want *bw;

    if (!dpif) {
        offload_dpif = NULL;
        return;
    }
    policy = policy ? policy : "none";
    if (dpif != offload_dpif || enable != offload_enabled
        || strcmp(policy, offload_policy ? offload_policy : "")) {
        /* A datapath just opened has no offload engine: nothing to turn
         * off. */
        int error = (dpif == offload_dpif || enable
                     ? dpif_set_offload(dpif, enable,
                                        enable ? policy : NULL)
                     : 0);

        if (error) {
            VLOG_WARN("could not %s flow offload (tc-policy %s): %s",
                      enable ? "enable" : "disable", policy,
                      ovs_strerror(error));
        } else if (dpif == offload_dpif || enable) {
            VLOG_INFO("flow offload %s%s%s", enable ? "enabled" : "disabled",
                      enable ? ", tc-policy " : "", enable ? policy : "");
        }
        if (dpif != offload_dpif) {
            /* A new datapath: every port starts with offload allowed. */
            struct br *br;

            HMAP_FOR_EACH (br, node, &bridge_ctx.bridges) {
                struct iface *iface;

                HMAP_FOR_EACH (iface, node, &br->ifaces) {
                    iface->offload = -1;
                }
            }
        }
        offload_dpif = dpif;
        offload_enabled = enable;
        free(offload_policy);
        offload_policy = xstrdup(policy);
    }
    HMAP_FOR_EACH (bw, node, wants) {
        struct br *br = br_find(bw->name);
        struct iface_want *iw;

        if (!br || strcmp(br->type, "system")) {
            continue;
        }
        HMAP_FOR_EACH (iw, node, &bw->ifaces) {
            struct iface *iface = iface_find(br, iw->name);

            if (iface) {
                iface_apply_offload(dpif, iface, iw);
            }
        }
    }
}

/* Reconfiguration. */

/* Open_vSwitch other_config:flow-limit and max-idle (0: the default). */
static void
bridge_set_flow_limits(unsigned int flow_limit, unsigned int max_idle)
{
    static unsigned int cur_flow_limit, cur_max_idle;

    if (flow_limit != cur_flow_limit || max_idle != cur_max_idle) {
        cur_flow_limit = flow_limit;
        cur_max_idle = max_idle;
        ofproto_set_flow_limit(flow_limit);
        ofproto_set_max_idle(max_idle);
    }
}

static void
bridge_apply_globals(const struct ovsdb_idl_row *ovs)
{
    const char *flow_limit, *max_idle;

    if (!ovs) {
        return;
    }
    flow_limit = ovsdb_idl_get_map_string(ovs, "other_config",
                                          "flow-limit");
    max_idle = ovsdb_idl_get_map_string(ovs, "other_config", "max-idle");
    bridge_set_flow_limits(flow_limit ? strtoul(flow_limit, NULL, 10) : 0,
                           max_idle ? strtoul(max_idle, NULL, 10) : 0);
}

static void
bridge_reconfigure(const struct ovsdb_idl_row *ovs)
{
    struct hmap wants = HMAP_INITIALIZER;
    struct br_want *bw;
    struct br *br, *next;

    COVERAGE_INC(bridge_reconfigure);
    bridge_ctx.n_reconfigures++;
    bridge_collect_wants(ovs, &wants);

    /* Deletions first, over all bridges. */
    HMAP_FOR_EACH_SAFE (br, next, node, &bridge_ctx.bridges) {
        bw = br_want_find(&wants, br->name);
        if (!bw || strcmp(bw->type, br->type)) {
            br_destroy(br, true);
        }
    }
    HMAP_FOR_EACH (bw, node, &wants) {
        br_want_collect(bw, &wants);
    }
    HMAP_FOR_EACH (br, node, &bridge_ctx.bridges) {
        br_delete_stale_ifaces(br, br_want_find(&wants, br->name));
    }

    /* Then additions. */
    HMAP_FOR_EACH (bw, node, &wants) {
        br = br_find(bw->name);
        if (!br) {
            br = br_create(bw);
            if (!br) {
                continue;
            }
        }
        br->uuid = *ovsdb_idl_row_get_uuid(bw->row);
        br_add_new_ifaces(br, bw);
        br_apply_vlans(br, bw);
        br_apply_config(br, bw->row);
    }
    bridge_apply_globals(ovs);
    bridge_apply_offload(ovs, &wants);
    bridge_free_wants(&wants);

    bridge_ctx.applied_cfg = ovs ? ovsdb_idl_get_integer(ovs, "next_cfg", 0)
                                 : 0;
    bridge_ctx.status_due = true;
}

/* Kernel devices.  An interface of a "system" bridge whose device did not
 * exist is added as soon as the device appears, as stock does, and a
 * change of a device's MTU or address shows in the database at once. */

static struct netdev_monitor *bridge_monitor;

/* The interface called 'name' on a "system" bridge, or NULL. */
static struct iface *
bridge_find_system_iface(const char *name)
{
    struct br *br;

    HMAP_FOR_EACH (br, node, &bridge_ctx.bridges) {
        if (!strcmp(br->type, "system")) {
            struct iface *iface = iface_find(br, name);

            if (iface) {
                return iface;
            }
        }
    }
    return NULL;
}

static void
bridge_run_monitor(bool have_system)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
    struct netdev_event event;
    int i, error;

    if (!have_system) {
        netdev_monitor_destroy(bridge_monitor);
        bridge_monitor = NULL;
        return;
    }
    if (!bridge_monitor) {
        error = netdev_monitor_create(&bridge_monitor);
        if (error) {
            VLOG_WARN_RL(&rl, "cannot follow network devices (%s)",
                         ovs_strerror(error));
            bridge_monitor = NULL;
            return;
        }
    }
    for (i = 0; i < 100; i++) {
        struct iface *iface;

        error = netdev_monitor_run(bridge_monitor, &event);
        if (error == ENOBUFS) {
            bridge_ctx.force_reconfigure = true;
            continue;
        } else if (error) {
            break;
        }
        iface = bridge_find_system_iface(event.info.name);
        if (!iface) {
            continue;
        }
        if (event.type == NETDEV_EVENT_ADDED
            && iface->ofp_port == OFPP_NONE) {
            bridge_ctx.force_reconfigure = true;
        } else if (event.type == NETDEV_EVENT_CHANGED
                   && event.changes & (NETDEV_CHANGE_MTU
                                       | NETDEV_CHANGE_MAC)) {
            iface->status_due = true;
            bridge_ctx.status_due = true;
        }
    }
}

/* Main loop. */

static void
bridge_run_switches(void)
{
    bool system = false, dummy = false;
    struct br *br;

    HMAP_FOR_EACH (br, node, &bridge_ctx.bridges) {
        ofproto_run(br->ofproto);
        if (!strcmp(br->type, "system")) {
            system = true;
        } else {
            dummy = true;
        }
    }
    if (system) {
        ofproto_type_run("system");
    }
    if (dummy) {
        ofproto_type_run("dummy");
    }
    bridge_run_monitor(system);
}

void
bridge_run(void)
{
    static bool warned_lock;
    const struct ovsdb_idl *idl = bridge_ctx.idl;
    unsigned int seqno;

    ovsdb_idl_run(bridge_ctx.idl);
    if (ovsdb_idl_is_lock_contended(idl)) {
        if (!warned_lock) {
            warned_lock = true;
            VLOG_ERR("another ovs-vswitchd process is running, disabling "
                     "this process until it goes away");
        }
    } else if (ovsdb_idl_has_lock(idl) && ovsdb_idl_has_ever_connected(idl)) {
        seqno = ovsdb_idl_get_seqno(idl);
        if (warned_lock || seqno != bridge_ctx.idl_seqno
            || bridge_ctx.force_reconfigure) {
            warned_lock = false;
            bridge_ctx.force_reconfigure = false;
            bridge_ctx.idl_seqno = seqno;
            bridge_reconfigure(bridge_get_ovs_row());
        }
    }
    if (!ovsdb_idl_is_connected(idl)) {
        bridge_status_connection_lost();
    }

    bridge_run_switches();
    bridge_status_run();
}

void
bridge_wait(void)
{
    bool system = false, dummy = false;
    struct br *br;

    ovsdb_idl_wait(bridge_ctx.idl);
    HMAP_FOR_EACH (br, node, &bridge_ctx.bridges) {
        ofproto_wait(br->ofproto);
        if (!strcmp(br->type, "system")) {
            system = true;
        } else {
            dummy = true;
        }
    }
    if (system) {
        ofproto_type_wait("system");
    }
    if (dummy) {
        ofproto_type_wait("dummy");
    }
    if (bridge_monitor) {
        netdev_monitor_wait(bridge_monitor);
    }
    if (bridge_ctx.force_reconfigure) {
        poll_immediate_wake();
    }
    bridge_status_wait();
}

/* Appctl. */

/* dpctl/... in the daemon: the datapath is the one the bridges share. */
static int
bridge_open_dpif(const char *name, struct dpif **dpifp, bool *owned,
                 char **errp, void *aux OVS_UNUSED)
{
    struct dpif *dpif = ofproto_type_get_dpif("system");

    if (!dpif) {
        *errp = xstrdup("no datapaths exist");
        return ENODEV;
    }
    if (name) {
        const char *base = (str_starts_with(name, "system@")
                            ? name + strlen("system@") : name);

        if (strcmp(base, dpif_name(dpif))) {
            *errp = xasprintf("datapath %s does not exist", name);
            return ENODEV;
        }
    }
    *dpifp = dpif;
    *owned = false;
    return 0;
}

static void
bridge_unixctl_memory_show(struct unixctl_conn *conn, int argc OVS_UNUSED,
                           const char *argv[] OVS_UNUSED,
                           void *aux OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    size_t n_ports = 0, n_rules = 0;
    struct br *br;

    HMAP_FOR_EACH (br, node, &bridge_ctx.bridges) {
        int i;

        n_ports += hmap_count(&br->ofproto->ports);
        for (i = 0; i < OFPROTO_N_TABLES; i++) {
            n_rules += classifier_count(&br->ofproto->tables[i]);
        }
    }
    ds_put_format(&s, "bridges:%zu ports:%zu"
                  " reconfigures:%"PRIu64" rules:%zu\n",
                  hmap_count(&bridge_ctx.bridges), n_ports,
                  bridge_ctx.n_reconfigures, n_rules);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

/* offload/show: the flow offload state of the shared datapath. */
static void
bridge_unixctl_offload_show(struct unixctl_conn *conn, int argc OVS_UNUSED,
                            const char *argv[] OVS_UNUSED,
                            void *aux OVS_UNUSED)
{
    struct dpif *dpif = ofproto_type_get_dpif("system");
    struct ds s = DS_EMPTY_INITIALIZER;

    if (!dpif) {
        unixctl_command_reply_error(conn, "no datapath (no bridge of "
                                    "datapath type system)");
        return;
    }
    dpif_offload_show(dpif, &s);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

/* bridge/reconnect [BRIDGE]: drops and remakes the controller connections
 * of BRIDGE, or of every bridge. */
static void
bridge_unixctl_reconnect(struct unixctl_conn *conn, int argc,
                         const char *argv[], void *aux OVS_UNUSED)
{
    struct br *br;

    if (argc > 1 && !br_find(argv[1])) {
        unixctl_command_reply_error(conn, "no such bridge");
        return;
    }
    HMAP_FOR_EACH (br, node, &bridge_ctx.bridges) {
        if (argc < 2 || !strcmp(br->name, argv[1])) {
            ofproto_set_controllers(br->ofproto, NULL, 0);
            free(br->controllers);
            br->controllers = NULL;
        }
    }
    /* The next reconfiguration, at once, puts the controllers back. */
    bridge_ctx.force_reconfigure = true;
    poll_immediate_wake();
    unixctl_command_reply(conn, NULL);
}

static void
bridge_add_interest(struct ovsdb_idl *idl)
{
    static const char *const columns[][2] = {
        { "Open_vSwitch", "bridges" },
        { "Open_vSwitch", "next_cfg" },
        { "Open_vSwitch", "cur_cfg" },
        { "Open_vSwitch", "other_config" },
        { "Bridge", "name" },
        { "Bridge", "datapath_type" },
        { "Bridge", "ports" },
        { "Bridge", "fail_mode" },
        { "Bridge", "controller" },
        { "Bridge", "other_config" },
        { "Port", "name" },
        { "Port", "interfaces" },
        { "Port", "tag" },
        { "Port", "trunks" },
        { "Port", "vlan_mode" },
        { "Interface", "name" },
        { "Interface", "type" },
        { "Interface", "options" },
        { "Interface", "ofport_request" },
        { "Interface", "ofport" },
        { "Interface", "other_config" },
        { "Controller", "target" },
        { "Controller", "max_backoff" },
        { "Controller", "inactivity_probe" },
        { "Controller", "controller_rate_limit" },
        { "Controller", "controller_burst_limit" },
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(columns); i++) {
        ovsdb_idl_add_column(idl, columns[i][0], columns[i][1]);
    }
}

/* On SIGTERM and the like: the datapath stays as it is, as with "exit"
 * without --cleanup. */
static void
bridge_fatal_signal_hook(void *aux OVS_UNUSED)
{
    struct br *br, *next;

    HMAP_FOR_EACH_SAFE (br, next, node, &bridge_ctx.bridges) {
        br_destroy(br, false);
    }
}

void
bridge_init(const char *remote, enum bridge_dummy_mode dummy)
{
    hmap_init(&bridge_ctx.bridges);
    bridge_ctx.dummy = dummy != BRIDGE_DUMMY_NONE;
    bridge_ctx.dummy_override = dummy == BRIDGE_DUMMY_OVERRIDE;
    bridge_ctx.written_cfg = -1;
    bridge_ctx.idl = ovsdb_idl_create(remote, "Open_vSwitch", false);
    bridge_ctx.idl_seqno = ovsdb_idl_get_seqno(bridge_ctx.idl);
    ovsdb_idl_set_lock(bridge_ctx.idl, "ovs_vswitchd");
    bridge_add_interest(bridge_ctx.idl);

    unixctl_command_register("memory/show", "", 0, 0,
                             bridge_unixctl_memory_show, NULL);
    unixctl_command_register("bridge/reconnect", "[bridge]", 0, 1,
                             bridge_unixctl_reconnect, NULL);
    unixctl_command_register("offload/show", "", 0, 0,
                             bridge_unixctl_offload_show, NULL);
    dpctl_unixctl_register(bridge_open_dpif, NULL);
    fatal_signal_add_hook(bridge_fatal_signal_hook, NULL, false);
}

void
bridge_exit(bool delete_datapath)
{
    struct br *br, *next;

    HMAP_FOR_EACH_SAFE (br, next, node, &bridge_ctx.bridges) {
        br_destroy(br, delete_datapath);
    }
    hmap_destroy(&bridge_ctx.bridges);
    netdev_monitor_destroy(bridge_monitor);
    bridge_monitor = NULL;
    if (bridge_ctx.status_txn) {
        ovsdb_idl_txn_destroy(bridge_ctx.status_txn);
        bridge_ctx.status_txn = NULL;
    }
    ovsdb_idl_destroy(bridge_ctx.idl);
    bridge_ctx.idl = NULL;
}
