package dev.syndic.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.catalogue.CategoryFile;
import dev.syndic.category.Category;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped {@code feeds/categories.yml} against realistic headlines: it is data, and a weak
 * term list is a defect like any other. Headlines only (no body), as many feeds send little more.
 */
class ShippedCategoriesTest {

  private static RuleClassifier classifier;

  @BeforeAll
  static void loadShippedCategories() throws IOException {
    // Surefire runs with the project root as working directory.
    try (Reader reader = Files.newBufferedReader(Path.of("feeds", "categories.yml"), StandardCharsets.UTF_8)) {
      List<Category> categories = CategoryFile.read(reader);
      classifier = new RuleClassifier(categories.stream().filter(Category::enabled).map(Category::definition).toList());
    }
  }

  private static List<String> slugs(String title, String body) {
    return classifier.classify(title, body, List.of()).stream().map(Assignment::slug).toList();
  }

  @Test
  void shipsTheThreeCoreCategories() throws IOException {
    try (Reader reader = Files.newBufferedReader(Path.of("feeds", "categories.yml"), StandardCharsets.UTF_8)) {
      List<String> shipped = CategoryFile.read(reader).stream().map(Category::slug).toList();
      assertTrue(shipped.containsAll(List.of("ai", "agriculture", "entertainment")), shipped::toString);
    }
  }

  @ParameterizedTest(name = "[{index}] {1} <- {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // ai, Chinese
        "国产大模型密集发布，价格战再度升级                       | ai",
        "OpenAI发布新一代推理模型，数学能力大幅提升               | ai",
        "AI芯片初创公司完成新一轮融资                             | ai",
        "深度学习框架迎来重大更新，训练速度提升三成               | ai",
        "文心一言用户规模突破三亿                                 | ai",
        "多家车企加码具身智能，人形机器人量产提速                 | ai",
        "专家呼吁加强生成式人工智能监管                           | ai",
        "千亿参数模型开源，开发者可免费商用                       | ai",
        "台灣企業加速導入人工智慧                                 | ai",
        "ＡＩ助手走進課堂，老師如何應對                           | ai",
        // ai, English
        "Google DeepMind unveils an AI model for weather forecasting | ai",
        "How large language models are changing software development | ai",
        "EU lawmakers agree on rules for artificial intelligence  | ai",
        "Nvidia's new GPUs power the next wave of AI training     | ai",
        "Chatbots are rewriting customer service                  | ai",
        "Robotaxis expand to three more cities                    | ai",
        // agriculture, Chinese
        "夏粮收购进度加快，小麦价格稳中有升                       | agriculture",
        "全国春耕备耕有序推进                                     | agriculture",
        "生猪价格连续三周上涨，养殖户补栏意愿增强                 | agriculture",
        "黑龙江水稻喜获丰收，亩产创新高                           | agriculture",
        "农业农村部部署秋冬种工作                                 | agriculture",
        "返乡青年种了200亩猕猴桃，带动村民增收                    | agriculture",
        "農民專業合作社帶動增收                                   | agriculture",
        "化肥价格回落，农资市场供应充足                           | agriculture",
        // agriculture: machinery, pests, village affairs and growers' questions in headline form
        "今年夏播深松作业面积再扩大                               | agriculture",
        "麦蚜进入发生高峰，专家提醒及时防治                       | agriculture",
        "驻村第一书记带着村民搞起了合作社                         | agriculture",
        "石榴苗什么时候移栽成活率高？                             | agriculture",
        "他在山里养了300只黑山羊，一年收入二十万                  | agriculture",
        "月季叶子发黄是什么原因？                                 | agriculture",
        "张家村的村民今年靠种菇鼓起了钱袋子                       | agriculture",
        // agriculture: the farm section's beat beyond the field (welfare, land, yard and pond)
        "新农合缴费标准又涨了，今年该不该继续交？                 | agriculture",
        "五保户和低保户有什么区别？                               | agriculture",
        "三权分置以后，经营权怎么流转？                           | agriculture",
        "今年粮补什么时候发？                                     | agriculture",
        "尿素和钾肥一起用，用量多少合适？                         | agriculture",
        "夏季清塘以后，增氧机一天开几个小时                       | agriculture",
        "这种牧草割了能长好几茬，青贮以后喂一冬                   | agriculture",
        "蒜价一路走低，蒜农今年犯了愁                             | agriculture",
        // agriculture, English
        "Drought threatens the wheat harvest across the plains    | agriculture",
        "Farmers protest over rising fertilizer prices            | agriculture",
        "Bird flu outbreak forces cull at poultry farms           | agriculture",
        "Soybean exports to China fall for a third month          | agriculture",
        "Dairy farmers struggle as milk prices drop               | agriculture",
        // entertainment, Chinese
        "电影《长安三万里》定档暑期                               | entertainment",
        "周杰伦演唱会门票开售即秒空                               | entertainment",
        "热播剧大结局收视率创新高                                 | entertainment",
        "春节档票房突破80亿元                                     | entertainment",
        "金鸡奖提名名单公布，多部新片入围                         | entertainment",
        "《歌手》第二季首播，嘉宾阵容曝光                         | entertainment",
        "知名女星官宣恋情，网友送上祝福                           | entertainment",
        // entertainment: names, shows, stage and the celebrity-headline forms
        "章子怡带女儿逛街，母女俩同框超有爱                       | entertainment",
        "某女星出席某活动，网友：状态真好                         | entertainment",
        "《延禧攻略》收视口碑双丰收                               | entertainment",
        "豫剧名家携新戏进京演出                                   | entertainment",
        "《这就是街舞》总决赛今晚开录                             | entertainment",
        "她凭这部剧拿下视后，颁奖礼上哭成泪人                     | entertainment",
        "三位老戏骨客串新片，开拍前剧透不断                       | entertainment",
        "新版主题曲由原唱重新演绎                                 | entertainment",
        "这部谍战剧收官，结局让人意难平                           | entertainment",
        // entertainment, English
        "Taylor Swift announces a new album and world tour        | entertainment",
        "Oscar nominations: the full list                         | entertainment",
        "Netflix renews its hit fantasy drama for a second season | entertainment",
        "Box office: superhero sequel tops the weekend            | entertainment",
        "Band's frontman and guitarist split after record deal    | entertainment",
        "Veteran broadcaster returns to host a Saturday chat show | entertainment",
        "The actor who turned down Hollywood                      | entertainment",
        "Band tops the singles chart with its debut               | entertainment",
        // the categories that compete with them
        "王者荣耀新英雄上线，玩家吐槽平衡性                       | games",
        "电竞战队夺得全球总决赛冠军                               | games",
        "国产航母编队完成远海训练                                 | military",
        "这座古镇适合夏天去，游客必打卡的景点                     | travel",
        "故宫博物院展出清朝瓷器精品                               | culture",
        "楼市调控加码，二手房成交量下滑                           | property",
        "巴黎时装周开幕，设计师新品亮相秀场                       | fashion",
        "Troops and warships deployed after missile test          | military",
      })
  void headlineLandsInExpectedCategory(String headline, String expected) {
    List<String> got = slugs(headline, "");

    assertTrue(got.contains(expected), () -> headline + " -> " + got + " (evidence: " + classifier.classify(headline, "", List.of()) + ")");
  }

  @ParameterizedTest(name = "[{index}] not {1} <- {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // "smart" gadgets and robot vacuums are not AI; "AI" inside words is not AI
        "华为发布新款智能手机                                     | ai",
        "华为发布新款智能手机，搭载自研芯片                       | ai",
        "扫地机器人销量同比增长三成                               | ai",
        "智能家居展在深圳开幕                                     | ai",
        "He said Thailand's rice exports rose again               | ai",
        "The maid was paid in August                              | ai",
        "Sci-fi film about robots tops the box office             | ai",
        "比特币矿机价格暴涨                                       | ai",
        // farming words inside other words
        "农民工返乡就业                                           | agriculture",
        "种植牙集采价格落地                                       | agriculture",
        "农业银行发布三季度业绩                                   | agriculture",
        "Wind farm project approved off the coast                 | agriculture",
        "Server farms strain the local power grid                 | agriculture",
        "早稻田大学公布招生计划                                   | agriculture",
        "外资蚕食国内市场份额                                     | agriculture",
        "这个度假村的村长是位外国人                               | agriculture",
        "农夫山泉发布半年报，营收同比增长                         | agriculture",
        "柴油车的车用尿素价格上涨                                 | agriculture",
        "鲜花插在牛粪上？网友热议这对夫妻                         | agriculture",
        "中关村科技园区又添新成员                                 | agriculture",
        "演唱会门票被黄牛党炒到上万元                             | agriculture",
        "发布会上出了个小插曲                                     | entertainment",
        "房产经纪人提醒：买房前先查清产权                         | entertainment",
        "商务大咖都在用的笔记本电脑                               | entertainment",
        "市长出席会议并讲话                                       | entertainment",
        "NBA全明星赛投票结果出炉                                  | entertainment",
        // star companies and days
        "明星企业获得新一轮融资                                   | entertainment",
        "3天后将迎来大范围降温                                    | entertainment",
        "国产大模型密集发布，价格战再度升级                       | entertainment",
        "全国春耕备耕有序推进                                     | ai",
      })
  void headlineStaysOutOfCategory(String headline, String excluded) {
    List<String> got = slugs(headline, "");

    assertFalse(got.contains(excluded), () -> headline + " -> " + got + " (evidence: " + classifier.classify(headline, "", List.of()) + ")");
  }

  @Test
  void storyCanBelongToTwoCategories() {
    List<String> got = slugs("人形机器人登上春晚舞台", "");

    assertTrue(got.containsAll(List.of("ai", "entertainment")), got::toString);
  }

  @Test
  void passingBodyMentionDoesNotDecideALongArticle() {
    // One weak agricultural word in an entertainment story must not add agriculture.
    List<String> got = slugs("新片定档国庆", "影片讲述了一个关于成长的故事，片中有一段在农家小院拍摄的戏份。");

    assertTrue(got.contains("entertainment"), got::toString);
    assertFalse(got.contains("agriculture"), got::toString);
  }

  /**
   * 确权 (registering who holds a right) is the land reform's word in farm news, and data
   * markets' word too: 数据确权 is a right to data, not to land, and must not make a story
   * agriculture, while land, contract land and homestead registration stay agriculture, also when
   * the same story names both.
   */
  @ParameterizedTest(name = "[{index}] agriculture={2} <- {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "数据确权难题待解，数据要素市场加速培育     |                                                        | false",
        "专家：数据确权是数据交易的前提             |                                                        | false",
        "首个数据资产确权登记平台上线               |                                                        | false",
        "数据交易所发布新规                         | 新规明确了数据确权、定价和交易流程，企业可在平台完成数据确权。 | false",
        "数据产权确权登记试点启动                   |                                                        | false",
        "农村土地确权登记颁证基本完成               |                                                        | true",
        "承包地确权到户，农民吃上定心丸             |                                                        | true",
        "宅基地确权工作稳步推进                     |                                                        | true",
        "我省深化农村改革                           | 全省已完成承包地确权，宅基地确权登记颁证有序推进，土地确权成果得到应用。 | true",
        "土地确权与数据确权都需要制度保障           |                                                        | true",
      })
  void landRightsAreAgricultureDataRightsAreNot(String headline, String body, boolean agriculture) {
    List<String> got = slugs(headline, body == null ? "" : body);

    assertEquals(agriculture, got.contains("agriculture"),
        () -> headline + " -> " + got + " (scores: " + classifier.score(headline, body == null ? "" : body, List.of()) + ")");
  }

  @ParameterizedTest(name = "[{index}] {1}, not {2} <- {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "王者荣耀战队的主播直播开黑，粉丝围观                     | games    | entertainment",
        "电影里的坦克和战斗机，军迷：导弹和装甲车都是真家伙       | military | entertainment",
      })
  void aWeakMatchLosesToACategoryMatchedTwiceAsStrongly(String headline, String winner, String loser) {
    List<Assignment> scored = classifier.score(headline, "", List.of());
    Assignment weak = scored.stream().filter(a -> a.slug().equals(loser)).findFirst().orElseThrow(() -> new AssertionError(scored.toString()));
    assertTrue(weak.score() >= classifier.threshold(loser), () -> "the weak match reaches its threshold on its own: " + scored);
    List<String> got = slugs(headline, "");
    assertTrue(got.contains(winner) && !got.contains(loser), () -> headline + " -> " + got + " (scores: " + scored + ")");
  }
}
