package dev.syndic.api;

import dev.syndic.publish.DisclaimerStore;
import dev.syndic.publish.DisclaimerTemplate;
import dev.syndic.publish.FeedService;
import dev.syndic.publish.FeedVersion;
import dev.syndic.source.SourceRepository;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Disclaimer templates: list, create, get, patch (the template), delete. The most specific applies
 * to an entry: source, then category, then global, then the configured default; Chinese or English
 * by the entry's language.
 */
@Controller("/api/v1/disclaimers")
@ExecuteOn(TaskExecutors.BLOCKING)
@SecurityRequirement(name = "admin")
final class DisclaimerController {

  /** A variant's name (a partner's {@code disclaimerVariant} too): lowercase letters, digits and '-'. */
  static final String VARIANT = "[a-z0-9][a-z0-9-]{0,31}";

  static final int MAX_VARIANT = 32;
  static final int MAX_TEMPLATE = 2000;

  private final DisclaimerStore store;
  private final JsonMapper json;
  private final FeedService feeds;
  private final SourceRepository sources;
  private final FeedVersion version;

  DisclaimerController(DisclaimerStore store, FeedService feeds, SourceRepository sources, FeedVersion version, JsonMapper json) {
    this.json = json;
    this.store = store;
    this.feeds = feeds;
    this.sources = sources;
    this.version = version;
  }

  /** Lists disclaimer templates. */
  @Get
  Page<DisclaimerTemplate> list() {
    return new Page<>(store.all(), null);
  }

  /** Creates a disclaimer template for a scope (global, category, source), language and variant; 201. */
  @Post
  @ApiResponse(responseCode = "201", description = "the new template; Location names it",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DisclaimerTemplate.class)))
  HttpResponse<DisclaimerTemplate> create(@Body DisclaimerInput in) {
    StorableText.check(in);
    String scope = required("scope", in.scope());
    if (!DisclaimerTemplate.SCOPES.contains(scope)) {
      throw bad("scope: must be one of " + new TreeSet<>(DisclaimerTemplate.SCOPES) + ", was '" + scope + "'");
    }
    String language = required("language", in.language());
    if (!DisclaimerTemplate.LANGUAGES.contains(language)) {
      throw bad("language: must be 'zh' or 'en', was '" + language + "'");
    }
    String variant = in.variant() == null ? "default" : in.variant();
    if (!variant.matches(VARIANT)) {
      throw bad("variant: lowercase letters, digits and '-', at most " + MAX_VARIANT + ", was '" + variant + "'");
    }
    String key = scopeKey(scope, in.scopeKey());
    String template = template(in.template());
    DisclaimerTemplate created = store.create(scope, key, language, variant, template).orElseThrow(() -> new HttpStatusException(
        HttpStatus.CONFLICT, "a " + language + " template for " + scope + (key.isEmpty() ? "" : " '" + key + "'") + " (variant " + variant
            + ") exists; PATCH /api/v1/disclaimers/{id} changes it"));
    version.refresh();
    return HttpResponse.created(created).header("Location", "/api/v1/disclaimers/" + created.id());
  }

  /** A disclaimer template. */
  @Get("/{id}")
  DisclaimerTemplate get(long id) {
    return store.byId(id).orElseThrow(() -> notFound(id));
  }

  /** Changes a disclaimer template. */
  @Patch(value = "/{id}", consumes = {MediaType.APPLICATION_JSON, WholeJsonBodyReader.MERGE_PATCH_JSON})
  DisclaimerTemplate patch(long id, @Body @RequestBody(description = "a merge patch (RFC 7396) of the template alone, which cannot be"
      + " removed (null is a 400)", content = @Content(schema = @Schema(implementation = DisclaimerInput.class))) JsonNode body) {
    DisclaimerInput in = MergePatch.read(json, body, DisclaimerInput.class, Map.of()).patch();
    StorableText.check(in);
    if (in.scope() != null || in.scopeKey() != null || in.language() != null || in.variant() != null) {
      throw bad("only the template can change; delete and create to move a template to another scope, language or variant");
    }
    DisclaimerTemplate updated = store.updateTemplate(id, template(in.template())).orElseThrow(() -> notFound(id));
    version.refresh();
    return updated;
  }

  /** Deletes a disclaimer template. */
  @Delete("/{id}")
  @ApiResponse(responseCode = "204", description = "the template is gone")
  HttpResponse<Void> delete(long id) {
    if (!store.delete(id)) {
      throw notFound(id);
    }
    version.refresh();
    return HttpResponse.noContent();
  }

  private String scopeKey(String scope, String key) {
    switch (scope) {
      case "global":
        if (key != null && !key.isEmpty()) {
          throw bad("scopeKey: a global template has none");
        }
        return "";
      case "category":
        if (key == null || feeds.category(key).isEmpty()) {
          throw bad("scopeKey: no enabled category '" + key + "'");
        }
        return key;
      default:
        try {
          long id = Long.parseLong(key == null ? "" : key);
          if (sources.findById(id).isPresent()) {
            return Long.toString(id);
          }
        } catch (NumberFormatException e) {
          // answered below
        }
        throw bad("scopeKey: no source with id '" + key + "'");
    }
  }

  private static String template(String template) {
    String t = required("template", template).strip();
    if (t.isEmpty() || Limits.characters(t) > MAX_TEMPLATE) {
      throw bad("template: must have 1 to " + MAX_TEMPLATE + " characters");
    }
    List<String> unknown = DisclaimerTemplate.unknownPlaceholders(t);
    if (!unknown.isEmpty()) {
      throw bad("template: unknown placeholder " + String.join(", ", unknown) + "; use " + new TreeSet<>(DisclaimerTemplate.PLACEHOLDERS)
          .stream().map(p -> "{" + p + "}").toList());
    }
    return t;
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw bad(field + ": required");
    }
    return value.strip();
  }

  private static HttpStatusException bad(String message) {
    return new HttpStatusException(HttpStatus.BAD_REQUEST, message);
  }

  private static HttpStatusException notFound(long id) {
    return new HttpStatusException(HttpStatus.NOT_FOUND, "no disclaimer " + id);
  }
}
