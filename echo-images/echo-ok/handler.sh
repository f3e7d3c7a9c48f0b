#!/bin/sh
# Byte-exact echo. ECHO_UNTIL=line (the default): one message, everything up to and including the
# first newline, or up to EOF. ECHO_UNTIL=eof: everything until the peer's half-close, then close,
# like the course's mock server (a validator must half-close or it waits forever).
if [ "${ECHO_UNTIL:-line}" = eof ]; then
  exec cat
fi
exec head -n 1
