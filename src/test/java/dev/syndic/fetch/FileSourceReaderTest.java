package dev.syndic.fetch;

import static dev.syndic.fetch.FetchTesting.expect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code file:} sources: read under the root, refused anywhere else, links included. */
class FileSourceReaderTest {

  private static final byte[] FEED = FetchTesting.fixture("gbk-declared.xml");
  private static final String SECRET = "SECRET-OUTSIDE-THE-ROOT";

  @TempDir Path temp;
  private Path root;
  private FeedFetcher fetcher;

  @BeforeEach
  void layOut() throws IOException {
    root = Files.createDirectories(temp.resolve("feeds"));
    Files.createDirectories(root.resolve("samples"));
    Files.write(root.resolve("samples/agri-gbk.xml"), FEED);
    Files.writeString(temp.resolve("secret.xml"), SECRET, StandardCharsets.UTF_8);
    Files.createDirectories(temp.resolve("outside"));
    Files.writeString(temp.resolve("outside/other.xml"), SECRET, StandardCharsets.UTF_8);
    Files.createSymbolicLink(root.resolve("escape.xml"), temp.resolve("secret.xml"));
    Files.createSymbolicLink(root.resolve("escape-dir"), temp.resolve("outside"));
    Files.createSymbolicLink(root.resolve("inside-link.xml"), root.resolve("samples/agri-gbk.xml"));
    // A sibling whose name starts with the root's: a prefix check on strings would let it through.
    Files.createDirectories(temp.resolve("feeds-evil"));
    Files.writeString(temp.resolve("feeds-evil/x.xml"), SECRET, StandardCharsets.UTF_8);
    fetcher = new FeedFetcher(FetchTesting.config(false, root.toString(), Duration.ofSeconds(1), Duration.ofSeconds(1)), FetchTesting.CLOCK);
  }

  private FetchResult fetch(String url) {
    return fetcher.fetch(FetchRequest.unconditional(URI.create(url)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:samples/agri-gbk.xml", "file:./samples/agri-gbk.xml", "file:samples/../samples/agri-gbk.xml", "file:inside-link.xml"})
  void relativePathsReadUnderTheRoot(String url) {
    FetchResult.Fetched f = expect(FetchResult.Fetched.class, fetch(url));

    assertArrayEquals(FEED, f.body());
    assertEquals(0, f.status());
    assertEquals(URI.create(url), f.finalUrl());
    assertNull(f.contentType());
    assertNull(f.etag());
  }

  @Test
  void absolutePathInsideTheRootIsRead() {
    String url = root.resolve("samples/agri-gbk.xml").toUri().toString();

    FetchResult.Fetched f = expect(FetchResult.Fetched.class, fetch(url));

    assertArrayEquals(FEED, f.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:../secret.xml", "file:samples/../../secret.xml", "file:../feeds-evil/x.xml", "file:/etc/passwd", "file:///etc/passwd", "file://host/etc/passwd"})
  void pathsOutsideTheRootAreRefused(String url) {
    FetchResult.Failed failed = expect(FetchResult.Failed.class, fetch(url));

    assertTrue(failed.message().startsWith("refused " + url + ": file sources must lie under " + root), failed.message());
    assertTrue(failed.message().contains("syndic.fetch.file-root"), failed.message());
    assertEquals(0, failed.status());
  }

  @Test
  void absolutePathOutsideTheRootIsRefused() {
    String url = temp.resolve("secret.xml").toUri().toString();

    FetchResult.Failed failed = expect(FetchResult.Failed.class, fetch(url));

    assertTrue(failed.message().contains("file sources must lie under"), failed.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:escape.xml", "file:escape-dir/other.xml"})
  void symlinksLeadingOutOfTheRootAreRefused(String url) {
    FetchResult.Failed failed = expect(FetchResult.Failed.class, fetch(url));

    assertTrue(failed.message().startsWith("refused " + url + ": it links outside " + root), failed.message());
    assertTrue(!failed.message().contains(SECRET));
  }

  @Test
  void missingFileIsAFailure() {
    FetchResult.Failed failed = expect(FetchResult.Failed.class, fetch("file:samples/missing.xml"));

    assertEquals("no such file: " + root.resolve("samples/missing.xml"), failed.message());
  }

  @Test
  void directoryIsAFailure() {
    FetchResult.Failed failed = expect(FetchResult.Failed.class, fetch("file:samples"));

    assertTrue(failed.message().startsWith("could not read " + root.resolve("samples")), failed.message());
  }

  @Test
  void fileOverTheCapIsRefused() throws IOException {
    Files.write(root.resolve("big.xml"), new byte[(int) FetchTesting.CAP + 1]);

    FetchResult.Failed failed = expect(FetchResult.Failed.class, fetch("file:big.xml"));

    assertTrue(failed.message().endsWith("is larger than the limit of 65536 bytes"), failed.message());
  }

  @Test
  void fileExactlyAtTheCapIsRead() throws IOException {
    Files.write(root.resolve("full.xml"), new byte[(int) FetchTesting.CAP]);

    FetchResult.Fetched f = expect(FetchResult.Fetched.class, fetch("file:full.xml"));

    assertEquals(FetchTesting.CAP, f.body().length);
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:samples/a%00b.xml", "file:%00"})
  void impossiblePathsAreAFailureNotAnException(String url) {
    FetchResult.Failed failed = expect(FetchResult.Failed.class, fetch(url));

    assertTrue(failed.message().startsWith("refused " + url), failed.message());
  }

  @Test
  void relativeRootIsResolvedFromTheWorkingDirectory() {
    FeedFetcher relative = new FeedFetcher(FetchTesting.config(false, "src/test/resources", Duration.ofSeconds(1), Duration.ofSeconds(1)), FetchTesting.CLOCK);

    FetchResult.Fetched f = expect(FetchResult.Fetched.class, relative.fetch(FetchRequest.unconditional(URI.create("file:feeds/gbk-declared.xml"))));

    assertArrayEquals(FEED, f.body());
  }
}
