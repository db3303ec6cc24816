package dev.syndic.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Await;
import dev.syndic.support.FeedServer;
import dev.syndic.support.FeedServerTest;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * A source whose feed names a WebSub hub, end to end with a hub of the test's own: the request
 * after a poll, the verification, signed and unsigned notices, and callbacks that are no
 * subscription.
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.site.base-url", value = "https://syndic.example.org")
@Property(name = "syndic.websub.subscribe.least-gap", value = "0s")
class PushSubscriptionTest extends FeedServerTest {

  @Inject
  DataSource dataSource;

  @Inject
  io.micronaut.runtime.server.EmbeddedServer embedded;

  /** The forms the test's hub received, decoded. */
  private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

  private long subscribed(String path, String guid) {
    server.handle("/hub", exchange -> {
      requests.add(form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      FeedServer.reply(exchange, 202, new byte[0]);
    });
    server.serve(path, feed(server.url(path), guid).getBytes(StandardCharsets.UTF_8), "application/rss+xml");
    long id = api.addSource(server.url(path));
    assertEquals("ok", api.poll(id).get("outcome"));
    Await.until("the hub asked for notices of " + path, Duration.ofSeconds(10),
        () -> requests.stream().anyMatch(r -> server.url(path).equals(r.get("hub.topic"))));
    return id;
  }

  /** A subscribed source's callback as the hub received it: the path hubs call, and the secret. */
  private record Callback(long sourceId, String path, String secret) {}

  private Callback callback(String path, String guid) {
    long id = subscribed(path, guid);
    Map<String, String> asked = request(path);
    return new Callback(id, URI.create(asked.get("hub.callback")).getRawPath(), asked.get("hub.secret"));
  }

  private Map<String, String> request(String path) {
    return requests.stream().filter(r -> server.url(path).equals(r.get("hub.topic"))).findFirst().orElseThrow();
  }

  @Test
  void aFeedThatNamesAHubIsSubscribedVerifiedAndPolledOnASignedNotice() throws Exception {
    long id = subscribed("/pushed.xml", "p-1");
    Map<String, String> asked = request("/pushed.xml");
    assertEquals("subscribe", asked.get("hub.mode"));
    assertEquals(Long.toString(Duration.ofDays(10).toSeconds()), asked.get("hub.lease_seconds"));
    String callback = asked.get("hub.callback");
    assertTrue(callback.startsWith("https://syndic.example.org/websub/" + id + "/"), callback);
    String secret = asked.get("hub.secret");
    assertTrue(secret.length() >= 32, secret);
    assertEquals("requested", push(id).get("state"));
    String path = URI.create(callback).getRawPath();

    HttpResponse<String> verified = get(path + "?hub.mode=subscribe&hub.topic=" + enc(server.url("/pushed.xml"))
        + "&hub.challenge=ch4llenge&hub.lease_seconds=3600");

    assertEquals(200, verified.code());
    assertEquals("ch4llenge", verified.body());
    Map<String, Object> active = push(id);
    assertEquals("active", active.get("state"));
    Instant lease = Instant.parse((String) active.get("leaseUntil"));
    assertTrue(lease.isAfter(Instant.now().plusSeconds(3000)) && lease.isBefore(Instant.now().plusSeconds(3700)), lease.toString());

    double polledBefore = notices("polled");
    double ignoredBefore = notices("ignored");
    Instant dueBefore = nextPoll(id);
    assertTrue(dueBefore.isAfter(Instant.now()), "not due until its next poll");
    byte[] body = feed(server.url("/pushed.xml"), "p-2").getBytes(StandardCharsets.UTF_8);
    assertEquals(202, post(path, body, "sha256=" + hmac("HmacSHA256", secret, "forged".getBytes(StandardCharsets.UTF_8))).code());
    assertEquals(dueBefore, nextPoll(id), "a notice whose signature does not hold is ignored");
    assertTrue(((String) push(id).get("lastError")).contains("does not match"), String.valueOf(push(id)));
    assertEquals(202, post(path, body, null).code());
    assertEquals(dueBefore, nextPoll(id), "an unsigned notice is ignored");

    assertEquals(202, post(path, body, "sha1=" + hmac("HmacSHA1", secret, body)).code());

    assertFalse(nextPoll(id).isAfter(Instant.now()), "a signed notice makes the source due");
    Map<String, Object> noticed = push(id);
    assertEquals(1, ((Number) noticed.get("notices")).intValue());
    assertNull(noticed.get("lastError"));
    assertEquals(List.of(polledBefore + 1, ignoredBefore + 2), List.of(notices("polled"), notices("ignored")), "/metrics");
  }

  /** {@code syndic_websub_notices_total} of an outcome, as /metrics says it. */
  private double notices(String outcome) {
    String metrics = http.toBlocking().retrieve("/metrics");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^syndic_websub_notices_total\\{[^}]*outcome=\"" + outcome
        + "\"[^}]*\\} ([0-9.eE+]+)$").matcher(metrics);
    assertTrue(m.find(), metrics);
    return Double.parseDouble(m.group(1));
  }

  /**
   * Renewed at the first poll in the last quarter of the lease the hub granted, with the same
   * callback and secret, once: a renewal the hub has not verified yet is not asked again at every
   * poll.
   */
  @Test
  void aSubscriptionIsRenewedOnceInItsLastQuarterWithTheSameCallback() throws Exception {
    long id = subscribed("/renewed.xml", "rn-1");
    Map<String, String> first = request("/renewed.xml");
    String path = URI.create(first.get("hub.callback")).getRawPath();
    assertEquals(200, get(path + "?hub.mode=subscribe&hub.topic=" + enc(server.url("/renewed.xml")) + "&hub.challenge=c&hub.lease_seconds=3600")
        .code());
    server.serve("/renewed.xml", feed(server.url("/renewed.xml"), "rn-1b").getBytes(StandardCharsets.UTF_8), "application/rss+xml");
    assertEquals("ok", api.poll(id).get("outcome"));
    Thread.sleep(500); // the request would go out on another thread at once
    assertEquals(1, asked("/renewed.xml"), "not due: the lease has most of its hour left");

    sql("UPDATE push_subscription SET requested_at = now() - interval '51 minutes', verified_at = now() - interval '50 minutes',"
        + " lease_until = now() + interval '10 minutes'"
        + " WHERE source_id = " + id);
    server.serve("/renewed.xml", feed(server.url("/renewed.xml"), "rn-2").getBytes(StandardCharsets.UTF_8), "application/rss+xml");
    assertEquals("ok", api.poll(id).get("outcome"));

    Await.until("the renewal", Duration.ofSeconds(10), () -> asked("/renewed.xml") == 2);
    Map<String, String> second = requests.stream().filter(r -> server.url("/renewed.xml").equals(r.get("hub.topic"))).toList().get(1);
    assertEquals(List.of(first.get("hub.callback"), first.get("hub.secret")), List.of(second.get("hub.callback"), second.get("hub.secret")));
    assertEquals("active", push(id).get("state"), "active while it is renewed");
    server.serve("/renewed.xml", feed(server.url("/renewed.xml"), "rn-3").getBytes(StandardCharsets.UTF_8), "application/rss+xml");
    assertEquals("ok", api.poll(id).get("outcome"));
    Thread.sleep(500); // the request would go out on another thread at once
    assertEquals(2, asked("/renewed.xml"), "asked once until the hub verifies it");
  }

  /**
   * A feed that has not changed (the same bytes again, or 304) still names its hub: a poll in the
   * lease's last quarter renews it (before, only a poll that parsed a changed feed did, and a
   * quiet feed's subscription ran out). A feed read since without its hub ends the subscription.
   */
  @Test
  void anUnchangedFeedIsRenewedAndOneThatDropsItsHubIsNot() throws Exception {
    long id = subscribed("/quiet.xml", "q-1");
    String path = URI.create(request("/quiet.xml").get("hub.callback")).getRawPath();
    assertEquals(200, get(path + "?hub.mode=subscribe&hub.topic=" + enc(server.url("/quiet.xml")) + "&hub.challenge=c&hub.lease_seconds=3600")
        .code());
    sql("UPDATE push_subscription SET requested_at = now() - interval '51 minutes', verified_at = now() - interval '50 minutes',"
        + " lease_until = now() + interval '10 minutes' WHERE source_id = " + id);

    assertEquals("not_modified", api.poll(id).get("outcome"));

    Await.until("the renewal of an unchanged feed", Duration.ofSeconds(10), () -> asked("/quiet.xml") == 2);
    assertEquals("active", push(id).get("state"));

    server.serve("/quiet.xml", ("""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Quiet</title><link>https://quiet.example.com/</link>
        <item><guid>q-2</guid><title>Story q-2</title><link>https://quiet.example.com/q-2</link></item></channel></rss>""")
        .getBytes(StandardCharsets.UTF_8), "application/rss+xml");
    assertEquals("ok", api.poll(id).get("outcome"));
    sql("UPDATE push_subscription SET requested_at = now() - interval '51 minutes' WHERE source_id = " + id);
    assertEquals("not_modified", api.poll(id).get("outcome"));
    Thread.sleep(500); // the request would go out on another thread at once
    assertEquals(2, asked("/quiet.xml"), "a feed that no longer names its hub is not renewed");
    assertEquals(404, api.call(HttpRequest.GET("/api/v1/sources/" + id + "/push")).code(), "nor subscribed");
  }

  /**
   * A notice that comes while a poll runs (the poll may have read the feed before the change it
   * announces) makes the source due again once the poll is recorded: before, the poll's schedule
   * (3 h while the hub is relied on) replaced it, and the change waited that long.
   */
  @Test
  void aNoticeThatComesWhileAPollRunsIsNotLost() throws Exception {
    Callback callback = callback("/racing.xml", "rc-1");
    long id = callback.sourceId();
    assertEquals(200, get(callback.path() + "?hub.mode=subscribe&hub.topic=" + enc(server.url("/racing.xml"))
        + "&hub.challenge=c&hub.lease_seconds=864000").code());
    byte[] notice = "changed".getBytes(StandardCharsets.UTF_8);
    byte[] feed = feed(server.url("/racing.xml"), "rc-2").getBytes(StandardCharsets.UTF_8);
    server.handle("/racing.xml", exchange -> {
      try {
        // The publisher changes the feed right after this read, and the hub tells Syndic at once.
        assertEquals(202, post(callback.path(), notice, "sha256=" + hmac("HmacSHA256", callback.secret(), notice)).code());
      } catch (Exception e) {
        throw new java.io.IOException(e);
      }
      FeedServer.reply(exchange, 200, feed, "Content-Type", "application/rss+xml");
    });

    assertEquals("ok", api.poll(id).get("outcome"));

    assertEquals(1, ((Number) push(id).get("notices")).intValue());
    assertFalse(nextPoll(id).isAfter(Instant.now()), "due again at once (least-gap 0s): " + nextPoll(id));
  }

  /**
   * The poll that a notice come during the poll before brings finds what the notice announced: the
   * hub announced it, so it stays relied on. Before, only a notice after the previous poll's end
   * counted, and that poll was taken for one that found entries no notice announced ({@code
   * missedAt}): the source went back to its own pace until the hub's next notice.
   */
  @Test
  void whatANoticeDuringThePollBeforeAnnouncedIsNoMiss() throws Exception {
    Callback callback = callback("/during.xml", "d-1");
    long id = callback.sourceId();
    assertEquals(200, get(callback.path() + "?hub.mode=subscribe&hub.topic=" + enc(server.url("/during.xml"))
        + "&hub.challenge=c&hub.lease_seconds=864000").code());
    byte[] notice = "changed".getBytes(StandardCharsets.UTF_8);
    byte[] before = feed(server.url("/during.xml"), "d-1").getBytes(StandardCharsets.UTF_8);
    server.handle("/during.xml", exchange -> {
      try {
        assertEquals(202, post(callback.path(), notice, "sha256=" + hmac("HmacSHA256", callback.secret(), notice)).code());
      } catch (Exception e) {
        throw new java.io.IOException(e);
      }
      FeedServer.reply(exchange, 200, before, "Content-Type", "application/rss+xml");
    });
    assertEquals("not_modified", api.poll(id).get("outcome"));

    server.serve("/during.xml", feed(server.url("/during.xml"), "d-2").getBytes(StandardCharsets.UTF_8), "application/rss+xml");
    assertEquals(1, ((Number) api.poll(id).get("newEntries")).intValue());

    assertNull(push(id).get("missedAt"), String.valueOf(push(id)));
  }

  /**
   * A feed may name itself and its hub with relative addresses: they are read against the address
   * the feed came from (RFC 3986), as a browser reads them. Before, a relative self link was no
   * link, and the source was never subscribed.
   */
  @Test
  void relativeSelfAndHubLinksAreReadAgainstTheFeedsAddress() {
    server.handle("/hub", exchange -> {
      requests.add(form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      FeedServer.reply(exchange, 202, new byte[0]);
    });
    server.serve("/relative/feed.xml", feed("feed.xml", "rel-1").replace("href=\"/hub\"", "href=\"../hub\"")
        .getBytes(StandardCharsets.UTF_8), "application/rss+xml");
    long id = api.addSource(server.url("/relative/feed.xml"));

    assertEquals("ok", api.poll(id).get("outcome"));

    Await.until("the hub asked for notices of the feed", Duration.ofSeconds(10),
        () -> requests.stream().anyMatch(r -> server.url("/relative/feed.xml").equals(r.get("hub.topic"))));
    assertEquals(server.url("/hub"), push(id).get("hub"));
  }

  /**
   * A hub relied on: the polls between its notices come every poll-interval (3 h), not at the
   * busy feed's own pace (some 34 minutes for 300 entries a week), until a poll finds entries no
   * notice announced; the hub's next notice makes it relied on again.
   */
  @Test
  void aReliedOnHubSpacesOutPollsUntilAPollFindsWhatItDidNotAnnounce() throws Exception {
    Callback callback = callback("/busy.xml", "b-0");
    long id = callback.sourceId();
    String path = callback.path();
    String secret = callback.secret();
    assertEquals(200, get(path + "?hub.mode=subscribe&hub.topic=" + enc(server.url("/busy.xml")) + "&hub.challenge=c&hub.lease_seconds=864000")
        .code());

    serveBusy("/busy.xml", 300);
    byte[] notice = "changed".getBytes(StandardCharsets.UTF_8);
    assertEquals(202, post(path, notice, "sha256=" + hmac("HmacSHA256", secret, notice)).code());
    assertEquals("ok", api.poll(id).get("outcome"));

    assertNull(push(id).get("missedAt"), "the hub announced what the poll found");
    assertWaits(id, Duration.ofHours(3), "relied on: every poll-interval");

    serveBusy("/busy.xml", 301);
    assertEquals("ok", api.poll(id).get("outcome"));

    assertTrue(push(id).get("missedAt") != null, String.valueOf(push(id)));
    assertWaits(id, Duration.ofDays(7).dividedBy(301), "a poll found an entry no notice announced: the feed's own pace");

    serveBusy("/busy.xml", 302);
    assertEquals(202, post(path, notice, "sha256=" + hmac("HmacSHA256", secret, notice)).code());
    assertEquals("ok", api.poll(id).get("outcome"));

    assertWaits(id, Duration.ofHours(3), "the hub's next notice: relied on again");
  }

  private void serveBusy(String path, int items) {
    StringBuilder feed = new StringBuilder("""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Busy</title><link>https://busy.example.com/</link>
        <atom:link rel="hub" href="/hub"/><atom:link rel="self" href="%s"/>
        """.formatted(server.url(path)));
    for (int i = items; i >= 1; i--) {
      feed.append("<item><guid>b-%d</guid><title>Busy story number %d</title><link>https://busy.example.com/%d</link></item>\n".formatted(i, i, i));
    }
    server.serve(path, feed.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8), "application/rss+xml");
  }

  /** The source's next poll is {@code wait} from now, give or take a minute. */
  private void assertWaits(long id, Duration wait, String why) {
    Duration left = Duration.between(Instant.now(), nextPoll(id));
    assertTrue(left.compareTo(wait.minusMinutes(1)) > 0 && left.compareTo(wait.plusMinutes(1)) < 0, why + ": next poll in " + left);
  }

  /**
   * Anyone may post to a callback's address: the body is not held. A callback that is no
   * subscription, and a notice whose signature names no known algorithm, are answered before their
   * body has come (a body held whole, up to the server's 64 MB limit, at a few requests at once
   * would fill the heap); a signed notice of 12 MB is read as it comes and holds.
   */
  @Test
  void aNoticesBodyIsNotHeld() throws Exception {
    Callback callback = callback("/large.xml", "l-1");
    long id = callback.sourceId();
    String path = callback.path();
    String secret = callback.secret();

    assertEquals("HTTP/1.1 410 Gone", firstLine("/websub/" + id + "/not-the-key", "sha256=00", 50_000_000));
    assertEquals("HTTP/1.1 202 Accepted", firstLine(path, "md5=00", 50_000_000));

    byte[] large = new byte[12 << 20];
    java.util.Arrays.fill(large, (byte) 'x');
    long before = ((Number) push(id).get("notices")).longValue();
    assertEquals(202, post(path, large, "sha512=" + hmac("HmacSHA512", secret, large)).code());
    assertEquals(before + 1, ((Number) push(id).get("notices")).longValue(), "a signed notice, read as it came");
    byte[] json = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}".getBytes(StandardCharsets.UTF_8);
    MutableHttpRequest<byte[]> jsonNotice = HttpRequest.POST(path, json).contentType(MediaType.APPLICATION_JSON_TYPE)
        .header("X-Hub-Signature", "sha256=" + hmac("HmacSHA256", secret, json));
    assertEquals(202, send(jsonNotice).code());
    assertEquals(before + 2, ((Number) push(id).get("notices")).longValue(), "a JSON Feed's notice: the bytes as sent");
  }

  /** The status line of a POST whose headers announce {@code length} bytes of which only a few are sent. */
  private String firstLine(String path, String signature, long length) throws Exception {
    try (java.net.Socket socket = new java.net.Socket(server().getHost(), server().getPort())) {
      socket.setSoTimeout(10_000);
      java.io.OutputStream out = socket.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/rss+xml\r\nX-Hub-Signature: " + signature
          + "\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[1024]);
      out.flush();
      return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
  }

  private io.micronaut.runtime.server.EmbeddedServer server() {
    return embedded;
  }

  private long asked(String path) {
    return requests.stream().filter(r -> server.url(path).equals(r.get("hub.topic"))).count();
  }

  private void sql(String statement) throws Exception {
    try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate(statement);
    }
  }

  @Test
  void callbacksThatAreNoSubscriptionAreRefused() throws Exception {
    long id = subscribed("/refusing.xml", "r-1");
    String path = URI.create(request("/refusing.xml").get("hub.callback")).getRawPath();
    String secret = request("/refusing.xml").get("hub.secret");
    String topic = enc(server.url("/refusing.xml"));

    assertEquals(404, get(path + "x?hub.mode=subscribe&hub.topic=" + topic + "&hub.challenge=c").code(), "another key");
    assertEquals(404, get(path + "?hub.mode=subscribe&hub.topic=" + enc("https://elsewhere.example/feed") + "&hub.challenge=c").code(),
        "another topic");
    assertEquals(404, get(path + "?hub.mode=unsubscribe&hub.topic=" + topic + "&hub.challenge=c").code(),
        "Syndic never asked to leave a source it still has");
    assertEquals(410, post("/websub/" + (id + 1000) + "/00", new byte[] {1}, "sha1=00").code(), "no such source: the hub drops it");
    assertEquals(410, post(path + "0", new byte[] {1}, "sha256=" + hmac("HmacSHA256", secret, new byte[] {1})).code(), "another key");
    assertEquals("requested", push(id).get("state"));

    HttpResponse<String> denied = get(path + "?hub.mode=denied&hub.topic=" + topic + "&hub.reason=" + enc("topic not allowed"));

    assertEquals(200, denied.code());
    assertEquals(Map.of("state", "denied", "lastError", "the hub denied the subscription: topic not allowed"),
        Map.of("state", push(id).get("state"), "lastError", push(id).get("lastError")));
  }

  @Test
  void aSourceWhoseFeedNamesNoHubHasNoSubscription() {
    long id = feed("/plain.xml", new String[] {"n-1", "No hub here", "<p>Words.</p>"});

    HttpResponse<Map<String, Object>> none = api.call(HttpRequest.GET("/api/v1/sources/" + id + "/push"));

    assertEquals(404, none.code());
    assertTrue(String.valueOf(none.getBody(Map.class).orElseThrow().get("detail")).contains("its feed names no hub"), String.valueOf(none.body()));
  }

  private Map<String, Object> push(long id) {
    return api.body(HttpRequest.GET("/api/v1/sources/" + id + "/push"));
  }

  private Instant nextPoll(long id) {
    return Instant.parse((String) api.body(HttpRequest.GET("/api/v1/sources/" + id)).get("nextPollAt"));
  }

  private HttpResponse<String> get(String pathAndQuery) {
    return send(HttpRequest.GET(pathAndQuery));
  }

  private HttpResponse<String> post(String path, byte[] body, String signature) {
    MutableHttpRequest<byte[]> request = HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_XML_TYPE);
    if (signature != null) {
      request.header("X-Hub-Signature", signature);
    }
    return send(request);
  }

  private HttpResponse<String> send(MutableHttpRequest<?> request) {
    try {
      return http.toBlocking().exchange(request, String.class);
    } catch (HttpClientResponseException e) {
      return HttpResponse.<String>status(e.getStatus()).body(e.getResponse().getBody(String.class).orElse(""));
    }
  }

  private static String feed(String self, String guid) {
    return """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Pushed</title><link>https://pushed.example.com/</link>
        <atom:link rel="hub" href="/hub"/><atom:link rel="self" href="%s"/>
        <item><guid>%s</guid><title>Story %s</title><link>https://pushed.example.com/%s</link><description>Words of %s.</description></item>
        </channel></rss>""".formatted(self, guid, guid, guid, guid);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String hmac(String algorithm, String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance(algorithm);
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
    return java.util.HexFormat.of().formatHex(mac.doFinal(body));
  }
}
