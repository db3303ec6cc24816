package dev.syndic.classify;

import java.util.List;

/**
 * A category decided for an entry.
 *
 * @param score the summed weights that decided it
 * @param evidence what matched, e.g. {@code "title:大模型 +6.0"}
 */
public record Assignment(String slug, double score, List<String> evidence) {

  public Assignment {
    evidence = List.copyOf(evidence);
  }
}
