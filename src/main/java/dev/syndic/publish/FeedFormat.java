package dev.syndic.publish;

import java.util.Optional;

/** The outbound formats, by file extension. */
enum FeedFormat {
  RSS("rss", "application/rss+xml; charset=utf-8", "rss_2.0"),
  ATOM("atom", "application/atom+xml; charset=utf-8", "atom_1.0");

  final String extension;
  final String contentType;
  final String romeType;

  FeedFormat(String extension, String contentType, String romeType) {
    this.extension = extension;
    this.contentType = contentType;
    this.romeType = romeType;
  }

  static Optional<FeedFormat> byExtension(String extension) {
    for (FeedFormat f : values()) {
      if (f.extension.equals(extension)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
