/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef TYPES_H
#define TYPES_H 1

/* Basic types shared by every layer: integers whose type says they hold
 * network byte order, 128-bit values, and port numbers.
 *
 * The byte-order types are plain typedefs, so the compiler does not stop a
 * host-order value from being stored in one; the type is there so that a
 * reader (and a reviewer) sees at once which representation a field holds.
 * Convert with htons()/ntohs(), htonl()/ntohl() and the helpers below. */

#include <stdbool.h>
#include <stdint.h>
#include <arpa/inet.h>
#include <endian.h>

/* Network byte order (big-endian) 16-, 32- and 64-bit integers. */
typedef uint16_t ovs_be16;
typedef uint32_t ovs_be32;
typedef uint64_t ovs_be64;

#define OVS_BE16_MAX ((ovs_be16) 0xffff)
#define OVS_BE32_MAX ((ovs_be32) 0xffffffff)
#define OVS_BE64_MAX ((ovs_be64) UINT64_MAX)

static inline ovs_be64
htonll(uint64_t x)
{
    return htobe64(x);
}

static inline uint64_t
ntohll(ovs_be64 x)
{
    return be64toh(x);
}

/* A 128-bit value in host byte order, viewed as four 32-bit or two 64-bit
 * words.  u64[0] holds the least significant 64 bits and u64[1] the most
 * significant; how u32[] overlays u64[] depends on the host's byte order,
 * so code that needs the 32-bit words in significance order must use
 * ovs_u128_word32() rather than indexing u32[] directly.
 *
 * (A union typedef, like the fixed-width integer types, rather than a
 * struct: it is a value type, passed and compared as a whole.) */
typedef union {
    uint32_t u32[4];
    uint64_t u64[2];
} ovs_u128;

#define OVS_U128_ZERO ((ovs_u128) { .u64 = { 0, 0 } })
#define OVS_U128_MAX ((ovs_u128) { .u64 = { UINT64_MAX, UINT64_MAX } })

static inline bool
ovs_u128_equals(ovs_u128 a, ovs_u128 b)
{
    return a.u64[0] == b.u64[0] && a.u64[1] == b.u64[1];
}

static inline bool
ovs_u128_is_zero(ovs_u128 a)
{
    return !(a.u64[0] | a.u64[1]);
}

static inline ovs_u128
ovs_u128_and(ovs_u128 a, ovs_u128 b)
{
    ovs_u128 r;

    r.u64[0] = a.u64[0] & b.u64[0];
    r.u64[1] = a.u64[1] & b.u64[1];
    return r;
}

/* Returns 32-bit word 'i' of 'a' in significance order: word 0 is the least
 * significant, word 3 the most significant. */
static inline uint32_t
ovs_u128_word32(ovs_u128 a, int i)
{
    return a.u64[i / 2] >> (32 * (i % 2));
}

/* Port numbers.
 *
 * odp_port_t is a port number of the kernel datapath (a vport number, 32
 * bits on the wire); ofp_port_t is an OpenFlow port number in the 16-bit
 * space of OpenFlow 1.0 (OpenFlow 1.1+ 32-bit numbers are mapped into it by
 * the OpenFlow codec).
 *
 * Both are plain typedefs of unsigned integers, not single-member structs.
 * A struct wrapper would make mixing the two a compile error, but it would
 * also make them unusable where the code needs integers: as 'case' labels
 * (the OFPP_* reserved ports), in bitwise masks (struct match keeps a mask of
 * the same type as each field and the classifier ANDs them), in arithmetic
 * on port ranges and in printf.  The distinct names, the conversion helpers
 * below and the rule that a layer only ever speaks one of the two keep them
 * apart instead. */
typedef uint32_t odp_port_t;
typedef uint16_t ofp_port_t;

#define ODPP_LOCAL ((odp_port_t) 0)          /* The datapath's own port. */
#define ODPP_NONE ((odp_port_t) UINT32_MAX)  /* Not a port. */

/* OpenFlow 1.0 port numbers.  Ports 1 to OFPP_MAX - 1 are physical or
 * logical switch ports; the values from OFPP_IN_PORT up are reserved. */
#define OFPP_MAX ((ofp_port_t) 0xff00)
#define OFPP_IN_PORT ((ofp_port_t) 0xfff8)    /* Where the packet came in. */
#define OFPP_TABLE ((ofp_port_t) 0xfff9)      /* Run through the tables. */
#define OFPP_NORMAL ((ofp_port_t) 0xfffa)     /* L2 learning switch. */
#define OFPP_FLOOD ((ofp_port_t) 0xfffb)      /* All ports but in-port and
                                               * ports with flooding off. */
#define OFPP_ALL ((ofp_port_t) 0xfffc)        /* All ports but in-port. */
#define OFPP_CONTROLLER ((ofp_port_t) 0xfffd) /* To the controller. */
#define OFPP_LOCAL ((ofp_port_t) 0xfffe)      /* The bridge's local port. */
#define OFPP_NONE ((ofp_port_t) 0xffff)       /* Not a port. */

static inline odp_port_t
u32_to_odp(uint32_t port)
{
    return port;
}

static inline uint32_t
odp_to_u32(odp_port_t port)
{
    return port;
}

static inline ofp_port_t
u16_to_ofp(uint16_t port)
{
    return port;
}

static inline uint16_t
ofp_to_u16(ofp_port_t port)
{
    return port;
}

#endif /* types.h */
