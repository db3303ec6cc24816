package dev.syndic.clean;

import dev.syndic.RequiredLiterals;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Takes the "read more" call a summary feed ends with off the story's last block: "…(阅读全文)",
 * "查看全文>>", "Read more", "Continue reading →", "(more…)", and a WordPress excerpt's "[...]",
 * which becomes "…". The ellipsis that marks the cut stays; a link, and a block, left with no text
 * goes. A story may say "read more" itself, so the words count only after the end of a sentence or
 * an ellipsis, in brackets, or alone in their link or block.
 */
final class ReadMoreTail {

  private static final Evaluator MEDIA = QueryParser.parse("img, video, audio");
  private static final Evaluator LINK = QueryParser.parse("a[href]");
  private static final Evaluator ANY_LINK = QueryParser.parse("a");

  private static final String CALL = "(点击)?(阅读|查看|浏览)(全文|原文|全部|更多)|展开全文|全文阅读|继续阅读"
      + "|read\\s+(more|on|the\\s+(full|rest|whole)(\\s+(story|article|post))?|full\\s+(story|article|post))"
      + "|continue\\s+reading|keep\\s+reading|full\\s+story";
  private static final String MARK = "(…+|\\.{2,}|>+|»|›|→|＞+)";
  private static final String OPEN = "[\\[【(（<«〔]";
  private static final String CLOSE = "[\\]】)）>»〕]";
  private static final String TAIL_EXPRESSION = "(\\s*" + OPEN + "\\s*(" + CALL + "|more)\\s*" + MARK + "?\\s*" + CLOSE
      + "|(?<=[.。!！?？…\"”’')）])\\s*(" + CALL + ")\\s*" + MARK + "?|(?<=[.。!！?？…\"”’')）])\\s*more\\s*(»|›|→|>>))\\s*$";
  /** The call at the end of a text: in brackets, or after a sentence's end or an ellipsis. */
  private static final Pattern TAIL = Pattern.compile("(?i)" + TAIL_EXPRESSION);
  /**
   * What the end of a text must hold for {@link #TAIL} to match there (one of the calls' words):
   * most stories' last lines hold none, and the expression was tried at each of their last
   * {@value #SEARCHED} characters (a tenth of preparing an entry, measured in IngestStagesBench).
   */
  static final RequiredLiterals TAIL_REQUIRES = RequiredLiterals.of(TAIL_EXPRESSION);
  /** A text that is nothing but the call: a link's, or a block's. */
  private static final Pattern ALONE = Pattern.compile(
      "(?i)^\\s*" + OPEN + "?\\s*(" + CALL + "|more)\\s*" + MARK + "?\\s*" + CLOSE + "?\\s*$");
  /** An excerpt's "[...]" or "[…]" at the end of a text. */
  private static final Pattern ELIDED = Pattern.compile("\\s*[\\[【(（]\\s*(\\.{3}|…)\\s*[\\]】)）]\\s*$");
  private static final Pattern ENDS_SENTENCE = Pattern.compile("[.。!！?？…]\\s*$");
  /** What a call comes after: the end of a sentence or quotation, or an ellipsis. */
  private static final Pattern LEAD = Pattern.compile("[.。!！?？…\"”’')）]\\s*$");
  /** A block left with an ellipsis and nothing else. */
  private static final Pattern ONLY_ELLIPSIS = Pattern.compile("^[\\s.…]*$");

  private ReadMoreTail() {}

  /** Longer than this, a block's text is not a link's label. */
  private static final int MAX_LABEL = 120;

  /**
   * Takes the call off the last block of {@code blocks} ({@code texts} holds each block's text),
   * and the block with it when nothing else is left in it. A last block that only links to the
   * entry's own page, {@code link}, is its call in any language ("Lue lisää…", "詳しくはこちら")
   * and goes too.
   */
  static void strip(List<Element> blocks, List<String> texts, String link) {
    while (blocks.size() > 1 && linksOnlyTo(blocks.get(blocks.size() - 1), texts.get(texts.size() - 1), link)) {
      blocks.remove(blocks.size() - 1).remove();
      texts.remove(texts.size() - 1);
    }
    if (blocks.isEmpty()) {
      return;
    }
    int last = blocks.size() - 1;
    Element block = blocks.get(last);
    if (!strip(block)) {
      return;
    }
    String text = block.text();
    if (ONLY_ELLIPSIS.matcher(text).matches() && block.select(MEDIA).isEmpty() && blocks.size() > 1) {
      blocks.remove(last).remove();
      texts.remove(last);
    } else {
      texts.set(last, text);
    }
  }

  /**
   * Whether {@code block}'s text is short and all in links to {@code link}, the entry's own page
   * (read in its canonical form only for such a block with links: most last blocks are the
   * story's, and most short ones link nowhere).
   */
  private static boolean linksOnlyTo(Element block, String text, String link) {
    if (link == null || text.isBlank() || text.length() > MAX_LABEL || !block.select(MEDIA).isEmpty()) {
      return false;
    }
    List<Element> links = block.select(LINK);
    if (links.isEmpty()) {
      return false;
    }
    String self = LinkCanonicalizer.canonical(link);
    long linked = 0;
    for (Element a : links) {
      if (!self.equals(LinkCanonicalizer.canonical(a.attr("href")))) {
        return false;
      }
      linked += a.text().length();
    }
    return linked >= text.strip().length();
  }

  /** Takes the call off the end of {@code block}; whether there was one. */
  private static boolean strip(Element block) {
    TextNode node = lastText(block);
    if (node == null) {
      return false;
    }
    String text = node.getWholeText();
    boolean whole = text.length() <= MAX_LABEL && ALONE.matcher(text).matches()
        && (inLinkAfterASentence(node, block) || text.strip().equals(block.text().strip()));
    String kept;
    if (whole) {
      kept = "";
    } else {
      // A call is short: only the text's end is searched, so a run of thousands of blanks in a
      // hostile feed costs no more than a short one (each search starts with a run of blanks).
      String trimmed = text.stripTrailing();
      Matcher tail = atEnd(TAIL.matcher(trimmed), trimmed);
      Matcher elided = atEnd(ELIDED.matcher(trimmed), trimmed);
      if (TAIL_REQUIRES.mayMatch(RequiredLiterals.fold(trimmed.substring(tail.regionStart()))) && tail.find()) {
        kept = trimmed.substring(0, tail.start());
      } else if (elided.find()) {
        String before = trimmed.substring(0, elided.start());
        kept = ENDS_SENTENCE.matcher(before).find() ? before : before + "…";
      } else {
        return false;
      }
    }
    node.text(kept);
    // A link, or an inline element, holding nothing but the call goes with it.
    for (Element e = node.parent(); e != null && e != block && e.text().isBlank() && e.select(MEDIA).isEmpty(); ) {
      Element parent = e.parent();
      e.remove();
      e = parent;
    }
    return true;
  }

  /** Where a call is looked for: the last {@value #SEARCHED} characters of a text without trailing blanks. */
  private static final int SEARCHED = 200;

  private static Matcher atEnd(Matcher m, String text) {
    // Transparent bounds: the look-behind still sees what comes before the searched end.
    return m.region(Math.max(0, text.length() - SEARCHED), text.length()).useTransparentBounds(true);
  }

  /**
   * Whether {@code node} is in a link inside {@code block} that {@link #followsASentence}: looked
   * for only when the node's text is a call, which a story's last text hardly ever is.
   */
  private static boolean inLinkAfterASentence(TextNode node, Element block) {
    Element link = node.parent() == null ? null : node.parent().closest(ANY_LINK);
    return link != null && link != block && followsASentence(link, block);
  }

  /** Whether what comes before {@code link} in {@code block} ends a sentence or an ellipsis, or nothing does. */
  private static boolean followsASentence(Element link, Element block) {
    for (Node n = link; n != null && n != block; n = n.parent()) {
      for (Node before = n.previousSibling(); before != null; before = before.previousSibling()) {
        String text = before instanceof TextNode t ? t.getWholeText() : before instanceof Element e ? e.text() : "";
        if (!text.isBlank()) {
          return LEAD.matcher(text).find();
        }
      }
    }
    return true;
  }

  /** The last text under {@code root} that is not blank, or null. */
  private static TextNode lastText(Element root) {
    List<Node> nodes = root.childNodes();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Node n = nodes.get(i);
      if (n instanceof TextNode t && !t.isBlank()) {
        return t;
      }
      if (n instanceof Element e) {
        TextNode inner = lastText(e);
        if (inner != null) {
          return inner;
        }
        if (!e.select(MEDIA).isEmpty()) {
          return null;
        }
      }
    }
    return null;
  }
}
