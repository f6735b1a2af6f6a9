/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Status written back to the database: see bridge.h.  One transaction at
 * a time; each writes only what differs from what was written before (or,
 * for Interface:ofport and Open_vSwitch:cur_cfg, from what the replica
 * holds).  Statistics and device state are refreshed every 5 seconds,
 * link and admin state every second, the rest after each
 * reconfiguration. */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include "bridge-private.h"
#include "ofproto/connmgr.h"
#include "coverage.h"
#include "dynamic-string.h"
#include "hash.h"
#include "datapath/netdev.h"
#include "netlink-socket.h"
#include "ofproto/ofproto.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-idl.h"
#include "ovsdb/ovsdb-schema.h"
#include "packets.h"
#include "poll-loop.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(bridge_status);

COVERAGE_DEFINE(bridge_status_txn);

#define BRIDGE_STATS_INTERVAL_MS 5000
/* How often link state, admin state and MAC address are compared with
 * what was written: cheap, since ofproto keeps them. */
#define BRIDGE_LIGHT_INTERVAL_MS 1000

/* Our own rtnetlink socket for device queries, opened on first use. */
static struct nln_socket *status_rtnl;

/* Writing columns. */

static const struct ovsdb_column *
status_column(const struct ovsdb_idl_row *row, const char *name)
{
    return ovsdb_idl_table_get_column(ovsdb_idl_row_get_table(row), name);
}

/* Writes 'd' to 'column' of 'row' if the server's schema has the column;
 * frees it either way. */
static void
status_write(const struct ovsdb_idl_row *row, const char *name,
             struct ovsdb_datum *d, enum ovsdb_atomic_type key_type)
{
    const struct ovsdb_column *column = status_column(row, name);

    if (column) {
        ovsdb_datum_sort_unique(d, &column->type);
        ovsdb_idl_txn_write(row, column, d);
    } else {
        size_t i;

        for (i = 0; i < d->n; i++) {
            ovsdb_atom_destroy(&d->keys[i], key_type);
        }
        free(d->keys);
        free(d->values);
        ovsdb_datum_init_empty(d);
    }
}

/* Writes integer 'value', or the empty set if 'value' is negative and
 * 'neg_is_empty'. */
static void
status_write_int(const struct ovsdb_idl_row *row, const char *name,
                 int64_t value, bool neg_is_empty)
{
    struct ovsdb_datum d;

    if (value < 0 && neg_is_empty) {
        ovsdb_datum_init_empty(&d);
    } else {
        ovsdb_datum_init_integer(&d, value);
    }
    status_write(row, name, &d, OVSDB_TYPE_INTEGER);
}

/* Writes string 'value', or the empty set if it is NULL. */
static void
status_write_string(const struct ovsdb_idl_row *row, const char *name,
                    const char *value)
{
    struct ovsdb_datum d;

    if (value) {
        ovsdb_datum_init_string(&d, value);
    } else {
        ovsdb_datum_init_empty(&d);
    }
    status_write(row, name, &d, OVSDB_TYPE_STRING);
}

static void
status_write_bool(const struct ovsdb_idl_row *row, const char *name,
                  bool value)
{
    struct ovsdb_datum d;

    ovsdb_datum_init_boolean(&d, value);
    status_write(row, name, &d, OVSDB_TYPE_BOOLEAN);
}

/* Writes the 'n' strings of 'values' as a set. */
static void
status_write_string_set(const struct ovsdb_idl_row *row, const char *name,
                        const char *const *values, size_t n)
{
    const struct ovsdb_column *column = status_column(row, name);
    struct ovsdb_datum d = OVSDB_DATUM_EMPTY_INITIALIZER;
    size_t i;

    if (!column) {
        return;
    }
    for (i = 0; i < n; i++) {
        union ovsdb_atom key = { .string = (char *) values[i] };

        ovsdb_datum_push(&d, &key, NULL, &column->type);
    }
    status_write(row, name, &d, OVSDB_TYPE_STRING);
}

/* Writes a string-to-string map from "key=value" lines in 'text'. */
static void
status_write_string_map(const struct ovsdb_idl_row *row, const char *name,
                        const char *text)
{
    const struct ovsdb_column *column = status_column(row, name);
    struct ovsdb_datum d = OVSDB_DATUM_EMPTY_INITIALIZER;
    char *copy, *line, *save = NULL;

    if (!column) {
        return;
    }
    copy = xstrdup(text);
    for (line = strtok_r(copy, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *eq = strchr(line, '=');
        union ovsdb_atom key, value;

        if (!eq) {
            continue;
        }
        *eq = '\0';
        key.string = line;
        value.string = eq + 1;
        ovsdb_datum_push(&d, &key, &value, &column->type);
    }
    free(copy);
    status_write(row, name, &d, OVSDB_TYPE_STRING);
}

/* Open_vSwitch. */

static void
status_write_globals(const struct ovsdb_idl_row *ovs)
{
    static const char *const dp_types[] = { "dummy", "system" };
    static const char *const iface_types[] = {
        "geneve", "gre", "internal", "patch", "system", "tap", "vxlan",
    };
    const struct ovsdb_schema *schema
        = ovsdb_idl_get_schema(bridge_ctx.idl);

    status_write_string(ovs, "ovs_version", ovs_get_program_version());
    if (schema && schema->version) {
        status_write_string(ovs, "db_version", schema->version);
    }
    status_write_string_set(ovs, "datapath_types", dp_types,
                            ARRAY_SIZE(dp_types));
    static const char *const dummy_iface_types[] = {
        "dummy", "dummy-internal", "geneve", "gre", "internal", "patch",
        "system", "tap", "vxlan",
    };
    if (bridge_ctx.dummy) {
        status_write_string_set(ovs, "iface_types", dummy_iface_types,
                                ARRAY_SIZE(dummy_iface_types));
    } else {
        status_write_string_set(ovs, "iface_types", iface_types,
                                ARRAY_SIZE(iface_types));
    }
    status_write_bool(ovs, "dpdk_initialized", false);
}

/* Interfaces. */

/* Fills in what the kernel says about device 'name' of a system bridge. */
static void
iface_query_device(const struct iface *iface, struct iface_status *st)
{
    struct netdev_info info;
    int error;

    if (strcmp(iface->br->type, "system")
        || (iface->type[0] && strcmp(iface->type, "system")
            && strcmp(iface->type, "internal")
            && strcmp(iface->type, "tap"))) {
        return;
    }
    if (!status_rtnl && nln_socket_open(NETLINK_ROUTE, &status_rtnl)) {
        status_rtnl = NULL;
        return;
    }
    error = netdev_get_info_by(status_rtnl, 0, iface->name, &info);
    if (error) {
        return;
    }
    st->ifindex = info.ifindex;
    st->mtu = info.mtu;
    if (info.has_mac) {
        snprintf(st->mac_in_use, sizeof st->mac_in_use, ETH_ADDR_FMT,
                 ETH_ADDR_ARGS(info.mac));
    }
    st->admin_state = netdev_info_is_up(&info) ? "up" : "down";
    st->link_state = (netdev_info_is_up(&info) && info.carrier
                      ? "up" : "down");
}

/* Computes the status of 'iface' into 'st' ('full': device state and
 * statistics too). */
static void
iface_compute_status(const struct iface *iface, bool full,
                     struct iface_status *st)
{
    const struct ofport *port;

    memset(st, 0, sizeof *st);
    st->valid = true;
    st->ifindex = -1;
    st->mtu = -1;
    if (iface->ofp_port == OFPP_NONE) {
        return;
    }
    port = ofproto_get_port(iface->br->ofproto, iface->ofp_port);
    if (!port) {
        return;
    }
    snprintf(st->mac_in_use, sizeof st->mac_in_use, ETH_ADDR_FMT,
             ETH_ADDR_ARGS(port->pp.hw_addr));
    st->admin_state = port->pp.config & OFPPC_PORT_DOWN ? "down" : "up";
    st->link_state = port->pp.state & OFPPS_LINK_DOWN ? "down" : "up";
    if (full) {
        if (!strcmp(iface->br->type, "dummy")) {
            /* What stock's dummy devices report. */
            st->ifindex = 0;
            st->mtu = 1500;
        }
        iface_query_device(iface, st);
        if (!ofproto_port_get_stats(port, &st->stats)) {
            st->have_stats = true;
        }
    }
}

static void
status_write_stats(const struct ovsdb_idl_row *row,
                   const struct ofp_port_stats *ps)
{
    const struct ovsdb_column *column = status_column(row, "statistics");
    struct ovsdb_datum d = OVSDB_DATUM_EMPTY_INITIALIZER;
    const struct {
        const char *name;
        uint64_t value;
    } stats[] = {
        { "collisions", ps->collisions },
        { "rx_bytes", ps->rx_bytes },
        { "rx_crc_err", ps->rx_crc_err },
        { "rx_dropped", ps->rx_dropped },
        { "rx_errors", ps->rx_errors },
        { "rx_frame_err", ps->rx_frame_err },
        { "rx_over_err", ps->rx_over_err },
        { "rx_packets", ps->rx_packets },
        { "tx_bytes", ps->tx_bytes },
        { "tx_dropped", ps->tx_dropped },
        { "tx_errors", ps->tx_errors },
        { "tx_packets", ps->tx_packets },
    };
    size_t i;

    if (!column) {
        return;
    }
    for (i = 0; i < ARRAY_SIZE(stats); i++) {
        union ovsdb_atom key = { .string = (char *) stats[i].name };
        union ovsdb_atom value = { .integer = stats[i].value };

        if (stats[i].value == UINT64_MAX) {
            /* Not counted by this kind of port: left out, as stock. */
            continue;
        }

        ovsdb_datum_push(&d, &key, &value, &column->type);
    }
    status_write(row, "statistics", &d, OVSDB_TYPE_STRING);
}

static bool
status_str_differs(const char *a, const char *b)
{
    return (a == NULL) != (b == NULL) || (a && strcmp(a, b));
}

/* Writes the columns of 'iface' whose value changed.  Returns true if it
 * wrote anything. */
static bool
iface_write_status(struct iface *iface, bool full)
{
    const struct ovsdb_idl_row *row = bridge_get_row("Interface",
                                                     &iface->uuid);
    struct iface_status st, *old = &iface->written;
    int64_t ofport;
    bool wrote = false;

    if (!row) {
        return false;
    }
    iface_compute_status(iface, full, &st);

    ofport = (iface->ofp_port == OFPP_NONE ? -1
              : ofp_to_u16(iface->ofp_port));
    if (ovsdb_idl_get_integer(row, "ofport", -2) != ofport) {
        status_write_int(row, "ofport", ofport, false);
        wrote = true;
    }
    st.has_error = iface->error != NULL;
    st.error_hash = iface->error ? hash_string(iface->error, 0) : 0;
    if (!old->valid || st.has_error != old->has_error
        || st.error_hash != old->error_hash) {
        status_write_string(row, "error", iface->error);
        wrote = true;
    }
    if (!old->valid || strcmp(st.mac_in_use, old->mac_in_use)) {
        status_write_string(row, "mac_in_use",
                            st.mac_in_use[0] ? st.mac_in_use : NULL);
    }
    if (!old->valid || status_str_differs(st.link_state, old->link_state)) {
        status_write_string(row, "link_state", st.link_state);
    }
    if (!old->valid || status_str_differs(st.admin_state,
                                          old->admin_state)) {
        status_write_string(row, "admin_state", st.admin_state);
    }
    if (full) {
        st.device_valid = true;
        if (st.ifindex >= 0
            && (!old->device_valid || st.ifindex != old->ifindex)) {
            status_write_int(row, "ifindex", st.ifindex, true);
        }
        if (st.mtu >= 0 && (!old->device_valid || st.mtu != old->mtu)) {
            status_write_int(row, "mtu", st.mtu, true);
        }
        if (st.have_stats
            && (!old->have_stats
                || memcmp(&st.stats, &old->stats, sizeof st.stats))) {
            status_write_stats(row, &st.stats);
        }
    } else {
        st.device_valid = old->device_valid;
        st.ifindex = old->ifindex;
        st.mtu = old->mtu;
        st.have_stats = old->have_stats;
        st.stats = old->stats;
    }
    *old = st;
    iface->status_due = false;
    return wrote;
}

/* Bridges and controllers. */

static void
br_write_status(struct br *br)
{
    const struct ovsdb_idl_row *row = bridge_get_row("Bridge", &br->uuid);
    char dpid[17];

    if (!row || !br->datapath_id || br->datapath_id == br->written_dpid) {
        return;
    }
    snprintf(dpid, sizeof dpid, "%016"PRIx64, br->datapath_id);
    status_write_string(row, "datapath_id", dpid);
    status_write_string(row, "datapath_version",
                        !strcmp(br->type, "dummy") ? "<built-in>"
                        : "<unknown>");
    br->written_dpid = br->datapath_id;
}

/* Writes one Controller row from connmgr's "key=value" lines 'text'. */
static void
controller_write_status(const struct ovsdb_idl_row *c, const char *text)
{
    struct ds rest = DS_EMPTY_INITIALIZER;
    const char *role = NULL;
    bool is_connected = false;
    char *copy, *line, *save = NULL;

    copy = xstrdup(text);
    for (line = strtok_r(copy, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        if (str_starts_with(line, "is_connected=")) {
            is_connected = !strcmp(line + strlen("is_connected="), "true");
        } else if (str_starts_with(line, "role=")) {
            role = line + strlen("role=");
        } else {
            ds_put_format(&rest, "%s\n", line);
        }
    }
    status_write_bool(c, "is_connected", is_connected);
    status_write_string(c, "role", role);
    status_write_string_map(c, "status", ds_cstr(&rest));
    free(copy);
    ds_destroy(&rest);
}

/* Writes the Controller rows of 'br' from connmgr's view, if it changed
 * since the last time. */
static void
br_write_controller_status(struct br *br)
{
    const struct ovsdb_idl_row *brow = bridge_get_row("Bridge", &br->uuid);
    const struct ovsdb_datum *refs;
    struct ds all = DS_EMPTY_INITIALIZER;
    struct ds *texts;
    size_t i;

    if (!brow || !br->ofproto->connmgr) {
        return;
    }
    refs = ovsdb_idl_get(brow, "controller");
    if (!refs || !refs->n) {
        return;
    }
    texts = xcalloc(refs->n, sizeof *texts);
    for (i = 0; i < refs->n; i++) {
        const struct ovsdb_idl_row *c
            = bridge_get_row("Controller", &refs->keys[i].uuid);

        ds_init(&texts[i]);
        if (c) {
            connmgr_get_controller_status(
                br->ofproto->connmgr, ovsdb_idl_get_string(c, "target", ""),
                &texts[i]);
        }
        ds_put_format(&all, UUID_FMT"\n%s", UUID_ARGS(&refs->keys[i].uuid),
                      ds_cstr(&texts[i]));
    }
    if (!br->controller_status
        || strcmp(br->controller_status, ds_cstr(&all))) {
        for (i = 0; i < refs->n; i++) {
            const struct ovsdb_idl_row *c
                = bridge_get_row("Controller", &refs->keys[i].uuid);

            if (c) {
                controller_write_status(c, ds_cstr(&texts[i]));
            }
        }
        free(br->controller_status);
        br->controller_status = ds_steal_cstr(&all);
    }
    for (i = 0; i < refs->n; i++) {
        ds_destroy(&texts[i]);
    }
    free(texts);
    ds_destroy(&all);
}

/* The transaction. */

/* Forgets what was written: the next pass writes everything. */
static void
bridge_status_invalidate(void)
{
    struct br *br;

    bridge_ctx.globals_written = false;
    bridge_ctx.written_cfg = -1;
    HMAP_FOR_EACH (br, node, &bridge_ctx.bridges) {
        struct iface *iface;

        br->written_dpid = 0;
        free(br->controller_status);
        br->controller_status = NULL;
        HMAP_FOR_EACH (iface, node, &br->ifaces) {
            memset(&iface->written, 0, sizeof iface->written);
            iface->status_due = true;
        }
    }
    bridge_ctx.status_due = true;
}

void
bridge_status_connection_lost(void)
{
    if (bridge_ctx.globals_written) {
        bridge_status_invalidate();
    }
}

/* Handles the final 'status' of the transaction in flight and frees
 * it. */
static void
bridge_status_txn_done(enum ovsdb_idl_txn_status status)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

    if (status != TXN_SUCCESS && status != TXN_UNCHANGED) {
        const char *error = ovsdb_idl_txn_get_error(bridge_ctx.status_txn);

        VLOG_WARN_RL(&rl, "writing status to the database failed: %s%s%s",
                     ovsdb_idl_txn_status_to_string(status),
                     error ? ": " : "", error ? error : "");
        bridge_status_invalidate();
    }
    ovsdb_idl_txn_destroy(bridge_ctx.status_txn);
    bridge_ctx.status_txn = NULL;
}

/* Fills the status transaction.  'full': device state and statistics of
 * every interface; 'light': the state ofproto keeps (link, admin, MAC) of
 * every interface; otherwise only what changed since the last time. */
static void
bridge_status_fill_txn(const struct ovsdb_idl_row *ovs, bool full,
                       bool light)
{
    struct br *br;

    if (ovs && !bridge_ctx.globals_written) {
        status_write_globals(ovs);
        bridge_ctx.globals_written = true;
    }
    HMAP_FOR_EACH (br, node, &bridge_ctx.bridges) {
        struct iface *iface;

        br_write_status(br);
        HMAP_FOR_EACH (iface, node, &br->ifaces) {
            if (full || light || iface->status_due
                || !iface->written.valid) {
                iface_write_status(iface, full || iface->status_due);
            }
        }
        if (full || bridge_ctx.status_due) {
            br_write_controller_status(br);
        }
    }
    if (ovs && bridge_ctx.applied_cfg
        && ovsdb_idl_get_integer(ovs, "cur_cfg", 0) != bridge_ctx.applied_cfg
        && bridge_ctx.written_cfg != bridge_ctx.applied_cfg) {
        status_write_int(ovs, "cur_cfg", bridge_ctx.applied_cfg, false);
        bridge_ctx.written_cfg = bridge_ctx.applied_cfg;
    }
}

void
bridge_status_run(void)
{
    const struct ovsdb_idl *idl = bridge_ctx.idl;
    long long int now = time_msec();
    enum ovsdb_idl_txn_status status;
    bool full, light;

    if (bridge_ctx.status_txn) {
        status = ovsdb_idl_txn_commit(bridge_ctx.status_txn);
        if (status == TXN_INCOMPLETE) {
            return;
        }
        bridge_status_txn_done(status);
    }
    if (!ovsdb_idl_is_connected(idl) || !ovsdb_idl_has_lock(idl)) {
        return;
    }
    full = now >= bridge_ctx.next_stats;
    light = now >= bridge_ctx.next_light;
    if (!full && !light && !bridge_ctx.status_due) {
        return;
    }
    if (full) {
        bridge_ctx.next_stats = now + BRIDGE_STATS_INTERVAL_MS;
    }
    if (full || light) {
        bridge_ctx.next_light = now + BRIDGE_LIGHT_INTERVAL_MS;
    }

    bridge_ctx.status_txn = ovsdb_idl_txn_create(bridge_ctx.idl);
    ovsdb_idl_txn_add_comment(bridge_ctx.status_txn,
                              "ovs-vswitchd: status update");
    bridge_status_fill_txn(bridge_get_ovs_row(), full, light);
    bridge_ctx.status_due = false;

    COVERAGE_INC(bridge_status_txn);
    status = ovsdb_idl_txn_commit(bridge_ctx.status_txn);
    if (status != TXN_INCOMPLETE) {
        bridge_status_txn_done(status);
    }
}

void
bridge_status_wait(void)
{
    if (bridge_ctx.status_txn) {
        /* The IDL wakes us when the reply arrives. */
        return;
    }
    if (bridge_ctx.status_due) {
        poll_immediate_wake();
    } else if (bridge_ctx.next_stats) {
        poll_timer_wait_until(MIN(bridge_ctx.next_stats,
                                  bridge_ctx.next_light));
    }
}
