/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef VLOG_H
#define VLOG_H 1

/* Logging.
 *
 * Each source file that logs declares its module once:
 *
 *     VLOG_DEFINE_THIS_MODULE(netlink);
 *
 * and then logs with VLOG_ERR(...), VLOG_WARN(...), VLOG_INFO(...),
 * VLOG_DBG(...).  Anything that can be logged per packet or per flow must use
 * a rate limiter:
 *
 *     static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
 *     VLOG_WARN_RL(&rl, "...", ...);
 *
 * Every module has a level for each destination (console = stderr, syslog,
 * file); a message goes to each destination whose level admits it.  Levels
 * are set with -v/--verbose on the command line or "vlog/set" at run time,
 * in the form MODULE:DESTINATION:LEVEL, where any part may be omitted or
 * "ANY" and the parts may come in any order.
 *
 * Lines look like 2026-11-23T07:41:35.187Z|00001|module|INFO|text: UTC time
 * with milliseconds, a sequence number counting every message the process
 * has logged, the module, the level, the text. */

#include <stdarg.h>
#include <stdbool.h>
#include "compiler.h"
#include "list.h"

enum vlog_level {
    VLL_OFF,
    VLL_EMER,
    VLL_ERR,
    VLL_WARN,
    VLL_INFO,
    VLL_DBG,
    VLL_N_LEVELS
};

/* In the order "vlog/list" prints them. */
enum vlog_destination {
    VLF_CONSOLE,
    VLF_SYSLOG,
    VLF_FILE,
    VLF_N_DESTINATIONS,
    VLF_ANY_DESTINATION = -1
};

const char *vlog_get_level_name(enum vlog_level);
enum vlog_level vlog_get_level_val(const char *name); /* VLL_N_LEVELS: bad. */
const char *vlog_get_destination_name(enum vlog_destination);
enum vlog_destination vlog_get_destination_val(const char *name);
                                        /* VLF_N_DESTINATIONS: bad. */

struct vlog_module {
    struct ovs_list list_node;
    const char *name;
    enum vlog_level levels[VLF_N_DESTINATIONS];
    enum vlog_level min_level;      /* Most verbose of 'levels'. */
};

void vlog_insert_module(struct vlog_module *);
struct vlog_module *vlog_module_from_name(const char *name);

#define VLOG_DEFINE_THIS_MODULE(MODULE)                                 \
    static struct vlog_module this_module = {                           \
        OVS_LIST_INITIALIZER(&this_module.list_node), #MODULE,          \
        { VLL_INFO, VLL_ERR, VLL_INFO }, VLL_INFO };                    \
    OVS_CONSTRUCTOR(init_this_module_##MODULE)                          \
    {                                                                   \
        vlog_insert_module(&this_module);                               \
    }                                                                   \
    struct vlog_module_dummy_##MODULE

/* A token bucket: at most 'BURST' messages at once, refilled at 'RATE'
 * messages per minute.  When messages were dropped, the next one admitted
 * says how many.  Thread-safe. */
struct vlog_rate_limit {
    unsigned int rate;              /* Messages per minute. */
    unsigned int burst;             /* Maximum tokens. */
    unsigned int tokens;            /* Currently available, times 1000. */
    long long int last_fill;        /* time_msec() of the last refill. */
    long long int first_dropped;    /* time_msec() of first drop, if any. */
    unsigned int n_dropped;
    int lock;                       /* Spin lock; see vlog.c. */
};

#define VLOG_RATE_LIMIT_INIT(RATE, BURST) \
    { (RATE), (BURST), (BURST) * 1000u, 0, 0, 0, 0 }

/* Returns true if a message of 'level' from 'module' should be dropped,
 * because no destination wants it or because 'rl' (which may be NULL) has
 * no token.  Exposed for the unit tests and the VLOG_*_RL macros. */
bool vlog_should_drop(const struct vlog_module *, enum vlog_level,
                      struct vlog_rate_limit *);
bool vlog_is_enabled(const struct vlog_module *, enum vlog_level);

void vlog(const struct vlog_module *, enum vlog_level, const char *format,
          ...) OVS_PRINTF_FORMAT(3, 4);
void vlog_valist(const struct vlog_module *, enum vlog_level,
                 const char *format, va_list) OVS_PRINTF_FORMAT(3, 0);
void vlog_rate_limit(const struct vlog_module *, enum vlog_level,
                     struct vlog_rate_limit *, const char *format, ...)
    OVS_PRINTF_FORMAT(4, 5);

/* Logs at EMER, then exits with status 1. */
OVS_NO_RETURN void vlog_fatal(const struct vlog_module *, const char *format,
                              ...) OVS_PRINTF_FORMAT(2, 3);

/* Configuration. */
char *vlog_set_levels_from_string(const char *spec) OVS_WARN_UNUSED_RESULT;
                                /* NULL on success, else an error to free. */
void vlog_set_levels(struct vlog_module *, enum vlog_destination,
                     enum vlog_level);     /* NULL module: all modules. */
enum vlog_level vlog_get_level(const struct vlog_module *,
                               enum vlog_destination);
void vlog_set_verbosity(const char *arg);   /* -v handler; fatal if bad. */
int vlog_set_log_file(const char *file_name); /* NULL: default name. */
const char *vlog_get_log_file(void);
int vlog_reopen_log_file(void);
char *vlog_get_levels(void);                /* "vlog/list" text, to free. */

/* Registers vlog/list, vlog/set and vlog/reopen with unixctl and opens
 * syslog.  Programs that serve unixctl call it once, early. */
void vlog_init(void);

/* Redirects all console output to 'stream' (tests only; NULL: stderr). */
void vlog_set_console_stream_for_testing(void *stream);

#define VLOG_EMER(...) VLOG_(VLL_EMER, __VA_ARGS__)
#define VLOG_ERR(...) VLOG_(VLL_ERR, __VA_ARGS__)
#define VLOG_WARN(...) VLOG_(VLL_WARN, __VA_ARGS__)
#define VLOG_INFO(...) VLOG_(VLL_INFO, __VA_ARGS__)
#define VLOG_DBG(...) VLOG_(VLL_DBG, __VA_ARGS__)

#define VLOG_ERR_RL(RL, ...) VLOG_RL_(RL, VLL_ERR, __VA_ARGS__)
#define VLOG_WARN_RL(RL, ...) VLOG_RL_(RL, VLL_WARN, __VA_ARGS__)
#define VLOG_INFO_RL(RL, ...) VLOG_RL_(RL, VLL_INFO, __VA_ARGS__)
#define VLOG_DBG_RL(RL, ...) VLOG_RL_(RL, VLL_DBG, __VA_ARGS__)

#define VLOG_FATAL(...) vlog_fatal(&this_module, __VA_ARGS__)
#define VLOG_IS_DBG_ENABLED() vlog_is_enabled(&this_module, VLL_DBG)
#define VLOG_IS_INFO_ENABLED() vlog_is_enabled(&this_module, VLL_INFO)

/* Logs at most once per process (probe results and the like). */
#define VLOG_INFO_ONCE(...)                                             \
    do {                                                                \
        static int logged_;                                             \
        if (!__atomic_exchange_n(&logged_, 1, __ATOMIC_RELAXED)) {      \
            VLOG_INFO(__VA_ARGS__);                                     \
        }                                                               \
    } while (0)

#define VLOG_(LEVEL, ...)                                               \
    do {                                                                \
        if (this_module.min_level >= (LEVEL)) {                         \
            vlog(&this_module, LEVEL, __VA_ARGS__);                     \
        }                                                               \
    } while (0)

#define VLOG_RL_(RL, LEVEL, ...)                                        \
    do {                                                                \
        if (this_module.min_level >= (LEVEL)) {                         \
            vlog_rate_limit(&this_module, LEVEL, RL, __VA_ARGS__);      \
        }                                                               \
    } while (0)

/* Command-line options shared by every program, for getopt_long():
 * -v[SPEC] / --verbose[=SPEC] and --log-file[=FILE].  Use as
 *
 *     enum { VLOG_OPTION_ENUMS, ... };
 *     static const struct option long_options[] = {
 *         VLOG_LONG_OPTIONS, ... };
 *     switch (c) { VLOG_OPTION_HANDLERS ... }
 */
#define VLOG_OPTION_ENUMS OPT_LOG_FILE = 0x1000
#define VLOG_LONG_OPTIONS                                               \
    {"verbose", optional_argument, NULL, 'v'},                          \
    {"log-file", optional_argument, NULL, OPT_LOG_FILE}
#define VLOG_OPTION_HANDLERS                                            \
    case 'v':                                                           \
        vlog_set_verbosity(optarg);                                     \
        break;                                                          \
    case OPT_LOG_FILE:                                                  \
        vlog_set_log_file(optarg);                                      \
        break;
void vlog_usage(void);

#endif /* vlog.h */
