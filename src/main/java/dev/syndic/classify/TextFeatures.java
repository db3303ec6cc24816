package dev.syndic.classify;

import dev.syndic.clean.TextNormalizer;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The features the statistical model reads: for Chinese (and other CJK) runs, single characters
 * and character bigrams, since Chinese has no spaces and words are one to four characters; for
 * Latin script, lower-cased words and word bigrams. Title features are kept apart from body
 * features ({@code t:} and {@code b:} prefixes) because a word in a headline says more about the
 * story than the same word deep in the body. Only the first {@value #BODY_CHARS} characters of the
 * body are read: the lead decides what a story is about, and long bodies would drown the title.
 */
public final class TextFeatures {

  static final int BODY_CHARS = 600;

  private TextFeatures() {}

  /** The distinct features of an entry; title and body may be null. */
  public static Set<String> of(String title, String body) {
    Set<String> out = new LinkedHashSet<>();
    String t = TextNormalizer.normalize(title);
    add(t, "t:", out);
    String b = TextNormalizer.normalize(body); // the match text, most often
    // The stored text starts with the title, and many feeds repeat it as the first body line.
    while (!t.isEmpty() && b.startsWith(t)) {
      b = b.substring(t.length()).strip();
    }
    if (b.length() > BODY_CHARS) {
      b = b.substring(0, BODY_CHARS);
    }
    add(b, "b:", out);
    return out;
  }

  private static void add(String text, String prefix, Set<String> out) {
    int i = 0;
    int n = text.length();
    String previousWord = null;
    while (i < n) {
      char c = text.charAt(i);
      if (isCjk(c)) {
        int start = i;
        while (i < n && isCjk(text.charAt(i))) {
          i++;
        }
        for (int k = start; k < i; k++) {
          out.add(prefix + text.charAt(k));
          if (k + 1 < i) {
            out.add(prefix + text.substring(k, k + 2));
          }
        }
        previousWord = null;
      } else if (Character.isLetterOrDigit(c)) {
        int start = i;
        while (i < n && Character.isLetterOrDigit(text.charAt(i)) && !isCjk(text.charAt(i))) {
          i++;
        }
        String word = text.substring(start, i);
        if (word.length() > 1 && !isNumber(word)) {
          out.add(prefix + word);
          if (previousWord != null) {
            out.add(prefix + previousWord + " " + word);
          }
          previousWord = word;
        }
      } else {
        if (c != ' ') {
          previousWord = null;
        }
        i++;
      }
    }
  }

  private static boolean isNumber(String word) {
    return word.chars().allMatch(Character::isDigit);
  }

  static boolean isCjk(char c) {
    Character.UnicodeScript s = Character.UnicodeScript.of(c);
    return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA
        || s == Character.UnicodeScript.HANGUL;
  }
}
