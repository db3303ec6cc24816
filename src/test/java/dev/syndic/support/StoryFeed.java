package dev.syndic.support;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * RSS 2.0 feeds of stories that are all different from one another (titles and bodies of random
 * made-up words), so that every entry stays in a cluster of its own: a test can count entries and
 * clusters and expect exactly what was served.
 */
public final class StoryFeed {

  private StoryFeed() {}

  /** Feed {@code name} with {@code entries} items whose guids are {@code name-0 .. name-(entries-1)}. */
  public static byte[] rss(String name, int entries) {
    SplittableRandom random = new SplittableRandom(name.hashCode());
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Feed ")
        .append(name).append("</title><link>https://").append(name).append(".example.com/</link><description>stories</description>\n");
    for (int i = 0; i < entries; i++) {
      String guid = name + "-" + i;
      xml.append("<item><guid>").append(guid).append("</guid><title>").append(words(random, 8)).append("</title><link>https://")
          .append(name).append(".example.com/").append(guid).append("</link><description>").append(words(random, 60))
          .append("</description><pubDate>Tue, 17 Mar 2026 ").append(String.format("%02d:%02d", i / 60 % 24, i % 60))
          .append(":00 GMT</pubDate></item>\n");
    }
    return xml.append("</channel></rss>\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String words(SplittableRandom random, int count) {
    StringBuilder b = new StringBuilder();
    for (int w = 0; w < count; w++) {
      if (w > 0) {
        b.append(' ');
      }
      int length = 4 + random.nextInt(6);
      for (int c = 0; c < length; c++) {
        b.append((char) ('a' + random.nextInt(26)));
      }
    }
    return b.toString();
  }
}
