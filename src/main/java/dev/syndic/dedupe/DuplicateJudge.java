package dev.syndic.dedupe;

/**
 * Decides whether two entries tell the same story.
 *
 * <p>With bodies on both sides, the body decides: the share of the smaller body's shingles found
 * in the larger one (containment, not Jaccard, so a truncated copy still matches its original).
 * When the smaller body is under half the larger one's, the two must also open alike (half the
 * smaller's opening shingles are in the larger's opening, some 150 characters each): a truncated
 * copy keeps its original's opening, give or take a line of attribution, while a roundup or
 * digest contains several stories whole, and would otherwise match each of them and chain
 * different stories into one cluster.
 *
 * <p>Titles only decide when a side has no body to compare (title-only items), and then they must
 * be equal once SEO suffixes are gone, and long enough not to be a coincidence (ten Chinese
 * characters, four English words). The same link (tracking parameters dropped) is the same story,
 * unless it is a site's home page (feeds that link every item there) or both bodies are there and
 * share next to nothing (a single-page site whose stories differ only in the fragment).
 */
public final class DuplicateJudge {

  static final int MIN_SHINGLES = 12;
  static final double CONTAINMENT = 0.6;
  static final int MIN_TITLE_WEIGHT_ALONE = 10;
  /** Below this share of the larger body, the smaller must open as the larger does. */
  static final double COVER_ALONE = 0.5;
  /** The share of the smaller body's opening that the larger's must hold. */
  static final double OPENS_ALIKE = 0.5;
  /** Bodies under one link sharing less than this are different stories. */
  static final double SAME_LINK_AT_LEAST = 0.1;

  private DuplicateJudge() {}

  /** The similarity in [0, 1] when a and b are duplicates, else a negative number. */
  public static double score(Fingerprint a, Fingerprint b) {
    boolean bodies = a.hasBody() && b.hasBody();
    if (a.link() != null && a.link().equals(b.link()) && !homePage(a.link())
        && (!bodies || containment(a.shingles(), b.shingles()) >= SAME_LINK_AT_LEAST)) {
      return 1.0;
    }
    if (bodies) {
      double c = containment(a.shingles(), b.shingles());
      if (c < CONTAINMENT) {
        return -1;
      }
      Fingerprint small = a.shingles().length <= b.shingles().length ? a : b;
      Fingerprint large = small == a ? b : a;
      double cover = c * small.shingles().length / large.shingles().length;
      return cover >= COVER_ALONE || opensAlike(small, large) ? c : -1;
    }
    boolean titleOnly = !a.hasBody() || !b.hasBody();
    if (titleOnly && Tokens.weight(a.titleTokens()) >= MIN_TITLE_WEIGHT_ALONE && a.titleTokens().equals(b.titleTokens())) {
      return 0.9;
    }
    return -1;
  }

  /** Whether half the smaller body's opening shingles are in the larger's opening. */
  private static boolean opensAlike(Fingerprint small, Fingerprint large) {
    return small.opening().length > 0 && shared(small.opening(), large.opening()) >= OPENS_ALIKE * small.opening().length;
  }

  /** A link to a site's root, with no query: a feed that links every item there names no story. */
  public static boolean homePage(String link) {
    int scheme = link.indexOf("://");
    int path = scheme < 0 ? -1 : link.indexOf('/', scheme + 3);
    return scheme >= 0 && (path < 0 || link.substring(path).equals("/"));
  }

  /** The share of the smaller set's values found in the larger; both sorted, each value once. */
  static double containment(long[] a, long[] b) {
    int small = Math.min(a.length, b.length);
    return small == 0 ? 0 : (double) shared(a, b) / small;
  }

  /** How many values two sorted sets (each value once) have in common. */
  private static int shared(long[] a, long[] b) {
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
    return shared;
  }
}
