package dev.syndic.classify;

import java.util.List;

/**
 * A category decided for an entry.
 *
 * @param score the summed weights that decided it
 * @param evidence what matched, e.g. {@code "title:大模型 +6.0"}
 * @param named whether the title matched a positive term or expression of the category, or a feed
 *     tag named it
 */
public record Assignment(String slug, double score, List<String> evidence, boolean named) {

  public Assignment {
    evidence = List.copyOf(evidence);
  }
}
