package dev.syndic.clean;

import dev.syndic.RequiredLiterals;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Recognises the blocks republishers add around a story and removes them from the cleaned HTML:
 * a "猜你喜欢" / "Related stories" block and everything after it ({@link RelatedBlock}), appended
 * republication disclaimers, the title repeated as the first lines, byline lines ({@link Byline})
 * and share or follow-us lines ({@link Promotion}) at either end, a portal's or blog's furniture
 * glued to the story's end ({@link SiteTail}), and a summary's "read more" call at its end
 * ({@link ReadMoreTail}). What stays is the story, which is what readers, partners and
 * duplicate detection see; the publisher's original HTML stays stored untouched.
 *
 * <p>Disclaimer phrases also occur in stories (a court finding that "版权归原作者所有", a spokesman
 * saying a poll "does not necessarily reflect" the members' views). A block with one is removed
 * only among the boilerplate at either end of the body; anywhere else only when it is labelled
 * ("免责声明：", "Disclaimer:") or holds two different phrases, as boilerplate does and a story's
 * sentence hardly ever.
 */
final class Boilerplate {

  private static final String DISCLAIMER_EXPRESSION =
      "(特别声明|免责声明|仅提供信息存储空间服务|系信息发布平台|不代表本(站|网|平台)(观点|立场)|如有侵权|版权归原作者"
          + "|the views expressed (here )?are (the author'?s|their) own|only provides storage|does not necessarily (reflect|represent))";
  static final Pattern DISCLAIMER = Pattern.compile(DISCLAIMER_EXPRESSION, Pattern.CASE_INSENSITIVE);
  /** What a block must contain for {@link #DISCLAIMER} to match in it (one of its phrases). */
  static final RequiredLiterals DISCLAIMER_REQUIRES = RequiredLiterals.of(DISCLAIMER_EXPRESSION);
  /** A disclaimer's label at the start of its block: "免责声明：", "【特别声明】", "Disclaimer:". */
  private static final Pattern LABEL = Pattern.compile(
      "(?i)^\\s*([【\\[]\\s*(免责声明|特别声明|版权声明|disclaimer)\\s*[】\\]]|[(（]?\\s*(免责声明|特别声明|版权声明|disclaimer)\\s*[:：])");
  static final int MAX_BOILERPLATE_CHARS = 400;

  private Boilerplate() {}

  /** Removes boilerplate blocks from {@code body} in place. */
  static void strip(Element body, String title) {
    strip(body, title, null);
  }

  /**
   * Removes boilerplate blocks from {@code body} in place; {@code link} is the entry's own address
   * (or null), which a "read more" link at the end points at. Returns the texts of the blocks left.
   */
  static BlockTexts strip(Element body, String title, String link) {
    Element story = blocksOf(body);
    // Each block's text once: Element.text() walks the block's whole subtree every time.
    List<Element> blocks = new ArrayList<>(story.children());
    List<String> texts = new ArrayList<>(blocks.size());
    for (Element block : blocks) {
      texts.add(block.text());
    }
    int related = RelatedBlock.start(blocks, texts);
    while (related >= 0 && blocks.size() > related) {
      remove(blocks, texts, blocks.size() - 1);
    }
    String titleKey = key(title);
    // Most titles have no suffix: the title itself comes back, whose key is known.
    String bareTitle = TitleSuffix.strip(title, story::text);
    String bareTitleKey = bareTitle.equals(title) ? titleKey : key(bareTitle);
    int last = lastWithText(texts);
    if (last > 0 && WordPressFooter.is(blocks.get(last), texts.get(last), titleKey, link)) {
      remove(blocks, texts, last);
    }
    SiteTail.strip(story, blocks, texts);
    Readings readings = new Readings();
    removeDisclaimers(blocks, texts, titleKey, bareTitleKey, readings);
    removePromotions(blocks, texts, readings);
    while (!blocks.isEmpty() && !titleKey.isEmpty() && isTitle(readings.key(texts.get(0)), titleKey, bareTitleKey)) {
      remove(blocks, texts, 0);
    }
    removeLeadingByline(blocks, texts);
    removeByline(blocks, texts, blocks.size() - 1);
    ReadMoreTail.strip(blocks, texts, link);
    return new BlockTexts(story, blocks, texts);
  }

  /**
   * The element whose children are the story's blocks: {@code body}, or the container that wraps
   * the whole story ({@code <div class="entry-content">}, nested or not), which many feeds send.
   * Judged as one block, such a container is neither a heading nor a byline, and a short story in
   * it was taken whole for a disclaimer.
   */
  static Element blocksOf(Element body) {
    Element root = body;
    while (root.childrenSize() == 1 && root.child(0).normalName().equals("div") && root.textNodes().stream().allMatch(TextNode::isBlank)) {
      root = root.child(0);
    }
    return root;
  }

  /**
   * Removes labelled disclaimers and those with two phrases wherever they are, then those with one
   * phrase in the runs of boilerplate at the end and at the start (bylines, the title, blocks
   * without text), stopping at the first block of the story.
   */
  private static void removeDisclaimers(
      List<Element> blocks, List<String> texts, String titleKey, String bareTitleKey, Readings readings) {
    for (int i = blocks.size() - 1; i >= 0; i--) {
      String text = texts.get(i);
      if (text.length() <= MAX_BOILERPLATE_CHARS
          && (LABEL.matcher(text).lookingAt() || (readings.phrases(text) >= 2 && !isSoleStory(texts, i, titleKey, bareTitleKey, readings)))) {
        remove(blocks, texts, i);
      }
    }
    for (int i = blocks.size() - 1; i >= 0 && isBoilerplate(texts.get(i), readings); i--) {
      if (readings.isShortDisclaimer(texts.get(i)) && !isSoleStory(texts, i, titleKey, bareTitleKey, readings)) {
        remove(blocks, texts, i);
      }
    }
    for (int i = 0; i < blocks.size(); ) {
      String text = texts.get(i);
      if (readings.isShortDisclaimer(text) && !isSoleStory(texts, i, titleKey, bareTitleKey, readings)) {
        remove(blocks, texts, i);
      } else if (isBoilerplate(text, readings) || (!titleKey.isEmpty() && isTitle(readings.key(text), titleKey, bareTitleKey))) {
        i++;
      } else {
        break;
      }
    }
  }

  /**
   * Whether block {@code i} is the only one with text besides bylines, share lines and the title:
   * a one-paragraph story (a feed's summary) whose last sentence is the republisher's disclaimer.
   * Removed as a disclaimer, it left the item empty.
   */
  private static boolean isSoleStory(List<String> texts, int i, String titleKey, String bareTitleKey, Readings readings) {
    for (int j = 0; j < texts.size(); j++) {
      String text = texts.get(j);
      if (j != i && !text.isBlank() && !readings.isByline(text) && !readings.isPromotion(text)
          && (titleKey.isEmpty() || !isTitle(readings.key(text), titleKey, bareTitleKey))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Removes share and follow-us lines ({@link Promotion}) in the runs of boilerplate at the end and
   * at the start, with the blocks without text right after one (the QR code it points at); never
   * the body's only block with text.
   */
  private static void removePromotions(List<Element> blocks, List<String> texts, Readings readings) {
    int start = blocks.size();
    while (start > 0 && isBoilerplate(texts.get(start - 1), readings)) {
      start--;
    }
    for (int i = start; start > 0 && i < blocks.size(); ) {
      if (readings.isPromotion(texts.get(i))) {
        remove(blocks, texts, i);
        while (i < blocks.size() && texts.get(i).isBlank()) {
          remove(blocks, texts, i);
        }
      } else {
        i++;
      }
    }
    while (blocks.size() > 1 && readings.isPromotion(texts.get(0))) {
      remove(blocks, texts, 0);
    }
  }

  /** Whether a block at an end of the body is not yet the story. */
  private static boolean isBoilerplate(String text, Readings readings) {
    return text.isBlank() || readings.isByline(text) || readings.isPromotion(text) || readings.isShortDisclaimer(text);
  }

  /**
   * The disclaimer phrases, the key and whether it is a byline or a share line, of each block's
   * text in one strip, each worked out once: a block was looked for disclaimers up to five times
   * (each a pass to fold it and one to look for the phrases' literals), every other block keyed
   * again for each disclaimer found, and a block at either end asked up to four times whether it
   * is a byline or a share line (each an expression tried at every position of a short line that
   * holds one of its words, 3 % of preparing an entry). Texts are told apart by identity: a
   * block's text changed is another string.
   */
  private static final class Readings {
    private final Map<String, Integer> phrases = new IdentityHashMap<>();
    private final Map<String, String> keys = new IdentityHashMap<>();
    private final Map<String, Boolean> bylines = new IdentityHashMap<>();
    private final Map<String, Boolean> promotions = new IdentityHashMap<>();

    /** {@link Boilerplate#phrases} of {@code text}. */
    int phrases(String text) {
      return phrases.computeIfAbsent(text, Boilerplate::phrases);
    }

    boolean isShortDisclaimer(String text) {
      return text.length() <= MAX_BOILERPLATE_CHARS && phrases(text) > 0;
    }

    /** {@link Boilerplate#key} of {@code text}. */
    String key(String text) {
      return keys.computeIfAbsent(text, Boilerplate::key);
    }

    /** {@link Byline#is} of {@code text}. */
    boolean isByline(String text) {
      return bylines.computeIfAbsent(text, Byline::is);
    }

    /** {@link Promotion#is} of {@code text}. */
    boolean isPromotion(String text) {
      return promotions.computeIfAbsent(text, Promotion::is);
    }
  }

  /**
   * Whether a block has a disclaimer phrase. Most blocks contain none of the phrases the
   * expression needs: looking for them first spares trying it at every position of every
   * paragraph.
   */
  static boolean isDisclaimer(String text) {
    return DISCLAIMER_REQUIRES.mayMatch(RequiredLiterals.fold(text)) && DISCLAIMER.matcher(text).find();
  }

  /** How many different disclaimer phrases a block has. */
  private static int phrases(String text) {
    if (!isDisclaimer(text)) {
      return 0;
    }
    Set<String> found = new HashSet<>();
    Matcher m = DISCLAIMER.matcher(text);
    while (m.find()) {
      found.add(m.group().toLowerCase(Locale.ROOT));
    }
    return found.size();
  }

  private static void remove(List<Element> blocks, List<String> texts, int index) {
    blocks.remove(index).remove();
    texts.remove(index);
  }

  /**
   * Whether a block's key is the title's, with or without its suffix, or the title without its
   * suffix under a portal's picture label ("组图：…", which the bare title has lost too).
   */
  private static boolean isTitle(String line, String title, String bareTitle) {
    return line.equals(title) || line.equals(bareTitle)
        || (!bareTitle.isEmpty() && line.endsWith(bareTitle) && TitleSuffix.isPictureLabel(line.substring(0, line.length() - bareTitle.length())));
  }

  /** Removes the block at {@code index} if it is a byline, unless it is the body's only block. */
  private static void removeByline(List<Element> blocks, List<String> texts, int index) {
    if (blocks.size() > 1 && index >= 0 && index < blocks.size() && Byline.is(texts.get(index))) {
      remove(blocks, texts, index);
    }
  }

  /**
   * Takes a byline off the start of the first block when the story goes on after it in the same
   * paragraph ({@link Byline#leadingEnd}); removed whole, the story's first line went with it.
   * Otherwise removes the first block if it is a byline.
   */
  private static void removeLeadingByline(List<Element> blocks, List<String> texts) {
    TextNode first = blocks.isEmpty() ? null : firstText(blocks.get(0));
    int end = first == null ? 0 : Byline.leadingEnd(first.getWholeText());
    if (end > 0) {
      first.text(first.getWholeText().substring(end));
      texts.set(0, blocks.get(0).text());
    } else {
      removeByline(blocks, texts, 0);
    }
  }

  /** The first text under {@code root} that is not blank, or null. */
  private static TextNode firstText(Element root) {
    for (Node n : root.childNodes()) {
      if (n instanceof TextNode t && !t.isBlank()) {
        return t;
      }
      TextNode inner = n instanceof Element e ? firstText(e) : null;
      if (inner != null) {
        return inner;
      }
    }
    return null;
  }

  /** The index of the last block with text, or -1. */
  static int lastWithText(List<String> texts) {
    int i = texts.size() - 1;
    while (i >= 0 && texts.get(i).isBlank()) {
      i--;
    }
    return i;
  }

  /**
   * Text reduced to letters and digits (what {@code \p{L}} and {@code \p{N}} match), for comparing a
   * line with the title. A walk of the code points: a regular expression replacing everything else
   * was a twentieth of the CPU of preparing an entry.
   */
  static String key(String text) {
    String normalized = TextNormalizer.normalize(text);
    StringBuilder out = new StringBuilder(normalized.length());
    for (int i = 0; i < normalized.length(); ) {
      int cp = normalized.codePointAt(i);
      if (isLetterOrNumber(cp)) {
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  private static boolean isLetterOrNumber(int cp) {
    if (cp < 0x80) {
      return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z' || cp >= '0' && cp <= '9';
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
          Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
      default -> false;
    };
  }
}
