/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Link change notifications (RTNLGRP_LINK), see netdev.h. */

#include <config.h>

#include "netdev.h"

#include <errno.h>
#include <string.h>
#include <linux/if.h>
#include <linux/rtnetlink.h>

#include "dynamic-string.h"
#include "hash.h"
#include "hmap.h"
#include "netlink-socket.h"
#include "poll-loop.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(netdev_monitor);

/* A device the monitor knows about. */
struct monitor_dev {
    struct hmap_node node;      /* In netdev_monitor's 'devs', by ifindex. */
    struct netdev_info info;
};

struct netdev_monitor {
    struct nln_socket *notify;  /* Joined to RTNLGRP_LINK; receives only. */
    struct nln_socket *rtnl;    /* Requests (the dumps that resync). */
    struct hmap devs;           /* Contains "struct monitor_dev"s. */
    struct nl_buf buf;          /* The last datagram received... */
    size_t ofs;                 /* ...and the offset of its next message. */

    /* Events found by comparing a resync's dump with what the monitor knew
     * before, reported before anything else. */
    struct netdev_event *pending;
    size_t n_pending, next_pending;
    bool resync_needed;         /* The last resync failed. */
};

const char *
netdev_event_type_to_string(enum netdev_event_type type)
{
    switch (type) {
    case NETDEV_EVENT_ADDED:
        return "added";
    case NETDEV_EVENT_DELETED:
        return "deleted";
    case NETDEV_EVENT_CHANGED:
        return "changed";
    }
    return "unknown";
}

void
netdev_event_format(struct ds *ds, const struct netdev_event *event)
{
    static const char *const change_names[] = {
        "admin", "carrier", "mtu", "mac", "name", "master", "operstate",
    };
    size_t i;

    ds_put_format(ds, "%s ifindex=%d name=%s",
                  netdev_event_type_to_string(event->type),
                  event->info.ifindex, event->info.name);
    if (event->type == NETDEV_EVENT_CHANGED) {
        const char *sep = "";

        ds_put_cstr(ds, " changes=");
        for (i = 0; i < ARRAY_SIZE(change_names); i++) {
            if (event->changes & (1u << i)) {
                ds_put_format(ds, "%s%s", sep, change_names[i]);
                sep = ",";
            }
        }
    }
    ds_put_format(ds, " up=%s carrier=%s",
                  netdev_info_is_up(&event->info) ? "yes" : "no",
                  event->info.carrier ? "yes" : "no");
}

static struct monitor_dev *
monitor_find(const struct netdev_monitor *mon, int ifindex)
{
    struct monitor_dev *dev;

    HMAP_FOR_EACH_WITH_HASH (dev, node, hash_int(ifindex, 0), &mon->devs) {
        if (dev->info.ifindex == ifindex) {
            return dev;
        }
    }
    return NULL;
}

static void
monitor_clear(struct netdev_monitor *mon)
{
    struct monitor_dev *dev;

    HMAP_FOR_EACH_POP (dev, node, &mon->devs) {
        free(dev);
    }
}

static void
monitor_insert(struct netdev_monitor *mon, const struct netdev_info *info)
{
    struct monitor_dev *dev = xmalloc(sizeof *dev);

    dev->info = *info;
    hmap_insert(&mon->devs, &dev->node, hash_int(info->ifindex, 0));
}

static void monitor_queue_changes(struct netdev_monitor *, struct hmap *old);

/* Dumps the devices into the monitor's (empty) view.  EAGAIN means the
 * kernel flagged the dump as inconsistent. */
static int
monitor_dump(struct netdev_monitor *mon)
{
    const struct nlmsghdr *nlh;
    struct nln_dump dump;
    struct nl_buf req;
    int error;

    nl_buf_init(&req, 64);
    netdev_build_dump_links(&req);
    nln_dump_start(&dump, mon->rtnl, &req);
    while ((nlh = nln_dump_next(&dump))) {
        struct netdev_info info;

        if (!netdev_parse_link(nlh, nlh->nlmsg_len, &info)
            && !monitor_find(mon, info.ifindex)) {
            monitor_insert(mon, &info);
        }
    }
    error = nln_dump_finish(&dump, NULL);
    nl_buf_uninit(&req);
    return error;
}

/* Replaces the monitor's view of the devices by a fresh dump (retried
 * while devices change under it).  If 'report' is true, queues events for
 * the differences from the view it replaces.  On failure the old view
 * stays and 'resync_needed' makes netdev_monitor_run() try again. */
static int
monitor_resync(struct netdev_monitor *mon, bool report)
{
    struct hmap old = HMAP_INITIALIZER;
    struct monitor_dev *dev;
    int retries = 10;
    int error;

    hmap_swap(&old, &mon->devs);
    do {
        monitor_clear(mon);
        error = monitor_dump(mon);
    } while (error == EAGAIN && --retries > 0);

    if (error) {
        VLOG_WARN("link dump failed (%s)", ovs_strerror(error));
        monitor_clear(mon);
        hmap_swap(&old, &mon->devs);
    } else if (report) {
        monitor_queue_changes(mon, &old);
    }
    mon->resync_needed = error != 0;
    HMAP_FOR_EACH_POP (dev, node, &old) {
        free(dev);
    }
    hmap_destroy(&old);
    return error;
}

int
netdev_monitor_create(struct netdev_monitor **monp)
{
    struct netdev_monitor *mon = xzalloc(sizeof *mon);
    int error;

    *monp = NULL;
    hmap_init(&mon->devs);
    nl_buf_init(&mon->buf, 4096);
    error = nln_socket_open(NETLINK_ROUTE, &mon->notify);
    if (!error) {
        error = nln_socket_open(NETLINK_ROUTE, &mon->rtnl);
    }
    if (!error) {
        error = nln_socket_join_group(mon->notify, RTNLGRP_LINK);
    }
    if (!error) {
        /* Joined first, so that no change falls between dump and join. */
        error = monitor_resync(mon, false);
    }
    if (error) {
        netdev_monitor_destroy(mon);
        return error;
    }
    *monp = mon;
    return 0;
}

void
netdev_monitor_destroy(struct netdev_monitor *mon)
{
    if (mon) {
        monitor_clear(mon);
        hmap_destroy(&mon->devs);
        nln_socket_close(mon->notify);
        nln_socket_close(mon->rtnl);
        nl_buf_uninit(&mon->buf);
        free(mon->pending);
        free(mon);
    }
}

/* Returns the NETDEV_CHANGE_* bits that differ between 'old' and 'new'. */
static unsigned int
monitor_changes(const struct netdev_info *old, const struct netdev_info *new)
{
    unsigned int changes = 0;

    if ((old->flags ^ new->flags) & IFF_UP) {
        changes |= NETDEV_CHANGE_ADMIN;
    }
    if (old->carrier != new->carrier) {
        changes |= NETDEV_CHANGE_CARRIER;
    }
    if (old->operstate != new->operstate) {
        changes |= NETDEV_CHANGE_OPERSTATE;
    }
    if (old->mtu != new->mtu) {
        changes |= NETDEV_CHANGE_MTU;
    }
    if (old->has_mac != new->has_mac
        || !eth_addr_equals(old->mac, new->mac)) {
        changes |= NETDEV_CHANGE_MAC;
    }
    if (strcmp(old->name, new->name)) {
        changes |= NETDEV_CHANGE_NAME;
    }
    if (old->master_ifindex != new->master_ifindex) {
        changes |= NETDEV_CHANGE_MASTER;
    }
    return changes;
}

static void
monitor_queue(struct netdev_monitor *mon, enum netdev_event_type type,
              unsigned int changes, const struct netdev_info *info)
{
    struct netdev_event *event;

    mon->pending = xrealloc(mon->pending,
                            (mon->n_pending + 1) * sizeof *mon->pending);
    event = &mon->pending[mon->n_pending++];
    memset(event, 0, sizeof *event);
    event->type = type;
    event->changes = changes;
    event->info = *info;
}

/* Queues the events that turn 'old' into the monitor's current view. */
static void
monitor_queue_changes(struct netdev_monitor *mon, struct hmap *old)
{
    struct monitor_dev *dev, *o;

    mon->n_pending = mon->next_pending = 0;
    HMAP_FOR_EACH (o, node, old) {
        dev = monitor_find(mon, o->info.ifindex);
        if (!dev) {
            monitor_queue(mon, NETDEV_EVENT_DELETED, 0, &o->info);
        } else {
            unsigned int changes = monitor_changes(&o->info, &dev->info);

            if (changes) {
                monitor_queue(mon, NETDEV_EVENT_CHANGED, changes,
                              &dev->info);
            }
        }
    }
    HMAP_FOR_EACH (dev, node, &mon->devs) {
        bool known = false;

        HMAP_FOR_EACH_WITH_HASH (o, node, hash_int(dev->info.ifindex, 0),
                                 old) {
            known = known || o->info.ifindex == dev->info.ifindex;
        }
        if (!known) {
            monitor_queue(mon, NETDEV_EVENT_ADDED, 0, &dev->info);
        }
    }
}

/* Turns notification 'nlh' into '*event' and returns true, or returns
 * false if it reports nothing the monitor's users care about. */
static bool
monitor_handle(struct netdev_monitor *mon, const struct nlmsghdr *nlh,
               struct netdev_event *event)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
    struct netdev_info info;
    struct monitor_dev *dev;
    int error;

    if (nlh->nlmsg_type != RTM_NEWLINK && nlh->nlmsg_type != RTM_DELLINK) {
        return false;
    }
    error = netdev_parse_link(nlh, nlh->nlmsg_len, &info);
    if (error) {
        if (error != EAFNOSUPPORT) {
            VLOG_WARN_RL(&rl, "ignoring malformed link notification");
        }
        return false;
    }

    memset(event, 0, sizeof *event);
    dev = monitor_find(mon, info.ifindex);
    if (nlh->nlmsg_type == RTM_DELLINK) {
        if (dev) {
            hmap_remove(&mon->devs, &dev->node);
            free(dev);
        }
        event->type = NETDEV_EVENT_DELETED;
    } else if (!dev) {
        monitor_insert(mon, &info);
        event->type = NETDEV_EVENT_ADDED;
    } else {
        event->changes = monitor_changes(&dev->info, &info);
        dev->info = info;
        if (!event->changes) {
            return false;
        }
        event->type = NETDEV_EVENT_CHANGED;
    }
    event->info = info;
    return true;
}

/* Discards every queued notification.  After an overrun the kernel drops
 * further notifications silently until the socket's queue has been
 * emptied, so the queue must be empty before the resync's dump starts:
 * then whatever the dump misses raises ENOBUFS again. */
static void
monitor_drain(struct netdev_monitor *mon)
{
    int n;

    for (n = 0; n < 100000; n++) {
        int error = nln_socket_recv(mon->notify, &mon->buf, false);

        if (error && error != ENOBUFS && error != EMSGSIZE) {
            break;
        }
    }
    nl_buf_clear(&mon->buf);
    mon->ofs = 0;
}

int
netdev_monitor_run(struct netdev_monitor *mon, struct netdev_event *event)
{
    if (mon->resync_needed && !monitor_resync(mon, true)) {
        VLOG_INFO("link monitor resynchronised");
    }
    if (mon->next_pending < mon->n_pending) {
        *event = mon->pending[mon->next_pending++];
        return 0;
    }
    for (;;) {
        while (mon->ofs < mon->buf.used) {
            const struct nlmsghdr *nlh = nl_buf_at(&mon->buf, mon->ofs);
            size_t left = mon->buf.used - mon->ofs;

            if (!nl_msg_is_valid(nlh, left)) {
                mon->ofs = mon->buf.used;
                break;
            }
            mon->ofs += MIN(NLMSG_ALIGN(nlh->nlmsg_len), left);
            if (monitor_handle(mon, nlh, event)) {
                return 0;
            }
        }

        int error = nln_socket_recv(mon->notify, &mon->buf, false);
        mon->ofs = 0;
        if (error) {
            nl_buf_clear(&mon->buf);
            if (error == EMSGSIZE) {
                /* A notification too large for the socket's buffer was
                 * lost (the buffer has grown since): as for an overrun. */
                error = ENOBUFS;
            }
            if (error == ENOBUFS) {
                VLOG_WARN("link notifications were lost; resynchronising");
                monitor_drain(mon);
                monitor_resync(mon, true);
            }
            return error;
        }
    }
}

void
netdev_monitor_set_rcvbuf_for_testing(struct netdev_monitor *mon,
                                      size_t bytes)
{
    nln_socket_set_rcvbuf(mon->notify, bytes);
}

void
netdev_monitor_wait(struct netdev_monitor *mon)
{
    if (mon->ofs < mon->buf.used || mon->next_pending < mon->n_pending) {
        poll_immediate_wake();
    } else {
        nln_socket_wait(mon->notify);
        if (mon->resync_needed) {
            poll_timer_wait(100);
        }
    }
}
