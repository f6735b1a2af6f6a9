/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef ODP_KEY_H
#define ODP_KEY_H 1

/* The datapath flow key codec: struct match to and from the nested
 * OVS_KEY_ATTR_* attributes of the kernel openvswitch module (a flow key,
 * OVS_FLOW_ATTR_KEY, and its mask, OVS_FLOW_ATTR_MASK).
 *
 * This file knows the wire layout and nothing of policy: it neither decides
 * what a megaflow matches nor where a flow goes.  The text syntax lives in
 * odp-format.h, the actions in odp-actions.h.
 *
 *
 * Masks
 * =====
 *
 * The kernel's rules, which this codec follows in both directions:
 *
 *   - No mask at all (an upcall's key, a flow put without
 *     OVS_FLOW_ATTR_MASK): every attribute present in the key is matched
 *     exactly, the others are wildcarded.
 *
 *   - A mask stream: an attribute missing from the mask is wildcarded
 *     (all-zero mask), and a mask attribute without a key attribute stands
 *     for a zero key (the kernel omits, for example, a zero dp_hash from a
 *     dumped key but not from its mask).
 *
 * odp_attr_get_pair() is the one helper that applies these rules on the
 * way in, odp_attr_put_pair() its partner on the way out.
 *
 *
 * What the kernel cannot express, and how the codec maps it
 * ==========================================================
 *
 *   - Ethertype: absent from a key means an 802.3 frame without one
 *     (FLOW_DL_TYPE_NONE); a mask that has OVS_KEY_ATTR_ETHERTYPE matches it
 *     exactly whatever its value.  A wildcarded dl_type is encoded with no
 *     OVS_KEY_ATTR_ETHERTYPE in key or mask.
 *
 *   - VLAN: a key without a VLAN tag matches untagged packets only, so
 *     decoding sets the tag at that depth to "absent, exactly"; encoding a
 *     match whose VLAN is wildcarded therefore narrows it to untagged.  A
 *     tag's presence bit (VLAN_CFI) must be matched exactly.
 *
 *   - Fragments: the kernel keeps the fragment type as a value (none,
 *     first, later), not as bits; any nonzero nw_frag mask is encoded as an
 *     exact match, and any nonzero kernel mask decodes as exact.
 *
 *   - Tunnel: OVS_KEY_ATTR_TUNNEL is emitted only for a flow with an outer
 *     destination address; FLOW_TNL_F_KEY rides on the presence of
 *     OVS_TUNNEL_KEY_ATTR_ID.  OVS_TUNNEL_KEY_ATTR_PAD, which Linux 6.1 puts
 *     in tunnel keys of upcalls and dumps, is skipped.
 *
 *   - OVS_KEY_ATTR_IPV6_EXTHDRS (Linux 5.19+) has no field in struct flow:
 *     it is accepted and ignored when its mask is zero or there is no mask,
 *     and refused (EOPNOTSUPP) when a flow matches on it.
 *
 * A key without OVS_KEY_ATTR_ETHERNET describes, for the kernel, a packet
 * without an Ethernet header (from a layer-3 tunnel); struct flow has no
 * such notion, so such keys are refused with EOPNOTSUPP, and encoding
 * always writes OVS_KEY_ATTR_ETHERNET.
 *
 * Attribute types that the kernel may add in the future are refused with
 * "unknown attribute N" rather than skipped: a key read without one of its
 * fields would match more packets than the kernel's flow does.  MPLS, NSH,
 * packet type (layer-3 packets), ND extensions and ERSPAN options are known
 * but not supported; they are refused with EOPNOTSUPP.
 *
 *
 * Errors
 * ======
 *
 * Functions return 0 or a positive errno value: EINVAL for a malformed or
 * inconsistent key, EOPNOTSUPP for something valid that the codec does not
 * support, EMSGSIZE when a fixed buffer is too small.  Decoders that take
 * 'errp' store there, on error and if 'errp' is nonnull, a malloc()'d
 * message for the operator, for example "ipv4 attribute with eth_type
 * 0x86dd"; the caller frees it.  Input is never trusted: the decoders do
 * not read outside the bytes given and do not crash on any input. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/openvswitch.h>
#include "compiler.h"
#include "flow.h"
#include "match.h"

struct nl_buf;
struct nlattr;

/* Nesting limit when decoding keys: an Ethernet header and two VLAN tags
 * make three levels of OVS_KEY_ATTR_ENCAP at most. */
#define ODP_KEY_MAX_DEPTH 3

/* Longest fixed-size OVS_KEY_ATTR_* payload (struct ovs_key_ipv6, ct tuple
 * for IPv6). */
#define ODP_KEY_MAX_SIZE 40

/* Encoding.
 *
 * Appends to 'key' the attributes of the flow key for 'match' and, if
 * 'mask' is nonnull, to 'mask' those of its mask, in the kernel's own order
 * (the order of its dumps).  Packet metadata attributes (recirc_id,
 * dp_hash, skb_priority, in_port, skb_mark, ct_*) are written only when
 * 'match' matches on them.  With a null 'mask' the key describes exactly
 * 'match->flow' (as for OVS_PACKET_CMD_EXECUTE), leaving out zero metadata
 * but not in_port.  Returns 0 or EMSGSIZE (the buffers' sticky error). */
int odp_key_from_match(const struct match *match, struct nl_buf *key,
                       struct nl_buf *mask);

/* The same, with 'all_metadata' true writing also the packet metadata
 * attributes that 'match' wildcards (recirc_id(0/0), ct_zone(0/0), ...),
 * as the kernel's dumps have them: for display ("dump-flows -m"), not for
 * the kernel, which refuses attributes it was built without (conntrack
 * zones, for one) and matches a present in_port exactly. */
int odp_key_from_match__(const struct match *match, struct nl_buf *key,
                         struct nl_buf *mask, bool all_metadata);

/* Decoding.
 *
 * Parses the 'key_len' bytes of attributes at 'key' and, if 'mask' is
 * nonnull, the 'mask_len' bytes at 'mask' (see "Masks" above for a null
 * 'mask') into 'match'.  Returns 0 or an error (see "Errors"); on error
 * 'match' is the catch-all match. */
int odp_key_to_match(const void *key, size_t key_len,
                     const void *mask, size_t mask_len,
                     struct match *match, char **errp);

/* Tunnel keys (OVS_KEY_ATTR_TUNNEL, also the payload of a set(tunnel(...))
 * action).
 *
 * odp_tun_key_put() appends a nested attribute of type 'type' holding the
 * OVS_TUNNEL_KEY_ATTR_* attributes of 'tnl'.  Zero fields are omitted
 * (TTL is always written when 'ttl_always' is true, as a key must carry
 * it); FLOW_TNL_F_KEY writes OVS_TUNNEL_KEY_ATTR_ID.  Returns 0 or
 * EMSGSIZE. */
int odp_tun_key_put(struct nl_buf *buf, uint16_t type,
                    const struct flow_tnl *tnl, bool ttl_always);

/* Parses the nested OVS_TUNNEL_KEY_ATTR_* attributes of 'nla' into 'tnl',
 * which it zeroes first.  Skips OVS_TUNNEL_KEY_ATTR_PAD. */
int odp_tun_key_parse(const struct nlattr *nla, struct flow_tnl *tnl,
                      char **errp);

/* Attributes and their layouts.
 *
 * Every fixed-size OVS_KEY_ATTR_* payload is described by a layout: its
 * name in the text syntax and its fields, each with its place in the
 * payload and in struct flow.  The codec, the text format and the set
 * actions share these tables. */

enum odp_field_fmt {
    ODP_FMT_DEC,            /* Unsigned decimal ("80"). */
    ODP_FMT_HEX,            /* Hexadecimal ("0x5", zero as "0"). */
    ODP_FMT_ETH,            /* Ethernet address. */
    ODP_FMT_IPV4,           /* Dotted quad. */
    ODP_FMT_IPV6,           /* IPv6 address. */
    ODP_FMT_FRAG,           /* "no", "first", "later". */
    ODP_FMT_U128,           /* 128-bit hexadecimal, host order in memory. */
};

/* How a payload field maps to its struct flow field. */
enum odp_field_conv {
    ODP_CONV_COPY,          /* Same bytes, same size. */
    ODP_CONV_FRAG,          /* OVS_FRAG_TYPE_* value vs FLOW_NW_FRAG_*. */
    ODP_CONV_U8_BE16,       /* u8 vs low byte of an ovs_be16 (ICMP). */
    ODP_CONV_BE16_U8,       /* ovs_be16 vs u8 (ARP opcode in nw_proto). */
    ODP_CONV_U32_U8,        /* Host u32 vs u8 (ct_state). */
    ODP_CONV_NONE,          /* No struct flow field. */
};

struct odp_field {
    const char *name;       /* Name in the text, NULL for a scalar. */
    uint8_t ofs;            /* Offset in the attribute payload. */
    uint8_t size;           /* Bytes in the payload. */
    bool host_order;        /* Integer in host byte order (metadata). */
    enum odp_field_fmt fmt;
    enum odp_field_conv conv;
    uint16_t flow_ofs;      /* Offset in struct flow. */
};

struct odp_attr_layout {
    uint16_t type;          /* OVS_KEY_ATTR_*. */
    const char *name;       /* "ipv4", "skb_mark", ... */
    uint8_t size;           /* Payload bytes. */
    const struct odp_field *fields;
    size_t n_fields;
};

/* Returns the layout of fixed-size key attribute 'type', or NULL for the
 * nested and special ones (ENCAP, TUNNEL, VLAN, ETHERTYPE, CT_STATE,
 * TCP_FLAGS are special in the text format but still have a layout, except
 * ENCAP and TUNNEL). */
const struct odp_attr_layout *odp_key_layout(uint16_t type);

/* Returns the layout whose text name is the 'len' bytes at 'name', or
 * NULL. */
const struct odp_attr_layout *odp_key_layout_by_name(const char *name,
                                                     size_t len);

/* Returns the text name of key attribute 'type' ("ipv4", "tunnel", ...)
 * or NULL for an unknown type. */
const char *odp_key_attr_name(uint16_t type);

/* Expected payload length of key attribute 'type': a byte count, or one of
 * these. */
#define ODP_LEN_NESTED (-2)     /* Nested attributes. */
#define ODP_LEN_VARIABLE (-3)   /* Any length. */
#define ODP_LEN_INVALID (-1)    /* Unknown or unsupported type. */
int odp_key_attr_len(uint16_t type);

/* The symmetric pair of helpers for one fixed-size attribute (see "Masks").
 *
 * odp_attr_get_pair() copies into 'key' and 'mask' ('size' bytes each) the
 * payloads of attribute 'type' found in 'keys' and 'masks' (arrays indexed
 * by attribute type, as nl_parse_attrs() fills them; 'masks' is NULL when
 * there is no mask stream).  An absent key attribute reads as zeros; an
 * absent mask attribute as zeros with a mask stream, and otherwise as all
 * ones if the key attribute is present.  Returns true if either attribute
 * is present.
 *
 * odp_attr_put_pair() writes 'key' to 'kbuf' and, if 'mbuf' is nonnull,
 * 'mask' to 'mbuf', both as attribute 'type'. */
bool odp_attr_get_pair(const struct nlattr *const keys[],
                       const struct nlattr *const masks[],
                       uint16_t type, void *key, void *mask, size_t size);
int odp_attr_put_pair(struct nl_buf *kbuf, struct nl_buf *mbuf,
                      uint16_t type, const void *key, const void *mask,
                      size_t size);

/* Converts between a payload laid out as 'layout' and the fields of 'flow'
 * it maps to; 'is_mask' selects the conversion of masks, which differs for
 * the fragment type.  odp_layout_to_flow() writes only the fields the
 * layout names. */
void odp_layout_from_flow(const struct odp_attr_layout *layout,
                          const struct flow *flow, bool is_mask,
                          void *payload);
void odp_layout_to_flow(const struct odp_attr_layout *layout,
                        const void *payload, bool is_mask,
                        struct flow *flow);

/* Appends a malloc()'d message built from 'format' to '*errp' (if 'errp'
 * is nonnull and holds no message yet) and returns 'error'.  Shared by the
 * odp modules. */
int odp_error(char **errp, int error, const char *format, ...)
    OVS_PRINTF_FORMAT(3, 4);

#endif /* odp-key.h */
