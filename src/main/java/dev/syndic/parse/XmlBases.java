package dev.syndic.parse;

import dev.syndic.WebLinks;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * The xml:base in force for each item and for its body, which feedparser reads relative links,
 * images and files against: an element's own xml:base, read against the one around it (an RSS
 * item's channel and root, an Atom entry's feed). Rome keeps none for RSS, and for Atom none of a
 * body's own (WordPress sets the post's address on each {@code <content>}, and its feed's on the
 * root), so before Rome reads the document each item under one gets elements of Syndic's own
 * namespace that name them; Rome hands them on with the item's foreign markup, where {@link
 * #item} and {@link #body} find them.
 */
final class XmlBases {

  private static final Namespace MARK = Namespace.getNamespace("syndic-xml-base", "urn:syndic:xml-base");
  /** RSS's content module, whose {@code content:encoded} is an item's full body. */
  private static final String CONTENT_MODULE = "http://purl.org/rss/1.0/modules/content/";

  private XmlBases() {}

  /** Marks the items of the document: in its channel, or beside it (RSS 1.0), or the entries of its feed (Atom). */
  static void mark(Document document) {
    Element root = document.getRootElement();
    String rootBase = base(null, root);
    for (Element child : root.getChildren()) {
      String name = child.getName();
      if (name.equals("item") || name.equals("entry")) {
        mark(child, rootBase);
      } else if (name.equals("channel")) {
        String channelBase = base(rootBase, child);
        for (Element item : child.getChildren()) {
          if (item.getName().equals("item")) {
            mark(item, channelBase);
          }
        }
      }
    }
  }

  private static void mark(Element item, String outer) {
    String itemBase = base(outer, item);
    // The body Rome takes: the full content when there is one, else the summary. By namespace as
    // well as name: media:content, itunes:summary or media:description are no body.
    Element content = null;
    Element summary = null;
    for (Element child : item.getChildren()) {
      String name = child.getName();
      boolean own = child.getNamespace().equals(item.getNamespace());
      if (content == null && (own && name.equals("content") || name.equals("encoded") && child.getNamespaceURI().equals(CONTENT_MODULE))) {
        content = child;
      } else if (summary == null && own && (name.equals("description") || name.equals("summary"))) {
        summary = child;
      }
    }
    Element body = content != null ? content : summary;
    String bodyBase = body == null ? itemBase : base(itemBase, body);
    if (itemBase != null) {
      item.addContent(new Element("item", MARK).setText(itemBase));
    }
    if (bodyBase != null) {
      item.addContent(new Element("body", MARK).setText(bodyBase));
    }
  }

  /** The base in force inside {@code e}: its own xml:base read against {@code outer}, else {@code outer}. */
  private static String base(String outer, Element e) {
    String own = e.getAttributeValue("base", Namespace.XML_NAMESPACE);
    if (own == null || own.isBlank()) {
      return outer;
    }
    return outer == null ? own.strip() : WebLinks.resolve(outer, own.strip());
  }

  /** The xml:base in force for the item {@link #mark} marked, from its foreign markup, or null. */
  static String item(List<Element> foreignMarkup) {
    return marked(foreignMarkup, "item");
  }

  /** The xml:base in force for the body of the item {@link #mark} marked, or null. */
  static String body(List<Element> foreignMarkup) {
    return marked(foreignMarkup, "body");
  }

  private static String marked(List<Element> foreignMarkup, String name) {
    for (Element e : foreignMarkup) {
      if (e.getName().equals(name) && e.getNamespace().equals(MARK)) {
        return e.getText();
      }
    }
    return null;
  }
}
