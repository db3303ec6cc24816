package dev.syndic.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The order in which the charset is decided, on small hand-made inputs. */
class CharsetSnifferTest {

  private static final Charset GBK = Charset.forName("GBK");
  private static final Charset BIG5 = Charset.forName("Big5");

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "none",
      value = {
        "gb2312, GB18030",
        "GB2312, GB18030",
        "gbk, GB18030",
        "x-gbk, GB18030",
        "cp936, GB18030",
        "euc-cn, GB18030",
        "csGB2312, GB18030",
        "gb18030, GB18030",
        "big5, Big5-HKSCS",
        "Big5, Big5-HKSCS",
        "cn-big5, Big5-HKSCS",
        "iso-8859-1, windows-1252",
        "latin1, windows-1252",
        "us-ascii, windows-1252",
        "utf-8, UTF-8",
        "UTF8, UTF-8",
        "utf-16, UTF-16",
        "shift_jis, Shift_JIS",
        "koi8-r, KOI8-R",
        "' gbk ', GB18030",
        "x-fake, none",
        "'', none",
        "'bad name!', none",
      })
  void labelsMapToTheCharsetThatDecodesThem(String label, String expected) {
    Charset charset = CharsetSniffer.supported(label);

    assertEquals(expected, charset == null ? null : charset.name());
  }

  @Test
  void nullLabelIsNull() {
    assertNull(CharsetSniffer.supported(null));
  }

  @Test
  void byteOrderMarkBeatsEveryLabel() {
    byte[] bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "<?xml version=\"1.0\" encoding=\"gbk\"?><a>中文</a>".getBytes(StandardCharsets.UTF_8));

    CharsetSniffer.Decoded d = CharsetSniffer.decode(bytes, "text/xml; charset=big5");

    assertEquals("UTF-8", d.charset());
    assertEquals("<?xml version=\"1.0\" encoding=\"gbk\"?><a>中文</a>", d.text());
  }

  @Test
  void httpCharsetBeatsTheProlog() {
    // Both labels decode these bytes without error; the header must win.
    byte[] bytes = concat("<?xml version=\"1.0\" encoding=\"big5\"?><a>".getBytes(StandardCharsets.US_ASCII), "农业新闻".getBytes(GBK), "</a>".getBytes(StandardCharsets.US_ASCII));

    CharsetSniffer.Decoded d = CharsetSniffer.decode(bytes, "application/xml; charset=gbk");

    assertEquals("GB18030", d.charset());
    assertEquals("<?xml version=\"1.0\" encoding=\"big5\"?><a>农业新闻</a>", d.text());
  }

  @Test
  void prologDecidesWithoutAnHttpCharset() {
    byte[] bytes = concat("<?xml version=\"1.0\" encoding=\"big5\"?><a>".getBytes(StandardCharsets.US_ASCII), "農業新聞".getBytes(BIG5), "</a>".getBytes(StandardCharsets.US_ASCII));

    CharsetSniffer.Decoded d = CharsetSniffer.decode(bytes, "text/xml");

    assertEquals("Big5-HKSCS", d.charset());
    assertEquals("<?xml version=\"1.0\" encoding=\"big5\"?><a>農業新聞</a>", d.text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/xml; charset=ISO-8859-1", "text/xml; charset=us-ascii", "text/xml;charset=windows-1252"})
  void latin1HttpDefaultYieldsToAPrologNamingAnotherCharset(String contentType) {
    byte[] bytes = concat("<?xml version=\"1.0\" encoding=\"gb2312\"?><a>".getBytes(StandardCharsets.US_ASCII), "春播".getBytes(GBK), "</a>".getBytes(StandardCharsets.US_ASCII));

    CharsetSniffer.Decoded d = CharsetSniffer.decode(bytes, contentType);

    assertEquals("GB18030", d.charset());
    assertEquals("<?xml version=\"1.0\" encoding=\"gb2312\"?><a>春播</a>", d.text());
  }

  @Test
  void latin1HttpCharsetStillDecidesWhenThePrologAgrees() {
    byte[] bytes = concat("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>".getBytes(StandardCharsets.US_ASCII), "Grüße".getBytes(StandardCharsets.ISO_8859_1), "</a>".getBytes(StandardCharsets.US_ASCII));

    CharsetSniffer.Decoded d = CharsetSniffer.decode(bytes, "text/xml; charset=ISO-8859-1");

    assertEquals("windows-1252", d.charset());
    assertEquals("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>Grüße</a>", d.text());
  }

  @Test
  void validUtf8BeatsALabelItContradicts() {
    byte[] bytes = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>数字乡村</a>".getBytes(StandardCharsets.UTF_8);

    CharsetSniffer.Decoded d = CharsetSniffer.decode(bytes, "text/xml; charset=gbk");

    assertEquals("UTF-8", d.charset());
    assertEquals("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>数字乡村</a>", d.text());
  }

  @Test
  void asciiWithoutLabelsIsUtf8() {
    CharsetSniffer.Decoded d = CharsetSniffer.decode("<a>plain</a>".getBytes(StandardCharsets.US_ASCII), null);

    assertEquals("UTF-8", d.charset());
    assertEquals("<a>plain</a>", d.text());
  }

  @Test
  void asciiWithAUtf16LabelButNoMarkIsNotReadAsUtf16() {
    byte[] bytes = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>plain</a>".getBytes(StandardCharsets.US_ASCII);

    CharsetSniffer.Decoded d = CharsetSniffer.decode(bytes, null);

    assertEquals("<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>plain</a>", d.text());
  }

  @Test
  void prologAfterJunkStillNamesTheCharset() {
    byte[] bytes = concat("<b>Warning</b>: headers sent\n<?xml version='1.0' encoding='gbk'?><a>".getBytes(StandardCharsets.US_ASCII), "简讯".getBytes(GBK), "</a>".getBytes(StandardCharsets.US_ASCII));

    CharsetSniffer.Decoded d = CharsetSniffer.decode(bytes, null);

    assertEquals("GB18030", d.charset());
    assertEquals("<b>Warning</b>: headers sent\n<?xml version='1.0' encoding='gbk'?><a>简讯</a>", d.text());
  }

  @Test
  void utf16WithoutMarkIsRecognisedByItsFirstCharacter() {
    byte[] be = "<rss>中</rss>".getBytes(StandardCharsets.UTF_16BE);
    byte[] le = "<rss>中</rss>".getBytes(StandardCharsets.UTF_16LE);

    assertEquals("<rss>中</rss>", CharsetSniffer.decode(be, null).text());
    assertEquals("UTF-16BE", CharsetSniffer.decode(be, null).charset());
    assertEquals("<rss>中</rss>", CharsetSniffer.decode(le, null).text());
    assertEquals("UTF-16LE", CharsetSniffer.decode(le, null).charset());
  }

  private static final byte[] STRAY = {(byte) 0x92}; // Windows-1252's apostrophe

  /** UTF-8 Chinese with one Windows-1252 byte in its English sentence, after the given prolog. */
  private static byte[] utf8WithAStray(String prolog) {
    return concat(
        (prolog + "<a><t>新闻频道</t><t>人工智能大模型发布新版本</t><p>今天，某公司发布了新的大模型。It").getBytes(StandardCharsets.UTF_8),
        STRAY,
        "s fine</p></a>".getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "Content-Type [{0}], prolog {1}")
  @CsvSource(
      nullValues = "none",
      delimiter = '|',
      value = {
        "text/xml; charset=utf-8 | UTF-8",
        "text/xml; charset=utf-8 | none",
        "none                    | utf-8",
        // GB18030 reads these bytes without an error, Windows-1252 nearly: UTF-8 goes first
        "text/xml; charset=gbk   | UTF-8",
        "text/xml; charset=utf-8 | ISO-8859-1",
      })
  void aStrayByteInUtf8LabelledUtf8IsReplacedAndTheRestReadAsUtf8(String contentType, String prologEncoding) {
    String prolog = prologEncoding == null ? "" : "<?xml version=\"1.0\" encoding=\"" + prologEncoding + "\"?>";

    CharsetSniffer.Decoded d = CharsetSniffer.decode(utf8WithAStray(prolog), contentType);

    assertEquals("UTF-8", d.charset());
    assertEquals(prolog + "<a><t>新闻频道</t><t>人工智能大模型发布新版本</t><p>今天，某公司发布了新的大模型。It\uFFFDs fine</p></a>", d.text());
    assertEquals(List.of("replaced 1 byte sequence that is not UTF-8 with U+FFFD"), d.repairs());
  }

  /** U+FFFD written in the feed itself (a publisher's own replacement) is no stray byte: the bytes are UTF-8 throughout. */
  @ParameterizedTest
  @CsvSource(nullValues = "none", value = {"none", "text/xml; charset=gbk", "text/xml; charset=iso-8859-1"})
  void aReplacementCharacterInTheFeedItselfIsReadAsUtf8(String contentType) {
    String xml = "<a><t>新闻频道</t><p>It\uFFFDs fine，\uFFFD</p></a>";

    CharsetSniffer.Decoded d = CharsetSniffer.decode(xml.getBytes(StandardCharsets.UTF_8), contentType);

    assertEquals("UTF-8", d.charset());
    assertEquals(xml, d.text());
    assertEquals(List.of(), d.repairs());
  }

  @Test
  void strayBytesInEnglishWithUtf8PunctuationAreCounted() {
    // Ten characters in UTF-8 sequences, two strays: enough to say UTF-8.
    byte[] bytes = concat("<a>It’s “quoted” — and… ‘more’ «café» ".getBytes(StandardCharsets.UTF_8), STRAY, STRAY, "</a>".getBytes(StandardCharsets.UTF_8));

    CharsetSniffer.Decoded d = CharsetSniffer.decode(bytes, "application/rss+xml; charset=UTF-8");

    assertEquals("<a>It’s “quoted” — and… ‘more’ «café» \uFFFD\uFFFD</a>", d.text());
    assertEquals(List.of("replaced 2 byte sequences that are not UTF-8 with U+FFFD"), d.repairs());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // no UTF-8 sequence at all: these are Windows-1252 bytes whatever the label says
        "Grüße aus München, schöne Straße | windows-1252",
        "It’s a plain English sentence    | windows-1252",
        "数字乡村建设稳步推进，农产品电商销售额持续增长 | GBK",
      })
  void bytesThatContradictAUtf8LabelAreStillDetected(String text, String encoding) {
    byte[] bytes = concat("<?xml version=\"1.0\" encoding=\"utf-8\"?><a>".getBytes(StandardCharsets.US_ASCII), text.getBytes(Charset.forName(encoding)), "</a>".getBytes(StandardCharsets.US_ASCII));

    CharsetSniffer.Decoded d = CharsetSniffer.decode(bytes, "text/xml; charset=utf-8");

    assertEquals("<?xml version=\"1.0\" encoding=\"utf-8\"?><a>" + text + "</a>", d.text());
    assertEquals(List.of(), d.repairs());
  }

  @Test
  void aStrayByteInGbkLabelledGbkIsReplacedAndTheRestReadAsGbk() {
    // A character cut in half: its lead byte before "<", which GB18030's own decoder swallows too.
    String text = "农业农村部调度显示，全国春播粮食意向面积稳中有增，南方早稻育秧进度过半。";
    byte[] bytes = concat("<?xml version=\"1.0\" encoding=\"gb2312\"?><a>".getBytes(StandardCharsets.US_ASCII), text.getBytes(GBK), new byte[] {(byte) 0xB0}, "</a>".getBytes(StandardCharsets.US_ASCII));

    CharsetSniffer.Decoded d = CharsetSniffer.decode(bytes, null);

    assertEquals("GB18030", d.charset());
    assertEquals("<?xml version=\"1.0\" encoding=\"gb2312\"?><a>" + text + "\uFFFD</a>", d.text());
    assertEquals(List.of("replaced 1 byte sequence that is not GB18030 with U+FFFD"), d.repairs());
  }

  @Test
  void latin1TextWithAGbkLabelIsNotReadAsGbkWithStrays() {
    // GB18030 reads "è m" as one character and stumbles on "é " and "à ": two errors, one character.
    byte[] bytes = concat("<?xml version=\"1.0\" encoding=\"gbk\"?><a>".getBytes(StandardCharsets.US_ASCII), "Café crème à la carte".getBytes(StandardCharsets.ISO_8859_1), "</a>".getBytes(StandardCharsets.US_ASCII));

    CharsetSniffer.Decoded d = CharsetSniffer.decode(bytes, null);

    assertEquals("<?xml version=\"1.0\" encoding=\"gbk\"?><a>Café crème à la carte</a>", d.text());
    assertEquals(List.of(), d.repairs());
  }

  @Test
  void strayBytesAfterAUtf8ByteOrderMarkAreRecorded() {
    byte[] bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "<a>中".getBytes(StandardCharsets.UTF_8), STRAY, "</a>".getBytes(StandardCharsets.UTF_8));

    CharsetSniffer.Decoded d = CharsetSniffer.decode(bytes, null);

    assertEquals("UTF-8", d.charset());
    assertEquals("<a>中\uFFFD</a>", d.text());
    assertEquals(List.of("replaced 1 byte sequence that is not UTF-8 with U+FFFD"), d.repairs());
  }

  @Test
  void emptyInputIsEmptyText() {
    CharsetSniffer.Decoded d = CharsetSniffer.decode(new byte[0], null);

    assertEquals("", d.text());
  }
}
