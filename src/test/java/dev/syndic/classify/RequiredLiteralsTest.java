package dev.syndic.classify;

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
  void literalRunsBetweenClassesAndLookaroundsAreRequired() {
    assertEquals(List.of(Set.of("第"), Set.of("季")), groups("第[一二三四五六七八九十0-9]+季(?!度)"));
    assertEquals(List.of(Set.of("gpt")), groups("(?<![A-Za-z])GPT(?![A-Za-z])"));
    assertEquals(List.of(Set.of("a.i.")), groups("(?<![A-Za-z])A\\.I\\."));
    assertEquals(List.of(Set.of("s&p"), Set.of("500")), groups("S&P ?500"));
  }

  @Test
  void everyBranchOfAGroupMustOfferALiteral() {
    assertEquals(List.of(Set.of("种", "养", "栽", "养殖", "种植"), Set.of("亩", "头")), groups("(种|养|栽|养殖|种植)了?[0-9一二三]+多?(亩|头)"));
    // One branch is a class only: the group requires nothing, the rest still does.
    assertEquals(List.of(Set.of("season ")), groups("(?<![A-Za-z])season (one|two|[0-9]+)(?![A-Za-z0-9])"));
    assertEquals(List.of(Set.of("万亿", "千亿", "亿"), Set.of("参数")), groups("(万亿|千亿|[0-9.]+亿)(级)?参数"));
    assertEquals(List.of(Set.of("x", "y")), groups("x|y"));
  }

  @Test
  void optionalPartsRequireNothing() {
    assertEquals(List.of(Set.of("价"), Set.of("涨", "跌")), groups("(猪|[牛羊])价格?(涨|跌)"));
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
    assertEquals(List.of(Set.of("年")), groups("[0-9]+年"));
    assertEquals(List.of(Set.of("x")), groups("😀?x"));
    assertTrue(RequiredLiterals.of("😀x").mayMatch("x"), "a supplementary character is not required");
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
      for (int i = 0; i < 3000; i++) {
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(12);
        for (int j = 0; j < length; j++) {
          text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        String t = random.nextBoolean() ? TextNormalizer.normalize(text.toString()) : text.toString();
        boolean finds = pattern.matcher(t).find();
        boolean may = required.mayMatch(RequiredLiterals.fold(t));
        if (finds) {
          matched++;
          assertTrue(may, () -> regex + " matches \"" + t + "\" but was skipped");
        } else if (!may) {
          skipped++;
        }
      }
    }
    assertTrue(matched > 0 && skipped > 1000, "the generated texts exercise both sides: matched " + matched + ", skipped " + skipped);
  }
}
