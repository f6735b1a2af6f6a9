/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Bridges, their shared datapaths ("backers") and their ports. */

#include <config.h>
#include "ofproto-private.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "connmgr.h"
#include "datapath/dpif.h"
#include "dynamic-string.h"
#include "hash.h"
#include "mac-learning.h"
#include "datapath/netdev.h"
#include "poll-loop.h"
#include "timeval.h"
#include "datapath/tunnel-dev.h"
#include "upcall.h"
#include "util.h"
#include "vlog.h"
#include "xlate.h"

VLOG_DEFINE_THIS_MODULE(ofproto);

/* How often the state of kernel devices is polled, in ms. */
#define PORT_POLL_INTERVAL 1000

/* Default Bridge other_config:mac-aging-time, in seconds. */
#define MAC_DEFAULT_IDLE_TIME 300

/* A shared tunnel vport in a backer: one per (type, UDP port). */
struct tunnel_vport {
    struct hmap_node node;      /* In backer->tunnel_vports. */
    char *type;
    uint16_t dst_port;
    odp_port_t odp_port;
    int refcount;
};

/* The datapath that bridges of one type share. */
struct backer {
    char *type;
    struct dpif *dpif;
    struct udpif *udpif;
    int refcount;
    struct hmap tunnel_vports;
};

static struct hmap all_ofprotos = HMAP_INITIALIZER;
static struct hmap odp_ports = HMAP_INITIALIZER;   /* ofport_priv. */
static struct backer *system_backer;
static uint64_t reval_seq = 1;
static unsigned int flow_limit;     /* 0: the udpif's default. */
static unsigned int max_idle;       /* 0: the udpif's default. */

static void port_destroy(struct ofproto *, struct ofport *, bool keep);

void
ofproto_init(void)
{
    static bool inited;

    if (!inited) {
        inited = true;
        ofproto_appctl_init();
        xlate_init();
        udpif_init();
    }
}

/* Revalidation. */

void
ofproto_need_revalidate(void)
{
    reval_seq++;
}

uint64_t
ofproto_revalidate_seq(void)
{
    return reval_seq;
}

/* Backers. */

static bool
type_is_system(const char *type)
{
    return !type || !type[0] || !strcmp(type, "system");
}

static int
backer_ref(const char *type, struct backer **backerp, char **errp)
{
    struct dpif *dpif;
    int error;

    *backerp = NULL;
    if (!type_is_system(type)) {
        return EAFNOSUPPORT;
    }
    if (system_backer) {
        system_backer->refcount++;
        *backerp = system_backer;
        return 0;
    }
    error = dpif_create_and_open(DPIF_DEFAULT_TYPE, DPIF_DEFAULT_NAME,
                                 &dpif, errp);
    if (error) {
        VLOG_ERR("could not open datapath %s: %s", DPIF_DEFAULT_NAME,
                 ovs_strerror(error));
        return error;
    }
    system_backer = xzalloc(sizeof *system_backer);
    system_backer->type = xstrdup(DPIF_DEFAULT_TYPE);
    system_backer->dpif = dpif;
    system_backer->refcount = 1;
    hmap_init(&system_backer->tunnel_vports);
    system_backer->udpif = udpif_create(dpif);
    if (flow_limit) {
        udpif_set_flow_limit(system_backer->udpif, flow_limit);
    }
    if (max_idle) {
        udpif_set_max_idle(system_backer->udpif, max_idle);
    }
    *backerp = system_backer;
    return 0;
}

/* Drops a reference to 'backer'; with the last one, closes its datapath,
 * deleting it first if 'delete'. */
static void
backer_unref(struct backer *backer, bool delete)
{
    if (backer && !--backer->refcount) {
        struct tunnel_vport *tv;

        udpif_destroy(backer->udpif);
        if (delete) {
            dpif_delete(backer->dpif);
        }
        HMAP_FOR_EACH_POP (tv, node, &backer->tunnel_vports) {
            free(tv->type);
            free(tv);
        }
        hmap_destroy(&backer->tunnel_vports);
        dpif_close(backer->dpif);
        free(backer->type);
        if (backer == system_backer) {
            system_backer = NULL;
        }
        free(backer);
    }
}

static struct backer *
backer_for_type(const char *type)
{
    return type_is_system(type) ? system_backer : NULL;
}

void
ofproto_type_run(const char *type)
{
    struct backer *backer = backer_for_type(type);

    if (backer && backer->udpif) {
        udpif_run(backer->udpif);
    }
}

void
ofproto_type_wait(const char *type)
{
    struct backer *backer = backer_for_type(type);

    if (backer && backer->udpif) {
        udpif_wait(backer->udpif);
    }
}

struct dpif *
ofproto_type_get_dpif(const char *type)
{
    struct backer *backer = backer_for_type(type);

    return backer ? backer->dpif : NULL;
}

void
ofproto_set_flow_limit(unsigned int limit)
{
    flow_limit = limit;
    if (system_backer && limit) {
        udpif_set_flow_limit(system_backer->udpif, limit);
    }
}

void
ofproto_set_max_idle(unsigned int idle)
{
    max_idle = idle;
    if (system_backer && idle) {
        udpif_set_max_idle(system_backer->udpif, idle);
    }
}

/* Port descriptions. */

static void
dummy_mac(const char *name, uint32_t basis, struct eth_addr *mac)
{
    uint32_t h = hash_string(name, basis);

    mac->ea[0] = 0xaa;
    mac->ea[1] = 0x55;
    mac->ea[2] = h >> 24;
    mac->ea[3] = h >> 16;
    mac->ea[4] = h >> 8;
    mac->ea[5] = h;
}

static bool
port_has_device(const struct ofproto *ofproto, const struct ofport *port)
{
    return (ofproto->dpif && !port->is_tunnel
            && strcmp(port->type, "patch"));
}

/* Refreshes 'port->pp' from its kernel device.  Returns true if the
 * description changed. */
static bool
port_refresh(const struct ofproto *ofproto, struct ofport *port)
{
    struct ofp_port old = port->pp;
    struct netdev_info info;

    if (!port_has_device(ofproto, port)
        || netdev_get_info_by(NULL, 0, port->name, &info)) {
        return false;
    }
    if (info.has_mac) {
        port->pp.hw_addr = info.mac;
    }
    port->pp.config &= ~OFPPC_PORT_DOWN;
    if (!netdev_info_is_up(&info)) {
        port->pp.config |= OFPPC_PORT_DOWN;
    }
    port->pp.state &= ~(OFPPS_LINK_DOWN | OFPPS_LIVE);
    port->pp.state |= info.carrier ? OFPPS_LIVE : OFPPS_LINK_DOWN;
    return memcmp(&old, &port->pp, sizeof old) != 0;
}

static void
port_init_pp(const struct ofproto *ofproto, struct ofport *port)
{
    struct ofp_port *pp = &port->pp;

    memset(pp, 0, sizeof *pp);
    pp->port_no = port->ofp_port;
    ovs_strlcpy(pp->name, port->name, sizeof pp->name);
    dummy_mac(port->name, hash_string(ofproto->name, 0), &pp->hw_addr);
    if (port->ofp_port == OFPP_LOCAL && !ofproto->dpif) {
        dummy_mac(port->name, 0, &pp->hw_addr);
    }
    pp->state = OFPPS_LIVE;
    if (port_has_device(ofproto, port)) {
        port_refresh(ofproto, port);
    }
}

/* Bridges. */

static void
local_port_create(struct ofproto *ofproto)
{
    struct ofport_priv *p = xzalloc(sizeof *p);
    struct ofport *port = &p->up;

    port->ofproto = ofproto;
    port->ofp_port = OFPP_LOCAL;
    port->odp_port = ODPP_NONE;
    port->name = xstrdup(ofproto->name);
    port->type = xstrdup("internal");
    port->vlan_mode = OFPORT_VLAN_TRUNK;
    port->tag = -1;
    port->created = time_msec();
    if (ofproto->dpif) {
        odp_port_t odp = ODPP_NONE;
        int error = dpif_port_add(ofproto->dpif, port->name, "internal",
                                  NULL, 0, &odp);
        if (error == EEXIST) {
            struct dpif_port dp;

            error = dpif_port_query_by_name(ofproto->dpif, port->name, &dp);
            if (!error) {
                odp = dp.port_no;
                dpif_port_destroy(&dp);
            }
        }
        if (error) {
            VLOG_ERR("%s: could not add local port: %s", ofproto->name,
                     ovs_strerror(error));
        } else {
            port->odp_port = odp;
            hmap_insert(&odp_ports, &p->odp_node, hash_int(odp, 0));
        }
    }
    port_init_pp(ofproto, port);
    hmap_insert(&ofproto->ports, &port->hmap_node,
                hash_int(port->ofp_port, 0));
}

static uint64_t
mac_to_dpid(struct eth_addr mac)
{
    uint64_t dpid = 0;

    for (int i = 0; i < ETH_ADDR_LEN; i++) {
        dpid = (dpid << 8) | mac.ea[i];
    }
    return dpid;
}

int
ofproto_create(const char *name, const char *datapath_type,
               struct ofproto **ofprotop)
{
    struct ofproto_priv *p;
    struct ofproto *ofproto;
    struct ofport *local;
    int error;

    *ofprotop = NULL;
    if (ofproto_lookup(name)) {
        return EEXIST;
    }
    if (!type_is_system(datapath_type) && strcmp(datapath_type, "dummy")) {
        VLOG_ERR("%s: datapath type %s is not supported", name,
                 datapath_type);
        return EAFNOSUPPORT;
    }

    p = xzalloc(sizeof *p);
    ofproto = &p->up;
    ofproto->name = xstrdup(name);
    ofproto->type = xstrdup(type_is_system(datapath_type) ? "system"
                                                          : "dummy");
    if (type_is_system(datapath_type)) {
        error = backer_ref(datapath_type, &p->backer, NULL);
        if (error) {
            free(ofproto->type);
            free(ofproto->name);
            free(p);
            return error;
        }
        ofproto->dpif = p->backer->dpif;
    }
    hmap_init(&ofproto->ports);
    ofproto_tables_init(ofproto);
    ofproto->frag_handling = 0;
    ofproto->miss_send_len = OFP_DEFAULT_MISS_SEND_LEN;
    ofproto->ml = mac_learning_create(MAC_DEFAULT_IDLE_TIME);
    p->fail_mode = OFPROTO_FAIL_STANDALONE;
    p->next_port_poll = time_msec() + PORT_POLL_INTERVAL;

    local_port_create(ofproto);
    local = ofproto_get_port(ofproto, OFPP_LOCAL);
    ofproto->datapath_id = mac_to_dpid(local->pp.hw_addr);

    hmap_insert(&all_ofprotos, &ofproto->hmap_node, hash_string(name, 0));
    ofproto->connmgr = connmgr_create(ofproto, name);
    ofproto_add_default_flow(ofproto);
    ofproto_need_revalidate();
    *ofprotop = ofproto;
    return 0;
}

static void
ofproto_destroy__(struct ofproto *ofproto, bool keep_datapath)
{
    struct ofproto_priv *p;
    struct ofport *port, *next;

    if (!ofproto) {
        return;
    }
    p = ofproto_priv(ofproto);
    hmap_remove(&all_ofprotos, &ofproto->hmap_node);
    connmgr_destroy(ofproto->connmgr);
    ofproto->connmgr = NULL;
    HMAP_FOR_EACH_SAFE (port, next, hmap_node, &ofproto->ports) {
        port_destroy(ofproto, port, keep_datapath);
    }
    hmap_destroy(&ofproto->ports);
    ofproto_tables_destroy(ofproto);
    mac_learning_destroy(ofproto->ml);
    ofproto_need_revalidate();
    if (p->backer) {
        if (!keep_datapath) {
            udpif_revalidate_now(p->backer->udpif);
        }
        backer_unref(p->backer, !keep_datapath);
    }
    free(ofproto->dp_desc);
    free(ofproto->type);
    free(ofproto->name);
    free(p);
}

void
ofproto_destroy(struct ofproto *ofproto)
{
    ofproto_destroy__(ofproto, false);
}

void
ofproto_destroy_keep_datapath(struct ofproto *ofproto)
{
    ofproto_destroy__(ofproto, true);
}

struct ofproto *
ofproto_lookup(const char *name)
{
    struct ofproto *ofproto;

    HMAP_FOR_EACH_WITH_HASH (ofproto, hmap_node, hash_string(name, 0),
                             &all_ofprotos) {
        if (!strcmp(ofproto->name, name)) {
            return ofproto;
        }
    }
    return NULL;
}

struct ofproto *
ofproto_first(void)
{
    struct hmap_node *node = hmap_first(&all_ofprotos);

    return node ? CONTAINER_OF(node, struct ofproto, hmap_node) : NULL;
}

struct ofproto *
ofproto_next(const struct ofproto *ofproto)
{
    struct hmap_node *node = hmap_next(&all_ofprotos, &ofproto->hmap_node);

    return node ? CONTAINER_OF(node, struct ofproto, hmap_node) : NULL;
}

static void
poll_ports(struct ofproto *ofproto)
{
    struct ofport *port;

    HMAP_FOR_EACH (port, hmap_node, &ofproto->ports) {
        if (port_refresh(ofproto, port)) {
            ofproto_port_status_changed(ofproto, port, OFPPR_MODIFY);
        }
    }
}

void
ofproto_run(struct ofproto *ofproto)
{
    struct ofproto_priv *p = ofproto_priv(ofproto);
    long long now = time_msec();

    if (ofproto->connmgr) {
        connmgr_run(ofproto->connmgr);
    }
    ofproto_expire_rules(ofproto, now);
    if (ofproto->dpif && now >= p->next_port_poll) {
        p->next_port_poll = now + PORT_POLL_INTERVAL;
        poll_ports(ofproto);
    }
    if (ofproto->ml) {
        mac_learning_run(ofproto->ml);
    }
}

void
ofproto_wait(struct ofproto *ofproto)
{
    struct ofproto_priv *p = ofproto_priv(ofproto);
    long long next = ofproto_next_expiry(ofproto);

    if (ofproto->connmgr) {
        connmgr_wait(ofproto->connmgr);
    }
    if (next != LLONG_MAX) {
        poll_timer_wait_until(next);
    }
    if (ofproto->dpif) {
        poll_timer_wait_until(p->next_port_poll);
    }
    if (ofproto->ml) {
        mac_learning_wait(ofproto->ml);
    }
}

/* Configuration. */

void
ofproto_set_datapath_id(struct ofproto *ofproto, uint64_t dpid)
{
    ofproto->datapath_id = dpid;
}

void
ofproto_set_dp_desc(struct ofproto *ofproto, const char *desc)
{
    free(ofproto->dp_desc);
    ofproto->dp_desc = desc ? xstrdup(desc) : NULL;
}

/* Deletes every flow a controller could see, then adds the default flow
 * if the bridge is standalone without controllers (as stock does when
 * the fail mode or the presence of controllers changes). */
static void
flush_flows(struct ofproto *ofproto)
{
    struct ofp_flow_mod fm;

    ofp_flow_mod_init(&fm);
    match_init_catchall(&fm.match);
    fm.command = OFPFC_DELETE;
    fm.table_id = OFPTT_ALL;
    fm.out_port = OFPP_NONE;
    fm.out_group = OFPG_ANY;
    fm.buffer_id = OFP_NO_BUFFER;
    ofproto_flow_mod(ofproto, &fm, NULL);
    ofp_flow_mod_uninit(&fm);

    if (ofproto_priv(ofproto)->fail_mode == OFPROTO_FAIL_STANDALONE
        && !(ofproto->connmgr && connmgr_has_controllers(ofproto->connmgr))) {
        ofproto_add_default_flow(ofproto);
    }
}

void
ofproto_set_fail_mode(struct ofproto *ofproto, enum ofproto_fail_mode mode)
{
    struct ofproto_priv *p = ofproto_priv(ofproto);

    if (ofproto->connmgr) {
        connmgr_set_fail_secure(ofproto->connmgr,
                                mode == OFPROTO_FAIL_SECURE);
    }
    if (p->fail_mode != mode) {
        p->fail_mode = mode;
        if (!ofproto->connmgr || !connmgr_has_controllers(ofproto->connmgr)) {
            flush_flows(ofproto);
        }
    }
}

enum ofproto_fail_mode
ofproto_get_fail_mode(const struct ofproto *ofproto)
{
    return ofproto_priv(ofproto)->fail_mode;
}

void
ofproto_set_controllers(struct ofproto *ofproto,
                        const struct ofproto_controller *controllers,
                        size_t n)
{
    bool had;

    if (!ofproto->connmgr) {
        return;
    }
    had = connmgr_has_controllers(ofproto->connmgr);
    connmgr_set_controllers(ofproto->connmgr, controllers, n);
    if (had != connmgr_has_controllers(ofproto->connmgr)) {
        flush_flows(ofproto);
    }
}

void
ofproto_send_packet_in(struct ofproto *ofproto,
                       const struct ofp_packet_in *pin)
{
    if (ofproto->connmgr) {
        connmgr_send_packet_in(ofproto->connmgr, pin);
    }
}

/* Ports. */

struct ofport *
ofproto_get_port(const struct ofproto *ofproto, ofp_port_t ofp_port)
{
    struct ofport *port;

    HMAP_FOR_EACH_WITH_HASH (port, hmap_node, hash_int(ofp_port, 0),
                             &ofproto->ports) {
        if (port->ofp_port == ofp_port) {
            return port;
        }
    }
    return NULL;
}

struct ofport *
ofproto_get_port_by_name(const struct ofproto *ofproto, const char *name)
{
    struct ofport *port;

    HMAP_FOR_EACH (port, hmap_node, &ofproto->ports) {
        if (!strcmp(port->name, name)) {
            return port;
        }
    }
    return NULL;
}

size_t
ofproto_n_ports(const struct ofproto *ofproto)
{
    return hmap_count(&ofproto->ports);
}

static int
compare_ports(const void *a_, const void *b_)
{
    const struct ofport *const *a = a_;
    const struct ofport *const *b = b_;

    return ((*a)->ofp_port > (*b)->ofp_port) - ((*a)->ofp_port
                                                < (*b)->ofp_port);
}

struct ofport **
ofproto_sorted_ports(const struct ofproto *ofproto, size_t *n)
{
    struct ofport **ports = xmalloc((hmap_count(&ofproto->ports) + 1)
                                    * sizeof *ports);
    struct ofport *port;
    size_t i = 0;

    HMAP_FOR_EACH (port, hmap_node, &ofproto->ports) {
        ports[i++] = port;
    }
    qsort(ports, i, sizeof *ports, compare_ports);
    *n = i;
    return ports;
}

void
ofproto_get_port_descs(const struct ofproto *ofproto,
                       struct ofp_port **descs, size_t *n)
{
    struct ofport **ports = ofproto_sorted_ports(ofproto, n);

    *descs = xmalloc((*n + 1) * sizeof **descs);
    for (size_t i = 0; i < *n; i++) {
        (*descs)[i] = ports[i]->pp;
    }
    free(ports);
}

static ofp_port_t
choose_ofp_port(const struct ofproto *ofproto, ofp_port_t wanted)
{
    if (wanted != OFPP_NONE && wanted && wanted < OFPP_MAX
        && !ofproto_get_port(ofproto, wanted)) {
        return wanted;
    }
    for (ofp_port_t port = 1; port < OFPP_MAX; port++) {
        if (!ofproto_get_port(ofproto, port)) {
            return port;
        }
    }
    return OFPP_NONE;
}

static const char *
spec_option(const struct ofproto_port_spec *spec, const char *key)
{
    for (size_t i = 0; i < spec->n_options; i++) {
        if (!strcmp(spec->option_keys[i], key)) {
            return spec->option_values[i];
        }
    }
    return NULL;
}

static bool
parse_bool(const char *s, bool dflt)
{
    return !s ? dflt : !strcmp(s, "true");
}

static bool
parse_key(const char *s, ovs_be64 *key, bool *flow, bool *present)
{
    unsigned long long value;
    char *end;

    if (!s) {
        return true;
    }
    *present = true;
    if (!strcmp(s, "flow")) {
        *flow = true;
        return true;
    }
    errno = 0;
    value = strtoull(s, &end, 0);
    if (errno || *end || !*s) {
        return false;
    }
    *key = htonll(value);
    return true;
}

static bool
parse_ip_option(const char *s, ovs_be32 *ip, bool *flow)
{
    if (!s) {
        return true;
    }
    if (!strcmp(s, "flow")) {
        *flow = true;
        return true;
    }
    return ip_parse(s, ip) && *ip;
}

/* Parses the tunnel options of 'spec' into 'tnl'.  Returns NULL or an
 * error message. */
static char *
parse_tunnel(const struct ofproto_port_spec *spec, const char *type,
             struct ofport_tunnel *tnl)
{
    enum tunnel_dev_type tt;
    const char *s;

    memset(tnl, 0, sizeof *tnl);
    tnl->ttl = 64;
    tnl->dont_fragment = parse_bool(spec_option(spec, "df_default"), true);
    tnl->csum = parse_bool(spec_option(spec, "csum"), false);
    tunnel_dev_type_from_string(type, &tt);
    tnl->dst_port = tunnel_dev_default_port(tt);
    if (tt != TUNNEL_DEV_GRE) {
        /* VXLAN and Geneve always carry a key (VNI), 0 by default. */
        tnl->in_key_present = tnl->out_key_present = true;
    }

    if (!parse_ip_option(spec_option(spec, "remote_ip"), &tnl->remote_ip,
                         &tnl->remote_ip_flow)
        || (!tnl->remote_ip && !tnl->remote_ip_flow)) {
        return xasprintf("%s: %s type requires valid 'remote_ip' argument",
                         spec->name, type);
    }
    if (!parse_ip_option(spec_option(spec, "local_ip"), &tnl->local_ip,
                         &tnl->local_ip_flow)) {
        return xasprintf("%s: bad %s 'local_ip'", spec->name, type);
    }
    s = spec_option(spec, "key");
    if (!parse_key(s, &tnl->in_key, &tnl->in_key_flow, &tnl->in_key_present)
        || !parse_key(s, &tnl->out_key, &tnl->out_key_flow,
                      &tnl->out_key_present)
        || !parse_key(spec_option(spec, "in_key"), &tnl->in_key,
                      &tnl->in_key_flow, &tnl->in_key_present)
        || !parse_key(spec_option(spec, "out_key"), &tnl->out_key,
                      &tnl->out_key_flow, &tnl->out_key_present)) {
        return xasprintf("%s: bad %s key", spec->name, type);
    }
    s = spec_option(spec, "dst_port");
    if (s && (!str_to_int(s, 10, &(int) {0}) || !atoi(s)
              || atoi(s) > 65535)) {
        return xasprintf("%s: bad %s 'dst_port'", spec->name, type);
    }
    if (s) {
        tnl->dst_port = atoi(s);
    }
    s = spec_option(spec, "tos");
    if (s && !strcmp(s, "inherit")) {
        tnl->tos_inherit = true;
    } else if (s) {
        tnl->tos = atoi(s);
    }
    s = spec_option(spec, "ttl");
    if (s && strcmp(s, "inherit")) {
        tnl->ttl = atoi(s);
    }
    return NULL;
}

static bool
type_is_tunnel(const char *type)
{
    return (!strcmp(type, "vxlan") || !strcmp(type, "gre")
            || !strcmp(type, "geneve"));
}

static bool
type_is_known(const char *type)
{
    return (!strcmp(type, "system") || !strcmp(type, "internal")
            || !strcmp(type, "tap") || !strcmp(type, "patch")
            || type_is_tunnel(type));
}

static struct tunnel_vport *
tunnel_vport_find(struct backer *backer, const char *type,
                  uint16_t dst_port)
{
    struct tunnel_vport *tv;

    HMAP_FOR_EACH_WITH_HASH (tv, node, hash_string(type, dst_port),
                             &backer->tunnel_vports) {
        if (!strcmp(tv->type, type) && tv->dst_port == dst_port) {
            return tv;
        }
    }
    return NULL;
}

/* Adds (or shares) the tunnel vport for 'port'. */
static int
tunnel_vport_ref(struct backer *backer, struct ofport *port,
                 odp_port_t *odpp)
{
    struct tunnel_vport *tv;
    uint16_t dst_port = strcmp(port->type, "gre") ? port->tunnel.dst_port
                                                  : 0;
    struct dpif_port_option opt;
    char dst_port_s[8];
    odp_port_t odp = ODPP_NONE;
    int error;

    tv = tunnel_vport_find(backer, port->type, dst_port);
    if (tv) {
        tv->refcount++;
        *odpp = tv->odp_port;
        return 0;
    }
    snprintf(dst_port_s, sizeof dst_port_s, "%u", dst_port);
    opt.key = "dst_port";
    opt.value = dst_port_s;
    error = dpif_port_add(backer->dpif, port->name, port->type, &opt,
                          dst_port ? 1 : 0, &odp);
    if (error == EEXIST) {
        enum tunnel_dev_type tt;
        char devname[IFNAMSIZ];
        struct dpif_port dp;

        tunnel_dev_type_from_string(port->type, &tt);
        tunnel_dev_name(tt, dst_port, devname);
        error = dpif_port_query_by_name(backer->dpif, devname, &dp);
        if (!error) {
            odp = dp.port_no;
            dpif_port_destroy(&dp);
        }
    }
    if (error) {
        return error;
    }
    tv = xzalloc(sizeof *tv);
    tv->type = xstrdup(port->type);
    tv->dst_port = dst_port;
    tv->odp_port = odp;
    tv->refcount = 1;
    hmap_insert(&backer->tunnel_vports, &tv->node,
                hash_string(tv->type, dst_port));
    *odpp = odp;
    return 0;
}

static void
tunnel_vport_unref(struct backer *backer, const struct ofport *port)
{
    uint16_t dst_port = strcmp(port->type, "gre") ? port->tunnel.dst_port
                                                  : 0;
    struct tunnel_vport *tv = tunnel_vport_find(backer, port->type,
                                                dst_port);

    if (tv && !--tv->refcount) {
        dpif_port_del(backer->dpif, tv->odp_port);
        hmap_remove(&backer->tunnel_vports, &tv->node);
        free(tv->type);
        free(tv);
    }
}

/* Adds 'port' to the datapath, if the bridge has one. */
static int
port_add_to_dpif(struct ofproto *ofproto, struct ofport *port, char **errp)
{
    struct backer *backer = ofproto_priv(ofproto)->backer;
    odp_port_t odp = ODPP_NONE;
    int error;

    if (!backer || !strcmp(port->type, "patch")) {
        return 0;
    }
    if (port->is_tunnel) {
        error = tunnel_vport_ref(backer, port, &odp);
    } else {
        const char *dp_type = !strcmp(port->type, "internal") ? "internal"
                                                              : "system";
        error = dpif_port_add(backer->dpif, port->name, dp_type, NULL, 0,
                              &odp);
        if (error == EEXIST) {
            struct dpif_port dp;

            /* Left over from an earlier run: take it over. */
            if (!dpif_port_query_by_name(backer->dpif, port->name, &dp)) {
                odp = dp.port_no;
                dpif_port_destroy(&dp);
                error = 0;
            }
        }
    }
    if (error) {
        struct ds s = DS_EMPTY_INITIALIZER;

        ds_put_format(&s, "could not add network device %s to ofproto (",
                      port->name);
        dpif_format_error(&s, backer->dpif, error);
        ds_put_char(&s, ')');
        *errp = ds_steal_cstr(&s);
        return error;
    }
    port->odp_port = odp;
    hmap_insert(&odp_ports, &ofport_priv(port)->odp_node, hash_int(odp, 0));
    return 0;
}

static void
port_free(struct ofport *port)
{
    free(port->name);
    free(port->type);
    free(port->peer);
    free(port->trunks);
    free(ofport_priv(port));
}

static int
port_check_spec(const struct ofproto *ofproto,
                const struct ofproto_port_spec *spec, const char *type,
                char **errp)
{
    if (ofproto_get_port_by_name(ofproto, spec->name)) {
        *errp = xasprintf("%s: port already exists on bridge %s",
                          spec->name, ofproto->name);
        return EEXIST;
    }
    if (!type_is_known(type)) {
        *errp = xasprintf("could not open network device %s (%s)",
                          spec->name, ovs_strerror(EAFNOSUPPORT));
        return EAFNOSUPPORT;
    }
    if (!strcmp(type, "patch")) {
        const char *peer = spec_option(spec, "peer");

        if (!peer) {
            *errp = xasprintf("%s: patch type requires valid 'peer' "
                              "argument", spec->name);
            return EINVAL;
        } else if (!strcmp(peer, spec->name)) {
            *errp = xasprintf("%s: patch peer must not be self",
                              spec->name);
            return EINVAL;
        }
    }
    return 0;
}

int
ofproto_port_add(struct ofproto *ofproto,
                 const struct ofproto_port_spec *spec,
                 ofp_port_t *ofp_portp, char **errp)
{
    const char *type = spec->type && spec->type[0] ? spec->type : "system";
    struct ofport_priv *p;
    struct ofport *port;
    char *err = NULL;
    int error;

    error = port_check_spec(ofproto, spec, type, &err);
    if (error) {
        goto out;
    }
    p = xzalloc(sizeof *p);
    port = &p->up;
    port->ofproto = ofproto;
    port->name = xstrdup(spec->name);
    port->type = xstrdup(type);
    port->odp_port = ODPP_NONE;
    port->vlan_mode = OFPORT_VLAN_TRUNK;
    port->tag = -1;
    port->created = time_msec();
    if (!strcmp(type, "patch")) {
        port->peer = xstrdup(spec_option(spec, "peer"));
    } else if (type_is_tunnel(type)) {
        port->is_tunnel = true;
        err = parse_tunnel(spec, type, &port->tunnel);
        if (err) {
            port_free(port);
            error = EINVAL;
            goto out;
        }
    }
    port->ofp_port = choose_ofp_port(ofproto, spec->ofp_port);
    if (port->ofp_port == OFPP_NONE) {
        err = xasprintf("%s: no free OpenFlow port number", spec->name);
        port_free(port);
        error = EFBIG;
        goto out;
    }
    error = port_add_to_dpif(ofproto, port, &err);
    if (error) {
        port_free(port);
        goto out;
    }
    port_init_pp(ofproto, port);
    hmap_insert(&ofproto->ports, &port->hmap_node,
                hash_int(port->ofp_port, 0));
    if (ofp_portp) {
        *ofp_portp = port->ofp_port;
    }
    ofproto_port_status_changed(ofproto, port, OFPPR_ADD);

out:
    if (error) {
        VLOG_WARN("%s", err);
        if (errp) {
            *errp = err;
        } else {
            free(err);
        }
    }
    return error;
}

/* Removes 'port' from its datapath and frees it. */
static void
port_destroy(struct ofproto *ofproto, struct ofport *port, bool keep)
{
    struct backer *backer = keep ? NULL : ofproto_priv(ofproto)->backer;

    if (port->odp_port != ODPP_NONE) {
        hmap_remove(&odp_ports, &ofport_priv(port)->odp_node);
        if (backer && port->is_tunnel) {
            tunnel_vport_unref(backer, port);
        } else if (backer) {
            dpif_port_del(backer->dpif, port->odp_port);
        }
    }
    hmap_remove(&ofproto->ports, &port->hmap_node);
    port_free(port);
}

int
ofproto_port_del(struct ofproto *ofproto, ofp_port_t ofp_port)
{
    struct backer *backer = ofproto_priv(ofproto)->backer;
    struct ofport *port = ofproto_get_port(ofproto, ofp_port);
    struct ofp_port pp;

    if (!port) {
        return ENOENT;
    }
    if (ofp_port == OFPP_LOCAL) {
        return EINVAL;
    }
    pp = port->pp;
    port_destroy(ofproto, port, false);
    if (ofproto->ml) {
        mac_learning_flush_port(ofproto->ml, ofp_port);
    }
    if (ofproto->connmgr) {
        connmgr_send_port_status(ofproto->connmgr, OFPPR_DELETE, &pp);
    }
    ofproto_need_revalidate();
    if (backer) {
        udpif_revalidate_now(backer->udpif);
    }
    return 0;
}

void
ofproto_port_status_changed(struct ofproto *ofproto, struct ofport *port,
                            uint8_t reason)
{
    if (ofproto->connmgr) {
        connmgr_send_port_status(ofproto->connmgr, reason, &port->pp);
    }
    ofproto_need_revalidate();
}

int
ofproto_port_set_config(struct ofproto *ofproto, struct ofport *port,
                        uint32_t config, uint32_t mask)
{
    uint32_t new = (port->pp.config & ~mask) | (config & mask);
    uint32_t changed = new ^ port->pp.config;

    if (!changed) {
        return 0;
    }
    if (changed & OFPPC_PORT_DOWN && port_has_device(ofproto, port)) {
        struct netdev *netdev;
        int error = netdev_open(NULL, port->name, &netdev);

        if (!error) {
            error = netdev_set_up(netdev, !(new & OFPPC_PORT_DOWN), NULL);
            netdev_close(netdev);
        }
        if (error) {
            return error;
        }
    }
    port->pp.config = new;
    if (changed & OFPPC_PORT_DOWN && !port_has_device(ofproto, port)) {
        /* No device to ask: the link follows the administrative state. */
        port->pp.state &= ~(OFPPS_LINK_DOWN | OFPPS_LIVE);
        port->pp.state |= new & OFPPC_PORT_DOWN ? OFPPS_LINK_DOWN
                                                : OFPPS_LIVE;
    } else if (changed & OFPPC_PORT_DOWN) {
        port_refresh(ofproto, port);
    }
    ofproto_port_status_changed(ofproto, port, OFPPR_MODIFY);
    return 0;
}

void
ofproto_port_set_vlan(struct ofproto *ofproto, ofp_port_t ofp_port,
                      enum ofport_vlan_mode mode, int tag,
                      const unsigned long *trunks)
{
    struct ofport *port = ofproto_get_port(ofproto, ofp_port);
    size_t trunk_bytes = 4096 / CHAR_BIT;

    if (!port) {
        return;
    }
    port->vlan_mode = mode;
    port->tag = tag;
    free(port->trunks);
    port->trunks = trunks ? xmemdup(trunks, trunk_bytes) : NULL;
    ofproto_need_revalidate();
}

/* Counters a port does not have read as UINT64_MAX ("?" in ovs-ofctl),
 * as stock. */
int
ofproto_port_get_stats(const struct ofport *port,
                       struct ofp_port_stats *stats)
{
    const struct ofproto *ofproto = port->ofproto;
    long long age = time_msec() - port->created;
    struct netdev_info info;
    bool have_dp = false;
    int error = 0;

    memset(stats, 0xff, sizeof *stats);
    stats->port_no = port->ofp_port;
    stats->duration_sec = age / 1000;
    stats->duration_nsec = (age % 1000) * 1000000;
    stats->rx_packets = stats->tx_packets = 0;
    stats->rx_bytes = stats->tx_bytes = 0;
    if (!port_has_device(ofproto, port)) {
        return 0;
    }
    if (port->odp_port != ODPP_NONE) {
        struct dpif_port dp;

        if (!dpif_port_query_by_number(ofproto->dpif, port->odp_port, &dp)) {
            have_dp = dp.has_stats;
            if (have_dp) {
                stats->rx_packets = dp.stats.rx_packets;
                stats->tx_packets = dp.stats.tx_packets;
                stats->rx_bytes = dp.stats.rx_bytes;
                stats->tx_bytes = dp.stats.tx_bytes;
                stats->rx_errors = dp.stats.rx_errors;
                stats->tx_errors = dp.stats.tx_errors;
                stats->rx_dropped = dp.stats.rx_dropped;
                stats->tx_dropped = dp.stats.tx_dropped;
            }
            dpif_port_destroy(&dp);
        }
    }
    error = netdev_get_info_by(NULL, 0, port->name, &info);
    if (!error && info.has_stats) {
        if (!have_dp) {
            stats->rx_packets = info.stats.rx_packets;
            stats->tx_packets = info.stats.tx_packets;
            stats->rx_bytes = info.stats.rx_bytes;
            stats->tx_bytes = info.stats.tx_bytes;
            stats->rx_errors = info.stats.rx_errors;
            stats->tx_errors = info.stats.tx_errors;
            stats->rx_dropped = info.stats.rx_dropped;
            stats->tx_dropped = info.stats.tx_dropped;
        }
        stats->rx_frame_err = info.stats.rx_frame_errors;
        stats->rx_over_err = info.stats.rx_over_errors;
        stats->rx_crc_err = info.stats.rx_crc_errors;
        stats->collisions = info.stats.collisions;
    }
    return have_dp ? 0 : error;
}

/* How well tunnel port 'port' matches the tunnel metadata 'tnl': -1 if
 * not at all, otherwise higher for more exact matches (the key counts
 * most, then the local address, then the remote one). */
static int
tunnel_match_score(const struct ofport *port, const struct flow_tnl *tnl)
{
    const struct ofport_tunnel *t = &port->tunnel;
    ovs_be64 tun_id = tnl ? tnl->tun_id : 0;
    ovs_be32 src = tnl ? tnl->ip_src : 0;
    ovs_be32 dst = tnl ? tnl->ip_dst : 0;
    int score = 0;

    if (!t->in_key_flow) {
        if ((t->in_key_present ? t->in_key : 0) != tun_id) {
            return -1;
        }
        score += 4;
    }
    if (t->local_ip && !t->local_ip_flow) {
        if (t->local_ip != dst) {
            return -1;
        }
        score += 2;
    }
    if (!t->remote_ip_flow) {
        if (t->remote_ip != src) {
            return -1;
        }
        score += 1;
    }
    return score;
}

bool
ofproto_port_from_odp(odp_port_t odp_port, const struct flow_tnl *tnl,
                      struct ofproto **ofprotop, ofp_port_t *ofp_portp)
{
    struct ofport_priv *p;
    struct ofport *best = NULL;
    int best_score = -1;

    HMAP_FOR_EACH_WITH_HASH (p, odp_node, hash_int(odp_port, 0),
                             &odp_ports) {
        struct ofport *port = &p->up;

        if (port->odp_port != odp_port) {
            continue;
        }
        if (!port->is_tunnel) {
            best = port;
            break;
        } else {
            int score = tunnel_match_score(port, tnl);

            if (score > best_score) {
                best_score = score;
                best = port;
            }
        }
    }
    if (!best) {
        return false;
    }
    if (ofprotop) {
        *ofprotop = best->ofproto;
    }
    if (ofp_portp) {
        *ofp_portp = best->ofp_port;
    }
    return true;
}

enum ofperr
ofproto_execute_packet_out(struct ofproto *ofproto, ofp_port_t in_port,
                           const struct ofpacts *ofpacts,
                           const void *packet, size_t len)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);
    const struct ofport *port = ofproto_get_port(ofproto, in_port);
    struct xlate_packet_in *pi;
    struct dpif_execute exec;
    struct xlate_out xout;
    struct flow flow, md;
    int error;

    memset(&flow, 0, sizeof flow);
    flow_extract(packet, len, &flow);
    flow.in_port.ofp_port = in_port;

    xlate_out_init(&xout);
    error = xlate_packet_out(ofproto, &flow, ofpacts, packet, len, &xout);
    if (!error && ofproto->dpif && xout.odp_actions.used) {
        md = flow;
        md.in_port.odp_port = (port && port->odp_port != ODPP_NONE
                               ? port->odp_port : ODPP_LOCAL);
        memset(&exec, 0, sizeof exec);
        exec.packet = packet;
        exec.packet_len = len;
        exec.md = &md;
        exec.actions = xout.odp_actions.data;
        exec.actions_len = xout.odp_actions.used;
        error = dpif_execute(ofproto->dpif, &exec);
        if (error) {
            VLOG_WARN_RL(&rl, "%s: packet-out execution failed: %s",
                         ofproto->name, ovs_strerror(error));
        }
    }
    LIST_FOR_EACH (pi, list_node, &xout.packet_ins) {
        ofproto_send_packet_in(pi->ofproto, &pi->pin);
    }
    xlate_out_uninit(&xout);
    /* A failure to forward is not the controller's error (as stock). */
    return 0;
}
