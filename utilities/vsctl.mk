# utilities/vsctl.mk: filled in by the work on issues 3 and 4.
