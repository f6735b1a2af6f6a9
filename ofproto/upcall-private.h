/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef UPCALL_PRIVATE_H
#define UPCALL_PRIVATE_H 1

/* Shared between upcall.c (upcall handling, life cycle, appctl) and
 * revalidate.c (flow dumps, statistics, idle expiry, flow limit).  Not a
 * contract: see upcall.h. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "datapath/dpif.h"
#include "hmap.h"
#include "list.h"
#include "match.h"
#include "netlink.h"
#include "types.h"

struct dpif_flow;
struct reval_op;
struct unixctl_conn;
struct xlate_out;

/* Upcalls handled per udpif_run(). */
#define UPCALL_BATCH 64

/* Revalidation interval and per-run time budget, in milliseconds. */
#define UDPIF_REVALIDATE_INTERVAL 500
#define UDPIF_RUN_BUDGET 10

/* Idle time used while the datapath holds more flows than the limit. */
#define UDPIF_MIN_MAX_IDLE 100

#define UDPIF_DEFAULT_FLOW_LIMIT 200000
#define UDPIF_DEFAULT_MAX_IDLE 10000

/* What userspace knows of one datapath flow it installed or adopted. */
struct ukey {
    struct hmap_node hmap_node;     /* In udpif->ukeys, by ufid. */
    ovs_u128 ufid;
    bool ufid_present;              /* False: name the flow by 'match'. */
    struct match match;             /* The megaflow (masked key, mask). */
    void *actions;                  /* Installed datapath actions. */
    size_t actions_len;
    uint64_t reval_seq;             /* ofproto_revalidate_seq() when the
                                     * actions were last known right. */
    struct dpif_flow_stats stats;   /* Already credited to the rules. */
    long long created;              /* time_msec(). */
    long long used;                 /* Last use seen, or 'created'. */
    uint64_t seen_pass;             /* Last pass that saw (or made) it. */
    uint64_t batch;                 /* Last upcall batch that put it. */
};

/* A pending revalidator/wait request. */
struct udpif_waiter {
    struct unixctl_conn *conn;
    uint64_t target;                /* Reply once 'n_passes' reaches it. */
};

struct udpif {
    struct ovs_list list_node;      /* In the list of all udpifs. */
    struct dpif *dpif;
    struct hmap ukeys;              /* struct ukey, by ufid. */

    /* Upcall handling. */
    struct nl_buf bufs[UPCALL_BATCH];   /* One per upcall of a batch. */
    uint64_t batch_no;
    bool recv_enabled;
    uint64_t n_upcalls;             /* Statistics for upcall/show. */
    uint64_t n_upcall_errors;

    /* Configuration. */
    unsigned int flow_limit;
    unsigned int max_idle;

    /* Revalidation. */
    struct dpif_flow_dump *dump;    /* The pass in progress, or NULL. */
    uint64_t pass_no;               /* Passes started. */
    uint64_t n_passes;              /* Passes completed. */
    uint64_t pass_seq;              /* Revalidation seq of this pass. */
    uint64_t last_seq;              /* Seq of the last pass started. */
    long long pass_start;           /* time_msec() at its start. */
    long long next_pass;            /* When the next one is due. */
    unsigned int pass_max_idle;     /* Idle limit in this pass. */
    bool pass_force;                /* Start one at once. */
    size_t pass_flows;              /* Flows the pass has seen. */
    struct reval_op *rops;          /* Batched deletes and modifies. */
    size_t n_rops;

    /* upcall/show. */
    uint64_t flows_avg, flows_max;
    long long dump_duration;

    struct udpif_waiter *waiters;
    size_t n_waiters, allocated_waiters;
};

/* upcall.c. */
struct ukey *udpif_ukey_find(const struct udpif *, const ovs_u128 *ufid);
struct ukey *udpif_ukey_create(struct udpif *, const ovs_u128 *ufid,
                               bool ufid_present, const struct match *,
                               const void *actions, size_t actions_len);
void udpif_ukey_delete(struct udpif *, struct ukey *);
void udpif_megaflow(const struct flow *, const struct flow_wildcards *,
                    struct match *, ovs_u128 *ufid);
void udpif_flow_actions(struct udpif *, const struct flow *,
                        const struct xlate_out *, struct nl_buf *);
void udpif_credit(const struct match *, const struct dpif_flow_stats *delta,
                  bool may_learn);
struct ovs_list *udpif_all(void);

/* revalidate.c. */
void udpif_revalidate_run(struct udpif *, long long deadline);
void udpif_revalidate_wait(struct udpif *);
void udpif_revalidate_stop(struct udpif *);
void udpif_reply_waiters(struct udpif *);
void udpif_flow_stats_delta(const struct dpif_flow_stats *now,
                            const struct dpif_flow_stats *pushed,
                            struct dpif_flow_stats *delta);

#endif /* upcall-private.h */
