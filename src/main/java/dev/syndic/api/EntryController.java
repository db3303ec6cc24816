package dev.syndic.api;

import dev.syndic.category.Category;
import dev.syndic.category.CategoryStore;
import dev.syndic.category.EntryExplanation;
import dev.syndic.category.ExampleStore;
import dev.syndic.clean.TextNormalizer;
import dev.syndic.entry.ClusterStore;
import dev.syndic.entry.EntryFilter;
import dev.syndic.entry.EntryFlags;
import dev.syndic.entry.EntryQueries;
import dev.syndic.entry.EntryRemoval;
import dev.syndic.entry.EntryRow;
import dev.syndic.source.SourceRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
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
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Entries: list and search (by source, category, cluster, dates, words; cursor paging), get with
 * duplicates, an admin's correction, hide and pin, split, merge, delete.
 */
@Controller("/api/v1/entries")
@ExecuteOn(TaskExecutors.BLOCKING)
@SecurityRequirement(name = "admin")
final class EntryController {

  /** The most slugs a correction may list: far more categories than an entry ever has. */
  static final int MAX_CATEGORIES = 100;

  private final EntryQueries entries;
  private final ClusterStore clusters;
  private final EntryRemoval removal;
  private final CategoryStore categories;
  private final ExampleStore examples;
  private final EntryExplanation explanation;
  private final ObjectMapper json;
  private final EntryFlags flags;
  private final SourceRepository sources;

  EntryController(EntryQueries entries, ClusterStore clusters, EntryRemoval removal, CategoryStore categories, ExampleStore examples,
      EntryExplanation explanation, ObjectMapper json, EntryFlags flags, SourceRepository sources) {
    this.explanation = explanation;
    this.flags = flags;
    this.sources = sources;
    this.entries = entries;
    this.clusters = clusters;
    this.removal = removal;
    this.categories = categories;
    this.examples = examples;
    this.json = json;
  }

  /**
   * Lists entries newest first, hidden ones included, filtered by source, category, duplicate
   * cluster, a time range and a search of title and text (Chinese included).
   *
   * @param source a source's id; one that names no source is a 400
   * @param category a category's slug; one that names no category is a 400
   * @param cluster a duplicate cluster's id (an entry's {@code clusterId}); one no entry is in is a 400
   * @param q words found anywhere in the title or text, case-insensitive; 1 to 200 characters
   * @param from entries sorting at or after this time (ISO-8601 instant or date)
   * @param to entries sorting before this time (ISO-8601 instant or date)
   */
  @Get
  Page<EntryView> list(@Nullable @QueryValue Long source, @Nullable @QueryValue String category, @Nullable @QueryValue String q,
      @Nullable @QueryValue Long cluster, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
      @Nullable @QueryValue String cursor, @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + Limits.MAX, defaultValue = "" + Limits.DEFAULT)) @Nullable @QueryValue String limit) {
    int n = Limits.check(limit);
    EntryFilter.Position after = cursor == null ? null : Cursors.position(cursor);
    String query = blankToNull(q);
    if (query != null && query.strip().length() > 200) {
      throw SourceChecks.bad("q: at most 200 characters");
    }
    // Made only of characters the search text drops (zero-width spaces, soft hyphens), the query
    // would be empty and match every entry: an answer that looks like results.
    if (query != null && TextNormalizer.normalize(query).isBlank()) {
      throw SourceChecks.bad("q: nothing to search for once invisible characters are dropped");
    }
    String slug = blankToNull(category);
    // As the source list does: a slug that names no category is a mistake to name, not a category
    // without entries (an admin's typo read as an empty category).
    if (slug != null && categories.bySlug(slug).isEmpty()) {
      throw SourceChecks.bad("category: no category '" + slug + "'; GET /api/v1/categories lists them");
    }
    // The same for a source id: one that names no source (deleted, mistyped) answered an empty list.
    if (source != null && !sources.existsById(source)) {
      throw SourceChecks.bad("source: no source " + source + "; GET /api/v1/sources lists them");
    }
    // And for a cluster id: an entry's id that is not its cluster's (one that joined another
    // story), or a cluster whose entries were deleted, answered an empty list.
    if (cluster != null && !clusters.exists(cluster)) {
      throw SourceChecks.bad("cluster: no cluster " + cluster + "; an entry's clusterId names its cluster (GET /api/v1/entries/{id})");
    }
    Instant since = TimeParams.parse("from", from);
    Instant until = TimeParams.parse("to", to);
    // An empty range, as a typo'd slug or an invisible query, answered an empty list that looks
    // like "nothing matched"; to is not included, so the same date twice is empty too.
    if (since != null && until != null && !until.isAfter(since)) {
      throw SourceChecks.bad("to: must be later than from (to is not included: from=2026-03-17&to=2026-03-18 is the 17th), was from="
          + from.strip() + " and to=" + to.strip());
    }
    EntryFilter filter = new EntryFilter(source, slug, after, n + 1, true, false).narrowed(query, cluster, since, until);
    List<EntryRow> rows = entries.list(filter);
    String next = null;
    if (rows.size() > n) {
      EntryRow last = rows.get(n - 1);
      next = Cursors.of(new EntryFilter.Position(last.sortAt(), last.id()));
    }
    return new Page<>(rows.stream().limit(n).map(r -> view(r, false)).toList(), next);
  }

  /** An entry with its content, categories and their evidence, and the other members of its cluster. */
  @Get("/{id}")
  EntryView get(long id) {
    return view(find(id), true);
  }

  /**
   * Why the entry is, or is not, in each category: the rules' score against the threshold with the
   * evidence, what kept a matched category out (its threshold, a category that outscores it), the
   * model's score against its cut, and admins' decisions above the machine's.
   */
  @Get("/{id}/explain")
  EntryExplanation.Explanation explain(long id) {
    return explanation.explain(id).orElseThrow(() -> notFound(id));
  }

  /** Takes the entry out of its duplicate cluster. */
  @Post("/{id}/split")
  EntryView split(long id) {
    if (!clusters.split(id)) {
      throw notFound(id);
    }
    return view(find(id), true);
  }

  /** Joins the cluster of entry {@code with} to this entry's cluster. */
  @Post("/{id}/merge")
  EntryView merge(long id, @Body MergeInput in) {
    find(id);
    if (in.with() == null) {
      throw new HttpStatusException(HttpStatus.BAD_REQUEST, "with: required, the id of the entry whose cluster joins this one");
    }
    if (entries.byId(in.with()).isEmpty()) {
      throw new HttpStatusException(HttpStatus.BAD_REQUEST, "with: no entry " + in.with());
    }
    if (!clusters.merge(id, in.with())) {
      // Deleted meanwhile: this one, or the other (checked above).
      throw entries.byId(id).isEmpty() ? notFound(id) : new HttpStatusException(HttpStatus.BAD_REQUEST, "with: no entry " + in.with());
    }
    return view(find(id), true);
  }

  /** Deletes the entry; a tombstone keeps re-polls from bringing it back. */
  @Delete("/{id}")
  @ApiResponse(responseCode = "204", description = "the entry is gone; a tombstone keeps it from coming back")
  HttpResponse<Void> delete(long id) {
    if (!removal.delete(id)) {
      throw notFound(id);
    }
    return HttpResponse.noContent();
  }

  private EntryRow find(long id) {
    return entries.byId(id).orElseThrow(() -> notFound(id));
  }

  private static HttpStatusException notFound(long id) {
    return new HttpStatusException(HttpStatus.NOT_FOUND, "no entry " + id);
  }

  /**
   * Changes an entry: {@code categories} (an admin's correction, final; null withdraws it), {@code
   * hidden} (out of every outbound feed), {@code pinned} (first in its category feeds). Absent
   * fields stay.
   */
  @Patch(value = "/{id}", consumes = {MediaType.APPLICATION_JSON, WholeJsonBodyReader.MERGE_PATCH_JSON})
  EntryView patch(long id, @Body @RequestBody(description = "a merge patch (RFC 7396): absent fields stay as they are; null sets hidden"
      + " and pinned to false, and categories to the machine's (an admin's correction withdrawn; [] is none)", content = @Content(schema = @Schema(implementation = EntryPatch.class)))
      JsonNode body) {
    // Removed (null): hidden and pinned are false, as on an entry no admin changed; categories go
    // back to the machine, as on an entry no admin corrected ([] is "in none", a correction).
    MergePatch<EntryPatch> merge = MergePatch.read(json, body, EntryPatch.class, Map.of("hidden", JsonNode.createBooleanNode(false),
        "pinned", JsonNode.createBooleanNode(false), "categories", JsonNode.nullNode()));
    EntryPatch in = merge.patch();
    StorableText.check(in);
    find(id);
    // Everything is checked before anything changes: a refused patch leaves the entry as it was.
    List<String> slugs = in.categories() == null ? null : knownCategories(in.categories());
    if (in.hidden() != null || in.pinned() != null) {
      flags.set(id, in.hidden(), in.pinned());
    }
    if (slugs != null && !examples.correct(id, slugs)) {
      throw notFound(id);
    }
    if (merge.removed().contains("categories") && !examples.withdrawCorrection(id)) {
      throw notFound(id);
    }
    return get(id);
  }

  /** The distinct slugs of a correction, each naming a category; checked with one query, however long the list. */
  private List<String> knownCategories(List<String> requested) {
    if (requested.size() > MAX_CATEGORIES) {
      throw SourceChecks.bad("categories: at most " + MAX_CATEGORIES + ", got " + requested.size());
    }
    Set<String> known = categories.all().stream().map(Category::slug).collect(Collectors.toSet());
    for (int i = 0; i < requested.size(); i++) {
      String slug = requested.get(i);
      if (slug == null) {
        throw SourceChecks.bad("categories[" + i + "]: null; name a category, e.g. \"ai\"");
      }
      if (!known.contains(slug)) {
        throw SourceChecks.bad("categories: no category '" + slug + "'; GET /api/v1/categories lists them");
      }
    }
    return requested.stream().distinct().toList();
  }

  private EntryView view(EntryRow r, boolean withContent) {
    List<EntryView.CategoryView> categories = r.categories().stream()
        .map(c -> new EntryView.CategoryView(c.slug(), c.origin(), c.score(), evidence(c.evidenceJson())))
        .toList();
    List<EntryView.Duplicate> duplicates = null;
    if (withContent) {
      duplicates = entries.clusterMembers(r.clusterId()).stream().filter(m -> m.id() != r.id())
          .map(m -> new EntryView.Duplicate(m.id(), m.sourceId(), m.sourceTitle(), m.title(), m.link(), m.canonical()))
          .toList();
    }
    return new EntryView(r.id(), r.sourceId(), r.sourceTitle(), r.guid(), r.link(), r.title(), r.author(), r.published(), r.updatedAt(),
        r.language(), r.revision(), r.hidden(), r.pinned(), categories, r.clusterId(), r.canonical(), duplicates, r.enclosures(), withContent ? r.cleanHtml() : null);
  }

  private List<String> evidence(String evidenceJson) {
    try {
      return json.readValue(evidenceJson, Argument.listOf(String.class));
    } catch (IOException e) {
      return List.of(evidenceJson);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
