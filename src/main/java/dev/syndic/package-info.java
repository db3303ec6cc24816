/**
 * Syndic: a feed aggregator and syndication server.
 *
 * <p>One package per step of the pipeline ({@code fetch}, {@code parse}, {@code clean}, {@code
 * classify}), one per stored thing ({@code source}, {@code entry}), {@code ingest} composing them,
 * and {@code api} and {@code publish} at the HTTP edges. The pure steps know nothing of SQL or
 * HTTP controllers.
 */
package dev.syndic;
