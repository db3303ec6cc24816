package dev.syndic.catalogue;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Objects;
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
 * readers the same item ids, and {@code syndic:pollIntervalSeconds}, an admin's poll interval.
 *
 * <p>Written as it is given, to a {@link Writer}, so that an export of a hundred thousand sources
 * never holds the whole file: the subscriptions come grouped by category in {@link #ORDER} (those
 * without one first, then by slug), and a folder opens when the category changes.
 */
public final class OpmlWriter {

  /** Syndic's namespace for the state of a subscription that OPML has no attribute for. */
  public static final String NS = "urn:syndic:opml";

  /** The order of the folders: no category ({@code null}) first, then the slugs as Java orders them. */
  public static final Comparator<String> ORDER = Comparator.nullsFirst(Comparator.naturalOrder());

  /** A subscription to write. */
  public record Subscription(String xmlUrl, @Nullable String title, @Nullable String htmlUrl, @Nullable String category, boolean enabled,
      boolean paused, @Nullable String idUrl, @Nullable Integer pollIntervalSeconds) {}

  private final Writer out;
  private final XMLStreamWriter xml;
  private boolean started;
  @Nullable private String folder;

  /** Starts the document (its head, with {@code title} and {@code now} as its creation date). */
  public OpmlWriter(Writer out, String title, Instant now) {
    this.out = out;
    try {
      xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
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
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing OPML failed", e);
    }
  }

  /**
   * Writes one subscription, in the folder of its category.
   *
   * @throws IllegalArgumentException when its category comes before the one written last in {@link #ORDER}
   */
  public void write(Subscription s) {
    try {
      if (!started || !Objects.equals(folder, s.category())) {
        if (started && ORDER.compare(s.category(), folder) < 0) {
          throw new IllegalArgumentException("category " + s.category() + " after " + folder + ": subscriptions come grouped in folder order");
        }
        if (folder != null) {
          xml.writeEndElement();
        }
        started = true;
        folder = s.category();
        if (folder != null) {
          xml.writeStartElement("outline");
          xml.writeAttribute("text", folder);
          xml.writeAttribute("title", folder);
        }
      }
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
      if (folder != null) {
        xml.writeAttribute("category", "/" + folder);
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
      if (s.pollIntervalSeconds() != null) {
        xml.writeAttribute("syndic", NS, "pollIntervalSeconds", s.pollIntervalSeconds().toString());
      }
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing OPML failed", e);
    }
  }

  /** Passes what was written so far on to the writer. */
  public void flush() throws IOException {
    try {
      xml.flush();
    } catch (XMLStreamException e) {
      throw new IOException("writing OPML failed", e);
    }
    out.flush();
  }

  /** Ends the document and flushes it; the writer stays open. */
  public void finish() throws IOException {
    try {
      if (folder != null) {
        xml.writeEndElement();
      }
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("writing OPML failed", e);
    }
    out.write("\n");
    out.flush();
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
