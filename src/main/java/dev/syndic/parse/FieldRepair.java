package dev.syndic.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdom2.Content;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.Text;
import org.jdom2.filter.Filters;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * Repairs the fields of an entry or channel, once {@link TreeRepair} has put the entries where they
 * belong: a field never closed holds the fields after it, and HTML written unescaped in a field is
 * child elements, whose text Rome does not read. Returns nothing; says what it repaired in the set
 * it is given.
 */
final class FieldRepair {

  /** The fields of RSS whose value is text (HTML, for the most part), never child elements. */
  private static final Set<String> RSS_TEXT_FIELDS = Set.of("title", "link", "description", "author", "comments", "guid", "pubDate", "category");
  /** The same in Atom, whose authors, links and categories are elements of their own. */
  private static final Set<String> ATOM_TEXT_FIELDS =
      Set.of("title", "subtitle", "tagline", "summary", "content", "rights", "id", "published", "updated", "issued", "modified", "created");
  /**
   * The fields of an RSS item or channel that an unclosed field can hold, in lower case: the names
   * of the formats ({@link TreeRepair}'s) that are no container and no HTML element's ("li",
   * "source", "summary" are both, and a list in unescaped HTML lost its items to the entry).
   */
  private static final Set<String> RSS_MOVABLE =
      Set.of("title", "link", "description", "pubdate", "guid", "author", "category", "comments", "enclosure");
  /** The same for an Atom entry or feed. */
  private static final Set<String> ATOM_MOVABLE = Set.of("id", "title", "link", "updated", "published", "summary", "content", "author",
      "contributor", "category", "rights", "issued", "modified", "created");
  /** Markup that HTML carries in namespaces of its own: not a module's field. */
  private static final Set<String> MARKUP_NAMESPACES = Set.of(TreeRepair.XHTML, "http://www.w3.org/2000/svg", "http://www.w3.org/1998/Math/MathML");

  private FieldRepair() {}

  /** Repairs the fields of each entry named {@code entry} in the container, then the container's own. */
  static void repair(Element container, String entry, Namespace ns, boolean atom, Set<String> repairs) {
    Set<String> textFields = atom ? ATOM_TEXT_FIELDS : RSS_TEXT_FIELDS;
    for (Element e : container.getChildren(entry, ns)) {
      emptyElements(e, ns, repairs);
      flattenFields(e, ns, textFields, repairs);
    }
    emptyElements(container, ns, repairs);
    flattenFields(container, ns, textFields, repairs);
  }

  /**
   * Moves out what an Atom link or category holds: both are empty, and one written as HTML writes a
   * link ("&lt;link href=…&gt;", never closed) held the fields after it, which Rome did not read.
   */
  private static void emptyElements(Element parent, Namespace ns, Set<String> repairs) {
    if (!ns.equals(TreeRepair.ATOM_10) && !ns.equals(TreeRepair.ATOM_03)) {
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
  /** Whether the element is Atom content of an XML type (xhtml, or a media type of XML), which may carry any XML. */
  static boolean isXmlContent(Element e) {
    String uri = e.getNamespaceURI();
    String type = typeOf(e);
    return e.getName().equals("content") && (uri.equals(TreeRepair.ATOM_10.getURI()) || uri.equals(TreeRepair.ATOM_03.getURI()))
        && (type.equals("xhtml") || type.endsWith("+xml") || type.endsWith("/xml") || "xml".equals(e.getAttributeValue("mode")));
  }
  static String typeOf(Element e) {
    return String.valueOf(e.getAttributeValue("type")).strip().toLowerCase(Locale.ROOT);
  }
  /**
   * The elements of the feed's vocabulary or of a module inside a field, outermost first, at any
   * depth: an unescaped "x&lt;y" in a title became an element y that held the rest of the entry.
   */
  private static List<Element> fields(Element field, Namespace ns) {
    List<Element> found = new ArrayList<>();
    Set<Element> taken = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<String> movable = ns.equals(TreeRepair.ATOM_10) || ns.equals(TreeRepair.ATOM_03) ? ATOM_MOVABLE : RSS_MOVABLE;
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
      boolean xhtml = type.contains("xml") || field.getChildren().stream().anyMatch(c -> c.getNamespaceURI().equals(TreeRepair.XHTML));
      if (!xhtml && !field.getChildren().isEmpty()) {
        // Written without the feed's namespace, which they took from their parent.
        List.copyOf(field.getContent(Filters.element(ns))).forEach(FieldRepair::withoutNamespace);
        String html = new XMLOutputter(Format.getRawFormat()).outputString(field.getContent());
        List<Content> text = List.of(new Text(html));
        field.setContent(text);
        repairs.add("read HTML that was not escaped as the field's text");
      }
    }
  }
}
