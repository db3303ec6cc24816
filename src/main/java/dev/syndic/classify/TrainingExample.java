package dev.syndic.classify;

import java.util.Map;
import java.util.Set;

/**
 * An entry an admin judged.
 *
 * @param labels category slug to true (the entry belongs there) or false (it does not); slugs
 *     absent were not judged
 * @param ruleSlugs the categories the current rules give the entry, so training can measure what
 *     the model adds to them
 */
public record TrainingExample(EntryFeatures features, Map<String, Boolean> labels, Set<String> ruleSlugs) {

  public TrainingExample {
    labels = Map.copyOf(labels);
    ruleSlugs = Set.copyOf(ruleSlugs);
  }
}
