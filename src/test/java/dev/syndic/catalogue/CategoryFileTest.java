package dev.syndic.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.category.Category;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CategoryFileTest {

  private static List<Category> read(String yaml) {
    return CategoryFile.read(new StringReader(yaml));
  }

  private static String fail(String yaml) {
    return assertThrows(IllegalArgumentException.class, () -> read(yaml)).getMessage();
  }

  @Test
  void readsValidFile() {
    List<Category> out =
        read(
            """
            categories:
              - slug: ai
                name-zh: 人工智能
                name-en: Artificial intelligence
                description: AI models and products
                threshold: 4.5
                terms:
                  大模型: 3
                  "AI": 2
                  智能手机: -2
                  "fine-tuning": 0.5
                patterns:
                  '(?<![A-Za-z])GPT-?[0-9]': 3
                feed-tags: [AI, 人工智能]
              - slug: agriculture
                enabled: false
            """);

    assertEquals(2, out.size());
    Category ai = out.get(0);
    assertEquals("ai", ai.slug());
    assertEquals("人工智能", ai.nameZh());
    assertEquals("Artificial intelligence", ai.nameEn());
    assertEquals("AI models and products", ai.description());
    assertTrue(ai.enabled());
    assertEquals(4.5, ai.threshold());
    assertEquals(Map.of("大模型", 3.0, "AI", 2.0, "智能手机", -2.0, "fine-tuning", 0.5), ai.rules().terms());
    assertEquals(Map.of("(?<![A-Za-z])GPT-?[0-9]", 3.0), ai.rules().patterns());
    assertEquals(List.of("AI", "人工智能"), ai.rules().feedTags());
    assertEquals(null, ai.id());
    assertEquals(null, ai.updatedAt());
  }

  @Test
  void fillsDefaultsForAMinimalCategory() {
    Category c = read("categories:\n  - slug: agriculture\n    enabled: false\n").get(0);

    assertEquals("agriculture", c.slug());
    assertEquals("agriculture", c.nameZh());
    assertEquals("agriculture", c.nameEn());
    assertEquals("", c.description());
    assertFalse(c.enabled());
    assertEquals(2.0, c.threshold());
    assertEquals(Map.of(), c.rules().terms());
    assertEquals(Map.of(), c.rules().patterns());
    assertEquals(List.of(), c.rules().feedTags());
  }

  @Test
  void definitionCarriesSlugThresholdAndRules() {
    Category c = read("categories:\n  - slug: ai\n    threshold: 3\n    terms: {大模型: 3}\n").get(0);

    assertEquals("ai", c.definition().slug());
    assertEquals(3.0, c.definition().threshold());
    assertEquals(Map.of("大模型", 3.0), c.definition().rules().terms());
  }

  @Test
  void missingSlugIsRefusedWithItsPosition() {
    String message = fail("categories:\n  - slug: ai\n  - name-en: Farming\n    terms: {农业: 3}\n");

    assertEquals("category 2 in categories.yml has no slug", message);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "terms: {大模型: high}           | category ai: terms '大模型' is 'high', not a number",
        "patterns: {'GPT-[0-9]': '3x'}  | category ai: patterns 'GPT-[0-9]' is '3x', not a number",
        "threshold: four                | category ai: threshold is 'four', not a number",
        "terms: [大模型, 深度学习]      | category ai: terms must be a map of term to weight",
        "patterns: 'GPT'                | category ai: patterns must be a map of pattern to weight",
        "feed-tags: AI                  | category ai: feed-tags must be a list, e.g. [AI, 人工智能]",
      })
  void badFieldIsRefusedNamingTheCategoryAndField(String line, String expected) {
    assertEquals(expected, fail("categories:\n  - slug: agriculture\n  - slug: ai\n    " + line + "\n"));
  }

  @Test
  void termListedTwiceIsRefused() {
    String message = fail("categories:\n  - slug: ai\n    terms:\n      大模型: 3\n      算力: 2\n      大模型: 1\n");

    assertTrue(message.startsWith("categories.yml is not valid YAML: "), message);
    assertTrue(message.contains("大模型"), message);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                              | categories.yml must have a top-level 'categories' list",
        "'slug: ai'                      | categories.yml must have a top-level 'categories' list",
        "'categories: {ai: 1}'           | categories.yml must have a top-level 'categories' list",
        "'- slug: ai'                    | categories.yml must have a top-level 'categories' list",
        "'categories:\n  - just a string' | category 1 in categories.yml has no slug",
      })
  void wrongShapeIsRefused(String yaml, String expected) {
    assertEquals(expected, fail(yaml));
  }

  @Test
  void malformedYamlIsRefusedAsIllegalArgument() {
    String message = fail("categories:\n  - slug: ai\n    terms: {大模型: 3\n");

    assertTrue(message.startsWith("categories.yml is not valid YAML: "), message);
  }
}
