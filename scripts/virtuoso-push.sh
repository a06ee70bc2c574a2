#!/usr/bin/env bash
# Push a kgraph store into Virtuoso (Debian's virtuoso-opensource, the store DBpedia runs on).
#
# Starts a throwaway Virtuoso on 127.0.0.1 (its own database folder, free ports), pushes the store
# twice with `kgraph push` through Virtuoso's authenticated SPARQL endpoint, checks that the second
# push changed nothing, prints how many kgraph triples Virtuoso holds, and stops Virtuoso.
#
#   apt-get install virtuoso-opensource        # once
#   scripts/virtuoso-push.sh out/store
#
# With your own Virtuoso, only the push line matters:
#   kgraph push --store out/store --endpoint http://HOST:8890/sparql-auth \
#               --auth dba:PASSWORD --auth-scheme digest
# (/sparql-auth takes SPARQL Update from a user with the SPARQL_UPDATE role, with HTTP Digest.)
#
# Environment: KGRAPH (the kgraph command), VIRTUOSO_DIR (database folder; default a temporary
# one, removed at the end), KGRAPH_GRAPH_PREFIX (IRIs of kgraph's graphs; default
# https://w3id.org/kgraph/).
set -euo pipefail

STORE=${1:?usage: scripts/virtuoso-push.sh STORE_FOLDER}
KGRAPH=${KGRAPH:-kgraph}
PREFIX=${KGRAPH_GRAPH_PREFIX:-https://w3id.org/kgraph/}
VIRTUOSO=$(command -v virtuoso-t || true)
ISQL=$(command -v isql-vt || command -v isql || true)
TEMPLATE=/usr/share/virtuoso-opensource-7/virtuoso.ini
if [ -z "$VIRTUOSO" ] || [ -z "$ISQL" ] || [ ! -f "$TEMPLATE" ]; then
  echo "virtuoso-push: Virtuoso is not installed (apt-get install virtuoso-opensource)" >&2
  exit 2
fi

if [ -n "${VIRTUOSO_DIR:-}" ]; then
  DIR=$VIRTUOSO_DIR; mkdir -p "$DIR"; CLEAN=""
else
  DIR=$(mktemp -d -t kgraph-virtuoso.XXXXXX); CLEAN=$DIR
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
SQL_PORT=$(free_port)
HTTP_PORT=$(free_port)

# Debian's configuration, moved into DIR and onto loopback ports
sed -e "s#/var/lib/virtuoso-opensource-7/db#$DIR#g" \
    -e "/^\[Parameters\]/,/^\[/ s#^ServerPort[[:space:]]*=.*#ServerPort = 127.0.0.1:$SQL_PORT#" \
    -e "/^\[HTTPServer\]/,/^\[/ s#^ServerPort[[:space:]]*=.*#ServerPort = 127.0.0.1:$HTTP_PORT#" \
    -e "s#^DirsAllowed.*#DirsAllowed = ., $DIR, /usr/share/virtuoso-opensource-7/vad#" \
    "$TEMPLATE" > "$DIR/virtuoso.ini"

"$VIRTUOSO" +foreground +configfile "$DIR/virtuoso.ini" > "$DIR/stdout.log" 2>&1 &
PID=$!
stop() {
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  if [ -n "$CLEAN" ]; then rm -rf "$CLEAN"; fi
}
trap stop EXIT

sql() { "$ISQL" "127.0.0.1:$SQL_PORT" dba dba "exec=$1" 2>&1; }
# readiness: Virtuoso answers SQL (a fresh database takes a few seconds to create)
for _ in $(seq 1 240); do
  if sql "status();" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$PID" 2>/dev/null; then
    echo "virtuoso-push: Virtuoso stopped while starting:" >&2; cat "$DIR/stdout.log" "$DIR"/*.log >&2 || true
    exit 1
  fi
  sleep 0.5
done
sql "status();" >/dev/null || { echo "virtuoso-push: Virtuoso did not start" >&2; exit 1; }
echo "virtuoso-push: Virtuoso $("$VIRTUOSO" -? 2>&1 | grep -m1 -o 'Version [0-9.]*' || true) on 127.0.0.1:$HTTP_PORT"

ENDPOINT="http://127.0.0.1:$HTTP_PORT/sparql-auth"
count() {
  curl -fsS --get "http://127.0.0.1:$HTTP_PORT/sparql" -H 'Accept: text/csv' \
    --data-urlencode "query=SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"$PREFIX\")) }" \
    | tail -n 1 | tr -d '"\r'
}

"$KGRAPH" push --store "$STORE" --endpoint "$ENDPOINT" --auth dba:dba --auth-scheme digest
FIRST=$(count)
"$KGRAPH" push --store "$STORE" --endpoint "$ENDPOINT" --auth dba:dba --auth-scheme digest
SECOND=$(count)
if [ "$FIRST" != "$SECOND" ]; then
  echo "virtuoso-push: the second push changed the count ($FIRST -> $SECOND)" >&2
  exit 1
fi
echo "virtuoso holds $SECOND kgraph triples"
