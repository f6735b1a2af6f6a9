#!/bin/sh
# Generates configure and Makefile.in from the sources in a git checkout.
set -e
cd "$(dirname "$0")"
autoreconf -fi
