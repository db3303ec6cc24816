package dev.syndic.clean;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.CDataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * A cleaned body's text and the text of each block of its story ({@link Boilerplate#blocksOf}), as
 * jsoup's {@code Element.text()} gives them, the whole built from the blocks' where that gives the
 * same: each {@code text()} walks the whole tree and copies every character, and the body's and the
 * blocks' were two of the largest items of preparing an entry.
 *
 * @param text the body's text
 * @param blocks the text of each child of the story, in order
 * @param joined whether {@code text} is the blocks' texts joined by a space
 */
record StoryText(String text, List<String> blocks, boolean joined) {

  static StoryText of(Element body) {
    return of(body, null);
  }

  /** {@link #of(Element)}, taking the blocks' texts {@code known} holds where they are still the blocks' (null: none). */
  static StoryText of(Element body, BlockTexts known) {
    Element story = Boilerplate.blocksOf(body);
    List<String> blocks = new ArrayList<>(story.childrenSize());
    for (Element block : story.children()) {
      blocks.add(known == null ? block.text() : known.of(story, block));
    }
    boolean joined = onlyBlocks(story);
    return new StoryText(joined ? joined(blocks) : body.text(), blocks, joined);
  }

  /**
   * The texts matching reads ({@link TextNormalizer#normalize}): {@code title} and the story's
   * text normalized as one ({@code matchText}), and each block's normalized text on a line of its
   * own ({@code coreText}, the whole text when there are no blocks).
   */
  record Normalized(String matchText, String coreText) {}

  /**
   * {@link Normalized} for the story under {@code title}. When the title and every block are
   * plain text ({@link TextNormalizer#plain}), as nearly all are, the matched text is the
   * normalized title and blocks joined by a space: the story's text is not normalized a second
   * time (the two readings were some 30 of 609 samples of preparing an entry, a twentieth, in a
   * JFR profile of IngestStagesBench).
   */
  Normalized normalized(String title) {
    String plainTitle = joined && title.length() + 1 + text.length() <= TextNormalizer.MAX_CHARS ? TextNormalizer.plain(title) : null;
    StringBuilder match = plainTitle == null ? null : new StringBuilder(title.length() + 1 + text.length()).append(plainTitle);
    StringBuilder core = new StringBuilder();
    for (String block : blocks) {
      String plain = match == null ? null : TextNormalizer.plain(block);
      if (plain == null) {
        match = null;
      }
      String normal = plain != null ? plain : TextNormalizer.normalize(block);
      core.append(normal).append('\n');
      if (match != null && !normal.isEmpty()) {
        match.append(match.isEmpty() ? "" : " ").append(normal);
      }
    }
    if (blocks.isEmpty()) {
      core.append(TextNormalizer.normalize(text));
    }
    String matchText = match != null ? match.toString() : TextNormalizer.normalize(title + "\n" + text);
    return new Normalized(matchText, core.toString().strip());
  }

  /**
   * Whether the story holds nothing but blocks and blanks between them, and no text that keeps its
   * blanks.
   * Then {@code text()} of the body is its blocks' texts, those with any, joined by a space: the
   * wrappers {@link Boilerplate#blocksOf} looks through and the blanks add at most a space (which
   * {@code text()} makes one, or trims at either end), and jsoup puts one between blocks. Inside a
   * {@code <pre>} (or CDATA) blanks are kept as they are, and a block's own text trims those at
   * its ends, which the body's keeps.
   */
  private static boolean onlyBlocks(Element story) {
    for (Node n : story.childNodes()) {
      boolean fits = n instanceof Element e ? e.isBlock() : n instanceof TextNode t && isBlank(t.getWholeText());
      if (!fits) {
        return false;
      }
    }
    return !keepsBlanks(story);
  }

  /** Whether text under {@code root} keeps its blanks as they are: in a {@code <pre>} or the like, or CDATA. */
  private static boolean keepsBlanks(Element root) {
    for (Node n : root.childNodes()) {
      if (n instanceof CDataNode || n instanceof Element e && (e.tag().preserveWhitespace() || keepsBlanks(e))) {
        return true;
      }
    }
    return false;
  }

  /** Blank as jsoup's {@code StringUtil.isWhitespace} reads it (not the no-break space, which {@code text()} keeps as a space). */
  private static boolean isBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\f' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  private static String joined(List<String> blocks) {
    StringBuilder text = new StringBuilder();
    for (String block : blocks) {
      if (!block.isEmpty()) {
        text.append(text.isEmpty() ? "" : " ").append(block);
      }
    }
    return text.toString();
  }
}
