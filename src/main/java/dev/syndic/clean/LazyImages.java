package dev.syndic.clean;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Gives lazy-loaded images their source back. Pages that load images as they scroll into view
 * put the address in a {@code data-*} attribute and leave {@code src} out or pointing at a
 * placeholder (a {@code data:} URI, a 1x1 or blank GIF); a script swaps them. WeChat articles and
 * their republications do this with every image. Sanitizing drops {@code data-*} attributes, so
 * without this step such an image is kept with no source, or shows the placeholder.
 */
final class LazyImages {

  private static final Evaluator IMAGE = QueryParser.parse("img");

  /**
   * Where lazy-loading scripts keep the address, most common first: {@code data-src} (WeChat,
   * lazysizes), {@code data-original} (jQuery lazyload), {@code data-lazy-src} (WordPress
   * plugins), {@code data-actualsrc} (Zhihu).
   */
  private static final List<String> SOURCES = List.of("data-src", "data-original", "data-lazy-src", "data-actualsrc");

  /** Names (without extension) of the images lazy-loading scripts show until the real one loads. */
  private static final Set<String> PLACEHOLDERS =
      Set.of("blank", "spacer", "pixel", "1x1", "transparent", "clear", "empty", "placeholder", "lazy", "lazyload", "loading", "grey", "gray");

  private LazyImages() {}

  /** Candidate lists ({@code url 800w, url 2x}): responsive images, lazy or not, may give only these. */
  private static final List<String> SOURCE_SETS = List.of("srcset", "data-srcset");

  /**
   * Copies the lazy-loading address of each image under {@code root} into its {@code src}, in
   * place; failing that, the largest candidate of its source set (the sanitizer keeps {@code src}
   * alone, so an image given only by {@code srcset} was dropped).
   */
  static void reveal(Element root) {
    for (Element img : root.select(IMAGE)) {
      if (!isPlaceholder(img.attr("src"))) {
        continue;
      }
      String found = null;
      for (String attribute : SOURCES) {
        String source = img.attr(attribute).strip();
        if (!source.isEmpty() && !isPlaceholder(source)) {
          found = source;
          break;
        }
      }
      for (int i = 0; found == null && i < SOURCE_SETS.size(); i++) {
        found = largest(img.attr(SOURCE_SETS.get(i)));
      }
      if (found != null) {
        img.attr("src", found);
      }
    }
  }

  /**
   * The candidate of a source set with the largest width or density ({@code 800w}, {@code 2x}; none
   * counts as 1x), or null when it has none that is a picture. Candidates are split at a comma
   * followed by white space, so that a comma inside an address (a CDN's resize parameters) stays.
   */
  static String largest(String sourceSet) {
    String best = null;
    double bestSize = -1;
    for (String candidate : sourceSet.strip().split(",\\s+")) {
      String[] parts = candidate.strip().split("\\s+");
      if (parts[0].isEmpty() || isPlaceholder(parts[0])) {
        continue;
      }
      double size = 1;
      if (parts.length > 1 && parts[1].length() > 1) {
        try {
          size = Double.parseDouble(parts[1].substring(0, parts[1].length() - 1));
        } catch (NumberFormatException e) {
          size = 1;
        }
      }
      if (size > bestSize) {
        best = parts[0].endsWith(",") ? parts[0].substring(0, parts[0].length() - 1) : parts[0];
        bestSize = size;
      }
    }
    return best;
  }

  /** Whether {@code src} shows no picture of the story: missing, a data: URI, or a placeholder's name. */
  static boolean isPlaceholder(String src) {
    String s = src.strip().toLowerCase(Locale.ROOT);
    if (s.isEmpty() || s.startsWith("data:") || s.equals("about:blank")) {
      return true;
    }
    int end = s.length();
    for (char stop : new char[] {'?', '#'}) {
      int at = s.indexOf(stop);
      end = at >= 0 ? Math.min(end, at) : end;
    }
    String name = s.substring(s.lastIndexOf('/', end - 1) + 1, end);
    int dot = name.lastIndexOf('.');
    return PLACEHOLDERS.contains(dot < 0 ? name : name.substring(0, dot));
  }
}
