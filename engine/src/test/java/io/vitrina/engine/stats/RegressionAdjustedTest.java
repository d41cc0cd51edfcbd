package io.vitrina.engine.stats;

import static io.vitrina.engine.stats.Figures.assertAgrees;
import static io.vitrina.engine.stats.Figures.assertEffect;
import static io.vitrina.engine.stats.Figures.assertRounds;
import static io.vitrina.engine.stats.Figures.effect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RegressionAdjustedTest {
  // RA_STATISTICS_DF of gbstats' tests/test_gbstats.py: variation "zero" is the control.
  private static final RegressionAdjusted GB_CONTROL =
      new RegressionAdjusted(new SampleMean(3001, 300, 600), new SampleMean(3001, 210, 415), -20);
  private static final RegressionAdjusted GB_TREATMENT =
      new RegressionAdjusted(new SampleMean(3000, 222, 555), new SampleMean(3000, 120, 405), -10);

  @Test
  void theRelativeCupedLiftIsGbstatsOwn() {
    Effect effect =
        effect(TwoSidedTest.fixedHorizon().compare(GB_CONTROL, GB_TREATMENT, Scale.RELATIVE));
    assertRounds(-0.281707154, effect.estimate().value(), 9, "relative lift");
    assertRounds(0.003732549, effect.pValue(), 9, "p-value");
    // The control's reported mean stays unadjusted, as gbstats' "cr".
    assertRounds(0.099966678, GB_CONTROL.mean(), 9, "control mean");
  }

  @Test
  void theRelativeCupedLiftOfProportionsIsGbstatsOwn() {
    RegressionAdjusted control =
        new RegressionAdjusted(new Proportion(3001, 300), new Proportion(3001, 210), -20);
    RegressionAdjusted treatment =
        new RegressionAdjusted(new Proportion(3000, 222), new Proportion(3000, 120), -10);
    Effect effect = effect(TwoSidedTest.fixedHorizon().compare(control, treatment, Scale.RELATIVE));
    assertRounds(-0.31620216, effect.estimate().value(), 8, "relative lift");
    assertRounds(0.000000353, effect.pValue(), 9, "p-value");
  }

  @Test
  void theSequentialCupedIntervalIsGbstatsOwn() {
    RegressionAdjusted control =
        new RegressionAdjusted(
            new SampleMean(3000, 1396.87, 52377.9767), new SampleMean(3000, 16.87, 527.9767), 1);
    RegressionAdjusted treatment =
        new RegressionAdjusted(
            new SampleMean(3461, 2422.7, 134698.29), new SampleMean(3461, 22.7, 1348.29), 1);
    Effect effect = effect(TwoSidedTest.sequential().compare(control, treatment, Scale.RELATIVE));
    assertEffect(effect, 0.50338, 0.33341, -0.50969, 1.51646, 1.0);
  }

  @Test
  void thetaIsPooledOverBothArmsAsGbstatsComputesIt() {
    double[] metric1 = {0.3, 0.5, 0.9, 22};
    double[] metric3 = {2, 1, 5, 3};
    RegressionAdjusted arm = RegressionAdjusted.EMPTY;
    for (int i = 0; i < 4; i++) {
      arm = arm.add(metric3[i], metric1[i]);
    }
    // gbstats' tests/test_shared_models.py, TestComputeTheta.
    assertRounds(0.01864, RegressionAdjusted.theta(arm, arm), 5, "theta");
  }

  /**
   * 300 shoppers an arm whose spend after exposure is 0.7 × their spend before plus noise, and 30
   * more in the treatment; the figures are gbstats' on the same shoppers' sums.
   */
  @Test
  void cupedBuiltFromShoppersMatchesGbstatsAndNarrowsTheInterval() {
    RegressionAdjusted control = spend(21, 300, 0);
    RegressionAdjusted treatment = spend(22, 300, 30);
    RegressionAdjusted.Adjustment adjustment = RegressionAdjusted.adjustment(control, treatment);
    assertAgrees(0.7158255992011092, adjustment.theta(), "theta");

    Effect absolute =
        effect(TwoSidedTest.fixedHorizon().compare(control, treatment, Scale.ABSOLUTE));
    assertAgrees(38.936757033665685, absolute.estimate().value(), "absolute");
    assertAgrees(9.466292383234746, absolute.estimate().standardError(), "absolute SE");
    assertAgrees(20.345276612418623, absolute.interval().low(), "absolute low");
    assertAgrees(57.52823745491275, absolute.interval().high(), "absolute high");
    assertAgrees(4.452782437214253e-05, absolute.pValue(), "absolute p");
    assertAgrees(593.8952286500192, absolute.inference().degreesOfFreedom(), "dof");

    Effect relative =
        effect(TwoSidedTest.fixedHorizon().compare(control, treatment, Scale.RELATIVE));
    assertAgrees(0.07234558916306959, relative.estimate().value(), "relative");
    assertAgrees(0.01842407468796226, relative.estimate().standardError(), "relative SE");
    assertAgrees(0.03616132504214698, relative.interval().low(), "relative low");
    assertAgrees(0.1085298532839922, relative.interval().high(), "relative high");
    assertAgrees(9.622642011031246e-05, relative.pValue(), "relative p");

    Effect sequential =
        effect(TwoSidedTest.sequential().compare(control, treatment, Scale.RELATIVE));
    assertAgrees(0.0042654024308826505, sequential.interval().low(), "sequential low");
    assertAgrees(0.1404257758952565, sequential.interval().high(), "sequential high");
    assertAgrees(0.03251343147411868, sequential.pValue(), "sequential p");

    // Without the covariate (gbstats on the post sums alone): SE 19.5277 instead of 9.4663.
    Effect unadjusted =
        effect(
            TwoSidedTest.fixedHorizon()
                .compare(
                    (SampleMean) control.post(), (SampleMean) treatment.post(), Scale.ABSOLUTE));
    assertAgrees(19.527709640862415, unadjusted.estimate().standardError(), "unadjusted SE");
    double removed = 1 - Math.pow(9.466292383234746 / 19.527709640862415, 2);
    assertAgrees(removed, adjustment.varianceReduction(), "variance reduction");
    assertTrue(adjustment.varianceReduction() > 0.7, "reduction " + adjustment.varianceReduction());
  }

  @Test
  void aCovariateWithoutVarianceLeavesTheMetricUnadjusted() {
    RegressionAdjusted control = RegressionAdjusted.EMPTY.add(1, 0).add(3, 0).add(8, 0);
    RegressionAdjusted treatment = RegressionAdjusted.EMPTY.add(2, 0).add(5, 0).add(9, 0);
    assertEquals(
        new RegressionAdjusted.Adjustment(0, 0), RegressionAdjusted.adjustment(control, treatment));
    Effect plain =
        effect(
            TwoSidedTest.fixedHorizon()
                .compare(SampleMean.of(1, 3, 8), SampleMean.of(2, 5, 9), Scale.RELATIVE));
    Effect adjusted =
        effect(TwoSidedTest.fixedHorizon().compare(control, treatment, Scale.RELATIVE));
    assertAgrees(plain.estimate().value(), adjusted.estimate().value(), "estimate");
    assertAgrees(plain.estimate().standardError(), adjusted.estimate().standardError(), "SE");
    assertAgrees(plain.pValue(), adjusted.pValue(), "p-value");
  }

  @Test
  void aCovariateOfAnotherKindOrOverOtherShoppersIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RegressionAdjusted(SampleMean.of(1, 0), new Proportion(2, 1), 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RegressionAdjusted(SampleMean.of(1, 0), SampleMean.of(1), 0));
  }

  /** Spend after exposure of n shoppers from their spend before, drawn as the reference does. */
  static RegressionAdjusted spend(long seed, int n, double lift) {
    Lcg random = new Lcg(seed);
    RegressionAdjusted arm = RegressionAdjusted.EMPTY;
    for (int i = 0; i < n; i++) {
      double before = 1000 * random.next();
      double after = 0.7 * before + 400 * random.next() + lift;
      arm = arm.add(after, before);
    }
    return arm;
  }
}
