/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OFPROTO_H
#define OFPROTO_H 1

/* ofproto: one OpenFlow switch (a bridge): its ports, its flow tables,
 * its OpenFlow connections (through connmgr.h) and the link to the
 * datapath that forwards for it.
 *
 * Datapaths.  Every bridge of datapath type "system" (or "") shares one
 * kernel datapath, "ovs-system", opened through dpif.h on the first
 * ofproto_create() of that type and closed with the last bridge; its
 * upcall handling and revalidation (upcall.h) run from ofproto_type_run().
 * Datapath type "dummy" has no datapath at all: ports exist only in
 * OpenFlow (their odp_port is ODPP_NONE) and nothing forwards, which is
 * enough for the OpenFlow tables, connections and tools on a host without
 * openvswitch.ko.
 *
 * Threading.  Everything here runs in the daemon's main thread; there are
 * no locks.  Upcall handling and revalidation are bounded batches in
 * ofproto_type_run(), so OpenFlow, the database and appctl stay responsive
 * during an upcall storm.
 *
 * Flow tables.  OFPROTO_N_TABLES tables, each a classifier.  Flow mods
 * apply at version 'tables_version' + 1 and are then published, so a
 * lookup never sees half of a flow mod.  Every change to the tables, the
 * ports or their configuration calls ofproto_need_revalidate().
 *
 * Errors: 0 or a positive errno; OpenFlow-level failures are enum ofperr. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "classifier.h"
#include "flow.h"
#include "hmap.h"
#include "list.h"
#include "ofp-actions.h"
#include "ofp-errors.h"
#include "ofp-msgs.h"
#include "packets.h"
#include "types.h"

struct connmgr;
struct dpif;
struct ds;
struct mac_learning;
struct ofconn;
struct ofp_flow_mod;
struct ofp_packet_in;

#define OFPROTO_N_TABLES 254    /* Tables 0..253, as stock. */

/* Global setup: registers the ofproto appctl commands (bridge/dump-flows,
 * dpif/show, dpif/dump-flows, and those of xlate.h and upcall.h). */
void ofproto_init(void);

/* A rule in a flow table.  Owned by the ofproto. */
struct rule {
    struct cls_rule cr;         /* In ofproto->tables[table_id]. */
    struct ofproto *ofproto;
    uint8_t table_id;
    uint64_t cookie;
    uint16_t idle_timeout, hard_timeout;
    uint16_t flags;             /* OFPFF_*. */
    long long created;          /* time_msec() when added. */
    long long modified;         /* time_msec() when last added/modified. */
    long long used;             /* time_msec() of last packet, or created. */
    uint64_t packet_count, byte_count;
    struct ofpacts ofpacts;
    bool hidden;                /* Priority above 65535: internal rule
                                 * (fail-open), not shown by dump-flows. */
};

/* Tunnel configuration of a tunnel port, from Interface options. */
struct ofport_tunnel {
    ovs_be32 remote_ip, local_ip;   /* 0 if "flow" or not given. */
    bool remote_ip_flow, local_ip_flow;
    ovs_be64 in_key, out_key;       /* options:key (or in_key/out_key). */
    bool in_key_flow, out_key_flow; /* key=flow. */
    bool in_key_present, out_key_present;
    uint16_t dst_port;          /* Host order; default per type. */
    uint8_t tos;                /* options:tos, 0 = inherit from inner. */
    bool tos_inherit;
    uint8_t ttl;                /* options:ttl, default 64. */
    bool csum;                  /* options:csum. */
    bool dont_fragment;         /* options:df_default, default true. */
};

enum ofport_vlan_mode {
    OFPORT_VLAN_TRUNK,          /* Default without 'tag'. */
    OFPORT_VLAN_ACCESS,         /* Default with 'tag'. */
    OFPORT_VLAN_NATIVE_TAGGED,
    OFPORT_VLAN_NATIVE_UNTAGGED,
};

/* A port.  Read-only outside ofproto.c. */
struct ofport {
    struct hmap_node hmap_node;     /* In ofproto->ports, by ofp_port. */
    struct ofproto *ofproto;
    ofp_port_t ofp_port;
    odp_port_t odp_port;        /* ODPP_NONE: patch ports, "dummy". */
    char *name;                 /* Interface name. */
    char *type;                 /* "system", "internal", "tap", "patch",
                                 * "vxlan", "gre", "geneve". */
    struct ofp_port pp;         /* OpenFlow description (config, state,
                                 * hw_addr, speeds). */
    bool is_tunnel;
    struct ofport_tunnel tunnel;    /* If 'is_tunnel'. */
    char *peer;                 /* Patch ports: options:peer. */

    /* VLAN configuration of the Port (bundle) this interface belongs to,
     * for NORMAL. */
    enum ofport_vlan_mode vlan_mode;
    int tag;                    /* -1: none. */
    unsigned long *trunks;      /* 4096-bit bitmap, NULL = all VLANs. */

    long long created;          /* time_msec(). */
};

/* One bridge. */
struct ofproto {
    struct hmap_node hmap_node;     /* In the global list, by name. */
    char *name;
    char *type;                 /* "system" or "dummy". */
    uint64_t datapath_id;
    struct dpif *dpif;          /* Shared backer; NULL for "dummy". */
    struct hmap ports;          /* struct ofport, by ofp_port. */
    struct classifier tables[OFPROTO_N_TABLES];
    uint64_t table_lookups[OFPROTO_N_TABLES];
    uint64_t table_matches[OFPROTO_N_TABLES];
    ovs_version_t tables_version;   /* Lookups use this. */
    struct connmgr *connmgr;
    struct mac_learning *ml;    /* For NORMAL (mac-learning.h). */
    uint16_t frag_handling;     /* OFPC_FRAG_*. */
    uint16_t miss_send_len;
    char *dp_desc;              /* other_config:dp-desc. */
};

/* Creates the bridge 'name' on a datapath of 'datapath_type' ("system",
 * "" or "dummy"), with its LOCAL port (an internal device named 'name',
 * OFPP_LOCAL), its management socket punix:<rundir>/<name>.mgmt, and,
 * unless fail_mode is later set to secure, the default flow
 * "priority=0,actions=NORMAL" in table 0. */
int ofproto_create(const char *name, const char *datapath_type,
                   struct ofproto **ofprotop);
/* Destroys 'ofproto': its ports leave the datapath (and internal devices
 * disappear), its connections close, its datapath flows go. */
void ofproto_destroy(struct ofproto *);
/* Like ofproto_destroy(), but leaves the datapath side alone: the ports
 * stay in the kernel datapath with their numbers and the datapath flows
 * stay installed (daemon exit without --cleanup).  A later
 * ofproto_create() and ofproto_port_add() of the same names adopt them. */
void ofproto_destroy_keep_datapath(struct ofproto *);
struct ofproto *ofproto_lookup(const char *name);
/* Iteration over all bridges. */
struct ofproto *ofproto_first(void);
struct ofproto *ofproto_next(const struct ofproto *);

/* Main loop: OpenFlow connections, rule expiry, port status. */
void ofproto_run(struct ofproto *);
void ofproto_wait(struct ofproto *);
/* Per datapath type: upcalls, revalidation (upcall.h). */
void ofproto_type_run(const char *datapath_type);
void ofproto_type_wait(const char *datapath_type);
/* The shared datapath of 'datapath_type', NULL if none is open. */
struct dpif *ofproto_type_get_dpif(const char *datapath_type);
/* Open_vSwitch other_config:flow-limit and max-idle, for every datapath's
 * udpif, now and later. */
void ofproto_set_flow_limit(unsigned int flow_limit);
void ofproto_set_max_idle(unsigned int max_idle_ms);

/* Configuration from the database. */
void ofproto_set_datapath_id(struct ofproto *, uint64_t);
void ofproto_set_dp_desc(struct ofproto *, const char *);

enum ofproto_fail_mode {
    OFPROTO_FAIL_STANDALONE,    /* Default: NORMAL when no controller. */
    OFPROTO_FAIL_SECURE,
};
void ofproto_set_fail_mode(struct ofproto *, enum ofproto_fail_mode);

/* A controller or listener from the Controller table. */
struct ofproto_controller {
    const char *target;         /* "tcp:IP[:PORT]", "ssl:...", "unix:...",
                                 * "ptcp:...", "pssl:...", "punix:...". */
    int max_backoff;            /* msec, 0 = default 8000. */
    int probe_interval;         /* msec, 0 = default 5000, -1 disabled. */
    int rate_limit;             /* packet-ins per second, 0 = none. */
    int burst_limit;            /* 0 = rate_limit / 4, at least 1. */
};
void ofproto_set_controllers(struct ofproto *,
                             const struct ofproto_controller *, size_t n);

/* Ports.  'options' are the Interface's options column. */
struct ofproto_port_spec {
    const char *name;
    const char *type;           /* "" means "system". */
    ofp_port_t ofp_port;        /* Wanted number (ofport_request, or the
                                 * number the port had before); OFPP_NONE:
                                 * the lowest free one. */
    const char *const *option_keys;
    const char *const *option_values;
    size_t n_options;
};
/* Adds a port.  On failure returns an errno and sets '*errp' to a
 * human-readable reason for Interface:error (caller frees). */
int ofproto_port_add(struct ofproto *, const struct ofproto_port_spec *,
                     ofp_port_t *ofp_portp, char **errp);
int ofproto_port_del(struct ofproto *, ofp_port_t);
struct ofport *ofproto_get_port(const struct ofproto *, ofp_port_t);
struct ofport *ofproto_get_port_by_name(const struct ofproto *,
                                        const char *name);
/* The ports of 'ofproto' in increasing OpenFlow port number order, in an
 * array of '*n' the caller frees (so that flooding and listings are
 * deterministic). */
struct ofport **ofproto_sorted_ports(const struct ofproto *, size_t *n);
void ofproto_port_set_vlan(struct ofproto *, ofp_port_t,
                           enum ofport_vlan_mode, int tag,
                           const unsigned long *trunks);
/* Interface statistics for the database and OpenFlow port stats. */
int ofproto_port_get_stats(const struct ofport *, struct ofp_port_stats *);

/* The bridge and port that the datapath's 'odp_port' belongs to.  For a
 * shared tunnel vport the tunnel metadata 'tnl' (remote = tnl->ip_src,
 * local = tnl->ip_dst, key = tnl->tun_id) picks the OpenFlow tunnel port,
 * with exact matches preferred over "flow" ones.  Returns false if there
 * is none. */
bool ofproto_port_from_odp(odp_port_t odp_port, const struct flow_tnl *tnl,
                           struct ofproto **ofprotop, ofp_port_t *ofp_portp);

/* Flow tables. */

/* Executes a flow mod from a controller or internally ('ofconn' NULL).
 * Sends FLOW_REMOVED messages for deleted rules with SEND_FLOW_REM. */
enum ofperr ofproto_flow_mod(struct ofproto *, const struct ofp_flow_mod *,
                             struct ofconn *);
/* Executes the 'n' flow mods in 'fms' as one transaction (an OpenFlow
 * bundle commit): all of them at one new version, or, if one fails, none;
 * '*failed' is then the index of the one that failed. */
enum ofperr ofproto_flow_mod_batch(struct ofproto *,
                                   const struct ofp_flow_mod *fms, size_t n,
                                   struct ofconn *, size_t *failed);
/* The rule 'flow' hits in table 'table_id' at the current version, ORing
 * into 'wc' (may be NULL) the bits consulted; counts a lookup and, on a
 * hit, a match for table statistics. */
struct rule *ofproto_rule_lookup(struct ofproto *, uint8_t table_id,
                                 const struct flow *,
                                 struct flow_wildcards *wc);
/* Credits 'rule' with traffic seen by the datapath. */
void ofproto_rule_credit(struct rule *, uint64_t packets, uint64_t bytes,
                         long long used);
/* Adds or removes an internal rule (priority > 65535, hidden from
 * dump-flows; used for fail-open). */
void ofproto_add_hidden_flow(struct ofproto *, const struct match *,
                             int priority, const struct ofpacts *);
void ofproto_delete_hidden_flow(struct ofproto *, const struct match *,
                                int priority);

/* Handles one OpenFlow message received on 'ofconn' after the HELLO
 * exchange (connmgr answers HELLO and ECHO_REQUEST itself).  Returns 0 or
 * the error connmgr sends back in an ERROR message. */
enum ofperr ofproto_handle_openflow(struct ofproto *, struct ofconn *,
                                    const struct ofpbuf *msg);

/* Sends 'pin' to the bridge's controllers (connmgr applies roles,
 * miss_send_len and rate limits). */
void ofproto_send_packet_in(struct ofproto *, const struct ofp_packet_in *);

/* Revalidation.  Anything that may change how a packet is translated
 * (flow tables, ports, port configuration, MAC learning table) calls
 * this; the revalidators re-translate every datapath flow once they see
 * the sequence number change. */
void ofproto_need_revalidate(void);
uint64_t ofproto_revalidate_seq(void);

#endif /* ofproto.h */
