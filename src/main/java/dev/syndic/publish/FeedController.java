package dev.syndic.publish;

import dev.syndic.category.Category;
import dev.syndic.config.SiteConfig;
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
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.util.Optional;

/** {@code GET /feeds/{category}.rss|.atom|.json} ({@code all} = every category) and {@code /feeds.opml}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class FeedController {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  static final String CACHE_CONTROL = "public, max-age=300";
  static final String OPML = "text/x-opml; charset=utf-8";

  private final FeedService feeds;
  private final PopulatedCategories populated;
  private final SiteConfig site;
  private final Clock clock;

  FeedController(FeedService feeds, PopulatedCategories populated, SiteConfig site, Clock clock) {
    this.feeds = feeds;
    this.populated = populated;
    this.site = site;
    this.clock = clock;
  }

  /**
   * The extension names the format, so {@code Accept} chooses nothing here and refuses nothing:
   * readers send the type of the feed they subscribed to ({@code application/rss+xml}), or XML
   * types without {@code *}{@code /*}, and a route producing the default JSON answered them 406.
   */
  @Get(value = "/feeds/{file}", produces = MediaType.ALL)
  @ApiResponse(responseCode = "200", description = "the feed, in the format its extension names (.rss, .atom, .json)"
      + FeedResponses.GZIP_NOTE, content = {
      @Content(mediaType = "application/rss+xml", schema = @Schema(type = "string", description = "RSS 2.0")),
      @Content(mediaType = "application/atom+xml", schema = @Schema(type = "string", description = "Atom 1.0")),
      @Content(mediaType = "application/feed+json", schema = @Schema(implementation = JsonFeedShape.Feed.class))})
  @ApiResponse(responseCode = "304", description = "not modified since If-None-Match or If-Modified-Since" + FeedResponses.NOT_MODIFIED_NOTE)
  @ApiResponse(responseCode = "400", description = "limit is not a number from 1 to 500 (text/plain)")
  @ApiResponse(responseCode = "412", description = "If-Match names no current ETag (strong comparison), or the feed changed after"
      + " If-Unmodified-Since (text/plain)")
  @ApiResponse(responseCode = "404", description = "no such category, a disabled one (said so), or no such format (text/plain)")
  HttpResponse<?> feed(String file,
      @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + MAX_LIMIT, defaultValue = "" + DEFAULT_LIMIT)) @Nullable @QueryValue String limit,
      HttpRequest<?> request) {
    FeedRequest r = FeedRequest.parse(file, limit);
    if (r.error() != null) {
      return FeedResponses.plain(r.status(), r.error());
    }
    if (!feeds.exists(r.slug())) {
      return FeedResponses.plain(HttpStatus.NOT_FOUND, feeds.absence(r.slug()) + " /feeds.opml lists the category feeds.");
    }
    String base = PublicUrl.base(site, request);
    String self = base + "/feeds/" + file + (limit == null ? "" : "?limit=" + r.limit());
    RenderedFeed feed = feeds.feed(r.format(), r.slug(), r.limit(), base, self, OutputOptions.PUBLIC);
    return FeedResponses.send(request, feed, CACHE_CONTROL, clock.instant(), FeedResponses::plain);
  }

  /**
   * Every category feed with something in it: an OPML file is imported in bulk, and a feed with no
   * items looks broken in a reader. Empty categories are still listed on {@code GET /}. Written by
   * {@link XmlOut}, as the feeds are: a name may hold characters XML cannot carry. Always {@code
   * text/x-opml}, whatever the {@code Accept} (readers importing it ask for XML).
   */
  @Get(value = "/feeds.opml", produces = MediaType.ALL)
  HttpResponse<String> opml(HttpRequest<?> request) {
    String base = PublicUrl.base(site, request);
    XmlOut out = new XmlOut().start("opml", "version", "2.0");
    out.start("head").element("title", site.name() + " category feeds").end().start("body");
    outline(out, site.name() + " · 全部 / All", base + "/feeds/all.rss", base + "/");
    for (Category c : feeds.categories()) {
      if (!populated.has(c.slug())) {
        continue;
      }
      outline(out, site.name() + " · " + c.nameZh() + " / " + c.nameEn(), base + "/feeds/" + c.slug() + ".rss", base + "/");
    }
    return HttpResponse.ok(out.end().end().finish()).contentType(OPML);
  }

  /** A parsed {@code /feeds/{file}} request, or why it cannot be served. */
  record FeedRequest(String slug, FeedFormat format, int limit, @Nullable HttpStatus status, @Nullable String error) {

    static FeedRequest parse(String file, @Nullable String limit) {
      int dot = file.lastIndexOf('.');
      Optional<FeedFormat> format = dot < 0 ? Optional.empty() : FeedFormat.byExtension(file.substring(dot + 1));
      if (format.isEmpty()) {
        return new FeedRequest(null, null, 0, HttpStatus.NOT_FOUND,
            "No such feed. Category feeds end in .rss, .atom or .json, e.g. /feeds/ai.rss; /feeds.opml lists them all.");
      }
      int n;
      try {
        n = limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > MAX_LIMIT) {
        return new FeedRequest(null, null, 0, HttpStatus.BAD_REQUEST, "limit must be a number from 1 to " + MAX_LIMIT + ".");
      }
      return new FeedRequest(file.substring(0, dot), format.get(), n, null, null);
    }
  }

  private static void outline(XmlOut out, String title, String url, String site) {
    out.empty("outline", "type", "rss", "text", title, "title", title, "xmlUrl", url, "htmlUrl", site);
  }
}
