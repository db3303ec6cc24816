package dev.syndic.api;

import dev.syndic.entry.EntryRemoval;
import dev.syndic.source.Source;
import dev.syndic.source.SourceRepository;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the sources a set of filters selects, once the admin has confirmed how many: first marks
 * them, in one statement that marks nothing unless they are as many as expected, then deletes
 * them one at a time through {@link EntryRemoval#deleteSource}, each in its own transaction, as
 * {@code DELETE /api/v1/sources/{id}} does. One transaction for thousands of sources would hold
 * the clustering lock, and so every poll's clustering, for as long as they all take; one at a
 * time, polls go on between them, and memory holds a page of ids.
 *
 * <p>Cut off midway (a restart, a database gone), it leaves each source deleted whole or not at
 * all, and the rest marked under the request: the same request again (same filters, same
 * expected number) deletes those, without counting again, for {@link #MARKS_KEPT}. A source's
 * mark goes with it in its deletion's transaction, so what is left marked is exactly what is left
 * to delete.
 */
@Singleton
final class SourceBulkDeletion {

  private static final Logger LOG = LoggerFactory.getLogger(SourceBulkDeletion.class);

  /** How long a deletion cut off midway can be finished by the same request. */
  static final Duration MARKS_KEPT = Duration.ofDays(1);

  /** The ids read at a time from the marks. */
  private static final int PAGE = 100;

  /** The sources a preview shows. */
  static final int PREVIEWED = 10;

  /** What the filters select: how many sources, and the first {@link #PREVIEWED} by id. */
  record Preview(long selected, List<Source> first) {}

  /** What a deletion of many sources did. */
  sealed interface Outcome {
    /** The filters select {@code selected} sources, not the number expected: nothing deleted. */
    record Mismatch(long selected) implements Outcome {}

    /** The sources this request deleted (with a deletion cut off before: those left then). */
    record Deleted(long deleted) implements Outcome {}
  }

  private final SourceRepository sources;
  private final EntryRemoval removal;
  private final Clock clock;

  SourceBulkDeletion(SourceRepository sources, EntryRemoval removal, Clock clock) {
    this.sources = sources;
    this.removal = removal;
    this.clock = clock;
  }

  /** How many sources the filters select, and the first few of them by id: what a deletion of them would delete. */
  Preview preview(SourceFilter f) {
    return new Preview(selected(f), sources.page(0, f.status(), f.enabled(), f.category(), f.pattern(), f.urlPattern(), f.hostPattern(), f.minErrors(), f.noSuccessSince(),
        f.quietSince(), PREVIEWED));
  }

  /** Deletes every source the filters select if they are {@code expect} in number, or finishes this request's deletion cut off before. */
  Outcome delete(SourceFilter f, long expect) {
    Instant now = clock.instant();
    sources.forgetDeletionMarks(now.minus(MARKS_KEPT));
    String request = f.key() + "&expect=" + expect;
    // Marked already: the deletion this request confirmed was cut off. Its sources are deleted as
    // confirmed then, not counted again (those deleted are gone from the count) nor widened.
    // Nothing marked by the statement: another number, none selected, or the same request at the
    // same moment marked them first (then they are its marks too).
    boolean confirmed = marked(request)
        || sources.markForDeletion(request, f.status(), f.enabled(), f.category(), f.pattern(), f.urlPattern(), f.hostPattern(), f.minErrors(), f.noSuccessSince(),
            f.quietSince(), expect, now) > 0
        || marked(request);
    if (!confirmed) {
      long selected = selected(f);
      return selected == expect ? new Outcome.Deleted(0) : new Outcome.Mismatch(selected);
    }
    long deleted = 0;
    long after = 0;
    List<Long> page;
    while (!(page = sources.markedForDeletion(request, after, PAGE)).isEmpty()) {
      for (long id : page) {
        if (removal.deleteSource(id)) {
          deleted++;
        }
      }
      after = page.get(page.size() - 1);
    }
    LOG.info("deleted {} sources of {} confirmed ({})", deleted, expect, request);
    return new Outcome.Deleted(deleted);
  }

  private boolean marked(String request) {
    return !sources.markedForDeletion(request, 0, 1).isEmpty();
  }

  private long selected(SourceFilter f) {
    return sources.selected(f.status(), f.enabled(), f.category(), f.pattern(), f.urlPattern(), f.hostPattern(), f.minErrors(), f.noSuccessSince(), f.quietSince());
  }
}
