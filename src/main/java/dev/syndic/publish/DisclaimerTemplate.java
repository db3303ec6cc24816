package dev.syndic.publish;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stored disclaimer template.
 *
 * @param scope {@code global}, {@code category} or {@code source}
 * @param scopeKey the category slug or the source id; empty for global
 * @param language {@code zh} or {@code en}: the language of the entries it is for
 * @param variant {@code default} for public feeds; partners may choose another
 */
@Serdeable
public record DisclaimerTemplate(
    long id, String scope, String scopeKey, String language, String variant, String template, Instant createdAt, Instant updatedAt) {

  public static final Set<String> SCOPES = Set.of("global", "category", "source");
  public static final Set<String> LANGUAGES = Set.of("zh", "en");
  public static final Set<String> PLACEHOLDERS = Set.of("title", "source", "author", "link", "site", "date");
  static final Pattern ANY_PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  /** The placeholders of a template that are not among {@link #PLACEHOLDERS}, in order. */
  public static List<String> unknownPlaceholders(String template) {
    List<String> unknown = new ArrayList<>();
    Matcher m = ANY_PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group(1))) {
        unknown.add(m.group());
      }
    }
    return unknown;
  }
}
