package dev.syndic.api;

import dev.syndic.ingest.PollNow;
import dev.syndic.source.FetchRecordRepository;
import dev.syndic.source.Source;
import dev.syndic.source.SourceRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.util.List;

/** Sources: list, create, get, patch, delete, poll now, fetch history. */
@Controller("/api/v1/sources")
@ExecuteOn(TaskExecutors.BLOCKING)
final class SourceController {

  private final SourceRepository sources;
  private final FetchRecordRepository fetches;
  private final SourceChecks checks;
  private final PollNow pollNow;
  private final Clock clock;

  SourceController(SourceRepository sources, FetchRecordRepository fetches, SourceChecks checks, PollNow pollNow, Clock clock) {
    this.sources = sources;
    this.fetches = fetches;
    this.checks = checks;
    this.pollNow = pollNow;
    this.clock = clock;
  }

  @Get
  Page<SourceView> list(@Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit) {
    int n = Limits.check(limit);
    long after = cursor == null ? 0 : Cursors.id(cursor);
    List<Source> page = sources.page(after, n + 1);
    String next = page.size() > n ? Cursors.ofId(page.get(n - 1).id()) : null;
    return new Page<>(page.stream().limit(n).map(SourceView::of).toList(), next);
  }

  @Post
  HttpResponse<SourceView> create(@Body SourceInput in) {
    String url = checks.url(in.url());
    sources.findByUrl(url).ifPresent(existing -> {
      throw new HttpStatusException(HttpStatus.CONFLICT, "url: already subscribed as source " + existing.id());
    });
    Source source = Source.create(url, in.title(), checks.category(in.category()), clock.instant());
    if (in.pollIntervalSeconds() != null || Boolean.FALSE.equals(in.enabled())) {
      source = checks.patch(source, new SourceInput(null, null, null, in.enabled(), null, in.pollIntervalSeconds()), clock.instant());
    }
    Source saved = sources.save(source);
    return HttpResponse.created(SourceView.of(saved)).header("Location", "/api/v1/sources/" + saved.id());
  }

  @Get("/{id}")
  SourceView get(long id) {
    return SourceView.of(find(id));
  }

  @Patch("/{id}")
  SourceView patch(long id, @Body SourceInput in) {
    Source patched = checks.patch(find(id), in, clock.instant());
    if (!patched.url().equals(find(id).url())) {
      sources.findByUrl(patched.url()).ifPresent(other -> {
        throw new HttpStatusException(HttpStatus.CONFLICT, "url: already subscribed as source " + other.id());
      });
    }
    return SourceView.of(sources.update(patched));
  }

  @Delete("/{id}")
  HttpResponse<Void> delete(long id) {
    sources.delete(find(id));
    return HttpResponse.noContent();
  }

  @Post("/{id}/poll")
  HttpResponse<?> poll(long id, @Nullable @QueryValue Boolean wait) {
    find(id);
    if (Boolean.TRUE.equals(wait)) {
      return pollNow.pollAndWait(id).<HttpResponse<?>>map(r -> HttpResponse.ok(FetchView.of(r))).orElseThrow(SourceController::busy);
    }
    if (!pollNow.pollLater(id)) {
      throw busy();
    }
    return HttpResponse.accepted();
  }

  @Get("/{id}/fetches")
  Page<FetchView> fetches(long id, @Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit) {
    find(id);
    int n = Limits.check(limit);
    long before = cursor == null ? Long.MAX_VALUE : Cursors.id(cursor);
    var page = fetches.history(id, before, n + 1);
    String next = page.size() > n ? Cursors.ofId(page.get(n - 1).id()) : null;
    return new Page<>(page.stream().limit(n).map(FetchView::of).toList(), next);
  }

  private Source find(long id) {
    return sources.findById(id).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no source " + id));
  }

  private static HttpStatusException busy() {
    return new HttpStatusException(HttpStatus.CONFLICT, "a poll of this source is already running; try again when it ends");
  }
}
