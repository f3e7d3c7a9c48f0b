#!/bin/sh
# Broken on purpose: prefixes the reply, like a student server that adds its own text.
# ECHO_UNTIL as in echo-ok: one line (default) or everything until the peer's half-close.
printf 'ECHO: '
if [ "${ECHO_UNTIL:-line}" = eof ]; then
  exec cat
fi
exec head -n 1
