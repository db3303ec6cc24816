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

  /**
   * Reads every {@code Map<String, Double>} the service reads (the serde registry takes a bean for
   * its type everywhere, not only where a field names it), the rules' {@code terms} and {@code
   * patterns} among them: an object of numbers (or nulls, which the API's check names). The
   * generic reader told a wrong one in Java's words, "Cannot deserialize value of type
   * `java.util.Map` due to: V: must be a number", naming neither the field nor the key.
   */
  @Singleton
  static final class Weights implements Deserializer<Map<String, Double>> {
    @Override
    public Map<String, Double> deserialize(Decoder decoder, DecoderContext context, Argument<? super Map<String, Double>> type)
        throws IOException {
      String field = field(type);
      boolean rules = field.startsWith("rules.");
      Object value = decoder.decodeArbitrary();
      if (!(value instanceof Map<?, ?> read)) {
        throw decoder.createDeserializationException(field + (rules ? ": an object of weights, e.g. {\"大模型\": 3}, was "
            : ": an object of numbers, was ") + shown(value), value);
      }
      Map<String, Double> weights = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : read.entrySet()) {
        Object weight = e.getValue();
        if (weight != null && !(weight instanceof Number)) {
          throw decoder.createDeserializationException(field + "['" + e.getKey() + "']: " + (rules ? "a weight is a number" : "must be a number")
              + ", was " + shown(weight), weight);
        }
        weights.put(String.valueOf(e.getKey()), weight == null ? null : ((Number) weight).doubleValue());
      }
      return weights;
    }
  }

  /**
   * Reads every {@code List<String>} the service reads, as {@link Weights} reads maps: the rules'
   * {@code feedTags}, a partner's or a correction's categories; anything but a list of strings is
   * told in those words, not as a token the reader expected.
   */
  @Singleton
  static final class Tags implements Deserializer<List<String>> {
    @Override
    public List<String> deserialize(Decoder decoder, DecoderContext context, Argument<? super List<String>> type) throws IOException {
      String field = field(type);
      boolean rules = field.startsWith("rules.");
      Object value = decoder.decodeArbitrary();
      if (!(value instanceof List<?> read)) {
        throw decoder.createDeserializationException(field + (rules ? ": a list of tags, e.g. [\"AI\"], was " : ": a list of strings, e.g. [\"ai\"], was ")
            + shown(value), value);
      }
      List<String> tags = new ArrayList<>();
      for (Object tag : read) {
        if (tag != null && !(tag instanceof String)) {
          throw decoder.createDeserializationException(field + (rules ? ": a tag is a string, was " : ": each item is a string, was ") + shown(tag), tag);
        }
        tags.add((String) tag);
      }
      return tags;
    }
  }

  /**
   * The field as a client wrote it: the rules' own are read from the API's {@code rules} member
   * (the store's and the catalogue's are never wrong), any other under its own name.
   */
  private static String field(Argument<?> type) {
    String name = type.getName();
    return RULE_FIELDS.contains(name) ? "rules." + name : name;
  }

  private static final java.util.Set<String> RULE_FIELDS = java.util.Set.of("terms", "patterns", "feedTags");

  private static String shown(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }
}
