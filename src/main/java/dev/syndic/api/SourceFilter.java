package dev.syndic.api;

import dev.syndic.Like;
import dev.syndic.WebLinks;
import dev.syndic.source.Source;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * The filters of the source list, checked (a 400 names a bad one), as the list and a change of
 * many sources read them: null, or a count of 0, is no filter.
 *
 * @param pattern an {@code ILIKE} pattern of {@code q}, a piece of the title or URL
 * @param urlPattern the pattern on the URL: of {@code q} as a URI writes it, as addresses are stored
 *     ("新闻" as "%E6%96%B0%E9%97%BB", a space as "%20")
 * @param hostPattern of {@code q} as an ASCII host name ("例子.中国" as "xn--fsqu00a.xn--fiqs8s"),
 *     where that is another text; else null
 */
record SourceFilter(@Nullable String status, @Nullable Boolean enabled, @Nullable String category, @Nullable String pattern,
    @Nullable String urlPattern, @Nullable String hostPattern, int minErrors, @Nullable Instant noSuccessSince, @Nullable Instant quietSince) {

  static final List<String> STATUSES = List.of(Source.ACTIVE, Source.ERROR, Source.PAUSED);
  static final int MAX_QUERY = 500;

  static SourceFilter of(SourceChecks checks, @Nullable String status, @Nullable String enabled, @Nullable String category, @Nullable String q,
      @Nullable String minErrors, @Nullable String noSuccessSince, @Nullable String quietSince) {
    if (status != null && !STATUSES.contains(status)) {
      throw SourceChecks.bad("status: '" + status + "' is not one of " + STATUSES);
    }
    Boolean on = Limits.flag("enabled", enabled, "", "");
    int errors = Limits.count("minErrors", minErrors);
    if (q != null && q.length() > MAX_QUERY) {
      throw SourceChecks.bad("q: longer than " + MAX_QUERY + " characters");
    }
    String text = q == null || q.isBlank() ? null : q.strip();
    String host = text == null ? null : WebLinks.asciiHost(text);
    return new SourceFilter(status, on, checks.category(category), text == null ? null : Like.contains(text),
        text == null ? null : Like.contains(WebLinks.asUri(text)), host == null || host.equals(text) ? null : Like.contains(host), errors,
        TimeParams.parse("noSuccessSince", noSuccessSince), TimeParams.parse("quietSince", quietSince));
  }

  /**
   * The filters in one form whatever their order or spelling in the query ({@code enabled=TRUE},
   * {@code q= x}): what a deletion of many sources recognizes the same request by.
   */
  String key() {
    // The pattern last: it alone may hold any character, so no two sets of filters give one key.
    return "status=" + orEmpty(status) + "&enabled=" + orEmpty(enabled) + "&category=" + orEmpty(category) + "&minErrors=" + minErrors
        + "&noSuccessSince=" + orEmpty(noSuccessSince) + "&quietSince=" + orEmpty(quietSince) + "&pattern=" + orEmpty(pattern);
  }

  private static String orEmpty(@Nullable Object value) {
    return value == null ? "" : value.toString();
  }

  /**
   * These filters, if any is given; otherwise a 400: a change or deletion of many sources must name
   * them ({@code what}: the verb the message uses, "change" or "delete").
   */
  SourceFilter narrowing(String what) {
    if (!narrows()) {
      throw SourceChecks.bad("name the sources to " + what + " by at least one of the list's filters (status, enabled, category, q, minErrors,"
          + " noSuccessSince, quietSince); enabled=true selects every enabled source");
    }
    return this;
  }

  /** Whether any filter is given. */
  private boolean narrows() {
    return status != null || enabled != null || category != null || pattern != null || minErrors > 0 || noSuccessSince != null
        || quietSince != null;
  }
}
