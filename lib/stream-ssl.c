/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* "ssl:HOST:PORT" and "pssl:PORT[:IP]": TLS 1.2 or later over TCP, with
 * OpenSSL.
 *
 * Both ends present a certificate and verify the peer's against the CA
 * certificate, unless the CA file is "none", which turns verification off.
 * The configuration (stream.h) is process-wide: one SSL_CTX, built from the
 * three files when the first SSL stream is opened and rebuilt whenever a
 * file name or a file's contents change.  An SSL object keeps a reference to
 * the context it was made from, so a rebuild does not affect open streams.
 *
 * The handshake runs without blocking from stream_connect().  Sending copies
 * the caller's bytes into a buffer of the stream, because OpenSSL wants a
 * write that could not complete to be retried with the same data; run()
 * flushes that buffer. */

#include <config.h>

#include <errno.h>
#include <poll.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "dynamic-string.h"
#include "poll-loop.h"
#include "socket-util.h"
#include "stream-provider.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(stream_ssl);

/* Configuration. */

struct ssl_config_file {
    char *file_name;            /* NULL until configured. */
    struct stat st;             /* As of the last attempt to read it. */
    bool have_st;               /* Whether 'st' is valid. */
};

struct ssl_config {
    pthread_mutex_t mutex;
    struct ssl_config_file private_key;
    struct ssl_config_file certificate;
    struct ssl_config_file ca_cert;
    bool dirty;                 /* A file name changed since last build. */
    SSL_CTX *ctx;               /* Last context built successfully. */
};

static struct ssl_config ssl_config = {
    .mutex = PTHREAD_MUTEX_INITIALIZER,
};

/* Appends OpenSSL's queued errors to 'ds', most recent last, and clears the
 * queue. */
static void
ssl_format_errors__(struct ds *ds)
{
    const char *file, *data;
    unsigned long code;
    int line, flags;
    bool any = false;

    while ((code = ERR_get_error_all(&file, &line, NULL, &data, &flags))) {
        const char *reason = ERR_reason_error_string(code);
        const char *lib = ERR_lib_error_string(code);

        ds_put_cstr(ds, any ? "; " : ": ");
        if (lib) {
            ds_put_format(ds, "%s: ", lib);
        }
        if (ERR_SYSTEM_ERROR(code)) {
            ds_put_cstr(ds, ovs_strerror(ERR_GET_REASON(code)));
        } else if (reason) {
            ds_put_cstr(ds, reason);
        } else {
            ds_put_format(ds, "error %#lx", code);
        }
        if (data && (flags & ERR_TXT_STRING) && data[0]) {
            ds_put_format(ds, " (%s)", data);
        }
        any = true;
    }
}

static void
ssl_config_file_set__(struct ssl_config_file *file, const char *file_name)
{
    pthread_mutex_lock(&ssl_config.mutex);
    if (!file->file_name || strcmp(file->file_name, file_name)) {
        free(file->file_name);
        file->file_name = xstrdup(file_name);
        file->have_st = false;
        ssl_config.dirty = true;
    }
    pthread_mutex_unlock(&ssl_config.mutex);
}

void
stream_ssl_set_private_key_file(const char *file_name)
{
    ssl_config_file_set__(&ssl_config.private_key, file_name);
}

void
stream_ssl_set_certificate_file(const char *file_name)
{
    ssl_config_file_set__(&ssl_config.certificate, file_name);
}

void
stream_ssl_set_ca_cert_file(const char *file_name)
{
    ssl_config_file_set__(&ssl_config.ca_cert, file_name);
}

bool
stream_ssl_is_configured(void)
{
    bool configured;

    pthread_mutex_lock(&ssl_config.mutex);
    configured = (ssl_config.private_key.file_name
                  && ssl_config.certificate.file_name
                  && ssl_config.ca_cert.file_name);
    pthread_mutex_unlock(&ssl_config.mutex);
    return configured;
}

static bool
ssl_verify_disabled__(void)
{
    return !strcmp(ssl_config.ca_cert.file_name, "none");
}

/* Refreshes the saved status of 'file' and returns true if it differs from
 * the one saved before (or if there was none). */
static bool
ssl_config_file_changed__(struct ssl_config_file *file)
{
    struct stat st;
    bool changed;

    if (stat(file->file_name, &st)) {
        changed = file->have_st;
        file->have_st = false;
        return changed;
    }
    changed = (!file->have_st
               || st.st_dev != file->st.st_dev
               || st.st_ino != file->st.st_ino
               || st.st_size != file->st.st_size
               || st.st_mtim.tv_sec != file->st.st_mtim.tv_sec
               || st.st_mtim.tv_nsec != file->st.st_mtim.tv_nsec);
    file->st = st;
    file->have_st = true;
    return changed;
}

/* Builds a context from the configured files.  Returns NULL and logs why on
 * failure. */
static SSL_CTX *
ssl_ctx_build__(void)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);
    const char *failed_file = NULL;
    struct ds errors = DS_EMPTY_INITIALIZER;
    SSL_CTX *ctx;

    ERR_clear_error();
    ctx = SSL_CTX_new(TLS_method());
    if (!ctx) {
        failed_file = "(context)";
        goto out_log;
    }
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF
                        | SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE);

    failed_file = ssl_config.certificate.file_name;
    if (SSL_CTX_use_certificate_chain_file(ctx, failed_file) != 1) {
        goto out_free_ctx;
    }
    failed_file = ssl_config.private_key.file_name;
    if (SSL_CTX_use_PrivateKey_file(ctx, failed_file,
                                    SSL_FILETYPE_PEM) != 1
        || SSL_CTX_check_private_key(ctx) != 1) {
        goto out_free_ctx;
    }

    failed_file = ssl_config.ca_cert.file_name;
    if (ssl_verify_disabled__()) {
        VLOG_WARN("peer certificate verification is disabled "
                  "(--ca-cert=none): anyone can impersonate a peer");
        SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    } else {
        STACK_OF(X509_NAME) *ca_names;

        if (SSL_CTX_load_verify_locations(ctx, failed_file, NULL) != 1) {
            goto out_free_ctx;
        }
        /* Tell clients which CAs we accept, as servers usually do. */
        ca_names = SSL_load_client_CA_file(failed_file);
        if (ca_names) {
            SSL_CTX_set_client_CA_list(ctx, ca_names);
        }
        ERR_clear_error();
        SSL_CTX_set_verify(ctx,
                           SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
                           NULL);
    }
    return ctx;

out_free_ctx:
    SSL_CTX_free(ctx);
out_log:
    ssl_format_errors__(&errors);
    VLOG_ERR_RL(&rl, "%s: could not load SSL configuration%s",
                failed_file, ds_cstr(&errors));
    ds_destroy(&errors);
    return NULL;
}

/* Returns a new reference to the current context in '*ctxp', rebuilding it
 * first if the configuration changed.  Returns 0, ENOPROTOOPT if SSL is not
 * configured, or EINVAL if it never could be loaded. */
static int
ssl_ctx_get__(SSL_CTX **ctxp)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);
    bool changed;
    int error = 0;

    *ctxp = NULL;
    pthread_mutex_lock(&ssl_config.mutex);
    if (!ssl_config.private_key.file_name
        || !ssl_config.certificate.file_name
        || !ssl_config.ca_cert.file_name) {
        VLOG_ERR_RL(&rl, "SSL needs a private key, a certificate and a CA "
                    "certificate (--private-key, --certificate, --ca-cert)");
        error = ENOPROTOOPT;
        goto out_unlock;
    }

    /* Stat every file, so each one's status is up to date afterward. */
    changed = ssl_config.dirty;
    changed |= ssl_config_file_changed__(&ssl_config.private_key);
    changed |= ssl_config_file_changed__(&ssl_config.certificate);
    if (!ssl_verify_disabled__()) {
        changed |= ssl_config_file_changed__(&ssl_config.ca_cert);
    }

    if (changed || !ssl_config.ctx) {
        SSL_CTX *ctx = ssl_ctx_build__();

        ssl_config.dirty = false;
        if (ctx) {
            SSL_CTX_free(ssl_config.ctx);
            ssl_config.ctx = ctx;
            VLOG_INFO("loaded SSL configuration: private key %s, "
                      "certificate %s, CA certificate %s",
                      ssl_config.private_key.file_name,
                      ssl_config.certificate.file_name,
                      ssl_config.ca_cert.file_name);
        }
        /* Otherwise keep using the previous context, if any, until the
         * files change again. */
    }

    if (ssl_config.ctx) {
        SSL_CTX_up_ref(ssl_config.ctx);
        *ctxp = ssl_config.ctx;
    } else {
        error = EINVAL;
    }

out_unlock:
    pthread_mutex_unlock(&ssl_config.mutex);
    return error;
}

/* A BIO over a non-blocking socket that sends with MSG_NOSIGNAL, so that a
 * peer that went away makes writes fail with EPIPE instead of raising
 * SIGPIPE (OpenSSL's socket BIO uses write()). */

static int
ssl_bio_write__(BIO *bio, const char *data, int n)
{
    int fd = (int) (intptr_t) BIO_get_data(bio);
    ssize_t retval;

    BIO_clear_retry_flags(bio);
    do {
        retval = send(fd, data, n, MSG_NOSIGNAL);
    } while (retval < 0 && errno == EINTR);
    if (retval < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        BIO_set_retry_write(bio);
    }
    return retval;
}

static int
ssl_bio_read__(BIO *bio, char *data, int n)
{
    int fd = (int) (intptr_t) BIO_get_data(bio);
    ssize_t retval;

    BIO_clear_retry_flags(bio);
    do {
        retval = recv(fd, data, n, 0);
    } while (retval < 0 && errno == EINTR);
    if (retval < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        BIO_set_retry_read(bio);
    }
    return retval;
}

static long
ssl_bio_ctrl__(BIO *bio OVS_UNUSED, int cmd, long num OVS_UNUSED,
               void *ptr OVS_UNUSED)
{
    /* Writes go straight to the socket, so there is never anything to
     * flush; every other request is unsupported. */
    return cmd == BIO_CTRL_FLUSH;
}

static int
ssl_bio_create__(BIO *bio)
{
    BIO_set_init(bio, 1);
    return 1;
}

static BIO_METHOD *ssl_bio_method;

static void
ssl_bio_method_init__(void)
{
    ssl_bio_method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK,
                                  "ovs-tc socket");
    if (!ssl_bio_method
        || !BIO_meth_set_write(ssl_bio_method, ssl_bio_write__)
        || !BIO_meth_set_read(ssl_bio_method, ssl_bio_read__)
        || !BIO_meth_set_ctrl(ssl_bio_method, ssl_bio_ctrl__)
        || !BIO_meth_set_create(ssl_bio_method, ssl_bio_create__)) {
        out_of_memory();
    }
}

static BIO *
ssl_bio_new__(int fd)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    BIO *bio;

    pthread_once(&once, ssl_bio_method_init__);
    bio = BIO_new(ssl_bio_method);
    if (bio) {
        BIO_set_data(bio, (void *) (intptr_t) fd);
    }
    return bio;
}

/* Streams. */

enum stream_ssl_state {
    SSL_S_TCP_CONNECTING,       /* TCP connection in progress. */
    SSL_S_HANDSHAKE,            /* TLS handshake in progress. */
    SSL_S_OPEN                  /* Ready for data. */
};

/* Bytes of output a stream takes from its caller at once. */
#define SSL_TX_SIZE 16384

struct stream_ssl {
    struct stream up;
    int fd;
    SSL *ssl;
    bool is_server;
    enum stream_ssl_state state;

    /* What each operation waits for after it got SSL_ERROR_WANT_*: POLLIN or
     * POLLOUT, since TLS may need to write to read and vice versa. */
    short int handshake_want;
    short int rx_want;
    short int tx_want;

    /* Output taken from the caller but not yet accepted by SSL_write(). */
    char txbuf[SSL_TX_SIZE];
    size_t tx_len;
    int tx_error;               /* Error from flushing in run(), or 0. */
};

static const struct stream_class stream_ssl_instance_class;

static struct stream_ssl *
stream_ssl_cast(struct stream *stream)
{
    if (stream->class != &stream_ssl_instance_class) {
        OVS_NOT_REACHED();
    }
    return CONTAINER_OF(stream, struct stream_ssl, up);
}

/* Creates an SSL stream named 'name' over socket 'fd' with context 'ctx',
 * taking ownership of all three (they are freed on failure).  'state' is
 * where it starts. */
static int
stream_ssl_create__(char *name, int fd, SSL_CTX *ctx, bool is_server,
                    enum stream_ssl_state state, struct stream **streamp)
{
    struct stream_ssl *s;
    BIO *bio;
    SSL *ssl;
    int error;

    *streamp = NULL;
    ERR_clear_error();
    ssl = SSL_new(ctx);
    SSL_CTX_free(ctx);          /* 'ssl' holds its own reference. */
    if (!ssl) {
        error = ENOMEM;
        goto out_close_fd;
    }
    bio = ssl_bio_new__(fd);
    if (!bio) {
        error = ENOMEM;
        goto out_free_ssl;
    }
    SSL_set_bio(ssl, bio, bio);
    if (is_server) {
        SSL_set_accept_state(ssl);
    } else {
        SSL_set_connect_state(ssl);
    }

    s = xzalloc(sizeof *s);
    stream_init(&s->up, &stream_ssl_instance_class, EAGAIN, name);
    s->fd = fd;
    s->ssl = ssl;
    s->is_server = is_server;
    s->state = state;
    *streamp = &s->up;
    return 0;

out_free_ssl:
    SSL_free(ssl);
out_close_fd:
    ERR_clear_error();
    close(fd);
    free(name);
    return error;
}

static int
ssl_open(const char *name, const char *suffix, struct stream **streamp,
         uint8_t dscp)
{
    struct sockaddr_storage ss;
    SSL_CTX *ctx;
    int error;
    int fd;

    *streamp = NULL;
    error = sock_parse_active(suffix, &ss);
    if (error) {
        return error;
    }
    error = ssl_ctx_get__(&ctx);
    if (error) {
        return error;
    }
    error = sock_open_tcp_active(&ss, dscp, &fd);
    if (error && error != EAGAIN) {
        SSL_CTX_free(ctx);
        return error;
    }
    return stream_ssl_create__(xstrdup(name), fd, ctx, false,
                               error ? SSL_S_TCP_CONNECTING : SSL_S_HANDSHAKE,
                               streamp);
}

static void
stream_ssl_close(struct stream *stream)
{
    struct stream_ssl *s = stream_ssl_cast(stream);

    if (s->state == SSL_S_OPEN) {
        /* Best effort: send our close_notify without waiting for the
         * peer's. */
        SSL_shutdown(s->ssl);
    }
    ERR_clear_error();
    SSL_free(s->ssl);           /* Also frees the BIO. */
    close(s->fd);
    free(s);
}

/* Interprets the failure of an SSL call on 's' that returned 'ret'.  Stores
 * what to wait for in '*want' and returns EAGAIN if the call should be
 * retried; otherwise logs the failure of 'function' and returns an error
 * ('eof_error' for a clean close by the peer). */
static int
stream_ssl_error__(struct stream_ssl *s, const char *function, int ret,
                   short int *want, int eof_error)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(10, 20);
    int saved_errno = errno;
    struct ds text = DS_EMPTY_INITIALIZER;
    long verify;
    int error;

    switch (SSL_get_error(s->ssl, ret)) {
    case SSL_ERROR_WANT_READ:
        *want = POLLIN;
        return EAGAIN;

    case SSL_ERROR_WANT_WRITE:
        *want = POLLOUT;
        return EAGAIN;

    case SSL_ERROR_ZERO_RETURN:
        ERR_clear_error();
        return eof_error;

    case SSL_ERROR_SYSCALL:
        ssl_format_errors__(&text);
        error = saved_errno ? saved_errno : eof_error;
        if (error != EOF) {
            VLOG_WARN_RL(&rl, "%s: %s failed: %s%s", s->up.name, function,
                         ovs_retval_to_string(error), ds_cstr(&text));
        }
        break;

    case SSL_ERROR_SSL:
    default:
        ssl_format_errors__(&text);
        verify = SSL_get_verify_result(s->ssl);
        if (verify != X509_V_OK) {
            ds_put_format(&text, " (peer certificate: %s)",
                          X509_verify_cert_error_string(verify));
        }
        VLOG_WARN_RL(&rl, "%s: %s failed%s", s->up.name, function,
                     ds_cstr(&text));
        error = EPROTO;
        break;
    }
    ds_destroy(&text);
    return error;
}

static void
stream_ssl_log_handshake__(const struct stream_ssl *s)
{
    X509 *peer;

    if (!VLOG_IS_DBG_ENABLED()) {
        return;
    }
    peer = SSL_get1_peer_certificate(s->ssl);
    if (peer) {
        char *subject = X509_NAME_oneline(X509_get_subject_name(peer),
                                          NULL, 0);

        VLOG_DBG("%s: %s with %s, peer %s", s->up.name,
                 SSL_get_version(s->ssl), SSL_get_cipher_name(s->ssl),
                 subject ? subject : "(unknown)");
        OPENSSL_free(subject);
        X509_free(peer);
    } else {
        VLOG_DBG("%s: %s with %s, peer sent no certificate", s->up.name,
                 SSL_get_version(s->ssl), SSL_get_cipher_name(s->ssl));
    }
}

static int
stream_ssl_connect(struct stream *stream)
{
    struct stream_ssl *s = stream_ssl_cast(stream);
    int error;
    int ret;

    switch (s->state) {
    case SSL_S_TCP_CONNECTING:
        error = sock_check_connection(s->fd);
        if (error) {
            return error;
        }
        s->state = SSL_S_HANDSHAKE;
        /* Fall through. */
    case SSL_S_HANDSHAKE:
        ERR_clear_error();
        errno = 0;
        ret = SSL_do_handshake(s->ssl);
        if (ret != 1) {
            return stream_ssl_error__(s, (s->is_server ? "SSL_accept"
                                          : "SSL_connect"),
                                      ret, &s->handshake_want, ECONNRESET);
        }
        s->state = SSL_S_OPEN;
        stream_ssl_log_handshake__(s);
        return 0;

    case SSL_S_OPEN:
        return 0;

    default:
        OVS_NOT_REACHED();
    }
}

static int
stream_ssl_recv(struct stream *stream, void *buffer, size_t n,
                size_t *n_received)
{
    struct stream_ssl *s = stream_ssl_cast(stream);
    int ret;

    *n_received = 0;
    ERR_clear_error();
    errno = 0;
    ret = SSL_read_ex(s->ssl, buffer, n, n_received);
    if (ret == 1) {
        s->rx_want = 0;
        return 0;
    }
    return stream_ssl_error__(s, "SSL_read", ret, &s->rx_want, EOF);
}

/* Hands buffered output to OpenSSL until it is all taken or OpenSSL cannot
 * take more now.  Returns 0, EAGAIN or an error. */
static int
stream_ssl_flush__(struct stream_ssl *s)
{
    while (s->tx_len) {
        size_t written;
        int ret;

        ERR_clear_error();
        errno = 0;
        ret = SSL_write_ex(s->ssl, s->txbuf, s->tx_len, &written);
        if (ret != 1) {
            return stream_ssl_error__(s, "SSL_write", ret, &s->tx_want,
                                      EPIPE);
        }
        s->tx_want = 0;
        s->tx_len -= written;
        memmove(s->txbuf, s->txbuf + written, s->tx_len);
    }
    return 0;
}

static int
stream_ssl_send(struct stream *stream, const void *buffer, size_t n,
                size_t *n_sent)
{
    struct stream_ssl *s = stream_ssl_cast(stream);
    size_t chunk;
    int error;

    *n_sent = 0;
    if (s->tx_error) {
        return s->tx_error;
    }
    if (s->tx_len) {
        error = stream_ssl_flush__(s);
        if (error) {
            return error;
        }
    }

    chunk = MIN(n, sizeof s->txbuf);
    memcpy(s->txbuf, buffer, chunk);
    s->tx_len = chunk;
    error = stream_ssl_flush__(s);
    if (error && error != EAGAIN) {
        s->tx_len = 0;
        return error;
    }
    *n_sent = chunk;
    return 0;
}

static void
stream_ssl_run(struct stream *stream)
{
    struct stream_ssl *s = stream_ssl_cast(stream);

    if (s->state == SSL_S_OPEN && s->tx_len && !s->tx_error) {
        int error = stream_ssl_flush__(s);

        if (error && error != EAGAIN) {
            s->tx_error = error;
            s->tx_len = 0;
        }
    }
}

static void
stream_ssl_run_wait(struct stream *stream)
{
    struct stream_ssl *s = stream_ssl_cast(stream);

    if (s->tx_error) {
        poll_immediate_wake();
    } else if (s->state == SSL_S_OPEN && s->tx_len) {
        poll_fd_wait(s->fd, s->tx_want ? s->tx_want : POLLOUT);
    }
}

static void
stream_ssl_wait(struct stream *stream, enum stream_wait_type type)
{
    struct stream_ssl *s = stream_ssl_cast(stream);

    switch (type) {
    case STREAM_CONNECT:
        if (s->state == SSL_S_TCP_CONNECTING) {
            poll_fd_wait(s->fd, POLLOUT);
        } else if (s->state == SSL_S_HANDSHAKE) {
            poll_fd_wait(s->fd, s->handshake_want ? s->handshake_want
                                                   : POLLOUT);
        } else {
            poll_immediate_wake();
        }
        break;

    case STREAM_RECV:
        if (SSL_pending(s->ssl) > 0) {
            /* Already decrypted, no need for the socket. */
            poll_immediate_wake();
        } else {
            poll_fd_wait(s->fd, s->rx_want ? s->rx_want : POLLIN);
        }
        break;

    case STREAM_SEND:
        if (!s->tx_len || s->tx_error) {
            poll_immediate_wake();
        } else {
            poll_fd_wait(s->fd, s->tx_want ? s->tx_want : POLLOUT);
        }
        break;

    default:
        OVS_NOT_REACHED();
    }
}

/* The class of every SSL stream instance. */
static const struct stream_class stream_ssl_instance_class = {
    .name = "ssl",
    .open = NULL,
    .close = stream_ssl_close,
    .connect = stream_ssl_connect,
    .recv = stream_ssl_recv,
    .send = stream_ssl_send,
    .run = stream_ssl_run,
    .run_wait = stream_ssl_run_wait,
    .wait = stream_ssl_wait,
};

/* The registered class: only opens, producing instances of the class
 * above. */
const struct stream_class ssl_stream_class = {
    .name = "ssl",
    .open = ssl_open,
    .close = NULL,
    .connect = NULL,
    .recv = NULL,
    .send = NULL,
    .run = NULL,
    .run_wait = NULL,
    .wait = NULL,
};

/* Passive streams: a TCP listener whose accepted sockets become SSL
 * streams in the server role. */

static int
pssl_accept(int fd, const void *sa, size_t sa_len, struct stream **streamp)
{
    SSL_CTX *ctx;
    char *name;
    int error;

    *streamp = NULL;
    error = stream_tcp_accepted(fd, sa, sa_len, "ssl", &name);
    if (error) {
        return error;
    }
    /* Picks up configuration files that changed since the listener was
     * opened. */
    error = ssl_ctx_get__(&ctx);
    if (error) {
        free(name);
        close(fd);
        return error;
    }
    return stream_ssl_create__(name, fd, ctx, true, SSL_S_HANDSHAKE,
                               streamp);
}

static int
pssl_listen(const char *name OVS_UNUSED, const char *suffix,
            struct pstream **pstreamp, uint8_t dscp)
{
    SSL_CTX *ctx;
    int error;

    *pstreamp = NULL;

    /* Fail now, not at the first connection, if SSL cannot work. */
    error = ssl_ctx_get__(&ctx);
    if (error) {
        return error;
    }
    SSL_CTX_free(ctx);

    return pstream_tcp_listen("pssl", suffix, dscp, pssl_accept, pstreamp);
}

const struct pstream_class pssl_pstream_class = {
    .name = "pssl",
    .listen = pssl_listen,
    .close = NULL,              /* Instances are of the fd class. */
    .accept = NULL,
    .wait = NULL,
};
