#!/usr/bin/env bash
# Load: 200 connections for 60 s over the category feeds and the partner API while polling goes on
# (README, Performance). Starts Syndic from the packaged jar on its own embedded database (a
# temporary folder) and a free port, serves SOURCES local feeds that gain a story every 30 s, each
# polled every 5-10 s, creates a partner key, runs wrk with src/bench/load.lua, and reports
# requests/s, latency percentiles, errors and the polls done during the run (from /metrics).
#   src/bench/load.sh [PORT]          (default 8087)
# Environment: CONN (200), DUR (60s), THREADS (2), TIMEOUT (wrk's per-request limit, 5s),
# SOURCES (100), HEAP (512m), JAVA (java), JAVA_OPTS, BUILD=0 to reuse target/syndic-0.1.0.jar.
# Syndic's log goes to target/bench-load.log, its GC log to target/bench-load-gc.log.
# Needs wrk, curl and python3. Exits 1 when any request failed.
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${1:-8087}
CONN=${CONN:-200}
DUR=${DUR:-60s}
THREADS=${THREADS:-2}
TIMEOUT=${TIMEOUT:-5s}
SOURCES=${SOURCES:-100}
HEAP=${HEAP:-512m}
JAVA=${JAVA:-java}
TOKEN=bench-admin-token
BASE=http://127.0.0.1:$PORT
JAR=target/syndic-0.1.0.jar
DIR=$(mktemp -d /tmp/syndic-load.XXXXXX)
LOG=target/bench-load.log

if [ "${BUILD:-1}" != 0 ] || [ ! -f "$JAR" ]; then
  ./mvnw -q -B package -DskipTests 2>&1 | { grep -v '^SLF4J' || true; }
fi

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$DIR"
}
trap cleanup EXIT

# The sources: feed N of the local server lists its 20 newest stories; a new one every 30 s.
FEED_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 - "$FEED_PORT" <<'PY' > "$DIR/feeds.log" 2>&1 &
import http.server, sys, time
CATS = ["ai", "agriculture", "entertainment", "technology", "business"]
class Feed(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass
    def do_GET(self):
        n = int(self.path.strip("/").split(".")[0].split("-")[1])
        newest = int(time.time()) // 30
        items = []
        for k in range(newest, newest - 20, -1):
            stamp = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(k * 30))
            items.append(f"<item><guid>load-{n}-{k}</guid><title>Story {k} of source {n}: {CATS[n % 5]} news {k * 7919 % 100003}</title>"
                         f"<link>https://load{n}.example.com/{k}</link><pubDate>{stamp}</pubDate><description><![CDATA[<p>Report {k}"
                         f" from source {n} on {CATS[n % 5]}; figures {k * 104729 % 1000003} and {n * 7 + k}.</p>]]></description></item>")
        body = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Load source ' + str(n) + '</title>'
                '<link>https://load.example.com/</link><description>load</description>' + "".join(items) + '</channel></rss>').encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Feed).serve_forever()
PY
pids+=($!)

# Only the shipped categories: the shipped sources would add samples to the load.
mkdir -p "$DIR/catalogue"
cp feeds/categories.yml "$DIR/catalogue/"
env MICRONAUT_SERVER_PORT="$PORT" SYNDIC_ADMIN_TOKEN="$TOKEN" \
  SYNDIC_EMBEDDED_POSTGRES_DATA_DIR="$DIR/pg" SYNDIC_EMBEDDED_POSTGRES_PORT=0 \
  SYNDIC_CATALOGUE_DIR="$DIR/catalogue" SYNDIC_FETCH_ALLOW_PRIVATE_ADDRESSES=true \
  SYNDIC_FETCH_PER_HOST_CONCURRENCY=8 SYNDIC_POLL_MIN_INTERVAL=5s SYNDIC_POLL_MAX_INTERVAL=10s \
  "$JAVA" -Xmx"$HEAP" -Xms"$HEAP" -Xlog:gc:file=target/bench-load-gc.log ${JAVA_OPTS:-} -jar "$JAR" > "$LOG" 2>&1 &
pids+=($!)
for _ in $(seq 1 240); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health")" = 200 ] && break
  sleep 0.5
done
curl -sf -o /dev/null "$BASE/health" || { echo "Syndic did not start; see $LOG"; exit 1; }

# Subscribe through the admin API (one OPML import), each source with a default category.
python3 - "$SOURCES" "$FEED_PORT" > "$DIR/sources.opml" <<'PY'
import sys
n, port = int(sys.argv[1]), sys.argv[2]
cats = ["ai", "agriculture", "entertainment", "technology", "business"]
print('<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>load</title></head><body>')
for i in range(n):
    print(f'<outline type="rss" text="Load {i}" xmlUrl="http://127.0.0.1:{port}/feed-{i}.xml" category="{cats[i % 5]}"/>')
print('</body></opml>')
PY
curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/x-opml' --data-binary @"$DIR/sources.opml" \
  "$BASE/api/v1/sources/import" > /dev/null
KEY=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name": "load benchmark", "categories": ["all"], "ratePerMinute": 1000000}' "$BASE/api/v1/partners" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["key"])')

# Wait for the first poll of every source, so the feeds have entries and polling is steady.
for _ in $(seq 1 240); do
  polled=$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/sources?limit=500" \
    | python3 -c 'import json, sys; print(sum(1 for s in json.load(sys.stdin)["items"] if s.get("lastSuccessAt")))')
  [ "$polled" -ge "$SOURCES" ] && break
  sleep 1
done
echo "sources polled at least once: $polled of $SOURCES"

polls() {
  curl -sf "$BASE/metrics" | python3 -c '
import re, sys
t = {"ok": 0.0, "not_modified": 0.0, "error": 0.0, "new": 0.0}
for line in sys.stdin:
    m = re.match(r"syndic_polls_total\{[^}]*outcome=\"(\w+)\"[^}]*\} (\S+)", line)
    if m: t[m.group(1)] = t.get(m.group(1), 0) + float(m.group(2))
    m = re.match(r"syndic_entries_new_total(\{[^}]*\})? (\S+)", line)
    if m: t["new"] += float(m.group(2))
print(int(t["ok"]), int(t["not_modified"]), int(t["error"]), int(t["new"]))'
}
SLUGS="ai agriculture entertainment technology business all"
read -r ok0 nm0 err0 new0 < <(polls)
echo "wrk: $THREADS threads, $CONN connections, $DUR, timeout $TIMEOUT; slugs: $SLUGS"
SLUGS="$SLUGS" PARTNER_KEY="$KEY" wrk -t"$THREADS" -c"$CONN" -d"$DUR" --timeout "$TIMEOUT" --latency \
  -s src/bench/load.lua "$BASE" | tee "$DIR/wrk.txt"
read -r ok1 nm1 err1 new1 < <(polls)
echo "polls during the run: $((ok1 - ok0)) ok, $((nm1 - nm0)) not modified, $((err1 - err0)) errors; new entries $((new1 - new0))"
echo "server log: $LOG ($(grep -c ' ERROR ' "$LOG" || true) ERROR lines)"
if grep -q "Non-2xx or 3xx responses\|Socket errors" "$DIR/wrk.txt"; then
  echo "FAILED: some requests did not succeed"
  exit 1
fi
echo "OK: no errors"
