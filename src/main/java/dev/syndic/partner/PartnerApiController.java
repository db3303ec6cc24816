package dev.syndic.partner;

import dev.syndic.entry.EntryFilter;
import dev.syndic.publish.FeedResponses;
import dev.syndic.publish.FeedService;
import dev.syndic.publish.JsonFeedShape;
import dev.syndic.publish.OutputOptions;
import dev.syndic.publish.PartnerRendering;
import dev.syndic.security.BearerHeader;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The partner API. {@code GET /partner/v1/entries}: newest first, keyset paging (a cursor names
 * the last entry seen, so entries arriving meanwhile never shift or repeat a page); or, with
 * {@code order=arrival}, in the order entries became visible, paged by position, for partners that
 * stay in sync; {@code GET /partner/v1/feeds/{category}.rss|.atom|.json}: private feeds. 401
 * without a valid key, 403 outside the grant, 429 with Retry-After over the rate. The key comes
 * as a bearer token or as {@code ?key=} (either scheme of the OpenAPI document).
 */
@Controller("/partner/v1")
@SecurityRequirement(name = "partner")
@SecurityRequirement(name = "partnerKey")
@ExecuteOn(TaskExecutors.BLOCKING)
final class PartnerApiController {

  static final String REALM = "syndic-partner";
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final PartnerAuth auth;
  private final RateLimiter limiter;
  private final PartnerUsage usage;
  private final PartnerPages pages;
  private final FeedService feeds;
  private final PartnerRendering rendering;
  private final Clock clock;

  PartnerApiController(PartnerAuth auth, RateLimiter limiter, PartnerUsage usage, PartnerPages pages, FeedService feeds,
      PartnerRendering rendering, Clock clock) {
    this.auth = auth;
    this.limiter = limiter;
    this.usage = usage;
    this.pages = pages;
    this.feeds = feeds;
    this.rendering = rendering;
    this.clock = clock;
  }

  /**
   * The partner's entries, newest first or in arrival order. The answer is {@code {"items": [...],
   * "next": ...}}. Newest first by publication time (the default, {@code order=published}): {@code
   * next} is the cursor of the next page, null at the end. In arrival order ({@code
   * order=arrival}), for staying in sync: oldest first in the order entries became visible, each
   * item with its {@code position}; an entry comes again when its content changes or it is shown
   * again; {@code removed} lists, with their positions, the items that left the list among the
   * page's positions (hidden, deleted, made a copy of another story, taken out of the categories
   * read); {@code next} is never null: at the end it is the position to ask after later, which then
   * answers exactly what arrived and left since; {@code more} says whether to ask again at once. Hidden
   * entries and entries outside the grant are never listed. 400 names a bad parameter, and refuses
   * {@code since} or {@code cursor} with {@code order=arrival} and {@code after} without it.
   *
   * @param category a category slug, or {@code all} (the default): every granted category
   * @param order {@code published} (the default) or {@code arrival}
   * @param since newest first only: an ISO-8601 instant; older entries end the list
   * @param cursor newest first only: the {@code next} of the previous page
   * @param after arrival order only: the {@code next} of the previous page, or an item's {@code
   *     position}; absent: from the first entry
   * @param limit items per page, 1 to 500, default 50
   */
  @Get("/entries")
  @ApiResponse(responseCode = "200", description = "a page: newest first (PartnerEntries), or in arrival order with order=arrival "
      + "(PartnerArrivals)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
          schema = @Schema(oneOf = {PartnerShapes.Entries.class, PartnerShapes.Arrivals.class})))
  @ApiResponse(responseCode = "400", description = "a parameter is wrong; the detail names it")
  @ApiResponse(responseCode = "401", description = "no partner key, or not one in force (unknown, rotated, deleted, disabled)")
  @ApiResponse(responseCode = "403", description = "the category is not granted to this partner")
  @ApiResponse(responseCode = "404", description = "no such category")
  @ApiResponse(responseCode = "410", description = "order=arrival: 'after' is older than a removal deleted since (removals are kept "
      + "syndic.retention.departure-max-age); start again without 'after'")
  @ApiResponse(responseCode = "429", description = "over the partner's rate; Retry-After says when to ask again")
  MutableHttpResponse<?> partnerEntries(HttpRequest<?> request, @Nullable @QueryValue String category, @Nullable @QueryValue String order,
      @Nullable @QueryValue String since, @Nullable @QueryValue String cursor, @Nullable @QueryValue String after,
      @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + MAX_LIMIT, defaultValue = "" + DEFAULT_LIMIT)) @Nullable @QueryValue String limit) {
    Optional<Partner> found = auth.partner(request);
    if (found.isEmpty()) {
      return unauthorized(request);
    }
    Partner p = found.get();
    Optional<MutableHttpResponse<?>> limited = rate(p);
    if (limited.isPresent()) {
      return limited.get();
    }
    if (category != null && !feeds.exists(category)) {
      return problem(HttpStatus.NOT_FOUND, feeds.disabled(category)
          ? "category: '" + category + "' is disabled; its entries are listed again once an admin enables it (in arrival order, read on "
              + "from the position you kept)"
          : "category: no category '" + category + "'");
    }
    if (category != null && !category.equals(FeedService.ALL) && !p.grants(category)) {
      return forbidden(category, p);
    }
    // Each parameter read on its own, so the answer names the one that is wrong.
    String ordering = order == null ? "published" : order.strip();
    if (!ordering.equals("published") && !ordering.equals("arrival")) {
      return problem(HttpStatus.BAD_REQUEST, "order: must be 'published' (newest first, the default) or 'arrival' (in the order entries "
          + "became visible), was '" + order + "'");
    }
    int n;
    try {
      n = limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit.strip());
    } catch (NumberFormatException e) {
      return problem(HttpStatus.BAD_REQUEST, "limit: must be a whole number from 1 to " + MAX_LIMIT);
    }
    if (ordering.equals("arrival")) {
      return arrivals(p, category, since, cursor, after, n);
    }
    if (after != null) {
      return problem(HttpStatus.BAD_REQUEST, "after: pages in arrival order only (order=arrival); newest-first pages go on with 'cursor'");
    }
    Instant from;
    try {
      from = since == null ? null : Instant.parse(since.strip());
    } catch (DateTimeParseException e) {
      return problem(HttpStatus.BAD_REQUEST, "since: must be an ISO-8601 instant such as 2026-03-17T00:00:00Z");
    }
    EntryFilter.Position resume;
    try {
      resume = cursor == null ? null : PartnerCursor.read(cursor);
    } catch (IllegalArgumentException e) {
      return problem(HttpStatus.BAD_REQUEST, "cursor: not a cursor this API gave out; pass 'next' of the previous page unchanged");
    }
    if (n < 1 || n > MAX_LIMIT) {
      return problem(HttpStatus.BAD_REQUEST, "limit: must be between 1 and " + MAX_LIMIT + ", was " + n);
    }
    String slug = category == null || category.equals(FeedService.ALL) ? null : category;
    PartnerShapes.Entries page = pages.page(p, slug, resume, from, n, options(p));
    usage.count(p.id(), LocalDate.now(clock.withZone(ZoneOffset.UTC)), page.items().size(), false);
    return HttpResponse.ok(page).header("Cache-Control", "private, no-store");
  }

  private MutableHttpResponse<?> arrivals(Partner p, String category, String since, String cursor, String after, int n) {
    if (since != null || cursor != null) {
      return problem(HttpStatus.BAD_REQUEST, (since != null ? "since" : "cursor") + ": not with order=arrival, which pages by position: "
          + "pass 'after' (the 'next' of the previous page), or nothing to start from the first entry");
    }
    PartnerCursor.Arrival from;
    try {
      from = after == null ? null : PartnerCursor.readArrivalToken(after);
    } catch (IllegalArgumentException e) {
      return problem(HttpStatus.BAD_REQUEST, "after: not a position this API gave out; pass 'next' of the previous page (or an item's "
          + "'position') unchanged");
    }
    if (n < 1 || n > MAX_LIMIT) {
      return problem(HttpStatus.BAD_REQUEST, "limit: must be between 1 and " + MAX_LIMIT + ", was " + n);
    }
    // Asked before the page is read: a removal deleted meanwhile must not go unnoticed either.
    if (from != null && from.missedRemovals(pages.removalsDeletedThrough())) {
      return problem(HttpStatus.GONE, "after: older than the removals this service still lists (they are kept for "
          + "syndic.retention.departure-max-age, 30 days by default), so items removed since may be in your copy; start again "
          + "without 'after' and replace your copy with what it lists");
    }
    String slug = category == null || category.equals(FeedService.ALL) ? null : category;
    Optional<PartnerShapes.Arrivals> found = pages.arrivals(p, slug, from, n, options(p));
    if (found.isEmpty()) {
      return problem(HttpStatus.BAD_REQUEST, "after: past the newest position this service has given (a position from another "
          + "database, or from before it was restored from an older backup); start again without 'after'");
    }
    PartnerShapes.Arrivals page = found.get();
    usage.count(p.id(), LocalDate.now(clock.withZone(ZoneOffset.UTC)), page.items().size(), false);
    return HttpResponse.ok(page).header("Cache-Control", "private, no-store");
  }

  /** Any {@code Accept}: the extension names the format, as in the public feeds. */
  @Get(value = "/feeds/{file}", produces = MediaType.ALL)
  @ApiResponse(responseCode = "200", description = "the feed, in the format its extension names (.rss, .atom, .json), rendered for "
      + "the partner" + FeedResponses.GZIP_NOTE, content = {
          @Content(mediaType = "application/rss+xml", schema = @Schema(type = "string", description = "RSS 2.0")),
          @Content(mediaType = "application/atom+xml", schema = @Schema(type = "string", description = "Atom 1.0")),
          @Content(mediaType = "application/feed+json", schema = @Schema(implementation = JsonFeedShape.Feed.class))})
  @ApiResponse(responseCode = "304", description = "not modified since If-None-Match or If-Modified-Since" + FeedResponses.NOT_MODIFIED_NOTE)
  @ApiResponse(responseCode = "401", description = "no partner key, or not one in force (unknown, rotated, deleted, disabled)")
  @ApiResponse(responseCode = "403", description = "the category is not granted to this partner (all needs an 'all' grant)")
  @ApiResponse(responseCode = "404", description = "no such category, or no such format")
  @ApiResponse(responseCode = "429", description = "over the partner's rate; Retry-After says when to ask again")
  MutableHttpResponse<?> privateFeed(HttpRequest<?> request, String file,
      @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + MAX_LIMIT, defaultValue = "" + DEFAULT_LIMIT)) @Nullable @QueryValue String limit) {
    Optional<Partner> found = auth.partner(request);
    if (found.isEmpty()) {
      return unauthorized(request);
    }
    Partner p = found.get();
    Optional<MutableHttpResponse<?>> limited = rate(p);
    if (limited.isPresent()) {
      return limited.get();
    }
    MutableHttpResponse<?> response = rendering.feed(request, file, limit, options(p), p.updatedAt(),
        slug -> slug.equals(FeedService.ALL) && !p.categories().contains(Partner.ALL) || !slug.equals(FeedService.ALL) && !p.grants(slug)
            ? Optional.of(forbidden(slug, p)) : Optional.empty(), PartnerApiController::problem);
    usage.count(p.id(), LocalDate.now(clock.withZone(ZoneOffset.UTC)), 0, false);
    return response;
  }

  private static OutputOptions options(Partner p) {
    return new OutputOptions(p.disclaimerVariant(), p.fullContent(), p.related());
  }

  private Optional<MutableHttpResponse<?>> rate(Partner p) {
    RateLimiter.Decision d = limiter.take(p.id(), p.ratePerMinute());
    if (d.allowed()) {
      return Optional.empty();
    }
    usage.count(p.id(), LocalDate.now(clock.withZone(ZoneOffset.UTC)), 0, true);
    long seconds = Math.max(1, (d.retryAfter().toMillis() + 999) / 1000);
    return Optional.of(problem(HttpStatus.TOO_MANY_REQUESTS, "over the rate of " + p.ratePerMinute() + " requests per minute; retry after "
        + seconds + " s").header("Retry-After", Long.toString(seconds)));
  }

  /**
   * 401, the same on every partner route: without a key, and with one that is not in force
   * (unknown, rotated, deleted, or its partner disabled). As RFC 6750 has it, a key that was sent
   * is named {@code invalid_token}. Basic credentials and {@code Bearer} alone are told what to
   * send instead, in the admin API's words ({@link BearerHeader}), unless a {@code ?key=} was the
   * key tried.
   */
  private static MutableHttpResponse<?> unauthorized(HttpRequest<?> request) {
    boolean sent = request.getHeaders().getAuthorization().isPresent() || request.getParameters().contains("key");
    BearerHeader header = BearerHeader.of(request);
    String invalid = "the key is not a valid partner key";
    String detail = header.kind() != BearerHeader.Kind.TOKEN && request.getParameters().contains("key") ? invalid
        : header.refusal("send your partner key: 'Authorization: Bearer <key>'", invalid, "key");
    return problem(HttpStatus.UNAUTHORIZED, detail)
        .header("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"" + (sent ? ", error=\"invalid_token\"" : ""));
  }

  /** 403, the same on every partner route: a valid key, a category outside its grant ({@code insufficient_scope}, RFC 6750). */
  private static MutableHttpResponse<?> forbidden(String category, Partner p) {
    String detail = category.equals(FeedService.ALL)
        ? "the feed of every category needs an 'all' grant; this partner is granted " + p.categories() + ": ask for their feeds, or for "
            + "/partner/v1/entries, which lists every granted category"
        : "category '" + category + "' is not granted to this partner; granted: " + p.categories();
    return problem(HttpStatus.FORBIDDEN, detail)
        .header("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\"");
  }

  static MutableHttpResponse<?> problem(HttpStatus status, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", status.getReason());
    body.put("status", status.getCode());
    body.put("detail", detail);
    return HttpResponse.status(status).contentType(MediaType.of("application/problem+json")).body(body);
  }
}
