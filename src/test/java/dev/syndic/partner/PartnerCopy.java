package dev.syndic.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.entry.ArrivalSequencer;
import dev.syndic.support.Api;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A partner's copy kept by syncing in arrival order, as a partner would: items kept by id (id to
 * title), removals dropped, applied in position order, and the position to sync after. {@link
 * #truth()} is what a full newest-first read of the same grant shows now, another query than the
 * arrival order's.
 */
final class PartnerCopy {

  /** What one {@link #sync()} brought: the ids of its items and of its removals, in position order. */
  record Changes(List<String> items, List<String> removed) {}

  final String key;
  final String query;
  final Map<String, String> items = new TreeMap<>();
  String after;
  int removals;
  /** Items and removals a page asks for: few, so that paging is exercised; more for a copy of a whole database. */
  int limit = 3;
  private final Api api;

  /** A copy of what {@code query} (after the path's '?': a category or nothing) lists to the partner with {@code key}. */
  PartnerCopy(Api api, String key, String query) {
    this.api = api;
    this.key = key;
    this.query = query;
  }

  /** Syncs to the end from the position kept, applying items and removals in position order. */
  @SuppressWarnings("unchecked")
  Changes sync() {
    List<String> arrived = new ArrayList<>();
    List<String> left = new ArrayList<>();
    for (int pages = 0; ; pages++) {
      assertTrue(pages < 1000, "paging ends");
      Map<String, Object> page = get("/partner/v1/entries?order=arrival&limit=" + limit + query + (after == null ? "" : "&after=" + after));
      List<Map<String, Object>> changes = new ArrayList<>((List<Map<String, Object>>) page.get("items"));
      List<Map<String, Object>> removed = (List<Map<String, Object>>) page.getOrDefault("removed", List.of());
      changes.addAll(removed.stream().map(r -> {
        Map<String, Object> m = new LinkedHashMap<>(r);
        m.put("removed", true);
        return m;
      }).toList());
      changes.sort(Comparator.comparingLong(m -> PartnerCursor.readArrival((String) m.get("position"))));
      for (Map<String, Object> change : changes) {
        String id = (String) change.get("id");
        if (change.containsKey("removed")) {
          items.remove(id);
          left.add(id);
          removals++;
        } else {
          items.put(id, (String) change.get("title"));
          arrived.add(id);
        }
      }
      after = (String) page.get("next");
      if (!(Boolean) page.get("more")) {
        return new Changes(arrived, left);
      }
    }
  }

  /** What a full read of the grant shows now, newest first, id to title. */
  @SuppressWarnings("unchecked")
  Map<String, String> truth() {
    Map<String, String> out = new TreeMap<>();
    String cursor = null;
    do {
      Map<String, Object> page = get("/partner/v1/entries?limit=500" + query + (cursor == null ? "" : "&cursor=" + cursor));
      for (Map<String, Object> item : (List<Map<String, Object>>) page.get("items")) {
        out.put((String) item.get("id"), (String) item.get("title"));
      }
      cursor = (String) page.get("next");
    } while (cursor != null);
    return out;
  }

  /** Numbers what is queued, syncs, and checks the copy against a full read; answers what the sync brought. */
  Changes assertInSync(ArrivalSequencer sequencer, String step) {
    sequencer.sequenceAll();
    Changes changes = sync();
    assertEquals(truth(), items, key.substring(0, 6) + "..." + query + ": after " + step);
    return changes;
  }

  private Map<String, Object> get(String uri) {
    HttpResponse<Map<String, Object>> r = api.callAs(key, HttpRequest.GET(uri));
    assertEquals(200, r.code(), () -> uri + " answered " + r.code() + ": " + r.getBody(Map.class).orElse(null));
    return r.body();
  }
}
