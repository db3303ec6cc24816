package dev.syndic.api;

import dev.syndic.partner.Partner;
import dev.syndic.partner.PartnerKeys;
import dev.syndic.partner.PartnerStore;
import dev.syndic.partner.PartnerUsage;
import dev.syndic.publish.FeedService;
import io.micronaut.core.annotation.Nullable;
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
import java.util.List;
import java.util.Map;

/**
 * Partners: list, create, get, patch, delete, rotate the key, usage. The key is in the answer of
 * create and rotate only; the service keeps its hash.
 */
@Controller("/api/v1/partners")
@ExecuteOn(TaskExecutors.BLOCKING)
@SecurityRequirement(name = "admin")
final class PartnerController {

  // Up to a million a minute (about 16,700 a second): more than one instance serves, so a partner
  // behind its own cache, or a load test, is never refused below what the service can give.
  static final int MIN_RATE = 1;

  static final int MAX_RATE = 1_000_000;
  /** The longest name of a partner, in characters. */
  static final int MAX_NAME = 200;

  /** A partner with its key, shown once. */
  @Serdeable
  record PartnerWithKey(Partner partner, String key) {}

  private final PartnerStore store;
  private final JsonMapper json;
  private final PartnerKeys keys;
  private final FeedService feeds;
  private final PartnerUsage usage;

  PartnerController(PartnerStore store, PartnerKeys keys, FeedService feeds, PartnerUsage usage, JsonMapper json) {
    this.json = json;
    this.store = store;
    this.keys = keys;
    this.feeds = feeds;
    this.usage = usage;
  }

  /** Lists partners (never their keys). */
  @Get
  Page<Partner> list(@Nullable @QueryValue String cursor, @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "" + Limits.MAX, defaultValue = "" + Limits.DEFAULT)) @Nullable @QueryValue String limit) {
    int n = Limits.check(limit);
    List<Partner> page = store.page(cursor == null ? 0 : Cursors.id(cursor), n + 1);
    return new Page<>(page.stream().limit(n).toList(), page.size() > n ? Cursors.ofId(page.get(n - 1).id()) : null);
  }

  /** Creates a partner and answers its API key, once; 201. */
  @Post
  @ApiResponse(responseCode = "201", description = "the new partner and its key, shown this once; Location names it",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PartnerWithKey.class)))
  HttpResponse<PartnerWithKey> create(@Body PartnerInput in) {
    StorableText.check(in);
    if (in.name() == null || in.name().isBlank()) {
      throw bad("name: required");
    }
    if (in.categories() == null) {
      throw bad("categories: required, e.g. [\"ai\"] or [\"all\"]");
    }
    PartnerStore.Settings s = check(new PartnerStore.Settings(in.name().strip(), grant(in.categories()), orElse(in.ratePerMinute(), 60),
        orElse(in.fullContent(), true), orElse(in.related(), false), orElse(in.disclaimerVariant(), "default"), orElse(in.enabled(), true)));
    unique(s.name(), -1);
    // The insert checks the name again (ON CONFLICT): a partner of this name created meanwhile gets the same 409.
    PartnerKeys.Issued issued = granted(() -> keys.create(s)).orElseThrow(() -> store.byName(s.name()).map(p -> nameTaken(p, s.name()))
        .orElseGet(() -> new HttpStatusException(HttpStatus.CONFLICT, "name: another partner is already called '" + s.name() + "'")));
    return HttpResponse.created(new PartnerWithKey(issued.partner(), issued.key())).header("Location", "/api/v1/partners/" + issued.partner().id());
  }

  /** A partner (never its key). */
  @Get("/{id}")
  Partner get(long id) {
    return find(id);
  }

  /** Changes a partner: name, categories, rate, content options. */
  @Patch(value = "/{id}", consumes = {MediaType.APPLICATION_JSON, WholeJsonBodyReader.MERGE_PATCH_JSON})
  Partner patch(long id, @Body @RequestBody(description = "a merge patch (RFC 7396): absent fields stay as they are; null sets a field"
      + " to the default of a new partner (ratePerMinute 60, fullContent true, related false, disclaimerVariant default, enabled true);"
      + " name and categories cannot be removed (400)", content = @Content(schema = @Schema(implementation = PartnerInput.class)))
      JsonNode body) {
    PartnerInput in = MergePatch.read(json, body, PartnerInput.class, Map.of("ratePerMinute", JsonNode.createNumberNode(60),
        "fullContent", JsonNode.createBooleanNode(true), "related", JsonNode.createBooleanNode(false),
        "disclaimerVariant", JsonNode.createStringNode("default"), "enabled", JsonNode.createBooleanNode(true))).patch();
    StorableText.check(in);
    Partner p = find(id);
    // The grant is checked only when the patch gives one: a category granted earlier and since
    // disabled or deleted must not keep an admin from disabling the partner or changing its rate.
    // Not given, it stays as it is when the change is written (a deletion meanwhile took a slug out).
    PartnerStore.Settings s = check(new PartnerStore.Settings(in.name() == null ? p.name() : in.name().strip(),
        in.categories() == null ? null : grant(in.categories()), orElse(in.ratePerMinute(), p.ratePerMinute()),
        orElse(in.fullContent(), p.fullContent()), orElse(in.related(), p.related()), orElse(in.disclaimerVariant(), p.disclaimerVariant()), orElse(in.enabled(), p.enabled())));
    unique(s.name(), id);
    return granted(() -> store.update(id, s)).orElseThrow(() -> notFound(id));
  }

  /** A write of a grant, whose categories the store checks again as it writes (400 if one went meanwhile). */
  private static <T> T granted(java.util.function.Supplier<T> write) {
    try {
      return write.get();
    } catch (PartnerStore.NotACategory e) {
      throw bad(e.getMessage());
    }
  }

  /** Deletes a partner; its key stops working. */
  @Delete("/{id}")
  @ApiResponse(responseCode = "204", description = "the partner is gone; its key stops working")
  HttpResponse<Void> delete(long id) {
    if (!store.delete(id)) {
      throw notFound(id);
    }
    return HttpResponse.noContent();
  }

  /** Replaces the partner's key with a new one, answered once; the old key stops working. */
  @Post("/{id}/rotate-key")
  PartnerWithKey rotate(long id) {
    PartnerKeys.Issued issued = keys.rotate(id).orElseThrow(() -> notFound(id));
    return new PartnerWithKey(issued.partner(), issued.key());
  }

  /** Requests, entries served and rate-limited requests of a partner, per day. */
  @Get("/{id}/usage")
  Page<PartnerStore.Usage> usage(long id) {
    find(id);
    usage.flush();
    return new Page<>(store.usage(id, null), null);
  }

  private PartnerStore.Settings check(PartnerStore.Settings s) {
    if (s.name().isEmpty() || Limits.characters(s.name()) > MAX_NAME) {
      throw bad("name: 1 to " + MAX_NAME + " characters");
    }
    if (s.ratePerMinute() < MIN_RATE || s.ratePerMinute() > MAX_RATE) {
      throw bad("ratePerMinute: must be between " + MIN_RATE + " and " + MAX_RATE + ", was " + s.ratePerMinute());
    }
    if (!s.disclaimerVariant().matches(DisclaimerController.VARIANT)) {
      throw bad("disclaimerVariant: lowercase letters, digits and '-', at most " + DisclaimerController.MAX_VARIANT);
    }
    return s;
  }

  /** The categories of a grant an admin sends, each an enabled category or {@code all}. */
  private List<String> grant(List<String> categories) {
    for (int i = 0; i < categories.size(); i++) {
      String c = categories.get(i);
      if (c == null) {
        throw bad("categories[" + i + "]: null; name an enabled category, e.g. \"ai\", or \"all\"");
      }
      if (!c.equals(Partner.ALL) && feeds.category(c).isEmpty()) {
        throw bad("categories: no enabled category '" + c + "'");
      }
    }
    return categories;
  }

  private void unique(String name, long id) {
    store.byName(name).filter(p -> p.id() != id).ifPresent(p -> {
      throw nameTaken(p, name);
    });
  }

  private static HttpStatusException nameTaken(Partner p, String name) {
    return new HttpStatusException(HttpStatus.CONFLICT, "name: partner " + p.id() + " is already called '" + name + "'");
  }

  private Partner find(long id) {
    return store.byId(id).orElseThrow(() -> notFound(id));
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static HttpStatusException bad(String message) {
    return new HttpStatusException(HttpStatus.BAD_REQUEST, message);
  }

  private static HttpStatusException notFound(long id) {
    return new HttpStatusException(HttpStatus.NOT_FOUND, "no partner " + id);
  }
}
