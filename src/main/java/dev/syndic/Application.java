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
