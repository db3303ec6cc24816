package dev.syndic.parse;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
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
  /**
   * How far into the text the document's start is looked for: past a server's warnings, which
   * with a stack trace (xdebug's tables) run past 4 KB, and short of reading a whole page that is
   * no feed.
   */
  private static final int DECLARATION_WINDOW = 65_536;
  private static final Pattern FEED_ROOT = Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?(?:rss|feed|RDF)[\\s/>]");
  /** An XML declaration as XML 1.0 writes it. */
  private static final Pattern WELL_FORMED_DECLARATION = Pattern.compile(
      "<\\?xml\\s+version\\s*=\\s*([\"'])1\\.[01]\\1(?:\\s+encoding\\s*=\\s*([\"'])[A-Za-z][\\w.:-]*\\2)?"
          + "(?:\\s+standalone\\s*=\\s*([\"'])(?:yes|no)\\3)?\\s*\\?>");
  /** How deep in the open elements an end tag's element is looked for: a bound, against a million unclosed ones. */
  private static final int END_TAG_SEARCH = 64;
  private static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z_][\\w:.-]*)(?:\\s[^<>]*)?>");
  private static final Pattern PREFIXED_TAG = Pattern.compile("</?([A-Za-z_][\\w.-]*):[A-Za-z_]");
  /** An attribute with a prefix ("rdf:about"), quoted as it would be in a tag. */
  private static final Pattern PREFIXED_ATTRIBUTE = Pattern.compile("\\s([A-Za-z_][\\w.-]*):[A-Za-z_][\\w.-]*\\s*=\\s*[\"']");
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
          "sy", "http://purl.org/rss/1.0/modules/syndication/",
          "rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");

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
   * anything before it is junk even if it looks like markup; else the feed's root, when a tag
   * (a PHP notice in &lt;b&gt;) comes before it; else the first tag. Comments, CDATA sections and
   * processing instructions are skipped: a "&lt;rss&gt;" or "&lt;?xml" in one is text, and took
   * the start of a document whose root it is not (a prefixed &lt;rdf:RDF&gt; or &lt;atom:feed&gt;).
   * The root ends the search: a declaration after it is one pasted in, which lenient drops.
   */
  private static int start(String text) {
    int first = Math.max(text.indexOf('<'), 0);
    boolean tag = first + 1 < text.length() && Character.isLetter(text.charAt(first + 1));
    int limit = Math.min(text.length(), DECLARATION_WINDOW);
    Matcher declaration = DECLARATION.matcher(text);
    Matcher root = FEED_ROOT.matcher(text);
    Set<String> unclosed = new HashSet<>(3);
    for (int at = first; at >= 0 && at < limit; at = text.indexOf('<', at + 1)) {
      declaration.region(at, text.length());
      root.region(at, text.length());
      if (declaration.lookingAt()) {
        return at;
      }
      if (root.lookingAt()) {
        return tag ? at : first;
      }
      String closer = text.startsWith("<!--", at) ? "-->" : text.startsWith("<![CDATA[", at) ? "]]>" : text.startsWith("<?", at) ? "?>" : null;
      if (closer != null && !unclosed.contains(closer)) {
        int end = text.indexOf(closer, at + 2);
        // One that nothing closes is text, and so is every later one of its kind: its closer is
        // looked for once (it went back to the first "<" here, and round for ever).
        if (end < 0) {
          unclosed.add(closer);
        } else {
          at = end;
        }
      }
    }
    return first;
  }

  /**
   * Turns HTML entities into characters, escapes stray ampersands, drops references to characters
   * XML forbids, closes CDATA sections left open, drops XML declarations that are malformed or
   * repeated, and declares unknown prefixes. CDATA sections and comments are otherwise left as
   * they are.
   */
  static Repaired lenient(String text) {
    Set<String> repairs = new LinkedHashSet<>();
    StringBuilder out = new StringBuilder(text.length() + 64);
    int at = 0;
    for (Verbatim.Span span : Verbatim.spans(text)) {
      fixMarkup(text.substring(at, span.start()), at == 0, out, repairs);
      out.append(text, span.start(), span.end());
      if (span.unclosed()) {
        out.append("]]>");
        repairs.add("closed CDATA sections left open");
      }
      at = span.end();
    }
    fixMarkup(text.substring(at), at == 0, out, repairs);
    String fixed = declarePrefixes(matchEndTags(out.toString(), repairs), repairs);
    return new Repaired(fixed, List.copyOf(repairs));
  }

  /**
   * Drops every XML declaration but a well-formed one at the start ({@code version=1.0} unquoted,
   * a second one pasted in), then fixes the references. The text is decoded already: the
   * declaration's encoding says nothing any more.
   */
  private static void fixMarkup(String text, boolean atStart, StringBuilder out, Set<String> repairs) {
    StringBuilder kept = null;
    int copied = 0;
    // The first ">" after a declaration's start, found once for every start before it: a regular
    // expression looked for it from each "<?xml " to the end of the text when none followed
    // (1 MB of them took hours).
    int gt = -1;
    for (int at = text.indexOf("<?xml"); at >= 0; at = text.indexOf("<?xml", at + 1)) {
      gt = gt >= at ? gt : text.indexOf('>', at);
      if (gt < 0) {
        break;
      }
      if (!isDeclaration(text, at, gt)) {
        continue;
      }
      if (!(atStart && at == 0 && WELL_FORMED_DECLARATION.matcher(text.substring(at, gt + 1)).matches())) {
        kept = kept == null ? new StringBuilder(text.length()) : kept;
        kept.append(text, copied, at);
        copied = gt + 1;
        repairs.add("dropped a malformed or repeated XML declaration");
      }
      // The search goes on after the declaration, as a match's does.
      at = gt;
    }
    if (kept != null) {
      text = kept.append(text, copied, text.length()).toString();
    }
    fixReferences(text, out, repairs);
  }

  /**
   * Whether the text from {@code at} ("&lt;?xml") to {@code gt} (the first "&gt;" after it) is an XML
   * declaration, well-formed or not: "&lt;?xml?&gt;", or "&lt;?xml", a space and anything up to
   * "?&gt;"; not "&lt;?xml-stylesheet ...?&gt;".
   */
  private static boolean isDeclaration(String text, int at, int gt) {
    int name = at + "<?xml".length();
    if (text.charAt(gt - 1) != '?' || gt - 1 < name) {
      return false;
    }
    return gt - 1 == name || isRegexSpace(text.charAt(name)) && gt - 1 > name;
  }

  /** What {@code \s} matches: the declaration was matched by a regular expression, and still is where it is kept. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
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
    Matcher next = CHARACTER_REFERENCE.matcher(escaped);
    while (reference.find()) {
      int cp = codePoint(reference);
      if (isXmlChar(cp)) {
        continue;
      }
      // A character past U+FFFF written as its two UTF-16 halves, as JavaScript and Java escape it
      // ("&#55357;&#56832;" for an emoji), is that character; a half alone is none.
      int low = Character.isHighSurrogate((char) cp) && next.region(reference.end(), escaped.length()).lookingAt() ? codePoint(next) : -1;
      if (cp <= 0xFFFF && low >= 0 && low <= 0xFFFF && Character.isHighSurrogate((char) cp) && Character.isLowSurrogate((char) low)) {
        reference.appendReplacement(out, "&#" + Character.toCodePoint((char) cp, (char) low) + ";");
        reference.find();
        reference.appendReplacement(out, "");
        repairs.add("joined references to the two halves of a character");
      } else {
        reference.appendReplacement(out, "");
        repairs.add("removed references to characters XML forbids");
      }
    }
    reference.appendTail(out);
  }

  private static int codePoint(Matcher reference) {
    return reference.group(1) != null ? Integer.parseInt(reference.group(1)) : Integer.parseInt(reference.group(2), 16);
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
   * Writes each end tag that matches an open element only in another case ("&lt;title&gt;News&lt;/Title&gt;")
   * in that element's case: XML names are case-sensitive, and the forgiving parser took the rest of
   * the feed for the title's content. Tags in comments and CDATA sections are text.
   */
  private static String matchEndTags(String text, Set<String> repairs) {
    List<Verbatim.Span> verbatim = Verbatim.spans(text);
    Deque<String> open = new ArrayDeque<>();
    Matcher tag = TAG.matcher(text);
    StringBuilder out = null;
    int span = 0;
    while (tag.find()) {
      while (span < verbatim.size() && verbatim.get(span).end() <= tag.start()) {
        span++;
      }
      if (span < verbatim.size() && verbatim.get(span).start() <= tag.start()) {
        continue;
      }
      String name = tag.group(2);
      if (tag.group(1).isEmpty()) {
        if (!tag.group().endsWith("/>")) {
          open.push(name);
        }
        continue;
      }
      int exact = -1;
      int other = -1;
      Iterator<String> it = open.iterator();
      for (int depth = 0; depth < END_TAG_SEARCH && it.hasNext() && exact < 0; depth++) {
        String element = it.next();
        exact = element.equals(name) ? depth : -1;
        other = other < 0 && element.equalsIgnoreCase(name) ? depth : other;
      }
      // An end tag closes the elements left open inside its element; one that matches none is left.
      int closes = exact >= 0 ? exact : other;
      String closed = null;
      for (int k = 0; k <= closes; k++) {
        closed = open.pop();
      }
      if (exact < 0 && other >= 0) {
        out = out == null ? new StringBuilder(text.length()) : out;
        tag.appendReplacement(out, Matcher.quoteReplacement("</" + closed + ">"));
        repairs.add("matched end tags written in another case");
      }
    }
    if (out == null) {
      return text;
    }
    tag.appendTail(out);
    return out.toString();
  }

  /**
   * Declares on the root element every prefix that tags or attributes use and no {@code xmlns:}
   * attribute declares. Both sets are collected in one pass each: a feed has thousands of prefixed tags, and
   * looking for the declaration once per tag made a 5 MB feed take 40 seconds.
   */
  private static String declarePrefixes(String text, Set<String> repairs) {
    Set<String> missing = new LinkedHashSet<>();
    for (Pattern prefixed : List.of(PREFIXED_TAG, PREFIXED_ATTRIBUTE)) {
      Matcher m = prefixed.matcher(text);
      while (m.find()) {
        missing.add(m.group(1));
      }
    }
    missing.remove("xml");
    missing.remove("xmlns");
    if (missing.isEmpty()) {
      return text;
    }
    Matcher declared = DECLARED_PREFIX.matcher(text);
    while (declared.find()) {
      missing.remove(declared.group(1));
    }
    if (missing.isEmpty()) {
      return text;
    }
    Matcher root = Pattern.compile("<([A-Za-z_][\\w:.-]*)(?=[\\s/>])").matcher(text);
    // The first tag outside comments: "<a href" in a comment before the root took the declarations.
    List<Verbatim.Span> verbatim = Verbatim.spans(text);
    int at = -1;
    int span = 0; // the first section that does not end before the tag: the spans come in order
    while (at < 0 && root.find()) {
      int tag = root.start();
      while (span < verbatim.size() && verbatim.get(span).end() <= tag) {
        span++;
      }
      at = span < verbatim.size() && verbatim.get(span).start() <= tag ? -1 : root.end();
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
