package dev.syndic.classify;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Text that a regular expression may read only until a deadline. {@code java.util.regex} has no
 * time limit, and an admin's expression that backtracks catastrophically ({@code (.*a){20}},
 * {@code ([\s\S]*){30}\d{40}}) would hold a poller or request thread for hours; the engine reads
 * its input through {@link #charAt}, so a read past the deadline stops the match with {@link
 * Expired}. The clock is the thread's CPU time ({@link #now}), so that a thread waiting for a
 * core or for the garbage collector is not taken for a slow match. It is read once every 4,096
 * reads, the first time to start the budget: the common match, over in fewer reads, never reads
 * it (about a microsecond a reading).
 */
final class TimedText implements CharSequence {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();

  /** The current thread's CPU time in nanoseconds (wall time where the JVM cannot tell). */
  static long now() {
    return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }

  /** The deadline passed during a match. */
  static final class Expired extends RuntimeException {
    Expired() {
      super("the expression ran past its time", null, false, false);
    }
  }

  private final String text;
  private final long budget;
  private long deadline;
  private boolean started;
  private int reads;

  /** {@code text}, readable for {@code budgetNanos} of the thread's CPU time once 4,096 reads are made. */
  TimedText(String text, long budgetNanos) {
    this(text, budgetNanos, false, 0);
  }

  private TimedText(String text, long budget, boolean started, long deadline) {
    this.text = text;
    this.budget = budget;
    this.started = started;
    this.deadline = deadline;
  }

  @Override
  public char charAt(int index) {
    if ((++reads & 0xFFF) == 0) {
      long now = now();
      if (!started) {
        started = true;
        deadline = now + budget;
      } else if (now - deadline > 0) {
        throw new Expired();
      }
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new TimedText(text.substring(start, end), budget, started, deadline);
  }

  @Override
  public String toString() {
    return text;
  }
}
