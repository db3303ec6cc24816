package dev.syndic.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpmlReaderTest {

  private static List<OpmlOutline> read(String opml) throws OpmlReader.InvalidOpml {
    return OpmlReader.read(opml.getBytes(StandardCharsets.UTF_8));
  }

  private static String refused(String opml) {
    return assertThrows(OpmlReader.InvalidOpml.class, () -> read(opml)).getMessage();
  }

  @Test
  void readsFlatSubscriptionsWithTitleOrText() throws Exception {
    List<OpmlOutline> out =
        read(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0">
              <head><title>mine</title></head>
              <body>
                <outline type="rss" text="Text A" title="Title A" xmlUrl="https://a.example/feed.xml"/>
                <outline type="rss" text="只有文字" xmlUrl=" https://b.example/rss "/>
                <outline type="rss" xmlUrl="https://c.example/atom"/>
              </body>
            </opml>
            """);

    assertEquals(
        List.of(
            new OpmlOutline("https://a.example/feed.xml", "Title A", null),
            new OpmlOutline("https://b.example/rss", "只有文字", null),
            new OpmlOutline("https://c.example/atom", null, null)),
        out);
  }

  /**
   * The outline's htmlUrl is the source's site from the import on (it was null until the first
   * poll), by the rule a poll keeps the feed's site link by (WebLinks.siteLink): read against the
   * feed's address, an http(s) address with a host (an underscore in it too, which the import
   * refused) and a usable port, no credentials; anything else is left for the poll to fill.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      "https://a.example/feed.xml | https://a.example/                 | https://a.example/",
      "https://a.example/feed.xml | HTTP://A.example/blog              | http://A.example/blog",
      "https://a.example/feed.xml | /blog/                             | https://a.example/blog/",
      "https://a.example/feed.xml | https://reader:pw@a.example/site   | https://a.example/site",
      "https://a.example/feed.xml | https://新闻.example.cn/            | https://新闻.example.cn/",
      "file:samples/a.xml         | https://news.example.cn/ai/        | https://news.example.cn/ai/",
      "file:samples/a.xml         | /ai/                               | none",
      "https://a.example/feed.xml | javascript:alert(1)                | none",
      "https://a.example/feed.xml | mailto:editor@a.example            | none",
      "https://a.example/feed.xml | ftp://a.example/                   | none",
      "https://a.example/feed.xml | https://                           | none",
      "https://a.example/feed.xml | https:///nohost                    | none",
      "https://a.example/feed.xml | https://my_blog.a.example/         | https://my_blog.a.example/",
      "https://a.example/feed.xml | https://a.example:99999/           | none",
      "https://a.example/feed.xml | none                               | none"})
  void theSiteIsTheHtmlUrlWhenItIsAWebAddress(String xmlUrl, String htmlUrl, String site) throws Exception {
    String attribute = htmlUrl == null ? "" : " htmlUrl=\"" + htmlUrl + "\"";
    List<OpmlOutline> out = read("<opml version='2.0'><body><outline text='A' xmlUrl='" + xmlUrl + "'" + attribute + "/></body></opml>");
    assertEquals(site, out.get(0).siteUrl(), htmlUrl);
  }

  @Test
  void anOverlongSiteIsLeftForThePoll() throws Exception {
    String site = "https://a.example/" + "x".repeat(2100);
    List<OpmlOutline> out = read("<opml version='2.0'><body><outline text='A' xmlUrl='https://a.example/f' htmlUrl='" + site + "'/></body></opml>");
    assertEquals(null, out.get(0).siteUrl());
  }

  @Test
  void deeplyNestedFoldersAreRefusedNotAStackOverflow() throws Exception {
    assertTrue(refused(nested(5_000)).contains("more than 100 deep"));
    assertEquals(List.of(new OpmlOutline("https://deep.example/feed", "Deep", "folder 96")), read(nested(97)), "97 folders still read");
  }

  /** A subscription inside {@code folders} nested folders. */
  private static String nested(int folders) {
    StringBuilder b = new StringBuilder("<opml version='2.0'><body>");
    for (int i = 0; i < folders; i++) {
      b.append("<outline text='folder ").append(i).append("'>");
    }
    b.append("<outline text='Deep' xmlUrl='https://deep.example/feed'/>");
    b.append("</outline>".repeat(folders));
    return b.append("</body></opml>").toString();
  }

  @Test
  void nestedFoldersMapToTheInnermostFolderAndAreNotSubscriptions() throws Exception {
    List<OpmlOutline> out =
        read(
            """
            <opml version="1.0">
              <body>
                <outline text="News">
                  <outline text="ai" title="ai">
                    <outline text="AI Daily" xmlUrl="https://ai.example/feed"/>
                    <outline text="Empty folder"/>
                  </outline>
                  <outline text="Top" xmlUrl="https://news.example/feed"/>
                  <outline text="agriculture">
                    <outline text="Deeper">
                      <outline text="三农" xmlUrl="https://farm.example/rss"/>
                    </outline>
                  </outline>
                </outline>
                <outline text="Loose" xmlUrl="https://loose.example/rss"/>
              </body>
            </opml>
            """);

    assertEquals(
        List.of(
            new OpmlOutline("https://ai.example/feed", "AI Daily", "ai"),
            new OpmlOutline("https://news.example/feed", "Top", "News"),
            new OpmlOutline("https://farm.example/rss", "三农", "Deeper"),
            new OpmlOutline("https://loose.example/rss", "Loose", null)),
        out);
  }

  @Test
  void categoryAttributeWinsOverTheFolder() throws Exception {
    List<OpmlOutline> out =
        read(
            """
            <opml version="2.0"><body>
              <outline text="Misc">
                <outline text="A" xmlUrl="https://a.example/rss" category="entertainment"/>
                <outline text="B" xmlUrl="https://b.example/rss" category="  "/>
                <outline text="C" xmlUrl="https://c.example/rss"/>
              </outline>
            </body></opml>
            """);

    assertEquals(
        List.of(
            new OpmlOutline("https://a.example/rss", "A", "entertainment"),
            new OpmlOutline("https://b.example/rss", "B", "Misc"),
            new OpmlOutline("https://c.example/rss", "C", "Misc")),
        out);
  }

  @ParameterizedTest(name = "[{index}] category=\"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ai                        | ai",
        "/ai                       | ai",
        "/News/agriculture         | agriculture",
        "/News/ai,/Tech            | ai",
        "'entertainment, music'    | entertainment",
        "/News/ai/                 | ai",
        "' , '                   | Misc",
      })
  void categoryAttributeInOpml2PathFormUsesItsLastSegmentElseTheFolder(String attribute, String expected) throws Exception {
    List<OpmlOutline> out =
        read(
            "<opml version=\"2.0\"><body><outline text=\"Misc\"><outline text=\"A\" xmlUrl=\"https://a.example/rss\" category=\""
                + attribute
                + "\"/></outline></body></opml>");

    assertEquals(List.of(new OpmlOutline("https://a.example/rss", "A", expected)), out);
  }

  @Test
  void readsTheShippedDefaultSources() throws Exception {
    List<OpmlOutline> out = OpmlReader.read(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("feeds", "sources.opml")));

    assertTrue(out.size() >= 6, out::toString);
    assertTrue(out.stream().allMatch(o -> o.xmlUrl().startsWith("file:samples/")), out::toString);
    assertTrue(out.stream().map(OpmlOutline::category).toList().containsAll(List.of("ai", "agriculture", "entertainment")), out::toString);
  }

  @Test
  void readsGbkEncodedOpml() throws Exception {
    String opml =
        "<?xml version=\"1.0\" encoding=\"GBK\"?><opml version=\"2.0\"><body>"
            + "<outline text=\"农业\"><outline text=\"三农时讯\" xmlUrl=\"https://nongye.example.cn/rss\"/></outline>"
            + "</body></opml>";

    List<OpmlOutline> out = OpmlReader.read(opml.getBytes(Charset.forName("GBK")));

    assertEquals(List.of(new OpmlOutline("https://nongye.example.cn/rss", "三农时讯", "农业")), out);
  }

  /**
   * A file labelled GB2312 (as Chinese tools still label GBK text) is read as GB18030, their
   * superset, as feeds are: read as GB2312, each character outside it became U+FFFD and took the
   * character after it along ("陶喆新专辑" came back as "陶�葱伦�辑"), and the titles were stored so.
   */
  @Test
  void gb2312LabelledOpmlWithGbkCharactersKeepsItsTitles() throws Exception {
    List<OpmlOutline> out = OpmlReader.read(fixture("gb2312-with-gbk-chars.opml"));

    assertEquals(List.of(new OpmlOutline("http://yule.example.cn/rss.xml", "陶喆新专辑快讯", "娱乐", true, false, null, "http://yule.example.cn/"),
        new OpmlOutline("http://shu.example.cn/rss.xml", "朱镕基旧作", "娱乐")), out);
  }

  /** Bytes that are not in the encoding the file declares are refused, naming it, rather than stored as U+FFFD and mojibake. */
  @Test
  void bytesNotInTheDeclaredEncodingAreRefused() throws Exception {
    String message = assertThrows(OpmlReader.InvalidOpml.class, () -> OpmlReader.read(fixture("gbk-declared-utf8-bytes.opml"))).getMessage();

    assertTrue(message.startsWith("the OPML declares encoding=\"gbk\" (read as GB18030), but its bytes are not text in it"), message);
  }

  @Test
  void anEncodingJavaCannotReadIsRefusedNamingIt() {
    String message = refused("<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?><opml version=\"2.0\"><body/></opml>");

    assertEquals("the OPML declares encoding=\"x-no-such-charset\", which Syndic cannot read; save the file as UTF-8", message);
  }

  private static byte[] fixture(String name) throws java.io.IOException {
    try (java.io.InputStream in = OpmlReaderTest.class.getResourceAsStream("/opml/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void emptyBodyGivesNoSubscriptions() throws Exception {
    assertEquals(List.of(), read("<opml version=\"2.0\"><head/><body/></opml>"));
    assertEquals(List.of(), read("<opml version=\"2.0\"/>"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "<!DOCTYPE opml><opml version=\"2.0\"><body/></opml>",
        "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY x \"boom\">]><opml><body><outline text=\"&x;\" xmlUrl=\"https://a.example\"/></body></opml>",
        "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><opml><body><outline text=\"&xxe;\" xmlUrl=\"https://a.example\"/></body></opml>",
        "<!DOCTYPE opml SYSTEM \"http://127.0.0.1:1/opml.dtd\"><opml/>",
      })
  void doctypeIsRefused(String opml) {
    assertEquals("the OPML has a DOCTYPE declaration, which is refused (no DTDs or entities): remove it", refused(opml));
  }

  @Test
  void entityExpansionBombIsRefused() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE opml [<!ENTITY a0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");

    String message = refused("<?xml version=\"1.0\"?>" + dtd + "<opml><body><outline text=\"&a9;\" xmlUrl=\"x\"/></body></opml>");

    assertTrue(message.contains("DOCTYPE"), message);
  }

  @ParameterizedTest(name = "[{index}] <{1}>")
  @CsvSource(
      delimiter = '|',
      value = {
        "<rss version=\"2.0\"><channel><title>x</title></channel></rss> | rss",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title></feed> | feed",
        "<html><body><p>Not found</p></body></html> | html",
      })
  void nonOpmlRootIsRefusedNamingIt(String xml, String root) {
    assertEquals("not OPML: the root element is <" + root + ">, expected <opml>", refused(xml));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "<opml><body><outline text=\"a\" xmlUrl=\"https://a.example\"></body></opml>   | line 1",
        "<opml><body><outline text=\"AT&T\" xmlUrl=\"https://a.example\"/></body></opml> | line 1",
        "'<opml>\n<body>\n</opml>'                                                     | line 3",
        "just some text                                                               | line 1",
      })
  void malformedXmlIsRefusedWithItsPosition(String xml, String where) {
    String message = refused(xml);

    assertTrue(message.startsWith("the OPML is not well-formed XML ("), message);
    assertTrue(message.contains(where), message);
  }

  @Test
  void emptyDocumentIsRefused() {
    String message = assertThrows(OpmlReader.InvalidOpml.class, () -> OpmlReader.read(new byte[0])).getMessage();

    assertTrue(message.startsWith("the OPML is not well-formed XML"), message);
  }
}
