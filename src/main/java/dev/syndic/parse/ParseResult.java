package dev.syndic.parse;

/** The outcome of parsing: a feed, or why the bytes are not one. */
public sealed interface ParseResult {

  record Parsed(ParsedFeed feed) implements ParseResult {}

  /**
   * The bytes could not be read as a feed.
   *
   * @param message what is wrong, in words an admin can act on
   */
  record Unreadable(String message) implements ParseResult {}
}
