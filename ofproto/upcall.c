/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Upcall handling (see upcall.h): receiving batches of upcalls, turning
 * each miss into a megaflow with its ukey, executing the packets, and the
 * appctl commands.  Revalidation is in revalidate.c. */

#include <config.h>

#include "upcall.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "datapath/dpif.h"
#include "dynamic-string.h"
#include "hash.h"
#include "odp-actions.h"
#include "odp-format.h"
#include "odp-key.h"
#include "ofproto.h"
#include "poll-loop.h"
#include "timeval.h"
#include "unixctl.h"
#include "upcall-private.h"
#include "util.h"
#include "vlog.h"
#include "xlate.h"

VLOG_DEFINE_THIS_MODULE(upcall);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

/* upcall/disable-megaflows: install exact-match flows. */
static bool enable_megaflows = true;

/* Every udpif, for the appctl commands. */
static struct ovs_list all_udpifs = OVS_LIST_INITIALIZER(&all_udpifs);

struct ovs_list *
udpif_all(void)
{
    return &all_udpifs;
}

/* Life cycle. */

struct udpif *
udpif_create(struct dpif *dpif)
{
    struct udpif *udpif = xzalloc(sizeof *udpif);
    int error;

    udpif->dpif = dpif;
    hmap_init(&udpif->ukeys);
    for (size_t i = 0; i < UPCALL_BATCH; i++) {
        nl_buf_init(&udpif->bufs[i], 2048);
    }
    udpif->flow_limit = UDPIF_DEFAULT_FLOW_LIMIT;
    udpif->max_idle = UDPIF_DEFAULT_MAX_IDLE;
    udpif->next_pass = time_msec();
    udpif->pass_force = true;       /* Adopt existing flows at once. */

    error = dpif_handlers_set(dpif, 1);
    if (!error) {
        error = dpif_recv_set(dpif, true);
    }
    if (error) {
        VLOG_WARN("%s: cannot receive upcalls (%s)", dpif_name(dpif),
                  ovs_strerror(error));
    } else {
        udpif->recv_enabled = true;
    }
    ovs_list_push_back(&all_udpifs, &udpif->list_node);
    return udpif;
}

void
udpif_destroy(struct udpif *udpif)
{
    struct ukey *ukey;

    if (!udpif) {
        return;
    }
    udpif_revalidate_stop(udpif);
    udpif->n_passes = UINT64_MAX;
    udpif_reply_waiters(udpif);
    free(udpif->waiters);
    if (udpif->recv_enabled) {
        dpif_recv_set(udpif->dpif, false);
    }
    HMAP_FOR_EACH_POP (ukey, hmap_node, &udpif->ukeys) {
        free(ukey->actions);
        free(ukey);
    }
    hmap_destroy(&udpif->ukeys);
    for (size_t i = 0; i < UPCALL_BATCH; i++) {
        nl_buf_uninit(&udpif->bufs[i]);
    }
    ovs_list_remove(&udpif->list_node);
    free(udpif);
}

void
udpif_set_flow_limit(struct udpif *udpif, unsigned int flow_limit)
{
    udpif->flow_limit = flow_limit;
}

void
udpif_set_max_idle(struct udpif *udpif, unsigned int max_idle_ms)
{
    udpif->max_idle = max_idle_ms;
}

void
udpif_revalidate_now(struct udpif *udpif)
{
    udpif->pass_force = true;
}

/* Ukeys. */

static uint32_t
ufid_hash(const ovs_u128 *ufid)
{
    return ufid->u32[0];
}

struct ukey *
udpif_ukey_find(const struct udpif *udpif, const ovs_u128 *ufid)
{
    struct ukey *ukey;

    HMAP_FOR_EACH_WITH_HASH (ukey, hmap_node, ufid_hash(ufid),
                             &udpif->ukeys) {
        if (ovs_u128_equals(ukey->ufid, *ufid)) {
            return ukey;
        }
    }
    return NULL;
}

struct ukey *
udpif_ukey_create(struct udpif *udpif, const ovs_u128 *ufid,
                  bool ufid_present, const struct match *match,
                  const void *actions, size_t actions_len)
{
    struct ukey *ukey = xzalloc(sizeof *ukey);

    ukey->ufid = *ufid;
    ukey->ufid_present = ufid_present;
    ukey->match = *match;
    ukey->actions = actions_len ? xmemdup(actions, actions_len) : NULL;
    ukey->actions_len = actions_len;
    ukey->created = ukey->used = time_msec();
    ukey->seen_pass = udpif->pass_no;
    hmap_insert(&udpif->ukeys, &ukey->hmap_node, ufid_hash(ufid));
    return ukey;
}

void
udpif_ukey_delete(struct udpif *udpif, struct ukey *ukey)
{
    hmap_remove(&udpif->ukeys, &ukey->hmap_node);
    free(ukey->actions);
    free(ukey);
}

/* Megaflows. */

/* Makes in 'match' the megaflow for 'flow' under the mask 'wc' that the
 * translation produced, and its UFID in '*ufid' (if nonnull).  Bits the
 * datapath needs matched exactly whatever the translation consulted (input
 * port, recirculation id, Ethertype, IP fragment type) are added, and the
 * match goes through the key codec once so that it compares equal to the
 * same flow read back from a dump. */
void
udpif_megaflow(const struct flow *flow, const struct flow_wildcards *wc_,
               struct match *match, ovs_u128 *ufid)
{
    struct flow_wildcards wc = *wc_;
    uint64_t kstub[256], mstub[256];
    struct nl_buf key, mask;
    struct match rt;

    nl_buf_use(&key, kstub, sizeof kstub);
    nl_buf_use(&mask, mstub, sizeof mstub);
    if (!enable_megaflows) {
        /* Every field the datapath's key has, exactly: the key of the
         * exact flow read back without a mask. */
        match_init_exact(&rt, flow);
        if (!odp_key_from_match(&rt, &key, NULL)
            && !odp_key_to_match(key.data, key.used, NULL, 0, match,
                                 NULL)) {
            if (ufid) {
                dpif_flow_hash(key.data, key.used, ufid);
            }
            return;
        }
        nl_buf_clear(&key);
    }
    wc.masks.in_port.odp_port = ODPP_NONE;
    wc.masks.recirc_id = UINT32_MAX;
    wc.masks.dl_type = OVS_BE16_MAX;
    if (flow_is_ip_any(flow)) {
        wc.masks.nw_frag |= FLOW_NW_FRAG_MASK;
    }
    match_init(match, flow, &wc);
    if (!odp_key_from_match(match, &key, &mask)) {
        if (!odp_key_to_match(key.data, key.used, mask.data, mask.used,
                              &rt, NULL)) {
            *match = rt;
        }
        if (ufid) {
            dpif_flow_hash(key.data, key.used, ufid);
        }
    } else if (ufid) {
        dpif_flow_hash(match, sizeof *match, ufid);
    }
}

/* Appends to 'buf' the datapath actions to install for 'flow' translated
 * into 'xo': the translation's actions, which for a slow flow are the
 * single slow-path userspace() action (xlate.h), so that every packet
 * comes up to be translated. */
void
udpif_flow_actions(struct udpif *udpif, const struct flow *flow,
                   const struct xlate_out *xo, struct nl_buf *buf)
{
    if (xo->slow && !xo->odp_actions.used) {
        ovs_be64 cookie = htonll(XLATE_SLOW_PATH_COOKIE);

        odp_put_userspace(buf, dpif_port_get_pid(udpif->dpif,
                                                 flow->in_port.odp_port),
                          &cookie, sizeof cookie);
    } else {
        nl_buf_put(buf, xo->odp_actions.data, xo->odp_actions.used);
    }
}

/* Credits the rules that 'match' goes through with 'delta', learning MAC
 * addresses on the way if 'may_learn' (traffic keeps its MAC entries
 * fresh, and relearns them after a restart). */
void
udpif_credit(const struct match *match, const struct dpif_flow_stats *delta,
             bool may_learn)
{
    struct xlate_in xin;
    struct xlate_out xo;

    if (!delta->n_packets) {
        return;
    }
    memset(&xin, 0, sizeof xin);
    xin.flow = match->flow;
    xin.n_packets = delta->n_packets;
    xin.n_bytes = delta->n_bytes;
    xin.used = delta->used;
    xin.may_learn = may_learn;
    xlate_out_init(&xo);
    xlate_actions(&xin, &xo);
    xlate_out_uninit(&xo);
}

/* Upcall handling. */

struct upcall {
    struct dpif_upcall up;
    struct xlate_out xo;
    bool translated;
    struct match match;
    ovs_u128 ufid;
    struct ukey *new_ukey;          /* Created for this upcall. */
    struct nl_buf put_actions;
    struct nl_buf exec_actions;
    struct dpif_op put_op;
    struct dpif_op exec_op;
};

static void
send_packet_ins(struct xlate_out *xo)
{
    struct xlate_packet_in *pin;

    LIST_FOR_EACH (pin, list_node, &xo->packet_ins) {
        if (pin->ofproto) {
            ofproto_send_packet_in(pin->ofproto, &pin->pin);
        }
    }
}

/* Prepares the datapath flow for the miss 'u', if there is to be one:
 * fills 'u->put_op' and returns true. */
static bool
prepare_put(struct udpif *udpif, struct upcall *u, uint64_t seq)
{
    struct dpif_flow_put *put = &u->put_op.u.flow_put;
    struct ukey *ukey;

    udpif_megaflow(&u->up.flow, &u->xo.wc, &u->match, &u->ufid);
    udpif_flow_actions(udpif, &u->up.flow, &u->xo, &u->put_actions);

    ukey = udpif_ukey_find(udpif, &u->ufid);
    if (ukey) {
        if (ukey->batch == udpif->batch_no) {
            return false;       /* Put already by this batch. */
        }
        if (ukey->actions_len != u->put_actions.used
            || (ukey->actions_len
                && memcmp(ukey->actions, u->put_actions.data,
                          ukey->actions_len))) {
            /* The flow may be gone and come back with other actions, or
             * still be there with the old ones: check at the next
             * pass. */
            ukey->reval_seq = 0;
        }
    } else if (hmap_count(&udpif->ukeys) >= udpif->flow_limit) {
        VLOG_WARN_RL(&rl, "%s: flow limit %u reached, not installing",
                     dpif_name(udpif->dpif), udpif->flow_limit);
        return false;
    } else {
        ukey = udpif_ukey_create(udpif, &u->ufid, true, &u->match,
                                 u->put_actions.data, u->put_actions.used);
        ukey->reval_seq = seq;
        u->new_ukey = ukey;
    }
    ukey->batch = udpif->batch_no;

    memset(&u->put_op, 0, sizeof u->put_op);
    u->put_op.type = DPIF_OP_FLOW_PUT;
    put->flags = DPIF_FP_CREATE;
    put->match = &u->match;
    put->ufid = &u->ufid;
    put->actions = u->put_actions.data;
    put->actions_len = u->put_actions.used;
    return true;
}

/* Translates upcall 'u' and adds its operations to 'ops'. */
static size_t
process_upcall(struct udpif *udpif, struct upcall *u, struct dpif_op **ops)
{
    uint64_t seq = ofproto_revalidate_seq();
    struct xlate_in xin;
    size_t n = 0;
    int error;

    memset(&xin, 0, sizeof xin);
    xin.flow = u->up.flow;
    xin.packet = u->up.packet;
    xin.packet_len = u->up.packet_len;
    xin.may_learn = true;
    xin.n_packets = 1;
    xin.n_bytes = u->up.packet_len;
    xin.used = time_msec();
    xin.upcall_pid = dpif_port_get_pid(udpif->dpif,
                                       u->up.flow.in_port.odp_port);
    xlate_out_init(&u->xo);
    u->translated = true;
    error = xlate_actions(&xin, &u->xo);
    if (error) {
        if (error != ENODEV) {
            VLOG_WARN_RL(&rl, "%s: translation failed (%s), dropping",
                         dpif_name(udpif->dpif), ovs_strerror(error));
        }
        /* A drop flow for the unknown port (or the failure). */
        nl_buf_clear(&u->xo.odp_actions);
        u->xo.slow = false;
    }
    send_packet_ins(&u->xo);

    if (u->up.type == DPIF_UC_MISS && prepare_put(udpif, u, seq)) {
        ops[n++] = &u->put_op;
    }

    /* A slow flow's packet gets what the translation did for it, not the
     * slow-path action (which would bring it back up). */
    if (u->xo.slow) {
        nl_buf_put(&u->exec_actions, u->xo.exec_actions.data,
                   u->xo.exec_actions.used);
    } else {
        nl_buf_put(&u->exec_actions, u->xo.odp_actions.data,
                   u->xo.odp_actions.used);
    }
    if (u->exec_actions.used && u->up.packet_len) {
        struct dpif_execute *exec = &u->exec_op.u.execute;

        memset(&u->exec_op, 0, sizeof u->exec_op);
        u->exec_op.type = DPIF_OP_EXECUTE;
        exec->packet = u->up.packet;
        exec->packet_len = u->up.packet_len;
        exec->md = &u->up.flow;
        exec->actions = u->exec_actions.data;
        exec->actions_len = u->exec_actions.used;
        exec->mtu = u->up.mru;
        ops[n++] = &u->exec_op;
    }
    return n;
}

static void
finish_upcall(struct udpif *udpif, struct upcall *u, bool put)
{
    if (put) {
        struct dpif_op *op = &u->put_op;

        if (op->error && op->error != EEXIST) {
            VLOG_WARN_RL(&rl, "%s: failed to put flow (%s%s%s)",
                         dpif_name(udpif->dpif), ovs_strerror(op->error),
                         op->error_msg ? ", kernel: " : "",
                         op->error_msg ? op->error_msg : "");
            udpif->n_upcall_errors++;
            if (u->new_ukey) {
                udpif_ukey_delete(udpif, u->new_ukey);
            }
        }
        free(op->error_msg);
    }
    if (u->exec_op.type == DPIF_OP_EXECUTE) {
        free(u->exec_op.error_msg);
    }
    if (u->translated) {
        xlate_out_uninit(&u->xo);
    }
    nl_buf_uninit(&u->put_actions);
    nl_buf_uninit(&u->exec_actions);
}

/* Receives and handles up to UPCALL_BATCH upcalls.  Returns the number
 * received. */
static size_t
handle_upcalls(struct udpif *udpif)
{
    struct upcall *ups = xcalloc(UPCALL_BATCH, sizeof *ups);
    struct dpif_op *ops[2 * UPCALL_BATCH];
    size_t n_ups = 0, n_ops = 0;

    udpif->batch_no++;
    while (n_ups < UPCALL_BATCH) {
        struct upcall *u = &ups[n_ups];
        int error = dpif_recv(udpif->dpif, 0, &u->up, &udpif->bufs[n_ups]);

        if (error) {
            if (error != EAGAIN) {
                VLOG_WARN_RL(&rl, "%s: receiving upcall failed (%s)",
                             dpif_name(udpif->dpif), ovs_strerror(error));
            }
            break;
        }
        n_ups++;
        udpif->n_upcalls++;
        nl_buf_init(&u->put_actions, 128);
        nl_buf_init(&u->exec_actions, 128);
        if (u->up.flow_error) {
            VLOG_WARN_RL(&rl, "%s: cannot decode upcall key (%s)",
                         dpif_name(udpif->dpif),
                         ovs_strerror(u->up.flow_error));
            udpif->n_upcall_errors++;
            continue;
        }
        n_ops += process_upcall(udpif, u, &ops[n_ops]);
    }

    if (n_ops) {
        dpif_operate(udpif->dpif, ops, n_ops);
    }
    for (size_t i = 0; i < n_ups; i++) {
        struct upcall *u = &ups[i];

        finish_upcall(udpif, u, u->put_op.type == DPIF_OP_FLOW_PUT
                      && u->put_op.u.flow_put.ufid);
    }
    free(ups);
    return n_ups;
}

void
udpif_run(struct udpif *udpif)
{
    long long deadline = time_msec() + UDPIF_RUN_BUDGET;

    if (udpif->recv_enabled) {
        while (handle_upcalls(udpif) == UPCALL_BATCH) {
            if (time_msec() >= deadline) {
                poll_immediate_wake();
                break;
            }
        }
    }
    udpif_revalidate_run(udpif, deadline);
}

void
udpif_wait(struct udpif *udpif)
{
    if (udpif->recv_enabled) {
        dpif_recv_wait(udpif->dpif, 0);
    }
    udpif_revalidate_wait(udpif);
}

/* Appctl. */

static void
upcall_unixctl_show(struct unixctl_conn *conn, int argc OVS_UNUSED,
                    const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct udpif *udpif;

    LIST_FOR_EACH (udpif, list_node, &all_udpifs) {
        struct dpif_dp_stats stats;
        uint64_t n_flows;

        memset(&stats, 0, sizeof stats);
        n_flows = (!dpif_get_dp_stats(udpif->dpif, &stats)
                   ? stats.n_flows : hmap_count(&udpif->ukeys));
        ds_put_format(&ds, "%s@%s:\n", dpif_type(udpif->dpif),
                      dpif_name(udpif->dpif));
        ds_put_format(&ds, "  flows         : (current %"PRIu64")"
                      " (avg %"PRIu64") (max %"PRIu64") (limit %u)\n",
                      n_flows, udpif->flows_avg, udpif->flows_max,
                      udpif->flow_limit);
        ds_put_format(&ds, "  dump duration : %lldms\n",
                      udpif->dump_duration);
        ds_put_cstr(&ds, "  ufid enabled : true\n\n");
        ds_put_format(&ds, "  %u: (keys %zu)\n", 0u,
                      hmap_count(&udpif->ukeys));
    }
    unixctl_command_reply(conn, ds_cstr(&ds));
    ds_destroy(&ds);
}

static void
upcall_unixctl_wait(struct unixctl_conn *conn, int argc OVS_UNUSED,
                    const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    struct udpif *udpif;

    if (ovs_list_is_empty(&all_udpifs)) {
        unixctl_command_reply(conn, "");
        return;
    }
    /* Wait on the first udpif that has not finished a pass started after
     * now; there is only one per process in practice. */
    udpif = CONTAINER_OF(ovs_list_front(&all_udpifs), struct udpif,
                         list_node);
    if (udpif->n_waiters >= udpif->allocated_waiters) {
        udpif->allocated_waiters = 2 * udpif->allocated_waiters + 4;
        udpif->waiters = xrealloc(udpif->waiters,
                                  udpif->allocated_waiters
                                  * sizeof *udpif->waiters);
    }
    udpif->waiters[udpif->n_waiters].conn = conn;
    udpif->waiters[udpif->n_waiters].target
        = udpif->n_passes + (udpif->dump ? 2 : 1);
    udpif->n_waiters++;
    udpif->pass_force = true;
    poll_immediate_wake();
}

static void
upcall_unixctl_purge(struct unixctl_conn *conn, int argc OVS_UNUSED,
                     const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    struct udpif *udpif;

    LIST_FOR_EACH (udpif, list_node, &all_udpifs) {
        udpif_purge(udpif);
    }
    unixctl_command_reply(conn, "");
}

static void
upcall_unixctl_set_flow_limit(struct unixctl_conn *conn, int argc OVS_UNUSED,
                              const char *argv[], void *aux OVS_UNUSED)
{
    unsigned int limit = strtoul(argv[1], NULL, 10);
    struct udpif *udpif;
    char *reply;

    /* Like stock, a malformed number is 0. */
    LIST_FOR_EACH (udpif, list_node, &all_udpifs) {
        udpif_set_flow_limit(udpif, limit);
    }
    reply = xasprintf("set flow_limit to %u\n", limit);
    unixctl_command_reply(conn, reply);
    free(reply);
}

/* upcall/enable-megaflows and upcall/disable-megaflows: a change deletes
 * every datapath flow, so that traffic comes back with the new kind. */
static void
upcall_unixctl_megaflows(struct unixctl_conn *conn, int argc OVS_UNUSED,
                         const char *argv[] OVS_UNUSED, void *enable)
{
    bool new = enable != NULL;
    struct udpif *udpif;

    if (new != enable_megaflows) {
        enable_megaflows = new;
        LIST_FOR_EACH (udpif, list_node, &all_udpifs) {
            udpif_purge(udpif);
        }
    }
    unixctl_command_reply(conn, new ? "megaflows enabled\n"
                                    : "megaflows disabled\n");
}

/* dpif/dump-flows [-m] [--names | --no-names] BRIDGE. */

static const char *
port_name(const struct ofproto *ofproto, uint32_t odp_port)
{
    const struct ofport *port;

    HMAP_FOR_EACH (port, hmap_node, &ofproto->ports) {
        if (port->odp_port == odp_port && odp_port != ODPP_NONE) {
            return port->name;
        }
    }
    return NULL;
}

/* Appends 'text' to 'ds' with "in_port(N)" and the output actions "N"
 * (numbers at nesting depth 0 after "actions:") given their names in
 * 'ofproto'. */
static void
put_with_names(struct ds *ds, const char *text, bool actions,
               const struct ofproto *ofproto)
{
    int depth = 0;

    for (const char *s = text; *s;) {
        size_t n_digits = strspn(s, "0123456789");
        bool key_port = !actions && s - text >= 8
                        && !strncmp(s - 8, "in_port(", 8)
                        && s[n_digits] == ')';
        bool act_port = (actions && !depth && (s == text || s[-1] == ',')
                         && (s[n_digits] == ',' || !s[n_digits]));

        if (n_digits && (key_port || act_port)) {
            unsigned long long v = strtoull(s, NULL, 10);
            const char *name = v <= UINT32_MAX ? port_name(ofproto, v) : NULL;

            if (name) {
                ds_put_cstr(ds, name);
            } else {
                ds_put_buffer(ds, s, n_digits);
            }
            s += n_digits;
            continue;
        }
        if (*s == '(') {
            depth++;
        } else if (*s == ')') {
            depth--;
        }
        ds_put_char(ds, *s++);
    }
}

static void
format_dp_flow(struct ds *ds, const struct dpif_flow *f, bool verbose,
               const struct ofproto *names)
{
    struct ds text = DS_EMPTY_INITIALIZER;
    const struct dpif_flow_stats *st = &f->stats;

    if (verbose && f->ufid_present) {
        ds_put_format(ds, "ufid:%08"PRIx32"-%04"PRIx32"-%04"PRIx32"-%04"
                      PRIx32"-%04"PRIx32"%08"PRIx32", ",
                      ovs_u128_word32(f->ufid, 3),
                      ovs_u128_word32(f->ufid, 2) >> 16,
                      ovs_u128_word32(f->ufid, 2) & 0xffff,
                      ovs_u128_word32(f->ufid, 1) >> 16,
                      ovs_u128_word32(f->ufid, 1) & 0xffff,
                      ovs_u128_word32(f->ufid, 0));
    }
    if (f->key) {
        odp_key_format(&text, f->key, f->key_len, f->mask, f->mask_len,
                       verbose);
    } else {
        odp_match_format(&text, &f->match, verbose);
    }
    if (names) {
        put_with_names(ds, ds_cstr(&text), false, names);
    } else {
        ds_put_buffer(ds, text.string, text.length);
    }
    ds_put_format(ds, ", packets:%"PRIu64", bytes:%"PRIu64", used:",
                  st->n_packets, st->n_bytes);
    if (st->used) {
        long long age = time_msec() - st->used;

        ds_put_format(ds, "%.3fs", (age > 0 ? age : 0) / 1000.0);
    } else {
        ds_put_cstr(ds, "never");
    }
    if (verbose && f->attrs.dp_layer) {
        ds_put_format(ds, ", dp:%s", f->attrs.dp_layer);
    }
    ds_put_cstr(ds, ", actions:");
    ds_clear(&text);
    odp_actions_format(&text, f->actions, f->actions_len);
    if (names) {
        put_with_names(ds, ds_cstr(&text), true, names);
    } else {
        ds_put_buffer(ds, text.string, text.length);
    }
    ds_put_char(ds, '\n');
    ds_destroy(&text);
}

static void
dpif_unixctl_dump_flows(struct unixctl_conn *conn, int argc,
                        const char *argv[], void *aux OVS_UNUSED)
{
    bool verbose = false;
    int names = -1;
    struct ofproto *ofproto;
    struct dpif_flow_dump *dump;
    struct dpif_flow f;
    struct ds ds = DS_EMPTY_INITIALIZER;
    int i;

    for (i = 1; i < argc - 1; i++) {
        if (!strcmp(argv[i], "-m") || !strcmp(argv[i], "--more")) {
            verbose = true;
        } else if (!strcmp(argv[i], "--names")) {
            names = 1;
        } else if (!strcmp(argv[i], "--no-names")) {
            names = 0;
        } else {
            unixctl_command_reply_error(conn, "invalid option");
            return;
        }
    }
    ofproto = ofproto_lookup(argv[argc - 1]);
    if (!ofproto) {
        unixctl_command_reply_error(conn, "no such bridge");
        return;
    }
    if (!ofproto->dpif) {
        unixctl_command_reply(conn, "");
        return;
    }
    if (names < 0) {
        names = verbose;
    }

    dump = dpif_flow_dump_create(ofproto->dpif, NULL);
    while (dpif_flow_dump_next(dump, &f)) {
        struct ofproto *owner;
        ofp_port_t ofp_port;

        if (f.match_error
            || !ofproto_port_from_odp(f.match.flow.in_port.odp_port,
                                      &f.match.flow.tunnel, &owner,
                                      &ofp_port)
            || owner != ofproto) {
            continue;
        }
        format_dp_flow(&ds, &f, verbose, names ? ofproto : NULL);
    }
    dpif_flow_dump_destroy(dump);
    unixctl_command_reply(conn, ds_cstr(&ds));
    ds_destroy(&ds);
}

void
udpif_init(void)
{
    static bool registered;

    if (registered) {
        return;
    }
    registered = true;
    unixctl_command_register("upcall/show", "", 0, 0,
                             upcall_unixctl_show, NULL);
    unixctl_command_register("revalidator/wait", "", 0, 0,
                             upcall_unixctl_wait, NULL);
    unixctl_command_register("revalidator/purge", "", 0, 0,
                             upcall_unixctl_purge, NULL);
    unixctl_command_register("upcall/set-flow-limit", "flow-limit-number",
                             1, 1, upcall_unixctl_set_flow_limit, NULL);
    unixctl_command_register("upcall/enable-megaflows", "", 0, 0,
                             upcall_unixctl_megaflows, &enable_megaflows);
    unixctl_command_register("upcall/disable-megaflows", "", 0, 0,
                             upcall_unixctl_megaflows, NULL);
    unixctl_command_register("dpif/dump-flows",
                             "[-m] [--names | --no-names] bridge", 1, 4,
                             dpif_unixctl_dump_flows, NULL);
}
