#!/usr/bin/env bash
# Ingest vs Rome parsing alone (README, Performance): 1,000 synthetic feeds of 50 entries served
# on 127.0.0.1, polled by Syndic's scheduler through fetch, parse, clean, store, categorize and
# dedupe, vs Rome parsing the same bytes on one thread, same run.
#   src/bench/ingest_vs_rome.sh [FEEDS] [ENTRIES_PER_FEED]
exec "$(dirname "$0")/run_bench.sh" IngestBench "${HEAP:-1g}" "$@"
