package dev.syndic.api;

import dev.syndic.category.CategoryStore;
import dev.syndic.category.ExampleStore;
import dev.syndic.entry.EntryFilter;
import dev.syndic.entry.EntryQueries;
import dev.syndic.entry.EntryRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.util.List;

/** Entries: list (by source, category; cursor paging), get, and an admin's category correction. */
@Controller("/api/v1/entries")
@ExecuteOn(TaskExecutors.BLOCKING)
final class EntryController {

  private final EntryQueries entries;
  private final CategoryStore categories;
  private final ExampleStore examples;
  private final ObjectMapper json;

  EntryController(EntryQueries entries, CategoryStore categories, ExampleStore examples, ObjectMapper json) {
    this.entries = entries;
    this.categories = categories;
    this.examples = examples;
    this.json = json;
  }

  @Get
  Page<EntryView> list(@Nullable @QueryValue Long source, @Nullable @QueryValue String category, @Nullable @QueryValue String cursor,
      @Nullable @QueryValue Integer limit) {
    int n = Limits.check(limit);
    EntryFilter.Position after = cursor == null ? null : Cursors.position(cursor);
    List<EntryRow> rows = entries.list(new EntryFilter(source, blankToNull(category), after, n + 1, true));
    String next = null;
    if (rows.size() > n) {
      EntryRow last = rows.get(n - 1);
      next = Cursors.of(new EntryFilter.Position(last.sortAt(), last.id()));
    }
    return new Page<>(rows.stream().limit(n).map(r -> view(r, false)).toList(), next);
  }

  @Get("/{id}")
  EntryView get(long id) {
    return entries.byId(id).map(r -> view(r, true)).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no entry " + id));
  }

  /** An admin's correction: the given categories become the entry's only ones, for good. */
  @Patch("/{id}")
  EntryView patch(long id, @Body EntryPatch in) {
    if (in.categories() != null) {
      for (String slug : in.categories()) {
        if (slug == null || categories.bySlug(slug).isEmpty()) {
          throw SourceChecks.bad("categories: no category '" + slug + "'; GET /api/v1/categories lists them");
        }
      }
      if (!examples.correct(id, in.categories().stream().distinct().toList())) {
        throw new HttpStatusException(HttpStatus.NOT_FOUND, "no entry " + id);
      }
    }
    return get(id);
  }

  private EntryView view(EntryRow r, boolean withContent) {
    List<EntryView.CategoryView> categories = r.categories().stream()
        .map(c -> new EntryView.CategoryView(c.slug(), c.origin(), c.score(), evidence(c.evidenceJson())))
        .toList();
    return new EntryView(r.id(), r.sourceId(), r.sourceTitle(), r.guid(), r.link(), r.title(), r.author(), r.published(), r.updatedAt(),
        r.language(), r.revision(), r.hidden(), categories, r.id(), true, withContent ? r.cleanHtml() : null);
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
