package dev.syndic.parse;

import java.util.ArrayList;
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
  private static final Pattern CHARACTER_REFERENCE = Pattern.compile("&#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}));");
  private static final Pattern DECLARED_PREFIX = Pattern.compile("xmlns:([A-Za-z_][\\w.-]*)\\s*=");
  private static final Pattern DECLARATION = Pattern.compile("<\\?xml\\s");
  private static final int DECLARATION_WINDOW = 4096;
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

  /**
   * Drops what comes before the document (text, or a server's HTML warning before the XML
   * declaration) and characters XML 1.0 forbids.
   */
  static Repaired safe(String text) {
    Set<String> repairs = new LinkedHashSet<>();
    int start = start(text);
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

  /**
   * Where the document starts: its XML declaration, which is only legal at the very start, so
   * anything before it is junk even if it looks like markup; else the first tag.
   */
  private static int start(String text) {
    Matcher declaration = DECLARATION.matcher(text);
    declaration.region(0, Math.min(text.length(), DECLARATION_WINDOW));
    if (declaration.find() && !text.substring(0, declaration.start()).contains("<![CDATA[")) {
      return declaration.start();
    }
    return Math.max(text.indexOf('<'), 0);
  }

  /**
   * Turns HTML entities into characters, escapes stray ampersands, drops references to characters
   * XML forbids and declares unknown prefixes. CDATA sections and comments are left as they are.
   */
  static Repaired lenient(String text) {
    Set<String> repairs = new LinkedHashSet<>();
    StringBuilder out = new StringBuilder(text.length() + 64);
    int at = 0;
    for (Span span : verbatim(text)) {
      fixReferences(text.substring(at, span.start()), out, repairs);
      out.append(text, span.start(), span.end());
      at = span.end();
    }
    fixReferences(text.substring(at), out, repairs);
    String fixed = declarePrefixes(out.toString(), repairs);
    return new Repaired(fixed, List.copyOf(repairs));
  }

  /** Where a CDATA section or a comment starts and ends in the text. */
  private record Span(int start, int end) {}

  /**
   * The CDATA sections and comments, which are not markup: an '&' in them is already a plain
   * character. An opener without its closer is text like any other, and since no closer follows
   * it, later openers of its kind are too; one search to the end per kind keeps this linear (a
   * lazy regex searched to the end once per opener: 200 KB of "<!--" took a minute).
   */
  private static List<Span> verbatim(String text) {
    List<Span> spans = new ArrayList<>();
    boolean commentsClose = true;
    boolean cdataCloses = true;
    int at = text.indexOf("<!");
    while (at >= 0) {
      boolean comment = commentsClose && text.startsWith("<!--", at);
      boolean cdata = !comment && cdataCloses && text.startsWith("<![CDATA[", at);
      int end = -1;
      if (comment) {
        end = text.indexOf("-->", at + 4);
        commentsClose = end >= 0;
        end = end < 0 ? -1 : end + 3;
      } else if (cdata) {
        end = text.indexOf("]]>", at + 9);
        cdataCloses = end >= 0;
        end = end < 0 ? -1 : end + 3;
      }
      if (end >= 0) {
        spans.add(new Span(at, end));
        at = text.indexOf("<!", end);
      } else {
        at = text.indexOf("<!", at + 2);
      }
    }
    return spans;
  }

  private static void fixReferences(String text, StringBuilder out, Set<String> repairs) {
    Matcher m = AMPERSAND.matcher(text);
    StringBuilder escaped = new StringBuilder(text.length() + 16);
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
      m.appendReplacement(escaped, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(escaped);
    Matcher reference = CHARACTER_REFERENCE.matcher(escaped);
    while (reference.find()) {
      int cp = reference.group(1) != null ? Integer.parseInt(reference.group(1)) : Integer.parseInt(reference.group(2), 16);
      if (!isXmlChar(cp)) {
        reference.appendReplacement(out, "");
        repairs.add("removed references to characters XML forbids");
      }
    }
    reference.appendTail(out);
  }

  private static boolean isXmlChar(int cp) {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
  }

  private static String numeric(String chars) {
    StringBuilder b = new StringBuilder();
    chars.codePoints().forEach(cp -> b.append("&#").append(cp).append(';'));
    return b.toString();
  }

  /**
   * Declares on the root element every prefix that tags use and no {@code xmlns:} attribute
   * declares. Both sets are collected in one pass each: a feed has thousands of prefixed tags, and
   * looking for the declaration once per tag made a 5 MB feed take 40 seconds.
   */
  private static String declarePrefixes(String text, Set<String> repairs) {
    Set<String> missing = new LinkedHashSet<>();
    Matcher m = PREFIXED_TAG.matcher(text);
    while (m.find()) {
      missing.add(m.group(1));
    }
    if (missing.isEmpty()) {
      return text;
    }
    missing.remove("xml");
    Matcher declared = DECLARED_PREFIX.matcher(text);
    while (declared.find()) {
      missing.remove(declared.group(1));
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
