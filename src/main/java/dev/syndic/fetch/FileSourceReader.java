package dev.syndic.fetch;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads {@code file:} sources, which may only name files under the configured root: {@code
 * file:samples/x.xml} is relative to the root, {@code file:///abs/x.xml} must lie inside it.
 */
final class FileSourceReader {

  private final Path root;
  private final long cap;

  FileSourceReader(String root, long cap) {
    this.root = Path.of(root).toAbsolutePath().normalize();
    this.cap = cap;
  }

  /** Why this URL may never be read (it names no file under the root), or null when it may. */
  String refusal(URI url) {
    try {
      return resolve(url) == null ? "file sources must lie under " + root + " (syndic.fetch.file-root)" : null;
    } catch (InvalidPathException e) {
      return "not a file path (" + e.getMessage() + ")";
    }
  }

  FetchResult read(URI url) {
    String refused = refusal(url);
    if (refused != null) {
      return FetchResult.Failed.of("refused " + url + ": " + refused);
    }
    Path path = resolve(url);
    try {
      Path real = path.toRealPath();
      if (!real.startsWith(root.toRealPath())) {
        return FetchResult.Failed.of("refused " + url + ": it links outside " + root);
      }
      if (Files.size(real) > cap) {
        return FetchResult.Failed.of("the file " + real + " is larger than the limit of " + cap + " bytes");
      }
      byte[] body = Files.readAllBytes(real);
      return new FetchResult.Fetched(0, url, null, body, null, null, null, null, null);
    } catch (NoSuchFileException e) {
      return FetchResult.Failed.of("no such file: " + path);
    } catch (IOException e) {
      return FetchResult.Failed.of("could not read " + path + ": " + e.getMessage());
    }
  }

  private Path resolve(URI url) {
    String part = url.isOpaque() ? url.getSchemeSpecificPart() : url.getPath();
    if (part == null || part.isBlank()) {
      return null;
    }
    Path candidate = part.startsWith("/") ? Path.of(part) : root.resolve(part);
    candidate = candidate.toAbsolutePath().normalize();
    return candidate.startsWith(root) ? candidate : null;
  }
}
