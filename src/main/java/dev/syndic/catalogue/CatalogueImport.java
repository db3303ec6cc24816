package dev.syndic.catalogue;

import dev.syndic.category.Category;
import dev.syndic.category.CategoryStore;
import dev.syndic.source.Source;
import dev.syndic.source.SourceRepository;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the first start against a database, imports the default categories and sources. A row in
 * {@code bootstrap} records that it happened, in the same transaction, so it happens once even
 * when several instances start together.
 *
 * <p>Without {@code categories.yml} in the catalogue folder nothing is imported or recorded and
 * the start stops, naming the folder it looked in: a service started from the wrong folder would
 * otherwise serve no categories (every category feed a 404) for good. {@code sources.opml} may be
 * missing (a catalogue of categories alone; logged). A database whose import was recorded but that
 * never held a category or a source (a start from the wrong folder before this check) gets the
 * catalogue at the next start; one whose admins deleted every category and source keeps it so.
 */
@Singleton
public class CatalogueImport implements ApplicationEventListener<StartupEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogueImport.class);

  private final CatalogueConfig config;
  private final JdbcOperations jdbc;
  private final CategoryStore categories;
  private final SourceRepository sources;
  private final Clock clock;

  CatalogueImport(CatalogueConfig config, JdbcOperations jdbc, CategoryStore categories, SourceRepository sources, Clock clock) {
    this.config = config;
    this.jdbc = jdbc;
    this.categories = categories;
    this.sources = sources;
    this.clock = clock;
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    if (config.importOnFirstStart()) {
      importOnce();
    }
  }

  /**
   * Imports the catalogue unless that is recorded as done; throws {@link IllegalStateException}
   * (nothing imported, nothing recorded) when the folder has no {@code categories.yml}.
   */
  @Transactional
  public void importOnce() {
    int claimed = jdbc.prepareStatement("INSERT INTO bootstrap (name) VALUES ('catalogue') ON CONFLICT DO NOTHING", ps -> ps.executeUpdate());
    if (claimed == 0 && !recordedButNeverImported()) {
      return;
    }
    Path dir = Path.of(config.dir()).toAbsolutePath();
    Path file = dir.resolve("categories.yml");
    if (!Files.exists(file)) {
      // Thrown inside the transaction: the import is not recorded, so the next start tries again.
      throw new IllegalStateException("the default catalogue is not where syndic.catalogue.dir points: no " + file
          + " (started in " + Path.of("").toAbsolutePath() + "). Start Syndic from the project folder, set syndic.catalogue.dir"
          + " (SYNDIC_CATALOGUE_DIR) to the folder holding categories.yml and sources.opml, or set"
          + " syndic.catalogue.import-on-first-start=false to start with no categories");
    }
    if (claimed == 0) {
      LOG.warn("the catalogue import was recorded, but the database has no categories and no sources (an earlier start did not"
          + " find {}): importing it now", file);
    }
    List<Category> seeded = readCategories(file);
    seeded.forEach(categories::save);
    int added = 0;
    Path opml = dir.resolve("sources.opml");
    if (!Files.exists(opml)) {
      LOG.warn("no {}: importing the categories without sources", opml);
    } else {
      try {
        for (OpmlOutline o : OpmlReader.read(Files.readAllBytes(opml))) {
          if (sources.findByUrl(o.xmlUrl()).isEmpty()) {
            String category = o.category() != null && categories.bySlug(o.category()).isPresent() ? o.category() : null;
            sources.save(Source.create(o.xmlUrl(), o.title(), category, clock.instant()).withSiteUrl(o.siteUrl()));
            added++;
          }
        }
      } catch (IOException | OpmlReader.InvalidOpml e) {
        throw new IllegalStateException("cannot import " + opml + ": " + e.getMessage(), e);
      }
    }
    LOG.info("first start: imported {} categories and {} sources from {}", seeded.size(), added, dir);
  }

  /**
   * Whether the import is recorded although nothing came of it: no category and no source was
   * ever created (their id sequences were never drawn from), which tells such a database from one
   * whose admins deleted them all. Read through {@code pg_sequences}, which a role without SELECT
   * on the sequences may read too (it then shows no value, and the database counts as never
   * filled: the earlier rule). The row is locked first, so that of instances starting together
   * one imports.
   */
  private boolean recordedButNeverImported() {
    // Two statements: the second reads what another instance committed while this one waited.
    jdbc.prepareStatement("SELECT 1 FROM bootstrap WHERE name = 'catalogue' FOR UPDATE", ps -> ps.executeQuery().next());
    return jdbc.prepareStatement(
        """
        SELECT NOT EXISTS (SELECT 1 FROM category) AND NOT EXISTS (SELECT 1 FROM source)
          AND NOT EXISTS (SELECT 1 FROM pg_sequences WHERE schemaname = current_schema()
                          AND sequencename IN ('category_id_seq', 'source_id_seq') AND last_value IS NOT NULL)
        """, ps -> {
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
          }
        });
  }

  private static List<Category> readCategories(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return CategoryFile.read(reader);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
