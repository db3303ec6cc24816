package dev.syndic.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.syndic.source.SourceSchedule;
import dev.syndic.support.FeedServerTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A feed's {@code <ttl>} holds for every poll, not only for the one that read it: a busy feed (200
 * entries a week would be polled every 50 minutes) that asks for 600 minutes is not polled sooner
 * after a 304 or an unchanged body, which carry no feed to read the ttl from.
 */
@MicronautTest(transactional = false)
class FeedTtlTest extends FeedServerTest {

  @Inject
  SourceSchedule schedule;

  /** 200 entries, one every half hour, and a ttl. */
  private static byte[] busyFeed(int ttlMinutes) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Busy</title>"
        + "<link>https://busy.example/</link><description>d</description>" + (ttlMinutes > 0 ? "<ttl>" + ttlMinutes + "</ttl>" : "") + "\n");
    Instant now = Instant.now();
    for (int i = 0; i < 200; i++) {
      String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.minus(Duration.ofMinutes(30L * i)).atOffset(ZoneOffset.UTC));
      b.append("<item><guid>busy-").append(i).append("</guid><title>Story number ").append(i).append(" of the busy feed</title>")
          .append("<link>https://busy.example/").append(i).append("</link><description>Words of story ").append(i)
          .append("</description><pubDate>").append(date).append("</pubDate></item>\n");
    }
    return b.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
  }

  private Duration untilNextPoll(long id) {
    Map<String, Object> source = api.body(HttpRequest.GET("/api/v1/sources/" + id));
    return Duration.between(Instant.now(), Instant.parse((String) source.get("nextPollAt")));
  }

  @Test
  void theTtlHoldsAfterA304() {
    server.serve("/ttl-304.xml", 200, busyFeed(600), "Content-Type", "application/rss+xml", "ETag", "\"v1\"");
    long id = api.addSource(server.url("/ttl-304.xml"));
    assertEquals(200, ((Number) api.poll(id).get("newEntries")).intValue());
    assertFalse(untilNextPoll(id).toMinutes() < 590, () -> "after the first poll: " + untilNextPoll(id));

    assertEquals("not_modified", api.poll(id).get("outcome"));
    assertFalse(untilNextPoll(id).toMinutes() < 590, () -> "after a 304 the next poll is " + untilNextPoll(id).toMinutes() + " min away");
  }

  @Test
  void theTtlHoldsAfterTheSameBody() {
    server.serve("/ttl-same.xml", busyFeed(600));
    long id = api.addSource(server.url("/ttl-same.xml"));
    api.poll(id);
    assertEquals("not_modified", api.poll(id).get("outcome"));
    assertFalse(untilNextPoll(id).toMinutes() < 590, () -> "after the same body the next poll is " + untilNextPoll(id).toMinutes() + " min away");
  }

  @Test
  void aTtlTheFeedDropsNoLongerHolds() {
    server.serve("/ttl-dropped.xml", busyFeed(600));
    long id = api.addSource(server.url("/ttl-dropped.xml"));
    api.poll(id);
    server.serve("/ttl-dropped.xml", 200, busyFeed(0), "Content-Type", "application/rss+xml", "ETag", "\"v2\"");
    api.poll(id);
    assertEquals("not_modified", api.poll(id).get("outcome"));
    assertFalse(untilNextPoll(id).toMinutes() > 120, () -> "the busy feed's own pace again: " + untilNextPoll(id).toMinutes() + " min");
  }

  /** An admin's poll that gives up on a busy host releases its claim; the stored schedule stays. */
  @Test
  void aDeferredPollKeepsALaterSchedule() {
    server.serve("/ttl-deferred.xml", busyFeed(600));
    long id = api.addSource(server.url("/ttl-deferred.xml"));
    api.poll(id);
    schedule.claim(id, "admin-poll", Duration.ofMinutes(1)).orElseThrow();
    schedule.defer(id, Instant.now().plusSeconds(2));
    assertFalse(untilNextPoll(id).toMinutes() < 590, () -> "after a deferral: " + untilNextPoll(id));
  }
}
