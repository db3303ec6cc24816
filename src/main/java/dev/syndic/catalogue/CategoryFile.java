package dev.syndic.catalogue;

import dev.syndic.category.Category;
import dev.syndic.classify.CategoryRules;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads {@code categories.yml}: a list of categories with their terms, patterns and feed tags. */
public final class CategoryFile {

  private CategoryFile() {}

  /**
   * @throws IllegalArgumentException naming the category and field that is wrong, or saying why
   *     the file is not YAML (a term listed twice in one category counts as wrong: the second
   *     would silently replace the first)
   */
  public static List<Category> read(Reader yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(options)).load(yaml);
    } catch (YAMLException e) {
      throw new IllegalArgumentException("categories.yml is not valid YAML: " + e.getMessage(), e);
    }
    if (!(doc instanceof Map<?, ?> root) || !(root.get("categories") instanceof List<?> list)) {
      throw new IllegalArgumentException("categories.yml must have a top-level 'categories' list");
    }
    List<Category> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> c) || c.get("slug") == null) {
        throw new IllegalArgumentException("category " + (i + 1) + " in categories.yml has no slug");
      }
      String slug = String.valueOf(c.get("slug"));
      CategoryRules rules =
          new CategoryRules(weights(slug, "terms", c.get("terms")), weights(slug, "patterns", c.get("patterns")), strings(slug, c.get("feed-tags")));
      out.add(new Category(null, slug, text(c.get("name-zh"), slug), text(c.get("name-en"), slug), text(c.get("description"), ""),
          !Boolean.FALSE.equals(c.get("enabled")), number(slug, "threshold", c.get("threshold"), 2.0), rules, null));
    }
    return out;
  }

  private static Map<String, Double> weights(String slug, String field, Object value) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), number(slug, field + " '" + k + "'", v, 1.0)));
    } else if (value != null) {
      throw new IllegalArgumentException("category " + slug + ": " + field + " must be a map of " + field.replaceAll("s$", "") + " to weight");
    }
    return out;
  }

  private static List<String> strings(String slug, Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> l) {
      l.forEach(v -> out.add(String.valueOf(v)));
    } else if (value != null) {
      throw new IllegalArgumentException("category " + slug + ": feed-tags must be a list, e.g. [AI, 人工智能]");
    }
    return out;
  }

  private static double number(String slug, String field, Object v, double fallback) {
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("category " + slug + ": " + field + " is '" + v + "', not a number");
  }

  private static String text(Object v, String fallback) {
    return v == null ? fallback : String.valueOf(v);
  }
}
