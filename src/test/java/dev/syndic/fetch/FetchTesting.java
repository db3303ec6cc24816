package dev.syndic.fetch;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** Shared set-up for the fetch tests: a fixed clock, tight limits, fixtures, compressors. */
final class FetchTesting {

  static final Instant NOW = Instant.parse("2026-03-17T08:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String USER_AGENT = "Syndic-Test/0.1 (+https://syndic.example/bot)";
  static final long CAP = 64 * 1024;

  private FetchTesting() {}

  /** Connect 1 s, read 2 s, 64 KiB cap. */
  static FetchConfig config(boolean allowPrivate) {
    return config(allowPrivate, "feeds", Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  static FetchConfig config(boolean allowPrivate, String fileRoot, Duration connect, Duration read) {
    return new FetchConfig(fileRoot, allowPrivate, USER_AGENT, connect, read, CAP);
  }

  static FeedFetcher fetcher(boolean allowPrivate) {
    return new FeedFetcher(config(allowPrivate), CLOCK);
  }

  static byte[] fixture(String name) {
    try {
      return Files.readAllBytes(Path.of("src/test/resources/feeds").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T extends FetchResult> T expect(Class<T> type, FetchResult result) {
    return assertInstanceOf(type, result, () -> "got " + result);
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Deflate, wrapped in zlib (RFC 1950) when {@code zlib}, raw (RFC 1951) otherwise. */
  static byte[] deflate(byte[] data, boolean zlib) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, !zlib);
    try (DeflaterOutputStream d = new DeflaterOutputStream(out, deflater)) {
      d.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deflater.end();
    }
    return out.toByteArray();
  }

  /** {@code size} zero bytes, gzipped: a few KiB that inflate to {@code size}. */
  static byte[] gzipBomb(int size) {
    return gzip(new byte[size]);
  }
}
