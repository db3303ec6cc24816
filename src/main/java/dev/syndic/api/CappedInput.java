package dev.syndic.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read as a stream up to a number of bytes: past it, reading fails with {@link
 * TooLarge}, so a body is refused once it is known to be too large, without being held whole.
 */
final class CappedInput extends FilterInputStream {

  /** The body is longer than the cap. */
  static final class TooLarge extends IOException {
    TooLarge(long cap) {
      super("over " + cap + " bytes", null);
    }
  }

  private final long cap;
  private long count;

  CappedInput(InputStream in, long cap) {
    super(in);
    this.cap = cap;
  }

  /** Bytes read so far. */
  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    counted(skipped);
    return skipped;
  }

  private void counted(long n) throws TooLarge {
    count += n;
    if (count > cap) {
      throw new TooLarge(cap);
    }
  }
}
