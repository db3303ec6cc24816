package dev.syndic.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Fixtures;
import dev.syndic.support.TempFolders;
import dev.syndic.support.TestPostgres;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A first start that cannot find the default catalogue stops and records nothing, so a later
 * start from the right folder imports it; a database that an earlier start left without any
 * category or source gets the catalogue too.
 */
class CatalogueImportTest {

  private static String messages(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      out.append(t.getMessage()).append('\n');
    }
    return out.toString();
  }

  private static void start(TestPostgres pg, Path catalogue) {
    Map<String, Object> settings = new java.util.HashMap<>(pg.instanceSettings());
    settings.put("syndic.catalogue.dir", catalogue.toString());
    try (ApplicationContext ignored = ApplicationContext.run(settings, "test")) {
      // started: the catalogue was imported, or its import was already recorded
    }
  }

  @Test
  void aFirstStartWithoutTheCatalogueStopsAndALaterStartImportsIt() throws Exception {
    Path empty = TempFolders.create("syndic-no-catalogue-");
    Path catalogue = Fixtures.shippedCategories();
    try (TestPostgres pg = TestPostgres.start()) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> start(pg, empty));
      assertTrue(messages(e).contains("no " + empty.resolve("categories.yml")), messages(e));
      assertTrue(messages(e).contains("syndic.catalogue.dir"), messages(e));
      assertEquals(0, pg.number("SELECT count(*) FROM bootstrap WHERE name = 'catalogue'"), "the import is not recorded as done");

      start(pg, catalogue);
      long imported = pg.number("SELECT count(*) FROM category");
      assertTrue(imported >= 3, "the shipped categories: " + imported);
      assertEquals(1, pg.number("SELECT count(*) FROM category WHERE slug = 'ai'"));

      start(pg, empty);
      assertEquals(imported, pg.number("SELECT count(*) FROM category"), "recorded: the folder is not read again");
    }
  }

  @Test
  void aDatabaseAnEarlierStartLeftWithoutCategoriesOrSourcesGetsTheCatalogue() throws Exception {
    Path catalogue = Fixtures.shippedCategories();
    try (TestPostgres pg = TestPostgres.start()) {
      start(pg, catalogue);
      // What a start from the wrong folder used to leave: the import recorded, nothing ever created.
      try (Connection c = pg.connect(); Statement st = c.createStatement()) {
        st.executeUpdate("DELETE FROM category");
        st.execute("SELECT setval('category_id_seq', 1, false)");
      }
      assertEquals(1, pg.number("SELECT count(*) FROM bootstrap WHERE name = 'catalogue'"));
      start(pg, catalogue);
      assertEquals(1, pg.number("SELECT count(*) FROM category WHERE slug = 'ai'"), "imported at the next start");
    }
  }

  @Test
  void categoriesAndSourcesAllDeletedOnPurposeStayDeleted() throws Exception {
    Path catalogue = Fixtures.shippedCategories();
    try (TestPostgres pg = TestPostgres.start()) {
      start(pg, catalogue);
      assertTrue(pg.number("SELECT count(*) FROM category") >= 3);
      try (Connection c = pg.connect(); Statement st = c.createStatement()) {
        st.executeUpdate("DELETE FROM category");
        st.executeUpdate("DELETE FROM source");
      }
      start(pg, catalogue);
      assertEquals(0, pg.number("SELECT count(*) FROM category"), "an admin's deletions are not undone by a restart");
    }
  }
}
