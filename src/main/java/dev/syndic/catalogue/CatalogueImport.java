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
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the first start against a database, imports the default categories and sources. A row in
 * {@code bootstrap} records that it happened, in the same transaction, so it happens once even
 * when several instances start together.
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

  @Transactional
  public void importOnce() {
    int claimed = jdbc.prepareStatement("INSERT INTO bootstrap (name) VALUES ('catalogue') ON CONFLICT DO NOTHING", ps -> ps.executeUpdate());
    if (claimed == 0) {
      return;
    }
    Path dir = Path.of(config.dir()).toAbsolutePath();
    List<Category> seeded = readCategories(dir.resolve("categories.yml"));
    seeded.forEach(categories::save);
    int added = 0;
    Path opml = dir.resolve("sources.opml");
    if (Files.exists(opml)) {
      try {
        for (OpmlOutline o : OpmlReader.read(Files.readAllBytes(opml))) {
          if (sources.findByUrl(o.xmlUrl()).isEmpty()) {
            String category = o.category() != null && categories.bySlug(o.category()).isPresent() ? o.category() : null;
            sources.save(Source.create(o.xmlUrl(), o.title(), category, clock.instant()));
            added++;
          }
        }
      } catch (IOException | OpmlReader.InvalidOpml e) {
        throw new IllegalStateException("cannot import " + opml + ": " + e.getMessage(), e);
      }
    }
    LOG.info("first start: imported {} categories and {} sources from {}", seeded.size(), added, dir);
  }

  private static List<Category> readCategories(Path file) {
    if (!Files.exists(file)) {
      LOG.warn("no {}: starting without categories", file);
      return List.of();
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return CategoryFile.read(reader);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
