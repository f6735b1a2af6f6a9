/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef DPIF_NETLINK_H
#define DPIF_NETLINK_H 1

/* Internals of the kernel datapath provider, shared by dpif-netlink.c
 * (datapaths, ports, flows, execute) and dpif-netlink-upcall.c (upcall
 * channels and their reception).  Not for use outside datapath/. */

#include <stdbool.h>
#include <stdint.h>
#include <linux/openvswitch.h>
#include "dpif-provider.h"

struct nl_buf;
struct nl_error;
struct nln_socket;

struct dpif_netlink {
    struct dpif up;
    struct nln_socket *sock;        /* Requests and replies. */
    int dp_ifindex;

    /* Generic netlink family ids, resolved at open. */
    uint16_t dp_family;
    uint16_t vport_family;
    uint16_t flow_family;
    uint16_t packet_family;

    /* Features, probed at open. */
    uint32_t user_features;         /* OVS_DP_F_* set on the datapath. */
    bool per_cpu_offered;
    bool vport_pids_offered;
    bool unaligned_offered;
    bool tc_recirc_offered;
    bool masks_cache_offered;

    /* Upcalls. */
    enum dpif_upcall_dispatch dispatch_req; /* What the client asked. */
    enum dpif_upcall_dispatch dispatch;     /* In use while receiving. */
    bool recv_enabled;
    uint32_t n_handlers;            /* Channels wanted (1 by default). */
    struct nln_socket **handlers;   /* 'n_handlers' channels, or NULL. */
    uint32_t n_open_handlers;       /* Channels in 'handlers'. */
};

struct dpif_netlink *dpif_netlink_cast(const struct dpif *);

/* Starts a generic netlink request of 'family'/'cmd' to 'dp' in 'buf'. */
void dpif_netlink_put_header(const struct dpif_netlink *dp,
                             struct nl_buf *buf, uint16_t family,
                             uint8_t cmd, uint16_t flags);

/* Sends 'request' and waits for its ack (and, if 'reply' is nonnull, its
 * reply), recording the kernel's explanation of a failure in the dpif. */
int dpif_netlink_transact(struct dpif_netlink *dp, struct nl_buf *request,
                          struct nl_buf *reply);

/* Returns a malloc()'d operator's text for 'err' (its extended-ack message,
 * or where the kernel pointed), or NULL if the kernel said nothing. */
char *dpif_netlink_error_text(const struct nl_error *err);

/* Sets the user features and, when 'pids' is nonnull, the per-CPU upcall
 * pids of the datapath. */
int dpif_netlink_set_dp(struct dpif_netlink *dp, uint32_t user_features,
                        const uint32_t *pids, size_t n_pids);

/* Sets the upcall pids of vport 'port_no'. */
int dpif_netlink_set_vport_pids(struct dpif_netlink *dp, odp_port_t port_no,
                                const uint32_t *pids, size_t n_pids);

/* Fills 'pids' (room for max(1, n_handlers)) with the pids a vport should
 * get now and returns how many. */
size_t dpif_netlink_vport_pids(const struct dpif_netlink *dp,
                               uint32_t *pids);

/* Upcall channels (dpif-netlink-upcall.c). */
int dpif_netlink_set_upcall_dispatch(struct dpif *,
                                     enum dpif_upcall_dispatch);
int dpif_netlink_recv_set(struct dpif *, bool enable);
int dpif_netlink_handlers_set(struct dpif *, uint32_t n_handlers);
int dpif_netlink_recv(struct dpif *, uint32_t handler_id,
                      struct dpif_upcall *, struct nl_buf *buffer);
void dpif_netlink_recv_wait(struct dpif *, uint32_t handler_id);
void dpif_netlink_recv_purge(struct dpif *);
uint32_t dpif_netlink_port_get_pid(struct dpif *, odp_port_t port_no);
void dpif_netlink_close_channels(struct dpif_netlink *dp);

#endif /* dpif-netlink.h */
