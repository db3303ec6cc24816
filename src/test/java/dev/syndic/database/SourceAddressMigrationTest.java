package dev.syndic.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syndic.WebLinks;
import dev.syndic.support.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * V32 writes stored source addresses as the admin API writes new ones ({@link WebLinks#sameAddress}),
 * leaving an address alone where its normal form is another source's. Run on a table of the
 * shape it reads (id, url unique), so each case is one row.
 */
class SourceAddressMigrationTest {

  @Test
  void storedAddressesAreWrittenAsNewOnesAreAndClashesAreLeftAlone() throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    for (String url : List.of("HTTPS://News.Example.COM/Feed.xml", "https://example.com:443/rss?Cat=AI#top", "http://example.org:80",
        "http://example.org:8080?q=1", "https://User:Pw@Example.net/a", "https://already.example.com/feed", "file:///srv/feeds/a.xml",
        "https://[2001:DB8::1]:443/feed")) {
      expected.put(url, url.startsWith("file:") ? url : WebLinks.sameAddress(new URI(url)));
    }
    // Two spellings of one feed (polled twice before): neither takes the other's place.
    expected.put("https://Twice.example.com/feed", "https://Twice.example.com/feed");
    expected.put("https://twice.example.com:443/feed", "https://twice.example.com:443/feed");
    // A spelling of a feed already stored in the normal form stays as it is.
    expected.put("https://Stored.example.com/feed", "https://Stored.example.com/feed");
    expected.put("https://stored.example.com/feed", "https://stored.example.com/feed");
    try (TestPostgres pg = TestPostgres.start()) {
      pg.update("CREATE TABLE source (id BIGSERIAL PRIMARY KEY, url TEXT NOT NULL UNIQUE)");
      for (String url : expected.keySet()) {
        pg.update("INSERT INTO source (url) VALUES (?)", url);
      }
      pg.update(migration());
      long id = 0;
      for (Map.Entry<String, String> e : expected.entrySet()) {
        assertEquals(e.getValue(), pg.column("SELECT url FROM source WHERE id = ?", ++id).get(0), e.getKey());
      }
    }
  }

  private static String migration() throws IOException {
    try (InputStream in = SourceAddressMigrationTest.class.getResourceAsStream("/db/migration/V32__source_address_written_one_way.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
