package dev.syndic.classify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
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
    @Serdeable.Deserializable(using = Weights.class) @Nullable Map<String, Double> terms,
    @Serdeable.Deserializable(using = Weights.class) @Nullable Map<String, Double> patterns,
    @Serdeable.Deserializable(using = Tags.class) @Nullable List<String> feedTags) {

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

  /**
   * Reads {@code terms} and {@code patterns}: an object of weights, each a number (or null, which
   * the API's check names). The generic reader told a wrong one in Java's words, "Cannot
   * deserialize value of type `java.util.Map` due to: V: must be a number", naming neither the
   * field nor the term.
   */
  @Singleton
  static final class Weights implements Deserializer<Map<String, Double>> {
    @Override
    public Map<String, Double> deserialize(Decoder decoder, DecoderContext context, Argument<? super Map<String, Double>> type)
        throws IOException {
      Object value = decoder.decodeArbitrary();
      if (!(value instanceof Map<?, ?> read)) {
        throw decoder.createDeserializationException(field(type) + ": an object of weights, e.g. {\"大模型\": 3}, was " + shown(value), value);
      }
      Map<String, Double> weights = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : read.entrySet()) {
        Object weight = e.getValue();
        if (weight != null && !(weight instanceof Number)) {
          throw decoder.createDeserializationException(field(type) + "['" + e.getKey() + "']: a weight is a number, was " + shown(weight),
              weight);
        }
        weights.put(String.valueOf(e.getKey()), weight == null ? null : ((Number) weight).doubleValue());
      }
      return weights;
    }
  }

  /** Reads {@code feedTags}: a list of strings; anything else is told in those words, not as a token the reader expected. */
  @Singleton
  static final class Tags implements Deserializer<List<String>> {
    @Override
    public List<String> deserialize(Decoder decoder, DecoderContext context, Argument<? super List<String>> type) throws IOException {
      Object value = decoder.decodeArbitrary();
      if (!(value instanceof List<?> read)) {
        throw decoder.createDeserializationException(field(type) + ": a list of tags, e.g. [\"AI\"], was " + shown(value), value);
      }
      List<String> tags = new ArrayList<>();
      for (Object tag : read) {
        if (tag != null && !(tag instanceof String)) {
          throw decoder.createDeserializationException(field(type) + ": a tag is a string, was " + shown(tag), tag);
        }
        tags.add((String) tag);
      }
      return tags;
    }
  }

  /** The field as a client wrote it: rules are read from the API's {@code rules} member (the store's and the catalogue's are never wrong). */
  private static String field(Argument<?> type) {
    return "rules." + type.getName();
  }

  private static String shown(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }
}
