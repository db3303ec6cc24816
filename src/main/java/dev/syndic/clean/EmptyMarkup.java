package dev.syndic.clean;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Takes out markup that shows nothing but space: blocks with no text and nothing to see in them
 * ({@code <p></p>}, {@code <p>&nbsp;</p>}, {@code <p><br></p>}, the {@code <div>} an embed was
 * cleaned out of), inline elements with nothing but blanks (their blanks stay, they may part two
 * words), and line breaks at the start or end of a block or beyond the second in a row. Publishers'
 * editors leave them, sanitizing leaves more, and readers showed them as gaps in the story. A
 * {@code <div><br></div>} stays: in editors that write lines as divisions it is the blank line
 * between paragraphs. Table cells and preformatted text keep theirs: they hold a table's shape and
 * a listing's lines.
 */
final class EmptyMarkup {

  private static final Evaluator PRE = QueryParser.parse("pre");

  /** Blocks that are only a frame for text: with none, they are a gap. */
  private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "header", "footer", "blockquote", "center", "h1",
      "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "li", "ul", "ol", "dl", "dt", "dd");
  /** Inline elements that are only a frame for text. */
  private static final Set<String> INLINE = Set.of("span", "strong", "b", "em", "i", "u", "s", "small", "mark", "a", "font");
  /** Blocks whose first and last line breaks only push their text down or the next block away. */
  private static final Set<String> TRIMMED = Set.of("body", "p", "div", "section", "article", "blockquote", "li", "dd", "h1", "h2", "h3",
      "h4", "h5", "h6");
  /** Line breaks kept in a row: one ends a line, two leave a blank line, more are only space. */
  private static final int MAX_BREAKS = 2;

  private EmptyMarkup() {}

  /**
   * Takes the empty elements and idle line breaks out of {@code root} in place; {@code changing} is
   * told of each node before it is taken out or unwrapped.
   */
  static void tidy(Element root, Consumer<Node> changing) {
    List<Element> all = root.getAllElements();
    // Innermost first, so that a frame holding only empty frames goes too.
    for (int i = all.size() - 1; i > 0; i--) {
      Element e = all.get(i);
      // Only frames go: any other element is not looked into.
      boolean inline = INLINE.contains(e.normalName());
      if (!inline && !BLOCKS.contains(e.normalName()) || e.parent() == null || hasText(e) || e.closest(PRE) != null) {
        continue;
      }
      if (inline && holdsOnly(e, false)) {
        changing.accept(e);
        e.unwrap();
      } else if (BLOCKS.contains(e.normalName()) && holdsOnly(e, !e.nameIs("p")) && !amidText(e)) {
        changing.accept(e);
        e.remove();
      }
    }
    for (Element e : root.getAllElements()) {
      if (TRIMMED.contains(e.normalName()) && e.closest(PRE) == null) {
        trimBreaks(e, changing);
      }
    }
  }

  /** Whether {@code e} holds no element but frames and, unless {@code keepBreaks}, line breaks. */
  private static boolean holdsOnly(Element e, boolean keepBreaks) {
    for (Element inner : e.getAllElements()) {
      boolean frame = BLOCKS.contains(inner.normalName()) || INLINE.contains(inner.normalName());
      if (inner != e && (inner.nameIs("br") ? keepBreaks : !frame)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code e} stands between two pieces of text, whose line it breaks. */
  private static boolean amidText(Element e) {
    return isInline(e.previousSibling(), true) && isInline(e.nextSibling(), false);
  }

  private static boolean isInline(Node n, boolean before) {
    while (n instanceof TextNode t && isBlank(t.getWholeText())) {
      n = before ? n.previousSibling() : n.nextSibling();
    }
    return n instanceof TextNode || n instanceof Element e && !e.isBlock();
  }

  /**
   * Whether {@code block} has a line break among its children and something else that is not
   * blank: one with none has nothing to remove, one with nothing else is left as it is.
   */
  private static boolean hasBreaks(Element block) {
    boolean breaks = false;
    boolean content = false;
    for (Node n : block.childNodes()) {
      if (n instanceof Element br && br.nameIs("br")) {
        breaks = true;
      } else if (!(n instanceof TextNode t && isBlank(t.getWholeText()))) {
        content = true;
      }
    }
    return breaks && content;
  }

  /** Removes {@code block}'s line breaks at its start and end, and those beyond {@link #MAX_BREAKS} in a row. */
  private static void trimBreaks(Element block, Consumer<Node> changing) {
    if (!hasBreaks(block)) {
      return;
    }
    List<Node> nodes = List.copyOf(block.childNodes());
    int run = 0;
    boolean seenContent = false;
    for (Node n : nodes) {
      if (n instanceof Element br && br.nameIs("br")) {
        run++;
        if (!seenContent || run > MAX_BREAKS) {
          changing.accept(br);
          br.remove();
        }
      } else if (!(n instanceof TextNode t && isBlank(t.getWholeText()))) {
        run = 0;
        seenContent = true;
      }
    }
    List<Node> left = block.childNodes();
    for (int i = left.size() - 1; i >= 0; i--) {
      Node n = left.get(i);
      if (n instanceof Element br && br.nameIs("br")) {
        changing.accept(br);
        br.remove();
      } else if (!(n instanceof TextNode t && isBlank(t.getWholeText()))) {
        break;
      }
    }
  }

  /**
   * Whether any text under {@code e} is not blank. Stops at the first that is not: {@code
   * Element.text()} of every element built the text of the whole story again for each frame around
   * it.
   */
  private static boolean hasText(Element e) {
    for (Node n : e.childNodes()) {
      if (n instanceof TextNode t ? !isBlank(t.getWholeText()) : n instanceof Element inner && hasText(inner)) {
        return true;
      }
    }
    return false;
  }

  /** Blank, counting no-break spaces, which editors put in paragraphs they leave empty. */
  private static boolean isBlank(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) && c != '\u00A0' && c != '\u3000' && c != '\u200B') {
        return false;
      }
    }
    return true;
  }
}
