package dev.syndic.api;

import dev.syndic.WebLinks;
import dev.syndic.category.CategoryStore;
import dev.syndic.clean.ContentCleaner;
import dev.syndic.fetch.FeedFetcher;
import dev.syndic.source.Source;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;

/** Validates source input and applies a patch, answering 400 with what is wrong. */
@Singleton
final class SourceChecks {

  /** The bounds of an admin's poll interval, in seconds ({@link SourceInput} reads them too). */
  static final int MIN_INTERVAL = 60;

  static final int MAX_INTERVAL = 7 * 24 * 3600;

  private final CategoryStore categories;
  private final FeedFetcher fetcher;

  SourceChecks(CategoryStore categories, FeedFetcher fetcher) {
    this.categories = categories;
    this.fetcher = fetcher;
  }

  String url(String raw) {
    if (raw == null || raw.isBlank()) {
      throw bad("url: required, the address of an RSS or Atom feed");
    }
    String url = raw.strip();
    if (url.length() > Source.MAX_URL) {
      throw bad("url: longer than " + Source.MAX_URL + " characters");
    }
    try {
      URI uri = parsed(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (scheme.equals("file")) {
        // Refused now, not by every poll from now on.
        String refused = fetcher.fileRefusal(uri);
        if (refused != null) {
          throw bad("url: '" + url + "': " + refused);
        }
        return url;
      }
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw bad("url: must start with http:// or https:// (or be a file: URL under syndic.fetch.file-root), was '" + url + "'");
      }
      if (uri.getRawAuthority() == null || uri.getRawAuthority().isBlank()) {
        throw bad("url: has no host name: '" + url + "'");
      }
      WebLinks.Authority authority = WebLinks.Authority.of(uri);
      if (authority == null) {
        throw unreachable(uri);
      }
      // URI takes any digits as a port, and a host it cannot read (例子.中国, an underscore) with
      // any text after the colon; the HTTP client refuses such a port only when polling.
      if (!authority.portIsTcp()) {
        throw bad("url: port " + authority.port() + " is not a TCP port (1 to 65535)");
      }
      // A Chinese host name (例子.中国) or path (/新闻/rss.xml) is kept in its URI form (punycode,
      // percent-encoded), which is what the HTTP client can request; the address is the same.
      URI asUri = new URI(WebLinks.asUri(url));
      // Digits and dots are an IPv4 address or nothing: the words for a host name (letters,
      // hyphens) told an admin who mistyped 999.1.1.1 nothing of what is wrong.
      String numeric = FeedFetcher.numericHostRefusal(asUri.getHost() != null ? asUri.getHost() : authority.host(), asUri.getHost() != null);
      if (numeric != null) {
        throw bad("url: " + numeric);
      }
      if (asUri.getHost() == null) {
        throw unreachable(uri);
      }
      return WebLinks.sameAddress(asUri);
    } catch (URISyntaxException e) {
      throw bad("url: not a valid URL (" + e.getMessage() + ")");
    }
  }

  /**
   * The address as a URI; a web address with characters a URI must percent-encode (a space,
   * quotes, braces: a search feed's query as typed) in its URI form, which is what is stored and
   * requested (the poller requests links so), where it was a 400 "Illegal character in query".
   */
  private static URI parsed(String url) throws URISyntaxException {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      if (!WebLinks.isWeb(url)) {
        throw e;
      }
      try {
        return new URI(WebLinks.asUri(url));
      } catch (URISyntaxException stillNot) {
        throw e;
      }
    }
  }

  private static HttpStatusException unreachable(URI uri) {
    return bad("url: '" + uri.getRawAuthority() + "' is not a host name an HTTP client can reach (letters, digits, hyphens and dots;"
        + " no underscore)");
  }

  String category(String slug) {
    if (slug == null || slug.isBlank()) {
      return null;
    }
    if (categories.bySlug(slug).isEmpty()) {
      throw bad("category: no category '" + slug + "'; GET /api/v1/categories lists them");
    }
    return slug;
  }

  /** The longest name an admin gives a source, in characters. */
  static final int MAX_TITLE = 500;

  /** An admin's name for a source, stripped; null for none (the feed's own title is taken then). */
  String title(String title) {
    if (title == null || title.isBlank()) {
      return null;
    }
    String t = title.strip();
    if (Limits.characters(t) > MAX_TITLE) {
      throw bad("title: at most " + MAX_TITLE + " characters, was " + Limits.characters(t));
    }
    return t;
  }

  /**
   * An imported outline's title, cut to {@link #MAX_TITLE} characters rather than refused: an
   * export of an instance that stored a feed's overlong title before titles were bounded must
   * still import whole.
   */
  String importedTitle(String title) {
    if (title == null || title.isBlank()) {
      return null;
    }
    return ContentCleaner.cut(title.strip(), MAX_TITLE);
  }

  Integer interval(Integer seconds) {
    if (seconds != null && (seconds < MIN_INTERVAL || seconds > MAX_INTERVAL)) {
      throw bad("pollIntervalSeconds: must be between " + MIN_INTERVAL + " and " + MAX_INTERVAL + ", was " + seconds);
    }
    return seconds;
  }

  Source patch(Source s, SourceInput in, Instant now) {
    String url = in.url() == null ? s.url() : url(in.url());
    String title = in.title() == null ? s.title() : title(in.title());
    String category = in.category() == null ? s.defaultCategory() : category(in.category());
    boolean enabled = in.enabled() == null ? s.enabled() : in.enabled();
    Integer interval = in.pollIntervalSeconds() == null ? s.pollIntervalSeconds() : interval(in.pollIntervalSeconds());
    String status = s.status();
    String reason = s.statusReason();
    Instant next = s.nextPollAt();
    if (in.status() != null) {
      switch (in.status()) {
        case Source.PAUSED -> {
          status = Source.PAUSED;
          reason = "paused by an admin";
        }
        case Source.ACTIVE -> {
          status = Source.ACTIVE;
          reason = null;
          next = now;
        }
        default -> throw bad("status: must be 'active' or 'paused', was '" + in.status() + "'");
      }
    }
    if (!url.equals(s.url())) {
      next = now;
    }
    return s.withSettings(url, title, category, enabled, status, reason, interval, next, now);
  }

  static HttpStatusException bad(String detail) {
    return new HttpStatusException(HttpStatus.BAD_REQUEST, detail);
  }
}
