# ofproto/connmgr.mk: see ofproto/connmgr.h.
