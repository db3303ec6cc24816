package dev.syndic.clean;

import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Recognises the blocks republishers add around a story and removes them from the cleaned HTML:
 * a "猜你喜欢" / "Related stories" block and everything after it, appended republication
 * disclaimers, the title repeated as the first lines, and byline lines at either end. What stays
 * is the story, which is what readers, partners and duplicate detection see; the publisher's
 * original HTML stays stored untouched.
 */
final class Boilerplate {

  private static final Pattern RELATED_HEADING = Pattern.compile(
      "(?i)^\\s*(猜你喜欢|猜你感兴趣|相关阅读|相关推荐|相关文章|相关新闻|推荐阅读|延伸阅读|热门推荐|热门文章|更多精彩|精彩推荐|为你推荐"
          + "|related(\\s+(stories|articles|posts|news|reading|content))?|you\\s+(may|might)\\s+also\\s+like|more\\s+stories"
          + "|recommended(\\s+for\\s+you)?|read\\s+next|more\\s+from\\s+.{1,40})\\s*[:：]?\\s*$");
  private static final Pattern DISCLAIMER = Pattern.compile(
      "(?i)(特别声明|免责声明|仅提供信息存储空间服务|系信息发布平台|不代表本(站|网|平台)(观点|立场)|如有侵权|版权归原作者"
          + "|the views expressed (here )?are (the author'?s|their) own|only provides storage|does not necessarily (reflect|represent))");
  private static final Pattern BYLINE = Pattern.compile(
      "(?i)^\\s*(来源|作者|编辑|责任编辑|记者|本文转自|转自|原标题|文章来源|source|by|posted by|written by|reporting by)\\s*[:：]?\\s+\\S.{0,60}$");
  private static final int MAX_BOILERPLATE_CHARS = 400;

  private Boilerplate() {}

  /** Removes boilerplate blocks from {@code body} in place. */
  static void strip(Element body, String title) {
    List<Element> blocks = body.children();
    for (int i = 0; i < blocks.size(); i++) {
      if (RELATED_HEADING.matcher(blocks.get(i).text()).matches()) {
        for (Element e : List.copyOf(blocks.subList(i, blocks.size()))) {
          e.remove();
        }
        break;
      }
    }
    for (Element e : List.copyOf(body.children())) {
      String text = e.text();
      if (text.length() <= MAX_BOILERPLATE_CHARS && DISCLAIMER.matcher(text).find()) {
        e.remove();
      }
    }
    String titleKey = key(title);
    String bareTitleKey = key(TitleSuffix.strip(title, body.text()));
    while (!body.children().isEmpty() && !titleKey.isEmpty() && isTitle(key(body.child(0).text()), titleKey, bareTitleKey)) {
      body.child(0).remove();
    }
    removeByline(body, 0);
    removeByline(body, body.children().size() - 1);
  }

  private static boolean isTitle(String line, String title, String bareTitle) {
    return line.equals(title) || line.equals(bareTitle);
  }

  private static void removeByline(Element body, int index) {
    if (index >= 0 && index < body.children().size() && BYLINE.matcher(body.child(index).text()).matches()) {
      body.child(index).remove();
    }
  }

  /** Text reduced to letters and digits, for comparing a line with the title. */
  private static String key(String text) {
    return TextNormalizer.normalize(text).replaceAll("[^\\p{L}\\p{N}]", "");
  }
}
