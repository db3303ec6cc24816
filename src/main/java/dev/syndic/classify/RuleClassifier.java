package dev.syndic.classify;

import dev.syndic.RequiredLiterals;
import dev.syndic.clean.TextNormalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores entries against every category's rules at once. Thread-safe, and immutable but for the
 * count of expressions that ran past their time; build a new one when rules change.
 *
 * <p>Scoring: each distinct term or pattern that matches adds its weight, doubled when it
 * matches in the title ({@link #TITLE_FACTOR}); a feed tag listed by the category adds the
 * threshold itself (the publisher's own label is strong evidence). Weak terms (weight at most
 * {@value #WEAK_WEIGHT}) seen only in the body add at most {@value #WEAK_BODY_CAP} together, so a
 * long story about something else cannot collect a category from passing mentions. For the same
 * reason a term first seen past the lead (the first {@value #LEAD_CHARS} characters of the body,
 * where news writing says what the story is about) counts {@value #LATE_FACTOR} of its weight.
 * A stronger term that the body names {@value #REPEATED} times or more counts {@value
 * #REPEATED_FACTOR} times its weight: a story keeps coming back to what it is about (a speech on
 * artificial intelligence names it six times under a headline that does not), while a passing
 * mention is made once. A
 * category is assigned when the sum reaches its threshold and no other category dwarfs it ({@link
 * #assigned}).
 */
public final class RuleClassifier {

  static final double TITLE_FACTOR = 2.0;
  static final double WEAK_WEIGHT = 1.0;
  static final double WEAK_BODY_CAP = 1.0;
  static final int LEAD_CHARS = 500;
  static final double LATE_FACTOR = 0.5;
  static final double DOMINANCE = 2.0;
  static final int REPEATED = 3;
  static final double REPEATED_FACTOR = 1.5;
  /** The CPU time one expression may take on one text (titles and bodies take microseconds). */
  static final Duration MATCH_BUDGET = Duration.ofMillis(50);
  static final int SLOW_MATCHES_ALLOWED = 3;
  private static final Logger LOG = LoggerFactory.getLogger(RuleClassifier.class);

  /**
   * A term's target: {@code bounds} says which of its ends must not run on in the text ({@link
   * TermPlaces#bounds}); {@code id} is its place in {@link #targetsById}.
   */
  private record Target(int id, int category, double weight, int bounds, String term) {}

  /**
   * A rule's expression: {@code pattern} for titles as published, {@code onNormalized} for the
   * normalized body (the same expression, with ASCII case folding only where that matches the
   * same there); {@code starts} where its matches may begin.
   */
  private record CompiledPattern(int category, double weight, Pattern pattern, Pattern onNormalized, RequiredLiterals required,
      MatchStarts starts) {}

  /**
   * Every expression's required literals ({@link RequiredLiterals}), found in one pass over a
   * text: asking each expression's own {@link RequiredLiterals#mayMatch} read a body once per
   * literal, and the few dozen shipped expressions cost a third of categorizing that way, most
   * of them to learn that they need not run.
   */
  private final PatternLiterals literals;

  private final List<CategoryDefinition> categories;
  /**
   * The terms, then {@link #literals}' literals (from index {@link #termCount} on): a body's terms
   * and the literals its expressions need are found in one pass over it, where each was a pass.
   */
  private final TermAutomaton automaton;
  private final int termCount;
  /** The targets of each term of the automaton, by the term's index. */
  private final List<List<Target>> targets = new ArrayList<>();
  private final List<Target> targetsById = new ArrayList<>();
  private final List<CompiledPattern> patterns = new ArrayList<>();
  /** Each category's feed tags as {@link #tagKey} reads them. */
  private final List<Set<String>> categoryTags = new ArrayList<>();
  /**
   * How many times each expression ran past {@link #MATCH_BUDGET}. One that did so {@link
   * #SLOW_MATCHES_ALLOWED} times is not tried again by these rules (a new rule set starts over):
   * otherwise it would cost its budget on every entry of every batch.
   */
  private final Map<CompiledPattern, AtomicInteger> slowPatterns = new ConcurrentHashMap<>();

  public RuleClassifier(List<CategoryDefinition> categories) {
    this.categories = List.copyOf(categories);
    Map<String, Integer> index = new HashMap<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < this.categories.size(); i++) {
      CategoryRules rules = this.categories.get(i).rules();
      for (Map.Entry<String, Map.Entry<String, Double>> term : distinctTerms(rules.terms()).entrySet()) {
        String key = term.getKey();
        int at = index.computeIfAbsent(key, k -> {
          keys.add(k);
          targets.add(new ArrayList<>());
          return keys.size() - 1;
        });
        Target target = new Target(targetsById.size(), i, term.getValue().getValue(), TermPlaces.bounds(key), term.getValue().getKey());
        targetsById.add(target);
        targets.get(at).add(target);
      }
      categoryTags.add(rules.feedTags().stream().map(RuleClassifier::tagKey).filter(k -> !k.isEmpty())
          .collect(Collectors.toUnmodifiableSet()));
      for (Map.Entry<String, Double> p : rules.patterns().entrySet()) {
        RequiredLiterals required = RequiredLiterals.of(p.getKey());
        patterns.add(new CompiledPattern(i, p.getValue(), RuleExpressions.compile(p.getKey()), RuleExpressions.compileForNormalized(p.getKey()), required,
            MatchStarts.of(required)));
      }
    }
    this.literals = new PatternLiterals(patterns.stream().map(CompiledPattern::required).toList());
    this.termCount = keys.size();
    keys.addAll(literals.literals());
    this.automaton = new TermAutomaton(keys);
  }

  /**
   * A category's terms by their normalized form, each with the term (as written) and weight it
   * counts with. Terms read normalized text, so "ＡＩ" and "AI", or "電腦" and "电脑", are one
   * term: listed both ways they would count twice. The one with the larger weight (by size; then
   * the first in order, for the same decision on every instance) stands for them; a term that
   * normalizes to nothing is dropped.
   */
  private static Map<String, Map.Entry<String, Double>> distinctTerms(Map<String, Double> terms) {
    // In the terms' order, as the automaton was built before terms were merged.
    Map<String, Map.Entry<String, Double>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Double> term : terms.entrySet()) {
      String key = termKey(term.getKey());
      if (!key.isEmpty()) {
        out.merge(key, Map.entry(term.getKey(), term.getValue()), RuleClassifier::stronger);
      }
    }
    return out;
  }

  /**
   * What a term matches as: its normalized form ({@link TextNormalizer}) with typographic
   * apostrophes and hyphens as plain ones ({@link TermAutomaton#fold}); empty for a term that
   * matches nothing.
   */
  public static String termKey(String term) {
    return TermAutomaton.fold(TextNormalizer.normalize(term));
  }

  /**
   * What a feed tag is compared by, the category's and the feed's alike: normalized as terms are
   * (NFKC, any case, Traditional as Simplified, spaces collapsed and trimmed). A Hong Kong feed's
   * "娛樂" is the "娱乐" a category lists, and "ＡＩ" is "AI"; compared as written (ASCII case
   * aside), they never matched, nor did a tag an admin listed with a stray space.
   */
  static String tagKey(String tag) {
    return tag == null ? "" : termKey(tag);
  }

  private static Map.Entry<String, Double> stronger(Map.Entry<String, Double> a, Map.Entry<String, Double> b) {
    int bySize = Double.compare(Math.abs(a.getValue()), Math.abs(b.getValue()));
    return bySize > 0 || bySize == 0 && a.getKey().compareTo(b.getKey()) <= 0 ? a : b;
  }

  /** The categories the rules assign to the entry ({@link #assigned}), best first. */
  public List<Assignment> classify(String title, String body, List<String> feedTags) {
    List<Assignment> scored = score(title, body, feedTags);
    return scored.stream().filter(a -> assigned(a, scored)).toList();
  }

  /**
   * Whether the rules assign a scored category: its score reaches its threshold, and no competing
   * category's score, measured in thresholds, is {@link #DOMINANCE} times its own or more. A
   * headline that matches sports strongly and entertainment weakly ("综艺咖" in a match report) is
   * a sports story; two strong matches keep both categories. A category that another outscores
   * must also stand on its own: matched in the title or by a feed tag, or {@link #DOMINANCE}
   * thresholds strong. A fashion article that names film stars in passing is fashion only.
   *
   * @param scored everything {@link #score} returned for the entry
   */
  public boolean assigned(Assignment a, List<Assignment> scored) {
    double threshold = threshold(a.slug());
    if (!(a.score() > 0) || a.score() < threshold) {
      return false;
    }
    double own = a.score() / threshold;
    boolean footing = own >= DOMINANCE || a.named();
    for (Assignment other : scored) {
      double theirs = other.score() / threshold(other.slug());
      if (!other.slug().equals(a.slug()) && (theirs >= DOMINANCE * own || !footing && theirs > own)) {
        return false;
      }
    }
    return true;
  }

  /** The threshold of a category, or infinity for one these rules do not know. */
  public double threshold(String slug) {
    for (CategoryDefinition c : categories) {
      if (c.slug().equals(slug)) {
        return c.threshold();
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  /**
   * Every category any rule matched, whatever its score (negative included), best first; {@link
   * #classify} keeps those that reach their threshold.
   */
  public List<Assignment> score(String title, String body, List<String> feedTags) {
    int n = categories.size();
    double[] scores = new double[n];
    List<List<String>> evidence = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      evidence.add(new ArrayList<>());
    }
    String normalizedTitle = TextNormalizer.normalize(title);
    // Most often normalized already (the match text, the stored text): normalize reads it once then.
    String normalizedBody = TextNormalizer.normalize(body);
    MatchedTerms matched = new MatchedTerms();
    List<Occurrence> inBody = new ArrayList<>();
    // The expressions' literals are looked for in the body as RequiredLiterals folds it, which
    // is nearly always the normalized body itself (fold answers the same string): then in the
    // pass that finds its terms.
    String foldedBody = patterns.isEmpty() ? null : RequiredLiterals.fold(normalizedBody);
    boolean[] bodyHolds = foldedBody != null && foldedBody == normalizedBody ? literals.none() : null;
    collect(normalizedTitle, true, matched, null, null);
    collect(normalizedBody, false, matched, inBody, bodyHolds);
    if (foldedBody != null && bodyHolds == null) {
      bodyHolds = literals.found(foldedBody);
    }
    countRepetitions(inBody, matched);
    double[] weakBody = new double[n];
    boolean[] named = new boolean[n];
    for (int m = 0; m < matched.size(); m++) {
      Target t = targetsById.get(matched.target(m));
      boolean inTitle = matched.factor(m) == TITLE_FACTOR;
      double s = t.weight() * matched.factor(m);
      int times = matched.times(m);
      boolean repeatedInBody = !inTitle && t.weight() > WEAK_WEIGHT && times >= REPEATED;
      if (repeatedInBody) {
        s *= REPEATED_FACTOR;
      }
      if (!inTitle && s > 0 && t.weight() <= WEAK_WEIGHT) {
        double room = Math.max(0, WEAK_BODY_CAP - weakBody[t.category()]);
        weakBody[t.category()] += s;
        s = Math.min(s, room);
        if (s <= 0) {
          continue;
        }
      }
      scores[t.category()] += s;
      named[t.category()] |= inTitle && s > 0;
      evidence.get(t.category()).add((inTitle ? "title:" : "body:") + t.term() + (repeatedInBody ? " x" + times : "") + " " + signed(s));
    }
    // Expressions read the normalized body, as terms do (the stored text an entry is categorized
    // by is normalized already).
    String foldedTitle = patterns.isEmpty() ? null : RequiredLiterals.fold(title);
    boolean[] titleHolds = patterns.isEmpty() ? null : literals.found(foldedTitle);
    boolean dotless = normalizedBody.indexOf('ı') >= 0;
    for (int k = 0; k < patterns.size(); k++) {
      CompiledPattern p = patterns.get(k);
      boolean inTitle = literals.mayMatch(k, titleHolds) && finds(p, p.pattern(), title == null ? "" : title, foldedTitle);
      if (inTitle || literals.mayMatch(k, bodyHolds) && finds(p, dotless ? p.pattern() : p.onNormalized(), normalizedBody, foldedBody)) {
        double s = p.weight() * (inTitle ? TITLE_FACTOR : 1.0);
        scores[p.category()] += s;
        named[p.category()] |= inTitle && s > 0;
        evidence.get(p.category()).add((inTitle ? "title:/" : "body:/") + p.pattern().pattern() + "/ " + signed(s));
      }
    }
    List<String> tagKeys = feedTags.isEmpty() ? List.of() : feedTags.stream().map(RuleClassifier::tagKey).toList();
    for (int i = 0; i < n; i++) {
      CategoryDefinition c = categories.get(i);
      for (int j = 0; j < tagKeys.size(); j++) {
        if (categoryTags.get(i).contains(tagKeys.get(j))) {
          scores[i] += c.threshold();
          named[i] = true;
          evidence.get(i).add("tag:" + feedTags.get(j) + " " + signed(c.threshold()));
          break;
        }
      }
    }
    List<Assignment> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!evidence.get(i).isEmpty()) {
        out.add(new Assignment(categories.get(i).slug(), round(scores[i]), evidence.get(i), named[i]));
      }
    }
    out.sort((a, b) -> Double.compare(b.score(), a.score()));
    return out;
  }

  /**
   * Whether {@code pattern} (a form of rule {@code rule}) finds a match in {@code text} within
   * {@link #MATCH_BUDGET}. An expression that runs past it (catastrophic backtracking on this
   * text) counts as not matching, and the first time it does so is logged with its category, so
   * that an admin can simplify it; the entry is categorized by everything else. So does one that
   * overflows the thread's stack: {@code java.util.regex} recurses once per repetition of a group
   * such as {@code (?:.|\n)*}, and the {@link StackOverflowError} of a long body would otherwise
   * fail the whole poll of its source, every time, or end a re-categorizing run. {@code folded} is
   * the text folded ({@link RequiredLiterals#fold}): a match is tried only where it may begin
   * ({@link MatchStarts}).
   */
  private boolean finds(CompiledPattern rule, Pattern pattern, String text, String folded) {
    AtomicInteger expired = slowPatterns.get(rule);
    if (expired != null && expired.get() >= SLOW_MATCHES_ALLOWED) {
      return false;
    }
    try {
      return rule.starts().find(pattern.matcher(new TimedText(text, MATCH_BUDGET.toNanos())), folded);
    } catch (TimedText.Expired e) {
      failed(rule, pattern, text, "ran past " + MATCH_BUDGET.toMillis() + " ms of CPU", "it backtracks too much, simplify it");
      return false;
    } catch (StackOverflowError e) {
      failed(rule, pattern, text, "overflowed the stack", "it repeats a group once per character, write [\\s\\S]* for (?:.|\\n)*");
      return false;
    }
  }

  private void failed(CompiledPattern rule, Pattern pattern, String text, String what, String advice) {
    int times = slowPatterns.computeIfAbsent(rule, r -> new AtomicInteger()).incrementAndGet();
    if (times == 1 || times == SLOW_MATCHES_ALLOWED) {
      LOG.warn("category {}: the expression /{}/ {} on a text of {} characters and counts as not matching{}; {}",
          categories.get(rule.category()).slug(), pattern.pattern(), what, text.length(),
          times == SLOW_MATCHES_ALLOWED ? ", here and from now on until the rules change" : "", advice);
    }
  }

  /** Where in the body a stronger or a negative term was found. */
  private record Occurrence(Target target, int start, int end) {}

  /**
   * Counts how many times the body names each stronger term ({@link MatchedTerms#repeat}), leaving
   * out the places where a negative term of the same category covers it: 农民工 three times is not
   * 农民 three times.
   */
  private static void countRepetitions(List<Occurrence> body, MatchedTerms matched) {
    List<Occurrence> negatives = body.stream().filter(o -> o.target().weight() < 0).toList();
    for (Occurrence o : body) {
      if (o.target().weight() <= WEAK_WEIGHT) {
        continue;
      }
      boolean covered = false;
      for (Occurrence n : negatives) {
        covered |= n.target().category() == o.target().category() && n.start() <= o.start() && n.end() >= o.end();
      }
      if (!covered) {
        matched.repeat(o.target().id());
      }
    }
  }

  /**
   * Records each target once with the factor of the best place it was seen: the title, the lead
   * (the first {@value #LEAD_CHARS} characters of the body) or later in the body.
   * With {@code occurrences}, also lists where each stronger or negative term was found; with
   * {@code holds}, the expressions' literals the text holds ({@link PatternLiterals#hit}).
   */
  private void collect(String text, boolean title, MatchedTerms matched, List<Occurrence> occurrences, boolean[] holds) {
    if (text.isEmpty()) {
      return;
    }
    int[] addresses = TermPlaces.addresses(text);
    automaton.scan(text, (term, start, end) -> {
      if (term >= termCount) {
        if (holds != null) {
          literals.hit(holds, text, term - termCount, start);
        }
        return;
      }
      if (addresses.length > 0 && TermPlaces.insideAddress(addresses, start)) {
        return;
      }
      for (Target t : targets.get(term)) {
        if (t.bounds() != 0 && !TermPlaces.bounded(t.bounds(), text, start, end)) {
          continue;
        }
        double factor = title ? TITLE_FACTOR : start < LEAD_CHARS ? 1.0 : LATE_FACTOR;
        matched.see(t.id(), factor);
        if (occurrences != null && (t.weight() > WEAK_WEIGHT || t.weight() < 0)) {
          occurrences.add(new Occurrence(t, start, end));
        }
      }
    });
  }

  /**
   * With its sign, to the hundredth the score is rounded to, one decimal when that says it all:
   * "+2.0", "-1.5", "+2.25" (a strong term named late and repeated: 3 x 0.5 x 1.5). To one
   * decimal always, the evidence of a score of 8.25 added up to 8.3, and a title term of weight 1.98
   * showed "+4.0" on an entry whose 3.96 missed a threshold of 4. String.format is slow for every
   * matched term.
   */
  static String signed(double v) {
    long hundredths = Math.round(Math.abs(v) * 100);
    String sign = v < 0 && hundredths > 0 ? "-" : "+";
    long cents = hundredths % 100;
    return sign + hundredths / 100 + "." + (cents % 10 == 0 ? String.valueOf(cents / 10) : cents < 10 ? "0" + cents : String.valueOf(cents));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
