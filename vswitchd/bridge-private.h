/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef VSWITCHD_BRIDGE_PRIVATE_H
#define VSWITCHD_BRIDGE_PRIVATE_H 1

/* Internals shared by bridge.c (configuration from the database) and
 * bridge-status.c (status written back to it).  See bridge.h. */

#include <stdbool.h>
#include <stdint.h>
#include "hmap.h"
#include "ofp-msgs.h"
#include "types.h"
#include "uuid.h"

struct ovsdb_idl;
struct ovsdb_idl_row;
struct ovsdb_idl_table;

/* What was last written to one Interface row, so that only changes are
 * written.  'valid' false means "unknown: write everything". */
struct iface_status {
    bool valid;
    bool device_valid;          /* 'ifindex', 'mtu' were computed. */
    int64_t ifindex;            /* -1: not written (column left alone). */
    int64_t mtu;                /* -1: not written. */
    char mac_in_use[18];        /* "" if none. */
    const char *link_state;     /* "up", "down" or NULL. */
    const char *admin_state;    /* "up", "down" or NULL. */
    bool has_error;             /* Interface:error set... */
    uint32_t error_hash;        /* ...to a string with this hash. */
    bool have_stats;
    struct ofp_port_stats stats;
};

/* One interface of a bridge, as configured. */
struct iface {
    struct hmap_node node;      /* In 'br->ifaces', by name. */
    struct br *br;
    char *name;
    struct uuid uuid;           /* Its Interface row. */
    char *type;                 /* Interface:type, "" for a system device. */
    char *options;              /* Interface:options, as "k=v,..." text. */
    int64_t ofport_request;     /* -1: none. */
    char *vlan;                 /* Port VLAN settings applied, as text. */

    ofp_port_t ofp_port;        /* OFPP_NONE: adding it failed. */
    char *error;                /* Why it failed (Interface:error), or
                                 * NULL. */
    bool status_due;            /* Status must be refreshed. */
    int offload;                /* dpif_set_offload_port() applied: 1, 0,
                                 * or -1 for the default (allowed). */
    struct iface_status written;
};

/* One bridge. */
struct br {
    struct hmap_node node;      /* In 'bridges', by name. */
    char *name;
    struct uuid uuid;           /* Its Bridge row. */
    char *type;                 /* Datapath type in use: "system"/"dummy". */
    struct ofproto *ofproto;
    struct hmap ifaces;         /* struct iface, by name. */
    struct hmap memory;         /* struct br_port_memory, by name. */

    /* Configuration applied, to notice changes. */
    char *fail_mode;
    char *controllers;
    char *dp_desc;
    char *hwaddr;
    uint64_t datapath_id;
    unsigned int mac_aging_time;    /* Seconds, 0 if not applied yet. */
    unsigned int mac_table_size;    /* 0 if not applied yet. */

    /* Status last written. */
    uint64_t written_dpid;      /* datapath_id; 0: not written. */
    char *controller_status;    /* Controller rows, as text; NULL: not
                                 * written. */
};

/* Everything about the daemon's view of the database. */
struct bridge_ctx {
    struct ovsdb_idl *idl;
    unsigned int idl_seqno;
    bool force_reconfigure;     /* Reconfigure even without a change. */
    bool dummy;                 /* --enable-dummy given. */
    bool dummy_override;        /* --enable-dummy=override. */
    struct hmap bridges;        /* struct br, by name. */

    int64_t applied_cfg;        /* next_cfg of the last reconfiguration. */
    int64_t written_cfg;        /* cur_cfg we last wrote, -1: none. */
    bool globals_written;       /* ovs_version, datapath_types, ... */
    bool status_due;            /* Something to write soon. */
    long long int next_stats;   /* When statistics are due. */
    long long int next_light;   /* When link/admin state is due. */
    struct ovsdb_idl_txn *status_txn;   /* In flight, or NULL. */

    uint64_t n_reconfigures;
};

extern struct bridge_ctx bridge_ctx;

/* bridge-status.c. */
void bridge_status_run(void);
void bridge_status_wait(void);
void bridge_status_connection_lost(void);

/* bridge.c helpers used by bridge-status.c. */
const struct ovsdb_idl_row *bridge_get_row(const char *table,
                                           const struct uuid *);
const struct ovsdb_idl_row *bridge_get_ovs_row(void);

#endif /* vswitchd/bridge-private.h */
