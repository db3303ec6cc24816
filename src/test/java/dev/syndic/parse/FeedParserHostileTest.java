package dev.syndic.parse;

import static dev.syndic.parse.ParseTesting.PARSER;
import static dev.syndic.parse.ParseTesting.feed;
import static dev.syndic.parse.ParseTesting.fixture;
import static dev.syndic.parse.ParseTesting.titles;
import static dev.syndic.parse.ParseTesting.unreadable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What is not a feed, or is built to hurt: refused with a clear message, quickly, without reading
 * files or the network, and never with an exception.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedParserHostileTest {

  private static final String MARKER = "SYNDIC-SECRET-7f3a91";
  /**
   * A bound that tells linear work from quadratic on documents of megabytes, not a measure of
   * speed: the slowest of these (7.8 MB of junk after the root) takes under 3 s alone on two cores,
   * and failed a bound of 5 s with the suite's JVMs and another build beside it; quadratic work on
   * it would take hours.
   */
  private static final Duration FEW_SECONDS = Duration.ofSeconds(15);

  @TempDir static Path temp;
  private Path secret;
  private FeedServer server;

  @BeforeAll
  void setUp() throws IOException {
    secret = temp.resolve("secret.txt");
    Files.writeString(secret, MARKER + "\n", StandardCharsets.UTF_8);
    server = FeedServer.start();
    server.serve("/evil.dtd", ("<!ENTITY exfil \"" + MARKER + "\">").getBytes(StandardCharsets.US_ASCII), "application/xml-dtd");
    server.serve("/entity.txt", MARKER.getBytes(StandardCharsets.US_ASCII), "text/plain");
  }

  @AfterAll
  void tearDown() {
    server.close();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Every field of the feed and its entries, as one string to search. */
  private static String everything(ParsedFeed feed) {
    return feed.toString();
  }

  @Test
  void htmlPageIsRefusedAsHtml() {
    String message = unreadable(fixture("html-page.html"), "text/html; charset=utf-8");

    assertEquals("this is an HTML page, not a feed; subscribe to the feed it links to", message);
  }

  @Test
  void wellFormedXhtmlPageIsRefusedAsHtml() {
    String xhtml =
        "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>t</title></head><body><p>hi</p></body></html>";

    assertTrue(unreadable(utf8(xhtml), null).contains("HTML page"));
  }

  @Test
  void htmlWithBrokenEntitiesIsStillRefusedAsHtml() {
    String html = "<html><head><title>A &amp B &nbsp</title></head><body><p>x &copy y<br></body></html>";

    assertTrue(unreadable(utf8(html), "text/html").contains("HTML page"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n\t\r\n", "This is not a feed.", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}"})
  void textWithoutMarkupIsNotXml(String text) {
    assertTrue(unreadable(utf8(text), null).startsWith("not XML: the response contains no markup"));
  }

  @Test
  void plainTextFixtureIsNotXml() {
    assertEquals("not XML: the response contains no markup (charset UTF-8)", unreadable(fixture("plain-text.txt"), "text/plain"));
  }

  static List<byte[]> garbage() {
    Random random = new Random(20260317);
    byte[] noise = new byte[8192];
    random.nextBytes(noise);
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0, '<', 'x'};
    byte[] gzip = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, (byte) 0xb3, 0x29, 0x2a, 0x2e, (byte) 0xb6, '<', 0, 0};
    byte[] nuls = new byte[1024];
    return List.of(noise, png, gzip, nuls, utf8("<"), utf8("<<<<>>>>&&&&"), utf8("< b"), utf8("<?xml version=\"1.0\"?>"));
  }

  @ParameterizedTest
  @MethodSource("garbage")
  void binaryGarbageIsUnreadable(byte[] bytes) {
    String message = assertTimeoutPreemptively(FEW_SECONDS, () -> unreadable(bytes, "application/octet-stream"));

    assertFalse(message.isBlank());
  }

  /**
   * A warning printed many times after the root is dropped in time proportional to it: the
   * rebuilt document took each node out one at a time, shifting the rest, and 500,000 of them
   * held a poller thread for eight minutes.
   */
  @Test
  void muchJunkAfterTheRootIsDroppedInLinearTime() {
    String feed = "<rss version=\"2.0\"><channel><title>x</title><item><title>kept</title><link>http://a.example/1</link></item></channel></rss>"
        + "<b>Warning</b>: headers already sent\n".repeat(200_000);
    ParsedFeed parsed = assertTimeoutPreemptively(FEW_SECONDS, () -> feed(utf8(feed), "application/rss+xml"));

    assertEquals(List.of("kept"), titles(parsed));
  }

  @Test
  void xmlThatIsNotAFeedNamesItsRoot() {
    String opml = "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>subs</title></head><body/></opml>";

    assertEquals("not a feed: the document's root element is <opml>", unreadable(utf8(opml), "text/xml"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"<rss version=\"2.0\"></rss>", "<rss version=\"2.0\"/>", "<?xml version=\"1.0\"?>\n<rss version=\"0.91\">\n  <title>no channel</title>\n</rss>"})
  void rssWithoutChannelIsUnreadableNotAnException(String xml) {
    assertEquals("not a readable feed: the <rss> document has no <channel> element, where a feed's title and items belong", unreadable(utf8(xml), null));
  }

  /** An RSS 1.0 or 0.90 document without its channel: Rome reads it as no entries or fails inside. */
  @ParameterizedTest
  @ValueSource(strings = {
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><title>t</title></rdf:RDF>",
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"></rdf:RDF>"})
  void rdfWithoutChannelSaysSoInAPersonsWords(String xml) {
    String message = unreadable(utf8(xml), null);

    assertEquals("not a readable feed: the <RDF> document has no <channel> element, where a feed's title and items belong", message);
  }

  @Test
  void truncatedRssIsUnreadable() {
    String message = unreadable(utf8("<!-- c -->\n<rss version=\"2.0\">\n</rss"), null);

    assertTrue(message.startsWith("not a readable feed: Error on line 3"), message);
  }

  /** What parsing allocated on this thread, in bytes: a bound on the memory it can have held. */
  private record Measured(String message, long allocated) {}

  private static Measured measured(byte[] bytes) {
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    String message = unreadable(bytes, null);
    return new Measured(message, threads.getThreadAllocatedBytes(id) - before);
  }

  private static final long ALLOCATION_BOUND = 64L * 1024 * 1024;

  @Test
  void billionLaughsIsRefusedQuicklyInBoundedMemory() {
    Measured m = assertTimeoutPreemptively(FEW_SECONDS, () -> measured(fixture("billion-laughs.xml")));

    assertTrue(m.message().startsWith("refused: the document expands entities past the safe limit"), m.message());
    assertTrue(m.allocated() < ALLOCATION_BOUND, "allocated " + m.allocated() + " bytes");
  }

  @Test
  void quadraticBlowupIsRefusedQuicklyInBoundedMemory() {
    // 40 KB of entity, referenced 1,500 times: a 100 KB document that would expand to 60 MB.
    String big = "a".repeat(40_000);
    String xml =
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY big \"" + big + "\">]><rss version=\"2.0\"><channel><title>q</title>"
            + "<link>http://q.example.com/</link><description>d</description><item><title>t</title><description>"
            + "&big;".repeat(1500)
            + "</description></item></channel></rss>";

    Measured m = assertTimeoutPreemptively(FEW_SECONDS, () -> measured(utf8(xml)));

    assertTrue(m.message().startsWith("refused: the document expands entities past the safe limit"), m.message());
    assertTrue(m.allocated() < ALLOCATION_BOUND, "allocated " + m.allocated() + " bytes");
  }

  /** The parser checks an element's attributes pairwise: thousands on each of many elements took minutes. */
  @Test
  void elementsWithThousandsOfAttributesAreRefusedQuickly() {
    StringBuilder attributes = new StringBuilder();
    for (int i = 0; i < 9_000; i++) {
      attributes.append(" a").append(i).append("=\"v\"");
    }
    String item = "<item" + attributes + "><title>t</title></item>";
    String xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>a</title><link>http://a.example.com/</link>"
        + "<description>d</description>" + item.repeat(20) + "</channel></rss>";

    Measured m = assertTimeoutPreemptively(FEW_SECONDS, () -> measured(utf8(xml)));

    assertTrue(m.message().startsWith("refused: an element has more than " + FeedParser.MAX_ATTRIBUTES + " attributes"), m.message());
  }

  @Test
  void entityBombBehindAnotherErrorIsNeverExpanded() {
    String xml =
        new String(fixture("billion-laughs.xml"), StandardCharsets.UTF_8).replace("<title>&lol9;</title>", "<title>AT&T &lol9;</title>");

    ParseResult result = assertTimeoutPreemptively(FEW_SECONDS, () -> PARSER.parse(utf8(xml), null));

    assertFalse(result.toString().contains("lollollol"), () -> "expanded: " + result.toString().length() + " chars");
  }

  /** Escaped markup is references too: a full-text feed of 2.7 MB of them is read, not refused. */
  @Test
  void aFeedOfEscapedHtmlWithMillionsOfReferencesIsRead() {
    String xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Full text</title><link>http://f.example.com/</link>"
        + "<description>d</description><item><title>Long</title><guid>f1</guid><description>"
        + "&lt;p&gt;word&lt;/p&gt;".repeat(300_000) + "</description></item></channel></rss>";

    ParsedFeed feed = feed(utf8(xml), null);

    assertTrue(feed.entries().get(0).summaryHtml().startsWith("<p>word</p><p>word</p>"));
    assertEquals(300_000 * "<p>word</p>".length(), feed.entries().get(0).summaryHtml().length());
  }

  @Test
  void internalEntitiesOfReasonableSizeStillWork() {
    String xml =
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY site \"农业网\">]><rss version=\"2.0\"><channel><title>&site;</title>"
            + "<link>http://e.example.com/</link><description>d</description><item><title>来自&site;的消息</title><guid>e1</guid></item></channel></rss>";

    ParsedFeed feed = feed(utf8(xml), null);

    assertEquals("农业网", feed.title());
    assertEquals("来自农业网的消息", feed.entries().get(0).title());
  }

  @Test
  void externalFileEntityIsNotRead() {
    String xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [ <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\"> ]>\n"
            + "<rss version=\"2.0\"><channel><title>XXE &xxe;</title><link>http://x.example.com/</link><description>&xxe;</description>"
            + "<item><title>Item &xxe;</title><guid>x1</guid><description>d &xxe;</description><author>&xxe;</author></item></channel></rss>";

    ParsedFeed feed = assertTimeoutPreemptively(FEW_SECONDS, () -> feed(utf8(xml), null));

    assertEquals(1, feed.entries().size());
    assertEquals("x1", feed.entries().get(0).guid());
    assertFalse(everything(feed).contains(MARKER), everything(feed));
  }

  @Test
  void externalFileEntityIsNotReadWhenRepairsAreNeeded() {
    // The stray '&' sends the document through the lenient and forgiving passes too.
    String xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [ <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\"> ]>\n"
            + "<rss version=\"2.0\"><channel><title>R&D &xxe;</title><link>http://x.example.com/</link><description>d</description>"
            + "<item><title>Item &xxe; &nbsp;<b>unclosed</title><guid>x2</guid></item></channel></rss>";

    ParseResult result = assertTimeoutPreemptively(FEW_SECONDS, () -> PARSER.parse(utf8(xml), null));

    assertNotNull(result);
    assertFalse(result.toString().contains(MARKER), result.toString());
  }

  @Test
  void externalEntitiesAndDtdsAreNeverFetched() {
    String xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss SYSTEM \"" + server.url("/rss.dtd") + "\" [\n"
            + "  <!ENTITY % remote SYSTEM \"" + server.url("/evil.dtd") + "\"> %remote;\n"
            + "  <!ENTITY web SYSTEM \"" + server.url("/entity.txt") + "\">\n]>\n"
            + "<rss version=\"2.0\"><channel><title>net &web;</title><link>http://x.example.com/</link><description>d</description>"
            + "<item><title>i &web;</title><guid>n1</guid></item></channel></rss>";

    ParseResult result = assertTimeoutPreemptively(FEW_SECONDS, () -> PARSER.parse(utf8(xml), null));

    assertFalse(result.toString().contains(MARKER), result.toString());
    assertEquals(0, server.totalHits(), "the parser made requests");
  }

  @Test
  void xincludeIsNotProcessed() {
    String xml =
        "<rss version=\"2.0\" xmlns:xi=\"http://www.w3.org/2001/XInclude\"><channel><title>xi</title><link>http://x.example.com/</link>"
            + "<description>d</description><item><title>i</title><guid>xi1</guid><description><xi:include href=\""
            + secret.toUri()
            + "\" parse=\"text\"/></description></item></channel></rss>";

    ParsedFeed feed = feed(utf8(xml), null);

    assertFalse(everything(feed).contains(MARKER), everything(feed));
  }

  @Test
  void deeplyNestedElementsAreRefused() {
    String xml =
        "<rss version=\"2.0\"><channel><title>deep</title><link>http://d.example.com/</link><description>d</description><item><title>t</title><guid>d1</guid><description>"
            + "<div>".repeat(20_000)
            + "</description></item></channel></rss>";

    String message = assertTimeoutPreemptively(FEW_SECONDS, () -> unreadable(utf8(xml), null));

    assertTrue(message.startsWith("refused: the document nests elements deeper than 1000 levels"), message);
  }

  @Test
  void nestingWithinTheLimitIsRead() {
    String xml =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>nested</title><id>urn:n</id><updated>2026-03-17T00:00:00Z</updated>"
            + "<entry><title>e</title><id>urn:n:1</id><updated>2026-03-17T00:00:00Z</updated><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
            + "<span>".repeat(900)
            + "deep text"
            + "</span>".repeat(900)
            + "</div></content></entry></feed>";

    ParsedFeed feed = assertTimeoutPreemptively(FEW_SECONDS, () -> feed(utf8(xml), null));

    assertTrue(feed.entries().get(0).contentHtml().contains("deep text"));
  }

  /**
   * Markup that nothing ends, repeated after the entries: 40,000 unclosed comments (200 KB), which
   * the lenient repair took about a minute over; 1 MB of "&lt;?xml " with no "&gt;" among them,
   * whose declaration's end it looked for from each of them to the end of the text (120 KB took
   * 22 s, 240 KB 70 s: a 10 MiB body held a poller thread for days).
   */
  @ParameterizedTest(name = "\"{0}\" x {1}")
  @CsvSource({"'<!--x', 40000", "'<?xml ', 170000"})
  void unendedMarkupAfterTheEntriesIsReadQuicklyAndTheEntriesBeforeItKept(String junk, int times) {
    String xml =
        "<rss version=\"2.0\"><channel><title>t</title><link>http://c.example.com/</link><description>d</description>"
            + "<item><title>First</title><guid>c1</guid></item><item><title>Second</title><guid>c2</guid></item>"
            + junk.repeat(times);

    ParsedFeed feed = assertTimeoutPreemptively(FEW_SECONDS, () -> feed(utf8(xml), null));

    assertEquals(List.of("First", "Second"), ParseTesting.titles(feed));
  }

  /** A full-text feed of {@code items} items whose dc: prefix is undeclared. */
  private static byte[] undeclaredPrefixFeed(int items) {
    StringBuilder xml = new StringBuilder("<rss version=\"2.0\"><channel><title>t</title><link>http://p.example.com/</link><description>d</description>");
    String body = "<p>Words that fill the body of the item.</p>".repeat(220);
    StringBuilder subjects = new StringBuilder();
    for (int k = 0; k < 40; k++) {
      subjects.append("<dc:subject>tag ").append(k).append("</dc:subject>");
    }
    for (int i = 0; i < items; i++) {
      xml.append("<item><title>Item ").append(i).append("</title><guid>p").append(i).append("</guid><dc:creator>Author ").append(i)
          .append("</dc:creator>").append(subjects).append("<description><![CDATA[").append(body).append("]]></description></item>");
    }
    return utf8(xml.append("</channel></rss>").toString());
  }

  /**
   * 5 MB whose 40,000 prefixed tags use dc: undeclared: the repair looked for the declaration in the
   * whole text once per tag, 59 seconds. Ten seconds, not five, after a small warm-up: reading 5 MB
   * with nothing to repair takes up to 3 seconds on a busy two-core machine.
   */
  @Test
  void aLargeFeedWithAnUndeclaredPrefixIsReadQuickly() {
    feed(undeclaredPrefixFeed(20), null);
    byte[] bytes = undeclaredPrefixFeed(500);
    assertTrue(bytes.length > 5_000_000, () -> bytes.length + " bytes");

    ParsedFeed feed = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> feed(bytes, null));

    assertEquals(500, feed.entries().size());
    ParsedEntry last = feed.entries().get(499);
    assertEquals("Author 499", last.author());
    assertEquals(40, last.tags().size());
    assertEquals("tag 39", last.tags().get(39));
    assertEquals(List.of("declared namespace prefixes [dc]"), feed.repaired());
  }

  /** Moved one at a time, each entry held in another one looked up its place among all the others. */
  @Test
  void thousandsOfEntriesInsideOtherEntriesAreMovedInLinearTime() {
    String item = "<item><title>a</title><description>d<item><title>b</title></item></description></item>";
    String xml = "<rss version=\"2.0\"><channel><title>t</title><link>http://n.example.com/</link><description>d</description>"
        + item.repeat(5_000) + "</channel></rss>";

    ParsedFeed feed = assertTimeoutPreemptively(FEW_SECONDS, () -> feed(utf8(xml), null));

    assertEquals(10_000, feed.entries().size());
    assertEquals(List.of("a", "b", "a"), titles(feed).subList(0, 3));
  }
}
