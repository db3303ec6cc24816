package dev.syndic;

import io.micronaut.runtime.Micronaut;

/** Starts Syndic: the HTTP server, the embedded database unless disabled, and the poller. */
public final class Application {

  private Application() {}

  public static void main(String[] args) {
    allowHostHeader();
    boundIdleConnections();
    Micronaut.build(args).banner(false).start();
  }

  /** How long the feed fetcher keeps an idle connection for a next request to its host, in seconds. */
  static final String IDLE_CONNECTION_SECONDS = "60";

  /**
   * Closes the feed fetcher's idle connections after a minute unless the JVM was told otherwise
   * ({@code -Djdk.httpclient.keepalive.timeout}): the JDK 17 client keeps each for 20 minutes, and
   * a poller talking to thousands of hosts whose servers keep connections open (CDNs keep them
   * for minutes) held a socket, a file descriptor and buffers for every host it polled in those
   * 20 minutes. Read once, when the JDK's HTTP client first loads: before anything else runs.
   */
  static void boundIdleConnections() {
    if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
      System.setProperty("jdk.httpclient.keepalive.timeout", IDLE_CONNECTION_SECONDS);
    }
  }

  /**
   * Lets the feed fetcher send a Host header of its own, so that a plain-http request connects to
   * the address the SSRF guard checked (FeedFetcher.pinnedAddress). Read once, when the JDK's
   * HTTP client first loads: before anything else runs.
   */
  static void allowHostHeader() {
    String key = "jdk.httpclient.allowRestrictedHeaders";
    // The client splits the value at commas and does not trim: write the names trimmed.
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    for (String name : System.getProperty(key, "").split(",")) {
      if (!name.isBlank()) {
        names.add(name.strip().toLowerCase(java.util.Locale.ROOT));
      }
    }
    names.add("host");
    System.setProperty(key, String.join(",", names));
  }
}
