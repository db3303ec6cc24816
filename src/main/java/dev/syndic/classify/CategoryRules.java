package dev.syndic.classify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of one category, as stored (JSON) and as seeded from {@code feeds/categories.yml}.
 *
 * @param terms term to weight; a negative weight counts against the category
 * @param patterns Java regular expression (matched case-insensitively) to weight
 * @param feedTags the publishers' own category names that mean this category
 */
@Serdeable
public record CategoryRules(
    @Nullable Map<String, Double> terms,
    @Nullable Map<String, Double> patterns,
    @Nullable List<String> feedTags) {

  public CategoryRules {
    // Copies that keep a null weight or tag (Map.copyOf would throw): rules an admin sends are read
    // into this record first, and the API's check then names the term that lacks its weight.
    terms = terms == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(terms));
    patterns = patterns == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(patterns));
    feedTags = feedTags == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(feedTags));
  }

  public static CategoryRules none() {
    return new CategoryRules(Map.of(), Map.of(), List.of());
  }
}
