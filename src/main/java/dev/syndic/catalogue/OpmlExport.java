package dev.syndic.catalogue;

import dev.syndic.source.Source;
import dev.syndic.source.SourceRepository;
import jakarta.inject.Singleton;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every source as an OPML file ({@link OpmlWriter}), read as a stream that fetches a page of
 * sources at a time: an export of a hundred thousand sources holds one page and their ids, not the
 * file (19 MB, and some 170 MB of heap when it was built whole in a String). No connection is held
 * between pages, so a slow download holds none; a source added or deleted meanwhile may be left out.
 */
@Singleton
public class OpmlExport {

  /** Sources read per query. */
  public static final int PAGE = 1000;

  private final SourceRepository sources;

  OpmlExport(SourceRepository sources) {
    this.sources = sources;
  }

  /** The export, written as it is read. */
  public InputStream stream(String title, Instant now) {
    // The order the file lists them in: by folder (OpmlWriter.ORDER), then by id.
    List<SourceRepository.Filed> filed = sources.filed().stream()
        .sorted(Comparator.comparing((SourceRepository.Filed f) -> folder(f.defaultCategory()), OpmlWriter.ORDER)
            .thenComparingLong(SourceRepository.Filed::id))
        .toList();
    return new Pages(filed, title, now);
  }

  /** An empty category is none (the top level), as it was when the file was built in a map by category. */
  private static String folder(String category) {
    return category == null || category.isEmpty() ? null : category;
  }

  /** The file, a page of sources at a time. */
  private final class Pages extends InputStream {
    private final List<SourceRepository.Filed> filed;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final OpmlWriter opml;
    private int next;
    private boolean finished;
    private byte[] chunk;
    private int at;

    Pages(List<SourceRepository.Filed> filed, String title, Instant now) {
      this.filed = filed;
      // Not the OutputStreamWriter itself: the JDK's XML writer reads its encoding and then writes
      // every character outside the BMP (an emoji in a title) as a character reference.
      this.opml = new OpmlWriter(new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8)), title, now);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (chunk == null || at == chunk.length) {
        if (!fill()) {
          return -1;
        }
      }
      int n = Math.min(len, chunk.length - at);
      System.arraycopy(chunk, at, b, off, n);
      at += n;
      return n;
    }

    /**
     * Writes the next page of sources, or the end of the file; false once that was written. A page
     * that cannot be read fails as an IOException: the server then logs it and closes the
     * connection, where a RuntimeException left the response open and the client waiting for the
     * rest of a file it had half of, and logged nothing.
     */
    private boolean fill() throws IOException {
      if (finished) {
        return false;
      }
      try {
        return writePage();
      } catch (RuntimeException e) {
        throw new IOException("OPML export stopped after " + next + " of its " + filed.size() + " sources", e);
      }
    }

    private boolean writePage() throws IOException {
      bytes.reset();
      if (next < filed.size()) {
        List<SourceRepository.Filed> page = filed.subList(next, Math.min(filed.size(), next + PAGE));
        Map<Long, SourceRepository.Exported> read = new HashMap<>();
        sources.exported(page.stream().map(SourceRepository.Filed::id).toList()).forEach(e -> read.put(e.id(), e));
        next += page.size();
        // In the folder the ids were ordered by: a category changed since stays where it was sorted.
        for (SourceRepository.Filed f : page) {
          SourceRepository.Exported s = read.get(f.id());
          if (s != null) {
            opml.write(new OpmlWriter.Subscription(s.url(), s.title(), s.siteUrl(), folder(f.defaultCategory()), s.enabled(),
                Source.PAUSED.equals(s.status()), s.idUrl(), s.pollIntervalSeconds()));
          }
        }
        opml.flush();
      } else {
        opml.finish();
        finished = true;
      }
      chunk = bytes.toByteArray();
      at = 0;
      return true;
    }
  }
}
