package dev.syndic.api;

import static dev.syndic.api.SourceChecks.bad;

import dev.syndic.category.Category;
import dev.syndic.classify.CategoryRules;
import dev.syndic.classify.RuleClassifier;
import dev.syndic.classify.RuleExpressions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Validates category input, answering 400 with what is wrong and how to fix it. */
final class CategoryChecks {

  /** A category's slug, as the OpenAPI document states it too. */
  static final String SLUG_PATTERN = "[a-z0-9][a-z0-9-]{0,62}";

  static final int MAX_SLUG = 63;
  static final Pattern SLUG = Pattern.compile(SLUG_PATTERN);
  /** The longest Chinese or English name of a category, in characters. */
  static final int MAX_NAME = 200;
  static final int MAX_DESCRIPTION = 2000;
  /** A threshold is above 0 and at most this. */
  static final int MAX_THRESHOLD = 1000;
  static final Set<String> RESERVED = Set.of("all", "train", "recategorize", "model");
  static final int MAX_TERMS = 20_000;
  static final int MAX_PATTERNS = 200;
  static final int MAX_PATTERN_LENGTH = 500;
  /** A word or a phrase; the longest shipped term has 27 characters, and each is compiled on every instance. */
  static final int MAX_TERM_LENGTH = 200;
  static final double MAX_WEIGHT = 100;

  private CategoryChecks() {}

  static String slug(String raw) {
    if (raw == null || raw.isBlank()) {
      throw bad("slug: required, e.g. \"climate\" (lower-case letters, digits and hyphens)");
    }
    String slug = raw.strip();
    if (!SLUG.matcher(slug).matches()) {
      throw bad("slug: '" + slug + "' must be 1 to 63 lower-case letters, digits or hyphens, starting with a letter or digit");
    }
    if (RESERVED.contains(slug)) {
      throw bad("slug: '" + slug + "' is reserved; choose another");
    }
    return slug;
  }

  /** The category the input describes, over {@code base} (the current one, or defaults). */
  static Category merge(Category base, CategoryInput in) {
    String nameZh = text("nameZh", in.nameZh(), base.nameZh());
    String nameEn = text("nameEn", in.nameEn(), base.nameEn());
    String description = in.description() == null ? base.description() : in.description().strip();
    if (Limits.characters(description) > MAX_DESCRIPTION) {
      throw bad("description: longer than " + MAX_DESCRIPTION + " characters, got " + Limits.characters(description));
    }
    double threshold = in.threshold() == null ? base.threshold() : in.threshold();
    if (!(threshold > 0 && threshold <= MAX_THRESHOLD)) {
      throw bad("threshold: must be greater than 0 and at most " + MAX_THRESHOLD + ", was " + threshold);
    }
    CategoryRules rules = in.rules() == null ? base.rules() : rules(in.rules());
    boolean enabled = in.enabled() == null ? base.enabled() : in.enabled();
    return new Category(base.id(), base.slug(), nameZh, nameEn, description, enabled, threshold, rules, base.updatedAt());
  }

  static Category defaults(String slug) {
    return new Category(null, slug, slug, slug, "", true, 4.0, CategoryRules.none(), null);
  }

  private static String text(String field, String value, String current) {
    if (value == null) {
      return current;
    }
    String name = value.strip();
    if (name.isEmpty() || Limits.characters(name) > MAX_NAME) {
      throw bad(field + ": must be 1 to " + MAX_NAME + " characters, got " + Limits.characters(name));
    }
    return name;
  }

  private static CategoryRules rules(CategoryRules r) {
    if (r.terms().size() > MAX_TERMS) {
      throw bad("rules.terms: at most " + MAX_TERMS + " terms, got " + r.terms().size());
    }
    Map<String, String> byNormalized = new HashMap<>();
    for (Map.Entry<String, Double> t : r.terms().entrySet()) {
      if (t.getKey().isBlank()) {
        throw bad("rules.terms: a term is empty");
      }
      if (Limits.characters(t.getKey()) > MAX_TERM_LENGTH) {
        // The first 20 characters, not chars: half an emoji made the answer's JSON unreadable past it.
        throw bad("rules.terms['" + t.getKey().substring(0, t.getKey().offsetByCodePoints(0, 20)) + "...']: at most " + MAX_TERM_LENGTH
            + " characters (a word or a phrase), got " + Limits.characters(t.getKey()));
      }
      weight("rules.terms['" + t.getKey() + "']", t.getValue());
      String key = RuleClassifier.termKey(t.getKey());
      if (key.isBlank()) {
        throw bad("rules.terms['" + t.getKey() + "']: nothing of it is left once normalized (only spaces, zero-width or control"
            + " characters), so it would never match");
      }
      String same = byNormalized.putIfAbsent(key, t.getKey());
      if (same != null) {
        throw bad("rules.terms: '" + same + "' and '" + t.getKey() + "' are one term to the classifier (it reads text normalized:"
            + " full-width as plain letters, any case, Traditional as Simplified Chinese, typographic apostrophes and hyphens as"
            + " plain ones); keep one");
      }
    }
    if (r.patterns().size() > MAX_PATTERNS) {
      throw bad("rules.patterns: at most " + MAX_PATTERNS + " patterns, got " + r.patterns().size());
    }
    for (Map.Entry<String, Double> p : r.patterns().entrySet()) {
      String where = "rules.patterns['" + p.getKey() + "']";
      if (p.getKey().isEmpty() || Limits.characters(p.getKey()) > MAX_PATTERN_LENGTH) {
        throw bad(where + ": must be 1 to " + MAX_PATTERN_LENGTH + " characters");
      }
      try {
        Pattern.compile(p.getKey());
      } catch (PatternSyntaxException e) {
        throw bad(where + ": not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
      }
      if (!RuleExpressions.runsInTime(p.getKey())) {
        throw bad(where + ": backtracks too much (a group around a wildcard repeated many times, such as (.*a){20}):"
            + " on ordinary text it runs for longer than a match may take; simplify it");
      }
      if (RuleExpressions.matchesEmpty(p.getKey())) {
        throw bad(where + ": matches the empty string (an empty alternative such as a trailing |, or a whole that is optional),"
            + " so it would count for every entry; remove the empty part");
      }
      if (RuleExpressions.recursesTooDeeply(p.getKey())) {
        throw bad(where + ": recurses once per character it repeats (a repeated alternation such as (?:.|\\n)* or (?:\\w|\\s)+)"
            + " and overflows on a long text; use a character class instead: [\\s\\S]*, [\\w\\s]+");
      }
      weight(where, p.getValue());
    }
    List<String> tags = r.feedTags();
    if (tags.stream().anyMatch(t -> t == null || t.isBlank())) {
      throw bad("rules.feedTags: a tag is empty");
    }
    return r;
  }

  private static void weight(String where, Double w) {
    if (w == null || !Double.isFinite(w) || Math.abs(w) > MAX_WEIGHT || w == 0) {
      throw bad(where + ": weight must be a non-zero number between -" + (int) MAX_WEIGHT + " and " + (int) MAX_WEIGHT + ", was " + w);
    }
  }
}
