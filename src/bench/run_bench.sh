#!/usr/bin/env bash
# Runs a benchmark main class of src/test/java/dev/syndic/bench in its own JVM (not Maven's, so
# the heap flag is the benchmark's own), after compiling the tests. Used by the scripts next
# to it; logs (one line per poll) go to target/bench-*.log, results to stdout.
#   src/bench/run_bench.sh CLASS HEAP [ARGS...]
set -euo pipefail
cd "$(dirname "$0")/../.."
CLASS=$1; HEAP=$2; shift 2
# Maven 3.9 prints SLF4J provider warnings under -q; the build's own errors still show.
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test 2>&1 \
  | { grep -v '^SLF4J' || true; }
JAVA=${JAVA:-java}
LOG=target/bench-${CLASS}.log
exec "$JAVA" -Xmx"$HEAP" -Xms"$HEAP" -Djdk.httpclient.allowRestrictedHeaders=host ${JAVA_OPTS:-} \
  -Dlogback.configurationFile=src/bench/logback-bench.xml -Dbench.log="$LOG" \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" "$( [[ $CLASS == *.* ]] && echo "$CLASS" || echo "dev.syndic.bench.$CLASS")" "$@"
