/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* libFuzzer target for the JSON-RPC decoder: the byte-stream framer and
 * message validation, as jsonrpc_recv() uses them.
 *
 * The first byte of the input seeds the chunk sizes; the rest is the byte
 * stream, fed to one framer in chunks of 1 to 64 bytes so that messages are
 * split at every kind of boundary.  Each complete value goes through
 * jsonrpc_msg_from_json(), and each valid message through to_json(),
 * serialisation and to_string(), as a connection would send and log it. */

#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonrpc.h"
#include "util.h"

/* A small cap, so the fuzzer also reaches the oversize path. */
#define FUZZ_MAX_MSG_SIZE 4096

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Turns one completed value into a message and back. */
static void
check_value(json_t *json)
{
    struct jsonrpc_msg *msg;
    char *error;

    error = jsonrpc_msg_from_json(json, &msg);
    if (error) {
        if (msg) {
            abort();
        }
        free(error);
        return;
    }

    free(jsonrpc_msg_to_string(msg));

    /* Going back to JSON must give a message that validates again, of the
     * same type. */
    {
        enum jsonrpc_msg_type type = msg->type;
        json_t *back = jsonrpc_msg_to_json(msg);
        struct jsonrpc_msg *again;
        char *text;

        text = json_dumps(back, JSON_COMPACT | JSON_PRESERVE_ORDER);
        free(text);
        error = jsonrpc_msg_from_json(back, &again);
        if (error || again->type != type) {
            abort();
        }
        jsonrpc_msg_destroy(again);
        json_decref(back);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct json_framer *framer;
    unsigned int seed;
    size_t ofs;

    if (!size) {
        return 0;
    }
    seed = data[0];
    data++;
    size--;

    framer = json_framer_create(FUZZ_MAX_MSG_SIZE);
    ofs = 0;
    while (ofs < size) {
        size_t chunk, used;

        /* A linear congruential step gives chunk sizes that vary with the
         * first byte but need no state outside this input. */
        seed = seed * 1103515245u + 12345u;
        chunk = MIN(size - ofs, 1 + (seed >> 16) % 64);

        while (chunk) {
            used = json_framer_feed(framer, (const char *) data + ofs, chunk);
            if (used > chunk) {
                abort();
            }
            ofs += used;
            chunk -= used;
            if (json_framer_done(framer)) {
                char *error;
                json_t *json = json_framer_take(framer, &error);

                if (json) {
                    check_value(json);
                    json_decref(json);
                } else {
                    free(error);
                }
            } else if (chunk) {
                /* A framer that is not done must take all it is given. */
                abort();
            }
        }
    }

    /* The end of the input, as at end of stream. */
    {
        char *error;
        json_t *json = json_framer_take(framer, &error);

        if (json) {
            abort();            /* Never done here, so never a value. */
        }
        free(error);
    }
    json_framer_destroy(framer);
    return 0;
}
