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

/** Reads {@code categories.yml}: a list of categories with their terms, patterns and feed tags. */
public final class CategoryFile {

  private CategoryFile() {}

  /** @throws IllegalArgumentException naming the category and field that is wrong */
  public static List<Category> read(Reader yaml) {
    Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (!(doc instanceof Map<?, ?> root) || !(root.get("categories") instanceof List<?> list)) {
      throw new IllegalArgumentException("categories.yml must have a top-level 'categories' list");
    }
    List<Category> out = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> c) || c.get("slug") == null) {
        throw new IllegalArgumentException("every category in categories.yml needs a slug");
      }
      String slug = String.valueOf(c.get("slug"));
      CategoryRules rules = new CategoryRules(weights(slug, c.get("terms")), weights(slug, c.get("patterns")), strings(c.get("feed-tags")));
      out.add(new Category(null, slug, text(c.get("name-zh"), slug), text(c.get("name-en"), slug), text(c.get("description"), ""),
          !Boolean.FALSE.equals(c.get("enabled")), number(slug, c.get("threshold"), 2.0), rules, null));
    }
    return out;
  }

  private static Map<String, Double> weights(String slug, Object value) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), number(slug, v, 1.0)));
    } else if (value != null) {
      throw new IllegalArgumentException("category " + slug + ": terms and patterns must be maps of term to weight");
    }
    return out;
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> l) {
      l.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }

  private static double number(String slug, Object v, double fallback) {
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("category " + slug + ": '" + v + "' is not a number");
  }

  private static String text(Object v, String fallback) {
    return v == null ? fallback : String.valueOf(v);
  }
}
