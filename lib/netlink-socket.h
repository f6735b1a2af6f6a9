/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef NETLINK_SOCKET_H
#define NETLINK_SOCKET_H 1

/* Netlink sockets to the kernel: requests and their acks, request/reply
 * transactions, dumps, batches of requests in one send, generic netlink
 * family and multicast group resolution, and multicast reception.
 *
 * Error convention: every function returns 0 or a positive errno value.
 * The kernel's negative errno values are made positive here, once, and the
 * kernel's extended-ack message (NETLINK_EXT_ACK: "Parent Qdisc doesn't
 * exists", ...) travels with the error in a struct nl_error (netlink.h) and
 * into the log.
 *
 * A struct nln_socket wraps one libnl socket (struct nl_sock, which opens,
 * binds and frees it and joins multicast groups) and adds what libnl 3
 * lacks: extended-ack decoding, several requests per sendmsg() with their
 * acks matched back by sequence number, and receive buffers that grow.
 * Sending and receiving therefore go through the socket's file descriptor
 * directly; see netlink-socket.c for why.
 *
 * Everything is per instance (sequence numbers, the family cache, the
 * receive buffer, statistics), so that a program or a unit test can hold
 * several independent sockets.  An instance is not thread-safe: use one
 * per thread.
 *
 * Requests are built by the caller in a struct nl_buf (netlink.h) with
 * sequence number and port id left 0: the socket stamps them (and
 * NLM_F_REQUEST, plus NLM_F_ACK or NLM_F_DUMP) into the buffer as it sends
 * it, so the caller's buffer is modified.
 *
 * The calls block until the kernel has answered, at most the socket's
 * timeout (nln_socket_set_timeout(), 10 s unless changed) per wait;
 * rtnetlink and generic netlink answer synchronously, so the timeout is a
 * safety net rather than a tuning knob.
 *
 * Replies that match no outstanding request (left over from an abandoned
 * call) are counted and skipped.  So are multicast messages that arrive on
 * a socket waiting for a reply: a socket that joins groups should be used
 * for notifications only (nln_socket_recv()).  The exception is the echo
 * of a notification that a request with NLM_F_ECHO caused, which the
 * kernel marks with a multicast group but addresses to the requester's
 * port id: it is the reply to that request. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "netlink.h"

struct nln_socket;

/* Life cycle. */

int nln_socket_open(int protocol, struct nln_socket **sockp);
void nln_socket_close(struct nln_socket *);

int nln_socket_fd(const struct nln_socket *);
int nln_socket_protocol(const struct nln_socket *);
uint32_t nln_socket_pid(const struct nln_socket *);

/* Whether the kernel accepted NETLINK_EXT_ACK (error messages) and
 * NETLINK_CAP_ACK (acks without the echoed request) on this socket. */
bool nln_socket_has_ext_ack(const struct nln_socket *);
bool nln_socket_has_cap_ack(const struct nln_socket *);

/* Sets the socket's receive buffer to 'bytes' (with SO_RCVBUFFORCE when
 * privileged, so that rmem_max does not cap it).  A larger buffer lets
 * nln_batch() put more requests in one send. */
int nln_socket_set_rcvbuf(struct nln_socket *, size_t bytes);

/* Sets how long one wait for the kernel may last, in milliseconds. */
void nln_socket_set_timeout(struct nln_socket *, int msec);

struct nln_stats {
    uint64_t n_sends;           /* sendmsg() calls. */
    uint64_t n_msgs_sent;       /* Messages in them. */
    uint64_t n_recvs;           /* Datagrams received. */
    uint64_t n_overruns;        /* ENOBUFS: the kernel dropped messages. */
    uint64_t n_truncated;       /* Datagrams larger than the buffer. */
    uint64_t n_stale;           /* Replies matching no request. */
    uint64_t n_multicast_skipped; /* Multicast seen while awaiting acks. */
};

void nln_socket_get_stats(const struct nln_socket *, struct nln_stats *);

/* Requests. */

/* Sends the one message in 'request' with NLM_F_ACK and waits for the
 * kernel's ack.  Returns 0 or the error (positive).  If 'err' is nonnull,
 * stores there the details (extended-ack message, offset; for a success
 * with a kernel warning, the warning): '*err' is an output only, which
 * need not be initialised before and must be nl_error_uninit() after, in
 * every case.  Any reply message is discarded. */
int nln_request(struct nln_socket *, struct nl_buf *request,
                struct nl_error *err);

/* Like nln_request(), but copies the first reply message the kernel sends
 * before its ack into 'reply' (cleared first; left empty if there was
 * none).  A fixed 'reply' buffer too small for the reply makes the call
 * fail with EMSGSIZE. */
int nln_transact(struct nln_socket *, struct nl_buf *request,
                 struct nl_buf *reply, struct nl_error *err);

/* Batches.
 *
 * nln_batch() sends every message in 'requests' (built back to back in one
 * buffer, see netlink.h) with NLM_F_ACK, in as few sendmsg() calls as the
 * socket buffers allow, and fills 'results[i]' for the i-th message:
 * its error (0 or positive, with the extended-ack details) and, if
 * 'results[i].reply' is nonnull, the first reply message to it.  Acks are
 * matched to requests by sequence number, whatever order they come in.
 *
 * The kernel handles a whole datagram of requests before the sender reads
 * anything, and drops acks that no longer fit in the receiving socket's
 * buffer (the next read then fails with ENOBUFS).  So the batch is cut into
 * chunks whose acks should fit in half the receive buffer; if acks are
 * dropped anyway, every request whose ack is missing gets ENOBUFS as its
 * result ("sent, outcome unknown"), and the socket stays usable.
 *
 * 'n' must equal the number of messages in 'requests'.  Returns 0 if every
 * request succeeded, else the error of the first that failed (all results
 * are filled either way; 'results[i].error' need not be initialised
 * before, and the caller must nl_error_uninit() each after).  A
 * malformed 'requests' or wrong 'n' gives EINVAL and sends nothing. */
struct nln_result {
    struct nl_buf *reply;       /* In: NULL, or where to copy a reply. */
    struct nl_error error;      /* Out. */
};

int nln_batch(struct nln_socket *, struct nl_buf *requests,
              struct nln_result results[], size_t n);

/* Like nln_batch(), but only the last request of each send and those with
 * a reply wanted carry NLM_F_ACK.  The kernel answers a failed request
 * whatever its flags and handles a send's requests in order, so a request
 * without an answer before a later one's ack succeeded: the sender reads
 * one ack per send instead of one per request.  The price: a kernel
 * warning on a request that succeeds silently is not seen, and after an
 * overrun such requests get ENOBUFS like those whose acks were dropped. */
int nln_batch_sparse(struct nln_socket *, struct nl_buf *requests,
                     struct nln_result results[], size_t n);

/* Dumps.
 *
 *     struct nln_dump dump;
 *     const struct nlmsghdr *nlh;
 *     struct nl_error err;
 *
 *     nln_dump_start(&dump, sock, &request);
 *     while ((nlh = nln_dump_next(&dump))) {
 *         ...each message; valid until the next call...
 *     }
 *     error = nln_dump_finish(&dump, &err);
 *
 * nln_dump_start() sends the request with NLM_F_DUMP.  nln_dump_next()
 * returns the dump's messages one by one across the multi-part replies and
 * NULL at the end (NLMSG_DONE) or on error.  nln_dump_finish() must always
 * be called; it reads and discards what is left of an abandoned dump and
 * returns 0, the error that ended it (with its extended ack in 'err', which
 * may be NULL), or EAGAIN if the kernel flagged any part as inconsistent
 * (NLM_F_DUMP_INTR: the table changed during the dump), in which case the
 * caller should throw away what it read and dump again.  '*err' is an
 * output, as for nln_request().
 *
 * A socket runs one dump at a time and nothing else meanwhile. */
struct nln_dump {
    struct nln_socket *sock;
    uint32_t seq;
    const struct nlmsghdr *next;    /* Next unread message, or NULL. */
    size_t left;                    /* Bytes from 'next' to the end. */
    bool done;                      /* NLMSG_DONE, error, or failure. */
    bool interrupted;               /* NLM_F_DUMP_INTR seen. */
    struct nl_error error;
};

int nln_dump_start(struct nln_dump *, struct nln_socket *,
                   struct nl_buf *request);
const struct nlmsghdr *nln_dump_next(struct nln_dump *);
int nln_dump_finish(struct nln_dump *, struct nl_error *err);

/* Generic netlink.
 *
 * Resolution goes through libnl's controller queries on a private socket
 * and is cached in the instance: the kernel assigns the ids when a module
 * registers its family, so they must be resolved on each system, and only
 * once per socket.  ENOENT means the family (or group) is not registered,
 * usually because its module is not loaded. */
int nln_lookup_genl_family(struct nln_socket *, const char *name,
                           uint16_t *idp);
int nln_lookup_genl_mcgroup(struct nln_socket *, const char *family,
                            const char *group, uint32_t *idp);

/* Returns the name of the generic netlink family with id 'id' if this
 * socket has resolved it, else NULL. */
const char *nln_genl_family_name(const struct nln_socket *, uint16_t id);

/* Multicast. */

/* Joins or leaves multicast group 'group' (an RTNLGRP_* number for
 * rtnetlink, a resolved id for generic netlink). */
int nln_socket_join_group(struct nln_socket *, uint32_t group);
int nln_socket_leave_group(struct nln_socket *, uint32_t group);

/* Receives one datagram, unicast or multicast, into 'buf' (cleared first),
 * for a socket that listens to notifications.  With 'wait' false, returns
 * EAGAIN at once if nothing is queued; with 'wait' true, waits up to the
 * socket's timeout (then ETIMEDOUT).  ENOBUFS means notifications were
 * lost: the caller should resynchronise (dump) its state.  Walk the
 * messages with NL_MSG_FOR_EACH. */
int nln_socket_recv(struct nln_socket *, struct nl_buf *buf, bool wait);

/* Makes the next poll_block() wake when the socket has something to
 * read. */
void nln_socket_wait(const struct nln_socket *);

/* Testing. */

/* Makes a socket that talks over 'fd' (for example one end of an AF_UNIX
 * SOCK_DGRAM socketpair, with a fake kernel at the other end) instead of a
 * netlink socket, numbering requests from 'first_seq'.  The socket takes
 * ownership of 'fd'.  Family lookups and groups are not available. */
int nln_socket_wrap_fd_for_testing(int fd, int protocol, uint32_t first_seq,
                                   struct nln_socket **sockp);

/* Overrides the receive-buffer budget that nln_batch() plans its chunks
 * with (0 restores the default: half the receive buffer), so that a test
 * can make acks overflow on purpose. */
void nln_socket_set_batch_budget_for_testing(struct nln_socket *,
                                             size_t bytes);

#endif /* netlink-socket.h */
