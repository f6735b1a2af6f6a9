/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef XLATE_PRIVATE_H
#define XLATE_PRIVATE_H 1

/* Internals shared by xlate.c (entry point, ports, tunnels, committing
 * header changes to datapath actions), xlate-actions.c (the OpenFlow
 * actions), xlate-normal.c (NORMAL) and xlate-trace.c (ofproto/trace). */

#include <stdbool.h>
#include <stdint.h>
#include "flow.h"
#include "ofp-actions.h"
#include "types.h"
#include "xlate.h"

struct ofport;
struct rule;

#define XLATE_MAX_DEPTH 64
#define XLATE_MAX_RESUBMITS (XLATE_MAX_DEPTH * XLATE_MAX_DEPTH)

/* One translation in progress. */
struct xlate_ctx {
    const struct xlate_in *xin;
    struct xlate_out *xout;
    struct flow_wildcards *wc;  /* &xout->wc, OpenFlow view until the end. */

    struct ofproto *ofproto;    /* The bridge translating now. */
    struct flow flow;           /* The packet as OpenFlow sees it now
                                 * (in_port is an OpenFlow port). */
    struct flow base;           /* The packet as the datapath actions
                                 * emitted so far leave it. */

    int depth;                  /* Resubmit, goto_table, patch nesting. */
    uint8_t table_id;           /* Table of the current rule. */
    struct rule *rule;          /* Current rule, NULL if none. */
    int n_lookups;              /* Table lookups so far. */
    bool exit;                  /* Stop translating altogether. */
    int error;                  /* ELOOP: over XLATE_MAX_DEPTH; E2BIG: over
                                 * XLATE_MAX_RESUBMITS.  Result: drop. */

    struct ofpacts action_set;  /* OpenFlow 1.1+ action set. */

    struct ds *trace;           /* xin->trace. */
    int indent;                 /* Trace: indentation of the current
                                 * bridge's section (table lines; actions
                                 * and notes go 4 further). */
    bool in_normal;             /* Translating NORMAL's outputs. */
};

/* xlate.c.  xlate_trace() appends a note at action level. */
void xlate_table(struct xlate_ctx *, uint8_t table_id, bool nest);
void xlate_output(struct xlate_ctx *, ofp_port_t, uint16_t max_len,
                  bool may_be_in_port);
void xlate_commit(struct xlate_ctx *);
void xlate_controller(struct xlate_ctx *, uint16_t max_len, uint8_t reason,
                      uint16_t controller_id);
void xlate_trace(struct xlate_ctx *, const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3);
int xlate_run(struct xlate_ctx *, struct ofproto *, ofp_port_t in_port);

/* xlate-actions.c. */
void xlate_do_actions(struct xlate_ctx *, const struct ofpact *, size_t n);

/* xlate-packet.c. */
void *xlate_packet_rewrite(const void *packet, size_t len,
                           const struct flow *old, const struct flow *new,
                           size_t *lenp);

/* xlate-normal.c. */
void xlate_normal(struct xlate_ctx *);
bool xlate_port_has_vlan(const struct ofport *, int vlan);

/* xlate-trace.c: "ofproto/trace" with 'argc' arguments 'argv' (argv[0]
 * the command name) appended to 'out'; returns NULL or an error message
 * (the caller frees it). */
char *xlate_trace_command(int argc, const char *argv[], struct ds *out);

/* Translates from a known bridge and OpenFlow input port, for
 * ofproto/trace: 'xin->flow.in_port' is ignored.  Otherwise like
 * xlate_actions(), but returns ELOOP if the translation went too deep or
 * E2BIG if it did too many resubmits, and
 * stores the flow as OpenFlow sees it at the end in '*final' (if
 * nonnull). */
int xlate_actions_from_ofp(const struct xlate_in *, struct ofproto *,
                           ofp_port_t in_port, struct xlate_out *,
                           struct flow *final);

#endif /* xlate-private.h */
