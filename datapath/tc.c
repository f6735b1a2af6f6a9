/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * TC flower messages (new, delete, get, dump request, decode of a reply),
 * the clsact qdisc, and the calls that send them.
 */

#include <config.h>

#include "tc.h"

#include <errno.h>
#include <string.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include "netlink-socket.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(tc);

static void
tc_make_tcmsg(struct tcmsg *tcm, const struct tc_id *id)
{
    memset(tcm, 0, sizeof *tcm);
    tcm->tcm_family = AF_UNSPEC;
    if (id->block) {
        tcm->tcm_ifindex = TCM_IFINDEX_MAGIC_BLOCK;
        tcm->tcm_parent = id->block;
    } else {
        tcm->tcm_ifindex = id->ifindex;
        tcm->tcm_parent = id->parent;
    }
    tcm->tcm_handle = id->handle;
    tcm->tcm_info = TC_H_MAKE((uint32_t) id->prio << 16,
                              (uint32_t) id->protocol);
}

static int
tc_put_filter_msg(struct nl_buf *buf, uint16_t type, uint16_t flags,
                  const struct tc_id *id)
{
    struct tcmsg tcm;

    tc_make_tcmsg(&tcm, id);
    nl_msg_put_nlmsghdr(buf, type, flags);
    nl_msg_put_header(buf, &tcm, sizeof tcm);
    nl_put_string(buf, TCA_KIND, "flower");
    nl_put_u32_unless(buf, TCA_CHAIN, id->chain, 0);
    return nl_buf_error(buf);
}

int
tc_flower_put_options(struct nl_buf *buf, const struct tc_flower *flower)
{
    int error;

    error = tc_flower_put_keys(buf, &flower->key, &flower->mask);
    if (error) {
        return error;
    }
    nl_put_u32(buf, TCA_FLOWER_FLAGS,
               flower->flags & (TCA_CLS_FLAGS_SKIP_HW
                                | TCA_CLS_FLAGS_SKIP_SW));
    return tc_flower_put_actions(buf, flower);
}

int
tc_flower_put_new(struct nl_buf *buf, const struct tc_flower *flower,
                  bool replace)
{
    size_t start = buf->used, start_msg = buf->msg_ofs;
    int start_error = buf->error;
    size_t opts;
    int error;

    tc_put_filter_msg(buf, RTM_NEWTFILTER,
                      NLM_F_CREATE | (replace ? NLM_F_REPLACE : NLM_F_EXCL),
                      &flower->id);
    opts = nl_nest_begin(buf, TCA_OPTIONS);
    error = tc_flower_put_options(buf, flower);
    if (!error) {
        error = nl_nest_end(buf, opts);
    }
    if (!error) {
        error = nl_buf_error(buf);
    }
    if (error) {
        /* Leave no half message in a batch. */
        buf->used = start;
        buf->msg_ofs = start_msg;
        buf->error = start_error;
    }
    return error;
}

int
tc_put_del(struct nl_buf *buf, const struct tc_id *id)
{
    return tc_put_filter_msg(buf, RTM_DELTFILTER, 0, id);
}

int
tc_put_get(struct nl_buf *buf, const struct tc_id *id)
{
    return tc_put_filter_msg(buf, RTM_GETTFILTER, 0, id);
}

int
tc_put_dump(struct nl_buf *buf, const struct tc_id *id, bool terse)
{
    struct tc_id all = *id;
    struct tcmsg tcm;

    all.handle = 0;
    all.prio = 0;
    all.protocol = 0;
    tc_make_tcmsg(&tcm, &all);
    nl_msg_put_nlmsghdr(buf, RTM_GETTFILTER, 0);
    nl_msg_put_header(buf, &tcm, sizeof tcm);
    if (id->chain != UINT32_MAX) {
        nl_put_u32(buf, TCA_CHAIN, id->chain);
    }
    if (terse) {
        struct nla_bitfield32 bf = { TCA_DUMP_FLAGS_TERSE,
                                     TCA_DUMP_FLAGS_TERSE };

        nl_put_unspec(buf, TCA_DUMP_FLAGS, &bf, sizeof bf);
    }
    return nl_buf_error(buf);
}

/* Decoding. */

static const struct nl_policy tc_msg_policy[] = {
    [TCA_KIND] = { .kind = NL_A_STRING, .max_len = 16 },
    [TCA_OPTIONS] = { .kind = NL_A_NESTED, .optional = true },
    [TCA_CHAIN] = { .kind = NL_A_U32, .optional = true },
    [TCA_HW_OFFLOAD] = { .kind = NL_A_U8, .optional = true },
};

int
tc_flower_decode(const struct nlmsghdr *nlh, size_t len,
                 struct tc_flower *flower)
{
    const struct nlattr *a[ARRAY_SIZE(tc_msg_policy)];
    const struct nlattr *fa[TCA_FLOWER_MAX + 8];
    struct tcmsg tcm;
    int error;

    memset(flower, 0, sizeof *flower);
    if (!nl_msg_is_valid(nlh, len)
        || nlh->nlmsg_len < NLMSG_HDRLEN + sizeof tcm
        || (nlh->nlmsg_type != RTM_NEWTFILTER
            && nlh->nlmsg_type != RTM_DELTFILTER)) {
        return EINVAL;
    }
    if (nl_parse_msg(nlh, nlh->nlmsg_len, sizeof tcm, tc_msg_policy,
                     ARRAY_SIZE(tc_msg_policy), a)) {
        return EINVAL;
    }
    memcpy(&tcm, NLMSG_DATA(nlh), sizeof tcm);
    if (strcmp(nl_attr_get_string(a[TCA_KIND]), "flower")
        || !a[TCA_OPTIONS]) {
        return ENOENT;
    }

    if (tcm.tcm_ifindex == TCM_IFINDEX_MAGIC_BLOCK) {
        flower->id.block = tcm.tcm_parent;
        flower->id.parent = 0;
    } else {
        flower->id.ifindex = tcm.tcm_ifindex;
        flower->id.parent = tcm.tcm_parent;
    }
    flower->id.handle = tcm.tcm_handle;
    flower->id.prio = TC_H_MAJ(tcm.tcm_info) >> 16;
    flower->id.protocol = TC_H_MIN(tcm.tcm_info);
    flower->id.chain = nl_attr_get_u32_or(a[TCA_CHAIN], 0);

    BUILD_ASSERT_DECL(TC_FLOWER_KEY_ENC_FLAGS_MASK < TCA_FLOWER_MAX + 8);
    memset(fa, 0, sizeof fa);
    if (nl_parse_nested(a[TCA_OPTIONS], tc_flower_policy,
                        tc_flower_policy_len, fa)) {
        return EINVAL;
    }
    error = tc_flower_parse_keys(fa, &flower->key, &flower->mask);
    if (error) {
        return error;
    }
    if (flower->mask.eth_type
        && (flower->id.protocol == htons(ETH_P_8021Q)
            || flower->id.protocol == htons(ETH_P_8021AD))) {
        /* For a VLAN rule the kernel reports the innermost type as
         * TCA_FLOWER_KEY_ETH_TYPE (it is in the VLAN keys too); our key
         * keeps the rule's protocol, as it was sent. */
        flower->key.eth_type = flower->id.protocol;
    }
    flower->flags = nl_attr_get_u32_or(fa[TCA_FLOWER_FLAGS], 0);
    if (fa[TCA_FLOWER_IN_HW_COUNT]) {
        flower->in_hw_count = nl_attr_get_u32(fa[TCA_FLOWER_IN_HW_COUNT]);
        flower->has_in_hw_count = true;
    }
    if (fa[TCA_FLOWER_ACT]) {
        error = tc_flower_parse_actions(fa[TCA_FLOWER_ACT], flower);
    }
    return error;
}

/* Transport. */

static int
tc_clsact_msg(struct nln_socket *sock, uint16_t type, uint16_t flags,
              uint32_t ifindex, struct nl_error *err)
{
    uint64_t stub[64];
    struct nl_buf buf;
    struct tcmsg tcm = {
        .tcm_family = AF_UNSPEC,
        .tcm_ifindex = ifindex,
        .tcm_handle = TC_H_MAKE(TC_H_CLSACT, 0),
        .tcm_parent = TC_H_CLSACT,
    };

    nl_buf_use(&buf, stub, sizeof stub);
    nl_msg_put_nlmsghdr(&buf, type, flags);
    nl_msg_put_header(&buf, &tcm, sizeof tcm);
    nl_put_string(&buf, TCA_KIND, "clsact");
    return nln_request(sock, &buf, err);
}

int
tc_ensure_clsact(struct nln_socket *sock, uint32_t ifindex,
                 struct nl_error *err)
{
    int error = tc_clsact_msg(sock, RTM_NEWQDISC, NLM_F_CREATE | NLM_F_EXCL,
                              ifindex, err);

    if (error == EEXIST) {
        /* A clsact or ingress qdisc is already there: both give us the
         * ingress hook. */
        nl_error_uninit(err);
        nl_error_init(err);
        error = 0;
    }
    return error;
}

int
tc_del_clsact(struct nln_socket *sock, uint32_t ifindex,
              struct nl_error *err)
{
    return tc_clsact_msg(sock, RTM_DELQDISC, 0, ifindex, err);
}

int
tc_flower_install(struct nln_socket *sock, const struct tc_flower *flower,
                  bool replace, uint32_t *handlep, struct nl_error *err)
{
    struct nl_buf req, reply;
    int error;

    nl_buf_init(&req, 1024);
    nl_buf_init(&reply, 1024);
    error = tc_flower_put_new(&req, flower, replace);
    if (error) {
        nl_error_init(err);
        nl_error_set(err, error, "rule does not fit in a message");
        goto out;
    }
    if (handlep) {
        nl_msg_nlmsghdr(&req)->nlmsg_flags |= NLM_F_ECHO;
    }
    error = nln_transact(sock, &req, &reply, err);
    if (!error && handlep) {
        struct nlmsghdr *nlh = nl_buf_at(&reply, 0);
        struct tcmsg tcm;

        *handlep = 0;
        if (reply.used >= NLMSG_HDRLEN + sizeof tcm) {
            memcpy(&tcm, NLMSG_DATA(nlh), sizeof tcm);
            *handlep = tcm.tcm_handle;
        }
    }
out:
    nl_buf_uninit(&req);
    nl_buf_uninit(&reply);
    return error;
}

int
tc_flower_delete(struct nln_socket *sock, const struct tc_id *id,
                 struct nl_error *err)
{
    uint64_t stub[32];
    struct nl_buf buf;

    nl_buf_use(&buf, stub, sizeof stub);
    tc_put_del(&buf, id);
    return nln_request(sock, &buf, err);
}

int
tc_flower_get(struct nln_socket *sock, const struct tc_id *id,
              struct tc_flower *flower, struct nl_error *err)
{
    uint64_t stub[32];
    struct nl_buf buf, reply;
    int error;

    nl_buf_use(&buf, stub, sizeof stub);
    tc_put_get(&buf, id);
    nl_buf_init(&reply, 4096);
    error = nln_transact(sock, &buf, &reply, err);
    if (!error) {
        error = (reply.used
                 ? tc_flower_decode(nl_buf_at(&reply, 0), reply.used, flower)
                 : ENOENT);
    }
    nl_buf_uninit(&reply);
    return error;
}
