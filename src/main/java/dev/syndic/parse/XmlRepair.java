package dev.syndic.parse;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/**
 * Repairs the breakage real feeds carry, in two strengths. {@link #safe} changes nothing a
 * well-formed document depends on; {@link #lenient} rewrites text that is not XML into text that
 * is. Each returns what it fixed, so the fetch log can say so.
 */
final class XmlRepair {

  /** Repaired text and the list of repairs made. */
  record Repaired(String text, List<String> repairs) {}

  private static final Pattern AMPERSAND = Pattern.compile("&(?!#\\d{1,7};|#[xX][0-9a-fA-F]{1,6};)([A-Za-z][A-Za-z0-9]{0,31};)?");
  private static final Pattern PREFIXED_TAG = Pattern.compile("</?([A-Za-z_][\\w.-]*):[A-Za-z_]");
  private static final Set<String> XML_ENTITIES = Set.of("amp;", "lt;", "gt;", "quot;", "apos;");
  private static final Map<String, String> KNOWN_NAMESPACES =
      Map.of(
          "dc", "http://purl.org/dc/elements/1.1/",
          "content", "http://purl.org/rss/1.0/modules/content/",
          "media", "http://search.yahoo.com/mrss/",
          "atom", "http://www.w3.org/2005/Atom",
          "itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd",
          "slash", "http://purl.org/rss/1.0/modules/slash/",
          "wfw", "http://wellformedweb.org/CommentAPI/",
          "sy", "http://purl.org/rss/1.0/modules/syndication/");

  private XmlRepair() {}

  /** Drops text before the first tag and characters XML 1.0 forbids. */
  static Repaired safe(String text) {
    Set<String> repairs = new LinkedHashSet<>();
    int start = text.indexOf('<');
    if (start > 0) {
      text = text.substring(start);
      repairs.add("dropped text before the first tag");
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean legal =
          c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        if (out != null) {
          out.append(c).append(text.charAt(i + 1));
        }
        i++;
        continue;
      }
      if (!legal && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
        repairs.add("removed characters XML forbids");
      } else if (legal && out != null) {
        out.append(c);
      }
    }
    return new Repaired(out == null ? text : out.toString(), List.copyOf(repairs));
  }

  /** Turns HTML entities into characters, escapes stray ampersands, declares unknown prefixes. */
  static Repaired lenient(String text) {
    Set<String> repairs = new LinkedHashSet<>();
    Matcher m = AMPERSAND.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 64);
    while (m.find()) {
      String name = m.group(1);
      String replacement;
      if (name != null && XML_ENTITIES.contains(name)) {
        replacement = m.group();
      } else if (name != null && Entities.isNamedEntity(name.substring(0, name.length() - 1))) {
        replacement = numeric(Entities.getByName(name.substring(0, name.length() - 1)));
        repairs.add("replaced HTML entities");
      } else {
        replacement = "&amp;" + (name == null ? "" : name);
        repairs.add("escaped stray '&'");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    String fixed = declarePrefixes(out.toString(), repairs);
    return new Repaired(fixed, List.copyOf(repairs));
  }

  private static String numeric(String chars) {
    StringBuilder b = new StringBuilder();
    chars.codePoints().forEach(cp -> b.append("&#").append(cp).append(';'));
    return b.toString();
  }

  private static String declarePrefixes(String text, Set<String> repairs) {
    Set<String> missing = new LinkedHashSet<>();
    Matcher m = PREFIXED_TAG.matcher(text);
    while (m.find()) {
      String prefix = m.group(1);
      if (!prefix.equals("xml") && !text.contains("xmlns:" + prefix + "=")) {
        missing.add(prefix);
      }
    }
    if (missing.isEmpty()) {
      return text;
    }
    Matcher root = Pattern.compile("<([A-Za-z_][\\w:.-]*)(?=[\\s/>])").matcher(text);
    int at = -1;
    while (root.find()) {
      char next = text.charAt(root.start() + 1);
      if (next != '?' && next != '!') {
        at = root.end();
        break;
      }
    }
    if (at < 0) {
      return text;
    }
    StringBuilder declarations = new StringBuilder();
    for (String prefix : missing) {
      String uri = KNOWN_NAMESPACES.getOrDefault(prefix, "urn:syndic:undeclared:" + prefix);
      declarations.append(" xmlns:").append(prefix).append("=\"").append(uri).append('"');
    }
    repairs.add("declared namespace prefixes " + missing);
    return text.substring(0, at) + declarations + text.substring(at);
  }
}
