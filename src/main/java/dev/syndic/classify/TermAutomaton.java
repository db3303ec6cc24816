package dev.syndic.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An Aho-Corasick automaton over UTF-16 code units: finds every occurrence, overlaps included, of
 * any of thousands of terms in one pass over a text. Immutable and thread-safe once built.
 *
 * <p>Made for the rule classifier's hot loop, which reads every title and body: the goto function
 * is one open-addressing table keyed by (state, char) in primitive arrays, the root's moves a
 * direct table of all 65,536 chars (most steps of a text that matches nothing start there again),
 * every state's moves on ASCII a table with the failure links already followed, and each state's
 * matches a precomputed array that already includes those of its suffixes, so a step never
 * allocates. The {@code org.ahocorasick} library this replaces kept a {@code HashMap} of
 * boxed {@code Character} per state and a list of {@code Emit} objects per text, and cost a
 * quarter of categorizing.
 */
final class TermAutomaton {

  /** Receives each occurrence: the term's index in the build list and where it lies. */
  @FunctionalInterface
  interface Hits {
    void hit(int term, int start, int endExclusive);
  }

  private static final int[] NONE = new int[0];

  private final int[] rootMoves = new int[Character.MAX_VALUE + 1];
  private final long[] keys;
  private final int[] targets;
  private final int mask;
  private final int[] fail;
  /**
   * Per state, bit {@code c % 64} set for each char {@code c} it has a move on: most steps ask a
   * state for a move it lacks and go on along its failure links, and the bit answers that at
   * once, where the table costs a hash and a probe.
   */
  private final long[] moveBits;
  private final int[][] matches;
  private final int[] lengths;
  /**
   * The class of each ASCII character: 0 for one no term holds (it sends every state to the root),
   * else 1 and up, one per character the terms hold.
   */
  private final int[] asciiClass = new int[128];
  private final int asciiClasses;
  /**
   * Each state's move on each ASCII class, failure links followed already ({@code state *
   * asciiClasses + class}); null for automata too large for it ({@link #MAX_ASCII_MOVES}). Most
   * of a text is ASCII (English, and the digits and spaces of Chinese), where a step was a walk
   * along failure links with a probe of the goto table at each (half the pass over the bench's
   * bodies); now it is one read.
   */
  private final int[] asciiMoves;
  /**
   * The most entries {@link #asciiMoves} may have: 16 MB, some 97,000 states at the 43 classes of
   * the shipped rules (whose 10,005 states take 1.7 MB).
   */
  static final int MAX_ASCII_MOVES = 1 << 22;

  /** The automaton of {@code terms}; an empty term never matches. Duplicates each report. */
  TermAutomaton(List<String> terms) {
    this(terms, MAX_ASCII_MOVES);
  }

  /** As above, with ASCII's moves tabled only up to {@code maxAsciiMoves} entries (tests: none). */
  TermAutomaton(List<String> terms, int maxAsciiMoves) {
    // The trie first: states numbered in creation order, 0 the root, edges collected per state.
    List<long[]> edges = new ArrayList<>();
    edges.add(new long[0]);
    List<int[]> ends = new ArrayList<>();
    ends.add(NONE);
    GrowingTable trie = new GrowingTable();
    lengths = new int[terms.size()];
    for (int t = 0; t < terms.size(); t++) {
      String term = terms.get(t);
      lengths[t] = term.length();
      if (term.isEmpty()) {
        continue;
      }
      int state = 0;
      for (int i = 0; i < term.length(); i++) {
        char c = fold(term.charAt(i));
        int next = trie.get(state, c);
        if (next < 0) {
          next = edges.size();
          edges.add(new long[0]);
          ends.add(NONE);
          trie.put(state, c, next);
          long[] own = edges.get(state);
          long[] grown = Arrays.copyOf(own, own.length + 1);
          grown[own.length] = ((long) c << 32) | next;
          edges.set(state, grown);
        }
        state = next;
      }
      int[] own = ends.get(state);
      int[] grown = Arrays.copyOf(own, own.length + 1);
      grown[own.length] = t;
      ends.set(state, grown);
    }
    int states = edges.size();
    keys = trie.keys;
    targets = trie.values;
    mask = trie.keys.length - 1;
    for (long edge : edges.get(0)) {
      rootMoves[(int) (edge >>> 32)] = (int) edge;
    }
    moveBits = new long[states];
    for (int state = 0; state < states; state++) {
      for (long edge : edges.get(state)) {
        moveBits[state] |= 1L << (edge >>> 32);
      }
    }
    // Failure links breadth first: a state's link is the longest proper suffix of its path that
    // is also a path from the root; its matches are its own plus its link's.
    fail = new int[states];
    matches = new int[states][];
    matches[0] = NONE;
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (long edge : edges.get(0)) {
      int child = (int) edge;
      fail[child] = 0;
      matches[child] = ends.get(child);
      queue.add(child);
    }
    while (!queue.isEmpty()) {
      int state = queue.poll();
      for (long edge : edges.get(state)) {
        char c = (char) (edge >>> 32);
        int child = (int) edge;
        fail[child] = step(fail[state], c);
        int[] own = ends.get(child);
        int[] inherited = matches[fail[child]];
        if (inherited.length == 0) {
          matches[child] = own;
        } else {
          int[] all = Arrays.copyOf(own, own.length + inherited.length);
          System.arraycopy(inherited, 0, all, own.length, inherited.length);
          matches[child] = all;
        }
        queue.add(child);
      }
    }
    int classes = 1;
    for (long[] own : edges) {
      for (long edge : own) {
        int c = (int) (edge >>> 32);
        if (c < 128 && asciiClass[c] == 0) {
          asciiClass[c] = classes++;
        }
      }
    }
    asciiClasses = classes;
    if ((long) states * classes > maxAsciiMoves) {
      asciiMoves = null;
    } else {
      asciiMoves = new int[states * classes];
      for (int c = 0; c < 128; c++) {
        if (asciiClass[c] != 0) {
          for (int state = 0; state < states; state++) {
            asciiMoves[state * classes + asciiClass[c]] = step(state, (char) c);
          }
        }
      }
    }
  }

  /**
   * Reports every occurrence of every term in {@code text}, in order of where it ends; characters
   * are compared as {@link #fold} makes them.
   */
  void scan(CharSequence text, Hits hits) {
    int[] moves = asciiMoves;
    int state = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // fold leaves ASCII as it is.
      state = c < 128 && moves != null ? moves[state * asciiClasses + asciiClass[c]] : step(state, fold(c));
      int[] found = matches[state];
      for (int term : found) {
        hits.hit(term, i + 1 - lengths[term], i + 1);
      }
    }
  }

  /**
   * The character terms and texts are compared by: typographic apostrophes (’, ‘, ʼ) as "'", and
   * the hyphens NFKC leaves as they are (‐, and the non-breaking ‑, which it makes ‐) as "-".
   * Publishers set them so (WordPress turns every "'" into "’"), editors type the keyboard's,
   * and "women's" or "self-driving" found neither the other way. One comparison for Chinese text.
   */
  static char fold(char c) {
    if (c > '\u2019' || c < '\u02BC') {
      return c;
    }
    return switch (c) {
      case '\u02BC', '\u2018', '\u2019' -> '\'';
      case '\u2010', '\u2011' -> '-';
      default -> c;
    };
  }

  /** {@link #fold} of every character. */
  static String fold(String s) {
    char[] chars = null;
    for (int i = 0; i < s.length(); i++) {
      char f = fold(s.charAt(i));
      if (f != s.charAt(i)) {
        if (chars == null) {
          chars = s.toCharArray();
        }
        chars[i] = f;
      }
    }
    return chars == null ? s : new String(chars);
  }

  private int step(int state, char c) {
    while (state != 0) {
      if ((moveBits[state] & (1L << c)) != 0) {
        int next = lookup(state, c);
        if (next >= 0) {
          return next;
        }
      }
      state = fail[state];
    }
    return rootMoves[c];
  }

  private int lookup(int state, char c) {
    long key = key(state, c);
    for (int slot = slot(key, mask); ; slot = (slot + 1) & mask) {
      long k = keys[slot];
      if (k == key) {
        return targets[slot];
      }
      if (k == EMPTY) {
        return -1;
      }
    }
  }

  private static final long EMPTY = -1L;

  private static long key(int state, char c) {
    return ((long) state << 16) | c;
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 40) & mask;
  }

  /** The goto table while the trie grows: linear probing, doubled at half full. */
  private static final class GrowingTable {
    long[] keys = filled(16);
    int[] values = new int[16];
    int size;

    int get(int state, char c) {
      long key = key(state, c);
      int mask = keys.length - 1;
      for (int slot = slot(key, mask); ; slot = (slot + 1) & mask) {
        if (keys[slot] == key) {
          return values[slot];
        }
        if (keys[slot] == EMPTY) {
          return -1;
        }
      }
    }

    void put(int state, char c, int target) {
      if (2 * (size + 1) > keys.length) {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = filled(oldKeys.length * 2);
        values = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
          if (oldKeys[i] != EMPTY) {
            insert(oldKeys[i], oldValues[i]);
          }
        }
      }
      insert(key(state, c), target);
    }

    private void insert(long key, int target) {
      int mask = keys.length - 1;
      int slot = slot(key, mask);
      while (keys[slot] != EMPTY) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = key;
      values[slot] = target;
      size++;
    }

    private static long[] filled(int n) {
      long[] a = new long[n];
      Arrays.fill(a, EMPTY);
      return a;
    }
  }
}
