package dev.syndic.api;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A PATCH body read as the merge patch it is (RFC 7396): a member set to null removes the field,
 * where it took null for "unchanged", as an absent member is. Each route says what a removed field
 * becomes, its default, as the value that sets it; a field it does not name cannot be removed and
 * its null is a 400 naming it.
 *
 * @param patch the body with every removed field set to its default (a field whose default is
 *     null is left null, and told by {@code removed})
 * @param removed the fields the body sets to null
 */
record MergePatch<T>(T patch, Set<String> removed) {

  /**
   * @param defaults per field that may be removed, the JSON value it becomes ({@link
   *     JsonNode#nullNode()}: none, which the route reads from {@code removed})
   */
  static <T> MergePatch<T> read(JsonMapper json, JsonNode body, Class<T> type, Map<String, JsonNode> defaults) {
    return read(json, body, type, defaults, Map.of());
  }

  /**
   * As {@link #read(JsonMapper, JsonNode, Class, Map)}, where a member that is an object is merged
   * into the field's current object ({@code current}, by field) as RFC 7396 merges: its members
   * set or replace the current ones, its nulls remove them, and what it leaves out stays. Taken
   * whole, {"rules":{"terms":{"baz":3}}} dropped every other term, pattern and feed tag.
   */
  static <T> MergePatch<T> read(JsonMapper json, JsonNode body, Class<T> type, Map<String, JsonNode> defaults,
      Map<String, JsonNode> current) {
    if (!body.isObject()) {
      throw SourceChecks.bad("body: a merge patch is a JSON object, e.g. {\"title\": \"News\"}");
    }
    ClosedBody.check(body, type);
    Set<String> fields = new TreeSet<>();
    for (RecordComponent c : type.getRecordComponents()) {
      fields.add(c.getName());
    }
    Map<String, JsonNode> members = new LinkedHashMap<>();
    Set<String> removed = new TreeSet<>();
    for (Map.Entry<String, JsonNode> member : body.entries()) {
      String name = member.getKey();
      if (member.getValue().isNull() && fields.contains(name)) {
        JsonNode becomes = defaults.get(name);
        if (becomes == null) {
          throw SourceChecks.bad(name + ": cannot be removed (null removes a field in a merge patch); give a value, or leave " + name
              + " out to keep it");
        }
        removed.add(name);
        members.put(name, becomes);
      } else if (member.getValue().isObject() && current.containsKey(name)) {
        members.put(name, merge(current.get(name), member.getValue()));
      } else {
        members.put(name, member.getValue());
      }
    }
    try {
      return new MergePatch<>(json.readValueFromTree(JsonNode.createObjectNode(members), Argument.of(type)), removed);
    } catch (IOException e) {
      throw SourceChecks.bad(ProblemResponses.treeReading(e.getMessage(), culprit(json, members, type)));
    }
  }

  /** RFC 7396's MergePatch(target, patch). */
  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    Map<String, JsonNode> merged = new LinkedHashMap<>();
    if (target != null && target.isObject()) {
      for (Map.Entry<String, JsonNode> member : target.entries()) {
        merged.put(member.getKey(), member.getValue());
      }
    }
    for (Map.Entry<String, JsonNode> member : patch.entries()) {
      if (member.getValue().isNull()) {
        merged.remove(member.getKey());
      } else {
        merged.put(member.getKey(), merge(merged.get(member.getKey()), member.getValue()));
      }
    }
    return JsonNode.createObjectNode(merged);
  }

  /**
   * The member the type cannot take, read alone (the tree reader's message names it only when a
   * field's own reader words it), or null.
   */
  private static String culprit(JsonMapper json, Map<String, JsonNode> members, Class<?> type) {
    for (Map.Entry<String, JsonNode> member : members.entrySet()) {
      try {
        json.readValueFromTree(JsonNode.createObjectNode(Map.of(member.getKey(), member.getValue())), Argument.of(type));
      } catch (IOException | RuntimeException e) {
        return member.getKey();
      }
    }
    return null;
  }
}
