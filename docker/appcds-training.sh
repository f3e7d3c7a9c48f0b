#!/bin/sh
# Class data sharing (AppCDS) for the reference TP0 images, run once at image build time:
#   sh /app/appcds-training.sh server|client
# One training run (server up, one client message, SIGTERM to the server) lists the classes the
# named application loads; they are archived, already parsed and verified, in /app/app.jsa, which
# every start maps instead of loading them again (about 0.9 s -> 0.3 s per JVM start). An archive
# that does not fit is ignored by the JVM, never fatal. Expects /app/tp0-app.jar, /app/lib/,
# /app/server.ini and /app/client.yaml; leaves only /app/app.jsa behind.
set -e
# The same options as the images' entry points: an archive is only used by a JVM that matches it.
JVM_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms8m -Xmx48m -XX:MaxMetaspaceSize=48m -XX:ReservedCodeCacheSize=16m -XX:-UsePerfData"
CP="/app/tp0-app.jar:/app/lib/*"
LIST="-XX:DumpLoadedClassList=/app/classes.lst"
case "$1" in
  server) server_list="$LIST"; client_list="" ;;
  client) client_list="$LIST"; server_list="" ;;
  *) echo "usage: $0 server|client" >&2; exit 2 ;;
esac

# shellcheck disable=SC2086 # the option lists are meant to split into words
train() {
  SERVER_PORT=12345 java $JVM_OPTS $server_list -cp "$CP" dev.tpharness.tp0.server.ServerMain /app/server.ini > /app/training.log 2>&1 &
  server=$!
  CLI_ID=1 CLI_SERVER_ADDRESS=127.0.0.1:12345 CLI_LOOP_AMOUNT=1 CLI_LOOP_PERIOD=0s \
    java $JVM_OPTS $client_list -cp "$CP" dev.tpharness.tp0.client.ClientMain /app/client.yaml >> /app/training.log 2>&1 \
    && kill -TERM "$server" && wait "$server" \
    && java $JVM_OPTS -Xshare:dump -XX:SharedClassListFile=/app/classes.lst -XX:SharedArchiveFile=/app/app.jsa \
         -cp "$CP" >> /app/training.log 2>&1
}

if ! train; then
  cat /app/training.log
  exit 1
fi
rm -f /app/classes.lst /app/training.log /app/server.ini /app/client.yaml
