package dev.syndic.api;

import dev.syndic.category.Recategorizer;
import dev.syndic.source.Source;
import dev.syndic.source.SourceRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Changes or deletes many sources at once, those the source list's filters select: an operator of
 * 100,000 sources pauses the 2,700 that fail, re-files a host's feeds, or drops the dead ones, in
 * one request rather than one PATCH or DELETE per source (some 7 ms each: 20 s for those 2,700,
 * 12 minutes for all).
 */
@Controller("/api/v1/sources")
@ExecuteOn(TaskExecutors.BLOCKING)
@SecurityRequirement(name = "admin")
final class SourceBulkController {

  /** What a change of many sources did: how many of those the filters selected it changed. */
  @Serdeable
  record Changed(long changed) {}

  /** What a deletion of many sources did: how many it deleted. */
  @Serdeable
  record Deleted(long deleted) {}

  /** What a deletion of many sources would delete: how many sources the filters select, and the first of them by id. */
  @Serdeable
  record DryRun(long selected, List<SourceView> first) {}

  /** The list's filters, which name the sources a change or deletion of many takes: any other parameter of a change is a 400. */
  static final Set<String> FILTERS = Set.of("status", "enabled", "category", "q", "minErrors", "noSuccessSince", "quietSince");

  /** The query parameters a deletion takes: any other is a 400, lest a misspelt {@code dryRun} or filter delete more than meant. */
  static final Set<String> DELETE_PARAMETERS = Stream.concat(FILTERS.stream(), Stream.of("expect", "dryRun")).collect(Collectors.toUnmodifiableSet());

  private final SourceRepository sources;
  private final SourceBulkDeletion deletion;
  private final SourceChecks checks;
  private final Recategorizer recategorizer;
  private final JsonMapper json;
  private final Clock clock;

  SourceBulkController(SourceRepository sources, SourceBulkDeletion deletion, SourceChecks checks, Recategorizer recategorizer, JsonMapper json,
      Clock clock) {
    this.sources = sources;
    this.deletion = deletion;
    this.checks = checks;
    this.recategorizer = recategorizer;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Changes every source the filters select (those of the list: status, enabled, category, q,
   * minErrors, noSuccessSince, quietSince; at least one, 400 otherwise): {@code status} paused
   * pauses those not paused, active resumes the paused ones (due at once; failing ones are left
   * as they are), {@code enabled} and {@code category} are set. One statement: all or none. Any
   * other query parameter is a 400.
   * Answers how many sources it changed.
   */
  @Patch(consumes = {MediaType.APPLICATION_JSON, WholeJsonBodyReader.MERGE_PATCH_JSON})
  Changed change(HttpRequest<?> request, @Nullable @QueryValue String status, @Nullable @QueryValue String enabled, @Nullable @QueryValue String category,
      @Nullable @QueryValue String q, @Nullable @QueryValue String minErrors, @Nullable @QueryValue String noSuccessSince,
      @Nullable @QueryValue String quietSince,
      @Body @RequestBody(description = "a merge patch of status (paused or active), enabled and category (null or \"\": none);"
          + " url, title and pollIntervalSeconds are set one source at a time", content = @Content(schema = @Schema(implementation = SourceInput.class)))
      JsonNode body) {
    onlyParameters(request, FILTERS, "a change");
    SourceFilter f = SourceFilter.of(checks, status, enabled, category, q, minErrors, noSuccessSince, quietSince).narrowing("change");
    SourceInput in = MergePatch.read(json, body, SourceInput.class,
        Map.of("category", JsonNode.createStringNode(""), "enabled", JsonNode.createBooleanNode(true))).patch();
    StorableText.check(in);
    for (String one : new String[] {in.url() == null ? null : "url", in.title() == null ? null : "title",
        in.pollIntervalSeconds() == null ? null : "pollIntervalSeconds"}) {
      if (one != null) {
        throw SourceChecks.bad(one + ": set one source at a time (PATCH /api/v1/sources/{id}); many at once take status, enabled and category");
      }
    }
    if (in.status() != null && !in.status().equals(Source.PAUSED) && !in.status().equals(Source.ACTIVE)) {
      throw SourceChecks.bad("status: must be 'active' or 'paused', was '" + in.status() + "'");
    }
    if (in.status() == null && in.enabled() == null && in.category() == null) {
      throw SourceChecks.bad("body: nothing to change; give status, enabled or category");
    }
    String newCategory = in.category() == null ? null : checks.category(in.category());
    Instant now = clock.instant();
    long changed = sources.changeAll(f.status(), f.enabled(), f.category(), f.pattern(), f.urlPattern(), f.hostPattern(), f.minErrors(), f.noSuccessSince(), f.quietSince(),
        Source.PAUSED.equals(in.status()), Source.ACTIVE.equals(in.status()), in.enabled() != null, Boolean.TRUE.equals(in.enabled()),
        in.category() != null, newCategory, now);
    if (in.category() != null && changed > 0) {
      // As for one source: its stored entries move to the new category's feed.
      recategorizer.inBackground(changed + " sources have category " + (newCategory == null ? "none" : newCategory));
    }
    return new Changed(changed);
  }

  /**
   * Deletes every source the filters select (those of the list; at least one, 400 otherwise), each
   * as {@code DELETE /api/v1/sources/{id}} deletes it (its entries, tombstones and history; the
   * stories it shared stay through the other copies; partners syncing by arrival are told of the
   * removals), once told how many: {@code expect} is that number, as a dry run answers it. If the
   * filters select another number now, 409 saying how many, and nothing is deleted. {@code
   * dryRun=true} deletes nothing and answers how many sources the filters select and the first 10
   * by id (given {@code expect}, 409 as the deletion would be). Any other parameter is a 400.
   * The sources are deleted one at a time, each in its own transaction, so polls go on meanwhile;
   * if the deletion is cut off (a restart, the database gone), those deleted stay deleted and the
   * same request again, within a day, deletes the rest of the sources it was confirmed for.
   * Answers how many sources this request deleted.
   */
  @Delete
  @ApiResponse(responseCode = "200", description = "the sources deleted; with dryRun=true, those the filters select and the first of them",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = {Deleted.class, DryRun.class})))
  @ApiResponse(responseCode = "409", description = "the filters select another number of sources than expect: nothing deleted; the"
      + " problem's detail says how many they select")
  Object deleteAll(HttpRequest<?> request, @Nullable @QueryValue String status, @Nullable @QueryValue String enabled,
      @Nullable @QueryValue String category, @Nullable @QueryValue String q, @Nullable @QueryValue String minErrors,
      @Nullable @QueryValue String noSuccessSince, @Nullable @QueryValue String quietSince,
      @Parameter(description = "how many sources the filters select (a dry run answers it); required unless dryRun=true",
          schema = @Schema(type = "integer", minimum = "0")) @Nullable @QueryValue String expect,
      @Parameter(description = "true: delete nothing, answer what would be deleted", schema = @Schema(type = "boolean")) @Nullable @QueryValue String dryRun) {
    onlyParameters(request, DELETE_PARAMETERS, "a deletion");
    SourceFilter f = SourceFilter.of(checks, status, enabled, category, q, minErrors, noSuccessSince, quietSince).narrowing("delete");
    boolean dry = Boolean.TRUE.equals(Limits.flag("dryRun", dryRun, "delete nothing, answer what would be deleted", ""));
    if (!dry && (expect == null || expect.isBlank())) {
      throw SourceChecks.bad("expect: required: how many sources the filters select (ask with dryRun=true); they are deleted only if the"
          + " filters select that many when the deletion begins");
    }
    Long expected = expect == null || expect.isBlank() ? null : (long) Limits.count("expect", expect);
    if (dry) {
      SourceBulkDeletion.Preview preview = deletion.preview(f);
      if (expected != null && preview.selected() != expected) {
        throw mismatch(preview.selected(), expected);
      }
      return new DryRun(preview.selected(), preview.first().stream().map(SourceView::of).toList());
    }
    SourceBulkDeletion.Outcome outcome = deletion.delete(f, expected);
    if (outcome instanceof SourceBulkDeletion.Outcome.Mismatch m) {
      throw mismatch(m.selected(), expected);
    }
    return new Deleted(((SourceBulkDeletion.Outcome.Deleted) outcome).deleted());
  }

  /**
   * A 400 for a query parameter outside {@code taken}: a filter misspelt ({@code stauts=paused})
   * would otherwise be ignored, and the change or deletion reach sources its request did not name.
   */
  private static void onlyParameters(HttpRequest<?> request, Set<String> taken, String what) {
    for (String name : request.getParameters().names()) {
      if (!taken.contains(name)) {
        throw SourceChecks.bad(name + ": not a parameter of " + what + " of many sources; it takes " + new TreeSet<>(taken));
      }
    }
  }

  private static HttpStatusException mismatch(long selected, long expected) {
    return new HttpStatusException(HttpStatus.CONFLICT, "expect: the filters select " + selected + " sources now, not " + expected
        + "; nothing deleted (ask with dryRun=true to see which, then again with expect=" + selected + ")");
  }
}
