#!/usr/bin/env bash
# Polling unchanged sources vs a bare JDK HttpClient loop (README, Performance): 10,000 sources
# answering 304, one full cycle of Syndic's scheduler, fetcher and poller vs the same conditional
# GETs with the same concurrency (8), same run, in a JVM with -Xmx512m.
#   src/bench/poll_vs_httpclient.sh [SOURCES]
exec "$(dirname "$0")/run_bench.sh" PollingBench "${HEAP:-512m}" "$@"
