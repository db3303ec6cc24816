/**
 * Syndic: a feed aggregator and syndication server.
 *
 * <p>One package per step of the pipeline ({@code fetch}, {@code parse}, {@code clean}, {@code
 * classify}), one per stored thing ({@code source}, {@code entry}), {@code ingest} composing them,
 * and {@code api} and {@code publish} at the HTTP edges. The pure steps know nothing of SQL or
 * HTTP controllers. Here, what several of them share: {@link dev.syndic.Sha256}, {@link
 * dev.syndic.HttpDates} (times in HTTP header fields), {@link
 * dev.syndic.SqlArrays}, {@link dev.syndic.WebLinks} (what a web address is, and a relative link
 * resolved), and {@link dev.syndic.RequiredLiterals} (the literals a regular
 * expression needs, so that it runs only on texts holding them: rule expressions in {@code
 * classify}, the disclaimer expression in {@code clean}).
 */
package dev.syndic;
