/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef CONNMGR_H
#define CONNMGR_H 1

/* connmgr: the OpenFlow connections of one bridge.
 *
 * - the management socket punix:<rundir>/<bridge>.mgmt (always there);
 * - active controllers ("tcp:", "ssl:", "unix:") reconnecting with
 *   exponential backoff up to 'max_backoff', and passive listeners
 *   ("ptcp:", "pssl:", "punix:") from the Controller table;
 * - per connection: HELLO negotiation (vconn.h), echo keepalive
 *   ('probe_interval'; a connection silent for two intervals is dropped),
 *   the protocol (OpenFlow 1.0 / 1.0+NXM / 1.3) and the other settings a
 *   controller changes (NXT_FLOW_MOD_TABLE_ID, miss_send_len, role);
 * - asynchronous messages: PACKET_IN (to controllers, not to management
 *   connections and not to slaves; a token bucket per connection enforces
 *   'rate_limit'/'burst_limit'; a queue backlog above 100 messages drops
 *   packet-ins), FLOW_REMOVED and PORT_STATUS (to all that want them);
 * - fail mode: in "standalone" mode, when controllers are configured but
 *   none has been connected for three probe intervals, connmgr adds a
 *   hidden fail-open rule (priority 0xf0f0f0, actions=NORMAL) through
 *   ofproto_add_hidden_flow() and removes it when a controller connects;
 *   in "secure" mode it never does.
 *
 * Every message after the HELLO exchange goes to
 * ofproto_handle_openflow(); connmgr answers ECHO_REQUEST itself, and
 * sends an ERROR (quoting the request) for a nonzero return.  A message
 * that ofptype_decode() rejects gets its ERROR too; a framing error closes
 * the connection.  Nothing a peer sends stops the bridge or other
 * connections. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ofp-errors.h"
#include "ofp-flow.h"
#include "ofp-msgs.h"

struct ofpbuf;
struct ofproto;
struct ofproto_controller;
struct ofp_flow_removed;
struct ofp_packet_in;
struct ofp_port;
struct ds;

struct connmgr *connmgr_create(struct ofproto *, const char *bridge_name);
void connmgr_destroy(struct connmgr *);
void connmgr_run(struct connmgr *);
void connmgr_wait(struct connmgr *);

void connmgr_set_controllers(struct connmgr *,
                             const struct ofproto_controller *, size_t n);
/* 'secure' is true for fail_mode=secure. */
void connmgr_set_fail_secure(struct connmgr *, bool secure);
/* True if some controller (not a management connection) is connected. */
bool connmgr_has_controller_connection(const struct connmgr *);
/* True if controllers are configured (active or passive). */
bool connmgr_has_controllers(const struct connmgr *);

/* Asynchronous messages. */
void connmgr_send_packet_in(struct connmgr *, const struct ofp_packet_in *);
void connmgr_send_flow_removed(struct connmgr *,
                               const struct ofp_flow_removed *);
void connmgr_send_port_status(struct connmgr *, uint8_t reason,
                              const struct ofp_port *);

/* Status for the Controller table (is_connected, role, status map):
 * appends "key=value" pairs, one per line. */
void connmgr_get_controller_status(const struct connmgr *,
                                   const char *target, struct ds *);

/* One connection, for ofproto_handle_openflow(). */
struct ofconn;

uint8_t ofconn_get_version(const struct ofconn *);
enum ofp_protocol ofconn_get_protocol(const struct ofconn *);
void ofconn_set_protocol(struct ofconn *, enum ofp_protocol);
bool ofconn_get_table_id_ext(const struct ofconn *);
void ofconn_set_table_id_ext(struct ofconn *, bool);
uint16_t ofconn_get_miss_send_len(const struct ofconn *);
void ofconn_set_miss_send_len(struct ofconn *, uint16_t);
uint32_t ofconn_get_role(const struct ofconn *);       /* OFPCR_ROLE_*. */
/* Sets the role; a new master makes other masters slaves.  Returns
 * OFPRRFC_STALE for a stale generation id. */
enum ofperr ofconn_set_role(struct ofconn *, const struct ofp_role *);
/* Queues a complete message on 'ofconn' (takes ownership). */
void ofconn_send(struct ofconn *, struct ofpbuf *msg);
/* Sends an ERROR for 'error' quoting the request 'request'. */
void ofconn_send_error(struct ofconn *, const struct ofpbuf *request,
                       enum ofperr error);
/* True for connections on the management socket (no packet-ins). */
bool ofconn_is_management(const struct ofconn *);

#endif /* connmgr.h */
