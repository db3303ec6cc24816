package dev.syndic;

import io.micronaut.runtime.Micronaut;

/** Starts Syndic: the HTTP server, the embedded database unless disabled, and the poller. */
public final class Application {

  private Application() {}

  public static void main(String[] args) {
    allowHostHeader();
    Micronaut.build(args).banner(false).start();
  }

  /**
   * Lets the feed fetcher send a Host header of its own, so that a plain-http request connects to
   * the address the SSRF guard checked (FeedFetcher.pinnedAddress). Read once, when the JDK's
   * HTTP client first loads: before anything else runs.
   */
  static void allowHostHeader() {
    String key = "jdk.httpclient.allowRestrictedHeaders";
    String current = System.getProperty(key, "");
    if (!current.toLowerCase(java.util.Locale.ROOT).contains("host")) {
      System.setProperty(key, current.isBlank() ? "host" : current + ",host");
    }
  }
}
