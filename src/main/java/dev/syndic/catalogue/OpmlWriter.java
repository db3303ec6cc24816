package dev.syndic.catalogue;

import io.micronaut.core.annotation.Nullable;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes subscriptions as OPML 2.0 that other readers import: one folder per category (its slug),
 * sources without a category at the top level, each outline with {@code type="rss"}, {@code
 * xmlUrl}, {@code text}, {@code title} (only when the source has one: a feed never polled has its
 * URL as {@code text}, which OPML requires, and no title), {@code htmlUrl} and the category
 * attribute that {@link OpmlReader} reads back. A disabled or paused source carries {@code
 * syndic:enabled="false"} or {@code syndic:status="paused"} in Syndic's namespace ({@link #NS}),
 * which other readers ignore and an import into Syndic restores; so does {@code syndic:idUrl}, the
 * address a moved source's item ids are made from, so that a database rebuilt from the file gives
 * readers the same item ids.
 */
public final class OpmlWriter {

  /** Syndic's namespace for the state of a subscription that OPML has no attribute for. */
  public static final String NS = "urn:syndic:opml";

  /** A subscription to write. */
  public record Subscription(String xmlUrl, @Nullable String title, @Nullable String htmlUrl, @Nullable String category, boolean enabled,
      boolean paused, @Nullable String idUrl) {}

  private OpmlWriter() {}

  public static String write(String title, Instant now, List<Subscription> subscriptions) {
    Map<String, List<Subscription>> byCategory = new TreeMap<>();
    for (Subscription s : subscriptions) {
      byCategory.computeIfAbsent(s.category() == null ? "" : s.category(), k -> new java.util.ArrayList<>()).add(s);
    }
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("opml");
      xml.writeAttribute("version", "2.0");
      xml.writeNamespace("syndic", NS);
      xml.writeStartElement("head");
      element(xml, "title", title);
      element(xml, "dateCreated", DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC)));
      xml.writeEndElement();
      xml.writeStartElement("body");
      for (Map.Entry<String, List<Subscription>> group : byCategory.entrySet()) {
        boolean folder = !group.getKey().isEmpty();
        if (folder) {
          xml.writeStartElement("outline");
          xml.writeAttribute("text", group.getKey());
          xml.writeAttribute("title", group.getKey());
        }
        for (Subscription s : group.getValue()) {
          xml.writeEmptyElement("outline");
          boolean titled = s.title() != null && !s.title().isBlank() && !s.title().equals(s.xmlUrl());
          xml.writeAttribute("type", "rss");
          xml.writeAttribute("text", clean(titled ? s.title() : s.xmlUrl()));
          if (titled) {
            xml.writeAttribute("title", clean(s.title()));
          }
          xml.writeAttribute("xmlUrl", clean(s.xmlUrl()));
          if (s.htmlUrl() != null) {
            xml.writeAttribute("htmlUrl", clean(s.htmlUrl()));
          }
          if (folder) {
            xml.writeAttribute("category", "/" + group.getKey());
          }
          if (!s.enabled()) {
            xml.writeAttribute("syndic", NS, "enabled", "false");
          }
          if (s.paused()) {
            xml.writeAttribute("syndic", NS, "status", "paused");
          }
          if (s.idUrl() != null && !s.idUrl().equals(s.xmlUrl())) {
            xml.writeAttribute("syndic", NS, "idUrl", clean(s.idUrl()));
          }
        }
        if (folder) {
          xml.writeEndElement();
        }
      }
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing OPML to memory failed", e);
    }
    return out.toString() + "\n";
  }

  private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(clean(text));
    xml.writeEndElement();
  }

  /** Drops the characters XML 1.0 cannot carry (control characters, lone surrogates). */
  private static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
          || (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
          || (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
      if (ok) {
        b.append(c);
      }
    }
    return b.toString();
  }
}
