/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* ovs-ofctl: sending flow_mods (per protocol, or as a bundle), reading
 * flow files, dumping flows into memory, replace-flows and diff-flows. */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dynamic-string.h"
#include "ofctl.h"
#include "ofp-bundle.h"
#include "ofp-match.h"
#include "ofp-print.h"
#include "ofpbuf.h"
#include "util.h"
#include "vconn.h"

/* Protocol selection. */

/* Returns true if 'fm' can travel in a standard OpenFlow 1.0 flow_mod:
 * its match survives the 40-byte encoding and it matches no cookie. */
static bool
fits_of10(const struct ofp_flow_mod *fm)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct match m;
    bool ok;

    if (fm->cookie_mask) {
        return false;
    }
    ofp10_match_encode(&b, &fm->match);
    ok = (b.size == OFP10_MATCH_LEN && !ofp10_match_decode(b.data, &m)
          && match_equal(&m, &fm->match));
    ofpbuf_uninit(&b);
    return ok;
}

/* The connection's flow format: whether NXT_SET_FLOW_FORMAT(NXM) and
 * NXT_FLOW_MOD_TABLE_ID have been sent.  ovs-ofctl has one connection at
 * a time. */
static bool nxm_set;
static bool table_id_set;

static void
set_nxm(struct vconn *vconn)
{
    if (!nxm_set) {
        struct ofpbuf *request = ofctl_new_msg();

        ofp_encode_nx_u32(request, OFPTYPE_NXT_SET_FLOW_FORMAT, NXFF_NXM,
                          vconn_next_xid(vconn));
        ofctl_transact_noreply(vconn, &request, 1);
        nxm_set = true;
    }
}

static void
set_table_id_ext(struct vconn *vconn)
{
    if (!table_id_set) {
        struct ofpbuf *request = ofctl_new_msg();

        ofp_encode_flow_mod_table_id(request, true, vconn_next_xid(vconn));
        ofctl_transact_noreply(vconn, &request, 1);
        table_id_set = true;
    }
}

enum ofp_protocol
ofctl_dump_protocol(struct vconn *vconn)
{
    if (vconn_get_version(vconn) != OFP10_VERSION) {
        return OFP_PROTO_OF13;
    }
    set_nxm(vconn);
    return OFP_PROTO_OF10_NXM;
}

/* Bundles (OpenFlow 1.3, ONF extension). */

/* The messages of one bundle transaction, to name them in errors. */
struct bundle_msgs {
    struct ofpbuf **msgs;
    size_t n, allocated;
};

static void
bundle_msgs_add(struct bundle_msgs *bm, struct ofpbuf *msg)
{
    if (bm->n >= bm->allocated) {
        bm->allocated = bm->allocated ? bm->allocated * 2 : 8;
        bm->msgs = xrealloc(bm->msgs, bm->allocated * sizeof *bm->msgs);
    }
    bm->msgs[bm->n++] = msg;
}

/* Prints an ERROR received during a bundle transaction to stderr, as
 * "Error NAME for: " and the request of ours with the same xid. */
static void
bundle_print_error(const struct ofpbuf *msg, uint32_t xid,
                   const struct bundle_msgs *bm)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    struct ofp_error_msg em;
    size_t i;

    if (ofp_decode_error(msg->data, msg->size, &em)) {
        return;
    }
    ds_put_format(&s, "Error %s for: ", ofperr_get_name(em.error));
    for (i = 0; i < bm->n; i++) {
        if (ofp_get32(bm->msgs[i]->data + 4) == xid) {
            ofp_print_msg(&s, bm->msgs[i]->data, bm->msgs[i]->size);
            break;
        }
    }
    if (i == bm->n) {
        ds_put_char(&s, '\n');
    }
    fputs(ds_cstr(&s), stderr);
    ds_destroy(&s);
}

/* Waits for the reply with 'xid' (a BUNDLE_CONTROL of 'reply_type', or
 * for a barrier any reply), printing every ERROR that arrives meanwhile.
 * Returns true if there was an error. */
static bool
bundle_wait_reply(struct vconn *vconn, uint32_t xid, int reply_type,
                  const struct bundle_msgs *bm)
{
    bool failed = false;

    for (;;) {
        struct ofp_msg_info info;
        struct ofpbuf *msg;
        int error = vconn_recv_block(vconn, &msg);

        if (error) {
            ovs_fatal(0, "talking to %s (%s)", vconn_get_name(vconn),
                      ovs_retval_to_string(error));
        }
        if (ofptype_decode(msg->data, msg->size, &info)) {
            vconn_msg_free(msg);
            continue;
        }
        if (info.type == OFPTYPE_ERROR) {
            bundle_print_error(msg, info.xid, bm);
            failed = true;
        } else if (info.xid == xid && reply_type >= 0) {
            struct ofp_bundle_ctrl bc;

            if (info.type != OFPTYPE_BUNDLE_CONTROL
                || ofp_decode_bundle_ctrl(msg->data, msg->size, &bc)
                || bc.type != reply_type) {
                ovs_fatal(0, "%s: unexpected reply to bundle control",
                          vconn_get_name(vconn));
            }
        }
        vconn_msg_free(msg);
        if (info.xid == xid) {
            return failed;
        }
    }
}

/* Sends a copy of a BUNDLE_CONTROL request, keeping the original in
 * 'bm'. */
static uint32_t
send_bundle_ctrl(struct vconn *vconn, uint16_t type, struct bundle_msgs *bm)
{
    struct ofp_bundle_ctrl bc = { 0, type, OFPBF_ATOMIC | OFPBF_ORDERED };
    struct ofpbuf *b = ofctl_new_msg();
    uint32_t xid = vconn_next_xid(vconn);
    struct ofpbuf *copy = ofctl_new_msg();

    ofp_encode_bundle_ctrl(b, &bc, vconn_get_version(vconn), xid);
    ofpbuf_put(copy, b->data, b->size);
    bundle_msgs_add(bm, copy);
    if (vconn_send(vconn, b)) {
        ovs_fatal(0, "%s: send failed", vconn_get_name(vconn));
    }
    return xid;
}

static void
bundle_fail(struct vconn *vconn)
{
    ovs_fatal(0, "talking to %s (%s)", vconn_get_name(vconn),
              ovs_strerror(EPROTO));
}

/* Stock's order: the inner messages take their xids first, then OPEN
 * (waiting for its reply), the ADDs, a barrier, and COMMIT.  Any error
 * means no commit (closing the connection discards the bundle). */
static void
send_flow_mods_bundle(struct vconn *vconn, struct ofp_flow_mod *fms,
                      size_t n)
{
    struct bundle_msgs bm = { NULL, 0, 0 };
    struct ofpbuf *barrier;
    uint32_t xid;
    size_t i;

    if (vconn_get_version(vconn) < OFP13_VERSION) {
        ovs_fatal(0, "bundles need OpenFlow 1.3 or later (use -O "
                  "OpenFlow13)");
    }
    for (i = 0; i < n; i++) {
        struct ofpbuf *inner = ofctl_new_msg();

        ofp_encode_flow_mod(inner, &fms[i], OFP_PROTO_OF13,
                            vconn_next_xid(vconn));
        bundle_msgs_add(&bm, inner);
    }
    xid = send_bundle_ctrl(vconn, OFPBCT_OPEN_REQUEST, &bm);
    if (bundle_wait_reply(vconn, xid, OFPBCT_OPEN_REPLY, &bm)) {
        bundle_fail(vconn);
    }
    for (i = 0; i < n; i++) {
        struct ofpbuf *add = ofctl_new_msg();

        ofp_encode_bundle_add(add, 0, OFPBF_ATOMIC | OFPBF_ORDERED,
                              bm.msgs[i]->data, bm.msgs[i]->size);
        if (vconn_send(vconn, add)) {
            ovs_fatal(0, "%s: send failed", vconn_get_name(vconn));
        }
    }
    barrier = ofctl_new_msg();
    xid = vconn_next_xid(vconn);
    ofpmsg_put_empty(barrier, OFPTYPE_BARRIER_REQUEST,
                     vconn_get_version(vconn), false, xid);
    if (vconn_send(vconn, barrier)
        || bundle_wait_reply(vconn, xid, -1, &bm)) {
        bundle_fail(vconn);
    }
    xid = send_bundle_ctrl(vconn, OFPBCT_COMMIT_REQUEST, &bm);
    if (bundle_wait_reply(vconn, xid, OFPBCT_COMMIT_REPLY, &bm)) {
        bundle_fail(vconn);
    }
    for (i = 0; i < bm.n; i++) {
        vconn_msg_free(bm.msgs[i]);
    }
    free(bm.msgs);
}

void
ofctl_send_flow_mods(struct vconn *vconn, struct ofp_flow_mod *fms,
                     size_t n)
{
    enum ofp_protocol proto = OFP_PROTO_OF13;
    size_t i;

    if (ofctl_bundle) {
        send_flow_mods_bundle(vconn, fms, n);
        return;
    }
    if (vconn_get_version(vconn) == OFP10_VERSION) {
        bool need_nxm = false, need_tid = false;

        for (i = 0; i < n; i++) {
            if (!ofpacts_fit_of10(&fms[i].ofpacts)) {
                ovs_fatal(0, "none of the usable flow formats "
                          "(OXM,OpenFlow11) is among the allowed flow "
                          "formats (OpenFlow10,NXM)");
            }
            need_nxm |= !fits_of10(&fms[i]);
            need_tid |= (fms[i].table_id != 0
                         && fms[i].table_id != OFPTT_ALL);
        }
        if (need_nxm || nxm_set) {
            set_nxm(vconn);
            proto = OFP_PROTO_OF10_NXM;
        } else {
            proto = OFP_PROTO_OF10;
        }
        if (need_tid) {
            set_table_id_ext(vconn);
        }
    }
    for (i = 0; i < n; i++) {
        struct ofpbuf *request = ofctl_new_msg();

        ofp_encode_flow_mod(request, &fms[i], proto, vconn_next_xid(vconn));
        ofctl_transact_noreply(vconn, &request, 1);
    }
}

/* Flow files. */

/* Parses one line of a flow file: an optional leading command word
 * ("add", "modify", "modify_strict", "delete", "delete_strict") and a
 * flow. */
static char *
parse_flow_line(const char *line, int default_command,
                const struct ofp_parse_ports *ports, struct ofp_flow_mod *fm)
{
    static const struct {
        const char *word;
        int command;
    } words[] = {
        { "add", OFPFC_ADD },
        { "modify", OFPFC_MODIFY },
        { "modify_strict", OFPFC_MODIFY_STRICT },
        { "delete", OFPFC_DELETE },
        { "delete_strict", OFPFC_DELETE_STRICT },
    };
    int command = default_command;
    size_t i;

    line += strspn(line, " \t");
    for (i = 0; i < ARRAY_SIZE(words); i++) {
        size_t len = strlen(words[i].word);

        if (!strncmp(line, words[i].word, len)
            && (line[len] == ' ' || line[len] == '\t')) {
            command = words[i].command;
            line += len;
            break;
        }
    }
    return ofp_parse_flow_mod(line, command, ports, fm);
}

void
ofctl_read_flows(const char *file, int default_command,
                 const struct ofp_parse_ports *ports,
                 struct ofp_flow_mod **fmsp, size_t *np)
{
    FILE *stream = !strcmp(file, "-") ? stdin : fopen(file, "r");
    struct ofp_flow_mod *fms = NULL;
    size_t n = 0, allocated = 0;
    char *line = NULL;
    size_t line_size = 0;
    int line_no = 0;

    if (!stream) {
        ovs_fatal(errno, "%s: open failed", file);
    }
    while (getline(&line, &line_size, stream) != -1) {
        char *p = line, *error;

        line_no++;
        p[strcspn(p, "\r\n")] = '\0';
        p += strspn(p, " \t");
        if (!*p || *p == '#') {
            continue;
        }
        if (n >= allocated) {
            allocated = allocated ? allocated * 2 : 16;
            fms = xrealloc(fms, allocated * sizeof *fms);
        }
        ofp_flow_mod_init(&fms[n]);
        error = parse_flow_line(p, default_command, ports, &fms[n]);
        if (error) {
            ovs_fatal(0, "%s:%d: %s", file, line_no, error);
        }
        n++;
    }
    free(line);
    if (stream != stdin) {
        fclose(stream);
    }
    *fmsp = fms;
    *np = n;
}

void
ofctl_free_flows(struct ofp_flow_mod *fms, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        ofp_flow_mod_uninit(&fms[i]);
    }
    free(fms);
}

/* Dumps the flows matching 'filter' (NULL: all) into a malloc'ed array. */
void
ofctl_dump_flows_raw(struct vconn *vconn, const char *filter,
                     const struct ofp_parse_ports *ports,
                     struct ofp_flow_stats **fssp, size_t *np)
{
    struct ofp_flow_stats *all = NULL;
    struct ofp_flow_stats_request fsr;
    struct ofp_flow_mod fm;
    struct ofpbuf *request, **replies;
    enum ofp_protocol proto;
    size_t n_all = 0, n_replies, i;
    char *error;

    ofp_flow_mod_init(&fm);
    error = ofp_parse_flow_mod(filter ? filter : "", OFPFC_DELETE, ports,
                               &fm);
    if (error) {
        ovs_fatal(0, "%s", error);
    }
    proto = ofctl_dump_protocol(vconn);
    memset(&fsr, 0, sizeof fsr);
    fsr.match = fm.match;
    fsr.cookie = fm.cookie;
    fsr.cookie_mask = fm.cookie_mask;
    fsr.out_port = fm.out_port;
    fsr.out_group = fm.out_group;
    fsr.table_id = fm.table_id;
    ofp_flow_mod_uninit(&fm);

    request = ofctl_new_msg();
    ofp_encode_flow_stats_request(request, &fsr, proto,
                                  vconn_next_xid(vconn));
    if (vconn_transact_multipart(vconn, request, &replies, &n_replies)) {
        ovs_fatal(0, "%s: transaction error", vconn_get_name(vconn));
    }
    for (i = 0; i < n_replies; i++) {
        struct ofp_flow_stats *fss;
        size_t n;

        ofctl_check_reply(replies[i], OFPTYPE_FLOW_STATS_REPLY);
        if (ofp_decode_flow_stats_reply(replies[i]->data, replies[i]->size,
                                        &fss, &n)) {
            ovs_fatal(0, "%s: bad flow stats reply", vconn_get_name(vconn));
        }
        all = xrealloc(all, (n_all + n + 1) * sizeof *all);
        memcpy(&all[n_all], fss, n * sizeof *fss);
        n_all += n;
        free(fss);              /* The entries moved; their contents not. */
        vconn_msg_free(replies[i]);
    }
    free(replies);
    *fssp = all;
    *np = n_all;
}

/* replace-flows and diff-flows: flows keyed by table, priority and
 * match. */

struct flow_entry {
    uint8_t table_id;
    uint16_t priority;
    struct match match;
    uint64_t cookie;
    uint16_t idle_timeout, hard_timeout;
    const struct ofpacts *ofpacts;      /* Owned by the source array. */
    bool seen;
};

struct flow_set {
    struct flow_entry *entries;
    size_t n;
    /* Exactly one of these holds the data. */
    struct ofp_flow_mod *fms;
    struct ofp_flow_stats *fss;
};

static void
flow_set_from_fms(struct flow_set *set, struct ofp_flow_mod *fms, size_t n)
{
    size_t i;

    set->fms = fms;
    set->fss = NULL;
    set->n = n;
    set->entries = xcalloc(n ? n : 1, sizeof *set->entries);
    for (i = 0; i < n; i++) {
        struct flow_entry *e = &set->entries[i];

        e->table_id = fms[i].table_id == OFPTT_ALL ? 0 : fms[i].table_id;
        e->priority = fms[i].priority;
        e->match = fms[i].match;
        e->cookie = fms[i].new_cookie == UINT64_MAX ? 0 : fms[i].new_cookie;
        e->idle_timeout = fms[i].idle_timeout;
        e->hard_timeout = fms[i].hard_timeout;
        e->ofpacts = &fms[i].ofpacts;
    }
}

static void
flow_set_from_fss(struct flow_set *set, struct ofp_flow_stats *fss,
                  size_t n)
{
    size_t i;

    set->fms = NULL;
    set->fss = fss;
    set->n = n;
    set->entries = xcalloc(n ? n : 1, sizeof *set->entries);
    for (i = 0; i < n; i++) {
        struct flow_entry *e = &set->entries[i];

        e->table_id = fss[i].table_id;
        e->priority = fss[i].priority;
        e->match = fss[i].match;
        e->cookie = fss[i].cookie;
        e->idle_timeout = fss[i].idle_timeout;
        e->hard_timeout = fss[i].hard_timeout;
        e->ofpacts = &fss[i].ofpacts;
    }
}

static void
flow_set_destroy(struct flow_set *set)
{
    free(set->entries);
    if (set->fms) {
        ofctl_free_flows(set->fms, set->n);
    }
    if (set->fss) {
        ofp_flow_stats_free(set->fss, set->n);
    }
}

static struct flow_entry *
flow_set_find(struct flow_set *set, const struct flow_entry *key)
{
    size_t i;

    for (i = 0; i < set->n; i++) {
        struct flow_entry *e = &set->entries[i];

        if (e->table_id == key->table_id && e->priority == key->priority
            && match_equal(&e->match, &key->match)) {
            return e;
        }
    }
    return NULL;
}

static bool
flow_entry_same_version(const struct flow_entry *a,
                        const struct flow_entry *b)
{
    return (a->cookie == b->cookie && a->idle_timeout == b->idle_timeout
            && a->hard_timeout == b->hard_timeout
            && ofpacts_equal(a->ofpacts, b->ofpacts));
}

static void
flow_entry_format(const struct flow_entry *e, struct ds *s)
{
    if (e->table_id) {
        ds_put_format(s, "table=%u ", e->table_id);
    }
    ofp_format_match(&e->match, e->priority, s);
    if (e->cookie) {
        ds_put_format(s, " cookie=0x%"PRIx64, e->cookie);
    }
    if (e->idle_timeout) {
        ds_put_format(s, " idle_timeout=%u", e->idle_timeout);
    }
    if (e->hard_timeout) {
        ds_put_format(s, " hard_timeout=%u", e->hard_timeout);
    }
    ds_put_cstr(s, " actions=");
    ofp_format_actions(e->ofpacts, s);
}

/* True if 'source' names a file rather than a switch. */
static bool
is_flow_file(const char *source)
{
    struct stat st;

    return (!strchr(source, ':') && !stat(source, &st)
            && S_ISREG(st.st_mode));
}

static void
read_flow_source(const char *source, struct flow_set *set)
{
    if (is_flow_file(source) || !strcmp(source, "-")) {
        struct ofp_flow_mod *fms;
        size_t n;

        ofctl_read_flows(source, OFPFC_ADD, NULL, &fms, &n);
        flow_set_from_fms(set, fms, n);
    } else {
        struct vconn *vconn = ofctl_open(source);
        struct ofp_flow_stats *fss;
        size_t n;

        ofctl_dump_flows_raw(vconn, NULL, NULL, &fss, &n);
        vconn_close(vconn);
        nxm_set = table_id_set = false;
        flow_set_from_fss(set, fss, n);
    }
}

void
ofctl_cmd_diff_flows(int argc OVS_UNUSED, char *argv[])
{
    struct flow_set a, b;
    struct ds s = DS_EMPTY_INITIALIZER;
    bool differ = false;
    size_t i;

    read_flow_source(argv[1], &a);
    read_flow_source(argv[2], &b);
    for (i = 0; i < a.n; i++) {
        struct flow_entry *ea = &a.entries[i];
        struct flow_entry *eb = flow_set_find(&b, ea);

        if (eb) {
            eb->seen = true;
            if (flow_entry_same_version(ea, eb)) {
                continue;
            }
        }
        differ = true;
        ds_clear(&s);
        flow_entry_format(ea, &s);
        printf("-%s\n", ds_cstr(&s));
        if (eb) {
            ds_clear(&s);
            flow_entry_format(eb, &s);
            printf("+%s\n", ds_cstr(&s));
        }
    }
    for (i = 0; i < b.n; i++) {
        if (!b.entries[i].seen) {
            differ = true;
            ds_clear(&s);
            flow_entry_format(&b.entries[i], &s);
            printf("+%s\n", ds_cstr(&s));
        }
    }
    ds_destroy(&s);
    flow_set_destroy(&a);
    flow_set_destroy(&b);
    exit(differ ? 2 : 0);
}

static void
add_mod(struct ofp_flow_mod **mods, size_t *n, size_t *allocated,
        const struct flow_entry *e, int command)
{
    struct ofp_flow_mod *fm;

    if (*n >= *allocated) {
        *allocated = *allocated ? *allocated * 2 : 16;
        *mods = xrealloc(*mods, *allocated * sizeof **mods);
    }
    fm = &(*mods)[(*n)++];
    ofp_flow_mod_init(fm);
    fm->command = command;
    fm->table_id = e->table_id;
    fm->priority = e->priority;
    fm->match = e->match;
    if (command == OFPFC_ADD) {
        size_t i;

        fm->new_cookie = e->cookie;
        fm->idle_timeout = e->idle_timeout;
        fm->hard_timeout = e->hard_timeout;
        for (i = 0; i < e->ofpacts->n; i++) {
            struct ofpact *a = ofpacts_put(&fm->ofpacts,
                                           e->ofpacts->acts[i].type);

            *a = e->ofpacts->acts[i];
        }
    }
}

void
ofctl_cmd_replace_flows(int argc OVS_UNUSED, char *argv[])
{
    struct ofctl_ports ports = { NULL, 0 };
    struct ofp_parse_ports pp = { ofctl_port_by_name, &ports };
    struct ofp_flow_mod *fms, *mods = NULL;
    struct ofp_flow_stats *fss;
    struct flow_set file, sw;
    size_t n_fms, n_fss, n_mods = 0, allocated = 0, i;
    struct vconn *vconn;

    vconn = ofctl_open(argv[1]);
    ofctl_fetch_ports(vconn, &ports);
    ofctl_burn_xids(vconn, 2);
    ofctl_read_flows(argv[2], OFPFC_ADD, &pp, &fms, &n_fms);
    if (vconn_get_version(vconn) == OFP10_VERSION) {
        /* Stock reads the switch's flows in NXM without table ids and
         * then cannot send flows for other tables. */
        for (i = 0; i < n_fms; i++) {
            if (fms[i].table_id != 0 && fms[i].table_id != OFPTT_ALL) {
                ovs_fatal(0, "switch does not support any of the usable "
                          "flow formats (OXM,OpenFlow10+table_id,"
                          "NXM+table_id,OpenFlow11)");
            }
        }
    }
    flow_set_from_fms(&file, fms, n_fms);
    ofctl_dump_flows_raw(vconn, NULL, &pp, &fss, &n_fss);
    flow_set_from_fss(&sw, fss, n_fss);

    for (i = 0; i < sw.n; i++) {
        if (!flow_set_find(&file, &sw.entries[i])) {
            add_mod(&mods, &n_mods, &allocated, &sw.entries[i],
                    OFPFC_DELETE_STRICT);
        }
    }
    for (i = 0; i < file.n; i++) {
        struct flow_entry *e = flow_set_find(&sw, &file.entries[i]);

        if (!e || !flow_entry_same_version(e, &file.entries[i])) {
            add_mod(&mods, &n_mods, &allocated, &file.entries[i],
                    OFPFC_ADD);
        }
    }
    ofctl_send_flow_mods(vconn, mods, n_mods);
    ofctl_free_flows(mods, n_mods);
    flow_set_destroy(&file);
    flow_set_destroy(&sw);
    ofctl_ports_destroy(&ports);
    vconn_close(vconn);
}
