package dev.syndic.clean;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * The texts of the story's blocks as {@link Boilerplate} left them, for {@link StoryText} to take
 * again: the steps between them ({@link EmptyMarkup}, the emoji and punctuation of text outside
 * code) say which node they are about to change ({@link #changing}), and only the blocks holding
 * one are read again. A block's {@code text()} depends on nothing outside it, and reading every
 * block twice, before the boilerplate went and after, was some 4 % of preparing an entry.
 */
final class BlockTexts {

  private final Element story;
  private final Map<Element, String> texts = new IdentityHashMap<>();

  /** {@code texts} holds the text of each of {@code blocks}, the children of {@code story}, as they are now. */
  BlockTexts(Element story, List<Element> blocks, List<String> texts) {
    this.story = story;
    for (int i = 0; i < blocks.size(); i++) {
      this.texts.put(blocks.get(i), texts.get(i));
    }
  }

  /** Forgets the text of the block holding {@code node}, which is about to change; all of them when it is not in a block. */
  void changing(Node node) {
    Node n = node;
    while (n != null && n.parentNode() != story) {
      n = n.parentNode();
    }
    if (n == null) {
      texts.clear();
    } else {
      texts.remove(n);
    }
  }

  /** The text of {@code block}, a child of {@code root}: the one kept when it is the same block, unchanged. */
  String of(Element root, Element block) {
    String known = root == story ? texts.get(block) : null;
    return known != null ? known : block.text();
  }
}
