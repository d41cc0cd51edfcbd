package io.vitrina.engine.stats;

import static io.vitrina.engine.stats.Figures.assertAgrees;
import static io.vitrina.engine.stats.Figures.assertRounds;
import static io.vitrina.engine.stats.Figures.effect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RatioTest {

  @Test
  void theRelativeLiftOfARatioIsGbstatsOwn() {
    // RATIO_STATISTICS_DF of gbstats' tests/test_gbstats.py (its sums are synthetic: the
    // denominator's own variance comes out negative, the delta-method variance does not).
    Ratio control =
        new Ratio(new SampleMean(100, 270, 848.79), new SampleMean(100, 510, 810), -900);
    Ratio treatment = new Ratio(new SampleMean(120, 300, 869), new SampleMean(120, 500, 800), -905);
    assertRounds(0.529411765, control.mean(), 9, "control ratio");
    assertRounds(0.6, treatment.mean(), 9, "treatment ratio");
    Effect effect = effect(TwoSidedTest.fixedHorizon().compare(control, treatment, Scale.RELATIVE));
    assertRounds(0.133333333, effect.estimate().value(), 9, "relative lift");
    assertRounds(0.610663339, effect.pValue(), 9, "p-value");
  }

  /**
   * Average order value (revenue / orders per shopper) over 400 shoppers an arm, built unit by
   * unit; the figures are gbstats' {@code TwoSidedTTest} on the same shoppers' sums.
   */
  @Test
  void averageOrderValueBuiltFromShoppersMatchesGbstatsOnTheSameShoppers() {
    Ratio control = averageOrderValue(11, 400);
    Ratio treatment = averageOrderValue(12, 400);
    assertAgrees(1265.5582185314888, control.mean(), "control AOV");
    assertAgrees(282767.3872874696, control.variance(), "control delta-method variance");
    assertAgrees(305721.2448672913, treatment.variance(), "treatment delta-method variance");

    Effect absolute =
        effect(TwoSidedTest.fixedHorizon().compare(control, treatment, Scale.ABSOLUTE));
    assertAgrees(-10.7536440175993, absolute.estimate().value(), "absolute");
    assertAgrees(38.35650636315698, absolute.estimate().standardError(), "absolute SE");
    assertAgrees(-86.04538436384357, absolute.interval().low(), "absolute low");
    assertAgrees(64.53809632864497, absolute.interval().high(), "absolute high");
    assertAgrees(0.7792738181311676, absolute.pValue(), "absolute p");
    assertAgrees(796.7877899516444, absolute.inference().degreesOfFreedom(), "dof");

    Effect relative =
        effect(TwoSidedTest.fixedHorizon().compare(control, treatment, Scale.RELATIVE));
    assertAgrees(-0.00849715474178459, relative.estimate().value(), "relative");
    assertAgrees(0.03018450555760373, relative.estimate().standardError(), "relative SE");
    assertAgrees(-0.06774770100910148, relative.interval().low(), "relative low");
    assertAgrees(0.05075339152553229, relative.interval().high(), "relative high");
    assertAgrees(0.7783945208716394, relative.pValue(), "relative p");
  }

  @Test
  void theCovarianceIsTheSampleCovarianceOfTheShoppersValues() {
    double[] revenue = {0.3, 0.5, 0.9, 22};
    double[] orders = {2, 1, 5, 3};
    Ratio ratio = Ratio.EMPTY;
    for (int i = 0; i < revenue.length; i++) {
      ratio = ratio.add(revenue[i], orders[i]);
    }
    double meanR = (0.3 + 0.5 + 0.9 + 22) / 4;
    double meanO = (2 + 1 + 5 + 3) / 4.0;
    double covariance = 0;
    for (int i = 0; i < revenue.length; i++) {
      covariance += (revenue[i] - meanR) * (orders[i] - meanO) / 3;
    }
    assertEquals(covariance, ratio.covariance(), 1e-12);
    assertEquals((0.3 + 0.5 + 0.9 + 22) / 11, ratio.mean(), 1e-12);
  }

  @Test
  void aRatioWithoutDenominatorHasNeitherMeanNorVariance() {
    Ratio noOrders = Ratio.EMPTY.add(0, 0).add(0, 0).add(0, 0);
    assertEquals(0, noOrders.mean());
    assertEquals(0, noOrders.variance());
    assertEquals(
        new Outcome.NotComputable(Outcome.Reason.NO_DENOMINATOR),
        TwoSidedTest.fixedHorizon().compare(noOrders, averageOrderValue(12, 50), Scale.RELATIVE));
  }

  @Test
  void componentsOverDifferentShoppersAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Ratio(SampleMean.of(1, 2), SampleMean.of(1, 2, 3), 0));
  }

  /** Revenue / orders of n shoppers with 0–3 orders each, drawn as the reference script does. */
  static Ratio averageOrderValue(long seed, int n) {
    Lcg random = new Lcg(seed);
    Ratio ratio = Ratio.EMPTY;
    for (int i = 0; i < n; i++) {
      int orders = (int) (random.next() * 3.2);
      double revenue = orders * (500 + 1500 * random.next());
      ratio = ratio.add(revenue, orders);
    }
    return ratio;
  }
}
