package dev.syndic.classify;

import java.util.Arrays;

/**
 * The rule targets one text matched, by their number, each once in the order first seen, with the
 * best factor it was seen with and how many times the body named it. One per scoring, not shared.
 *
 * <p>A map keyed by the target record did this, and was a tenth of categorizing: hashing a record
 * hashes each of its fields, and each entry boxed its factor and its count. Here a target is an
 * int, found in a small open-addressing table, and the rest are parallel arrays.
 */
final class MatchedTerms {

  /** Per slot of the table, the place in first-seen order plus one; 0 for an empty slot. */
  private int[] table = new int[32];
  private int[] targets = new int[16];
  private double[] factors = new double[16];
  private int[] times = new int[16];
  private int size;

  /** Records that {@code target} was seen with {@code factor}: kept the first time, raised if larger. */
  void see(int target, double factor) {
    int at = find(target);
    if (at >= 0) {
      factors[at] = Math.max(factors[at], factor);
      return;
    }
    if (size == targets.length) {
      targets = Arrays.copyOf(targets, 2 * size);
      factors = Arrays.copyOf(factors, 2 * size);
      times = Arrays.copyOf(times, 2 * size);
    }
    if (2 * (size + 1) > table.length) {
      table = new int[2 * table.length];
      for (int i = 0; i < size; i++) {
        table[free(targets[i])] = i + 1;
      }
    }
    targets[size] = target;
    factors[size] = factor;
    table[free(target)] = ++size;
  }

  /** Counts one more time the body named {@code target}, which must have been {@link #see seen}. */
  void repeat(int target) {
    times[find(target)]++;
  }

  /** How many targets were seen. */
  int size() {
    return size;
  }

  /** The {@code i}th target first seen. */
  int target(int i) {
    return targets[i];
  }

  /** The best factor the {@code i}th target was seen with. */
  double factor(int i) {
    return factors[i];
  }

  /** How many times the {@code i}th target was {@link #repeat repeated}. */
  int times(int i) {
    return times[i];
  }

  /** The place of {@code target} in first-seen order, or -1. */
  private int find(int target) {
    int mask = table.length - 1;
    for (int slot = slot(target, mask); table[slot] != 0; slot = (slot + 1) & mask) {
      if (targets[table[slot] - 1] == target) {
        return table[slot] - 1;
      }
    }
    return -1;
  }

  private int free(int target) {
    int mask = table.length - 1;
    int slot = slot(target, mask);
    while (table[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private static int slot(int target, int mask) {
    return (target * 0x9E3779B9 >>> 16) & mask;
  }
}
