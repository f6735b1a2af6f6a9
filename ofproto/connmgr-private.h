/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef CONNMGR_PRIVATE_H
#define CONNMGR_PRIVATE_H 1

/* Internals shared by connmgr.c (connections) and connmgr-bundle.c
 * (OpenFlow bundles).  Nothing outside connmgr-*.c includes this. */

#include <stdbool.h>
#include <stdint.h>
#include "connmgr.h"
#include "list.h"
#include "ofp-flow.h"

struct reconnect;
struct vconn;

enum ofconn_type {
    OFCONN_MGMT,                /* Accepted on the management socket. */
    OFCONN_PASSIVE,             /* Accepted on a "p*:" Controller target. */
    OFCONN_ACTIVE,              /* An active Controller target ("tcp:"...);
                                 * outlives its vconns. */
};

struct ofconn {
    struct ovs_list node;       /* In connmgr's 'conns'. */
    struct connmgr *mgr;
    struct ofservice *svc;      /* NULL for OFCONN_MGMT. */
    enum ofconn_type type;
    char *name;                 /* For log messages. */

    struct vconn *vconn;        /* NULL while OFCONN_ACTIVE is down. */
    bool negotiated;            /* HELLO exchange complete. */
    uint8_t version;            /* Negotiated version. */
    struct reconnect *rc;       /* OFCONN_ACTIVE only: backoff. */

    /* Keepalive. */
    int probe_interval;         /* msec, 0 for none. */
    long long last_rx;          /* time_msec() of the last message. */
    bool probe_sent;            /* Echo request outstanding. */

    /* Settings a controller changes. */
    enum ofp_protocol protocol;
    bool table_id_ext;
    uint16_t miss_send_len;
    uint32_t role;              /* OFPCR_ROLE_*. */

    /* Packet-in token bucket ('rate' 0: unlimited). */
    int rate, burst;
    long long tb_tokens;        /* In 1/1000 packet. */
    long long tb_last;
    uint64_t n_pin_sent, n_pin_dropped;

    /* Status. */
    long long connected_at;     /* LLONG_MIN if never. */
    long long disconnected_at;  /* LLONG_MIN if never. */
    int last_error;

    struct ovs_list bundles;    /* struct ofconn_bundle. */
};

/* connmgr-bundle.c. */
enum ofperr connmgr_bundle_control(struct ofconn *, const struct ofpbuf *);
enum ofperr connmgr_bundle_add(struct ofconn *, const struct ofpbuf *);
void connmgr_bundles_expire(struct ofconn *, long long now);
void connmgr_bundles_clear(struct ofconn *);
long long connmgr_bundles_next_expiry(const struct ofconn *);
struct ofproto *connmgr_get_ofproto__(const struct ofconn *);

#define CONNMGR_BUNDLE_IDLE_TIMEOUT 10000   /* msec, as stock. */

#endif /* connmgr-private.h */
