package dev.syndic.clean;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a byline or source line: "来源：新华社", "记者 张三", "Source: Reuters", "Reporting by
 * Jane Doe", "By Jane Doe and John Smith, Reuters". WordPress's "The post … appeared first on …" is
 * {@link WordPressFooter}'s.
 */
final class Byline {

  // A Chinese label takes a colon or a space before the name ("来源：新华社", "记者 张三"); an
  // English one a space ("Source: Reuters", "Written by Jane"), so that "Sourcery ..." is not one.
  private static final Pattern LABELLED = Pattern.compile(
      "(?i)^\\s*((来源|作者|编辑|责任编辑|记者|本文转自|转自|原标题|文章来源)\\s*([:：]\\s*|\\s+)"
          + "|(source|posted by|written by|reporting by)\\s*[:：]?\\s+)\\S.{0,60}$");

  // "By" also starts sentences ("By 2030, half of ...", "By then, the damage was done."), so what
  // follows it must read as names: capitalised words (initials, particles such as "van" between
  // them), joined by commas, "and" or "&", perhaps "in" a place or "for" a paper, perhaps a role
  // after a comma. No digits, no sentence punctuation.
  private static final String WORD = "((Jr|Sr)\\.|(\\p{Lu}\\.)+|\\p{Lu}[\\p{L}\\p{M}'’-]*)";
  private static final String NAME = WORD + "((\\s+(de|da|del|della|di|du|van|von|der|den|la|le|bin|al|ibn))?\\s+" + WORD + "){0,3}";
  private static final String JOIN = "(\\s*,\\s*|\\s+)(and|&)\\s+|\\s*,\\s*|\\s+(in|for)\\s+";
  private static final String ROLE =
      "(\\s*,\\s*((staff|senior|special|chief|contributing)\\s+)?(writer|reporter|correspondent|editor|contributor|columnist))?";
  private static final Pattern BY = Pattern.compile("^\\s*(?i:by)\\s*[:：]?\\s+" + NAME + "((" + JOIN + ")" + NAME + "){0,4}" + ROLE + "\\s*$");

  // A republisher often puts its byline before the story's first words in one paragraph: "来源：央视新闻客户端
  // 藏粤直流输电工程今天启动建设", "本文转自央视网 记者从交通运输部了解到，…". The label, a name without blanks,
  // then a blank.
  private static final Pattern LEADING = Pattern.compile(
      "^[\\s\\u00A0\\u3000]*((来源|作者|编辑|责任编辑|记者|文章来源)\\s*[:：]\\s*|(本文转自\\s*[:：]?|转自\\s*[:：])\\s*)[^\\s\\u00A0\\u3000:：]{1,20}[\\s\\u00A0\\u3000]+(?=\\S)");
  /** Six Chinese characters in a row: a headline's or a sentence's, not a name list's or a date's. */
  private static final Pattern STORY_WORDS = Pattern.compile("\\p{IsHan}{6}");

  /** What ends or splits a sentence, and no list of names has. */
  private static final Pattern SENTENCE_MARK = Pattern.compile("[。？！；?!]");

  /** Longer than this, a line is a sentence whatever its words. */
  private static final int MAX_CHARS = 100;

  private Byline() {}

  static boolean is(String text) {
    return text.length() <= MAX_CHARS && (isLabelled(text) || BY.matcher(text).matches());
  }

  /**
   * Whether a label names who or where the story is from. What follows it is names ("记者：张三 李四",
   * "记者 张三 通讯员 李四", "来源：新华社"), not a sentence or a question: "记者：您怎么看今年的粮价？" is
   * the reporter's question in an interview. An original title (原标题) may be either.
   */
  private static boolean isLabelled(String text) {
    Matcher m = LABELLED.matcher(text);
    return m.matches() && ("原标题".equals(m.group(2)) || !SENTENCE_MARK.matcher(text).region(m.end(1), text.length()).find());
  }

  /**
   * The length of the Chinese byline {@code text} starts with when the story goes on after it in
   * the same paragraph; 0 when it does not start with one, or only names, dates or another byline
   * follow ("作者：刘洋 来源：互联网").
   */
  static int leadingEnd(String text) {
    Matcher m = LEADING.matcher(text);
    if (!m.find()) {
      return 0;
    }
    String rest = text.substring(m.end()).strip();
    // A question after "记者：" is the reporter's, in an interview: the paragraph is the story's.
    return is(rest) || !STORY_WORDS.matcher(rest).find() || rest.endsWith("？") || rest.endsWith("?") ? 0 : m.end();
  }
}
