package dev.syndic.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads test fixtures and the shipped sample feeds. */
public final class Fixtures {

  private Fixtures() {}

  /** A file of the shipped catalogue, e.g. {@code samples/ai-zh.xml}. */
  public static byte[] sample(String name) {
    return read(Path.of("feeds").resolve(name));
  }

  /**
   * A new catalogue folder holding only the shipped {@code categories.yml} (its sources are real
   * feeds on the Internet), deleted when the JVM exits.
   */
  public static Path shippedCategories() {
    Path catalogue = TempFolders.create("syndic-catalogue-");
    try {
      Files.copy(Path.of("feeds/categories.yml"), catalogue.resolve("categories.yml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return catalogue;
  }

  /** A fixture under {@code src/test/resources/feeds}. */
  public static byte[] feed(String name) {
    return read(Path.of("src/test/resources/feeds").resolve(name));
  }

  /** A minimal RSS 2.0 document with the given items, each {@code {guid, title, description}}. */
  public static byte[] rss(String[]... items) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Test feed</title>"
        + "<link>https://test.example.com/</link><description>test</description>\n");
    for (String[] item : items) {
      b.append("<item><guid>").append(item[0]).append("</guid><title>").append(item[1])
          .append("</title><link>https://test.example.com/").append(item[0]).append("</link><description><![CDATA[")
          .append(item[2]).append("]]></description><pubDate>Tue, 17 Mar 2026 08:00:00 GMT</pubDate></item>\n");
    }
    return b.append("</channel></rss>\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
