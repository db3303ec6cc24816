package dev.syndic.clean;

import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Finds where a "猜你喜欢" / "Related stories" block starts. Most headings of such blocks head
 * nothing else ("相关阅读", "You may also like"); a few also head a part of the story ("More from
 * the interview", "Related", "Recommended"), and they start a related block only when what follows
 * is mostly links, list items or short lines (the other stories' headlines), not sentences.
 */
final class RelatedBlock {

  private static final Evaluator INNERMOST_ITEM = QueryParser.parse("li:not(:has(li))");
  private static final Evaluator LINK = QueryParser.parse("a");

  private static final Pattern HEADING = Pattern.compile(
      "(?i)^\\s*(猜你喜欢|猜你感兴趣|相关阅读|相关推荐|相关文章|相关新闻|推荐阅读|延伸阅读|热门推荐|热门文章|更多精彩|精彩推荐|为你推荐"
          + "|related\\s+(stories|articles|posts|news|reading|content)|you\\s+(may|might)\\s+also\\s+like|more\\s+stories"
          + "|recommended\\s+for\\s+you|read\\s+next)\\s*[:：]?\\s*$");
  private static final Pattern AMBIGUOUS_HEADING =
      Pattern.compile("(?i)^\\s*(related|recommended|more\\s+from\\s+.{1,40})\\s*[:：]?\\s*$");
  /** Longer than this, a line is not a headline. */
  private static final int MAX_HEADLINE = 100;
  /** "Ends a sentence": a story's paragraph does, a headline rarely. */
  private static final Pattern SENTENCE_END = Pattern.compile("[.。!！?？…]['\"’”』」)）]*\\s*$");

  private RelatedBlock() {}

  /**
   * The index of the block that starts a related block, which runs to the end of the body; -1 when
   * there is none. {@code texts} holds each block's text.
   */
  static int start(List<Element> blocks, List<String> texts) {
    for (int i = 0; i < blocks.size(); i++) {
      String text = texts.get(i);
      if (HEADING.matcher(text).matches()
          || (AMBIGUOUS_HEADING.matcher(text).matches() && isMostlyHeadlines(blocks.subList(i + 1, blocks.size())))
          || opensWithHeading(blocks.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether a block is a container whose first block is a heading that heads nothing else
   * ({@code <div class="related"><h3>相关阅读</h3><ul>…</ul></div>}): sites often put the whole
   * related list in its own container.
   */
  private static boolean opensWithHeading(Element block) {
    // Its elements counted in the same walk: jsoup's childrenSize() builds and caches the list of a
    // block's child elements (under a lock, in the block's attributes), for every block of every
    // story, where nearly all have text of their own and are no such container.
    int elements = 0;
    for (Node node : block.childNodes()) {
      if (node instanceof TextNode text && !text.isBlank()) {
        return false;
      }
      elements += node instanceof Element ? 1 : 0;
    }
    return elements >= 2 && HEADING.matcher(block.child(0).text()).matches();
  }

  /**
   * Whether at least two thirds of the text of {@code blocks} is in links, headlines or other
   * boilerplate lines; true when they have no text (a heading at the end, or images after it).
   */
  private static boolean isMostlyHeadlines(List<Element> blocks) {
    long all = 0;
    long headlines = 0;
    for (Element block : blocks) {
      // A list is judged item by item: one long item among headlines does not make it a story.
      List<Element> items = block.select(INNERMOST_ITEM);
      List<Element> units = items.isEmpty() ? List.of(block) : items;
      for (Element unit : units) {
        String text = unit.text();
        all += text.length();
        headlines += isHeadline(unit, text) ? text.length() : 0;
      }
    }
    return headlines * 3 >= all * 2;
  }

  /**
   * Whether a block or list item reads as another story's headline: a third or more of it linked
   * (a headline link with its teaser, {@code <a>这三种早餐最伤胃</a><br>营养师提醒：…。}), a short line
   * that ends no sentence, or a byline or disclaimer.
   */
  private static boolean isHeadline(Element unit, String text) {
    long linked = unit.select(LINK).stream().mapToLong(a -> a.text().length()).sum();
    return linked * 3 >= text.length()
        || (text.length() <= MAX_HEADLINE && !SENTENCE_END.matcher(text).find())
        || Byline.is(text)
        || (text.length() <= Boilerplate.MAX_BOILERPLATE_CHARS && Boilerplate.isDisclaimer(text));
  }
}
