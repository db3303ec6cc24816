/**
 * Fetching a feed's bytes: HTTP(S) with conditional GET, decompression, redirects checked hop by
 * hop, timeouts and a size cap; {@code file:} URLs only under the configured root. Outcomes are
 * values of {@link dev.syndic.fetch.FetchResult}, never exceptions.
 *
 * <p>Built on the JDK {@link java.net.http.HttpClient}; redirects are followed by hand so that
 * every hop goes through {@link dev.syndic.fetch.AddressGuard}. Knows nothing of SQL or parsing.
 */
package dev.syndic.fetch;
