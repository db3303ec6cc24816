package dev.syndic.ingest;

import dev.syndic.Sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.syndic.entry.EntryStore;
import dev.syndic.parse.ParsedEntry;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityKeysTest {

  private static final Instant MONDAY = Instant.parse("2024-05-06T08:00:00Z");
  private static final Instant TUESDAY = Instant.parse("2024-05-07T08:00:00Z");

  private static ParsedEntry item(String guid, String link, String title, Instant published) {
    return new ParsedEntry(guid, link, title, null, null, null, published, null, List.of());
  }

  private static List<String> keys(ParsedEntry... entries) {
    return IdentityKeys.assign(List.of(entries));
  }

  private static void assertAllDistinct(List<String> keys) {
    assertEquals(keys.size(), new HashSet<>(keys).size(), keys::toString);
  }

  @Test
  void keyIsTheSha256OfTheChosenPartsSoStoredIdsStayStable() {
    // Pinned on purpose: changing the format would give every stored entry a new identity.
    assertEquals(
        List.of("66331a684a097f76092ebd25cac2a5034081be68fd201dc585887d5d46b9e3b8"),
        keys(item("urn:story:1", "https://news.example.cn/a/1.html", "标题", MONDAY)));
    assertEquals(
        List.of("b40c10f4e0e6777eab1c671876a363073fc53a5d7a38304df483404430f28a7d"),
        keys(item(null, "https://news.example.cn/a/1.html", "标题", MONDAY)));
  }

  @Test
  void uniqueGuidsKeyByGuidSoEditsToTitleAndLinkKeepTheKey() {
    List<String> first =
        keys(
            item("urn:story:1", "https://news.example.cn/a/1.html", "初稿标题", MONDAY),
            item("urn:story:2", "https://news.example.cn/a/2.html", "另一篇", MONDAY));
    List<String> edited =
        keys(
            item("urn:story:0", "https://news.example.cn/a/0.html", "新的一篇", TUESDAY),
            item("urn:story:1", "https://news.example.cn/a/1-fixed.html", "修改后的标题", TUESDAY));

    assertEquals(List.of(Sha256.hex("guid:urn:story:1"), Sha256.hex("guid:urn:story:2")), first);
    assertEquals(first.get(0), edited.get(1));
    assertAllDistinct(List.of(first.get(0), first.get(1), edited.get(0)));
  }

  /** A new item reusing an old item's GUID: only the two that share it leave the GUID key. */
  @Test
  void aReusedGuidRekeysOnlyTheItemsThatShareIt() {
    ParsedEntry reused = item("g0", "https://news.example.cn/a/new.html", "新的一篇", TUESDAY);
    ParsedEntry old = item("g0", "https://news.example.cn/a/0.html", "旧的一篇", MONDAY);
    List<String> keys = keys(reused, old, item("g1", "https://news.example.cn/a/1.html", "第二篇", MONDAY),
        item("g2", "https://news.example.cn/a/2.html", "第三篇", MONDAY));

    assertEquals(Sha256.hex("guid+link:g0\nhttps://news.example.cn/a/new.html"), keys.get(0));
    assertEquals(Sha256.hex("guid+link:g0\nhttps://news.example.cn/a/0.html"), keys.get(1));
    assertEquals(List.of(Sha256.hex("guid:g1"), Sha256.hex("guid:g2")), keys.subList(2, 4));
  }

  /**
   * An entry keeps the key it is stored under: the older story of a reused GUID keeps the GUID
   * key, and an entry stored under the document-wide rule of earlier versions keeps its key.
   */
  @Test
  void anEntryKeepsAKeyItIsStoredUnderAndNoTwoEntriesShareOne() {
    ParsedEntry reused = item("g0", "https://news.example.cn/a/new.html", "新的一篇", TUESDAY);
    ParsedEntry old = item("g0", "https://news.example.cn/a/0.html", "旧的一篇", MONDAY);
    ParsedEntry other = item("g1", "https://news.example.cn/a/1.html", "第二篇", MONDAY);
    List<ParsedEntry> feed = List.of(reused, old, other);
    String oldKey = Sha256.hex("guid:g0");
    String otherKeyBefore = Sha256.hex("guid+link:g1\nhttps://news.example.cn/a/1.html");

    // The older story and the other entry are stored with the words they still have.
    List<String> keys = IdentityKeys.choose(feed, IdentityKeys.candidates(feed), java.util.Map.of(oldKey, "words-of-old",
        otherKeyBefore, "words-of-other"), List.of("words-of-new", "words-of-old", "words-of-other"));

    assertEquals(Sha256.hex("guid+link:g0\nhttps://news.example.cn/a/new.html"), keys.get(0), "the new item takes a key of its own");
    assertEquals(oldKey, keys.get(1), "the stored story keeps its key, though the new item is listed first");
    assertEquals(otherKeyBefore, keys.get(2), "an entry keeps the key of the earlier rule");
  }

  /**
   * An item with no GUID and a link every item shares is keyed by its title and date. Its date,
   * in a form Rome could not read ("2024-05-06 16:00"), was no date until FeedDates read it: the
   * item stored (or deleted) then keeps its key, and is neither stored twice nor brought back.
   */
  @Test
  void anItemKeyedByTitleAndDateKeepsTheKeyItHadWhileItsDateWasUnread() {
    ParsedEntry dated = item(null, "https://news.example.cn/", "稻谷开镰", MONDAY);
    ParsedEntry other = item(null, "https://news.example.cn/", "玉米播种", MONDAY);
    List<ParsedEntry> before = List.of(item(null, "https://news.example.cn/", "稻谷开镰", null),
        item(null, "https://news.example.cn/", "玉米播种", null));
    List<String> storedKeys = keys(before.toArray(ParsedEntry[]::new));
    List<ParsedEntry> feed = List.of(dated, other);

    List<String> kept = IdentityKeys.choose(feed, IdentityKeys.candidates(feed), java.util.Map.of(storedKeys.get(0), "words-of-rice"),
        List.of("words-of-rice", "words-of-maize"));

    assertEquals(storedKeys.get(0), kept.get(0), "stored while its date was unread: the same entry");
    assertEquals(keys(dated, other).get(1), kept.get(1), "nothing stored under the old key: the key of its date");
    assertAllDistinct(kept);
  }

  /** A new story with a GUID of its own and an old item's link is a new entry, not an update of that item. */
  @Test
  void aStoredKeyIsNotTakenWithoutTheSameWords() {
    ParsedEntry fresh = item("urn:new", "https://news.example.cn/a/0.html", "另一篇", TUESDAY);
    List<ParsedEntry> feed = List.of(fresh);
    String linkKey = Sha256.hex("link:https://news.example.cn/a/0.html");

    List<String> keys = IdentityKeys.choose(feed, IdentityKeys.candidates(feed), java.util.Map.of(linkKey, "words-of-the-old-item"),
        List.of("words-of-the-new-item"));

    assertEquals(List.of(Sha256.hex("guid:urn:new")), keys);
  }

  @Test
  void sameGuidOnEveryItemKeepsItemsDistinctByLink() {
    List<String> out =
        keys(
            item("https://news.example.cn/", "https://news.example.cn/a/1.html", "一", MONDAY),
            item("https://news.example.cn/", "https://news.example.cn/a/2.html", "二", MONDAY),
            item("https://news.example.cn/", "https://news.example.cn/a/3.html", "三", MONDAY));

    assertAllDistinct(out);
    assertEquals(Sha256.hex("guid+link:https://news.example.cn/\nhttps://news.example.cn/a/1.html"), out.get(0));
    // A retitled item keeps its key on the next poll.
    List<String> next =
        keys(
            item("https://news.example.cn/", "https://news.example.cn/a/1.html", "一（更新）", TUESDAY),
            item("https://news.example.cn/", "https://news.example.cn/a/2.html", "二", MONDAY));
    assertEquals(out.get(0), next.get(0));
    assertEquals(out.get(1), next.get(1));
  }

  @Test
  void sameGuidAndSameLinkOnEveryItemFallsBackToTitleAndDate() {
    List<String> out =
        keys(
            item("x", "https://news.example.cn/", "一", MONDAY),
            item("x", "https://news.example.cn/", "二", MONDAY),
            item("x", "https://news.example.cn/", "三", TUESDAY));

    assertAllDistinct(out);
  }

  @Test
  void noGuidsKeyByLinkSoARetitledItemKeepsItsKey() {
    List<String> first =
        keys(
            item(null, "https://news.example.cn/a/1.html", "初稿", MONDAY),
            item(null, "https://news.example.cn/a/2.html", "另一篇", MONDAY));
    List<String> edited = keys(item(null, "https://news.example.cn/a/1.html", "改过的标题", TUESDAY));

    assertEquals(Sha256.hex("link:https://news.example.cn/a/1.html"), first.get(0));
    assertEquals(first.get(0), edited.get(0));
    assertNotEquals(first.get(0), first.get(1));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "https://news.example.cn/a/1.html?utm_source=rss&utm_medium=feed",
    "https://news.example.cn/a/1.html?fbclid=IwAR0xyz",
    "HTTPS://NEWS.example.cn:443/a/1.html#comments",
    "'  https://news.example.cn/a/1.html?utm_campaign=weekly  '",
  })
  void trackingVariantsOfALinkGiveTheSameKey(String variant) {
    String plain = keys(item(null, "https://news.example.cn/a/1.html", "标题", MONDAY)).get(0);

    assertEquals(plain, keys(item(null, variant, "标题", MONDAY)).get(0));
  }

  @Test
  void trackingVariantsInOneFeedAreOneStory() {
    List<String> out =
        keys(
            item(null, "https://news.example.cn/a/1.html?utm_source=rss", "标题", MONDAY),
            item(null, "https://news.example.cn/a/1.html?utm_source=weibo", "标题", MONDAY));

    assertEquals(out.get(0), out.get(1));
  }

  @Test
  void otherQueryParametersStillTellStoriesApart() {
    List<String> out =
        keys(
            item(null, "https://news.example.cn/show?id=1&utm_source=rss", "一", MONDAY),
            item(null, "https://news.example.cn/show?id=2&utm_source=rss", "二", MONDAY));

    assertEquals(Sha256.hex("link:https://news.example.cn/show?id=1"), out.get(0));
    assertAllDistinct(out);
  }

  @Test
  void noGuidAndNoLinkKeyByTitleAndDate() {
    List<String> first = keys(item(null, null, "今日菜价", MONDAY), item(null, null, "今日猪价", MONDAY));
    List<String> again = keys(item(null, null, "今日菜价", MONDAY));

    assertAllDistinct(first);
    assertEquals(first.get(0), again.get(0));
    assertEquals(Sha256.hex("title+date:今日菜价\n" + MONDAY + "\n\n"), first.get(0));
  }

  @ParameterizedTest(name = "[{index}] guid={0} link={1}")
  @CsvSource({
    ",",
    "urn:same,",
    ",https://news.example.cn/daily",
    "urn:same,https://news.example.cn/daily",
  })
  void itemsIdenticalExceptDatesStayDistinct(String guid, String link) {
    List<String> out =
        keys(
            item(guid, link, "每日简报", MONDAY),
            item(guid, link, "每日简报", TUESDAY),
            item(guid, link, "每日简报", null));

    assertAllDistinct(out);
  }

  @Test
  void linksRepeatingOnEveryItemFallBackToTitleAndDate() {
    List<String> out =
        keys(
            item(null, "https://news.example.cn/", "一", MONDAY),
            item(null, "https://news.example.cn/?utm_source=rss", "二", MONDAY));

    assertAllDistinct(out);
    assertEquals(Sha256.hex("title+date:一\n" + MONDAY + "\n\nhttps://news.example.cn/"), out.get(0));
  }

  @Test
  void itemsWithoutGuidBesideItemsWithGuidUseTheirLink() {
    List<String> out =
        keys(
            item("urn:1", "https://news.example.cn/a/1.html", "一", MONDAY),
            item(null, "https://news.example.cn/a/2.html", "二", MONDAY));

    assertEquals(List.of(Sha256.hex("guid:urn:1"), Sha256.hex("link:https://news.example.cn/a/2.html")), out);
  }

  @Test
  void anItemListedTwiceVerbatimDoesNotRekeyTheRestOfTheFeed() {
    ParsedEntry pinned = item("urn:1", "https://news.example.cn/a/1.html", "置顶", MONDAY);
    ParsedEntry other = item("urn:2", "https://news.example.cn/a/2.html", "二", MONDAY);

    List<String> out = keys(pinned, other, pinned);

    assertEquals(List.of(Sha256.hex("guid:urn:1"), Sha256.hex("guid:urn:2"), Sha256.hex("guid:urn:1")), out);
  }

  @Test
  void descriptionOnlyItemsAreToldApartByTheirWords() {
    List<String> out =
        keys(
            new ParsedEntry(null, null, "", null, "<p>今天稻谷开镰</p>", null, null, null, List.of()),
            new ParsedEntry(null, null, "", null, "<p>明天玉米播种</p>", null, null, null, List.of()));

    assertAllDistinct(out);
  }

  @Test
  void descriptionOnlyItemsSharingOneLinkStayDistinct() {
    List<String> out =
        keys(
            new ParsedEntry(null, "https://news.example.cn/", "", null, null, "<p>今天稻谷开镰</p>", null, null, List.of()),
            new ParsedEntry(null, "https://news.example.cn/", "", null, null, "<p>明天玉米播种</p>", null, null, List.of()),
            item("urn:3", "https://news.example.cn/a/3.html", "三", MONDAY));

    assertAllDistinct(out);
  }

  @Test
  void theSameWordsPostedTwiceWithNothingElseAreTwoPostsWithStableKeys() {
    ParsedEntry post = new ParsedEntry(null, null, "", null, "<p>Song of the night.</p>", null, null, null, List.of());
    ParsedEntry other = new ParsedEntry(null, null, "", null, "<p>Another song.</p>", null, null, null, List.of());
    List<String> first = keys(post, other, post);
    assertAllDistinct(first);
    assertEquals(first, keys(post, other, post), "the same document gives the same keys");
    assertEquals(first.get(0), keys(post).get(0), "the first occurrence keeps the plain key");
  }

  /**
   * An item under a GUID the source never sent takes the key of a stored entry with its words and
   * link (a CMS that stamps its GUIDs on every fetch), not one whose link is the site's home page:
   * a daily bulletin in the same words, under a new GUID each day, is a new post each day.
   */
  @ParameterizedTest
  @CsvSource({
      "https://news.example.cn/a/1.html, true",
      "https://news.example.cn/, false",
  })
  void anItemUnderANewGuidIsTheStoredEntryWithItsWordsAndLinkUnlessThatIsTheHomePage(String link, boolean reclaimed) {
    List<ParsedEntry> feed =
        List.of(item("urn:1?ts=1773734700", link, "快讯", MONDAY), item("urn:2", "https://news.example.cn/a/2.html", "二", MONDAY));
    List<String> keys = keys(feed.toArray(ParsedEntry[]::new));
    EntryStore.Worded stored = new EntryStore.Worded(Sha256.hex("guid:urn:1?ts=1773734400"), "words-of-1", link, false);
    EntryStore.Worded other = new EntryStore.Worded(Sha256.hex("guid:urn:9"), "words-of-2", "https://news.example.cn/a/2.html", false);

    List<String> out = IdentityKeys.reclaim(feed, keys, List.of(0), List.of("words-of-1", "words-of-2"), List.of(other, stored));

    assertEquals(reclaimed ? stored.identityKey() : keys.get(0), out.get(0));
    assertEquals(keys.get(1), out.get(1), "an item not asked about keeps its key");
  }

  @Test
  void emptyFeedHasNoKeys() {
    assertEquals(List.of(), IdentityKeys.assign(List.of()));
  }
}
