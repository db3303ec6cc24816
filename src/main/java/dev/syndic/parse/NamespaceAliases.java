package dev.syndic.parse;

import java.util.Map;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Rewrites namespace URIs that real feeds used for a format under another name, so Rome
 * recognises the format: RSS 0.90 was published by Netscape under two hosts.
 */
final class NamespaceAliases {

  private static final Map<String, Namespace> ALIASES = Map.of(
      "http://channel.netscape.com/rdf/simple/0.9/", Namespace.getNamespace("http://my.netscape.com/rdf/simple/0.9/"),
      "http://my.netscape.com/rdf/simple/0.9", Namespace.getNamespace("http://my.netscape.com/rdf/simple/0.9/"));

  private NamespaceAliases() {}

  static void normalize(Document document) {
    Element root = document.getRootElement();
    if (!"RDF".equals(root.getName())) {
      return;
    }
    Namespace rootDefault = root.getNamespace("");
    if (rootDefault != null && ALIASES.containsKey(rootDefault.getURI())) {
      root.removeNamespaceDeclaration(rootDefault);
      root.addNamespaceDeclaration(ALIASES.get(rootDefault.getURI()));
    }
    for (Element e : root.getDescendants(org.jdom2.filter.Filters.element())) {
      Namespace alias = ALIASES.get(e.getNamespaceURI());
      if (alias != null) {
        e.setNamespace(alias);
      }
    }
  }
}
