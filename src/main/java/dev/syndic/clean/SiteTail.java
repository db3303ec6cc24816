package dev.syndic.clean;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Takes the furniture a portal or blog platform glues to the end of a story off its last block: a
 * call to comment ("…。我要评论", "Leave a comment"), a pointer to the site's channels ("更多信息请访问：
 * 新浪四六级频道 四六级论坛"), the site's labelled notice ("特别说明：…所提供的信息仅供参考，…以权威部门公布的为准。"),
 * and a blog's bracketed links to the post and its trackback ("(浏览全文 引用此文)"). Such words
 * are the site's, not the story's, and name it to a partner's readers; in the feeds of these sites
 * they share the story's last paragraph, so a block-by-block judgement never saw them.
 *
 * <p>Each is recognised only at the very end, and only as the site words it: a call to comment or
 * to visit after the end of a sentence (a first-person "我要评论" anywhere, as no story's sentence
 * ends so), a notice only with its label and a phrase that disclaims or reserves the site's rights
 * ("仅供参考", "转载请注明出处", "不代表本站观点"). A story that says its figures are "仅供参考" or
 * that someone "拒绝发表评论。" keeps its words.
 */
final class SiteTail {

  private static final Evaluator MEDIA = QueryParser.parse("img, video, audio");

  /** The start of the block, or what ends a sentence or a bracketed aside, or a blank: what a site's call follows. */
  private static final String AFTER = "(?:^|(?<=[.。!！?？…\"”’')）\\]】>»\\s\\u00A0\\u3000]))";
  /** A blank, the no-break and ideographic spaces included, which feeds put between such links. */
  private static final String BLANK = "[\\s\\u00A0\\u3000]";
  private static final Pattern COMMENT = Pattern.compile(
      "(?i)(" + BLANK + "*[\\[【(（]?\\s*(我要评论|我来说两句|我也说两句|我要发言)\\s*[\\]】)）]?"
          + "|" + AFTER + "\\s*[\\[【(（]?\\s*(发表评论|参与评论|查看评论|网友评论|进入评论|评论\\s*[(（]?\\s*\\d+\\s*[)）]?"
          + "|leave\\s+a\\s+(comment|reply)|add\\s+(a|your)\\s+comment|post\\s+a\\s+comment|join\\s+the\\s+(discussion|conversation))"
          + "\\s*[\\]】)）]?)\\s*(>>|»|›|→)?\\s*$");
  private static final Pattern CHANNELS = Pattern.compile(
      AFTER + "\\s*更多(信息|资讯|精彩|内容|详情|新闻|报道)*\\s*[，,]?\\s*(请|敬请|欢迎)(访问|登录|登陆|关注|进入|浏览|点击)"
          + "[^。！？!?]{0,80}$");
  // "声明：" alone also labels a story's quoted statement, so it counts only after a sentence's end
  // or a writer's credit ("罗小麦/文声明：…").
  private static final Pattern NOTICE = Pattern.compile(
      "((" + AFTER + "|(?<=[/／][文图]))" + BLANK + "*[【\\[(（]?\\s*声明|[【\\[(（]?\\s*(特别说明|特别提示|特别声明|免责声明|版权声明))\\s*[】\\])）]?\\s*[:：][^\\n]{0,300}$");
  /** What a site's notice says that a story's sentence labelled so hardly ever does. */
  private static final Pattern DISCLAIMS = Pattern.compile(
      "仅供参考|仅供读者参考|独家稿件|转载请注明|版权所有|未经.{0,8}(许可|授权)|" + Boilerplate.DISCLAIMER.pattern(), Pattern.CASE_INSENSITIVE);
  private static final String BLOG_LINK = "(阅读|浏览|查看)(全文|原文)|引用此文|引用通告|引用\\s*\\(?\\d*\\)?|评论\\s*\\(?\\d*\\)?|阅读\\s*\\(?\\d+\\)?|收藏|trackback|permalink|comments?\\s*\\(?\\d*\\)?";
  private static final Pattern BLOG_FOOTER = Pattern.compile(
      "(?i)" + BLANK + "*[(（\\[]" + BLANK + "*(" + BLOG_LINK + ")(" + BLANK + "*[|｜·/]?" + BLANK + "*(" + BLOG_LINK + "))+" + BLANK + "*[)）\\]]" + BLANK + "*$");
  private static final Pattern[] TAILS = {COMMENT, CHANNELS, NOTICE, BLOG_FOOTER};

  /** How much of the end of a block is searched: each tail is short. */
  private static final int SEARCHED = 400;
  /** What is read before the searched end, for the character a tail must follow. */
  private static final int CONTEXT = 8;
  /** The most tails taken off one story. */
  private static final int MAX_TAILS = 8;

  private SiteTail() {}

  /**
   * Takes the site's tails off the last block with text of {@code blocks}, the children of
   * {@code story} ({@code texts} holds each block's text, kept in step), and the block with them
   * when nothing else is left in it, then looks at the block before; never takes the body's only
   * block whole. A story whose text is not all in blocks (a blog's lines between {@code <br>}) is
   * read as one block.
   */
  static void strip(Element story, List<Element> blocks, List<String> texts) {
    if (hasOwnText(story)) {
      stripInline(story, blocks, texts);
      return;
    }
    int last = Boilerplate.lastWithText(texts);
    while (last >= 0 && stripBlock(blocks, texts, last) && blocks.size() > 1) {
      last = Boilerplate.lastWithText(texts);
    }
  }

  /** Takes the tails off block {@code i}; whether it went whole. */
  private static boolean stripBlock(List<Element> blocks, List<String> texts, int i) {
    String end = texts.get(i).substring(Math.max(0, texts.get(i).length() - SEARCHED));
    if (!mayHoldAny(end)) {
      return false;
    }
    Element block = blocks.get(i);
    List<TextNode> nodes = new ArrayList<>();
    collect(block, nodes);
    String whole = joined(nodes);
    int kept = kept(whole);
    if (kept == whole.length()) {
      return false;
    }
    if (isBlank(whole.substring(0, kept)) && block.select(MEDIA).isEmpty()) {
      if (blocks.size() > 1) {
        blocks.remove(i).remove();
        texts.remove(i);
        return true;
      }
      return false;
    }
    cutAt(nodes, kept, block);
    texts.set(i, block.text());
    return false;
  }

  /**
   * Takes the tails off the end of {@code story}'s text read as one, unless nothing would be left,
   * and brings {@code blocks} and {@code texts} in step with what stays.
   */
  private static void stripInline(Element story, List<Element> blocks, List<String> texts) {
    List<TextNode> nodes = new ArrayList<>();
    collect(story, nodes);
    String whole = joined(nodes);
    if (!mayHoldAny(whole.substring(Math.max(0, whole.length() - SEARCHED)))) {
      return;
    }
    int kept = kept(whole);
    if (kept == whole.length() || isBlank(whole.substring(0, kept))) {
      return;
    }
    cutAt(nodes, kept, story);
    for (int i = blocks.size() - 1; i >= 0; i--) {
      if (blocks.get(i).parent() != story) {
        blocks.remove(i);
        texts.remove(i);
      } else {
        texts.set(i, blocks.get(i).text());
      }
    }
  }

  /**
   * How many characters of {@code whole} are left once the tails at its end are taken off. Each
   * search reads a window of its last {@value #SEARCHED} characters (with a few before it for what
   * a tail must follow), and at most {@value #MAX_TAILS} tails go: a hostile feed's megabyte of
   * "我要评论" costs no more than a portal's two or three.
   */
  private static int kept(String whole) {
    int kept = whole.length();
    // Portals stack them: "…。更多信息请访问：…频道 特别说明：…为准。我要评论".
    for (int cuts = 0; cuts < MAX_TAILS; cuts++) {
      int from = Math.max(0, kept - SEARCHED - CONTEXT);
      String window = whole.substring(from, kept);
      int at = -1;
      for (int t = 0; t < TAILS.length && at < 0; t++) {
        at = tailStart(t, window);
      }
      if (at < 0) {
        break;
      }
      kept = from + at;
    }
    return kept;
  }

  private static String joined(List<TextNode> nodes) {
    StringBuilder whole = new StringBuilder();
    for (TextNode n : nodes) {
      whole.append(n.getWholeText());
    }
    return whole.toString();
  }

  private static boolean hasOwnText(Element story) {
    for (Node n : story.childNodes()) {
      if (n instanceof TextNode t && !t.isBlank()) {
        return true;
      }
    }
    return false;
  }

  /** Where tail {@code t} starts at the end of {@code text}, or -1; tried only when the words it needs are there. */
  private static int tailStart(int t, String text) {
    String end = text.substring(Math.max(0, text.length() - SEARCHED));
    if (!mayHold(t, end.toLowerCase(Locale.ROOT))) {
      return -1;
    }
    Matcher m = TAILS[t].matcher(text).region(text.length() - end.length(), text.length()).useTransparentBounds(true).useAnchoringBounds(false);
    if (!m.find()) {
      return -1;
    }
    if (TAILS[t] == NOTICE && !DISCLAIMS.matcher(text).region(m.start(), text.length()).find()) {
      return -1;
    }
    return m.start();
  }

  private static boolean mayHoldAny(String end) {
    String folded = end.toLowerCase(Locale.ROOT); // once for all tails: this runs on every story
    for (int t = 0; t < TAILS.length; t++) {
      if (mayHold(t, folded)) {
        return true;
      }
    }
    return false;
  }

  /**
   * False when {@code folded} (a block's end in lower case) holds none of the words tail {@code t}
   * needs: most last blocks are only the story's, and each expression would be tried at each of
   * their last positions.
   */
  private static boolean mayHold(int t, String folded) {
    return switch (t) {
      case 0 -> has(folded, "评", "说两句", "发言", "comment", "reply", "discussion", "conversation");
      case 1 -> has(folded, "更多");
      case 2 -> has(folded, "说明", "提示", "声明");
      default -> has(folded, "全文", "原文", "引用", "评论", "收藏", "trackback", "permalink", "comment");
    };
  }

  /** Whether {@code folded} (lower case) holds one of {@code words} (given in lower case). */
  private static boolean has(String folded, String... words) {
    // The caller's one fold and the JDK's indexOf per word: a case-blind compare at each of the 400
    // positions for each of the words was thousands of calls for every story's last block.
    for (String word : words) {
      if (folded.indexOf(word) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Blank, the no-break and ideographic spaces included. */
  private static boolean isBlank(CharSequence s) {
    return stripEnd(s.toString()).isEmpty();
  }

  /** {@code s} without the blanks at its end, the no-break and ideographic spaces included. */
  private static String stripEnd(String s) {
    int end = s.length();
    while (end > 0 && (Character.isWhitespace(s.charAt(end - 1)) || s.charAt(end - 1) == '\u00A0' || s.charAt(end - 1) == '\u3000')) {
      end--;
    }
    return s.substring(0, end);
  }

  /** The texts under {@code root} in document order, none under a player (whose text is its fallback). */
  private static void collect(Element root, List<TextNode> out) {
    for (Node n : root.childNodes()) {
      if (n instanceof TextNode t) {
        out.add(t);
      } else if (n instanceof Element e && !e.nameIs("video") && !e.nameIs("audio")) {
        collect(e, out);
      }
    }
  }

  /**
   * Keeps the first {@code end} characters of the texts {@code nodes} (in order) and drops the
   * rest, with the links and inline elements left holding nothing to read or see.
   */
  private static void cutAt(List<TextNode> nodes, int end, Element block) {
    int offset = 0;
    for (TextNode n : nodes) {
      String text = n.getWholeText();
      int keep = Math.max(0, Math.min(text.length(), end - offset));
      offset += text.length();
      if (keep == text.length()) {
        continue;
      }
      String kept = stripEnd(text.substring(0, keep));
      Element parent = n.parentElement();
      if (kept.isEmpty()) {
        n.remove();
      } else {
        n.text(kept);
      }
      for (Element e = parent; e != null && e != block && e.text().isBlank() && e.select(MEDIA).isEmpty(); ) {
        Element up = e.parent();
        e.remove();
        e = up;
      }
    }
  }
}
