package dev.syndic.parse;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Fixtures and result unwrapping for the parse tests. */
final class ParseTesting {

  static final FeedParser PARSER = new FeedParser();

  private ParseTesting() {}

  static byte[] fixture(String name) {
    try {
      return Files.readAllBytes(Path.of("src/test/resources/feeds").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses and expects a feed. */
  static ParsedFeed feed(byte[] bytes, String contentType) {
    ParseResult result = PARSER.parse(bytes, contentType);
    return assertInstanceOf(ParseResult.Parsed.class, result, () -> "got " + result).feed();
  }

  static ParsedFeed feed(String fixture) {
    return feed(fixture(fixture), null);
  }

  /** Parses and expects the bytes to be refused; returns the message. */
  static String unreadable(byte[] bytes, String contentType) {
    ParseResult result = PARSER.parse(bytes, contentType);
    return assertInstanceOf(ParseResult.Unreadable.class, result, () -> "got " + result).message();
  }

  static List<String> titles(ParsedFeed feed) {
    return feed.entries().stream().map(ParsedEntry::title).toList();
  }
}
