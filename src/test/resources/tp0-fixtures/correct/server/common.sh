# Shared by server.sh and handler.sh (sourced, not run).

# level_rank LEVEL: prints the numeric rank of a logging level (empty if the level is unknown).
level_rank() {
  case "$1" in
    DEBUG) echo 10 ;;
    INFO) echo 20 ;;
    WARN | WARNING) echo 30 ;;
    ERROR) echo 40 ;;
    CRITICAL | FATAL) echo 50 ;;
  esac
}

# emit LEVEL LINE: writes one protocol line with a single printf, so that it is flushed at once and
# lines of concurrent connections do not mix. LOG_OUT is the server's stdout (handlers inherit it).
emit() {
  printf '%s %-8s %s\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$1" "$2" >>"${LOG_OUT:-/dev/stdout}"
}

# log LEVEL LINE: like emit, but only when LEVEL is at or above the configured LOG_RANK.
log() {
  [ "$(level_rank "$1")" -ge "${LOG_RANK:-20}" ] && emit "$1" "$2"
  return 0
}

# peer_ip: the address of the peer of the socket on this shell's stdin. BusyBox nc does not pass it
# to the handler, so look the socket's inode up in the kernel's connection tables.
peer_ip() {
  inode=$(readlink "/proc/$$/fd/0" 2>/dev/null | sed -n 's/^socket:\[\([0-9][0-9]*\)\]$/\1/p')
  if [ -z "$inode" ]; then
    echo unknown
    return
  fi
  awk -v ino="$inode" '
    function hex(s,   i, n) {
      n = 0
      s = toupper(s)
      for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789ABCDEF", substr(s, i, 1)) - 1
      return n
    }
    # one 32-bit word as the kernel prints it (host byte order) to a dotted quad
    function v4(w) { return hex(substr(w, 7, 2)) "." hex(substr(w, 5, 2)) "." hex(substr(w, 3, 2)) "." hex(substr(w, 1, 2)) }
    $10 == ino {
      split($3, a, ":")
      h = a[1]
      if (length(h) == 8) {
        print v4(h)
      } else if (substr(h, 1, 24) == "0000000000000000FFFF0000") {
        print v4(substr(h, 25, 8))
      } else {
        out = ""
        for (w = 0; w < 4; w++) {
          x = substr(h, w * 8 + 1, 8)
          b = substr(x, 7, 2) substr(x, 5, 2) substr(x, 3, 2) substr(x, 1, 2)
          out = out (w ? ":" : "") sprintf("%x:%x", hex(substr(b, 1, 4)), hex(substr(b, 5, 4)))
        }
        print out
      }
      found = 1
      exit
    }
    END { if (!found) print "unknown" }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
