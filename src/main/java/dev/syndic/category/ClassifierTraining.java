package dev.syndic.category;

import dev.syndic.classify.Assignment;
import dev.syndic.classify.EntryFeatures;
import dev.syndic.classify.ModelTrainer;
import dev.syndic.classify.RuleClassifier;
import dev.syndic.classify.TrainingExample;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the classifier from what admins taught (posted examples and category overrides), stores
 * the model in PostgreSQL for every instance, and re-categorizes the stored entries with it, so
 * that the answer to "train" describes entries that are already re-decided.
 */
@Singleton
public class ClassifierTraining {

  private static final Logger LOG = LoggerFactory.getLogger(ClassifierTraining.class);

  /** What a training did. */
  @Serdeable
  public record Summary(long modelId, int examples, List<ModelTrainer.Report> categories, long recategorized, long millis, Instant trainedAt) {}

  private final EntryTexts texts;
  private final CategoryStore categories;
  private final CategoryCatalog catalog;
  private final ModelStore models;
  private final Recategorizer recategorizer;
  private final Clock clock;

  ClassifierTraining(EntryTexts texts, CategoryStore categories, CategoryCatalog catalog, ModelStore models, Recategorizer recategorizer,
      Clock clock) {
    this.texts = texts;
    this.categories = categories;
    this.catalog = catalog;
    this.models = models;
    this.recategorizer = recategorizer;
    this.clock = clock;
  }

  public synchronized Summary train() {
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
