package dev.syndic.publish;

import dev.syndic.category.Category;
import dev.syndic.category.CategoryCatalog;
import dev.syndic.config.SiteConfig;
import dev.syndic.entry.EntryFilter;
import dev.syndic.entry.EntryQueries;
import dev.syndic.entry.EntryRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** {@code GET /feeds/{category}.rss|.atom} ({@code all} = every category) and {@code /feeds.opml}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class FeedController {

  static final String ALL = "all";
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final EntryQueries entries;
  private final CategoryCatalog catalog;
  private final FeedRenderer renderer;
  private final SiteConfig site;

  FeedController(EntryQueries entries, CategoryCatalog catalog, FeedRenderer renderer, SiteConfig site) {
    this.entries = entries;
    this.catalog = catalog;
    this.renderer = renderer;
    this.site = site;
  }

  @Get("/feeds/{file}")
  HttpResponse<?> feed(String file, @Nullable @QueryValue String limit, HttpRequest<?> request) {
    int dot = file.lastIndexOf('.');
    Optional<FeedFormat> format = dot < 0 ? Optional.empty() : FeedFormat.byExtension(file.substring(dot + 1));
    if (format.isEmpty()) {
      return plain(HttpStatus.NOT_FOUND, "No such feed. Category feeds end in .rss or .atom, e.g. /feeds/ai.rss; /feeds.opml lists them all.");
    }
    String slug = file.substring(0, dot);
    Optional<Category> category = catalog.categories().stream().filter(c -> c.enabled() && c.slug().equals(slug)).findFirst();
    if (!slug.equals(ALL) && category.isEmpty()) {
      return plain(HttpStatus.NOT_FOUND, "No category '" + slug + "'. /feeds.opml lists the category feeds.");
    }
    int n;
    try {
      n = limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > MAX_LIMIT) {
      return plain(HttpStatus.BAD_REQUEST, "limit must be a number from 1 to " + MAX_LIMIT + ".");
    }
    List<EntryRow> rows = entries.list(new EntryFilter(null, slug.equals(ALL) ? null : slug, null, n, false, true));
    String base = baseUrl(request);
    String title = category.map(c -> site.name() + " · " + c.nameZh() + " / " + c.nameEn()).orElse(site.name() + " · 全部 / All");
    String description = category.map(c -> c.description().isBlank() ? c.nameEn() : c.description()).orElse("Every category of " + site.name());
    String self = base + "/feeds/" + file + (limit == null ? "" : "?limit=" + n);
    String body = renderer.render(new FeedRenderer.Channel(slug, title, description, self, base + "/"), rows, format.get());
    String etag = "\"" + sha256(body).substring(0, 32) + "\"";
    Instant newest = rows.stream().map(EntryRow::updatedAt).max(Instant::compareTo).orElse(Instant.EPOCH);
    String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(newest.atOffset(ZoneOffset.UTC));
    boolean matches = request.getHeaders().get("If-None-Match", String.class).map(v -> v.contains(etag)).orElse(false);
    var response = matches ? HttpResponse.status(HttpStatus.NOT_MODIFIED) : HttpResponse.ok(body).contentType(format.get().contentType);
    return response.header("ETag", etag).header("Last-Modified", lastModified).header("Cache-Control", "public, max-age=300");
  }

  @Get(value = "/feeds.opml", produces = "text/x-opml; charset=utf-8")
  String opml(HttpRequest<?> request) {
    String base = baseUrl(request);
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n<head><title>")
        .append(xml(site.name())).append(" category feeds</title></head>\n<body>\n");
    outline(out, site.name() + " · 全部 / All", base + "/feeds/all.rss");
    for (Category c : catalog.categories()) {
      if (c.enabled()) {
        outline(out, site.name() + " · " + c.nameZh() + " / " + c.nameEn(), base + "/feeds/" + c.slug() + ".rss");
      }
    }
    return out.append("</body>\n</opml>\n").toString();
  }

  private static void outline(StringBuilder out, String title, String url) {
    out.append("<outline type=\"rss\" text=\"").append(xml(title)).append("\" title=\"").append(xml(title))
        .append("\" xmlUrl=\"").append(xml(url)).append("\"/>\n");
  }

  private String baseUrl(HttpRequest<?> request) {
    if (!site.baseUrl().isBlank()) {
      return site.baseUrl().replaceAll("/+$", "");
    }
    String host = request.getHeaders().get("Host");
    return "http://" + (host == null || host.isBlank() ? "localhost" : host);
  }

  private static HttpResponse<String> plain(HttpStatus status, String message) {
    return HttpResponse.<String>status(status).contentType(MediaType.TEXT_PLAIN_TYPE).body(message + "\n");
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
