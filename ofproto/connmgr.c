/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* connmgr: the OpenFlow connections of one bridge.  See connmgr.h.
 *
 * Every connection is a struct ofconn in the connmgr's 'conns' list.
 * Connections accepted on the management socket or on a passive Controller
 * target live as long as their vconn.  An active Controller target has one
 * ofconn for its whole configured life; its vconn comes and goes, paced by
 * a reconnect state machine (reconnect.h) that only handles backoff: the
 * keepalive is connmgr's own (echo after one silent probe interval, drop
 * after two), the same for every kind of connection. */

#include <config.h>

#include "connmgr.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "connmgr-private.h"
#include "dirs.h"
#include "dynamic-string.h"
#include "match.h"
#include "ofp-actions.h"
#include "ofp-msgs.h"
#include "ofpbuf.h"
#include "ofproto.h"
#include "poll-loop.h"
#include "reconnect.h"
#include "timeval.h"
#include "util.h"
#include "vconn.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(connmgr);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

#define DEFAULT_PROBE_INTERVAL 5000
#define DEFAULT_MAX_BACKOFF 8000
#define MIN_BACKOFF 1000
#define MGMT_PROBE_INTERVAL 60000   /* Management connections, as stock. */
#define PIN_MAX_BACKLOG 100         /* Queued messages that stop packet-ins. */
#define FAIL_OPEN_PRIORITY 0xf0f0f0
#define MAX_MSGS_PER_RUN 50
#define MAX_ACCEPTS_PER_RUN 10

/* One Controller target. */
struct ofservice {
    struct ovs_list node;       /* In connmgr's 'services'. */
    char *target;
    bool passive;
    int max_backoff;            /* Normalized: msec. */
    int probe_interval;         /* Normalized: msec, 0 disabled. */
    int rate_limit, burst_limit;
    struct pvconn *pvconn;      /* Passive: the listener, or NULL. */
    int listen_error;
    struct ofconn *ofconn;      /* Active: its connection. */
    bool wanted;                /* For connmgr_set_controllers(). */
};

struct connmgr {
    struct ofproto *ofproto;
    char *name;                 /* Bridge name. */
    struct pvconn *mgmt;        /* punix:<rundir>/<bridge>.mgmt. */
    struct ovs_list services;   /* struct ofservice. */
    struct ovs_list conns;      /* struct ofconn. */
    unsigned int n_conns_created;

    /* Roles. */
    bool have_generation_id;
    uint64_t generation_id;

    /* Fail open. */
    bool fail_secure;
    bool fail_open_active;
    long long last_controller_time; /* A controller was last up then. */
};

static void ofconn_destroy(struct ofconn *);
static void ofconn_reset(struct ofconn *);
static void ofconn_apply_service(struct ofconn *);
static bool ofconn_run(struct ofconn *);
static void ofconn_wait(struct ofconn *);
static void ofservice_destroy(struct connmgr *, struct ofservice *);
static void fail_open_run(struct connmgr *);
static void fail_open_wait(struct connmgr *);
static void fail_open_stop(struct connmgr *);

/* Connection manager. */

struct connmgr *
connmgr_create(struct ofproto *ofproto, const char *bridge_name)
{
    struct connmgr *mgr = xzalloc(sizeof *mgr);
    char *target;
    int error;

    mgr->ofproto = ofproto;
    mgr->name = xstrdup(bridge_name);
    ovs_list_init(&mgr->services);
    ovs_list_init(&mgr->conns);
    mgr->last_controller_time = time_msec();

    target = xasprintf("punix:%s/%s.mgmt", ovs_rundir(), bridge_name);
    error = pvconn_open(target, 0, &mgr->mgmt);
    if (error) {
        VLOG_ERR("%s: could not listen for OpenFlow connections (%s)",
                 target, ovs_strerror(error));
        mgr->mgmt = NULL;
    }
    free(target);
    return mgr;
}

void
connmgr_destroy(struct connmgr *mgr)
{
    struct ofservice *svc, *next_svc;
    struct ofconn *ofconn, *next;

    if (!mgr) {
        return;
    }
    /* The ofproto is being destroyed with its rules: no need to remove
     * the fail-open rule through it. */
    mgr->fail_open_active = false;
    LIST_FOR_EACH_SAFE (svc, next_svc, node, &mgr->services) {
        ofservice_destroy(mgr, svc);
    }
    LIST_FOR_EACH_SAFE (ofconn, next, node, &mgr->conns) {
        ofconn_destroy(ofconn);
    }
    pvconn_close(mgr->mgmt);
    free(mgr->name);
    free(mgr);
}

struct ofproto *
connmgr_get_ofproto__(const struct ofconn *ofconn)
{
    return ofconn->mgr->ofproto;
}

static struct ofconn *
ofconn_create(struct connmgr *mgr, enum ofconn_type type,
              struct ofservice *svc, struct vconn *vconn, const char *name)
{
    struct ofconn *ofconn = xzalloc(sizeof *ofconn);

    ofconn->mgr = mgr;
    ofconn->svc = svc;
    ofconn->type = type;
    ofconn->vconn = vconn;
    ofconn->connected_at = LLONG_MIN;
    ofconn->disconnected_at = LLONG_MIN;
    ofconn->last_rx = time_msec();
    ovs_list_init(&ofconn->bundles);
    mgr->n_conns_created++;
    ofconn->name = (type == OFCONN_ACTIVE
                    ? xasprintf("%s<->%s", mgr->name, name)
                    : xasprintf("%s<->%s#%u", mgr->name, name,
                                mgr->n_conns_created));
    ofconn_reset(ofconn);
    ofconn_apply_service(ofconn);
    ovs_list_push_back(&mgr->conns, &ofconn->node);
    return ofconn;
}

/* Accepts up to a few connections from 'pvconn'. */
static void
accept_from(struct connmgr *mgr, struct pvconn *pvconn,
            enum ofconn_type type, struct ofservice *svc)
{
    int i;

    for (i = 0; i < MAX_ACCEPTS_PER_RUN; i++) {
        struct vconn *vconn;
        int error = pvconn_accept(pvconn, &vconn);

        if (error) {
            if (error != EAGAIN) {
                VLOG_WARN_RL(&rl, "%s: accept failed (%s)",
                             pvconn_get_name(pvconn), ovs_strerror(error));
            }
            return;
        }
        ofconn_create(mgr, type, svc, vconn,
                      type == OFCONN_MGMT ? "unix" : pvconn_get_name(pvconn));
    }
}

void
connmgr_run(struct connmgr *mgr)
{
    struct ofconn *ofconn, *next;
    struct ofservice *svc;

    if (mgr->mgmt) {
        accept_from(mgr, mgr->mgmt, OFCONN_MGMT, NULL);
    }
    LIST_FOR_EACH (svc, node, &mgr->services) {
        if (svc->pvconn) {
            accept_from(mgr, svc->pvconn, OFCONN_PASSIVE, svc);
        }
    }
    LIST_FOR_EACH_SAFE (ofconn, next, node, &mgr->conns) {
        if (!ofconn_run(ofconn)) {
            ofconn_destroy(ofconn);
        }
    }
    fail_open_run(mgr);
}

void
connmgr_wait(struct connmgr *mgr)
{
    struct ofservice *svc;
    struct ofconn *ofconn;

    if (mgr->mgmt) {
        pvconn_wait(mgr->mgmt);
    }
    LIST_FOR_EACH (svc, node, &mgr->services) {
        if (svc->pvconn) {
            pvconn_wait(svc->pvconn);
        }
    }
    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        ofconn_wait(ofconn);
    }
    fail_open_wait(mgr);
}

/* Controllers. */

static struct ofservice *
ofservice_find(const struct connmgr *mgr, const char *target)
{
    struct ofservice *svc;

    LIST_FOR_EACH (svc, node, &mgr->services) {
        if (!strcmp(svc->target, target)) {
            return svc;
        }
    }
    return NULL;
}

static void
ofservice_configure(struct ofservice *svc, const struct ofproto_controller *c)
{
    svc->max_backoff = (c->max_backoff > 0 ? c->max_backoff
                        : DEFAULT_MAX_BACKOFF);
    svc->probe_interval = (c->probe_interval > 0 ? c->probe_interval
                           : c->probe_interval < 0 ? 0
                           : DEFAULT_PROBE_INTERVAL);
    svc->rate_limit = c->rate_limit > 0 ? c->rate_limit : 0;
    svc->burst_limit = (c->burst_limit > 0 ? c->burst_limit
                        : MAX(svc->rate_limit / 4, 1));
}

/* Opens the listener of a passive target (again, after a failure). */
static void
ofservice_listen(struct connmgr *mgr, struct ofservice *svc)
{
    svc->listen_error = pvconn_open(svc->target, 0, &svc->pvconn);
    if (svc->listen_error) {
        VLOG_ERR("%s: %s: could not listen (%s)", mgr->name, svc->target,
                 ovs_strerror(svc->listen_error));
        svc->pvconn = NULL;
    }
}

static struct ofservice *
ofservice_create(struct connmgr *mgr, const struct ofproto_controller *c)
{
    struct ofservice *svc = xzalloc(sizeof *svc);

    svc->target = xstrdup(c->target);
    svc->passive = c->target[0] == 'p';
    ofservice_configure(svc, c);
    ovs_list_push_back(&mgr->services, &svc->node);
    if (svc->passive) {
        ofservice_listen(mgr, svc);
    } else {
        struct ofconn *ofconn;

        ofconn = ofconn_create(mgr, OFCONN_ACTIVE, svc, NULL, svc->target);
        ofconn->rc = reconnect_create(time_msec());
        reconnect_set_name(ofconn->rc, ofconn->name);
        reconnect_set_probe_interval(ofconn->rc, 0);
        svc->ofconn = ofconn;
        ofconn_apply_service(ofconn);
        reconnect_enable(ofconn->rc, time_msec());
    }
    return svc;
}

static void
ofservice_destroy(struct connmgr *mgr, struct ofservice *svc)
{
    struct ofconn *ofconn, *next;

    LIST_FOR_EACH_SAFE (ofconn, next, node, &mgr->conns) {
        if (ofconn->svc == svc) {
            ofconn_destroy(ofconn);
        }
    }
    pvconn_close(svc->pvconn);
    ovs_list_remove(&svc->node);
    free(svc->target);
    free(svc);
}

static bool
has_active_controllers(const struct connmgr *mgr)
{
    const struct ofservice *svc;

    LIST_FOR_EACH (svc, node, &mgr->services) {
        if (!svc->passive) {
            return true;
        }
    }
    return false;
}

void
connmgr_set_controllers(struct connmgr *mgr,
                        const struct ofproto_controller *cs, size_t n)
{
    bool had_active = has_active_controllers(mgr);
    struct ofservice *svc, *next;
    size_t i;

    LIST_FOR_EACH (svc, node, &mgr->services) {
        svc->wanted = false;
    }
    for (i = 0; i < n; i++) {
        if (!cs[i].target || !cs[i].target[0]) {
            continue;
        }
        svc = ofservice_find(mgr, cs[i].target);
        if (svc) {
            struct ofconn *ofconn;

            ofservice_configure(svc, &cs[i]);
            if (svc->passive && !svc->pvconn) {
                ofservice_listen(mgr, svc);
            }
            LIST_FOR_EACH (ofconn, node, &mgr->conns) {
                if (ofconn->svc == svc) {
                    ofconn_apply_service(ofconn);
                }
            }
        } else {
            svc = ofservice_create(mgr, &cs[i]);
        }
        svc->wanted = true;
    }
    LIST_FOR_EACH_SAFE (svc, next, node, &mgr->services) {
        if (!svc->wanted) {
            ofservice_destroy(mgr, svc);
        }
    }

    if (!had_active && has_active_controllers(mgr)) {
        mgr->last_controller_time = time_msec();
    }
    poll_immediate_wake();
}

void
connmgr_set_fail_secure(struct connmgr *mgr, bool secure)
{
    if (mgr->fail_secure != secure) {
        mgr->fail_secure = secure;
        poll_immediate_wake();
    }
}

static bool
ofconn_is_controller_up(const struct ofconn *ofconn)
{
    return ofconn->type != OFCONN_MGMT && ofconn->vconn && ofconn->negotiated;
}

bool
connmgr_has_controller_connection(const struct connmgr *mgr)
{
    const struct ofconn *ofconn;

    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        if (ofconn_is_controller_up(ofconn)) {
            return true;
        }
    }
    return false;
}

bool
connmgr_has_controllers(const struct connmgr *mgr)
{
    return !ovs_list_is_empty(&mgr->services);
}

/* Fail open.  Only active ("primary") controllers count, as in stock. */

static bool
active_controller_up(const struct connmgr *mgr)
{
    const struct ofconn *ofconn;

    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        if (ofconn->type == OFCONN_ACTIVE && ofconn_is_controller_up(ofconn)) {
            return true;
        }
    }
    return false;
}

static long long
fail_open_trigger(const struct connmgr *mgr)
{
    const struct ofservice *svc;
    int max_probe = 0;

    LIST_FOR_EACH (svc, node, &mgr->services) {
        if (!svc->passive && svc->probe_interval > max_probe) {
            max_probe = svc->probe_interval;
        }
    }
    return 3LL * max_probe;
}

static void
fail_open_rule(struct match *match, struct ofpacts *ofpacts)
{
    struct ofpact *a;

    match_init_catchall(match);
    ofpacts_init(ofpacts);
    a = ofpacts_put(ofpacts, OFPACT_OUTPUT);
    a->output.port = OFPP_NORMAL;
    a->output.max_len = 0;
}

static void
fail_open_start(struct connmgr *mgr)
{
    struct ofpacts ofpacts;
    struct match match;

    VLOG_WARN("%s: could not connect to a controller for %lld seconds, "
              "failing open", mgr->name,
              (time_msec() - mgr->last_controller_time) / 1000);
    fail_open_rule(&match, &ofpacts);
    ofproto_add_hidden_flow(mgr->ofproto, &match, FAIL_OPEN_PRIORITY,
                            &ofpacts);
    ofpacts_uninit(&ofpacts);
    mgr->fail_open_active = true;
}

static void
fail_open_stop(struct connmgr *mgr)
{
    struct ofpacts ofpacts;
    struct match match;

    if (!mgr->fail_open_active) {
        return;
    }
    VLOG_WARN("%s: no longer in fail-open mode", mgr->name);
    fail_open_rule(&match, &ofpacts);
    ofproto_delete_hidden_flow(mgr->ofproto, &match, FAIL_OPEN_PRIORITY);
    ofpacts_uninit(&ofpacts);
    mgr->fail_open_active = false;
}

static void
fail_open_run(struct connmgr *mgr)
{
    long long now = time_msec();

    if (mgr->fail_secure || !has_active_controllers(mgr)) {
        fail_open_stop(mgr);
        mgr->last_controller_time = now;
    } else if (active_controller_up(mgr)) {
        fail_open_stop(mgr);
        mgr->last_controller_time = now;
    } else if (!mgr->fail_open_active
               && now >= mgr->last_controller_time + fail_open_trigger(mgr)) {
        fail_open_start(mgr);
    }
}

static void
fail_open_wait(struct connmgr *mgr)
{
    if (!mgr->fail_secure && !mgr->fail_open_active
        && has_active_controllers(mgr) && !active_controller_up(mgr)) {
        poll_timer_wait_until(mgr->last_controller_time
                              + fail_open_trigger(mgr));
    }
}

/* Connections. */

/* Forgets everything a peer set: a new connection starts from scratch. */
static void
ofconn_reset(struct ofconn *ofconn)
{
    ofconn->protocol = (ofconn->version == OFP10_VERSION
                        ? OFP_PROTO_OF10 : OFP_PROTO_OF13);
    ofconn->table_id_ext = false;
    ofconn->miss_send_len = (ofconn->type == OFCONN_ACTIVE
                             ? OFP_DEFAULT_MISS_SEND_LEN : 0);
    ofconn->role = OFPCR_ROLE_EQUAL;
    ofconn->probe_sent = false;
    ofconn->last_rx = time_msec();
    ofconn->tb_tokens = (long long) ofconn->burst * 1000;
    ofconn->tb_last = time_msec();
    connmgr_bundles_clear(ofconn);
}

/* Takes the keepalive, backoff and rate settings of the ofconn's service
 * (or the management defaults). */
static void
ofconn_apply_service(struct ofconn *ofconn)
{
    const struct ofservice *svc = ofconn->svc;

    if (!svc) {
        ofconn->probe_interval = MGMT_PROBE_INTERVAL;
        ofconn->rate = 0;
        ofconn->burst = 0;
        return;
    }
    ofconn->probe_interval = svc->probe_interval;
    if (ofconn->rate != svc->rate_limit || ofconn->burst != svc->burst_limit) {
        ofconn->rate = svc->rate_limit;
        ofconn->burst = svc->burst_limit;
        ofconn->tb_tokens = (long long) ofconn->burst * 1000;
        ofconn->tb_last = time_msec();
    }
    if (ofconn->rc) {
        reconnect_set_backoff(ofconn->rc,
                              MIN(MIN_BACKOFF, svc->max_backoff),
                              svc->max_backoff);
    }
}

static void
ofconn_destroy(struct ofconn *ofconn)
{
    ovs_list_remove(&ofconn->node);
    if (ofconn->svc && ofconn->svc->ofconn == ofconn) {
        ofconn->svc->ofconn = NULL;
    }
    connmgr_bundles_clear(ofconn);
    vconn_close(ofconn->vconn);
    if (ofconn->rc) {
        reconnect_destroy(ofconn->rc);
    }
    free(ofconn->name);
    free(ofconn);
}

/* Ends the current vconn of 'ofconn' because of 'error' (0: on purpose,
 * EOF: the peer closed).  Returns false if 'ofconn' itself must go, which
 * is every kind except OFCONN_ACTIVE. */
static bool
ofconn_disconnect(struct ofconn *ofconn, int error)
{
    long long now = time_msec();

    if (error == EOF) {
        VLOG_INFO("%s: connection closed by peer", ofconn->name);
    } else if (error) {
        VLOG_INFO("%s: connection dropped (%s)", ofconn->name,
                  ovs_strerror(error));
    }
    ofconn->last_error = error;
    if (ofconn->negotiated) {
        ofconn->disconnected_at = now;
    }
    if (ofconn->type != OFCONN_ACTIVE) {
        return false;
    }
    if (ofconn->negotiated) {
        reconnect_disconnected(ofconn->rc, now, error);
    } else {
        reconnect_connect_failed(ofconn->rc, now, error);
    }
    vconn_close(ofconn->vconn);
    ofconn->vconn = NULL;
    ofconn->negotiated = false;
    ofconn->version = 0;
    ofconn_reset(ofconn);
    return true;
}

static void
ofconn_connected(struct ofconn *ofconn)
{
    long long now = time_msec();

    ofconn->negotiated = true;
    ofconn->version = vconn_get_version(ofconn->vconn);
    ofconn_reset(ofconn);
    ofconn->connected_at = now;
    if (ofconn->rc) {
        reconnect_connected(ofconn->rc, now);
    }
    VLOG_INFO("%s: connected (OpenFlow version 0x%02x)", ofconn->name,
              ofconn->version);
}

/* For OFCONN_ACTIVE: follows the backoff state machine. */
static void
ofconn_reconnect_run(struct ofconn *ofconn)
{
    long long now = time_msec();
    int error;

    switch (reconnect_run(ofconn->rc, now)) {
    case RECONNECT_CONNECT:
        if (ofconn->vconn) {
            vconn_close(ofconn->vconn);
            ofconn->vconn = NULL;
        }
        error = vconn_open(ofconn->svc->target, 0, &ofconn->vconn);
        if (error) {
            VLOG_WARN_RL(&rl, "%s: connecting failed (%s)", ofconn->name,
                         ovs_strerror(error));
            ofconn->vconn = NULL;
            ofconn->last_error = error;
            reconnect_connect_failed(ofconn->rc, now, error);
        } else {
            reconnect_connecting(ofconn->rc, now);
            ofconn->last_rx = now;
            ofconn->probe_sent = false;
        }
        break;
    case RECONNECT_DISCONNECT:
        if (ofconn->vconn) {
            ofconn_disconnect(ofconn, ofconn->negotiated ? 0 : ETIMEDOUT);
        }
        break;
    case RECONNECT_PROBE:
    case RECONNECT_NONE:
        break;
    }
}

static void
ofconn_send_echo_request(struct ofconn *ofconn)
{
    struct ofpbuf *b = xmalloc(sizeof *b);

    ofpbuf_init(b);
    ofp_encode_echo(b, OFPTYPE_ECHO_REQUEST, ofconn->version,
                    vconn_next_xid(ofconn->vconn), NULL, 0);
    ofconn_send(ofconn, b);
}

/* Keepalive: returns false if the peer has been silent too long. */
static bool
ofconn_probe_run(struct ofconn *ofconn)
{
    long long now = time_msec();

    if (!ofconn->probe_interval) {
        return true;
    }
    if (now >= ofconn->last_rx + 2LL * ofconn->probe_interval) {
        VLOG_INFO("%s: no response to inactivity probe after %d ms, "
                  "disconnecting", ofconn->name, ofconn->probe_interval);
        return false;
    }
    if (now >= ofconn->last_rx + ofconn->probe_interval
        && !ofconn->probe_sent && ofconn->negotiated) {
        ofconn_send_echo_request(ofconn);
        ofconn->probe_sent = true;
    }
    return true;
}

static void ofconn_handle_msg(struct ofconn *, struct ofpbuf *);
static void ofconn_send_error__(struct ofconn *, const struct ofpbuf *,
                                enum ofperr, uint8_t version);

/* Receives and handles messages.  Returns 0 or the error that ended the
 * vconn. */
static int
ofconn_recv_run(struct ofconn *ofconn)
{
    int i;

    for (i = 0; i < MAX_MSGS_PER_RUN; i++) {
        struct ofpbuf *msg;
        int error = vconn_recv(ofconn->vconn, &msg);

        if (error == EAGAIN) {
            return 0;
        } else if (error) {
            return error;
        }
        ofconn->last_rx = time_msec();
        ofconn->probe_sent = false;
        ofconn_handle_msg(ofconn, msg);
        vconn_msg_free(msg);
        if (!ofconn->vconn) {
            return 0;
        }
    }
    poll_immediate_wake();
    return 0;
}

/* Runs 'ofconn'.  Returns false if it must be destroyed. */
static bool
ofconn_run(struct ofconn *ofconn)
{
    int error;

    if (ofconn->rc) {
        ofconn_reconnect_run(ofconn);
    }
    if (!ofconn->vconn) {
        return true;
    }
    vconn_run(ofconn->vconn);
    if (!ofconn->negotiated) {
        error = vconn_connect(ofconn->vconn);
        if (error == EAGAIN) {
            return ofconn_probe_run(ofconn) || ofconn_disconnect(ofconn,
                                                                 ETIMEDOUT);
        } else if (error) {
            return ofconn_disconnect(ofconn, error);
        }
        ofconn_connected(ofconn);
    }
    error = ofconn_recv_run(ofconn);
    if (error) {
        return ofconn_disconnect(ofconn, error);
    }
    if (!ofconn->vconn) {
        return true;
    }
    if (!ofconn_probe_run(ofconn)) {
        return ofconn_disconnect(ofconn, ETIMEDOUT);
    }
    connmgr_bundles_expire(ofconn, time_msec());
    vconn_run(ofconn->vconn);
    return true;
}

static void
ofconn_wait(struct ofconn *ofconn)
{
    if (ofconn->rc) {
        reconnect_wait(ofconn->rc, time_msec());
    }
    if (!ofconn->vconn) {
        return;
    }
    vconn_wait(ofconn->vconn, true);
    if (ofconn->probe_interval) {
        poll_timer_wait_until(ofconn->last_rx
                              + (ofconn->probe_sent || !ofconn->negotiated
                                 ? 2LL : 1LL) * ofconn->probe_interval);
    }
    if (!ovs_list_is_empty(&ofconn->bundles)) {
        poll_timer_wait_until(connmgr_bundles_next_expiry(ofconn));
    }
}

/* Messages. */

static bool
refused_to_slave(enum ofptype type)
{
    return (type == OFPTYPE_FLOW_MOD || type == OFPTYPE_PORT_MOD
            || type == OFPTYPE_PACKET_OUT);
}

static void
ofconn_handle_msg(struct ofconn *ofconn, struct ofpbuf *msg)
{
    struct ofp_msg_info info;
    enum ofperr error;

    error = ofptype_decode(msg->data, msg->size, &info);
    if (!error && info.version != ofconn->version
        && info.type != OFPTYPE_ECHO_REQUEST) {
        /* As stock: the ERROR is in the version of the request. */
        ofconn_send_error__(ofconn, msg, OFPERR_OFPBRC_BAD_VERSION,
                            info.version);
        return;
    }
    if (error) {
        ofconn_send_error(ofconn, msg, error);
        return;
    }

    switch (info.type) {
    case OFPTYPE_ECHO_REQUEST: {
        const uint8_t *data;
        size_t len;

        error = ofp_decode_echo(msg->data, msg->size, &data, &len);
        if (!error) {
            struct ofpbuf *reply = xmalloc(sizeof *reply);

            ofpbuf_init(reply);
            ofp_encode_echo(reply, OFPTYPE_ECHO_REPLY, info.version,
                            info.xid, data, len);
            ofconn_send(ofconn, reply);
        }
        break;
    }
    case OFPTYPE_ECHO_REPLY:
    case OFPTYPE_HELLO:
        break;
    case OFPTYPE_ERROR:
        VLOG_INFO_RL(&rl, "%s: received an OFPT_ERROR (xid %"PRIu32")",
                     ofconn->name, info.xid);
        break;
    case OFPTYPE_BUNDLE_CONTROL:
        error = connmgr_bundle_control(ofconn, msg);
        break;
    case OFPTYPE_BUNDLE_ADD_MESSAGE:
        error = connmgr_bundle_add(ofconn, msg);
        break;
    default:
        if (refused_to_slave(info.type)
            && ofconn->role == OFPCR_ROLE_SLAVE) {
            error = OFPERR_OFPBRC_IS_SLAVE;
        } else {
            error = ofproto_handle_openflow(ofconn->mgr->ofproto, ofconn,
                                            msg);
        }
        break;
    }
    if (error && ofconn->vconn) {
        ofconn_send_error(ofconn, msg, error);
    }
}

void
ofconn_send(struct ofconn *ofconn, struct ofpbuf *msg)
{
    if (!ofconn->vconn || !ofconn->negotiated) {
        vconn_msg_free(msg);
        return;
    }
    vconn_send(ofconn->vconn, msg);
}

static void
ofconn_send_error__(struct ofconn *ofconn, const struct ofpbuf *request,
                    enum ofperr error, uint8_t version)
{
    uint32_t xid = request->size >= OFP_HEADER_LEN
                   ? ofp_get32(request->data + 4) : 0;
    struct ofpbuf *b;

    VLOG_INFO_RL(&rl, "%s: sending %s error reply", ofconn->name,
                 ofperr_get_name(error));
    b = xmalloc(sizeof *b);
    ofpbuf_init(b);
    ofp_encode_error_full(b, error, version, xid, request->data,
                          request->size);
    ofconn_send(ofconn, b);
}

void
ofconn_send_error(struct ofconn *ofconn, const struct ofpbuf *request,
                  enum ofperr error)
{
    ofconn_send_error__(ofconn, request, error, ofconn->version);
}

/* Per-connection settings. */

uint8_t
ofconn_get_version(const struct ofconn *ofconn)
{
    return ofconn->version;
}

enum ofp_protocol
ofconn_get_protocol(const struct ofconn *ofconn)
{
    return ofconn->protocol;
}

void
ofconn_set_protocol(struct ofconn *ofconn, enum ofp_protocol protocol)
{
    ofconn->protocol = protocol;
}

bool
ofconn_get_table_id_ext(const struct ofconn *ofconn)
{
    return ofconn->table_id_ext;
}

void
ofconn_set_table_id_ext(struct ofconn *ofconn, bool enable)
{
    ofconn->table_id_ext = enable;
}

uint16_t
ofconn_get_miss_send_len(const struct ofconn *ofconn)
{
    return ofconn->miss_send_len;
}

void
ofconn_set_miss_send_len(struct ofconn *ofconn, uint16_t miss_send_len)
{
    ofconn->miss_send_len = miss_send_len;
}

uint32_t
ofconn_get_role(const struct ofconn *ofconn)
{
    return ofconn->role;
}

enum ofperr
ofconn_set_role(struct ofconn *ofconn, const struct ofp_role *role)
{
    struct connmgr *mgr = ofconn->mgr;

    if (role->role == OFPCR_ROLE_NOCHANGE) {
        return 0;
    }
    if (role->role > OFPCR_ROLE_SLAVE) {
        return OFPERR_OFPRRFC_BAD_ROLE;
    }
    if (role->role != OFPCR_ROLE_EQUAL && role->have_generation_id) {
        if (mgr->have_generation_id
            && (int64_t) (role->generation_id - mgr->generation_id) < 0) {
            return OFPERR_OFPRRFC_STALE;
        }
        mgr->have_generation_id = true;
        mgr->generation_id = role->generation_id;
    }
    if (role->role == OFPCR_ROLE_MASTER) {
        struct ofconn *other;

        LIST_FOR_EACH (other, node, &mgr->conns) {
            if (other != ofconn && other->role == OFPCR_ROLE_MASTER) {
                other->role = OFPCR_ROLE_SLAVE;
            }
        }
    }
    ofconn->role = role->role;
    return 0;
}

bool
ofconn_is_management(const struct ofconn *ofconn)
{
    return ofconn->type == OFCONN_MGMT;
}

/* Asynchronous messages. */

/* Whether 'ofconn' gets asynchronous messages of 'type' (PACKET_IN,
 * FLOW_REMOVED or PORT_STATUS).  As in stock: service connections
 * (management and passive targets) only after setting a nonzero
 * miss_send_len; slaves only PORT_STATUS. */
static bool
ofconn_wants_async(const struct ofconn *ofconn, enum ofptype type)
{
    if (!ofconn->vconn || !ofconn->negotiated) {
        return false;
    }
    if (ofconn->type != OFCONN_ACTIVE && !ofconn->miss_send_len) {
        return false;
    }
    if (ofconn->role == OFPCR_ROLE_SLAVE) {
        return type == OFPTYPE_PORT_STATUS;
    }
    return true;
}

/* Token bucket: returns true if a packet-in may go now. */
static bool
ofconn_pin_admit(struct ofconn *ofconn, long long now)
{
    long long cap;

    if (!ofconn->rate) {
        return true;
    }
    cap = (long long) ofconn->burst * 1000;
    if (now > ofconn->tb_last) {
        ofconn->tb_tokens += (now - ofconn->tb_last) * ofconn->rate;
        ofconn->tb_last = now;
    }
    if (ofconn->tb_tokens > cap) {
        ofconn->tb_tokens = cap;
    }
    if (ofconn->tb_tokens >= 1000) {
        ofconn->tb_tokens -= 1000;
        return true;
    }
    return false;
}

void
connmgr_send_packet_in(struct connmgr *mgr, const struct ofp_packet_in *pin)
{
    long long now = time_msec();
    struct ofconn *ofconn;

    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        struct ofp_packet_in copy;
        struct ofpbuf *b;

        if (!ofconn_wants_async(ofconn, OFPTYPE_PACKET_IN)) {
            continue;
        }
        copy = *pin;
        if (copy.reason == OFPR_NO_MATCH
            && copy.packet_len > ofconn->miss_send_len) {
            copy.packet_len = ofconn->miss_send_len;
        }
        b = xmalloc(sizeof *b);
        ofpbuf_init(b);
        ofp_encode_packet_in(b, &copy, ofconn->version, 0);
        if (vconn_get_tx_backlog(ofconn->vconn) > PIN_MAX_BACKLOG * b->size
            || !ofconn_pin_admit(ofconn, now)) {
            ofconn->n_pin_dropped++;
            vconn_msg_free(b);
            continue;
        }
        ofconn->n_pin_sent++;
        ofconn_send(ofconn, b);
    }
}

void
connmgr_send_flow_removed(struct connmgr *mgr,
                          const struct ofp_flow_removed *fr)
{
    struct ofconn *ofconn;

    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        if (ofconn_wants_async(ofconn, OFPTYPE_FLOW_REMOVED)) {
            struct ofpbuf *b = xmalloc(sizeof *b);

            ofpbuf_init(b);
            ofp_encode_flow_removed(b, fr, ofconn->protocol, 0);
            ofconn_send(ofconn, b);
        }
    }
}

void
connmgr_send_port_status(struct connmgr *mgr, uint8_t reason,
                         const struct ofp_port *port)
{
    struct ofconn *ofconn;

    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        if (ofconn_wants_async(ofconn, OFPTYPE_PORT_STATUS)) {
            struct ofpbuf *b = xmalloc(sizeof *b);

            ofpbuf_init(b);
            ofp_encode_port_status(b, reason, port, ofconn->version, 0);
            ofconn_send(ofconn, b);
        }
    }
}

/* Status. */

static const char *
role_name(uint32_t role)
{
    return (role == OFPCR_ROLE_MASTER ? "master"
            : role == OFPCR_ROLE_SLAVE ? "slave" : "other");
}

static void
active_status(const struct ofconn *ofconn, struct ds *s)
{
    long long now = time_msec();
    bool up = ofconn_is_controller_up(ofconn);
    const char *state;

    ds_put_format(s, "is_connected=%s\n", up ? "true" : "false");
    if (up) {
        ds_put_format(s, "role=%s\n", role_name(ofconn->role));
    }
    if (up) {
        state = ofconn->probe_sent ? "IDLE" : "ACTIVE";
    } else {
        enum reconnect_state st = reconnect_get_state(ofconn->rc);

        state = reconnect_state_to_string(st);
    }
    ds_put_format(s, "state=%s\n", state);
    if (ofconn->last_error) {
        ds_put_format(s, "last_error=%s\n",
                      ovs_retval_to_string(ofconn->last_error));
    }
    if (ofconn->connected_at != LLONG_MIN) {
        ds_put_format(s, "sec_since_connect=%lld\n",
                      (now - ofconn->connected_at) / 1000);
    }
    if (ofconn->disconnected_at != LLONG_MIN) {
        ds_put_format(s, "sec_since_disconnect=%lld\n",
                      (now - ofconn->disconnected_at) / 1000);
    }
}

void
connmgr_get_controller_status(const struct connmgr *mgr, const char *target,
                              struct ds *s)
{
    const struct ofservice *svc = ofservice_find(mgr, target);
    const struct ofconn *ofconn;
    bool up = false;

    if (!svc) {
        return;
    }
    if (!svc->passive) {
        if (svc->ofconn) {
            active_status(svc->ofconn, s);
        }
        return;
    }
    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        if (ofconn->svc == svc && ofconn_is_controller_up(ofconn)) {
            up = true;
        }
    }
    /* Stock reports nothing else for a passive target. */
    ds_put_format(s, "is_connected=%s\n", up ? "true" : "false");
}
