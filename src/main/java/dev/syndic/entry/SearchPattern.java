package dev.syndic.entry;

import com.ibm.icu.lang.UCharacter;
import dev.syndic.Like;
import dev.syndic.clean.TextNormalizer;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a search ({@code q}) looks for in the stored search text, which is {@link TextNormalizer}'s
 * (lower-cased, not case-folded: the classifier and duplicate detection read the same text). Lower
 * case leaves apart what readers take for one word: "straße" and "STRASSE" ("strasse"), "İstanbul"
 * ("i̇stanbul", an i and a combining dot) and "istanbul", Turkish dotless "ılık" and "ILIK", a
 * Greek final sigma and a medial one. The query is folded with ICU's case folding (ß to ss, ς to
 * σ) and the Turkish i's are taken as i; the text is matched as it is stored.
 *
 * <p>{@link #folded} is a {@code LIKE} pattern that finds texts written without any of those
 * letters (nearly all), served by the trigram index. Texts that have one ({@link #FOLDS_IN_TEXT})
 * are matched by {@link #regex}, which lets each folded place take any of its stored spellings;
 * null when the query has no such place. Those texts are narrowed first by {@link #folded} over
 * their folded form, which V39's {@code syndic_search_fold} writes as {@link #fold} writes the
 * query, through a trigram index of their own.
 */
record SearchPattern(String folded, @Nullable String regex) {

  /** Stored text with a letter lower case keeps apart from its folded spelling; the predicate of V39's index. */
  static final String FOLDS_IN_TEXT = "ß|ς|ı|i\u0307";

  /** Each folded spelling and the stored spellings it stands for, the longest first. */
  private static final String[][] SPELLINGS = {{"ss", "ss", "ß"}, {"σ", "σ", "ς"}, {"i", "i\u0307", "i", "ı"}};

  static SearchPattern of(String query) {
    String folded = fold(TextNormalizer.normalize(query));
    List<String> parts = new ArrayList<>();
    boolean any = false;
    for (int i = 0; i < folded.length(); ) {
      String[] spelling = spellingAt(folded, i);
      if (spelling != null) {
        any = true;
        List<String> alternatives = new ArrayList<>();
        for (int k = 1; k < spelling.length; k++) {
          alternatives.add(quote(spelling[k]));
        }
        parts.add("(?:" + String.join("|", alternatives) + ")");
        i += spelling[0].length();
      } else {
        int cp = folded.codePointAt(i);
        parts.add(quote(new String(Character.toChars(cp))));
        i += Character.charCount(cp);
      }
    }
    return new SearchPattern(Like.contains(folded), any ? String.join("", parts) : null);
  }

  /**
   * ICU's full case folding of the letters whose folded spelling the pattern allows (ß and ẞ as
   * ss, ς as σ), with İ (an i and a dot) and ı taken as i; every other letter as the stored text
   * writes it, lower case. Folded, ᾳ and ῷ are αι and ῶι (the iota subscript a letter of its own)
   * and Old Cyrillic ᲀ is в, spellings no stored text holds: "τῷ λόγῳ" found nothing. V39's
   * {@code syndic_search_fold} folds stored text the same way, in the same order.
   */
  static String fold(String normalized) {
    StringBuilder b = new StringBuilder(normalized.length() + 8);
    normalized.codePoints().forEach(cp -> {
      String letter = new String(Character.toChars(cp));
      String folded = UCharacter.foldCase(letter, UCharacter.FOLD_CASE_DEFAULT);
      b.append(folded.equals("ss") || folded.equals("σ") ? folded : letter);
    });
    return b.toString().replace("i\u0307", "i").replace('ı', 'i');
  }

  private static String[] spellingAt(String s, int i) {
    for (String[] spelling : SPELLINGS) {
      if (s.startsWith(spelling[0], i)) {
        return spelling;
      }
    }
    return null;
  }

  /** A literal in a PostgreSQL regular expression: a backslash before anything but letters and digits. */
  private static String quote(String literal) {
    StringBuilder b = new StringBuilder();
    literal.codePoints().forEach(cp -> {
      if (!Character.isLetterOrDigit(cp) && cp != ' ' && Character.getType(cp) != Character.NON_SPACING_MARK) {
        b.append('\\');
      }
      b.appendCodePoint(cp);
    });
    return b.toString();
  }
}
