/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OFP_PARSE_PRIVATE_H
#define OFP_PARSE_PRIVATE_H 1

/* Internals shared by the flow-syntax parser and printer. */

#include "ofp-fields.h"
#include "ofp-parse.h"

enum ofp_syntax_kind {
    OSK_INT,
    OSK_MAC,
    OSK_IPV4,
    OSK_IPV6,
    OSK_PORT,
    OSK_DL_VLAN,
    OSK_DL_VLAN_PCP,
    OSK_FRAG,
    OSK_TCP_FLAGS,
};

struct ofp_syntax_field {
    const char *name;
    enum mf_id id;              /* MFF_N_IDS: depends on the protocol. */
    enum ofp_syntax_kind kind;
};

struct ofp_shorthand {
    const char *name;
    uint16_t dl_type;
    uint8_t nw_proto;
};

struct ofp_port_name {
    const char *name;
    ofp_port_t port;
};

extern const struct ofp_syntax_field ofp_syntax_fields[];
extern const struct ofp_shorthand ofp_shorthands[];
extern const struct ofp_port_name ofp_port_names[];

const struct ofp_syntax_field *ofp_syntax_field_by_name(const char *);
bool ofp_parse_reg_name(const char *name, unsigned int *idx);
void ofp_value_from_u64(const struct mf_field *, uint64_t,
                        union mf_value *);
uint64_t ofp_value_to_u64(const struct mf_field *, const union mf_value *);
char *ofp_parse_port(const char *s, const struct ofp_parse_ports *,
                     ofp_port_t *port) OVS_WARN_UNUSED_RESULT;
char *ofp_parse_field_value(const struct mf_field *, enum ofp_syntax_kind,
                            const char *value,
                            const struct ofp_parse_ports *,
                            union mf_value *v, union mf_value *m)
    OVS_WARN_UNUSED_RESULT;
const char *ofp_tcp_flag_name(uint16_t bit);

/* The syntax kind in which to show values of 'mf'. */
enum ofp_syntax_kind ofp_field_kind(const struct mf_field *mf);

/* Writes the NXM/OXM style name of 'mf' (e.g. "NXM_NX_REG0") into 'buf'. */
void ofp_nxm_name(const struct mf_field *mf, char buf[64]);

#endif /* ofp-parse-private.h */
