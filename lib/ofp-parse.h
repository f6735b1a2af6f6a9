/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OFP_PARSE_H
#define OFP_PARSE_H 1

/* The ovs-ofctl flow text syntax: parsing a flow string into a struct
 * ofp_flow_mod and formatting matches and action lists the way dump-flows
 * shows them.
 *
 * Parsers return NULL on success, otherwise a malloc()'d error message that
 * the caller must free. */

#include <stdbool.h>
#include <stdint.h>
#include "compiler.h"
#include "ofp-flow.h"
#include "types.h"

struct ds;

/* Optional port-name mapping.  Returns true and sets '*port' if 'name' names
 * a port.  'aux' is the caller's. */
typedef bool ofp_port_name_cb(const char *name, ofp_port_t *port, void *aux);

struct ofp_parse_ports {
    ofp_port_name_cb *name_to_port;
    void *aux;
};

/* Parses 'string' into 'fm' (initialized here; the caller uninits it even
 * on error) for flow-mod 'command' (OFPFC_*).  'ports' may be NULL. */
char *ofp_parse_flow_mod(const char *string, int command,
                         const struct ofp_parse_ports *ports,
                         struct ofp_flow_mod *fm) OVS_WARN_UNUSED_RESULT;

/* Parses an action list (the part after "actions=") into 'out'. */
char *ofp_parse_actions(const char *string,
                        const struct ofp_parse_ports *ports,
                        struct ofpacts *out) OVS_WARN_UNUSED_RESULT;

/* Appends 'match' to 's' as dump-flows shows it: "priority=N," (only if
 * 'priority' is not the default), the protocol shorthand and the fields,
 * comma-separated, without a trailing comma.  Appends nothing for a
 * catch-all match with the default priority. */
void ofp_format_match(const struct match *match, int priority,
                      struct ds *s);

/* Appends the actions of 'acts' to 's' ("drop" if there are none). */
void ofp_format_actions(const struct ofpacts *acts, struct ds *s);

/* Statistics for ofp_format_flow(), supplied by the caller. */
struct ofp_flow_print_stats {
    uint64_t cookie;
    uint32_t duration_sec;
    uint32_t duration_nsec;
    uint8_t table_id;
    uint64_t n_packets;
    uint64_t n_bytes;
    uint16_t idle_timeout;
    uint16_t hard_timeout;
    int idle_age;               /* -1: omit. */
};

/* Appends one dump-flows line (without newline) for a flow with 'match',
 * 'priority' and 'acts'. */
void ofp_format_flow(const struct ofp_flow_print_stats *,
                     const struct match *match, int priority,
                     const struct ofpacts *acts, struct ds *s);

/* Port names in printed flows.  While a callback is set, every OpenFlow
 * port number below OFPP_MAX that it names prints as that name (quoted
 * when it would not read back as a name), as ovs-ofctl --names shows.
 * NULL (the default) prints numbers.  The setting is global: for
 * single-threaded tools such as ovs-ofctl. */
typedef const char *ofp_port_namer_cb(ofp_port_t port, void *aux);
void ofp_format_set_port_namer(ofp_port_namer_cb *, void *aux);

/* Appends the NXM-style name of 'sf' ("NXM_NX_REG0[]", "...[0..3]"). */
void ofp_format_subfield(const struct mf_subfield *sf, struct ds *s);

#endif /* ofp-parse.h */
