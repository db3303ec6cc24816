package dev.syndic.clean;

import dev.syndic.WebLinks;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.jsoup.select.QueryParser;

/**
 * Sanitizes publisher HTML to a safe subset: no script, style, forms, event handlers, iframes or
 * {@code javascript:} URLs; audio and video kept with controls and without autoplay; links,
 * images and players' sources made absolute against the entry's link, links
 * without tracking parameters ({@link LinkCanonicalizer#withoutTracking}), lazy-loaded
 * images given their source ({@link LazyImages}), images left with no source and tracking pixels
 * ({@link TrackingPixel}) dropped, empty elements and idle line breaks taken out ({@link EmptyMarkup}). Then removes
 * republication noise ({@link Boilerplate}, {@link TitleSuffix}, emoji after Chinese words
 * ({@link InsertedEmoji}) and their half-width punctuation ({@link ChinesePunctuation}), 『』
 * decorations in the body and the title, unless the text quotes with 「」 and 『』 are its inner
 * quotation marks, or is Japanese, where they mark a name). Thread-safe.
 */
@Singleton
public final class ContentCleaner {

  /**
   * What the sanitizer keeps. The addresses of links, images and players are not its to check
   * (their protocols are taken off): {@link #readAddresses} reads and checks them in one pass.
   */
  private static final Safelist SAFE =
      Safelist.relaxed()
          .removeProtocols("a", "href", "ftp", "http", "https", "mailto")
          .removeProtocols("img", "src", "http", "https")
          .addTags("figure", "figcaption", "hr", "del", "ins", "mark", "small", "time")
          .addAttributes("a", "title")
          .addEnforcedAttribute("a", "rel", "nofollow noopener")
          // Players with the reader's controls, never started, looped or styled by the publisher.
          .addTags("video", "audio", "source")
          .addAttributes("video", "src", "poster", "width", "height")
          .addAttributes("audio", "src")
          .addAttributes("source", "src", "type")
          .addEnforcedAttribute("video", "controls", "controls")
          .addEnforcedAttribute("audio", "controls", "controls");

  private static final Set<String> WEB = Set.of("http:", "https:");

  /** The attributes of the kept elements that hold an address, and the schemes each may name. */
  private static final Map<String, Map<String, Set<String>>> ADDRESSES = Map.of(
      "a", Map.of("href", Set.of("http:", "https:", "mailto:", "ftp:")),
      "img", Map.of("src", WEB),
      "video", Map.of("src", WEB, "poster", WEB),
      "audio", Map.of("src", WEB),
      "source", Map.of("src", WEB));

  private static final Evaluator SOURCE = QueryParser.parse("source");
  private static final Evaluator PRE = QueryParser.parse("pre");

  /** Kana in a text that is Japanese, not a Chinese text borrowing one. */
  private static final int MIN_KANA = 3;

  /**
   * Cleans an entry's title and body.
   *
   * @param baseUrl the URL relative links are resolved against (the entry's link), or null
   */
  public CleanedEntry clean(String title, String bodyHtml, String baseUrl) {
    return clean(title, bodyHtml, baseUrl, baseUrl);
  }

  /**
   * Cleans an entry's title and body whose relative addresses are read against a base other than
   * the entry's own address (the feed's xml:base).
   *
   * @param baseUrl the URL relative links are resolved against, or null
   * @param link the entry's own address (a last link to it is the post's footer), or null
   */
  public CleanedEntry clean(String title, String bodyHtml, String baseUrl, String link) {
    String plainTitle = withoutControls(titleText(withoutControls(title == null ? "" : title))).strip();
    String base = baseUrl == null ? "" : baseUrl;
    Document dirty = Jsoup.parseBodyFragment(withoutControls(unwrapped(bodyHtml == null ? "" : bodyHtml)), base);
    LazyImages.reveal(dirty.body());
    Document clean = new Cleaner(SAFE).clean(dirty);
    Media media = Media.under(clean.body());
    readAddresses(media.withAddress(), WebLinks.reader(clean.baseUri()));
    tidyParsedText(clean.body());
    // An image whose source was unsafe, relative without a base, or never there shows nothing;
    // so does a player left with no source of its own or in a <source>. A pixel-sized image is a
    // tracker (FeedBurner's, a mailer's): each reader who opened the item told its owner so.
    for (Element img : media.images()) {
      if (img.attr("src").isBlank() || TrackingPixel.is(img)) {
        img.remove();
      }
    }
    for (Element source : media.sources()) {
      if (source.attr("src").isBlank() || !source.parent().nameIs("video") && !source.parent().nameIs("audio")) {
        source.remove();
      }
    }
    for (Element player : media.players()) {
      if (player.attr("src").isBlank() && player.select(SOURCE).isEmpty()) {
        player.remove();
      }
    }
    clean.outputSettings().prettyPrint(false);
    BlockTexts blockTexts = Boilerplate.strip(clean.body(), plainTitle, link);
    EmptyMarkup.tidy(clean.body(), blockTexts::changing);
    // Code is written as it must be typed: its punctuation and symbols stay.
    NodeTraversor.traverse(new OutsideCode(blockTexts::changing), clean.body());
    plainTitle = ChinesePunctuation.fullWidth(InsertedEmoji.drop(plainTitle));
    StoryText story = StoryText.of(clean.body(), blockTexts);
    String text = story.text();
    boolean bodyQuotes = quotesWithCornerBrackets(text);
    // The texts are built once more only when dropping the decorations changes them.
    if (!bodyQuotes && withoutDecorations(text) != text) {
      clean.body().getAllElements().forEach(e -> e.textNodes().forEach(ContentCleaner::dropDecorations));
      story = StoryText.of(clean.body());
      text = story.text();
    }
    if (!bodyQuotes && !quotesWithCornerBrackets(plainTitle)) {
      plainTitle = withoutDecorations(plainTitle);
    }
    String html = clean.body().html();
    String outTitle = shortened(withoutBidiControls(TitleSuffix.strip(plainTitle, text)));
    StoryText.Normalized normalized = story.normalized(outTitle);
    return new CleanedEntry(outTitle, html, text, normalized.matchText(), normalized.coreText(), language(outTitle, text));
  }

  /**
   * The kept elements that hold an address ({@link #ADDRESSES}), and among them the images, the
   * players' sources and the players, each in document order, gathered in one walk of the cleaned
   * body: a {@code select} for each walked the whole tree four times (3 % of preparing an entry).
   * No step between the walk and the last use adds such an element; none inside an image or a
   * source, which hold nothing, is taken out before it is looked at.
   */
  private record Media(List<Element> withAddress, List<Element> images, List<Element> sources, List<Element> players) {

    static Media under(Element root) {
      Media media = new Media(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      NodeTraversor.traverse((node, depth) -> {
        if (node instanceof Element e && ADDRESSES.containsKey(e.normalName())) {
          media.withAddress.add(e);
          switch (e.normalName()) {
            case "img" -> media.images.add(e);
            case "source" -> media.sources.add(e);
            case "video", "audio" -> media.players.add(e);
            default -> { }
          }
        }
      }, root);
      return media;
    }
  }

  /**
   * Makes the address of each link, image and player of {@code elements} absolute ({@code read},
   * against the entry's link), and drops it when it names a scheme its element may not use
   * ({@code javascript:}, {@code data:}) or is relative with nothing to read it against; links
   * lose their tracking parameters ({@link LinkCanonicalizer#withoutTracking}).
   */
  private static void readAddresses(List<Element> elements, UnaryOperator<String> read) {
    for (Element e : elements) {
      Map<String, Set<String>> addresses = ADDRESSES.get(e.normalName());
      for (Map.Entry<String, Set<String>> attribute : addresses.entrySet()) {
        String name = attribute.getKey();
        if (!e.hasAttr(name)) {
          continue;
        }
        String raw = e.attr(name);
        String resolved = read.apply(raw);
        String address = resolved.isEmpty() ? raw : resolved;
        if (namesOneOf(address, attribute.getValue())) {
          e.attr(name, name.equals("href") ? LinkCanonicalizer.withoutTracking(address) : address);
        } else {
          e.removeAttr(name);
        }
      }
    }
  }

  /** Whether {@code address} starts with one of {@code schemes} (each with its colon), in any case. */
  private static boolean namesOneOf(String address, Set<String> schemes) {
    for (String scheme : schemes) {
      if (address.regionMatches(true, 0, scheme, 0, scheme.length())) {
        return true;
      }
    }
    return false;
  }

  /** The longest name a feed gives itself that is kept, in characters. */
  static final int MAX_FEED_TITLE = 200;

  /**
   * A feed's own title as a source's name: its text (an Atom title of type html, "Tom &amp;amp;
   * Jerry" or "&lt;b&gt;News&lt;/b&gt;", is markup), on one line, without control or reordering
   * characters, at most {@link #MAX_FEED_TITLE} characters; null when nothing is left. It names
   * the source in admin lists and in every disclaimer of its entries, where a hostile feed's
   * megabyte or multi-line title went out as it came.
   */
  public static String feedTitle(String raw) {
    if (raw == null) {
      return null;
    }
    String text = raw.indexOf('<') >= 0 || raw.indexOf('&') >= 0 ? Jsoup.parse(raw).text() : raw;
    String name = withoutBidiControls(withoutControls(text)).replaceAll("\\s+", " ").strip();
    return name.isEmpty() ? null : cut(name, MAX_FEED_TITLE);
  }

  /**
   * The title without the characters that reorder text: bidirectional embeddings, overrides and
   * isolates (U+202A to U+202E, U+2066 to U+2069). A title is shown in lists beside others, where
   * "invoice\u202Egpj.exe" reads as "invoiceexe.jpg" and an unclosed override reverses what
   * follows it. The marks U+200E and U+200F, which right-to-left text needs, stay.
   */
  static String withoutBidiControls(String title) {
    return without(title, cp -> (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069));
  }

  /** A line break, with the blanks around it, between two Chinese characters or punctuation marks. */
  private static final Pattern WRAPPED_CJK = Pattern.compile(
      "(?<=[\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFFEF])[ \\t]*[\\r\\n]+[ \\t]*(?=[\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFFEF])");

  /** The longest title kept, in characters; a headline is a tenth of it. */
  static final int MAX_TITLE = 500;

  /**
   * The title cut to {@link #MAX_TITLE} characters and marked "…" ({@link #cut}): a source's
   * megabyte "title" went out twice in every item of every feed it reached (as the title and in
   * the disclaimer).
   */
  static String shortened(String title) {
    return cut(title, MAX_TITLE);
  }

  /** The text as it is when it has at most {@code max} characters, else cut to them (not inside a surrogate pair) and marked "…". */
  public static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
    return text.substring(0, end).strip() + "…";
  }

  /**
   * The HTML inside a CDATA section that wraps all of it: a feed that escaped its markup with the
   * CDATA wrapper ("&amp;lt;![CDATA[&amp;lt;p&amp;gt;…]]&amp;gt;") gave HTML that the HTML parser
   * reads as text, tags and all, and readers saw "&lt;p&gt;" in the story.
   */
  private static String unwrapped(String html) {
    String s = html.strip();
    return s.startsWith("<![CDATA[") && s.endsWith("]]>") ? s.substring(9, s.length() - 3) : html;
  }

  /**
   * Drops code points HTML forbids in a document (C0 and C1 controls but tab, line feed, form feed
   * and carriage return; noncharacters; surrogates not in a pair). XML allows C1 controls, so they
   * survive parsing, mostly as mojibake, and readers that parse HTML strictly reject the whole item
   * for one of them.
   */
  static String withoutControls(String s) {
    if (clean(s)) {
      return s;
    }
    return without(s, cp -> (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\f' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F)
        || (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE);
  }

  /**
   * Applies {@link #withoutControls} to the text and attribute values under {@code root} once
   * parsed (a character reference, {@code &#1;} or {@code &#xD83D;}, becomes its character only in
   * parsing, after the body's text was filtered, and went out as a reference to it), and joins the
   * text's wrapped Chinese lines ({@link #joinedLines}): one walk for both.
   */
  private static void tidyParsedText(Element root) {
    // One walk of the nodes: a list of each element's text nodes was a tenth of this step.
    NodeTraversor.traverse((node, depth) -> {
      if (node instanceof TextNode t) {
        String text = t.getWholeText();
        String kept = joinedLines(t.parentElement(), withoutControls(text));
        if (kept != text) {
          t.text(kept);
        }
      } else if (node instanceof Element e && e.attributesSize() > 0) {
        for (Attribute a : e.attributes()) {
          String kept = withoutControls(a.getValue());
          if (kept != a.getValue()) {
            a.setValue(kept);
          }
        }
      }
    }, root);
  }

  /**
   * A title's text, its wrapped Chinese lines joined ({@link #joinedLines}): feeds send titles as
   * text or as HTML. One without markup ({@code <} or {@code &}) is read as the HTML parser reads
   * it, one text whose blanks {@code text()} makes single, without building a document for it.
   */
  private static String titleText(String title) {
    if (title.indexOf('<') < 0 && title.indexOf('&') < 0) {
      return StringUtil.normaliseWhitespace(joinedLines(title)).trim();
    }
    Document document = Jsoup.parse(title);
    for (Element e : document.body().getAllElements()) {
      for (TextNode t : e.textNodes()) {
        String text = t.getWholeText();
        String joined = joinedLines(e, text);
        if (joined != text) {
          t.text(joined);
        }
      }
    }
    return document.text();
  }

  /**
   * {@code text} (of an element {@code parent}) without the line breaks, and the blanks around
   * them, between two Chinese characters or punctuation marks, outside {@code <pre>}: a
   * publisher's hard-wrapped source ("人工\n智能") is one word, as CSS lays it out, not "人工 智能",
   * which no term list, search or duplicate judge reads as 人工智能; {@code text} itself when it
   * has none.
   */
  private static String joinedLines(Element parent, String text) {
    return hasLineBreak(text) && parent.closest(PRE) == null ? WRAPPED_CJK.matcher(text).replaceAll("") : text;
  }

  /** {@link #joinedLines} of a text outside any element. */
  private static String joinedLines(String text) {
    return hasLineBreak(text) ? WRAPPED_CJK.matcher(text).replaceAll("") : text;
  }

  private static boolean hasLineBreak(String text) {
    return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
  }

  /** {@code s} without the code points {@code dropped} holds; {@code s} itself when it has none. */
  private static String without(String s, IntPredicate dropped) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      boolean drop = dropped.test(cp);
      if (drop && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      } else if (!drop && out != null) {
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return out == null ? s : out.toString();
  }

  /**
   * True when {@code s} has none of what {@link #withoutControls} drops: the common case, checked
   * a char at a time (surrogates and the top of the BMP go to the exact check).
   */
  private static boolean clean(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      // Full-width punctuation (，：) lies above the surrogates: Chinese text stays on this path.
      boolean fine = c >= 0x20
          ? c < 0x7F || (c >= 0xA0 && c < 0xD800) || (c >= 0xE000 && c < 0xFDD0) || (c >= 0xFDF0 && c < 0xFFFE)
          : c == '\t' || c == '\n' || c == '\f' || c == '\r';
      if (!fine) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the text quotes with 「」, as Traditional Chinese does: there 『』 is the quotation mark
   * inside a quotation (「他說『好』」), punctuation that stays, not decoration. So it is in Japanese,
   * which marks a work's or product's name with it (国産RSSリーダー『NewsGlue』): text with a few kana
   * (not one "の" in a Chinese headline) is Japanese.
   */
  private static boolean quotesWithCornerBrackets(String text) {
    if (text.indexOf('「') >= 0 || text.indexOf('」') >= 0) {
      return true;
    }
    int kana = 0;
    for (int i = 0; i < text.length() && kana < MIN_KANA; i++) {
      kana += isKana(text.charAt(i)) ? 1 : 0;
    }
    return kana >= MIN_KANA;
  }

  /** Hiragana and katakana with the long-vowel mark ("リーダー"), and half-width katakana. */
  private static boolean isKana(char c) {
    return (c >= 0x3041 && c <= 0x30FF && c != 0x30FB) || (c >= 0xFF66 && c <= 0xFF9F);
  }

  /**
   * Applies {@link InsertedEmoji#drop} and {@link ChinesePunctuation#fullWidth} to each text outside
   * {@code <pre>} and {@code <code>}, in one walk that knows when it is inside them: the walk of
   * every element, each asked for its text nodes and for a code element around it, was a twentieth
   * of preparing an entry.
   */
  private static final class OutsideCode implements NodeVisitor {
    private final Consumer<Node> changing;
    private int inCode;

    /** {@code changing} is told of each text before it changes. */
    OutsideCode(Consumer<Node> changing) {
      this.changing = changing;
    }

    @Override
    public void head(Node node, int depth) {
      if (node instanceof Element e && isCode(e)) {
        inCode++;
      } else if (inCode == 0 && node instanceof TextNode t) {
        String text = t.getWholeText();
        String kept = ChinesePunctuation.fullWidth(InsertedEmoji.drop(text));
        if (kept != text) {
          changing.accept(t);
          t.text(kept);
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element e && isCode(e)) {
        inCode--;
      }
    }

    private static boolean isCode(Element e) {
      return e.nameIs("pre") || e.nameIs("code");
    }
  }

  /** 『』 are decoration that content sites wrap around keywords; the words stay. */
  private static void dropDecorations(TextNode node) {
    String text = node.getWholeText();
    String kept = withoutDecorations(text);
    if (kept != text) {
      node.text(kept);
    }
  }

  /** {@code text} without 『』; {@code text} itself when it has none. */
  private static String withoutDecorations(String text) {
    return text.indexOf('『') >= 0 || text.indexOf('』') >= 0 ? text.replace("『", "").replace("』", "") : text;
  }

  /**
   * "zh" for a text mostly in Chinese characters, "ja" for one in Japanese (Chinese characters with
   * kana among them: at least {@link #MIN_KANA}, and one for every five Chinese characters or
   * more, where Japanese prose has about as many kana as Chinese characters; a Chinese story naming
   * 《ポケモン》 stays Chinese), else "en". A text that is not Japanese is guessed as before kana
   * were told apart: a kana or two and no Chinese character ("¯\_(ツ)_/¯") is no Chinese.
   * The text is {@code title} and {@code text} read as one.
   */
  static String language(String title, String text) {
    int han = 0;
    int kana = 0;
    // The kana that are letters (not the voicing marks), which the guess of "zh" counts as letters.
    int kanaLetters = 0;
    int letters = 0;
    // The title and the text are read as one text, without copying the text to join them.
    for (String part : new String[] {title, text}) {
      for (int i = 0; i < part.length(); i++) {
        char c = part.charAt(i);
        // Fast paths for ASCII and the common CJK ideographs (all Han); the rest asks the tables.
        if (c < 0x80) {
          if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            letters++;
          }
        } else if ((c >= 0x4E00 && c <= 0x9FEF) || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
          han++;
        } else if (isKana(c)) {
          kana++;
          kanaLetters += Character.isLetter(c) ? 1 : 0;
        } else if (Character.isLetter(c)) {
          letters++;
        }
      }
    }
    // A Chinese character or a kana carries about as much as an English word of five letters.
    if (kana >= MIN_KANA && kana * 5 >= han && (han + kana) * 5 >= letters) {
      return "ja";
    }
    return han > 0 && han * 5 >= letters + kanaLetters ? "zh" : "en";
  }
}
