package dev.syndic.catalogue;

import dev.syndic.WebLinks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads subscriptions from OPML, nested folders included, and the state a Syndic export keeps in
 * its own namespace (disabled, paused; other readers ignore it). No DOCTYPE, no external entities.
 */
public final class OpmlReader {

  /** The document is not OPML Syndic can read. */
  public static final class InvalidOpml extends Exception {
    InvalidOpml(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The deepest nesting of elements read (opml, body, then 98 levels of outlines). Real files
   * nest a few folders; the parser refuses deeper ones, which also bounds the recursion of
   * {@link #collect} (5,000 levels overflowed the stack of a request thread).
   */
  static final int MAX_DEPTH = 100;

  private OpmlReader() {}

  public static List<OpmlOutline> read(byte[] opml) throws InvalidOpml {
    Element root;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      factory.setAttribute("jdk.xml.maxElementDepth", MAX_DEPTH);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      root = builder.parse(new ByteArrayInputStream(opml)).getDocumentElement();
    } catch (SAXException e) {
      if (String.valueOf(e.getMessage()).contains("DOCTYPE")) {
        throw new InvalidOpml("the OPML has a DOCTYPE declaration, which is refused (no DTDs or entities): remove it");
      }
      if (String.valueOf(e.getMessage()).contains("maxElementDepth")) { // JAXP00010006: the limit set above
        throw new InvalidOpml("the OPML nests elements more than " + MAX_DEPTH + " deep; flatten its folders");
      }
      String where = e instanceof SAXParseException p ? " (line " + p.getLineNumber() + ", column " + p.getColumnNumber() + ")" : "";
      throw new InvalidOpml("the OPML is not well-formed XML" + where + ": " + e.getMessage());
    } catch (IOException | ParserConfigurationException e) {
      throw new InvalidOpml("the OPML could not be read: " + e.getMessage());
    }
    if (!root.getTagName().equalsIgnoreCase("opml")) {
      throw new InvalidOpml("not OPML: the root element is <" + root.getTagName() + ">, expected <opml>");
    }
    List<OpmlOutline> out = new ArrayList<>();
    collect(root, null, prefix(root, null), out);
    return out;
  }

  /**
   * The prefix an element binds to Syndic's namespace ({@link OpmlWriter#NS}), else the one in
   * force above it. Read by hand: a namespace-aware parser would refuse the undeclared prefixes
   * that files of other readers carry.
   */
  private static String prefix(Element e, String inherited) {
    var attributes = e.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Node a = attributes.item(i);
      if (a.getNodeName().startsWith("xmlns:") && OpmlWriter.NS.equals(a.getNodeValue())) {
        return a.getNodeName().substring("xmlns:".length());
      }
    }
    return inherited;
  }

  private static void collect(Element parent, String folder, String ns, List<OpmlOutline> out) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element e)) {
        continue;
      }
      String prefix = prefix(e, ns);
      if (e.getTagName().equalsIgnoreCase("body")) {
        collect(e, folder, prefix, out);
      } else if (e.getTagName().equalsIgnoreCase("outline")) {
        String url = attr(e, "xmlUrl");
        String title = attr(e, "title") != null ? attr(e, "title") : attr(e, "text");
        if (url != null) {
          String category = attr(e, "category") != null ? category(attr(e, "category")) : null;
          category = category != null ? category : folder;
          // Many readers (and Syndic before) write the URL where a feed has no title yet.
          String named = url.equals(title) ? null : title;
          boolean enabled = prefix == null || !"false".equals(attr(e, prefix + ":enabled"));
          boolean paused = prefix != null && "paused".equals(attr(e, prefix + ":status"));
          String idUrl = prefix == null ? null : attr(e, prefix + ":idUrl");
          out.add(new OpmlOutline(url, named, category, enabled, paused, idUrl == null || idUrl.equals(url) ? null : idUrl,
              // The site from the import on, not from the first poll: the export and the
              // partner API named none until then.
              WebLinks.siteLink(url, attr(e, "htmlUrl"))));
        } else {
          collect(e, title, prefix, out);
        }
      }
    }
  }

  /**
   * OPML 2.0 writes {@code category} as comma-separated, slash-delimited paths
   * ({@code "/News/ai,/Tech"}); a plain {@code "ai"} is the one-segment case. The last segment of
   * the first path is the category.
   */
  private static String category(String value) {
    for (String path : value.split(",")) {
      String[] segments = path.strip().split("/");
      for (int i = segments.length - 1; i >= 0; i--) {
        if (!segments[i].isBlank()) {
          return segments[i].strip();
        }
      }
    }
    return null;
  }

  private static String attr(Element e, String name) {
    String v = e.getAttribute(name);
    return v == null || v.isBlank() ? null : v.strip();
  }
}
