/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OFP_PRINT_H
#define OFP_PRINT_H 1

/* Human-readable text for OpenFlow messages, in the layout that
 * ovs-ofctl shows them (show, dump-ports, dump-tables, monitor, error
 * replies).  Every function appends to a struct ds; none prints. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ds;
struct ofp_flow_stats;
struct ofp_port;

/* Appends "NAME (OF1.3) (xid=0x..):" for the message at 'msg' ('len'
 * bytes), e.g. "NXST_FLOW reply (xid=0x4):". */
void ofp_print_header(struct ds *, const void *msg, size_t len);

/* Appends the name of a message, e.g. "OFPST_PORT reply". */
void ofp_print_msg_name(struct ds *, const void *msg, size_t len);

/* Appends a whole message, header line included, with a final newline.
 * Messages this printer does not know are shown as a header line plus a
 * hex dump. */
void ofp_print_msg(struct ds *, const void *msg, size_t len);

/* Appends one port as "show" lists it (several lines, each ending in a
 * newline). */
void ofp_print_port(struct ds *, const struct ofp_port *);

/* Appends one flow as dump-flows shows it (no newline).  'version' is the
 * connection's; 'show_stats' false gives the --no-stats form. */
void ofp_print_flow_stats(struct ds *, const struct ofp_flow_stats *,
                          uint8_t version, bool show_stats);

/* Appends the payload of a hex string to 'out' (ovs-ofctl packet syntax:
 * hex digits, optionally separated by spaces or periods).  Returns false
 * on a malformed string. */
struct ofpbuf;
bool ofp_parse_hex(const char *s, struct ofpbuf *out);

#endif /* ofp-print.h */
