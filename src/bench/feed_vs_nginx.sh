#!/usr/bin/env bash
# Serving a cached category feed vs nginx serving the same bytes from a file, same connections,
# same run. Needs a running Syndic (BASE, admin TOKEN), wrk and nginx on PATH.
#   src/bench/feed_vs_nginx.sh [BASE] [TOKEN] [NGINX_PORT]
# It generates an AI source feed of 60 items, serves it with nginx, subscribes Syndic to it,
# copies Syndic's /feeds/ai.rss (50 items) next to it, then runs wrk against both, alternating.
set -euo pipefail
BASE=${1:-http://127.0.0.1:8080}
TOKEN=${2:-change-me}
PORT=${3:-8096}
DUR=${DUR:-10s}
CONN=${CONN:-50}
THREADS=${THREADS:-2}
DIR=$(mktemp -d /tmp/syndic-bench.XXXXXX)
mkdir -p "$DIR/feeds" "$DIR/logs"

python3 - "$DIR/source.xml" <<'PY'
import sys
items = []
for i in range(60):
    items.append(f"""<item><guid>bench-ai-{i}</guid><title>大模型推理成本下降 第{i}期 / AI model inference costs fall, part {i}</title>
<link>https://bench.example.com/ai/{i}</link><pubDate>Tue, 17 Mar 2026 {i // 60:02d}:{i % 60:02d}:00 GMT</pubDate>
<description><![CDATA[<p>人工智能公司发布新的大模型，推理价格下降。{'研究人员表示，开源模型在代码基准上表现出色。' * 8}</p>
<p>An AI lab released a new large language model; inference prices fell again. {'Researchers say open-weight models now lead coding benchmarks. ' * 6}</p>]]></description></item>""")
open(sys.argv[1], "w").write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bench AI</title>'
    '<link>https://bench.example.com/</link><description>bench</description>' + "\n".join(items) + "</channel></rss>\n")
PY

cat > "$DIR/nginx.conf" <<NGX
worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { application/rss+xml rss; application/xml xml; }
  server {
    listen 127.0.0.1:$PORT;
    root $DIR;
    etag on;
  }
}
NGX
chmod -R a+rX "$DIR"   # nginx workers run unprivileged
nginx -c "$DIR/nginx.conf" -p "$DIR"
trap 'kill $(cat "$DIR/nginx.pid") 2>/dev/null || true' EXIT

URL="http://127.0.0.1:$PORT/source.xml"
curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"url\": \"$URL\", \"category\": \"ai\"}" "$BASE/api/v1/sources"
SRC=$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/sources?limit=500" \
  | python3 -c "import json,sys; print([s['id'] for s in json.load(sys.stdin)['items'] if s['url'] == '$URL'][0])")
curl -sf -X POST -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/sources/$SRC/poll?wait=true" >/dev/null
sleep 2
curl -sf "$BASE/feeds/ai.rss" -o "$DIR/feeds/ai.rss"
ITEMS=$(grep -o '<item>' "$DIR/feeds/ai.rss" | wc -l)
BYTES=$(wc -c < "$DIR/feeds/ai.rss")
ETAG=$(curl -sfI "$BASE/feeds/ai.rss" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
NETAG=$(curl -sfI "http://127.0.0.1:$PORT/feeds/ai.rss" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
echo "feed: $ITEMS items, $BYTES bytes; syndic etag $ETAG; nginx etag $NETAG"

rps() { wrk -t"$THREADS" -c"$CONN" -d"$DUR" "$@" | awk '/Requests\/sec/{print $2}'; }
# Warm both, then alternate so both see the same machine load.
rps "$BASE/feeds/ai.rss" >/dev/null; rps "http://127.0.0.1:$PORT/feeds/ai.rss" >/dev/null
S1=$(rps "$BASE/feeds/ai.rss"); N1=$(rps "http://127.0.0.1:$PORT/feeds/ai.rss")
S2=$(rps "$BASE/feeds/ai.rss"); N2=$(rps "http://127.0.0.1:$PORT/feeds/ai.rss")
C1=$(rps -H "If-None-Match: $ETAG" "$BASE/feeds/ai.rss"); M1=$(rps -H "If-None-Match: $NETAG" "http://127.0.0.1:$PORT/feeds/ai.rss")
C2=$(rps -H "If-None-Match: $ETAG" "$BASE/feeds/ai.rss"); M2=$(rps -H "If-None-Match: $NETAG" "http://127.0.0.1:$PORT/feeds/ai.rss")
python3 - "$S1" "$S2" "$N1" "$N2" "$C1" "$C2" "$M1" "$M2" <<'PY'
import sys
s1, s2, n1, n2, c1, c2, m1, m2 = map(float, sys.argv[1:])
s, n, c, m = (s1 + s2) / 2, (n1 + n2) / 2, (c1 + c2) / 2, (m1 + m2) / 2
print(f"200 full feed:  syndic {s:,.0f} req/s ({s1:,.0f}, {s2:,.0f})  nginx {n:,.0f} req/s ({n1:,.0f}, {n2:,.0f})  ratio {s / n:.2f}")
print(f"304 not modified: syndic {c:,.0f} req/s ({c1:,.0f}, {c2:,.0f})  nginx {m:,.0f} req/s ({m1:,.0f}, {m2:,.0f})  ratio {c / m:.2f}")
print(f"syndic 304 vs syndic 200: {c / s:.2f}x")
PY
