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
 */
record StoryText(String text, List<String> blocks) {

  static StoryText of(Element body) {
    Element story = Boilerplate.blocksOf(body);
    List<String> blocks = new ArrayList<>(story.childrenSize());
    for (Element block : story.children()) {
      blocks.add(block.text());
    }
    return new StoryText(onlyBlocks(story) ? joined(blocks) : body.text(), blocks);
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
