package dev.syndic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.clean.TextNormalizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class RequiredLiteralsTest {

  private static List<Set<String>> groups(String regex) {
    return RequiredLiterals.of(regex).groups();
  }

  @Test
  void charactersFoldedWithoutLookUpHaveNoCase() {
    for (char c = RequiredLiterals.CASELESS_FROM; c <= RequiredLiterals.CASELESS_TO; c++) {
      assertEquals(c, Character.toLowerCase(Character.toUpperCase(c)), Integer.toHexString(c));
      assertEquals(String.valueOf(c), RequiredLiterals.fold(String.valueOf(c)));
    }
  }

  @Test
  void literalRunsBetweenClassesAndLookaroundsAreRequired() {
    assertEquals(List.of(Set.of("第"), Set.of("季")), groups("第[一二三四五六七八九十0-9]+季(?!度)"));
    assertEquals(List.of(Set.of("gpt")), groups("(?<![A-Za-z])GPT(?![A-Za-z])"));
    assertEquals(List.of(Set.of("a.i.")), groups("(?<![A-Za-z])A\\.I\\."));
    assertEquals(List.of(Set.of("s&p500", "s&p 500")), groups("S&P ?500"), "a single optional character keeps the run going");
  }

  @Test
  void everyBranchOfAGroupMustOfferALiteral() {
    // 养殖 holds 养: a text with none of 种, 养, 栽 cannot match, so the longer choices go.
    assertEquals(List.of(Set.of("种", "养", "栽"), Set.of("亩", "头")), groups("(种|养|栽|养殖|种植)了?[0-9一二三]+多?(亩|头)"));
    // What every branch starts with extends the run before the group; a digit class is ten choices.
    assertEquals(List.of(Set.of("season one", "season two", "season 0", "season 1", "season 2", "season 3", "season 4", "season 5",
        "season 6", "season 7", "season 8", "season 9")), groups("(?<![A-Za-z])season (one|two|[0-9]+)(?![A-Za-z0-9])"));
    assertEquals(List.of(Set.of("万亿", "千亿", "亿"), Set.of("参数")), groups("(万亿|千亿|[0-9.]+亿)(级)?参数"));
    assertEquals(List.of(Set.of("x", "y")), groups("x|y"));
  }

  @Test
  void startsAreWhatEveryMatchBeginsWith() {
    assertEquals(Set.of("种", "种了", "养", "养了", "栽", "栽了", "养殖", "养殖了", "种植", "种植了"),
        RequiredLiterals.of("(种|养|栽|养殖|种植)了?[0-9一二三四五六七八九十两几百千万]+多?(亩|头|株|棵)").starts());
    assertEquals(Set.of("gpt"), RequiredLiterals.of("(?<![A-Za-z])GPT(?![A-Za-z])").starts(), "a lookbehind matches no text");
    assertEquals(Set.of("b", "ab"), RequiredLiterals.of("a?b+c").starts());
    assertEquals(Set.of("x", "y"), RequiredLiterals.of("x|y").starts());
    assertEquals(Set.of("3g", "4g", "5g", "6g"), RequiredLiterals.of("[3456]G").starts());
    // Unknown: a large class, an optional start, a start that may be anything.
    for (String regex : List.of("[0-9一二三四五六七八九十两几百千万]+多?亩", "a*b", "(ab)*c", ".x", "^x", "x|.y", "\\d+年")) {
      assertEquals(Set.of(), RequiredLiterals.of(regex).starts(), regex);
    }
  }

  /** Whether every place where {@code pattern} matches in {@code t} begins with one of {@code starts}, folded. */
  private static boolean beginsWithAStart(Pattern pattern, Set<String> starts, String t) {
    if (starts.isEmpty()) {
      return true;
    }
    String folded = RequiredLiterals.fold(t);
    java.util.regex.Matcher m = pattern.matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
    for (int at = 0; at <= t.length(); at++) {
      int from = at;
      if (m.region(at, t.length()).lookingAt() && starts.stream().noneMatch(s -> folded.startsWith(s, from))) {
        return false;
      }
    }
    return true;
  }

  @Test
  void smallClassesAndLookaroundsKeepTheRunGoing() {
    assertEquals(List.of(Set.of("3g", "4g", "5g", "6g")), groups("(?<![A-Za-z0-9])[3456]G(?![A-Za-z0-9])"));
    assertEquals(List.of(Set.of("ai-model", "ai model", "ai-chip", "ai chip")), groups("(?<![A-Za-z])AI[- ](model|chip)s?(?![A-Za-z])"));
    assertEquals(List.of(Set.of("wi-fi 6", "wi-fi 7", "wifi 6", "wifi 7", "wi-fi6", "wi-fi7", "wifi6", "wifi7")), groups("Wi-?Fi ?[67]"));
    assertEquals(List.of(Set.of("ab")), groups("a(?!x)b"), "a lookahead matches no text");
    assertFalse(RequiredLiterals.of("(?<![A-Za-z])AI[- ](model|chip)").mayMatch(RequiredLiterals.fold("he said the model was new")));
  }

  @Test
  void aGroupOfLiteralsIsPartOfTheRunAroundIt() {
    RequiredLiterals prices = RequiredLiterals.of("(?<![A-Za-z])(hog|corn|grain)s? (futures|prices)(?![A-Za-z])");
    assertEquals(List.of(Set.of("hog futures", "hogs futures", "hog prices", "hogs prices", "corn futures", "corns futures",
        "corn prices", "corns prices", "grain futures", "grains futures", "grain prices", "grains prices")), prices.groups());
    assertFalse(prices.mayMatch(RequiredLiterals.fold("Corn growers saw fuel prices rise")), "the words apart cannot match");
    assertTrue(prices.mayMatch(RequiredLiterals.fold("Grain prices rose")));
    assertEquals(List.of(Set.of("万卡集群", "千卡集群", "万卡gpu集群", "千卡gpu集群", "万卡级", "千卡级", "万卡gpu级", "千卡gpu级")),
        groups("[万千]卡(GPU)?(集群|级)"), "an optional group of literals is one more choice");
    assertEquals(List.of(Set.of("ab", "cd"), Set.of("x")), groups("(ab|cd)+x"), "a repeated group ends the run");
    assertEquals(List.of(Set.of("ab", "ad")), groups("a(b.c|d)"), "so does one that holds more than literals: only what it starts with goes on");
  }

  @Test
  void optionalPartsRequireNothing() {
    assertEquals(List.of(Set.of("猪价涨", "猪价跌", "猪价格涨", "猪价格跌", "牛价涨", "牛价跌", "牛价格涨", "牛价格跌", "羊价涨", "羊价跌",
        "羊价格涨", "羊价格跌")), groups("(猪|[牛羊])价格?(涨|跌)"));
    assertEquals(List.of(Set.of("a")), groups("ab?c*(de)?f{0,2}"));
    assertEquals(List.of(Set.of("ab"), Set.of("cd")), groups("ab+(cd)+"));
    assertEquals(List.of(Set.of("a"), Set.of("b")), groups("a{1,3}b{2}"));
  }

  @Test
  void whatItCannotReadRequiresNothing() {
    for (String regex : List.of("\\d+年", "(?i)abc", "(?>abc)", "\\bfoo", "a\\Qb\\E", "(a)\\1", "[", "(ab", "ab)", "*a", "\\p{L}x")) {
      RequiredLiterals r = RequiredLiterals.of(regex);
      assertTrue(r.mayMatch(""), regex);
    }
    assertEquals(List.of(Set.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), Set.of("年")), groups("[0-9]+年"));
    assertEquals(List.of(Set.of("年")), groups("[0-9a-z]+年"), "a class of more than ten characters is skipped");
    assertEquals(List.of(Set.of("年")), groups("[^a]年"), "so is a negated one");
    assertEquals(List.of(Set.of("x")), groups("😀?x"));
    assertTrue(RequiredLiterals.of("😀x").mayMatch("x"), "a supplementary character is not required");
  }

  /** A blank ({@code \\s}) is one character the run cannot hold, as {@code .} is; not a reason to read nothing. */
  @Test
  void aBlankEndsTheRun() {
    assertEquals(List.of(Set.of("read"), Set.of("more")), groups("read\\s+more"));
    assertEquals(List.of(Set.of("continue"), Set.of("reading")), groups("\\s*continue\\s?reading\\s*$"));
    RequiredLiterals call = RequiredLiterals.of("(read\\s+(more|on)|continue\\s+reading)\\s*$");
    assertEquals(List.of(Set.of("read", "continue")), call.groups());
    assertTrue(call.mayMatch(RequiredLiterals.fold("Half a sentence. READ\tMORE")));
    assertFalse(call.mayMatch(RequiredLiterals.fold("The harvest ended early.")));
  }

  @Test
  void skipsOnlyTextsThatCannotMatch() {
    RequiredLiterals r = RequiredLiterals.of("(?<![0-9])天后");
    assertFalse(r.mayMatch(RequiredLiterals.fold("三天以后再说")));
    assertTrue(r.mayMatch(RequiredLiterals.fold("乐坛天后新专辑")));
    assertTrue(RequiredLiterals.of("GPT").mayMatch(RequiredLiterals.fold("new gPt model")));
    // Unicode case-insensitivity: the Kelvin sign is a k.
    assertTrue(Pattern.compile("kelvin", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher("\u212Aelvin").find());
    assertTrue(RequiredLiterals.of("kelvin").mayMatch(RequiredLiterals.fold("\u212Aelvin")));
  }

  /**
   * Never skips a text the expression matches: every expression of the shipped categories against
   * random texts drawn from its own characters, digits and a few others.
   */
  @Test
  @SuppressWarnings("unchecked")
  void neverSkipsAMatchOfAShippedExpression() throws Exception {
    Map<String, Object> file = new Yaml().load(Files.readString(Path.of("feeds/categories.yml")));
    List<String> regexes = new ArrayList<>();
    for (Map<String, Object> c : (List<Map<String, Object>>) file.get("categories")) {
      Map<String, Object> patterns = (Map<String, Object>) c.get("patterns");
      if (patterns != null) {
        regexes.addAll(patterns.keySet());
      }
    }
    assertTrue(regexes.size() >= 10, "the shipped categories have expressions");
    Random random = new Random(42);
    int matched = 0;
    int skipped = 0;
    for (String regex : regexes) {
      Pattern pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      RequiredLiterals required = RequiredLiterals.of(regex);
      String alphabet = regex.replaceAll("[\\\\()\\[\\]{}|?*+^$!<=]", "") + "0123456789一二三 .Kk\u212A";
      // Half the texts are single characters, half strung from the expression's own pieces: its
      // literal runs, and each character of its classes, so that long expressions match often.
      List<String> pieces = new ArrayList<>(List.of(" "));
      java.util.regex.Matcher classes = Pattern.compile("\\[\\^?([^\\]]*)\\]").matcher(regex);
      while (classes.find()) {
        classes.group(1).chars().forEach(ch -> pieces.add(String.valueOf((char) ch)));
      }
      for (String run : regex.replaceAll("\\[[^\\]]*\\]", "|").split("[\\\\()\\[\\]{}?*+|^$!<=,]+")) {
        if (!run.isEmpty()) {
          pieces.add(run);
        }
      }
      for (int i = 0; i < 6000; i++) {
        StringBuilder text = new StringBuilder();
        boolean strung = i % 2 == 0;
        int length = strung ? 1 + random.nextInt(5) : 1 + random.nextInt(12);
        for (int j = 0; j < length; j++) {
          text.append(strung ? pieces.get(random.nextInt(pieces.size())) : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
        }
        String t = random.nextBoolean() ? TextNormalizer.normalize(text.toString()) : text.toString();
        boolean finds = pattern.matcher(t).find();
        boolean may = required.mayMatch(RequiredLiterals.fold(t));
        if (finds) {
          matched++;
          assertTrue(may, () -> regex + " matches \"" + t + "\" but was skipped");
          assertTrue(beginsWithAStart(pattern, required.starts(), t), () -> regex + " matches \"" + t + "\" where none of its starts is");
        } else if (!may) {
          skipped++;
        }
      }
    }
    assertTrue(matched > 2000 && skipped > 1000, "the generated texts exercise both sides: matched " + matched + ", skipped " + skipped);
  }

  /**
   * Never skips a text made to match: for every shipped expression, texts generated from the
   * expression itself (each branch, class member and repetition count chosen at random), with a
   * little random text around them. Lookarounds are not generated, so some texts do not match;
   * those that do must never be skipped.
   */
  @Test
  @SuppressWarnings("unchecked")
  void neverSkipsTextsGeneratedFromAShippedExpression() throws Exception {
    Map<String, Object> file = new Yaml().load(Files.readString(Path.of("feeds/categories.yml")));
    Random random = new Random(7);
    int matched = 0;
    for (Map<String, Object> c : (List<Map<String, Object>>) file.get("categories")) {
      Map<String, Object> patterns = (Map<String, Object>) c.get("patterns");
      for (String regex : patterns == null ? List.<String>of() : patterns.keySet()) {
        Pattern pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        RequiredLiterals required = RequiredLiterals.of(regex);
        for (int i = 0; i < 300; i++) {
          String t = (random.nextBoolean() ? " " : "x") + new Sample(regex, random).alternation()
              + (random.nextBoolean() ? " " : "。");
          if (pattern.matcher(t).find()) {
            matched++;
            assertTrue(required.mayMatch(RequiredLiterals.fold(t)), () -> regex + " matches \"" + t + "\" but was skipped");
            assertTrue(beginsWithAStart(pattern, required.starts(), t), () -> regex + " matches \"" + t + "\" where none of its starts is");
          }
        }
      }
    }
    assertTrue(matched > 3000, "generated texts that match: " + matched);
  }

  /** Writes a random text an expression matches (its lookarounds aside). */
  private static final class Sample {
    private final String s;
    private final Random random;
    private int pos;

    Sample(String s, Random random) {
      this.s = s;
      this.random = random;
    }

    String alternation() {
      List<String> branches = new ArrayList<>();
      branches.add(sequence());
      while (pos < s.length() && s.charAt(pos) == '|') {
        pos++;
        branches.add(sequence());
      }
      return branches.get(random.nextInt(branches.size()));
    }

    private String sequence() {
      StringBuilder out = new StringBuilder();
      while (pos < s.length() && s.charAt(pos) != '|' && s.charAt(pos) != ')') {
        int start = pos;
        String unit;
        char c = s.charAt(pos);
        if (c == '(') {
          boolean lookaround = s.startsWith("(?=", pos) || s.startsWith("(?!", pos) || s.startsWith("(?<=", pos) || s.startsWith("(?<!", pos);
          pos += s.startsWith("(?:", pos) ? 3 : lookaround ? (s.charAt(pos + 2) == '<' ? 4 : 3) : 1;
          String inner = alternation();
          pos++; // )
          unit = lookaround ? "" : inner;
        } else if (c == '[') {
          int end = s.indexOf(']', pos + 2);
          String body = s.substring(pos + 1, end);
          pos = end + 1;
          unit = body.startsWith("^") ? "z" : member(body);
        } else if (c == '\\') {
          unit = String.valueOf(s.charAt(pos + 1));
          pos += 2;
        } else if (c == '.') {
          pos++;
          unit = "q";
        } else {
          pos++;
          unit = String.valueOf(c);
        }
        out.append(unit.repeat(count()));
        assertTrue(pos > start);
      }
      return out.toString();
    }

    private String member(String body) {
      List<Character> chars = new ArrayList<>();
      for (int i = 0; i < body.length(); i++) {
        if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
          for (char x = body.charAt(i); x <= body.charAt(i + 2); x++) {
            chars.add(x);
          }
          i += 2;
        } else {
          chars.add(body.charAt(i));
        }
      }
      return String.valueOf(chars.get(random.nextInt(chars.size())));
    }

    /** How many times the unit just read repeats, after its quantifier. */
    private int count() {
      if (pos >= s.length()) {
        return 1;
      }
      char q = s.charAt(pos);
      int n;
      if (q == '?') {
        n = random.nextInt(2);
      } else if (q == '*') {
        n = random.nextInt(3);
      } else if (q == '+') {
        n = 1 + random.nextInt(2);
      } else if (q == '{') {
        String bounds = s.substring(pos + 1, s.indexOf('}', pos));
        int min = Integer.parseInt(bounds.split(",")[0]);
        int max = bounds.contains(",") ? (bounds.endsWith(",") ? min + 2 : Integer.parseInt(bounds.split(",")[1])) : min;
        n = min + random.nextInt(max - min + 1);
        pos = s.indexOf('}', pos);
      } else {
        return 1;
      }
      pos++;
      if (pos < s.length() && (s.charAt(pos) == '?' || s.charAt(pos) == '+')) {
        pos++;
      }
      return n;
    }
  }
}
