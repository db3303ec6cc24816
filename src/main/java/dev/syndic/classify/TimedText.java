package dev.syndic.classify;

/**
 * Text that a regular expression may read only until a deadline. {@code java.util.regex} has no
 * time limit, and an admin's expression that backtracks catastrophically ({@code (a+)+b},
 * {@code ([\s\S]*){30}\d{40}}) would hold a poller or request thread for hours; the engine reads
 * its input through {@link #charAt}, so a read past the deadline stops the match with {@link
 * Expired}. The clock is read once every 4,096 reads, a cost lost in the matching itself.
 */
final class TimedText implements CharSequence {

  /** The deadline passed during a match. */
  static final class Expired extends RuntimeException {
    Expired() {
      super("the expression ran past its time", null, false, false);
    }
  }

  private final String text;
  private final long deadline;
  private int reads;

  /** {@code text} readable until {@code deadline} ({@link System#nanoTime}). */
  TimedText(String text, long deadline) {
    this.text = text;
    this.deadline = deadline;
  }

  @Override
  public char charAt(int index) {
    if ((++reads & 0xFFF) == 0 && System.nanoTime() - deadline > 0) {
      throw new Expired();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new TimedText(text.substring(start, end), deadline);
  }

  @Override
  public String toString() {
    return text;
  }
}
