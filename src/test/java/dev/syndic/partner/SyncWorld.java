package dev.syndic.partner;

import dev.syndic.entry.ArrivalSequencer;
import dev.syndic.support.Api;
import dev.syndic.support.Await;
import dev.syndic.support.FeedServer;
import dev.syndic.support.Fixtures;
import dev.syndic.support.RawSql;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Categories, sources and partners of one sync test, under names of its own: the category the test
 * changes (disables, say) and another one, and a partner's copy ({@link
 * PartnerCopy}) for each grant that tells them apart: the changed one alone, both, the other alone,
 * and {@code all}. {@link #step} numbers what is queued and checks every copy against a full read.
 */
final class SyncWorld {

  final String tag = UUID.randomUUID().toString().substring(0, 8);
  final String changed;
  final String other;
  final PartnerCopy onlyChanged;
  final PartnerCopy both;
  final PartnerCopy onlyOther;
  final PartnerCopy everything;

  private final Api api;
  private final FeedServer server;
  private final ArrivalSequencer sequencer;
  private final RawSql raw;
  private final Map<PartnerCopy, Long> partnerIds = new HashMap<>();

  /** The changed category files what mentions {@code ruleWord} (a word no other category's rules know), or nothing when null. */
  SyncWorld(Api api, FeedServer server, ArrivalSequencer sequencer, RawSql raw, String name, String ruleWord) {
    this.api = api;
    this.server = server;
    this.sequencer = sequencer;
    this.raw = raw;
    changed = name + "-" + tag;
    other = name + "-other-" + tag;
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", changed, "rules",
        ruleWord == null ? Map.of() : Map.of("terms", Map.of(ruleWord, 10.0)))));
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", other)));
    onlyChanged = copy("only", List.of(changed));
    both = copy("both", List.of(changed, other));
    onlyOther = copy("other", List.of(other));
    everything = copy("all", List.of("all"));
  }

  private PartnerCopy copy(String name, List<String> grant) {
    Map<String, Object> created = api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", name + "-" + tag, "categories", grant,
        "ratePerMinute", 100_000)));
    PartnerCopy copy = new PartnerCopy(api, (String) created.get("key"), "");
    partnerIds.put(copy, ((Number) ((Map<?, ?>) created.get("partner")).get("id")).longValue());
    return copy;
  }

  /** Changes the grant of the partner of {@code copy} through the admin API, as an admin would. */
  void grant(PartnerCopy copy, List<String> categories) {
    api.body(HttpRequest.PATCH("/api/v1/partners/" + partnerIds.get(copy), Map.of("categories", categories)));
  }

  /** The id of the partner of {@code copy}. */
  long partnerId(PartnerCopy copy) {
    return partnerIds.get(copy);
  }

  /** Deletes the changed category through the API (which asks for a re-categorizing). */
  void deleteChanged() {
    HttpResponse<Map<String, Object>> r = api.call(HttpRequest.DELETE("/api/v1/categories/" + changed));
    if (r.code() != 204) {
      throw new AssertionError("deleting " + changed + " answered " + r.code());
    }
  }

  /** Every copy synced and checked against a full read; answers what the partner granted the other category alone got. */
  PartnerCopy.Changes step(String what) {
    onlyChanged.assertInSync(sequencer, what);
    both.assertInSync(sequencer, what);
    everything.assertInSync(sequencer, what);
    return onlyOther.assertInSync(sequencer, what);
  }

  /** Enables or disables the changed category through the API (which asks for a re-categorizing). */
  void enable(boolean on) {
    api.body(HttpRequest.PATCH("/api/v1/categories/" + changed, Map.of("enabled", on)));
  }

  /** Waits until the re-categorizing asked for so far has ended (a switch or a deletion asks for one). */
  void awaitRecategorized() {
    Await.until("re-categorizing ended", Duration.ofSeconds(30), () -> raw.number("SELECT requested - completed FROM recategorize_request") == 0);
  }

  /** A source serving {@code items} at {@code path} (under this world's tag), with {@code category} as its default (or none), polled once. */
  long source(String path, String category, String[]... items) {
    String tagged = "/" + tag + path;
    server.serve(tagged, Fixtures.rss(items));
    Map<String, Object> body = new HashMap<>(Map.of("url", server.url(tagged)));
    if (category != null) {
      body.put("category", category);
    }
    long id = ((Number) api.body(HttpRequest.POST("/api/v1/sources", body)).get("id")).longValue();
    if (!"ok".equals(api.poll(id).get("outcome"))) {
      throw new AssertionError("the first poll of " + tagged + " failed");
    }
    return id;
  }

  /** Serves other items at a source's path (as given to {@link #source}). */
  void serve(String path, String[]... items) {
    server.serve("/" + tag + path, Fixtures.rss(items));
  }

  /** An item of a feed: guid, title and a short report. */
  static String[] item(String guid, String title) {
    return new String[] {guid, title, "<p>" + title + ": the full report, with figures and quotes.</p>"};
  }

  /** The id under which {@code copy} holds the item of this title. */
  static String itemId(PartnerCopy copy, String title) {
    return copy.items.entrySet().stream().filter(e -> e.getValue().equals(title)).map(Map.Entry::getKey).findFirst().orElseThrow();
  }
}
