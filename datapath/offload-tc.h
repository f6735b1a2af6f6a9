/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OFFLOAD_TC_H
#define OFFLOAD_TC_H 1

/* The TC flower engine's translation step (offload-tc-xlate.c), shared
 * with the placement code (offload-tc.c) and the unit tests: a datapath
 * flow (struct match and OVS_ACTION_ATTR_* actions) to a struct tc_flower,
 * or a precise refusal. */

#include <net/if.h>
#include <stdbool.h>
#include "offload-provider.h"
#include "tc.h"
#include "types.h"

struct match;

/* What translation needs to know of a datapath port. */
enum offload_tc_port_kind {
    OFFLOAD_TC_PORT_NETDEV,     /* An ordinary network device. */
    OFFLOAD_TC_PORT_INTERNAL,   /* An internal port (ingress redirect). */
    OFFLOAD_TC_PORT_TUNNEL      /* A metadata-mode tunnel device. */
};

struct offload_tc_port {
    odp_port_t port_no;
    char name[IFNAMSIZ];
    uint32_t ifindex;
    enum offload_tc_port_kind kind;
    bool excluded;              /* other_config:hw-offload=false. */
};

/* Returns the port 'port_no', or NULL if there is none. */
typedef const struct offload_tc_port *offload_tc_port_func(
    void *aux, odp_port_t port_no);

/* What the running kernel supports (the engine's probes). */
struct offload_tc_caps {
    bool enc_flags;             /* TCA_FLOWER_KEY_ENC_FLAGS. */
    bool enc_opts;              /* Geneve options match. */
    bool ct_state;              /* TCA_FLOWER_KEY_CT_*. */
    bool no_frag;               /* tunnel_key set no_frag. */
    bool recirc;                /* Chains shared with the kernel datapath
                                 * (OVS_DP_F_TC_RECIRC_SHARING). */
};

/* Translates the flow 'match' with the 'actions_len' bytes of 'actions'
 * into 'flower' (zeroed first): its keys and masks, actions, and in
 * 'flower->id' the device (ifindex), chain and protocol; prio, handle,
 * flags and cookie are the caller's.  Returns 0, or OFFLOAD_R_* other than
 * NONE with a malloc()'d explanation in '*msgp' naming the field or
 * action. */
enum offload_reason offload_tc_xlate(const struct match *match,
                                     const void *actions, size_t actions_len,
                                     offload_tc_port_func *ports, void *aux,
                                     const struct offload_tc_caps *caps,
                                     struct tc_flower *flower, char **msgp);

#endif /* offload-tc.h */
