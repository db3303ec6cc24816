package dev.syndic.dedupe;

/**
 * Decides whether two entries tell the same story.
 *
 * <p>With bodies on both sides, the body decides: the share of the smaller body's shingles found
 * in the larger one (containment, not Jaccard, so a truncated copy still matches its original).
 * Titles only decide when a side has no body to compare (title-only items), and then they must be
 * equal once SEO suffixes are gone, and long enough not to be a coincidence (ten Chinese
 * characters, four English words). Same link (tracking
 * parameters dropped) is the same story.
 */
public final class DuplicateJudge {

  static final int MIN_SHINGLES = 12;
  static final double CONTAINMENT = 0.6;
  static final int MIN_TITLE_WEIGHT_ALONE = 10;

  private DuplicateJudge() {}

  /** The similarity in [0, 1] when a and b are duplicates, else a negative number. */
  public static double score(Fingerprint a, Fingerprint b) {
    if (a.link() != null && a.link().equals(b.link())) {
      return 1.0;
    }
    if (a.hasBody() && b.hasBody()) {
      double c = containment(a.shingles(), b.shingles());
      return c >= CONTAINMENT ? c : -1;
    }
    boolean titleOnly = !a.hasBody() || !b.hasBody();
    if (titleOnly && Tokens.weight(a.titleTokens()) >= MIN_TITLE_WEIGHT_ALONE && a.titleTokens().equals(b.titleTokens())) {
      return 0.9;
    }
    return -1;
  }

  /** The share of the smaller set's values found in the larger; both sorted, each value once. */
  static double containment(long[] a, long[] b) {
    int small = Math.min(a.length, b.length);
    if (small == 0) {
      return 0;
    }
    int shared = 0;
    for (int i = 0, j = 0; i < a.length && j < b.length; ) {
      if (a[i] < b[j]) {
        i++;
      } else if (a[i] > b[j]) {
        j++;
      } else {
        shared++;
        i++;
        j++;
      }
    }
    return (double) shared / small;
  }
}
