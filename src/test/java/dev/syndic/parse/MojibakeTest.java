package dev.syndic.parse;

import static dev.syndic.parse.ParseTesting.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text encoded as UTF-8 twice comes out as written; text that only looks foreign stays as it is. */
class MojibakeTest {

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /**
   * What a publisher's system makes of the text when it reads UTF-8 as {@code as} and writes UTF-8
   * again. Windows-1252 as browsers and MySQL read it: its five undefined bytes become the C1
   * controls of the same number (the JDK's decoder would make them U+FFFD, which no one can undo).
   */
  private static String twice(String text, Charset as) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder read = new StringBuilder();
    for (byte b : utf8) {
      String c = new String(new byte[] {b}, as);
      read.append(c.equals("\uFFFD") ? String.valueOf((char) (b & 0xff)) : c);
    }
    return read.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Detenido un falso rey mago por intentar raptar a un niño",
      "Críticas a TVE por el comentario de un reportero",
      "国产大模型发布新版本，推理能力显著提升",
      "Café «crème» à 2 € — “quoted” ‘text’ … naïve Ōsaka 😀",
      "混合 text: 粮食 harvest, niño, ½ price",
  })
  void doubleEncodedTextIsDecodedOnceMore(String written) {
    assertEquals(written, Mojibake.repair(twice(written, WINDOWS_1252)), "read as Windows-1252");
    assertEquals(written, Mojibake.repair(twice(written, StandardCharsets.ISO_8859_1)), "read as Latin-1");
  }

  @Test
  void aSequenceAfterCharactersNoDoubleEncodingMakesIsDecodedWithWhatComesBefore() {
    // Characters no double encoding makes (Chinese written right) and a sequence after them.
    assertEquals("粮食价格 niño", Mojibake.repair("粮食价格 " + twice("niño", WINDOWS_1252)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Café au lait, Ça va, Über, Øresund, Ångström, señor",
      "Â is a letter; Ã alone too; é² is not a sequence; Ã then text",
      "« en été\u00A0» et «\u00A0déjà\u00A0»",
      "NESCAFÉ® »groß« Ã©",
      "尼古拉斯·凯奇出席首映式",
      "国产大模型发布新版本",
      "plain ASCII <b>markup</b> &amp; entities",
  })
  void textThatIsNotDoubleEncodedIsLeftAlone(String text) {
    assertSame(text, Mojibake.repair(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"windows-1252", "ISO-8859-1"})
  void aFeedEncodedTwiceReadsAsWritten(String as) {
    String title = "Los efectos negativos en los niños: 大模型";
    String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title>"
        + "<item><title><![CDATA[" + twice(title, Charset.forName(as)) + "]]></title><guid>a</guid></item></channel></rss>";

    ParsedFeed parsed = feed(xml.getBytes(StandardCharsets.UTF_8), "application/rss+xml");

    assertEquals(title, parsed.entries().get(0).title());
  }
}
