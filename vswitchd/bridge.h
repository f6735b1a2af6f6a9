/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef VSWITCHD_BRIDGE_H
#define VSWITCHD_BRIDGE_H 1

/* The bridge layer of ovs-vswitchd: it follows the Open_vSwitch database
 * (tables Open_vSwitch, Bridge, Port, Interface and Controller) through the
 * IDL and makes the switches of ofproto.h match it, then writes their
 * status back (Interface ofport, ifindex, mac_in_use, link and admin state,
 * mtu, error and statistics; Bridge datapath_id; Controller is_connected,
 * role and status; Open_vSwitch cur_cfg, ovs_version, datapath_types and
 * iface_types).
 *
 * Reconfiguration is incremental: a bridge whose configuration did not
 * change is left alone, and so is every interface whose type, options and
 * ofport_request did not change.  Deletions happen before additions, over
 * all bridges, so that an interface may move between bridges or its
 * OpenFlow port number pass to another interface in one transaction.
 *
 * OpenFlow port numbers: ofport_request if set; otherwise the number in
 * the Interface's "ofport" column (so numbers survive a restart of the
 * daemon); otherwise the number the bridge last gave an interface of that
 * name (so they survive deleting and re-adding a port); otherwise the
 * lowest free one.
 *
 * Everything runs in the main thread. */

#include <stdbool.h>

/* How --enable-dummy was given. */
enum bridge_dummy_mode {
    BRIDGE_DUMMY_NONE,          /* Not given. */
    BRIDGE_DUMMY_ENABLE,        /* --enable-dummy: type "dummy" allowed. */
    BRIDGE_DUMMY_OVERRIDE,      /* --enable-dummy=override: every bridge
                                 * on a dummy datapath. */
};

/* Connects to the database at 'remote' and registers the appctl commands
 * of the bridge layer (memory/show, bridge/reconnect, dpctl/...). */
void bridge_init(const char *remote, enum bridge_dummy_mode);

/* Destroys every bridge if 'delete_datapath' ("exit --cleanup": their
 * ports leave the datapath and internal devices go); otherwise leaves the
 * datapath as it is for the next start.  Then disconnects. */
void bridge_exit(bool delete_datapath);

void bridge_run(void);
void bridge_wait(void);

#endif /* vswitchd/bridge.h */
