/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <openssl/evp.h>
#include "dynamic-string.h"
#include "ovsdb-error.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_log);

/* "OVSDB JSON " + 20 digits + " " + 40 hex digits + "\n", with room. */
#define LOG_MAGIC "OVSDB JSON "
#define LOG_MAGIC_LEN (sizeof LOG_MAGIC - 1)
#define LOG_SHA1_HEX_LEN 40
#define LOG_MAX_HEADER 128

/* Largest record we agree to read, as a guard against a damaged length. */
#define LOG_MAX_RECORD_SIZE (1ULL << 36)

enum log_state {
    LOG_READING,                /* More records may follow. */
    LOG_AT_END,                 /* Read to the end: writes allowed. */
    LOG_READ_ERROR,             /* Corruption found: 'error' says where. */
    LOG_WRITE_ERROR             /* A failed write could not be undone. */
};

struct ovsdb_log {
    char *name;
    enum ovsdb_log_open_mode mode;
    int fd;
    int lock_fd;                /* -1 if no lock is held. */
    char *lock_name;            /* NULL if no lock is held. */
    off_t offset;               /* End of the last intact record. */
    off_t file_size;            /* Size of the file when opened. */
    enum log_state state;
    struct ovsdb_error *error;  /* For LOG_READ_ERROR / LOG_WRITE_ERROR. */
    char *torn_tail;            /* Description of a dropped tail, or NULL. */
    uint64_t n_syncs;
};

static struct ovsdb_error *
log_io_error(const char *name, int err, const char *fmt, ...)
    OVS_PRINTF_FORMAT(3, 4);

static struct ovsdb_error *
log_io_error(const char *name, int err, const char *fmt, ...)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct ovsdb_error *error;
    va_list args;

    ds_put_format(&ds, "%s: ", name);
    va_start(args, fmt);
    ds_put_format_valist(&ds, fmt, args);
    va_end(args);
    if (err) {
        ds_put_format(&ds, " (%s)", ovs_strerror(err));
    }
    error = ovsdb_error_create(OVSDB_E_IO, "%s", ds_cstr(&ds));
    ds_destroy(&ds);
    return error;
}

/* Returns the name of the lock file for 'name': ".BASE.~lock~" in the same
 * directory. */
static char *
log_lock_name(const char *name)
{
    const char *slash = strrchr(name, '/');

    if (slash) {
        return xasprintf("%.*s.%s.~lock~", (int) (slash - name + 1), name,
                         slash + 1);
    }
    return xasprintf(".%s.~lock~", name);
}

/* Syncs the directory that holds 'name', so that a name created or renamed
 * in it survives a crash. */
static int
log_sync_dir(const char *name)
{
    char *copy = xstrdup(name);
    int fd, error = 0;

    fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
    if (fd < 0) {
        error = errno;
    } else {
        if (fsync(fd) < 0 && errno != EINVAL) {
            error = errno;
        }
        close(fd);
    }
    free(copy);
    return error;
}

static struct ovsdb_error *
log_lock(struct ovsdb_log *log)
{
    struct flock lk = {0};
    int cmd;

    log->lock_name = log_lock_name(log->name);
    log->lock_fd = open(log->lock_name, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (log->lock_fd < 0) {
        return log_io_error(log->name, errno, "cannot open lock file %s",
                            log->lock_name);
    }
    lk.l_type = F_WRLCK;
    lk.l_whence = SEEK_SET;
#ifdef F_OFD_SETLK
    cmd = F_OFD_SETLK;
#else
    cmd = F_SETLK;
#endif
    if (fcntl(log->lock_fd, cmd, &lk) < 0) {
        int err = errno;

        close(log->lock_fd);
        log->lock_fd = -1;
        if (err == EACCES || err == EAGAIN) {
            return log_io_error(log->name, err, "failed to lock lockfile");
        }
        return log_io_error(log->name, err, "cannot lock %s",
                            log->lock_name);
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_log_open(const char *name, enum ovsdb_log_open_mode mode,
               struct ovsdb_log **logp)
{
    struct ovsdb_log *log = xzalloc(sizeof *log);
    struct ovsdb_error *error;
    struct stat st;
    int flags;

    *logp = NULL;
    log->name = xstrdup(name);
    log->mode = mode;
    log->fd = -1;
    log->lock_fd = -1;
    log->state = LOG_READING;

    if (mode != OVSDB_LOG_READ_ONLY) {
        error = log_lock(log);
        if (error) {
            goto error;
        }
    }

    switch (mode) {
    case OVSDB_LOG_READ_ONLY:
        flags = O_RDONLY;
        break;
    case OVSDB_LOG_READ_WRITE:
        flags = O_RDWR;
        break;
    case OVSDB_LOG_CREATE_EXCL:
        flags = O_RDWR | O_CREAT | O_EXCL;
        break;
    case OVSDB_LOG_CREATE:
    default:
        flags = O_RDWR | O_CREAT | O_TRUNC;
        break;
    }
    log->fd = open(name, flags | O_CLOEXEC, 0640);
    if (log->fd < 0) {
        error = log_io_error(name, errno, "%s failed",
                             mode == OVSDB_LOG_READ_ONLY
                             || mode == OVSDB_LOG_READ_WRITE
                             ? "open" : "create");
        goto error;
    }
    if (fstat(log->fd, &st) < 0) {
        error = log_io_error(name, errno, "cannot stat");
        goto error;
    }
    log->file_size = st.st_size;

    if (mode == OVSDB_LOG_CREATE_EXCL || mode == OVSDB_LOG_CREATE) {
        int err;

        log->state = LOG_AT_END;
        if (fsync(log->fd) < 0) {
            error = log_io_error(name, errno, "cannot sync");
            goto error;
        }
        log->n_syncs++;
        err = log_sync_dir(name);
        if (err) {
            error = log_io_error(name, err, "cannot sync directory");
            goto error;
        }
    }
    *logp = log;
    return NULL;

error:
    ovsdb_log_close(log);
    return error;
}

void
ovsdb_log_close(struct ovsdb_log *log)
{
    if (!log) {
        return;
    }
    if (log->fd >= 0) {
        close(log->fd);
    }
    if (log->lock_fd >= 0) {
        /* Closing the descriptor releases the lock.  The lock file stays,
         * as stock Open vSwitch leaves it. */
        close(log->lock_fd);
    }
    ovsdb_error_destroy(log->error);
    free(log->lock_name);
    free(log->torn_tail);
    free(log->name);
    free(log);
}

const char *
ovsdb_log_get_name(const struct ovsdb_log *log)
{
    return log->name;
}

/* Reads up to 'n' bytes at 'offset' into 'buf', retrying on short reads.
 * Returns the number read (less than 'n' only at the end of the file) or
 * -1 with errno set. */
static ssize_t
log_pread_full(int fd, void *buf, size_t n, off_t offset)
{
    size_t done = 0;

    while (done < n) {
        ssize_t retval = pread(fd, (char *) buf + done, n - done,
                               offset + done);
        if (retval < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        } else if (!retval) {
            break;
        }
        done += retval;
    }
    return done;
}

static void
log_sha1_hex(const void *data, size_t size, char hex[LOG_SHA1_HEX_LEN + 1])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;

    if (!EVP_Digest(data, size, md, &md_len, EVP_sha1(), NULL)
        || md_len * 2 != LOG_SHA1_HEX_LEN) {
        ovs_fatal(0, "SHA-1 digest failed");
    }
    for (unsigned int i = 0; i < md_len; i++) {
        snprintf(&hex[i * 2], 3, "%02x", md[i]);
    }
    hex[LOG_SHA1_HEX_LEN] = '\0';
}

/* The outcome of looking at the record at some offset. */
enum record_status {
    RECORD_OK,                  /* Intact: '*jsonp' and '*sizep' set. */
    RECORD_EOF,                 /* Clean end of file. */
    RECORD_BAD,                 /* Damaged or cut short: '*whyp' set. */
    RECORD_IO_ERROR             /* read() failed: errno set. */
};

/* Parses the header line 'line' (without its new-line).  On success stores
 * the data length and the expected checksum. */
static bool
log_parse_header(const char *line, size_t len, unsigned long long *lengthp,
                 char sha1[LOG_SHA1_HEX_LEN + 1])
{
    unsigned long long length = 0;
    size_t i = LOG_MAGIC_LEN, n_digits = 0;

    if (len < LOG_MAGIC_LEN || memcmp(line, LOG_MAGIC, LOG_MAGIC_LEN)) {
        return false;
    }
    for (; i < len && line[i] >= '0' && line[i] <= '9'; i++) {
        if (++n_digits > 18) {
            return false;
        }
        length = length * 10 + (line[i] - '0');
    }
    if (!n_digits || i >= len || line[i] != ' '
        || len - i - 1 != LOG_SHA1_HEX_LEN) {
        return false;
    }
    i++;
    for (size_t j = 0; j < LOG_SHA1_HEX_LEN; j++) {
        char c = line[i + j];

        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
              || (c >= 'A' && c <= 'F'))) {
            return false;
        }
        sha1[j] = c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c;
    }
    sha1[LOG_SHA1_HEX_LEN] = '\0';
    *lengthp = length;
    return true;
}

/* Looks at the record at 'offset' of 'fd'.  On RECORD_OK stores its JSON in
 * '*jsonp' (if 'jsonp' is nonnull) and its total size, header included, in
 * '*sizep'.  On RECORD_BAD stores a new description in '*whyp'. */
static enum record_status
log_read_record(int fd, off_t offset, json_t **jsonp, off_t *sizep,
                char **whyp)
{
    char header[LOG_MAX_HEADER];
    char expected[LOG_SHA1_HEX_LEN + 1];
    char actual[LOG_SHA1_HEX_LEN + 1];
    unsigned long long length;
    json_error_t jerror;
    size_t header_len;
    ssize_t n;
    char *nl, *data;
    json_t *json;

    n = log_pread_full(fd, header, sizeof header, offset);
    if (n < 0) {
        return RECORD_IO_ERROR;
    } else if (!n) {
        return RECORD_EOF;
    }
    nl = memchr(header, '\n', n);
    if (!nl) {
        *whyp = xasprintf("%s header line",
                          (size_t) n < sizeof header ? "incomplete"
                          : "overlong");
        return RECORD_BAD;
    }
    header_len = nl - header;
    if (!log_parse_header(header, header_len, &length, expected)) {
        *whyp = xstrdup("malformed header line");
        return RECORD_BAD;
    }
    if (length > LOG_MAX_RECORD_SIZE) {
        *whyp = xasprintf("record length %llu is too large", length);
        return RECORD_BAD;
    }

    data = xmalloc(length + 1);
    n = log_pread_full(fd, data, length, offset + header_len + 1);
    if (n < 0) {
        int err = errno;

        free(data);
        errno = err;
        return RECORD_IO_ERROR;
    } else if ((unsigned long long) n < length) {
        free(data);
        *whyp = xasprintf("record of %llu bytes cut short after %zd",
                          length, n);
        return RECORD_BAD;
    }
    log_sha1_hex(data, length, actual);
    if (strcmp(actual, expected)) {
        free(data);
        *whyp = xasprintf("checksum mismatch (header says %s, data has %s)",
                          expected, actual);
        return RECORD_BAD;
    }
    json = json_loadb(data, length, JSON_DECODE_ANY, &jerror);
    free(data);
    if (!json) {
        *whyp = xasprintf("record is not valid JSON (%s)", jerror.text);
        return RECORD_BAD;
    }
    if (jsonp) {
        *jsonp = json;
    } else {
        json_decref(json);
    }
    *sizep = header_len + 1 + length;
    return RECORD_OK;
}

/* Returns true if an intact record starts somewhere after 'offset' in
 * 'fd', at the start of a line.  That tells corruption (good data after
 * bad) from a torn tail (nothing good after the bad). */
static bool
log_intact_record_follows(int fd, off_t offset)
{
    char buf[65536];
    off_t pos = offset + 1;

    for (;;) {
        ssize_t n = log_pread_full(fd, buf, sizeof buf, pos);
        off_t base = pos;

        if (n <= 0) {
            return false;
        }
        for (ssize_t i = 0; i < n; i++) {
            off_t size;
            char *why = NULL;

            if (buf[i] != 'O') {
                continue;
            }
            if (base + i > offset) {
                char prev;

                if (log_pread_full(fd, &prev, 1, base + i - 1) != 1
                    || prev != '\n') {
                    continue;
                }
            }
            if (log_read_record(fd, base + i, NULL, &size, &why)
                == RECORD_OK) {
                return true;
            }
            free(why);
        }
        if ((size_t) n < sizeof buf) {
            return false;
        }
        pos += n;
    }
}

/* Deals with the damaged record at 'log->offset', described by 'why'
 * (which this function frees). */
static struct ovsdb_error *
log_handle_bad_record(struct ovsdb_log *log, char *why)
{
    struct stat st;
    off_t size;

    if (log_intact_record_follows(log->fd, log->offset)) {
        log->state = LOG_READ_ERROR;
        log->error = log_io_error(log->name, 0, "record at offset %lld: %s, "
                                  "but intact records follow: the file is "
                                  "corrupt", (long long) log->offset, why);
        free(why);
        return ovsdb_error_clone(log->error);
    }

    size = fstat(log->fd, &st) ? log->file_size : st.st_size;
    log->torn_tail = xasprintf("%lld bytes at offset %lld (%s)",
                               (long long) (size - log->offset),
                               (long long) log->offset, why);
    free(why);
    if (log->mode == OVSDB_LOG_READ_ONLY) {
        VLOG_WARN("%s: ignoring torn tail of %s", log->name, log->torn_tail);
    } else {
        VLOG_WARN("%s: truncating torn tail of %s", log->name,
                  log->torn_tail);
        if (ftruncate(log->fd, log->offset) < 0 || fsync(log->fd) < 0) {
            log->state = LOG_READ_ERROR;
            log->error = log_io_error(log->name, errno,
                                      "cannot truncate torn tail");
            return ovsdb_error_clone(log->error);
        }
        log->n_syncs++;
    }
    log->state = LOG_AT_END;
    return NULL;
}

struct ovsdb_error *
ovsdb_log_read(struct ovsdb_log *log, json_t **jsonp)
{
    enum record_status status;
    char *why = NULL;
    off_t size;

    *jsonp = NULL;
    switch (log->state) {
    case LOG_READING:
        break;
    case LOG_AT_END:
        return NULL;
    case LOG_READ_ERROR:
    case LOG_WRITE_ERROR:
    default:
        return ovsdb_error_clone(log->error);
    }

    status = log_read_record(log->fd, log->offset, jsonp, &size, &why);
    switch (status) {
    case RECORD_OK:
        log->offset += size;
        return NULL;
    case RECORD_EOF:
        log->state = LOG_AT_END;
        return NULL;
    case RECORD_BAD:
        return log_handle_bad_record(log, why);
    case RECORD_IO_ERROR:
    default:
        return log_io_error(log->name, errno, "read failed at offset %lld",
                            (long long) log->offset);
    }
}

const char *
ovsdb_log_get_torn_tail(const struct ovsdb_log *log)
{
    return log->torn_tail;
}

void
ovsdb_log_compose_record(const json_t *json, char **datap, size_t *sizep)
{
    char sha1[LOG_SHA1_HEX_LEN + 1];
    struct ds ds = DS_EMPTY_INITIALIZER;
    size_t text_len;
    char *text;

    text = json_dumps(json, JSON_COMPACT | JSON_ENCODE_ANY);
    if (!text) {
        out_of_memory();
    }

    /* The data is the JSON text and a new-line; the length and the
     * checksum both cover the new-line. */
    text_len = strlen(text);
    text = xrealloc(text, text_len + 2);
    text[text_len] = '\n';
    text[text_len + 1] = '\0';
    log_sha1_hex(text, text_len + 1, sha1);

    ds_put_format(&ds, "%s%zu %s\n", LOG_MAGIC, text_len + 1, sha1);
    ds_put_buffer(&ds, text, text_len + 1);
    free(text);

    *sizep = ds.length;
    *datap = ds_steal_cstr(&ds);
}

static int
log_write_full(int fd, const char *data, size_t n)
{
    while (n > 0) {
        ssize_t retval = write(fd, data, n);

        if (retval < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        } else if (!retval) {
            return EIO;
        }
        data += retval;
        n -= retval;
    }
    return 0;
}

struct ovsdb_error *
ovsdb_log_write(struct ovsdb_log *log, const json_t *json, bool sync)
{
    char *data;
    size_t size;
    int err;

    if (log->mode == OVSDB_LOG_READ_ONLY) {
        return log_io_error(log->name, 0, "log is read-only");
    }
    switch (log->state) {
    case LOG_AT_END:
        break;
    case LOG_READING:
        return log_io_error(log->name, 0, "cannot append before reading "
                            "the log to its end");
    case LOG_READ_ERROR:
    case LOG_WRITE_ERROR:
    default:
        return ovsdb_error_clone(log->error);
    }

    ovsdb_log_compose_record(json, &data, &size);
    if (lseek(log->fd, log->offset, SEEK_SET) < 0) {
        err = errno;
    } else {
        err = log_write_full(log->fd, data, size);
    }
    free(data);
    if (err) {
        struct ovsdb_error *error = log_io_error(log->name, err,
                                                 "write failed");

        /* Take back whatever part of the record made it to the file. */
        if (ftruncate(log->fd, log->offset) < 0) {
            log->state = LOG_WRITE_ERROR;
            log->error = log_io_error(log->name, errno, "write failed and "
                                      "the partial record cannot be "
                                      "removed");
        }
        return error;
    }
    log->offset += size;
    return sync ? ovsdb_log_sync(log) : NULL;
}

struct ovsdb_error *
ovsdb_log_sync(struct ovsdb_log *log)
{
    if (log->mode == OVSDB_LOG_READ_ONLY) {
        return NULL;
    }
    if (fsync(log->fd) < 0) {
        /* After a failed fsync() the kernel may have dropped the dirty
         * pages: nothing written can be trusted any more. */
        struct ovsdb_error *error = log_io_error(log->name, errno,
                                                 "fsync failed");
        if (log->state != LOG_WRITE_ERROR) {
            log->state = LOG_WRITE_ERROR;
            log->error = ovsdb_error_clone(error);
        }
        return error;
    }
    log->n_syncs++;
    return NULL;
}

off_t
ovsdb_log_get_offset(const struct ovsdb_log *log)
{
    return log->offset;
}

uint64_t
ovsdb_log_get_n_syncs(const struct ovsdb_log *log)
{
    return log->n_syncs;
}

static char *
log_tmp_name(const char *name)
{
    return xasprintf("%s.tmp", name);
}

struct ovsdb_error *
ovsdb_log_replace_start(struct ovsdb_log *old, struct ovsdb_log **newp)
{
    struct ovsdb_log *new;
    char *tmp_name;

    *newp = NULL;
    if (old->mode == OVSDB_LOG_READ_ONLY) {
        return log_io_error(old->name, 0, "log is read-only");
    }

    /* 'old' holds the lock that covers the temporary file too, so the
     * temporary file takes none of its own. */
    tmp_name = log_tmp_name(old->name);
    new = xzalloc(sizeof *new);
    new->name = tmp_name;
    new->mode = OVSDB_LOG_CREATE;
    new->lock_fd = -1;
    new->state = LOG_AT_END;
    new->fd = open(tmp_name, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (new->fd < 0) {
        struct ovsdb_error *error = log_io_error(tmp_name, errno,
                                                 "cannot create");
        ovsdb_log_close(new);
        return error;
    }
    *newp = new;
    return NULL;
}

struct ovsdb_error *
ovsdb_log_replace_commit(struct ovsdb_log *old, struct ovsdb_log *new)
{
    struct ovsdb_error *error;
    int err;

    error = ovsdb_log_sync(new);
    if (error) {
        ovsdb_log_replace_abort(new);
        return error;
    }
    if (rename(new->name, old->name) < 0) {
        error = log_io_error(new->name, errno, "cannot rename to %s",
                             old->name);
        ovsdb_log_replace_abort(new);
        return error;
    }

    /* From here on the new file is the log, whatever happens. */
    close(old->fd);
    old->fd = new->fd;
    new->fd = -1;
    old->offset = new->offset;
    old->file_size = new->offset;
    old->state = LOG_AT_END;
    old->n_syncs += new->n_syncs;
    free(old->torn_tail);
    old->torn_tail = NULL;
    ovsdb_log_close(new);

    err = log_sync_dir(old->name);
    if (err) {
        return log_io_error(old->name, err, "cannot sync directory");
    }
    return NULL;
}

void
ovsdb_log_replace_abort(struct ovsdb_log *new)
{
    if (new) {
        if (new->fd >= 0) {
            unlink(new->name);
        }
        ovsdb_log_close(new);
    }
}
