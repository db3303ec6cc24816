package dev.syndic.clean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromotionTest {

  /**
   * A line is looked for the words every phrase needs before the expression runs: each phrase,
   * in any case, still gets through.
   */
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"分享到：微信 微博", "点击分享", "点击上方蓝字关注我们", "长按识别二维码", "微信扫一扫", "欢迎扫码关注我们的公众号",
      "关注本号", "Share this:", "SHARE ON Facebook", "share via email", "Share：", "Follow Us on Twitter", "FOLLOW US",
      "Subscribe to our Newsletter", "SUBSCRIBE TO OUR CHANNEL"})
  void everyPhraseIsFoundInAnyCase(String line) {
    assertTrue(Promotion.is(line));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"", "正文第一段。", "Shares fell 3%.", "The followers left.", "市民可扫描二维码报名参加活动。",
      "Subscribers to our paper", "ſhare this:"})
  void aLineWithoutOneIsNone(String line) {
    assertFalse(Promotion.is(line));
  }
}
