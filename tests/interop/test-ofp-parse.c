/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* test-ofp-parse FLOW...: parses each flow-syntax string and prints it back
 * as "MATCH actions=ACTIONS" (the match part omitted when empty), one line
 * each; on a parse error prints "error: MESSAGE" and exits 1. */

#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include "dynamic-string.h"
#include "ofp-parse.h"
#include "util.h"

int
main(int argc, char *argv[])
{
    int status = 0;
    int i;

    set_program_name(argv[0]);
    for (i = 1; i < argc; i++) {
        struct ofp_flow_mod fm;
        struct ds s = DS_EMPTY_INITIALIZER;
        char *error = ofp_parse_flow_mod(argv[i], OFPFC_ADD, NULL, &fm);

        if (error) {
            printf("error: %s\n", error);
            free(error);
            status = 1;
        } else {
            ofp_format_match(&fm.match, fm.priority, &s);
            if (s.length) {
                ds_put_char(&s, ' ');
            }
            ds_put_cstr(&s, "actions=");
            ofp_format_actions(&fm.ofpacts, &s);
            printf("%s\n", ds_cstr(&s));
        }
        ds_destroy(&s);
        ofp_flow_mod_uninit(&fm);
    }
    return status;
}
