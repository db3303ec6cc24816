/**
 * Operating Syndic: the OpenAPI document at {@code /openapi.yml}, Prometheus metrics at {@code
 * /metrics}, health details, retention of old entries, releasing this instance's poll claims
 * on shutdown, and every route's answers to HEAD (the header fields of a GET) and OPTIONS, and every answer's Date. Depends on {@code source} and {@code ingest} for instance identity and claims; the
 * pipeline reports to it through {@link dev.syndic.ops.PipelineMetrics} and knows nothing else of it.
 */
package dev.syndic.ops;
