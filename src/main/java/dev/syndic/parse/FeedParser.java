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
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.InputSource;

/**
 * Parses RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 from raw bytes. Thread-safe.
 *
 * <p>Tries, in order: the document as sent (after {@link XmlRepair#safe}); with {@link
 * XmlRepair#lenient} fixes; and finally re-serialized by jsoup's forgiving XML parser, which
 * recovers the entries of most ill-formed feeds. A document whose entities expand past 10,000
 * references or a million characters (billion laughs, quadratic blowup) is refused outright.
 * So is one nesting elements deeper than 1,000 levels. External entities and DTDs resolve to
 * nothing, without network or file access.
 */
@Singleton
public final class FeedParser {

  private static final Logger LOG = LoggerFactory.getLogger(FeedParser.class);

  private static final String ENTITY_EXPANSION_LIMIT = "http://www.oracle.com/xml/jaxp/properties/entityExpansionLimit";
  private static final String TOTAL_ENTITY_SIZE_LIMIT = "http://www.oracle.com/xml/jaxp/properties/totalEntitySizeLimit";
  private static final String ELEMENT_ATTRIBUTE_LIMIT = "http://www.oracle.com/xml/jaxp/properties/elementAttributeLimit";
  /**
   * Attributes one element may have. The parser checks duplicates pairwise, so an element with
   * thousands takes seconds (the JDK's own limit is 10,000); no feed element needs more than a few.
   */
  static final int MAX_ATTRIBUTES = 256;
  private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";
  private static final int MAX_DEPTH = 1000;
  /** A name XML allows for an element or attribute: at most one colon, between two names ("Clip:" is none). */
  private static final Pattern QUALIFIED_NAME = Pattern.compile("[A-Za-z_][\\w.-]*(?::[A-Za-z_][\\w.-]*)?");

  /** Parses the bytes; {@code contentType} is the HTTP Content-Type, or null. Never throws. */
  public ParseResult parse(byte[] bytes, String contentType) {
    CharsetSniffer.Decoded decoded = CharsetSniffer.decode(bytes, contentType);
    String text = Mojibake.repair(decoded.text());
    XmlRepair.Repaired safe = XmlRepair.safe(text);
    List<String> repairs = new ArrayList<>(decoded.repairs());
    repairs.addAll(safe.repairs());
    if (text != decoded.text()) {
      repairs.add("text encoded as UTF-8 twice (\"Ã©\" for \"é\") decoded once more");
    }
    if (!safe.text().startsWith("<")) {
      return new ParseResult.Unreadable("not XML: the response contains no markup (charset " + decoded.charset() + ")");
    }
    String firstError;
    try {
      return build(read(safe.text()), decoded.charset(), repairs);
    } catch (JDOMException | IOException e) {
      firstError = e.getMessage();
      ParseResult.Unreadable refused = overLimit(firstError);
      if (refused != null) {
        return refused;
      }
    } catch (NotAFeed e) {
      return new ParseResult.Unreadable(e.getMessage());
    }
    XmlRepair.Repaired lenient = XmlRepair.lenient(safe.text());
    try {
      repairs.addAll(lenient.repairs());
      return build(read(lenient.text()), decoded.charset(), repairs);
    } catch (JDOMException | IOException e) {
      // A bomb hidden behind another error must not reach the forgiving parser either.
      ParseResult.Unreadable refused = overLimit(e.getMessage());
      if (refused != null) {
        return refused;
      }
    } catch (NotAFeed e) {
      return new ParseResult.Unreadable(e.getMessage());
    }
    try {
      repairs.add("rebuilt an ill-formed document (" + firstError + ")");
      return build(read(recover(lenient.text())), decoded.charset(), repairs);
    } catch (NotAFeed e) {
      // Only an HTML page says more than the first error: anything the forgiving parser builds
      // from garbage has some root element.
      return new ParseResult.Unreadable(e.html ? e.getMessage() : "not a readable feed: " + firstError);
    } catch (JDOMException | IOException | RuntimeException e) {
      return new ParseResult.Unreadable("not a readable feed: " + firstError);
    }
  }

  /**
   * The refusal for a document past the parser's limits, or null. The JDK reports them with codes:
   * JAXP00010006 for element depth, JAXP00010002 for attributes, the other JAXP0001000x for entities. Nothing looser: a stray
   * '&' in a link ("the reference to entity "b" must end with the ';' delimiter") is no bomb.
   */
  private static ParseResult.Unreadable overLimit(String error) {
    String m = String.valueOf(error).toLowerCase(Locale.ROOT);
    if (m.contains("jaxp00010006")) {
      return new ParseResult.Unreadable("refused: the document nests elements deeper than " + MAX_DEPTH + " levels (" + error + ")");
    }
    if (m.contains("jaxp00010002")) {
      return new ParseResult.Unreadable("refused: an element has more than " + MAX_ATTRIBUTES + " attributes (" + error + ")");
    }
    if (m.contains("jaxp00010") || m.contains("entity expansion")) {
      return new ParseResult.Unreadable("refused: the document expands entities past the safe limit (" + error + ")");
    }
    return null;
  }

  private static Document read(String text) throws JDOMException, IOException {
    SAXBuilder builder = new SAXBuilder(XMLReaders.NONVALIDATING);
    builder.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
    builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    // The JDK's defaults let a 50 KB document expand one entity into 50 million characters;
    // feeds need no declared entities beyond a few short HTML ones, so the number of their
    // expansions is capped far lower. The total size counts every reference, "&lt;" included, and
    // a full-text feed escapes all its markup: a total of 1,000,000 refused 10 MB feeds of escaped
    // HTML. A body of at most 10 MiB holds fewer than 3 million references.
    builder.setProperty(ENTITY_EXPANSION_LIMIT, "10000");
    builder.setProperty(TOTAL_ENTITY_SIZE_LIMIT, "4000000");
    builder.setProperty(ELEMENT_ATTRIBUTE_LIMIT, String.valueOf(MAX_ATTRIBUTES));
    // Rome and JDOM walk the tree recursively: thousands of nested elements overflow the stack.
    builder.setProperty(MAX_ELEMENT_DEPTH, String.valueOf(MAX_DEPTH));
    builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
    builder.setExpandEntities(true);
    builder.setReuseParser(false);
    try {
      return builder.build(new StringReader(text));
    } catch (IllegalArgumentException e) {
      // JDOM checks text and names by XML 1.0, the parser an XML 1.1 document by 1.1: a reference
      // to a control character (&#1;), legal there, is refused by JDOM, an error of the document's
      // as any other (lenient drops such references).
      throw new JDOMException(e.getMessage(), e);
    }
  }

  /**
   * jsoup's XML parser accepts anything and closes what is open; its output is well-formed but for
   * comments, which it writes as they came: one holding "--" (an unclosed one runs to the end and
   * holds every later "<!--") failed the rebuilt document too. Comments carry nothing a feed needs.
   */
  private static String recover(String text) {
    org.jsoup.nodes.Document doc = Parser.xmlParser().parseInput(text, "");
    doc.nodeStream(Comment.class).toList().forEach(Comment::remove);
    afterTheRoot(doc);
    doc.outputSettings()
        .syntax(org.jsoup.nodes.Document.OutputSettings.Syntax.xml)
        .escapeMode(Entities.EscapeMode.xhtml)
        .prettyPrint(false);
    doc.select("*").forEach(e -> e.attributes().asList().stream()
        .filter(a -> !QUALIFIED_NAME.matcher(a.getKey()).matches())
        .toList()
        .forEach(a -> e.removeAttr(a.getKey())));
    // An unescaped "<" before a word ending in ":" made a tag XML cannot name: its content stays.
    doc.select("*").stream()
        .filter(e -> e != doc && !QUALIFIED_NAME.matcher(e.tagName()).matches())
        .forEach(org.jsoup.nodes.Element::unwrap);
    return doc.outerHtml();
  }

  /**
   * Takes what follows the root element into it or out: a PHP warning after "&lt;/rss&gt;" made the
   * rebuilt document fail as the first did ("markup following the root element"), and so did a
   * second copy of the feed pasted after the first. A second root of the same name goes inside the
   * first, where {@link TreeRepair} finds its entries; anything else goes.
   */
  private static void afterTheRoot(org.jsoup.nodes.Document doc) {
    org.jsoup.nodes.Element root = doc.firstElementChild();
    if (root == null || root.nextSibling() == null) {
      return;
    }
    // The document's children are sorted in one pass and put back at once: removing or moving
    // them one at a time shifts the rest each time, and a warning repeated 500,000 times after
    // the root held a poller thread for eight minutes.
    List<Node> kept = new ArrayList<>();
    List<Node> sameName = new ArrayList<>();
    boolean past = false;
    for (Node n : doc.childNodes()) {
      if (!past) {
        kept.add(n);
        past = n == root;
      } else if (n instanceof org.jsoup.nodes.Element e && e.tagName().equals(root.tagName())) {
        sameName.add(e);
      }
    }
    doc.empty();
    doc.appendChildren(kept);
    root.appendChildren(sameName);
  }

  private static ParseResult build(Document document, String charset, List<String> repairs) throws NotAFeed {
    String root = document.getRootElement().getName().toLowerCase(Locale.ROOT);
    if (root.equals("html") || root.equals("body")) {
      throw new NotAFeed("this is an HTML page, not a feed; subscribe to the feed it links to", true);
    }
    SyndFeed feed;
    try {
      NamespaceAliases.normalize(document);
      repairs = new ArrayList<>(repairs);
      repairs.addAll(TreeRepair.normalize(document));
      if (lacksChannel(document.getRootElement())) { // items without a channel were given one above
        throw new NotAFeed("not a readable feed: the <" + document.getRootElement().getName() + "> document has no <channel> element, where a feed's title and items belong", false);
      }
      FeedDates.normalize(document);
      XmlBases.mark(document);
      SyndFeedInput input = new SyndFeedInput();
      input.setPreserveWireFeed(true);
      input.setAllowDoctypes(true);
      feed = input.build(document);
    } catch (IllegalArgumentException | FeedException e) {
      throw new NotAFeed("not a feed: the document's root element is <" + document.getRootElement().getName() + ">", false);
    } catch (RuntimeException e) {
      // Rome assumes parts it does not check for (a channel is checked above); the admin reads the
      // message, the operator the log.
      LOG.debug("Rome failed inside a <{}> document", document.getRootElement().getName(), e);
      throw new NotAFeed("not a readable feed: the <" + document.getRootElement().getName() + "> document lacks parts a feed needs", false);
    } catch (StackOverflowError e) {
      throw new NotAFeed("not a readable feed: the document nests elements too deeply", false);
    }
    return new ParseResult.Parsed(RomeMapping.toParsedFeed(feed, charset, repairs));
  }

  /**
   * Whether an RSS document (0.9x and 2.0's {@code <rss>}, 0.90 and 1.0's {@code <rdf:RDF>}) has
   * no {@code <channel>}: Rome fails inside on the first and calls the second no feed at all.
   */
  private static boolean lacksChannel(Element root) {
    boolean rss = root.getName().equals("rss") && root.getNamespace() == Namespace.NO_NAMESPACE;
    boolean rdf = root.getName().equals("RDF") && root.getNamespaceURI().equals(RDF);
    return (rss || rdf) && root.getChildren().stream().noneMatch(child -> child.getName().equals("channel"));
  }

  private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

  /** The document is XML but not a feed. */
  static final class NotAFeed extends Exception {
    final boolean html;

    NotAFeed(String message, boolean html) {
      super(message, null, false, false);
      this.html = html;
    }
  }
}
