# lib/openflow.mk: the OpenFlow codec and flow syntax (issue 5).
