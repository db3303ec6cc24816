package dev.syndic.catalogue;

import dev.syndic.WebLinks;
import dev.syndic.parse.CharsetSniffer;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads subscriptions from OPML, nested folders included, and the state a Syndic export keeps in
 * its own namespace (disabled, paused; other readers ignore it). No DOCTYPE, no external entities.
 * The document is read as a stream (SAX), never held as a tree: an export of 100,000 sources is
 * some 20 MB, whose DOM took several times that in heap.
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
   * nest a few folders; the parser refuses deeper ones (5,000 levels overflowed the stack of a
   * request thread when the tree was walked by recursion).
   */
  static final int MAX_DEPTH = 100;

  private OpmlReader() {}

  /** Every subscription of the document, however many. */
  public static List<OpmlOutline> read(byte[] opml) throws InvalidOpml {
    try {
      return read(new ByteArrayInputStream(opml), Integer.MAX_VALUE);
    } catch (IOException e) {
      throw new InvalidOpml("the OPML could not be read: " + e.getMessage());
    }
  }

  /**
   * The subscriptions of the document read from {@code opml}, refused once there are more than
   * {@code max} (before the rest is read or kept). An {@link IOException} of the stream (a body
   * over its size limit, a client gone) is thrown as it is.
   */
  public static List<OpmlOutline> read(InputStream opml, int max) throws InvalidOpml, IOException {
    Collector collector = new Collector(max);
    try {
      SAXParserFactory factory = SAXParserFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      SAXParser parser = factory.newSAXParser();
      parser.setProperty("jdk.xml.maxElementDepth", MAX_DEPTH);
      parser.parse(source(opml), collector);
    } catch (Undecodable e) {
      throw new InvalidOpml("the OPML declares encoding=\"" + e.label + "\" (read as " + e.charset + "), but its bytes are not text in it"
          + " (a byte sequence that is no character there); save the file as UTF-8, or declare the encoding it is written in");
    } catch (Refused e) {
      throw new InvalidOpml(e.getMessage());
    } catch (SAXException e) {
      if (String.valueOf(e.getMessage()).contains("DOCTYPE")) {
        throw new InvalidOpml("the OPML has a DOCTYPE declaration, which is refused (no DTDs or entities): remove it");
      }
      if (String.valueOf(e.getMessage()).contains("maxElementDepth")) { // JAXP00010006: the limit set above
        throw new InvalidOpml("the OPML nests elements more than " + MAX_DEPTH + " deep; flatten its folders");
      }
      String where = e instanceof SAXParseException p ? " (line " + p.getLineNumber() + ", column " + p.getColumnNumber() + ")" : "";
      throw new InvalidOpml("the OPML is not well-formed XML" + where + ": " + e.getMessage());
    } catch (ParserConfigurationException e) {
      throw new InvalidOpml("the OPML could not be read: " + e.getMessage());
    }
    return collector.out;
  }

  /** How far into the file its XML declaration is looked for. */
  private static final int PROLOG_WINDOW = 1024;

  /** The encoding an XML declaration at the very start of the file names. */
  private static final Pattern DECLARED = Pattern.compile("^<\\?xml\\s[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

  /**
   * The document as the parser is to read it. A file that declares an encoding other than UTF-8
   * or UTF-16 is decoded here, with the charset feeds are read with for that label (GB2312 and GBK
   * as GB18030, ISO-8859-1 as Windows-1252), and strictly: the parser read GB2312 as GB2312, so
   * every GBK character of a Chinese title became U+FFFD and took the next character with it, and
   * it read any encoding's undecodable bytes as U+FFFD, stored so without a word. UTF-8 and UTF-16
   * (by their byte order mark too) the parser reads itself, and refuses bytes that are not text.
   */
  private static InputSource source(InputStream opml) throws IOException, InvalidOpml {
    BufferedInputStream in = new BufferedInputStream(opml, PROLOG_WINDOW);
    in.mark(PROLOG_WINDOW);
    byte[] head = in.readNBytes(PROLOG_WINDOW);
    in.reset();
    Matcher declared = DECLARED.matcher(new String(head, StandardCharsets.ISO_8859_1));
    if (!declared.find()) {
      return new InputSource(in);
    }
    String label = declared.group(1);
    Charset charset = CharsetSniffer.supported(label);
    if (charset == null) {
      throw new InvalidOpml("the OPML declares encoding=\"" + label + "\", which Syndic cannot read; save the file as UTF-8");
    }
    if (charset.name().startsWith("UTF-")) {
      return new InputSource(in);
    }
    return new InputSource(new InputStreamReader(in, charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)) {
      @Override
      public int read(char[] buffer, int offset, int length) throws IOException {
        try {
          return super.read(buffer, offset, length);
        } catch (CharacterCodingException e) {
          throw new Undecodable(label, charset, e);
        }
      }
    });
  }

  /** Bytes the declared encoding cannot read, told from the stream's own failures (a body over its limit, a client gone). */
  private static final class Undecodable extends IOException {
    private final String label;
    private final Charset charset;

    Undecodable(String label, Charset charset, CharacterCodingException cause) {
      super(cause);
      this.label = label;
      this.charset = charset;
    }
  }

  /** A refusal decided while reading, carried out of the parser. */
  private static final class Refused extends SAXException {
    Refused(String message) {
      super(message);
    }
  }

  /**
   * Where the reader is: whether the element's children may be subscriptions (the root, body and
   * folders; not head, nor anything inside a subscription or an unknown element), the innermost
   * folder's name and the prefix bound to Syndic's namespace there.
   */
  private record Frame(boolean collecting, String folder, String prefix) {}

  private static final class Collector extends DefaultHandler {
    private final int max;
    private final List<OpmlOutline> out = new ArrayList<>();
    private final Deque<Frame> open = new ArrayDeque<>();

    Collector(int max) {
      this.max = max;
    }

    @Override
    public void startElement(String uri, String localName, String name, Attributes attributes) throws SAXException {
      Frame parent = open.peek();
      if (parent == null) {
        if (!name.equalsIgnoreCase("opml")) {
          throw new Refused("not OPML: the root element is <" + name + ">, expected <opml>");
        }
        open.push(new Frame(true, null, prefix(attributes, null)));
        return;
      }
      if (!parent.collecting()) {
        open.push(parent);
        return;
      }
      String prefix = prefix(attributes, parent.prefix());
      if (name.equalsIgnoreCase("body")) {
        open.push(new Frame(true, parent.folder(), prefix));
      } else if (name.equalsIgnoreCase("outline")) {
        String url = attr(attributes, "xmlUrl");
        String title = attr(attributes, "title") != null ? attr(attributes, "title") : attr(attributes, "text");
        if (url == null) {
          open.push(new Frame(true, title, prefix));
          return;
        }
        if (out.size() == max) {
          throw new Refused("the OPML has more than " + max + " subscriptions, over the limit; split it");
        }
        out.add(outline(attributes, url, title, parent.folder(), prefix));
        open.push(new Frame(false, null, null));
      } else {
        open.push(new Frame(false, null, null));
      }
    }

    @Override
    public void endElement(String uri, String localName, String name) {
      open.pop();
    }
  }

  private static OpmlOutline outline(Attributes a, String url, String title, String folder, String prefix) throws Refused {
    String category = attr(a, "category") != null ? category(attr(a, "category")) : null;
    category = category != null ? category : folder;
    // Many readers (and Syndic before) write the URL where a feed has no title yet.
    String named = url.equals(title) ? null : title;
    boolean enabled = prefix == null || !"false".equals(attr(a, prefix + ":enabled"));
    boolean paused = prefix != null && "paused".equals(attr(a, prefix + ":status"));
    String idUrl = prefix == null ? null : attr(a, prefix + ":idUrl");
    return new OpmlOutline(url, named, category, enabled, paused, idUrl == null || idUrl.equals(url) ? null : idUrl,
        // The site from the import on, not from the first poll: the export and the partner API
        // named none until then.
        WebLinks.siteLink(url, attr(a, "htmlUrl")), prefix == null ? null : interval(url, attr(a, prefix + ":pollIntervalSeconds")));
  }

  /** An admin's poll interval as a Syndic export writes it, a whole number of seconds; its bounds are the import's to check. */
  private static Integer interval(String url, String value) throws Refused {
    if (value == null) {
      return null;
    }
    if (!value.matches("[0-9]{1,9}")) {
      throw new Refused("outline '" + url + "': syndic:pollIntervalSeconds: '" + (value.length() > 40 ? value.substring(0, 40) + "…" : value)
          + "' is not a whole number of seconds; nothing imported");
    }
    return Integer.valueOf(value);
  }

  /**
   * The prefix an element binds to Syndic's namespace ({@link OpmlWriter#NS}), else the one in
   * force above it. Read by hand: a namespace-aware parser would refuse the undeclared prefixes
   * that files of other readers carry.
   */
  private static String prefix(Attributes attributes, String inherited) {
    for (int i = 0; i < attributes.getLength(); i++) {
      String name = attributes.getQName(i);
      if (name.startsWith("xmlns:") && OpmlWriter.NS.equals(attributes.getValue(i))) {
        return name.substring("xmlns:".length());
      }
    }
    return inherited;
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

  private static String attr(Attributes a, String name) {
    String v = a.getValue(name);
    return v == null || v.isBlank() ? null : v.strip();
  }
}
