package dev.syndic.parse;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdom2.Content;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.Text;
import org.jdom2.filter.Filters;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * Repairs the shape of a parsed document, where {@link XmlRepair} repairs its text: what a
 * well-formed document can still get wrong, and what an ill-formed one looks like once the forgiving
 * parser has closed its elements where it could (an item whose end tag is missing holds every later
 * item). Rome reads entries only where the format puts them and text only outside child elements,
 * so each of these lost entries or words silently. Returns what it repaired.
 */
final class TreeRepair {

  private static final Namespace ATOM_10 = Namespace.getNamespace("http://www.w3.org/2005/Atom");
  private static final Namespace ATOM_03 = Namespace.getNamespace("http://purl.org/atom/ns#");
  private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  private static final String XHTML = "http://www.w3.org/1999/xhtml";
  /** The namespaces of RSS 0.90 and 1.0, whose names are all in lower case. */
  private static final Set<String> RSS_RDF_NAMESPACES = Set.of("http://my.netscape.com/rdf/simple/0.9/", "http://purl.org/rss/1.0/");
  /** The namespaces of Atom, and none (RSS 0.9x and 2.0). */
  private static final Set<String> FEED_NAMESPACES = Set.of("", ATOM_10.getURI(), ATOM_03.getURI());
  /** The elements of RSS, RDF and Atom, by their names in lower case. */
  private static final Map<String, String> NAMES = Stream.of(
          "rss", "channel", "item", "title", "link", "description", "language", "copyright", "managingEditor", "webMaster",
          "pubDate", "lastBuildDate", "category", "generator", "docs", "cloud", "ttl", "image", "url", "width", "height",
          "rating", "textInput", "name", "skipHours", "hour", "skipDays", "day", "author", "comments", "enclosure", "guid",
          "source", "RDF", "Seq", "li", "items", "feed", "entry", "id", "updated", "published", "summary", "content",
          "email", "uri", "contributor", "rights", "subtitle", "tagline", "issued", "modified", "created", "icon", "logo")
      .collect(Collectors.toMap(n -> n.toLowerCase(Locale.ROOT), Function.identity()));
  /** The fields of RSS whose value is text (HTML, for the most part), never child elements. */
  private static final Set<String> RSS_TEXT_FIELDS = Set.of("title", "link", "description", "author", "comments", "guid", "pubDate", "category");
  /** The same in Atom, whose authors, links and categories are elements of their own. */
  private static final Set<String> ATOM_TEXT_FIELDS =
      Set.of("title", "subtitle", "tagline", "summary", "content", "rights", "id", "published", "updated", "issued", "modified", "created");

  /**
   * The fields of an RSS item or channel that an unclosed field can hold, in lower case: the names
   * of {@link #NAMES} that are no container and no HTML element's ("li", "source", "summary" are
   * both, and a list in unescaped HTML lost its items to the entry).
   */
  private static final Set<String> RSS_MOVABLE =
      Set.of("title", "link", "description", "pubdate", "guid", "author", "category", "comments", "enclosure");
  /** The same for an Atom entry or feed. */
  private static final Set<String> ATOM_MOVABLE = Set.of("id", "title", "link", "updated", "published", "summary", "content", "author",
      "contributor", "category", "rights", "issued", "modified", "created");
  /** Markup that HTML carries in namespaces of its own: not a module's field. */
  private static final Set<String> MARKUP_NAMESPACES = Set.of(XHTML, "http://www.w3.org/2000/svg", "http://www.w3.org/1998/Math/MathML");

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private TreeRepair() {}

  static List<String> normalize(Document document) {
    Set<String> repairs = new LinkedHashSet<>();
    Element root = document.getRootElement();
    for (Element e : elements(root)) {
      String name = canonical(e, root);
      if (name != null && !name.equals(e.getName())) {
        e.setName(name);
        repairs.add("read element names written in another case");
      }
    }
    if (root.getName().equals("feed") && root.getNamespace().equals(Namespace.NO_NAMESPACE)) {
      // Atom without its namespace: feedparser reads it, Rome took it for no feed at all.
      Namespace atom = "0.3".equals(root.getAttributeValue("version")) ? ATOM_03 : ATOM_10;
      for (Element e : elements(root)) {
        if (e.getNamespace().equals(Namespace.NO_NAMESPACE)) {
          e.setNamespace(atom);
        }
      }
      repairs.add("read an Atom feed that does not declare the Atom namespace");
    }
    root = withChannel(document, root, repairs);
    Element container = container(root);
    if (container != null) {
      String entry = root.getName().equals("feed") ? "entry" : "item";
      Namespace ns = root.getName().equals("feed") ? root.getNamespace() : namespaceOf(container, root);
      if (placeEntries(container, entry, ns)) {
        repairs.add("moved entries out of where the document left them (an unclosed element, or after the channel)");
      }
      Set<String> textFields = root.getName().equals("feed") ? ATOM_TEXT_FIELDS : RSS_TEXT_FIELDS;
      for (Element e : container.getChildren(entry, ns)) {
        emptyElements(e, ns, repairs);
        flattenFields(e, ns, textFields, repairs);
      }
      emptyElements(container, ns, repairs);
      flattenFields(container, ns, textFields, repairs);
    }
    for (Element e : elements(root)) {
      if ("base64".equals(e.getAttributeValue("mode")) && !isBase64(e.getText())) {
        // Once HTML written into it is its text: Rome's decoder failed on it with an exception,
        // and the whole feed with it.
        e.setAttribute("mode", "escaped");
        repairs.add("read content marked base64 that is not as text");
      }
    }
    return List.copyOf(repairs);
  }

  /**
   * The name the format gives the element, or null if it is none of the format's: RSS 0.90 and 1.0
   * write theirs in lower case ("textinput"), RDF's own root is "RDF" (its other names are left
   * alone: rdf:Description is not a description), RSS 0.9x and 2.0 and Atom as in {@link #NAMES}.
   */
  private static String canonical(Element e, Element root) {
    String lower = e.getName().toLowerCase(Locale.ROOT);
    String uri = e.getNamespaceURI();
    if (uri.equals(RDF)) {
      return lower.equals("rdf") ? "RDF" : null;
    }
    if (RSS_RDF_NAMESPACES.contains(uri)) {
      return NAMES.containsKey(lower) || lower.equals("textinput") ? lower : null;
    }
    return FEED_NAMESPACES.contains(uri) || e.getNamespace().equals(root.getNamespace()) ? NAMES.get(lower) : null;
  }

  private static boolean isBase64(String text) {
    try {
      // Not the MIME decoder, which skips any character outside the alphabet, markup included.
      Base64.getDecoder().decode(WHITESPACE.matcher(text).replaceAll(""));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static List<Element> elements(Element root) {
    List<Element> all = new ArrayList<>();
    all.add(root);
    root.getDescendants(Filters.element()).forEach(all::add);
    return all;
  }

  /**
   * RSS without its channel: items right under &lt;rss&gt;, or a &lt;channel&gt; root with no
   * &lt;rss&gt; around it. Rome failed on the missing element, and the feed with it; feedparser reads
   * the items. The missing element is put where it belongs. An &lt;rss&gt; with neither channel nor
   * items is left to fail: it has nothing to read. Returns the root.
   */
  private static Element withChannel(Document document, Element root, Set<String> repairs) {
    boolean noNamespace = root.getNamespace().equals(Namespace.NO_NAMESPACE);
    if (noNamespace && root.getName().equals("channel")) {
      Element rss = new Element("rss").setAttribute("version", "2.0");
      document.setRootElement(rss);
      rss.addContent(root);
      repairs.add("read a channel that is not inside <rss>");
      return rss;
    }
    if (noNamespace && root.getName().equals("rss") && root.getChild("channel") == null && root.getChild("item") != null) {
      Element channel = new Element("channel");
      channel.addContent(root.removeContent());
      root.addContent(channel);
      repairs.add("read an <rss> that has no <channel>");
    }
    return root;
  }

  /**
   * Moves out what an Atom link or category holds: both are empty, and one written as HTML writes a
   * link ("&lt;link href=…&gt;", never closed) held the fields after it, which Rome did not read.
   */
  private static void emptyElements(Element parent, Namespace ns, Set<String> repairs) {
    if (!ns.equals(ATOM_10) && !ns.equals(ATOM_03)) {
      return;
    }
    List<Element> children = parent.getChildren();
    for (int i = 0; i < children.size(); i++) {
      Element e = children.get(i);
      if ((e.getName().equals("link") || e.getName().equals("category")) && e.getNamespace().equals(ns) && !e.getChildren().isEmpty()) {
        int at = parent.indexOf(e);
        for (Element held : List.copyOf(e.getChildren())) {
          parent.addContent(++at, held.detach());
        }
        repairs.add("moved fields out of a link or category that was never closed");
      }
    }
  }

  /** Where the format puts entries: an RSS channel; the root of RSS 1.0 and of Atom; else null. */
  private static Element container(Element root) {
    return switch (root.getName()) {
      case "rss" -> root.getChild("channel", root.getNamespace());
      case "RDF", "feed" -> root;
      default -> null;
    };
  }

  /** The namespace of RSS 1.0's items: that of its channel, which need not be the root's. */
  private static Namespace namespaceOf(Element container, Element root) {
    if (container != root) {
      return container.getNamespace();
    }
    Element channel = root.getChildren().stream().filter(c -> c.getName().equals("channel")).findFirst().orElse(null);
    return channel != null ? channel.getNamespace() : root.getNamespace("");
  }

  /**
   * Moves each entry that is not a child of the container to where it belongs: one inside another
   * element (an entry, a title that was never closed) right after that element, one after the
   * channel to the channel's end, all in the document's order. One pass: a feed has thousands.
   */
  private static boolean placeEntries(Element container, String entry, Namespace ns) {
    Element root = container.getDocument().getRootElement();
    List<Element> outside = new ArrayList<>();
    for (Element e : root.getDescendants(Filters.element(entry, ns))) {
      if (!isWithin(e, container) && !isQuoted(e, root)) {
        outside.add(e);
      }
    }
    outside.forEach(Element::detach);
    List<Content> content = new ArrayList<>();
    boolean nested = false;
    for (Content c : container.removeContent()) {
      nested |= addWithNested(c, content, entry, ns);
    }
    for (Element e : outside) {
      addWithNested(e, content, entry, ns);
    }
    container.addContent(content);
    return nested || !outside.isEmpty();
  }

  /** Adds the content, then the entries within it, taken out; whether there were any. */
  private static boolean addWithNested(Content c, List<Content> content, String entry, Namespace ns) {
    content.add(c);
    if (!(c instanceof Element element)) {
      return false;
    }
    List<Element> nested = new ArrayList<>();
    for (Element e : element.getDescendants(Filters.element(entry, ns))) {
      if (!isQuoted(e, element)) {
        nested.add(e);
      }
    }
    nested.forEach(e -> content.add(e.detach()));
    return !nested.isEmpty();
  }

  /**
   * Whether the entry is part of Atom content of an XML type below {@code top}, whose it is:
   * application/atom+xml content may carry a whole entry, XHTML content quote one in its div.
   * An entry beside the div is none of the XHTML's: a content element never closed held it.
   */
  private static boolean isQuoted(Element e, Element top) {
    Element child = e;
    for (Element p = e.getParentElement(); p != null && child != top; child = p, p = p.getParentElement()) {
      if (isXmlContent(p) && !(child == e && "xhtml".equals(typeOf(p)))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the element is Atom content of an XML type (xhtml, or a media type of XML), which may carry any XML. */
  private static boolean isXmlContent(Element e) {
    String uri = e.getNamespaceURI();
    String type = typeOf(e);
    return e.getName().equals("content") && (uri.equals(ATOM_10.getURI()) || uri.equals(ATOM_03.getURI()))
        && (type.equals("xhtml") || type.endsWith("+xml") || type.endsWith("/xml") || "xml".equals(e.getAttributeValue("mode")));
  }

  private static String typeOf(Element e) {
    return String.valueOf(e.getAttributeValue("type")).strip().toLowerCase(Locale.ROOT);
  }

  private static boolean isWithin(Element e, Element ancestor) {
    for (Element p = e.getParentElement(); p != null; p = p.getParentElement()) {
      if (p == ancestor) {
        return true;
      }
    }
    return false;
  }

  /**
   * The elements of the feed's vocabulary or of a module inside a field, outermost first, at any
   * depth: an unescaped "x&lt;y" in a title became an element y that held the rest of the entry.
   */
  private static List<Element> fields(Element field, Namespace ns) {
    List<Element> found = new ArrayList<>();
    Set<Element> taken = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<String> movable = ns.equals(ATOM_10) || ns.equals(ATOM_03) ? ATOM_MOVABLE : RSS_MOVABLE;
    // What is inside XHTML's div is the XHTML's (an entry quoted in it with its title); what is
    // beside the div, a field never closed held.
    Iterable<Element> within = "xhtml".equals(typeOf(field)) ? field.getChildren() : field.getDescendants(Filters.element());
    for (Element e : within) {
      String uri = e.getNamespaceURI();
      boolean ours = e.getNamespace().equals(ns) ? movable.contains(e.getName().toLowerCase(Locale.ROOT))
          : !uri.isEmpty() && !MARKUP_NAMESPACES.contains(uri);
      if (ours && !hasAncestorIn(e, field, taken)) {
        found.add(e);
        taken.add(e);
      }
    }
    return found;
  }

  private static boolean hasAncestorIn(Element e, Element top, Set<Element> set) {
    for (Element p = e.getParentElement(); p != top; p = p.getParentElement()) {
      if (set.contains(p)) {
        return true;
      }
    }
    return false;
  }

  /** The element and those of its descendants in its namespace, moved to none. */
  private static void withoutNamespace(Element e) {
    Namespace ns = e.getNamespace();
    e.setNamespace(Namespace.NO_NAMESPACE);
    for (Element child : e.getChildren()) {
      if (child.getNamespace().equals(ns)) {
        withoutNamespace(child);
      }
    }
  }

  /**
   * Reads the text fields of an entry (or the channel) that hold child elements. Fields of the
   * feed's own vocabulary or of a module (a title never closed holds the entry's link and date) go
   * back beside it; any other element is HTML the publisher did not escape, which Rome dropped with
   * its text ("&lt;b&gt;Breaking&lt;/b&gt; news" read "news"), and becomes the field's HTML. Atom's
   * XHTML and XML content is left to Rome, but for the fields it holds when it was never closed.
   */
  private static void flattenFields(Element parent, Namespace ns, Set<String> textFields, Set<String> repairs) {
    for (Element field : List.copyOf(parent.getChildren())) {
      if (!textFields.contains(field.getName()) || !field.getNamespace().equals(ns) || field.getChildren().isEmpty()) {
        continue;
      }
      String type = typeOf(field);
      if (isXmlContent(field) && !type.equals("xhtml")) {
        continue; // content of an XML media type may carry any XML, even Atom's own
      }
      int at = parent.indexOf(field);
      for (Element child : fields(field, ns)) {
        parent.addContent(++at, child.detach());
        repairs.add("moved fields out of a field that was never closed");
      }
      boolean xhtml = type.contains("xml") || field.getChildren().stream().anyMatch(c -> c.getNamespaceURI().equals(XHTML));
      if (!xhtml && !field.getChildren().isEmpty()) {
        // Written without the feed's namespace, which they took from their parent.
        List.copyOf(field.getContent(Filters.element(ns))).forEach(TreeRepair::withoutNamespace);
        String html = new XMLOutputter(Format.getRawFormat()).outputString(field.getContent());
        List<Content> text = List.of(new Text(html));
        field.setContent(text);
        repairs.add("read HTML that was not escaped as the field's text");
      }
    }
  }
}
