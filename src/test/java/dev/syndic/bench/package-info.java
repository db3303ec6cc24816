/**
 * Benchmarks of issue 3 (ingest vs Rome, polling vs a bare HttpClient loop) and of the admin API at
 * a hundred thousand sources (against the bare JDBC work under each call): main classes run by the
 * scripts in {@code src/bench/}, never by {@code ./mvnw test} (no class here is named *Test).
 * Each figure is a ratio to a reference measured in the same JVM run, because the machines are
 * shared and noisy.
 */
package dev.syndic.bench;
