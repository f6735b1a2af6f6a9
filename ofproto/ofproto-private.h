/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OFPROTO_PRIVATE_H
#define OFPROTO_PRIVATE_H 1

/* Shared between ofproto.c (bridges, datapaths, ports), ofproto-flow.c
 * (flow tables), ofproto-of.c (OpenFlow messages) and ofproto-appctl.c.
 * Not a contract: see ofproto.h. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ofproto.h"
#include "ofp-flow.h"
#include "util.h"

struct backer;
struct ds;
struct ofpbuf;

/* A bridge with the members only the ofproto files see. */
struct ofproto_priv {
    struct ofproto up;
    enum ofproto_fail_mode fail_mode;
    struct backer *backer;      /* NULL for "dummy". */
    size_t n_timed;             /* Rules with an idle or hard timeout. */
    long long next_expiry;      /* Lower bound of the next expiry. */
    long long next_port_poll;   /* Next time to poll device state. */
};

static inline struct ofproto_priv *
ofproto_priv(const struct ofproto *ofproto)
{
    return CONTAINER_OF(ofproto, struct ofproto_priv, up);
}

/* A port with the members only the ofproto files see. */
struct ofport_priv {
    struct ofport up;
    struct hmap_node odp_node;  /* In the global map by odp_port, if the
                                 * port has one. */
};

static inline struct ofport_priv *
ofport_priv(const struct ofport *ofport)
{
    return CONTAINER_OF(ofport, struct ofport_priv, up);
}

/* Which rules a flow mod (modify, delete) or a statistics request
 * selects. */
struct rule_criteria {
    const struct match *match;
    int priority;               /* For 'strict'. */
    bool strict;
    uint8_t table_id;           /* OFPTT_ALL: every table. */
    uint64_t cookie, cookie_mask;
    ofp_port_t out_port;        /* OFPP_NONE: any. */
    uint32_t out_group;         /* OFPG_ANY: any. */
    bool include_hidden;
};

/* A growable array of rules. */
struct rule_list {
    struct rule **rules;
    size_t n, allocated;
};

void rule_list_init(struct rule_list *);
void rule_list_destroy(struct rule_list *);

/* ofproto-flow.c. */
void ofproto_tables_init(struct ofproto *);
void ofproto_tables_destroy(struct ofproto *);
/* Appends to 'out' the rules visible now that 'crit' selects. */
void ofproto_collect_rules(const struct ofproto *,
                           const struct rule_criteria *,
                           struct rule_list *out);
/* Expires the rules whose idle or hard timeout has passed at 'now',
 * sending FLOW_REMOVED where asked. */
void ofproto_expire_rules(struct ofproto *, long long now);
/* The time of the next expiry, or LLONG_MAX. */
long long ofproto_next_expiry(const struct ofproto *);
/* Number of rules visible now in table 'table_id' (hidden included). */
size_t ofproto_table_count(const struct ofproto *, uint8_t table_id);
/* Appends a dump-flows line for 'rule' (without newline). */
void ofproto_format_rule(const struct rule *, long long now, struct ds *);
/* Fills 'fs' (its 'ofpacts' is a shallow copy: do not uninit it). */
void ofproto_rule_to_stats(const struct rule *, long long now,
                           struct ofp_flow_stats *fs);
/* Adds "priority=0,actions=NORMAL" to table 0. */
void ofproto_add_default_flow(struct ofproto *);
/* Checks an action list for a flow in 'table_id'. */
enum ofperr ofproto_check_ofpacts(const struct ofproto *,
                                  const struct ofpacts *, uint8_t table_id);

/* ofproto.c. */
void ofproto_port_status_changed(struct ofproto *, struct ofport *,
                                 uint8_t reason);
int ofproto_port_set_config(struct ofproto *, struct ofport *,
                            uint32_t config, uint32_t mask);
enum ofproto_fail_mode ofproto_get_fail_mode(const struct ofproto *);
/* Number of ports of 'ofproto'. */
size_t ofproto_n_ports(const struct ofproto *);
/* Stores in '*ports' a malloc()'d array of the OpenFlow descriptions of
 * the ports of 'ofproto', in port number order (LOCAL last). */
void ofproto_get_port_descs(const struct ofproto *, struct ofp_port **ports,
                            size_t *n);
/* Ports in port number order, LOCAL last (malloc()'d array). */

/* Runs the PACKET_OUT action list 'ofpacts' on the 'len'-byte 'packet'
 * as if it had come in on 'in_port', through translation and the
 * datapath.  Returns 0 or an OpenFlow error. */
enum ofperr ofproto_execute_packet_out(struct ofproto *, ofp_port_t in_port,
                                       const struct ofpacts *,
                                       const void *packet, size_t len);

/* ofproto-appctl.c. */
void ofproto_appctl_init(void);

/* ofproto-of.c: multipart replies longer than this go in several
 * messages. */
#define OFPROTO_MAX_MSG_LEN 65535

#endif /* ofproto-private.h */
