package dev.syndic.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.input.SAXBuilder;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The names TreeRepair gives elements written in another case, and those it leaves alone. */
class TreeRepairTest {

  private static final String RDF = "xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        // RSS 1.0 writes every name in lower case; RDF's own names other than its root are not the feed's
        "<rdf:RDF " + RDF + " xmlns='http://purl.org/rss/1.0/'><textinput/><rdf:Description/></rdf:RDF> | ",
        "<rdf:RDF " + RDF + " xmlns='http://purl.org/rss/1.0/'><channel/><Item/><TextInput/></rdf:RDF>    | read element names written in another case",
        "<rss><channel><skipdays/><PubDate/></channel></rss>                                            | read element names written in another case",
        // a module's names are its own
        "<rss xmlns:x='urn:x'><channel><x:Item/></channel></rss>                                        | ",
      })
  void onlyTheFormatsOwnNamesAreRenamed(String xml, String repair) throws Exception {
    Document document = new SAXBuilder().build(new StringReader(xml));
    String before = new XMLOutputter(Format.getRawFormat()).outputString(document);

    List<String> repairs = TreeRepair.normalize(document);

    assertEquals(repair == null ? List.of() : List.of(repair), repairs);
    String after = new XMLOutputter(Format.getRawFormat()).outputString(document);
    if (repair == null) {
      assertEquals(before, after);
    } else {
      assertEquals(before.toLowerCase(java.util.Locale.ROOT), after.toLowerCase(java.util.Locale.ROOT));
    }
  }
}
