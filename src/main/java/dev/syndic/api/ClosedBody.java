package dev.syndic.api;

import io.micronaut.json.tree.JsonNode;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Marks a request body record whose JSON members are its components and nothing else, nested
 * records included ({@code rules} of a category): {@link WholeJsonBodyReader} and {@link
 * MergePatch} refuse a member of another name, naming it and what the request takes. Micronaut's reader drops such members without a word, so a typo ({@code
 * "categroy"}, {@code "paused": true}, rules given as {@code "term"}) was answered 200 or 201 with
 * the field left as it was, a category created with no rules at all. Read-only fields that a
 * response shows ({@code id}, {@code updatedAt}) are refused too: sent back, they would read as if
 * they had been set.
 */
interface ClosedBody {

  /**
   * Refuses the first member of {@code body} that {@code type} (a record) does not have, at any depth where a record is expected.
   *
   * @throws io.micronaut.http.exceptions.HttpStatusException 400, naming the member by its path ({@code rules.term})
   */
  static void check(JsonNode body, Class<?> type) {
    check(body, type, "");
  }

  private static void check(JsonNode node, Class<?> type, String path) {
    if (!type.isRecord() || !node.isObject()) {
      return; // a value of another kind is the reader's to refuse, in its own words
    }
    Map<String, RecordComponent> fields = Arrays.stream(type.getRecordComponents())
        .collect(Collectors.toMap(RecordComponent::getName, c -> c, (a, b) -> a, LinkedHashMap::new));
    for (Map.Entry<String, JsonNode> member : node.entries()) {
      RecordComponent field = fields.get(member.getKey());
      if (field == null) {
        throw SourceChecks.bad(path + member.getKey() + ": not a field of " + (path.isEmpty() ? "this request" : path.substring(0, path.length() - 1))
            + "; it takes " + String.join(", ", fields.keySet()));
      }
      check(member.getValue(), field.getType(), path + member.getKey() + ".");
    }
  }
}
