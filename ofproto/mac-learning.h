/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef MAC_LEARNING_H
#define MAC_LEARNING_H 1

/* The MAC learning table NORMAL uses: (VLAN, MAC) -> OpenFlow port, with
 * aging (Bridge other_config:mac-aging-time, default 300 s) and a size
 * limit (other_config:mac-table-size, default 8192; the oldest entry goes
 * first).  A learned entry that moves to another port, an expiry and a
 * flush call ofproto_need_revalidate(). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "packets.h"
#include "types.h"

struct ds;

struct mac_learning *mac_learning_create(unsigned int idle_time_s);
void mac_learning_destroy(struct mac_learning *);
void mac_learning_set_idle_time(struct mac_learning *, unsigned int s);
void mac_learning_set_max_entries(struct mac_learning *, size_t n);

/* Learns that 'mac' on 'vlan' is behind 'port'.  Returns true if that
 * changed the table (new entry or move). */
bool mac_learning_learn(struct mac_learning *, struct eth_addr mac,
                        uint16_t vlan, ofp_port_t port);
/* The port 'mac' on 'vlan' was learned on, or OFPP_NONE. */
ofp_port_t mac_learning_lookup(const struct mac_learning *,
                               struct eth_addr mac, uint16_t vlan);
/* Forgets entries on 'port' (port deleted), or everything. */
void mac_learning_flush_port(struct mac_learning *, ofp_port_t port);
void mac_learning_flush(struct mac_learning *);
/* Expires old entries; call from the main loop. */
void mac_learning_run(struct mac_learning *);
void mac_learning_wait(struct mac_learning *);
size_t mac_learning_count(const struct mac_learning *);
/* " port  VLAN  MAC                Age" table as fdb/show prints it;
 * 'port_name' (may be NULL) turns a port number into a name. */
void mac_learning_format(const struct mac_learning *, struct ds *,
                         const char *(*port_name)(ofp_port_t, void *),
                         void *aux);

#endif /* mac-learning.h */
