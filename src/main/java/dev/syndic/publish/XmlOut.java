package dev.syndic.publish;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** A thin StAX writer for the XML formats: escapes everything, drops characters XML 1.0 forbids. */
final class XmlOut {

  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private final StringWriter buffer = new StringWriter(64 * 1024);
  private final XMLStreamWriter xml;

  XmlOut() {
    try {
      xml = FACTORY.createXMLStreamWriter(buffer);
      xml.writeStartDocument("UTF-8", "1.0");
      buffer.write('\n');
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  XmlOut start(String name, String... attributes) {
    try {
      xml.writeStartElement(name);
      for (int i = 0; i < attributes.length; i += 2) {
        if (attributes[i + 1] != null) {
          xml.writeAttribute(attributes[i], clean(attributes[i + 1]));
        }
      }
      return this;
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  XmlOut end() {
    try {
      xml.writeEndElement();
      buffer.write('\n');
      return this;
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  XmlOut text(String text) {
    try {
      xml.writeCharacters(clean(text));
      return this;
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An element with text; nothing when the text is null. */
  XmlOut element(String name, String text, String... attributes) {
    return text == null ? this : start(name, attributes).text(text).end();
  }

  /** An element with no content. */
  XmlOut empty(String name, String... attributes) {
    try {
      xml.writeEmptyElement(name);
      for (int i = 0; i < attributes.length; i += 2) {
        if (attributes[i + 1] != null) {
          xml.writeAttribute(attributes[i], clean(attributes[i + 1]));
        }
      }
      xml.writeCharacters("\n");
      return this;
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  String finish() {
    try {
      xml.writeEndDocument();
      xml.close();
      return buffer.toString();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  static String rfc822(Instant t) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
  }

  /** RFC 3339 in UTC, with milliseconds when there are any (entries of one fetch differ by them). */
  static String rfc3339(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
  }

  /** Without the characters XML 1.0 cannot carry (controls other than tab, newline, return; lone surrogates; FFFE/FFFF). */
  static String clean(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)) {
        ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        if (ok) {
          if (out != null) {
            out.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
      }
      if (!ok && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      } else if (ok && out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }
}
