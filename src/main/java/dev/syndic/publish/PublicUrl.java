package dev.syndic.publish;

import dev.syndic.config.SiteConfig;
import io.micronaut.http.HttpRequest;

/** This service's public URL: the configured base URL, else the request's Host. */
public final class PublicUrl {

  private PublicUrl() {}

  /** The base URL with no trailing slash. */
  public static String base(SiteConfig site, HttpRequest<?> request) {
    if (!site.baseUrl().isBlank()) {
      return site.baseUrl().replaceAll("/+$", "");
    }
    String host = request.getHeaders().get("Host");
    // A Host header is the client's word: keep only what a host and port can contain.
    if (host == null || !host.matches("[A-Za-z0-9.\\-\\[\\]:]{1,255}")) {
      host = "localhost";
    }
    return "http://" + host;
  }
}
