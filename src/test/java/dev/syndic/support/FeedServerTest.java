package dev.syndic.support;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The set-up of end-to-end tests: the service under test (a {@code @MicronautTest} subclass), a
 * local {@link FeedServer} for its sources, and an {@link Api} client with the admin token, for
 * the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FeedServerTest {

  @Inject
  @Client("/")
  protected HttpClient http;

  protected FeedServer server;
  protected Api api;

  @BeforeAll
  void startFeedServer() {
    server = FeedServer.start();
    api = new Api(http.toBlocking());
  }

  @AfterAll
  void stopFeedServer() {
    server.close();
  }

  /** Serves a feed of {@code items} ({@link Fixtures#rss}) at {@code path}, subscribes to it and polls it; answers the source's id. */
  protected long feed(String path, String[]... items) {
    server.serve(path, Fixtures.rss(items));
    long id = api.addSource(server.url(path));
    api.poll(id);
    return id;
  }
}
