/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "mac-learning.h"
#include <string.h>
#include "dynamic-string.h"
#include "hash.h"
#include "hmap.h"
#include "list.h"
#include "ofproto.h"
#include "poll-loop.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(mac_learning);

#define MAC_DEFAULT_MAX 8192

/* One learned (VLAN, MAC) -> port binding. */
struct mac_entry {
    struct hmap_node hmap_node;     /* In 'ml->table', by mac_hash(). */
    struct ovs_list lru_node;       /* In 'ml->lru', least recent first. */
    struct eth_addr mac;
    uint16_t vlan;
    ofp_port_t port;
    long long learned;              /* time_msec() of the last sighting. */
};

struct mac_learning {
    struct hmap table;
    struct ovs_list lru;            /* Front: the entry seen longest ago. */
    unsigned int idle_time;         /* Seconds. */
    size_t max_entries;
};

static uint32_t
mac_hash(struct eth_addr mac, uint16_t vlan)
{
    uint32_t hash = hash_bytes(mac.ea, sizeof mac.ea, vlan);

    return hash;
}

static unsigned int
normalize_idle_time(unsigned int s)
{
    return s < 15 ? 15 : s > 3600 ? 3600 : s;
}

/* Creates a MAC learning table whose entries expire after 'idle_time_s'
 * seconds without being seen (clamped to 15..3600 as stock does). */
struct mac_learning *
mac_learning_create(unsigned int idle_time_s)
{
    struct mac_learning *ml = xzalloc(sizeof *ml);

    hmap_init(&ml->table);
    ovs_list_init(&ml->lru);
    ml->idle_time = normalize_idle_time(idle_time_s);
    ml->max_entries = MAC_DEFAULT_MAX;
    return ml;
}

static void
mac_entry_remove(struct mac_learning *ml, struct mac_entry *e)
{
    hmap_remove(&ml->table, &e->hmap_node);
    ovs_list_remove(&e->lru_node);
    free(e);
}

void
mac_learning_destroy(struct mac_learning *ml)
{
    if (ml) {
        struct mac_entry *e, *next;

        HMAP_FOR_EACH_SAFE (e, next, hmap_node, &ml->table) {
            mac_entry_remove(ml, e);
        }
        hmap_destroy(&ml->table);
        free(ml);
    }
}

void
mac_learning_set_idle_time(struct mac_learning *ml, unsigned int s)
{
    s = normalize_idle_time(s);
    if (s != ml->idle_time) {
        ml->idle_time = s;
        mac_learning_run(ml);
    }
}

/* Sets the size limit to 'n' (0: the default, 8192), evicting the oldest
 * entries if there are more. */
void
mac_learning_set_max_entries(struct mac_learning *ml, size_t n)
{
    bool changed = false;

    ml->max_entries = n ? n : MAC_DEFAULT_MAX;
    while (hmap_count(&ml->table) > ml->max_entries) {
        mac_entry_remove(ml, CONTAINER_OF(ovs_list_front(&ml->lru),
                                          struct mac_entry, lru_node));
        changed = true;
    }
    if (changed) {
        ofproto_need_revalidate();
    }
}

static struct mac_entry *
mac_entry_find(const struct mac_learning *ml, struct eth_addr mac,
               uint16_t vlan)
{
    struct mac_entry *e;

    HMAP_FOR_EACH_WITH_HASH (e, hmap_node, mac_hash(mac, vlan), &ml->table) {
        if (e->vlan == vlan && eth_addr_equals(e->mac, mac)) {
            return e;
        }
    }
    return NULL;
}

bool
mac_learning_learn(struct mac_learning *ml, struct eth_addr mac,
                   uint16_t vlan, ofp_port_t port)
{
    struct mac_entry *e;
    bool changed = false;

    if (eth_addr_is_multicast(mac)) {
        return false;
    }
    e = mac_entry_find(ml, mac, vlan);
    if (!e) {
        if (hmap_count(&ml->table) >= ml->max_entries) {
            mac_entry_remove(ml, CONTAINER_OF(ovs_list_front(&ml->lru),
                                              struct mac_entry, lru_node));
        }
        e = xzalloc(sizeof *e);
        e->mac = mac;
        e->vlan = vlan;
        e->port = port;
        hmap_insert(&ml->table, &e->hmap_node, mac_hash(mac, vlan));
        ovs_list_push_back(&ml->lru, &e->lru_node);
        changed = true;
        /* Flows that flooded for want of this entry can now forward. */
        ofproto_need_revalidate();
    } else {
        ovs_list_remove(&e->lru_node);
        ovs_list_push_back(&ml->lru, &e->lru_node);
        if (e->port != port) {
            VLOG_DBG("%02x:%02x:%02x:%02x:%02x:%02x on VLAN %d moved from "
                     "port %d to port %d", ETH_ADDR_ARGS(mac), vlan,
                     e->port, port);
            e->port = port;
            changed = true;
            ofproto_need_revalidate();
        }
    }
    e->learned = time_msec();
    return changed;
}

ofp_port_t
mac_learning_lookup(const struct mac_learning *ml, struct eth_addr mac,
                    uint16_t vlan)
{
    const struct mac_entry *e = mac_entry_find(ml, mac, vlan);

    return e ? e->port : OFPP_NONE;
}

void
mac_learning_flush_port(struct mac_learning *ml, ofp_port_t port)
{
    struct mac_entry *e, *next;
    bool changed = false;

    HMAP_FOR_EACH_SAFE (e, next, hmap_node, &ml->table) {
        if (e->port == port) {
            mac_entry_remove(ml, e);
            changed = true;
        }
    }
    if (changed) {
        ofproto_need_revalidate();
    }
}

void
mac_learning_flush(struct mac_learning *ml)
{
    struct mac_entry *e, *next;
    bool changed = !hmap_is_empty(&ml->table);

    HMAP_FOR_EACH_SAFE (e, next, hmap_node, &ml->table) {
        mac_entry_remove(ml, e);
    }
    if (changed) {
        ofproto_need_revalidate();
    }
}

static long long
mac_entry_expires(const struct mac_learning *ml, const struct mac_entry *e)
{
    return e->learned + ml->idle_time * 1000LL;
}

void
mac_learning_run(struct mac_learning *ml)
{
    long long now = time_msec();
    bool changed = false;

    while (!ovs_list_is_empty(&ml->lru)) {
        struct mac_entry *e = CONTAINER_OF(ovs_list_front(&ml->lru),
                                           struct mac_entry, lru_node);
        if (mac_entry_expires(ml, e) > now) {
            break;
        }
        mac_entry_remove(ml, e);
        changed = true;
    }
    if (changed) {
        ofproto_need_revalidate();
    }
}

void
mac_learning_wait(struct mac_learning *ml)
{
    if (!ovs_list_is_empty(&ml->lru)) {
        const struct mac_entry *e = CONTAINER_OF(ovs_list_front(&ml->lru),
                                                 struct mac_entry, lru_node);
        poll_timer_wait_until(mac_entry_expires(ml, e));
    }
}

size_t
mac_learning_count(const struct mac_learning *ml)
{
    return hmap_count(&ml->table);
}

void
mac_learning_format(const struct mac_learning *ml, struct ds *ds,
                    const char *(*port_name)(ofp_port_t, void *), void *aux)
{
    const struct mac_entry *e;
    long long now = time_msec();

    ds_put_cstr(ds, " port  VLAN  MAC                Age\n");
    LIST_FOR_EACH (e, lru_node, &ml->lru) {
        const char *name = port_name ? port_name(e->port, aux) : NULL;
        char buf[16];

        if (!name) {
            if (e->port == OFPP_LOCAL) {
                name = "LOCAL";
            } else {
                snprintf(buf, sizeof buf, "%d", e->port);
                name = buf;
            }
        }
        ds_put_format(ds, "%5s  %4d  "ETH_ADDR_FMT"  %3d\n", name, e->vlan,
                      ETH_ADDR_ARGS(e->mac),
                      (int) ((now - e->learned) / 1000));
    }
}
