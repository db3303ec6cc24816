package dev.syndic.parse;

import java.util.ArrayList;
import java.util.Base64;
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
import org.jdom2.filter.Filters;

/**
 * Repairs the shape of a parsed document, where {@link XmlRepair} repairs its text: what a
 * well-formed document can still get wrong, and what an ill-formed one looks like once the forgiving
 * parser has closed its elements where it could (an item whose end tag is missing holds every later
 * item). Rome reads entries only where the format puts them and text only outside child elements,
 * so each of these lost entries or words silently. Once the entries are in place, their fields
 * are {@link FieldRepair}'s. Returns what it repaired.
 */
final class TreeRepair {

  static final Namespace ATOM_10 = Namespace.getNamespace("http://www.w3.org/2005/Atom");
  static final Namespace ATOM_03 = Namespace.getNamespace("http://purl.org/atom/ns#");
  private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  static final String XHTML = "http://www.w3.org/1999/xhtml";
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
      FieldRepair.repair(container, entry, ns, root.getName().equals("feed"), repairs);
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
   * RSS without its channel: items right under &lt;rss&gt; (or RSS 1.0's &lt;rdf:RDF&gt;, which
   * keeps them there beside its channel), or a &lt;channel&gt; root with no &lt;rss&gt; around it. Rome failed on the missing element, and the feed with it; feedparser reads
   * the items. The missing element is put where it belongs. A document with neither channel nor
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
    Element item = root.getChildren().stream().filter(c -> c.getName().equals("item")).findFirst().orElse(null);
    if (root.getName().equals("RDF") && item != null && root.getChildren().stream().noneMatch(c -> c.getName().equals("channel"))) {
      root.addContent(0, new Element("channel", item.getNamespace()));
      repairs.add("read an <rdf:RDF> that has no <channel>");
    }
    return root;
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
      if (FieldRepair.isXmlContent(p) && !(child == e && "xhtml".equals(FieldRepair.typeOf(p)))) {
        return true;
      }
    }
    return false;
  }



  private static boolean isWithin(Element e, Element ancestor) {
    for (Element p = e.getParentElement(); p != null; p = p.getParentElement()) {
      if (p == ancestor) {
        return true;
      }
    }
    return false;
  }




}
