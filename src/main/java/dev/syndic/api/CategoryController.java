package dev.syndic.api;

import static dev.syndic.api.SourceChecks.bad;

import dev.syndic.category.Category;
import dev.syndic.category.CategoryCatalog;
import dev.syndic.category.CategoryPreview;
import dev.syndic.category.CategoryStats;
import dev.syndic.category.CategoryStore;
import dev.syndic.category.ClassifierTraining;
import dev.syndic.category.ExampleStore;
import dev.syndic.category.Recategorizer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
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
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Categories: CRUD with their rules, a dry run of a rule change, training examples, training, and
 * the progress of re-categorizing stored entries (started by every change).
 */
@Controller("/api/v1/categories")
@ExecuteOn(TaskExecutors.BLOCKING)
@SecurityRequirement(name = "admin")
final class CategoryController {

  static final int PREVIEW_DEFAULT = 1000;
  static final int PREVIEW_MAX = 10_000;

  private final CategoryStore store;
  private final JsonMapper json;
  private final CategoryCatalog catalog;
  private final CategoryPreview preview;
  private final ExampleStore examples;
  private final ClassifierTraining training;
  private final Recategorizer recategorizer;
  private final CategoryStats stats;
  private final Clock clock;

  CategoryController(CategoryStore store, CategoryCatalog catalog, CategoryPreview preview, ExampleStore examples, ClassifierTraining training,
      Recategorizer recategorizer, CategoryStats stats, Clock clock, JsonMapper json) {
    this.json = json;
    this.store = store;
    this.catalog = catalog;
    this.preview = preview;
    this.examples = examples;
    this.training = training;
    this.recategorizer = recategorizer;
    this.stats = stats;
    this.clock = clock;
  }

  /** Lists categories with their rules. */
  @Get
  Page<Category> list() {
    return new Page<>(store.all(), null);
  }

  /** Progress of the background re-categorizing: state (running, done, failed), done, reason. */
  @Get("/recategorize")
  Recategorizer.Status recategorizeStatus() {
    return recategorizer.status();
  }

  /** Starts re-categorizing the newest stored entries in the background. */
  @Post("/recategorize")
  @ApiResponse(responseCode = "202", description = "re-categorizing has started; its progress so far",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Recategorizer.Status.class)))
  HttpResponse<Recategorizer.Status> recategorize() {
    recategorizer.inBackground("requested by an admin");
    return HttpResponse.accepted().body(recategorizer.status());
  }

  /** Trains the classifier from admin examples and corrections, stores it, re-categorizes; answers cross-validated precision, recall and F1. */
  @Post("/train")
  ClassifierTraining.Summary train() {
    return training.train();
  }

  /** A category with its rules. */
  @Get("/{slug}")
  Category get(String slug) {
    return find(slug);
  }

  static final int STATS_DAYS_DEFAULT = 7;
  static final int STATS_DAYS_MAX = 90;

  /**
   * What the category received in the last {@code days} (1 to 90, default 7) by feed time: entries
   * by origin, per day (UTC), the top sources, and the rule terms that brought the most entries.
   */
  @Get("/{slug}/stats")
  CategoryStats.Stats stats(String slug, @Nullable @QueryValue String days) {
    int d = days == null || days.isBlank() ? STATS_DAYS_DEFAULT : Limits.count("days", days);
    if (d < 1 || d > STATS_DAYS_MAX) {
      throw bad("days: must be 1 to " + STATS_DAYS_MAX + ", was " + d);
    }
    return stats.of(find(slug), clock.instant().minus(Duration.ofDays(d)));
  }

  /** Creates a category (slug, names, threshold, rules); 201. */
  @Post
  @ApiResponse(responseCode = "201", description = "the new category; Location names it",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Category.class)))
  HttpResponse<Category> create(@Body CategoryInput in) {
    StorableText.check(in);
    String slug = CategoryChecks.slug(in.slug());
    if (!store.create(CategoryChecks.merge(CategoryChecks.defaults(slug), in))) {
      throw new HttpStatusException(HttpStatus.CONFLICT, "slug: category '" + slug + "' exists; PUT or PATCH /api/v1/categories/" + slug);
    }
    return HttpResponse.created(saved(slug, "created")).header("Location", "/api/v1/categories/" + slug);
  }

  /** Replaces a category and its rules. */
  @Put("/{slug}")
  Category replace(String slug, @Body CategoryInput in) {
    StorableText.check(in);
    checkSlugMatches(slug, in);
    return change(slug, current -> CategoryChecks.merge(
        new Category(current.id(), slug, slug, slug, "", true, 4.0, dev.syndic.classify.CategoryRules.none(), current.updatedAt()), in),
        "replaced");
  }

  /** Changes the given fields of a category. */
  @Patch(value = "/{slug}", consumes = {MediaType.APPLICATION_JSON, WholeJsonBodyReader.MERGE_PATCH_JSON})
  Category patch(String slug, @Body @RequestBody(description = "a merge patch (RFC 7396): absent fields stay as they are; null sets"
      + " nameZh and nameEn to the slug, description to none, enabled to true and threshold to 4, as PUT does; slug and rules cannot be"
      + " removed (400; rules {} is none); sent as application/merge-patch+json, rules is merged into the current rules as RFC 7396"
      + " says (a term or pattern left out stays, null removes it; feedTags, a list, is replaced), and as application/json it replaces"
      + " them whole, as a preview takes them", content = @Content(schema = @Schema(implementation = CategoryInput.class))) JsonNode body,
      HttpRequest<?> request) {
    // Read, merged and written under the category's lock: a patch merged into rules another
    // editor's patch was changing meanwhile wrote back the rules it had read.
    return change(slug, current -> {
      CategoryInput in = MergePatch.read(json, body, CategoryInput.class, Map.of("nameZh", JsonNode.createStringNode(slug),
          "nameEn", JsonNode.createStringNode(slug), "description", JsonNode.createStringNode(""), "enabled", JsonNode.createBooleanNode(true),
          "threshold", JsonNode.createNumberNode(CategoryChecks.defaults(slug).threshold())),
          mergePatch(request) ? rulesOf(current) : Map.of()).patch();
      StorableText.check(in);
      checkSlugMatches(slug, in);
      return CategoryChecks.merge(current, in);
    }, "changed");
  }

  /**
   * The category's rules as JSON, which the rules of an application/merge-patch+json PATCH are
   * merged into (RFC 7396): a term, pattern or feed tag list it leaves out stays, a null removes
   * one.
   */
  private Map<String, JsonNode> rulesOf(Category category) {
    try {
      return Map.of("rules", json.writeValueToTree(category.rules()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the body was sent as RFC 7396's own type, under which an object member is merged. */
  private static boolean mergePatch(HttpRequest<?> request) {
    return request.getContentType().map(t -> t.getName().equalsIgnoreCase(WholeJsonBodyReader.MERGE_PATCH_JSON)).orElse(false);
  }

  /** Deletes a category; its assignments go with it. */
  @Delete("/{slug}")
  @ApiResponse(responseCode = "204", description = "the category and its assignments are gone")
  HttpResponse<Void> delete(String slug) {
    find(slug);
    store.delete(slug);
    catalog.invalidate();
    recategorizer.inBackground("category " + slug + " deleted");
    return HttpResponse.noContent();
  }

  /** Dry run of proposed rules against the newest entries: which entries the category would gain and lose; nothing is stored. */
  @Post("/{slug}/preview")
  CategoryPreview.Result preview(String slug, @Nullable @Body CategoryInput in, @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + PREVIEW_MAX, defaultValue = "" + PREVIEW_DEFAULT)) @Nullable @QueryValue String limit) {
    int n = Limits.check(limit, PREVIEW_DEFAULT, PREVIEW_MAX);
    CategoryInput change = in == null ? new CategoryInput(null, null, null, null, null, null, null) : StorableText.check(in);
    checkSlugMatches(slug, change);
    return preview.preview(CategoryChecks.merge(find(slug), change), n);
  }

  /** Teaches the classifier: {"entryId", "positive"} marks an entry as an example of this category or not. */
  @Post("/{slug}/examples")
  @ApiResponse(responseCode = "201", description = "a new example",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExampleView.class)))
  @ApiResponse(responseCode = "200", description = "the entry's example for this category changed",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExampleView.class)))
  HttpResponse<ExampleView> example(String slug, @Body ExampleInput in) {
    if (in.entryId() == null) {
      throw bad("entryId: required, the id of an entry (GET /api/v1/entries)");
    }
    if (in.positive() == null) {
      throw bad("positive: required, true if the entry belongs in '" + slug + "', false if it does not");
    }
    ExampleView body = new ExampleView(in.entryId(), slug, in.positive());
    switch (examples.record(in.entryId(), slug, in.positive())) {
      case CREATED:
        return HttpResponse.created(body);
      case UPDATED:
        return HttpResponse.ok(body);
      case NO_CATEGORY:
        throw new HttpStatusException(HttpStatus.NOT_FOUND, "no category '" + slug + "'");
      default:
        throw new HttpStatusException(HttpStatus.NOT_FOUND, "no entry " + in.entryId());
    }
  }

  /**
   * The category's examples, of the newest entries first ({@code positive=true|false} narrows them
   * to one kind), with cursor paging: what the next training learns from, besides corrections.
   */
  @Get("/{slug}/examples")
  Page<ExampleStore.Listed> examples(String slug, @Nullable @QueryValue String cursor,
      @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + Limits.MAX, defaultValue = "" + Limits.DEFAULT)) @Nullable @QueryValue String limit,
      @Parameter(schema = @Schema(type = "boolean")) @Nullable @QueryValue String positive) {
    int n = Limits.check(limit);
    long before = cursor == null ? Long.MAX_VALUE : Cursors.id(cursor);
    List<ExampleStore.Listed> page = examples.list(slug, Limits.flag("positive", positive, "examples of the category", "examples not of it"),
        before, n + 1)
        .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no category '" + slug + "'"));
    String next = page.size() > n ? Cursors.ofId(page.get(n - 1).entryId()) : null;
    return new Page<>(page.stream().limit(n).toList(), next);
  }

  /**
   * Takes an example back: the next training no longer learns from it, and the entry's place in the
   * category is the machine's again at once (on an entry an admin corrected, the correction stands).
   */
  @Delete("/{slug}/examples/{entryId}")
  @ApiResponse(responseCode = "204", description = "the example is gone")
  HttpResponse<Void> forgetExample(String slug, long entryId) {
    switch (examples.forget(entryId, slug)) {
      case FORGOTTEN:
        return HttpResponse.noContent();
      case NO_CATEGORY:
        throw new HttpStatusException(HttpStatus.NOT_FOUND, "no category '" + slug + "'");
      default:
        throw new HttpStatusException(HttpStatus.NOT_FOUND, "no example of entry " + entryId + " in '" + slug + "'");
    }
  }

  /** Changes the category under its lock ({@link CategoryStore#change}); 404 when there is none. */
  private Category change(String slug, UnaryOperator<Category> change, String what) {
    store.change(slug, change).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no category '" + slug + "'"));
    return saved(slug, what);
  }

  /** The category just written, once the classifier is told and re-categorizing is asked for. */
  private Category saved(String slug, String what) {
    catalog.invalidate();
    recategorizer.inBackground("category " + slug + " " + what);
    return find(slug);
  }

  private Category find(String slug) {
    return store.bySlug(slug).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no category '" + slug + "'"));
  }

  private static void checkSlugMatches(String slug, CategoryInput in) {
    if (in.slug() != null && !in.slug().equals(slug)) {
      throw bad("slug: a category's slug cannot change (was '" + slug + "', body says '" + in.slug() + "'); create a new category instead");
    }
  }
}
