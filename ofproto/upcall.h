/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef UPCALL_H
#define UPCALL_H 1

/* Upcall handling and revalidation for one datapath (a "udpif").
 *
 * Handling: a miss upcall's key becomes a struct flow, xlate_actions()
 * gives datapath actions and the megaflow mask, and the megaflow is
 * installed with dpif_flow_put() under a UFID (dpif_flow_hash() of the
 * masked key) before the packet is executed with the same actions.  Each
 * installed flow has a "ukey" remembering its match, actions, and the
 * statistics already credited.  Action upcalls (slow-path flows, e.g. to
 * the controller) are translated with the packet to produce packet-ins.
 *
 * Revalidation: every 500 ms, and at once when ofproto_revalidate_seq()
 * changes, the datapath's flows are dumped; each flow's new statistics
 * are pushed into the OpenFlow rules it went through (xlate with
 * n_packets/n_bytes), flows idle longer than other_config:max-idle
 * (default 10000 ms) are deleted, and, if the revalidation sequence
 * changed since the flow was installed, it is re-translated and modified
 * or deleted when its actions or mask no longer hold.  The number of
 * flows is kept under other_config:flow-limit (default 200000).
 *
 * Both run in bounded batches from udpif_run() in the main thread
 * (ofproto.h, "Threading").  Flows already in the datapath when the
 * udpif starts are kept: the first revalidation re-translates them and
 * keeps those still right (so a restart does not flush live traffic).
 *
 * Appctl: upcall/show, revalidator/wait, revalidator/purge,
 * dpif/dump-flows. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dpif;
struct ds;

struct udpif *udpif_create(struct dpif *);
void udpif_destroy(struct udpif *);
void udpif_run(struct udpif *);
void udpif_wait(struct udpif *);

void udpif_set_flow_limit(struct udpif *, unsigned int flow_limit);
void udpif_set_max_idle(struct udpif *, unsigned int max_idle_ms);

/* Deletes every datapath flow of the udpif (revalidator/purge). */
void udpif_purge(struct udpif *);
/* Flows that belonged to a bridge being destroyed or a port deleted go at
 * the next revalidation; this forces one now. */
void udpif_revalidate_now(struct udpif *);

void udpif_init(void);          /* Registers the appctl commands. */

#endif /* upcall.h */
