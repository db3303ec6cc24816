package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import dev.syndic.support.RawSql;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Categories through the admin API: CRUD, dry run, re-categorizing, corrections, learning. */
@MicronautTest(transactional = false)
class CategoryApiTest extends FeedServerTest {

  @Inject
  RawSql raw;

  @Test
  void createReadUpdateDeleteWithValidation() {
    assertEquals(400, api.call(HttpRequest.POST("/api/v1/categories", Map.of("slug", "Bad Slug"))).code());
    HttpResponse<Map<String, Object>> badRegex = api.call(HttpRequest.POST("/api/v1/categories",
        Map.of("slug", "crud", "rules", Map.of("patterns", Map.of("(unclosed", 2.0)))));
    assertEquals(400, badRegex.code());
    assertEquals("application/problem+json", badRegex.getContentType().orElseThrow().toString());
    assertTrue(String.valueOf(badRegex.getBody(Map.class).orElseThrow().get("detail")).contains("regular expression"));

    HttpResponse<Map<String, Object>> created = api.call(HttpRequest.POST("/api/v1/categories",
        Map.of("slug", "crud", "nameZh", "测试", "nameEn", "Test", "rules", Map.of("terms", Map.of("测试词", 3.0)))));
    assertEquals(201, created.code());
    assertEquals(409, api.call(HttpRequest.POST("/api/v1/categories", Map.of("slug", "crud"))).code());
    assertEquals(400, api.call(HttpRequest.PATCH("/api/v1/categories/crud", Map.of("threshold", -1))).code());
    Map<String, Object> patched = api.body(HttpRequest.PATCH("/api/v1/categories/crud", Map.of("nameEn", "Testing", "threshold", 5)));
    assertEquals("Testing", patched.get("nameEn"));
    assertEquals("测试", patched.get("nameZh"), "patch keeps what it does not name");
    assertEquals(5.0, ((Number) patched.get("threshold")).doubleValue());
    assertEquals(Map.of("测试词", 3.0), ((Map<?, ?>) patched.get("rules")).get("terms"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> all = (List<Map<String, Object>>) api.body(HttpRequest.GET("/api/v1/categories")).get("items");
    assertTrue(all.stream().anyMatch(c -> c.get("slug").equals("crud")) && all.stream().anyMatch(c -> c.get("slug").equals("ai")));
    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/categories/crud")).code());
    assertEquals(404, api.call(HttpRequest.GET("/api/v1/categories/crud")).code());
  }

  /** An expression that backtracks without end would have held request and poller threads for hours. */
  @Test
  void anExpressionThatBacktracksWithoutEndIsRefusedWhereItWouldBeUsed() {
    Map<String, Object> stalling = Map.of("patterns", Map.of("([\\s\\S]*){30}\\d{40}", 5.0));
    HttpResponse<Map<String, Object>> created = api.call(HttpRequest.POST("/api/v1/categories", Map.of("slug", "stall", "rules", stalling)));
    HttpResponse<Map<String, Object>> previewed = api.call(HttpRequest.POST("/api/v1/categories/ai/preview", Map.of("rules", stalling)));
    HttpResponse<Map<String, Object>> patched = api.call(HttpRequest.PATCH("/api/v1/categories/ai", Map.of("rules", stalling)));
    for (HttpResponse<Map<String, Object>> refused : List.of(created, previewed, patched)) {
      assertEquals(400, refused.code());
      assertTrue(String.valueOf(refused.getBody(Map.class).orElseThrow().get("detail")).contains("backtracks too much"),
          String.valueOf(refused.getBody(Map.class)));
    }
    assertEquals(404, api.call(HttpRequest.GET("/api/v1/categories/stall")).code());
  }

  @Test
  void previewShowsWhatARuleChangeAddsAndTheChangeRecategorizesInTheBackground() throws Exception {
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "pottery", "nameZh", "陶艺", "nameEn", "Pottery",
        "rules", Map.of("terms", Map.of("陶瓷", 3.0)))));
    long source = feed("/pottery.xml", new String[] {"p-1", "景德镇陶瓷展开幕", "陶瓷"}, new String[] {"p-2", "拉坯机选购指南", "拉坯"});
    long plain = api.entryId(source, "p-2");
    assertEquals(List.of(), api.categorySlugs(plain));

    Map<String, Object> preview = api.body(HttpRequest.POST("/api/v1/categories/pottery/preview",
        Map.of("rules", Map.of("terms", Map.of("陶瓷", 3.0, "拉坯", 3.0)))));
    assertEquals(1, ((Number) preview.get("addedCount")).intValue(), preview::toString);
    assertEquals(0, ((Number) preview.get("removedCount")).intValue());
    assertEquals("拉坯机选购指南", ((Map<?, ?>) ((List<?>) preview.get("added")).get(0)).get("title"));
    assertEquals(List.of(), api.categorySlugs(plain), "a preview changes nothing");

    api.body(HttpRequest.PATCH("/api/v1/categories/pottery", Map.of("rules", Map.of("terms", Map.of("陶瓷", 3.0, "拉坯", 3.0)))));
    api.awaitRecategorizing();
    assertEquals(List.of("pottery"), api.categorySlugs(plain));
    Map<String, Object> run = api.body(HttpRequest.GET("/api/v1/categories/recategorize"));
    long stored = raw.number("SELECT count(*) FROM entry");
    assertEquals(stored, ((Number) run.get("total")).longValue(), () -> "the run counts what it reads: " + run);
    assertEquals(run.get("total"), run.get("done"), () -> "and reads it all: " + run);
    assertEquals(false, run.get("owed"), () -> "nothing is owed after it: " + run);
    // A change recorded by another instance and not yet re-categorized is owed, whatever this instance's run says.
    raw.number("WITH r AS (UPDATE recategorize_request SET requested = requested + 1 WHERE id = 1 RETURNING 1) SELECT count(*) FROM r");
    Map<String, Object> owing = api.body(HttpRequest.GET("/api/v1/categories/recategorize"));
    assertEquals(List.of("done", true), List.of(owing.get("state"), owing.get("owed")), owing::toString);
    api.body(HttpRequest.POST("/api/v1/categories/recategorize", ""));
    api.awaitRecategorizing();
    assertEquals(false, api.body(HttpRequest.GET("/api/v1/categories/recategorize")).get("owed"));
    Map<?, ?> category = (Map<?, ?>) ((List<?>) api.body(HttpRequest.GET("/api/v1/entries/" + plain)).get("categories")).get(0);
    assertEquals("rule", category.get("origin"));
    assertEquals(List.of("title:拉坯 +6.0"), category.get("evidence"));
  }

  /**
   * Entries an admin decided keep their place whatever the rules say, so a preview does not list
   * them: it would promise gains and losses that saving the rule then does not make.
   */
  @Test
  void previewLeavesOutEntriesAnAdminDecidedAsSavingTheRuleDoes() throws Exception {
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "kiln", "nameZh", "窑", "nameEn", "Kiln",
        "rules", Map.of("terms", Map.of("柴窑", 3.0)))));
    long source = feed("/kiln.xml", new String[] {"k-1", "柴窑烧制记录", "柴窑"}, new String[] {"k-2", "电窑温控器评测", "电窑"},
        new String[] {"k-3", "电窑与气窑对比", "电窑"});
    long kept = api.entryId(source, "k-1");
    long corrected = api.entryId(source, "k-2");
    long refused = api.entryId(source, "k-3");
    assertEquals(List.of("kiln"), api.categorySlugs(kept));
    api.body(HttpRequest.POST("/api/v1/categories/kiln/examples", Map.of("entryId", kept, "positive", true)));
    api.body(HttpRequest.PATCH("/api/v1/entries/" + corrected, Map.of("categories", List.of())));
    api.body(HttpRequest.POST("/api/v1/categories/kiln/examples", Map.of("entryId", refused, "positive", false)));
    Map<String, Object> proposed = Map.of("rules", Map.of("terms", Map.of("电窑", 3.0)));

    Map<String, Object> preview = api.body(HttpRequest.POST("/api/v1/categories/kiln/preview", proposed));

    assertEquals(0, ((Number) preview.get("addedCount")).intValue(), preview::toString);
    assertEquals(0, ((Number) preview.get("removedCount")).intValue(), preview::toString);
    assertEquals(preview.get("before"), preview.get("after"), preview::toString);
    api.body(HttpRequest.PATCH("/api/v1/categories/kiln", proposed));
    api.awaitRecategorizing();
    assertEquals(List.of("kiln"), api.categorySlugs(kept));
    assertEquals(List.of(), api.categorySlugs(corrected));
    assertEquals(List.of(), api.categorySlugs(refused));
  }

  /** Lengths are counted in characters, as the schema's maxLength counts them: an emoji is one, not two. */
  @Test
  void namesAndTermsAreCountedInCharactersNotUtf16Units() {
    String emoji = "\uD83C\uDF3E"; // 🌾, two UTF-16 units
    String name = emoji.repeat(150);
    String term = "稻" + emoji.repeat(150);
    HttpResponse<Map<String, Object>> made = api.call(HttpRequest.POST("/api/v1/categories", Map.of("slug", "harvest-moon", "nameZh", name,
        "threshold", 4, "rules", Map.of("terms", Map.of(term, 3), "patterns", Map.of(), "feedTags", List.of()))));
    assertEquals(201, made.code(), () -> "150 characters (300 UTF-16 units) are within 200: " + made.getBody());
    assertEquals(name, api.body(HttpRequest.GET("/api/v1/categories/harvest-moon")).get("nameZh"));
    HttpResponse<Map<String, Object>> tooLong = api.call(HttpRequest.PATCH("/api/v1/categories/harvest-moon", Map.of("nameZh", emoji.repeat(201))));
    assertEquals(400, tooLong.code());
    assertTrue(String.valueOf(tooLong.getBody(Map.class).orElseThrow().get("detail")).contains("got 201"), () -> "said: " + tooLong.getBody());
    api.call(HttpRequest.DELETE("/api/v1/categories/harvest-moon"));
  }

  /** A subscriber of a feed an admin disabled is told so, not that there is no such category. */
  @Test
  void aDisabledCategorysFeedSaysItIsDisabled() {
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "dormant", "threshold", 4,
        "rules", Map.of("terms", Map.of("休眠", 5), "patterns", Map.of(), "feedTags", List.of()))));
    assertEquals(200, http.toBlocking().exchange(HttpRequest.GET("/feeds/dormant.rss"), String.class).code());

    api.body(HttpRequest.PATCH("/api/v1/categories/dormant", Map.of("enabled", false)));

    HttpClientResponseException off = assertThrows(HttpClientResponseException.class,
        () -> http.toBlocking().exchange(HttpRequest.GET("/feeds/dormant.atom"), String.class));
    assertEquals(404, off.getStatus().getCode());
    assertTrue(off.getResponse().getBody(String.class).orElse("").contains("Category 'dormant' is disabled"),
        () -> "said: " + off.getResponse().getBody(String.class));
    HttpClientResponseException none = assertThrows(HttpClientResponseException.class,
        () -> http.toBlocking().exchange(HttpRequest.GET("/feeds/never-was.atom"), String.class));
    assertTrue(none.getResponse().getBody(String.class).orElse("").contains("No category 'never-was'"));
    api.call(HttpRequest.DELETE("/api/v1/categories/dormant"));
  }

  @Test
  void anAdminCorrectionIsFinal() throws Exception {
    long source = feed("/correct.xml", new String[] {"c-1", "大模型训练成本下降", "人工智能"});
    long id = api.entryId(source, "c-1");
    assertTrue(api.categorySlugs(id).contains("ai"));
    assertEquals(400, api.call(HttpRequest.PATCH("/api/v1/entries/" + id, Map.of("categories", List.of("no-such")))).code());
    assertEquals(404, api.call(HttpRequest.PATCH("/api/v1/entries/999999", Map.of("categories", List.of("ai")))).code());
    Map<String, Object> corrected = api.body(HttpRequest.PATCH("/api/v1/entries/" + id, Map.of("categories", List.of("business"))));
    Map<?, ?> only = (Map<?, ?>) ((List<?>) corrected.get("categories")).get(0);
    assertEquals("business", only.get("slug"));
    assertEquals("admin", only.get("origin"));
    assertEquals(202, api.call(HttpRequest.POST("/api/v1/categories/recategorize", "")).code());
    api.awaitRecategorizing();
    api.poll(source);
    assertEquals(List.of("business"), api.categorySlugs(id), "neither re-categorizing nor polling undoes an admin's decision");
  }

  /** "Entry E is not in ai" takes ai off E at once and for good; its other categories stay the machine's. */
  @Test
  void anExampleHoldsForItsEntryAndCategory() throws Exception {
    long source = feed("/example-holds.xml", new String[] {"x-1", "大模型芯片与手机新品发布", "人工智能大模型与智能手机芯片"});
    long id = api.entryId(source, "x-1");
    assertTrue(api.categorySlugs(id).contains("ai"), () -> "the rules say ai: " + api.categorySlugs(id));
    api.body(HttpRequest.POST("/api/v1/categories/ai/examples", Map.of("entryId", id, "positive", false)));
    assertFalse(api.categorySlugs(id).contains("ai"), "a negative example takes the category off");
    api.body(HttpRequest.POST("/api/v1/categories/health/examples", Map.of("entryId", id, "positive", true)));
    assertTrue(api.categorySlugs(id).contains("health"), "a positive example assigns it");
    assertEquals(202, api.call(HttpRequest.POST("/api/v1/categories/recategorize", "")).code());
    api.awaitRecategorizing();
    api.poll(source);
    List<String> after = api.categorySlugs(id);
    assertFalse(after.contains("ai"), () -> "re-categorizing does not put ai back: " + after);
    assertTrue(after.contains("health"), () -> "nor take health off: " + after);
    Map<?, ?> health = ((List<?>) api.body(HttpRequest.GET("/api/v1/entries/" + id)).get("categories")).stream().map(c -> (Map<?, ?>) c)
        .filter(c -> c.get("slug").equals("health")).findFirst().orElseThrow();
    assertEquals("admin", health.get("origin"));
    api.body(HttpRequest.POST("/api/v1/categories/ai/examples", Map.of("entryId", id, "positive", true)));
    assertTrue(api.categorySlugs(id).contains("ai"), "an admin changes their mind");
  }

  /**
   * A source's default category decides its stored entries too (origin "source"): changing it
   * moves them to the new category's feed, as saving a rule re-decides the entries it concerns;
   * an admin's correction stays.
   */
  @Test
  void changingASourcesCategoryMovesItsStoredEntries() throws Exception {
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "tea", "nameZh", "茶", "nameEn", "Tea")));
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "porcelain", "nameZh", "瓷器", "nameEn", "Porcelain")));
    server.serve("/tea.xml", Fixtures.rss(new String[] {"t-1", "今日茶市", "行情平稳"}, new String[] {"t-2", "茶山游记", "一路风景"}));
    long source = ((Number) api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", server.url("/tea.xml"), "category", "tea"))).get("id"))
        .longValue();
    api.poll(source);
    long moved = api.entryId(source, "t-1");
    long corrected = api.entryId(source, "t-2");
    assertEquals(List.of("tea"), api.categorySlugs(moved));
    api.body(HttpRequest.PATCH("/api/v1/entries/" + corrected, Map.of("categories", List.of("tea"))));

    api.body(HttpRequest.PATCH("/api/v1/sources/" + source, Map.of("category", "porcelain")));
    api.awaitRecategorizing();

    assertEquals(List.of("porcelain"), api.categorySlugs(moved));
    Map<?, ?> category = (Map<?, ?>) ((List<?>) api.body(HttpRequest.GET("/api/v1/entries/" + moved)).get("categories")).get(0);
    assertEquals("source", category.get("origin"));
    assertEquals(List.of("tea"), api.categorySlugs(corrected), "an admin's correction stays");
  }

  /**
   * A correction is the admin's latest word on the whole entry: an example posted for it before,
   * which the correction contradicts, no longer teaches the model (training read it over the
   * correction, so the model learnt the opposite of what the admin last said).
   */
  @Test
  void aCorrectionAfterAnExampleIsWhatTrainingLearns() throws Exception {
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "weaving", "nameZh", "编织", "nameEn", "Weaving")));
    long source = feed("/weaving.xml", new String[] {"w-1", "竹编手艺人的一天", "竹编"});
    long id = api.entryId(source, "w-1");
    assertEquals(201, api.call(HttpRequest.POST("/api/v1/categories/weaving/examples", Map.of("entryId", id, "positive", true))).code());
    api.body(HttpRequest.PATCH("/api/v1/entries/" + id, Map.of("categories", List.of("culture"))));
    assertEquals(List.of("culture"), api.categorySlugs(id));

    Map<String, Object> summary = api.body(HttpRequest.POST("/api/v1/categories/train", ""));

    Map<?, ?> weaving = ((List<?>) summary.get("categories")).stream().map(r -> (Map<?, ?>) r)
        .filter(r -> r.get("slug").equals("weaving")).findFirst().orElseThrow(() -> new AssertionError(summary.toString()));
    assertEquals(0, ((Number) weaving.get("positives")).intValue(), weaving::toString);
    assertTrue(((Number) weaving.get("negatives")).intValue() >= 1, weaving::toString);
    assertEquals(List.of("culture"), api.categorySlugs(id), "training leaves the correction as it is");
    assertEquals(201, api.call(HttpRequest.POST("/api/v1/categories/weaving/examples", Map.of("entryId", id, "positive", true))).code(),
        "an example after the correction is a new one");
    assertEquals(List.of("culture", "weaving"), api.categorySlugs(id).stream().sorted().toList());
  }

  @Test
  void examplesTeachTheModelAndTrainingRecategorizesStoredEntries() throws Exception {
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "garden", "nameZh", "园艺", "nameEn", "Gardening")));
    String[] garden = {"玫瑰花园修剪", "花园里的玫瑰", "修剪月季的技巧", "阳台花园种月季", "玫瑰施肥修剪", "月季花园开放", "花园玫瑰盛开", "如何修剪花园",
        "月季玫瑰养护", "花园养护月季"};
    String[] other = {"股市大涨", "球队赢得比赛", "新款手机发布", "央行调整利率", "足球联赛开赛", "手机芯片升级", "基金经理看好股市", "篮球比赛加时",
        "油价下调", "暴雨预警发布"};
    List<String[]> items = new ArrayList<>();
    for (int i = 0; i < garden.length; i++) {
      items.add(new String[] {"g-" + i, garden[i], garden[i]});
      items.add(new String[] {"o-" + i, other[i], other[i]});
    }
    items.add(new String[] {"new-1", "阳台玫瑰花园的修剪窍门", "阳台玫瑰花园的修剪窍门"});
    long source = feed("/garden.xml", items.toArray(String[][]::new));
    Map<String, Long> ids = new java.util.HashMap<>();
    ((List<?>) api.body(HttpRequest.GET("/api/v1/entries?limit=100&source=" + source)).get("items"))
        .forEach(e -> ids.put((String) ((Map<?, ?>) e).get("guid"), ((Number) ((Map<?, ?>) e).get("id")).longValue()));
    long unseen = ids.get("new-1");
    assertEquals(List.of(), api.categorySlugs(unseen));

    assertEquals(404, api.call(HttpRequest.POST("/api/v1/categories/garden/examples", Map.of("entryId", 999999, "positive", true))).code());
    assertEquals(404, api.call(HttpRequest.POST("/api/v1/categories/nothing/examples", Map.of("entryId", unseen, "positive", true))).code());
    assertEquals(400, api.call(HttpRequest.POST("/api/v1/categories/garden/examples", Map.of("entryId", unseen))).code());
    for (int i = 0; i < garden.length; i++) {
      assertEquals(201, api.call(HttpRequest.POST("/api/v1/categories/garden/examples", Map.of("entryId", ids.get("g-" + i), "positive", true))).code());
      assertEquals(201, api.call(HttpRequest.POST("/api/v1/categories/garden/examples", Map.of("entryId", ids.get("o-" + i), "positive", false))).code());
    }
    assertEquals(200, api.call(HttpRequest.POST("/api/v1/categories/garden/examples", Map.of("entryId", ids.get("o-0"), "positive", false))).code());

    Map<String, Object> summary = api.body(HttpRequest.POST("/api/v1/categories/train", ""));
    assertTrue(((Number) summary.get("recategorized")).longValue() >= 21, summary::toString);
    Map<?, ?> entry = api.body(HttpRequest.GET("/api/v1/entries/" + unseen));
    Map<?, ?> category = (Map<?, ?>) ((List<?>) entry.get("categories")).stream().filter(c -> ((Map<?, ?>) c).get("slug").equals("garden"))
        .findFirst().orElseThrow(() -> new AssertionError("not learned: " + entry + " / " + summary));
    assertEquals("model", category.get("origin"));
    assertTrue(((List<?>) category.get("evidence")).stream().anyMatch(e -> ((String) e).startsWith("ngram:")), category::toString);
  }

  /**
   * A deleted category's trained model goes with it, as its examples do: a category created again
   * under the same slug (another subject, its own examples to come) was decided by the old model
   * until the next training.
   */
  @Test
  void aDeletedCategorysModelDoesNotDecideForOneCreatedAgainUnderItsSlug() throws Exception {
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "bonsai", "nameZh", "盆景", "nameEn", "Bonsai")));
    String[] bonsai = {"盆景松柏造型", "松柏盆景的苔藓", "苔藓盆景养护", "盆景造型入门", "小叶紫檀盆景造型", "松柏盆景上盆", "盆景苔藓铺面", "盆景松柏换盆",
        "造型盆景的松柏", "盆景苔藓与松柏"};
    String[] other = {"地铁新线开通", "机场航班延误", "高考报名开始", "房贷利率下调", "电影票房创新高", "新能源车销量", "游戏版号发放", "医院门诊改革",
        "博物馆夜场开放", "考古发现古城"};
    List<String[]> items = new ArrayList<>();
    for (int i = 0; i < bonsai.length; i++) {
      items.add(new String[] {"b-" + i, bonsai[i], bonsai[i]});
      items.add(new String[] {"n-" + i, other[i], other[i]});
    }
    items.add(new String[] {"b-new", "松柏盆景造型与苔藓", "松柏盆景造型与苔藓"});
    long source = feed("/bonsai.xml", items.toArray(String[][]::new));
    for (int i = 0; i < bonsai.length; i++) {
      api.body(HttpRequest.POST("/api/v1/categories/bonsai/examples", Map.of("entryId", api.entryId(source, "b-" + i), "positive", true)));
      api.body(HttpRequest.POST("/api/v1/categories/bonsai/examples", Map.of("entryId", api.entryId(source, "n-" + i), "positive", false)));
    }
    long unseen = api.entryId(source, "b-new");
    Map<String, Object> summary = api.body(HttpRequest.POST("/api/v1/categories/train", ""));
    assertTrue(api.categorySlugs(unseen).contains("bonsai"), () -> "the model decides for the category: " + summary);

    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/categories/bonsai")).code());
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "bonsai", "nameZh", "盆栽", "nameEn", "Potted plants")));
    api.awaitRecategorizing();

    assertFalse(api.categorySlugs(unseen).contains("bonsai"), () -> "the old category's model decided the new one: " + api.categorySlugs(unseen));
  }
}
