package dev.syndic.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syndic.clean.TextNormalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The candidate keys of an entry never change between versions: stored entries are found by the
 * keys they were given when they were stored, so a new version that computed other keys for the
 * same text would stop matching copies of everything stored before it. Pinned values.
 */
class CandidateKeysTest {

  private static final String ZH_TITLE = "农业农村部部署春耕生产 确保粮食面积稳定";
  private static final String ZH_BODY =
      "农业农村部近日召开会议，部署春季农业生产工作。会议指出，今年春耕备耕总体进展顺利，种子化肥农药等农资供应充足。\n"
          + "会议要求各地压实粮食安全责任，稳定粮食播种面积，加强高标准农田建设，抓好病虫害防治，确保夏粮丰收。\n"
          + "据了解，全国冬小麦长势总体较好，一类苗比例高于去年同期，南方早稻育秧工作即将展开。";
  private static final String EN_TITLE = "Farmers brace for a late spring as rain delays wheat planting";
  private static final String EN_BODY =
      "Heavy rain across the plains has delayed wheat planting by two weeks, farmers and agronomists said on Tuesday.\n"
          + "Fields remain too wet for machinery in much of the region, and seed suppliers report orders being pushed back.\n"
          + "The agriculture ministry said it expected most of the crop to be sown by the end of the month if the weather holds.";

  private static List<Long> keys(String title, String body, String link) {
    return CandidateKeys.of(Fingerprint.of(TextNormalizer.normalize(title), TextNormalizer.normalize(body), link));
  }

  @Test
  void keysOfAChineseStoryArePinned() {
    // title, link, three leading sentences, eight MinHash bands
    assertEquals(
        List.of(
            5316237389872089674L, 5590762019112967034L, -1417849307605059810L, 7975841458661103666L, -2814174770015953581L, 5154989584838479079L,
            -8739558223993201850L, -1415471493752042452L, 4836296810151385677L, -5059358413038187080L, -7773472311142190168L,
            8003668450847176204L, -7028364051159397150L, -361687978047868433L),
        keys(ZH_TITLE, ZH_BODY, "https://example.com/zh/1"));
  }

  @Test
  void keysOfAnEnglishStoryArePinned() {
    // title, three leading sentences, eight MinHash bands
    assertEquals(
        List.of(
            6353292145254544434L, 1869118708819190532L, -7393811192231584230L, 589023473624301101L, -1170422456168976444L, 5804078852604129902L,
            -303375315815376763L, 2793936721823903464L, -7726623763103336643L, 4310907088835350290L, 4287537940528898302L,
            4814004592028826083L),
        keys(EN_TITLE, EN_BODY, null));
  }
}
