package dev.syndic.publish;

import java.util.Optional;

/** The outbound formats, by file extension. */
enum FeedFormat {
  RSS("rss", "application/rss+xml; charset=utf-8", "RSS 2.0"),
  ATOM("atom", "application/atom+xml; charset=utf-8", "Atom 1.0"),
  JSON("json", "application/feed+json; charset=utf-8", "JSON Feed 1.1");

  final String extension;
  final String contentType;
  final String label;

  FeedFormat(String extension, String contentType, String label) {
    this.extension = extension;
    this.contentType = contentType;
    this.label = label;
  }

  /** The media type without parameters, as {@code <link type>} wants it. */
  String mediaType() {
    return contentType.substring(0, contentType.indexOf(';'));
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
