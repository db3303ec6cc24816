package dev.syndic.classify;

import dev.syndic.catalogue.CategoryFile;
import dev.syndic.category.Category;
import dev.syndic.clean.CleanedEntry;
import dev.syndic.clean.TextNormalizer;
import dev.syndic.clean.ContentCleaner;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Measures the rules-plus-model policy on a labeled folder outside the service, the way an admin's
 * teaching reaches it: every labeled item is an example of every labeled category (positive or
 * negative, as {@code syndic_eval.py teach} posts them), {@link ModelTrainer} trains on part of
 * them and {@link CategoryPolicy} decides the rest.
 *
 * <p>Not a test (run by hand, its name does not end in {@code Test}); the labeled data is read
 * from wherever the caller keeps it and never copied into the project. A folder holds {@code
 * gold.tsv} (a header naming its columns: guid, label, and optionally extra_labels, ignore and
 * source_label) and {@code feeds/*.xml} (RSS 2.0).
 *
 * <pre>
 *   java -cp target/test-classes:target/classes:$CP dev.syndic.classify.LabeledCrossValidation \
 *       cv TRAIN_DIR [folds] [repeats]        # nested: outer folds held out from training
 *   java ... dev.syndic.classify.LabeledCrossValidation holdout TRAIN_DIR TEST_DIR
 *   java ... dev.syndic.classify.LabeledCrossValidation misses DIR    # the rules' misses, explained
 *   java ... dev.syndic.classify.LabeledCrossValidation headlines DIR FACTOR...
 * </pre>
 *
 * <p>{@code misses} lists every false negative and false positive of the rules alone with the
 * source's own label and every category's score and evidence, as the service explains them.
 * {@code headlines} decides entries that are a headline alone (the body adds nothing to the
 * title) with every threshold times each factor, to see whether thresholds made for articles suit
 * a lone title.
 */
public final class LabeledCrossValidation {

  record Item(String guid, String title, String body, Set<String> gold, Set<String> ignore, String source) {}

  record Prepared(Item item, TrainingExample example) {}

  private LabeledCrossValidation() {}

  public static void main(String[] args) throws Exception {
    RuleClassifier rules = shippedRules();
    if (args[0].equals("cv")) {
      List<Prepared> all = prepare(read(Path.of(args[1])), rules);
      int folds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
      int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 2;
      crossValidate(all, rules, folds, repeats);
    } else if (args[0].equals("misses")) {
      misses(prepare(read(Path.of(args[1])), rules), rules);
    } else if (args[0].equals("headlines")) {
      List<Prepared> all = prepare(read(Path.of(args[1])), rules);
      for (int i = 2; i < args.length; i++) {
        double factor = Double.parseDouble(args[i]);
        Counts counts = new Counts();
        RuleClassifier scaled = scaledRules(factor);
        for (Prepared p : all) {
          RuleClassifier deciding = headlineOnly(p.item()) ? scaled : rules;
          List<Assignment> scored = deciding.score(p.item().title(), p.item().body(), List.of());
          Set<String> predicted = new HashSet<>();
          scored.stream().filter(a -> deciding.assigned(a, scored)).forEach(a -> predicted.add(a.slug()));
          counts.add(p.item(), predicted);
        }
        counts.print(String.format(Locale.ROOT, "headline thresholds x %.2f (%d of %d items are a headline alone)", factor,
            all.stream().filter(p -> headlineOnly(p.item())).count(), all.size()));
      }
    } else {
      List<Prepared> train = prepare(read(Path.of(args[1])), rules);
      List<Prepared> test = prepare(read(Path.of(args[2])), rules);
      ModelTrainer.Result result = ModelTrainer.train(train.stream().map(Prepared::example).toList());
      result.reports().forEach(System.out::println);
      Counts rulesOnly = new Counts();
      Counts taught = new Counts();
      decide(test, new CategoryPolicy(rules, ModelSet.empty()), rulesOnly);
      decide(test, new CategoryPolicy(rules, result.models()), taught);
      rulesOnly.print("rules only");
      taught.print("after teaching");
    }
  }

  static void crossValidate(List<Prepared> all, RuleClassifier rules, int folds, int repeats) {
    Counts rulesOnly = new Counts();
    Counts taught = new Counts();
    Map<String, Map<CategoryModel.Mode, Integer>> modes = new TreeMap<>();
    long start = System.nanoTime();
    for (int r = 0; r < repeats; r++) {
      List<Prepared> shuffled = new ArrayList<>(all);
      Collections.shuffle(shuffled, new Random(1000 + r));
      // Stratified by the first label: each label's items dealt round-robin over the folds.
      Map<String, Integer> dealt = new HashMap<>();
      int[] fold = new int[shuffled.size()];
      for (int i = 0; i < fold.length; i++) {
        String key = String.join(",", new TreeSet<>(shuffled.get(i).item().gold()));
        fold[i] = dealt.merge(key, 1, Integer::sum) % folds;
      }
      for (int f = 0; f < folds; f++) {
        List<TrainingExample> train = new ArrayList<>();
        List<Prepared> test = new ArrayList<>();
        for (int i = 0; i < fold.length; i++) {
          if (fold[i] == f) {
            test.add(shuffled.get(i));
          } else {
            train.add(shuffled.get(i).example());
          }
        }
        ModelTrainer.Result result = ModelTrainer.train(train);
        for (ModelTrainer.Report report : result.reports()) {
          modes.computeIfAbsent(report.slug(), k -> new LinkedHashMap<>()).merge(report.mode(), 1, Integer::sum);
        }
        decide(test, new CategoryPolicy(rules, ModelSet.empty()), rulesOnly);
        decide(test, new CategoryPolicy(rules, result.models()), taught);
      }
    }
    System.out.printf(Locale.ROOT, "%d x %d-fold cross-validation over %d items, %.1f s; modes chosen %s%n", repeats, folds, all.size(),
        (System.nanoTime() - start) / 1e9, modes);
    rulesOnly.print("rules only");
    taught.print("after teaching");
  }

  /** Every false negative and false positive of the rules alone, with the evidence of every category. */
  static void misses(List<Prepared> items, RuleClassifier rules) {
    for (Prepared p : items) {
      Item item = p.item();
      List<Assignment> scored = rules.score(item.title(), item.body(), List.of());
      for (String slug : Counts.SLUGS) {
        boolean gold = item.gold().contains(slug);
        if (item.ignore().contains(slug) || gold == scored.stream().anyMatch(a -> a.slug().equals(slug) && rules.assigned(a, scored))) {
          continue;
        }
        StringBuilder line = new StringBuilder(gold ? "FN " : "FP ").append(slug).append('\t').append(item.source())
            .append('\t').append(item.title());
        scored.forEach(a -> line.append("\t").append(a.slug()).append(' ').append(a.score()).append(' ').append(a.evidence()));
        System.out.println(line);
      }
    }
  }

  /** Whether the entry is a headline alone: its body (title and text, normalized) adds nothing to the title. */
  static boolean headlineOnly(Item item) {
    String title = TextNormalizer.normalize(item.title());
    return title.isEmpty() || item.body().replace(title, "").isBlank();
  }

  static RuleClassifier scaledRules(double factor) throws IOException {
    return new RuleClassifier(shippedDefinitions().stream()
        .map(d -> new CategoryDefinition(d.slug(), d.threshold() * factor, d.rules())).toList());
  }

  static void decide(List<Prepared> items, CategoryPolicy policy, Counts counts) {
    for (Prepared p : items) {
      Set<String> predicted = new HashSet<>();
      policy.decide(p.item().title(), p.item().body(), List.of(), null).forEach(d -> predicted.add(d.slug()));
      counts.add(p.item(), predicted);
    }
  }

  /** True and false positives and false negatives per category, pooled over everything decided. */
  static final class Counts {
    static final List<String> SLUGS = List.of("agriculture", "entertainment", "ai");
    private final Map<String, int[]> bySlug = new TreeMap<>();

    void add(Item item, Set<String> predicted) {
      for (String slug : SLUGS) {
        if (item.ignore().contains(slug)) {
          continue;
        }
        int[] c = bySlug.computeIfAbsent(slug, k -> new int[3]);
        boolean gold = item.gold().contains(slug);
        boolean said = predicted.contains(slug);
        c[0] += gold && said ? 1 : 0;
        c[1] += !gold && said ? 1 : 0;
        c[2] += gold && !said ? 1 : 0;
      }
    }

    void print(String what) {
      StringBuilder line = new StringBuilder(what).append(':');
      bySlug.forEach((slug, c) -> {
        double p = c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
        double r = c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
        double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        line.append(String.format(Locale.ROOT, "  %s P %.3f R %.3f F1 %.3f", slug, p, r, f));
      });
      System.out.println(line);
    }
  }

  /** Cleans each item as ingest does and labels it as {@code teach} posts it. */
  static List<Prepared> prepare(List<Item> items, RuleClassifier rules) {
    Set<String> labels = new TreeSet<>();
    items.forEach(i -> labels.addAll(i.gold()));
    labels.remove("other");
    ContentCleaner cleaner = new ContentCleaner();
    List<Prepared> out = new ArrayList<>();
    for (Item raw : items) {
      CleanedEntry c = cleaner.clean(raw.title(), raw.body(), null);
      Item item = new Item(raw.guid(), c.title(), c.matchText(), raw.gold(), raw.ignore(), raw.source());
      List<Assignment> scored = rules.score(item.title(), item.body(), List.of());
      Set<String> ruled = new HashSet<>();
      scored.stream().filter(a -> rules.assigned(a, scored)).forEach(a -> ruled.add(a.slug()));
      Map<String, Boolean> judged = new HashMap<>();
      for (String label : labels) {
        if (!item.ignore().contains(label)) {
          judged.put(label, item.gold().contains(label));
        }
      }
      out.add(new Prepared(item, new TrainingExample(EntryFeatures.of(item.title(), item.body(), scored, rules), judged, ruled)));
    }
    return out;
  }

  static RuleClassifier shippedRules() throws IOException {
    return new RuleClassifier(shippedDefinitions());
  }

  private static List<CategoryDefinition> shippedDefinitions() throws IOException {
    try (Reader reader = Files.newBufferedReader(Path.of("feeds", "categories.yml"), StandardCharsets.UTF_8)) {
      return CategoryFile.read(reader).stream().filter(Category::enabled).map(Category::definition).toList();
    }
  }

  static List<Item> read(Path dir) throws IOException, XMLStreamException {
    Map<String, String[]> text = new HashMap<>();
    try (DirectoryStream<Path> feeds = Files.newDirectoryStream(dir.resolve("feeds"))) {
      for (Path feed : feeds) {
        readFeed(feed, text);
      }
    }
    List<Item> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(dir.resolve("gold.tsv"), StandardCharsets.UTF_8);
    // By the header's names: the folders do not all have the same columns (category-articles-dev
    // has lang where tnews has extra_labels).
    List<String> header = List.of(lines.get(0).split("\t", -1));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", -1);
      String[] t = text.get(f[0]);
      if (t == null) {
        continue;
      }
      Set<String> gold = new HashSet<>(List.of(f[header.indexOf("label")]));
      gold.addAll(column(header, f, "extra_labels"));
      Set<String> ignore = new HashSet<>(column(header, f, "ignore"));
      int source = header.indexOf("source_label");
      out.add(new Item(f[0], t[0], t[1], gold, ignore, source >= 0 && source < f.length ? f[source] : ""));
    }
    return out;
  }

  /** The comma-separated values of a column, none when the file has no such column. */
  private static List<String> column(List<String> header, String[] fields, String name) {
    int at = header.indexOf(name);
    return at < 0 || at >= fields.length || fields[at].isEmpty() ? List.of() : List.of(fields[at].split(","));
  }

  private static void readFeed(Path feed, Map<String, String[]> text) throws IOException, XMLStreamException {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    try (InputStream in = Files.newInputStream(feed)) {
      XMLStreamReader xml = factory.createXMLStreamReader(in);
      String title = null;
      String body = null;
      String guid = null;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamReader.START_ELEMENT) {
          switch (xml.getLocalName()) {
            case "item" -> title = body = guid = null;
            case "title" -> title = xml.getElementText();
            case "description" -> body = xml.getElementText();
            case "guid" -> guid = xml.getElementText();
            default -> { }
          }
        } else if (event == XMLStreamReader.END_ELEMENT && xml.getLocalName().equals("item") && guid != null) {
          text.put(guid, new String[] {title, body});
        }
      }
    }
  }
}
