/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Netlink sockets on top of libnl-3.
 *
 * libnl provides the socket itself (allocation, binding, port id),
 * multicast membership and the generic netlink controller queries.  Its
 * send and receive paths are not used, for three reasons:
 *
 *   - libnl 3 does not decode extended acks: its error handling sees only
 *     the errno of an NLMSG_ERROR, never the TLVs after struct nlmsgerr
 *     that carry the kernel's message;
 *
 *   - its receive loop checks sequence numbers in strict order, one
 *     outstanding request at a time, which rules out batches with one ack
 *     per request matched back by sequence number;
 *
 *   - our messages live in caller-owned struct nl_buf buffers, not in
 *     libnl's struct nl_msg.
 *
 * So this file calls sendmsg() and recvmsg() on the libnl socket's file
 * descriptor and never mixes those calls with libnl's on that socket.
 * Family and group resolution (genl_ctrl_resolve(),
 * genl_ctrl_resolve_grp()) run on a second, private libnl socket, so that
 * libnl's strict sequence checking never meets our traffic. */

#include <config.h>
#include "netlink-socket.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "dynamic-string.h"
#include "poll-loop.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(netlink_socket);

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* Default wait for the kernel, in milliseconds. */
#define NLN_DEFAULT_TIMEOUT 10000

/* First size of the receive buffer.  The kernel sizes dump datagrams by
 * the reader's buffer up to 32 kB, and single replies are rarely larger;
 * a datagram that does not fit makes the buffer grow for the next one. */
#define NLN_RX_INITIAL (64 * 1024)

/* What one answer is assumed to cost in the receive buffer, counted as the
 * kernel counts it (the socket buffer's "truesize", which includes the
 * kernel's own bookkeeping): an ack with room for an extended-ack message,
 * and a reply of ordinary size.  Deliberately generous; overruns are
 * handled anyway. */
#define NLN_ACK_COST 1024
#define NLN_REPLY_COST 8192

struct nln_family {
    char *name;
    uint16_t id;
};

struct nln_mcgroup {
    char *family;
    char *group;
    uint32_t id;
};

struct nln_socket {
    struct nl_sock *nl;         /* libnl socket; NULL for a test socket. */
    int fd;
    int protocol;
    uint32_t pid;               /* Our port id. */
    uint32_t next_seq;          /* Never 0. */
    bool ext_ack;               /* NETLINK_EXT_ACK is on. */
    bool cap_ack;               /* NETLINK_CAP_ACK is on. */
    int timeout;                /* Milliseconds per wait. */
    size_t rcvbuf;              /* SO_RCVBUF as the kernel counts it. */
    size_t sndbuf;              /* SO_SNDBUF likewise. */
    size_t budget_override;     /* For tests; 0 if none. */
    bool dumping;               /* A dump is in progress. */
    struct nl_buf rx;           /* Last datagram received. */

    struct nl_sock *ctrl;       /* For controller queries, or NULL. */
    struct nln_family *families;
    size_t n_families;
    struct nln_mcgroup *groups;
    size_t n_groups;

    struct nln_stats stats;
};

static struct vlog_rate_limit err_rl = VLOG_RATE_LIMIT_INIT(60, 60);
static struct vlog_rate_limit dbg_rl = VLOG_RATE_LIMIT_INIT(600, 600);

/* Life cycle. */

/* Reads the socket's buffer sizes back from the kernel. */
static void
nln_read_buffer_sizes__(struct nln_socket *s)
{
    socklen_t len;
    int value;

    len = sizeof value;
    if (!getsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &value, &len)
        && value > 0) {
        s->rcvbuf = value;
    }
    len = sizeof value;
    if (!getsockopt(s->fd, SOL_SOCKET, SO_SNDBUF, &value, &len)
        && value > 0) {
        s->sndbuf = value;
    }
}

static struct nln_socket *
nln_socket_alloc__(int fd, int protocol, uint32_t first_seq)
{
    struct nln_socket *s = xzalloc(sizeof *s);

    s->fd = fd;
    s->protocol = protocol;
    s->next_seq = first_seq ? first_seq : 1;
    s->timeout = NLN_DEFAULT_TIMEOUT;
    s->rcvbuf = 212992;
    s->sndbuf = 212992;
    nl_buf_init(&s->rx, NLN_RX_INITIAL);
    nln_read_buffer_sizes__(s);
    return s;
}

/* Turns on socket option 'option' if the kernel knows it and returns
 * whether it did. */
static bool
nln_enable_option__(int fd, int option)
{
    int one = 1;

    return !setsockopt(fd, SOL_NETLINK, option, &one, sizeof one);
}

/* Converts libnl error 'nlerr' (negative NLE_* code) to an errno value. */
static int
nln_errno_from_libnl__(int nlerr)
{
    switch (-nlerr) {
    case NLE_SUCCESS:
        return 0;
    case NLE_NOMEM:
        return ENOMEM;
    case NLE_PERM:
        return EPERM;
    case NLE_NOACCESS:
        return EACCES;
    case NLE_AGAIN:
        return EAGAIN;
    case NLE_INVAL:
        return EINVAL;
    case NLE_BUSY:
        return EBUSY;
    case NLE_EXIST:
        return EEXIST;
    case NLE_NODEV:
        return ENODEV;
    case NLE_OBJ_NOTFOUND:
        return ENOENT;
    case NLE_OPNOTSUPP:
        return EOPNOTSUPP;
    case NLE_AF_NOSUPPORT:
        return EAFNOSUPPORT;
    case NLE_PROTO_MISMATCH:
        return EPROTONOSUPPORT;
    case NLE_MSGSIZE:
    case NLE_MSG_TRUNC:
        return EMSGSIZE;
    case NLE_RANGE:
        return ERANGE;
    default:
        return EPROTO;
    }
}

/* Opens a netlink socket for 'protocol' (NETLINK_ROUTE, NETLINK_GENERIC)
 * and stores it in '*sockp', or stores NULL and returns an error.
 * Extended and capped acks are turned on when the kernel has them. */
int
nln_socket_open(int protocol, struct nln_socket **sockp)
{
    struct nln_socket *s;
    struct nl_sock *nl;
    int error;

    *sockp = NULL;
    nl = nl_socket_alloc();
    if (!nl) {
        return ENOMEM;
    }
    error = nl_connect(nl, protocol);
    if (error < 0) {
        error = nln_errno_from_libnl__(error);
        VLOG_ERR("cannot open netlink socket for protocol %d: %s",
                 protocol, ovs_strerror(error));
        goto out_free_nl;
    }

    s = nln_socket_alloc__(nl_socket_get_fd(nl), protocol, 1);
    s->nl = nl;
    s->pid = nl_socket_get_local_port(nl);
    s->ext_ack = nln_enable_option__(s->fd, NETLINK_EXT_ACK);
    s->cap_ack = nln_enable_option__(s->fd, NETLINK_CAP_ACK);
    VLOG_INFO_ONCE("kernel netlink features: extended ack %s, capped ack %s",
                   s->ext_ack ? "yes" : "no", s->cap_ack ? "yes" : "no");
    *sockp = s;
    return 0;

out_free_nl:
    nl_socket_free(nl);
    return error;
}

int
nln_socket_wrap_fd_for_testing(int fd, int protocol, uint32_t first_seq,
                               struct nln_socket **sockp)
{
    *sockp = nln_socket_alloc__(fd, protocol, first_seq);
    return 0;
}

/* Closes 's' and frees everything it holds.  's' may be NULL. */
void
nln_socket_close(struct nln_socket *s)
{
    size_t i;

    if (!s) {
        return;
    }
    if (s->nl) {
        nl_socket_free(s->nl);      /* Closes 's->fd'. */
    } else {
        close(s->fd);
    }
    if (s->ctrl) {
        nl_socket_free(s->ctrl);
    }
    for (i = 0; i < s->n_families; i++) {
        free(s->families[i].name);
    }
    free(s->families);
    for (i = 0; i < s->n_groups; i++) {
        free(s->groups[i].family);
        free(s->groups[i].group);
    }
    free(s->groups);
    nl_buf_uninit(&s->rx);
    free(s);
}

int
nln_socket_fd(const struct nln_socket *s)
{
    return s->fd;
}

int
nln_socket_protocol(const struct nln_socket *s)
{
    return s->protocol;
}

uint32_t
nln_socket_pid(const struct nln_socket *s)
{
    return s->pid;
}

bool
nln_socket_has_ext_ack(const struct nln_socket *s)
{
    return s->ext_ack;
}

bool
nln_socket_has_cap_ack(const struct nln_socket *s)
{
    return s->cap_ack;
}

int
nln_socket_set_rcvbuf(struct nln_socket *s, size_t bytes)
{
    int value = MIN(bytes, (size_t) INT_MAX / 2);
    int error = 0;

    if (setsockopt(s->fd, SOL_SOCKET, SO_RCVBUFFORCE, &value, sizeof value)
        && setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &value, sizeof value)) {
        error = errno;
        VLOG_WARN_RL(&err_rl, "cannot set netlink receive buffer to %zu "
                     "bytes: %s", bytes, ovs_strerror(error));
    }
    nln_read_buffer_sizes__(s);
    return error;
}

void
nln_socket_set_timeout(struct nln_socket *s, int msec)
{
    s->timeout = msec > 0 ? msec : NLN_DEFAULT_TIMEOUT;
}

void
nln_socket_set_batch_budget_for_testing(struct nln_socket *s, size_t bytes)
{
    s->budget_override = bytes;
}

void
nln_socket_get_stats(const struct nln_socket *s, struct nln_stats *stats)
{
    *stats = s->stats;
}

/* Sending and receiving. */

/* Returns the first of 'n' consecutive sequence numbers, none of them 0
 * (which the kernel uses for unsolicited messages). */
static uint32_t
nln_alloc_seqs__(struct nln_socket *s, size_t n)
{
    uint32_t first;

    if (n > UINT32_MAX - s->next_seq) {
        s->next_seq = 1;
    }
    first = s->next_seq;
    s->next_seq += n;
    if (!s->next_seq) {
        s->next_seq = 1;
    }
    return first;
}

/* Sends the 'len' bytes at 'data' in one datagram. */
static int
nln_send__(struct nln_socket *s, const void *data, size_t len, size_t n_msgs)
{
    struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
    struct iovec iov = { .iov_base = (void *) data, .iov_len = len };
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
    ssize_t retval;

    if (s->nl) {
        msg.msg_name = &kernel;
        msg.msg_namelen = sizeof kernel;
    }
    do {
        retval = sendmsg(s->fd, &msg, 0);
    } while (retval < 0 && errno == EINTR);
    if (retval < 0) {
        return errno;
    }
    s->stats.n_sends++;
    s->stats.n_msgs_sent += n_msgs;
    return 0;
}

/* Receives one datagram into 's->rx'.  With 'wait', waits until the
 * socket's timeout for one to arrive (ETIMEDOUT after that), else returns
 * EAGAIN at once when none is queued.  Sets '*multicast' to whether the
 * datagram came through a multicast group.  Datagrams from user-space
 * senders are dropped: only the kernel is listened to.
 *
 * ENOBUFS reports that the kernel dropped messages for this socket since
 * the last read; EMSGSIZE that a datagram was larger than the buffer (it
 * is lost, and the buffer grows for the next one).  The caller decides
 * what either means for what it was waiting for. */
static int
nln_recv__(struct nln_socket *s, bool wait, bool *multicast)
{
    long long int deadline = wait ? time_msec() + s->timeout : 0;

    *multicast = false;
    for (;;) {
        struct sockaddr_nl from = { 0 };
        struct iovec iov = { .iov_base = s->rx.data, .iov_len = s->rx.size };
        struct msghdr msg = {
            .msg_name = &from, .msg_namelen = sizeof from,
            .msg_iov = &iov, .msg_iovlen = 1,
        };
        ssize_t retval;

        s->rx.used = 0;
        retval = recvmsg(s->fd, &msg, MSG_DONTWAIT | MSG_TRUNC);
        if (retval < 0) {
            int error = errno;

            if (error == EINTR) {
                continue;
            } else if (error == ENOBUFS) {
                s->stats.n_overruns++;
                return ENOBUFS;
            } else if (error != EAGAIN && error != EWOULDBLOCK) {
                return error;
            } else if (!wait) {
                return EAGAIN;
            } else {
                struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
                long long int now = time_msec();

                if (now >= deadline) {
                    return ETIMEDOUT;
                }
                if (poll(&pfd, 1, deadline - now) < 0 && errno != EINTR) {
                    return errno;
                }
                continue;
            }
        }

        s->stats.n_recvs++;
        if ((size_t) retval > s->rx.size) {
            size_t size = s->rx.size;

            s->stats.n_truncated++;
            VLOG_WARN_RL(&err_rl, "netlink datagram of %zd bytes did not "
                         "fit in %zu-byte buffer and was lost",
                         retval, size);
            nl_buf_uninit(&s->rx);
            nl_buf_init(&s->rx, MAX((size_t) retval, size * 2));
            return EMSGSIZE;
        }
        if (msg.msg_namelen >= sizeof from && from.nl_family == AF_NETLINK) {
            if (from.nl_pid) {
                continue;       /* Not from the kernel. */
            }
            *multicast = from.nl_groups != 0;
        }
        s->rx.used = retval;
        return 0;
    }
}

/* Describes request 'nlh' for a log message, for example "RTM_NEWTFILTER"
 * or "ovs_flow command 1". */
static void
nln_describe_request__(const struct nln_socket *s,
                       const struct nlmsghdr *nlh, struct ds *ds)
{
    const char *name = nl_msg_type_name(s->protocol, nlh->nlmsg_type);

    if (s->protocol == NETLINK_GENERIC && nlh->nlmsg_type >= GENL_MIN_ID) {
        const struct genlmsghdr *genl = nl_msg_genlmsghdr(nlh);
        const char *family = nln_genl_family_name(s, nlh->nlmsg_type);

        if (family) {
            ds_put_cstr(ds, family);
        } else {
            ds_put_format(ds, "genl family %u", nlh->nlmsg_type);
        }
        if (genl) {
            ds_put_format(ds, " command %u", genl->cmd);
        }
    } else if (name) {
        ds_put_cstr(ds, name);
    } else {
        ds_put_format(ds, "message type %u", nlh->nlmsg_type);
    }
}

/* Whether error 'error' is one callers routinely expect (an object that
 * does or does not exist yet, a probe of a missing feature), and so is
 * logged at debug level rather than as a warning. */
static bool
nln_error_is_routine__(int error)
{
    return (error == ENOENT || error == EEXIST || error == ENODEV
            || error == ESRCH || error == EAGAIN || error == EOPNOTSUPP);
}

/* Logs the outcome 'err' of request 'nlh', if there is anything to say. */
static void
nln_log_result__(const struct nln_socket *s, const struct nlmsghdr *nlh,
                 const struct nl_error *err)
{
    struct ds text = DS_EMPTY_INITIALIZER;

    if (!err->error && !err->msg) {
        return;
    }
    nln_describe_request__(s, nlh, &text);
    ds_put_format(&text, " (seq %u) ", nlh->nlmsg_seq);
    if (err->error) {
        ds_put_cstr(&text, "failed: ");
    }
    nl_error_format(&text, err);

    /* A failure goes back to the caller with its extack text, and the
     * caller's layer reports it (STYLE: shared work in the wrapper), so it
     * is only a debugging aid here; logging it at WARN as well made every
     * kernel refusal appear twice.  A warning the kernel attaches to a
     * request that succeeded reaches no caller, so it is logged. */
    if (!err->error) {
        VLOG_INFO_RL(&err_rl, "%s", ds_cstr(&text));
    } else {
        VLOG_DBG_RL(&dbg_rl, "%s", ds_cstr(&text));
    }
    if (err->error && VLOG_IS_DBG_ENABLED()) {
        ds_clear(&text);
        nl_msg_format(&text, nlh, nlh->nlmsg_len, s->protocol,
                      NL_HDR_LEN_AUTO);
        VLOG_DBG_RL(&dbg_rl, "request was:\n%s", ds_cstr(&text));
    }
    ds_destroy(&text);
}

/* Checks that 'buf' holds whole messages and nothing else, and stores how
 * many in '*n'. */
static int
nln_count_msgs__(const struct nl_buf *buf, size_t *n)
{
    const struct nlmsghdr *nlh;
    size_t left;

    *n = 0;
    if (nl_buf_error(buf)) {
        return nl_buf_error(buf);
    }
    NL_MSG_FOR_EACH (nlh, left, buf->data, buf->used) {
        ++*n;
    }
    return left || !*n ? EINVAL : 0;
}

/* Matching answers to outstanding requests. */

struct nln_slot {
    bool done;              /* Its ack (or error) arrived. */
    bool has_reply;         /* A reply was stored. */
    bool reply_too_big;     /* A reply did not fit 'reply'. */
    bool silent;            /* Sent without NLM_F_ACK. */
};

/* Requests sent with consecutive sequence numbers from 'first_seq', whose
 * answers are still expected. */
struct nln_pending {
    uint32_t first_seq;
    size_t n;
    struct nln_result *results;     /* 'n' of them. */
    struct nln_slot *slots;         /* 'n' of them. */
    size_t n_done;
    size_t next_silent;             /* First slot not yet inferred. */
    bool lost;                      /* Answers may have been dropped. */
};

/* An answer to request 'idx' of 'p' means the kernel is done with every
 * request before it.  Those sent without NLM_F_ACK that have no answer
 * succeeded, since the kernel answers a failure whatever the flags, unless
 * answers were dropped: then their outcome stays unknown. */
static void
nln_pending_infer__(struct nln_pending *p, size_t idx)
{
    if (p->lost) {
        return;
    }
    for (; p->next_silent < idx; p->next_silent++) {
        struct nln_slot *slot = &p->slots[p->next_silent];

        if (slot->silent && !slot->done) {
            slot->done = true;
            p->n_done++;
        }
    }
}

/* Takes in the messages of one unicast datagram, the 'len' bytes at
 * 'data', for requests in 'p'. */
static void
nln_pending_absorb__(struct nln_socket *s, struct nln_pending *p,
                     const void *data, size_t len)
{
    const struct nlmsghdr *nlh;
    size_t left;

    NL_MSG_FOR_EACH (nlh, left, data, len) {
        uint32_t idx = nlh->nlmsg_seq - p->first_seq;
        struct nln_result *r;
        struct nln_slot *slot;

        if (idx >= p->n || p->slots[idx].done) {
            s->stats.n_stale++;
            continue;
        }
        r = &p->results[idx];
        slot = &p->slots[idx];
        if (nlh->nlmsg_type == NLMSG_ERROR || nlh->nlmsg_type == NLMSG_DONE) {
            nl_error_decode(nlh, nlh->nlmsg_len, &r->error);
            if (!r->error.error && slot->reply_too_big) {
                nl_error_set(&r->error, EMSGSIZE, NULL);
            }
            slot->done = true;
            p->n_done++;
            nln_pending_infer__(p, idx);
        } else if (nlh->nlmsg_type >= NLMSG_MIN_TYPE && r->reply
                   && !slot->has_reply && !slot->reply_too_big) {
            if (nl_buf_copy(r->reply, nlh, nlh->nlmsg_len)) {
                slot->reply_too_big = true;
            } else {
                slot->has_reply = true;
            }
        }
    }
    if (left) {
        VLOG_WARN_RL(&err_rl, "ignoring %zu malformed bytes at the end of a "
                     "netlink datagram", left);
    }
}

/* Returns true if the datagram of 'len' bytes at 'data' is the echo of a
 * notification to a request of ours with NLM_F_ECHO.  The kernel sends it
 * with the notification's multicast group in the sender address (generic
 * netlink's genl_notify() multicasts and then unicasts the same skb), but
 * addressed to our port id. */
static bool
nln_is_echo__(const struct nln_socket *s, const void *data, size_t len)
{
    const struct nlmsghdr *nlh = data;

    return nl_msg_is_valid(nlh, len) && nlh->nlmsg_pid == s->pid;
}

/* Sends the 'len' bytes at 'data', which hold the requests of 'p', and
 * collects their answers. */
static void
nln_exchange__(struct nln_socket *s, const void *data, size_t len,
               struct nln_pending *p)
{
    int lost = 0;           /* Why answers may be missing, or 0. */
    int error;
    size_t i;

    error = nln_send__(s, data, len, p->n);
    while (!error && p->n_done < p->n) {
        bool multicast;

        /* Once the kernel has dropped answers, what it will ever send is
         * already queued: it answers rtnetlink and generic netlink
         * requests before sendmsg() returns.  So read what is there and
         * stop. */
        error = nln_recv__(s, !lost, &multicast);
        if (!error) {
            if (multicast && !nln_is_echo__(s, s->rx.data, s->rx.used)) {
                s->stats.n_multicast_skipped++;
            } else {
                nln_pending_absorb__(s, p, s->rx.data, s->rx.used);
            }
        } else if (error == ENOBUFS || error == EMSGSIZE) {
            lost = lost ? lost : error;
            p->lost = true;
            error = 0;
        }
    }
    if (lost && (!error || error == EAGAIN)) {
        error = lost;
    }
    for (i = 0; i < p->n; i++) {
        if (!p->slots[i].done) {
            nl_error_set(&p->results[i].error, error ? error : EPROTO, NULL);
        }
    }
}

/* Plans the chunk of requests that starts at message 'nlh' (with 'left'
 * bytes from there to the end of the requests): returns how many messages
 * it takes and stores its length in bytes in '*bytesp'.  'results'
 * matches the messages.  At least one message goes in every chunk. */
static size_t
nln_plan_chunk__(const struct nln_socket *s, const struct nlmsghdr *nlh,
                 size_t left, const struct nln_result *results,
                 size_t *bytesp)
{
    size_t budget = s->budget_override ? s->budget_override : s->rcvbuf / 2;
    size_t max_bytes = s->sndbuf > 64 ? s->sndbuf - 64 : s->sndbuf;
    size_t bytes = 0;
    size_t cost = 0;
    size_t n = 0;

    while (nl_msg_is_valid(nlh, left)) {
        size_t msg_cost = NLN_ACK_COST;
        size_t before = left;
        const struct nlmsghdr *next = nl_msg_next__(nlh, &left);
        size_t step = before - left;

        if (!s->cap_ack) {
            msg_cost += step;
        }
        if (results[n].reply) {
            msg_cost += NLN_REPLY_COST;
        }
        if (n && (bytes + step > max_bytes || cost + msg_cost > budget)) {
            break;
        }
        bytes += step;
        cost += msg_cost;
        n++;
        nlh = next;
    }
    *bytesp = bytes;
    return n;
}

/* Takes NLM_F_ACK off the 'n' requests from 'nlh' on, except the last and
 * those whose reply is wanted, and marks them in 'slots'. */
static void
nln_silence_chunk__(const struct nlmsghdr *nlh, size_t left,
                    const struct nln_result *results, struct nln_slot *slots,
                    size_t n)
{
    size_t k;

    for (k = 0; k + 1 < n; k++) {
        if (!results[k].reply) {
            ((struct nlmsghdr *) nlh)->nlmsg_flags &= ~NLM_F_ACK;
            slots[k].silent = true;
        }
        nlh = nl_msg_next__(nlh, &left);
    }
}

/* The common part of nln_batch(), nln_batch_sparse() and nln_transact():
 * 'requests' holds exactly 'n' messages.  With 'sparse', only the last
 * request of each send and those with a reply wanted ask for an ack. */
static int
nln_batch__(struct nln_socket *s, struct nl_buf *requests,
            struct nln_result results[], size_t n, bool sparse)
{
    const struct nlmsghdr *nlh;
    uint32_t first_seq;
    size_t left;
    size_t i;
    int first_error = 0;

    first_seq = nln_alloc_seqs__(s, n);
    i = 0;
    NL_MSG_FOR_EACH (nlh, left, requests->data, requests->used) {
        struct nlmsghdr *req = (struct nlmsghdr *) nlh;

        req->nlmsg_seq = first_seq + i;
        req->nlmsg_pid = s->pid;
        req->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
        nl_error_init(&results[i].error);
        if (results[i].reply) {
            nl_buf_clear(results[i].reply);
        }
        i++;
    }

    nlh = (const struct nlmsghdr *) requests->data;
    left = requests->used;
    for (i = 0; i < n;) {
        struct nln_slot *slots;
        struct nln_pending p;
        int lost_error;
        size_t bytes;
        size_t k;

        p.n = nln_plan_chunk__(s, nlh, left, &results[i], &bytes);
        p.first_seq = first_seq + i;
        p.results = &results[i];
        p.n_done = 0;
        p.next_silent = 0;
        p.lost = false;
        p.slots = slots = xcalloc(p.n, sizeof *slots);
        if (sparse) {
            nln_silence_chunk__(nlh, left, &results[i], slots, p.n);
        }
        nln_exchange__(s, nlh, bytes, &p);

        /* Answers are logged one by one; requests left without one, which
         * after an overrun can be most of a chunk, in a single line. */
        lost_error = 0;
        for (k = 0; k < p.n; k++) {
            if (slots[k].done) {
                nln_log_result__(s, nlh, &results[i + k].error);
            } else if (!lost_error) {
                lost_error = results[i + k].error.error;
            }
            if (!first_error) {
                first_error = results[i + k].error.error;
            }
            nlh = nl_msg_next__(nlh, &left);
        }
        if (p.n_done < p.n) {
            VLOG_WARN_RL(&err_rl, "%zu of %zu netlink requests (seq %u to "
                         "%u) got no answer: %s", p.n - p.n_done, p.n,
                         p.first_seq, p.first_seq + (uint32_t) p.n - 1,
                         ovs_strerror(lost_error));
        }
        free(slots);
        i += p.n;
    }
    return first_error;
}

static int
nln_batch_common__(struct nln_socket *s, struct nl_buf *requests,
                   struct nln_result results[], size_t n, bool sparse)
{
    size_t n_msgs;
    size_t i;
    int error;

    error = nln_count_msgs__(requests, &n_msgs);
    if (!error && n_msgs != n) {
        error = EINVAL;
    }
    if (error || s->dumping) {
        error = error ? error : EBUSY;
        VLOG_WARN_RL(&err_rl, "cannot send netlink batch of %zu requests: "
                     "%s", n, ovs_strerror(error));
        for (i = 0; i < n; i++) {
            nl_error_init(&results[i].error);
            results[i].error.error = error;
        }
        return error;
    }
    return nln_batch__(s, requests, results, n, sparse);
}

int
nln_batch(struct nln_socket *s, struct nl_buf *requests,
          struct nln_result results[], size_t n)
{
    return nln_batch_common__(s, requests, results, n, false);
}

int
nln_batch_sparse(struct nln_socket *s, struct nl_buf *requests,
                 struct nln_result results[], size_t n)
{
    return nln_batch_common__(s, requests, results, n, true);
}

int
nln_transact(struct nln_socket *s, struct nl_buf *request,
             struct nl_buf *reply, struct nl_error *err)
{
    struct nln_result result = { .reply = reply };
    size_t n_msgs;
    int error;

    nl_error_init(&result.error);
    if (reply) {
        nl_buf_clear(reply);
    }
    error = nln_count_msgs__(request, &n_msgs);
    if (!error && n_msgs != 1) {
        error = EINVAL;
    }
    if (!error && s->dumping) {
        error = EBUSY;
    }
    if (error) {
        VLOG_WARN_RL(&err_rl, "cannot send netlink request: %s",
                     ovs_strerror(error));
        result.error.error = error;
    } else {
        error = nln_batch__(s, request, &result, 1, false);
    }

    if (err) {
        *err = result.error;
    } else {
        nl_error_uninit(&result.error);
    }
    return error;
}

int
nln_request(struct nln_socket *s, struct nl_buf *request,
            struct nl_error *err)
{
    return nln_transact(s, request, NULL, err);
}

/* Dumps. */

/* Ends 'dump' with 'error' unless it has already ended. */
static void
nln_dump_fail__(struct nln_dump *dump, int error)
{
    if (!dump->done) {
        nl_error_set(&dump->error, error, NULL);
        dump->done = true;
    }
}

int
nln_dump_start(struct nln_dump *dump, struct nln_socket *s,
               struct nl_buf *request)
{
    struct nlmsghdr *nlh;
    size_t n_msgs;
    int error;

    memset(dump, 0, sizeof *dump);
    dump->sock = s;
    nl_error_init(&dump->error);

    error = nln_count_msgs__(request, &n_msgs);
    if (!error && n_msgs != 1) {
        error = EINVAL;
    }
    if (!error && s->dumping) {
        error = EBUSY;
    }
    if (!error) {
        nlh = (struct nlmsghdr *) request->data;
        dump->seq = nln_alloc_seqs__(s, 1);
        nlh->nlmsg_seq = dump->seq;
        nlh->nlmsg_pid = s->pid;
        nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_DUMP;
        error = nln_send__(s, nlh, nlh->nlmsg_len, 1);
    }
    if (error) {
        VLOG_WARN_RL(&err_rl, "cannot start netlink dump: %s",
                     ovs_strerror(error));
        nln_dump_fail__(dump, error);
        dump->sock = NULL;      /* So that finishing it leaves 's' be. */
        return error;
    }
    s->dumping = true;
    return 0;
}

/* Returns the next message of 'dump', reading more from the kernel as
 * needed, or NULL once the dump has ended. */
const struct nlmsghdr *
nln_dump_next(struct nln_dump *dump)
{
    struct nln_socket *s = dump->sock;

    while (!dump->done && s) {
        bool multicast;
        int error;

        while (dump->next && nl_msg_is_valid(dump->next, dump->left)) {
            const struct nlmsghdr *nlh = dump->next;

            dump->next = nl_msg_next__(nlh, &dump->left);
            if (nlh->nlmsg_seq != dump->seq) {
                s->stats.n_stale++;
                continue;
            }
            if (nlh->nlmsg_flags & NLM_F_DUMP_INTR) {
                dump->interrupted = true;
            }
            if (nlh->nlmsg_type == NLMSG_DONE
                || nlh->nlmsg_type == NLMSG_ERROR) {
                nl_error_decode(nlh, nlh->nlmsg_len, &dump->error);
                dump->done = true;
                return NULL;
            }
            if (nlh->nlmsg_type >= NLMSG_MIN_TYPE) {
                return nlh;
            }
        }
        if (dump->next && dump->left) {
            VLOG_WARN_RL(&err_rl, "malformed message in netlink dump");
            nln_dump_fail__(dump, EPROTO);
            break;
        }

        dump->next = NULL;
        error = nln_recv__(s, true, &multicast);
        if (error == ENOBUFS) {
            /* The kernel never drops dump replies (it waits for room), so
             * whatever was lost was something else. */
            continue;
        } else if (error) {
            nln_dump_fail__(dump, error);
        } else if (multicast) {
            s->stats.n_multicast_skipped++;
        } else {
            dump->next = (const struct nlmsghdr *) s->rx.data;
            dump->left = s->rx.used;
        }
    }
    return NULL;
}

int
nln_dump_finish(struct nln_dump *dump, struct nl_error *err)
{
    struct nln_socket *s = dump->sock;
    int error;

    /* An abandoned dump goes on in the kernel until it has sent
     * NLMSG_DONE; read the rest so that the next request finds a clean
     * socket.  A dump that failed on our side (timeout, lost datagram) may
     * still be running too, but there is nothing better to do than let its
     * remains be skipped as stale later. */
    if (!dump->done) {
        while (nln_dump_next(dump)) {
            continue;
        }
    }
    if (s) {
        s->dumping = false;
    }

    error = dump->error.error;
    if (!error && dump->interrupted) {
        error = EAGAIN;
        nl_error_set(&dump->error, EAGAIN, "dump interrupted by a change "
                     "(NLM_F_DUMP_INTR)");
    }
    if (error && s) {
        if (nln_error_is_routine__(error)) {
            VLOG_DBG_RL(&dbg_rl, "netlink dump (seq %u) failed: %s",
                        dump->seq, ovs_strerror(error));
        } else {
            struct ds text = DS_EMPTY_INITIALIZER;

            nl_error_format(&text, &dump->error);
            VLOG_WARN_RL(&err_rl, "netlink dump (seq %u) failed: %s",
                         dump->seq, ds_cstr(&text));
            ds_destroy(&text);
        }
    }
    if (err) {
        *err = dump->error;
        nl_error_init(&dump->error);
    } else {
        nl_error_uninit(&dump->error);
    }
    return error;
}

/* Generic netlink. */

/* Returns in '*ctrlp' the socket for controller queries, opening it on
 * first use. */
static int
nln_ctrl_socket__(struct nln_socket *s, struct nl_sock **ctrlp)
{
    struct nl_sock *ctrl;
    int error;

    *ctrlp = NULL;
    if (!s->nl) {
        return EOPNOTSUPP;
    }
    if (!s->ctrl) {
        ctrl = nl_socket_alloc();
        if (!ctrl) {
            return ENOMEM;
        }
        error = genl_connect(ctrl);
        if (error < 0) {
            nl_socket_free(ctrl);
            return nln_errno_from_libnl__(error);
        }
        s->ctrl = ctrl;
    }
    *ctrlp = s->ctrl;
    return 0;
}

int
nln_lookup_genl_family(struct nln_socket *s, const char *name, uint16_t *idp)
{
    struct nl_sock *ctrl;
    struct nln_family *f;
    int retval;
    int error;
    size_t i;

    *idp = 0;
    for (i = 0; i < s->n_families; i++) {
        if (!strcmp(s->families[i].name, name)) {
            *idp = s->families[i].id;
            return 0;
        }
    }

    error = nln_ctrl_socket__(s, &ctrl);
    if (error) {
        return error;
    }
    retval = genl_ctrl_resolve(ctrl, name);
    if (retval < 0) {
        error = nln_errno_from_libnl__(retval);
        VLOG_DBG_RL(&dbg_rl, "generic netlink family %s: %s (%s)", name,
                    ovs_strerror(error), nl_geterror(retval));
        return error;
    }

    s->families = xrealloc(s->families,
                           (s->n_families + 1) * sizeof *s->families);
    f = &s->families[s->n_families++];
    f->name = xstrdup(name);
    f->id = retval;
    *idp = f->id;
    VLOG_DBG("generic netlink family %s has id %u", name, f->id);
    return 0;
}

int
nln_lookup_genl_mcgroup(struct nln_socket *s, const char *family,
                        const char *group, uint32_t *idp)
{
    struct nln_mcgroup *g;
    struct nl_sock *ctrl;
    int retval;
    int error;
    size_t i;

    *idp = 0;
    for (i = 0; i < s->n_groups; i++) {
        if (!strcmp(s->groups[i].family, family)
            && !strcmp(s->groups[i].group, group)) {
            *idp = s->groups[i].id;
            return 0;
        }
    }

    error = nln_ctrl_socket__(s, &ctrl);
    if (error) {
        return error;
    }
    retval = genl_ctrl_resolve_grp(ctrl, family, group);
    if (retval < 0) {
        error = nln_errno_from_libnl__(retval);
        VLOG_DBG_RL(&dbg_rl, "multicast group %s of family %s: %s (%s)",
                    group, family, ovs_strerror(error), nl_geterror(retval));
        return error;
    }

    s->groups = xrealloc(s->groups, (s->n_groups + 1) * sizeof *s->groups);
    g = &s->groups[s->n_groups++];
    g->family = xstrdup(family);
    g->group = xstrdup(group);
    g->id = retval;
    *idp = g->id;
    return 0;
}

const char *
nln_genl_family_name(const struct nln_socket *s, uint16_t id)
{
    size_t i;

    for (i = 0; i < s->n_families; i++) {
        if (s->families[i].id == id) {
            return s->families[i].name;
        }
    }
    return NULL;
}

/* Multicast. */

static int
nln_membership__(struct nln_socket *s, int option, uint32_t group)
{
    if (setsockopt(s->fd, SOL_NETLINK, option, &group, sizeof group)) {
        int error = errno;

        VLOG_WARN_RL(&err_rl, "cannot %s netlink multicast group %u: %s",
                     option == NETLINK_ADD_MEMBERSHIP ? "join" : "leave",
                     group, ovs_strerror(error));
        return error;
    }
    return 0;
}

int
nln_socket_join_group(struct nln_socket *s, uint32_t group)
{
    return nln_membership__(s, NETLINK_ADD_MEMBERSHIP, group);
}

int
nln_socket_leave_group(struct nln_socket *s, uint32_t group)
{
    return nln_membership__(s, NETLINK_DROP_MEMBERSHIP, group);
}

int
nln_socket_recv(struct nln_socket *s, struct nl_buf *buf, bool wait)
{
    bool multicast;
    int error;

    nl_buf_clear(buf);
    error = nln_recv__(s, wait, &multicast);
    if (error) {
        if (error == ENOBUFS) {
            VLOG_WARN_RL(&err_rl, "netlink notifications lost (receive "
                         "buffer overrun)");
        }
        return error;
    }
    return nl_buf_copy(buf, s->rx.data, s->rx.used);
}

void
nln_socket_wait(const struct nln_socket *s)
{
    poll_fd_wait(s->fd, POLLIN);
}
