# ofproto/xlate.mk: see ofproto/xlate.h.
