/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Unit tests for lib/vlog.c: names, level specifications, rate limiting,
 * the line format, the log file and its rotation, and the "vlog/list"
 * table. */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jsonrpc.h"
#include "poll-loop.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(test_vlog);

/* Console capture. */

/* Sends console output to a fresh temporary file and returns it. */
static FILE *
capture_console(void)
{
    FILE *stream = tmpfile();

    assert_non_null(stream);
    vlog_set_console_stream_for_testing(stream);
    return stream;
}

/* Returns everything written to 'stream' so far, to free. */
static char *
read_stream(FILE *stream)
{
    long size;
    char *text;

    assert_int_equal(fflush(stream), 0);
    size = ftell(stream);
    assert_true(size >= 0);
    text = xmalloc(size + 1);
    rewind(stream);
    assert_int_equal(fread(text, 1, size, stream), size);
    text[size] = '\0';
    assert_int_equal(fseek(stream, 0, SEEK_END), 0);
    return text;
}

/* Restores the console to standard error and closes 'stream'. */
static void
release_console(FILE *stream)
{
    vlog_set_console_stream_for_testing(NULL);
    fclose(stream);
}

/* Returns the whole contents of the file named 'name', to free, or NULL if
 * it cannot be read. */
static char *
read_file(const char *name)
{
    FILE *stream = fopen(name, "r");
    char *text;

    if (!stream) {
        return NULL;
    }
    assert_int_equal(fseek(stream, 0, SEEK_END), 0);
    text = read_stream(stream);
    fclose(stream);
    return text;
}

/* Returns the number of occurrences of 'needle' in 'haystack'. */
static int
count_substrings(const char *haystack, const char *needle)
{
    int n = 0;

    for (const char *p = strstr(haystack, needle); p;
         p = strstr(p + 1, needle)) {
        n++;
    }
    return n;
}

/* Puts every module back to console INFO, file INFO and, so that the tests
 * never write to the host's syslog, syslog OFF. */
static int
reset_levels(void **state OVS_UNUSED)
{
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_INFO);
    vlog_set_levels(NULL, VLF_SYSLOG, VLL_OFF);
    vlog_set_levels(NULL, VLF_FILE, VLL_INFO);
    return 0;
}

static void
assert_levels(const struct vlog_module *module, enum vlog_level console,
              enum vlog_level syslog_level, enum vlog_level file)
{
    assert_int_equal(vlog_get_level(module, VLF_CONSOLE), console);
    assert_int_equal(vlog_get_level(module, VLF_SYSLOG), syslog_level);
    assert_int_equal(vlog_get_level(module, VLF_FILE), file);
}

/* Names. */

static void
test_level_names(void **state OVS_UNUSED)
{
    static const char *const names[] = {
        "OFF", "EMER", "ERR", "WARN", "INFO", "DBG",
    };

    for (int level = 0; level < VLL_N_LEVELS; level++) {
        const char *name = vlog_get_level_name(level);

        assert_non_null(name);
        assert_string_equal(name, names[level]);
        assert_int_equal(vlog_get_level_val(name), level);
    }
    assert_int_equal(vlog_get_level_val("off"), VLL_OFF);
    assert_int_equal(vlog_get_level_val("emer"), VLL_EMER);
    assert_int_equal(vlog_get_level_val("err"), VLL_ERR);
    assert_int_equal(vlog_get_level_val("WaRn"), VLL_WARN);
    assert_int_equal(vlog_get_level_val("info"), VLL_INFO);
    assert_int_equal(vlog_get_level_val("dbg"), VLL_DBG);

    assert_int_equal(vlog_get_level_val("warning"), VLL_N_LEVELS);
    assert_int_equal(vlog_get_level_val("debug"), VLL_N_LEVELS);
    assert_int_equal(vlog_get_level_val(""), VLL_N_LEVELS);
    assert_int_equal(vlog_get_level_val("in"), VLL_N_LEVELS);
    assert_int_equal(vlog_get_level_val(NULL), VLL_N_LEVELS);
    assert_null(vlog_get_level_name(VLL_N_LEVELS));
}

static void
test_destination_names(void **state OVS_UNUSED)
{
    static const char *const names[] = { "console", "syslog", "file" };

    for (int dest = 0; dest < VLF_N_DESTINATIONS; dest++) {
        const char *name = vlog_get_destination_name(dest);

        assert_non_null(name);
        assert_string_equal(name, names[dest]);
        assert_int_equal(vlog_get_destination_val(name), dest);
    }
    assert_int_equal(vlog_get_destination_val("CONSOLE"), VLF_CONSOLE);
    assert_int_equal(vlog_get_destination_val("any"), VLF_ANY_DESTINATION);
    assert_int_equal(vlog_get_destination_val("ANY"), VLF_ANY_DESTINATION);
    assert_string_equal(vlog_get_destination_name(VLF_ANY_DESTINATION),
                        "any");

    assert_int_equal(vlog_get_destination_val("stderr"), VLF_N_DESTINATIONS);
    assert_int_equal(vlog_get_destination_val(""), VLF_N_DESTINATIONS);
    assert_int_equal(vlog_get_destination_val(NULL), VLF_N_DESTINATIONS);
    assert_null(vlog_get_destination_name(VLF_N_DESTINATIONS));
}

/* The registry. */

static void
test_module_registry(void **state OVS_UNUSED)
{
    static struct vlog_module first = {
        OVS_LIST_INITIALIZER(&first.list_node), "aaa_first",
        { VLL_INFO, VLL_ERR, VLL_INFO }, VLL_INFO };
    static struct vlog_module last = {
        OVS_LIST_INITIALIZER(&last.list_node), "zzz_last",
        { VLL_WARN, VLL_OFF, VLL_OFF }, VLL_INFO };
    struct vlog_module *module = vlog_module_from_name("test_vlog");
    char *prev_name = NULL;
    char *text;
    char *row;

    assert_non_null(module);
    assert_string_equal(module->name, "test_vlog");
    assert_ptr_equal(vlog_module_from_name("TEST_VLOG"), module);
    assert_non_null(vlog_module_from_name("vlog"));
    assert_null(vlog_module_from_name("no_such_module"));
    assert_null(vlog_module_from_name(NULL));

    /* Modules inserted late are sorted into place, once, and get a
     * min_level that matches their levels. */
    vlog_insert_module(&last);
    vlog_insert_module(&first);
    vlog_insert_module(&first);
    assert_ptr_equal(vlog_module_from_name("aaa_first"), &first);
    assert_int_equal(vlog_get_level(&last, VLF_ANY_DESTINATION), VLL_WARN);

    text = vlog_get_levels();
    assert_int_equal(count_substrings(text, "\naaa_first "), 1);
    assert_int_equal(count_substrings(text, "\nzzz_last "), 1);

    /* Rows come in name order: skip the two header lines. */
    row = strchr(strchr(text, '\n') + 1, '\n') + 1;
    assert_true(str_starts_with(row, "aaa_first "));
    while (*row) {
        char *end = strchr(row, '\n');
        char *name;

        assert_non_null(end);
        name = xmemdup0(row, strcspn(row, " "));
        assert_true(!prev_name || strcmp(prev_name, name) < 0);
        free(prev_name);
        prev_name = name;
        row = end + 1;
    }
    assert_non_null(prev_name);
    assert_string_equal(prev_name, "zzz_last");
    free(prev_name);
    free(text);
}

/* Level specifications. */

static void
test_spec_any_order(void **state OVS_UNUSED)
{
    struct vlog_module *module = vlog_module_from_name("test_vlog");
    struct vlog_module *other = vlog_module_from_name("vlog");
    char *error;

    assert_non_null(module);
    assert_non_null(other);

    error = vlog_set_levels_from_string("test_vlog:console:warn");
    assert_null(error);
    assert_levels(module, VLL_WARN, VLL_OFF, VLL_INFO);
    assert_levels(other, VLL_INFO, VLL_OFF, VLL_INFO);

    error = vlog_set_levels_from_string("dbg:file:test_vlog");
    assert_null(error);
    assert_levels(module, VLL_WARN, VLL_OFF, VLL_DBG);

    error = vlog_set_levels_from_string("syslog:TEST_VLOG:ERR");
    assert_null(error);
    assert_levels(module, VLL_WARN, VLL_ERR, VLL_DBG);
    assert_levels(other, VLL_INFO, VLL_OFF, VLL_INFO);

    /* Commas and spaces separate words too. */
    error = vlog_set_levels_from_string("test_vlog, console emer");
    assert_null(error);
    assert_levels(module, VLL_EMER, VLL_ERR, VLL_DBG);
}

static void
test_spec_missing_parts(void **state OVS_UNUSED)
{
    struct vlog_module *module = vlog_module_from_name("test_vlog");
    struct vlog_module *other = vlog_module_from_name("vlog");
    char *error;

    /* No level: DBG.  No destination: all of them. */
    error = vlog_set_levels_from_string("test_vlog");
    assert_null(error);
    assert_levels(module, VLL_DBG, VLL_DBG, VLL_DBG);
    assert_levels(other, VLL_INFO, VLL_OFF, VLL_INFO);

    /* No module: all of them. */
    error = vlog_set_levels_from_string("console:warn");
    assert_null(error);
    assert_levels(module, VLL_WARN, VLL_DBG, VLL_DBG);
    assert_levels(other, VLL_WARN, VLL_OFF, VLL_INFO);

    /* "ANY" stands for any part. */
    error = vlog_set_levels_from_string("ANY:file:err");
    assert_null(error);
    assert_levels(module, VLL_WARN, VLL_DBG, VLL_ERR);
    assert_levels(other, VLL_WARN, VLL_OFF, VLL_ERR);

    error = vlog_set_levels_from_string("vlog:any:off");
    assert_null(error);
    assert_levels(module, VLL_WARN, VLL_DBG, VLL_ERR);
    assert_levels(other, VLL_OFF, VLL_OFF, VLL_OFF);

    error = vlog_set_levels_from_string("info");
    assert_null(error);
    assert_levels(module, VLL_INFO, VLL_INFO, VLL_INFO);
    assert_levels(other, VLL_INFO, VLL_INFO, VLL_INFO);

    /* Nothing at all: everything to DBG, like -v. */
    error = vlog_set_levels_from_string("");
    assert_null(error);
    assert_levels(module, VLL_DBG, VLL_DBG, VLL_DBG);
    assert_levels(other, VLL_DBG, VLL_DBG, VLL_DBG);
}

/* Applies 'spec', which must be rejected with an error containing
 * 'expected', and checks that no level of any module changed. */
static void
check_bad_spec(const char *spec, const char *expected)
{
    char *before = vlog_get_levels();
    char *after;
    char *error;

    error = vlog_set_levels_from_string(spec);
    assert_non_null(error);
    if (!strstr(error, expected)) {
        fail_msg("spec \"%s\": error \"%s\" lacks \"%s\"", spec, error,
                 expected);
    }
    free(error);

    after = vlog_get_levels();
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void
test_spec_errors(void **state OVS_UNUSED)
{
    struct vlog_module *module = vlog_module_from_name("test_vlog");

    vlog_set_levels(module, VLF_CONSOLE, VLL_WARN);

    check_bad_spec("nosuchmodule:console:info", "\"nosuchmodule\"");
    check_bad_spec("test_vlog:console:loud", "\"loud\"");
    check_bad_spec("test_vlog:stderr:dbg", "\"stderr\"");
    check_bad_spec("test_vlog:console:file:dbg", "multiple destinations");
    check_bad_spec("test_vlog:console:dbg:info", "multiple levels");
    check_bad_spec("test_vlog:vlog:dbg", "multiple modules");
    check_bad_spec("FACILITY:local0", "not supported");
    check_bad_spec("PATTERN", "missing destination");
    check_bad_spec("PATTERN:stderr:%m", "unknown destination \"stderr\"");
    check_bad_spec("PATTERN:console", "missing pattern");
    check_bad_spec("PATTERN:console:", "missing pattern");

    /* The bad word is reported even after good ones. */
    check_bad_spec("console:dbg:oops", "no destination, level, or module");
    assert_levels(module, VLL_WARN, VLL_OFF, VLL_INFO);
}

static void
test_set_verbosity(void **state OVS_UNUSED)
{
    struct vlog_module *module = vlog_module_from_name("test_vlog");
    int status;
    pid_t pid;

    vlog_set_verbosity("test_vlog:console:err");
    assert_levels(module, VLL_ERR, VLL_OFF, VLL_INFO);

    vlog_set_verbosity(NULL);
    assert_levels(module, VLL_DBG, VLL_DBG, VLL_DBG);

    /* A bad -v argument is fatal, with status 1. */
    pid = fork();
    assert_true(pid >= 0);
    if (!pid) {
        if (!freopen("/dev/null", "w", stderr)) {
            _exit(99);
        }
        vlog_set_verbosity("console:bogus");
        _exit(0);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 1);
}

/* min_level follows the destinations that can be reached; the file counts
 * only once a log file is open, which is tested in test_log_file(). */
static void
test_min_level(void **state OVS_UNUSED)
{
    struct vlog_module *module = vlog_module_from_name("test_vlog");

    assert_null(vlog_get_log_file());

    vlog_set_levels(module, VLF_FILE, VLL_DBG);
    assert_int_equal(module->min_level, VLL_INFO);
    assert_false(vlog_is_enabled(module, VLL_DBG));
    assert_true(vlog_is_enabled(module, VLL_INFO));

    vlog_set_levels(module, VLF_SYSLOG, VLL_WARN);
    vlog_set_levels(module, VLF_CONSOLE, VLL_OFF);
    assert_int_equal(module->min_level, VLL_WARN);
    assert_int_equal(vlog_get_level(module, VLF_ANY_DESTINATION), VLL_WARN);
    assert_false(vlog_is_enabled(module, VLL_INFO));
    assert_true(vlog_is_enabled(module, VLL_WARN));

    vlog_set_levels(module, VLF_ANY_DESTINATION, VLL_OFF);
    assert_int_equal(module->min_level, VLL_OFF);
    assert_false(vlog_is_enabled(module, VLL_EMER));
    assert_false(vlog_is_enabled(module, VLL_OFF));

    /* Invalid arguments change nothing. */
    vlog_set_levels(module, VLF_N_DESTINATIONS, VLL_DBG);
    vlog_set_levels(module, VLF_CONSOLE, VLL_N_LEVELS);
    assert_levels(module, VLL_OFF, VLL_OFF, VLL_OFF);
}

/* Rate limiting. */

/* Returns how many of 'n' messages at INFO 'rl' admits. */
static int
count_admitted(struct vlog_rate_limit *rl, int n)
{
    int admitted = 0;

    for (int i = 0; i < n; i++) {
        if (!vlog_should_drop(&this_module, VLL_INFO, rl)) {
            admitted++;
        }
    }
    return admitted;
}

static void
test_rate_limit_burst(void **state OVS_UNUSED)
{
    struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(60, 5);
    FILE *console = capture_console();
    char *text;

    assert_int_equal(count_admitted(&rl, 5), 5);
    assert_int_equal(rl.n_dropped, 0);
    assert_int_equal(count_admitted(&rl, 7), 0);
    assert_int_equal(rl.n_dropped, 7);

    /* A minute at 60 a minute refills the bucket, but only up to the
     * burst size. */
    rl.last_fill = time_msec() - 60000;
    assert_int_equal(count_admitted(&rl, 10), 5);
    assert_int_equal(rl.n_dropped, 5);

    /* The first message admitted after drops reports them, at its own
     * level. */
    text = read_stream(console);
    assert_int_equal(count_substrings(text, "|test_vlog|INFO|Dropped 7 log "
                                      "messages in last "), 1);
    assert_int_equal(count_substrings(text, "due to excessive rate\n"), 1);
    free(text);

    /* 2.5 seconds at one message a second earn two messages. */
    rl.last_fill = time_msec() - 2500;
    assert_int_equal(count_admitted(&rl, 10), 2);

    release_console(console);
}

static void
test_rate_limit_slow_trickle(void **state OVS_UNUSED)
{
    /* At 59 a minute, a millisecond earns 59/60 of a thousandth of a
     * message.  Ask once per simulated millisecond for a simulated minute:
     * if each request rounded its millisecond's share down to nothing,
     * nothing would ever pass; 59 must. */
    struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(59, 1);
    FILE *console = capture_console();
    long long int start = time_msec();
    long long int real_msec;
    int admitted = 0;

    assert_int_equal(count_admitted(&rl, 1), 1);
    for (int ms = 0; ms < 60000; ms++) {
        /* Moving the last refill back by a millisecond looks, to the
         * limiter, like a millisecond passing. */
        rl.last_fill--;
        admitted += count_admitted(&rl, 1);
    }

    /* Real time also passed while the loop ran (slowly, under valgrind),
     * and earned its own share. */
    real_msec = time_msec() - start;
    assert_in_range(admitted, 58, 60 + real_msec * 59 / 60000);
    release_console(console);
}

static void
test_rate_limit_disabled_level(void **state OVS_UNUSED)
{
    struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(60, 1);

    vlog_set_levels(&this_module, VLF_ANY_DESTINATION, VLL_WARN);

    /* A level nobody wants is dropped without touching the limiter. */
    assert_true(vlog_should_drop(&this_module, VLL_INFO, &rl));
    assert_true(vlog_should_drop(&this_module, VLL_DBG, NULL));
    assert_int_equal(rl.n_dropped, 0);
    assert_int_equal(rl.tokens, 1000);

    /* Without a limiter, an enabled level always passes. */
    for (int i = 0; i < 10; i++) {
        assert_false(vlog_should_drop(&this_module, VLL_WARN, NULL));
    }
}

struct rate_limit_thread_arg {
    struct vlog_rate_limit *rl;
    int admitted;
};

static void *
rate_limit_thread(void *arg_)
{
    struct rate_limit_thread_arg *arg = arg_;

    arg->admitted = count_admitted(arg->rl, 2000);
    return NULL;
}

static void
test_rate_limit_threads(void **state OVS_UNUSED)
{
    /* With no refill, exactly 'burst' messages pass, whatever the number of
     * threads asking at once. */
    struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(0, 100);
    struct rate_limit_thread_arg args[4];
    pthread_t threads[ARRAY_SIZE(args)];
    FILE *console = capture_console();
    int total = 0;

    for (size_t i = 0; i < ARRAY_SIZE(args); i++) {
        args[i].rl = &rl;
        args[i].admitted = 0;
        assert_int_equal(pthread_create(&threads[i], NULL, rate_limit_thread,
                                        &args[i]), 0);
    }
    for (size_t i = 0; i < ARRAY_SIZE(args); i++) {
        assert_int_equal(pthread_join(threads[i], NULL), 0);
        total += args[i].admitted;
    }
    assert_int_equal(total, 100);
    assert_int_equal(rl.n_dropped, 4 * 2000 - 100);
    assert_int_equal(rl.lock, 0);
    release_console(console);
}

/* Line format. */

/* Parses the sequence number out of a log line 'line'. */
static unsigned int
line_sequence(const char *line)
{
    const char *bar = strchr(line, '|');

    assert_non_null(bar);
    return strtoul(bar + 1, NULL, 10);
}

static void
test_line_format(void **state OVS_UNUSED)
{
    static const char pattern[] =
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z"
        "\\|[0-9]{5}\\|test_vlog\\|WARN\\|hello 42$";
    FILE *console = capture_console();
    regmatch_t match[1];
    regex_t regex;
    char *second;
    char *text;

    vlog_set_levels(&this_module, VLF_CONSOLE, VLL_WARN);
    VLOG_WARN("hello %d", 42);
    VLOG_INFO("not shown");
    VLOG_ERR("second");

    text = read_stream(console);
    assert_int_equal(regcomp(&regex, pattern, REG_EXTENDED | REG_NEWLINE),
                     0);
    assert_int_equal(regexec(&regex, text, 1, match, 0), 0);
    assert_int_equal(match[0].rm_so, 0);
    regfree(&regex);

    /* Exactly two lines; a message nobody wants takes no number. */
    assert_int_equal(count_substrings(text, "\n"), 2);
    assert_null(strstr(text, "not shown"));
    second = strchr(text, '\n') + 1;
    assert_non_null(strstr(second, "|test_vlog|ERR|second\n"));
    assert_int_equal(line_sequence(second), line_sequence(text) + 1);

    free(text);
    release_console(console);
}

/* Output patterns. */

struct pattern_thread_arg {
    FILE *console;
    char *output;
};

static void *
pattern_thread(void *arg_)
{
    struct pattern_thread_arg *arg = arg_;

    pthread_setname_np(pthread_self(), "worker7");
    VLOG_WARN("from a thread");
    arg->output = read_stream(arg->console);
    return NULL;
}

static void
test_patterns(void **state OVS_UNUSED)
{
    static const char default_pattern[] =
        "PATTERN:console:%D{%Y-%m-%dT%H:%M:%S.###Z}|%05N|%c|%p|%m";
    struct pattern_thread_arg arg;
    FILE *console = capture_console();
    pthread_t thread;
    char *expected;
    char *error;
    char *text;

    error = vlog_set_levels_from_string(
        "PATTERN:console:<%c|%p|%m|%%|%q|%n%-8p|%8p|%03N|%A|%t%T>");
    assert_null(error);
    VLOG_WARN("hi");
    text = read_stream(console);
    assert_true(str_starts_with(text, "<test_vlog|WARN|hi|%|%q|\n"
                                      "WARN    |    WARN|"));
    assert_non_null(strstr(text, "|test-vlog|main>\n"));
    free(text);

    /* Outside the main thread, %T names the thread. */
    error = vlog_set_levels_from_string("PATTERN:console:%c%T|%t|%m");
    assert_null(error);
    arg.console = console;
    arg.output = NULL;
    assert_int_equal(pthread_create(&thread, NULL, pattern_thread, &arg), 0);
    assert_int_equal(pthread_join(thread, NULL), 0);
    assert_non_null(arg.output);
    assert_non_null(strstr(arg.output,
                           "\ntest_vlog(worker7)|worker7|from a thread\n"));
    free(arg.output);

    /* Times, with and without a format; the process id. */
    error = vlog_set_levels_from_string(
        "PATTERN:console:[%D{%Y}] [%D] [%d{%H##}] %P");
    assert_null(error);
    VLOG_WARN("t");
    text = read_stream(console);
    expected = xasprintf("] %ld\n", (long int) getpid());
    assert_non_null(strstr(text, expected));
    free(expected);
    {
        static const char time_pattern[] =
            "\\[[0-9]{4}\\] \\[[0-9]{4}-[0-9]{2}-[0-9]{2} "
            "[0-9]{2}:[0-9]{2}:[0-9]{2}\\] \\[[0-9]{4}\\] [0-9]+$";
        regex_t regex;

        assert_int_equal(regcomp(&regex, time_pattern,
                                 REG_EXTENDED | REG_NEWLINE), 0);
        assert_int_equal(regexec(&regex, text, 0, NULL, 0), 0);
        regfree(&regex);
    }
    free(text);

    /* The file keeps its own pattern. */
    error = vlog_set_levels_from_string(default_pattern);
    assert_null(error);
    VLOG_WARN("back to normal");
    text = read_stream(console);
    assert_non_null(strstr(text, "Z|"));
    assert_non_null(strstr(text, "|test_vlog|WARN|back to normal\n"));
    free(text);

    release_console(console);
}

/* The log file. */

static void
test_log_file(void **state OVS_UNUSED)
{
    char template[] = "/tmp/test-vlog-XXXXXX";
    char *dir = mkdtemp(template);
    char *name, *rotated, *missing, *later_dir, *later;
    FILE *console = capture_console();
    struct stat st;
    char *expected;
    char *text;
    mode_t mask;

    assert_non_null(dir);
    name = xasprintf("%s/test.log", dir);
    rotated = xasprintf("%s/test.log.1", dir);
    missing = xasprintf("%s/no/such/dir.log", dir);
    later_dir = xasprintf("%s/later", dir);
    later = xasprintf("%s/later.log", later_dir);

    /* The file level counts toward min_level only once a file is open. */
    vlog_set_levels(&this_module, VLF_FILE, VLL_DBG);
    assert_false(vlog_is_enabled(&this_module, VLL_DBG));
    assert_int_equal(vlog_reopen_log_file(), 0);

    /* With no file open, a file that cannot be opened yet is remembered,
     * and reopening tries it again. */
    assert_int_equal(vlog_set_log_file(later), ENOENT);
    assert_string_equal(vlog_get_log_file(), later);
    assert_false(vlog_is_enabled(&this_module, VLL_DBG));
    assert_int_equal(vlog_reopen_log_file(), ENOENT);
    assert_int_equal(mkdir(later_dir, 0700), 0);
    assert_int_equal(vlog_reopen_log_file(), 0);
    assert_true(vlog_is_enabled(&this_module, VLL_DBG));
    VLOG_DBG("zeroth");
    text = read_file(later);
    assert_non_null(text);
    assert_int_equal(count_substrings(text, "|test_vlog|DBG|zeroth\n"), 1);
    free(text);

    assert_int_equal(vlog_set_log_file(name), 0);
    assert_string_equal(vlog_get_log_file(), name);
    assert_true(vlog_is_enabled(&this_module, VLL_DBG));
    VLOG_DBG("first");

    mask = umask(0);
    umask(mask);
    assert_int_equal(stat(name, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640 & ~mask);

    /* Rotation: rename, log, reopen, log. */
    assert_int_equal(rename(name, rotated), 0);
    VLOG_DBG("second");
    assert_int_equal(vlog_reopen_log_file(), 0);
    VLOG_DBG("third");

    text = read_file(rotated);
    assert_non_null(text);
    assert_int_equal(count_substrings(text, "|test_vlog|DBG|first\n"), 1);
    assert_int_equal(count_substrings(text, "|test_vlog|DBG|second\n"), 1);
    assert_null(strstr(text, "third"));
    free(text);

    text = read_file(name);
    assert_non_null(text);
    assert_int_equal(count_substrings(text, "\n"), 1);
    assert_int_equal(count_substrings(text, "|test_vlog|DBG|third\n"), 1);
    free(text);

    /* The console (at INFO) did not get the DBG lines. */
    text = read_stream(console);
    assert_null(strstr(text, "first"));
    assert_int_equal(count_substrings(text, "|vlog|INFO|opened log file "),
                     1);
    free(text);

    /* Setting the same file again does nothing. */
    assert_int_equal(vlog_set_log_file(name), 0);
    text = read_stream(console);
    assert_int_equal(count_substrings(text, "opened log file"), 1);
    free(text);

    /* A file that cannot be opened leaves the old one in use. */
    assert_int_equal(vlog_set_log_file(missing), ENOENT);
    assert_string_equal(vlog_get_log_file(), name);
    VLOG_DBG("fourth");
    text = read_file(name);
    assert_int_equal(count_substrings(text, "|test_vlog|DBG|fourth\n"), 1);
    free(text);
    text = read_stream(console);
    expected = xasprintf("|vlog|WARN|failed to open %s for logging: ",
                         missing);
    assert_int_equal(count_substrings(text, expected), 1);
    free(expected);
    free(text);

    /* Reopening fails if the directory went away, and the old descriptor
     * stays in use. */
    assert_int_equal(unlink(name), 0);
    assert_int_equal(unlink(rotated), 0);
    assert_int_equal(unlink(later), 0);
    assert_int_equal(rmdir(later_dir), 0);
    assert_int_equal(rmdir(dir), 0);
    assert_int_equal(vlog_reopen_log_file(), ENOENT);
    assert_true(vlog_is_enabled(&this_module, VLL_DBG));

    release_console(console);
    free(name);
    free(rotated);
    free(missing);
    free(later_dir);
    free(later);
}

/* "vlog/list". */

static void
test_vlog_list(void **state OVS_UNUSED)
{
    char *text;

    vlog_set_levels(&this_module, VLF_CONSOLE, VLL_WARN);
    vlog_set_levels(&this_module, VLF_SYSLOG, VLL_OFF);
    vlog_set_levels(&this_module, VLF_FILE, VLL_DBG);

    text = vlog_get_levels();
    assert_true(str_starts_with(text,
        "                 console    syslog    file\n"
        "                 -------    ------    ------\n"));

    /* Each level ends in the same column as in stock Open vSwitch. */
    assert_int_equal(count_substrings(text,
        "\ntest_vlog         WARN        OFF        DBG\n"), 1);
    assert_int_equal(count_substrings(text,
        "\nvlog              INFO        OFF       INFO\n"), 1);
    free(text);
}

/* unixctl registration. */

static void
test_unixctl_commands(void **state OVS_UNUSED)
{
    char *error;

    vlog_init();
    vlog_init();

    assert_null(unixctl_check_request("vlog/list", 0));
    error = unixctl_check_request("vlog/list", 1);
    assert_non_null(error);
    free(error);

    error = unixctl_check_request("vlog/set", 0);
    assert_non_null(error);
    free(error);
    assert_null(unixctl_check_request("vlog/set", 1));
    assert_null(unixctl_check_request("vlog/set", 3));

    assert_null(unixctl_check_request("vlog/reopen", 0));
}

/* Serves unixctl on 'path' until 'stop_fd' reaches end of file, after
 * writing a byte to 'ready_fd' once the socket exists.  Runs in a child. */
static void
serve_unixctl(const char *path, int ready_fd, int stop_fd)
{
    struct unixctl_server *server;
    char c = 0;

    if (unixctl_server_create(path, &server)
        || write(ready_fd, &c, 1) != 1) {
        _exit(98);
    }
    for (;;) {
        struct pollfd pfd = { .fd = stop_fd, .events = POLLIN };

        unixctl_server_run(server);
        if (poll(&pfd, 1, 0) > 0) {
            break;
        }
        unixctl_server_wait(server);
        poll_fd_wait(stop_fd, POLLIN);
        poll_block();
    }
    unixctl_server_destroy(server);
    _exit(0);
}

/* Sends 'command' with 'argc' arguments 'argv' through 'client'.  Returns
 * the reply, to free; '*is_error' tells whether it was an error. */
static char *
transact(struct jsonrpc *client, const char *command, int argc,
         char *argv[], bool *is_error)
{
    char *result = NULL;
    char *error = NULL;

    assert_int_equal(unixctl_client_transact(client, command, argc, argv,
                                             &result, &error), 0);
    assert_true(!result != !error);
    *is_error = error != NULL;
    return error ? error : result;
}

static void
test_unixctl_end_to_end(void **state OVS_UNUSED)
{
    char template[] = "/tmp/test-vlog-XXXXXX";
    char *dir = mkdtemp(template);
    char *set_good[] = { "test_vlog:console:warn", "file:err" };
    char *set_bad[] = { "test_vlog:console:dbg", "bogus" };
    char *set_pattern[] = { "PATTERN:file:%m" };
    struct jsonrpc *client;
    int ready[2], stop[2];
    bool is_error;
    char *reply;
    char *path;
    int status;
    pid_t pid;
    char c;

    assert_non_null(dir);
    path = xasprintf("%s/vlog.ctl", dir);
    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(stop), 0);

    vlog_init();
    fflush(NULL);
    pid = fork();
    assert_true(pid >= 0);
    if (!pid) {
        close(ready[0]);
        close(stop[1]);
        serve_unixctl(path, ready[1], stop[0]);
    }
    close(ready[1]);
    close(stop[0]);
    assert_int_equal(read(ready[0], &c, 1), 1);
    assert_int_equal(unixctl_client_create(path, &client), 0);

    /* Every argument applies. */
    reply = transact(client, "vlog/set", 2, set_good, &is_error);
    assert_false(is_error);
    assert_string_equal(reply, "");
    free(reply);
    reply = transact(client, "vlog/list", 0, NULL, &is_error);
    assert_false(is_error);
    assert_true(str_starts_with(
        reply, "                 console    syslog    file\n"));
    assert_non_null(strstr(reply,
        "\ntest_vlog         WARN        OFF        ERR\n"));
    assert_non_null(strstr(reply,
        "\nvlog              INFO        OFF        ERR\n"));
    free(reply);

    /* One bad argument: an error, and the good one is not applied. */
    reply = transact(client, "vlog/set", 2, set_bad, &is_error);
    assert_true(is_error);
    /* The server ends every non-empty reply with a new-line. */
    assert_string_equal(reply,
                        "no destination, level, or module \"bogus\"\n");
    free(reply);
    reply = transact(client, "vlog/list", 0, NULL, &is_error);
    assert_non_null(strstr(reply,
        "\ntest_vlog         WARN        OFF        ERR\n"));
    free(reply);

    reply = transact(client, "vlog/set", 1, set_pattern, &is_error);
    assert_false(is_error);
    free(reply);

    /* No log file is configured yet (see main()). */
    reply = transact(client, "vlog/reopen", 0, NULL, &is_error);
    assert_true(is_error);
    assert_string_equal(reply, "Logging to file not configured\n");
    free(reply);

    jsonrpc_close(client);
    close(stop[1]);
    close(ready[0]);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);

    unlink(path);
    assert_int_equal(rmdir(dir), 0);
    free(path);
}

/* Fatal errors and usage. */

/* Runs 'function' in a child whose standard output, standard error and
 * console go to a temporary file.  Returns the child's exit status and stores what it wrote
 * in '*output', to free. */
static int
run_in_child(void (*function)(void), char **output)
{
    FILE *stream = tmpfile();
    int status;
    pid_t pid;

    assert_non_null(stream);
    fflush(NULL);
    pid = fork();
    assert_true(pid >= 0);
    if (!pid) {
        if (dup2(fileno(stream), STDOUT_FILENO) < 0
            || dup2(fileno(stream), STDERR_FILENO) < 0) {
            _exit(99);
        }
        vlog_set_console_stream_for_testing(stdout);
        function();
        fflush(stdout);
        _exit(0);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_int_equal(fseek(stream, 0, SEEK_END), 0);
    *output = read_stream(stream);
    fclose(stream);
    return status;
}

static void
call_vlog_fatal(void)
{
    VLOG_FATAL("fatal %s", "error");
}

static void
call_vlog_fatal_quietly(void)
{
    vlog_set_levels(&this_module, VLF_CONSOLE, VLL_OFF);
    VLOG_FATAL("fatal %s", "error");
}

static void
test_vlog_fatal(void **state OVS_UNUSED)
{
    char *output;
    int status;

    status = run_in_child(call_vlog_fatal, &output);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 1);
    assert_int_equal(count_substrings(output,
                                      "|test_vlog|EMER|fatal error\n"), 1);
    assert_null(strstr(output, "test-vlog: "));
    free(output);

    /* With the console off, the error still reaches standard error. */
    status = run_in_child(call_vlog_fatal_quietly, &output);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 1);
    assert_string_equal(output, "test-vlog: fatal error\n");
    free(output);
}

static void
test_vlog_usage(void **state OVS_UNUSED)
{
    char *output;
    int status;

    status = run_in_child(vlog_usage, &output);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_non_null(strstr(output, "-vSPEC, --verbose=SPEC"));
    assert_non_null(strstr(output, "--log-file[=FILE]"));
    free(output);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_level_names, reset_levels),
        cmocka_unit_test_setup(test_destination_names, reset_levels),
        cmocka_unit_test_setup(test_module_registry, reset_levels),
        cmocka_unit_test_setup(test_spec_any_order, reset_levels),
        cmocka_unit_test_setup(test_spec_missing_parts, reset_levels),
        cmocka_unit_test_setup(test_spec_errors, reset_levels),
        cmocka_unit_test_setup(test_set_verbosity, reset_levels),
        cmocka_unit_test_setup(test_min_level, reset_levels),
        cmocka_unit_test_setup(test_rate_limit_burst, reset_levels),
        cmocka_unit_test_setup(test_rate_limit_slow_trickle, reset_levels),
        cmocka_unit_test_setup(test_rate_limit_disabled_level, reset_levels),
        cmocka_unit_test_setup(test_rate_limit_threads, reset_levels),
        cmocka_unit_test_setup(test_line_format, reset_levels),
        cmocka_unit_test_setup(test_patterns, reset_levels),
        /* Before test_log_file(), so that no log file is configured. */
        cmocka_unit_test_setup(test_unixctl_commands, reset_levels),
        cmocka_unit_test_setup(test_unixctl_end_to_end, reset_levels),
        cmocka_unit_test_setup(test_log_file, reset_levels),
        cmocka_unit_test_setup(test_vlog_list, reset_levels),
        cmocka_unit_test_setup(test_vlog_fatal, reset_levels),
        cmocka_unit_test_setup(test_vlog_usage, reset_levels),
    };

    set_program_name("test-vlog");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
