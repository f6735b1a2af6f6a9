/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "vlog.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "dirs.h"
#include "dynamic-string.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"

VLOG_DEFINE_THIS_MODULE(vlog);

/* Locking.
 *
 * 'vlog_module_mutex' protects the module registry and every module's
 * levels while they are being changed.  The logging fast path reads a
 * module's levels without it: a level is a single aligned int, and a message
 * racing with "vlog/set" may go either way.
 *
 * 'vlog_output_mutex' protects the log file (its name and descriptor), the
 * console stream, the output patterns and the order of lines: a message
 * takes its sequence number and is written to the console and the file under
 * it, so the numbers in a file always increase.
 *
 * A rate limiter has its own spin lock (see vlog_rate_limit_lock__()).  The
 * locks are never held together, except that vlog_output_mutex may be taken
 * while vlog_module_mutex is held (to read whether a file is open). */
static pthread_mutex_t vlog_module_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t vlog_output_mutex = PTHREAD_MUTEX_INITIALIZER;

/* All modules, sorted by name (guarded by vlog_module_mutex). */
static struct ovs_list vlog_modules = OVS_LIST_INITIALIZER(&vlog_modules);

/* The log file, if any (guarded by vlog_output_mutex).  'log_file_name' may
 * be set while 'log_fd' is -1, when opening the file failed: then
 * "vlog/reopen" tries it again. */
static char *log_file_name;
static int log_fd = -1;

/* Console output for tests; NULL means standard error (guarded by
 * vlog_output_mutex). */
static FILE *console_stream;

/* Output patterns, one per destination, or NULL for the default (guarded
 * by vlog_output_mutex).  See vlog_format__() for the syntax. */
static char *patterns[VLF_N_DESTINATIONS];

/* The default patterns.  The console and file one gives lines like
 * 2026-11-23T07:41:35.187Z|00001|module|INFO|text; syslog adds its own time
 * stamp, and "ovs|" lets syslog filters pick out our messages. */
#define VLOG_DEFAULT_TIME_FORMAT "%Y-%m-%dT%H:%M:%S.###Z"
#define VLOG_DEFAULT_LINE_PATTERN \
    "%D{" VLOG_DEFAULT_TIME_FORMAT "}|%05N|%c|%p|%m"
static const char *const default_patterns[VLF_N_DESTINATIONS] = {
    [VLF_CONSOLE] = VLOG_DEFAULT_LINE_PATTERN,
    [VLF_SYSLOG] = "ovs|%05N|%c|%p|%m",
    [VLF_FILE] = VLOG_DEFAULT_LINE_PATTERN,
};

/* time_msec() when the program started, for "%r" in patterns. */
static long long int start_msec;

/* Sequence number of the last message logged (guarded by
 * vlog_output_mutex, updated atomically so it can also be read without). */
static unsigned int msg_num;

/* Level and destination names.  Parsing ignores case; printing uses these
 * spellings, which are also those of the log lines. */
static const char *const level_names[VLL_N_LEVELS] = {
    [VLL_OFF] = "OFF",
    [VLL_EMER] = "EMER",
    [VLL_ERR] = "ERR",
    [VLL_WARN] = "WARN",
    [VLL_INFO] = "INFO",
    [VLL_DBG] = "DBG",
};

static const int syslog_priorities[VLL_N_LEVELS] = {
    [VLL_OFF] = LOG_ALERT,
    [VLL_EMER] = LOG_ALERT,
    [VLL_ERR] = LOG_ERR,
    [VLL_WARN] = LOG_WARNING,
    [VLL_INFO] = LOG_INFO,
    [VLL_DBG] = LOG_DEBUG,
};

static const char *const destination_names[VLF_N_DESTINATIONS] = {
    [VLF_CONSOLE] = "console",
    [VLF_SYSLOG] = "syslog",
    [VLF_FILE] = "file",
};

/* A bit per destination, for choosing where one message goes. */
#define VLOG_DEST_BIT(DEST) (1u << (DEST))
#define VLOG_ALL_DESTS ((1u << VLF_N_DESTINATIONS) - 1)

/* A rate limiter's tokens are counted in thousandths of a message. */
#define VLOG_MSG_TOKENS 1000u

/* Longest interval a refill accounts for, so that the product with a rate
 * per minute cannot overflow 64 bits (about 24 days, far more than any
 * bucket needs to fill). */
#define VLOG_MAX_REFILL_MSEC (1LL << 31)

static bool vlog_file_is_open__(void);

OVS_CONSTRUCTOR(vlog_record_start_time)
{
    start_msec = time_msec();
}

/* Names and values. */

/* Returns the name of 'level' ("OFF", "EMER", ..., "DBG"), or NULL if
 * 'level' is not a valid level. */
const char *
vlog_get_level_name(enum vlog_level level)
{
    return (unsigned int) level < VLL_N_LEVELS ? level_names[level] : NULL;
}

/* Returns the level named 'name', ignoring case, or VLL_N_LEVELS if 'name'
 * (which may be NULL) names no level. */
enum vlog_level
vlog_get_level_val(const char *name)
{
    if (name) {
        for (int i = 0; i < VLL_N_LEVELS; i++) {
            if (!strcasecmp(name, level_names[i])) {
                return i;
            }
        }
    }
    return VLL_N_LEVELS;
}

/* Returns the name of 'destination' ("console", "syslog", "file", or "any"
 * for VLF_ANY_DESTINATION), or NULL if it is not a valid destination. */
const char *
vlog_get_destination_name(enum vlog_destination destination)
{
    if (destination == VLF_ANY_DESTINATION) {
        return "any";
    }
    return ((unsigned int) destination < VLF_N_DESTINATIONS
            ? destination_names[destination]
            : NULL);
}

/* Returns the destination named 'name', ignoring case: VLF_CONSOLE,
 * VLF_SYSLOG, VLF_FILE, or VLF_ANY_DESTINATION for "any".  Returns
 * VLF_N_DESTINATIONS if 'name' (which may be NULL) names none of them. */
enum vlog_destination
vlog_get_destination_val(const char *name)
{
    if (name) {
        if (!strcasecmp(name, "any")) {
            return VLF_ANY_DESTINATION;
        }
        for (int i = 0; i < VLF_N_DESTINATIONS; i++) {
            if (!strcasecmp(name, destination_names[i])) {
                return i;
            }
        }
    }
    return VLF_N_DESTINATIONS;
}

/* Modules and levels. */

/* Recomputes 'module''s min_level: the most verbose level of the
 * destinations a message can actually reach, where the file counts only if
 * 'file_open'. */
static void
vlog_update_min_level__(struct vlog_module *module, bool file_open)
{
    enum vlog_level min_level = VLL_OFF;

    for (int dest = 0; dest < VLF_N_DESTINATIONS; dest++) {
        if (dest == VLF_FILE && !file_open) {
            continue;
        }
        min_level = MAX(min_level, module->levels[dest]);
    }
    __atomic_store_n(&module->min_level, min_level, __ATOMIC_RELAXED);
}

/* Recomputes min_level for every module, after a log file was opened or
 * closed. */
static void
vlog_update_all_min_levels__(void)
{
    struct vlog_module *module;
    bool file_open;

    pthread_mutex_lock(&vlog_module_mutex);
    file_open = vlog_file_is_open__();
    LIST_FOR_EACH (module, list_node, &vlog_modules) {
        vlog_update_min_level__(module, file_open);
    }
    pthread_mutex_unlock(&vlog_module_mutex);
}

/* Adds 'module' to the registry, keeping the registry sorted by name.
 * VLOG_DEFINE_THIS_MODULE calls this from a constructor; inserting a module
 * that is already registered does nothing. */
void
vlog_insert_module(struct vlog_module *module)
{
    pthread_mutex_lock(&vlog_module_mutex);
    if (module->list_node.next == &module->list_node
        || !module->list_node.next) {
        struct ovs_list *pos = vlog_modules.next;

        /* Find the first module that sorts after 'module', or the head. */
        while (pos != &vlog_modules
               && strcmp(CONTAINER_OF(pos, struct vlog_module,
                                      list_node)->name, module->name) <= 0) {
            pos = pos->next;
        }
        ovs_list_insert(pos, &module->list_node);
        vlog_update_min_level__(module, vlog_file_is_open__());
    }
    pthread_mutex_unlock(&vlog_module_mutex);
}

/* Returns the module named 'name', ignoring case, or NULL if there is
 * none or 'name' is NULL. */
struct vlog_module *
vlog_module_from_name(const char *name)
{
    struct vlog_module *module;
    struct vlog_module *found = NULL;

    if (!name) {
        return NULL;
    }
    pthread_mutex_lock(&vlog_module_mutex);
    LIST_FOR_EACH (module, list_node, &vlog_modules) {
        if (!strcasecmp(module->name, name)) {
            found = module;
            break;
        }
    }
    pthread_mutex_unlock(&vlog_module_mutex);
    return found;
}

static void
vlog_set_module_levels__(struct vlog_module *module,
                         enum vlog_destination destination,
                         enum vlog_level level, bool file_open)
{
    if (destination == VLF_ANY_DESTINATION) {
        for (int dest = 0; dest < VLF_N_DESTINATIONS; dest++) {
            __atomic_store_n(&module->levels[dest], level, __ATOMIC_RELAXED);
        }
    } else {
        __atomic_store_n(&module->levels[destination], level,
                         __ATOMIC_RELAXED);
    }
    vlog_update_min_level__(module, file_open);
}

/* Sets the level of 'module' (every module if 'module' is NULL) for
 * 'destination' (every destination if VLF_ANY_DESTINATION) to 'level'.
 * Invalid destinations and levels are ignored. */
void
vlog_set_levels(struct vlog_module *module,
                enum vlog_destination destination, enum vlog_level level)
{
    bool file_open;

    if ((unsigned int) level >= VLL_N_LEVELS
        || (destination != VLF_ANY_DESTINATION
            && (unsigned int) destination >= VLF_N_DESTINATIONS)) {
        return;
    }

    pthread_mutex_lock(&vlog_module_mutex);
    file_open = vlog_file_is_open__();
    if (module) {
        vlog_set_module_levels__(module, destination, level, file_open);
    } else {
        struct vlog_module *iter;

        LIST_FOR_EACH (iter, list_node, &vlog_modules) {
            vlog_set_module_levels__(iter, destination, level, file_open);
        }
    }
    pthread_mutex_unlock(&vlog_module_mutex);
}

/* Returns 'module''s level for 'destination'.  For VLF_ANY_DESTINATION,
 * returns the most verbose level of any destination a message can reach
 * (the module's min_level).  Returns VLL_OFF for an invalid destination. */
enum vlog_level
vlog_get_level(const struct vlog_module *module,
               enum vlog_destination destination)
{
    if (destination == VLF_ANY_DESTINATION) {
        return __atomic_load_n(&module->min_level, __ATOMIC_RELAXED);
    } else if ((unsigned int) destination < VLF_N_DESTINATIONS) {
        return __atomic_load_n(&module->levels[destination],
                               __ATOMIC_RELAXED);
    } else {
        return VLL_OFF;
    }
}

/* Returns true if a message from 'module' at 'level' would be written to at
 * least one destination. */
bool
vlog_is_enabled(const struct vlog_module *module, enum vlog_level level)
{
    return (level > VLL_OFF && level < VLL_N_LEVELS
            && __atomic_load_n(&module->min_level, __ATOMIC_RELAXED) >= level);
}

/* Output patterns. */

/* Sets the output pattern of 'destination' (every destination for
 * VLF_ANY_DESTINATION) to 'pattern'. */
static void
vlog_set_pattern__(enum vlog_destination destination, const char *pattern)
{
    pthread_mutex_lock(&vlog_output_mutex);
    for (int dest = 0; dest < VLF_N_DESTINATIONS; dest++) {
        if (destination == VLF_ANY_DESTINATION || destination == dest) {
            free(patterns[dest]);
            patterns[dest] = xstrdup(pattern);
        }
    }
    pthread_mutex_unlock(&vlog_output_mutex);
}

/* Returns the output pattern of 'dest'.  The caller holds
 * vlog_output_mutex. */
static const char *
vlog_get_pattern__(enum vlog_destination dest)
{
    return patterns[dest] ? patterns[dest] : default_patterns[dest];
}

/* Appends 'when' (milliseconds since the epoch) to 's', formatted by
 * strftime() 'format' in UTC if 'utc', else in local time.  In 'format', a
 * run of '#' stands for as many digits of the fraction of a second. */
static void
vlog_put_time__(struct ds *s, const char *format, long long int when,
                bool utc)
{
    time_t seconds = when / 1000;
    unsigned int msec = (when % 1000 + 1000) % 1000;
    struct ds expanded = DS_EMPTY_INITIALIZER;
    char buffer[256];
    struct tm tm;
    size_t n;

    if (utc && !strcmp(format, VLOG_DEFAULT_TIME_FORMAT)) {
        ds_put_iso8601_msec(s, when);
        return;
    }

    for (const char *p = format; *p; ) {
        if (*p == '#') {
            size_t run = strspn(p, "#");
            char digits[16];

            snprintf(digits, sizeof digits, "%03u", msec);
            for (size_t i = 0; i < run; i++) {
                ds_put_char(&expanded, i < 3 ? digits[i] : '0');
            }
            p += run;
        } else {
            ds_put_char(&expanded, *p++);
        }
    }

    if (utc ? gmtime_r(&seconds, &tm) : localtime_r(&seconds, &tm)) {
        n = strftime(buffer, sizeof buffer, ds_cstr(&expanded), &tm);
        ds_put_buffer(s, buffer, n);
    }
    ds_destroy(&expanded);
}

/* Appends to 's' the name of the calling thread, for "%t" and, in
 * parentheses and only outside the main thread, for "%T". */
static void
vlog_put_thread_name__(struct ds *s, bool parentheses)
{
    char name[16] = "";

    if (gettid() == getpid()) {
        if (!parentheses) {
            ds_put_cstr(s, "main");
        }
        return;
    }
    if (pthread_getname_np(pthread_self(), name, sizeof name) || !name[0]) {
        snprintf(name, sizeof name, "%d", (int) gettid());
    }
    ds_put_format(s, parentheses ? "(%s)" : "%s", name);
}

/* What one message is made of, for vlog_format__(). */
struct vlog_message__ {
    const struct vlog_module *module;
    enum vlog_level level;
    unsigned int seq;
    long long int when;         /* Wall-clock milliseconds. */
    const char *text;
};

/* Appends the conversion 'c' (the letter after '%') of 'msg' to 's'.
 * '*argp' points just after 'c'; for the time conversions an optional
 * "{FORMAT}" argument is consumed from it. */
static void
vlog_put_conversion__(struct ds *s, char c, const char **argp,
                      const struct vlog_message__ *msg)
{
    char hostname[256];

    switch (c) {
    case 'A':
        ds_put_cstr(s, program_name);
        break;
    case 'c':
        ds_put_cstr(s, msg->module->name);
        break;
    case 'd':
    case 'D':
        if (**argp == '{') {
            const char *end = strchr(*argp, '}');
            size_t len = end ? end - *argp - 1 : strlen(*argp + 1);
            char *format = xmemdup0(*argp + 1, len);

            vlog_put_time__(s, format, msg->when, c == 'D');
            free(format);
            *argp += len + 1 + (end != NULL);
        } else {
            vlog_put_time__(s, "%Y-%m-%d %H:%M:%S", msg->when, c == 'D');
        }
        break;
    case 'E':
        if (gethostname(hostname, sizeof hostname)) {
            hostname[0] = '\0';
        }
        hostname[sizeof hostname - 1] = '\0';
        ds_put_cstr(s, hostname);
        break;
    case 'm':
        ds_put_cstr(s, msg->text);
        break;
    case 'N':
        ds_put_format(s, "%u", msg->seq);
        break;
    case 'n':
        ds_put_char(s, '\n');
        break;
    case 'p':
        ds_put_cstr(s, level_names[msg->level]);
        break;
    case 'P':
        ds_put_format(s, "%ld", (long int) getpid());
        break;
    case 'r':
        ds_put_format(s, "%lld", time_msec() - start_msec);
        break;
    case 't':
    case 'T':
        vlog_put_thread_name__(s, c == 'T');
        break;
    case '%':
        ds_put_char(s, '%');
        break;
    default:
        /* Not a conversion: keep it as written. */
        ds_put_char(s, '%');
        ds_put_char(s, c);
        break;
    }
}

/* Appends 'msg' to 's' as 'pattern' says.  A pattern is text in which these
 * conversions are replaced:
 *
 *     %A   program name            %n   new-line
 *     %c   module                  %p   level (EMER, ..., DBG)
 *     %d   local time              %P   process id
 *     %D   UTC time                %r   milliseconds since the start
 *     %E   host name               %t   thread name ("main")
 *     %m   message                 %T   "(thread name)", except in main
 *     %N   sequence number         %%   a percent sign
 *
 * %d and %D take an optional strftime() format in braces, in which a run of
 * '#' gives digits of the fraction of a second ("%D{%H:%M:%S.###}").
 * Between '%' and the letter may come '-' (justify left), '0' (pad with
 * zeros) and a minimum width. */
static void
vlog_format__(struct ds *s, const char *pattern,
              const struct vlog_message__ *msg)
{
    const char *p = pattern;

    while (*p) {
        bool left = false;
        char pad = ' ';
        size_t width = 0;
        size_t start;
        size_t len;
        char c;

        if (*p != '%') {
            ds_put_char(s, *p++);
            continue;
        }
        p++;
        if (*p == '-') {
            left = true;
            p++;
        }
        if (*p == '0') {
            pad = '0';
            p++;
        }
        while (isdigit((unsigned char) *p)) {
            width = MIN(width * 10 + (*p - '0'), 1024);
            p++;
        }
        c = *p;
        if (!c) {
            ds_put_char(s, '%');
            break;
        }
        p++;

        start = s->length;
        vlog_put_conversion__(s, c, &p, msg);
        len = s->length - start;
        if (len < width) {
            size_t n_pad = width - len;

            if (left) {
                ds_put_char_multiple(s, ' ', n_pad);
            } else {
                ds_put_char_multiple(s, pad, n_pad);
                memmove(&s->string[start + n_pad], &s->string[start], len);
                memset(&s->string[start], pad, n_pad);
            }
        }
    }
}

/* Parsing level specifications. */

/* One parsed "MODULE:DESTINATION:LEVEL" specification. */
struct vlog_spec__ {
    struct vlog_module *module;         /* NULL: every module. */
    enum vlog_destination destination;  /* VLF_ANY_DESTINATION: every one. */
    enum vlog_level level;
};

/* Separators between the words of a specification. */
#define VLOG_SPEC_DELIMITERS " \t,:"

/* Parses 'string' into 'spec'.  Each word of 'string' is a destination, a
 * level, a module name or "any", recognized by name in that order, and the
 * words may come in any order.  A missing module or destination means all of
 * them, a missing level means VLL_DBG.  Returns NULL on success, otherwise an
 * error message that the caller must free. */
static char *
vlog_parse_spec__(const char *string, struct vlog_spec__ *spec)
{
    char *copy = xstrdup(string);
    char *save_ptr = NULL;
    char *error = NULL;
    bool have_destination = false;
    bool have_level = false;

    spec->module = NULL;
    spec->destination = VLF_ANY_DESTINATION;
    spec->level = VLL_DBG;

    for (char *word = strtok_r(copy, VLOG_SPEC_DELIMITERS, &save_ptr); word;
         word = strtok_r(NULL, VLOG_SPEC_DELIMITERS, &save_ptr)) {
        enum vlog_destination destination;
        enum vlog_level level;
        struct vlog_module *module;

        if (!strcasecmp(word, "any")) {
            continue;
        }

        destination = vlog_get_destination_val(word);
        if (destination != VLF_N_DESTINATIONS) {
            if (have_destination) {
                error = xstrdup("cannot specify multiple destinations");
                goto out;
            }
            have_destination = true;
            spec->destination = destination;
            continue;
        }

        level = vlog_get_level_val(word);
        if (level != VLL_N_LEVELS) {
            if (have_level) {
                error = xstrdup("cannot specify multiple levels");
                goto out;
            }
            have_level = true;
            spec->level = level;
            continue;
        }

        module = vlog_module_from_name(word);
        if (module) {
            if (spec->module) {
                error = xstrdup("cannot specify multiple modules");
                goto out;
            }
            spec->module = module;
            continue;
        }

        error = xasprintf("no destination, level, or module \"%s\"", word);
        goto out;
    }

out:
    free(copy);
    return error;
}

/* If the first word of 'string' is 'keyword', ignoring case, returns what
 * follows it and the delimiter after it, else NULL. */
static const char *
vlog_skip_keyword__(const char *string, const char *keyword)
{
    size_t skip = strspn(string, VLOG_SPEC_DELIMITERS);
    size_t len = strcspn(string + skip, VLOG_SPEC_DELIMITERS);

    if (len != strlen(keyword) || strncasecmp(string + skip, keyword, len)) {
        return NULL;
    }
    string += skip + len;
    return *string ? string + 1 : string;
}

/* Handles the special forms of specification: "PATTERN:DESTINATION:PATTERN"
 * sets the output pattern of DESTINATION (which may be "any"), and
 * "FACILITY:..." is refused.  Returns true if 'string' is one of them, with
 * '*errorp' set to NULL on success or to an error message to free.  When
 * 'apply' is false, only checks. */
static bool
vlog_special_spec__(const char *string, bool apply, char **errorp)
{
    enum vlog_destination destination;
    const char *rest;
    char *word;
    size_t len;

    *errorp = NULL;
    if (vlog_skip_keyword__(string, "facility")) {
        *errorp = xstrdup("setting the syslog facility is not supported");
        return true;
    }
    rest = vlog_skip_keyword__(string, "pattern");
    if (!rest) {
        return false;
    }

    len = strcspn(rest, VLOG_SPEC_DELIMITERS);
    if (!len) {
        *errorp = xstrdup("missing destination");
        return true;
    }
    word = xmemdup0(rest, len);
    destination = vlog_get_destination_val(word);
    if (destination == VLF_N_DESTINATIONS) {
        *errorp = xasprintf("unknown destination \"%s\"", word);
    } else if (!rest[len] || !rest[len + 1]) {
        *errorp = xstrdup("missing pattern");
    } else if (apply) {
        vlog_set_pattern__(destination, rest + len + 1);
    }
    free(word);
    return true;
}

static void
vlog_apply_spec__(const struct vlog_spec__ *spec)
{
    vlog_set_levels(spec->module, spec->destination, spec->level);
}

/* Parses 'spec', in the form [MODULE][:DESTINATION][:LEVEL] described in
 * vlog.h or PATTERN:DESTINATION:PATTERN (see vlog_format__()), and applies
 * it.  Returns NULL on success, otherwise an error message that the caller
 * must free, in which case nothing changed. */
char *
vlog_set_levels_from_string(const char *spec)
{
    struct vlog_spec__ parsed;
    char *error;

    if (!vlog_special_spec__(spec, true, &error)) {
        error = vlog_parse_spec__(spec, &parsed);
        if (!error) {
            vlog_apply_spec__(&parsed);
        }
    }
    return error;
}

/* Handles -v and --verbose: with 'arg' NULL, sets every module to VLL_DBG
 * on every destination; otherwise applies 'arg' as a level specification.
 * Exits with an error message if 'arg' is invalid. */
void
vlog_set_verbosity(const char *arg)
{
    if (arg) {
        char *error = vlog_set_levels_from_string(arg);

        if (error) {
            ovs_fatal(0, "processing \"%s\": %s", arg, error);
        }
    } else {
        vlog_set_levels(NULL, VLF_ANY_DESTINATION, VLL_DBG);
    }
}

/* Returns the "vlog/list" table of every module's levels, which the caller
 * must free. */
char *
vlog_get_levels(void)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    struct vlog_module *module;

    ds_put_cstr(&s, "                 console    syslog    file\n");
    ds_put_cstr(&s, "                 -------    ------    ------\n");

    pthread_mutex_lock(&vlog_module_mutex);
    LIST_FOR_EACH (module, list_node, &vlog_modules) {
        ds_put_format(&s, "%-16s  %4s       %4s       %4s\n", module->name,
                      vlog_get_level_name(module->levels[VLF_CONSOLE]),
                      vlog_get_level_name(module->levels[VLF_SYSLOG]),
                      vlog_get_level_name(module->levels[VLF_FILE]));
    }
    pthread_mutex_unlock(&vlog_module_mutex);

    return ds_steal_cstr(&s);
}

/* Output. */

/* Writes all 'n' bytes of 'data' to 'fd', retrying after interruptions and
 * short writes.  Returns 0 or a positive errno. */
static int
vlog_write_fully__(int fd, const char *data, size_t n)
{
    while (n > 0) {
        ssize_t retval = write(fd, data, n);

        if (retval < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        } else if (retval == 0) {
            return EIO;
        }
        data += retval;
        n -= retval;
    }
    return 0;
}

/* Returns true if a log file is open.  Takes vlog_output_mutex briefly. */
static bool
vlog_file_is_open__(void)
{
    bool open;

    pthread_mutex_lock(&vlog_output_mutex);
    open = log_fd >= 0;
    pthread_mutex_unlock(&vlog_output_mutex);
    return open;
}

/* Writes 'text', logged by 'module' at 'level', to the destinations in
 * 'dests' (a set of VLOG_DEST_BIT()s) whose level for 'module' admits it.
 * Returns the destinations that received it. */
static unsigned int
vlog_emit__(const struct vlog_module *module, enum vlog_level level,
            unsigned int dests, const char *text)
{
    struct vlog_message__ msg = {
        .module = module,
        .level = level,
        .text = text,
    };
    struct ds console = DS_EMPTY_INITIALIZER;
    struct ds file = DS_EMPTY_INITIALIZER;
    struct ds syslog_text = DS_EMPTY_INITIALIZER;

    for (int dest = 0; dest < VLF_N_DESTINATIONS; dest++) {
        if (__atomic_load_n(&module->levels[dest], __ATOMIC_RELAXED)
            < level) {
            dests &= ~VLOG_DEST_BIT(dest);
        }
    }

    pthread_mutex_lock(&vlog_output_mutex);
    if (log_fd < 0) {
        dests &= ~VLOG_DEST_BIT(VLF_FILE);
    }
    if (!dests) {
        pthread_mutex_unlock(&vlog_output_mutex);
        return 0;
    }

    msg.seq = __atomic_add_fetch(&msg_num, 1, __ATOMIC_RELAXED);
    msg.when = time_wall_msec();
    if (dests & VLOG_DEST_BIT(VLF_CONSOLE)) {
        vlog_format__(&console, vlog_get_pattern__(VLF_CONSOLE), &msg);
        ds_put_char(&console, '\n');
        if (console_stream) {
            fwrite(console.string, 1, console.length, console_stream);
            fflush(console_stream);
        } else {
            /* Nowhere to report a failure to write to standard error. */
            (void) vlog_write_fully__(STDERR_FILENO, console.string,
                                      console.length);
        }
    }
    if (dests & VLOG_DEST_BIT(VLF_FILE)) {
        const char *pattern = vlog_get_pattern__(VLF_FILE);
        const struct ds *line = &file;

        if (console.length
            && !strcmp(pattern, vlog_get_pattern__(VLF_CONSOLE))) {
            line = &console;
        } else {
            vlog_format__(&file, pattern, &msg);
            ds_put_char(&file, '\n');
        }
        /* A full disk must not stop the program, so errors are dropped. */
        (void) vlog_write_fully__(log_fd, line->string, line->length);
    }
    if (dests & VLOG_DEST_BIT(VLF_SYSLOG)) {
        vlog_format__(&syslog_text, vlog_get_pattern__(VLF_SYSLOG), &msg);
    }
    pthread_mutex_unlock(&vlog_output_mutex);

    if (dests & VLOG_DEST_BIT(VLF_SYSLOG)) {
        syslog(syslog_priorities[level], "%s", ds_cstr(&syslog_text));
    }

    ds_destroy(&console);
    ds_destroy(&file);
    ds_destroy(&syslog_text);
    return dests;
}

/* Logs the message formatted from 'format' and 'args' for 'module' at
 * 'level' to every destination whose level admits it. */
void
vlog_valist(const struct vlog_module *module, enum vlog_level level,
            const char *format, va_list args)
{
    char *text;

    if (!vlog_is_enabled(module, level)) {
        return;
    }
    text = xvasprintf(format, args);
    vlog_emit__(module, level, VLOG_ALL_DESTS, text);
    free(text);
}

/* Logs the message formatted from 'format' for 'module' at 'level' to every
 * destination whose level admits it. */
void
vlog(const struct vlog_module *module, enum vlog_level level,
     const char *format, ...)
{
    va_list args;

    va_start(args, format);
    vlog_valist(module, level, format, args);
    va_end(args);
}

/* Logs the message formatted from 'format' for 'module' at VLL_EMER, then
 * exits with status 1.  If the console would not show the message, it is
 * also printed to standard error as "PROGRAM: TEXT", so that a fatal error is
 * never silent. */
void
vlog_fatal(const struct vlog_module *module, const char *format, ...)
{
    unsigned int written;
    va_list args;
    char *text;

    va_start(args, format);
    text = xvasprintf(format, args);
    va_end(args);

    written = vlog_emit__(module, VLL_EMER, VLOG_ALL_DESTS, text);
    if (!(written & VLOG_DEST_BIT(VLF_CONSOLE))) {
        ovs_error(0, "%s", text);
    }
    free(text);
    exit(EXIT_FAILURE);
}

/* Rate limiting. */

/* Takes 'rl''s spin lock.  The critical sections are a few arithmetic
 * operations, so spinning (yielding the CPU if the holder was preempted) is
 * cheaper than a mutex, and a rate limiter needs no initialization beyond
 * VLOG_RATE_LIMIT_INIT. */
static void
vlog_rate_limit_lock__(struct vlog_rate_limit *rl)
{
    while (__atomic_exchange_n(&rl->lock, 1, __ATOMIC_ACQUIRE)) {
        while (__atomic_load_n(&rl->lock, __ATOMIC_RELAXED)) {
            sched_yield();
        }
    }
}

static void
vlog_rate_limit_unlock__(struct vlog_rate_limit *rl)
{
    __atomic_store_n(&rl->lock, 0, __ATOMIC_RELEASE);
}

/* Refills 'rl' for the time up to 'now' and takes one message's worth of
 * tokens from it.  Returns true if there was enough, false if the message
 * must be dropped.  The caller holds 'rl''s lock.
 *
 * Time earns 'rate' / 60 thousandths of a message per millisecond, which is
 * rarely a whole number, so a refill that would not complete a new whole
 * message is postponed: 'last_fill' stays put and the time keeps counting.
 * That way each refill loses less than a thousandth of a message to
 * rounding, however often messages arrive.  Reaching the capacity resets
 * 'last_fill', so that time spent with a full bucket earns nothing. */
static bool
vlog_rate_limit_take__(struct vlog_rate_limit *rl, long long int now)
{
    unsigned long long int capacity;
    unsigned long long int tokens;

    capacity = MIN((unsigned long long int) rl->burst * VLOG_MSG_TOKENS,
                   UINT_MAX);
    tokens = MIN(rl->tokens, capacity);

    if (now > rl->last_fill) {
        long long int elapsed = MIN(now - rl->last_fill,
                                    VLOG_MAX_REFILL_MSEC);
        unsigned long long int total;

        total = tokens + (unsigned long long int) elapsed * rl->rate / 60;
        if (total >= capacity) {
            tokens = capacity;
            rl->last_fill = now;
        } else if (total / VLOG_MSG_TOKENS > tokens / VLOG_MSG_TOKENS) {
            tokens = total;
            rl->last_fill = now;
        }
    }

    /* 'tokens' is at most 'capacity', which fits in an unsigned int. */
    if (tokens >= VLOG_MSG_TOKENS) {
        rl->tokens = (unsigned int) (tokens - VLOG_MSG_TOKENS);
        return true;
    } else {
        rl->tokens = (unsigned int) tokens;
        return false;
    }
}

/* Returns true if a message from 'module' at 'level' should be dropped:
 * because no destination wants it, or because 'rl' (if nonnull) has no
 * token left, in which case the drop is counted.  When a message passes 'rl'
 * after others were dropped, first logs how many were. */
bool
vlog_should_drop(const struct vlog_module *module, enum vlog_level level,
                 struct vlog_rate_limit *rl)
{
    unsigned int n_dropped = 0;
    long long int dropped_msec = 0;
    long long int now;

    if (!vlog_is_enabled(module, level)) {
        return true;
    }
    if (!rl) {
        return false;
    }

    now = time_msec();
    vlog_rate_limit_lock__(rl);
    if (!vlog_rate_limit_take__(rl, now)) {
        if (!rl->n_dropped++) {
            rl->first_dropped = now;
        }
        vlog_rate_limit_unlock__(rl);
        return true;
    }
    if (rl->n_dropped) {
        n_dropped = rl->n_dropped;
        dropped_msec = now - rl->first_dropped;
        rl->n_dropped = 0;
    }
    vlog_rate_limit_unlock__(rl);

    if (n_dropped) {
        vlog(module, level, "Dropped %u log messages in last %lld seconds "
             "due to excessive rate", n_dropped,
             DIV_ROUND_UP(MAX(dropped_msec, 0LL), 1000LL));
    }
    return false;
}

/* Logs the message formatted from 'format' for 'module' at 'level', unless
 * vlog_should_drop() says to drop it. */
void
vlog_rate_limit(const struct vlog_module *module, enum vlog_level level,
                struct vlog_rate_limit *rl, const char *format, ...)
{
    if (!vlog_should_drop(module, level, rl)) {
        va_list args;

        va_start(args, format);
        vlog_valist(module, level, format, args);
        va_end(args);
    }
}

/* The log file. */

/* Returns 'file_name' as an absolute path, to free, so that the file can be
 * reopened after the program changed its working directory. */
static char *
vlog_absolute_name__(const char *file_name)
{
    char *cwd;
    char *name;

    if (file_name[0] == '/') {
        return xstrdup(file_name);
    }
    cwd = getcwd(NULL, 0);
    if (!cwd) {
        return xstrdup(file_name);
    }
    name = xasprintf("%s/%s", cwd, file_name);
    free(cwd);
    return name;
}

static int
vlog_open_file__(const char *file_name, int *fdp)
{
    int fd = open(file_name, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
                  0640);

    *fdp = fd;
    return fd < 0 ? errno : 0;
}

/* Starts logging to 'file_name' (by default <logdir>/<program>.log, when
 * 'file_name' is NULL), replacing the current log file if there is one.
 * Relative names are taken relative to the current directory.  Returns 0 on
 * success.  On failure, logs a warning and returns a positive errno: if a
 * log file was open, it stays in use under its old name; otherwise
 * 'file_name' is remembered, so that vlog_reopen_log_file() (for example
 * through "vlog/reopen") can try it again later. */
int
vlog_set_log_file(const char *file_name)
{
    struct stat new_stat, old_stat;
    char *new_name;
    char *shown_name;
    int old_fd = -1;
    int new_fd;
    int error;

    new_name = (file_name
                ? vlog_absolute_name__(file_name)
                : xasprintf("%s/%s.log", ovs_logdir(), program_name));

    /* Setting the file that is already open, and not renamed, changes
     * nothing. */
    pthread_mutex_lock(&vlog_output_mutex);
    if (log_fd >= 0 && log_file_name && !strcmp(log_file_name, new_name)
        && !fstat(log_fd, &old_stat) && !stat(new_name, &new_stat)
        && old_stat.st_dev == new_stat.st_dev
        && old_stat.st_ino == new_stat.st_ino) {
        pthread_mutex_unlock(&vlog_output_mutex);
        free(new_name);
        return 0;
    }
    pthread_mutex_unlock(&vlog_output_mutex);

    shown_name = xstrdup(new_name);
    error = vlog_open_file__(new_name, &new_fd);

    pthread_mutex_lock(&vlog_output_mutex);
    if (!error || log_fd < 0) {
        if (!error) {
            old_fd = log_fd;
            log_fd = new_fd;
        }
        free(log_file_name);
        log_file_name = new_name;
        new_name = NULL;
    }
    pthread_mutex_unlock(&vlog_output_mutex);
    free(new_name);

    if (old_fd >= 0) {
        close(old_fd);
    }
    vlog_update_all_min_levels__();

    if (error) {
        VLOG_WARN("failed to open %s for logging: %s", shown_name,
                  ovs_strerror(error));
    } else {
        VLOG_INFO("opened log file %s", shown_name);
    }
    free(shown_name);
    return error;
}

/* Returns the name of the log file, or NULL if none is configured.  The
 * string stays valid until the next call to vlog_set_log_file(). */
const char *
vlog_get_log_file(void)
{
    const char *name;

    pthread_mutex_lock(&vlog_output_mutex);
    name = log_file_name;
    pthread_mutex_unlock(&vlog_output_mutex);
    return name;
}

/* Opens the log file again under its name, for log rotation: after the old
 * file was renamed, logging continues in a new file with the configured
 * name.  Returns 0 on success (also when no log file is configured), or a
 * positive errno, in which case the old file stays in use. */
int
vlog_reopen_log_file(void)
{
    char *name = NULL;
    int old_fd = -1;
    int new_fd;
    int error;

    pthread_mutex_lock(&vlog_output_mutex);
    if (log_file_name) {
        name = xstrdup(log_file_name);
    }
    pthread_mutex_unlock(&vlog_output_mutex);
    if (!name) {
        return 0;
    }

    error = vlog_open_file__(name, &new_fd);
    if (!error) {
        pthread_mutex_lock(&vlog_output_mutex);
        if (log_file_name && !strcmp(log_file_name, name)) {
            old_fd = log_fd;
            log_fd = new_fd;
        } else {
            /* vlog_set_log_file() switched files meanwhile. */
            old_fd = new_fd;
        }
        pthread_mutex_unlock(&vlog_output_mutex);
        if (old_fd >= 0) {
            close(old_fd);
        }
        vlog_update_all_min_levels__();
    }
    free(name);
    return error;
}

/* Sends console output to 'stream', a FILE *, instead of standard error, or
 * back to standard error if 'stream' is NULL.  For tests. */
void
vlog_set_console_stream_for_testing(void *stream)
{
    pthread_mutex_lock(&vlog_output_mutex);
    console_stream = stream;
    pthread_mutex_unlock(&vlog_output_mutex);
}

/* unixctl commands. */

static void
vlog_unixctl_list(struct unixctl_conn *conn, int argc OVS_UNUSED,
                  const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    char *levels = vlog_get_levels();

    unixctl_command_reply(conn, levels);
    free(levels);
}

/* "vlog/set SPEC...": parses every specification before applying any, so
 * that a bad one changes nothing. */
static void
vlog_unixctl_set(struct unixctl_conn *conn, int argc, const char *argv[],
                 void *aux OVS_UNUSED)
{
    struct vlog_spec__ *specs = xcalloc(argc, sizeof *specs);
    bool *special = xcalloc(argc, sizeof *special);
    char *error = NULL;

    for (int i = 1; i < argc && !error; i++) {
        special[i] = vlog_special_spec__(argv[i], false, &error);
        if (!special[i]) {
            error = vlog_parse_spec__(argv[i], &specs[i]);
        }
    }
    if (error) {
        unixctl_command_reply_error(conn, error);
        free(error);
    } else {
        for (int i = 1; i < argc; i++) {
            if (special[i]) {
                /* Already checked, so this cannot fail. */
                vlog_special_spec__(argv[i], true, &error);
                free(error);
                error = NULL;
            } else {
                vlog_apply_spec__(&specs[i]);
            }
        }
        unixctl_command_reply(conn, "");
    }
    free(special);
    free(specs);
}

static void
vlog_unixctl_reopen(struct unixctl_conn *conn, int argc OVS_UNUSED,
                    const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    if (!vlog_get_log_file()) {
        unixctl_command_reply_error(conn, "Logging to file not configured");
    } else {
        int error = vlog_reopen_log_file();

        if (error) {
            unixctl_command_reply_error(conn, ovs_strerror(error));
        } else {
            unixctl_command_reply(conn, "");
        }
    }
}

static void
vlog_init_once__(void)
{
    openlog(program_name, LOG_NDELAY, LOG_DAEMON);

    unixctl_command_register("vlog/list", "", 0, 0, vlog_unixctl_list,
                             NULL);
    unixctl_command_register("vlog/set",
                             "{spec | PATTERN:destination:pattern}", 1,
                             INT_MAX, vlog_unixctl_set, NULL);
    unixctl_command_register("vlog/reopen", "", 0, 0, vlog_unixctl_reopen,
                             NULL);
}

/* Opens syslog and registers the "vlog/..." unixctl commands.  Only the
 * first call does anything. */
void
vlog_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    pthread_once(&once, vlog_init_once__);
}

/* Prints the help for the logging options on standard output. */
void
vlog_usage(void)
{
    printf("\nLogging options:\n"
           "  -vSPEC, --verbose=SPEC   set logging levels, SPEC being\n"
           "                           [MODULE][:DESTINATION][:LEVEL]\n"
           "  -v, --verbose            log everything, at DBG level\n"
           "  --log-file[=FILE]        also log to FILE\n"
           "                           (default: %s/%s.log)\n",
           ovs_logdir(), program_name);
}
