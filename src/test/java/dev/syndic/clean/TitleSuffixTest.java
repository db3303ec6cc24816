package dev.syndic.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TitleSuffixTest {

  // Holds every character of the Chinese suffixes below, so each could pass for a shuffled keyword.
  private static final String BODY = "这是系列报道之一，第二篇介绍安吉的做法，下篇将在十二日刊出。大型语言模型竞赛升温。";

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        // a shuffled keyword, a site name or a tag is noise
        "大型语言模型竞赛升温(模型大型) => 大型语言模型竞赛升温",
        "OpenAI ships a new model today | WorldNewsPortal => OpenAI ships a new model today",
        "Farmers brace for a late frost - Full Story => Farmers brace for a late frost",
        "Storm reaches the coast tonight (Updated) => Storm reaches the coast tonight",
        "Company results beat estimates | 36Kr => Company results beat estimates",
        "Mac Power Users #336: iPhone Productivity - Relay FM => Mac Power Users #336: iPhone Productivity",
        "Apple cuts the price of its laptops - iMore => Apple cuts the price of its laptops",
        "Apple cuts the price of its laptops | example.com => Apple cuts the price of its laptops",
        // a portal's mark that its page has pictures or a video, in either width of bracket
        "周迅现身香港购物 秘密置装等颁影后(组图) => 周迅现身香港购物 秘密置装等颁影后",
        "《木乃伊3》热拍 破例开放禁地允许探班（图） => 《木乃伊3》热拍 破例开放禁地允许探班",
        "插秧机下田作业一天五十亩[视频] => 插秧机下田作业一天五十亩",
        "地图(图) => 地图(图)",
        "组图：周迅现身香港购物 秘密置装等颁影后 => 周迅现身香港购物 秘密置装等颁影后",
        "【组图】：美女模特私服大公开 甜美帅气 => 美女模特私服大公开 甜美帅气",
        "组图：上 => 组图：上",
        "图文直播：农业农村部新闻发布会 => 图文直播：农业农村部新闻发布会",
        // words after a dash that are no name are the title's
        "The Fed holds rates steady — for now => The Fed holds rates steady — for now",
        "Apple unveils a new phone - and it's cheaper => Apple unveils a new phone - and it's cheaper",
        "В Бузулуке главные стройплощадки – детсад и Ледовый дворец => В Бузулуке главные стройплощадки – детсад и Ледовый дворец",
        // in a title normalized for matching, case says nothing
        "mac power users #336: iphone productivity - relay fm => mac power users #336: iphone productivity",
        // an installment's number stays, in English
        "Inside the Acme factory - Part 2 => Inside the Acme factory - Part 2",
        "Inside the Acme factory - Part Two => Inside the Acme factory - Part Two",
        "Inside the Acme factory | Part III => Inside the Acme factory | Part III",
        "The history of farming podcast - Ep. 14 => The history of farming podcast - Ep. 14",
        "The history of farming podcast - Vol. 3 => The history of farming podcast - Vol. 3",
        "The history of farming podcast - Ch.7 => The history of farming podcast - Ch.7",
        "The history of farming podcast - Season 2 => The history of farming podcast - Season 2",
        "The best films of the year - 2024 => The best films of the year - 2024",
        // and in Chinese
        "乡村振兴的浙江实践(之二) => 乡村振兴的浙江实践(之二)",
        "乡村振兴的浙江实践（第二篇） => 乡村振兴的浙江实践（第二篇）",
        "乡村振兴的浙江实践(下篇) => 乡村振兴的浙江实践(下篇)",
        "乡村振兴的浙江实践(十二) => 乡村振兴的浙江实践(十二)",
      })
  void stripsNoiseButKeepsSeriesNumbers(String title, String expected) {
    assertEquals(expected, TitleSuffix.strip(title, BODY));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2 | true", "Part 2 | true", "3rd | true", "Ep. 3 | true", "Vol. IV | true", "Episode One | true", "之二 | true", "(第三篇) | true",
        "下篇 | true", "【上】 | true", "十四五 | true",
        "WorldNewsPortal | false", "9to5Mac | false", "36氪 | false", "Full Story | false", "模型大型 | false", "统一市场 | false",
        "No One Knows | false", "Partners | false",
      })
  void recognisesAnInstallmentNumber(String suffix, boolean numbered) {
    assertEquals(numbered, SeriesNumber.in(suffix), suffix);
  }
}
