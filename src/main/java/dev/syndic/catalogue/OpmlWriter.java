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
 * xmlUrl}, {@code text}, {@code title}, {@code htmlUrl} and the category attribute that {@link
 * OpmlReader} reads back.
 */
public final class OpmlWriter {

  /** A subscription to write. */
  public record Subscription(String xmlUrl, @Nullable String title, @Nullable String htmlUrl, @Nullable String category) {}

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
          String name = s.title() == null || s.title().isBlank() ? s.xmlUrl() : s.title();
          xml.writeAttribute("type", "rss");
          xml.writeAttribute("text", clean(name));
          xml.writeAttribute("title", clean(name));
          xml.writeAttribute("xmlUrl", clean(s.xmlUrl()));
          if (s.htmlUrl() != null) {
            xml.writeAttribute("htmlUrl", clean(s.htmlUrl()));
          }
          if (folder) {
            xml.writeAttribute("category", "/" + group.getKey());
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
