package dev.syndic.clean;

import java.util.regex.Pattern;

/**
 * Recognises the republishing site's own calls to share or follow it: "分享到：微信 微博",
 * "点击上方蓝字关注我们", "长按识别二维码", "欢迎扫码关注我们的公众号", "Share this:", "Follow us on
 * Twitter". Only short lines, and only phrases that speak to the reader about the site: a story
 * may say that people can scan a QR code to sign up, or that shares fell.
 */
final class Promotion {

  private static final Pattern PHRASE = Pattern.compile(
      "(?i)^\\s*(分享到|分享至|点击分享|share\\s+(this|on|via)\\b|share\\s*[:：])"
          + "|(扫码|扫一扫|二维码|点击上方.{0,6}|欢迎|点击)\\s*关注|关注(我们|本号|公众号|微信公众号)|长按(识别|扫描)|微信扫一扫"
          + "|\\bfollow\\s+us\\b|\\bsubscribe\\s+to\\s+our\\s+(newsletter|channel)\\b");

  /** Longer than this, a line is a paragraph of the story, whatever it mentions. */
  private static final int MAX_CHARS = 80;

  private Promotion() {}

  static boolean is(String text) {
    return text.length() <= MAX_CHARS && mayHold(text) && PHRASE.matcher(text).find();
  }

  /**
   * False when the text holds none of what every branch of {@link #PHRASE} needs (分享, 关注, 长按,
   * 扫, or "share", "follow", "subscribe" in any case): most short lines are a story's, and the
   * expression would be tried at each of their positions.
   */
  private static boolean mayHold(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '分' || c == '关' || c == '长' || c == '扫'
          || ((c | 0x20) == 's' || (c | 0x20) == 'f') && (holdsAt(text, i, "share") || holdsAt(text, i, "follow")
              || holdsAt(text, i, "subscribe"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean holdsAt(String text, int at, String word) {
    return text.regionMatches(true, at, word, 0, word.length());
  }
}
