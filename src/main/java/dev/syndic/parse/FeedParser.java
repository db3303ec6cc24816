package dev.syndic.parse;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;
import org.xml.sax.InputSource;

/**
 * Parses RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 from raw bytes. Thread-safe.
 *
 * <p>Tries, in order: the document as sent (after {@link XmlRepair#safe}); with {@link
 * XmlRepair#lenient} fixes; and finally re-serialized by jsoup's forgiving XML parser, which
 * recovers the entries of most ill-formed feeds. A document that defines entities expanding past
 * the JDK's limits (billion laughs) is refused outright. External entities resolve to nothing.
 */
@Singleton
public final class FeedParser {

  /** Parses the bytes; {@code contentType} is the HTTP Content-Type, or null. */
  public ParseResult parse(byte[] bytes, String contentType) {
    CharsetSniffer.Decoded decoded = CharsetSniffer.decode(bytes, contentType);
    XmlRepair.Repaired safe = XmlRepair.safe(decoded.text());
    List<String> repairs = new ArrayList<>(safe.repairs());
    if (!safe.text().startsWith("<")) {
      return new ParseResult.Unreadable("not XML: the response contains no markup (charset " + decoded.charset() + ")");
    }
    String firstError;
    try {
      return build(read(safe.text()), decoded.charset(), repairs);
    } catch (JDOMException | IOException e) {
      firstError = e.getMessage();
      if (isEntityBomb(firstError)) {
        return new ParseResult.Unreadable("refused: the document expands entities past the safe limit (" + firstError + ")");
      }
    } catch (NotAFeed e) {
      return new ParseResult.Unreadable(e.getMessage());
    }
    XmlRepair.Repaired lenient = XmlRepair.lenient(safe.text());
    try {
      repairs.addAll(lenient.repairs());
      return build(read(lenient.text()), decoded.charset(), repairs);
    } catch (JDOMException | IOException | NotAFeed e) {
      // fall through to the forgiving parser
    }
    try {
      repairs.add("rebuilt an ill-formed document (" + firstError + ")");
      return build(read(recover(lenient.text())), decoded.charset(), repairs);
    } catch (JDOMException | IOException | NotAFeed e) {
      return new ParseResult.Unreadable("not a readable feed: " + firstError);
    }
  }

  private static boolean isEntityBomb(String message) {
    String m = String.valueOf(message).toLowerCase(Locale.ROOT);
    return m.contains("entity expansion") || m.contains("jaxp00010") || m.contains("entity \"") && m.contains("limit");
  }

  private static Document read(String text) throws JDOMException, IOException {
    SAXBuilder builder = new SAXBuilder(XMLReaders.NONVALIDATING);
    builder.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
    builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
    builder.setExpandEntities(true);
    builder.setReuseParser(false);
    return builder.build(new StringReader(text));
  }

  /** jsoup's XML parser accepts anything and closes what is open; its output is well-formed. */
  private static String recover(String text) {
    org.jsoup.nodes.Document doc = Parser.xmlParser().parseInput(text, "");
    doc.outputSettings()
        .syntax(org.jsoup.nodes.Document.OutputSettings.Syntax.xml)
        .escapeMode(Entities.EscapeMode.xhtml)
        .prettyPrint(false);
    doc.select("*").forEach(e -> e.attributes().asList().stream()
        .filter(a -> a.getKey().isEmpty() || !a.getKey().matches("[A-Za-z_][\\w:.-]*"))
        .toList()
        .forEach(a -> e.removeAttr(a.getKey())));
    return doc.outerHtml();
  }

  private static ParseResult build(Document document, String charset, List<String> repairs) throws NotAFeed {
    String root = document.getRootElement().getName().toLowerCase(Locale.ROOT);
    if (root.equals("html") || root.equals("body")) {
      throw new NotAFeed("this is an HTML page, not a feed; subscribe to the feed it links to");
    }
    SyndFeed feed;
    try {
      SyndFeedInput input = new SyndFeedInput();
      input.setPreserveWireFeed(true);
      input.setAllowDoctypes(true);
      feed = input.build(document);
    } catch (IllegalArgumentException | FeedException e) {
      throw new NotAFeed("not a feed: the document's root element is <" + document.getRootElement().getName() + ">");
    }
    return new ParseResult.Parsed(RomeMapping.toParsedFeed(feed, charset, repairs));
  }

  /** The document is XML but not a feed. */
  static final class NotAFeed extends Exception {
    NotAFeed(String message) {
      super(message, null, false, false);
    }
  }
}
