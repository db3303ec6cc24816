package dev.syndic.api;

import dev.syndic.catalogue.OpmlImport;
import dev.syndic.catalogue.OpmlOutline;
import dev.syndic.catalogue.OpmlReader;
import dev.syndic.catalogue.OpmlExport;
import dev.syndic.category.Recategorizer;
import dev.syndic.config.SiteConfig;
import dev.syndic.entry.EntryRemoval;
import dev.syndic.ingest.PollAnswer;
import dev.syndic.ingest.PollNow;
import dev.syndic.source.FetchRecord;
import dev.syndic.source.FetchRecordRepository;
import dev.syndic.source.Source;
import dev.syndic.source.SourceRepository;
import dev.syndic.source.SourceStats;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;

/** Sources: list, create, get, patch, delete, poll now, fetch history, stats, OPML import and export. */
@Controller("/api/v1/sources")
@ExecuteOn(TaskExecutors.BLOCKING)
@SecurityRequirement(name = "admin")
final class SourceController {

  /**
   * An import's bounds: room for an export of 200,000 sources (one of 100,000 is some 21 MB),
   * which is read as a stream, so that what it holds in memory is the subscriptions alone.
   */
  static final int MAX_OPML_BYTES = 48 * 1024 * 1024;
  static final int MAX_OPML_OUTLINES = 200_000;

  private final SourceRepository sources;
  private final FetchRecordRepository fetches;
  private final SourceChecks checks;
  private final PollNow pollNow;
  private final Clock clock;
  private final OpmlImport opmlImport;
  private final OpmlExport opmlExport;
  private final SourceStats stats;
  private final SiteConfig site;
  private final EntryRemoval removal;
  private final Recategorizer recategorizer;
  private final JsonMapper json;

  SourceController(SourceRepository sources, FetchRecordRepository fetches, SourceChecks checks, PollNow pollNow, Clock clock,
      OpmlImport opmlImport, OpmlExport opmlExport, SourceStats stats, SiteConfig site, EntryRemoval removal, Recategorizer recategorizer,
      JsonMapper json) {
    this.json = json;
    this.opmlExport = opmlExport;
    this.recategorizer = recategorizer;
    this.opmlImport = opmlImport;
    this.removal = removal;
    this.stats = stats;
    this.site = site;
    this.sources = sources;
    this.fetches = fetches;
    this.checks = checks;
    this.pollNow = pollNow;
    this.clock = clock;
  }

  /**
   * Lists sources by id, with cursor paging, narrowed by any of: {@code status} (active, error,
   * paused), {@code enabled}, {@code category} (the source's default category), {@code q} (a
   * piece of the URL or title, any case), {@code minErrors} (consecutive errors at least),
   * {@code noSuccessSince} (a date or instant: no successful poll since then, or never) and {@code
   * quietSince} (no new entry since then, or never: with {@code status=active}, the feeds that
   * answer but have stopped publishing).
   */
  @Get
  Page<SourceView> list(@Nullable @QueryValue String cursor, @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + Limits.MAX, defaultValue = "" + Limits.DEFAULT)) @Nullable @QueryValue String limit, @Nullable @QueryValue String status,
      @Nullable @QueryValue String enabled, @Nullable @QueryValue String category, @Nullable @QueryValue String q,
      @Nullable @QueryValue String minErrors, @Nullable @QueryValue String noSuccessSince, @Nullable @QueryValue String quietSince) {
    int n = Limits.check(limit);
    long after = cursor == null ? 0 : Cursors.id(cursor);
    SourceFilter f = SourceFilter.of(checks, status, enabled, category, q, minErrors, noSuccessSince, quietSince);
    List<Source> page = sources.page(after, f.status(), f.enabled(), f.category(), f.pattern(), f.urlPattern(), f.hostPattern(), f.minErrors(), f.noSuccessSince(),
        f.quietSince(), n + 1);
    String next = page.size() > n ? Cursors.ofId(page.get(n - 1).id()) : null;
    return new Page<>(page.stream().limit(n).map(SourceView::of).toList(), next);
  }

  /**
   * Subscribes to a feed: {@code url} (http, https) and optionally title, category, interval,
   * enabled and status ({@code paused}: not polled until resumed); 409 if already subscribed.
   */
  @Post
  @ApiResponse(responseCode = "201", description = "the new source; Location names it",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SourceView.class)))
  HttpResponse<SourceView> create(@Body SourceInput in) {
    StorableText.check(in);
    String url = checks.url(in.url());
    sources.findByUrl(url).ifPresent(existing -> {
      throw subscribed(existing);
    });
    Source source = Source.create(url, checks.title(in.title()), checks.category(in.category()), clock.instant());
    // The status too, as a patch takes it: {"status": "paused"} was dropped, and the source created
    // active and polled at once; {"status": "sleeping"} was answered 201.
    if (in.pollIntervalSeconds() != null || Boolean.FALSE.equals(in.enabled()) || in.status() != null) {
      source = checks.patch(source, new SourceInput(null, null, null, in.enabled(), in.status(), in.pollIntervalSeconds()), clock.instant());
    }
    Source saved;
    try {
      saved = sources.save(source);
    } catch (DataAccessException e) {
      // Another request subscribed to the URL after the check above: source_url_unique refused this
      // insert. Answer as the check would have; any other failure goes on to DataExceptionHandler.
      Source other = sources.findByUrl(url).orElseThrow(() -> e);
      throw subscribed(other);
    }
    return HttpResponse.created(SourceView.of(saved)).header("Location", "/api/v1/sources/" + saved.id());
  }

  /** A source with its schedule and health. */
  // Anything but "export", which is no id, so a client that accepts JSON first (as axios does) gets
  // the export instead of "id: 'export' is not a valid value". Not digits only: "abc" or "-1" then
  // matched only PATCH and DELETE, and a GET was answered 405 "Allowed methods: [DELETE, PATCH]".
  @Get("/{id:(?!export$)[^/]+}")
  SourceView get(long id) {
    return SourceView.of(find(id));
  }

  /** Changes a source: url, title, category, enabled, pollIntervalSeconds, status (paused or active to resume). */
  @Patch(value = "/{id}", consumes = {MediaType.APPLICATION_JSON, WholeJsonBodyReader.MERGE_PATCH_JSON})
  SourceView patch(long id, @Body @RequestBody(description = "a merge patch (RFC 7396): absent fields stay as they are; null removes"
      + " title and category (none: the feed's own title is taken at the next poll), pollIntervalSeconds (the adaptive interval) and"
      + " enabled (true); url and status cannot be removed (400)", content = @Content(schema = @Schema(implementation = SourceInput.class)))
      JsonNode body) {
    // Removed (null): the admin's title and category (none), enabled (true), the interval (the
    // adaptive one); url and status cannot be.
    MergePatch<SourceInput> merge = MergePatch.read(json, body, SourceInput.class, Map.of("title", JsonNode.createStringNode(""),
        "category", JsonNode.createStringNode(""), "enabled", JsonNode.createBooleanNode(true), "pollIntervalSeconds", JsonNode.nullNode()));
    SourceInput in = merge.patch();
    boolean adaptive = merge.removed().contains("pollIntervalSeconds");
    StorableText.check(in);
    Source before = find(id);
    Instant now = clock.instant();
    Source patched = checks.patch(before, in, now);
    boolean moved = !patched.url().equals(before.url());
    if (moved) {
      sources.findByUrl(patched.url()).ifPresent(other -> {
        throw subscribed(other);
      });
    }
    boolean resumed = Source.ACTIVE.equals(in.status());
    sources.applyAdminChange(id, moved, patched.url(), in.title() != null, patched.title(), in.category() != null,
        patched.defaultCategory(), in.enabled() != null, patched.enabled(), in.pollIntervalSeconds() != null || adaptive, adaptive ? null : patched.pollIntervalSeconds(),
        in.status() != null, patched.status(), patched.statusReason(), moved || resumed, now);
    if (!Objects.equals(before.defaultCategory(), patched.defaultCategory())) {
      // The default category is part of every stored entry's decision (origin "source"): without
      // this, the source's stored entries stayed in the old category's feed, and out of the new
      // one, until some rule change happened to re-categorize them.
      recategorizer.inBackground("source " + id + " has category " + (patched.defaultCategory() == null ? "none" : patched.defaultCategory()));
    }
    return SourceView.of(find(id));
  }

  /** Unsubscribes: deletes the source, its entries and its history. */
  @Delete("/{id}")
  @ApiResponse(responseCode = "204", description = "the source, its entries and its history are gone")
  HttpResponse<Void> delete(long id) {
    if (!removal.deleteSource(find(id).id())) {
      throw new HttpStatusException(HttpStatus.NOT_FOUND, "no source " + id);
    }
    return HttpResponse.noContent();
  }

  /**
   * Polls a source now; {@code ?wait=true} answers the fetch record, otherwise 202 at once. 409
   * while a poll of it runs; with {@code wait=true}, 503 with Retry-After when its host stays busy
   * with other polls of this instance while the poll waits for a slot.
   */
  @Post("/{id}/poll")
  @ApiResponse(responseCode = "202", description = "the poll is started (without wait=true)")
  @ApiResponse(responseCode = "200", description = "with wait=true: the fetch record",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FetchView.class)))
  HttpResponse<?> poll(long id, @Nullable @QueryValue String wait) {
    find(id);
    if (Boolean.TRUE.equals(Limits.flag("wait", wait, "answer the fetch record", "start the poll, answer 202"))) {
      PollAnswer answer = pollNow.pollAndWait(id);
      if (answer instanceof PollAnswer.HostBusy b) {
        return hostBusy(b);
      }
      return HttpResponse.ok(FetchView.of(answer.record().orElseThrow(SourceController::busy)));
    }
    try {
      if (!pollNow.pollLater(id)) {
        throw busy();
      }
    } catch (RejectedExecutionException e) {
      // Stopping: the poller takes no more work; its claims are released on the way out.
      throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "this instance is shutting down; ask again (another instance will poll it)");
    }
    return HttpResponse.accepted();
  }

  /**
   * The fetch history of a source, newest first by start (records that started together by id):
   * time, outcome, HTTP status, bytes, new and updated entries, error. A cursor names the start
   * and id of the last record served; one of the id order before V54 is a 400.
   */
  @Get("/{id}/fetches")
  Page<FetchView> fetches(long id, @Nullable @QueryValue String cursor, @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + Limits.MAX, defaultValue = "" + Limits.DEFAULT)) @Nullable @QueryValue String limit) {
    find(id);
    int n = Limits.check(limit);
    List<FetchRecord> page;
    if (cursor == null) {
      page = fetches.newest(id, n + 1);
    } else {
      Cursors.FetchPosition after = Cursors.fetchPosition(cursor);
      page = fetches.before(id, after.startedAt(), after.id(), n + 1);
    }
    String next = page.size() > n ? Cursors.ofFetch(page.get(n - 1).startedAt(), page.get(n - 1).id()) : null;
    return new Page<>(page.stream().limit(n).map(FetchView::of).toList(), next);
  }

  /** Counts of a source: entries, fetches and errors, in all and over the last 24 hours and 7 days. */
  @Get("/{id}/stats")
  SourceStats.Stats stats(long id) {
    find(id);
    return stats.of(id);
  }

  /**
   * Imports subscriptions from an OPML file (as exported by other feed readers); a folder, or an
   * outline's category attribute, becomes the source's category when it names one. All or
   * nothing: a malformed file, one invalid URL, a file over 48 MB or over 200,000 subscriptions is
   * refused with 400. The body is read as a stream: the subscriptions are held, not the file.
   */
  @Post(value = "/import", consumes = {"text/x-opml", MediaType.APPLICATION_XML, MediaType.TEXT_XML, MediaType.APPLICATION_OCTET_STREAM,
      MediaType.TEXT_PLAIN})
  OpmlImport.Result importOpml(@Nullable @Body InputStream body) {
    if (body == null) {
      throw SourceChecks.bad("body: send the OPML file as the request body (Content-Type: text/x-opml)");
    }
    CappedInput opml = new CappedInput(body, MAX_OPML_BYTES);
    List<OpmlOutline> outlines;
    try {
      outlines = OpmlReader.read(opml, MAX_OPML_OUTLINES);
    } catch (OpmlReader.InvalidOpml e) {
      if (opml.count() == 0) {
        throw SourceChecks.bad("body: send the OPML file as the request body (Content-Type: text/x-opml)");
      }
      throw SourceChecks.bad(e.getMessage());
    } catch (CappedInput.TooLarge e) {
      throw SourceChecks.bad("body: the OPML file is over the limit of " + MAX_OPML_BYTES + " bytes; split it");
    } catch (IOException e) {
      if (e.getCause() instanceof ContentLengthExceededException) {
        // Past micronaut.server.max-request-size (64 MB) the server stops the stream itself.
        throw SourceChecks.bad("body: the OPML file is over the limit of " + MAX_OPML_BYTES + " bytes; split it");
      }
      throw SourceChecks.bad("body: the OPML file could not be read whole: " + e.getMessage());
    }
    if (outlines.isEmpty()) {
      throw SourceChecks.bad("the OPML has no subscriptions (no <outline> with an xmlUrl attribute); nothing imported");
    }
    List<OpmlOutline> checked = new ArrayList<>();
    for (OpmlOutline o : outlines) {
      try {
        checked.add(new OpmlOutline(checks.url(o.xmlUrl()), checks.importedTitle(o.title()), o.category(), o.enabled(), o.paused(), o.idUrl(),
            o.siteUrl(), checks.interval(o.pollIntervalSeconds())));
        if (o.idUrl() != null && o.idUrl().length() > 2048) {
          throw SourceChecks.bad("syndic:idUrl: longer than 2048 characters");
        }
      } catch (HttpStatusException e) {
        throw SourceChecks.bad("outline '" + (o.title() == null || o.title().length() > 100 ? o.xmlUrl() : o.title()) + "': " + e.getMessage() + "; nothing imported");
      }
    }
    return opmlImport.importAll(checked);
  }

  /**
   * Every source as OPML 2.0, one folder per category, for other feed readers or a later import;
   * sent as it is written, a page of sources at a time.
   */
  @Get(value = "/export", produces = {"text/x-opml; charset=utf-8", "application/xml; charset=utf-8", "text/xml; charset=utf-8"})
  HttpResponse<InputStream> exportOpml() {
    return HttpResponse.ok(opmlExport.stream(site.name() + " sources", clock.instant()))
        .header("Content-Disposition", "attachment; filename=\"syndic-sources.opml\"");
  }

  private Source find(long id) {
    return sources.findById(id).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no source " + id));
  }

  private static HttpStatusException subscribed(Source existing) {
    return new HttpStatusException(HttpStatus.CONFLICT, "url: already subscribed as source " + existing.id());
  }

  /** 503: the host, not the source, is busy; the requests holding its slots end within Retry-After. */
  private static HttpResponse<Problem> hostBusy(PollAnswer.HostBusy b) {
    long seconds = Math.max(1, b.retryIn().toSeconds());
    String server = b.address() == null || b.address().equals(b.host()) ? b.host() : b.host() + " (its server, " + b.address() + ")";
    String detail = "not polled: " + server + " had no free slot for " + b.waited().toSeconds() + " s (this instance's other requests to it,"
        + " at most syndic.fetch.per-host-concurrency at once, are still running: a slow or hanging host); they end within " + seconds
        + " s: ask again then";
    return HttpResponse.<Problem>status(HttpStatus.SERVICE_UNAVAILABLE).contentType(ProblemResponses.PROBLEM_JSON)
        .header("Retry-After", Long.toString(seconds))
        .body(new Problem("about:blank", HttpStatus.SERVICE_UNAVAILABLE.getReason(), 503, detail, null));
  }

  private static HttpStatusException busy() {
    return new HttpStatusException(HttpStatus.CONFLICT, "a poll of this source is already running; try again when it ends");
  }
}
