/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Unit tests for the streams: unix, tcp (IPv4 and IPv6) and ssl, each
 * connecting to its passive form in the same process, plus the helpers in
 * socket-util. */

#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cmocka.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "dynamic-string.h"
#include "poll-loop.h"
#include "socket-util.h"
#include "stream.h"
#include "timeval.h"
#include "util.h"

/* A temporary directory for the whole run, removed at the end. */
static char tmpdir[] = "/tmp/test-stream-XXXXXX";

/* Returns "TMPDIR/NAME", to free. */
static char *
tmp_file(const char *name)
{
    return xasprintf("%s/%s", tmpdir, name);
}

/* Fails the test once 'deadline' (a time_msec() value) has passed. */
static void
check_deadline(long long int deadline, const char *what)
{
    if (time_msec() > deadline) {
        fail_msg("timed out waiting for %s", what);
    }
}

/* Accepts one connection on 'pstream'. */
static struct stream *
accept_one(struct pstream *pstream)
{
    long long int deadline = time_msec() + 10000;
    struct stream *stream;
    int error;

    while ((error = pstream_accept(pstream, &stream)) == EAGAIN) {
        check_deadline(deadline, "a connection");
        pstream_wait(pstream);
        poll_timer_wait(100);
        poll_block();
    }
    assert_int_equal(error, 0);
    assert_non_null(stream);
    return stream;
}

/* Drives the connections of 'a' and 'b' (either may be NULL) to completion
 * together, as both ends of one connection in one thread must be, and
 * stores their results. */
static void
connect_both(struct stream *a, struct stream *b, int *a_error, int *b_error)
{
    long long int deadline = time_msec() + 10000;

    *a_error = *b_error = EAGAIN;
    for (;;) {
        if (*a_error == EAGAIN) {
            *a_error = a ? stream_connect(a) : 0;
        }
        if (*b_error == EAGAIN) {
            *b_error = b ? stream_connect(b) : 0;
        }
        if (*a_error != EAGAIN && *b_error != EAGAIN) {
            return;
        }
        check_deadline(deadline, "connections");
        if (*a_error == EAGAIN) {
            stream_run_wait(a);
            stream_connect_wait(a);
        }
        if (*b_error == EAGAIN) {
            stream_run_wait(b);
            stream_connect_wait(b);
        }
        poll_timer_wait(100);
        poll_block();
    }
}

/* Sends 'n' bytes of a pattern from 'from' and checks that 'to' receives
 * exactly them. */
static void
transfer(struct stream *from, struct stream *to, size_t n)
{
    long long int deadline = time_msec() + 20000;
    unsigned char *out = xmalloc(n);
    unsigned char *in = xmalloc(n);
    size_t sent = 0, received = 0;

    for (size_t i = 0; i < n; i++) {
        out[i] = (i * 7 + i / 251) & 0xff;
    }
    while (received < n) {
        size_t k;
        int error;

        if (sent < n) {
            error = stream_send(from, out + sent, n - sent, &k);
            if (!error) {
                assert_true(k > 0 && k <= n - sent);
                sent += k;
            } else {
                assert_int_equal(error, EAGAIN);
            }
        }
        stream_run(from);

        error = stream_recv(to, in + received, n - received, &k);
        if (!error) {
            assert_true(k > 0 && k <= n - received);
            received += k;
            continue;
        }
        assert_int_equal(error, EAGAIN);

        check_deadline(deadline, "data");
        stream_run(to);
        stream_run_wait(from);
        stream_run_wait(to);
        if (sent < n) {
            stream_send_wait(from);
        }
        stream_recv_wait(to);
        poll_timer_wait(100);
        poll_block();
    }
    assert_memory_equal(in, out, n);
    free(in);
    free(out);
}

/* Receives on 'stream' until something other than EAGAIN or data. */
static int
recv_until_error(struct stream *stream)
{
    long long int deadline = time_msec() + 10000;
    char buffer[512];

    for (;;) {
        size_t n;
        int error = stream_recv(stream, buffer, sizeof buffer, &n);

        if (error && error != EAGAIN) {
            return error;
        }
        if (!error) {
            fail_msg("unexpected data");
        }
        check_deadline(deadline, "the end of the stream");
        stream_run(stream);
        stream_run_wait(stream);
        stream_recv_wait(stream);
        poll_timer_wait(100);
        poll_block();
    }
}

/* Opens 'pname', connects 'aname' to it (with "%u" replaced by the bound
 * port, if any), and stores both connected ends. */
static void
open_pair(const char *pname, const char *aname_format,
          struct pstream **pstreamp, struct stream **clientp,
          struct stream **serverp)
{
    struct stream *client, *server;
    char *aname;
    int c_error, s_error;

    assert_int_equal(pstream_open(pname, pstreamp, 0), 0);
    aname = xasprintf(aname_format, pstream_get_bound_port(*pstreamp));
    assert_int_equal(stream_open(aname, &client, 0), 0);
    assert_string_equal(stream_get_name(client), aname);
    server = accept_one(*pstreamp);
    connect_both(client, server, &c_error, &s_error);
    assert_int_equal(c_error, 0);
    assert_int_equal(s_error, 0);
    free(aname);

    *clientp = client;
    *serverp = server;
}

/* Exchanges small and large amounts both ways, then checks that closing
 * one end gives EOF at the other. */
static void
check_pair(struct stream *client, struct stream *server)
{
    transfer(client, server, 1);
    transfer(server, client, 100);
    transfer(client, server, 3 * 1024 * 1024);
    transfer(server, client, 70000);

    stream_close(client);
    assert_int_equal(recv_until_error(server), EOF);
    stream_close(server);
}

/* Unix domain sockets. */

static void
test_unix_connect(void **state OVS_UNUSED)
{
    char *path = tmp_file("basic.sock");
    char *pname = xasprintf("punix:%s", path);
    char *aname = xasprintf("unix:%s", path);
    struct stream *client, *server;
    struct pstream *pstream;
    struct stat st;

    open_pair(pname, aname, &pstream, &client, &server);
    assert_string_equal(pstream_get_name(pstream), pname);
    assert_int_equal(pstream_get_bound_port(pstream), 0);
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISSOCK(st.st_mode));
    assert_int_equal(st.st_mode & S_IRWXO, 0);  /* Owner and group only. */
    check_pair(client, server);

    /* Closing the listener removes its socket file. */
    pstream_close(pstream);
    assert_int_equal(lstat(path, &st), -1);

    free(path);
    free(pname);
    free(aname);
}

static void
test_unix_long_path(void **state OVS_UNUSED)
{
    struct stream *client, *server;
    struct pstream *pstream;
    struct ds dir = DS_EMPTY_INITIALIZER;
    char *path, *pname, *aname;
    struct stat st;

    ds_put_format(&dir, "%s/", tmpdir);
    ds_put_char_multiple(&dir, 'd', 150);
    assert_int_equal(mkdir(ds_cstr(&dir), 0700), 0);
    path = xasprintf("%s/a-socket-with-a-long-path", ds_cstr(&dir));
    assert_true(strlen(path) > sizeof ((struct sockaddr_un *) 0)->sun_path);
    pname = xasprintf("punix:%s", path);
    aname = xasprintf("unix:%s", path);

    open_pair(pname, aname, &pstream, &client, &server);
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISSOCK(st.st_mode));
    check_pair(client, server);
    pstream_close(pstream);
    assert_int_equal(lstat(path, &st), -1);

    assert_int_equal(rmdir(ds_cstr(&dir)), 0);
    ds_destroy(&dir);
    free(path);
    free(pname);
    free(aname);
}

/* Leaves a socket file at 'path' with nobody listening on it. */
static void
make_stale_socket(const char *path)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    assert_true(fd >= 0);
    ovs_strlcpy(sun.sun_path, path, sizeof sun.sun_path);
    assert_int_equal(bind(fd, (struct sockaddr *) &sun, sizeof sun), 0);
    close(fd);
}

static void
test_unix_stale_and_errors(void **state OVS_UNUSED)
{
    char *path = tmp_file("stale.sock");
    char *pname = xasprintf("punix:%s", path);
    char *aname = xasprintf("unix:%s", path);
    char *file = tmp_file("regular-file");
    char *file_pname = xasprintf("punix:%s", file);
    struct stream *client, *server;
    struct pstream *pstream;
    struct stat st;
    int fd;

    /* Nobody listening: refused. */
    make_stale_socket(path);
    assert_int_equal(stream_open(aname, &client, 0), ECONNREFUSED);
    assert_null(client);

    /* A stale socket file does not stop a new listener. */
    open_pair(pname, aname, &pstream, &client, &server);
    check_pair(client, server);
    pstream_close(pstream);

    /* No file at all. */
    assert_int_equal(stream_open(aname, &client, 0), ENOENT);

    /* Something that is not a socket is left alone. */
    fd = open(file, O_CREAT | O_WRONLY, 0600);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(pstream_open(file_pname, &pstream, 0), EADDRINUSE);
    assert_null(pstream);
    assert_int_equal(stat(file, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    unlink(file);

    free(path);
    free(pname);
    free(aname);
    free(file);
    free(file_pname);
}

/* TCP. */

static void
test_tcp_ipv4(void **state OVS_UNUSED)
{
    struct stream *client, *server;
    struct pstream *pstream;
    char *expected;
    uint16_t port;

    open_pair("ptcp:0:127.0.0.1", "tcp:127.0.0.1:%u", &pstream, &client,
              &server);
    port = pstream_get_bound_port(pstream);
    assert_true(port > 0);
    expected = xasprintf("ptcp:%u:127.0.0.1", port);
    assert_string_equal(pstream_get_name(pstream), expected);
    free(expected);
    assert_true(str_starts_with(stream_get_name(server), "tcp:127.0.0.1:"));
    check_pair(client, server);
    pstream_close(pstream);
}

static bool
ipv6_loopback_works(void)
{
    struct sockaddr_in6 sin6 = {
        .sin6_family = AF_INET6,
        .sin6_addr = IN6ADDR_LOOPBACK_INIT,
    };
    int fd = socket(AF_INET6, SOCK_STREAM, 0);
    bool ok;

    if (fd < 0) {
        return false;
    }
    ok = !bind(fd, (struct sockaddr *) &sin6, sizeof sin6);
    close(fd);
    return ok;
}

static void
test_tcp_ipv6(void **state OVS_UNUSED)
{
    struct stream *client, *server;
    struct pstream *pstream;
    char *expected;

    if (!ipv6_loopback_works()) {
        skip();
    }
    open_pair("ptcp:0:[::1]", "tcp:[::1]:%u", &pstream, &client, &server);
    expected = xasprintf("ptcp:%u:[::1]", pstream_get_bound_port(pstream));
    assert_string_equal(pstream_get_name(pstream), expected);
    free(expected);
    assert_true(str_starts_with(stream_get_name(server), "tcp:[::1]:"));
    check_pair(client, server);
    pstream_close(pstream);

    /* Unbracketed addresses are fine where they cannot be ambiguous. */
    assert_int_equal(pstream_open("ptcp:0:::1", &pstream, 0), 0);
    pstream_close(pstream);
}

static void
test_tcp_refused(void **state OVS_UNUSED)
{
    struct sockaddr_in sin = {
        .sin_family = AF_INET,
        .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
    };
    socklen_t len = sizeof sin;
    struct stream *stream;
    char *name;
    int error;
    int fd;

    /* A port that is bound but not listening refuses connections. */
    fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    assert_int_equal(bind(fd, (struct sockaddr *) &sin, sizeof sin), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *) &sin, &len), 0);
    name = xasprintf("tcp:127.0.0.1:%u", ntohs(sin.sin_port));

    error = stream_open(name, &stream, 0);
    error = stream_open_block(error, 5000, &stream);
    assert_int_equal(error, ECONNREFUSED);
    assert_null(stream);

    close(fd);
    free(name);
}

static void
test_names(void **state OVS_UNUSED)
{
    static const struct {
        const char *name;
        int error;
    } active[] = {
        { "bogus:x", EAFNOSUPPORT },
        { "tcp", EAFNOSUPPORT },
        { "tcp:127.0.0.1", EINVAL },
        { "tcp:127.0.0.1:", EINVAL },
        { "tcp:127.0.0.1:0", EINVAL },
        { "tcp:127.0.0.1:65536", EINVAL },
        { "tcp:127.0.0.1:http", EINVAL },
        { "tcp::80", EINVAL },
        { "tcp:[::1", EINVAL },
        { "tcp:[::1]", EINVAL },
        { "tcp:::1:80", EINVAL },
        { "unix:", EINVAL },
    };
    static const struct {
        const char *name;
        int error;
    } passive[] = {
        { "pbogus:x", EAFNOSUPPORT },
        { "ptcp:x", EINVAL },
        { "ptcp:70000", EINVAL },
        { "ptcp:0:not-an-ip", EINVAL },
        { "ptcp:-1", EINVAL },
        { "punix:", EINVAL },
    };
    struct pstream *pstream;
    struct stream *stream;

    assert_true(stream_verify_name("tcp:1.2.3.4:5"));
    assert_true(stream_verify_name("unix:/x"));
    assert_true(stream_verify_name("ssl:1.2.3.4:5"));
    assert_false(stream_verify_name("ptcp:5"));
    assert_false(stream_verify_name("tcpx:1"));
    assert_true(pstream_verify_name("ptcp:5"));
    assert_true(pstream_verify_name("punix:/x"));
    assert_true(pstream_verify_name("pssl:5"));
    assert_false(pstream_verify_name("tcp:1.2.3.4:5"));

    for (size_t i = 0; i < ARRAY_SIZE(active); i++) {
        int error = stream_open(active[i].name, &stream, 0);

        if (error != active[i].error) {
            fail_msg("%s: expected %s, got %s", active[i].name,
                     ovs_strerror(active[i].error),
                     ovs_retval_to_string(error));
        }
        assert_null(stream);
    }
    for (size_t i = 0; i < ARRAY_SIZE(passive); i++) {
        int error = pstream_open(passive[i].name, &pstream, 0);

        if (error != passive[i].error) {
            fail_msg("%s: expected %s, got %s", passive[i].name,
                     ovs_strerror(passive[i].error),
                     ovs_retval_to_string(error));
        }
        assert_null(pstream);
    }
    assert_int_equal(stream_open("tcp:127.0.0.1:1", &stream, 64), EINVAL);
    assert_int_equal(pstream_open("ptcp:0", &pstream, 64), EINVAL);
}

static void
test_socket_util(void **state OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct sockaddr_storage ss;
    socklen_t len;
    int fd, tos;

    assert_int_equal(sock_parse_active("10.1.2.3:6653", &ss), 0);
    sock_format_address(&ss, &ds);
    assert_string_equal(ds_cstr(&ds), "10.1.2.3:6653");
    ds_clear(&ds);

    assert_int_equal(sock_parse_active("[fe80::1]:6640", &ss), 0);
    assert_int_equal(ss.ss_family, AF_INET6);
    assert_int_equal(sock_get_port(&ss), 6640);
    sock_format_address(&ss, &ds);
    assert_string_equal(ds_cstr(&ds), "[fe80::1]:6640");
    ds_clear(&ds);

    assert_int_equal(sock_parse_passive("6640", &ss), 0);
    sock_format_passive(&ss, 6640, &ds);
    assert_string_equal(ds_cstr(&ds), "6640:0.0.0.0");
    ds_clear(&ds);
    assert_int_equal(sock_parse_passive("6640:", &ss), 0);
    assert_int_equal(ss.ss_family, AF_INET);
    assert_int_equal(sock_parse_passive("0:[::]", &ss), 0);
    sock_format_passive(&ss, 123, &ds);
    assert_string_equal(ds_cstr(&ds), "123:[::]");
    ds_destroy(&ds);

    /* DSCP goes in the top six bits of the TOS byte. */
    fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(sock_set_dscp(fd, AF_INET, 46), 0);
    len = sizeof tos;
    assert_int_equal(getsockopt(fd, IPPROTO_IP, IP_TOS, &tos, &len), 0);
    assert_int_equal(tos, 46 << 2);
    assert_int_equal(sock_set_dscp(fd, AF_INET, 64), EINVAL);
    close(fd);
}

/* SSL.  A test CA signs the server and client certificates; a second,
 * unrelated CA signs a "rogue" client certificate. */

struct pki_files {
    char *ca_cert;
    char *server_key, *server_cert;
    char *client_key, *client_cert;
    char *rogue_ca_cert;
    char *rogue_key, *rogue_cert;
};

static struct pki_files pki;

static void
write_pem_key(const char *file_name, EVP_PKEY *key)
{
    FILE *stream = fopen(file_name, "w");

    assert_non_null(stream);
    assert_int_equal(PEM_write_PrivateKey(stream, key, NULL, NULL, 0, NULL,
                                          NULL), 1);
    assert_int_equal(fclose(stream), 0);
}

static void
write_pem_cert(const char *file_name, X509 *cert)
{
    FILE *stream = fopen(file_name, "w");

    assert_non_null(stream);
    assert_int_equal(PEM_write_X509(stream, cert), 1);
    assert_int_equal(fclose(stream), 0);
}

static void
add_extension(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509_EXTENSION *ext;

    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, NULL, NULL, 0);
    ext = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
    assert_non_null(ext);
    assert_int_equal(X509_add_ext(cert, ext, -1), 1);
    X509_EXTENSION_free(ext);
}

/* Makes a certificate for 'key' named 'cn', signed by 'issuer' with
 * 'issuer_key', or self-signed if 'issuer' is NULL (a CA). */
static X509 *
make_cert(EVP_PKEY *key, const char *cn, X509 *issuer, EVP_PKEY *issuer_key)
{
    static long serial = 1;
    X509 *cert = X509_new();
    X509_NAME *name;

    assert_non_null(cert);
    assert_int_equal(X509_set_version(cert, 2), 1);     /* v3. */
    ASN1_INTEGER_set(X509_get_serialNumber(cert), serial++);
    X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
    assert_int_equal(X509_set_pubkey(cert, key), 1);

    name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               (const unsigned char *) "ovs-tc tests", -1,
                               -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               (const unsigned char *) cn, -1, -1, 0);
    X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer)
                                      : name);

    if (!issuer) {
        add_extension(cert, cert, NID_basic_constraints, "critical,CA:TRUE");
        add_extension(cert, cert, NID_key_usage,
                      "critical,keyCertSign,cRLSign");
        add_extension(cert, cert, NID_subject_key_identifier, "hash");
    } else {
        add_extension(cert, issuer, NID_basic_constraints, "CA:FALSE");
        add_extension(cert, issuer, NID_key_usage,
                      "critical,digitalSignature,keyEncipherment");
    }
    assert_true(X509_sign(cert, issuer ? issuer_key : key, EVP_sha256())
                > 0);
    return cert;
}

/* Makes a key and a certificate for 'cn' signed by 'ca', and writes them
 * to '*key_file' and '*cert_file', named after 'base'. */
static void
make_leaf(const char *base, const char *cn, X509 *ca, EVP_PKEY *ca_key,
          char **key_file, char **cert_file)
{
    EVP_PKEY *key = EVP_EC_gen("P-256");
    X509 *cert;
    char *name;

    assert_non_null(key);
    cert = make_cert(key, cn, ca, ca_key);
    name = xasprintf("%s-privkey.pem", base);
    *key_file = tmp_file(name);
    free(name);
    name = xasprintf("%s-cert.pem", base);
    *cert_file = tmp_file(name);
    free(name);
    write_pem_key(*key_file, key);
    write_pem_cert(*cert_file, cert);
    X509_free(cert);
    EVP_PKEY_free(key);
}

static void
make_pki(void)
{
    EVP_PKEY *ca_key = EVP_EC_gen("P-256");
    EVP_PKEY *rogue_ca_key = EVP_EC_gen("P-256");
    X509 *ca, *rogue_ca;

    assert_non_null(ca_key);
    assert_non_null(rogue_ca_key);
    ca = make_cert(ca_key, "test CA", NULL, NULL);
    rogue_ca = make_cert(rogue_ca_key, "rogue CA", NULL, NULL);
    pki.ca_cert = tmp_file("cacert.pem");
    pki.rogue_ca_cert = tmp_file("rogue-cacert.pem");
    write_pem_cert(pki.ca_cert, ca);
    write_pem_cert(pki.rogue_ca_cert, rogue_ca);

    make_leaf("server", "server", ca, ca_key, &pki.server_key,
              &pki.server_cert);
    make_leaf("client", "client", ca, ca_key, &pki.client_key,
              &pki.client_cert);
    make_leaf("rogue", "client", rogue_ca, rogue_ca_key, &pki.rogue_key,
              &pki.rogue_cert);

    X509_free(ca);
    X509_free(rogue_ca);
    EVP_PKEY_free(ca_key);
    EVP_PKEY_free(rogue_ca_key);
}

static void
free_pki(void)
{
    char **files[] = {
        &pki.ca_cert, &pki.server_key, &pki.server_cert, &pki.client_key,
        &pki.client_cert, &pki.rogue_ca_cert, &pki.rogue_key,
        &pki.rogue_cert,
    };

    for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
        if (*files[i]) {
            unlink(*files[i]);
            free(*files[i]);
            *files[i] = NULL;
        }
    }
}

static void
use_pki(const char *key, const char *cert, const char *ca_cert)
{
    stream_ssl_set_private_key_file(key);
    stream_ssl_set_certificate_file(cert);
    stream_ssl_set_ca_cert_file(ca_cert);
}

static void
test_ssl_unconfigured(void **state OVS_UNUSED)
{
    struct pstream *pstream;
    struct stream *stream;

    /* Runs before any SSL configuration. */
    assert_false(stream_ssl_is_configured());
    assert_int_equal(stream_open("ssl:127.0.0.1:1", &stream, 0),
                     ENOPROTOOPT);
    assert_null(stream);
    assert_int_equal(pstream_open("pssl:0:127.0.0.1", &pstream, 0),
                     ENOPROTOOPT);
    assert_null(pstream);
}

/* Opens an SSL listener as the server and connects to it with the client
 * configuration 'client_*', then switches back to the server
 * configuration before accepting, so that each end has its own
 * certificate.  Returns both ends, not yet connected. */
static void
open_ssl_pair(const char *client_key, const char *client_cert,
              const char *client_ca, struct pstream **pstreamp,
              struct stream **clientp, struct stream **serverp)
{
    char *aname;

    use_pki(pki.server_key, pki.server_cert, pki.ca_cert);
    assert_true(stream_ssl_is_configured());
    assert_int_equal(pstream_open("pssl:0:127.0.0.1", pstreamp, 0), 0);
    assert_true(str_starts_with(pstream_get_name(*pstreamp), "pssl:"));

    use_pki(client_key, client_cert, client_ca);
    aname = xasprintf("ssl:127.0.0.1:%u", pstream_get_bound_port(*pstreamp));
    assert_int_equal(stream_open(aname, clientp, 0), 0);
    free(aname);

    use_pki(pki.server_key, pki.server_cert, pki.ca_cert);
    *serverp = accept_one(*pstreamp);
    assert_true(str_starts_with(stream_get_name(*serverp), "ssl:127.0.0.1:"));
}

static void
test_ssl_handshake(void **state OVS_UNUSED)
{
    struct stream *client, *server;
    struct pstream *pstream;
    int c_error, s_error;

    open_ssl_pair(pki.client_key, pki.client_cert, pki.ca_cert, &pstream,
                  &client, &server);
    connect_both(client, server, &c_error, &s_error);
    assert_int_equal(c_error, 0);
    assert_int_equal(s_error, 0);
    check_pair(client, server);
    pstream_close(pstream);
}

static void
test_ssl_rogue_client(void **state OVS_UNUSED)
{
    struct stream *client, *server;
    struct pstream *pstream;
    int c_error, s_error;

    /* The client trusts the server, but its own certificate comes from a
     * CA the server does not know. */
    open_ssl_pair(pki.rogue_key, pki.rogue_cert, pki.ca_cert, &pstream,
                  &client, &server);
    connect_both(client, server, &c_error, &s_error);
    assert_int_equal(s_error, EPROTO);

    /* With TLS 1.3 the client may finish its side of the handshake before
     * the server's verdict arrives; either way it must not get a working
     * connection. */
    if (!c_error) {
        c_error = recv_until_error(client);
    }
    assert_true(c_error != 0 && c_error != EAGAIN);

    stream_close(client);
    stream_close(server);
    pstream_close(pstream);
}

static void
test_ssl_untrusted_server(void **state OVS_UNUSED)
{
    struct stream *client, *server;
    struct pstream *pstream;
    int c_error, s_error;

    /* The client's certificate is fine, but it trusts only the rogue CA, so
     * it must reject the server. */
    open_ssl_pair(pki.client_key, pki.client_cert, pki.rogue_ca_cert,
                  &pstream, &client, &server);
    connect_both(client, server, &c_error, &s_error);
    assert_int_equal(c_error, EPROTO);
    assert_true(s_error != 0 && s_error != EAGAIN);

    stream_close(client);
    stream_close(server);
    pstream_close(pstream);
}

static void
test_ssl_bad_files(void **state OVS_UNUSED)
{
    char *missing = tmp_file("missing.pem");
    struct stream *client, *server;
    struct pstream *pstream;
    int c_error, s_error;
    char *aname;

    /* A key that does not match its certificate cannot be loaded; nor can
     * a file that does not exist.  The last good configuration (the server
     * one, from the previous test) stays in use meanwhile. */
    use_pki(pki.client_key, pki.server_cert, pki.ca_cert);
    assert_int_equal(pstream_open("pssl:0:127.0.0.1", &pstream, 0), 0);
    use_pki(missing, pki.client_cert, pki.ca_cert);
    aname = xasprintf("ssl:127.0.0.1:%u", pstream_get_bound_port(pstream));
    assert_int_equal(stream_open(aname, &client, 0), 0);
    server = accept_one(pstream);
    connect_both(client, server, &c_error, &s_error);
    assert_int_equal(c_error, 0);
    assert_int_equal(s_error, 0);
    check_pair(client, server);
    pstream_close(pstream);

    free(aname);
    free(missing);
}

static int
setup_all(void **state OVS_UNUSED)
{
    if (!mkdtemp(tmpdir)) {
        return -1;
    }
    return 0;
}

static int
teardown_all(void **state OVS_UNUSED)
{
    free_pki();
    return rmdir(tmpdir) ? -1 : 0;
}

static int
setup_pki(void **state OVS_UNUSED)
{
    if (!pki.ca_cert) {
        make_pki();
    }
    return 0;
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unix_connect),
        cmocka_unit_test(test_unix_long_path),
        cmocka_unit_test(test_unix_stale_and_errors),
        cmocka_unit_test(test_tcp_ipv4),
        cmocka_unit_test(test_tcp_ipv6),
        cmocka_unit_test(test_tcp_refused),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_socket_util),
        cmocka_unit_test(test_ssl_unconfigured),
        cmocka_unit_test_setup(test_ssl_handshake, setup_pki),
        cmocka_unit_test_setup(test_ssl_rogue_client, setup_pki),
        cmocka_unit_test_setup(test_ssl_untrusted_server, setup_pki),
        cmocka_unit_test_setup(test_ssl_bad_files, setup_pki),
    };

    /* SIGPIPE stays fatal: the streams must never raise it. */
    set_program_name("test-stream");
    return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
