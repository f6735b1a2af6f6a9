/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* OpenFlow connections: message framing and the HELLO exchange on top of
 * the byte streams of stream.h.  See vconn.h. */

#include <config.h>
#include "vconn.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dynamic-string.h"
#include "ofp-errors.h"
#include "ofp-msgs.h"
#include "ofpbuf.h"
#include "poll-loop.h"
#include "stream.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(vconn);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);

/* Where a connection stands. */
enum vconn_state {
    VCS_CONNECTING,             /* The stream is not connected yet. */
    VCS_HELLO,                  /* Waiting for the peer's HELLO. */
    VCS_CONNECTED,              /* Version negotiated. */
    VCS_FAILED                  /* 'error' tells why. */
};

/* How many bytes to ask the stream for at a time. */
#define VCONN_RX_CHUNK 16384

struct vconn {
    char *name;
    struct stream *stream;
    enum vconn_state state;
    int error;                  /* Positive errno once VCS_FAILED. */

    uint32_t allowed_versions;  /* What we offered. */
    uint32_t peer_versions;     /* What the peer's HELLO announced. */
    uint8_t version;            /* Negotiated; 0 until VCS_CONNECTED. */
    uint32_t next_xid;

    /* Received bytes: 'rx.data[rx_ofs]' to 'rx.data[rx.size - 1]' are not
     * consumed yet. */
    struct ofpbuf rx;
    size_t rx_ofs;

    /* Bytes to send: 'tx.data[tx_ofs]' to 'tx.data[tx.size - 1]'. */
    struct ofpbuf tx;
    size_t tx_ofs;
};

struct pvconn {
    struct pstream *pstream;
    uint32_t allowed_versions;
};

static void vconn_set_error(struct vconn *, int error);
static void vconn_flush(struct vconn *);

static uint32_t
normalize_versions(uint32_t versions)
{
    return versions ? versions : OFP_SUPPORTED_VERSIONS;
}

/* Returns the version to put in messages we send before negotiation ends:
 * the highest one we offer. */
static uint8_t
highest_version(uint32_t versions)
{
    uint8_t v;

    for (v = 31; v > 0; v--) {
        if (versions & (1u << v)) {
            return v;
        }
    }
    return OFP10_VERSION;
}

static struct vconn *
vconn_create(const char *name, struct stream *stream, uint32_t versions)
{
    struct vconn *vconn = xzalloc(sizeof *vconn);

    vconn->name = xstrdup(name);
    vconn->stream = stream;
    vconn->state = VCS_CONNECTING;
    vconn->allowed_versions = normalize_versions(versions);
    vconn->next_xid = 1;
    ofpbuf_init(&vconn->rx);
    ofpbuf_init(&vconn->tx);

    /* The HELLO goes first, ahead of anything the caller queues before the
     * stream is up. */
    ofp_encode_hello(&vconn->tx, vconn->allowed_versions,
                     vconn_next_xid(vconn));
    return vconn;
}

int
vconn_open(const char *name, uint32_t versions, struct vconn **vconnp)
{
    struct stream *stream;
    int error;

    *vconnp = NULL;
    error = stream_open(name, &stream, 0);
    if (error) {
        return error;
    }
    *vconnp = vconn_create(name, stream, versions);
    return 0;
}

void
vconn_close(struct vconn *vconn)
{
    if (vconn) {
        if (vconn->stream) {
            stream_close(vconn->stream);
        }
        ofpbuf_uninit(&vconn->rx);
        ofpbuf_uninit(&vconn->tx);
        free(vconn->name);
        free(vconn);
    }
}

static void
vconn_set_error(struct vconn *vconn, int error)
{
    if (vconn->state != VCS_FAILED) {
        vconn->state = VCS_FAILED;
        vconn->error = error;
    }
}

/* Appends the 'n' bytes at 'p' to the transmit queue. */
static void
vconn_queue(struct vconn *vconn, const void *p, size_t n)
{
    if (vconn->tx_ofs && vconn->tx_ofs == vconn->tx.size) {
        ofpbuf_clear(&vconn->tx);
        vconn->tx_ofs = 0;
    } else if (vconn->tx_ofs > VCONN_RX_CHUNK
               && vconn->tx_ofs * 2 > vconn->tx.size) {
        size_t left = vconn->tx.size - vconn->tx_ofs;

        memmove(vconn->tx.data, vconn->tx.data + vconn->tx_ofs, left);
        vconn->tx.size = left;
        vconn->tx_ofs = 0;
    }
    ofpbuf_put(&vconn->tx, p, n);
}

/* Sends as much of the transmit queue as the stream takes now. */
static void
vconn_flush(struct vconn *vconn)
{
    while (vconn->state != VCS_CONNECTING && vconn->state != VCS_FAILED
           && vconn->tx_ofs < vconn->tx.size) {
        size_t n_sent;
        int error;

        error = stream_send(vconn->stream, vconn->tx.data + vconn->tx_ofs,
                            vconn->tx.size - vconn->tx_ofs, &n_sent);
        if (error == EAGAIN) {
            break;
        } else if (error) {
            VLOG_DBG_RL(&rl, "%s: send failed (%s)", vconn->name,
                        ovs_strerror(error));
            vconn_set_error(vconn, error);
            break;
        }
        vconn->tx_ofs += n_sent;
    }
    if (vconn->tx_ofs && vconn->tx_ofs == vconn->tx.size) {
        ofpbuf_clear(&vconn->tx);
        vconn->tx_ofs = 0;
    }
}

/* Framing.  Returns the length of the complete message at the head of the
 * receive buffer, 0 if it is not complete yet, or -1 if its length field is
 * impossible. */
static int
rx_message_len(const struct vconn *vconn)
{
    size_t avail = vconn->rx.size - vconn->rx_ofs;
    const uint8_t *p = vconn->rx.data + vconn->rx_ofs;
    size_t len;

    if (avail < OFP_HEADER_LEN) {
        return 0;
    }
    len = ofp_get16(p + 2);
    if (len < OFP_HEADER_LEN) {
        return -1;
    }
    return avail >= len ? (int) len : 0;
}

/* Reads more bytes from the stream.  Returns 0 if some arrived, otherwise
 * EAGAIN, EOF or an error. */
static int
vconn_fill(struct vconn *vconn)
{
    size_t n_received;
    int error;

    /* Move unconsumed bytes to the front before growing the buffer. */
    if (vconn->rx_ofs) {
        size_t left = vconn->rx.size - vconn->rx_ofs;

        memmove(vconn->rx.data, vconn->rx.data + vconn->rx_ofs, left);
        vconn->rx.size = left;
        vconn->rx_ofs = 0;
    }
    ofpbuf_put_uninit(&vconn->rx, VCONN_RX_CHUNK);
    vconn->rx.size -= VCONN_RX_CHUNK;

    error = stream_recv(vconn->stream, vconn->rx.data + vconn->rx.size,
                        VCONN_RX_CHUNK, &n_received);
    if (!error) {
        vconn->rx.size += n_received;
    }
    return error;
}

/* Takes one complete message off the receive buffer, reading from the
 * stream as needed.  Returns 0, EAGAIN, or a fatal error (already recorded
 * in 'vconn'). */
static int
vconn_recv_raw(struct vconn *vconn, struct ofpbuf **msgp)
{
    for (;;) {
        int len = rx_message_len(vconn);

        if (len > 0) {
            struct ofpbuf *msg = xmalloc(sizeof *msg);

            ofpbuf_init(msg);
            ofpbuf_put(msg, vconn->rx.data + vconn->rx_ofs, len);
            vconn->rx_ofs += len;
            if (vconn->rx_ofs == vconn->rx.size) {
                ofpbuf_clear(&vconn->rx);
                vconn->rx_ofs = 0;
            }
            *msgp = msg;
            return 0;
        } else if (len < 0) {
            VLOG_WARN_RL(&rl, "%s: received message with length %u "
                         "shorter than the OpenFlow header", vconn->name,
                         ofp_get16(vconn->rx.data + vconn->rx_ofs + 2));
            vconn_set_error(vconn, EPROTO);
            return EPROTO;
        } else {
            int error = vconn_fill(vconn);

            if (error == EAGAIN) {
                return EAGAIN;
            } else if (error == EOF && vconn->rx.size != vconn->rx_ofs) {
                VLOG_WARN_RL(&rl, "%s: connection closed in the middle of "
                             "a message", vconn->name);
                vconn_set_error(vconn, EPROTO);
                return EPROTO;
            } else if (error) {
                vconn_set_error(vconn, error);
                return error;
            }
        }
    }
}

static void
format_versions(struct ds *s, uint32_t versions)
{
    bool first = true;
    int v;

    for (v = 1; v < 32; v++) {
        if (versions & (1u << v)) {
            ds_put_format(s, "%s0x%02x", first ? "" : ", ", v);
            first = false;
        }
    }
    if (first) {
        ds_put_cstr(s, "none");
    }
}

/* Handles the first message from the peer, which must be a HELLO. */
static void
vconn_process_hello(struct vconn *vconn, const struct ofpbuf *msg)
{
    struct ofp_msg_info info;
    uint32_t versions;

    if (msg->data[1] != 0) {
        /* Type 0 is HELLO in every OpenFlow version. */
        if (!ofptype_decode(msg->data, msg->size, &info)
            && info.type == OFPTYPE_ERROR) {
            VLOG_WARN_RL(&rl, "%s: received error instead of hello "
                         "(version negotiation failed?)", vconn->name);
        } else {
            VLOG_WARN_RL(&rl, "%s: received message while expecting hello",
                         vconn->name);
        }
        vconn_set_error(vconn, EPROTO);
        return;
    }
    if (ofp_decode_hello(msg->data, msg->size, &versions)) {
        VLOG_WARN_RL(&rl, "%s: received malformed hello", vconn->name);
        vconn_set_error(vconn, EPROTO);
        return;
    }
    vconn->peer_versions = versions;
    vconn->version = ofp_negotiate_version(vconn->allowed_versions, versions);
    if (vconn->version) {
        vconn->state = VCS_CONNECTED;
        VLOG_DBG("%s: negotiated OpenFlow version 0x%02x", vconn->name,
                 vconn->version);
    } else {
        struct ofpbuf b = OFPBUF_INITIALIZER;
        struct ds s = DS_EMPTY_INITIALIZER;

        ds_put_cstr(&s, "We support ");
        format_versions(&s, vconn->allowed_versions);
        ds_put_cstr(&s, ", you support ");
        format_versions(&s, versions);
        ds_put_cstr(&s, ", no common versions");
        VLOG_WARN_RL(&rl, "%s: version negotiation failed (%s)",
                     vconn->name, ds_cstr(&s));

        ofp_encode_error(&b, OFPERR_OFPHFC_INCOMPATIBLE,
                         highest_version(vconn->allowed_versions
                                         & OFP_SUPPORTED_VERSIONS),
                         ofp_get32(msg->data + 4), ds_cstr(&s), s.length);
        vconn_queue(vconn, b.data, b.size);
        vconn_flush(vconn);
        ofpbuf_uninit(&b);
        ds_destroy(&s);
        vconn_set_error(vconn, EPROTO);
    }
}

int
vconn_connect(struct vconn *vconn)
{
    for (;;) {
        switch (vconn->state) {
        case VCS_CONNECTING: {
            int error = stream_connect(vconn->stream);

            if (error == EAGAIN) {
                return EAGAIN;
            } else if (error) {
                vconn_set_error(vconn, error);
            } else {
                vconn->state = VCS_HELLO;
                vconn_flush(vconn);
            }
            break;
        }

        case VCS_HELLO: {
            struct ofpbuf *msg;
            int error;

            vconn_flush(vconn);
            if (vconn->state == VCS_FAILED) {
                break;
            }
            error = vconn_recv_raw(vconn, &msg);
            if (error == EAGAIN) {
                return EAGAIN;
            } else if (!error) {
                vconn_process_hello(vconn, msg);
                vconn_msg_free(msg);
            }
            break;
        }

        case VCS_CONNECTED:
            return 0;

        case VCS_FAILED:
        default:
            return vconn->error;
        }
    }
}

void
vconn_run(struct vconn *vconn)
{
    if (vconn->state == VCS_CONNECTING || vconn->state == VCS_HELLO) {
        vconn_connect(vconn);
    }
    vconn_flush(vconn);
    if (vconn->state != VCS_CONNECTING && vconn->state != VCS_FAILED) {
        stream_run(vconn->stream);
    }
}

void
vconn_wait(struct vconn *vconn, bool want_recv)
{
    switch (vconn->state) {
    case VCS_CONNECTING:
        stream_connect_wait(vconn->stream);
        return;

    case VCS_HELLO:
    case VCS_CONNECTED:
        stream_run_wait(vconn->stream);
        if (vconn->tx_ofs < vconn->tx.size) {
            stream_send_wait(vconn->stream);
        }
        if (want_recv || vconn->state == VCS_HELLO) {
            if (rx_message_len(vconn)) {
                poll_immediate_wake();
            } else {
                stream_recv_wait(vconn->stream);
            }
        }
        return;

    case VCS_FAILED:
    default:
        /* The caller has an error to see. */
        poll_immediate_wake();
        return;
    }
}

/* Handles 'msg', whose version is not the negotiated one, as stock does:
 * an ECHO_REQUEST (type 2 in every version) gets an ECHO_REPLY in its own
 * version; anything else gets OFPBRC_BAD_VERSION, in the request's
 * version if we speak it. */
static void
vconn_wrong_version(struct vconn *vconn, const struct ofpbuf *msg)
{
    uint8_t version = msg->data[0];
    uint32_t xid = ofp_get32(msg->data + 4);
    struct ofpbuf b = OFPBUF_INITIALIZER;

    if (!(OFP_SUPPORTED_VERSIONS & (1u << (version & 31))) || version > 31) {
        version = vconn->version;
    }
    if (msg->data[1] == 2 && version == msg->data[0]) {
        ofp_encode_echo(&b, OFPTYPE_ECHO_REPLY, version, xid,
                        msg->data + OFP_HEADER_LEN,
                        msg->size - OFP_HEADER_LEN);
    } else {
        VLOG_WARN_RL(&rl, "%s: received OpenFlow version 0x%02x != "
                     "expected %02x", vconn->name, msg->data[0],
                     vconn->version);
        ofp_encode_error(&b, OFPERR_OFPBRC_BAD_VERSION, version, xid,
                         msg->data, msg->size);
    }
    vconn_queue(vconn, b.data, b.size);
    ofpbuf_uninit(&b);
}

int
vconn_recv(struct vconn *vconn, struct ofpbuf **msgp)
{
    int error;

    *msgp = NULL;
    error = vconn_connect(vconn);
    if (error) {
        return error;
    }
    for (;;) {
        struct ofpbuf *msg;

        error = vconn_recv_raw(vconn, &msg);
        if (error) {
            return error;
        }
        /* HELLO (type 0), ERROR (1) and ECHO_REPLY (3) of any version go
         * to the caller, as with stock. */
        if (msg->data[0] != vconn->version
            && (msg->data[1] == 2 || msg->data[1] > 3)) {
            vconn_wrong_version(vconn, msg);
            vconn_msg_free(msg);
            continue;
        }
        *msgp = msg;
        return 0;
    }
}

int
vconn_send(struct vconn *vconn, struct ofpbuf *msg)
{
    int error = vconn->state == VCS_FAILED ? vconn->error : 0;

    if (!error) {
        vconn_queue(vconn, msg->data, msg->size);
        vconn_flush(vconn);
        if (vconn->state == VCS_FAILED) {
            error = vconn->error;
        }
    }
    vconn_msg_free(msg);
    return error;
}

void
vconn_msg_free(struct ofpbuf *msg)
{
    if (msg) {
        ofpbuf_uninit(msg);
        free(msg);
    }
}

uint8_t
vconn_get_version(const struct vconn *vconn)
{
    return vconn->state == VCS_CONNECTED ? vconn->version : 0;
}

uint32_t
vconn_get_peer_versions(const struct vconn *vconn)
{
    return vconn->peer_versions;
}

const char *
vconn_get_name(const struct vconn *vconn)
{
    return vconn->name;
}

size_t
vconn_get_tx_backlog(const struct vconn *vconn)
{
    return vconn->tx.size - vconn->tx_ofs;
}

uint32_t
vconn_next_xid(struct vconn *vconn)
{
    uint32_t xid = vconn->next_xid++;

    if (!vconn->next_xid) {
        vconn->next_xid = 1;
    }
    return xid;
}

/* Blocking helpers. */

int
vconn_open_block(const char *name, uint32_t versions, struct vconn **vconnp)
{
    struct vconn *vconn;
    int error;

    *vconnp = NULL;
    error = vconn_open(name, versions, &vconn);
    if (error) {
        return error;
    }
    for (;;) {
        /* vconn_run() may finish the exchange, so look after it. */
        vconn_run(vconn);
        error = vconn_connect(vconn);
        if (error != EAGAIN) {
            break;
        }
        vconn_wait(vconn, false);
        poll_block();
    }
    if (error) {
        vconn_close(vconn);
        return error;
    }
    *vconnp = vconn;
    return 0;
}

/* Waits until the transmit queue is empty or the connection fails. */
static int
vconn_drain_block(struct vconn *vconn)
{
    for (;;) {
        vconn_run(vconn);
        if (vconn->state == VCS_FAILED) {
            return vconn->error;
        }
        if (vconn->state == VCS_CONNECTED && !vconn_get_tx_backlog(vconn)) {
            return 0;
        }
        vconn_wait(vconn, false);
        poll_block();
    }
}

int
vconn_send_block(struct vconn *vconn, struct ofpbuf *msg)
{
    int error = vconn_send(vconn, msg);

    return error ? error : vconn_drain_block(vconn);
}

/* If 'msg' is an ECHO_REQUEST, queues the reply and returns true. */
static bool
vconn_answer_echo(struct vconn *vconn, const struct ofpbuf *msg)
{
    struct ofp_msg_info info;
    const uint8_t *data;
    size_t data_len;

    if (ofptype_decode(msg->data, msg->size, &info)
        || info.type != OFPTYPE_ECHO_REQUEST
        || ofp_decode_echo(msg->data, msg->size, &data, &data_len)) {
        return false;
    }

    struct ofpbuf b = OFPBUF_INITIALIZER;

    ofp_encode_echo(&b, OFPTYPE_ECHO_REPLY, info.version, info.xid, data,
                    data_len);
    vconn_queue(vconn, b.data, b.size);
    ofpbuf_uninit(&b);
    return true;
}

int
vconn_recv_block(struct vconn *vconn, struct ofpbuf **msgp)
{
    for (;;) {
        struct ofpbuf *msg;
        int error;

        vconn_run(vconn);
        error = vconn_recv(vconn, &msg);
        if (!error) {
            if (vconn_answer_echo(vconn, msg)) {
                vconn_msg_free(msg);
                vconn_flush(vconn);
                continue;
            }
            *msgp = msg;
            return 0;
        } else if (error != EAGAIN) {
            *msgp = NULL;
            return error;
        }
        vconn_run(vconn);
        vconn_wait(vconn, true);
        poll_block();
    }
}

/* Waits for a message with 'xid', discarding others. */
static int
vconn_recv_xid(struct vconn *vconn, uint32_t xid, struct ofpbuf **replyp)
{
    for (;;) {
        struct ofpbuf *msg;
        int error = vconn_recv_block(vconn, &msg);

        if (error) {
            *replyp = NULL;
            return error;
        }
        if (ofp_get32(msg->data + 4) == xid) {
            *replyp = msg;
            return 0;
        }
        VLOG_DBG_RL(&rl, "%s: received reply with xid %08"PRIx32" != "
                    "expected %08"PRIx32, vconn->name,
                    ofp_get32(msg->data + 4), xid);
        vconn_msg_free(msg);
    }
}

int
vconn_transact(struct vconn *vconn, struct ofpbuf *request,
               struct ofpbuf **replyp)
{
    uint32_t xid;
    int error;

    *replyp = NULL;
    if (request->size < OFP_HEADER_LEN) {
        vconn_msg_free(request);
        return EINVAL;
    }
    xid = ofp_get32(request->data + 4);
    error = vconn_send_block(vconn, request);
    return error ? error : vconn_recv_xid(vconn, xid, replyp);
}

/* Returns true if 'msg' is a multipart reply with "more" set. */
static bool
multipart_more(const struct ofpbuf *msg)
{
    struct ofp_msg_info info;

    return (!ofptype_decode(msg->data, msg->size, &info)
            && info.type != OFPTYPE_ERROR
            && (info.stats_flags & OFPSF_REPLY_MORE));
}

int
vconn_transact_multipart(struct vconn *vconn, struct ofpbuf *request,
                         struct ofpbuf ***repliesp, size_t *n_repliesp)
{
    struct ofpbuf **replies = NULL;
    size_t n = 0, allocated = 0;
    struct ofpbuf *reply;
    uint32_t xid;
    int error;

    *repliesp = NULL;
    *n_repliesp = 0;
    if (request->size < OFP_HEADER_LEN) {
        vconn_msg_free(request);
        return EINVAL;
    }
    xid = ofp_get32(request->data + 4);
    error = vconn_send_block(vconn, request);
    while (!error) {
        error = vconn_recv_xid(vconn, xid, &reply);
        if (error) {
            break;
        }
        if (n >= allocated) {
            allocated = allocated ? allocated * 2 : 4;
            replies = xrealloc(replies, allocated * sizeof *replies);
        }
        replies[n++] = reply;
        if (!multipart_more(reply)) {
            *repliesp = replies;
            *n_repliesp = n;
            return 0;
        }
    }
    while (n > 0) {
        vconn_msg_free(replies[--n]);
    }
    free(replies);
    return error;
}

int
vconn_transact_noreply(struct vconn *vconn, struct ofpbuf **requests,
                       size_t n, struct ofpbuf **errorp)
{
    struct ofpbuf *barrier = xmalloc(sizeof *barrier);
    uint32_t barrier_xid = vconn_next_xid(vconn);
    int error = 0;
    size_t i;

    *errorp = NULL;
    for (i = 0; i < n; i++) {
        if (!error) {
            error = vconn_send(vconn, requests[i]);
        } else {
            vconn_msg_free(requests[i]);
        }
    }
    ofpbuf_init(barrier);
    ofpmsg_put_empty(barrier, OFPTYPE_BARRIER_REQUEST, vconn->version,
                     false, barrier_xid);
    if (!error) {
        error = vconn_send_block(vconn, barrier);
    } else {
        vconn_msg_free(barrier);
    }

    while (!error) {
        struct ofp_msg_info info;
        struct ofpbuf *msg;

        error = vconn_recv_block(vconn, &msg);
        if (error) {
            break;
        }
        if (!ofptype_decode(msg->data, msg->size, &info)
            && info.type == OFPTYPE_ERROR && !*errorp) {
            *errorp = msg;
            continue;
        }
        if (ofp_get32(msg->data + 4) == barrier_xid) {
            vconn_msg_free(msg);
            break;
        }
        vconn_msg_free(msg);
    }
    if (!error && *errorp) {
        error = EPROTO;
    }
    return error;
}

/* Passive connections. */

int
pvconn_open(const char *name, uint32_t versions, struct pvconn **pvconnp)
{
    struct pstream *pstream;
    int error;

    *pvconnp = NULL;
    error = pstream_open(name, &pstream, 0);
    if (!error) {
        struct pvconn *pvconn = xzalloc(sizeof *pvconn);

        pvconn->pstream = pstream;
        pvconn->allowed_versions = normalize_versions(versions);
        *pvconnp = pvconn;
    }
    return error;
}

void
pvconn_close(struct pvconn *pvconn)
{
    if (pvconn) {
        pstream_close(pvconn->pstream);
        free(pvconn);
    }
}

const char *
pvconn_get_name(const struct pvconn *pvconn)
{
    return pstream_get_name(pvconn->pstream);
}

int
pvconn_accept(struct pvconn *pvconn, struct vconn **vconnp)
{
    struct stream *stream;
    int error;

    *vconnp = NULL;
    error = pstream_accept(pvconn->pstream, &stream);
    if (!error) {
        struct vconn *vconn = vconn_create(stream_get_name(stream), stream,
                                           pvconn->allowed_versions);

        vconn->state = VCS_HELLO;
        vconn_flush(vconn);
        *vconnp = vconn;
    }
    return error;
}

void
pvconn_wait(struct pvconn *pvconn)
{
    pstream_wait(pvconn->pstream);
}
