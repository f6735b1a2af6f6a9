/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef STREAM_H
#define STREAM_H 1

/* Byte streams: active ("unix:PATH", "tcp:HOST:PORT", "ssl:HOST:PORT") and
 * passive ("punix:PATH", "ptcp:PORT[:IP]", "pssl:PORT[:IP]").  All are
 * non-blocking; use the *_wait() functions with the event loop
 * (poll-loop.h).  Functions return 0 or a positive errno; receiving returns
 * EOF at a clean end of stream.  A stream owns its socket. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compiler.h"

struct stream;
struct pstream;

/* Active streams. */
bool stream_verify_name(const char *name);  /* Known scheme? */
int stream_open(const char *name, struct stream **streamp, uint8_t dscp);
int stream_open_block(int error, long long int timeout_msec,
                      struct stream **streamp);
void stream_close(struct stream *);
const char *stream_get_name(const struct stream *);

/* Completes the connection: 0 once connected, EAGAIN while in progress,
 * else the error (the stream must then be closed). */
int stream_connect(struct stream *);

/* Receives up to 'n' bytes into 'buffer'.  Returns 0 with '*n_received'
 * set to the number of bytes (at least 1), EOF at end of stream, EAGAIN
 * when nothing is available yet, or another positive errno. */
int stream_recv(struct stream *, void *buffer, size_t n,
                size_t *n_received);

/* Sends up to 'n' bytes from 'buffer'.  Returns 0 with '*n_sent' set to the
 * number sent (at least 1), EAGAIN when the stream cannot take any now, or
 * another positive errno. */
int stream_send(struct stream *, const void *buffer, size_t n,
                size_t *n_sent);

void stream_run(struct stream *);
void stream_run_wait(struct stream *);

enum stream_wait_type {
    STREAM_CONNECT,
    STREAM_RECV,
    STREAM_SEND
};
void stream_wait(struct stream *, enum stream_wait_type);
void stream_connect_wait(struct stream *);
void stream_recv_wait(struct stream *);
void stream_send_wait(struct stream *);

/* Passive streams. */
bool pstream_verify_name(const char *name);
int pstream_open(const char *name, struct pstream **pstreamp, uint8_t dscp);
const char *pstream_get_name(const struct pstream *);
void pstream_close(struct pstream *);

/* Accepts a connection: 0 with '*streamp' set, EAGAIN if none is pending,
 * or another positive errno. */
int pstream_accept(struct pstream *, struct stream **streamp);
void pstream_wait(struct pstream *);

/* The TCP port a "ptcp:"/"pssl:" stream listens on (useful with port 0),
 * or 0 for other kinds. */
uint16_t pstream_get_bound_port(const struct pstream *);

/* SSL configuration, shared by every ssl:/pssl: stream of the process.
 * The files are read when the first SSL stream is opened and again when
 * they change. */
void stream_ssl_set_private_key_file(const char *file_name);
void stream_ssl_set_certificate_file(const char *file_name);
void stream_ssl_set_ca_cert_file(const char *file_name);
bool stream_ssl_is_configured(void);

/* Command-line options for SSL: --private-key (-p), --certificate (-c),
 * --ca-cert (-C).  Use like VLOG_LONG_OPTIONS in vlog.h. */
#define STREAM_SSL_LONG_OPTIONS                                         \
    {"private-key", required_argument, NULL, 'p'},                      \
    {"certificate", required_argument, NULL, 'c'},                      \
    {"ca-cert", required_argument, NULL, 'C'}
#define STREAM_SSL_OPTION_HANDLERS                                      \
    case 'p':                                                           \
        stream_ssl_set_private_key_file(optarg);                        \
        break;                                                          \
    case 'c':                                                           \
        stream_ssl_set_certificate_file(optarg);                        \
        break;                                                          \
    case 'C':                                                           \
        stream_ssl_set_ca_cert_file(optarg);                            \
        break;
void stream_usage(const char *name, bool active, bool passive);

#endif /* stream.h */
