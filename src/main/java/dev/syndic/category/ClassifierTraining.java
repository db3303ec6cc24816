package dev.syndic.category;

import dev.syndic.classify.Assignment;
import dev.syndic.classify.EntryFeatures;
import dev.syndic.classify.ModelTrainer;
import dev.syndic.classify.RuleClassifier;
import dev.syndic.classify.TrainingExample;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the classifier from what admins taught (posted examples and category overrides), stores
 * the model in PostgreSQL for every instance, and re-categorizes the stored entries with it, so
 * that the answer to "train" describes entries that are already re-decided.
 *
 * <p>One training at a time across every instance sharing the database (a PostgreSQL advisory
 * lock, held by a connection of its own for the whole training): a second one waits for the first
 * and then reads the examples anew. Two at once stored their models in the order they finished, so
 * a training begun earlier, without an example posted meanwhile, could end last and be the model in
 * force, while the later training's answer said it had learnt that example.
 */
@Singleton
public class ClassifierTraining {

  private static final Logger LOG = LoggerFactory.getLogger(ClassifierTraining.class);
  /** The advisory lock of training ("train" in ASCII); {@code ArrivalSequencer}'s and {@code ClusteringLog}'s are others. */
  static final long LOCK = 0x74_7261696eL;

  /** What a training did. */
  @Serdeable
  public record Summary(long modelId, int examples, List<ModelTrainer.Report> categories, long recategorized, long millis, Instant trainedAt) {}

  private final EntryTexts texts;
  private final CategoryStore categories;
  private final CategoryCatalog catalog;
  private final ModelStore models;
  private final Recategorizer recategorizer;
  private final Clock clock;
  private final DataSource dataSource;

  ClassifierTraining(DataSource dataSource, EntryTexts texts, CategoryStore categories, CategoryCatalog catalog, ModelStore models,
      Recategorizer recategorizer, Clock clock) {
    this.texts = texts;
    this.categories = categories;
    this.catalog = catalog;
    this.models = models;
    this.recategorizer = recategorizer;
    this.clock = clock;
    // The pool itself: the injected one hands out the current transaction's connection, and the
    // lock needs a session of its own that outlives the training's transactions.
    this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
  }

  /**
   * Trains once no other training runs, on this instance or another; throws when the database
   * fails. Trainings asked of this instance wait their turn here, holding no connection: waiting
   * on the database's lock, each would hold one, and enough of them would leave the running
   * training none.
   */
  public synchronized Summary train() {
    try (Connection session = dataSource.getConnection()) {
      // Session-level, not in a transaction: training commits models and many batches meanwhile.
      run(session, "SELECT pg_advisory_lock(?)");
      try {
        return trainAlone();
      } finally {
        run(session, "SELECT pg_advisory_unlock(?)");
      }
    } catch (SQLException e) {
      throw new DataAccessException("the training lock failed: " + e.getMessage(), e);
    }
  }

  private static void run(Connection session, String sql) throws SQLException {
    try (PreparedStatement ps = session.prepareStatement(sql)) {
      ps.setLong(1, LOCK);
      ps.executeQuery().close();
    }
  }

  private Summary trainAlone() {
    Instant start = clock.instant();
    List<String> slugs = categories.all().stream().map(Category::slug).toList();
    catalog.invalidate();
    RuleClassifier rules = catalog.classifier();
    List<TrainingExample> examples = new ArrayList<>();
    for (EntryText e : texts.judged(slugs)) {
      List<Assignment> scored = rules.score(e.title(), e.text(), e.tags());
      Set<String> ruled = new HashSet<>();
      for (Assignment a : scored) {
        if (rules.assigned(a, scored)) {
          ruled.add(a.slug());
        }
      }
      examples.add(new TrainingExample(EntryFeatures.of(e.title(), e.text(), scored, rules), e.labels(), ruled));
    }
    ModelTrainer.Result result = ModelTrainer.train(examples);
    long id = models.save(result.models(), examples.size(), result.reports());
    long recategorized = recategorizer.now("trained model " + id);
    long ms = Duration.between(start, clock.instant()).toMillis();
    LOG.info("trained model {} from {} examples; recategorized {} entries in {} ms", id, examples.size(), recategorized, ms);
    return new Summary(id, examples.size(), result.reports(), recategorized, ms, clock.instant());
  }
}
