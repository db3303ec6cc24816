package dev.syndic.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The two repair strengths, text in and text out. */
class XmlRepairTest {

  @Test
  void wellFormedTextIsReturnedAsIs() {
    String text = "<?xml version=\"1.0\"?><rss><channel><title>A &amp; B 😀</title></channel></rss>";

    XmlRepair.Repaired safe = XmlRepair.safe(text);
    XmlRepair.Repaired lenient = XmlRepair.lenient(text);

    assertSame(text, safe.text());
    assertEquals(List.of(), safe.repairs());
    assertEquals(text, lenient.text());
    assertEquals(List.of(), lenient.repairs());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'\\n\\n  <rss/>'                                   | <rss/>",
        "'garbage text <rss/>'                               | <rss/>",
        "'<br /><b>Warning</b>: x<br />\\n<?xml version=\"1.0\"?><rss/>' | <?xml version=\"1.0\"?><rss/>",
        "'Notice\\n<?xml version=\"1.0\"?><rss/>'           | <?xml version=\"1.0\"?><rss/>",
      })
  void safeDropsWhatComesBeforeTheDocument(String input, String expected) {
    XmlRepair.Repaired r = XmlRepair.safe(input.replace("\\n", "\n"));

    assertEquals(expected, r.text());
    assertEquals(List.of("dropped text before the first tag"), r.repairs());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "<rss><channel><description><![CDATA[<?xml version=\"1.0\"?> sample]]></description></channel></rss>",
        "<rss><!-- from <?xml version=\"1.0\"?> --><channel/></rss>",
        "<rss version=\"2.0\">\n<?xml version=\"1.0\"?>\n<channel/></rss>",
        "<!-- the <rss> template --><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>",
      })
  void aDeclarationOrRootInsideContentIsNotMistakenForTheStart(String text) {
    assertSame(text, XmlRepair.safe(text).text());
  }

  @Test
  void warningsLongerThanAPageBeforeTheDocumentAreDropped() {
    String warnings = "<br />\n<b>Warning</b>:  Undefined index: id in <b>/var/www/feed.php</b> on line <b>12</b><br />\n".repeat(100);

    assertEquals("<?xml version=\"1.0\"?><rss/>", XmlRepair.safe(warnings + "<?xml version=\"1.0\"?><rss/>").text());
    assertEquals("<rss/>", XmlRepair.safe(warnings + "<rss/>").text());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'<b>Notice</b><atom:feed xmlns:atom=\"a\"><atom:entry><atom:content><![CDATA[<rss>]]></atom:content></atom:entry></atom:feed>'"
            + " | <atom:feed",
        "'<b>Notice</b><!-- as the <rss> feed --><rdf:RDF xmlns:rdf=\"r\"/>' | <rdf:RDF",
        "'<b>Notice</b><?php echo \"<rss>\"; ?><rdf:RDF xmlns:rdf=\"r\"/>' | <rdf:RDF",
        "'<b>Notice</b><!-- <?xml version=\"1.0\"?> --><rss/>' | <rss/>",
      })
  void theRootIsFoundOutsideCommentsCdataAndProcessingInstructions(String input, String expectedStart) {
    assertTrue(XmlRepair.safe(input).text().startsWith(expectedStart), () -> XmlRepair.safe(input).text());
  }

  /**
   * A comment, CDATA section or processing instruction before the root that nothing closes is
   * text: the search for the start went back to the first "&lt;" when its closer was not found, and
   * went round for ever, a poller thread spinning until the process ended, on every such feed.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'<b>Notice</b><!-- never closed <rss version=\"2.0\"/>'     | '<rss version=\"2.0\"/>'",
        "'<b>Notice</b><![CDATA[ never closed <rss version=\"2.0\"/>' | '<rss version=\"2.0\"/>'",
        "'<b>Notice</b><?php never closed <rss version=\"2.0\"/>'     | '<rss version=\"2.0\"/>'",
        "'<!-- never closed\n<rss version=\"2.0\"/>'                  | '<!-- never closed\n<rss version=\"2.0\"/>'",
      })
  void anOpenerBeforeTheRootThatNothingClosesIsText(String input, String expected) {
    String text = input.replace("\\n", "\n");

    XmlRepair.Repaired r = assertTimeoutPreemptively(FEW_SECONDS, () -> XmlRepair.safe(text));

    assertEquals(expected.replace("\\n", "\n"), r.text());
  }

  /** Each opener's closer is looked for once per kind: thousands of unclosed ones before 5 MB of text. */
  @Test
  void thousandsOfUnclosedOpenersBeforeTheRootAreSkippedInLinearTime() {
    String text = "<b>Notice</b>" + "<!--<![CDATA[<?x".repeat(3_000) + "x".repeat(5_000_000) + "<rss/>";

    XmlRepair.Repaired r = assertTimeoutPreemptively(FEW_SECONDS, () -> XmlRepair.safe(text));

    assertEquals(text, r.text());
  }

  @Test
  void safeRemovesCharactersXmlForbidsAndKeepsSurrogatePairs() {
    String text = "<t>a\u0000b\u0001c\u000bd\u001fe\ufffef\uffff g\ud83d\ude00h\ud800i\udc00j\tk\r\nl</t>";

    XmlRepair.Repaired r = XmlRepair.safe(text);

    assertEquals("<t>abcdef g\ud83d\ude00hij\tk\r\nl</t>", r.text());
    assertEquals(List.of("removed characters XML forbids"), r.repairs());
  }

  @Test
  void safeLeavesEntitiesAlone() {
    String text = "<t>AT&T &nbsp;</t>";

    assertSame(text, XmlRepair.safe(text).text());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "<t>AT&T</t>                          | <t>AT&amp;T</t>                 | escaped stray '&'",
        "<t>a & b</t>                         | <t>a &amp; b</t>                 | escaped stray '&'",
        "<t>?a=1&b=2</t>                      | <t>?a=1&amp;b=2</t>              | escaped stray '&'",
        "<t>&unknownthing;</t>                | <t>&amp;unknownthing;</t>        | escaped stray '&'",
        "<t>&nbsp;&mdash;&copy;</t>           | <t>&#160;&#8212;&#169;</t>       | replaced HTML entities",
        "<t>&hellip;&eacute;&laquo;</t>       | <t>&#8230;&#233;&#171;</t>       | replaced HTML entities",
        "<t>&#8;x&#x1F;y&#0;z</t>             | <t>xyz</t>                       | removed references to characters XML forbids",
        "<t>&#x110000;</t>                    | <t></t>                          | removed references to characters XML forbids",
        "<t>&#55357;&#56832;x&#xD83D;&#xde00;</t> | <t>&#128512;x&#128512;</t>    | joined references to the two halves of a character",
        "<t>&#55357;x&#56832;&#56832;&#55357;</t> | <t>x</t>                     | removed references to characters XML forbids",
      })
  void lenientFixesReferences(String input, String expected, String repair) {
    XmlRepair.Repaired r = XmlRepair.lenient(input);

    assertEquals(expected, r.text());
    assertEquals(List.of(repair), r.repairs());
  }

  @Test
  void lenientKeepsXmlAndCharacterReferences() {
    String text = "<t>&amp;&lt;&gt;&quot;&apos;&#38;&#x26;&#169;&#x1F600;</t>";

    XmlRepair.Repaired r = XmlRepair.lenient(text);

    assertEquals(text, r.text());
    assertEquals(List.of(), r.repairs());
  }

  @Test
  void lenientLeavesCdataAndCommentsAlone() {
    String text = "<t><![CDATA[AT&T &nbsp; &#1;]]>R&D<!-- Q&A &copy; --><![CDATA[\n&amp;\n]]></t>";

    XmlRepair.Repaired r = XmlRepair.lenient(text);

    assertEquals("<t><![CDATA[AT&T &nbsp; &#1;]]>R&amp;D<!-- Q&A &copy; --><![CDATA[\n&amp;\n]]></t>", r.text());
    assertEquals(List.of("escaped stray '&'"), r.repairs());
  }

  @Test
  void lenientDeclaresMissingPrefixesOnTheRoot() {
    String text = "<?xml version=\"1.0\"?><!-- c --><rss version=\"2.0\"><item><dc:creator>x</dc:creator><media:thumbnail url=\"u\"/><zz:thing/></item></rss>";

    XmlRepair.Repaired r = XmlRepair.lenient(text);

    assertEquals(
        "<?xml version=\"1.0\"?><!-- c --><rss xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:media=\"http://search.yahoo.com/mrss/\""
            + " xmlns:zz=\"urn:syndic:undeclared:zz\" version=\"2.0\"><item><dc:creator>x</dc:creator><media:thumbnail url=\"u\"/><zz:thing/></item></rss>",
        r.text());
    assertEquals(List.of("declared namespace prefixes [dc, media, zz]"), r.repairs());
  }

  @Test
  void lenientDeclaresPrefixesThatOnlyAttributesUse() {
    String text = "<rss xml:lang=\"en\"><item rdf:about=\"u\"/></rss>";

    XmlRepair.Repaired r = XmlRepair.lenient(text);

    assertEquals("<rss xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xml:lang=\"en\"><item rdf:about=\"u\"/></rss>", r.text());
    assertEquals(List.of("declared namespace prefixes [rdf]"), r.repairs());
  }

  @Test
  void lenientDoesNotRedeclareAPrefix() {
    String text = "<rss xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>x</dc:creator></rss>";

    assertEquals(text, XmlRepair.lenient(text).text());
  }

  @Test
  void lenientReadsADeclarationWithSpacesAroundItsEquals() {
    String text = "<rss xmlns:dc = \"http://purl.org/dc/elements/1.1/\"><dc:creator>x</dc:creator></rss>";

    assertEquals(text, XmlRepair.lenient(text).text());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // an opener without its closer is text, and so are later openers of its kind; the other kind is still kept
        "<t>A&B<!-- open & <![CDATA[x&y]]> R&D</t>        | <t>A&amp;B<!-- open &amp; <![CDATA[x&y]]> R&amp;D</t>",
        "<t>x</t><![CDATA[a&b <!-- c&d --> e&f             | <t>x</t><![CDATA[a&amp;b <!-- c&d --> e&amp;f",
        "<t><!--a--><!--b&c <!--d&e--></t>                 | <t><!--a--><!--b&c <!--d&e--></t>",
        "<t><!--a&b <!--c&d</t>                            | <t><!--a&amp;b <!--c&amp;d</t>",
      })
  void anUnclosedCommentOrCdataSectionIsText(String input, String expected) {
    assertEquals(expected, XmlRepair.lenient(input).text());
  }

  private static final Duration FEW_SECONDS = Duration.ofSeconds(5);

  /** Each unclosed opener made a lazy regex search to the end: 200 KB of them took about a minute. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<!--x", "<![CDATA[x"})
  void manyUnclosedOpenersAreRepairedInLinearTime(String opener) {
    String text = "<rss><channel><title>R&D</title>" + opener.repeat(40_000) + "&";

    XmlRepair.Repaired r = assertTimeoutPreemptively(FEW_SECONDS, () -> XmlRepair.lenient(text));

    assertEquals("<rss><channel><title>R&amp;D</title>" + opener.repeat(40_000) + "&amp;", r.text());
    assertEquals(List.of("escaped stray '&'"), r.repairs());
  }

  /** The declaration was looked for once per prefixed tag, in the whole text: a 5 MB feed took 40 seconds. */
  @Test
  void aPrefixUsedInThousandsOfTagsIsDeclaredOnceInLinearTime() {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 32_000; i++) {
      items.append("<item><title>Item ").append(i).append("</title><dc:creator>A</dc:creator><description>Words that fill the body of the item a bit more</description></item>");
    }
    String text = "<rss version=\"2.0\"><channel>" + items + "</channel></rss>";

    XmlRepair.Repaired r = assertTimeoutPreemptively(FEW_SECONDS, () -> XmlRepair.lenient(text));

    assertEquals("<rss xmlns:dc=\"http://purl.org/dc/elements/1.1/\" version=\"2.0\"><channel>" + items + "</channel></rss>", r.text());
    assertEquals(List.of("declared namespace prefixes [dc]"), r.repairs());
  }

  /**
   * The root is the first tag outside comments: each tag before it was checked against every
   * comment, so 200,000 comments holding a tag each took minutes (found by review).
   */
  @Test
  void thousandsOfCommentsBeforeTheRootAreSkippedInLinearTime() {
    String comments = "<!--<a>-->".repeat(200_000);
    String text = comments + "<rss version=\"2.0\"><channel><dc:creator>A</dc:creator></channel></rss>";

    XmlRepair.Repaired r = assertTimeoutPreemptively(FEW_SECONDS, () -> XmlRepair.lenient(text));

    assertEquals(comments + "<rss xmlns:dc=\"http://purl.org/dc/elements/1.1/\" version=\"2.0\"><channel><dc:creator>A</dc:creator></channel></rss>",
        r.text());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "<i><title>x</Title></i>                 | <i><title>x</title></i>",
        // the element left open inside is closed by it, as the forgiving parser would
        "<i><Title>x<br></TITLE><link>l</link></i> | <i><Title>x<br></Title><link>l</link></i>",
        // an exact match wins; tags in CDATA are text
        "<b><B>x</B></b>                          | <b><B>x</B></b>",
        "<t><![CDATA[<p>x</P>]]></t>              | <t><![CDATA[<p>x</P>]]></t>",
      })
  void anEndTagInAnotherCaseClosesItsElement(String input, String expected) {
    assertEquals(expected, XmlRepair.lenient(input).text());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "<t><![CDATA[a&b</t><u>c</u>              | <t><![CDATA[a&b]]></t><u>c</u>",
        // closed before its element's end tag, not by a later section's "]]>"
        "<t><![CDATA[a</t><u><![CDATA[b]]></u>    | <t><![CDATA[a]]></t><u><![CDATA[b]]></u>",
        // the end tag of another element does not close it
        "<t><![CDATA[<p>a</p>]]></t>              | <t><![CDATA[<p>a</p>]]></t>",
      })
  void aCdataSectionLeftOpenEndsAtItsElementsEndTag(String input, String expected) {
    assertEquals(expected, XmlRepair.lenient(input).text());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "<?xml version=1.0?><rss/>                               | <rss/>",
        "<?xml version='1.0' encoding='gbk'?><rss><?xml version=\"1.0\"?></rss> | <?xml version='1.0' encoding='gbk'?><rss></rss>",
        "<?xml version=\"1.0\" standalone=\"yes\"?><rss/>        | <?xml version=\"1.0\" standalone=\"yes\"?><rss/>",
      })
  void onlyAWellFormedDeclarationAtTheStartIsKept(String input, String expected) {
    assertEquals(expected, XmlRepair.lenient(input).text());
  }

  @Test
  void aTagBeforeTheRootIsJunkButACommentIsNot() {
    assertEquals("<rss/>", XmlRepair.safe("<b>Notice</b>: x<br />\n<rss/>").text());
    assertEquals("<!-- c --><rss/>", XmlRepair.safe("<!-- c --><rss/>").text());
    assertEquals("<html><rss-like/></html>", XmlRepair.safe("<html><rss-like/></html>").text());
  }

  /** Each section searched to a "]]>" at the very end, and each end tag through every element left open. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<t><![CDATA[x</t>", "<u><![CDATA[x", "<p>", "</q>"})
  void thousandsOfSectionsLeftOpenOrTagsLeftUnclosedAreRepairedInLinearTime(String piece) {
    String text = "<rss>" + piece.repeat(30_000) + "</Q>".repeat(30_000) + "]]></rss>";

    assertTimeoutPreemptively(FEW_SECONDS, () -> XmlRepair.lenient(text));
  }
}
