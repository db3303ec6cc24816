/**
 * WebSub (W3C Recommendation, 2018) as a subscriber: a source whose feed names a hub ({@code
 * rel="hub"} beside {@code rel="self"}) is subscribed to it after a poll, and the hub's signed
 * notice that the feed changed makes the source due at once. The notice's body is not stored: it
 * is a signal to poll, and the poll reads the feed as any poll does (decoding, repairs, identity,
 * dedupe, one record per fetch), so a hub can neither bypass that path nor put words in a feed
 * that its publisher did not. Polling goes on at the source's own pace as well: a hub that loses a
 * subscription, or never verifies it, costs nothing but speed.
 *
 * <p>Written here, not taken from a library: the subscriber side is a form POST, a GET to echo a
 * challenge and an HMAC check, and none of the Java WebSub libraries is kept up; the POST goes
 * through {@link dev.syndic.fetch.FeedFetcher#postForm}, the fetcher's SSRF guard (the hub is the
 * feed's choice, not an admin's).
 */
package dev.syndic.push;
