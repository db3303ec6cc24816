package dev.syndic.bench;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Realistic RSS 2.0 feeds, generated: Chinese, English and mixed channels, HTML bodies of about 1
 * to 3 KB with links, images and emphasis, categories, authors and dates. Every story is unique
 * (random word sequences over a large vocabulary, so no two entries look like duplicates), and a
 * feed is a pure function of its name and index, so a server can make it on demand.
 */
public final class SyntheticFeeds {

  private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT);
  private static final ZonedDateTime BASE = ZonedDateTime.of(2026, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  // Common characters; two drawn at random make a word, so the vocabulary is about 170,000 words.
  private static final String HANZI =
      "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
          + "十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表"
          + "间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革"
          + "位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理";
  private static final String[] ZH_TOPICS = {"人工智能", "大模型", "粮食", "春耕", "电影", "综艺", "芯片", "新能源", "医保", "高铁"};
  private static final String[] EN_WORDS = (
      "the of and to in for on with as by at from that this which market city council report study data model farmers harvest crop "
          + "wheat corn rice rain weather film series actor director festival album concert chip software cloud network startup "
          + "investors quarter revenue growth policy minister election court ruling hospital patients vaccine research university "
          + "students teachers school energy solar wind battery electric vehicle railway airport port shipping trade export import "
          + "prices inflation bank rates loan housing rent workers union strike factory output supply chain river flood drought "
          + "forest wildlife climate emissions carbon ocean space launch satellite rocket telescope planet museum exhibition artist "
          + "novel author library league match coach player season final record fans stadium team transfer injury recovery "
          + "officials said announced expected reported according plans new first last year week month local national global "
          + "early late strong weak higher lower rising falling record major minor small large public private open closed")
      .split(" ");
  private static final String[] EN_TOPICS = {"AI", "language model", "farmers", "harvest", "movie", "box office", "semiconductor",
      "solar power", "hospital", "railway"};

  private SyntheticFeeds() {}

  /** Feed {@code index} of the corpus {@code name}: {@code entries} items, about 1-3 KB of body each. */
  public static byte[] feed(String name, int index, int entries) {
    return feed(name, index, entries, false);
  }

  /**
   * Feed {@code index} of the corpus {@code name} as it is first fetched ({@code later} false), or
   * on a later fetch, with one new item on top and the oldest gone: the other items are the same.
   */
  public static byte[] feed(String name, int index, int entries, boolean later) {
    SplittableRandom random = new SplittableRandom(name.hashCode() * 1_000_003L + index);
    int kind = index % 3; // 0: Chinese, 1: English, 2: mixed items
    StringBuilder xml = new StringBuilder(entries * 2600 + 600);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n")
        .append("<channel><title>").append(kind == 1 ? "Bench Daily " : "基准日报 ").append(name).append(' ').append(index).append("</title>\n")
        .append("<link>https://").append(name).append(index).append(".example.com/</link>\n")
        .append("<description>").append(kind == 1 ? "News from a synthetic newsroom" : "合成新闻编辑部的新闻").append("</description>\n")
        .append("<language>").append(kind == 1 ? "en" : "zh-cn").append("</language><ttl>30</ttl>\n");
    // Items are drawn newest first, one more than a fetch shows, so both fetches draw the same ones.
    for (int k = 0; k <= entries; k++) {
      StringBuilder item = (later ? k < entries : k > 0) ? xml : new StringBuilder();
      int i = entries - k; // numbered oldest first
      boolean chinese = kind == 0 || (kind == 2 && i % 2 == 0);
      String id = name + "-" + index + "-" + i;
      String title = chinese ? zhTitle(random, i) : enTitle(random, i);
      item.append("<item><title>").append(title).append("</title>\n")
          .append("<link>https://").append(name).append(index).append(".example.com/story/").append(id).append("?utm_source=rss</link>\n")
          .append("<guid isPermaLink=\"false\">").append(id).append("</guid>\n")
          .append("<pubDate>").append(RFC_822.format(BASE.plusMinutes(index * 97L + i * 13L))).append("</pubDate>\n")
          .append("<dc:creator>").append(chinese ? "记者" + word(random) : "Reporter " + EN_WORDS[random.nextInt(EN_WORDS.length)]).append("</dc:creator>\n")
          .append("<category>").append(chinese ? ZH_TOPICS[random.nextInt(ZH_TOPICS.length)] : EN_TOPICS[random.nextInt(EN_TOPICS.length)]).append("</category>\n")
          .append("<description><![CDATA[").append(body(random, chinese, id)).append("]]></description></item>\n");
    }
    xml.append("</channel></rss>\n");
    return xml.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String zhTitle(SplittableRandom r, int i) {
    StringBuilder s = new StringBuilder();
    if (r.nextInt(3) == 0) {
      s.append(ZH_TOPICS[r.nextInt(ZH_TOPICS.length)]);
    }
    for (int w = 0; w < 6; w++) {
      s.append(word(r));
    }
    return s.append(' ').append(word(r)).append(word(r)).append(i).toString();
  }

  private static String enTitle(SplittableRandom r, int i) {
    StringBuilder s = new StringBuilder();
    if (r.nextInt(3) == 0) {
      s.append(EN_TOPICS[r.nextInt(EN_TOPICS.length)]).append(' ');
    }
    for (int w = 0; w < 8; w++) {
      String word = EN_WORDS[r.nextInt(EN_WORDS.length)];
      s.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word).append(' ');
    }
    return s.append("no. ").append(r.nextInt(1_000_000)).append('-').append(i).toString();
  }

  /** An HTML body of 1,000 to 3,000 UTF-8 bytes. */
  private static String body(SplittableRandom r, boolean chinese, String id) {
    int target = 1000 + r.nextInt(2000);
    StringBuilder html = new StringBuilder(target + 200);
    html.append("<p><img src=\"https://img.example.com/").append(id).append(".jpg\" alt=\"\"/></p>");
    int bytes = html.length();
    while (bytes < target) {
      StringBuilder p = new StringBuilder("<p>");
      int sentences = 2 + r.nextInt(3);
      for (int s = 0; s < sentences; s++) {
        if (chinese) {
          int words = 6 + r.nextInt(10);
          for (int w = 0; w < words; w++) {
            p.append(word(r));
            if (w == 3 && r.nextInt(6) == 0) {
              p.append(ZH_TOPICS[r.nextInt(ZH_TOPICS.length)]);
            }
          }
          p.append(r.nextInt(4) == 0 ? "，" : "。");
        } else {
          int words = 10 + r.nextInt(12);
          for (int w = 0; w < words; w++) {
            p.append(w == 0 ? "" : " ").append(EN_WORDS[r.nextInt(EN_WORDS.length)]);
          }
          p.append(". ");
        }
      }
      if (r.nextInt(3) == 0) {
        p.append(" <a href=\"https://example.com/ref/").append(r.nextInt(1_000_000)).append("\">")
            .append(chinese ? "相关阅读" : "read more").append("</a>");
      }
      if (r.nextInt(4) == 0) {
        p.append(" <strong>").append(chinese ? word(r) + word(r) : EN_WORDS[r.nextInt(EN_WORDS.length)]).append("</strong>");
      }
      p.append("</p>");
      bytes += p.toString().getBytes(StandardCharsets.UTF_8).length;
      html.append(p);
    }
    return html.toString();
  }

  /**
   * {@code chars} Chinese characters from the generator's set, a comma or full stop about every
   * twenty: drawn uniformly, or ({@code skewed}) with the k-th character of the set k times rarer
   * than the first, the way character frequencies in real text fall off.
   */
  static String chineseText(SplittableRandom r, int chars, boolean skewed) {
    double harmonic = 0;
    for (int k = 1; k <= HANZI.length(); k++) {
      harmonic += 1.0 / k;
    }
    StringBuilder s = new StringBuilder(chars + chars / 10);
    for (int i = 0; i < chars; i++) {
      int k = 0;
      if (skewed) {
        double u = r.nextDouble() * harmonic;
        while (k < HANZI.length() - 1 && (u -= 1.0 / (k + 1)) > 0) {
          k++;
        }
      } else {
        k = r.nextInt(HANZI.length());
      }
      s.append(HANZI.charAt(k));
      if (r.nextInt(20) == 0) {
        s.append(r.nextBoolean() ? '，' : '。');
      }
    }
    return s.toString();
  }

  private static String word(SplittableRandom r) {
    return "" + HANZI.charAt(r.nextInt(HANZI.length())) + HANZI.charAt(r.nextInt(HANZI.length()));
  }
}
