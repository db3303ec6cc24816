package dev.syndic.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Removes disclaimers shaped like ours from content, so output never carries two: content copied
 * from a site that republished it (perhaps from Syndic itself) may already end with one. Each
 * template becomes a pattern (its literal text, any text for each placeholder); the smallest
 * element whose text contains a match goes. Templates with too little literal text to be
 * recognised safely are skipped.
 */
final class DisclaimerStrip {

  private static final int MIN_LITERAL = 8;
  /**
   * Characters the stored HTML may write as an entity ({@code &amp;}, {@code &nbsp;}) or not (jsoup
   * writes {@code '} and {@code "} plainly in text, where {@link Entities#escape} writes {@code
   * &apos;}): the probe, looked for in the HTML, is the longest run of a template's words without
   * them, so that it is found however the content spells them.
   */
  private static final Pattern ESCAPED = Pattern.compile("[&<>\"'\u00A0]");

  private record Shape(Pattern pattern, String probe) {}

  private final List<Shape> shapes = new ArrayList<>();

  DisclaimerStrip(List<String> templates) {
    for (String t : templates) {
      String[] literals = DisclaimerTemplate.ANY_PLACEHOLDER.split(t.strip(), -1);
      StringBuilder regex = new StringBuilder();
      String longest = "";
      String probe = "";
      for (int i = 0; i < literals.length; i++) {
        String literal = literals[i].strip().replaceAll("\\s+", " ");
        if (i > 0) {
          regex.append(".{0,300}?");
        }
        regex.append(Pattern.quote(literal).replace(" ", "\\E\\s*\\Q"));
        if (literal.length() > longest.length()) {
          longest = literal;
        }
        for (String run : ESCAPED.split(literal)) {
          probe = run.length() > probe.length() ? run : probe;
        }
      }
      if (longest.length() >= MIN_LITERAL) {
        shapes.add(new Shape(Pattern.compile(regex.toString(), Pattern.DOTALL), probe));
      }
    }
  }

  String apply(String html) {
    List<Shape> present = shapes.stream().filter(s -> html.contains(s.probe())).toList();
    if (present.isEmpty()) {
      return html;
    }
    Document doc = Jsoup.parseBodyFragment(html);
    doc.outputSettings().prettyPrint(false);
    boolean changed = false;
    List<Element> all = new ArrayList<>(doc.body().getAllElements());
    for (int i = all.size() - 1; i >= 1; i--) {
      Element el = all.get(i);
      if (el.parent() != null && matches(present, el.text())) {
        el.remove();
        changed = true;
      }
    }
    for (Node n : new ArrayList<>(doc.body().childNodes())) {
      if (n instanceof TextNode) {
        TextNode t = (TextNode) n;
        String text = t.getWholeText();
        for (Shape s : present) {
          Matcher m = s.pattern().matcher(text);
          if (m.find()) {
            text = m.replaceAll("");
            changed = true;
          }
        }
        t.text(text);
      }
    }
    return changed ? doc.body().html() : html;
  }

  private static boolean matches(List<Shape> shapes, String text) {
    for (Shape s : shapes) {
      if (s.pattern().matcher(text).find()) {
        return true;
      }
    }
    return false;
  }
}
