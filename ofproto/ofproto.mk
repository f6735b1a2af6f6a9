# ofproto/ofproto.mk: see ofproto/ofproto.h.
