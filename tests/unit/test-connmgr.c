/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Unit tests for ofproto/connmgr-*.c against a fake ofproto defined here:
 * real sockets (the management socket in a private OVS_RUNDIR, ptcp
 * listeners, active tcp controllers), clients made of nonblocking vconns
 * driven by the same poll loop as the connmgr.  Every wait polls a
 * condition with a deadline; nothing sleeps. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "connmgr.h"
#include "dynamic-string.h"
#include "match.h"
#include "ofp-actions.h"
#include "ofp-bundle.h"
#include "ofp-flow.h"
#include "ofp-msgs.h"
#include "ofpbuf.h"
#include "ofproto.h"
#include "poll-loop.h"
#include "stream.h"
#include "timeval.h"
#include "util.h"
#include "vconn.h"

/* The fake ofproto. */

static struct ofpbuf *
new_buf__(void)
{
    struct ofpbuf *b = xmalloc(sizeof *b);

    ofpbuf_init(b);
    return b;
}

static struct ofproto fake_ofproto;
static int n_hidden;                /* Hidden fail-open flows present. */
static int n_hidden_bad;            /* Hidden flow calls with wrong args. */
static int n_flow_mods;             /* FLOW_MODs handled one at a time. */
static int n_batch_applied;         /* Flow mods applied by batches. */
static int n_batches;
static struct ofconn *last_ofconn;

#define BAD_COOKIE 0xbad

enum ofperr
ofproto_handle_openflow(struct ofproto *ofproto, struct ofconn *ofconn,
                        const struct ofpbuf *msg)
{
    struct ofp_msg_info info;
    enum ofperr error;
    struct ofpbuf *b;

    assert_ptr_equal(ofproto, &fake_ofproto);
    last_ofconn = ofconn;
    error = ofptype_decode(msg->data, msg->size, &info);
    assert_int_equal(error, 0);
    switch (info.type) {
    case OFPTYPE_BARRIER_REQUEST:
        b = xmalloc(sizeof *b);
        ofpbuf_init(b);
        ofpmsg_put_empty(b, OFPTYPE_BARRIER_REPLY, info.version, false,
                         info.xid);
        ofconn_send(ofconn, b);
        return 0;
    case OFPTYPE_ROLE_REQUEST: {
        struct ofp_role role;

        error = ofp_decode_role(msg->data, msg->size, &role);
        if (!error) {
            error = ofconn_set_role(ofconn, &role);
        }
        if (error) {
            return error;
        }
        role.role = ofconn_get_role(ofconn);
        b = xmalloc(sizeof *b);
        ofpbuf_init(b);
        ofp_encode_role(b, OFPTYPE_ROLE_REPLY, &role, info.version,
                        info.xid);
        ofconn_send(ofconn, b);
        return 0;
    }
    case OFPTYPE_SET_CONFIG: {
        struct ofp_switch_config sc;

        error = ofp_decode_switch_config(msg->data, msg->size, &sc);
        if (!error) {
            ofconn_set_miss_send_len(ofconn, sc.miss_send_len);
        }
        return error;
    }
    case OFPTYPE_FLOW_MOD:
        n_flow_mods++;
        return 0;
    case OFPTYPE_TABLE_STATS_REQUEST:
        return OFPERR_OFPBRC_EPERM;
    case OFPTYPE_TABLE_FEATURES_STATS_REQUEST:
        b = new_buf__();
        ofp_encode_table_features_reply(b, 254, 1000000, info.xid);
        ofconn_send(ofconn, b);
        return 0;
    case OFPTYPE_PORT_DESC_STATS_REQUEST:
        b = new_buf__();
        ofp_encode_port_desc_reply(b, NULL, 0, info.version, info.xid);
        ofconn_send(ofconn, b);
        return 0;
    default:
        return OFPERR_OFPBRC_BAD_TYPE;
    }
}

static bool
is_fail_open_rule(const struct match *match, int priority,
                  const struct ofpacts *ofpacts)
{
    return (match_is_catchall(match) && priority == 0xf0f0f0
            && (!ofpacts
                || (ofpacts->n == 1 && ofpacts->acts[0].type == OFPACT_OUTPUT
                    && ofpacts->acts[0].output.port == OFPP_NORMAL)));
}

void
ofproto_add_hidden_flow(struct ofproto *ofproto, const struct match *match,
                        int priority, const struct ofpacts *ofpacts)
{
    assert_ptr_equal(ofproto, &fake_ofproto);
    if (!is_fail_open_rule(match, priority, ofpacts)) {
        n_hidden_bad++;
    }
    n_hidden++;
}

void
ofproto_delete_hidden_flow(struct ofproto *ofproto, const struct match *match,
                           int priority)
{
    assert_ptr_equal(ofproto, &fake_ofproto);
    if (!is_fail_open_rule(match, priority, NULL)) {
        n_hidden_bad++;
    }
    n_hidden--;
}

enum ofperr
ofproto_flow_mod_batch(struct ofproto *ofproto,
                       const struct ofp_flow_mod *fms, size_t n,
                       struct ofconn *ofconn OVS_UNUSED, size_t *failed)
{
    size_t i;

    assert_ptr_equal(ofproto, &fake_ofproto);
    n_batches++;
    for (i = 0; i < n; i++) {
        if (fms[i].new_cookie == BAD_COOKIE || fms[i].cookie == BAD_COOKIE) {
            *failed = i;
            return OFPERR_OFPFMFC_BAD_COMMAND;
        }
    }
    n_batch_applied += n;
    return 0;
}

/* Poll loop helpers. */

#define MAX_CLIENTS 8

struct client {
    struct vconn *vconn;
    bool answer_echo;           /* Answer ECHO_REQUESTs while receiving. */
    int n_echo_requests;        /* ECHO_REQUESTs seen. */
};

static struct connmgr *mgr;
static struct client *clients[MAX_CLIENTS];
static struct pvconn *test_listener;   /* A test-side "controller". */
static char rundir[64];

static void
register_client(struct client *c)
{
    int i;

    for (i = 0; i < MAX_CLIENTS; i++) {
        if (!clients[i]) {
            clients[i] = c;
            return;
        }
    }
    fail();
}

static void
run_once(void)
{
    int i;

    connmgr_run(mgr);
    for (i = 0; i < MAX_CLIENTS; i++) {
        if (clients[i] && clients[i]->vconn) {
            vconn_run(clients[i]->vconn);
        }
    }
    connmgr_wait(mgr);
    for (i = 0; i < MAX_CLIENTS; i++) {
        if (clients[i] && clients[i]->vconn) {
            vconn_wait(clients[i]->vconn, true);
        }
    }
    if (test_listener) {
        pvconn_wait(test_listener);
    }
    poll_timer_wait(20);
    poll_block();
}

typedef bool condition_func(void *aux);

/* Runs the loop until 'cond' holds or 'timeout' ms have passed; returns
 * whether it holds. */
static bool
run_until(condition_func *cond, void *aux, int timeout)
{
    long long deadline = time_msec() + timeout;

    for (;;) {
        if (cond(aux)) {
            return true;
        }
        if (time_msec() >= deadline) {
            return false;
        }
        run_once();
    }
}

static void
run_for(int msec)
{
    long long deadline = time_msec() + msec;

    while (time_msec() < deadline) {
        run_once();
    }
}

static bool
client_connected(void *c_)
{
    struct client *c = c_;
    int error = vconn_connect(c->vconn);

    assert_true(error == 0 || error == EAGAIN);
    return !error;
}

static struct client *
client_from_vconn(struct vconn *vconn)
{
    struct client *c = xzalloc(sizeof *c);

    c->vconn = vconn;
    c->answer_echo = true;
    register_client(c);
    assert_true(run_until(client_connected, c, 3000));
    return c;
}

static struct client *
client_open(const char *target, uint32_t versions)
{
    struct vconn *vconn;

    assert_int_equal(vconn_open(target, versions, &vconn), 0);
    return client_from_vconn(vconn);
}

static struct client *
mgmt_client(uint32_t versions)
{
    char target[128];

    snprintf(target, sizeof target, "unix:%s/br0.mgmt", rundir);
    return client_open(target, versions);
}

static void
client_close(struct client *c)
{
    int i;

    for (i = 0; i < MAX_CLIENTS; i++) {
        if (clients[i] == c) {
            clients[i] = NULL;
        }
    }
    vconn_close(c->vconn);
    free(c);
}

static void
close_all_clients(void)
{
    int i;

    for (i = 0; i < MAX_CLIENTS; i++) {
        if (clients[i]) {
            client_close(clients[i]);
        }
    }
}

static void
client_send(struct client *c, struct ofpbuf *msg)
{
    assert_int_equal(vconn_send(c->vconn, msg), 0);
}

static struct ofpbuf *
new_buf(void)
{
    struct ofpbuf *b = xmalloc(sizeof *b);

    ofpbuf_init(b);
    return b;
}

/* Receives the next message other than ECHO_REQUEST (answered if the
 * client does so) within 'timeout' ms.  Returns NULL on timeout and sets
 * '*errorp' (if nonnull) to the receive error, 0 on timeout. */
static struct ofpbuf *
client_recv__(struct client *c, int timeout, int *errorp)
{
    long long deadline = time_msec() + timeout;

    if (errorp) {
        *errorp = 0;
    }
    for (;;) {
        struct ofpbuf *msg;
        int error = vconn_recv(c->vconn, &msg);

        if (!error) {
            struct ofp_msg_info info;

            assert_int_equal(ofptype_decode(msg->data, msg->size, &info), 0);
            if (info.type != OFPTYPE_ECHO_REQUEST) {
                return msg;
            }
            c->n_echo_requests++;
            if (c->answer_echo) {
                struct ofpbuf *reply = new_buf();

                ofp_encode_echo(reply, OFPTYPE_ECHO_REPLY, info.version,
                                info.xid, NULL, 0);
                client_send(c, reply);
            }
            vconn_msg_free(msg);
            continue;
        } else if (error != EAGAIN) {
            if (errorp) {
                *errorp = error;
            }
            return NULL;
        }
        if (time_msec() >= deadline) {
            return NULL;
        }
        run_once();
    }
}

static struct ofpbuf *
client_recv(struct client *c)
{
    struct ofpbuf *msg = client_recv__(c, 3000, NULL);

    assert_non_null(msg);
    return msg;
}

static enum ofptype
msg_type(const struct ofpbuf *msg, uint32_t *xid)
{
    struct ofp_msg_info info;

    assert_int_equal(ofptype_decode(msg->data, msg->size, &info), 0);
    if (xid) {
        *xid = info.xid;
    }
    return info.type;
}

/* Receives one message, which must be an ERROR for 'error' with 'xid'. */
static void
expect_error(struct client *c, enum ofperr error, uint32_t xid)
{
    struct ofpbuf *msg = client_recv(c);
    struct ofp_error_msg em;
    uint32_t got_xid;

    assert_int_equal(msg_type(msg, &got_xid), OFPTYPE_ERROR);
    assert_int_equal(ofp_decode_error(msg->data, msg->size, &em), 0);
    if (em.error != error) {
        fail_msg("expected %s, got %s (type %u code %u)",
                 ofperr_get_name(error), ofperr_get_name(em.error),
                 em.wire.type, em.wire.code);
    }
    assert_int_equal(got_xid, xid);
    vconn_msg_free(msg);
}

static void
expect_type(struct client *c, enum ofptype type, uint32_t xid)
{
    struct ofpbuf *msg = client_recv(c);
    uint32_t got_xid;
    enum ofptype got = msg_type(msg, &got_xid);

    if (got != type) {
        fail_msg("expected %s, got %s", ofptype_name(type),
                 ofptype_name(got));
    }
    assert_int_equal(got_xid, xid);
    vconn_msg_free(msg);
}

static void
send_barrier(struct client *c, uint32_t xid)
{
    struct ofpbuf *b = new_buf();

    ofpmsg_put_empty(b, OFPTYPE_BARRIER_REQUEST, vconn_get_version(c->vconn),
                     false, xid);
    client_send(c, b);
}

static void
send_raw(struct client *c, const void *data, size_t len)
{
    struct ofpbuf *b = new_buf();

    ofpbuf_put(b, data, len);
    client_send(c, b);
}

static void
check_echo(struct client *c, uint32_t xid)
{
    static const char payload[] = "keepalive";
    struct ofpbuf *b = new_buf();
    const uint8_t *data;
    struct ofpbuf *msg;
    size_t len;

    ofp_encode_echo(b, OFPTYPE_ECHO_REQUEST, vconn_get_version(c->vconn),
                    xid, payload, sizeof payload);
    client_send(c, b);
    msg = client_recv(c);
    assert_int_equal(msg_type(msg, NULL), OFPTYPE_ECHO_REPLY);
    assert_int_equal(ofp_get32(msg->data + 4), xid);
    assert_int_equal(ofp_decode_echo(msg->data, msg->size, &data, &len), 0);
    assert_int_equal(len, sizeof payload);
    assert_memory_equal(data, payload, len);
    vconn_msg_free(msg);
}

/* A TCP port that was free a moment ago. */
static int
free_tcp_port(void)
{
    struct sockaddr_in sin;
    socklen_t len = sizeof sin;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int port;

    assert_true(fd >= 0);
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *) &sin, sizeof sin), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *) &sin, &len), 0);
    port = ntohs(sin.sin_port);
    close(fd);
    return port;
}

/* Setup and teardown: a fresh connmgr for bridge "br0" per test. */

static int
setup(void **state OVS_UNUSED)
{
    n_hidden = n_hidden_bad = 0;
    n_flow_mods = n_batch_applied = n_batches = 0;
    last_ofconn = NULL;
    mgr = connmgr_create(&fake_ofproto, "br0");
    return 0;
}

static int
teardown(void **state OVS_UNUSED)
{
    close_all_clients();
    connmgr_destroy(mgr);
    mgr = NULL;
    if (test_listener) {
        pvconn_close(test_listener);
        test_listener = NULL;
    }
    return 0;
}

/* Tests. */

static void
test_mgmt_hello(void **state OVS_UNUSED)
{
    struct client *c10 = mgmt_client(1u << OFP10_VERSION);
    struct client *c13 = mgmt_client(1u << OFP13_VERSION);
    struct client *both = mgmt_client(0);

    assert_int_equal(vconn_get_version(c10->vconn), OFP10_VERSION);
    assert_int_equal(vconn_get_version(c13->vconn), OFP13_VERSION);
    assert_int_equal(vconn_get_version(both->vconn), OFP13_VERSION);

    check_echo(c10, 11);
    check_echo(c13, 12);

    /* Other messages go to ofproto, with the connection's settings. */
    send_barrier(c10, 21);
    expect_type(c10, OFPTYPE_BARRIER_REPLY, 21);
    assert_non_null(last_ofconn);
    assert_true(ofconn_is_management(last_ofconn));
    assert_int_equal(ofconn_get_version(last_ofconn), OFP10_VERSION);
    assert_int_equal(ofconn_get_protocol(last_ofconn), OFP_PROTO_OF10);
    assert_int_equal(ofconn_get_miss_send_len(last_ofconn), 0);
    assert_int_equal(ofconn_get_role(last_ofconn), OFPCR_ROLE_EQUAL);

    send_barrier(c13, 22);
    expect_type(c13, OFPTYPE_BARRIER_REPLY, 22);
    assert_int_equal(ofconn_get_protocol(last_ofconn), OFP_PROTO_OF13);

    /* The management connections are not controllers. */
    assert_false(connmgr_has_controller_connection(mgr));
    assert_false(connmgr_has_controllers(mgr));
}

/* Raw stream clients, for what a vconn client would filter. */

static void
raw_send(struct stream *s, const void *data, size_t len)
{
    const uint8_t *p = data;

    while (len) {
        size_t n;
        int error = stream_send(s, p, len, &n);

        if (error == EAGAIN) {
            run_once();
            continue;
        }
        assert_int_equal(error, 0);
        p += n;
        len -= n;
    }
}

static void
raw_read(struct stream *s, void *data, size_t len)
{
    long long deadline = time_msec() + 3000;
    uint8_t *p = data;

    while (len) {
        size_t n;
        int error = stream_recv(s, p, len, &n);

        if (error == EAGAIN) {
            assert_true(time_msec() < deadline);
            run_once();
            continue;
        }
        assert_int_equal(error, 0);
        p += n;
        len -= n;
    }
}

/* Reads one message into 'buf' (at least 64 kB); returns its length. */
static size_t
raw_recv_msg(struct stream *s, uint8_t *buf)
{
    size_t len;

    raw_read(s, buf, OFP_HEADER_LEN);
    len = ofp_get16(buf + 2);
    assert_true(len >= OFP_HEADER_LEN);
    raw_read(s, buf + OFP_HEADER_LEN, len - OFP_HEADER_LEN);
    return len;
}

static bool
stream_connected(void *s_)
{
    int error = stream_connect(s_);

    assert_true(error == 0 || error == EAGAIN);
    return !error;
}

/* Sends 'request' (a 1.0 message) on a raw OpenFlow 1.3 management
 * connection; stock answers an ERROR BAD_REQUEST/BAD_VERSION in the
 * request's version. */
static void
check_wrong_version(const uint8_t *request, size_t len)
{
    static uint8_t buf[65536];
    struct ofpbuf hello;
    char target[128];
    struct stream *s;
    size_t n;

    snprintf(target, sizeof target, "unix:%s/br0.mgmt", rundir);
    assert_int_equal(stream_open(target, &s, 0), 0);
    assert_true(run_until(stream_connected, s, 3000));
    ofpbuf_init(&hello);
    ofp_encode_hello(&hello, 1u << OFP13_VERSION, 1);
    raw_send(s, hello.data, hello.size);
    ofpbuf_uninit(&hello);
    n = raw_recv_msg(s, buf);
    assert_int_equal(buf[1], 0);                        /* HELLO. */

    raw_send(s, request, len);
    n = raw_recv_msg(s, buf);
    assert_int_equal(buf[0], OFP10_VERSION);
    assert_int_equal(buf[1], 1);                        /* OFPT_ERROR. */
    assert_int_equal(ofp_get32(buf + 4), ofp_get32(request + 4));
    assert_int_equal(ofp_get16(buf + 8), 1);            /* BAD_REQUEST. */
    assert_int_equal(ofp_get16(buf + 10), 0);           /* BAD_VERSION. */
    assert_int_equal(n, 12 + len);
    stream_close(s);
}

static void
test_bad_messages(void **state OVS_UNUSED)
{
    struct client *c = mgmt_client(1u << OFP13_VERSION);
    struct client *other = mgmt_client(1u << OFP10_VERSION);
    struct client *framing = mgmt_client(1u << OFP13_VERSION);
    struct ofpbuf *msg;
    int error;

    /* Unknown message type. */
    static const uint8_t unknown_type[8] = { 4, 0x60, 0, 8, 0, 0, 0, 1 };
    /* MULTIPART_REQUEST without its multipart header. */
    static const uint8_t truncated[8] = { 4, 18, 0, 8, 0, 0, 0, 2 };
    /* Experimenter message from an unknown experimenter. */
    static const uint8_t bad_vendor[16] = {
        4, 4, 0, 16, 0, 0, 0, 3, 0x12, 0x34, 0x56, 0x78, 0, 0, 0, 1 };
    /* Experimenter header cut short. */
    static const uint8_t short_vendor[12] = {
        4, 4, 0, 12, 0, 0, 0, 4, 0, 0, 0x23, 0x20 };
    /* OpenFlow 1.0 message on a 1.3 connection. */
    static const uint8_t wrong_version[8] = { 1, 18, 0, 8, 0, 0, 0, 5 };
    /* Table stats request, which the fake ofproto refuses. */
    static const uint8_t table_stats[16] = {
        4, 18, 0, 16, 0, 0, 0, 6, 0, 3, 0, 0, 0, 0, 0, 0 };
    /* A header whose length is below 8: framing error. */
    static const uint8_t bad_frame[8] = { 4, 2, 0, 4, 0, 0, 0, 7 };

    send_raw(c, unknown_type, sizeof unknown_type);
    expect_error(c, OFPERR_OFPBRC_BAD_TYPE, 1);
    send_raw(c, truncated, sizeof truncated);
    expect_error(c, OFPERR_OFPBRC_BAD_LEN, 2);
    send_raw(c, bad_vendor, sizeof bad_vendor);
    expect_error(c, OFPERR_OFPBRC_BAD_VENDOR, 3);
    send_raw(c, short_vendor, sizeof short_vendor);
    expect_error(c, OFPERR_OFPBRC_BAD_LEN, 4);
    check_wrong_version(wrong_version, sizeof wrong_version);
    send_raw(c, table_stats, sizeof table_stats);
    expect_error(c, OFPERR_OFPBRC_EPERM, 6);

    /* The ERROR quotes the request. */
    send_raw(c, unknown_type, sizeof unknown_type);
    msg = client_recv(c);
    assert_int_equal(msg->size, 12 + sizeof unknown_type);
    assert_memory_equal(msg->data + 12, unknown_type, sizeof unknown_type);
    vconn_msg_free(msg);

    /* The whole request is quoted, as stock does. */
    {
        uint8_t big[300];

        memset(big, 0, sizeof big);
        big[0] = OFP13_VERSION;
        big[1] = 0x60;
        ofp_set16(big + 2, sizeof big);
        ofp_set32(big + 4, 8);
        big[299] = 0x5a;
        send_raw(c, big, sizeof big);
        msg = client_recv(c);
        assert_int_equal(msg->size, 12 + sizeof big);
        assert_memory_equal(msg->data + 12, big, sizeof big);
        vconn_msg_free(msg);
    }

    /* The connection survives. */
    check_echo(c, 100);

    /* A framing error closes that connection only. */
    send_raw(framing, bad_frame, sizeof bad_frame);
    msg = client_recv__(framing, 3000, &error);
    assert_null(msg);
    assert_true(error == EOF || error == ECONNRESET || error == EPIPE);
    check_echo(c, 101);
    check_echo(other, 102);
}

static bool
ptcp_accepted(void *unused OVS_UNUSED)
{
    return connmgr_has_controller_connection(mgr);
}

static void
test_ptcp_listener(void **state OVS_UNUSED)
{
    struct ofproto_controller oc = { 0 };
    char target[64], active[64];
    struct client *c;
    struct ds s;
    int port = free_tcp_port();

    snprintf(target, sizeof target, "ptcp:%d:127.0.0.1", port);
    snprintf(active, sizeof active, "tcp:127.0.0.1:%d", port);
    oc.target = target;
    connmgr_set_controllers(mgr, &oc, 1);
    assert_true(connmgr_has_controllers(mgr));
    assert_false(connmgr_has_controller_connection(mgr));

    c = client_open(active, 0);
    assert_int_equal(vconn_get_version(c->vconn), OFP13_VERSION);
    assert_true(run_until(ptcp_accepted, NULL, 3000));
    check_echo(c, 1);
    send_barrier(c, 2);
    expect_type(c, OFPTYPE_BARRIER_REPLY, 2);
    assert_false(ofconn_is_management(last_ofconn));
    /* A passive target is a service connection: miss_send_len 0. */
    assert_int_equal(ofconn_get_miss_send_len(last_ofconn), 0);

    ds_init(&s);
    connmgr_get_controller_status(mgr, target, &s);
    assert_non_null(strstr(ds_cstr(&s), "is_connected=true\n"));
    ds_destroy(&s);

    /* Removing the target closes its connections. */
    connmgr_set_controllers(mgr, NULL, 0);
    assert_false(connmgr_has_controllers(mgr));
    assert_false(connmgr_has_controller_connection(mgr));
}

/* An active controller target on 'port' of 127.0.0.1. */
static void
set_controller(int port, int max_backoff, int probe_interval, int rate,
               int burst)
{
    struct ofproto_controller oc;
    char target[64];

    snprintf(target, sizeof target, "tcp:127.0.0.1:%d", port);
    oc.target = target;
    oc.max_backoff = max_backoff;
    oc.probe_interval = probe_interval;
    oc.rate_limit = rate;
    oc.burst_limit = burst;
    connmgr_set_controllers(mgr, &oc, 1);
}

static bool
status_has(int port, const char *needle)
{
    char target[64];
    struct ds s;
    bool found;

    snprintf(target, sizeof target, "tcp:127.0.0.1:%d", port);
    ds_init(&s);
    connmgr_get_controller_status(mgr, target, &s);
    found = strstr(ds_cstr(&s), needle) != NULL;
    ds_destroy(&s);
    return found;
}

struct refused_aux {
    int port;
};

static bool
connect_refused(void *aux_)
{
    struct refused_aux *aux = aux_;

    return status_has(aux->port, "last_error=Connection refused");
}

static struct vconn *accepted_vconn;

static bool
listener_accepted(void *unused OVS_UNUSED)
{
    if (!accepted_vconn) {
        int error = pvconn_accept(test_listener, &accepted_vconn);

        assert_true(error == 0 || error == EAGAIN);
        if (error) {
            accepted_vconn = NULL;
        }
    }
    return accepted_vconn != NULL;
}

/* Opens the test-side listener on 'port' and waits for the connmgr's
 * active connection to arrive and complete HELLO. */
static struct client *
accept_controller(int port, int timeout)
{
    char target[64];

    if (!test_listener) {
        snprintf(target, sizeof target, "ptcp:%d:127.0.0.1", port);
        assert_int_equal(pvconn_open(target, 0, &test_listener), 0);
    }
    accepted_vconn = NULL;
    assert_true(run_until(listener_accepted, NULL, timeout));
    return client_from_vconn(accepted_vconn);
}

static bool
controller_up(void *unused OVS_UNUSED)
{
    return connmgr_has_controller_connection(mgr);
}

static bool
controller_down(void *unused OVS_UNUSED)
{
    return !connmgr_has_controller_connection(mgr);
}

static void
test_active_backoff(void **state OVS_UNUSED)
{
    int port = free_tcp_port();
    struct refused_aux aux = { port };
    struct client *c;
    long long start;

    set_controller(port, 1000, -1, 0, 0);
    assert_true(connmgr_has_controllers(mgr));
    assert_true(run_until(connect_refused, &aux, 3000));
    assert_true(status_has(port, "is_connected=false\n"));
    assert_true(status_has(port, "state=BACKOFF\n"));
    assert_false(status_has(port, "role="));
    assert_false(connmgr_has_controller_connection(mgr));

    /* The listener appears; the next attempt (at most max_backoff later)
     * connects. */
    start = time_msec();
    c = accept_controller(port, 3000);
    assert_true(run_until(controller_up, NULL, 3000));
    assert_true(time_msec() - start < 2500);
    assert_int_equal(vconn_get_version(c->vconn), OFP13_VERSION);
    assert_true(status_has(port, "is_connected=true\n"));
    assert_true(status_has(port, "state=ACTIVE\n"));
    assert_true(status_has(port, "role=other\n"));
    check_echo(c, 5);
    send_barrier(c, 6);
    expect_type(c, OFPTYPE_BARRIER_REPLY, 6);
    assert_false(ofconn_is_management(last_ofconn));
    assert_int_equal(ofconn_get_miss_send_len(last_ofconn),
                     OFP_DEFAULT_MISS_SEND_LEN);

    /* The controller goes away; connmgr reconnects. */
    client_close(c);
    assert_true(run_until(controller_down, NULL, 3000));
    c = accept_controller(port, 3000);
    assert_true(run_until(controller_up, NULL, 3000));
    check_echo(c, 7);
}

static bool
client_gone(void *c_)
{
    struct client *c = c_;
    struct ofpbuf *msg;
    int error = vconn_recv(c->vconn, &msg);

    if (!error) {
        if (msg_type(msg, NULL) == OFPTYPE_ECHO_REQUEST) {
            c->n_echo_requests++;
        }
        vconn_msg_free(msg);
        return false;
    }
    return error != EAGAIN;
}

static void
test_probe_timeout(void **state OVS_UNUSED)
{
    int port = free_tcp_port();
    struct client *c;
    long long start;
    struct ofpbuf *msg;

    set_controller(port, 1000, 200, 0, 0);
    c = accept_controller(port, 3000);
    assert_true(run_until(controller_up, NULL, 3000));

    /* While the controller answers, the connection stays up. */
    msg = client_recv__(c, 1000, NULL);
    assert_null(msg);
    assert_true(c->n_echo_requests >= 2);
    assert_true(connmgr_has_controller_connection(mgr));

    /* A silent controller is dropped after two probe intervals. */
    c->answer_echo = false;
    c->n_echo_requests = 0;
    start = time_msec();
    assert_true(run_until(client_gone, c, 3000));
    assert_true(time_msec() - start >= 200);
    assert_true(time_msec() - start < 1500);
    assert_true(status_has(port, "is_connected=false\n"));
    assert_true(status_has(port, "sec_since_connect="));
    assert_true(status_has(port, "sec_since_disconnect=0\n"));
    assert_true(status_has(port, "last_error=Connection timed out\n"));
}

static void
send_packet_ins(int n, long long *elapsed)
{
    static const uint8_t packet[64] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
    struct ofp_packet_in pin;
    long long start = time_msec();
    int i;

    memset(&pin, 0, sizeof pin);
    pin.buffer_id = OFP_NO_BUFFER;
    pin.total_len = sizeof packet;
    pin.reason = OFPR_NO_MATCH;
    pin.in_port = 1;
    pin.packet = packet;
    pin.packet_len = sizeof packet;
    for (i = 0; i < n; i++) {
        connmgr_send_packet_in(mgr, &pin);
    }
    *elapsed = time_msec() - start;
}

/* Sends a barrier and counts the messages of 'type' received before its
 * reply. */
static int
count_before_barrier(struct client *c, enum ofptype type, uint32_t xid)
{
    int n = 0;

    send_barrier(c, xid);
    for (;;) {
        struct ofpbuf *msg = client_recv(c);
        uint32_t got_xid;
        enum ofptype got = msg_type(msg, &got_xid);

        vconn_msg_free(msg);
        if (got == OFPTYPE_BARRIER_REPLY && got_xid == xid) {
            return n;
        }
        n += got == type;
    }
}

static void
test_packet_in_rate(void **state OVS_UNUSED)
{
    int port = free_tcp_port();
    struct client *c, *m;
    long long elapsed;
    int n, max;

    set_controller(port, 1000, -1, 100, 25);
    c = accept_controller(port, 3000);
    assert_true(run_until(controller_up, NULL, 3000));
    m = mgmt_client(0);

    send_packet_ins(1000, &elapsed);
    n = count_before_barrier(c, OFPTYPE_PACKET_IN, 1);
    max = 25 + (elapsed + 1) * 100 / 1000 + 1;
    printf("packet-ins: 1000 sent in %lld ms, %d delivered (burst 25, "
           "rate 100/s)\n", elapsed, n);
    assert_true(n >= 25);
    assert_true(n <= max);

    /* The management connection got none. */
    assert_int_equal(count_before_barrier(m, OFPTYPE_PACKET_IN, 2), 0);
}

/* Without a rate limit, a controller that does not read loses
 * packet-ins once about 100 are queued, instead of the queue growing. */
static void
test_packet_in_backlog(void **state OVS_UNUSED)
{
    static uint8_t packet[1500];
    int port = free_tcp_port();
    struct ofp_packet_in pin;
    struct client *c;
    int i, n;

    set_controller(port, 1000, -1, 0, 0);
    c = accept_controller(port, 3000);
    assert_true(run_until(controller_up, NULL, 3000));

    memset(&pin, 0, sizeof pin);
    pin.buffer_id = OFP_NO_BUFFER;
    pin.total_len = sizeof packet;
    pin.reason = OFPR_ACTION;
    pin.in_port = 1;
    pin.packet = packet;
    pin.packet_len = sizeof packet;
    for (i = 0; i < 20000; i++) {
        connmgr_send_packet_in(mgr, &pin);
    }
    n = count_before_barrier(c, OFPTYPE_PACKET_IN, 1);
    printf("packet-ins: 20000 sent to a controller not reading, "
           "%d delivered\n", n);
    assert_true(n >= 100);
    assert_true(n < 20000);
}

static void
send_role(struct client *c, uint32_t role, uint64_t gen, uint32_t xid)
{
    struct ofpbuf *b = new_buf();
    struct ofp_role r = { role, true, gen };

    ofp_encode_role(b, OFPTYPE_ROLE_REQUEST, &r, OFP13_VERSION, xid);
    client_send(c, b);
}

static void
expect_role(struct client *c, uint32_t role, uint32_t xid)
{
    struct ofpbuf *msg = client_recv(c);
    uint32_t got_xid;
    struct ofp_role r;

    assert_int_equal(msg_type(msg, &got_xid), OFPTYPE_ROLE_REPLY);
    assert_int_equal(got_xid, xid);
    assert_int_equal(ofp_decode_role(msg->data, msg->size, &r), 0);
    assert_int_equal(r.role, role);
    vconn_msg_free(msg);
}

static struct ofpbuf *
make_flow_mod(uint64_t cookie, uint16_t priority, uint32_t xid)
{
    struct ofpbuf *b = new_buf();
    struct ofp_flow_mod fm;

    ofp_flow_mod_init(&fm);
    match_init_catchall(&fm.match);
    fm.priority = priority;
    fm.command = OFPFC_ADD;
    fm.table_id = 0;
    fm.new_cookie = cookie;
    fm.buffer_id = OFP_NO_BUFFER;
    fm.out_port = OFPP_NONE;
    fm.out_group = OFPG_ANY;
    ofp_encode_flow_mod(b, &fm, OFP_PROTO_OF13, xid);
    ofp_flow_mod_uninit(&fm);
    return b;
}

static void
set_miss_send_len(struct client *c, uint16_t len)
{
    struct ofp_switch_config sc = { 0, len };
    struct ofpbuf *b = new_buf();

    ofp_encode_switch_config(b, OFPTYPE_SET_CONFIG, &sc, OFP13_VERSION, 0);
    client_send(c, b);
}

static void
test_roles(void **state OVS_UNUSED)
{
    struct client *a = mgmt_client(1u << OFP13_VERSION);
    struct client *b = mgmt_client(1u << OFP13_VERSION);
    struct ofp_port port;
    long long elapsed;

    send_role(a, OFPCR_ROLE_MASTER, 1, 1);
    expect_role(a, OFPCR_ROLE_MASTER, 1);
    send_role(b, OFPCR_ROLE_MASTER, 2, 2);
    expect_role(b, OFPCR_ROLE_MASTER, 2);

    /* 'a' was demoted. */
    send_role(a, OFPCR_ROLE_NOCHANGE, 0, 3);
    expect_role(a, OFPCR_ROLE_SLAVE, 3);

    /* A slave's flow mods are refused, the master's are not. */
    client_send(a, make_flow_mod(1, 100, 4));
    expect_error(a, OFPERR_OFPBRC_IS_SLAVE, 4);
    client_send(b, make_flow_mod(1, 100, 5));
    send_barrier(b, 6);
    expect_type(b, OFPTYPE_BARRIER_REPLY, 6);
    assert_int_equal(n_flow_mods, 1);

    /* A stale generation id. */
    send_role(a, OFPCR_ROLE_MASTER, 1, 7);
    expect_error(a, OFPERR_OFPRRFC_STALE, 7);

    /* Asynchronous messages: with miss_send_len set, the master gets
     * packet-ins and port status, the slave only port status. */
    set_miss_send_len(a, 128);
    set_miss_send_len(b, 128);
    send_barrier(a, 8);
    expect_type(a, OFPTYPE_BARRIER_REPLY, 8);
    send_barrier(b, 9);
    expect_type(b, OFPTYPE_BARRIER_REPLY, 9);
    send_packet_ins(1, &elapsed);
    assert_int_equal(count_before_barrier(a, OFPTYPE_PACKET_IN, 10), 0);
    assert_int_equal(count_before_barrier(b, OFPTYPE_PACKET_IN, 11), 1);
    memset(&port, 0, sizeof port);
    port.port_no = 1;
    strcpy(port.name, "p1");
    connmgr_send_port_status(mgr, OFPPR_ADD, &port);
    assert_int_equal(count_before_barrier(a, OFPTYPE_PORT_STATUS, 12), 1);
    assert_int_equal(count_before_barrier(b, OFPTYPE_PORT_STATUS, 13), 1);
    {
        struct ofp_flow_removed fr;

        memset(&fr, 0, sizeof fr);
        match_init_catchall(&fr.match);
        fr.priority = 100;
        fr.reason = OFPRR_DELETE;
        connmgr_send_flow_removed(mgr, &fr);
        assert_int_equal(count_before_barrier(a, OFPTYPE_FLOW_REMOVED, 16),
                         0);
        assert_int_equal(count_before_barrier(b, OFPTYPE_FLOW_REMOVED, 17),
                         1);
    }

    /* Equal role: no generation check, gets packet-ins again. */
    send_role(a, OFPCR_ROLE_EQUAL, 0, 14);
    expect_role(a, OFPCR_ROLE_EQUAL, 14);
    send_packet_ins(1, &elapsed);
    assert_int_equal(count_before_barrier(a, OFPTYPE_PACKET_IN, 15), 1);
}

static bool
hidden_present(void *unused OVS_UNUSED)
{
    return n_hidden == 1;
}

static bool
hidden_absent(void *unused OVS_UNUSED)
{
    return n_hidden == 0;
}

static void
test_fail_open(void **state OVS_UNUSED)
{
    int port = free_tcp_port();
    long long start = time_msec();
    struct client *c;

    /* Probe interval 100 ms: fail open after 300 ms without a controller. */
    set_controller(port, 1000, 100, 0, 0);
    assert_true(run_until(hidden_present, NULL, 3000));
    assert_true(time_msec() - start >= 300);
    assert_int_equal(n_hidden_bad, 0);

    /* The controller connects: the rule goes. */
    c = accept_controller(port, 3000);
    assert_true(run_until(hidden_absent, NULL, 3000));
    assert_int_equal(n_hidden_bad, 0);

    /* It goes away again (stops answering probes): fail open again. */
    client_close(c);
    assert_true(run_until(hidden_present, NULL, 3000));

    /* Secure mode removes it and never fails open. */
    connmgr_set_fail_secure(mgr, true);
    assert_true(run_until(hidden_absent, NULL, 1000));
    run_for(500);
    assert_int_equal(n_hidden, 0);

    /* Back to standalone; removing the controllers removes the rule. */
    connmgr_set_fail_secure(mgr, false);
    assert_true(run_until(hidden_present, NULL, 3000));
    connmgr_set_controllers(mgr, NULL, 0);
    assert_true(run_until(hidden_absent, NULL, 1000));
    assert_int_equal(n_hidden_bad, 0);
}

static void
send_bundle_ctrl(struct client *c, uint32_t id, uint16_t type,
                 uint16_t flags, uint32_t xid)
{
    struct ofp_bundle_ctrl bc = { id, type, flags };
    struct ofpbuf *b = new_buf();

    ofp_encode_bundle_ctrl(b, &bc, OFP13_VERSION, xid);
    client_send(c, b);
}

static void
expect_bundle_reply(struct client *c, uint32_t id, uint16_t type,
                    uint32_t xid)
{
    struct ofpbuf *msg = client_recv(c);
    struct ofp_bundle_ctrl bc;
    uint32_t got_xid;

    assert_int_equal(msg_type(msg, &got_xid), OFPTYPE_BUNDLE_CONTROL);
    assert_int_equal(got_xid, xid);
    assert_int_equal(ofp_decode_bundle_ctrl(msg->data, msg->size, &bc), 0);
    assert_int_equal(bc.bundle_id, id);
    assert_int_equal(bc.type, type);
    assert_int_equal(bc.flags, 0);
    vconn_msg_free(msg);
}

static void
send_bundle_add(struct client *c, uint32_t id, uint16_t flags,
                struct ofpbuf *inner)
{
    struct ofpbuf *b = new_buf();

    ofp_encode_bundle_add(b, id, flags, inner->data, inner->size);
    vconn_msg_free(inner);
    client_send(c, b);
}

#define FLAGS (OFPBF_ATOMIC | OFPBF_ORDERED)

static void
test_bundles(void **state OVS_UNUSED)
{
    struct client *c = mgmt_client(1u << OFP13_VERSION);

    /* Open, two adds, commit. */
    send_bundle_ctrl(c, 1, OFPBCT_OPEN_REQUEST, FLAGS, 100);
    expect_bundle_reply(c, 1, OFPBCT_OPEN_REPLY, 100);
    send_bundle_add(c, 1, FLAGS, make_flow_mod(1, 10, 101));
    send_bundle_add(c, 1, FLAGS, make_flow_mod(2, 20, 102));
    send_bundle_ctrl(c, 1, OFPBCT_COMMIT_REQUEST, FLAGS, 103);
    expect_bundle_reply(c, 1, OFPBCT_COMMIT_REPLY, 103);
    assert_int_equal(n_batches, 1);
    assert_int_equal(n_batch_applied, 2);
    assert_int_equal(n_flow_mods, 0);

    /* The bundle is gone after the commit. */
    send_bundle_ctrl(c, 1, OFPBCT_COMMIT_REQUEST, FLAGS, 104);
    expect_error(c, OFPERR_OFPBFC_BAD_ID, 104);

    /* Discard. */
    send_bundle_ctrl(c, 2, OFPBCT_OPEN_REQUEST, FLAGS, 110);
    expect_bundle_reply(c, 2, OFPBCT_OPEN_REPLY, 110);
    send_bundle_add(c, 2, FLAGS, make_flow_mod(3, 30, 111));
    send_bundle_ctrl(c, 2, OFPBCT_DISCARD_REQUEST, FLAGS, 112);
    expect_bundle_reply(c, 2, OFPBCT_DISCARD_REPLY, 112);
    send_bundle_ctrl(c, 2, OFPBCT_COMMIT_REQUEST, FLAGS, 113);
    expect_error(c, OFPERR_OFPBFC_BAD_ID, 113);
    assert_int_equal(n_batches, 1);

    /* A failing commit: the failing flow mod's error (its xid), then
     * MSG_FAILED for the commit; nothing applied. */
    send_bundle_ctrl(c, 3, OFPBCT_OPEN_REQUEST, FLAGS, 120);
    expect_bundle_reply(c, 3, OFPBCT_OPEN_REPLY, 120);
    send_bundle_add(c, 3, FLAGS, make_flow_mod(4, 40, 121));
    send_bundle_add(c, 3, FLAGS, make_flow_mod(BAD_COOKIE, 50, 122));
    send_bundle_add(c, 3, FLAGS, make_flow_mod(5, 60, 123));
    send_bundle_ctrl(c, 3, OFPBCT_COMMIT_REQUEST, FLAGS, 124);
    {
        /* As stock, the flow mod's error quotes its BUNDLE_ADD_MESSAGE. */
        struct ofpbuf *msg = client_recv(c);
        struct ofp_error_msg em;

        assert_int_equal(msg_type(msg, NULL), OFPTYPE_ERROR);
        assert_int_equal(ofp_decode_error(msg->data, msg->size, &em), 0);
        assert_int_equal(em.error, OFPERR_OFPFMFC_BAD_COMMAND);
        assert_int_equal(ofp_get32(msg->data + 4), 122);
        assert_true(em.data_len >= 16);
        assert_int_equal(em.data[1], 4);            /* Experimenter. */
        assert_int_equal(ofp_get32(em.data + 8), ONF_VENDOR_ID);
        assert_int_equal(ofp_get32(em.data + 12), 2301);
        vconn_msg_free(msg);
    }
    expect_error(c, OFPERR_OFPBFC_MSG_FAILED, 124);
    assert_int_equal(n_batches, 2);
    assert_int_equal(n_batch_applied, 2);

}

static void
test_bundle_errors(void **state OVS_UNUSED)
{
    struct client *c = mgmt_client(1u << OFP13_VERSION);
    struct ofpbuf *inner;

    /* Errors: opening twice, bad inner xid, unbundlable message, closed
     * bundle, flag mismatch. */
    send_bundle_ctrl(c, 4, OFPBCT_OPEN_REQUEST, FLAGS, 130);
    expect_bundle_reply(c, 4, OFPBCT_OPEN_REPLY, 130);
    send_bundle_ctrl(c, 4, OFPBCT_OPEN_REQUEST, FLAGS, 131);
    expect_error(c, OFPERR_OFPBFC_BAD_ID, 131);

    inner = make_flow_mod(6, 70, 140);
    ofp_set32(inner->data + 4, 141);    /* Outer xid 141, inner 140. */
    {
        struct ofpbuf *b = new_buf();

        ofp_encode_bundle_add(b, 5, FLAGS, inner->data, inner->size);
        ofp_set32(b->data + 28, 140);
        vconn_msg_free(inner);
        client_send(c, b);
    }
    expect_error(c, OFPERR_OFPBFC_MSG_BAD_XID, 141);

    inner = new_buf();
    ofpmsg_put_empty(inner, OFPTYPE_BARRIER_REQUEST, OFP13_VERSION, false,
                     150);
    send_bundle_add(c, 6, FLAGS, inner);
    expect_error(c, OFPERR_OFPBFC_MSG_UNSUP, 150);

    send_bundle_ctrl(c, 7, OFPBCT_OPEN_REQUEST, FLAGS, 160);
    expect_bundle_reply(c, 7, OFPBCT_OPEN_REPLY, 160);
    send_bundle_ctrl(c, 7, OFPBCT_CLOSE_REQUEST, FLAGS, 161);
    expect_bundle_reply(c, 7, OFPBCT_CLOSE_REPLY, 161);
    send_bundle_add(c, 7, FLAGS, make_flow_mod(7, 80, 162));
    expect_error(c, OFPERR_OFPBFC_BUNDLE_CLOSED, 162);

    send_bundle_ctrl(c, 8, OFPBCT_OPEN_REQUEST, FLAGS, 170);
    expect_bundle_reply(c, 8, OFPBCT_OPEN_REPLY, 170);
    send_bundle_ctrl(c, 8, OFPBCT_COMMIT_REQUEST, OFPBF_ATOMIC, 171);
    expect_error(c, OFPERR_OFPBFC_BAD_FLAGS, 171);

    /* A reply type as a request. */
    send_bundle_ctrl(c, 9, OFPBCT_OPEN_REPLY, FLAGS, 180);
    expect_error(c, OFPERR_OFPBFC_BAD_TYPE, 180);

    /* Implicit open by ADD, then commit. */
    send_bundle_add(c, 10, FLAGS, make_flow_mod(8, 90, 190));
    send_bundle_ctrl(c, 10, OFPBCT_COMMIT_REQUEST, FLAGS, 191);
    expect_bundle_reply(c, 10, OFPBCT_COMMIT_REPLY, 191);
    assert_int_equal(n_batch_applied, 1);
    check_echo(c, 200);
}

/* Stock "ovs-ofctl --bundle add-flows" against our connmgr. */

static pid_t ofctl_pid;
static int ofctl_status;

static bool
ofctl_exited(void *unused OVS_UNUSED)
{
    pid_t pid = waitpid(ofctl_pid, &ofctl_status, WNOHANG);

    assert_true(pid >= 0);
    return pid == ofctl_pid;
}

/* Runs stock ovs-ofctl with 'argv' while the connmgr runs; returns its
 * exit status. */
static int
run_stock_ofctl(char *argv[])
{
    ofctl_pid = fork();
    assert_true(ofctl_pid >= 0);
    if (!ofctl_pid) {
        int fd = (getenv("TEST_CONNMGR_VERBOSE") ? -1
                  : open("/dev/null", O_WRONLY));

        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
        }
        execv(argv[0], argv);
        _exit(126);
    }
    assert_true(run_until(ofctl_exited, NULL, 10000));
    return WIFEXITED(ofctl_status) ? WEXITSTATUS(ofctl_status) : -1;
}

static void
test_stock_ofctl_bundle(void **state OVS_UNUSED)
{
    static const char ofctl[] = "/usr/bin/ovs-ofctl";
    char good[128], bad[128];
    FILE *f;

    if (access(ofctl, X_OK)) {
        skip();
    }
    snprintf(good, sizeof good, "%s/good.flows", rundir);
    snprintf(bad, sizeof bad, "%s/bad.flows", rundir);
    f = fopen(good, "w");
    assert_non_null(f);
    fprintf(f, "priority=10,actions=drop\n"
               "priority=20,ip,actions=drop\n"
               "priority=30,arp,actions=drop\n");
    fclose(f);
    f = fopen(bad, "w");
    assert_non_null(f);
    fprintf(f, "priority=40,actions=drop\n"
               "cookie=0x%x,priority=50,actions=drop\n", BAD_COOKIE);
    fclose(f);

    {
        char *argv[] = { (char *) ofctl, (char *) "-O", (char *) "OpenFlow13",
                         (char *) "--bundle", (char *) "add-flows",
                         (char *) "br0", good, NULL };

        assert_int_equal(run_stock_ofctl(argv), 0);
        assert_int_equal(n_batches, 1);
        assert_int_equal(n_batch_applied, 3);
        assert_int_equal(n_flow_mods, 0);
    }
    {
        char *argv[] = { (char *) ofctl, (char *) "-O", (char *) "OpenFlow13",
                         (char *) "--bundle", (char *) "add-flows",
                         (char *) "br0", bad, NULL };

        assert_int_not_equal(run_stock_ofctl(argv), 0);
        assert_int_equal(n_batches, 2);
        assert_int_equal(n_batch_applied, 3);
    }
    unlink(good);
    unlink(bad);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_mgmt_hello, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_messages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ptcp_listener, setup, teardown),
        cmocka_unit_test_setup_teardown(test_active_backoff, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_probe_timeout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_packet_in_rate, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_packet_in_backlog, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_roles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fail_open, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bundles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bundle_errors, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_stock_ofctl_bundle, setup,
                                        teardown),
    };
    char *dir;
    int rc;

    set_program_name("test-connmgr");
    snprintf(rundir, sizeof rundir, "/tmp/test-connmgr.XXXXXX");
    dir = mkdtemp(rundir);
    if (!dir) {
        perror("mkdtemp");
        return 1;
    }
    setenv("OVS_RUNDIR", rundir, 1);
    rc = cmocka_run_group_tests(tests, NULL, NULL);
    rmdir(rundir);
    return rc;
}
