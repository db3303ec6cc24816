/**
 * Outbound feeds: per-category RSS 2.0 and Atom 1.0 rendered with Rome from stored, sanitized
 * entries, each item carrying the republication disclaimer (applied here, at output, never stored
 * into content), plus the OPML list of category feeds. Sits at the HTTP edge.
 */
package dev.syndic.publish;
