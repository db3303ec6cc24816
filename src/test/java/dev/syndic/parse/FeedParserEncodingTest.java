package dev.syndic.parse;

import static dev.syndic.parse.ParseTesting.feed;
import static dev.syndic.parse.ParseTesting.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Feeds in the encodings Chinese (and other) publishers use, labelled right, wrong or not at all;
 * the Chinese must come out exact. Fixtures were written as UTF-8 and converted with iconv.
 */
class FeedParserEncodingTest {

  @ParameterizedTest(name = "{0} with Content-Type [{1}]")
  @CsvSource(
      nullValues = "none",
      delimiter = '|',
      value = {
        // declared in the prolog
        "gbk-declared.xml            | none | GB18030 | 中国农业新闻网 | 全国春播粮食意向面积稳中有增",
        "gb2312-with-gbk-chars.xml   | none | GB18030 | 娱乐快讯 | 陶喆新专辑发布，王堃犇赴现场助阵",
        "big5.xml                    | none | Big5-HKSCS | 臺灣科技新聞 | 人工智慧協助稻農預測產量",
        // byte order marks
        "utf8-bom.xml                | none | UTF-8 | 带字节序标记的频道 | 字节序标记测试：数字乡村",
        "utf16le-bom.xml             | none | UTF-16LE | 带字节序标记的频道 | 字节序标记测试：数字乡村",
        "utf16be-bom.xml             | none | UTF-16BE | 带字节序标记的频道 | 字节序标记测试：数字乡村",
        "utf16le-bom.xml             | text/xml; charset=iso-8859-1 | UTF-16LE | 带字节序标记的频道 | 字节序标记测试：数字乡村",
        // UTF-16 without a mark, and a UTF-16 label on UTF-8 bytes
        "utf16le-no-bom.xml          | none | UTF-16LE | 无标记的 UTF-16 | 小端字节序",
        "utf16-declared-utf8-bytes.xml | none | UTF-8 | 带字节序标记的频道 | 字节序标记测试：数字乡村",
        // the prolog lies: the bytes are UTF-8
        "utf8-declared-latin1.xml    | none | UTF-8 | 标签说谎的频道 | 乡村振兴：特色农产品走俏电商平台",
        "utf8-declared-gb2312.xml    | none | UTF-8 | 标签说谎的频道 | 乡村振兴：特色农产品走俏电商平台",
        "utf8-declared-gb2312.xml    | text/xml; charset=GBK | UTF-8 | 标签说谎的频道 | 乡村振兴：特色农产品走俏电商平台",
        // only the HTTP header knows
        "gbk-http-charset-only.xml   | text/xml; charset=GBK | GB18030 | 简讯 | 中文标题",
        "gbk-http-charset-only.xml   | application/rss+xml;charset=\"gb2312\" | GB18030 | 简讯 | 中文标题",
        "gbk-http-charset-only.xml   | text/xml; Charset = cp936 | GB18030 | 简讯 | 中文标题",
        "gbk-http-charset-only.xml   | text/xml; charset='gbk' | GB18030 | 简讯 | 中文标题",
        "gbk-http-charset-only.xml   | text/xml; CHARSET='GB2312'; format=flowed | GB18030 | 简讯 | 中文标题",
        // nobody says: detection
        "gbk-undeclared.xml          | none | GB18030 | 人工智能日报 | 国产大模型发布新版本，推理能力显著提升",
        "gbk-undeclared.xml          | text/xml | GB18030 | 人工智能日报 | 国产大模型发布新版本，推理能力显著提升",
        // the HTTP header is wrong, the prolog right
        "gbk-declared.xml            | text/xml; charset=ISO-8859-1 | GB18030 | 中国农业新闻网 | 全国春播粮食意向面积稳中有增",
        "gbk-declared.xml            | text/xml; charset=utf-8 | GB18030 | 中国农业新闻网 | 全国春播粮食意向面积稳中有增",
        "gbk-declared.xml            | text/xml; charset=x-no-such-charset | GB18030 | 中国农业新闻网 | 全国春播粮食意向面积稳中有增",
        // the prolog comes after junk
        "gbk-junk-before-prolog.xml  | none | GB18030 | 简讯 | 中文标题",
        // the HTTP header lies and no prolog corrects it: detection
        "gbk-undeclared.xml          | text/xml; charset=utf-8 | GB18030 | 人工智能日报 | 国产大模型发布新版本，推理能力显著提升",
        // a server's default Latin-1 label on GBK or Big5 bytes, which Windows-1252 reads without an error
        "gbk-undeclared.xml          | text/xml; charset=ISO-8859-1 | GB18030 | 人工智能日报 | 国产大模型发布新版本，推理能力显著提升",
        "big5-undeclared.xml         | text/html; charset=iso-8859-1 | Big5-HKSCS | 臺灣科技新聞 | 人工智慧協助稻農預測產量",
      })
  void decodesToTheRightText(String fixture, String contentType, String charset, String feedTitle, String firstTitle) {
    ParsedFeed feed = feed(fixture(fixture), contentType);

    assertEquals(feedTitle, feed.title());
    assertEquals(firstTitle, feed.entries().get(0).title());
    assertEquals(charset, feed.charset());
  }

  @Test
  void gb2312LabelDecodesGbkOnlyCharacters() {
    ParsedFeed feed = feed("gb2312-with-gbk-chars.xml");

    assertEquals(2, feed.entries().size());
    assertEquals("朱镕基旧作再版", feed.entries().get(1).title());
    assertEquals("赟、祎、瑄、珺、玥、昇：这些字在 GB2312 中都没有。", feed.entries().get(1).summaryHtml());
    assertEquals("歌手陶喆今日发布新专辑。", feed.entries().get(0).summaryHtml());
  }

  @Test
  void gbkFeedDecodesEveryEntry() {
    ParsedFeed feed = feed("gbk-declared.xml");

    assertEquals(2, feed.entries().size());
    assertEquals("高标准农田建设提速，镕铸新质生产力", feed.entries().get(1).title());
    assertEquals("农业农村部调度显示，全国春播粮食意向面积稳中有增，南方早稻育秧进度过半。", feed.entries().get(0).summaryHtml());
  }

  @Test
  void big5FeedDecodesEveryEntry() {
    ParsedFeed feed = feed("big5.xml");

    assertEquals(2, feed.entries().size());
    assertEquals("資訊安全週：開發者應注意供應鏈攻擊", feed.entries().get(1).title());
    assertEquals("專家提醒，開源套件的維護者帳號遭竊是常見的攻擊手法。", feed.entries().get(1).summaryHtml());
  }

  @Test
  void theHttpCharsetIsWhatDecodesAnUnlabelledShortFeed() {
    byte[] bytes = fixture("gbk-http-charset-only.xml");

    // Too little text for detection: only the header can get this right.
    assertNotEquals("中文标题", feed(bytes, null).entries().get(0).title());
    assertEquals("中文标题", feed(bytes, "text/xml; charset=gbk").entries().get(0).title());
  }

  @Test
  void latin1FeedWithRawBytes() {
    String rss =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf\u00e9 M\u00fcller</title>"
            + "<link>http://cafe.example.de/</link><description>d</description><item><title>Sch\u00f6ne Gr\u00fc\u00dfe</title><guid>1</guid></item></channel></rss>";

    ParsedFeed feed = feed(rss.getBytes(StandardCharsets.ISO_8859_1), null);

    assertEquals("Café Müller", feed.title());
    assertEquals("Schöne Grüße", feed.entries().get(0).title());
  }

  /** A UTF-8 feed, labelled UTF-8 twice, with one Windows-1252 byte (0x92, an apostrophe pasted into a CMS). */
  @Test
  void oneStrayByteDoesNotTurnAUtf8ChineseFeedIntoMojibake() {
    ByteArrayOutputStream rss = new ByteArrayOutputStream();
    rss.writeBytes(
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>新闻频道</title><link>http://x.example/</link>"
                + "<description>中文新闻</description><item><title>人工智能大模型发布新版本</title><guid>1</guid>"
                + "<description>今天，某公司发布了新的大模型。It")
            .getBytes(StandardCharsets.UTF_8));
    rss.write(0x92);
    rss.writeBytes("s fine</description></item></channel></rss>".getBytes(StandardCharsets.UTF_8));
    byte[] bytes = rss.toByteArray();

    ParsedFeed feed = feed(bytes, "application/rss+xml; charset=utf-8");

    assertEquals("UTF-8", feed.charset());
    assertEquals("新闻频道", feed.title());
    assertEquals("人工智能大模型发布新版本", feed.entries().get(0).title());
    assertEquals("今天，某公司发布了新的大模型。It\uFFFDs fine", feed.entries().get(0).summaryHtml());
    assertEquals(List.of("replaced 1 byte sequence that is not UTF-8 with U+FFFD"), feed.repaired());
  }
}
