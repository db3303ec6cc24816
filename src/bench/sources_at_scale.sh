#!/usr/bin/env bash
# The admin API at a hundred thousand sources (README, Operating Syndic, "A hundred thousand
# sources"): import of a generated OPML file, list pages and filters, /health and /metrics, changes
# of many sources, deletions and the export, each through the HTTP API against the bare JDBC work
# under it, same run, in a JVM with -Xmx512m; polling off, every source at a .test address.
#   src/bench/sources_at_scale.sh [SOURCES]
exec "$(dirname "$0")/run_bench.sh" SourcesAtScaleBench "${HEAP:-512m}" "$@"
