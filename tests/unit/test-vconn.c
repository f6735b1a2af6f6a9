/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Unit tests for lib/vconn.c: framing, the HELLO exchange, partial reads,
 * bad lengths and echo handling.  The peer is either another vconn (over
 * punix: in a temporary directory) or a raw Unix socket that the test
 * writes bytes to by hand. */

#include <config.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "ofp-msgs.h"
#include "ofpbuf.h"
#include "poll-loop.h"
#include "timeval.h"
#include "util.h"
#include "vconn.h"

#define V10_ONLY (1u << OFP10_VERSION)
#define V13_ONLY (1u << OFP13_VERSION)
#define V_BOTH (V10_ONLY | V13_ONLY)

static char tmpdir[64];
static char sockpath[128];

static int
setup(void **state OVS_UNUSED)
{
    strcpy(tmpdir, "/tmp/test-vconn-XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    snprintf(sockpath, sizeof sockpath, "%s/sock", tmpdir);
    return 0;
}

static int
teardown(void **state OVS_UNUSED)
{
    unlink(sockpath);
    rmdir(tmpdir);
    return 0;
}

/* Raw peer: a listening Unix socket and the connection accepted on it. */
static int
raw_listen(void)
{
    struct sockaddr_un sun;
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    assert_true(fd >= 0);
    memset(&sun, 0, sizeof sun);
    sun.sun_family = AF_UNIX;
    ovs_strlcpy(sun.sun_path, sockpath, sizeof sun.sun_path);
    unlink(sockpath);
    assert_int_equal(bind(fd, (struct sockaddr *) &sun, sizeof sun), 0);
    assert_int_equal(listen(fd, 4), 0);
    return fd;
}

/* Opens a vconn offering 'versions' to a raw listener and returns the
 * accepted raw fd in '*rawp'. */
static struct vconn *
open_to_raw(uint32_t versions, int *rawp)
{
    int lfd = raw_listen();
    char name[160];
    struct vconn *vconn;

    snprintf(name, sizeof name, "unix:%s", sockpath);
    assert_int_equal(vconn_open(name, versions, &vconn), 0);
    *rawp = accept(lfd, NULL, NULL);
    assert_true(*rawp >= 0);
    close(lfd);
    return vconn;
}

static void
raw_write(int fd, const void *p, size_t n)
{
    assert_int_equal(write(fd, p, n), (ssize_t) n);
}

static void
raw_write_buf(int fd, struct ofpbuf *b)
{
    raw_write(fd, b->data, b->size);
    ofpbuf_clear(b);
}

/* Reads exactly one OpenFlow message from 'fd' into 'b' (cleared first). */
static void
raw_read_msg(int fd, struct ofpbuf *b)
{
    uint8_t hdr[8];
    size_t len;

    ofpbuf_clear(b);
    assert_int_equal(recv(fd, hdr, 8, MSG_WAITALL), 8);
    len = ofp_get16(hdr + 2);
    assert_true(len >= 8);
    ofpbuf_put(b, hdr, 8);
    if (len > 8) {
        void *body = ofpbuf_put_uninit(b, len - 8);

        assert_int_equal(recv(fd, body, len - 8, MSG_WAITALL),
                         (ssize_t) (len - 8));
    }
}

/* Drives 'vconn' until vconn_connect() returns something but EAGAIN. */
static int
connect_block(struct vconn *vconn)
{
    int error;

    for (;;) {
        vconn_run(vconn);
        error = vconn_connect(vconn);
        if (error != EAGAIN) {
            return error;
        }
        vconn_wait(vconn, false);
        poll_block();
    }
}

/* Two vconns over punix:, driven together until both finish connecting.
 * Returns the errors in '*ca' (client) and '*sa' (server). */
static void
pair_connect(uint32_t client_versions, uint32_t server_versions,
             struct vconn **client, struct vconn **server, int *ca, int *sa)
{
    char name[160];
    struct pvconn *pvconn;

    snprintf(name, sizeof name, "punix:%s", sockpath);
    assert_int_equal(pvconn_open(name, server_versions, &pvconn), 0);
    assert_int_equal(vconn_open(name + 1, client_versions, client), 0);
    *server = NULL;
    while (!*server) {
        int error = pvconn_accept(pvconn, server);

        if (error == EAGAIN) {
            vconn_run(*client);
            vconn_wait(*client, false);
            pvconn_wait(pvconn);
            poll_block();
        } else {
            assert_int_equal(error, 0);
        }
    }
    pvconn_close(pvconn);

    *ca = *sa = EAGAIN;
    while (*ca == EAGAIN || *sa == EAGAIN) {
        *ca = vconn_connect(*client);
        *sa = vconn_connect(*server);
        vconn_run(*client);
        vconn_run(*server);
        if (*ca == EAGAIN) {
            vconn_wait(*client, false);
        }
        if (*sa == EAGAIN) {
            vconn_wait(*server, false);
        }
        if (*ca == EAGAIN || *sa == EAGAIN) {
            poll_block();
        }
    }
}

static void
test_hello_both(void **state OVS_UNUSED)
{
    struct vconn *c, *s;
    int ca, sa;

    pair_connect(V_BOTH, V_BOTH, &c, &s, &ca, &sa);
    assert_int_equal(ca, 0);
    assert_int_equal(sa, 0);
    assert_int_equal(vconn_get_version(c), OFP13_VERSION);
    assert_int_equal(vconn_get_version(s), OFP13_VERSION);
    assert_int_equal(vconn_get_peer_versions(c), V_BOTH);
    assert_int_equal(vconn_get_peer_versions(s), V_BOTH);
    vconn_close(c);
    vconn_close(s);
}

static void
test_hello_10_only(void **state OVS_UNUSED)
{
    struct vconn *c, *s;
    int ca, sa;

    pair_connect(V10_ONLY, V_BOTH, &c, &s, &ca, &sa);
    assert_int_equal(ca, 0);
    assert_int_equal(sa, 0);
    assert_int_equal(vconn_get_version(c), OFP10_VERSION);
    assert_int_equal(vconn_get_version(s), OFP10_VERSION);
    /* A 1.0 HELLO has no bitmap: it means "1.0 and below". */
    assert_int_equal(vconn_get_peer_versions(s), V10_ONLY);
    vconn_close(c);
    vconn_close(s);
}

static void
test_hello_13_only(void **state OVS_UNUSED)
{
    struct vconn *c, *s;
    int ca, sa;

    pair_connect(V13_ONLY, V_BOTH, &c, &s, &ca, &sa);
    assert_int_equal(ca, 0);
    assert_int_equal(sa, 0);
    assert_int_equal(vconn_get_version(c), OFP13_VERSION);
    assert_int_equal(vconn_get_version(s), OFP13_VERSION);
    assert_int_equal(vconn_get_peer_versions(s), V13_ONLY);
    vconn_close(c);
    vconn_close(s);
}

static void
test_hello_none(void **state OVS_UNUSED)
{
    struct vconn *c, *s;
    int ca, sa;

    pair_connect(V13_ONLY, V10_ONLY, &c, &s, &ca, &sa);
    assert_int_equal(ca, EPROTO);
    assert_int_equal(sa, EPROTO);
    assert_int_equal(vconn_get_version(c), 0);
    vconn_close(c);
    vconn_close(s);
}

/* With a raw peer: the failing side sends HELLO_FAILED/INCOMPATIBLE. */
static void
test_hello_failed_message(void **state OVS_UNUSED)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct ofp_error_msg em;
    struct ofp_msg_info info;
    struct vconn *vconn;
    uint32_t versions;
    int raw;

    vconn = open_to_raw(V13_ONLY, &raw);
    ofp_encode_hello(&b, V10_ONLY, 99);
    raw_write_buf(raw, &b);
    assert_int_equal(connect_block(vconn), EPROTO);

    raw_read_msg(raw, &b);
    assert_int_equal(ofp_decode_hello(b.data, b.size, &versions), 0);
    assert_int_equal(versions, V13_ONLY);
    assert_int_equal(((uint8_t *) b.data)[0], OFP13_VERSION);

    raw_read_msg(raw, &b);
    assert_int_equal(ofptype_decode(b.data, b.size, &info), 0);
    assert_int_equal(info.type, OFPTYPE_ERROR);
    assert_int_equal(info.xid, 99);
    assert_int_equal(ofp_decode_error(b.data, b.size, &em), 0);
    assert_int_equal(em.wire.type, 0);      /* OFPET_HELLO_FAILED. */
    assert_int_equal(em.wire.code, 0);      /* OFPHFC_INCOMPATIBLE. */
    assert_int_equal(em.error, OFPERR_OFPHFC_INCOMPATIBLE);

    vconn_close(vconn);
    close(raw);
    ofpbuf_uninit(&b);
}

/* A message before the HELLO fails the connection. */
static void
test_no_hello(void **state OVS_UNUSED)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct vconn *vconn;
    int raw;

    vconn = open_to_raw(V_BOTH, &raw);
    ofpmsg_put_empty(&b, OFPTYPE_FEATURES_REQUEST, OFP10_VERSION, false, 5);
    raw_write_buf(raw, &b);
    assert_int_equal(connect_block(vconn), EPROTO);
    vconn_close(vconn);
    close(raw);
    ofpbuf_uninit(&b);
}

/* Connects 'vconn' to the raw peer 'raw' at version 'version'. */
static void
raw_handshake(struct vconn *vconn, int raw, uint8_t version)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;

    ofp_encode_hello(&b, 1u << version, 1);
    raw_write_buf(raw, &b);
    assert_int_equal(connect_block(vconn), 0);
    assert_int_equal(vconn_get_version(vconn), version);
    raw_read_msg(raw, &b);      /* Our HELLO. */
    assert_int_equal(((uint8_t *) b.data)[1], 0);
    ofpbuf_uninit(&b);
}

/* Receives one message without blocking forever: polls until not EAGAIN
 * or 'max_eagain' EAGAINs in a row. */
static int
recv_nb(struct vconn *vconn, struct ofpbuf **msgp)
{
    int error = vconn_recv(vconn, msgp);

    if (error == EAGAIN) {
        /* Give the kernel a chance (the bytes are already written, so one
         * poll is enough). */
        vconn_run(vconn);
        vconn_wait(vconn, true);
        poll_timer_wait(50);
        poll_block();
        error = vconn_recv(vconn, msgp);
    }
    return error;
}

static void
test_framing_partial(void **state OVS_UNUSED)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct ofp_msg_info info;
    struct ofpbuf *msg;
    struct vconn *vconn;
    uint8_t *bytes;
    size_t total, i;
    int raw;

    vconn = open_to_raw(V_BOTH, &raw);
    raw_handshake(vconn, raw, OFP13_VERSION);

    /* Three messages, the middle one large, written in odd pieces. */
    ofpmsg_put_empty(&b, OFPTYPE_BARRIER_REPLY, OFP13_VERSION, false, 10);
    ofp_encode_echo(&b, OFPTYPE_ECHO_REPLY, OFP13_VERSION, 11, NULL, 0);
    {
        uint8_t big[40000];

        memset(big, 0xab, sizeof big);
        ofp_encode_echo(&b, OFPTYPE_ECHO_REPLY, OFP13_VERSION, 12, big,
                        sizeof big);
    }
    ofpmsg_put_empty(&b, OFPTYPE_BARRIER_REPLY, OFP13_VERSION, false, 13);
    total = b.size;
    bytes = b.data;

    /* Three header bytes alone: nothing yet. */
    raw_write(raw, bytes, 3);
    assert_int_equal(recv_nb(vconn, &msg), EAGAIN);
    assert_null(msg);
    for (i = 3; i < total; ) {
        size_t n = MIN(total - i, 7001);

        raw_write(raw, bytes + i, n);
        i += n;
    }

    uint32_t expect_xid[] = { 10, 11, 12, 13 };
    size_t expect_len[] = { 8, 8, 40008, 8 };
    for (i = 0; i < 4; i++) {
        struct ofpbuf *m;

        assert_int_equal(vconn_recv_block(vconn, &m), 0);
        assert_int_equal(m->size, expect_len[i]);
        assert_int_equal(ofptype_decode(m->data, m->size, &info), 0);
        assert_int_equal(info.xid, expect_xid[i]);
        vconn_msg_free(m);
    }
    assert_int_equal(recv_nb(vconn, &msg), EAGAIN);

    vconn_close(vconn);
    close(raw);
    ofpbuf_uninit(&b);
}

static void
test_undersize_length(void **state OVS_UNUSED)
{
    static const uint8_t bad[8] = { OFP13_VERSION, 2, 0, 7, 0, 0, 0, 1 };
    struct ofpbuf *msg;
    struct vconn *vconn;
    int raw;

    vconn = open_to_raw(V_BOTH, &raw);
    raw_handshake(vconn, raw, OFP13_VERSION);
    raw_write(raw, bad, sizeof bad);
    assert_int_equal(vconn_recv_block(vconn, &msg), EPROTO);
    assert_null(msg);
    /* The failure sticks. */
    assert_int_equal(vconn_recv(vconn, &msg), EPROTO);
    vconn_close(vconn);
    close(raw);
}

static void
test_zero_length_hello(void **state OVS_UNUSED)
{
    static const uint8_t bad[8] = { OFP13_VERSION, 0, 0, 0, 0, 0, 0, 1 };
    struct vconn *vconn;
    int raw;

    vconn = open_to_raw(V_BOTH, &raw);
    raw_write(raw, bad, sizeof bad);
    assert_int_equal(connect_block(vconn), EPROTO);
    vconn_close(vconn);
    close(raw);
}

/* A length field that promises more than the peer sends before closing. */
static void
test_oversize_length(void **state OVS_UNUSED)
{
    static const uint8_t bad[12] = { OFP13_VERSION, 3, 0xff, 0xff, 0, 0, 0,
                                     1, 1, 2, 3, 4 };
    struct ofpbuf *msg;
    struct vconn *vconn;
    int raw;

    vconn = open_to_raw(V_BOTH, &raw);
    raw_handshake(vconn, raw, OFP13_VERSION);
    raw_write(raw, bad, sizeof bad);
    assert_int_equal(recv_nb(vconn, &msg), EAGAIN);
    close(raw);
    assert_int_equal(vconn_recv_block(vconn, &msg), EPROTO);
    vconn_close(vconn);
}

static void
test_clean_eof(void **state OVS_UNUSED)
{
    struct ofpbuf *msg;
    struct vconn *vconn;
    int raw;

    vconn = open_to_raw(V_BOTH, &raw);
    raw_handshake(vconn, raw, OFP10_VERSION);
    close(raw);
    assert_int_equal(vconn_recv_block(vconn, &msg), EOF);
    vconn_close(vconn);
}

static void
test_echo_in_recv_block(void **state OVS_UNUSED)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct ofp_msg_info info;
    const uint8_t *data;
    size_t data_len;
    struct ofpbuf *msg;
    struct vconn *vconn;
    int raw;

    vconn = open_to_raw(V_BOTH, &raw);
    raw_handshake(vconn, raw, OFP10_VERSION);
    ofp_encode_echo(&b, OFPTYPE_ECHO_REQUEST, OFP10_VERSION, 77, "abc", 3);
    ofpmsg_put_empty(&b, OFPTYPE_BARRIER_REPLY, OFP10_VERSION, false, 78);
    raw_write_buf(raw, &b);

    assert_int_equal(vconn_recv_block(vconn, &msg), 0);
    assert_int_equal(ofptype_decode(msg->data, msg->size, &info), 0);
    assert_int_equal(info.type, OFPTYPE_BARRIER_REPLY);
    assert_int_equal(info.xid, 78);
    vconn_msg_free(msg);

    raw_read_msg(raw, &b);
    assert_int_equal(ofptype_decode(b.data, b.size, &info), 0);
    assert_int_equal(info.type, OFPTYPE_ECHO_REPLY);
    assert_int_equal(info.xid, 77);
    assert_int_equal(ofp_decode_echo(b.data, b.size, &data, &data_len), 0);
    assert_int_equal(data_len, 3);
    assert_memory_equal(data, "abc", 3);

    vconn_close(vconn);
    close(raw);
    ofpbuf_uninit(&b);
}

/* Messages of another version than the negotiated one: an ERROR reaches
 * the caller; an ECHO_REQUEST is answered in its own version and a
 * BARRIER_REQUEST gets BAD_VERSION in its version, and neither of those
 * two reaches the caller. */
static void
test_wrong_version(void **state OVS_UNUSED)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct ofp_error_msg em;
    struct ofp_msg_info info;
    struct ofpbuf *msg;
    struct vconn *vconn;
    int raw;

    vconn = open_to_raw(V_BOTH, &raw);
    raw_handshake(vconn, raw, OFP13_VERSION);
    ofp_encode_echo(&b, OFPTYPE_ECHO_REQUEST, OFP10_VERSION, 21, "xy", 2);
    ofpmsg_put_empty(&b, OFPTYPE_BARRIER_REQUEST, OFP10_VERSION, false, 22);
    ofp_encode_error(&b, OFPERR_OFPBRC_BAD_TYPE, OFP10_VERSION, 24, NULL, 0);
    ofpmsg_put_empty(&b, OFPTYPE_BARRIER_REPLY, OFP13_VERSION, false, 23);
    raw_write_buf(raw, &b);

    /* An ERROR of another version reaches the caller. */
    assert_int_equal(vconn_recv_block(vconn, &msg), 0);
    assert_int_equal(ofptype_decode(msg->data, msg->size, &info), 0);
    assert_int_equal(info.type, OFPTYPE_ERROR);
    assert_int_equal(info.version, OFP10_VERSION);
    assert_int_equal(info.xid, 24);
    vconn_msg_free(msg);

    assert_int_equal(vconn_recv_block(vconn, &msg), 0);
    assert_int_equal(ofptype_decode(msg->data, msg->size, &info), 0);
    assert_int_equal(info.xid, 23);
    vconn_msg_free(msg);
    vconn_run(vconn);

    raw_read_msg(raw, &b);
    assert_int_equal(ofptype_decode(b.data, b.size, &info), 0);
    assert_int_equal(info.type, OFPTYPE_ECHO_REPLY);
    assert_int_equal(info.version, OFP10_VERSION);
    assert_int_equal(info.xid, 21);
    assert_int_equal(b.size, 10);

    raw_read_msg(raw, &b);
    assert_int_equal(ofptype_decode(b.data, b.size, &info), 0);
    assert_int_equal(info.type, OFPTYPE_ERROR);
    assert_int_equal(info.version, OFP10_VERSION);
    assert_int_equal(info.xid, 22);
    assert_int_equal(ofp_decode_error(b.data, b.size, &em), 0);
    assert_int_equal(em.error, OFPERR_OFPBRC_BAD_VERSION);

    vconn_close(vconn);
    close(raw);
    ofpbuf_uninit(&b);
}

/* vconn_open_block() against a peer whose HELLO comes a little later (a
 * child process): it must return as soon as the HELLO is there. */
static void
test_open_block_late_hello(void **state OVS_UNUSED)
{
    int lfd = raw_listen();
    char name[160];
    struct vconn *vconn;
    long long int start;
    pid_t pid;

    pid = fork();
    assert_true(pid >= 0);
    if (!pid) {
        struct ofpbuf b = OFPBUF_INITIALIZER;
        int fd = accept(lfd, NULL, NULL);

        usleep(100 * 1000);
        ofp_encode_hello(&b, V10_ONLY, 1);
        if (write(fd, b.data, b.size) != (ssize_t) b.size) {
            _exit(1);
        }
        sleep(3);
        _exit(0);
    }
    close(lfd);
    snprintf(name, sizeof name, "unix:%s", sockpath);
    start = time_msec();
    assert_int_equal(vconn_open_block(name, V_BOTH, &vconn), 0);
    assert_true(time_msec() - start < 2000);
    assert_int_equal(vconn_get_version(vconn), OFP10_VERSION);
    vconn_close(vconn);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

static struct ofpbuf *
new_msg(void)
{
    struct ofpbuf *b = xmalloc(sizeof *b);

    ofpbuf_init(b);
    return b;
}

/* vconn_transact() skips unrelated replies; vconn_transact_noreply()
 * reports an ERROR that precedes the barrier reply. */
static void
test_transact(void **state OVS_UNUSED)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct ofp_msg_info info;
    struct ofpbuf *req, *reply, *error_msg;
    struct vconn *vconn;
    uint32_t xid;
    int raw;

    vconn = open_to_raw(V_BOTH, &raw);
    raw_handshake(vconn, raw, OFP13_VERSION);

    xid = vconn_next_xid(vconn);
    req = new_msg();
    ofpmsg_put_empty(req, OFPTYPE_FEATURES_REQUEST, OFP13_VERSION, false,
                     xid);
    ofpmsg_put_empty(&b, OFPTYPE_BARRIER_REPLY, OFP13_VERSION, false,
                     xid + 100);
    ofpmsg_put_empty(&b, OFPTYPE_BARRIER_REPLY, OFP13_VERSION, false, xid);
    raw_write_buf(raw, &b);
    assert_int_equal(vconn_transact(vconn, req, &reply), 0);
    assert_int_equal(ofptype_decode(reply->data, reply->size, &info), 0);
    assert_int_equal(info.xid, xid);
    vconn_msg_free(reply);
    raw_read_msg(raw, &b);
    assert_int_equal(ofptype_decode(b.data, b.size, &info), 0);
    assert_int_equal(info.type, OFPTYPE_FEATURES_REQUEST);

    /* noreply: one request, then the barrier takes the next xid. */
    xid = vconn_next_xid(vconn);
    req = new_msg();
    ofpmsg_put_empty(req, OFPTYPE_GET_CONFIG_REQUEST, OFP13_VERSION, false,
                     xid);
    ofp_encode_error(&b, OFPERR_OFPBRC_BAD_TYPE, OFP13_VERSION, xid,
                     NULL, 0);
    ofpmsg_put_empty(&b, OFPTYPE_BARRIER_REPLY, OFP13_VERSION, false,
                     xid + 1);
    raw_write_buf(raw, &b);
    assert_int_equal(vconn_transact_noreply(vconn, &req, 1, &error_msg),
                     EPROTO);
    assert_non_null(error_msg);
    assert_int_equal(ofptype_decode(error_msg->data, error_msg->size,
                                    &info), 0);
    assert_int_equal(info.type, OFPTYPE_ERROR);
    assert_int_equal(info.xid, xid);
    vconn_msg_free(error_msg);
    raw_read_msg(raw, &b);
    assert_int_equal(ofptype_decode(b.data, b.size, &info), 0);
    assert_int_equal(info.type, OFPTYPE_GET_CONFIG_REQUEST);
    raw_read_msg(raw, &b);
    assert_int_equal(ofptype_decode(b.data, b.size, &info), 0);
    assert_int_equal(info.type, OFPTYPE_BARRIER_REQUEST);
    assert_int_equal(info.xid, xid + 1);

    vconn_close(vconn);
    close(raw);
    ofpbuf_uninit(&b);
}

static void
test_transact_multipart(void **state OVS_UNUSED)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct ofp_port_stats ps[2];
    struct ofpbuf *req, **replies;
    struct vconn *vconn;
    size_t n_replies, i;
    uint32_t xid;
    int raw;

    vconn = open_to_raw(V_BOTH, &raw);
    raw_handshake(vconn, raw, OFP13_VERSION);

    xid = vconn_next_xid(vconn);
    req = new_msg();
    ofp_encode_port_stats_request(req, OFPP_NONE, OFP13_VERSION, xid);
    memset(ps, 0, sizeof ps);
    ps[0].port_no = 1;
    ps[1].port_no = 2;
    ofp_encode_port_stats_reply(&b, &ps[0], 1, OFP13_VERSION, xid);
    /* Set OFPSF_REPLY_MORE on the first (flags at offset 10 in 1.3). */
    ((uint8_t *) b.data)[11] = OFPSF_REPLY_MORE;
    ofp_encode_port_stats_reply(&b, &ps[1], 1, OFP13_VERSION, xid);
    raw_write_buf(raw, &b);

    assert_int_equal(vconn_transact_multipart(vconn, req, &replies,
                                              &n_replies), 0);
    assert_int_equal(n_replies, 2);
    for (i = 0; i < n_replies; i++) {
        struct ofp_port_stats *out;
        size_t n;

        assert_int_equal(ofp_decode_port_stats_reply(replies[i]->data,
                                                     replies[i]->size,
                                                     &out, &n), 0);
        assert_int_equal(n, 1);
        assert_int_equal(out[0].port_no, i + 1);
        free(out);
        vconn_msg_free(replies[i]);
    }
    free(replies);
    vconn_close(vconn);
    close(raw);
    ofpbuf_uninit(&b);
}

/* Messages between two vconns, both directions, with a tx backlog. */
static void
test_pair_messages(void **state OVS_UNUSED)
{
    struct vconn *c, *s;
    struct ofpbuf *msg;
    struct ofp_msg_info info;
    int ca, sa, i;

    pair_connect(V_BOTH, V_BOTH, &c, &s, &ca, &sa);
    assert_int_equal(ca, 0);
    assert_int_equal(sa, 0);
    for (i = 0; i < 1000; i++) {
        msg = new_msg();
        ofp_encode_echo(msg, OFPTYPE_ECHO_REPLY, OFP13_VERSION, i,
                        "0123456789abcdef0123456789abcdef", 32);
        assert_int_equal(vconn_send(c, msg), 0);
    }
    for (i = 0; i < 1000; i++) {
        for (;;) {
            int error = vconn_recv(s, &msg);

            if (!error) {
                break;
            }
            assert_int_equal(error, EAGAIN);
            vconn_run(c);
            vconn_run(s);
            vconn_wait(c, false);
            vconn_wait(s, true);
            poll_block();
        }
        assert_int_equal(ofptype_decode(msg->data, msg->size, &info), 0);
        assert_int_equal(info.xid, i);
        assert_int_equal(msg->size, 40);
        vconn_msg_free(msg);
    }
    assert_int_equal(vconn_get_tx_backlog(c), 0);
    vconn_close(c);
    vconn_close(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_hello_both, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hello_10_only, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_hello_13_only, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_hello_none, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hello_failed_message, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_no_hello, setup, teardown),
        cmocka_unit_test_setup_teardown(test_framing_partial, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_undersize_length, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_zero_length_hello, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_oversize_length, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_clean_eof, setup, teardown),
        cmocka_unit_test_setup_teardown(test_echo_in_recv_block, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_open_block_late_hello, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_wrong_version, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_transact, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transact_multipart, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_pair_messages, setup,
                                        teardown),
    };

    set_program_name("test-vconn");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
