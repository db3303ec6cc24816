/**
 * Outbound feeds: per-category RSS 2.0, Atom 1.0 and JSON Feed 1.1 written from stored, sanitized
 * entries (StAX for XML: Rome cannot write {@code atom:link} or {@code <source>} in RSS), each
 * item carrying the republication disclaimer chosen from templates (applied here, at output,
 * never stored into content) and optionally a related-reading block; the human home page; the
 * OPML list; the in-memory feed cache keyed by the PostgreSQL feed version; WebSub pings. Sits at
 * the HTTP edge; must not depend on {@code partner} (which uses it) or on ingest internals.
 */
package dev.syndic.publish;
