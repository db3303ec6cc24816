package dev.syndic.clean;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import java.util.Locale;

/**
 * The text used for matching: NFKC (which also folds full-width forms to half-width), case
 * folded, Traditional Chinese folded to Simplified, whitespace collapsed. Thread-safe.
 */
public final class TextNormalizer {

  private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
  // ICU transliterators are not documented as thread-safe: one per thread.
  private static final ThreadLocal<Transliterator> TO_SIMPLIFIED =
      ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));

  private TextNormalizer() {}

  public static String normalize(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String s = NFKC.normalize(text).toLowerCase(Locale.ROOT);
    if (containsHan(s)) {
      s = TO_SIMPLIFIED.get().transliterate(s);
    }
    return s.replaceAll("\\s+", " ").strip();
  }

  private static boolean containsHan(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.UnicodeScript.of(s.charAt(i)) == Character.UnicodeScript.HAN) {
        return true;
      }
    }
    return false;
  }
}
