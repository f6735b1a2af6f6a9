/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef ODP_FORMAT_H
#define ODP_FORMAT_H 1

/* The text syntax of datapath flow keys, masks and actions: the one that
 * Open vSwitch's "ovs-dpctl dump-flows" prints and "ovs-dpctl add-flow"
 * reads, for example
 *
 *     recirc_id(0),in_port(2),eth(src=00:01:02:03:04:05,
 *     dst=10:11:12:13:14:15),eth_type(0x0800),ipv4(src=10.0.0.1,
 *     dst=10.0.0.2,proto=1,tos=0,ttl=64,frag=no)
 *
 * and "2,set(tunnel(tun_id=0x5,dst=2.2.2.2,ttl=64,tp_dst=4789,
 * flags(df|key))),4".
 *
 * Keys.  Each attribute prints as name(fields); a masked field as
 * field=value/mask.  The terse form (verbose false, what dump-flows shows)
 * leaves out attributes whose mask is all zeros (eth() excepted) and, inside
 * an attribute, fields whose mask is zero; the verbose form (dump-flows -m)
 * shows everything, wildcards as value/0.  Formatting works on the wire
 * form, so it can show any key the kernel sends, including attributes it
 * does not decode (as keyN(hex bytes)).
 *
 * Differences from stock output, by design: ct_zone(0/0) appears in the
 * verbose form even on kernels built without conntrack zones (stock shows
 * what the kernel sends); OVS_KEY_ATTR_IPV6_EXTHDRS, which stock 3.1 shows
 * as key32(...), is not part of a key encoded from a struct match.
 *
 * Parsers accept what the formatters print (and numbers in decimal or
 * hexadecimal wherever one is expected) and return NULL or a malloc()'d
 * error message that the caller must free. */

#include <stdbool.h>
#include <stddef.h>
#include "compiler.h"

struct ds;
struct flow_tnl;
struct match;
struct nl_buf;

/* Appends the key of 'key_len' bytes at 'key' with the mask of 'mask_len'
 * bytes at 'mask' (NULL: no mask, everything in the key exact). */
void odp_key_format(struct ds *, const void *key, size_t key_len,
                    const void *mask, size_t mask_len, bool verbose);

/* Appends 'match' encoded as a key and mask by odp_key_from_match(). */
void odp_match_format(struct ds *, const struct match *, bool verbose);

/* Appends the tunnel key 'key' with 'mask', as inside "tunnel(...)" of a
 * flow key, or, with a null 'mask', as inside "set(tunnel(...))". */
void odp_tun_format(struct ds *, const struct flow_tnl *key,
                    const struct flow_tnl *mask);

/* Parses 's' into key attributes appended to 'key' and mask attributes
 * appended to 'mask'. */
char *odp_key_parse(const char *s, struct nl_buf *key, struct nl_buf *mask)
    OVS_WARN_UNUSED_RESULT;

/* Parses 's' into 'match' (through odp_key_parse() and
 * odp_key_to_match()). */
char *odp_match_parse(const char *s, struct match *)
    OVS_WARN_UNUSED_RESULT;

/* Appends the 'len' bytes of actions at 'actions' ("drop" if empty). */
void odp_actions_format(struct ds *, const void *actions, size_t len);

/* Parses 's' into actions appended to 'actions'. */
char *odp_actions_parse(const char *s, struct nl_buf *actions)
    OVS_WARN_UNUSED_RESULT;

#endif /* odp-format.h */
