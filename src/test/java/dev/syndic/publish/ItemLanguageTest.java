package dev.syndic.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.clean.ContentCleaner;
import dev.syndic.entry.EntryRow;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The language every format names for an entry (Atom's xml:lang, JSON Feed's and the partner
 * API's language) is the one cleaning guessed from its text: a Japanese story is "ja", not "zh"
 * because it is written with Chinese characters too.
 */
class ItemLanguageTest {

  @ParameterizedTest(name = "[{index}] {2} <- {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "東京株式市場、日経平均が続落         | 政府は10日、総合経済対策を閣議決定した。 | ja",
        "国産RSSリーダー『NewsGlue』          | アメリカでは新しいDVDが登場しました。     | ja",
        "国产大模型密集发布                   | 多家公司今天发布了新的开源模型。          | zh",
        "《ポケモン》新作今日在国内发布       | 这款游戏的中文版本由国内公司代理发行，首发当天销量突破十万份。 | zh",
        "Tokyo stocks fall again              | The Nikkei average fell for a third day.  | en",
      })
  void outputNamesTheLanguageTheTextIsIn(String title, String body, String language) {
    String guessed = new ContentCleaner().clean(title, "<p>" + body + "</p>", "https://example.com/a").language();

    assertEquals(language, Item.of(entry(title, guessed), "<p>" + body + "</p>", "Syndic").language());
  }

  /**
   * The OpenAPI document (written from the shapes' javadoc) names every language an entry may be
   * sent with: a partner validating against it must not find "ja" out of what it was told.
   */
  @ParameterizedTest
  @ValueSource(strings = {"JsonFeedItem", "PartnerEntry"})
  @SuppressWarnings("unchecked")
  void theOpenApiDocumentNamesEveryLanguageAnEntryMayHave(String schema) throws Exception {
    Map<String, Object> document;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/swagger/syndic-1.yml")) {
      document = new Yaml().load(in);
    }
    Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
    Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) schemas.get(schema)).get("properties");
    String description = String.valueOf(((Map<String, Object>) properties.get("language")).get("description"));
    for (String language : List.of("zh", "ja", "en")) {
      assertTrue(description.contains("`" + language + "`"), schema + ".language: " + description);
    }
  }

  private static EntryRow entry(String title, String language) {
    Instant now = Instant.parse("2026-03-18T00:00:00Z");
    return new EntryRow(1, 1, "k", "g", "https://example.com/a", title, null, "<p>正文</p>", language, now, null, now, now, 1,
        false, false, 1, true, "来源", "https://example.com/feed", null, "https://example.com/feed\nk",
        List.of(), List.of());
  }
}
