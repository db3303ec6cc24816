package dev.syndic.database;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A database URL given while the embedded server is on stops the start: it was overwritten with
 * the embedded server's without a word, so an operator who forgot {@code
 * SYNDIC_EMBEDDED_POSTGRES_ENABLED=false} ran every instance on a local database of its own.
 */
class EmbeddedDatasourceBinderTest {

  @Test
  void aConfiguredUrlWithTheEmbeddedServerOnStopsTheStartNamingBothKeys() {
    RuntimeException e = assertThrows(RuntimeException.class, () -> {
      try (ApplicationContext ignored = ApplicationContext.run(
          Map.of("datasources.default.url", "jdbc:postgresql://db.example.com:5432/syndic?password=secret"), "test")) {
        // started: on the embedded database, the URL ignored
      }
    });
    String messages = "";
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages += t.getMessage() + "\n";
    }
    assertTrue(messages.contains("datasources.default.url is set (jdbc:postgresql://db.example.com:5432/syndic) while the embedded"
        + " PostgreSQL is on"), messages);
    assertTrue(messages.contains("syndic.embedded-postgres.enabled=false"), messages);
    assertFalse(messages.contains("secret"), "the URL's query may hold a password: " + messages);
  }
}
