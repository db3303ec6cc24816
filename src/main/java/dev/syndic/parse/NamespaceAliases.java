package dev.syndic.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.filter.Filters;

/**
 * Rewrites namespace URIs that real feeds used for a format under another name, so Rome
 * recognises the format: RSS 0.90 was published by Netscape under two hosts, and feeds write the
 * formats' URIs in another case ("http://www.w3.org/2005/atom"), with https, or without their
 * closing "/" or "#" ("http://purl.org/rss/1.0"). Rome took each for no feed at all; feedparser
 * reads them.
 */
final class NamespaceAliases {

  /** The formats' URIs, by their {@link #key}. */
  private static final Map<String, String> FORMATS = Map.of(
      "channel.netscape.com/rdf/simple/0.9", "http://my.netscape.com/rdf/simple/0.9/",
      "my.netscape.com/rdf/simple/0.9", "http://my.netscape.com/rdf/simple/0.9/",
      "purl.org/rss/1.0", "http://purl.org/rss/1.0/",
      "www.w3.org/2005/atom", "http://www.w3.org/2005/Atom",
      "purl.org/atom/ns", "http://purl.org/atom/ns#");
  private static final Pattern SCHEME = Pattern.compile("^https?://");
  private static final Pattern CLOSER = Pattern.compile("[/#]+$");

  private NamespaceAliases() {}

  static void normalize(Document document) {
    List<Element> all = new ArrayList<>();
    all.add(document.getRootElement());
    document.getRootElement().getDescendants(Filters.element()).forEach(all::add);
    // Each URI looked up once: a feed has thousands of elements, and a few namespaces.
    Map<String, String> formats = new HashMap<>();
    for (Element e : all) {
      // Declarations first: the element's own prefix may be declared among them.
      for (Namespace declared : List.copyOf(e.getAdditionalNamespaces())) {
        String uri = formats.computeIfAbsent(declared.getURI(), NamespaceAliases::format);
        if (!uri.isEmpty()) {
          e.removeNamespaceDeclaration(declared);
          e.addNamespaceDeclaration(Namespace.getNamespace(declared.getPrefix(), uri));
        }
      }
      String uri = formats.computeIfAbsent(e.getNamespaceURI(), NamespaceAliases::format);
      if (!uri.isEmpty()) {
        e.setNamespace(Namespace.getNamespace(e.getNamespacePrefix(), uri));
      }
    }
  }

  /** The format's URI that {@code uri} is another name for, or "" (when it is none, or that URI itself). */
  private static String format(String uri) {
    String format = uri.isEmpty() ? null : FORMATS.get(key(uri));
    return format == null || format.equals(uri) ? "" : format;
  }

  private static String key(String uri) {
    return CLOSER.matcher(SCHEME.matcher(uri.toLowerCase(Locale.ROOT)).replaceFirst("")).replaceFirst("");
  }
}
