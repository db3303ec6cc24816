package dev.syndic.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Content;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rome's model to ours, on wire feeds built in code so each rule is seen on its own. */
class RomeMappingTest {

  private static Channel channel(Item... items) {
    Channel channel = new Channel("rss_2.0");
    channel.setTitle("c");
    channel.setLink("https://c.example.com/");
    channel.setDescription("d");
    channel.setItems(new ArrayList<>(List.of(items)));
    return channel;
  }

  private static Item item(String title, String link, String guid) {
    Item item = new Item();
    item.setTitle(title);
    item.setLink(link);
    if (guid != null) {
      Guid g = new Guid();
      g.setValue(guid);
      g.setPermaLink(false);
      item.setGuid(g);
    }
    return item;
  }

  private static ParsedFeed map(com.rometools.rome.feed.WireFeed wire) {
    return RomeMapping.toParsedFeed(new SyndFeedImpl(wire, true), "UTF-8", List.of("a repair"));
  }

  @Test
  void channelFieldsAndTtl() {
    Channel channel = channel(item("t", "https://c.example.com/1", "g1"));
    channel.setTtl(30);
    channel.setLanguage("zh-cn");

    ParsedFeed feed = map(channel);

    assertEquals("c", feed.title());
    assertEquals("https://c.example.com/", feed.link());
    assertEquals("zh-cn", feed.language());
    assertEquals(30, feed.ttlMinutes());
    assertEquals("UTF-8", feed.charset());
    assertEquals(List.of("a repair"), feed.repaired());
  }

  @Test
  void noTtlIsNull() {
    assertNull(map(channel()).ttlMinutes());
  }

  @Test
  void guidIsTheWireGuidNotRomesUri() {
    ParsedFeed feed = map(channel(item("with", "https://c.example.com/1", "id-1"), item("without", "https://c.example.com/2", null)));

    assertEquals("id-1", feed.entries().get(0).guid());
    assertNull(feed.entries().get(1).guid());
    assertEquals("https://c.example.com/2", feed.entries().get(1).link());
  }

  @Test
  void firstNonBlankContentWins() {
    Item item = item("t", "https://c.example.com/1", "g");
    Content content = new Content();
    content.setValue("<p>body</p>");
    item.setContent(content);
    SyndFeed synd = new SyndFeedImpl(channel(item), true);
    SyndEntry entry = synd.getEntries().get(0);
    List<SyndContent> contents = new ArrayList<>();
    SyndContent blank = new SyndContentImpl();
    blank.setValue("  ");
    contents.add(blank);
    contents.addAll(entry.getContents());
    entry.setContents(contents);

    ParsedEntry mapped = RomeMapping.toParsedFeed(synd, "UTF-8", List.of()).entries().get(0);

    assertEquals("<p>body</p>", mapped.contentHtml());
  }

  @Test
  void atomIdIsTheGuidAndTheAlternateLinkTheSite() {
    Feed atom = new Feed("atom_1.0");
    atom.setTitle("a");
    atom.setId("urn:feed");
    Link self = new Link();
    self.setRel("self");
    self.setHref("https://a.example.com/feed.atom");
    Link alternate = new Link();
    alternate.setRel("alternate");
    alternate.setHref("https://a.example.com/");
    atom.setOtherLinks(new ArrayList<>(List.of(self)));
    atom.setAlternateLinks(new ArrayList<>(List.of(alternate)));
    Entry entry = new Entry();
    entry.setId("tag:a.example.com,2026:1");
    entry.setTitle("e");
    atom.setEntries(new ArrayList<>(List.of(entry)));

    ParsedFeed feed = map(atom);

    assertEquals("https://a.example.com/", feed.link());
    assertEquals("tag:a.example.com,2026:1", feed.entries().get(0).guid());
    assertNull(feed.ttlMinutes());
  }
}
