package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.syndic.catalogue.OpmlExport;
import dev.syndic.catalogue.OpmlOutline;
import dev.syndic.catalogue.OpmlReader;
import dev.syndic.support.Api;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sources' OPML export is sent as it is written, a page of sources at a time, so that an
 * export of a hundred thousand sources holds one page, not the file: it was built whole in a
 * String (19 MB of OPML took some 170 MB of heap, and failed with 500 in a 100 MB heap).
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.catalogue.import-on-first-start", value = "false")
class SourceExportTest {

  private static final int SOURCES = 2_500;
  /** The sources' categories in turn, the first none; the SQL that inserts them is given these. */
  private static final String[] CATEGORIES = {null, "zeta", "alpha", "mid"};

  @Inject
  EmbeddedServer server;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  @Inject
  OpmlExport export;

  @Test
  void theExportIsWrittenAPageAtATimeFolderByFolder() throws Exception {
    tx.executeWrite(s -> jdbc.prepareStatement(
        """
        INSERT INTO source (url, title, default_category)
        SELECT 'http://export.test/' || g || '.xml', 'Feed ' || g, (?::text[])[1 + g % ?]
        FROM generate_series(1, ?) g
        """, ps -> {
          ps.setArray(1, ps.getConnection().createArrayOf("text", CATEGORIES));
          ps.setInt(2, CATEGORIES.length);
          ps.setInt(3, SOURCES);
          return ps.executeUpdate();
        }));
    // The order of the file: sources without a category, then folders by slug; by id within each.
    List<String> expected = new ArrayList<>();
    for (String category : Stream.of(CATEGORIES).sorted(Comparator.nullsFirst(Comparator.naturalOrder())).toList()) {
      for (int g = 1; g <= SOURCES; g++) {
        if (Objects.equals(CATEGORIES[g % CATEGORIES.length], category)) {
          expected.add("http://export.test/" + g + ".xml");
        }
      }
    }

    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/sources/export")).header("Authorization", "Bearer " + Api.TOKEN).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    assertNull(r.headers().firstValue("Content-Length").orElse(null), "sent as it is written (chunked), not measured whole first");
    List<OpmlOutline> outlines = OpmlReader.read(r.body());
    assertEquals(expected, outlines.stream().map(OpmlOutline::xmlUrl).toList());
    assertEquals("alpha", outlines.get(SOURCES / CATEGORIES.length).category());

    // Read as it is sent: the first page is read, and the sources deleted after that are left out.
    try (InputStream in = export.stream("test", Instant.now())) {
      in.read();
      tx.executeWrite(s -> jdbc.prepareStatement("DELETE FROM source", PreparedStatement::executeUpdate));
      byte[] rest = in.readAllBytes();
      assertEquals(OpmlExport.PAGE, OpmlReader.read(concat((byte) '<', rest)).size());
    }
  }

  /**
   * A page that cannot be read (the database gone after the first) ends the download with an
   * error: the client read what was sent and then waited for the rest, the connection left open,
   * and nothing was logged.
   */
  @Test
  void aPageThatCannotBeReadEndsTheDownloadWithAnError() throws Exception {
    tx.executeWrite(s -> jdbc.prepareStatement(
        "INSERT INTO source (url, title) SELECT 'http://broken.test/' || g || '.xml', repeat('A long title ', 25) || g FROM generate_series(1, 20000) g",
        PreparedStatement::executeUpdate));
    try {
      HttpResponse<InputStream> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/sources/export")).header("Authorization", "Bearer " + Api.TOKEN).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(200, r.statusCode());
      try (InputStream body = r.body()) {
        body.read();
        // The server is some pages ahead at most (the socket's buffers), far from the file's 7 MB.
        tx.executeWrite(s -> jdbc.prepareStatement("ALTER TABLE source RENAME TO source_away", PreparedStatement::executeUpdate));
        CompletableFuture<byte[]> rest = CompletableFuture.supplyAsync(() -> {
          try {
            return body.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        ExecutionException failed = assertThrows(ExecutionException.class, () -> rest.get(20, TimeUnit.SECONDS), "ends, and not as the whole file");
        assertInstanceOf(UncheckedIOException.class, failed.getCause());
      }
    } finally {
      tx.executeWrite(s -> jdbc.prepareStatement("ALTER TABLE source_away RENAME TO source", PreparedStatement::executeUpdate));
      tx.executeWrite(s -> jdbc.prepareStatement("DELETE FROM source WHERE url LIKE 'http://broken.test/%'", PreparedStatement::executeUpdate));
    }
  }

  private static byte[] concat(byte first, byte[] rest) {
    byte[] all = new byte[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
