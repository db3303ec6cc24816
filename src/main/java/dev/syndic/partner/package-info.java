/**
 * Partners: sites that republish curated entries. Partners are data (granted categories, rate,
 * full content or summary, related block, disclaimer variant) with API keys stored only as
 * hashes; the partner API ({@code /partner/v1}) authenticates them, limits their rate with one
 * token bucket per partner in PostgreSQL that every instance leases from, and counts their usage
 * in PostgreSQL. Entries are listed newest first (cursor pages) or in arrival order (positions
 * that {@code entry.ArrivalSequencer} gives in commit order, to what arrived and to what left), for
 * partners that stay in sync.
 * Rendering is {@code publish}'s; this package decides who may see what. A partner key never
 * opens {@code /api}: that filter accepts admin tokens only.
 */
package dev.syndic.partner;
