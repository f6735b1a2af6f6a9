/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef VCONN_H
#define VCONN_H 1

/* OpenFlow connections over the streams of stream.h ("unix:", "tcp:",
 * "ssl:" active; "punix:", "ptcp:", "pssl:" passive).
 *
 * A vconn frames OpenFlow messages (8-byte header, length field) on a byte
 * stream and performs the HELLO exchange: each side sends a HELLO with its
 * version bitmap as soon as the stream is up, and the connection's version
 * is the highest one both accept (ofp_negotiate_version()).  With no common
 * version, the vconn sends OFPET_HELLO_FAILED/OFPHFC_INCOMPATIBLE and
 * fails with EPROTO.
 *
 * Nonblocking use (daemons): vconn_run() moves bytes, vconn_recv() returns
 * one complete message at a time, vconn_send() queues without limit (the
 * caller watches vconn_get_tx_backlog() to apply its own limits), and
 * vconn_wait()/pvconn_wait() arrange poll_block() wakeups.  Blocking use
 * (ovs-ofctl): the *_block() helpers and vconn_transact*().
 *
 * Errors are 0 or a positive errno: EAGAIN for "not yet", EOF when the
 * peer closed cleanly, EPROTO for a framing or negotiation failure (a
 * length field below 8 or above 65535 bytes worth of message is framing
 * failure). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ofpbuf;
struct vconn;
struct pvconn;

/* Starts connecting to 'name', offering the versions in 'versions' (a
 * bitmap as OFP_SUPPORTED_VERSIONS; 0 means OFP_SUPPORTED_VERSIONS). */
int vconn_open(const char *name, uint32_t versions, struct vconn **vconnp);
void vconn_close(struct vconn *);

/* 0 once the HELLO exchange is complete, EAGAIN while in progress,
 * otherwise the error that ended the connection. */
int vconn_connect(struct vconn *);

/* Sends queued bytes and advances the connection; cheap to call often. */
void vconn_run(struct vconn *);
/* Wakes poll_block() when vconn_run() has work or, if 'want_recv', when a
 * message may be received. */
void vconn_wait(struct vconn *, bool want_recv);

/* Receives one complete message (header included) into a newly allocated
 * '*msgp' (caller frees with ofpbuf_uninit() + free(), or
 * vconn_msg_free()).  Returns EAGAIN if none is ready yet. */
int vconn_recv(struct vconn *, struct ofpbuf **msgp);
/* Queues 'msg' (a complete message) and takes ownership in every case. */
int vconn_send(struct vconn *, struct ofpbuf *msg);
void vconn_msg_free(struct ofpbuf *);

/* Negotiated version, 0 until vconn_connect() has returned 0. */
uint8_t vconn_get_version(const struct vconn *);
/* The version bitmap the peer's HELLO announced (0 before it arrived). */
uint32_t vconn_get_peer_versions(const struct vconn *);
const char *vconn_get_name(const struct vconn *);
/* Bytes queued but not yet sent. */
size_t vconn_get_tx_backlog(const struct vconn *);
/* A fresh transaction id. */
uint32_t vconn_next_xid(struct vconn *);

/* Blocking helpers.  vconn_open_block() connects and completes the HELLO
 * exchange.  vconn_recv_block() answers ECHO_REQUESTs that arrive in the
 * meantime. */
int vconn_open_block(const char *name, uint32_t versions,
                     struct vconn **vconnp);
int vconn_send_block(struct vconn *, struct ofpbuf *msg);
int vconn_recv_block(struct vconn *, struct ofpbuf **msgp);

/* Sends 'request' (owned) and waits for the reply with the same xid,
 * discarding other messages (ECHO_REQUESTs are answered).  An ERROR reply
 * is returned as the reply; the caller looks at its type. */
int vconn_transact(struct vconn *, struct ofpbuf *request,
                   struct ofpbuf **replyp);
/* Like vconn_transact() for a multipart request: collects every reply
 * with the request's xid until one without OFPSF_REPLY_MORE, into
 * '*repliesp' (a malloc'ed array of '*n_repliesp' messages; free each
 * with vconn_msg_free() and the array with free()). */
int vconn_transact_multipart(struct vconn *, struct ofpbuf *request,
                             struct ofpbuf ***repliesp, size_t *n_repliesp);
/* Sends every message in 'requests' followed by a BARRIER_REQUEST and
 * waits for the barrier reply.  Returns 0 if no ERROR came back, otherwise
 * EPROTO with '*errorp' set to the first ERROR message received (owned by
 * the caller); other replies are discarded.  Takes ownership of the
 * requests. */
int vconn_transact_noreply(struct vconn *, struct ofpbuf **requests,
                           size_t n, struct ofpbuf **errorp);

/* Passive connections. */
int pvconn_open(const char *name, uint32_t versions, struct pvconn **);
void pvconn_close(struct pvconn *);
const char *pvconn_get_name(const struct pvconn *);
/* Returns a new connection (HELLO already sent, negotiation pending) or
 * EAGAIN. */
int pvconn_accept(struct pvconn *, struct vconn **);
void pvconn_wait(struct pvconn *);

#endif /* vconn.h */
