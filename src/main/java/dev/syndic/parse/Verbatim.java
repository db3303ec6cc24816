package dev.syndic.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CDATA sections and comments of a document's text, which {@link XmlRepair} leaves as they are:
 * their "&amp;" and tags are characters, not markup.
 */
final class Verbatim {

  /** A start tag and the text after it, up to a CDATA section. */
  private static final Pattern START_TAG = Pattern.compile("<([A-Za-z_][\\w:.-]*)(?:\\s[^<>]*)?(?<!/)>[^<>]*");
  private static final int ENCLOSING_WINDOW = 1024;

  private Verbatim() {}

  /**
   * Where a CDATA section or a comment starts and ends in the text; {@code unclosed} for a CDATA
   * section that runs past the end tag of the element it is in, which ends it.
   */
  record Span(int start, int end, boolean unclosed) {}

  /**
   * The CDATA sections and comments, which are not markup: an '&' in them is already a plain
   * character. An opener without its closer is text like any other, and since no closer follows
   * it, later openers of its kind are too; one search to the end per kind keeps this linear (a
   * lazy regex searched to the end once per opener: 200 KB of "<!--" took a minute).
   */
  static List<Span> spans(String text) {
    List<Span> spans = new ArrayList<>();
    boolean commentsClose = true;
    boolean cdataCloses = true;
    int closer = 0; // the next "]]>", -1 when none is left: found once for all the openers before it
    int at = text.indexOf("<!");
    while (at >= 0) {
      boolean comment = commentsClose && text.startsWith("<!--", at);
      boolean cdata = !comment && cdataCloses && text.startsWith("<![CDATA[", at);
      int end = -1;
      if (comment) {
        end = text.indexOf("-->", at + 4);
        commentsClose = end >= 0;
        end = end < 0 ? -1 : end + 3;
      } else if (cdata) {
        closer = closer >= 0 && closer < at + 9 ? text.indexOf("]]>", at + 9) : closer;
        end = closer;
        int close = enclosingEndTag(text, at, end < 0 ? text.length() : end);
        if (close >= 0) {
          spans.add(new Span(at, close, true));
          at = text.indexOf("<!", close);
          continue;
        }
        cdataCloses = end >= 0;
        end = end < 0 ? -1 : end + 3;
      }
      if (end >= 0) {
        spans.add(new Span(at, end, false));
        at = text.indexOf("<!", end);
      } else {
        at = text.indexOf("<!", at + 2);
      }
    }
    return spans;
  }

  /**
   * Where the end tag of the element a CDATA section opens in comes before {@code limit} (the
   * section's "]]>", or the end of the text), or -1: "&lt;title&gt;&lt;![CDATA[News&lt;/title&gt;" left
   * open swallowed the rest of the entry, and the next ones, into its title. Each search stops
   * where the section then ends, so the text is searched once in all.
   */
  private static int enclosingEndTag(String text, int cdata, int limit) {
    int lt = text.lastIndexOf('<', cdata - 1);
    if (lt < 0 || cdata - lt > ENCLOSING_WINDOW) {
      return -1;
    }
    Matcher start = START_TAG.matcher(text).region(lt, cdata);
    if (!start.matches()) {
      return -1;
    }
    String end = "</" + start.group(1);
    for (int at = cdata + 9; at < limit; at++) {
      int after = at + end.length();
      if (text.charAt(at) == '<' && text.startsWith(end, at) && after < text.length()
          && (text.charAt(after) == '>' || Character.isWhitespace(text.charAt(after)))) {
        return at;
      }
    }
    return -1;
  }
}
