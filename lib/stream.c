/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* The stream wrapper: finds the provider for a name, keeps the connection
 * state, and logs failures.  See stream-provider.h for the contract. */

#include <config.h>
#include "stream.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "poll-loop.h"
#include "stream-provider.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(stream);

static const struct stream_class *const stream_classes[] = {
    &tcp_stream_class,
    &unix_stream_class,
    &ssl_stream_class,
};

static const struct pstream_class *const pstream_classes[] = {
    &ptcp_pstream_class,
    &punix_pstream_class,
    &pssl_pstream_class,
};

/* Returns true if 'name' starts with 'scheme' followed by ':', and then
 * stores the rest of 'name' in '*suffixp'. */
static bool
scheme_matches__(const char *name, const char *scheme, const char **suffixp)
{
    size_t len = strlen(scheme);

    if (strncmp(name, scheme, len) || name[len] != ':') {
        return false;
    }
    *suffixp = name + len + 1;
    return true;
}

static const struct stream_class *
stream_class_lookup__(const char *name, const char **suffixp)
{
    for (size_t i = 0; i < ARRAY_SIZE(stream_classes); i++) {
        if (scheme_matches__(name, stream_classes[i]->name, suffixp)) {
            return stream_classes[i];
        }
    }
    return NULL;
}

static const struct pstream_class *
pstream_class_lookup__(const char *name, const char **suffixp)
{
    for (size_t i = 0; i < ARRAY_SIZE(pstream_classes); i++) {
        if (scheme_matches__(name, pstream_classes[i]->name, suffixp)) {
            return pstream_classes[i];
        }
    }
    return NULL;
}

/* Checks what stream_open() and pstream_open() require before they call a
 * provider: that the name matched a registered class ('found') and that
 * 'dscp' fits in the 6-bit DSCP field.  Returns 0 or a positive errno
 * value. */
static int
stream_check_open__(bool found, uint8_t dscp)
{
    if (!found) {
        return EAFNOSUPPORT;
    }
    if (dscp > 63) {
        return EINVAL;
    }
    return 0;
}

/* Logs 'error' from 'operation' on stream 'name': configuration mistakes at
 * WARN, everything else (routine on a busy system) at DBG, both
 * rate-limited. */
static void
stream_log_error__(const char *name, const char *operation, int error)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(10, 20);

    if (error == EINVAL || error == EAFNOSUPPORT || error == ENOPROTOOPT) {
        VLOG_WARN_RL(&rl, "%s: %s failed (%s)", name, operation,
                     ovs_retval_to_string(error));
    } else {
        VLOG_DBG_RL(&rl, "%s: %s failed (%s)", name, operation,
                    ovs_retval_to_string(error));
    }
}

/* Active streams. */

void
stream_init(struct stream *stream, const struct stream_class *class,
            int connect_status, char *name)
{
    memset(stream, 0, sizeof *stream);
    stream->class = class;
    stream->name = name;
    if (!connect_status) {
        stream->state = STREAM_S_CONNECTED;
    } else if (connect_status == EAGAIN) {
        stream->state = STREAM_S_CONNECTING;
    } else {
        stream->state = STREAM_S_DISCONNECTED;
        stream->error = connect_status;
    }
}

bool
stream_verify_name(const char *name)
{
    const char *suffix;

    return stream_class_lookup__(name, &suffix) != NULL;
}

int
stream_open(const char *name, struct stream **streamp, uint8_t dscp)
{
    const struct stream_class *class;
    const char *suffix;
    int error;

    *streamp = NULL;
    class = stream_class_lookup__(name, &suffix);
    error = stream_check_open__(class != NULL, dscp);
    if (!error) {
        error = class->open(name, suffix, streamp, dscp);
    }
    if (error) {
        *streamp = NULL;
        stream_log_error__(name, "open", error);
    }
    return error;
}

int
stream_open_block(int error, long long int timeout_msec,
                  struct stream **streamp)
{
    struct stream *stream = *streamp;
    long long int deadline;

    if (error) {
        goto out_close;
    }

    deadline = timeout_msec >= 0 ? time_msec() + timeout_msec : LLONG_MAX;
    while ((error = stream_connect(stream)) == EAGAIN) {
        if (time_msec() >= deadline) {
            error = ETIMEDOUT;
            stream_log_error__(stream->name, "connection", error);
            break;
        }
        stream_run(stream);
        stream_run_wait(stream);
        stream_connect_wait(stream);
        if (deadline != LLONG_MAX) {
            poll_timer_wait_until(deadline);
        }
        poll_block();
    }

out_close:
    if (error) {
        stream_close(stream);
        *streamp = NULL;
    }
    return error;
}

void
stream_close(struct stream *stream)
{
    if (stream) {
        char *name = stream->name;

        stream->class->close(stream);
        free(name);
    }
}

const char *
stream_get_name(const struct stream *stream)
{
    return stream->name;
}

int
stream_connect(struct stream *stream)
{
    int error;

    switch (stream->state) {
    case STREAM_S_CONNECTING:
        error = stream->class->connect ? stream->class->connect(stream) : 0;
        if (!error) {
            stream->state = STREAM_S_CONNECTED;
        } else if (error != EAGAIN) {
            stream->state = STREAM_S_DISCONNECTED;
            stream->error = error;
            stream_log_error__(stream->name, "connection", error);
        }
        return error;

    case STREAM_S_CONNECTED:
        return 0;

    case STREAM_S_DISCONNECTED:
        return stream->error;

    default:
        OVS_NOT_REACHED();
    }
}

int
stream_recv(struct stream *stream, void *buffer, size_t n,
            size_t *n_received)
{
    int error;

    *n_received = 0;
    error = stream_connect(stream);
    if (error || !n) {
        return error;
    }

    error = stream->class->recv(stream, buffer, n, n_received);
    if (error && error != EAGAIN && error != EOF) {
        stream_log_error__(stream->name, "receive", error);
    }
    return error;
}

int
stream_send(struct stream *stream, const void *buffer, size_t n,
            size_t *n_sent)
{
    int error;

    *n_sent = 0;
    error = stream_connect(stream);
    if (error || !n) {
        return error;
    }

    error = stream->class->send(stream, buffer, n, n_sent);
    if (error && error != EAGAIN) {
        stream_log_error__(stream->name, "send", error);
    }
    return error;
}

void
stream_run(struct stream *stream)
{
    if (stream->class->run) {
        stream->class->run(stream);
    }
}

void
stream_run_wait(struct stream *stream)
{
    if (stream->class->run_wait) {
        stream->class->run_wait(stream);
    }
}

void
stream_wait(struct stream *stream, enum stream_wait_type type)
{
    switch (stream->state) {
    case STREAM_S_CONNECTING:
        /* Nothing else can happen before the connection completes. */
        stream->class->wait(stream, STREAM_CONNECT);
        break;

    case STREAM_S_CONNECTED:
        if (type == STREAM_CONNECT) {
            poll_immediate_wake();
        } else {
            stream->class->wait(stream, type);
        }
        break;

    case STREAM_S_DISCONNECTED:
        /* Every operation fails at once. */
        poll_immediate_wake();
        break;

    default:
        OVS_NOT_REACHED();
    }
}

void
stream_connect_wait(struct stream *stream)
{
    stream_wait(stream, STREAM_CONNECT);
}

void
stream_recv_wait(struct stream *stream)
{
    stream_wait(stream, STREAM_RECV);
}

void
stream_send_wait(struct stream *stream)
{
    stream_wait(stream, STREAM_SEND);
}

/* Passive streams. */

void
pstream_init(struct pstream *pstream, const struct pstream_class *class,
             char *name, uint16_t bound_port)
{
    memset(pstream, 0, sizeof *pstream);
    pstream->class = class;
    pstream->name = name;
    pstream->bound_port = bound_port;
}

bool
pstream_verify_name(const char *name)
{
    const char *suffix;

    return pstream_class_lookup__(name, &suffix) != NULL;
}

int
pstream_open(const char *name, struct pstream **pstreamp, uint8_t dscp)
{
    const struct pstream_class *class;
    const char *suffix;
    int error;

    *pstreamp = NULL;
    class = pstream_class_lookup__(name, &suffix);
    error = stream_check_open__(class != NULL, dscp);
    if (!error) {
        error = class->listen(name, suffix, pstreamp, dscp);
    }
    if (error) {
        *pstreamp = NULL;
        /* A listener that cannot be opened is always worth a warning. */
        VLOG_WARN("%s: listen failed (%s)", name,
                  ovs_retval_to_string(error));
    }
    return error;
}

const char *
pstream_get_name(const struct pstream *pstream)
{
    return pstream->name;
}

void
pstream_close(struct pstream *pstream)
{
    if (pstream) {
        char *name = pstream->name;

        pstream->class->close(pstream);
        free(name);
    }
}

int
pstream_accept(struct pstream *pstream, struct stream **streamp)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(10, 20);
    int error;

    *streamp = NULL;
    error = pstream->class->accept(pstream, streamp);
    if (error) {
        *streamp = NULL;
        if (error != EAGAIN) {
            VLOG_WARN_RL(&rl, "%s: accept failed (%s)", pstream->name,
                         ovs_retval_to_string(error));
        }
    }
    return error;
}

void
pstream_wait(struct pstream *pstream)
{
    pstream->class->wait(pstream);
}

uint16_t
pstream_get_bound_port(const struct pstream *pstream)
{
    return pstream->bound_port;
}

void
stream_usage(const char *name, bool active, bool passive)
{
    if (active) {
        printf("\n"
               "Active %s connection methods:\n"
               "  tcp:HOST:PORT           "
               "TCP to PORT on HOST ([brackets] around IPv6)\n"
               "  ssl:HOST:PORT           "
               "SSL/TLS to PORT on HOST\n"
               "  unix:FILE               "
               "the Unix socket at FILE\n", name);
    }
    if (passive) {
        printf("\n"
               "Passive %s connection methods:\n"
               "  ptcp:PORT[:IP]          "
               "accept TCP on PORT (IP: local address)\n"
               "  pssl:PORT[:IP]          "
               "accept SSL/TLS on PORT (IP: local address)\n"
               "  punix:FILE              "
               "accept on the Unix socket created at FILE\n", name);
    }
    printf("\n"
           "Keys and certificates (needed by ssl: and pssl:):\n"
           "  -p, --private-key=FILE  our private key (PEM)\n"
           "  -c, --certificate=FILE  our certificate, matching the key\n"
           "  -C, --ca-cert=FILE      CA certificate peers must chain to\n");
}
